import type { Executor, Tx } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { voidFields } from '../../platform/documents/status.ts';
import { staleVersion } from '../../platform/errors/app-error.ts';
import { nextNumber } from '../../platform/numbering/numbering.ts';
import { actorOf, type RequestContext } from '../../platform/permissions/context.ts';
import { businessDate, isoNow } from '../../platform/time.ts';
import { readSettings } from '../admin/service.ts';
import { applyPiece, lockCustomerAllocations } from './allocation.ts';
import { receiptError } from './errors.ts';
import type { ReceiptMethod, ReceiptStatus } from './schema.ts';

// A hold's deposits 订金/定金 as receipts (seed 000: the deposit is handed to the sales assistant 行助
// with the order form, so finance holds it). Each deposit is a receipt when it is taken — numbered SK-,
// source the hold's LH- number, linked by hold_id — with status on_hold: money in hand, but not yet the
// customer's credit toward what they owe, so it is neither allocated nor counted in balances, statements
// or collections. The hold decides what it becomes (holds/service.ts, in its own transaction):
//   the order made from it is confirmed → confirmed: an ordinary receipt, applied to the order's slips
//     as they are posted (applyHoldDeposits), else the customer's advance credit 预收;
//   退订 released, or an expired hold settled → refund_due 待退款 (to be given back: finance pays the customer
//     back and records it, recordDepositRefund → refunded 已退还) or forfeited (the company keeps it);
//   the hold voided (entered wrong) → void.

export type HoldDeposit = { holdId: number; holdNumber: string; customerId: number; amount: number; method: ReceiptMethod; kind: '订金' | '定金' };

