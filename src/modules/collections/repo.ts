import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/permissions/context.ts';
import { ownerInScope } from '../../platform/permissions/scope.ts';
import { escapeLike } from '../../platform/pinyin.ts';
import type { DunningListQuery, DunningMethod, PlanListQuery, PlanStatus, PromiseStatus } from './schema.ts';

// The queries of collection plans and dunning actions. Every query filters by the caller's company;
// reads add the data scope of the customer's owner (customers.owner_id), so a plan or a call of a
// customer outside the caller's scope is not found (404).

/** The customer when it is in the caller's company and scope, else undefined (→ 404). */
export function customerInScope(db: Executor, ctx: RequestContext, customerId: number) {
  return db
    .selectFrom('customers')
    .leftJoin('users as owner', 'owner.id', 'customers.ownerId')
    .where('customers.companyId', '=', ctx.companyId)
    .where('customers.id', '=', customerId)
    .where(ownerInScope(ctx, 'customers.owner_id'))
    .select(['customers.id', 'customers.name', 'customers.ownerId', 'owner.displayName as ownerName'])
    .executeTakeFirst();
}

/** The sales order of this customer (any status but void drafts), for a per-order plan. */
export function orderOfCustomer(db: Executor, companyId: number, customerId: number, orderId: number) {
  return db
    .selectFrom('salesOrders')
    .where('companyId', '=', companyId)
    .where('customerId', '=', customerId)
    .where('id', '=', orderId)
    .select(['id', 'number', 'status'])
    .executeTakeFirst();
}

export async function activeMember(db: Executor, companyId: number, userId: number) {
  return !!(await db.selectFrom('memberships').select('id').where('companyId', '=', companyId).where('userId', '=', userId).where('active', '=', 1).executeTakeFirst());
}

// ── plans ──
function scopedPlans(db: Executor, ctx: RequestContext) {
  return db
    .selectFrom('collectionPlans')
    .innerJoin('customers', 'customers.id', 'collectionPlans.customerId')
    .leftJoin('users as owner', 'owner.id', 'customers.ownerId')
    .leftJoin('salesOrders', 'salesOrders.id', 'collectionPlans.orderId')
    .leftJoin('users as creator', 'creator.id', 'collectionPlans.createdBy')
    .where('collectionPlans.companyId', '=', ctx.companyId)
    .where(ownerInScope(ctx, 'customers.owner_id'));
}

const planColumns = [
  'collectionPlans.id', 'collectionPlans.customerId', 'customers.name as customerName', 'owner.displayName as ownerName', 'collectionPlans.orderId',
  'salesOrders.number as orderNumber', 'collectionPlans.title', 'collectionPlans.startDate', 'collectionPlans.endDate', 'collectionPlans.totalAmount',
  'collectionPlans.status', 'collectionPlans.notes', 'creator.displayName as createdByName', 'collectionPlans.createdAt', 'collectionPlans.updatedAt',
  'collectionPlans.version', 'collectionPlans.cancelledAt', 'collectionPlans.cancelReason',
] as const;

const typedPlan = <T extends { status: string }>(r: T) => ({ ...r, status: r.status as PlanStatus });

export async function planById(db: Executor, ctx: RequestContext, id: number) {
  const row = await scopedPlans(db, ctx).where('collectionPlans.id', '=', id).select(planColumns).executeTakeFirst();
  return row && typedPlan(row);
}
export type PlanRow = NonNullable<Awaited<ReturnType<typeof planById>>>;

