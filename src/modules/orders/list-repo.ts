import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/permissions/context.ts';
import { ownerInScope } from '../../platform/permissions/scope.ts';
import { customerSearchCondition } from '../customers/service.ts';
import type { OrderListQuery } from './schema.ts';

// The order list at a million orders (BENCHMARKS.md). Newest business date first, then newest id:
// every list index of sales_orders ends in (business_date, id) — company, status, type, owner and
// customer — so a filtered page is a walk down one index that stops after the page.
//
// A search by customer (name, pinyin, initials, code, phone) or order number is planned by how many
// orders it matches, counted first through the customers' search ranges (capped):
// - few (≤ SORT_LIMIT): the matching orders are found through the customer index and sorted;
// - many: the date index is walked and each order's customer tested until the page is full
//   (CROSS JOIN keeps SQLite's join order; common terms fill a page within a few hundred rows).

export const COUNT_CAP = 10000;
const SORT_LIMIT = 2000;

const scopeOf = (ctx: RequestContext, column: string): Expression<SqlBool> => (ctx.dataScope === 'company' ? sql<SqlBool>`1 = 1` : ownerInScope(ctx, column));

const listColumns = [
  'o.id', 'o.number', 'o.status', 'o.orderType', 'o.paymentTerm', 'o.customerId', 'o.customerName', 'o.ownerId', 'o.warehouseId', 'o.businessDate',
  'o.deliveryDate', 'o.totalQuantity', 'o.totalAmount', 'o.pendingReviews', 'o.backorder', 'o.createdAt',
] as const;

function filtered(db: Executor, ctx: RequestContext, q: OrderListQuery) {
  let query = db.selectFrom('salesOrders as o').where('o.companyId', '=', ctx.companyId).where(scopeOf(ctx, 'o.owner_id'));
  const statuses = q.status === undefined ? [] : ([] as string[]).concat(q.status);
  if (statuses.length) query = query.where('o.status', 'in', statuses);
  const types = q.orderType === undefined ? [] : ([] as string[]).concat(q.orderType);
  if (types.length) query = query.where('o.orderType', 'in', types);
  if (q.customerId) query = query.where('o.customerId', '=', q.customerId);
  if (q.ownerId) query = query.where('o.ownerId', '=', q.ownerId);
  if (q.dateFrom) query = query.where('o.businessDate', '>=', q.dateFrom);
  if (q.dateTo) query = query.where('o.businessDate', '<=', q.dateTo);
  if (q.pendingReview) query = query.where('o.status', '=', 'submitted').where('o.pendingReviews', 'like', `%"${q.pendingReview}"%`);
  return query;
}

export async function listOrders(db: Executor, ctx: RequestContext, q: OrderListQuery) {
  const base = filtered(db, ctx, q);
  const term = q.q?.trim();
  const customerCond = term ? customerSearchCondition(db, ctx.companyId, term, 'c') : null;
  const byNumber = term ? sql<SqlBool>`o.number = ${term.toUpperCase()}` : null;
  // the matching set through the customers' index ranges (and the number's unique index)
  const matching = !term
    ? base
    : base.where((eb) => eb.or([byNumber!, eb('o.customerId', 'in', db.selectFrom('customers as c').select('c.id').where(customerCond ?? sql<SqlBool>`1 = 0`))]));
  const countRow = await db.selectFrom(matching.select(sql`1`.as('one')).limit(COUNT_CAP).as('x')).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const total = Number(countRow.n);
  const walk = term && customerCond && total > SORT_LIMIT;
  const pageQuery = walk
    ? base.crossJoin('customers as c').whereRef('c.id', '=', 'o.customerId').where((eb) => eb.or([byNumber!, customerCond!]))
    : matching;
  const rows = await pageQuery
    .leftJoin('users as owner', 'owner.id', 'o.ownerId')
    .select([...listColumns, 'owner.displayName as ownerName'])
    .orderBy('o.businessDate', 'desc')
    .orderBy('o.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { rows, total };
}
