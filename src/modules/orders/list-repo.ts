import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/permissions/context.ts';
import { ownerInScope } from '../../platform/permissions/scope.ts';
import { customerSearchCondition, prefixRange } from '../customers/service.ts';
import { salesStatuses } from './labels.ts';
import type { OrderListQuery } from './schema.ts';

// The order list at a million orders (BENCHMARKS.md). Newest business date first, then newest id:
// every list index of sales_orders ends in (business_date, id) — company, status, type, owner and
// customer — so a filtered page is a walk down one index that stops after the page.
//
// A search is either an order number prefix (DD-2026…: the number's unique index) or a customer
// (name, pinyin, initials, code, phone through the customers' search ranges). A customer search is
// counted first, joining from the matching customers into the orders' customer index (capped):
// - few matches (≤ COUNT_CAP): the same join finds them and the page is sorted;
// - more: the date index is walked and each order's customer tested until the page is full
//   (CROSS JOIN keeps SQLite's join order; such a common term fills a page within a few hundred rows).
// A rep (own scope) walks their own orders for a common term, and joins from the customers for a rarer one.
// An order-number prefix reads the page's ids from the number indexes (company, [owner,] number, business_date, id)
// and then only the page's rows. Counts stop at COUNT_CAP (the page says "more than …"), as the customer list's do.

export const COUNT_CAP = 2000;
/** A rep's customer search joins from the matching customers when there are at most this many. */
const CUSTOMER_JOIN_CAP = 2000;
const NUMBER_PREFIX = /^[a-z]{1,4}-?\d/i;

const scopeOf = (ctx: RequestContext, column: string): Expression<SqlBool> => (ctx.dataScope === 'company' ? sql<SqlBool>`1 = 1` : ownerInScope(ctx, column));

const listColumns = [
  'o.id', 'o.number', 'o.status', 'o.orderType', 'o.paymentTerm', 'o.customerId', 'o.customerName', 'o.ownerId', 'o.warehouseId', 'o.businessDate',
  'o.deliveryDate', 'o.totalQuantity', 'o.totalAmount', 'o.priceConcession', 'o.pendingReviews', 'o.backorder', 'o.createdAt',
] as const;

/** The list's query; `before` (the export's keyset) keeps only orders after that one in the list's order. */
export type OrderListFilter = OrderListQuery & { before?: { businessDate: string; id: number } };

/** The list's filters on the orders as "o" (alone, or joined from the customers). */
function conditions(ctx: RequestContext, q: OrderListFilter): Expression<SqlBool> {
  const c: Expression<SqlBool>[] = [sql`o.company_id = ${ctx.companyId}`, scopeOf(ctx, 'o.owner_id')];
  if (q.before) c.push(sql`(o.business_date < ${q.before.businessDate} or (o.business_date = ${q.before.businessDate} and o.id < ${q.before.id}))`);
  const statuses = q.status === undefined ? [] : ([] as string[]).concat(q.status);
  if (statuses.length) c.push(sql`o.status in (${sql.join(statuses)})`);
  const types = q.orderType === undefined ? [] : ([] as string[]).concat(q.orderType);
  if (types.length) c.push(sql`o.order_type in (${sql.join(types)})`);
  if (q.customerId) c.push(sql`o.customer_id = ${q.customerId}`);
  if (q.ownerId) c.push(sql`o.owner_id = ${q.ownerId}`);
  if (q.dateFrom) c.push(sql`o.business_date >= ${q.dateFrom}`);
  if (q.dateTo) c.push(sql`o.business_date <= ${q.dateTo}`);
  // a literal 0, so the planner may use the partial index sales_orders_concession (its WHERE must be implied)
  if (q.concession === '1') c.push(sql`o.price_concession > 0`);
  if (q.pendingReview) c.push(sql`o.status = 'submitted'`, sql`o.pending_reviews like ${`%"${q.pendingReview}"%`}`);
  return sql<SqlBool>`(${sql.join(c, sql` and `)})`;
}

