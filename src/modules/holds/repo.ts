import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor, Tx } from '../../db/database.ts';
import type { DB } from '../../db/types.ts';
import { isPostgres } from '../../db/schema-helpers.ts';
import { staleVersion } from '../../platform/errors/app-error.ts';
import { ownerInScope } from '../../platform/permissions/scope.ts';
import type { RequestContext } from '../../platform/permissions/context.ts';
import { isoNow } from '../../platform/time.ts';
import type { HoldListQuery } from './schema.ts';

// Holds 留货: the only place that touches the holds tables. Every read filters by company and, for a
// user, by the data scope of the hold's rep (owner_id).

export const insertHold = async (tx: Tx, row: Insertable<DB['holds']>) => (await tx.insertInto('holds').values(row).returning('id').executeTakeFirstOrThrow()).id;

const listed = (db: Executor, companyId: number) =>
  db
    .selectFrom('holds as h')
    .innerJoin('products as p', 'p.id', 'h.productId')
    .innerJoin('warehouses as w', 'w.id', 'h.warehouseId')
    .leftJoin('users as owner', 'owner.id', 'h.ownerId')
    .leftJoin('salesOrders as so', 'so.id', 'h.orderId')
    .where('h.companyId', '=', companyId)
    .select([
      'h.id', 'h.number', 'h.status', 'h.customerId', 'h.customerName', 'h.holderName', 'h.holderPhone', 'h.productId', 'p.code as productCode', 'p.name as productName',
      'p.spec', 'p.unit', 'p.packUnit', 'p.packSize', 'h.warehouseId', 'w.name as warehouseName', 'h.quantity', 'h.listPrice', 'h.agreedPrice', 'h.deposit', 'h.firmDeposit', 'h.expiresAt', 'h.signBy',
      'h.ownerId', 'owner.displayName as ownerName', 'h.orderId', 'so.number as orderNumber', 'h.createdAt',
      (eb) => eb.selectFrom('holdRequests as r').select((e) => e.fn.countAll<number>().as('n')).whereRef('r.holdId', '=', 'h.id').where('r.status', '=', 'pending').as('pendingRequests'),
    ]);

export async function listHolds(db: Executor, ctx: RequestContext, q: HoldListQuery) {
  let base = db.selectFrom('holds as h').where('h.companyId', '=', ctx.companyId).where(ownerInScope(ctx, 'h.owner_id'));
  let rows = listed(db, ctx.companyId).where(ownerInScope(ctx, 'h.owner_id'));
  const filters: ((b: typeof base) => typeof base)[] = [];
  if (q.status) filters.push((b) => b.where('h.status', '=', q.status!));
  if (q.customerId) filters.push((b) => b.where('h.customerId', '=', q.customerId!));
  // waiting for a manager: a pending request on a hold that still keeps its stock
  if (q.pending) filters.push((b) => b.where('h.status', 'in', ['held', 'firm']).where(sql<boolean>`exists (select 1 from hold_requests r where r.hold_id = h.id and r.status = 'pending')`));
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filters.push((b) => b.where((eb) => eb.or([eb('h.number', 'like', like), eb('h.customerName', 'like', like), eb('h.holderName', 'like', like), eb('h.holderPhone', 'like', like)])));
  }
  for (const f of filters) {
    base = f(base);
    rows = f(rows as unknown as typeof base) as unknown as typeof rows;
  }
  const [{ total }] = await base.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const items = await rows.orderBy('h.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return { items: items.map((r) => ({ ...r, pendingRequests: Number(r.pendingRequests ?? 0) })), total: Number(total) };
}

/** One hold in the user's scope, with the names around it (undefined when not visible). */
export async function holdRow(db: Executor, ctx: RequestContext, id: number) {
  const row = await listed(db, ctx.companyId)
    .leftJoin('users as recv', 'recv.id', 'h.depositReceivedBy')
    .leftJoin('users as firmer', 'firmer.id', 'h.firmBy')
    .leftJoin('users as ender', 'ender.id', 'h.endedBy')
    .leftJoin('users as maker', 'maker.id', 'h.createdBy')
    .leftJoin('users as voider', 'voider.id', 'h.voidedBy')
    .select([
      'h.depositReceivedBy', 'recv.displayName as depositReceivedByName', 'h.agreementNo', 'h.firmAt', 'firmer.displayName as firmByName', 'h.endedAt',
      'ender.displayName as endedByName', 'h.endReason', 'h.depositOutcome', 'h.remarks', 'h.createdBy', 'maker.displayName as createdByName', 'h.version',
      'h.voidedAt', 'voider.displayName as voidedByName', 'h.voidReason', 'so.status as orderStatus', 'h.printCount',
    ])
    .where('h.id', '=', id)
    .where(ownerInScope(ctx, 'h.owner_id'))
    .executeTakeFirst();
  return row ? { ...row, pendingRequests: Number(row.pendingRequests ?? 0) } : undefined;
}
export type HoldRow = NonNullable<Awaited<ReturnType<typeof holdRow>>>;

