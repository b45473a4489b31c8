import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Descriptions, Dropdown, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { DownOutlined, EditOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, errorMessage } from '../../app/api.ts';
import { useCan } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.tsx';
import { formatDateTime } from '../../components/format.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { ServerTable, useListParams } from '../../components/server-table.tsx';
import {
  DocStatusTag, invalidateStock, qty, signRoleLabels, STOCK_KEY, StockQty, stockDocStatusLabels, stockDocTypeLabels, WarehouseSelect,
  type DocumentListItem, type DocumentOut, type StockDocStatus, type StockDocType,
} from './shared.tsx';

const docTypes: StockDocType[] = ['inbound', 'outbound', 'transfer', 'count'];
const permissionOf: Record<StockDocType, string> = { inbound: 'stock.inbound', outbound: 'stock.outbound', transfer: 'stock.transfer', count: 'stock.count' };
const voidStyle = { color: '#999', textDecoration: 'line-through' };

/** The signature tags of the list, short enough for three in the column (English cut to War Pre Han before). */
const signShort = { keeper: { zh: '仓管', en: 'Keeper' }, preparer: { zh: '制单人', en: 'Prep.' }, handler: { zh: '经手人', en: 'Handler' } } as const;
const cut = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;

/** 库存单据: every inbound, outbound, transfer and count document; void ones stay listed, marked. */
export function DocumentListPage() {
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const { params, set } = useListParams();
  const [, setSp] = useSearchParams();
  const [search, setSearch] = useState(params.q ?? '');
  useEffect(() => setSearch(params.q ?? ''), [params.q]);
  const writable = docTypes.filter((d) => can(permissionOf[d]));
  // the columns fit a 1366-wide screen (1060 px in all), the signatures fixed at the right edge
  const columns: ColumnsType<DocumentListItem> = [
    { title: t('inv.number'), key: 'number', dataIndex: 'number', width: 140, sorter: true, render: (v: string | null, r) => <Link to={`/stock/documents/${r.id}`} style={r.status === 'void' ? voidStyle : undefined}>{v ?? `（${t.l(stockDocStatusLabels.draft)} #${r.id}）`}</Link> },
    { title: t('inv.docType'), dataIndex: 'docType', width: 80, render: (v: StockDocType) => t.l(stockDocTypeLabels[v]) },
    { title: t('inv.businessDate'), key: 'businessDate', dataIndex: 'businessDate', width: 110, sorter: true },
    // a transfer's two warehouses on two lines: 昆明总仓 → 大理分仓 on one was cut after the arrow
    {
      title: t('inv.warehouse'), dataIndex: 'warehouseName', width: 120, ellipsis: true,
      render: (v: string, r) => (r.toWarehouseName ? <div title={`${v} → ${r.toWarehouseName}`}><div style={cut}>{v}</div><div style={cut}>→ {r.toWarehouseName}</div></div> : v),
    },
    { title: `${t('inv.counterparty.inbound')}/${t('inv.counterparty.outbound')}`, dataIndex: 'counterparty', width: 180, ellipsis: true, render: (v: string | null, r) => [v, r.reason].filter(Boolean).join(' · ') || '—' },
    { title: t('inv.totalQuantity'), dataIndex: 'totalQuantity', width: 90, align: 'right', render: (v: number) => qty(v) },
    { title: t('inv.preparer'), dataIndex: 'preparerName', width: 80, ellipsis: true },
    { title: t('common.status'), dataIndex: 'status', width: 80, render: (v: StockDocStatus) => <DocStatusTag status={v} /> },
    { title: t('inv.signatures'), key: 'signs', width: 180, fixed: 'right', onCell: (r) => ({ style: r.status === 'void' ? { background: '#fafafa' } : undefined }), render: (_, r) => (['keeper', 'preparer', 'handler'] as const).map((k) => <Tag key={k} style={{ marginInlineEnd: 3, paddingInline: 5 }} color={r[`${k}SignedAt`] ? 'green' : undefined}><span title={`${t.l(signRoleLabels[k])}${t.locale === 'en-US' ? ': ' : '：'}${r[`${k}SignedAt`] ? t('inv.signed') : t('inv.notSigned')}`}>{t.l(signShort[k])}</span></Tag>) },
  ];
  const toolbar = (
    <Space wrap>
      <Input.Search allowClear value={search} placeholder={`${t('inv.number')}/${t('inv.counterparty.inbound')}/${t('inv.reason')}`} style={{ width: 240 }} onChange={(e) => setSearch(e.target.value)} onSearch={(v) => set({ q: v.trim() || null })} />
      <Select allowClear placeholder={t('inv.docType')} style={{ width: 120 }} value={params.docType} onChange={(v?: string) => set({ docType: v ?? null })} options={docTypes.map((d) => ({ value: d, label: t.l(stockDocTypeLabels[d]) }))} />
      <Select allowClear placeholder={t('common.status')} style={{ width: 110 }} value={params.status} onChange={(v?: string) => set({ status: v ?? null })} options={(Object.keys(stockDocStatusLabels) as StockDocStatus[]).map((s) => ({ value: s, label: t.l(stockDocStatusLabels[s]) }))} />
      <WarehouseSelect value={params.warehouseId ? Number(params.warehouseId) : null} onChange={(v) => set({ warehouseId: v })} includeInactive />
      <DatePicker.RangePicker allowEmpty={[true, true]} value={[params.from ? dayjs(params.from) : null, params.to ? dayjs(params.to) : null]} onChange={(v) => set({ from: v?.[0]?.format('YYYY-MM-DD') ?? null, to: v?.[1]?.format('YYYY-MM-DD') ?? null })} />
      <Button onClick={() => { setSearch(''); setSp(new URLSearchParams(), { replace: true }); }}>{t('common.reset')}</Button>
    </Space>
  );
  return (
    <PageFrame
      title={t('inv.docs')}
      subtitle={t('inv.docs.sub')}
      extra={writable.length > 0 && (
        <Dropdown menu={{ items: writable.map((d) => ({ key: d, label: t.l(stockDocTypeLabels[d]) })), onClick: ({ key }) => navigate(`/stock/documents/new/${key}`) }}>
          <Button type="primary" icon={<PlusOutlined aria-hidden />}>{t('common.new')} <DownOutlined aria-hidden /></Button>
        </Dropdown>
      )}
    >
      <ServerTable<DocumentListItem>
        endpoint="/api/stock-documents"
        columns={columns}
        // a fixed layout at the columns' widths: with the default (max-content) the long names widened
        // their columns and the fixed 签字 column covered 状态 at 1366 px
        scroll={{ x: columns.reduce((sum, c) => sum + Number(c.width ?? 0), 0) }}
        filterKeys={['q', 'docType', 'status', 'warehouseId', 'from', 'to']}
        toolbar={toolbar}
        onRow={(r) => ({ style: r.status === 'void' ? { background: '#fafafa', color: '#999' } : undefined })}
      />
    </PageFrame>
  );
}

