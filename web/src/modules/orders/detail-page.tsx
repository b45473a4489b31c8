import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Space, Spin, Steps, Table, Tag, Timeline, Tooltip, Typography } from 'antd';
import { CopyOutlined, HistoryOutlined, PrinterOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import { api, errorMessage } from '../../app/api.ts';
import { useCan } from '../../app/auth.tsx';
import { useT, type Locale } from '../../app/i18n.tsx';
import { DateTime, formatMoney, Money } from '../../components/format.tsx';
import { HistoryDrawer } from '../../components/history-drawer.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { formatPrice, formatYuan, toChineseCapitals } from '../../../../src/platform/money.ts';
import { orderSteps } from '../../../../src/modules/orders/labels.ts';
import { SourceHoldLink } from '../holds/order-from-hold.tsx';
import { ChangeDialog, CreditDialog, PaymentDialog, ReasonDialog, ReviewDialog } from './dialogs.tsx';
import { OrderStagesCard, useOrderStages } from './stages-card.tsx';
import {
  announceSubmitted, deliveryMethodLabels, historyActionLabels, historyFieldLabels, invalidateOrders, orderStatusLabels, OrderStatusTag, orderTypeLabels, paymentTermLabels,
  percent, reviewKindLabels, shortageText, type OrderOut, type ReviewKind,
} from './shared.tsx';
import { ConcessionAlert, LinePrice } from './concession.tsx';
import { PackNote, QuantityWithPacks } from '../products/pack-quantity.tsx';

const stepOf: Record<string, number> = { draft: 0, returned: 0, submitted: 1, confirmed: 2, partially_shipped: 2, shipped: 3, delivered: 4, completed: 5, closed: 6 };

/** 订单详情: status steps, lines, reviews, change orders, and the actions this user may take now. */
export function OrderDetailPage() {
  const t = useT();
  const can = useCan();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { id } = useParams();
  const q = useQuery({ queryKey: ['orders', 'one', Number(id)], queryFn: () => api.get<OrderOut>(`/api/orders/${id}`) });
  const stages = useOrderStages(Number(id));
  const [dialog, setDialog] = useState<null | 'review-finance' | 'review-logistics' | 'credit' | 'change' | 'cancel' | 'payment' | 'history'>(null);
  const step = useMutation({
    mutationFn: (s: 'submit' | 'discard' | 'deliver' | 'complete' | 'close' | 'reserve') => api.post<OrderOut>(`/api/orders/${id}/${s}`, { version: q.data!.version }),
    onSuccess: (o, s) => {
      invalidateOrders(qc);
      if (s === 'submit') announceSubmitted(message, t, o);
    },
    onError: (e) => {
      const code = (e as { code?: string }).code;
      if (code === 'ORDER_CREDIT_LIMIT' || code === 'ORDER_TERM_NOT_ALLOWED') setDialog('credit');
      else message.error(errorMessage(e));
    },
  });
  if (q.isPending) return <Spin />;
  if (q.isError) return <PageFrame title={t('orders.detail')} back="/orders" error={q.error}>{null}</PageFrame>;
  const o = q.data;
  const s = o.status;
  const openStage = stages.data?.find((x) => x.status === 'pending')?.name;
  const pending = (k: ReviewKind) => s === 'submitted' && o.pendingReviews.includes(k);
  const actions = [
    (s === 'draft' || s === 'returned') && can('order.create') && <Button key="edit" onClick={() => navigate(`/orders/${o.id}/edit`)}>{t('common.edit')}</Button>,
    (s === 'draft' || s === 'returned') && can('order.create') && <Button key="submit" type="primary" loading={step.isPending} onClick={() => step.mutate('submit')}>{t('orders.submit')}</Button>,
    s === 'draft' && can('order.create') && (
      <Popconfirm key="discard" title={t('orders.discard')} onConfirm={() => step.mutate('discard')}><Button danger>{t('orders.discard')}</Button></Popconfirm>
    ),
    pending('finance') && can('order.review_finance') && <Button key="rf" type="primary" onClick={() => setDialog('review-finance')}>{t.l(reviewKindLabels.finance)}</Button>,
    pending('logistics') && can('order.review_logistics') && <Button key="rl" type="primary" onClick={() => setDialog('review-logistics')}>{t.l(reviewKindLabels.logistics)}</Button>,
    (s === 'confirmed' || s === 'partially_shipped') && can('slip.issue') && (
      <Tooltip key="slip" title={openStage ? t('orders.stagesOpen', { stage: openStage }) : undefined}>
        <Button type="primary" disabled={!!openStage} onClick={() => navigate(`/slips/from-order?orderId=${o.id}`)}>{t('orders.issueSlip')}</Button>
      </Tooltip>
    ),
    (s === 'confirmed' || s === 'partially_shipped') && can('order.change') && <Button key="change" onClick={() => setDialog('change')}>{t('orders.change')}</Button>,
    (s === 'confirmed' || s === 'partially_shipped') && can('order.change') && o.lines.some((l) => l.quantity - l.shippedQuantity > l.reservedQuantity) && (
      <Button key="reserve" onClick={() => step.mutate('reserve')}>{t('orders.reserveRest')}</Button>
    ),
    !['void', 'discarded', 'closed'].includes(s) && can('order.payment') && <Button key="pay" onClick={() => setDialog('payment')}>{t('orders.payment')}</Button>,
    s === 'shipped' && can('order.create') && <Button key="deliver" onClick={() => step.mutate('deliver')}>{t('orders.deliver')}</Button>,
    s === 'delivered' && can('order.create') && <Button key="complete" onClick={() => step.mutate('complete')}>{t('orders.complete')}</Button>,
    (s === 'completed' || s === 'partially_shipped') && can('order.change') && (
      <Popconfirm key="close" title={t('orders.close')} onConfirm={() => step.mutate('close')}><Button>{t('orders.close')}</Button></Popconfirm>
    ),
    ['submitted', 'returned', 'confirmed'].includes(s) && can('order.cancel') && <Button key="cancel" danger onClick={() => setDialog('cancel')}>{t('orders.cancel')}</Button>,
    s !== 'discarded' && <Button key="print" icon={<PrinterOutlined />} onClick={() => navigate(`/orders/${o.id}/print`)}>{t('orders.printConfirmation')}</Button>,
    s !== 'draft' && can('order.create') && <Button key="copy" icon={<CopyOutlined />} onClick={() => navigate(`/orders/new?copyFrom=${o.id}`)}>{t('orders.copy')}</Button>,
    <Button key="history" icon={<HistoryOutlined />} onClick={() => setDialog('history')}>{t('orders.history')}</Button>,
  ].filter(Boolean);

  const current = stepOf[s] ?? 0;
  return (
    <PageFrame title={`${t('orders.detail')} ${o.number ?? `#${o.id}`}`} subtitle={<OrderStatusTag status={s} />} back="/orders" extra={actions} bare>
      <Card variant="borderless" style={{ marginBottom: 12 }}>
        {s === 'void' || s === 'discarded' ? (
          <Alert type="error" showIcon title={s === 'void' ? t('orders.voided', { reason: o.voidReason, name: o.voidedByName ?? '' }) : t.l(orderStatusLabels.discarded)} description={o.voidedAt ? <DateTime value={o.voidedAt} /> : undefined} />
        ) : (
          <Steps
            size="small"
            current={current}
            status={s === 'returned' ? 'error' : undefined}
            items={orderSteps.map((k) => ({
              title: k === 'confirmed' && s === 'partially_shipped' ? t.l(orderStatusLabels.partially_shipped) : k === 'draft' && s === 'returned' ? t.l(orderStatusLabels.returned) : t.l(orderStatusLabels[k]),
              description: k === 'submitted' && s === 'submitted' && o.pendingReviews.length
                ? o.pendingReviews.map((r) => t.l(reviewKindLabels[r])).join('、')
                // confirmed at submit (no review for its type): the ticked 待审核 step says none was needed
                : k === 'submitted' && current > 1 && o.reviews.length === 0 ? t('orders.noReview') : undefined,
            }))}
          />
        )}
        {o.creditOverrideBy && <Alert style={{ marginTop: 12 }} type="warning" showIcon title={t('orders.creditOverridden', { name: o.creditOverrideByName, reason: o.creditOverrideReason })} />}
        {o.orderType === 'regional' && !['void', 'discarded'].includes(s) && o.paymentReceived < o.totalAmount && (
          <Alert style={{ marginTop: 12 }} type="info" showIcon title={t('orders.regionalUnpaid', { received: formatMoney(o.paymentReceived), total: formatMoney(o.totalAmount) })} />
        )}
        <ConcessionAlert order={o} style={{ marginTop: 12 }} />
        {o.shortages.length > 0 && (
          <Alert
            style={{ marginTop: 12 }} type="warning" showIcon title={t('orders.shortages')} data-testid="order-shortages"
            description={o.shortages.map((x) => shortageText(x, o.lines, t.locale)).join(t.locale === 'en-US' ? '; ' : '；')}
          />
        )}
      </Card>
      <OrderStagesCard order={o} />
      <Card variant="borderless" style={{ marginBottom: 12 }}>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('orders.customer')}>{o.customerName}</Descriptions.Item>
          <Descriptions.Item label={t('orders.contact')}>{o.contactName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('orders.phone')}>{o.contactPhone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('orders.address')} span={2}>{o.deliveryAddress ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('orders.businessDate')}>{o.businessDate}</Descriptions.Item>
          <Descriptions.Item label={t('orders.type')}>{t.l(orderTypeLabels[o.orderType])}</Descriptions.Item>
          <Descriptions.Item label={t('orders.term')}>{t.l(paymentTermLabels[o.paymentTerm])}</Descriptions.Item>
          <Descriptions.Item label={t('orders.rep')}>{o.ownerName}</Descriptions.Item>
          <Descriptions.Item label={t('orders.warehouse')}>{o.warehouseName}</Descriptions.Item>
          <Descriptions.Item label={t('orders.deliveryDate')}>{o.deliveryDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('orders.deliveryMethod')}>{o.deliveryMethod ? t.l(deliveryMethodLabels[o.deliveryMethod as keyof typeof deliveryMethodLabels]) : '—'}</Descriptions.Item>
          {(o.carrierName || o.orderType === 'regional') && <Descriptions.Item label={t('orders.carrier')}>{[o.carrierName, o.carrierPhone].filter(Boolean).join(' ') || '—'}</Descriptions.Item>}
          <Descriptions.Item label={t('orders.paymentReceived')}>
            <Money fen={o.paymentReceived} />
            {o.paymentReceived > o.totalAmount && <Typography.Text type="warning">{t('orders.receivedOver', { rest: formatMoney(o.paymentReceived - o.totalAmount) })}</Typography.Text>}
          </Descriptions.Item>
          <Descriptions.Item label={t('orders.createdBy')}>{o.createdByName}　<DateTime value={o.createdAt} /></Descriptions.Item>
          {o.holdId && <Descriptions.Item label={t('holds.sourceHold')}><SourceHoldLink holdId={o.holdId} /></Descriptions.Item>}
          {o.remarks && <Descriptions.Item label={t('orders.remarks')} span={3}>{o.remarks}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card variant="borderless" title={t('orders.lines')} extra={<Space>{o.backorder && <Tag color="volcano">{t('orders.backorderShort')}</Tag>}<Typography.Text type="secondary">{t(o.priceIncludesTax ? 'orders.taxNote' : 'orders.taxNoteEx')}</Typography.Text></Space>} style={{ marginBottom: 12 }}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={o.lines}
          scroll={{ x: 1000 }}
          columns={[
            { title: '#', dataIndex: 'lineNo', width: 40 },
            { title: t('orders.product'), width: 220, render: (_, l) => <span><Typography.Text type="secondary">{l.productCode}</Typography.Text> {l.productName}</span> },
            { title: t('orders.spec'), dataIndex: 'spec', width: 90 },
            // the barcode is checked on 商超 orders only; elsewhere its column would crowd out the product
            ...(o.orderType === 'supermarket' ? [{ title: t('orders.barcode'), dataIndex: 'barcode', width: 130, render: (v: string | null) => v ?? '—' }] : []),
            // a product packed in cases shows them under the figure (49瓶 / 4箱1瓶): what the warehouse counts
            { title: t('orders.quantity'), width: 90, align: 'right', render: (_, l) => <QuantityWithPacks quantity={l.quantity} packing={l} testId={`order-line-${l.lineNo}-packs`} /> },
            { title: t('orders.unitPrice'), dataIndex: 'unitPrice', width: 100, align: 'right', render: (_, l) => <LinePrice line={l} /> },
            { title: t('orders.discount'), dataIndex: 'discountBp', width: 70, align: 'right', render: (v: number) => (v ? percent(v) : '—') },
            { title: t('orders.taxRate'), dataIndex: 'taxRateBp', width: 60, align: 'right', render: (v: number) => percent(v) },
            { title: t('orders.tax'), dataIndex: 'taxAmount', width: 100, align: 'right', render: (v: number) => <Money fen={v} /> },
            { title: t('orders.amount'), dataIndex: 'amount', width: 120, align: 'right', render: (v: number) => <Money fen={v} /> },
            { title: t('orders.reserved'), dataIndex: 'reservedQuantity', width: 80, align: 'right', render: (v: number, l) => <>{v}<PackNote quantity={v} packing={l} /></> },
            { title: t('orders.shipped'), dataIndex: 'shippedQuantity', width: 80, align: 'right', render: (v: number, l) => <>{v}<PackNote quantity={v} packing={l} /></> },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={o.orderType === 'supermarket' ? 4 : 3}><Typography.Text strong>{t('orders.total')}</Typography.Text>　<Typography.Text data-testid="order-capitals">{toChineseCapitals(o.totalAmount)}</Typography.Text></Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">{o.totalQuantity}</Table.Summary.Cell>
              <Table.Summary.Cell index={5} colSpan={3} />
              <Table.Summary.Cell index={8} align="right"><Money fen={o.taxAmount} /></Table.Summary.Cell>
              <Table.Summary.Cell index={9} align="right"><Typography.Text strong><Money fen={o.totalAmount} /></Typography.Text></Table.Summary.Cell>
              <Table.Summary.Cell index={10} colSpan={2} />
            </Table.Summary.Row>
          )}
        />
      </Card>
      {(o.reviews.length > 0 || o.changes.length > 0) && (
        <Card variant="borderless">
          <Space align="start" size={48} wrap>
            {o.reviews.length > 0 && (
              <div>
                <Typography.Title level={5}>{t('orders.reviews')}</Typography.Title>
                <Timeline
                  items={o.reviews.map((r) => ({
                    key: r.id,
                    color: r.decision === 'approved' ? 'green' : 'red',
                    content: (
                      <span>
                        {t.l(reviewKindLabels[r.kind])} · {r.reviewerName} · <span data-testid="review-decision">{t(r.decision === 'approved' ? 'orders.approvedDecision' : 'orders.returnedDecision')}</span> <DateTime value={r.createdAt} />
                        {r.reason && <div><Typography.Text type="secondary">{r.reason}</Typography.Text></div>}
                      </span>
                    ),
                  }))}
                />
              </div>
            )}
            {o.changes.length > 0 && (
              <div>
                <Typography.Title level={5}>{t('orders.changes')}</Typography.Title>
                <Timeline
                  items={o.changes.map((c) => ({
                    key: c.id,
                    content: (
                      <span>
                        <Typography.Text strong>{c.number}</Typography.Text> · {c.approvedByName} <DateTime value={c.createdAt} />
                        <div>{c.reason}</div>
                        <div><Typography.Text type="secondary">{changeText(c.changes, t.locale)}</Typography.Text></div>
                      </span>
                    ),
                  }))}
                />
              </div>
            )}
          </Space>
        </Card>
      )}
      {dialog === 'review-finance' && <ReviewDialog order={o} kind="finance" open onClose={() => setDialog(null)} />}
      {dialog === 'review-logistics' && <ReviewDialog order={o} kind="logistics" open onClose={() => setDialog(null)} />}
      {dialog === 'credit' && <CreditDialog order={o} open onClose={() => setDialog(null)} onDone={() => setDialog(null)} />}
      {dialog === 'change' && <ChangeDialog order={o} open onClose={() => setDialog(null)} />}
      {dialog === 'payment' && <PaymentDialog order={o} open onClose={() => setDialog(null)} />}
      {dialog === 'cancel' && (
        <ReasonDialog
          open
          title={t('orders.cancel')}
          label={t('orders.cancelReason')}
          okText={t('orders.cancel')}
          cancelText={t('common.back')}
          onClose={() => setDialog(null)}
          onSubmit={async (reason) => {
            await api.post(`/api/orders/${o.id}/cancel`, { reason, version: o.version });
            message.success(t('orders.cancelled'));
            invalidateOrders(qc);
          }}
        />
      )}
      <HistoryDrawer open={dialog === 'history'} onClose={() => setDialog(null)} endpoint={`/api/orders/${o.id}/history`} title={t('orders.history')} fieldLabels={historyFieldLabels} actionLabels={historyActionLabels} formatters={historyFormatters(o, t.locale)} />
    </PageFrame>
  );
}

const fieldNames: Record<string, { zh: string; en: string }> = {
  quantity: { zh: '数量', en: 'Quantity' }, unitPrice: { zh: '单价', en: 'Unit price' }, discountBp: { zh: '折扣', en: 'Discount' },
  deliveryDate: { zh: '送货日期', en: 'Delivery date' }, deliveryMethod: { zh: '送货方式', en: 'Delivery method' }, deliveryAddress: { zh: '送货地址', en: 'Delivery address' },
  contactName: { zh: '联系人', en: 'Contact' }, contactPhone: { zh: '联系电话', en: 'Phone' }, carrierName: { zh: '托运部', en: 'Carrier' }, carrierPhone: { zh: '托运部电话', en: 'Carrier phone' },
  totalAmount: { zh: '订单合计', en: 'Order total' }, priceConcession: { zh: '让价', en: 'Under the price list' },
};
/** "第1行 风花雪月 数量 10 → 30；送货日期 — → 2026-12-05；订单合计 ¥600.00 → ¥1,800.00" */
function changeText(json: string, locale: string): string {
  const en = locale === 'en-US';
  const list = JSON.parse(json) as { field: string; line?: number; product?: string; before: unknown; after: unknown }[];
  const show = (f: string, v: unknown) =>
    v === null || v === undefined || v === '' ? '—' : f === 'unitPrice' ? formatPrice(Number(v)) : f === 'discountBp' ? percent(Number(v)) : f === 'totalAmount' || f === 'priceConcession' ? `¥${formatYuan(Number(v))}` : String(v);
  const name = (f: string) => (fieldNames[f] ? fieldNames[f][en ? 'en' : 'zh'] : f);
  return list
    .map((c) => `${c.line ? (en ? `Line ${c.line} ${c.product} ` : `第${c.line}行 ${c.product} `) : ''}${name(c.field)} ${show(c.field, c.before)} → ${show(c.field, c.after)}`)
    .join('；');
}

/**
 * The history's values as the page shows them (草稿 → 已确认, 直销, ¥6,144.00, 第1行 DY-LJ52-500 48瓶 单价 128.00 ¥6,144.00), not as
 * stored (draft → confirmed, direct, 614400 fen, unitPrice 1280000 in 0.0001 yuan).
 */
function historyFormatters(o: OrderOut, locale: Locale): Record<string, (v: unknown) => string> {
  const en = locale === 'en-US';
  const label = (labels: Record<string, { zh: string; en: string }>) => (v: unknown) => (v == null || v === '' ? '—' : labels[String(v)]?.[en ? 'en' : 'zh'] ?? String(v));
  const money = (v: unknown) => (typeof v === 'number' ? formatMoney(v) : '—');
  const list = <T,>(f: (x: T) => string) => (v: unknown) => (Array.isArray(v) && v.length ? (v as T[]).map(f).join(en ? '; ' : '；') : '—');
  const lineOf = (id: unknown) => o.lines.find((l) => l.id === id);
  const unit = (code: unknown) => o.lines.find((l) => l.productCode === code)?.unit ?? '';
  return {
    status: label(orderStatusLabels), orderType: label(orderTypeLabels), paymentTerm: label(paymentTermLabels), deliveryMethod: label(deliveryMethodLabels), review: label(reviewKindLabels),
    pendingReviews: list<string>((k) => label(reviewKindLabels)(k)),
    totalAmount: money, amountExTax: money, taxAmount: money, priceConcession: money, paymentReceived: money, amount: money,
    limit: money, owed: money, openOrders: money, outstanding: money, orderAmount: money, excess: money,
    warehouseId: (v) => (v === o.warehouseId && o.warehouseName ? o.warehouseName : `#${String(v)}`),
    customerId: (v) => `#${String(v)}`, holdId: (v) => (v == null ? '—' : `#${String(v)}`),
    changes: (v) => changeText(JSON.stringify(v ?? []), locale),
    shortages: list<OrderOut['shortages'][number]>((x) => shortageText(x, o.lines, locale)),
    // entered: the product's code, quantity, unit price and amount of each line
    lines: list<{ product?: string; quantity: number; unitPrice?: number; discountBp?: number; amount?: number; orderLineId?: number }>((l) => {
      if (l.orderLineId !== undefined) {
        const line = lineOf(l.orderLineId); // shipped or taken back: the order's line and how many
        return line ? (en ? `Line ${line.lineNo} ${line.productName} ${l.quantity}${line.unit}` : `第${line.lineNo}行 ${line.productName} ${l.quantity}${line.unit}`) : String(l.quantity);
      }
      const price = l.unitPrice !== undefined ? `${en ? ' at ' : ' 单价 '}${formatPrice(l.unitPrice)}` : '';
      const discount = l.discountBp ? `${en ? ' less ' : ' 折扣 '}${percent(l.discountBp)}` : '';
      return `${l.product ?? ''} ${l.quantity}${unit(l.product)}${price}${discount}${l.amount !== undefined ? ` ${formatMoney(l.amount)}` : ''}`;
    }),
    reserved: list<{ line: number; reserved: number; short: number }>((r) => (en ? `line ${r.line}: ${r.reserved} reserved${r.short ? `, ${r.short} short` : ''}` : `第${r.line}行 预留 ${r.reserved}${r.short ? `，缺 ${r.short}` : ''}`)),
  };
}