export async function listPlans(db: Executor, ctx: RequestContext, q: PlanListQuery) {
  let query = scopedPlans(db, ctx);
  if (q.customerId) query = query.where('collectionPlans.customerId', '=', q.customerId);
  if (q.orderId) query = query.where('collectionPlans.orderId', '=', q.orderId);
  if (q.all !== '1') query = query.where('collectionPlans.status', '=', 'active');
  if (q.q) {
    const like = '%' + escapeLike(q.q.toLowerCase()) + '%';
    query = query.where(sql<boolean>`(lower(collection_plans.title) like ${like} escape '\\' or lower(customers.name) like ${like} escape '\\')`);
  }
  const totalRow = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await query
    .select(planColumns)
    .orderBy('collectionPlans.endDate', 'asc')
    .orderBy('collectionPlans.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items: items.map(typedPlan), total: Number(totalRow.n) };
}

export function planLines(db: Executor, companyId: number, planId: number) {
  return db
    .selectFrom('collectionPlanLines')
    .where('companyId', '=', companyId)
    .where('planId', '=', planId)
    .select(['id', 'lineNo', 'dueDate', 'amount', 'method', 'note'])
    .orderBy('lineNo')
    .execute();
}

/** Lines of several plans at once (a list page's progress). */
export async function linesOfPlans(db: Executor, companyId: number, planIds: number[]) {
  if (!planIds.length) return new Map<number, { dueDate: string; amount: number }[]>();
  const rows = await db
    .selectFrom('collectionPlanLines')
    .where('companyId', '=', companyId)
    .where('planId', 'in', planIds)
    .select(['planId', 'dueDate', 'amount'])
    .orderBy('planId')
    .orderBy('lineNo')
    .execute();
  const map = new Map<number, { dueDate: string; amount: number }[]>();
  for (const r of rows) map.set(r.planId, [...(map.get(r.planId) ?? []), { dueDate: r.dueDate, amount: r.amount }]);
  return map;
}

// ── dunning ──
function scopedDunning(db: Executor, ctx: RequestContext) {
  return db
    .selectFrom('dunningActions')
    .innerJoin('customers', 'customers.id', 'dunningActions.customerId')
    .leftJoin('users as owner', 'owner.id', 'customers.ownerId')
    .leftJoin('users as performer', 'performer.id', 'dunningActions.performedBy')
    .leftJoin('users as creator', 'creator.id', 'dunningActions.createdBy')
    .where('dunningActions.companyId', '=', ctx.companyId)
    .where(ownerInScope(ctx, 'customers.owner_id'));
}

const dunningColumns = [
  'dunningActions.id', 'dunningActions.customerId', 'customers.name as customerName', 'customers.ownerId', 'owner.displayName as ownerName',
  'dunningActions.actionDate', 'dunningActions.method', 'dunningActions.performedBy', 'performer.displayName as performedByName', 'dunningActions.contactName',
  'dunningActions.result', 'dunningActions.promisedAmount', 'dunningActions.promisedDate', 'dunningActions.promiseStatus', 'dunningActions.promiseCollected',
  'dunningActions.promiseJudgedAt', 'dunningActions.overdueAmount', 'dunningActions.daysOverdue', 'creator.displayName as createdByName', 'dunningActions.createdAt',
] as const;

const typedDunning = <T extends { method: string; promiseStatus: string }>(r: T) => ({ ...r, method: r.method as DunningMethod, promiseStatus: r.promiseStatus as PromiseStatus });

export async function dunningById(db: Executor, ctx: RequestContext, id: number) {
  const row = await scopedDunning(db, ctx).where('dunningActions.id', '=', id).select(dunningColumns).executeTakeFirst();
  return row && typedDunning(row);
}

export async function listDunning(db: Executor, ctx: RequestContext, q: DunningListQuery) {
  let query = scopedDunning(db, ctx);
  if (q.customerId) query = query.where('dunningActions.customerId', '=', q.customerId);
  if (q.promiseStatus) query = query.where('dunningActions.promiseStatus', '=', q.promiseStatus);
  if (q.method) query = query.where('dunningActions.method', '=', q.method);
  const dateCol = q.promiseStatus === 'broken' || q.promiseStatus === 'open' ? 'dunningActions.promisedDate' : 'dunningActions.actionDate';
  if (q.dateFrom) query = query.where(dateCol, '>=', q.dateFrom);
  if (q.dateTo) query = query.where(dateCol, '<=', q.dateTo);
  const totalRow = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await query
    .select(dunningColumns)
    .orderBy(dateCol, 'desc')
    .orderBy('dunningActions.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items: items.map(typedDunning), total: Number(totalRow.n) };
}

export async function openPromisesOf(db: Executor, ctx: RequestContext, customerId: number) {
  const rows = await scopedDunning(db, ctx)
    .where('dunningActions.customerId', '=', customerId)
    .where('dunningActions.promiseStatus', '=', 'open')
    .select(dunningColumns)
    .orderBy('dunningActions.promisedDate')
    .orderBy('dunningActions.id')
    .limit(50)
    .execute();
  return rows.map(typedDunning);
}

export async function lastActionOf(db: Executor, ctx: RequestContext, customerId: number) {
  const row = await scopedDunning(db, ctx)
    .where('dunningActions.customerId', '=', customerId)
    .select(dunningColumns)
    .orderBy('dunningActions.actionDate', 'desc')
    .orderBy('dunningActions.id', 'desc')
    .executeTakeFirst();
  return row ? typedDunning(row) : null;
}

export async function countBroken(db: Executor, companyId: number, customerId: number) {
  const r = await db
    .selectFrom('dunningActions')
    .where('companyId', '=', companyId)
    .where('customerId', '=', customerId)
    .where('promiseStatus', '=', 'broken')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Open promises whose date has passed (promised_date < today), company-wide, for the daily job. */
export function duePromises(db: Executor, today: string, limit: number) {
  return db
    .selectFrom('dunningActions')
    .innerJoin('customers', 'customers.id', 'dunningActions.customerId')
    .where('dunningActions.promiseStatus', '=', 'open')
    .where('dunningActions.promisedDate', '<', today)
    .select([
      'dunningActions.id', 'dunningActions.companyId', 'dunningActions.customerId', 'customers.name as customerName', 'customers.ownerId',
      'dunningActions.actionDate', 'dunningActions.promisedAmount', 'dunningActions.promisedDate', 'dunningActions.performedBy',
    ])
    .orderBy('dunningActions.id')
    .limit(limit)
    .execute();
}

/** The manager of the owner's department and of each department above it, nearest first (not the owner). */
export async function managersOf(db: Executor, companyId: number, userId: number): Promise<number[]> {
  const m = await db
    .selectFrom('memberships')
    .innerJoin('departments', 'departments.id', 'memberships.departmentId')
    .where('memberships.companyId', '=', companyId)
    .where('memberships.userId', '=', userId)
    .where('memberships.active', '=', 1)
    .select(['departments.path', 'departments.managerUserId'])
    .executeTakeFirst();
  if (!m) return [];
  if (m.managerUserId && m.managerUserId !== userId) return [m.managerUserId];
  // the rep is the department's own manager (or it has none): the next manager up the tree
  const ancestors = await db
    .selectFrom('departments')
    .where('companyId', '=', companyId)
    .where(sql<boolean>`${m.path} like departments.path || '%'`)
    .where('managerUserId', 'is not', null)
    .where('managerUserId', '!=', userId)
    .select(['managerUserId', 'path'])
    .execute();
  ancestors.sort((a, b) => b.path.length - a.path.length);
  return ancestors.length ? [ancestors[0]!.managerUserId!] : [];
}