const printCss = `
@media print {
  @page { size: A4; margin: 12mm; }
  .ant-layout-sider, .ant-layout-header, .no-print { display: none !important; }
  /* the page's title row (back arrow, 盘点单 PD-…, actions): the document prints its own title */
  .sd-doc-page .sd-page-title { display: none !important; }
  .ant-layout, .ant-layout-content, .ant-card { background: #fff !important; box-shadow: none !important; margin: 0 !important; padding: 0 !important; }
  .sd-doc { font-size: 12px; }
  .sd-doc .ant-table { font-size: 12px; }
}
.sd-doc { position: relative; }
.sd-doc .sd-doc-title { text-align: center; font-size: 20px; font-weight: 700; letter-spacing: 4px; margin: 0 0 8px; }
.sd-doc .sd-void-mark { position: absolute; left: 50%; top: 120px; transform: translateX(-50%) rotate(-18deg); font-size: 72px; font-weight: 900; color: rgba(207, 19, 34, .28); border: 6px solid rgba(207, 19, 34, .28); padding: 0 24px; letter-spacing: 16px; pointer-events: none; z-index: 5; white-space: nowrap; }
.sd-doc .sd-sign-box { border: 1px solid #d9d9d9; border-radius: 6px; padding: 8px 12px; min-width: 200px; }
`;