/** How many customers a search matches, up to CUSTOMER_JOIN_CAP + 1 (the customers' search indexes only). */
async function matchingCustomers(db: Executor, customerCond: Expression<SqlBool>): Promise<number> {
  const inner = db.selectFrom('customers as c').select(sql`1`.as('one')).where(customerCond).limit(CUSTOMER_JOIN_CAP + 1);
  return Number((await db.selectFrom(inner.as('x')).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
}

export async function listOrders(db: Executor, ctx: RequestContext, q: OrderListFilter) {
  const filters = conditions(ctx, q);
  const base = db.selectFrom('salesOrders as o').where(filters);
  const term = q.q?.trim();
  const byNumber = term && NUMBER_PREFIX.test(term);
  const customerCond = term && !byNumber ? customerSearchCondition(db, ctx.companyId, term, 'c') : null;
  if (term && !byNumber && !customerCond) return { rows: [], total: 0, totalCapped: false };
  const upper = term?.toUpperCase() ?? '';
  const numbered = byNumber ? base.where(prefixRange(db, 'o.number', upper, false)) : base;
  // from the matching customers into the orders' customer index
  const joined = () => db.selectFrom('customers as c').crossJoin('salesOrders as o').where(customerCond!).whereRef('o.customerId', '=', 'c.id').where(filters);
  // a rep's own orders (a few thousand, on the owner index) are cheaper to walk than a common term's
  // matching customers; a rarer term (≤ CUSTOMER_JOIN_CAP customers) joins from those customers
  const walked = () => base.crossJoin('customers as c').whereRef('c.id', '=', 'o.customerId').where(customerCond!);
  const ownWalk = !!customerCond && ctx.dataScope === 'own' && (await matchingCustomers(db, customerCond)) > CUSTOMER_JOIN_CAP;
  const counted = !customerCond ? numbered : ownWalk ? walked() : joined();
  const n = Number((await db.selectFrom(counted.select(sql`1`.as('one')).limit(COUNT_CAP + 1).as('x')).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  if (n === 0) return { rows: [], total: 0, totalCapped: false };
  const newestFirst = <T extends { orderBy: (...a: any[]) => T }>(qb: T) => qb.orderBy('o.businessDate', 'desc').orderBy('o.id', 'desc');
  const withOwner = (qb: typeof base) => qb.leftJoin('users as owner', 'owner.id', 'o.ownerId').select([...listColumns, 'owner.displayName as ownerName']);
  const offset = (q.page - 1) * q.pageSize;
  // a number prefix: the page's ids from the number indexes alone (a month's prefix matches tens of
  // thousands), then only those rows are read
  const rows = byNumber
    ? await newestFirst(withOwner(db.selectFrom('salesOrders as o')).where('o.id', 'in', newestFirst(numbered.select('o.id')).limit(q.pageSize).offset(offset))).execute()
    : await newestFirst(withOwner(!customerCond ? numbered : n <= COUNT_CAP && !ownWalk ? joined() : walked())).limit(q.pageSize).offset(offset).execute();
  return { rows, total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP };
}

/** Count and amount (fen) of the confirmed orders in a business-date range, in the user's scope (the date index, then the rows). */
export async function salesSummary(db: Executor, ctx: RequestContext, range: { dateFrom: string; dateTo: string }) {
  const where = conditions(ctx, { status: [...salesStatuses], dateFrom: range.dateFrom, dateTo: range.dateTo, page: 1, pageSize: 1 });
  const r = await db.selectFrom('salesOrders as o').where(where)
    .select([sql<number>`count(*)`.as('orders'), sql<number>`coalesce(sum(o.total_amount), 0)`.as('amount')])
    .executeTakeFirstOrThrow();
  return { orders: Number(r.orders), amount: Number(r.amount) };
}
