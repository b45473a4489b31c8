import type { Db, Executor, Tx } from '../../db/database.ts';
import { historyOf, writeAudit } from '../../platform/audit/audit.ts';
import { voidFields } from '../../platform/documents/status.ts';
import type { Paper } from '../../platform/documents/paper.ts';
import { AppError, notFound, platformError, staleVersion } from '../../platform/errors/app-error.ts';
import { formatPrice, formatYuan } from '../../platform/money.ts';
import { nextNumber } from '../../platform/numbering/numbering.ts';
import { actorOf, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { addDays, businessDate, isoNow } from '../../platform/time.ts';
import { settingsFor } from '../admin/service.ts';
import { releaseReservations, reserve } from '../inventory/service.ts';
import { notify } from '../notifications/service.ts';
import { customerForOrder } from '../orders/repo.ts';
import { holdersOf } from '../orders/shared.ts';
import { pricesFor, productsByIds } from '../products/service.ts';
import { endHoldDeposits, holdDepositReceipts, recordHoldDeposit } from '../receipts/service.ts';
import { holdError } from './errors.ts';
import { holdRequestKindLabels, holdStatusLabels, type HoldStatus } from './labels.ts';
import { holdDocument } from './machine.ts';
import * as repo from './repo.ts';
import type { HoldCreateBody, HoldFirmBody, HoldListQuery, HoldOut, HoldRequestBody } from './schema.ts';

// Holds and deposits 留货 订金/定金 (MISSION.md §4, seed 000): the module's door. A hold is written when
// the deposit is in hand and reserves its stock at once; it ends by expiring (订金 only), being
// released 退订, voided, or converted when the order entered from it is confirmed (orders/flow.ts).

/** Reservations of a hold: one line, keyed by the hold itself. */
export const HOLD_SOURCE = 'hold';

/** The end of a business day (Asia/Shanghai) as an instant: a hold "for three days" lasts to the third day's end. */
const endOfDay = (date: string) => new Date(Date.parse(`${date}T23:59:59.999+08:00`)).toISOString();

async function loadHold(db: Executor, ctx: RequestContext, id: number, version?: number) {
  const row = await repo.holdRow(db, ctx, id);
  if (!row) throw notFound();
  if (version !== undefined && row.version !== version) throw staleVersion();
  return row;
}

export async function getHold(db: Db, ctx: RequestContext, id: number): Promise<HoldOut> {
  requirePermission(ctx, 'hold.read');
  const row = await loadHold(db, ctx, id);
  const { settings } = await settingsFor(db, ctx);
  const [requests, receipts] = await Promise.all([repo.requestsOf(db, id), holdDepositReceipts(db, ctx.companyId, id)]);
  const firmDate = row.firmAt ? businessDate(new Date(row.firmAt)) : null;
  return {
    ...row,
    status: row.status as HoldOut['status'],
    depositOutcome: row.depositOutcome as HoldOut['depositOutcome'],
    latestSignBy: firmDate ? addDays(firmDate, settings.holds.extensionDays) : null,
    requests: requests.map((r) => ({ ...r, kind: r.kind as 'special_price' | 'extension', status: r.status as 'pending' | 'approved' | 'rejected' })),
    receipts,
  };
}

export async function listHolds(db: Db, ctx: RequestContext, q: HoldListQuery) {
  requirePermission(ctx, 'hold.read');
  const { items, total } = await repo.listHolds(db, ctx, q);
  return { items: items.map((r) => ({ ...r, status: r.status as HoldStatus })), total, page: q.page, pageSize: q.pageSize };
}

export async function holdHistory(db: Db, ctx: RequestContext, id: number) {
  requirePermission(ctx, 'hold.read');
  await loadHold(db, ctx, id);
  return historyOf(db, ctx.companyId, 'hold', id);
}

/**
 * 订货/留货: the customer holds the product against a small deposit 订金 until the end of the
 * company's hold days. Once per customer and product: an earlier hold that lapsed (expired or
 * released) stops a second one, and so does one under the same holder phone (no renewing through
 * family or friends). The stock is reserved at once, all or nothing (409 STOCK_SHORT).
 */
export async function createHold(db: Db, ctx: RequestContext, body: HoldCreateBody): Promise<HoldOut> {
  requirePermission(ctx, 'hold.create');
  const { settings } = await settingsFor(db, ctx);
  const id = await db.transaction().execute(async (tx) => {
    const customer = await customerForOrder(tx, ctx, body.customerId, body.warehouseId);
    if (!customer) throw holdError('HOLD_CUSTOMER_NOT_FOUND', {}, [{ path: 'customerId', message: '客户不存在或不在您的管理范围内' }]);
    if (customer.warehouseName == null) throw holdError('HOLD_WAREHOUSE_INVALID', {}, [{ path: 'warehouseId', message: '仓库不存在或已停用' }]);
    const product = (await productsByIds(tx, ctx.companyId, [body.productId])).get(body.productId);
    if (!product || !product.active) throw holdError('HOLD_PRODUCT_INVALID', {}, [{ path: 'productId', message: '商品不存在或已停用' }]);
    await repo.lockCustomerForHold(tx, ctx.companyId, customer.id);
    const holderName = body.holderName ?? customer.primaryContact ?? customer.name;
    const holderPhone = body.holderPhone ?? customer.primaryPhone ?? null;
    if (holderPhone) await repo.lockHolderPhone(tx, holderPhone);
    await assertFirstHold(tx, ctx.companyId, { id: customer.id, name: customer.name }, { id: product.id, name: product.name }, holderPhone);
    // the price the customer would pay today (their class's price list, else the list price): shown on the hold and its form
    const price = (await pricesFor(tx, ctx.companyId, { orderType: 'direct', customerClass: customer.classification }, [product])).get(product.id)!.unitPrice;
    const today = businessDate();
    const now = isoNow();
    const number = await nextNumber(tx, ctx.companyId, 'hold', today);
    const holdId = await repo.insertHold(tx, {
      companyId: ctx.companyId, number, status: 'held', customerId: customer.id, customerName: customer.name, ownerId: customer.ownerId ?? ctx.userId,
      holderName, holderPhone, productId: product.id, warehouseId: body.warehouseId, quantity: body.quantity, listPrice: price, agreedPrice: null,
      deposit: body.deposit, depositReceivedBy: ctx.userId, expiresAt: endOfDay(addDays(today, settings.holds.holdDays)),
      firmDeposit: null, agreementNo: null, firmAt: null, firmBy: null, signBy: null, orderId: null, endedAt: null, endedBy: null, endReason: null, depositOutcome: null,
      remarks: body.remarks, createdBy: ctx.userId, createdAt: now, updatedAt: now, version: 1, voidedAt: null, voidedBy: null, voidReason: null,
    });
    await reserve(tx, ctx.companyId, [{ warehouseId: body.warehouseId, productId: product.id, quantity: body.quantity, sourceType: HOLD_SOURCE, sourceId: holdId, sourceLineId: holdId, path: 'quantity' }]);
    await recordHoldDeposit(tx, ctx, { holdId, holdNumber: number, customerId: customer.id, amount: body.deposit, method: body.depositMethod, kind: '订金' });
    await writeAudit(tx, actorOf(ctx), {
      action: 'hold.create', entity: 'hold', entityId: holdId,
      after: { number, customer: customer.name, holderName, holderPhone, product: product.code, quantity: body.quantity, deposit: body.deposit, holdDays: settings.holds.holdDays },
    });
    return holdId;
  });
  return getHold(db, ctx, id);
}

async function assertFirstHold(tx: Tx, companyId: number, customer: { id: number; name: string }, product: { id: number; name: string }, holderPhone: string | null) {
  const refuse = (h: { number: string; status: string; customerName: string }, who: string, whoEn: string) => {
    const s = holdStatusLabels[h.status as HoldStatus];
    if (h.status === 'held' || h.status === 'firm') return holdError('HOLD_ACTIVE_EXISTS', { customer: h.customerName, product: product.name, number: h.number });
    return holdError('HOLD_ONCE_ONLY', { who, whoEn, product: product.name, number: h.number, status: s.zh, statusEn: s.en });
  };
  // a hold that became an order was used as meant: the customer may hold the product again for a new purchase
  const counts = (h: { status: string }) => h.status !== 'converted';
  const own = (await repo.earlierHold(tx, companyId, product.id, { customerId: customer.id })).find(counts);
  if (own) throw refuse(own, `客户「${customer.name}」`, customer.name);
  if (holderPhone) {
    const same = (await repo.earlierHold(tx, companyId, product.id, { holderPhone })).find(counts);
    if (same) throw refuse(same, `电话 ${holderPhone}（${same.holderName}，客户「${same.customerName}」）`, `phone ${holderPhone}`);
  }
}

/**
 * 定货: a larger deposit 定金 with a signed purchase agreement 订货协议 makes the hold firm. It no
 * longer expires by itself; it is to be signed and paid by the company's sign days.
 */
export async function firmHold(db: Db, ctx: RequestContext, id: number, body: HoldFirmBody): Promise<HoldOut> {
  requirePermission(ctx, 'hold.create');
  const { settings } = await settingsFor(db, ctx);
  await db.transaction().execute(async (tx) => {
    const hold = await loadHold(tx, ctx, id, body.version);
    const to = holdDocument.next(hold.status, 'firm');
    const now = isoNow();
    const signBy = addDays(businessDate(), settings.holds.signDays);
    await repo.updateHold(tx, hold, { status: to, firmDeposit: body.firmDeposit, agreementNo: body.agreementNo, firmAt: now, firmBy: ctx.userId, signBy, remarks: body.remarks ?? hold.remarks });
    await recordHoldDeposit(tx, ctx, { holdId: id, holdNumber: hold.number, customerId: hold.customerId, amount: body.firmDeposit, method: body.depositMethod, kind: '定金' });
    await writeAudit(tx, actorOf(ctx), { action: 'hold.firm', entity: 'hold', entityId: id, before: { status: hold.status }, after: { status: to, firmDeposit: body.firmDeposit, agreementNo: body.agreementNo, signBy } });
  });
  return getHold(db, ctx, id);
}

/**
 * A special price 特别优惠通知执行单 (either kind of hold) or a later date to sign and pay 延期申请单 (firm
 * holds only, to at most extensionDays after the firm date) for a manager to approve. One pending
 * request of each kind at a time.
 */
export async function requestOnHold(db: Db, ctx: RequestContext, id: number, body: HoldRequestBody): Promise<HoldOut> {
  requirePermission(ctx, 'hold.create');
  const { settings } = await settingsFor(db, ctx);
  await db.transaction().execute(async (tx) => {
    const hold = await loadHold(tx, ctx, id);
    const label = holdRequestKindLabels[body.kind];
    // the hold is changed by the request: a concurrent action on it meets a version conflict
    await repo.updateHold(tx, hold, {});
    assertOpen(hold.status, label);
    if (body.kind === 'extension') {
      if (hold.status === 'held') throw holdError('HOLD_NOT_EXTENDABLE', { days: settings.holds.holdDays });
      const latest = addDays(businessDate(new Date(hold.firmAt!)), settings.holds.extensionDays);
      if (body.signBy <= (hold.signBy ?? '')) throw holdError('HOLD_EXTENSION_NOT_LATER', { signBy: hold.signBy }, [{ path: 'signBy', message: `须晚于 ${hold.signBy}` }]);
      if (body.signBy > latest) throw holdError('HOLD_EXTENSION_TOO_LATE', { days: settings.holds.extensionDays, latest }, [{ path: 'signBy', message: `最晚 ${latest}` }]);
    }
    const pending = (await repo.requestsOf(tx, id)).some((r) => r.kind === body.kind && r.status === 'pending');
    if (pending) throw holdError('HOLD_REQUEST_PENDING', { kind: label.zh, kindEn: label.en });
    await repo.insertRequest(tx, {
      companyId: ctx.companyId, holdId: id, kind: body.kind, status: 'pending', unitPrice: body.kind === 'special_price' ? body.unitPrice : null,
      signBy: body.kind === 'extension' ? body.signBy : null, reason: body.reason, requestedBy: ctx.userId, requestedAt: isoNow(), decidedBy: null, decidedAt: null, decisionNote: null,
    });
    const what = body.kind === 'special_price' ? `单价 ¥${formatPrice(body.unitPrice)}（原价 ¥${formatPrice(hold.listPrice)}）` : `签约付款期限延至 ${body.signBy}（原 ${hold.signBy}）`;
    await writeAudit(tx, actorOf(ctx), { action: `hold.request_${body.kind}`, entity: 'hold', entityId: id, after: body.kind === 'special_price' ? { unitPrice: body.unitPrice } : { signBy: body.signBy }, note: body.reason });
    const approvers = (await holdersOf(tx, ctx.companyId, 'hold.approve')).filter((u) => u !== ctx.userId);
    await notify(tx, approvers.map((userId) => ({
      companyId: ctx.companyId, userId, kind: 'hold.request', title: `留货 ${hold.number} 待审批${label.zh}`,
      body: `${ctx.userName} 为客户「${hold.customerName}」的${hold.productName}申请${label.zh}：${what}。理由：${body.reason}`, entity: 'hold', entityId: id,
    })));
  });
  return getHold(db, ctx, id);
}

/** A manager approves or rejects a request (not their own); approval sets the hold's price or date. */
export async function decideHoldRequest(db: Db, ctx: RequestContext, id: number, requestId: number, body: { decision: 'approved' | 'rejected'; note?: string | null }): Promise<HoldOut> {
  requirePermission(ctx, 'hold.approve');
  await db.transaction().execute(async (tx) => {
    const hold = await loadHold(tx, ctx, id);
    const request = await repo.requestRow(tx, ctx.companyId, requestId);
    if (!request || request.holdId !== id) throw notFound();
    if (request.requestedBy === ctx.userId) throw holdError('HOLD_REQUEST_SELF');
    const decided = (status: string) => {
      const s = status === 'approved' ? { zh: '批准', en: 'approved' } : { zh: '驳回', en: 'rejected' };
      return holdError('HOLD_REQUEST_DECIDED', { status: s.zh, statusEn: s.en });
    };
    if (request.status !== 'pending') throw decided(request.status);
    const label = holdRequestKindLabels[request.kind as keyof typeof holdRequestKindLabels];
    if (body.decision === 'approved') {
      assertOpen(hold.status, { zh: `批准${label.zh}`, en: `approve the ${label.en.toLowerCase()}` });
      await repo.updateHold(tx, hold, request.kind === 'special_price' ? { agreedPrice: request.unitPrice } : { signBy: request.signBy });
    } else {
      await repo.updateHold(tx, hold, {});
    }
    if (!(await repo.decideRequest(tx, requestId, { status: body.decision, decidedBy: ctx.userId, decidedAt: isoNow(), decisionNote: body.note ?? null }))) throw decided('approved');
    const verdict = body.decision === 'approved' ? '批准' : '驳回';
    await writeAudit(tx, actorOf(ctx), {
      action: `hold.${body.decision === 'approved' ? 'approve' : 'reject'}_${request.kind}`, entity: 'hold', entityId: id,
      before: request.kind === 'special_price' ? { agreedPrice: hold.agreedPrice } : { signBy: hold.signBy },
      after: body.decision === 'approved' ? (request.kind === 'special_price' ? { agreedPrice: request.unitPrice } : { signBy: request.signBy }) : { decision: 'rejected' },
      note: body.note ?? null,
    });
    await notify(tx, {
      companyId: ctx.companyId, userId: request.requestedBy, kind: 'hold.decision', title: `留货 ${hold.number} 的${label.zh}申请已${verdict}`,
      body: `${ctx.userName}${verdict}了您的申请${body.note ? `：${body.note}` : ''}`, entity: 'hold', entityId: id,
    });
  });
  return getHold(db, ctx, id);
}

/** 退订: the customer gives the hold up; the stock goes back and the deposit is refunded or forfeited (its receipts say which). */
export async function releaseHold(db: Db, ctx: RequestContext, id: number, body: { version: number; reason: string; depositOutcome: 'refunded' | 'forfeited' }): Promise<HoldOut> {
  requirePermission(ctx, 'hold.create');
  await db.transaction().execute(async (tx) => {
    const hold = await loadHold(tx, ctx, id, body.version);
    const to = holdDocument.next(hold.status, 'release');
    assertNoLiveOrder(hold);
    await releaseReservations(tx, ctx.companyId, HOLD_SOURCE, id);
    await repo.updateHold(tx, hold, { status: to, endedAt: isoNow(), endedBy: ctx.userId, endReason: body.reason, depositOutcome: body.depositOutcome });
    await tellRefundsDue(tx, ctx, hold, await endHoldDeposits(tx, ctx, id, body.depositOutcome, `留货单 ${hold.number} 退订：${body.reason}`));
    await writeAudit(tx, actorOf(ctx), { action: 'hold.release', entity: 'hold', entityId: id, before: { status: hold.status }, after: { status: to, depositOutcome: body.depositOutcome }, note: body.reason });
  });
  return getHold(db, ctx, id);
}

/** A hold entered wrong is voided (reason required); its stock goes back. It stays, marked 作废. */
export async function voidHold(db: Db, ctx: RequestContext, id: number, body: { version: number; reason: string }): Promise<HoldOut> {
  requirePermission(ctx, 'hold.approve');
  await db.transaction().execute(async (tx) => {
    const hold = await loadHold(tx, ctx, id, body.version);
    holdDocument.assertVoidable(hold.status);
    assertNoLiveOrder(hold);
    const v = voidFields(actorOf(ctx), body.reason);
    await releaseReservations(tx, ctx.companyId, HOLD_SOURCE, id);
    await repo.updateHold(tx, hold, v);
    await endHoldDeposits(tx, ctx, id, 'void', `留货单 ${hold.number} 作废：${v.voidReason}`);
    await writeAudit(tx, actorOf(ctx), { action: 'hold.void', entity: 'hold', entityId: id, before: { status: hold.status }, after: { status: 'void' }, note: v.voidReason });
  });
  return getHold(db, ctx, id);
}

/**
 * An expired hold's deposit 订金: the hold ended by the clock, and what becomes of the money is settled
 * afterwards — refunded to the customer, or forfeited under the hold's terms. Once.
 */
export async function settleExpiredDeposit(db: Db, ctx: RequestContext, id: number, body: { version: number; reason: string; depositOutcome: 'refunded' | 'forfeited' }): Promise<HoldOut> {
  requirePermission(ctx, 'hold.create');
  await db.transaction().execute(async (tx) => {
    const hold = await loadHold(tx, ctx, id, body.version);
    if (hold.status !== 'expired' || hold.depositOutcome != null) {
      const from = holdDocument.statusLabel(hold.status);
      throw platformError('INVALID_TRANSITION', { from: hold.depositOutcome ? `${from.zh}（订金已处理）` : from.zh, action: '处理订金', fromEn: from.en, actionEn: 'settle the deposit' });
    }
    await repo.updateHold(tx, hold, { depositOutcome: body.depositOutcome });
    await tellRefundsDue(tx, ctx, hold, await endHoldDeposits(tx, ctx, id, body.depositOutcome, `留货单 ${hold.number} 到期后处理订金：${body.reason}`));
    await writeAudit(tx, actorOf(ctx), { action: 'hold.settle_deposit', entity: 'hold', entityId: id, before: { depositOutcome: null }, after: { depositOutcome: body.depositOutcome }, note: body.reason });
  });
  return getHold(db, ctx, id);
}

/**
 * A deposit the hold gives back is money finance pays out: those who record refunds (receipt.void) are
 * told of each receipt now 待退款, with the amount and the customer.
 */
async function tellRefundsDue(tx: Tx, ctx: RequestContext, hold: { number: string; customerName: string }, ended: { id: number; number: string; amount: number; status: string }[]) {
  const due = ended.filter((r) => r.status === 'refund_due');
  if (!due.length) return;
  const cashiers = (await holdersOf(tx, ctx.companyId, 'receipt.void')).filter((u) => u !== ctx.userId);
  await notify(tx, due.flatMap((r) => cashiers.map((userId) => ({
    companyId: ctx.companyId, userId, kind: 'receipt.refund_due', title: `订金待退款：收款单 ${r.number} ¥${formatYuan(r.amount)}`,
    body: `${ctx.userName} 为留货单 ${hold.number} 办理了退订，订金/定金退还客户「${hold.customerName}」。退款给客户后，请在收款单上登记退款。`, entity: 'receipt', entityId: r.id,
  }))));
}

/**
 * One print of the order form 留货单（订购单）: the first is the original, every later one a reprint 补打
 * (the form shows 副本 and the count). A hold in any status prints (ended ones with their mark).
 */
export async function recordHoldPrint(db: Db, ctx: RequestContext, id: number, body: { paper: Paper }): Promise<{ printNo: number }> {
  requirePermission(ctx, 'hold.create');
  return db.transaction().execute(async (tx) => {
    await loadHold(tx, ctx, id);
    const printNo = await repo.countPrint(tx, ctx.companyId, id);
    await writeAudit(tx, actorOf(ctx), { action: printNo > 1 ? 'hold.reprint' : 'hold.print', entity: 'hold', entityId: id, after: { printNo, paper: body.paper } });
    return { printNo };
  });
}

/** Requests are made and approved only while the hold keeps its stock (held or firm). */
function assertOpen(status: string, action: { zh: string; en: string }) {
  if (status === 'held' || status === 'firm') return;
  const from = holdDocument.statusLabel(status);
  throw platformError('INVALID_TRANSITION', { from: from.zh, action: action.zh, fromEn: from.en, actionEn: action.en });
}

const liveOrder = (h: { orderId: number | null; orderStatus: string | null }) => h.orderId != null && h.orderStatus !== 'void' && h.orderStatus !== 'discarded';

function assertNoLiveOrder(hold: { orderId: number | null; orderNumber: string | null; orderStatus: string | null }) {
  if (liveOrder(hold)) throw holdError('HOLD_HAS_ORDER', { order: hold.orderNumber ?? `#${hold.orderId}` });
}

/**
 * Order entry from a hold (orders/entry.ts): the order is for the hold's customer, from its warehouse,
 * with its product in at least its quantity; the hold is open and has no other live order. Returns
 * the hold for linkHoldToOrder.
 */
export async function checkHoldForOrder(db: Executor, ctx: RequestContext, holdId: number, order: { customerId: number; warehouseId: number; lines: readonly { productId: number; quantity: number }[] }, orderId?: number) {
  const hold = await repo.holdForOrder(db, ctx.companyId, holdId);
  if (!hold) throw holdError('HOLD_ORDER_MISMATCH', { number: `#${holdId}`, reason: '留货单不存在' }, [{ path: 'holdId', message: '留货单不存在' }]);
  if (hold.status !== 'held' && hold.status !== 'firm') {
    const s = holdStatusLabels[hold.status as HoldStatus];
    throw holdError('HOLD_NOT_OPEN', { number: hold.number, status: s.zh, statusEn: s.en });
  }
  if (liveOrder(hold) && hold.orderId !== orderId) throw holdError('HOLD_HAS_ORDER', { order: hold.orderNumber ?? `#${hold.orderId}` });
  const mismatch = (reason: string, path: string) => holdError('HOLD_ORDER_MISMATCH', { number: hold.number, reason }, [{ path, message: reason }]);
  if (hold.customerId !== order.customerId) throw mismatch('客户不是留货客户', 'customerId');
  if (hold.warehouseId !== order.warehouseId) throw mismatch('仓库不是留货仓库', 'warehouseId');
  const quantity = order.lines.filter((l) => l.productId === hold.productId).reduce((s, l) => s + l.quantity, 0);
  if (quantity < hold.quantity) throw mismatch(`订单须包含留货商品至少 ${hold.quantity} 件`, 'lines');
  return hold;
}

/**
 * The order entered from the hold is named on it (the hold keeps its stock until the order is
 * confirmed), and the deposits already received count as paid on the new order (转作货款). Returns
 * what the order's payment fields now are.
 */
export async function linkHoldToOrder(tx: Tx, ctx: RequestContext, hold: { id: number; version: number; number: string; deposit: number; firmDeposit: number | null; depositReceivedBy: number }, orderId: number) {
  await repo.updateHold(tx, hold, { orderId });
  const paid = { paymentReceived: hold.deposit + (hold.firmDeposit ?? 0), paymentReceivedAt: isoNow(), paymentRecordedBy: hold.depositReceivedBy };
  // the order was inserted in this transaction: its version stays 1 for the submit that may follow
  await tx.updateTable('salesOrders').set(paid).where('id', '=', orderId).where('companyId', '=', ctx.companyId).execute();
  await writeAudit(tx, actorOf(ctx), { action: 'hold.order', entity: 'hold', entityId: hold.id, after: { orderId, ...paid } });
  return paid;
}

/**
 * The order made from a hold is confirmed (orders/flow.ts reserveFor): the hold's reservation is let go
 * in the same transaction, just before the order reserves its lines, so the held goods pass to the
 * order; the hold is converted (its deposits recorded as going to the order: 转作货款).
 */
export async function convertHoldForOrder(tx: Tx, ctx: RequestContext, holdId: number, order: { id: number }) {
  const hold = await repo.holdForOrder(tx, ctx.companyId, holdId);
  if (!hold || hold.orderId !== order.id || (hold.status !== 'held' && hold.status !== 'firm')) return;
  await releaseReservations(tx, ctx.companyId, HOLD_SOURCE, holdId);
  // an order confirmed at submit is numbered after this (flow.ts takes the number last): the hold names the order by id
  await repo.updateHold(tx, hold, { status: 'converted', endedAt: isoNow(), endedBy: ctx.userId, endReason: '订单已确认，留货转入订单', depositOutcome: 'to_order' });
  // the deposits become the customer's money toward the order: applied to its slips as they are posted
  await endHoldDeposits(tx, ctx, holdId, 'confirmed', `留货单 ${hold.number} 转入订单`);
  await writeAudit(tx, actorOf(ctx), { action: 'hold.convert', entity: 'hold', entityId: holdId, before: { status: hold.status }, after: { status: 'converted', orderId: order.id } });
}

/**
 * The holds job: 订金 holds past their deadline (and with no live order made from them) expire, their
 * stock goes back, and the rep is told. Each in its own transaction; a hold changed meanwhile is left
 * for the next run.
 */
export async function expireHolds(db: Db, now: Date = new Date()): Promise<string> {
  const due = await repo.expiredHolds(db, now.toISOString(), 500);
  let expired = 0;
  for (const h of due) {
    const done = await db
      .transaction()
      .execute(async (tx) => {
        await repo.updateHold(tx, h, { status: 'expired', endedAt: now.toISOString(), endedBy: null, endReason: '订金留货到期，自动释放' });
        await releaseReservations(tx, h.companyId, HOLD_SOURCE, h.id);
        await writeAudit(tx, { userId: null, companyId: h.companyId }, { action: 'hold.expire', entity: 'hold', entityId: h.id, before: { status: 'held' }, after: { status: 'expired' } });
        await notify(tx, [...new Set([h.ownerId, h.createdBy])].map((userId) => ({
          companyId: h.companyId, userId, kind: 'hold.expired', title: `留货 ${h.number} 已到期释放`, body: `客户「${h.customerName}」的订金留货已过期，库存已释放。请在留货单上处理订金（退还或不予退还）。`, entity: 'hold', entityId: h.id,
        })));
        return true;
      })
      .catch((e: unknown) => {
        if (e instanceof AppError && e.code === 'STALE_VERSION') return false;
        throw e;
      });
    if (done) expired++;
  }
  return `holds expired ${expired}`;
}
