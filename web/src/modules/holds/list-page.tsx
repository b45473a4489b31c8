import { useEffect, useState } from 'react';
import { Badge, Button, Input, Select, Space, Switch, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCan } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.tsx';
import { Money } from '../../components/format.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { ServerTable, useListParams } from '../../components/server-table.tsx';
import { options } from '../orders/shared.tsx';
import { QuantityWithPacks } from '../products/pack-quantity.tsx';
import { Deadline, HoldStatusTag, holdStatusLabels, type HoldListItem } from './shared.tsx';

const filterKeys = ['q', 'status', 'pending', 'customerId'];

/** 留货列表: server paging; status, search and (for approvers) "waiting for my approval" kept in the URL. */
export function HoldListPage() {
  const t = useT();
  const en = t.locale === 'en-US';
  const can = useCan();
  const navigate = useNavigate();
  const { params, set } = useListParams();
  const [, setSp] = useSearchParams();
  const [search, setSearch] = useState(params.q ?? '');
  useEffect(() => setSearch(params.q ?? ''), [params.q]);

  const columns: ColumnsType<HoldListItem> = [
    {
      title: t('holds.number'), dataIndex: 'number', width: 136,
      render: (v: string, r) => <Link to={`/holds/${r.id}`} style={r.status === 'void' ? { color: '#999', textDecoration: 'line-through' } : undefined}>{v}</Link>,
    },
    {
      // English states are long (Firm (deposit, agreement signed)): a wider column, and the tag wraps inside it
      // rather than running over the customer's name
      title: t('common.status'), dataIndex: 'status', width: en ? 132 : 116,
      render: (v: HoldListItem['status'], r) => (
        <Space orientation="vertical" size={2}>
          <HoldStatusTag status={v} wrap />
          {r.pendingRequests > 0 && <Badge count={t('holds.pendingCount', { n: r.pendingRequests })} style={{ backgroundColor: '#fa8c16' }} />}
        </Space>
      ),
    },
    { title: t('holds.customer'), dataIndex: 'customerName', width: en ? 154 : 170, ellipsis: true },
    { title: t('holds.holder'), dataIndex: 'holderName', width: 100, render: (v: string, r) => <TwoLines top={v} bottom={r.holderPhone} /> },
    {
      title: t('holds.product'), dataIndex: 'productName', width: 140, ellipsis: true,
      render: (v: string, r) => <TwoLines top={v} bottom={[r.productCode, r.spec].filter(Boolean).join(' · ')} />,
    },
    // in cases under the figure (120瓶 / 10箱), as on orders: a customer holds cases
    { title: t('holds.quantity'), dataIndex: 'quantity', width: 60, align: 'right', render: (v: number, r) => <QuantityWithPacks quantity={v} packing={r} testId={`hold-${r.id}-packs`} /> },
    { title: t('holds.deposit'), dataIndex: 'deposit', width: 86, align: 'right', render: (v: number) => <Money fen={v} /> },
    { title: t('holds.firmDeposit'), dataIndex: 'firmDeposit', width: 100, align: 'right', render: (v: number | null) => <Money fen={v} /> },
    {
      // what the hold waits for: its deadline while open, the order made from it once there is one
      title: t('holds.deadlineOrder'), key: 'deadline', width: 160,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          {(r.status === 'held' || r.status === 'firm' || !r.orderId) && <Deadline hold={r} />}
          {r.orderId && <Link to={`/orders/${r.orderId}`}>{r.orderNumber ?? `#${r.orderId}`}</Link>}
        </Space>
      ),
    },
  ];

  const toolbar = (
    <Space wrap>
      <Input.Search allowClear value={search} placeholder={t('holds.searchPlaceholder')} style={{ width: en ? 300 : 260 }} onChange={(e) => setSearch(e.target.value)} onSearch={(v) => set({ q: v.trim() || null })} />
      <Select allowClear placeholder={t('common.status')} style={{ width: 170 }} value={params.status} options={options(holdStatusLabels, t).filter((o) => o.value !== 'discarded')} onChange={(v?: string) => set({ status: v ?? null })} />
      {can('hold.approve') && (
        <Space size={6}>
          <Switch size="small" id="holds-pending" checked={params.pending === '1'} onChange={(on) => set({ pending: on ? '1' : null })} />
          <label htmlFor="holds-pending">{t('holds.pendingOnly')}</label>
        </Space>
      )}
      <Button onClick={() => { setSearch(''); setSp(new URLSearchParams(), { replace: true }); }}>{t('common.reset')}</Button>
    </Space>
  );

  return (
    <PageFrame
      title={t('holds.title')}
      extra={can('hold.create') && <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/holds/new')}>{t('holds.new')}</Button>}
    >
      <ServerTable<HoldListItem>
        endpoint="/api/holds"
        columns={columns}
        filterKeys={filterKeys}
        toolbar={toolbar}
        scroll={{ x: 1064 }}
        onRow={(r) => ({ style: r.status === 'void' ? { color: '#999', background: '#fafafa' } : undefined })}
      />
    </PageFrame>
  );
}

/** A cell of a name over a smaller grey line (phone, code · spec). */
function TwoLines({ top, bottom }: { top: string; bottom?: string | null }) {
  return (
    <div style={{ lineHeight: 1.35, overflow: 'hidden', textOverflow: 'ellipsis' }}>
      {top}
      {bottom && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{bottom}</Typography.Text></div>}
    </div>
  );
}
