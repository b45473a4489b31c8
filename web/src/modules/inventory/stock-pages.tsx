import { useEffect, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { useT } from '../../app/i18n.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { listKey, ServerTable, useListParams } from '../../components/server-table.tsx';
import { api, errorMessage } from '../../app/api.ts';
import { useCan } from '../../app/auth.tsx';
import { qty, StockQty, WarehouseSelect, type BatchOut, type StockLevelOut } from './shared.tsx';

/** The search box, warehouse and category filters every stock list shares (kept in the URL). */
function useStockFilters() {
  const t = useT();
  const { params, set } = useListParams();
  const [search, setSearch] = useState(params.q ?? '');
  useEffect(() => setSearch(params.q ?? ''), [params.q]);
  const common = (
    <>
      <Input.Search allowClear value={search} placeholder={t('inv.searchProduct')} style={{ width: 260 }} onChange={(e) => setSearch(e.target.value)} onSearch={(v) => set({ q: v.trim() || null })} />
      <WarehouseSelect value={params.warehouseId ? Number(params.warehouseId) : null} onChange={(v) => set({ warehouseId: v })} includeInactive />
      <Input.Search allowClear defaultValue={params.category} placeholder={t('inv.category')} style={{ width: 140 }} onSearch={(v) => set({ category: v.trim() || null })} />
    </>
  );
  return { params, set, common };
}

const expiryText = (t: ReturnType<typeof useT>, days: number | null) =>
  days === null ? '—' : days < 0 ? <Typography.Text type="danger">{t('inv.expired', { days: -days })}</Typography.Text> : days <= 30 ? <Typography.Text type="warning">{t('inv.daysLeft', { days })}</Typography.Text> : t('inv.daysLeft', { days });

/** 库存查询: on hand, reserved and available per warehouse × product. */
export function StockPage() {
  const t = useT();
  const can = useCan();
  const { params, set, common } = useStockFilters();
  const [limitsOf, setLimitsOf] = useState<StockLevelOut | null>(null);
  // the columns fit a 1366-wide screen (1070 px of table): the name takes what is left, cut with … and
  // whole on hover, so the keeper's 设置 stays in view (fixed at the right on a narrower screen)
  const columns: ColumnsType<StockLevelOut> = [
    { title: t('inv.productCode'), key: 'productCode', dataIndex: 'productCode', width: 110, sorter: true },
    {
      title: t('inv.productName'), key: 'productName', dataIndex: 'productName', sorter: true, ellipsis: { showTitle: false },
      render: (v: string, r) => <Link to={`/stock/ledger?productId=${r.productId}&warehouseId=${r.warehouseId}`} title={`${v}${r.spec ? ` ${r.spec}` : ''}`}>{v}{r.spec && <Typography.Text type="secondary"> {r.spec}</Typography.Text>}</Link>,
    },
    { title: t('inv.warehouse'), key: 'warehouse', dataIndex: 'warehouseName', width: 100, sorter: true, ellipsis: true },
    // below the safety stock means on hand below it (as the alerts count it): the on-hand figure is the red one,
    // not the available one (风花雪月 with all 360 reserved showed a black 0 beside red figures that were on hand)
    { title: t('inv.onHand'), key: 'onHand', dataIndex: 'onHand', width: 100, align: 'right', sorter: true, render: (v: number, r) => <StockQty n={v} packing={r} style={{ color: r.belowSafety ? '#cf1322' : undefined }} /> },
    { title: t('inv.reserved'), dataIndex: 'reserved', width: 80, align: 'right', render: (v: number) => qty(v) },
    {
      title: t('inv.available'), key: 'available', dataIndex: 'available', width: 100, align: 'right', sorter: true,
      render: (v: number, r) => <StockQty n={v} packing={r} style={{ fontWeight: 600 }} />,
    },
    {
      title: t('inv.safetyStock'), dataIndex: 'safetyStock', width: 100, align: 'right',
      render: (v: number, r) => (
        <Space size={4}>
          {r.ownLimits && <Tag color="blue" title={t('inv.ownLimitsHint')}>{t('inv.ownLimits')}</Tag>}
          {r.belowSafety ? <Tag color="red">{qty(v)}</Tag> : qty(v)}
        </Space>
      ),
    },
    { title: t('inv.targetStock'), dataIndex: 'targetStock', width: 80, align: 'right', render: (v: number) => qty(v) },
    { title: t('inv.nearestExpiry'), dataIndex: 'nearestExpiry', width: 100, render: (v: string | null) => v ?? '—' },
    ...(can('warehouse.manage')
      ? [{ title: t('common.actions'), key: 'limits', width: 100, fixed: 'right' as const, render: (_: unknown, r: StockLevelOut) => <Button type="link" size="small" onClick={() => setLimitsOf(r)}>{t('inv.setLimits')}</Button> }]
      : []),
  ];
  const width = columns.reduce((sum, c) => sum + (Number(c.width) || 190), 0);
  const toolbar = (
    <Space wrap>
      {common}
      <Checkbox checked={params.belowSafety === '1'} onChange={(e) => set({ belowSafety: e.target.checked ? '1' : null })}>{t('inv.belowSafety')}</Checkbox>
      <Checkbox checked={params.nonZero === '1'} onChange={(e) => set({ nonZero: e.target.checked ? '1' : null })}>{t('inv.nonZero')}</Checkbox>
      <Space.Compact>
        <InputNumber min={0} max={3650} placeholder={t('inv.expiringDays')} style={{ width: 120 }} value={params.expiringDays ? Number(params.expiringDays) : null} onChange={(v) => set({ expiringDays: v === null ? null : String(v) })} />
      </Space.Compact>
    </Space>
  );
  return (
    <PageFrame title={t('inv.stock')} subtitle={t('inv.stock.sub')}>
      <ServerTable<StockLevelOut> endpoint="/api/stock" columns={columns} scroll={{ x: width }} filterKeys={['q', 'warehouseId', 'category', 'belowSafety', 'nonZero', 'expiringDays', 'productId']} toolbar={toolbar} />
      {limitsOf && <LimitsDialog row={limitsOf} onClose={() => setLimitsOf(null)} />}
    </PageFrame>
  );
}

/** A warehouse's own safety and target stock of a product; left empty, the product file's figures apply. */
function LimitsDialog({ row, onClose }: { row: StockLevelOut; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ safetyStock: number | null; targetStock: number | null }>();
  const save = useMutation({
    mutationFn: (v: { safetyStock: number | null; targetStock: number | null }) =>
      api.put<StockLevelOut>('/api/stock/limits', { warehouseId: row.warehouseId, productId: row.productId, safetyStock: v.safetyStock ?? null, targetStock: v.targetStock ?? null }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: listKey('/api/stock') });
      onClose();
    },
  });
  return (
    <Modal open title={t('inv.limitsTitle', { warehouse: row.warehouseName, product: row.productName })} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('inv.limitsHelp')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={row.ownLimits ? { safetyStock: row.safetyStock, targetStock: row.targetStock } : { safetyStock: null, targetStock: null }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="safetyStock" label={`${t('inv.safetyStock')}（${row.unit}）`}>
          <InputNumber min={0} precision={0} style={{ width: 200 }} placeholder={t('inv.limitsDefault', { n: row.ownLimits ? '—' : row.safetyStock })} />
        </Form.Item>
        <Form.Item name="targetStock" label={`${t('inv.targetStock')}（${row.unit}）`}>
          <InputNumber min={0} precision={0} style={{ width: 200 }} placeholder={t('inv.limitsDefault', { n: row.ownLimits ? '—' : row.targetStock })} />
        </Form.Item>
      </Form>
      {save.isError && <Alert type="error" showIcon title={errorMessage(save.error)} />}
    </Modal>
  );
}

