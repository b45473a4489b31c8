import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { prepared, type Params } from '../../db/prepared.ts';
import type { RequestContext } from '../../platform/permissions/context.ts';
import { ownerInScope } from '../../platform/permissions/scope.ts';
import { creditTerms } from './labels.ts';
import { openForCredit } from './machine.ts';

// The queries of the orders module. Every query filters by the caller's company; an order's data
// scope is its rep (owner_id). Reads of customers, users and warehouses are read-only joins.

const scopeOf = (ctx: RequestContext, column: string): Expression<SqlBool> => (ctx.dataScope === 'company' ? sql<SqlBool>`1 = 1` : ownerInScope(ctx, column));

// Hot-path reads are compiled once per data-scope kind (src/db/prepared.ts): the scope condition is
// built from placeholders standing for the caller's company, user and department path.
type ScopeArgs = { companyId: number; userId: number; dataScope: RequestContext['dataScope']; departmentPath: string | null };
const scopeArgs = (ctx: RequestContext): ScopeArgs => ({ companyId: ctx.companyId, userId: ctx.userId, dataScope: ctx.dataScope, departmentPath: ctx.departmentPath ?? null });
const scopeOfParams = (p: Params<ScopeArgs>, args: ScopeArgs) =>
  ({ ...args, companyId: p.companyId, userId: p.userId, departmentPath: args.departmentPath ? p.departmentPath : null }) as unknown as RequestContext;
const scopeVariant = (args: ScopeArgs) => `${args.dataScope}${args.departmentPath ? '+path' : ''}`;

const customerForOrderQuery = prepared(
  (db, p: Params<ScopeArgs & { id: number; warehouseId: number }>, args) => {
    const scope = scopeOfParams(p, args);
    return db
      .selectFrom('customers')
      .leftJoin('users as owner', 'owner.id', 'customers.ownerId')
      .leftJoin('memberships as om', (j) => j.onRef('om.userId', '=', 'customers.ownerId').on('om.companyId', '=', p.companyId))
      .leftJoin('customerCredit as cc', (j) => j.onRef('cc.customerId', '=', 'customers.id').on('cc.companyId', '=', p.companyId))
      .select([
        'customers.id', 'customers.name', 'customers.ownerId', 'owner.displayName as ownerName', 'customers.classification',
        // the rep, checked as ownerCandidate would (in scope with the customer): no second read when the order keeps the customer's rep
        'owner.active as ownerUserActive', 'om.active as ownerMemberActive',
        'customers.primaryContact', 'customers.primaryPhone', 'customers.address',
        (eb) => eb.selectFrom('customerAddresses as a').select(sql<string>`a.address`.as('address')).whereRef('a.customerId', '=', 'customers.id').orderBy('a.isDefault', 'desc').orderBy('a.id').limit(1).as('defaultAddress'),
        // the credit profile and the (active) warehouse of the order come with it: one read on the hot path
        'cc.customerId as creditCustomerId', 'cc.creditLimit', 'cc.paymentTerms',
        (eb) => eb.selectFrom('warehouses as w').select('w.name').where('w.id', '=', p.warehouseId).where('w.companyId', '=', p.companyId).where('w.active', '=', 1).as('warehouseName'),
      ])
      .where('customers.companyId', '=', p.companyId)
      .where('customers.id', '=', p.id)
      .where(scopeOf(scope, 'customers.owner_id'));
  },
  scopeVariant,
);

/**
 * The customer an order is entered for, with what the order defaults from (contact, phone, default
 * address, owner, class); one narrow read on the hot path of order entry (the customers module's
 * getCustomer loads the whole file: contacts, tags, referrals). Pool customers only with company scope.
 */
export async function customerForOrder(db: Executor, ctx: RequestContext, id: number, warehouseId = 0) {
  return (await customerForOrderQuery(db, { ...scopeArgs(ctx), id, warehouseId })).rows[0];
}
export type CustomerForOrder = NonNullable<Awaited<ReturnType<typeof customerForOrder>>>;

