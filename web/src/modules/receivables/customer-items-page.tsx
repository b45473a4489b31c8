import { useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Descriptions, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api.ts';
import { Money } from '../../components/format.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { useListParams } from '../../components/server-table.tsx';
import { BucketChart } from './bucket-chart.tsx';
import { amountIn, bucketColumns, paymentTermLabels, todayShanghai, useL, type CustomerItems, type OpenItemOut } from './shared.tsx';

/** A customer's documents still owed as at a date — the drill-down of the aging report. */
export function CustomerItemsPage() {
  const L = useL();
  const { id } = useParams();
  const { params, set } = useListParams();
  const asAt = params.asAt || todayShanghai();
  const bucket = params.bucket !== undefined ? Number(params.bucket) : undefined;
  const q = useQuery({
    queryKey: ['receivables', 'customer', id, asAt, bucket],
    queryFn: () => api.get<CustomerItems>(`/api/receivables/customers/${id}/items`, { asAt, bucket }),
  });
  const d = q.data;
  const heads = d ? bucketColumns(d.buckets, L) : [];
  const labelOf = (k: number) => heads.find((h) => h.key === k)?.label ?? '';

  const columns: ColumnsType<OpenItemOut> = [
    { title: L('单据', 'Document'), dataIndex: 'docNumber', width: 170, render: (v: string, r) => <Link to={r.docType === 'invoice' ? `/invoices/${r.docId}` : `/slips/${r.docId}`}>{v}</Link> },
    { title: L('类型', 'Type'), dataIndex: 'docType', width: 90, render: (v: string) => (v === 'invoice' ? L('发票', 'Invoice') : L('销货清单', 'Sales slip')) },
    { title: L('单据日期', 'Date'), dataIndex: 'docDate', width: 110 },
    { title: L('付款方式', 'Terms'), dataIndex: 'paymentTerm', width: 90, render: (v: string) => (paymentTermLabels[v] ? L(paymentTermLabels[v].zh, paymentTermLabels[v].en) : v) },
    { title: L('到期日', 'Due'), dataIndex: 'dueDate', width: 110 },
    { title: L('单据金额', 'Amount'), dataIndex: 'amount', width: 130, align: 'right', render: (v: number) => <Money fen={v} /> },
    { title: L('未收金额', 'Open'), dataIndex: 'openAmount', width: 130, align: 'right', render: (v: number) => <Typography.Text strong><Money fen={v} colored /></Typography.Text> },
    { title: L('逾期天数', 'Days overdue'), dataIndex: 'daysOverdue', width: 100, align: 'right', render: (v: number) => (v ? <Tag color={v > 90 ? 'red' : v > 30 ? 'orange' : 'gold'}>{v}</Tag> : '—') },
    { title: L('账龄', 'Bucket'), dataIndex: 'bucket', width: 110, render: (v: number) => <Tag color={v === -1 ? 'green' : 'volcano'}>{labelOf(v)}</Tag> },
  ];
  const bars = d ? heads.map((h) => ({ key: h.key, label: h.label, fen: amountIn(d.summary, h.key) })) : [];

  return (
    <PageFrame title={d ? `${d.customer.name} · ${L('未收单据', 'Open documents')}` : L('未收单据', 'Open documents')} back error={q.error} bare>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap style={{ marginBottom: 12 }}>
          <span>{L('截至', 'As at')}</span>
          <DatePicker allowClear={false} value={dayjs(asAt)} onChange={(v) => set({ asAt: v ? v.format('YYYY-MM-DD') : null })} />
          <Select allowClear style={{ width: 160 }} placeholder={L('全部账龄', 'All buckets')} value={bucket} onChange={(v?: number) => set({ bucket: v ?? null })} options={heads.map((h) => ({ value: h.key, label: h.label }))} data-testid="items-bucket" />
        </Space>
        {d && (
          <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }}>
            <Descriptions.Item label={L('客户', 'Customer')}><Link to={`/customers/${d.customer.id}`}>{d.customer.name}</Link>{d.customer.code ? `（${d.customer.code}）` : ''}</Descriptions.Item>
            <Descriptions.Item label={L('业务员', 'Rep')}>{d.customer.ownerName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={L('应收余额', 'Balance')}><Typography.Text strong><Money fen={d.summary.total} /></Typography.Text></Descriptions.Item>
            <Descriptions.Item label={L('已逾期', 'Overdue')}><Typography.Text type={d.summary.overdue > 0 ? 'danger' : undefined}><Money fen={d.summary.overdue} /></Typography.Text>{d.summary.maxDaysOverdue ? L(`（最长 ${d.summary.maxDaysOverdue} 天）`, ` (max ${d.summary.maxDaysOverdue} days)`) : ''}</Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      {d && d.summary.total !== 0 && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <BucketChart bars={bars} height={200} onPick={(k) => set({ bucket: k })} yuanLabel={L('金额（元）', 'Amount (yuan)')} />
        </Card>
      )}
      <Card size="small">
        <Table<OpenItemOut> rowKey="id" size="small" columns={columns} dataSource={d?.items ?? []} loading={q.isFetching} pagination={{ pageSize: 50, hideOnSinglePage: true }} scroll={{ x: 1000 }}
          summary={(rows) => rows.length > 1 ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={6}>{L(`合计 ${rows.length} 张`, `${rows.length} documents`)}</Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right"><Typography.Text strong><Money fen={rows.reduce((n, r) => n + r.openAmount, 0)} /></Typography.Text></Table.Summary.Cell>
              <Table.Summary.Cell index={7} colSpan={2} />
            </Table.Summary.Row>
          ) : null}
        />
      </Card>
    </PageFrame>
  );
}
