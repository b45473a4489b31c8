import { useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Descriptions, Empty, Result, Space, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { api } from '../../app/api.ts';
import { useT } from '../../app/i18n.tsx';
import { DateTime, formatDateTime } from '../../components/format.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { useListParams } from '../../components/server-table.tsx';
import { packText } from '../products/pack-quantity.tsx';
import { ProductPicker } from '../products/product-picker.tsx';
import { DocLink, qty, STOCK_KEY, StockQty, WarehouseSelect, type CheckOut } from './shared.tsx';

type LedgerRow = {
  id: number; businessDate: string; warehouseId: number; warehouseName: string; batchNo: string; quantity: number; balance: number;
  docType: string; docId: number; docNo: string; reversal: boolean; createdByName: string | null; createdAt: string;
};
type LedgerPage = { items: LedgerRow[]; total: number; page: number; pageSize: number; product: { id: number; code: string; name: string; spec: string | null; unit: string; packUnit: string | null; packSize: number | null }; opening: number; closing: number };

/** 库存台账: one product's movements in date order with the running balance and the source documents. */
export function LedgerPage() {
  const t = useT();
  const { params, set } = useListParams();
  const productId = params.productId ? Number(params.productId) : null;
  const page = Math.max(1, Number(params.page) || 1);
  const pageSize = Number(params.pageSize) || 50;
  const q = useQuery({
    queryKey: [...STOCK_KEY, 'ledger', params],
    queryFn: () => api.get<LedgerPage>('/api/stock/ledger', { productId: productId!, warehouseId: params.warehouseId, from: params.from, to: params.to, page, pageSize }),
    enabled: !!productId,
  });
  const unit = q.data?.product.unit ?? '';
  // cases under each figure (PackNote), as the stock pages show them
  const packing = { unit, packUnit: q.data?.product.packUnit ?? null, packSize: q.data?.product.packSize ?? null };
  // on one line where a figure stands in a sentence: 24 瓶（12箱）
  const withPacks = (n: number) => { const packs = packText(n, packing); return packs ? `${qty(n, unit)}（${packs}）` : qty(n, unit); };
  const columns: ColumnsType<LedgerRow> = [
    { title: t('inv.businessDate'), dataIndex: 'businessDate', width: 110 },
    // a document's kind and number on one line (销货清单 XS-202611-000003 broke in two at 190 px)
    { title: t('inv.document'), key: 'doc', render: (_, r) => <Space size={4} style={{ whiteSpace: 'nowrap' }}><DocLink docType={r.docType} docId={r.docId} docNo={r.docNo} />{r.reversal && <Tag color="red">{t('inv.reversal')}</Tag>}</Space> },
    { title: t('inv.warehouse'), dataIndex: 'warehouseName', width: 100, ellipsis: true },
    { title: t('inv.batchNo'), dataIndex: 'batchNo', width: 110, ellipsis: true, render: (v: string) => v || '—' },
    { title: t('inv.inQty'), key: 'in', width: 90, align: 'right', render: (_, r) => (r.quantity > 0 ? <StockQty n={r.quantity} packing={packing} withUnit={false} /> : '') },
    { title: t('inv.outQty'), key: 'out', width: 90, align: 'right', render: (_, r) => (r.quantity < 0 ? <StockQty n={-r.quantity} packing={packing} withUnit={false} /> : '') },
    { title: t('inv.balance'), dataIndex: 'balance', width: 100, align: 'right', render: (v: number) => <StockQty n={v} packing={packing} style={{ fontWeight: 600 }} /> },
    { title: t('inv.operator'), dataIndex: 'createdByName', width: 100, render: (v: string | null) => v ?? '—' },
    { title: t('inv.createdAt'), dataIndex: 'createdAt', width: 140, render: (v: string) => <DateTime value={v} /> },
  ];
  return (
    <PageFrame title={t('inv.ledger')} subtitle={t('inv.ledger.sub')} error={q.error}>
      <Space wrap style={{ marginBottom: 12 }}>
        <ProductPicker includeInactive value={productId} onChange={(p) => set({ productId: p?.id ?? null })} style={{ width: 340 }} />
        <WarehouseSelect value={params.warehouseId ? Number(params.warehouseId) : null} onChange={(v) => set({ warehouseId: v })} includeInactive />
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          value={[params.from ? dayjs(params.from) : null, params.to ? dayjs(params.to) : null]}
          onChange={(v) => set({ from: v?.[0]?.format('YYYY-MM-DD') ?? null, to: v?.[1]?.format('YYYY-MM-DD') ?? null })}
        />
      </Space>
      {!productId ? (
        <Empty description={t('inv.ledger.pick')} />
      ) : (
        <>
          {q.data && (
            <Descriptions size="small" column={4} style={{ marginBottom: 12 }}>
              <Descriptions.Item label={t('inv.product')}>{`${q.data.product.code} ${q.data.product.name}${q.data.product.spec ? ` ${q.data.product.spec}` : ''}`}</Descriptions.Item>
              <Descriptions.Item label={t('inv.opening')}>{withPacks(q.data.opening)}</Descriptions.Item>
              <Descriptions.Item label={t('inv.closing')}>{withPacks(q.data.closing)}</Descriptions.Item>
            </Descriptions>
          )}
          <Table<LedgerRow>
            rowKey="id"
            size="middle"
            loading={q.isFetching}
            columns={columns}
            dataSource={q.data?.items ?? []}
            onRow={(r) => ({ style: r.reversal ? { background: '#fff1f0' } : undefined })}
            pagination={{ current: page, pageSize, total: q.data?.total ?? 0, showSizeChanger: true, pageSizeOptions: [20, 50, 100, 200], showTotal: (total) => t('common.total', { total }), onChange: (p, s) => set({ page: p, pageSize: s }, { keepPage: true }) }}
          />
        </>
      )}
    </PageFrame>
  );
}

type Difference = CheckOut['differences'][number];

/** 库存与台账核对: proves the stock tables equal the ledger, or lists where they differ. */
export function StockCheckPage() {
  const t = useT();
  const q = useQuery({ queryKey: [...STOCK_KEY, 'check'], queryFn: () => api.get<CheckOut>('/api/stock/check') });
  const columns: ColumnsType<Difference> = [
    { title: t('inv.check.kind'), dataIndex: 'kind', width: 180, render: (v: string) => t(`inv.check.kind.${v}`) },
    { title: t('inv.warehouse'), dataIndex: 'warehouseName', width: 130, render: (v: string | null, r) => v ?? `#${r.warehouseId}` },
    { title: t('inv.product'), key: 'product', render: (_, r) => (r.productName ? `${r.productCode} ${r.productName}` : `#${r.productId}`) },
    { title: t('inv.batchNo'), dataIndex: 'batchNo', width: 110, render: (v: string | null) => v ?? '—' },
    { title: t('inv.check.table'), dataIndex: 'table', width: 100, align: 'right' },
    { title: t('inv.check.expected'), dataIndex: 'expected', width: 100, align: 'right' },
  ];
  const d = q.data;
  return (
    <PageFrame title={t('inv.check')} subtitle={t('inv.check.sub')} error={q.error} extra={<Button icon={<ReloadOutlined aria-hidden />} loading={q.isFetching} onClick={() => q.refetch()}>{t('inv.check.run')}</Button>}>
      {d && (
        <>
          {d.ok ? (
            <Result status="success" title={t('inv.check.ok')} subTitle={t('inv.check.counts', { levels: d.levels, batches: d.batches, rows: d.ledgerRows, at: formatDateTime(d.checkedAt, true) })} />
          ) : (
            <>
              <Alert type="error" showIcon title={t('inv.check.bad', { n: d.differences.length })} description={t('inv.check.counts', { levels: d.levels, batches: d.batches, rows: d.ledgerRows, at: formatDateTime(d.checkedAt, true) })} style={{ marginBottom: 12 }} />
              <Table<Difference> rowKey={(r) => `${r.kind}-${r.warehouseId}-${r.productId}-${r.batchNo ?? ''}`} columns={columns} dataSource={d.differences} pagination={{ pageSize: 50 }} size="middle" />
            </>
          )}
        </>
      )}
      {!d && q.isFetching && <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>}
    </PageFrame>
  );
}
