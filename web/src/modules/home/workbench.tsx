import { Link } from 'react-router';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { api } from '../../app/api.ts';
import { useCan, useMe } from '../../app/auth.tsx';
import { registerMessages, useT } from '../../app/i18n.tsx';
import { formatMoney } from '../../components/format.tsx';
import { businessDate } from '../../../../src/platform/time.ts';

// The dashboard's work: what waits for this user (one tile a kind of to-do their role can act on,
// counted by the list it links to, so the count and the list agree) and the month's sales in their scope.

registerMessages({
  zh: {
    'work.todos': '待办事项',
    'work.nothing': '暂无待办',
    'work.sales': '本月销售（{scope}）',
    'work.salesOrders': '{n} 张已确认订单',
    'work.salesOrdersOne': '1 张已确认订单',
    'work.lastMonth': '上月 {amount}，{n} 张',
    'work.lastMonthOne': '上月 {amount}，1 张',
    'work.scope.own': '我的客户',
    'work.scope.dept': '本部门',
    'work.scope.company': '全公司',
    'work.more': '{n}+',
  },
  en: {
    'work.todos': 'To do',
    'work.nothing': 'Nothing waiting',
    'work.sales': 'Sales this month ({scope})',
    'work.salesOrders': '{n} confirmed orders',
    'work.salesOrdersOne': '1 confirmed order',
    'work.lastMonth': 'Last month {amount}, {n} orders',
    'work.lastMonthOne': 'Last month {amount}, 1 order',
    'work.scope.own': 'my customers',
    'work.scope.dept': 'my department',
    'work.scope.company': 'whole company',
    'work.more': '{n}+',
  },
});

type Total = { total: number; totalCapped?: boolean };
const totalOf = (url: string, params: Record<string, string> = {}) => async () => api.get<Total>(url, { ...params, pageSize: 1 });

/** permission: the tile shows for a user holding it (or any of them) */
type Todo = { key: string; label: { zh: string; en: string }; permission: string | string[]; to: string; count: () => Promise<Total> };

const todos: Todo[] = [
  { key: 'review-finance', label: { zh: '待财务审核的订单', en: 'Orders for finance review' }, permission: 'order.review_finance', to: '/orders?pendingReview=finance', count: totalOf('/api/orders', { pendingReview: 'finance' }) },
  { key: 'review-logistics', label: { zh: '待物流审核的订单', en: 'Orders for logistics review' }, permission: 'order.review_logistics', to: '/orders?pendingReview=logistics', count: totalOf('/api/orders', { pendingReview: 'logistics' }) },
  { key: 'returned', label: { zh: '被退回待修改的订单', en: 'Returned orders to fix' }, permission: 'order.create', to: '/orders?status=returned', count: totalOf('/api/orders', { status: 'returned' }) },
  { key: 'drafts', label: { zh: '未提交的订单草稿', en: 'Order drafts not submitted' }, permission: 'order.create', to: '/orders?status=draft', count: totalOf('/api/orders', { status: 'draft' }) },
  { key: 'holds', label: { zh: '待审批的留货申请', en: 'Hold requests to decide' }, permission: 'hold.approve', to: '/holds?pending=1', count: totalOf('/api/holds', { pending: '1' }) },
  { key: 'to-issue', label: { zh: '待开单的订单', en: 'Orders to write slips for' }, permission: 'slip.issue', to: '/slips/from-order', count: totalOf('/api/orders', { status: 'confirmed,partially_shipped' }) },
  // slips: the keeper's written and waiting for codes and signature; the preparer's and handler's own places
  // (each signs with their own login); the clerk's signed out and waiting to go (出车 / 客户自提)
  { key: 'to-pick', label: { zh: '待出库签字的销货清单', en: 'Slips to pick and sign' }, permission: 'slip.warehouse', to: '/slips?awaitingSignature=keeper', count: totalOf('/api/slips', { awaitingSignature: 'keeper' }) },
  { key: 'to-sign', label: { zh: '待我签字的销货清单', en: 'Slips waiting for my signature' }, permission: ['slip.issue', 'order.create'], to: '/slips?awaitingSignature=me', count: totalOf('/api/slips', { awaitingSignature: 'me' }) },
  { key: 'to-deliver', label: { zh: '已出库待出车的销货清单', en: 'Signed slips waiting to go out' }, permission: 'slip.issue', to: '/slips?status=signed', count: totalOf('/api/slips', { status: 'signed' }) },
  { key: 'to-reconcile', label: { zh: '待对单（司机与客户自提）', en: 'Drivers and pickups to reconcile' }, permission: 'slip.reconcile', to: '/slips/reconciliations', count: async () => ({ total: (await api.get<unknown[]>('/api/slip-reconciliations/pending')).length }) },
  { key: 'to-post', label: { zh: '待过账的销货清单', en: 'Slips to post' }, permission: 'slip.post', to: '/slips/posting', count: totalOf('/api/slips', { status: 'reconciled' }) },
  { key: 'low-stock', label: { zh: '低于安全库存的商品', en: 'Products below safety stock' }, permission: 'stock.read', to: '/stock/alerts', count: totalOf('/api/stock/alerts/low') },
  { key: 'dunning', label: { zh: '逾期待催收的客户', en: 'Overdue customers to chase' }, permission: 'collection.read', to: '/collections/dunning', count: totalOf('/api/collections/worklist') },
];

