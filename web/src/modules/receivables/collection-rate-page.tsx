import { useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Progress, Segmented, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { api } from '../../app/api.ts';
import { Money } from '../../components/format.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { useListParams } from '../../components/server-table.tsx';
import { todayShanghai, useL, type CollectionRateOut, type CollectionRateRow } from './shared.tsx';

const pct = (bp: number | null) => (bp == null ? '—' : `${(bp / 100).toFixed(2)}%`);

/** 回款率 for a period, per rep or per department: collected ÷ due (defined in docs/decisions.md). */
export function CollectionRatePage() {
  const L = useL();
  const { params, set } = useListParams();
  const today = todayShanghai();
  const from = params.from || `${today.slice(0, 7)}-01`;
  const to = params.to || today;
  const by = (params.by as 'rep' | 'department') || 'rep';
  const q = useQuery({ queryKey: ['receivables', 'collection-rate', from, to, by], queryFn: () => api.get<CollectionRateOut>('/api/receivables/collection-rate', { from, to, by }) });

  const columns: ColumnsType<CollectionRateRow> = [
    { title: by === 'rep' ? L('业务员', 'Rep') : L('部门', 'Department'), dataIndex: 'name', width: 200 },
    { title: L('应回款', 'Due'), dataIndex: 'due', width: 140, align: 'right', render: (v: number) => <Money fen={v} /> },
    { title: L('实际回款', 'Collected'), dataIndex: 'collected', width: 140, align: 'right', render: (v: number) => <Money fen={v} /> },
    {
      title: L('回款率', 'Collection rate'), dataIndex: 'rateBp', width: 240,
      render: (v: number | null) => (v == null ? '—' : <Space><Progress percent={Math.min(100, v / 100)} size="small" showInfo={false} style={{ width: 120 }} status={v >= 8000 ? 'success' : v >= 5000 ? 'normal' : 'exception'} /><span>{pct(v)}</span></Space>),
    },
  ];
  const t = q.data?.totals;

  return (
    <PageFrame title={L('回款率', 'Collection rate')} subtitle={L('回款率 = 期间内实际回款 ÷ 截至期末到期、期初仍未收的应收', 'collected in the period ÷ what fell due by its end and was open at its start')} error={q.error}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented value={by} options={[{ value: 'rep', label: L('按业务员', 'By rep') }, { value: 'department', label: L('按部门', 'By department') }]} onChange={(v) => set({ by: v as string })} />
        <DatePicker.RangePicker allowClear={false} value={[dayjs(from), dayjs(to)]} onChange={(v) => set({ from: v?.[0]?.format('YYYY-MM-DD') ?? null, to: v?.[1]?.format('YYYY-MM-DD') ?? null })} />
      </Space>
      <Table<CollectionRateRow> rowKey={(r) => String(r.id ?? 'none')} size="small" columns={columns} dataSource={q.data?.items ?? []} loading={q.isFetching} pagination={false}
        summary={() => t ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}><Typography.Text strong>{L('合计', 'Total')}</Typography.Text></Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right"><Money fen={t.due} /></Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right"><Money fen={t.collected} /></Table.Summary.Cell>
            <Table.Summary.Cell index={3}><Typography.Text strong>{pct(t.rateBp)}</Typography.Text></Table.Summary.Cell>
          </Table.Summary.Row>
        ) : null}
      />
    </PageFrame>
  );
}