/** 批次库存: batches with production and expiry dates. */
export function BatchesPage() {
  const t = useT();
  const { params, set, common } = useStockFilters();
  const columns: ColumnsType<BatchOut> = [
    { title: t('inv.productCode'), key: 'productCode', dataIndex: 'productCode', width: 110, sorter: true },
    // with its spec, as 库存查询 shows it: 金星啤酒 经典 330ml and 500ml are two products
    { title: t('inv.productName'), dataIndex: 'productName', render: (v: string, r) => <Link to={`/stock/ledger?productId=${r.productId}&warehouseId=${r.warehouseId}`}>{v}{r.spec && <Typography.Text type="secondary"> {r.spec}</Typography.Text>}</Link> },
    { title: t('inv.warehouse'), dataIndex: 'warehouseName', width: 120 },
    { title: t('inv.batchNo'), key: 'batchNo', dataIndex: 'batchNo', width: 130, sorter: true, render: (v: string) => v || <Typography.Text type="secondary">—</Typography.Text> },
    { title: t('inv.productionDate'), dataIndex: 'productionDate', width: 110, render: (v: string | null) => v ?? '—' },
    { title: t('inv.expiryDate'), key: 'expiryDate', dataIndex: 'expiryDate', width: 110, sorter: true, render: (v: string | null) => v ?? '—' },
    { title: t('inv.daysToExpiry'), dataIndex: 'daysToExpiry', width: 120, render: (v: number | null) => expiryText(t, v) },
    { title: t('inv.onHand'), key: 'onHand', dataIndex: 'onHand', width: 100, align: 'right', sorter: true, render: (v: number, r) => <StockQty n={v} packing={r} /> },
  ];
  const toolbar = (
    <Space wrap>
      {common}
      <Input.Search allowClear defaultValue={params.batchNo} placeholder={t('inv.batchNo')} style={{ width: 140 }} onSearch={(v) => set({ batchNo: v.trim() || null })} />
      <InputNumber min={0} max={3650} placeholder={t('inv.expiringDays')} style={{ width: 120 }} value={params.expiringDays ? Number(params.expiringDays) : null} onChange={(v) => set({ expiringDays: v === null ? null : String(v) })} />
      <Checkbox checked={params.includeEmpty === '1'} onChange={(e) => set({ includeEmpty: e.target.checked ? '1' : null })}>{t('inv.includeEmpty')}</Checkbox>
    </Space>
  );
  return (
    <PageFrame title={t('inv.batches')} subtitle={t('inv.batches.sub')}>
      <ServerTable<BatchOut> endpoint="/api/stock/batches" columns={columns} filterKeys={['q', 'warehouseId', 'category', 'batchNo', 'expiringDays', 'includeEmpty', 'productId']} toolbar={toolbar} />
    </PageFrame>
  );
}

