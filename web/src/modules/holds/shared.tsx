import type { QueryClient } from '@tanstack/react-query';
import { Tag, Typography } from 'antd';
import { registerMessages, useT } from '../../app/i18n.tsx';
import { formatDateTime, formatMoney } from '../../components/format.tsx';
import { listKey } from '../../components/server-table.tsx';
import { packsInBrackets } from '../products/pack-quantity.tsx';
import { formatPrice } from '../../../../src/platform/money.ts';
import { paperLabels, type Paper } from '../../../../src/platform/documents/paper.ts';
import {
  depositOutcomeLabels, holdRequestKindLabels, holdRequestStatusLabels, holdStatusLabels,
  type DepositOutcome, type HoldRequestKind, type HoldRequestStatus, type HoldStatus,
} from '../../../../src/modules/holds/labels.ts';
import type { HoldListItem, HoldOut } from '../../../../src/modules/holds/schema.ts';

export { depositOutcomeLabels, holdRequestKindLabels, holdRequestStatusLabels, holdStatusLabels };
export type { DepositOutcome, HoldListItem, HoldOut, HoldRequestKind, HoldRequestStatus, HoldStatus };
export type HoldRequest = HoldOut['requests'][number];

export const HOLDS_KEY = ['holds'] as const;
/** After a change: the hold's own queries and every holds list. */
export function invalidateHolds(qc: QueryClient) {
  void qc.invalidateQueries({ queryKey: HOLDS_KEY });
  void qc.invalidateQueries({ queryKey: listKey('/api/holds') });
}

/** A hold (open ones only) still keeps its stock. */
export const isOpen = (s: HoldStatus) => s === 'held' || s === 'firm';

const statusColor: Record<HoldStatus, string> = { held: 'gold', firm: 'blue', converted: 'green', released: 'default', expired: 'default', void: 'red' };
/** A hold's state; `wrap` lets a long one (English) break within a narrow column instead of running over the next. */
export function HoldStatusTag({ status, wrap }: { status: HoldStatus; wrap?: boolean }) {
  const t = useT();
  return <Tag color={statusColor[status]} style={wrap ? { whiteSpace: 'normal', marginInlineEnd: 0 } : undefined}>{t.l(holdStatusLabels[status])}</Tag>;
}

const requestColor: Record<HoldRequestStatus, string> = { pending: 'orange', approved: 'green', rejected: 'red' };
export function RequestStatusTag({ status }: { status: HoldRequestStatus }) {
  const t = useT();
  return <Tag color={requestColor[status]}>{t.l(holdRequestStatusLabels[status])}</Tag>;
}

/** The date that matters now: the hold's end (订金, an instant) or the sign-and-pay date (定金); red once past. */
export function Deadline({ hold, bare }: { hold: Pick<HoldListItem, 'status' | 'expiresAt' | 'signBy'>; /** without the 到期/签约 word (beside a label) */ bare?: boolean }) {
  const t = useT();
  if (hold.status !== 'held' && hold.status !== 'firm') return <Typography.Text type="secondary">—</Typography.Text>;
  const held = hold.status === 'held';
  const text = held ? formatDateTime(hold.expiresAt) : hold.signBy ?? '';
  const past = held ? Date.parse(hold.expiresAt) < Date.now() : !!hold.signBy && hold.signBy < today();
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {!bare && <Typography.Text type="secondary" style={{ fontSize: 12, marginRight: 4 }}>{t(held ? 'holds.expiresShort' : 'holds.signByShort')}</Typography.Text>}
      <Typography.Text type={past ? 'danger' : undefined}>{text}</Typography.Text>
    </span>
  );
}

/** Today's business date (Asia/Shanghai) as YYYY-MM-DD. */
export const today = () => formatDateTime(new Date().toISOString()).slice(0, 10);

/**
 * How far a special price is under the list price (both in 0.0001 yuan), as the manager deciding it reads it:
 * 9.5 折 when exact, 约 9.5 折 when rounded to the tenth. A price only just under the list would round to 10 折, which
 * reads as no discount: it says 约原价的 99.6% instead (at most 99.9%); one just above nothing never reads 0 折 (free)
 * but 约 0.1 折. English: 5% off / about 5.3% off, never 0% off, and 100% off only for a price of nothing.
 */
