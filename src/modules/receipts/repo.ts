import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { prepared, type Params } from '../../db/prepared.ts';
import type { RequestContext } from '../../platform/permissions/context.ts';
import { ownerInScope } from '../../platform/permissions/scope.ts';
import { escapeLike } from '../../platform/pinyin.ts';
import type { ReceiptListQuery, ReceiptMethod, ReceiptStatus, StatementStatus, TargetType } from './schema.ts';

// The queries of receipts, allocations and statements. Every query filters by the caller's company;
// reads of a customer's documents add the data scope of the customer's owner (customers.owner_id).

/** The customer when it is in the caller's company and scope, else undefined (→ 404). */
export function customerInScope(db: Executor, ctx: RequestContext, customerId: number) {
  return db
    .selectFrom('customers')
    .where('customers.companyId', '=', ctx.companyId)
    .where('customers.id', '=', customerId)
    .where(ownerInScope(ctx, 'customers.owner_id'))
    .select(['customers.id', 'customers.name', 'customers.ownerId'])
    .executeTakeFirst();
}

function scopedReceipts(db: Executor, ctx: RequestContext) {
  return db
    .selectFrom('receipts')
    .innerJoin('customers', 'customers.id', 'receipts.customerId')
    .leftJoin('users as receiver', 'receiver.id', 'receipts.receivedBy')
    .leftJoin('users as creator', 'creator.id', 'receipts.createdBy')
    .leftJoin('users as voider', 'voider.id', 'receipts.voidedBy')
    .leftJoin('users as refunder', 'refunder.id', 'receipts.refundedBy')
    .leftJoin('holds', 'holds.id', 'receipts.holdId')
    .where('receipts.companyId', '=', ctx.companyId)
    .where(ownerInScope(ctx, 'customers.owner_id'));
}

const headColumns = [
  'receipts.id', 'receipts.number', 'receipts.status', 'receipts.customerId', 'customers.name as customerName', 'receipts.receiptDate',
  'receipts.method', 'receipts.amount', 'receipts.allocatedAmount', 'receipts.bankAccount', 'receipts.reference', 'receipts.receivedBy',
  'receiver.displayName as receivedByName', 'receipts.source', 'receipts.remarks', 'creator.displayName as createdByName', 'receipts.createdAt',
  'receipts.voidedAt', 'voider.displayName as voidedByName', 'receipts.voidReason', 'receipts.version', 'receipts.holdId', 'holds.number as holdNumber',
  'receipts.refundMethod', 'receipts.refundNote', 'receipts.refundedAt', 'refunder.displayName as refundedByName',
] as const;

const typed = <T extends { status: string; method: string; refundMethod: string | null; amount: number; allocatedAmount: number }>(r: T) => ({
  ...r,
  status: r.status as ReceiptStatus,
  method: r.method as ReceiptMethod,
  refundMethod: r.refundMethod as ReceiptMethod | null,
  unallocatedAmount: r.status === 'confirmed' ? r.amount - r.allocatedAmount : 0,
});

// The hot reads of allocation are compiled once (src/db/prepared.ts), per data-scope kind where the
// caller's scope applies: the scope condition is built from placeholders.
type ScopeArgs = { companyId: number; userId: number; dataScope: RequestContext['dataScope']; departmentPath: string | null };
const scopeArgs = (ctx: RequestContext): ScopeArgs => ({ companyId: ctx.companyId, userId: ctx.userId, dataScope: ctx.dataScope, departmentPath: ctx.departmentPath ?? null });
const scopeVariant = (a: ScopeArgs) => `${a.dataScope}${a.departmentPath ? '+path' : ''}`;
const scopeOfParams = (p: Params<ScopeArgs>, args: ScopeArgs) =>
  ({ ...args, companyId: p.companyId, userId: p.userId, departmentPath: args.departmentPath ? p.departmentPath : null }) as unknown as RequestContext;

const receiptByIdQuery = prepared(
  (db, p: Params<ScopeArgs & { id: number }>, args) => scopedReceipts(db, scopeOfParams(p, args)).where('receipts.id', '=', p.id).select(headColumns),
  scopeVariant,
);

export async function receiptById(db: Executor, ctx: RequestContext, id: number) {
  const row = (await receiptByIdQuery(db, { ...scopeArgs(ctx), id })).rows[0];
  return row && typed(row);
}
export type ReceiptRow = NonNullable<Awaited<ReturnType<typeof receiptById>>>;