function VoidModal({ doc, open, onClose }: { doc: DocumentOut; open: boolean; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async ({ reason }: { reason: string }) => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/stock-documents/${doc.docType}/${doc.id}/void`, { reason, version: doc.version });
      invalidateStock(qc);
      message.success(t('inv.voided'));
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t('inv.voidTitle')} onCancel={onClose} onOk={() => form.submit()} okText={t('inv.void')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden>
      <Alert type="warning" showIcon title={t('inv.voidHelp')} style={{ marginBottom: 12 }} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form name="void" form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item name="reason" label={t('inv.voidReason')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('inv.voidReason') }) }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One stock document: header, lines, stock movements, the three signatures; submit, sign, void, print. */
export function DocumentDetailPage() {
  const t = useT();
  const can = useCan();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: [...STOCK_KEY, 'document', id], queryFn: () => api.get<DocumentOut>(`/api/stock-documents/${id}`) });
  const [voiding, setVoiding] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const d = q.data;
  const act = async (key: string, call: () => Promise<unknown>, done: string) => {
    setBusy(key);
    setError(null);
    try {
      await call();
      invalidateStock(qc);
      message.success(done);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  if (!d) return <PageFrame title={t('inv.docs')} back="/stock/documents" error={q.error}>{null}</PageFrame>;
  const typeLabel = t.l(stockDocTypeLabels[d.docType]);
  const writable = can(permissionOf[d.docType]);
  const colon = t.locale === 'en-US' ? ': ' : '：';
  const lineColumns: ColumnsType<DocumentOut['lines'][number]> = [
    { title: '#', dataIndex: 'lineNo', width: 40 },
    { title: t('inv.productCode'), dataIndex: 'productCode', width: 125 }, // PJ-JX-JN-500 on one line
    { title: t('inv.productName'), dataIndex: 'productName', render: (v: string, l) => `${v}${l.spec ? ` ${l.spec}` : ''}` },
    { title: t('inv.batchNo'), dataIndex: 'batchNo', width: 110, render: (v: string | null) => v ?? '—' },
    ...(d.docType === 'inbound' || d.docType === 'count'
      ? [
          { title: t('inv.productionDate'), dataIndex: 'productionDate', width: 105, render: (v: string | null) => v ?? '—' },
          { title: t('inv.expiryDate'), dataIndex: 'expiryDate', width: 105, render: (v: string | null) => v ?? '—' },
        ]
      : []),
    ...(d.docType === 'count'
      ? [
          // the book in its unit as the count is (118 beside 117 桶 read as two kinds of figure)
          { title: t('inv.book'), dataIndex: 'bookQuantity', width: 90, align: 'right' as const, render: (v: number | null, l: DocumentOut['lines'][number]) => (v === null ? '—' : <StockQty n={v} packing={l} />) },
          { title: t('inv.counted'), dataIndex: 'quantity', width: 90, align: 'right' as const, render: (v: number, l: DocumentOut['lines'][number]) => <StockQty n={v} packing={l} /> },
          { title: t('inv.difference'), dataIndex: 'difference', width: 90, align: 'right' as const, render: (v: number | null) => (v === null ? '—' : <span style={{ color: v < 0 ? '#cf1322' : v > 0 ? '#389e0d' : undefined }}>{v > 0 ? `+${v}` : v}</span>) },
        ]
      : [{ title: t('inv.quantity'), dataIndex: 'quantity', width: 100, align: 'right' as const, render: (v: number, l: DocumentOut['lines'][number]) => <StockQty n={v} packing={l} /> }]),
    ...(d.docType === 'inbound' || d.docType === 'outbound' ? [{ title: t('inv.boxCodes'), dataIndex: 'boxCodes', render: (v: string[]) => (v.length ? <Typography.Text style={{ fontSize: 12 }}>{v.join('、')}</Typography.Text> : '—') }] : []),
    { title: t('inv.remarks'), dataIndex: 'remarks', width: 120, render: (v: string | null) => v ?? '' },
  ];
  const signs = (['keeper', 'preparer', 'handler'] as const).map((role) => {
    const by = d[`${role}SignedByName`];
    const at = d[`${role}SignedAt`];
    // who is to sign an open place: the preparer and the handler by name, the keeper any other keeper
    const expected = role === 'keeper' ? t('inv.expectKeeper') : role === 'preparer' ? d.preparerName : d.handlerName ?? t('inv.expectAnyone');
    return (
      <div className="sd-sign-box" key={role}>
        <Typography.Text type="secondary">{t.l(signRoleLabels[role])}{colon}</Typography.Text>
        {by ? <span><strong>{by}</strong> <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(at)}</Typography.Text></span> : <Typography.Text type="secondary">{t('inv.notSigned')}</Typography.Text>}
        {!by && d.status === 'submitted' && <div className="no-print"><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('inv.expectSigner', { who: expected ?? '' })}</Typography.Text></div>}
        {d.mySignRoles.includes(role) && (
          <Button className="no-print" size="small" type="primary" style={{ marginTop: 6 }} loading={busy === role} onClick={() => act(role, () => api.post(`/api/stock-documents/${d.id}/sign`, { role }), t('inv.signed'))}>
            {t('inv.signAs', { role: t.l(signRoleLabels[role]) })}
          </Button>
        )}
      </div>
    );
  });
  const actions = (
    <Space className="no-print" wrap>
      {d.status === 'draft' && writable && (
        <>
          <Button icon={<EditOutlined aria-hidden />} onClick={() => navigate(`/stock/documents/${d.id}/edit`)}>{t('common.edit')}</Button>
          <Popconfirm title={t('inv.discardConfirm')} onConfirm={() => act('discard', () => api.post(`/api/stock-documents/${d.docType}/${d.id}/discard`, { version: d.version }), t('common.saved'))}>
            <Button loading={busy === 'discard'}>{t('inv.discard')}</Button>
          </Popconfirm>
          <Button
            type="primary"
            loading={busy === 'submit'}
            onClick={async () => {
              // submitting moves stock and cannot be undone but by a void: the keeper confirms it
              if (!(await modal.confirm({ title: t('inv.submitConfirm', { type: typeLabel }), content: t(`inv.submitConfirm.${d.docType}`), okText: t('inv.submit'), cancelText: t('common.cancel') }))) return;
              await act('submit', () => api.post(`/api/stock-documents/${d.docType}/${d.id}/submit`, { version: d.version }), t('inv.submitted'));
            }}
          >
            {t('inv.submit')}
          </Button>
        </>
      )}
      {(d.status === 'submitted' || d.status === 'signed') && writable && <Button danger onClick={() => setVoiding(true)}>{t('inv.void')}</Button>}
      <Button icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()}>{t('inv.print')}</Button>
    </Space>
  );
  return (
    <div className="sd-doc-page">
      <PageFrame title={`${typeLabel} ${d.number ?? ''}`} subtitle={<DocStatusTag status={d.status} />} back="/stock/documents" extra={actions} bare>
        <style>{printCss}</style>
        {error && <Alert className="no-print" type="error" showIcon title={error} style={{ marginBottom: 12 }} closable onClose={() => setError(null)} />}
        {d.status === 'void' && (
          <Alert className="no-print" type="error" showIcon title={t('inv.voidInfo', { by: d.voidedByName ?? '', at: formatDateTime(d.voidedAt), reason: d.voidReason ?? '' })} style={{ marginBottom: 12 }} />
        )}
        <Card variant="borderless" className="sd-doc">
          {d.status === 'void' && <div className="sd-void-mark">{t('inv.voidMark')}</div>}
          <h1 className="sd-doc-title">{typeLabel}</h1>
          <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('inv.number')}><strong style={{ color: '#b00' }}>{d.number ?? '—'}</strong></Descriptions.Item>
            <Descriptions.Item label={t('inv.businessDate')}>{d.businessDate}</Descriptions.Item>
            <Descriptions.Item label={d.docType === 'transfer' ? t('inv.fromWarehouse') : t('inv.warehouse')}>{d.warehouseName}</Descriptions.Item>
            {d.docType === 'transfer' && <Descriptions.Item label={t('inv.toWarehouse')}>{d.toWarehouseName}</Descriptions.Item>}
            {(d.docType === 'inbound' || d.docType === 'outbound') && <Descriptions.Item label={t(`inv.counterparty.${d.docType}`)}>{d.counterparty ?? '—'}</Descriptions.Item>}
            {d.reason && <Descriptions.Item label={d.docType === 'count' ? t('inv.reason.count') : t('inv.reason')}>{d.reason}</Descriptions.Item>}
            {d.remarks && <Descriptions.Item label={t('inv.remarks')}>{d.remarks}</Descriptions.Item>}
            <Descriptions.Item label={t('inv.preparer')}>{d.preparerName}</Descriptions.Item>
            <Descriptions.Item label={t('inv.handler')}>{d.handlerName ?? '—'}</Descriptions.Item>
            {d.submittedAt && <Descriptions.Item label={t('inv.submittedAt')}>{formatDateTime(d.submittedAt)}</Descriptions.Item>}
          </Descriptions>
          <Table rowKey="id" size="small" columns={lineColumns} dataSource={d.lines} pagination={false} bordered
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={lineColumns.length}>
                  <Typography.Text strong>{t(d.docType === 'count' ? 'inv.totalCounted' : 'inv.totalQuantity')}{colon}{qty(d.totalQuantity)}</Typography.Text>
                  {/* a count's result is its differences: what was found over and short of the book */}
                  {d.docType === 'count' && d.lines.some((l) => l.difference !== null) && (
                    <Typography.Text style={{ marginLeft: 24 }} data-testid="count-differences">
                      {t('inv.countGain')}{colon}{qty(d.lines.reduce((n, l) => n + Math.max(0, l.difference ?? 0), 0))}
                      {'　'}{t('inv.countLoss')}{colon}{qty(d.lines.reduce((n, l) => n + Math.max(0, -(l.difference ?? 0)), 0))}
                    </Typography.Text>
                  )}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
          <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', marginTop: 16 }}>{signs}</div>
          {d.status === 'submitted' && <Typography.Paragraph className="no-print" type="secondary" style={{ marginTop: 8 }}>{t('inv.signHelp')}</Typography.Paragraph>}
        </Card>
        {d.movements.length > 0 && (
          <Card variant="borderless" title={t('inv.movements')} style={{ marginTop: 12 }} className="no-print">
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={d.movements}
              columns={[
                { title: t('inv.businessDate'), dataIndex: 'businessDate', width: 110 },
                { title: t('inv.warehouse'), dataIndex: 'warehouseName', width: 140 },
                { title: t('inv.product'), dataIndex: 'productName', render: (v: string, m) => `${m.productCode} ${v}${m.spec ? ` ${m.spec}` : ''}` },
                { title: t('inv.batchNo'), dataIndex: 'batchNo', width: 120, render: (v: string) => v || '—' },
                { title: t('inv.quantity'), dataIndex: 'quantity', width: 100, align: 'right', render: (v: number, m) => <span style={{ color: v < 0 ? '#cf1322' : '#389e0d' }}>{`${v > 0 ? '+' : ''}${qty(v, m.unit)}`}</span> },
                { title: '', dataIndex: 'reversal', width: 90, render: (v: boolean) => (v ? <Tag color="red">{t('inv.reversal')}</Tag> : null) },
              ]}
            />
          </Card>
        )}
        <VoidModal doc={d} open={voiding} onClose={() => setVoiding(false)} />
      </PageFrame>
    </div>
  );
}