export function discountWording(listPrice: number, unitPrice: number, locale: string): string {
  const ratio = unitPrice / listPrice;
  const exact = (x: number, rounded: number) => Math.abs(x - rounded) < 1e-9;
  if (locale === 'en-US') {
    const x = (1 - ratio) * 1000; // tenths of a percent off
    const off = Math.min(Math.max(Math.round(x), 1), unitPrice > 0 ? 999 : 1000);
    return `${exact(x, off) ? '' : 'about '}${off / 10}% off`;
  }
  const x = ratio * 100; // tenths of 折: 9.47 折 → 95 → 9.5
  const tenths = Math.max(Math.round(x), unitPrice > 0 ? 1 : 0);
  if (tenths < 100) return `${exact(x, tenths) ? '' : '约 '}${tenths / 10} 折`;
  const permille = Math.min(Math.round(ratio * 1000), 999); // of the list price, to 0.1%, never up to 100% (99.96% reads 99.9%)
  return `${exact(ratio * 1000, permille) ? '' : '约'}原价的 ${permille / 10}%`;
}

/** A hold's quantity with its cases beside it, as a clerk reads it: 240瓶（20箱）, 13瓶（1箱1瓶）; under a case, or without a pack, 5瓶. */
export function holdQuantityText(h: Pick<HoldListItem, 'quantity' | 'unit' | 'packUnit' | 'packSize'>, locale: string): string {
  return `${h.quantity}${h.unit}${packsInBrackets(h.quantity, h, locale)}`;
}

/** "¥1,499.00" from a unit price in 0.0001 yuan (two decimals unless finer). */
export const priceText = (p: number | null | undefined) => (p == null ? '—' : `¥${formatPrice(p)}`);

