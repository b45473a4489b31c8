import type { Db, Tx } from '../../db/database.ts';
import { prepared, type Params } from '../../db/prepared.ts';
import { diff, historyOf, writeAudit, type AuditEntry } from '../../platform/audit/audit.ts';
import { actorOf, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { isoNow } from '../../platform/time.ts';
import { settingsFor } from '../admin/service.ts';
import { creditFigures } from './credit.ts';
import { prepareOrder, type PreparedOrder } from './entry.ts';
import { orderError } from './errors.ts';
import { orderDocument } from './machine.ts';
import { productsByIds, resolvePrices } from '../products/service.ts';
import * as repo from './repo.ts';
import type { OrderCreateBody, OrderListQuery, OrderOut, OrderUpdateBody } from './schema.ts';
import { reviewsFor, submitInTx } from './flow.ts';
import { loadOrder, orderOut, parseReviews, saveOrder } from './shared.ts';
import { openStagesOf } from './stages.ts';
import { linkHoldToOrder } from '../holds/service.ts';
import { customerPositions } from '../receivables/service.ts';

// Sales orders 销售订单: the module's door. Entry and editing here; the flow (submit, reviews,
// cancel, payment, delivery) in flow.ts; change orders in change.ts; slips call fulfilment.ts.
export { submitOrder, reviewOrder, cancelOrder, discardOrder, recordPayment, advanceOrder, reserveRest } from './flow.ts';
export { changeOrder } from './change.ts';
export { orderStages, completeStage, returnStage } from './stages.ts';
export { orderForSlip, recordShipment, reverseShipment } from './fulfilment.ts';

type LineRow = PreparedOrder['lines'][number] & { companyId: number; orderId: number };
type HeaderRow = PreparedOrder['header'] & { companyId: number; status: string; createdBy: number; createdAt: string; updatedAt: string };

// order entry's writes, compiled once (src/db/prepared.ts): the lines per line count
const insertLineRows = prepared((db, p: Params<{ rows: LineRow[] }>) => db.insertInto('salesOrderLines').values(p.rows as LineRow[]).returning(['id', 'lineNo']));
const insertHeader = prepared((db, p: Params<{ row: HeaderRow }>) => db.insertInto('salesOrders').values(p.row as HeaderRow).returning('id'));

/** A template cannot leave a column out: an unset (undefined) field is written as null (the columns' default). */
const nullsForUnset = <T extends Record<string, unknown>>(row: T): T => {
  const out = { ...row };
  for (const k in out) if (out[k] === undefined) (out as Record<string, unknown>)[k] = null;
  return out;
};

/** `reserved`: each line written holding its whole quantity (the order is confirmed in this transaction). */
async function insertLines(tx: Tx, companyId: number, orderId: number, lines: PreparedOrder['lines'], reserved = false) {
  return (await insertLineRows(tx, { rows: lines.map((l) => nullsForUnset({ companyId, orderId, reservedQuantity: reserved ? l.quantity : 0, ...l })) })).rows;
}

/**
 * Enters an order (a draft), and with submit=true numbers it, checks credit and — when no review
 * applies to its type — confirms it with its stock reserved, all in one transaction.
 */
export async function createOrder(db: Db, ctx: RequestContext, body: OrderCreateBody): Promise<OrderOut> {
  requirePermission(ctx, 'order.create');
  const { settings } = await settingsFor(db, ctx);
  // the rows below name their new fields before the spread of the header or line, which has none of them
  // (Node 20 is slow to add fields after a spread: docs/decisions.md "New fields before a spread")
  const made = await db.transaction().execute(async (tx) => {
    const { header, lines, ownerName, warehouseName, credit, hold, packs } = await prepareOrder(tx, ctx, body, settings);
    const now = isoNow();
    const row = (await insertHeader(tx, { row: nullsForUnset({ companyId: ctx.companyId, status: 'draft', createdBy: ctx.userId, createdAt: now, updatedAt: now, ...header }) })).rows[0]!;
    const paid = hold ? await linkHoldToOrder(tx, ctx, hold, row.id) : null;
    // confirmed at once and all or nothing: the lines are written holding their stock (no update after reserving)
    const linesReserved = !!body.submit && !body.backorder && reviewsFor(settings, header).length === 0;
    const ids = await insertLines(tx, ctx.companyId, row.id, lines, linesReserved);
    const withIds = lines.map((l) => ({ id: ids.find((x) => x.lineNo === l.lineNo)!.id, ...l }));
    const audit: AuditEntry = { action: 'order.create', entity: 'sales_order', entityId: row.id, after: { lines: lines.map((l) => ({ product: l.productCode, quantity: l.quantity, unitPrice: l.unitPrice, discountBp: l.discountBp, amount: l.amount })), ...header } };
    const order = { id: row.id, number: null, status: 'draft', version: 1, createdBy: ctx.userId, ...header };
    // submitted at once: the entry's audit row goes with the submit's (one insert)
    // submitted: the submit is the transaction's last write (nothing below writes)
    const submitted = body.submit ? await submitInTx(tx, ctx, order, withIds, settings, body.creditOverrideReason, { credit, audit, linesReserved, last: true }) : null;
    if (!body.submit) await writeAudit(tx, actorOf(ctx), audit);
    return { header, withIds, ownerName, warehouseName, packs, now, id: row.id, submitted, paid };
  });
  // the reply is built from what was written (no read-back: order entry is the hot path)
  const { header, withIds, ownerName, warehouseName, packs, now, id, submitted: sub, paid } = made;
  const out: repo.OrderRow = {
    id, companyId: ctx.companyId, number: sub?.number ?? null, status: sub?.status ?? 'draft', pendingReviews: sub?.pendingReviews ?? null,
    paymentReceived: 0, paymentReceivedAt: null, paymentRecordedBy: null, creditOverrideBy: sub?.creditOverrideBy ?? null, creditOverrideReason: sub?.creditOverrideReason ?? null,
    submittedAt: sub?.submittedAt ?? null, confirmedAt: sub?.confirmedAt ?? null, deliveredAt: null, customerConfirmedAt: null, closedAt: null,
    createdBy: ctx.userId, createdAt: now, updatedAt: sub?.updatedAt ?? now, version: sub?.version ?? 1, voidedAt: null, voidedBy: null, voidReason: null,
    ...header,
  };
  if (paid) Object.assign(out, paid); // entered from a hold: its deposits (not on the hot path)
  const reserved = sub?.shortages.reserved;
  const lineRows: repo.OrderLineRow[] = withIds.map((l) => ({ companyId: ctx.companyId, orderId: id, reservedQuantity: reserved?.get(l.id) ?? 0, shippedQuantity: 0, ...l }));
  const names = new Map<number, string>([[ctx.userId, ctx.userName]]);
  if (ownerName) names.set(header.ownerId, ownerName);
  else names.set(header.ownerId, (await repo.userNames(db, [header.ownerId])).get(header.ownerId) ?? '');
  return orderOut(db, out, lineRows, { names, warehouseName, packs, reviews: [], changes: [], shortages: sub?.shortages.map((x) => ({ ...x })) ?? [] });
}

/** Edits a draft or a returned order (lines replaced as a set); 409 when stale or no longer editable. */
export async function updateOrder(db: Db, ctx: RequestContext, id: number, body: OrderUpdateBody): Promise<OrderOut> {
  requirePermission(ctx, 'order.create');
  const { settings } = await settingsFor(db, ctx);
  await db.transaction().execute(async (tx) => {
    const before = await loadOrder(tx, ctx, id, body.version);
    orderDocument.assertEditable(before.status);
    const oldLines = await repo.linesOf(tx, id);
    // an order entered from a hold stays one: re-checked against its hold
    const { header, lines } = await prepareOrder(tx, ctx, { ...body, holdId: before.holdId }, settings, id);
    await saveOrder(tx, before, header);
    // draft lines are not a document's history: the audit keeps the old set
    await tx.deleteFrom('salesOrderLines').where('orderId', '=', id).where('companyId', '=', ctx.companyId).execute();
    await insertLines(tx, ctx.companyId, id, lines);
    const brief = (ls: { productCode: string; quantity: number; unitPrice: number; discountBp: number; amount: number }[]) => ls.map((l) => ({ product: l.productCode, quantity: l.quantity, unitPrice: l.unitPrice, discountBp: l.discountBp, amount: l.amount }));
    const d = diff({ ...before, lines: brief(oldLines) } as Record<string, unknown>, { ...header, lines: brief(lines) });
    await writeAudit(tx, actorOf(ctx), { action: 'order.update', entity: 'sales_order', entityId: id, ...d });
  });
  return getOrder(db, ctx, id);
}

export async function getOrder(db: Db, ctx: RequestContext, id: number): Promise<OrderOut> {
  requirePermission(ctx, 'order.read');
  const row = await loadOrder(db, ctx, id);
  return orderOut(db, row, await repo.linesOf(db, id));
}

export async function listOrders(db: Db, ctx: RequestContext, q: OrderListQuery) {
  requirePermission(ctx, 'order.read');
  const { rows, total, totalCapped } = await repo.listOrders(db, ctx, q);
  // only confirmed orders can wait at a made-to-order stage
  const stages = await openStagesOf(db, ctx.companyId, rows.filter((r) => r.status === 'confirmed').map((r) => r.id));
  return {
    items: rows.map((r) => ({
      ...r, status: r.status as OrderOut['status'], orderType: r.orderType as OrderOut['orderType'], paymentTerm: r.paymentTerm as OrderOut['paymentTerm'],
      pendingReviews: parseReviews(r.pendingReviews), backorder: r.backorder === 1, currentStage: stages.get(r.id) ?? null,
    })),
    total, totalCapped, page: q.page, pageSize: q.pageSize,
  };
}

export async function orderHistory(db: Db, ctx: RequestContext, id: number) {
  requirePermission(ctx, 'order.read');
  await loadOrder(db, ctx, id);
  return historyOf(db, ctx.companyId, 'sales_order', id);
}

/** The sales of a period in the user's scope: confirmed orders' count and amount (the dashboard). */
export async function orderSummary(db: Db, ctx: RequestContext, q: { dateFrom: string; dateTo: string }) {
  requirePermission(ctx, 'order.read');
  return repo.salesSummary(db, ctx, q);
}

/** The credit figures of an order and the customer's overdue debt (the credit-stop and finance review dialogs show them). */
export async function orderCredit(db: Db, ctx: RequestContext, id: number) {
  requirePermission(ctx, 'order.read');
  const row = await loadOrder(db, ctx, id);
  const [figures, positions] = await Promise.all([creditFigures(db, ctx.companyId, row), customerPositions(db, ctx.companyId, { customerIds: [row.customerId] })]);
  const position = positions.get(row.customerId);
  return { overdue: position?.overdue ?? 0, maxDaysOverdue: position?.overdue ? position.maxDaysOverdue : 0, ...figures };
}

/** What the entry form fills in for a customer: contact, phone, address, rep, credit, prices, reviews. */
export async function orderDefaults(db: Db, ctx: RequestContext, q: { customerId: number; orderType: string; productIds?: string }) {
  requirePermission(ctx, 'order.create');
  const c = await repo.customerForOrder(db, ctx, q.customerId);
  if (!c) throw orderError('ORDER_CUSTOMER_NOT_FOUND', {}, [{ path: 'customerId', message: '客户不存在或不在您的管理范围内' }]);
  const credit = c.creditCustomerId != null ? { creditLimit: c.creditLimit, paymentTerms: c.paymentTerms! } : null;
  const productIds = (q.productIds ?? '').split(',').map(Number).filter((n) => Number.isSafeInteger(n) && n > 0).slice(0, 200);
  const prices = await resolvePrices(db, ctx.companyId, { orderType: q.orderType, customerClass: c.classification }, productIds);
  const products = [...(await productsByIds(db, ctx.companyId, productIds)).values()];
  const { settings } = await settingsFor(db, ctx);
  return {
    customerId: c.id, customerName: c.name, ownerId: c.ownerId, ownerName: c.ownerName,
    contactName: c.primaryContact, contactPhone: c.primaryPhone, deliveryAddress: c.defaultAddress ?? c.address,
    allowedTerms: credit ? JSON.parse(credit.paymentTerms) : null, creditLimit: credit ? Number(credit.creditLimit) : null,
    prices: products.map((p) => ({ productId: p.id, unitPrice: prices.get(p.id)?.unitPrice ?? p.listPrice, taxRateBp: p.taxRateBp })),
    reviews: [...reviewsFor(settings, { orderType: q.orderType, priceConcession: 0 })], concessionReview: settings.orders.concessionReview,
  };
}
