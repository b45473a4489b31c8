import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Card, Col, DatePicker, Input, Row, Segmented, Space, Statistic, Switch, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import { ExportButton } from '../../components/export-button.tsx';
import { formatMoney, Money } from '../../components/format.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { ServerTable, useListParams } from '../../components/server-table.tsx';
import { BucketChart } from './bucket-chart.tsx';
import { agingGroupLabels, agingGroups, amountIn, bucketColumns, todayShanghai, useL, type AgingGroup, type AgingReport, type AgingRow } from './shared.tsx';

const filterKeys = ['asAt', 'by', 'q', 'ownerId', 'overdueOnly', 'bucket'];

/**
 * 应收账款 / 账龄分析: what customers owe as at a date, by customer, rep or department, in the
 * company's aging buckets, with the buckets as a bar chart. A bar or a bucket cell drills down: to the
 * customers with money in that bucket, then to one customer's open documents.
 */
export function AgingPage() {
  const L = useL();
  const { params, set } = useListParams();
  const [, setSp] = useSearchParams();
  const [meta, setMeta] = useState<AgingReport | null>(null);
  const [search, setSearch] = useState(params.q ?? '');
  useEffect(() => setSearch(params.q ?? ''), [params.q]);
  const by = (params.by as AgingGroup) || 'customer';
  const asAt = params.asAt || todayShanghai();
  const bucket = params.bucket !== undefined ? Number(params.bucket) : undefined;
  const heads = meta ? bucketColumns(meta.buckets, L) : [];
  const onLoaded = useCallback((p: unknown) => setMeta(p as AgingReport), []);
  const itemsLink = (id: number, key?: number) => `/receivables/customers/${id}?asAt=${asAt}${key !== undefined ? `&bucket=${key}` : ''}`;

  const cell = (r: AgingRow, key: number) => {
    const v = amountIn(r, key);
    if (!v) return <Typography.Text type="secondary">—</Typography.Text>;
    if (by === 'customer' && r.id != null) return <Link to={itemsLink(r.id, key)}><Money fen={v} /></Link>;
    return <Money fen={v} />;
  };

  const columns: ColumnsType<AgingRow> = [
    {
      title: by === 'customer' ? L('客户', 'Customer') : by === 'rep' ? L('业务员', 'Rep') : L('部门', 'Department'), key: 'name', dataIndex: 'name', sorter: true, fixed: 'left', width: 220,
      render: (v: string, r) => {
        if (by === 'customer' && r.id != null) return <Link to={itemsLink(r.id)}>{v}</Link>;
        if (by === 'rep' && r.id != null) return <a onClick={() => set({ by: 'customer', ownerId: r.id, bucket: null })}>{v}</a>;
        if (by === 'department') return <span style={{ paddingLeft: Math.max(0, ((r.code ?? '/').split('/').length - 3) * 16) }}>{v}</span>;
        return v;
      },
    },
    ...(by === 'customer'
      ? [
          { title: L('编码', 'Code'), dataIndex: 'code', width: 140 },
          { title: L('业务员', 'Rep'), dataIndex: 'ownerName', width: 90, render: (v: string | null) => v ?? '—' },
        ]
      : [{ title: L('客户数', 'Customers'), dataIndex: 'customerCount', width: 80, align: 'right' as const }]),
    { title: L('应收余额', 'Balance'), key: 'total', dataIndex: 'total', sorter: true, width: 130, align: 'right', render: (v: number) => <Typography.Text strong><Money fen={v} colored /></Typography.Text> },
    { title: L('已逾期', 'Overdue'), key: 'overdue', dataIndex: 'overdue', sorter: true, width: 130, align: 'right', render: (v: number) => (v ? <Typography.Text type="danger"><Money fen={v} /></Typography.Text> : <Money fen={0} />) },
    ...heads.map((h) => ({ title: h.label, key: `b${h.key}`, width: 120, align: 'right' as const, onHeaderCell: () => ({ style: h.key === bucket ? { background: '#fff7e6' } : {} }), render: (_: unknown, r: AgingRow) => cell(r, h.key) })),
    { title: L('最长逾期天数', 'Max days overdue'), key: 'maxDaysOverdue', dataIndex: 'maxDaysOverdue', sorter: true, width: 120, align: 'right', render: (v: number) => (v ? <Tag color={v > 90 ? 'red' : v > 30 ? 'orange' : 'gold'}>{v}</Tag> : '—') },
    { title: L('最早到期日', 'Oldest due date'), dataIndex: 'oldestDueDate', width: 110, render: (v: string | null) => v ?? '—' },
  ];

  const bars = useMemo(() => (meta ? heads.map((h) => ({ key: h.key, label: h.label, fen: amountIn(meta.totals, h.key) })) : []), [meta]); // eslint-disable-line react-hooks/exhaustive-deps
  const pickBucket = useCallback((key: number) => set({ by: 'customer', bucket: key, ownerId: null, sort: null, order: null }), [set]);
  const pickedLabel = bucket !== undefined ? heads.find((h) => h.key === bucket)?.label : undefined;
  const exportParams = { asAt, by, q: params.q, ownerId: params.ownerId, overdueOnly: params.overdueOnly, bucket: params.bucket, sort: params.sort, order: params.order };

  const toolbar = (
    <Space wrap>
      <Segmented<AgingGroup> value={by} options={agingGroups.map((g) => ({ value: g, label: L(agingGroupLabels[g].zh, agingGroupLabels[g].en) }))} onChange={(v) => set({ by: v, ownerId: null, sort: null, order: null })} data-testid="aging-by" />
      <Space size={4}>
        <span>{L('截至', 'As at')}</span>
        <DatePicker allowClear={false} value={dayjs(asAt)} onChange={(d) => set({ asAt: d ? d.format('YYYY-MM-DD') : null })} data-testid="aging-as-at" />
      </Space>
      {by === 'customer' && <Input.Search allowClear value={search} placeholder={L('客户名称或编码', 'Customer name or code')} style={{ width: 220 }} onChange={(e) => setSearch(e.target.value)} onSearch={(v) => set({ q: v.trim() || null })} />}
      <Space size={4}><Switch checked={params.overdueOnly === '1'} onChange={(v) => set({ overdueOnly: v ? '1' : null })} />{L('只看逾期', 'Overdue only')}</Space>
      {pickedLabel && <Tag closable color="orange" onClose={() => set({ bucket: null })}>{L('账龄', 'Bucket')}：{pickedLabel}</Tag>}
      {params.ownerId && <Tag closable color="blue" onClose={() => set({ ownerId: null })}>{L('只看该业务员的客户', "One rep's customers")}</Tag>}
      <Button onClick={() => { setSearch(''); setSp(new URLSearchParams(), { replace: true }); }}>{L('重置', 'Reset')}</Button>
    </Space>
  );

  return (
    <PageFrame
      title={L('账龄分析', 'Receivables aging')}
      subtitle={meta ? L(`截至 ${meta.asAt}，按${meta.basis === 'invoice' ? '发票' : '销货清单'}，账龄自${meta.agingFrom === 'due' ? '到期日' : '单据日期'}起算`, `as at ${meta.asAt}, on ${meta.basis === 'invoice' ? 'invoices' : 'sales slips'}, aged from the ${meta.agingFrom === 'due' ? 'due date' : 'document date'}`) : undefined}
      extra={<ExportButton url="/api/receivables/aging/export.xlsx" params={exportParams} permission="receivable.export" fileName="账龄分析.xlsx" />}
      bare
    >
      <Row gutter={12} style={{ marginBottom: 12 }}>
        {[
          [L('应收余额', 'Balance'), meta?.totals.total],
          [L('未到期', 'Not yet due'), meta?.totals.notDue],
          [L('已逾期', 'Overdue'), meta?.totals.overdue],
        ].map(([title, v]) => (
          <Col xs={24} sm={8} md={6} key={String(title)}>
            <Card size="small"><Statistic title={title as string} value={v == null ? '—' : formatMoney(v as number)} valueStyle={title === L('已逾期', 'Overdue') && (v as number) > 0 ? { color: '#cf1322' } : undefined} /></Card>
          </Col>
        ))}
        <Col xs={24} sm={8} md={6}>
          <Card size="small"><Statistic title={L('欠款客户数', 'Customers owing')} value={meta?.totals.customerCount ?? '—'} suffix={meta ? <span style={{ fontSize: 14, color: 'rgba(0,0,0,0.45)', whiteSpace: 'nowrap' }}>{L(`户 · 最长逾期 ${meta.totals.maxDaysOverdue} 天`, ` · max ${meta.totals.maxDaysOverdue} days overdue`)}</span> : undefined} /></Card>
        </Col>
      </Row>
      <Card size="small" title={L('账龄分布（点击柱形查看该区间的客户）', 'Aging buckets (click a bar for its customers)')} style={{ marginBottom: 12 }}>
        <BucketChart bars={bars} onPick={pickBucket} yuanLabel={L('金额（元）', 'Amount (yuan)')} />
      </Card>
      <Card size="small">
        <ServerTable<AgingRow>
          endpoint="/api/receivables/aging"
          columns={columns}
          filterKeys={filterKeys}
          params={{ asAt, by }}
          toolbar={toolbar}
          rowKey={(r) => `${by}-${r.id ?? 'none'}`}
          onLoaded={onLoaded}
          scroll={{ x: 1300 }}
          size="small"
        />
      </Card>
    </PageFrame>
  );
}