export const holdMessages = registerMessages({
  zh: {
    'holds.title': '留货（订金/定金）',
    'holds.new': '新建留货',
    'holds.detail': '留货单',
    'holds.number': '留货单号',
    'holds.customer': '客户',
    'holds.holder': '保留人',
    'holds.holderName': '保留人',
    'holds.holderPhone': '保留人电话',
    'holds.holderDefault': '默认取客户联系人',
    'holds.product': '商品',
    'holds.warehouse': '仓库',
    'holds.quantity': '数量',
    'holds.available': '可用库存 {n}',
    'holds.deposit': '订金',
    'holds.depositYuan': '订金（元）',
    'holds.firmDeposit': '定金',
    'holds.firmDepositYuan': '定金（元）',
    'holds.agreementNo': '订货协议编号',
    'holds.deadlineOrder': '期限 / 订单',
    'holds.holderPhoneDefault': '默认取客户联系人电话',
    'holds.expiresAt': '留货到期',
    'holds.expiresShort': '到期',
    'holds.signBy': '签约付款期限',
    'holds.signByShort': '签约付款',
    'holds.latestSignBy': '最晚可延至',
    'holds.order': '订单',
    'holds.owner': '业务员',
    'holds.listPrice': '标价',
    'holds.agreedPrice': '特别优惠价',
    'holds.depositReceivedBy': '订金收款人',
    'holds.firmBy': '定货',
    'holds.createdBy': '录入',
    'holds.remarks': '备注',
    'holds.depositOutcome': '订金/定金去向',
    'holds.outcomeSuffix': '；订金/定金去向：{outcome}',
    'holds.colon': '：',
    'holds.pendingCount': '{n} 项待审批',
    'holds.pendingAlert': '有 {n} 项申请等待经理审批（见下方申请列表）',
    'holds.pendingAlertOne': '有 1 项申请等待经理审批（见下方申请列表）',
    'holds.pendingOnly': '只看待审批',
    'holds.searchPlaceholder': '单号、客户、保留人或电话',
    'holds.intro': '收到订金即留货并预留库存；订金留货保留到期限当天结束，未定货的到期自动释放。每位客户（及同一电话）对同一商品只能留货一次。',
    'holds.saved': '已留货 {number}',
    'holds.steps.held': '留货（收订金）',
    'holds.steps.firm': '定货（收定金、签订货协议）',
    'holds.steps.converted': '转订单',
    'holds.firm': '定货（收定金）',
    'holds.firmHint': '收取定金并签订《订货协议》后留货即为已定，不再自动到期；须在签约付款期限内签约付款。',
    'holds.firmDone': '已定货，签约付款期限 {date}',
    'holds.specialPrice': '申请特别优惠',
    'holds.specialPriceHint': '特别优惠通知执行单：经理批准后按优惠价转订单。',
    'holds.unitPriceYuan': '优惠单价（元）',
    'holds.extension': '申请延期',
    'holds.extensionHint': '延期申请单：经理批准后签约付款期限改为新日期，最晚可延至 {date}。',
    'holds.newSignBy': '延至',
    'holds.reason': '申请理由',
    'holds.requested': '申请已提交，等待经理审批',
    'holds.requests': '特别优惠与延期申请',
    'holds.requestKind': '申请',
    'holds.requestValue': '申请内容',
    'holds.requestedBy': '申请人',
    'holds.decidedBy': '审批人',
    'holds.decisionNote': '审批意见',
    'holds.approve': '批准',
    'holds.reject': '驳回',
    'holds.decideTitle': '{decision}{kind}申请',
    'holds.decided': '已{decision}',
    'holds.ownRequest': '自己的申请须由其他经理审批',
    'holds.toOrder': '转订单',
    'holds.toOrderWaiting': '已录入订单 {order}，订单确认后留货转为订单',
    'holds.release': '退订',
    'holds.releaseReason': '退订原因',
    'holds.refundByFinance': '退还的订金/定金由财务（出纳）退给客户，并在收款单上登记退款；此前收款单显示「待退款」。',
    'holds.released': '已退订，库存已释放',
    'holds.void': '作废',
    'holds.voidReason': '作废原因',
    'holds.voided': '已作废，库存已释放',
    'holds.voidedMark': '作废：{reason}',
    'holds.voidedBy': '{name} 于 {at} 作废',
    'holds.endedMark': '{status}：{reason}',
    'holds.endedBy': '{name} 于 {at}',
    'holds.history': '操作记录',
    'holds.print': '打印留货单',
    'holds.noRequests': '暂无申请',
    'holds.fromHold': '本订单来自留货单',
    'holds.fromHoldText': '{customer}，{product} {quantity}{unit}（客户、仓库、商品与数量须与留货一致）。订单确认后留货转为「已转订单」，留货的库存转给订单。',
    'holds.orderRemarks': '留货单 {number} 转入：{deposits} 转作货款',
    'holds.sourceHold': '来源留货单',
    'holds.depositsOverOrder': '订金/定金共 {deposits}，多于订单金额 {total}：订单过账后余下的 {rest} 留作客户预收款，可退还或用于以后的订单。',
    'holds.depositMethod': '收款方式',
    'holds.depositMethodHelp': '登记为财务收款单',
    'holds.receipts': '订金/定金收款单',
    'holds.receiptsHelp': '留货期间不计入客户预收；转订单后随销货清单过账自动核销',
    'holds.noReceipts': '暂无收款单',
    'holds.receiptNumber': '收款单号',
    'holds.receiptDate': '收款日期',
    'holds.receiptMethod': '收款方式',
    'holds.receiptAmount': '金额',
    'holds.settleDeposit': '处理订金',
    'holds.settleDepositHint': '留货已到期释放，订金尚未处理：退还客户，或按约定不予退还。',
    'holds.settleReason': '处理说明',
    'holds.depositSettled': '订金已处理',
    'holds.depositUnsettled': '订金尚未处理：请退还客户或按约定不予退还（「处理订金」）',
  },
  en: {
    'holds.title': 'Holds',
    'holds.new': 'New hold',
    'holds.detail': 'Hold',
    'holds.number': 'Hold no.',
    'holds.customer': 'Customer',
    'holds.holder': 'Holder',
    'holds.holderName': 'Holder',
    'holds.holderPhone': 'Holder phone',
    'holds.holderDefault': 'Default: the customer\'s contact',
    'holds.product': 'Product',
    'holds.warehouse': 'Warehouse',
    'holds.quantity': 'Qty',
    'holds.available': '{n} available',
    'holds.deposit': 'Small deposit',
    'holds.depositYuan': 'Small deposit (¥)',
    'holds.firmDeposit': 'Deposit',
    'holds.firmDepositYuan': 'Deposit (¥)',
    'holds.agreementNo': 'Agreement no.',
    'holds.deadlineOrder': 'Deadline / order',
    'holds.holderPhoneDefault': 'Default: the contact\'s phone',
    'holds.expiresAt': 'Held until',
    'holds.expiresShort': 'Ends',
    'holds.signBy': 'Sign and pay by',
    'holds.signByShort': 'Sign',
    'holds.latestSignBy': 'Latest extension',
    'holds.order': 'Order',
    'holds.owner': 'Rep',
    'holds.listPrice': 'List price',
    'holds.agreedPrice': 'Special price',
    'holds.depositReceivedBy': 'Deposit received by',
    'holds.firmBy': 'Firmed',
    'holds.createdBy': 'Entered',
    'holds.remarks': 'Remarks',
    'holds.depositOutcome': 'Deposits',
    'holds.outcomeSuffix': '; deposits: {outcome}',
    'holds.colon': ': ',
    'holds.pendingCount': '{n} pending',
    'holds.pendingAlert': '{n} requests are waiting for a manager (see the requests below)',
    'holds.pendingAlertOne': 'A request is waiting for a manager (see the requests below)',
    'holds.pendingOnly': 'Pending approval only',
    'holds.searchPlaceholder': 'Number, customer, holder or phone',
    'holds.intro': 'A hold reserves the stock as soon as the small deposit is taken; it lasts to the end of its last day and is released by itself unless firmed up. A customer (or phone) may hold a product once.',
    'holds.saved': 'Hold {number} taken',
    'holds.steps.held': 'Held (small deposit)',
    'holds.steps.firm': 'Firm (deposit, agreement)',
    'holds.steps.converted': 'Order',
    'holds.firm': 'Firm up (deposit)',
    'holds.firmHint': 'With the deposit and a signed purchase agreement the hold is firm: it no longer expires, and is to be signed and paid by its date.',
    'holds.firmDone': 'Firm; sign and pay by {date}',
    'holds.specialPrice': 'Ask for a special price',
    'holds.specialPriceHint': 'Special price form: once a manager approves, the order takes this price.',
    'holds.unitPriceYuan': 'Unit price (¥)',
    'holds.extension': 'Ask for an extension',
    'holds.extensionHint': 'Extension request: once a manager approves, the new date applies; at most {date}.',
    'holds.newSignBy': 'New date',
    'holds.reason': 'Reason',
    'holds.requested': 'Request sent to the managers',
    'holds.requests': 'Special price and extension requests',
    'holds.requestKind': 'Request',
    'holds.requestValue': 'Asked for',
    'holds.requestedBy': 'Requested by',
    'holds.decidedBy': 'Decided by',
    'holds.decisionNote': 'Note',
    'holds.approve': 'Approve',
    'holds.reject': 'Reject',
    'holds.decideTitle': '{decision}: {kind}',
    'holds.decided': '{decision}',
    'holds.ownRequest': 'Your own request is decided by another manager',
    'holds.toOrder': 'Enter order',
    'holds.toOrderWaiting': 'Order {order} entered; the hold converts when it is confirmed',
    'holds.release': 'Release',
    'holds.releaseReason': 'Reason',
    'holds.refundByFinance': 'A refund is paid back to the customer by finance (the cashier), who records it on the receipt; until then the receipt says "Refund due".',
    'holds.released': 'Released, stock freed',
    'holds.void': 'Void',
    'holds.voidReason': 'Reason',
    'holds.voided': 'Voided, stock freed',
    'holds.voidedMark': 'VOID: {reason}',
    'holds.voidedBy': 'by {name} at {at}',
    'holds.endedMark': '{status}: {reason}',
    'holds.endedBy': '{name} at {at}',
    'holds.history': 'History',
    'holds.print': 'Print order form',
    'holds.noRequests': 'No requests',
    'holds.fromHold': 'This order comes from hold',
    'holds.fromHoldText': '{customer}, {product} × {quantity} {unit} (customer, warehouse, product and quantity must match the hold). When the order is confirmed the hold converts and its stock passes to the order.',
    'holds.orderRemarks': 'From hold {number}: {deposits} applied to the order',
    'holds.sourceHold': 'From hold',
    'holds.depositsOverOrder': 'The deposits come to {deposits}, more than the order\u2019s {total}: once the order is posted the other {rest} stays as the customer\u2019s advance credit, to refund or use on a later order.',
    'holds.depositMethod': 'Paid by',
    'holds.depositMethodHelp': 'Recorded as a receipt for finance',
    'holds.receipts': 'Deposit receipts',
    'holds.receiptsHelp': 'Not the customer\u2019s credit while the hold is open; applied to the order\u2019s slips as they are posted',
    'holds.noReceipts': 'No receipts',
    'holds.receiptNumber': 'Receipt no.',
    'holds.receiptDate': 'Date',
    'holds.receiptMethod': 'Paid by',
    'holds.receiptAmount': 'Amount',
    'holds.settleDeposit': 'Settle the deposit',
    'holds.settleDepositHint': 'The hold expired and its deposit is not settled yet: refund it, or keep it under the hold\u2019s terms.',
    'holds.settleReason': 'Note',
    'holds.depositSettled': 'Deposit settled',
    'holds.depositUnsettled': 'The deposit is not settled yet: refund or forfeit it (Settle the deposit)',
  },
});