/** Records a deposit taken on a hold, received by the user taking it. */
export async function recordHoldDeposit(tx: Tx, ctx: RequestContext, d: HoldDeposit): Promise<void> {
  const date = businessDate();
  const now = isoNow();
  const number = await nextNumber(tx, ctx.companyId, 'receipt', date);
  const row = await tx
    .insertInto('receipts')
    .values({
      companyId: ctx.companyId, number, status: 'on_hold', customerId: d.customerId, receiptDate: date, method: d.method, amount: d.amount, allocatedAmount: 0,
      bankAccount: null, reference: null, receivedBy: ctx.userId, source: d.holdNumber, holdId: d.holdId, remarks: `留货${d.kind}（${d.holdNumber}）`,
      createdBy: ctx.userId, createdAt: now, updatedAt: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeAudit(tx, actorOf(ctx), { action: 'receipt.create', entity: 'receipt', entityId: row.id, after: { number, customerId: d.customerId, method: d.method, amount: d.amount, source: d.holdNumber, status: 'on_hold' } });
}

/** What the hold decided for its deposits: to the order, back to the customer, kept, or void with the hold. */
export type DepositEnd = 'confirmed' | 'refunded' | 'forfeited' | 'void';

/**
 * What the hold's deposit receipts become when the hold ends (see above); `reason` goes on a void and in
 * the audit. A refund leaves them 待退款 until finance records the money given back. Returns the receipts
 * it ended (the hold tells finance of the refunds due).
 */
export async function endHoldDeposits(tx: Tx, ctx: RequestContext, holdId: number, decided: DepositEnd, reason: string) {
  const receipts = await tx.selectFrom('receipts').select(['id', 'number', 'amount', 'version']).where('companyId', '=', ctx.companyId).where('holdId', '=', holdId).where('status', '=', 'on_hold').execute();
  const to: ReceiptStatus = decided === 'refunded' ? 'refund_due' : decided;
  const now = isoNow();
  for (const r of receipts) {
    const fields = to === 'void' ? { ...voidFields(actorOf(ctx), reason), updatedAt: now } : { status: to, updatedAt: now };
    await tx.updateTable('receipts').set({ ...fields, version: r.version + 1 }).where('id', '=', r.id).where('status', '=', 'on_hold').execute();
    await writeAudit(tx, actorOf(ctx), { action: `receipt.deposit_${to}`, entity: 'receipt', entityId: r.id, before: { status: 'on_hold' }, after: { status: to }, note: reason });
  }
  return receipts.map((r) => ({ id: r.id, number: r.number, amount: r.amount, status: to }));
}

/**
 * 退款: finance has given a deposit due back to the customer (cash over the counter, a transfer…) and records
 * how, with a note; the receipt becomes 已退还 with who recorded it and when. Once, and only a refund due.
 */
export async function recordDepositRefund(tx: Tx, ctx: RequestContext, receipt: { id: number; number: string; status: ReceiptStatus; version: number }, body: { method: ReceiptMethod; note?: string | null; version: number }) {
  if (receipt.status !== 'refund_due') throw receiptError('RECEIPT_NOT_REFUND_DUE', { number: receipt.number });
  const now = isoNow();
  const res = await tx
    .updateTable('receipts')
    .set({ status: 'refunded', refundMethod: body.method, refundNote: body.note ?? null, refundedAt: now, refundedBy: ctx.userId, updatedAt: now, version: body.version + 1 })
    .where('id', '=', receipt.id)
    .where('companyId', '=', ctx.companyId)
    .where('status', '=', 'refund_due')
    .where('version', '=', body.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
  await writeAudit(tx, actorOf(ctx), { action: 'receipt.refund', entity: 'receipt', entityId: receipt.id, before: { status: 'refund_due' }, after: { status: 'refunded', refundMethod: body.method }, note: body.note ?? null });
}

/**
 * At posting (slips/posting.ts): the confirmed deposits of the hold the slip's order was made from are
 * applied to the slip, oldest first, up to what is still owed on it — the deposit went to the goods
 * (转作货款). Nothing on the invoice basis (receipts go to invoices there, by the clerk).
 */
export async function applyHoldDeposits(tx: Tx, ctx: RequestContext, slipId: number) {
  const slip = await tx
    .selectFrom('salesSlips as s')
    .innerJoin('salesOrders as o', 'o.id', 's.orderId')
    .where('s.id', '=', slipId)
    .where('s.companyId', '=', ctx.companyId)
    .where('o.holdId', 'is not', null)
    .select(['s.customerId', 's.totalAmount', 's.returnedAmount', 's.receivedAmount', 'o.holdId'])
    .executeTakeFirst();
  if (!slip || slip.customerId === null || slip.holdId === null) return;
  if ((await readSettings(tx, ctx.companyId)).settings.receivables.basis !== 'slip') return;
  await lockCustomerAllocations(tx, slip.customerId);
  const receipts = await tx
    .selectFrom('receipts')
    .select(['id', 'number', 'customerId', 'amount', 'allocatedAmount'])
    .where('companyId', '=', ctx.companyId)
    .where('holdId', '=', slip.holdId)
    .where('status', '=', 'confirmed')
    .orderBy('id')
    .execute();
  let owed = slip.totalAmount - slip.returnedAmount - slip.receivedAmount;
  for (const r of receipts) {
    const amount = Math.min(owed, r.amount - r.allocatedAmount);
    if (amount <= 0) continue;
    await applyPiece(tx, ctx, r, { targetType: 'sales_slip', targetId: slipId, amount });
    owed -= amount;
  }
}

/**
 * How much of each slip is already paid by the deposits of the hold its order was made from (not yet
 * applied), for the cash a driver is to bring back on a cash slip: the deposits go to the order's
 * slips in number order — the earlier slips not yet posted take theirs first — up to each slip's
 * amount net of returns. Slips of orders not made from a hold get nothing (absent from the map).
 */
export async function holdDepositCredit(db: Executor, companyId: number, slipIds: number[]): Promise<Map<number, number>> {
  const credit = new Map<number, number>();
  if (!slipIds.length) return credit;
  const wanted = new Set(slipIds);
  const orders = await db
    .selectFrom('salesSlips as s')
    .innerJoin('salesOrders as o', 'o.id', 's.orderId')
    .where('s.companyId', '=', companyId)
    .where('s.id', 'in', slipIds)
    .where('o.holdId', 'is not', null)
    .select(['o.id', 'o.holdId'])
    .distinct()
    .execute();
  for (const o of orders) {
    const [open, deposits] = await Promise.all([
      db.selectFrom('salesSlips').select(['id', 'totalAmount', 'returnedAmount']).where('companyId', '=', companyId).where('orderId', '=', o.id).where('status', 'not in', ['posted', 'void']).orderBy('id').execute(),
      db.selectFrom('receipts').select((eb) => eb.fn.coalesce(eb.fn.sum<number>(eb('amount', '-', eb.ref('allocatedAmount'))), eb.lit(0)).as('left')).where('companyId', '=', companyId).where('holdId', '=', o.holdId!).where('status', '=', 'confirmed').executeTakeFirstOrThrow(),
    ]);
    let left = Number(deposits.left);
    for (const slip of open) {
      const take = Math.max(0, Math.min(left, slip.totalAmount - slip.returnedAmount));
      left -= take;
      if (wanted.has(slip.id)) credit.set(slip.id, take);
    }
  }
  return credit;
}

/**
 * What a hold's deposits pay of a slip: once it is posted, what they were applied to it (in force);
 * before, what they will pay of it (holdDepositCredit). 0 for a slip of an order not made from a hold.
 */
export async function depositPaidOnSlip(db: Executor, companyId: number, slip: { id: number; status: string }): Promise<number> {
  if (slip.status !== 'posted') return (await holdDepositCredit(db, companyId, [slip.id])).get(slip.id) ?? 0;
  const row = await db
    .selectFrom('receiptAllocations as a')
    .innerJoin('receipts as r', 'r.id', 'a.receiptId')
    .where('a.companyId', '=', companyId)
    .where('a.targetType', '=', 'sales_slip')
    .where('a.targetId', '=', slip.id)
    .where('a.reversedAt', 'is', null)
    .where('r.holdId', 'is not', null)
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('a.amount'), eb.lit(0)).as('paid'))
    .executeTakeFirstOrThrow();
  return Number(row.paid);
}

/** The receipts of a hold's deposits, oldest first (shown on the hold). */
export async function holdDepositReceipts(db: Executor, companyId: number, holdId: number) {
  const rows = await db.selectFrom('receipts').select(['id', 'number', 'receiptDate', 'method', 'amount', 'status']).where('companyId', '=', companyId).where('holdId', '=', holdId).orderBy('id').execute();
  return rows.map((r) => ({ ...r, method: r.method as ReceiptMethod, status: r.status as ReceiptStatus }));
}

/** What a hold's ended deposit is, as the refusal to allocate or void it says it. */
const closedDeposit: Record<'refund_due' | 'refunded' | 'forfeited', { zh: string; en: string }> = {
  refund_due: { zh: '决定退还客户（待退款）', en: 'to be refunded' },
  refunded: { zh: '退还客户', en: 'refunded' },
  forfeited: { zh: '不予退还（归公司）', en: 'forfeited' },
};

/** Only a confirmed receipt is allocated or voided here; a hold's deposit is dealt with on its hold. */
export function assertConfirmedReceipt(r: { number: string; status: ReceiptStatus; holdNumber?: string | null }) {
  if (r.status === 'confirmed') return;
  if (r.status === 'void') throw receiptError('RECEIPT_VOID', { number: r.number });
  if (r.status === 'on_hold') throw receiptError('RECEIPT_HOLD_DEPOSIT', { number: r.number, hold: r.holdNumber ?? '' });
  const s = closedDeposit[r.status];
  throw receiptError('RECEIPT_DEPOSIT_CLOSED', { number: r.number, status: s.zh, statusEn: s.en });
}