export const requestsOf = (db: Executor, holdId: number) =>
  db
    .selectFrom('holdRequests as r')
    .leftJoin('users as rq', 'rq.id', 'r.requestedBy')
    .leftJoin('users as dc', 'dc.id', 'r.decidedBy')
    .select(['r.id', 'r.kind', 'r.status', 'r.unitPrice', 'r.signBy', 'r.reason', 'r.requestedBy', 'rq.displayName as requestedByName', 'r.requestedAt', 'r.decidedBy', 'dc.displayName as decidedByName', 'r.decidedAt', 'r.decisionNote'])
    .where('r.holdId', '=', holdId)
    .orderBy('r.id')
    .execute();

export const requestRow = (db: Executor, companyId: number, id: number) =>
  db.selectFrom('holdRequests').selectAll().where('companyId', '=', companyId).where('id', '=', id).executeTakeFirst();

export const insertRequest = (tx: Tx, row: Insertable<DB['holdRequests']>) => tx.insertInto('holdRequests').values(row).execute();

export async function decideRequest(tx: Tx, id: number, set: Updateable<DB['holdRequests']>): Promise<boolean> {
  const r = await tx.updateTable('holdRequests').set(set).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Serializes hold-taking for one customer: on PostgreSQL the customer's row is locked for the
 * transaction, so two holds entered at once cannot both pass the once-only check (SQLite's write
 * transactions already run one at a time).
 */
export async function lockCustomerForHold(tx: Tx, companyId: number, customerId: number): Promise<void> {
  if (isPostgres(tx)) await tx.selectFrom('customers').select('id').where('companyId', '=', companyId).where('id', '=', customerId).forUpdate().execute();
}

const HOLDER_PHONE_LOCK = 0x484c4450; // 'HLDP': the advisory-lock namespace of hold-taking by holder phone

/**
 * The same for one holder phone across customers (a friend's customer holding for them): taken after
 * the customer's lock, always in that order, so two hold-takings never wait on each other in a circle.
 */
export async function lockHolderPhone(tx: Tx, phone: string): Promise<void> {
  if (isPostgres(tx)) await sql`select pg_advisory_xact_lock(${HOLDER_PHONE_LOCK}::int, hashtext(${phone}))`.execute(tx);
}

/** The latest hold (not void) of this customer, or of this holder's phone, on the product: the once-only rule. */
export const earlierHold = (db: Executor, companyId: number, productId: number, by: { customerId: number } | { holderPhone: string }) =>
  db
    .selectFrom('holds')
    .select(['id', 'number', 'status', 'customerName', 'holderName', 'orderId'])
    .where('companyId', '=', companyId)
    .where('productId', '=', productId)
    .where('status', '!=', 'void')
    .where((eb) => ('customerId' in by ? eb('customerId', '=', by.customerId) : eb('holderPhone', '=', by.holderPhone)))
    .orderBy('id', 'desc')
    .limit(5)
    .execute();

/** Counts one print of the hold's form; the count is taken by the update itself (two at once get 1 and 2). */
export async function countPrint(tx: Tx, companyId: number, id: number): Promise<number> {
  const row = await tx.updateTable('holds').set((eb) => ({ printCount: eb('printCount', '+', 1) })).where('id', '=', id).where('companyId', '=', companyId).returning('printCount').executeTakeFirstOrThrow();
  return row.printCount;
}

/** Writes a change to a hold made against `version` (409 when someone changed it since). */
export async function updateHold(tx: Tx, hold: { id: number; version: number }, set: Updateable<DB['holds']>): Promise<void> {
  const r = await tx
    .updateTable('holds')
    .set({ ...set, updatedAt: isoNow(), version: hold.version + 1 })
    .where('id', '=', hold.id)
    .where('version', '=', hold.version)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw staleVersion();
}

/** The hold an order names, as the order entry checks it (company only: the order checks its own scope). */
export const holdForOrder = (db: Executor, companyId: number, id: number) =>
  db
    .selectFrom('holds as h')
    .leftJoin('salesOrders as so', 'so.id', 'h.orderId')
    .select(['h.id', 'h.number', 'h.status', 'h.version', 'h.customerId', 'h.productId', 'h.warehouseId', 'h.quantity', 'h.listPrice', 'h.agreedPrice', 'h.deposit', 'h.firmDeposit', 'h.depositReceivedBy', 'h.orderId', 'so.number as orderNumber', 'so.status as orderStatus'])
    .where('h.companyId', '=', companyId)
    .where('h.id', '=', id)
    .executeTakeFirst();

/** 订金 holds past their deadline with no live order made from them, oldest first. */
export const expiredHolds = (db: Executor, nowIso: string, limit: number) =>
  db
    .selectFrom('holds as h')
    .leftJoin('salesOrders as so', 'so.id', 'h.orderId')
    .select(['h.id', 'h.companyId', 'h.number', 'h.version', 'h.status', 'h.customerName', 'h.ownerId', 'h.createdBy'])
    .where('h.status', '=', 'held')
    .where('h.expiresAt', '<', nowIso)
    .where((eb) => eb.or([eb('h.orderId', 'is', null), eb('so.status', 'in', ['void', 'discarded'])]))
    .orderBy('h.expiresAt')
    .limit(limit)
    .execute();
