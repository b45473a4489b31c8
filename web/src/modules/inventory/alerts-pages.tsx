import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Tabs, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { api, errorMessage } from '../../app/api.ts';
import { useCan } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.tsx';
import { DateTime } from '../../components/format.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { ServerTable, useListParams } from '../../components/server-table.tsx';
import { applyFormErrors } from '../../components/form-errors.ts';
import { ProductPicker } from '../products/product-picker.tsx';
import {
  invalidateStock, purchaseSourceLabels, purchaseStatusLabels, PurchaseStatusTag, qty, StockQty, WarehouseSelect,
  type BatchOut, type PurchaseRequestOut, type PurchaseStatus, type ReplenishmentOut,
} from './shared.tsx';

type LowRow = { key: string; warehouseId: number; warehouseName: string; productId: number; productCode: string; productName: string; spec: string | null; unit: string; packUnit: string | null; packSize: number | null; onHand: number; reserved: number; available: number; safetyStock: number; shortBy: number };
type Draft = { productId: number; warehouseId: number; quantity: number; sourceType: 'replenishment' | 'manual'; label?: string };

/** Raise a purchase request 请购单 (from a suggestion, or by hand). */
function RaiseModal({ draft, onClose }: { draft: Draft | 'new' | null; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ productId: number; warehouseId: number; quantity: number; reason?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fixed = draft !== null && draft !== 'new';
  const submit = async (v: { productId: number; warehouseId: number; quantity: number; reason?: string }) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<PurchaseRequestOut>('/api/purchase-requests', { ...v, reason: v.reason?.trim() || null, sourceType: fixed ? draft.sourceType : 'manual' });
      invalidateStock(qc);
      message.success(t('inv.raised', { number: r.number }));
      onClose();
    } catch (e) {
      const rest = applyFormErrors(form, e);
      setError([errorMessage(e), ...rest].join('；'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={draft !== null} title={t('inv.raiseTitle')} onCancel={onClose} onOk={() => form.submit()} okText={t('inv.raise')} cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {fixed && draft.label && <Typography.Paragraph>{draft.label}</Typography.Paragraph>}
      <Form name="raise" form={form} layout="vertical" onFinish={submit} preserve={false} initialValues={fixed ? { productId: draft.productId, warehouseId: draft.warehouseId, quantity: draft.quantity } : {}}>
        <Form.Item name="productId" label={t('inv.product')} hidden={fixed} rules={[{ required: true, message: t('common.required', { field: t('inv.product') }) }]} getValueFromEvent={(p) => p?.id ?? null}>
          <ProductPicker />
        </Form.Item>
        <Form.Item name="warehouseId" label={t('inv.warehouse')} hidden={fixed} rules={[{ required: true, message: t('common.required', { field: t('inv.warehouse') }) }]}>
          <WarehouseSelect style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="quantity" label={t('inv.quantity')} rules={[{ required: true, message: t('common.required', { field: t('inv.quantity') }) }]}>
          <InputNumber min={1} max={1_000_000_000} precision={0} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="reason" label={t('inv.reason')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 库存预警: below safety stock, batches near expiry, replenishment suggestions with 请购. */
export function AlertsPage() {
  const t = useT();
  const can = useCan();
  const { params, set } = useListParams();
  const tab = params.tab ?? 'low';
  // the company's alert days (settings) unless the user asks for others
  const [companyDays, setCompanyDays] = useState<number | null>(null);
  const days = params.days ? Number(params.days) : companyDays;
  const [draft, setDraft] = useState<Draft | 'new' | null>(null);
  const mayRaise = can('purchase.request');
  const productCell = (v: string, r: { productId: number; productCode: string; warehouseId: number; spec: string | null }) => (
    <Link to={`/stock/ledger?productId=${r.productId}&warehouseId=${r.warehouseId}`}>{`${r.productCode} ${v}${r.spec ? ` ${r.spec}` : ''}`}</Link>
  );
  const lowColumns: ColumnsType<LowRow> = [
    { title: t('inv.product'), dataIndex: 'productName', render: productCell },
    { title: t('inv.warehouse'), dataIndex: 'warehouseName', width: 130 },
    { title: t('inv.onHand'), dataIndex: 'onHand', width: 100, align: 'right', render: (v: number, r) => <StockQty n={v} packing={r} /> },
    { title: t('inv.available'), dataIndex: 'available', width: 100, align: 'right', render: (v: number, r) => <StockQty n={v} packing={r} withUnit={false} /> },
    { title: t('inv.safetyStock'), dataIndex: 'safetyStock', width: 100, align: 'right', render: (v: number) => qty(v) },
    { title: t('inv.shortBy'), dataIndex: 'shortBy', width: 90, align: 'right', render: (v: number) => <Typography.Text type="danger">{qty(v)}</Typography.Text> },
  ];
  const expColumns: ColumnsType<BatchOut> = [
    { title: t('inv.product'), dataIndex: 'productName', render: productCell },
    { title: t('inv.warehouse'), dataIndex: 'warehouseName', width: 130 },
    { title: t('inv.batchNo'), dataIndex: 'batchNo', width: 120, render: (v: string) => v || '—' },
    { title: t('inv.expiryDate'), dataIndex: 'expiryDate', width: 110 },
    { title: t('inv.daysToExpiry'), dataIndex: 'daysToExpiry', width: 130, render: (v: number | null) => (v === null ? '—' : v < 0 ? <Typography.Text type="danger">{t('inv.expired', { days: -v })}</Typography.Text> : <Typography.Text type="warning">{t('inv.daysLeft', { days: v })}</Typography.Text>) },
    { title: t('inv.onHand'), dataIndex: 'onHand', width: 100, align: 'right', render: (v: number, r) => <StockQty n={v} packing={r} /> },
  ];
  // the columns fit a 1366-wide screen (1070 px of table) so that 请购 is in view; the product is cut
  // with … (whole on hover); on a narrower screen 请购 stays fixed at the right
  const repColumns: ColumnsType<ReplenishmentOut> = [
    { title: t('inv.product'), dataIndex: 'productName', width: 240, ellipsis: true, render: productCell },
    { title: t('inv.warehouse'), dataIndex: 'warehouseName', width: 90, ellipsis: true },
    { title: t('inv.onHand'), dataIndex: 'onHand', width: 90, align: 'right', render: (v: number, r) => <StockQty n={v} packing={r} /> },
    { title: t('inv.reserved'), dataIndex: 'reserved', width: 85, align: 'right', render: (v: number) => qty(v) },
    { title: t('inv.incoming'), dataIndex: 'incoming', width: 110, align: 'right', render: (v: number) => qty(v) },
    { title: t('inv.projected'), dataIndex: 'projected', width: 85, align: 'right', render: (v: number) => qty(v) },
    { title: t('inv.safetyStock'), dataIndex: 'safetyStock', width: 80, align: 'right', render: (v: number) => qty(v) },
    { title: t('inv.targetStock'), dataIndex: 'targetStock', width: 80, align: 'right', render: (v: number) => qty(v) },
    { title: t('inv.suggested'), dataIndex: 'suggested', width: 100, align: 'right', render: (v: number, r) => <StockQty n={v} packing={r} style={{ fontWeight: 600 }} /> },
    ...(mayRaise
      ? [{
          title: t('common.actions'), key: 'actions', width: 80, fixed: 'right' as const, // 请购, or Request in English
          render: (_: unknown, r: ReplenishmentOut) => (
            <Button size="small" type="link" onClick={() => setDraft({ productId: r.productId, warehouseId: r.warehouseId, quantity: r.suggested, sourceType: 'replenishment', label: `${r.productCode} ${r.productName} · ${r.warehouseName}` })}>{t('inv.raise')}</Button>
          ),
        }]
      : []),
  ];
  const filters = (
    <Space wrap>
      <Input.Search allowClear defaultValue={params.q} placeholder={t('inv.searchProduct')} style={{ width: 240 }} onSearch={(v) => set({ q: v.trim() || null })} />
      <WarehouseSelect value={params.warehouseId ? Number(params.warehouseId) : null} onChange={(v) => set({ warehouseId: v })} />
      {tab === 'expiring' && (
        <Space>
          <span>{t('inv.expiringDays')} ≤</span>
          <InputNumber min={0} max={3650} value={days} placeholder="30" onChange={(v) => set({ days: v === null ? null : String(v) })} style={{ width: 90 }} />
        </Space>
      )}
    </Space>
  );
  return (
    <PageFrame title={t('inv.alerts')} subtitle={t('inv.alerts.sub')} extra={mayRaise && <Button icon={<PlusOutlined aria-hidden />} onClick={() => setDraft('new')}>{t('inv.purchase.new')}</Button>}>
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k })}
        items={[
          { key: 'low', label: t('inv.alerts.low'), children: tab === 'low' && <ServerTable<LowRow> endpoint="/api/stock/alerts/low" rowKey="key" columns={lowColumns} filterKeys={['q', 'warehouseId']} toolbar={filters} /> },
          {
            key: 'expiring', label: t('inv.alerts.expiring'),
            children: tab === 'expiring' && (
              <ServerTable<BatchOut> endpoint="/api/stock/alerts/expiring" columns={expColumns} filterKeys={['q', 'warehouseId', 'days']} toolbar={filters} onLoaded={(p) => !params.days && setCompanyDays((p as unknown as { days: number }).days)} />
            ),
          },
          { key: 'replenish', label: t('inv.alerts.replenish'), children: tab === 'replenish' && <ServerTable<ReplenishmentOut> endpoint="/api/stock/replenishment" rowKey="key" columns={repColumns} scroll={{ x: repColumns.reduce((sum, c) => sum + Number(c.width ?? 0), 0) }} filterKeys={['q', 'warehouseId']} toolbar={filters} /> },
        ]}
      />
      <RaiseModal key={draft === null ? 'closed' : draft === 'new' ? 'new' : `${draft.productId}-${draft.warehouseId}`} draft={draft} onClose={() => setDraft(null)} />
    </PageFrame>
  );
}

/** At most two lines of a cell, cut with … (whole on hover): a fixed-width column keeps its width. */
const twoLines = { display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden', overflowWrap: 'anywhere' } as const;

/** 请购单: open → ordered → closed, or void with a reason. */
export function PurchaseRequestsPage() {
  const t = useT();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { params, set } = useListParams();
  const [draft, setDraft] = useState<'new' | null>(null);
  const [voiding, setVoiding] = useState<PurchaseRequestOut | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const may = can('purchase.request');
  const act = async (call: () => Promise<unknown>, done: string) => {
    setError(null);
    try {
      await call();
      invalidateStock(qc);
      message.success(done);
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    }
  };
  const columns: ColumnsType<PurchaseRequestOut> = [
    // the columns fit a 1366-wide screen at their widths (fixed layout: a long reason is cut with …, so the
    // 操作 column, fixed at the right, covers none of them — it hid 请购人 once a void reason was long)
    // the product and the reason take two lines (as 请购人 does) rather than being cut after four characters
    { title: t('inv.number'), dataIndex: 'number', width: 125, render: (v: string, r) => <span style={r.status === 'void' ? { color: '#999', textDecoration: 'line-through' } : undefined}>{v}</span> },
    {
      title: t('inv.product'), dataIndex: 'productName', width: 170,
      render: (v: string, r) => (
        <div title={`${r.productCode} ${v}${r.spec ? ` ${r.spec}` : ''}`} style={twoLines}>
          {v}{r.spec && <Typography.Text type="secondary"> {r.spec}</Typography.Text>}
          <br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.productCode}</Typography.Text>
        </div>
      ),
    },
    { title: t('inv.warehouse'), dataIndex: 'warehouseName', width: 80, ellipsis: true },
    { title: t('inv.quantity'), dataIndex: 'quantity', width: 85, align: 'right', render: (v: number, r) => qty(v, r.unit) },
    { title: t('common.status'), dataIndex: 'status', width: 70, render: (v: PurchaseStatus) => <PurchaseStatusTag status={v} /> },
    { title: t('inv.purchase.source'), dataIndex: 'sourceType', width: 95, render: (v: string | null, r) => <span>{v && v in purchaseSourceLabels ? t.l(purchaseSourceLabels[v as keyof typeof purchaseSourceLabels]) : v ?? '—'}{r.sourceNo ? <> · <Link to={`/orders/${r.sourceId}`}>{r.sourceNo}</Link></> : null}</span> },
    {
      title: t('inv.reason'), dataIndex: 'reason', width: 110,
      render: (v: string | null, r) => {
        const text = r.status === 'void' ? `${t('inv.voided')}${t.locale === 'en-US' ? ': ' : '：'}${r.voidReason ?? ''}` : v ?? '';
        return <div title={text} style={twoLines}>{r.status === 'void' ? <Typography.Text type="danger">{text}</Typography.Text> : text}</div>;
      },
    },
    { title: t('inv.purchase.requestedBy'), dataIndex: 'requestedByName', width: 120, render: (v: string, r) => <span>{v}<br /><Typography.Text type="secondary" style={{ fontSize: 12 }}><DateTime value={r.createdAt} /></Typography.Text></span> },
    ...(may
      ? [{
          title: t('common.actions'), key: 'actions', width: 215, fixed: 'right' as const,
          render: (_: unknown, r: PurchaseRequestOut) => (
            <Space size={0}>
              {r.status === 'open' && (
                // a step that does not go back: asked first, as closing is
                <Popconfirm title={t('inv.purchase.orderedConfirm')} onConfirm={() => act(() => api.post(`/api/purchase-requests/${r.id}/ordered`, { version: r.version }), t('inv.purchase.orderedDone'))}>
                  <Button size="small" type="link">{t('inv.purchase.ordered')}</Button>
                </Popconfirm>
              )}
              {(r.status === 'open' || r.status === 'ordered') && (
                <>
                  <Popconfirm title={t('inv.purchase.closeConfirm')} onConfirm={() => act(() => api.post(`/api/purchase-requests/${r.id}/close`, { version: r.version }), t('inv.purchase.closedDone'))}>
                    <Button size="small" type="link">{t('inv.purchase.close')}</Button>
                  </Popconfirm>
                  <Button size="small" type="link" danger onClick={() => { setReason(''); setVoiding(r); }}>{t('inv.void')}</Button>
                </>
              )}
            </Space>
          ),
        }]
      : []),
  ];
  const toolbar = (
    <Space wrap>
      <Input.Search allowClear defaultValue={params.q} placeholder={`${t('inv.number')}/${t('inv.searchProduct')}`} style={{ width: 260 }} onSearch={(v) => set({ q: v.trim() || null })} />
      <Select allowClear placeholder={t('common.status')} style={{ width: 120 }} value={params.status} onChange={(v?: string) => set({ status: v ?? null })} options={(Object.keys(purchaseStatusLabels) as PurchaseStatus[]).map((s) => ({ value: s, label: t.l(purchaseStatusLabels[s]) }))} />
      <WarehouseSelect value={params.warehouseId ? Number(params.warehouseId) : null} onChange={(v) => set({ warehouseId: v })} includeInactive />
    </Space>
  );
  return (
    <PageFrame title={t('inv.purchase')} subtitle={t('inv.purchase.sub')} extra={may && <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDraft('new')}>{t('inv.purchase.new')}</Button>}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} closable onClose={() => setError(null)} />}
      <ServerTable<PurchaseRequestOut> endpoint="/api/purchase-requests" columns={columns} scroll={{ x: columns.reduce((sum, c) => sum + Number(c.width ?? 0), 0) }} filterKeys={['q', 'status', 'warehouseId']} toolbar={toolbar} onRow={(r) => ({ style: r.status === 'void' ? { background: '#fafafa', color: '#999' } : undefined })} />
      <RaiseModal key={draft ?? 'closed'} draft={draft} onClose={() => setDraft(null)} />
      <Modal
        open={voiding !== null}
        title={`${t('inv.void')} ${voiding?.number ?? ''}`}
        okText={t('inv.void')}
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
        cancelText={t('common.cancel')}
        onCancel={() => setVoiding(null)}
        onOk={async () => { if (voiding && (await act(() => api.post(`/api/purchase-requests/${voiding.id}/void`, { reason, version: voiding.version }), t('inv.voided')))) setVoiding(null); }}
        destroyOnHidden
      >
        <Input.TextArea rows={3} maxLength={500} placeholder={t('inv.voidReason')} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </PageFrame>
  );
}