export type CreditProfile = { creditLimit: number; paymentTerms: string };
export const creditOf = (db: Executor, companyId: number, customerId: number): Promise<CreditProfile | undefined> =>
  db.selectFrom('customerCredit').select(['creditLimit', 'paymentTerms', 'prepayRequired']).where('companyId', '=', companyId).where('customerId', '=', customerId).executeTakeFirst();

/**
 * What will become owed on credit: the customer's other credit-term orders from submit until the
 * customer confirms receipt, less what of each has been posted already (posted slips net of returns
 * are owed now — see accountBalance — and must not be counted twice).
 */
export async function openOrdersOnCredit(db: Executor, companyId: number, customerId: number, excludeOrderId: number): Promise<number> {
  const row = await db
    .selectFrom('salesOrders as o')
    .select(
      sql<number>`coalesce(sum(o.total_amount - coalesce((select sum(s.total_amount - s.returned_amount) from sales_slips s where s.order_id = o.id and s.company_id = o.company_id and s.status = 'posted'), 0)), 0)`.as('total'),
    )
    .where('o.companyId', '=', companyId)
    .where('o.customerId', '=', customerId)
    .where('o.status', 'in', [...openForCredit])
    .where('o.paymentTerm', 'in', [...creditTerms])
    .where('o.id', '!=', excludeOrderId)
    .executeTakeFirstOrThrow();
  return Math.max(0, Number(row.total));
}

/**
 * What the customer owes now, whatever the receivables basis: posted slips net of returns less every
 * confirmed receipt (money not yet allocated is the customer's advance and lowers it; the result is
 * negative when the customer has paid ahead). Invoicing does not change what is owed.
 */
export async function accountBalance(db: Executor, companyId: number, customerId: number): Promise<number> {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('salesSlips')
        .select(sql<number>`coalesce(sum(total_amount - returned_amount), 0)`.as('v'))
        .where('companyId', '=', companyId)
        .where('customerId', '=', customerId)
        .where('status', '=', 'posted')
        .as('charged'),
      eb
        .selectFrom('receipts')
        .select(sql<number>`coalesce(sum(amount), 0)`.as('v'))
        .where('companyId', '=', companyId)
        .where('customerId', '=', customerId)
        .where('status', '=', 'confirmed')
        .as('received'),
    ])
    .executeTakeFirstOrThrow();
  return Number(row.charged) - Number(row.received);
}

export const warehouseOf = (db: Executor, companyId: number, id: number) =>
  db.selectFrom('warehouses').select(['id', 'name', 'active']).where('companyId', '=', companyId).where('id', '=', id).executeTakeFirst();

/** An active member of the company inside ctx's scope (the rep an order may be given to). */
const ownerCandidateQuery = prepared(
  (db, p: Params<ScopeArgs & { memberId: number }>, args) =>
    db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.userId')
      .select(['users.id', 'users.displayName', 'memberships.active', 'users.active as userActive'])
      .where('memberships.companyId', '=', p.companyId)
      .where('memberships.userId', '=', p.memberId)
      .where(scopeOf(scopeOfParams(p, args), 'memberships.user_id')),
  scopeVariant,
);
export const ownerCandidate = async (db: Executor, ctx: RequestContext, userId: number) => (await ownerCandidateQuery(db, { ...scopeArgs(ctx), memberId: userId })).rows[0];

export const companyName = (db: Executor, id: number) => db.selectFrom('companies').select(['name']).where('id', '=', id).executeTakeFirst().then((r) => r?.name ?? String(id));

// ─── orders ───────────────────────────────────────────────────────────────────────────────

/** The data scope of orders: their rep (owner_id). */
export const orderScope = (ctx: RequestContext) => scopeOf(ctx, 'sales_orders.owner_id');