/** "订金 ¥800.00，定金 ¥20,000.00" — the deposits a hold passes to its order. */
export function depositsText(h: Pick<HoldOut, 'deposit' | 'firmDeposit'>, locale: string): string {
  const en = locale === 'en-US';
  const parts = [`${en ? 'small deposit' : '订金'} ${formatMoney(h.deposit)}`];
  if (h.firmDeposit) parts.push(`${en ? 'deposit' : '定金'} ${formatMoney(h.firmDeposit)}`);
  return parts.join(en ? ', ' : '，');
}

/** Field labels of the audit history. */
export const historyFieldLabels: Record<string, { zh: string; en: string }> = {
  number: { zh: '留货单号', en: 'Hold no.' }, customer: { zh: '客户', en: 'Customer' }, holderName: { zh: '保留人', en: 'Holder' },
  holderPhone: { zh: '保留人电话', en: 'Holder phone' }, product: { zh: '商品', en: 'Product' }, quantity: { zh: '数量', en: 'Qty' },
  deposit: { zh: '订金', en: 'Small deposit' }, holdDays: { zh: '留货天数', en: 'Hold days' }, firmDeposit: { zh: '定金', en: 'Deposit' },
  agreementNo: { zh: '订货协议编号', en: 'Agreement no.' }, signBy: { zh: '签约付款期限', en: 'Sign and pay by' }, unitPrice: { zh: '申请单价', en: 'Asked price' },
  agreedPrice: { zh: '特别优惠价', en: 'Special price' }, depositOutcome: { zh: '订金/定金去向', en: 'Deposits' }, orderId: { zh: '订单', en: 'Order' },
  orderNumber: { zh: '订单号', en: 'Order no.' }, decision: { zh: '审批结果', en: 'Decision' }, printNo: { zh: '第几次打印', en: 'Print no.' },
  paper: { zh: '纸张', en: 'Paper' },
};
export const historyActionLabels: Record<string, { zh: string; en: string }> = {
  'hold.create': { zh: '留货收订金', en: 'Held' }, 'hold.firm': { zh: '定货收定金', en: 'Firmed up' },
  'hold.request_special_price': { zh: '申请特别优惠', en: 'Special price asked' }, 'hold.request_extension': { zh: '申请延期', en: 'Extension asked' },
  'hold.approve_special_price': { zh: '批准特别优惠', en: 'Special price approved' }, 'hold.reject_special_price': { zh: '驳回特别优惠', en: 'Special price rejected' },
  'hold.approve_extension': { zh: '批准延期', en: 'Extension approved' }, 'hold.reject_extension': { zh: '驳回延期', en: 'Extension rejected' },
  'hold.order': { zh: '录入订单', en: 'Order entered' }, 'hold.convert': { zh: '转订单', en: 'Converted' }, 'hold.release': { zh: '退订', en: 'Released' },
  'hold.void': { zh: '作废', en: 'Voided' }, 'hold.expire': { zh: '到期释放', en: 'Expired' },
  'hold.settle_deposit': { zh: '处理订金', en: 'Deposit settled' },
  'hold.print': { zh: '打印留货单', en: 'Form printed' }, 'hold.reprint': { zh: '补打留货单', en: 'Form reprinted' },
};

/** History values shown as people read them: money, prices, statuses. */
export function historyFormatters(locale: string): Record<string, (v: unknown) => string> {
  const l = (label: { zh: string; en: string } | undefined, v: unknown) => (label ? (locale === 'en-US' ? label.en : label.zh) : String(v ?? '—'));
  const money = (v: unknown) => (typeof v === 'number' ? formatMoney(v) : '—');
  const price = (v: unknown) => (typeof v === 'number' ? priceText(v) : '—');
  return {
    deposit: money, firmDeposit: money, unitPrice: price, agreedPrice: price,
    status: (v) => l(holdStatusLabels[v as HoldStatus], v),
    depositOutcome: (v) => l(depositOutcomeLabels[v as DepositOutcome], v),
    decision: (v) => l(holdRequestStatusLabels[v as HoldRequestStatus], v),
    paper: (v) => l(paperLabels[v as Paper], v),
  };
}
