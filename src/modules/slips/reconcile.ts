import { sql, type ExpressionBuilder } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Db, Executor, Tx } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { notFound, staleVersion } from '../../platform/errors/app-error.ts';
import { formatYuan } from '../../platform/money.ts';
import { nextNumber } from '../../platform/numbering/numbering.ts';
import { actorOf, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { isoNow } from '../../platform/time.ts';
import { recordDriverCash, type DriverCash } from '../receipts/service.ts';
import { slipError } from './errors.ts';
import { receivablesOf } from './receivable.ts';
import * as repo from './repo.ts';
import { type DeliveryMode, type ReconciliationCreateBody, type ReconciliationListQuery } from './schema.ts';

// Driver reconciliation 对单 (seed 004 §5): per driver and day, the slips out with them. Cash slips
// (现款) come back with the cash — short or over is recorded; goods refused or changed at the door go
// back by a return slip 退货单; the customer-signed copies of credit slips are checked in and handed
// to finance. Settling marks the slips 已对单 (goods and amounts confirmed: ready to post).

const isCash = (paymentTerm: string) => paymentTerm === 'cash';

/** The slips a reconciliation takes: a driver's by name, or the pickups (客户自提) by their mode. */
const byDriverOrPickup = (mode: DeliveryMode, driverName: string | null) =>
  mode === 'pickup'
    ? (eb: ExpressionBuilder<DB, 'salesSlips'>) => eb('salesSlips.deliveryMode', '=', 'pickup')
    : (eb: ExpressionBuilder<DB, 'salesSlips'>) => eb.and([eb('salesSlips.deliveryMode', '=', 'driver'), eb('salesSlips.driverName', '=', driverName ?? '')]);

/** A reconciliation's driver as the API gives it: none for the day's pickups (stored as ''). */
const driverOut = <T extends { deliveryMode: string; driverName: string }>(r: T) => ({
  ...r, deliveryMode: r.deliveryMode as DeliveryMode, driverName: r.deliveryMode === 'pickup' ? null : r.driverName,
});

/**
 * Drivers and days with slips out for delivery and not in a reconciliation yet — the day's pickups
 * 客户自提 as a group of their own — with the cash due on their cash slips (what each still owes).
 */
export async function pendingReconciliations(db: Db, ctx: RequestContext) {
  requirePermission(ctx, 'slip.reconcile');
  // per driver (or the pickups) and day: the slips out, and the cash their cash slips come to, summed by the database
  const rows = await db
    .selectFrom('salesSlips')
    .where('companyId', '=', ctx.companyId)
    .where('status', '=', 'delivered')
    .where('reconciliationId', 'is', null)
    .where((eb) => eb.or([eb('deliveryMode', '=', 'pickup'), eb('driverName', 'is not', null)]))
    .select([
      'deliveryMode', 'driverName', 'businessDate',
      (eb) => eb.fn.countAll<number>().as('slipCount'),
      sql<number>`sum(case when payment_term = 'cash' then total_amount - returned_amount else 0 end)`.as('cashNet'),
    ])
    .groupBy(['deliveryMode', 'driverName', 'businessDate'])
    .orderBy('businessDate', 'desc')
    .limit(400)
    .execute();
  // cash slips of orders made from a hold: the deposits already pay part of them (few), by the one receivable rule
  const held = await db
    .selectFrom('salesSlips as s')
    .innerJoin('salesOrders as o', 'o.id', 's.orderId')
    .where('s.companyId', '=', ctx.companyId)
    .where('s.status', '=', 'delivered')
    .where('s.reconciliationId', 'is', null)
    .where('s.paymentTerm', '=', 'cash')
    .where('o.holdId', 'is not', null)
    .select(['s.id', 's.status', 's.totalAmount', 's.returnedAmount', 's.deliveryMode', 's.driverName', 's.businessDate'])
    .execute();
  const figures = await receivablesOf(db, ctx.companyId, held);
  const keyOf = (d: { deliveryMode: string; driverName: string | null; businessDate: string }) => `${d.deliveryMode}|${d.deliveryMode === 'pickup' ? '' : (d.driverName ?? '')}|${d.businessDate}`;
  const paidByDeposit = new Map<string, number>();
  for (const h of held) paidByDeposit.set(keyOf(h), (paidByDeposit.get(keyOf(h)) ?? 0) + (figures.get(h.id)?.paidByDeposit ?? 0));
  // a pickup day has no driver name ('' stored): one group per day whatever is stored
  const days = new Map<string, { deliveryMode: DeliveryMode; driverName: string | null; businessDate: string; slipCount: number; cashExpected: number }>();
  for (const r of rows) {
    const mode = r.deliveryMode as DeliveryMode;
    const key = keyOf(r);
    const day = days.get(key) ?? { deliveryMode: mode, driverName: mode === 'pickup' ? null : r.driverName, businessDate: r.businessDate, slipCount: 0, cashExpected: -(paidByDeposit.get(key) ?? 0) };
    day.slipCount += Number(r.slipCount);
    day.cashExpected += Number(r.cashNet ?? 0);
    days.set(key, day);
  }
  // newest day first; on a day the pickups after the drivers (by name)
  const order = (d: { deliveryMode: string; driverName: string | null }) => `${d.deliveryMode === 'pickup' ? 1 : 0}${d.driverName ?? ''}`;
  return [...days.values()].sort((a, b) => b.businessDate.localeCompare(a.businessDate) || order(a).localeCompare(order(b))).slice(0, 200);
}

/**
 * Opens the reconciliation of a driver's day — every slip out with them up to that day and not
 * reconciled — or of the day's pickups 客户自提 (every slip handed to a customer up to that day).
 */
export async function createReconciliation(db: Db, ctx: RequestContext, body: ReconciliationCreateBody) {
  requirePermission(ctx, 'slip.reconcile');
  const mode: DeliveryMode = body.deliveryMode ?? 'driver';
  const driverName = mode === 'pickup' ? '' : (body.driverName ?? '').trim();
  if (mode === 'driver' && !driverName) throw slipError('SLIP_NO_DRIVER', {}, [{ path: 'driverName', message: '请填写司机' }]);
  if (mode === 'pickup' && body.driverName) throw slipError('SLIP_PICKUP_DRIVER', {}, [{ path: 'driverName', message: '客户自提不填司机' }]);
  const id = await db.transaction().execute(async (tx) => {
    const slips = await tx
      .selectFrom('salesSlips')
      .select(['id', 'status', 'paymentTerm', 'totalAmount', 'returnedAmount'])
      .where('companyId', '=', ctx.companyId)
      .where('status', '=', 'delivered')
      .where('reconciliationId', 'is', null)
      .where(byDriverOrPickup(mode, driverName))
      .where('businessDate', '<=', body.businessDate)
      .orderBy('id')
      .execute();
    if (!slips.length) throw mode === 'pickup' ? slipError('RECON_NO_PICKUPS', { date: body.businessDate }) : slipError('RECON_NO_SLIPS', { driver: driverName, date: body.businessDate });
    const number = await nextNumber(tx, ctx.companyId, 'driver_reconciliation', body.businessDate);
    const now = isoNow();
    const rec = await tx
      .insertInto('driverReconciliations')
      .values({ companyId: ctx.companyId, number, status: 'open', deliveryMode: mode, driverName, businessDate: body.businessDate, createdBy: ctx.userId, createdAt: now, updatedAt: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const attached = await tx
      .updateTable('salesSlips')
      .set({ reconciliationId: rec.id, updatedAt: now })
      .where('companyId', '=', ctx.companyId)
      .where('id', 'in', slips.map((s) => s.id))
      .where('status', '=', 'delivered')
      .where('reconciliationId', 'is', null)
      .executeTakeFirst();
    // a slip taken by another reconciliation (or voided) meanwhile: start again with what is left
    if (Number(attached.numUpdatedRows) !== slips.length) throw staleVersion();
    await tx
      .insertInto('driverReconciliationSlips')
      .values(slips.map((s) => ({ companyId: ctx.companyId, reconciliationId: rec.id, slipId: s.id, cashExpected: 0, cashReceived: 0, outcome: 'delivered' })))
      .execute();
    await refreshReconciliation(tx, ctx.companyId, rec.id);
    await writeAudit(tx, actorOf(ctx), { action: 'reconciliation.create', entity: 'driver_reconciliation', entityId: rec.id, after: { number, deliveryMode: mode, driverName: driverName || null, businessDate: body.businessDate, slipIds: slips.map((s) => s.id) } });
    return rec.id;
  });
  return getReconciliation(db, ctx, id);
}

/**
 * Recomputes what the driver owes after a change (cash received, a return): per cash slip, the cash
 * due is what the slip still owes (receivable.ts: net of returns, less what a hold's deposits pay);
 * the outcome follows the returned quantities; the header sums them and records the difference
 * (received − expected: short < 0, over > 0).
 */
export async function refreshReconciliation(tx: Tx, companyId: number, id: number) {
  const rows = await tx
    .selectFrom('driverReconciliationSlips as r')
    .innerJoin('salesSlips as s', 's.id', 'r.slipId')
    .where('r.reconciliationId', '=', id)
    .where('r.companyId', '=', companyId)
    .select(['r.id', 'r.cashReceived', 's.id as slipId', 's.status', 's.paymentTerm', 's.totalAmount', 's.returnedAmount', 's.totalQuantity'])
    .execute();
  // a cash slip of an order made from a hold is partly paid by the hold's deposits: the driver brings the rest
  const figures = await receivablesOf(tx, companyId, rows.filter((r) => isCash(r.paymentTerm)).map((r) => ({ ...r, id: r.slipId })));
  let expected = 0;
  let received = 0;
  for (const r of rows) {
    const returned = await tx
      .selectFrom('salesSlipLines')
      .where('slipId', '=', r.slipId)
      .select(sql<number>`coalesce(sum(returned_quantity), 0)`.as('q'))
      .executeTakeFirstOrThrow();
    const q = Number(returned.q);
    const outcome = q === 0 ? 'delivered' : q >= r.totalQuantity ? 'refused' : 'partly_returned';
    const due = figures.get(r.slipId)?.receivable ?? 0;
    await tx.updateTable('driverReconciliationSlips').set({ cashExpected: due, outcome }).where('id', '=', r.id).execute();
    expected += due;
    received += r.cashReceived;
  }
  await tx.updateTable('driverReconciliations').set({ cashExpected: expected, cashReceived: received, cashDifference: received - expected, updatedAt: isoNow() }).where('id', '=', id).execute();
}

async function loadReconciliation(db: Executor, ctx: RequestContext, id: number) {
  const rec = await db
    .selectFrom('driverReconciliations as d')
    .leftJoin('users as settler', 'settler.id', 'd.settledBy')
    .leftJoin('users as creator', 'creator.id', 'd.createdBy')
    .where('d.companyId', '=', ctx.companyId)
    .where('d.id', '=', id)
    .select([
      'd.id', 'd.number', 'd.status', 'd.deliveryMode', 'd.driverName', 'd.businessDate', 'd.cashExpected', 'd.cashReceived', 'd.cashDifference', 'd.remarks',
      'settler.displayName as settledByName', 'd.settledAt', 'creator.displayName as createdByName', 'd.createdAt', 'd.version',
    ])
    .executeTakeFirst();
  if (!rec) throw notFound();
  return driverOut(rec);
}

export async function getReconciliation(db: Executor, ctx: RequestContext, id: number) {
  requirePermission(ctx, 'slip.reconcile');
  const rec = await loadReconciliation(db, ctx, id);
  const slips = await db
    .selectFrom('driverReconciliationSlips as r')
    .innerJoin('salesSlips as s', 's.id', 'r.slipId')
    .where('r.reconciliationId', '=', id)
    .where('r.companyId', '=', ctx.companyId)
    .select([
      'r.slipId', 's.number', 's.status', 's.customerName', 's.paymentTerm', 's.totalAmount', 's.returnedAmount', 'r.cashExpected', 'r.cashReceived',
      'r.signedCopyReceived', 'r.handedToFinanceAt', 'r.outcome',
    ])
    .orderBy('s.number')
    .execute();
  const lines = slips.length
    ? await db
        .selectFrom('salesSlipLines')
        .innerJoin('products', 'products.id', 'salesSlipLines.productId')
        .where('salesSlipLines.companyId', '=', ctx.companyId)
        .where('salesSlipLines.slipId', 'in', slips.map((s) => s.slipId))
        .select([
          'salesSlipLines.id', 'salesSlipLines.slipId', 'salesSlipLines.productName', 'salesSlipLines.spec', 'salesSlipLines.unit', 'salesSlipLines.quantity',
          'salesSlipLines.returnedQuantity', 'salesSlipLines.unitPrice', 'salesSlipLines.amount', 'products.packUnit', 'products.packSize', 'products.trackCodes',
        ])
        .orderBy('salesSlipLines.lineNo')
        .execute()
    : [];
  const figures = await receivablesOf(db, ctx.companyId, slips.map((s) => ({ ...s, id: s.slipId })));
  return {
    ...rec,
    companyName: await repo.companyName(db, ctx.companyId),
    slips: slips.map(({ status: _s, ...s }) => ({
      ...s,
      ...figures.get(s.slipId)!,
      signedCopyReceived: s.signedCopyReceived === 1,
      lines: lines.filter((l) => l.slipId === s.slipId).map(({ slipId: _s, trackCodes, ...l }) => ({ ...l, trackCodes: trackCodes === 1 })),
    })),
  };
}

export async function listReconciliations(db: Db, ctx: RequestContext, q: ReconciliationListQuery) {
  requirePermission(ctx, 'slip.reconcile');
  let query = db.selectFrom('driverReconciliations as d').where('d.companyId', '=', ctx.companyId);
  if (q.driver) query = query.where('d.driverName', '=', q.driver).where('d.deliveryMode', '=', 'driver');
  if (q.deliveryMode) query = query.where('d.deliveryMode', '=', q.deliveryMode);
  if (q.status) query = query.where('d.status', '=', q.status);
  if (q.dateFrom) query = query.where('d.businessDate', '>=', q.dateFrom);
  if (q.dateTo) query = query.where('d.businessDate', '<=', q.dateTo);
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await query
    .leftJoin('users as settler', 'settler.id', 'd.settledBy')
    .leftJoin('users as creator', 'creator.id', 'd.createdBy')
    .select([
      'd.id', 'd.number', 'd.status', 'd.deliveryMode', 'd.driverName', 'd.businessDate', 'd.cashExpected', 'd.cashReceived', 'd.cashDifference', 'd.remarks',
      'settler.displayName as settledByName', 'd.settledAt', 'creator.displayName as createdByName', 'd.createdAt', 'd.version',
      (eb) => eb.selectFrom('driverReconciliationSlips as r').whereRef('r.reconciliationId', '=', 'd.id').select((e) => e.fn.countAll<number>().as('c')).as('slipCount'),
    ])
    .orderBy('d.businessDate', 'desc')
    .orderBy('d.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items: items.map((i) => ({ ...driverOut(i), slipCount: Number(i.slipCount ?? 0) })), total: Number(total.n), page: q.page, pageSize: q.pageSize };
}

/** Enters the cash the driver handed in per cash slip and which signed copies of credit slips came back. */
export async function updateReconciliation(
  db: Db,
  ctx: RequestContext,
  id: number,
  body: { version: number; remarks: string | null; slips: { slipId: number; cashReceived: number; signedCopyReceived: boolean }[] },
) {
  requirePermission(ctx, 'slip.reconcile');
  await db.transaction().execute(async (tx) => {
    const rec = await loadReconciliation(tx, ctx, id);
    if (rec.status !== 'open') throw slipError('RECON_CLOSED', { number: rec.number });
    if (rec.version !== body.version) throw staleVersion();
    for (const [i, s] of body.slips.entries()) {
      const res = await tx
        .updateTable('driverReconciliationSlips')
        .set({ cashReceived: s.cashReceived, signedCopyReceived: s.signedCopyReceived ? 1 : 0 })
        .where('reconciliationId', '=', id)
        .where('companyId', '=', ctx.companyId)
        .where('slipId', '=', s.slipId)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw slipError('RECON_SLIP_UNKNOWN', {}, [{ path: `slips.${i}.slipId`, message: '对单中没有这张销货清单' }]);
    }
    const bumped = await tx
      .updateTable('driverReconciliations')
      .set({ remarks: body.remarks, version: body.version + 1 })
      .where('id', '=', id)
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(bumped.numUpdatedRows) !== 1) throw staleVersion();
    await refreshReconciliation(tx, ctx.companyId, id);
    await writeAudit(tx, actorOf(ctx), { action: 'reconciliation.update', entity: 'driver_reconciliation', entityId: id, after: { slips: body.slips, remarks: body.remarks } });
  });
  return getReconciliation(db, ctx, id);
}

/** The cash handed in per customer of a reconciliation (slips in id order). */
function cashByCustomer(rows: { customerId: number | null; number: string | null; slipId: number; cashReceived: number }[]): DriverCash[] {
  const by = new Map<number, DriverCash>();
  for (const r of rows) {
    // a walk-in sale without a customer file owes nothing later: its cash stays on the reconciliation only
    if (r.cashReceived <= 0 || r.customerId === null) continue;
    const c = by.get(r.customerId) ?? { customerId: r.customerId, amount: 0, slipNumbers: [] };
    c.amount += r.cashReceived;
    c.slipNumbers.push(r.number ?? `#${r.slipId}`);
    by.set(r.customerId, c);
  }
  return [...by.values()];
}

/**
 * What must be true of the cash before a reconciliation is settled: a cash slip with cash due and
 * nothing entered is refused by name, and cash short or over needs its reason (both unless a reason is given).
 */
function assertCashAccounted(rows: { number: string | null; slipId: number; paymentTerm: string; cashExpected: number; cashReceived: number }[], reason: string | null) {
  if (reason) return;
  const missing = rows.find((r) => isCash(r.paymentTerm) && r.cashExpected > 0 && r.cashReceived === 0);
  if (missing) throw slipError('RECON_CASH_MISSING', { number: missing.number ?? `#${missing.slipId}` }, [{ path: 'reason', message: '请填写短款原因' }]);
  const difference = rows.reduce((n, r) => n + r.cashReceived - r.cashExpected, 0);
  if (difference !== 0) {
    const short = difference < 0;
    throw slipError('RECON_REASON_REQUIRED', { kind: short ? '短款' : '长款', kindEn: short ? 'short' : 'over', amount: formatYuan(Math.abs(difference)) }, [{ path: 'reason', message: short ? '请填写短款原因' : '请填写长款原因' }]);
  }
}

/** The remarks saved with the figures, and the reason given at settling after them (nothing typed is lost). */
const withReason = (remarks: string | null, reason: string) => {
  const kept = remarks?.trim();
  return kept && kept !== reason ? `${kept}；${reason}` : reason;
};

/**
 * 结清: the day is balanced — cash short or over stays recorded on the reconciliation with its reason
 * (given at settling, or the remarks saved before; it becomes the remarks), every credit slip's signed copy is back and goes to finance now, and the slips become 已对单.
 */
export async function settleReconciliation(db: Db, ctx: RequestContext, id: number, body: { version: number; reason?: string | null }) {
  requirePermission(ctx, 'slip.reconcile');
  await db.transaction().execute(async (tx) => {
    const rec = await loadReconciliation(tx, ctx, id);
    if (rec.status !== 'open') throw slipError('RECON_CLOSED', { number: rec.number });
    if (rec.version !== body.version) throw staleVersion();
    // the reason given now, else the remarks saved with the figures (the page's 备注（如：短款原因）)
    const reason = body.reason || rec.remarks?.trim() || null;
    await refreshReconciliation(tx, ctx.companyId, id);
    const rows = await tx
      .selectFrom('driverReconciliationSlips as r')
      .innerJoin('salesSlips as s', 's.id', 'r.slipId')
      .where('r.reconciliationId', '=', id)
      .select(['r.id', 'r.slipId', 's.number', 's.customerId', 's.paymentTerm', 's.totalAmount', 's.returnedAmount', 'r.signedCopyReceived', 'r.cashExpected', 'r.cashReceived'])
      .orderBy('r.slipId')
      .execute();
    const now = isoNow();
    for (const r of rows) {
      const credit = !isCash(r.paymentTerm) && r.totalAmount - r.returnedAmount > 0;
      if (credit && r.signedCopyReceived !== 1) throw slipError('RECON_SIGNED_COPY_MISSING', { number: r.number });
      if (credit) await tx.updateTable('driverReconciliationSlips').set({ handedToFinanceAt: now }).where('id', '=', r.id).execute();
    }
    assertCashAccounted(rows, reason);
    const moved = await tx
      .updateTable('salesSlips')
      .set((eb) => ({ status: 'reconciled', updatedAt: now, version: eb('version', '+', 1) }))
      .where('companyId', '=', ctx.companyId)
      .where('reconciliationId', '=', id)
      .where('status', '=', 'delivered')
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== rows.length) throw staleVersion();
    const res = await tx
      .updateTable('driverReconciliations')
      .set({ status: 'settled', settledBy: ctx.userId, settledAt: now, updatedAt: now, version: body.version + 1, ...(body.reason ? { remarks: withReason(rec.remarks, body.reason) } : {}) })
      .where('id', '=', id)
      .where('version', '=', body.version)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
    // the cash is in finance's hands now: a cash receipt per customer (applied to the slips when they are posted)
    await recordDriverCash(tx, ctx, { number: rec.number, driverName: rec.driverName }, cashByCustomer(rows));
    const after = await loadReconciliation(tx, ctx, id);
    await writeAudit(tx, actorOf(ctx), {
      action: 'reconciliation.settle',
      entity: 'driver_reconciliation',
      entityId: id,
      before: { status: 'open' },
      after: { status: 'settled', cashExpected: after.cashExpected, cashReceived: after.cashReceived, cashDifference: after.cashDifference, reason },
    });
  });
  return getReconciliation(db, ctx, id);
}