/** The order row visible to ctx (company and rep scope), or undefined. */
export const orderRow = (db: Executor, ctx: RequestContext, id: number) =>
  db.selectFrom('salesOrders').selectAll().where('companyId', '=', ctx.companyId).where('id', '=', id).where(scopeOf(ctx, 'sales_orders.owner_id')).executeTakeFirst();
export type OrderRow = NonNullable<Awaited<ReturnType<typeof orderRow>>>;

export const linesOf = (db: Executor, orderId: number) => db.selectFrom('salesOrderLines').selectAll().where('orderId', '=', orderId).orderBy('lineNo').execute();
export type OrderLineRow = Awaited<ReturnType<typeof linesOf>>[number];

/**
 * The packing of the products on an order's lines (1 箱 = 12 瓶), as the product file has it now: shown
 * beside a quantity (49 瓶 = 4 箱 1 瓶), never stored on a line; only products with a pack unit.
 */
export type Packs = Map<number, { packUnit: string; packSize: number }>;
export const packsOf = async (db: Executor, companyId: number, productIds: number[]): Promise<Packs> => {
  const ids = [...new Set(productIds)];
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('products').select(['id', 'packUnit', 'packSize'])
    .where('companyId', '=', companyId).where('id', 'in', ids).where('packUnit', 'is not', null).where('packSize', '>', 1)
    .execute();
  return new Map(rows.map((r) => [r.id, { packUnit: r.packUnit!, packSize: r.packSize! }]));
};

export const reviewsOf = (db: Executor, orderId: number) =>
  db
    .selectFrom('salesOrderReviews as r')
    .leftJoin('users', 'users.id', 'r.reviewerId')
    .select(['r.id', 'r.kind', 'r.decision', 'r.reason', 'r.reviewerId', 'users.displayName as reviewerName', 'r.createdAt'])
    .where('r.orderId', '=', orderId)
    .orderBy('r.id')
    .execute();

export const changesOf = (db: Executor, orderId: number) =>
  db
    .selectFrom('salesOrderChanges as c')
    .leftJoin('users as req', 'req.id', 'c.requestedBy')
    .leftJoin('users as app', 'app.id', 'c.approvedBy')
    .select(['c.id', 'c.number', 'c.reason', 'c.changes', 'c.requestedBy', 'req.displayName as requestedByName', 'c.approvedBy', 'app.displayName as approvedByName', 'c.createdAt'])
    .where('c.orderId', '=', orderId)
    .orderBy('c.id')
    .execute();

export const userNames = async (db: Executor, ids: (number | null)[]) => {
  const list = [...new Set(ids.filter((x): x is number => x != null))];
  if (!list.length) return new Map<number, string>();
  const rows = await db.selectFrom('users').select(['id', 'displayName']).where('id', 'in', list).execute();
  return new Map(rows.map((r) => [r.id, r.displayName]));
};

/** Shortfalls of a back-ordered order (its purchase requests). */
export const shortagesOf = (db: Executor, companyId: number, orderId: number) =>
  db
    .selectFrom('purchaseRequests as p')
    .innerJoin('products', 'products.id', 'p.productId')
    .select(['p.productId', 'products.name as productName', 'p.quantity'])
    .where('p.companyId', '=', companyId)
    .where('p.sourceType', '=', 'sales_order')
    .where('p.sourceId', '=', orderId)
    .orderBy('p.id')
    .execute();

/** Everyone on the order: rep, creator and reviewers (for change and cancel notices). */
export async function peopleOn(db: Executor, order: { id: number; ownerId: number; createdBy: number }): Promise<number[]> {
  const reviewers = await db.selectFrom('salesOrderReviews').select('reviewerId').distinct().where('orderId', '=', order.id).execute();
  return [...new Set([order.ownerId, order.createdBy, ...reviewers.map((r) => r.reviewerId)])];
}

// ─── list ─────────────────────────────────────────────────────────────────────────────────


// the order list (indexes and search plans at a million orders) lives in list-repo.ts
export { listOrders, salesSummary } from './list-repo.ts';