/** The to-dos this user's role can act on, each with its count, linked to its list. */
export function TodoCard() {
  const t = useT();
  const can = useCan();
  const me = useMe();
  const mine = todos.filter((d) => [d.permission].flat().some((p) => can(p)));
  // counts are the user's in their company: keyed so, another login or company never sees them
  const counts = useQueries({ queries: mine.map((d) => ({ queryKey: ['workbench', me.user.id, me.company?.id, d.key], queryFn: d.count, staleTime: 30_000 })) });
  if (!mine.length) return null;
  const waiting = counts.some((c) => (c.data?.total ?? 0) > 0);
  return (
    <Card variant="borderless" title={t('work.todos')} extra={!waiting && counts.every((c) => c.isSuccess) ? <Typography.Text type="secondary">{t('work.nothing')}</Typography.Text> : null}>
      <Row gutter={[12, 12]}>
        {mine.map((d, i) => {
          const c = counts[i]!.data;
          const n = c?.total ?? 0;
          return (
            <Col xs={12} md={8} xl={6} key={d.key}>
              <Link to={d.to} data-testid={`todo-${d.key}`} style={{ display: 'block', padding: '10px 14px', border: '1px solid #f0f0f0', borderRadius: 6, background: n > 0 ? '#fffbe6' : undefined }}>
                <div style={{ fontSize: 24, fontWeight: 600, color: n > 0 ? '#d46b08' : '#bfbfbf', lineHeight: 1.3 }}>{c ? (c.totalCapped ? t('work.more', { n }) : n) : '…'}</div>
                <Typography.Text type={n > 0 ? undefined : 'secondary'}>{t.l(d.label)}</Typography.Text>
              </Link>
            </Col>
          );
        })}
      </Row>
    </Card>
  );
}

/** The business month `monthsBack` months before this one (Asia/Shanghai): its first day and its last (or today). */
function monthRange(monthsBack: number): { dateFrom: string; dateTo: string } {
  const today = businessDate();
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1];
  const day = (month: number, date: number) => new Date(Date.UTC(y, month, date)).toISOString().slice(0, 10);
  return { dateFrom: day(m - monthsBack, 1), dateTo: monthsBack === 0 ? today : day(m - monthsBack + 1, 0) };
}

type Summary = { orders: number; amount: number };

/** This month's confirmed sales in the user's scope, beside last month's. */
export function MonthSales() {
  const t = useT();
  const can = useCan();
  const me = useMe();
  const allowed = can('order.read');
  const sales = (monthsBack: number) => ({ queryKey: ['workbench', me.user.id, me.company?.id, 'sales', monthsBack], queryFn: () => api.get<Summary>('/api/orders/summary', monthRange(monthsBack)), enabled: allowed, staleTime: 60_000 });
  const now = useQuery(sales(0));
  const last = useQuery(sales(1));
  if (!allowed) return null;
  const scope = me.role?.dataScope ?? 'own';
  return (
    <div data-testid="month-sales">
      <Statistic title={t('work.sales', { scope: t(`work.scope.${scope}`) })} value={now.data ? formatMoney(now.data.amount) : '…'} />
      <Typography.Text type="secondary">
        {/* English counts one order as one, not 1 orders */}
        {now.data ? t(now.data.orders === 1 ? 'work.salesOrdersOne' : 'work.salesOrders', { n: now.data.orders }) : ''}
        {last.data ? ` · ${t(last.data.orders === 1 ? 'work.lastMonthOne' : 'work.lastMonth', { amount: formatMoney(last.data.amount), n: last.data.orders })}` : ''}
      </Typography.Text>
    </div>
  );
}
