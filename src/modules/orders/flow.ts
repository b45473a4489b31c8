import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import { prepared, type Params } from '../../db/prepared.ts';
import { writeAudit, type AuditEntry } from '../../platform/audit/audit.ts';
import { voidFields } from '../../platform/documents/status.ts';
import { formatYuan } from '../../platform/money.ts';
import { actorOf, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { isoNow } from '../../platform/time.ts';
import { readSettings, settingsFor } from '../admin/service.ts';
import type { CompanySettings } from '../admin/schema.ts';
import { releaseReservations, reserve } from '../inventory/service.ts';
import { enforceCredit } from './credit.ts';
import { orderError } from './errors.ts';
import { orderStatusLabels, reviewKindLabels, reviewKinds, type OrderStatus, type ReviewKind } from './labels.ts';
import { orderDocument } from './machine.ts';
import { raisePurchaseRequest } from '../inventory/service.ts';
import { convertHoldForOrder } from '../holds/service.ts';
import { settleNotifications } from '../notifications/service.ts';
import * as repo from './repo.ts';
import type { CreditProfile } from './repo.ts';
import type { ReviewBody } from './schema.ts';
import { holdersOf, loadOrder, notifyPeople, orderLabel, parseReviews, saveOrder } from './shared.ts';
import { writeSubmit, type SubmitFields } from './submit-write.ts';
import { startStages, stagesFor } from './stages.ts';

export const SOURCE = 'sales_order';

type OrderLike = Pick<repo.OrderRow, 'id' | 'holdId' | 'number' | 'status' | 'version' | 'orderType' | 'priceConcession' | 'paymentTerm' | 'customerId' | 'customerName' | 'totalAmount' | 'warehouseId' | 'backorder' | 'ownerId' | 'createdBy' | 'businessDate'>;
type LineLike = Pick<repo.OrderLineRow, 'id' | 'productId' | 'productName' | 'quantity'>;

/**
 * Confirmation: reserves the order's lines in its warehouse. All or nothing (409 STOCK_SHORT naming
 * product, available and requested) unless the order is a back-order: then each line gets what is
 * available and a purchase request is raised for each shortfall.
 */
export type Shortage = { productId: number; productName: string; quantity: number };

// every line of a confirmed order holds its whole quantity (compiled once: src/db/prepared.ts)
const linesAllReserved = prepared((db, p: Params<{ orderId: number }>) => db.updateTable('salesOrderLines').set({ reservedQuantity: sql`quantity` }).where('orderId', '=', p.orderId));

/** The reviews the company wants before an order of this type is confirmed (none: confirmed at submit). */
/**
 * The reviews an order needs before it is confirmed: those the company sets for its type, and finance's
 * when it comes under the price list (让价, concession.ts) and the company has finance check that.
 */
export function reviewsFor(settings: CompanySettings, order: { orderType: string; priceConcession: number }): readonly ReviewKind[] {
  const byType = settings.orders.reviews[order.orderType as keyof CompanySettings['orders']['reviews']] ?? [];
  if (order.priceConcession > 0 && settings.orders.concessionReview && !byType.includes('finance')) return ['finance', ...byType];
  return byType;
}

/**
 * Reserves an order's lines and records on each what it holds. `linesReserved`: the lines were written
 * holding their whole quantity already (an order entered and confirmed at once, all or nothing).
 */
export async function reserveFor(tx: Tx, ctx: RequestContext, order: OrderLike, lines: readonly LineLike[], linesReserved = false): Promise<Shortage[] & { reserved?: Map<number, number> }> {
  const partial = order.backorder === 1;
  // entered from a hold: its stock is let go just before the order takes its own (holds/service.ts)
  if (order.holdId != null) await convertHoldForOrder(tx, ctx, order.holdId, order);
  const wanted = lines.map((l, i) => ({ warehouseId: order.warehouseId, productId: l.productId, quantity: l.quantity, sourceType: SOURCE, sourceId: order.id, sourceLineId: l.id, path: `lines.${i}.quantity` })).filter((l) => l.quantity > 0);
  const result = await reserve(tx, ctx.companyId, wanted, { partial });
  const shortages: Shortage[] & { reserved?: Map<number, number> } = [];
  // what each line holds now (the caller may answer from it without reading the lines back)
  shortages.reserved = new Map(result.map((r) => [r.sourceLineId, r.reserved]));
  if (result.every((r) => r.short === 0)) {
    if (!linesReserved) await linesAllReserved(tx, { orderId: order.id });
    return shortages;
  }
  for (const r of result) {
    const line = lines.find((l) => l.id === r.sourceLineId)!;
    await tx.updateTable('salesOrderLines').set({ reservedQuantity: r.reserved }).where('id', '=', line.id).execute();
    if (r.short > 0) {
      await raisePurchaseRequest(tx, ctx, {
        productId: line.productId, warehouseId: order.warehouseId, quantity: r.short, sourceType: SOURCE, sourceId: order.id,
        reason: `${order.number ? `订单 ${order.number}` : '新订单'}缺货（客户：${order.customerName}）`,
      });
      shortages.push({ productId: line.productId, productName: line.productName, quantity: r.short });
    }
  }
  return shortages;
}

/**
 * Submit inside the caller's transaction: the number (DD-, kept on resubmission), the credit check
 * (409 with the figures unless overridden), then the reviews the company wants for this order type;
 * with none due the order is confirmed at once and its stock reserved.
 */
export async function submitInTx(
  tx: Tx,
  ctx: RequestContext,
  order: OrderLike,
  lines: readonly LineLike[],
  settings: CompanySettings,
  overrideReason: string | null | undefined,
  /**
   * entry + submit in one request: the credit profile already read, the entry's audit row to write with
   * the submit's, and whether the lines were written holding their quantity (see reserveFor); `last`:
   * the caller writes nothing after this in its transaction (writeSubmit may then commit it)
   */
  known: { credit?: CreditProfile | null; audit?: AuditEntry; linesReserved?: boolean; last?: boolean } = {},
) {
  orderDocument.next(order.status, 'submit');
  let entryAudit = known.audit;
  if (entryAudit && overrideReason) {
    // an override is logged as it happens: the entry's row goes first, so the history reads in order
    await writeAudit(tx, actorOf(ctx), entryAudit);
    entryAudit = undefined;
  }
  const override = await enforceCredit(tx, ctx, order, overrideReason, known.credit);
  const reviews = reviewsFor(settings, order);
  const now = isoNow();
  let status: OrderStatus = 'submitted';
  let shortages: Awaited<ReturnType<typeof reserveFor>> = [];
  if (reviews.length === 0) {
    shortages = await reserveFor(tx, ctx, order, lines, known.linesReserved);
    await startStages(tx, ctx.companyId, order.id, stagesFor(settings, order.orderType));
    status = 'confirmed';
  }
  // The number last: a gap-free number keeps its sequence row locked until the commit, so taking it at
  // the end keeps concurrent submits on PostgreSQL from queuing behind each other's whole transaction
  // (writeSubmit: number, header and audit rows, on PostgreSQL in one statement).
  const fields: SubmitFields = { status, submittedAt: now, pendingReviews: reviews.length ? JSON.stringify(reviews) : null, confirmedAt: status === 'confirmed' ? now : null, ...override };
  // the reviewers' to-dos and the override's notice below need the number: with either, the submit is not the last write
  const last = !!known.last && !reviews.length && !override.creditOverrideBy;
  const { number, version } = await writeSubmit(tx, ctx, order, fields, { entry: entryAudit, after: { status, pendingReviews: reviews, ...(shortages.length ? { shortages } : {}) } }, { last });
  const set = { number, ...fields };
  if (reviews.length) {
    for (const kind of reviews) {
      const reviewers = await holdersOf(tx, ctx.companyId, `order.review_${kind}`);
      await notifyPeople(tx, ctx, reviewers, { id: order.id, number, customerName: order.customerName }, reviewTodoKind(kind), `订单 ${number} 待${reviewKindLabels[kind].zh}`, `${ctx.userName} 提交了订单 ${orderLabel({ number, customerName: order.customerName })}，金额 ¥${formatYuan(order.totalAmount)}`);
    }
  }
  if (override.creditOverrideBy) await tellCreditOverride(tx, ctx, { id: order.id, number, customerName: order.customerName, ownerId: order.ownerId, createdBy: order.createdBy }, override.creditOverrideReason!);
  return { version, shortages, updatedAt: now, ...set };
}

// A review waiting is a to-do in the reviewers' bells, of its own kind (order.review.finance /
// order.review.logistics); deciding it settles that to-do for every reviewer, and returning or cancelling
// the order settles both (src/modules/notifications settleNotifications).
const reviewTodoKind = (kind: ReviewKind) => `order.review.${kind}`;
const settleReviewTodos = (tx: Tx, companyId: number, order: { id: number }, kind?: ReviewKind) =>
  settleNotifications(tx, { companyId, kinds: (kind ? [kind] : reviewKinds).map(reviewTodoKind), entity: 'sales_order', entityId: order.id });

/** The rep and the clerk hear when a manager lets their order past the credit check. */
async function tellCreditOverride(tx: Tx, ctx: RequestContext, order: { id: number; number: string | null; customerName: string; ownerId: number; createdBy: number }, reason: string) {
  await notifyPeople(tx, ctx, [order.ownerId, order.createdBy], order, 'order.credit_override', `订单 ${order.number} 已超信用放行`, `${ctx.userName}：${reason}`);
}

export async function submitOrder(db: Db, ctx: RequestContext, id: number, body: { version: number; creditOverrideReason?: string | null }) {
  requirePermission(ctx, 'order.create');
  const { settings } = await settingsFor(db, ctx);
  await db.transaction().execute(async (tx) => {
    const order = await loadOrder(tx, ctx, id, body.version);
    await submitInTx(tx, ctx, order, await repo.linesOf(tx, id), settings, body.creditOverrideReason, { last: true });
  });
}

/**
 * A review: finance (payment term, amount, credit) or logistics (delivery date and method) approves or
 * returns with a reason. Finance approval re-runs the credit check, unless a manager already let the
 * order past it with a reason at submit. The last approval confirms the
 * order and reserves its stock; a return sends it back to the rep for correction.
 */
export async function reviewOrder(db: Db, ctx: RequestContext, id: number, kind: ReviewKind, body: ReviewBody) {
  requirePermission(ctx, kind === 'finance' ? 'order.review_finance' : 'order.review_logistics');
  await db.transaction().execute(async (tx) => {
    const order = await loadOrder(tx, ctx, id, body.version);
    orderDocument.next(order.status, body.decision === 'approved' ? 'confirm' : 'return');
    const pending = parseReviews(order.pendingReviews);
    const label = reviewKindLabels[kind];
    if (!pending.includes(kind)) throw orderError('ORDER_REVIEW_NOT_PENDING', { review: label.zh, reviewEn: label.en });
    const now = isoNow();
    await tx.insertInto('salesOrderReviews').values({ companyId: ctx.companyId, orderId: id, kind: kind, decision: body.decision, reason: body.reason, reviewerId: ctx.userId, createdAt: now }).execute();
    const who = { id, number: order.number, customerName: order.customerName };
    if (body.decision === 'returned') {
      await saveOrder(tx, order, { status: 'returned', pendingReviews: null });
      await writeAudit(tx, actorOf(ctx), { action: 'order.return', entity: 'sales_order', entityId: id, before: { status: order.status }, after: { status: 'returned', review: kind, reason: body.reason }, note: body.reason });
      await notifyPeople(tx, ctx, [order.ownerId, order.createdBy], who, 'order.returned', `订单 ${order.number} 被${label.zh}退回`, `${ctx.userName}：${body.reason}`);
      await settleReviewTodos(tx, ctx.companyId, order);
      return;
    }
    // a manager's override recorded at submit stands (finance sees it on the order); otherwise finance re-checks credit
    const override = kind === 'finance' && order.creditOverrideBy == null ? await enforceCredit(tx, ctx, order, body.creditOverrideReason) : {};
    const rest = pending.filter((k) => k !== kind);
    let status: OrderStatus = 'submitted';
    let shortages: Awaited<ReturnType<typeof reserveFor>> = [];
    if (!rest.length) {
      shortages = await reserveFor(tx, ctx, order, await repo.linesOf(tx, id));
      await startStages(tx, ctx.companyId, id, stagesFor((await readSettings(tx, ctx.companyId)).settings, order.orderType));
      status = 'confirmed';
    }
    await saveOrder(tx, order, { status, pendingReviews: rest.length ? JSON.stringify(rest) : null, confirmedAt: status === 'confirmed' ? now : null, ...override });
    await writeAudit(tx, actorOf(ctx), { action: 'order.approve', entity: 'sales_order', entityId: id, before: { status: order.status, pendingReviews: pending }, after: { status, review: kind, pendingReviews: rest, ...(shortages.length ? { shortages } : {}) }, note: body.reason });
    await settleReviewTodos(tx, ctx.companyId, order, kind);
    if ('creditOverrideBy' in override && override.creditOverrideBy) await tellCreditOverride(tx, ctx, order, override.creditOverrideReason!);
    if (status === 'confirmed') {
      await notifyPeople(tx, ctx, [order.ownerId, order.createdBy], who, 'order.confirmed', `订单 ${order.number} 已审核通过`, `${label.zh}：${ctx.userName} 通过，库存已预留${shortages.length ? '（部分缺货，已生成请购单）' : ''}`);
    }
  });
}

/** Cancel (void) with a reason: until goods leave. A confirmed order's reservation is released. */
export async function cancelOrder(db: Db, ctx: RequestContext, id: number, body: { reason: string; version: number }) {
  requirePermission(ctx, 'order.cancel');
  await db.transaction().execute(async (tx) => {
    const order = await loadOrder(tx, ctx, id, body.version);
    orderDocument.assertVoidable(order.status);
    const v = voidFields(actorOf(ctx), body.reason);
    if (order.status === 'confirmed') {
      await releaseReservations(tx, ctx.companyId, SOURCE, id);
      await tx.updateTable('salesOrderLines').set({ reservedQuantity: 0 }).where('orderId', '=', id).execute();
    }
    await saveOrder(tx, order, { ...v, pendingReviews: null });
    await writeAudit(tx, actorOf(ctx), { action: 'order.cancel', entity: 'sales_order', entityId: id, before: { status: order.status }, after: { status: 'void', reason: v.voidReason }, note: v.voidReason });
    const people = await repo.peopleOn(tx, order);
    await notifyPeople(tx, ctx, people, order, 'order.cancelled', `订单 ${order.number} 已取消`, `${ctx.userName}：${v.voidReason}`);
    await settleReviewTodos(tx, ctx.companyId, order);
  });
}

/** A draft that will not be submitted is discarded (kept, marked 已放弃). */
export async function discardOrder(db: Db, ctx: RequestContext, id: number, body: { version: number }) {
  requirePermission(ctx, 'order.create');
  await db.transaction().execute(async (tx) => {
    const order = await loadOrder(tx, ctx, id, body.version);
    orderDocument.next(order.status, 'discard');
    await saveOrder(tx, order, { status: 'discarded' });
    await writeAudit(tx, actorOf(ctx), { action: 'order.discard', entity: 'sales_order', entityId: id, before: { status: order.status }, after: { status: 'discarded' } });
  });
}

/** Payment received against the order (地州: a slip is issued only once the order is paid in full). */
export async function recordPayment(db: Db, ctx: RequestContext, id: number, body: { amount: number; version: number }) {
  requirePermission(ctx, 'order.payment');
  await db.transaction().execute(async (tx) => {
    const order = await loadOrder(tx, ctx, id, body.version);
    if (['void', 'discarded', 'closed'].includes(order.status)) {
      const s = orderStatusLabels[order.status as OrderStatus];
      throw orderError('ORDER_PAYMENT_NOT_OPEN', { status: s.zh, statusEn: s.en });
    }
    const received = order.paymentReceived + body.amount;
    await saveOrder(tx, order, { paymentReceived: received, paymentReceivedAt: isoNow(), paymentRecordedBy: ctx.userId });
    await writeAudit(tx, actorOf(ctx), { action: 'order.payment', entity: 'sales_order', entityId: id, before: { paymentReceived: order.paymentReceived }, after: { paymentReceived: received, amount: body.amount } });
    const full = received >= order.totalAmount;
    await notifyPeople(tx, ctx, [order.ownerId, order.createdBy], order, 'order.payment', `订单 ${order.number ?? ''} 已登记收款 ¥${formatYuan(body.amount)}`, full ? '订单款项已全部到账' : `累计收款 ¥${formatYuan(received)}，订单金额 ¥${formatYuan(order.totalAmount)}`);
  });
}

const simpleSteps = {
  deliver: { permission: 'order.create', field: 'deliveredAt', title: '已送达' },
  complete: { permission: 'order.create', field: 'customerConfirmedAt', title: '客户已确认收货' },
  close: { permission: 'order.change', field: 'closedAt', title: '已关闭' },
} as const;

/** delivered → completed (customer confirmed) → closed; closing a partly shipped order releases the rest. */
export async function advanceOrder(db: Db, ctx: RequestContext, id: number, step: keyof typeof simpleSteps, body: { version: number }) {
  const s = simpleSteps[step];
  requirePermission(ctx, s.permission);
  await db.transaction().execute(async (tx) => {
    const order = await loadOrder(tx, ctx, id, body.version);
    const to = orderDocument.next(order.status, step);
    if (step === 'close' && order.status === 'partially_shipped') {
      await releaseReservations(tx, ctx.companyId, SOURCE, id);
      await tx.updateTable('salesOrderLines').set({ reservedQuantity: 0 }).where('orderId', '=', id).execute();
    }
    await saveOrder(tx, order, { status: to, [s.field]: isoNow() });
    await writeAudit(tx, actorOf(ctx), { action: `order.${step}`, entity: 'sales_order', entityId: id, before: { status: order.status }, after: { status: to } });
    await notifyPeople(tx, ctx, [order.ownerId, order.createdBy], order, `order.${step}`, `订单 ${order.number} ${s.title}`, `${ctx.userName} 操作`);
  });
}

export type { ReviewKind };

/**
 * A back-ordered order whose goods have arrived: reserves what its lines still lack (ordered − shipped
 * − reserved), as much as is available now. Returns what is still short.
 */
export async function reserveRest(db: Db, ctx: RequestContext, id: number, body: { version: number }) {
  requirePermission(ctx, 'order.change');
  await db.transaction().execute(async (tx) => {
    const order = await loadOrder(tx, ctx, id, body.version);
    orderDocument.next(order.status, 'change');
    const lines = await repo.linesOf(tx, id);
    const wanted = lines
      .map((l) => ({ warehouseId: order.warehouseId, productId: l.productId, quantity: l.quantity - l.shippedQuantity - l.reservedQuantity, sourceType: SOURCE, sourceId: id, sourceLineId: l.id }))
      .filter((l) => l.quantity > 0);
    if (!wanted.length) throw orderError('ORDER_NOTHING_TO_RESERVE');
    const got = await reserve(tx, ctx.companyId, wanted, { partial: true });
    for (const g of got) if (g.reserved > 0) await tx.updateTable('salesOrderLines').set({ reservedQuantity: sql`reserved_quantity + ${g.reserved}` }).where('id', '=', g.sourceLineId).execute();
    await saveOrder(tx, order, {});
    await writeAudit(tx, actorOf(ctx), { action: 'order.reserve', entity: 'sales_order', entityId: id, after: { reserved: got.map((g) => ({ line: lines.find((l) => l.id === g.sourceLineId)!.lineNo, reserved: g.reserved, short: g.short })) } });
  });
}
