import type { Db, Executor, Tx } from '../../db/database.ts';
import { prepared, type Params } from '../../db/prepared.ts';
import { writeAudit, writeAuditMany, type AuditEntry } from '../../platform/audit/audit.ts';
import { notFound } from '../../platform/errors/app-error.ts';
import { formatYuan } from '../../platform/money.ts';
import { actorOf, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { isoNow } from '../../platform/time.ts';
import { sql } from 'kysely';
import { isPostgres } from '../../db/schema-helpers.ts';
import { readSettings } from '../admin/service.ts';
import { openInvoicesOf } from '../invoices/service.ts';
import { recordAllocation, recordAllocationReversed } from '../receivables/service.ts';
import { receiptError } from './errors.ts';
import * as repo from './repo.ts';
import { assertConfirmedReceipt } from './deposits.ts';
import type { AllocateBody, OpenItem, ReceiptStatus, TargetType } from './schema.ts';
import { loadReceipt, receiptDetail } from './service.ts';

// 核销: a receipt applied to the customer's posted slips. What is applied is kept twice — per
// allocation row, and as running totals on both sides (receipts.allocated_amount,
// sales_slips.received_amount). Each total only moves by a conditional update
// ("… set allocated = allocated + x where allocated + x <= amount"): on PostgreSQL the second of two
// concurrent clerks waits on the row lock and re-checks the condition against the first one's
// result; on SQLite writers are serialised. So neither side can be taken beyond its amount.
// What is not applied stays on the receipt as the customer's advance credit 预收, applied later.

async function basisOf(db: Executor, companyId: number) {
  return (await readSettings(db, companyId)).settings.receivables.basis;
}

function assertBasis(basis: 'slip' | 'invoice', targetType: TargetType) {
  const wanted: TargetType = basis === 'invoice' ? 'invoice' : 'sales_slip';
  if (targetType !== wanted) {
    throw receiptError('RECEIPT_WRONG_BASIS', {
      basis: basis === 'invoice' ? '发票' : '销货清单', basisEn: basis === 'invoice' ? 'invoices' : 'sales slips',
      target: targetType === 'invoice' ? '发票' : '销货清单', targetEn: targetType === 'invoice' ? 'invoices' : 'sales slips',
    });
  }
}

/** The customer's documents still owed (oldest first) and their advance credit. */
export async function openItems(db: Db, ctx: RequestContext, receiptId: number) {
  requirePermission(ctx, 'receipt.read');
  const r = await loadReceipt(db, ctx, receiptId);
  const basis = await basisOf(db, ctx.companyId);
  const items = await openTargets(db, ctx.companyId, basis, r.customerId);
  return { basis, items, advanceCredit: await repo.advanceCredit(db, ctx.companyId, r.customerId) };
}

/**
 * The customer's open documents on the company's basis, oldest first: posted slips (their received
 * total kept on the slip), or invoices from the invoices module's door with what allocations in
 * force have applied to each.
 */
async function openTargets(db: Executor, companyId: number, basis: 'slip' | 'invoice', customerId: number, slipLimit = OPEN_SLIPS): Promise<OpenItem[]> {
  if (basis === 'slip') return repo.openSlips(db, companyId, customerId, slipLimit);
  const invoices = await openInvoicesOf(db, companyId, customerId);
  const applied = await repo.allocatedToInvoices(db, companyId, invoices.map((i) => i.id));
  return invoices
    .map((i) => {
      const received = applied.get(i.id) ?? 0;
      return { targetType: 'invoice' as const, targetId: i.id, number: i.number, date: i.date, amount: i.totalAmount, received, remaining: i.totalAmount - received };
    })
    .filter((i) => i.remaining > 0);
}

/** Open slips one auto-allocation considers (the oldest), and the first page of them it reads. */
const OPEN_SLIPS = 1000;
const FIRST_PAGE = 16;

const INVOICE_LOCK = 0x52435054; // 'RCPT': the advisory-lock namespace of allocations to invoices

const CUSTOMER_LOCK = 0x52435055; // allocation work of one customer

/**
 * On PostgreSQL, allocation work on one customer's receipts and documents (allocate, auto-allocate,
 * reverse, void) takes this transaction lock first: the conditional updates already keep the totals
 * right, and one order of locking means two clerks touching the same slips in different orders
 * queue instead of deadlocking. SQLite runs one writer at a time.
 */
export async function lockCustomerAllocations(tx: Tx, customerId: number) {
  if (isPostgres(tx)) await sql`select pg_advisory_xact_lock(${CUSTOMER_LOCK}::int, ${customerId}::int)`.execute(tx);
}

// the writes of one piece, compiled once (src/db/prepared.ts): allocation's hot path
const addToReceipt = prepared((db, p: Params<{ id: number; companyId: number; amount: number; now: string }>) =>
  db
    .updateTable('receipts')
    .set((eb) => ({ allocatedAmount: eb('allocatedAmount', '+', p.amount), updatedAt: p.now, version: eb('version', '+', 1) }))
    .where('id', '=', p.id)
    .where('companyId', '=', p.companyId)
    .where('status', '=', 'confirmed')
    .where((eb) => eb(eb('allocatedAmount', '+', p.amount), '<=', eb.ref('amount'))),
);
const addToSlip = prepared((db, p: Params<{ id: number; companyId: number; amount: number }>) =>
  db
    .updateTable('salesSlips')
    .set((eb) => ({ receivedAmount: eb('receivedAmount', '+', p.amount) }))
    .where('id', '=', p.id)
    .where('companyId', '=', p.companyId)
    .where('status', '=', 'posted')
    .where((eb) => eb(eb('receivedAmount', '+', p.amount), '<=', eb(eb.ref('totalAmount'), '-', eb.ref('returnedAmount')))),
);
type AllocationRow = { companyId: number; receiptId: number; customerId: number; targetType: string; targetId: number; amount: number; allocatedBy: number; allocatedAt: string };
const insertAllocation = prepared((db, p: Params<{ row: AllocationRow }>) => db.insertInto('receiptAllocations').values(p.row as AllocationRow).returning('id'));

type Piece = { targetType: TargetType; targetId: number; amount: number; path?: string };

/**
 * Applies one piece inside the caller's transaction: both totals by conditional update, then the row.
 * Its audit entry is written at once, or added to `audits` when the caller writes a receipt's pieces
 * together (writeAuditMany, before its transaction ends).
 */
export async function applyPiece(tx: Tx, ctx: RequestContext, receipt: { id: number; number: string; customerId: number }, p: Piece, audits?: AuditEntry[]) {
  const fields = p.path ? [{ path: p.path, message: '超出可核销金额' }] : [];
  const unknown = () => receiptError('RECEIPT_TARGET_UNKNOWN', {}, p.path ? [{ path: p.path.replace(/amount$/, 'targetId'), message: '该客户没有这张未收清的单据' }] : []);
  let targetNumber: string;
  if (p.targetType === 'invoice') {
    // no total column on invoices: allocations to one invoice are serialised by a transaction lock
    // on PostgreSQL (SQLite has one writer), then checked against the sum of those in force
    if (isPostgres(tx)) await sql`select pg_advisory_xact_lock(${INVOICE_LOCK}::int, ${p.targetId}::int)`.execute(tx);
    const open = (await openTargets(tx, ctx.companyId, 'invoice', receipt.customerId)).find((i) => i.targetId === p.targetId);
    const invoice = open ?? (await openInvoicesOf(tx, ctx.companyId, receipt.customerId)).find((i) => i.id === p.targetId);
    if (!invoice) throw unknown();
    targetNumber = open?.number ?? invoice.number;
    const remaining = open?.remaining ?? 0;
    if (p.amount > remaining) throw receiptError('RECEIPT_TARGET_OVER', { number: targetNumber, remaining: formatYuan(remaining), amount: formatYuan(p.amount) }, fields);
  } else {
    const slip = await repo.postedSlipOf(tx, ctx.companyId, receipt.customerId, p.targetId);
    if (!slip) throw unknown();
    targetNumber = slip.number ?? `#${slip.id}`;
  }
  const onReceipt = await addToReceipt(tx, { id: receipt.id, companyId: ctx.companyId, amount: p.amount, now: isoNow() });
  if (Number(onReceipt.numAffectedRows) !== 1) {
    const now = await tx.selectFrom('receipts').select(['status', 'amount', 'allocatedAmount']).where('id', '=', receipt.id).executeTakeFirstOrThrow();
    assertConfirmedReceipt({ number: receipt.number, status: now.status as ReceiptStatus });
    throw receiptError('RECEIPT_OVER_ALLOCATED', { number: receipt.number, remaining: formatYuan(now.amount - now.allocatedAmount), amount: formatYuan(p.amount) }, fields);
  }
  if (p.targetType === 'sales_slip') await takeFromSlip(tx, ctx, p, targetNumber, fields);
  const row = (await insertAllocation(tx, { row: { companyId: ctx.companyId, receiptId: receipt.id, customerId: receipt.customerId, targetType: p.targetType, targetId: p.targetId, amount: p.amount, allocatedBy: ctx.userId, allocatedAt: isoNow() } })).rows[0]!;
  await recordAllocation(tx, ctx.companyId, row.id);
  const audit: AuditEntry = { action: 'receipt.allocate', entity: 'receipt', entityId: receipt.id, after: { allocationId: row.id, targetType: p.targetType, targetId: p.targetId, targetNumber, amount: p.amount } };
  if (audits) audits.push(audit);
  else await writeAudit(tx, actorOf(ctx), audit);
}

async function takeFromSlip(tx: Tx, ctx: RequestContext, p: Piece, targetNumber: string, fields: { path: string; message: string }[]) {
  const onSlip = await addToSlip(tx, { id: p.targetId, companyId: ctx.companyId, amount: p.amount });
  if (Number(onSlip.numAffectedRows) !== 1) {
    const now = await tx.selectFrom('salesSlips').select(['totalAmount', 'returnedAmount', 'receivedAmount']).where('id', '=', p.targetId).executeTakeFirstOrThrow();
    const remaining = now.totalAmount - now.returnedAmount - now.receivedAmount;
    throw receiptError('RECEIPT_TARGET_OVER', { number: targetNumber, remaining: formatYuan(remaining), amount: formatYuan(p.amount) }, fields);
  }
}

/** 手工核销: the amounts the user picked, all or none. */
export async function allocate(db: Db, ctx: RequestContext, receiptId: number, body: AllocateBody) {
  requirePermission(ctx, 'receipt.allocate');
  await db.transaction().execute(async (tx) => {
    const r = await loadReceipt(tx, ctx, receiptId);
    await lockCustomerAllocations(tx, r.customerId);
    assertConfirmedReceipt(r);
    const basis = await basisOf(tx, ctx.companyId);
    const audits: AuditEntry[] = [];
    for (const [i, a] of body.allocations.entries()) {
      assertBasis(basis, a.targetType);
      await applyPiece(tx, ctx, r, { ...a, path: `allocations.${i}.amount` }, audits);
    }
    await writeAuditMany(tx, actorOf(ctx), audits);
  });
  return receiptDetail(db, ctx, receiptId);
}

/** 自动核销: what is left on the receipt goes to the customer's oldest open documents first. */
export async function autoAllocate(db: Db, ctx: RequestContext, receiptId: number) {
  requirePermission(ctx, 'receipt.allocate');
  await db.transaction().execute(async (tx) => {
    const first = await loadReceipt(tx, ctx, receiptId);
    await lockCustomerAllocations(tx, first.customerId);
    // on PostgreSQL read again after the lock: what others applied meanwhile (SQLite: one writer, no lock, same read)
    const r = isPostgres(tx) ? await loadReceipt(tx, ctx, receiptId) : first;
    assertConfirmedReceipt(r);
    const basis = await basisOf(tx, ctx.companyId);
    let left = r.amount - r.allocatedAmount;
    // slips are read a page at a time (a receipt mostly pays one or two): the first FIRST_PAGE oldest;
    // when all of them were paid in full and money is left, the next oldest — those still open are
    // exactly the rest of the oldest OPEN_SLIPS, the same slips one read of OPEN_SLIPS would give
    let limit = basis === 'slip' ? FIRST_PAGE : OPEN_SLIPS;
    let open = await openTargets(tx, ctx.companyId, basis, r.customerId, limit);
    if (left <= 0 || !open.length) throw receiptError('RECEIPT_NOTHING_TO_ALLOCATE', { number: r.number });
    const audits: AuditEntry[] = [];
    let considered = 0;
    for (;;) {
      for (const item of open) {
        if (left <= 0) break;
        const amount = Math.min(left, item.remaining);
        await applyPiece(tx, ctx, r, { targetType: item.targetType, targetId: item.targetId, amount }, audits);
        left -= amount;
      }
      considered += open.length;
      if (basis !== 'slip' || left <= 0 || open.length < limit || considered >= OPEN_SLIPS) break;
      limit = OPEN_SLIPS - considered;
      open = await openTargets(tx, ctx.companyId, basis, r.customerId, limit);
    }
    await writeAuditMany(tx, actorOf(ctx), audits);
  });
  return receiptDetail(db, ctx, receiptId);
}

/** Takes one allocation back inside the caller's transaction: the row is marked, both totals drop. */
export async function reverseOne(tx: Tx, ctx: RequestContext, allocationId: number, reason: string) {
  const now = isoNow();
  const a = await repo.allocationById(tx, ctx.companyId, allocationId);
  if (!a) throw notFound();
  const res = await tx
    .updateTable('receiptAllocations')
    .set({ reversedAt: now, reversedBy: ctx.userId, reverseReason: reason })
    .where('id', '=', allocationId)
    .where('companyId', '=', ctx.companyId)
    .where('reversedAt', 'is', null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw receiptError('ALLOCATION_REVERSED', { at: a.reversedAt ?? '' });
  await tx.updateTable('receipts').set((eb) => ({ allocatedAmount: eb('allocatedAmount', '-', a.amount), updatedAt: now, version: eb('version', '+', 1) })).where('id', '=', a.receiptId).where('companyId', '=', ctx.companyId).execute();
  if (a.targetType === 'sales_slip') {
    await tx.updateTable('salesSlips').set((eb) => ({ receivedAmount: eb('receivedAmount', '-', a.amount) })).where('id', '=', a.targetId).where('companyId', '=', ctx.companyId).execute();
  }
  await recordAllocationReversed(tx, ctx.companyId, allocationId);
  await writeAudit(tx, actorOf(ctx), { action: 'receipt.unallocate', entity: 'receipt', entityId: a.receiptId, before: { allocationId, targetType: a.targetType, targetId: a.targetId, amount: a.amount }, after: { reversed: true, reason } });
  return a;
}

/**
 * A red-letter invoice took an invoice below what receipts had applied to it: the excess comes back
 * in the red-letter invoice's transaction. Allocations in force on the invoice are reversed newest
 * first (recorded, the red-letter number in the reason) until what remains fits its open amount;
 * when the last one reversed was only partly in excess, the part that still fits is applied again
 * from the same receipt (a new allocation row, so nothing is edited). The money taken back stays on
 * the receipts as the customer's advance credit 预收. Called by the invoices module (no permission of
 * its own: it is a consequence of the red-letter invoice the caller was allowed to issue).
 */
export async function takeBackInvoiceExcess(tx: Tx, ctx: RequestContext, invoice: { id: number; customerId: number; openAmount: number }, redNumber: string) {
  await lockCustomerAllocations(tx, invoice.customerId);
  if (isPostgres(tx)) await sql`select pg_advisory_xact_lock(${INVOICE_LOCK}::int, ${invoice.id}::int)`.execute(tx);
  const active = await tx
    .selectFrom('receiptAllocations')
    .select(['id', 'receiptId', 'amount'])
    .where('companyId', '=', ctx.companyId)
    .where('targetType', '=', 'invoice')
    .where('targetId', '=', invoice.id)
    .where('reversedAt', 'is', null)
    .orderBy('id', 'desc')
    .execute();
  const open = Math.max(0, invoice.openAmount);
  let inForce = active.reduce((n, a) => n + a.amount, 0);
  const reason = `红字发票 ${redNumber} 冲减发票金额，超出部分退回预收`;
  for (const a of active) {
    if (inForce <= open) break;
    await reverseOne(tx, ctx, a.id, reason);
    inForce -= a.amount;
    if (inForce < open) {
      const r = await tx.selectFrom('receipts').select(['id', 'number', 'customerId']).where('id', '=', a.receiptId).where('companyId', '=', ctx.companyId).executeTakeFirstOrThrow();
      await applyPiece(tx, ctx, r, { targetType: 'invoice', targetId: invoice.id, amount: open - inForce });
      inForce = open;
    }
  }
}

/** 撤销核销: recorded on the allocation (who, when, why), never deleted; the amount is credit again. */
export async function reverseAllocation(db: Db, ctx: RequestContext, allocationId: number, body: { reason: string }) {
  requirePermission(ctx, 'receipt.allocate');
  const receiptId = await db.transaction().execute(async (tx) => {
    const a = await repo.allocationById(tx, ctx.companyId, allocationId);
    if (!a) throw notFound();
    const r = await loadReceipt(tx, ctx, a.receiptId); // scope: 404 outside it
    await lockCustomerAllocations(tx, r.customerId);
    await reverseOne(tx, ctx, allocationId, body.reason);
    return a.receiptId;
  });
  return receiptDetail(db, ctx, receiptId);
}