type AtDateRow = { key: string; warehouseId: number; warehouseName: string; productId: number; productCode: string; productName: string; spec: string | null; unit: string; packUnit: string | null; packSize: number | null; onHand: number };

/** 历史库存: on hand at the end of a business date, summed from the ledger. */
export function StockAtDatePage() {
  const t = useT();
  const { params, set, common } = useStockFilters();
  const date = params.date ?? dayjs().format('YYYY-MM-DD');
  const columns: ColumnsType<AtDateRow> = [
    { title: t('inv.productCode'), dataIndex: 'productCode', width: 110 },
    { title: t('inv.productName'), dataIndex: 'productName', render: (v: string, r) => <Link to={`/stock/ledger?productId=${r.productId}&warehouseId=${r.warehouseId}&to=${date}`}>{v}</Link> },
    { title: t('inv.spec'), dataIndex: 'spec', width: 100, render: (v: string | null) => v ?? '—' },
    { title: t('inv.warehouse'), dataIndex: 'warehouseName', width: 130 },
    { title: t('inv.onHand'), dataIndex: 'onHand', width: 120, align: 'right', render: (v: number, r) => <StockQty n={v} packing={r} /> },
  ];
  const toolbar = (
    <Space wrap>
      <DatePicker allowClear={false} value={dayjs(date)} disabledDate={(d) => d.isAfter(dayjs(), 'day')} onChange={(d) => set({ date: d ? d.format('YYYY-MM-DD') : null })} />
      {common}
    </Space>
  );
  return (
    <PageFrame title={t('inv.atDate')} subtitle={t('inv.atDate.sub')}>
      <ServerTable<AtDateRow> endpoint="/api/stock/at-date" rowKey="key" columns={columns} params={{ date }} filterKeys={['q', 'warehouseId', 'category']} toolbar={toolbar} />
    </PageFrame>
  );
}
