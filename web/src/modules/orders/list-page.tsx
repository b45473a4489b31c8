import { useEffect, useState } from 'react';
import { Button, Checkbox, DatePicker, Input, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCan } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.tsx';
import { ExportButton } from '../../components/export-button.tsx';
import { Money } from '../../components/format.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { UserPicker } from '../../components/remote-select.tsx';
import { ServerTable, useListParams } from '../../components/server-table.tsx';
import { CustomerPicker } from '../leads/shared.tsx';
import { options, OrderStatusTag, orderStatusLabels, orderTypeLabels, paymentTermLabels, reviewKindLabels, type OrderPageItem } from './shared.tsx';
import { ConcessionTag } from './concession.tsx';

const filterKeys = ['q', 'status', 'orderType', 'customerId', 'ownerId', 'pendingReview', 'concession', 'dateFrom', 'dateTo'];
const list = (v: string | undefined) => (v ? v.split(',').filter(Boolean) : []);

/** 销售订单列表: server paging; filters (status, type, customer, rep, date, waiting for my review, under the price list) kept in the URL. */
export function OrderListPage() {
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const { params, set } = useListParams();
  const [, setSp] = useSearchParams();
  const [search, setSearch] = useState(params.q ?? '');
  const [capped, setCapped] = useState<number | null>(null);
  useEffect(() => setSearch(params.q ?? ''), [params.q]);

  // English words are longer than the two characters of 直销 or 现款: their columns widen so that no word is broken
  // inside (Superm/arket, Paymen/t term); the status column, whose English tags wrap anyway, gives some of the room
  const en = t.locale === 'en-US';
  const columns: ColumnsType<OrderPageItem> = [
    {
      title: t('orders.number'), dataIndex: 'number', width: 160,
      render: (v: string | null, r) => <Link to={`/orders/${r.id}`} style={r.status === 'void' ? { color: '#999', textDecoration: 'line-through' } : undefined}>{v ?? t('orders.draftNo', { id: r.id })}</Link>,
    },
    { title: t('orders.businessDate'), dataIndex: 'businessDate', width: 104 },
    { title: t('orders.customer'), dataIndex: 'customerName', ellipsis: true },
    { title: t('orders.type'), dataIndex: 'orderType', width: en ? 104 : 72, render: (v: OrderPageItem['orderType']) => t.l(orderTypeLabels[v]) },
    { title: t('orders.term'), dataIndex: 'paymentTerm', width: en ? 100 : 72, render: (v: OrderPageItem['paymentTerm']) => t.l(paymentTermLabels[v]) },
    { title: t('orders.rep'), dataIndex: 'ownerName', width: 84 },
    { title: t('orders.amount'), dataIndex: 'totalAmount', width: 120, align: 'right', render: (v: number) => <Money fen={v} /> },
    {
      title: t('common.status'), dataIndex: 'status', width: en ? 200 : 230,
      render: (v: OrderPageItem['status'], r) => (
        <Space size={4} wrap>
          <OrderStatusTag status={v} />
          {v === 'submitted' && r.pendingReviews.length > 0 && <Tag color="orange">{r.pendingReviews.map((k) => t.l(reviewKindLabels[k])).join(t.locale === 'en-US' ? ', ' : '、')}</Tag>}
          {r.currentStage && <Tag color="purple">{t('orders.atStage', { stage: r.currentStage })}</Tag>}
          {r.backorder && <Tag color="volcano">{t('orders.backorderShort')}</Tag>}
          <ConcessionTag amount={r.priceConcession} />
        </Space>
      ),
    },
  ];

  const toolbar = (
    <Space wrap>
      <Input.Search allowClear value={search} placeholder={t('orders.searchPlaceholder')} style={{ width: 290 }} onChange={(e) => setSearch(e.target.value)} onSearch={(v) => set({ q: v.trim() || null })} />
      <Select mode="multiple" allowClear placeholder={t('common.status')} style={{ width: 200 }} value={list(params.status)} options={options(orderStatusLabels, t)} onChange={(v: string[]) => set({ status: v.join(',') || null })} maxTagCount="responsive" />
      <Select mode="multiple" allowClear placeholder={t('orders.type')} style={{ width: 180 }} value={list(params.orderType)} options={options(orderTypeLabels, t)} onChange={(v: string[]) => set({ orderType: v.join(',') || null })} maxTagCount="responsive" />
      <Select allowClear placeholder={t('orders.pendingReviews')} style={{ width: 130 }} value={params.pendingReview} options={options(reviewKindLabels, t)} onChange={(v?: string) => set({ pendingReview: v ?? null })} />
      <CustomerPicker placeholder={t('orders.customer')} style={{ width: 200 }} value={params.customerId ? Number(params.customerId) : null} initialLabel={params.customerId ? `#${params.customerId}` : null} onChange={(v) => set({ customerId: v ? String(v) : null })} />
      <UserPicker allowClear placeholder={t('orders.rep')} style={{ width: 150 }} value={params.ownerId ? Number(params.ownerId) : undefined} onChange={(v) => set({ ownerId: v ? String(v) : null })} />
      <DatePicker.RangePicker
        allowEmpty={[true, true]}
        placeholder={[t('orders.dateRange'), t('orders.dateRange')]}
        value={[params.dateFrom ? dayjs(params.dateFrom) : null, params.dateTo ? dayjs(params.dateTo) : null]}
        onChange={(v) => set({ dateFrom: v?.[0]?.format('YYYY-MM-DD') ?? null, dateTo: v?.[1]?.format('YYYY-MM-DD') ?? null })}
      />
      <Checkbox checked={params.concession === '1'} onChange={(e) => set({ concession: e.target.checked ? '1' : null })}>{t('orders.concessionFilter')}</Checkbox>
      <Button onClick={() => { setSearch(''); setSp(new URLSearchParams(), { replace: true }); }}>{t('common.reset')}</Button>
    </Space>
  );

  return (
    <PageFrame
      title={t('orders.title')}
      extra={
        <Space wrap>
          <ExportButton url="/api/orders/export.xlsx" permission="order.export" params={Object.fromEntries(filterKeys.map((k) => [k, params[k]]))} fileName="销售订单.xlsx" />
          {can('order.create') && <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/orders/new')}>{t('orders.new')}</Button>}
        </Space>
      }
    >
      <ServerTable<OrderPageItem>
        endpoint="/api/orders"
        columns={columns}
        filterKeys={filterKeys}
        toolbar={toolbar}
        scroll={{ x: 1060 }} // fits 1366 px with the menu open: the customer's column takes what is left
        onRow={(r) => ({ style: r.status === 'void' ? { color: '#999', background: '#fafafa' } : undefined })}
        onLoaded={(p) => setCapped((p as unknown as { totalCapped: boolean }).totalCapped ? p.total : null)}
      />
      {capped !== null && <Typography.Text type="secondary">{t('orders.totalCapped', { total: capped })}</Typography.Text>}
    </PageFrame>
  );
}