export async function listReceipts(db: Executor, ctx: RequestContext, q: ReceiptListQuery) {
  let query = scopedReceipts(db, ctx);
  if (q.customerId) query = query.where('receipts.customerId', '=', q.customerId);
  if (q.status) query = query.where('receipts.status', '=', q.status);
  if (q.method) query = query.where('receipts.method', 'in', [q.method].flat());
  if (q.dateFrom) query = query.where('receipts.receiptDate', '>=', q.dateFrom);
  if (q.dateTo) query = query.where('receipts.receiptDate', '<=', q.dateTo);
  if (q.open === '1') query = query.where('receipts.status', '=', 'confirmed').whereRef('receipts.allocatedAmount', '<', 'receipts.amount');
  if (q.q) {
    const like = '%' + escapeLike(q.q.toLowerCase()) + '%';
    query = query.where(sql<boolean>`(lower(receipts.number) like ${like} escape '\\' or lower(customers.name) like ${like} escape '\\' or lower(coalesce(receipts.reference, '')) like ${like} escape '\\')`);
  }
  const totalRow = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await query
    .select(headColumns)
    .orderBy('receipts.receiptDate', 'desc')
    .orderBy('receipts.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items: items.map(typed), total: Number(totalRow.n) };
}

/** A receipt's allocations, the reversed ones included (they are never deleted), oldest first. */
export async function allocationsOf(db: Executor, companyId: number, where: { receiptId?: number; customerId?: number }) {
  const rows = (await allocationsQuery(db, { companyId, receiptId: where.receiptId ?? 0, customerId: where.customerId ?? 0 })).rows;
  return rows.map((r) => ({ ...r, targetType: r.targetType as TargetType }));
}

// compiled once per filter kind (receipt, customer, both)
const allocationsQuery = prepared(
  (db, p: Params<{ companyId: number; receiptId: number; customerId: number }>, args) => {
  let q = db
    .selectFrom('receiptAllocations')
    .innerJoin('receipts', 'receipts.id', 'receiptAllocations.receiptId')
    .leftJoin('salesSlips', (j) => j.onRef('salesSlips.id', '=', 'receiptAllocations.targetId').on('receiptAllocations.targetType', '=', 'sales_slip'))
    .leftJoin('invoices', (j) => j.onRef('invoices.id', '=', 'receiptAllocations.targetId').on('receiptAllocations.targetType', '=', 'invoice'))
    .leftJoin('users as allocator', 'allocator.id', 'receiptAllocations.allocatedBy')
    .leftJoin('users as reverser', 'reverser.id', 'receiptAllocations.reversedBy')
    .where('receiptAllocations.companyId', '=', p.companyId);
  if (args.receiptId) q = q.where('receiptAllocations.receiptId', '=', p.receiptId);
  if (args.customerId) q = q.where('receiptAllocations.customerId', '=', p.customerId);
  return q
    .select([
      'receiptAllocations.id', 'receiptAllocations.receiptId', 'receipts.number as receiptNumber', 'receiptAllocations.targetType', 'receiptAllocations.targetId',
      sql<string | null>`coalesce(sales_slips.number, invoices.number)`.as('targetNumber'), sql<string | null>`coalesce(sales_slips.business_date, invoices.business_date)`.as('targetDate'), 'receiptAllocations.amount', 'allocator.displayName as allocatedByName',
      'receiptAllocations.allocatedAt', 'receiptAllocations.reversedAt', 'reverser.displayName as reversedByName', 'receiptAllocations.reverseReason',
    ])
    .orderBy('receiptAllocations.id');
  },
  (args) => `${args.receiptId ? 'r' : ''}${args.customerId ? 'c' : ''}`,
);

export function allocationById(db: Executor, companyId: number, id: number) {
  return db.selectFrom('receiptAllocations').selectAll().where('companyId', '=', companyId).where('id', '=', id).executeTakeFirst();
}

/** The query of openSlips (its plan is tested: the customer's slips in date order, sales_slips_customer_date). */
export function openSlipsQuery(db: Executor, companyId: number, customerId: number, limit: number = 1000) {
  return db
    .selectFrom('salesSlips')
    .where('companyId', '=', companyId)
    .where('customerId', '=', customerId)
    .where('status', '=', 'posted')
    .where(sql<boolean>`received_amount < total_amount - returned_amount`)
    .select(['id', 'number', 'businessDate', 'totalAmount', 'returnedAmount', 'receivedAmount'])
    .orderBy('businessDate')
    .orderBy('id')
    .limit(limit);
}

/** The customer's posted slips with something still to receive, oldest first (the 核销 order). */
const openSlipsPrepared = prepared((db, p: Params<{ companyId: number; customerId: number; limit: number }>) => openSlipsQuery(db, p.companyId, p.customerId, p.limit));

/** `limit`: the oldest so many (auto-allocation reads a first page, then the rest only when it needs them). */
export async function openSlips(db: Executor, companyId: number, customerId: number, limit = 1000) {
  const rows = (await openSlipsPrepared(db, { companyId, customerId, limit })).rows;
  return rows.map((r) => ({
    targetType: 'sales_slip' as const,
    targetId: r.id,
    number: r.number ?? `#${r.id}`,
    date: r.businessDate,
    amount: r.totalAmount - r.returnedAmount,
    received: r.receivedAmount,
    remaining: r.totalAmount - r.returnedAmount - r.receivedAmount,
  }));
}

const postedSlipQuery = prepared((db, p: Params<{ companyId: number; customerId: number; slipId: number }>) =>
  db
    .selectFrom('salesSlips')
    .where('companyId', '=', p.companyId)
    .where('customerId', '=', p.customerId)
    .where('id', '=', p.slipId)
    .where('status', '=', 'posted')
    .select(['id', 'number', 'totalAmount', 'returnedAmount', 'receivedAmount']),
);

export async function postedSlipOf(db: Executor, companyId: number, customerId: number, slipId: number) {
  return (await postedSlipQuery(db, { companyId, customerId, slipId })).rows[0];
}

/** Receipts of the customer not yet fully applied: their sum is the advance credit 预收. */
export async function advanceCredit(db: Executor, companyId: number, customerId: number): Promise<number> {
  const row = await db
    .selectFrom('receipts')
    .where('companyId', '=', companyId)
    .where('customerId', '=', customerId)
    .where('status', '=', 'confirmed')
    .select(sql<number>`coalesce(sum(amount - allocated_amount), 0)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function activeMember(db: Executor, companyId: number, userId: number) {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.userId')
    .where('memberships.companyId', '=', companyId)
    .where('memberships.userId', '=', userId)
    .where('memberships.active', '=', 1)
    .where('users.active', '=', 1)
    .select(['users.id', 'users.displayName'])
    .executeTakeFirst();
}

export async function companyName(db: Executor, companyId: number): Promise<string> {
  const row = await db.selectFrom('companies').select(['name']).where('id', '=', companyId).executeTakeFirst();
  return row?.name ?? '';
}

// ── statements ──

/** Posted slips (gross) less their returns dated before a date — the slip-basis charges before a statement. */
export async function chargedBefore(db: Executor, companyId: number, customerId: number, date: string) {
  const [slips, returns] = await Promise.all([
    db.selectFrom('salesSlips').where('companyId', '=', companyId).where('customerId', '=', customerId).where('status', '=', 'posted').where('businessDate', '<', date)
      .select(sql<number>`coalesce(sum(total_amount), 0)`.as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('salesReturns').innerJoin('salesSlips', 'salesSlips.id', 'salesReturns.slipId')
      .where('salesReturns.companyId', '=', companyId).where('salesSlips.customerId', '=', customerId).where('salesSlips.status', '=', 'posted')
      .where('salesReturns.status', '!=', 'void').where('salesReturns.businessDate', '<', date)
      .select(sql<number>`coalesce(sum(sales_returns.total_amount), 0)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return Number(slips.n) - Number(returns.n);
}

/** Receipts in force dated before a date. */
export async function receivedBefore(db: Executor, companyId: number, customerId: number, date: string) {
  const row = await db.selectFrom('receipts').where('companyId', '=', companyId).where('customerId', '=', customerId).where('status', '=', 'confirmed').where('receiptDate', '<', date)
    .select(sql<number>`coalesce(sum(amount), 0)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The period's slip-basis charges of the customer: posted slips and their returns. */
export async function periodCharges(db: Executor, companyId: number, customerId: number, from: string, to: string) {
  const [slips, returns] = await Promise.all([
    db.selectFrom('salesSlips').where('companyId', '=', companyId).where('customerId', '=', customerId).where('status', '=', 'posted')
      .where('businessDate', '>=', from).where('businessDate', '<=', to)
      .select(['id', 'number', 'businessDate', 'totalAmount', 'totalQuantity']).orderBy('businessDate').orderBy('id').limit(20000).execute(),
    db.selectFrom('salesReturns').innerJoin('salesSlips', 'salesSlips.id', 'salesReturns.slipId')
      .where('salesReturns.companyId', '=', companyId).where('salesSlips.customerId', '=', customerId).where('salesSlips.status', '=', 'posted')
      .where('salesReturns.status', '!=', 'void').where('salesReturns.businessDate', '>=', from).where('salesReturns.businessDate', '<=', to)
      .select(['salesReturns.id', 'salesReturns.number', 'salesReturns.businessDate', 'salesReturns.totalAmount', 'salesReturns.reason', 'salesSlips.number as slipNumber'])
      .orderBy('salesReturns.businessDate').orderBy('salesReturns.id').limit(20000).execute(),
  ]);
  return { slips, returns };
}

/** The period's receipts in force. */
export function periodReceipts(db: Executor, companyId: number, customerId: number, from: string, to: string) {
  return db.selectFrom('receipts').where('companyId', '=', companyId).where('customerId', '=', customerId).where('status', '=', 'confirmed')
    .where('receiptDate', '>=', from).where('receiptDate', '<=', to)
    .select(['id', 'number', 'receiptDate', 'amount', 'method', 'reference']).orderBy('receiptDate').orderBy('id').limit(20000).execute();
}

function scopedStatements(db: Executor, ctx: RequestContext) {
  return db
    .selectFrom('customerStatements')
    .innerJoin('customers', 'customers.id', 'customerStatements.customerId')
    .leftJoin('users as creator', 'creator.id', 'customerStatements.createdBy')
    .leftJoin('users as confirmer', 'confirmer.id', 'customerStatements.confirmedBy')
    .where('customerStatements.companyId', '=', ctx.companyId)
    .where(ownerInScope(ctx, 'customers.owner_id'));
}

const statementColumns = [
  'customerStatements.id', 'customerStatements.number', 'customerStatements.status', 'customerStatements.customerId', 'customers.name as customerName',
  'customerStatements.periodFrom', 'customerStatements.periodTo', 'customerStatements.openingBalance', 'customerStatements.debitTotal',
  'customerStatements.creditTotal', 'customerStatements.closingBalance', 'customerStatements.confirmedDate', 'confirmer.displayName as confirmedByName',
  'customerStatements.confirmedAt', 'customerStatements.confirmationNote', 'creator.displayName as createdByName', 'customerStatements.createdAt',
  'customerStatements.version',
] as const;

/** A saved statement with its snapshot (the statement as sent, JSON; null when saved before snapshots were kept). */
export async function statementById(db: Executor, ctx: RequestContext, id: number) {
  const row = await scopedStatements(db, ctx).where('customerStatements.id', '=', id).select([...statementColumns, 'customerStatements.snapshot']).executeTakeFirst();
  return row && { ...row, status: row.status as StatementStatus };
}

export async function listStatements(db: Executor, ctx: RequestContext, q: { page: number; pageSize: number; customerId?: number | undefined }) {
  let query = scopedStatements(db, ctx);
  if (q.customerId) query = query.where('customerStatements.customerId', '=', q.customerId);
  const totalRow = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await query.select(statementColumns).orderBy('customerStatements.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return { items: items.map((r) => ({ ...r, status: r.status as StatementStatus })), total: Number(totalRow.n) };
}

/** What allocations in force have applied to each of these invoices (the invoices module keeps no such total). */
export async function allocatedToInvoices(db: Executor, companyId: number, invoiceIds: number[]): Promise<Map<number, number>> {
  if (!invoiceIds.length) return new Map();
  const rows = await db
    .selectFrom('receiptAllocations')
    .where('companyId', '=', companyId)
    .where('targetType', '=', 'invoice')
    .where('targetId', 'in', invoiceIds)
    .where('reversedAt', 'is', null)
    .groupBy('targetId')
    .select(['targetId', sql<number>`sum(amount)`.as('n')])
    .execute();
  return new Map(rows.map((r) => [r.targetId, Number(r.n)]));
}
