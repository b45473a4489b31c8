import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { ownerInScope, scopeUserFilterSql } from '../../platform/permissions/scope.ts';
import type { RequestContext } from '../../platform/permissions/context.ts';
import { escapeLike, normalizeForSearch } from '../../platform/pinyin.ts';
import type { LeadListQuery, LeadStatus } from './schema.ts';

// The queries of the leads module. Every query filters by the caller's company; row reads add the
// lead data scope below. A lead outside company or scope is simply not found (404).

/**
 * The data scope of a lead: its owner is the assignee, or — while nobody is assigned — whoever
 * entered it (coalesce(assignee_id, created_by)). A rep sees leads assigned to them and the
 * unassigned leads they entered; a manager those of their department subtree; company scope all.
 */
export function leadInScope(ctx: RequestContext): Expression<SqlBool> {
  if (ctx.dataScope === 'company') return sql<SqlBool>`1 = 1`;
  return sql<SqlBool>`(${ownerInScope(ctx, 'leads.assignee_id')} or (leads.assignee_id is null and ${ownerInScope(ctx, 'leads.created_by')}))`;
}

/** The leads of ctx's company inside ctx's scope (no joins: what filters and counts run on). */
function scopedLeads(db: Executor, ctx: RequestContext) {
  return db.selectFrom('leads').where('leads.companyId', '=', ctx.companyId).where(leadInScope(ctx));
}

/** …with the names shown beside the ids (assignee, creator, voider, referrer, converted customer). */
function withNames<Q extends ReturnType<typeof scopedLeads>>(q: Q, ctx: RequestContext) {
  return q
    .leftJoin('users as assignee', 'assignee.id', 'leads.assigneeId')
    .leftJoin('users as creator', 'creator.id', 'leads.createdBy')
    .leftJoin('users as voider', 'voider.id', 'leads.voidedBy')
    .leftJoin('customers as referrer', (j) => j.onRef('referrer.id', '=', 'leads.referredByCustomerId').on('referrer.companyId', '=', ctx.companyId))
    .leftJoin('customers as converted', (j) => j.onRef('converted.id', '=', 'leads.convertedCustomerId').on('converted.companyId', '=', ctx.companyId));
}

const leadColumns = [
  'leads.id', 'leads.number', 'leads.contactName', 'leads.companyName', 'leads.phone', 'leads.email', 'leads.channel',
  'leads.province', 'leads.city', 'leads.need', 'leads.referredByCustomerId', 'referrer.name as referredByName',
  'leads.status', 'leads.assigneeId', 'assignee.displayName as assigneeName', 'leads.lastContactAt',
  'leads.convertedCustomerId', 'converted.name as convertedCustomerName', 'leads.convertedAt',
  'leads.voidedAt', 'leads.voidedBy', 'voider.displayName as voidedByName', 'leads.voidReason',
  'leads.createdBy', 'creator.displayName as createdByName', 'leads.createdAt', 'leads.updatedAt', 'leads.version',
] as const;

const typed = <T extends { status: string }>(row: T) => ({ ...row, status: row.status as LeadStatus });

/** One lead visible to ctx, or undefined. */
export async function leadById(db: Executor, ctx: RequestContext, id: number) {
  const row = await withNames(scopedLeads(db, ctx).where('leads.id', '=', id), ctx).select(leadColumns).executeTakeFirst();
  return row && typed(row);
}
export type LeadRow = NonNullable<Awaited<ReturnType<typeof leadById>>>;

/** Asia/Shanghai business date → the UTC instant its day starts at. */
const dayStartUtc = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`)).toISOString();

const sortColumns = {
  createdAt: 'leads.createdAt',
  number: 'leads.number',
  lastContactAt: 'leads.lastContactAt',
  status: 'leads.status',
  contactName: 'leads.contactName',
} as const;

export async function listLeads(db: Executor, ctx: RequestContext, q: LeadListQuery) {
  let query = scopedLeads(db, ctx);
  const statuses = q.status === undefined ? [] : ([] as string[]).concat(q.status);
  if (statuses.length) query = query.where('leads.status', 'in', statuses);
  const channels = q.channel === undefined ? [] : ([] as string[]).concat(q.channel);
  if (channels.length) query = query.where('leads.channel', 'in', channels);
  if (q.assignee === 'none') query = query.where('leads.assigneeId', 'is', null);
  else if (q.assignee !== undefined) query = query.where('leads.assigneeId', '=', q.assignee);
  if (q.referredBy) query = query.where('leads.referredByCustomerId', '=', q.referredBy);
  if (q.createdFrom) query = query.where('leads.createdAt', '>=', dayStartUtc(q.createdFrom));
  if (q.createdTo) query = query.where('leads.createdAt', '<', dayStartUtc(nextDay(q.createdTo)));
  const term = q.q ? normalizeForSearch(q.q) : '';
  if (term) {
    const like = '%' + escapeLike(term) + '%';
    const digits = term.replace(/\D/g, '');
    const conds = [sql<SqlBool>`leads.search_key like ${like} escape '\\'`, sql<SqlBool>`lower(leads.number) like ${like} escape '\\'`];
    // a term that is (mostly) a phone number also matches the normalised phone digits
    if (digits.length >= 3 && digits.length >= term.length - 2) conds.push(sql<SqlBool>`leads.phone_norm like ${'%' + digits + '%'}`);
    query = query.where(sql<SqlBool>`(${sql.join(conds, sql` or `)})`);
  }
  const sortCol = sortColumns[q.sort];
  const [items, total] = await Promise.all([
    withNames(query, ctx)
      .select(leadColumns)
      .orderBy(sortCol, q.order)
      .orderBy('leads.id', q.order)
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items.map(typed), total: Number(total.n) };
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export const activitiesOf = (db: Executor, companyId: number, leadId: number) =>
  db
    .selectFrom('leadActivities')
    .leftJoin('users', 'users.id', 'leadActivities.userId')
    .select(['leadActivities.id', 'leadActivities.type', 'leadActivities.content', 'leadActivities.at', 'leadActivities.userId', 'users.displayName as userName'])
    .where('leadActivities.companyId', '=', companyId)
    .where('leadActivities.leadId', '=', leadId)
    .orderBy('leadActivities.at', 'desc')
    .orderBy('leadActivities.id', 'desc')
    .limit(500)
    .execute();

export const opportunitiesOfLead = (db: Executor, companyId: number, leadId: number) =>
  db
    .selectFrom('opportunities')
    .select(['id', 'customerId', 'name', 'expectedAmount', 'expectedDate', 'rating', 'stage', 'ownerId', 'createdAt'])
    .where('companyId', '=', companyId)
    .where('leadId', '=', leadId)
    .orderBy('id')
    .execute();

/** Active members of the company inside ctx's scope who may work leads (their role grants lead.read). */
export async function assignableMembers(db: Executor, ctx: RequestContext, userId?: number) {
  let query = db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.userId')
    .innerJoin('roles', 'roles.id', 'memberships.roleId')
    .leftJoin('departments', 'departments.id', 'memberships.departmentId')
    .select(['users.id', 'users.displayName', 'departments.name as departmentName', 'roles.permissions'])
    .where('memberships.companyId', '=', ctx.companyId)
    .where('memberships.active', '=', 1)
    .where('users.active', '=', 1)
    .where(scopeUserFilterSql(ctx));
  if (userId !== undefined) query = query.where('users.id', '=', userId);
  const rows = await query.orderBy('users.id').limit(1000).execute();
  // by department, then by name in pinyin order (the database would sort Chinese by code point)
  const zh = new Intl.Collator('zh-CN');
  return rows
    .filter((r) => (JSON.parse(r.permissions) as string[]).includes('lead.read'))
    .map(({ permissions: _p, ...r }) => r)
    .sort((a, b) => zh.compare(a.departmentName ?? '', b.departmentName ?? '') || zh.compare(a.displayName, b.displayName));
}

/** Is userId a member of the company at all (active or not)? For clear error messages. */
export const membershipOf = (db: Executor, companyId: number, userId: number) =>
  db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.userId')
    .select(['memberships.active', 'users.active as userActive', 'users.displayName'])
    .where('memberships.companyId', '=', companyId)
    .where('memberships.userId', '=', userId)
    .executeTakeFirst();

export const customerExists = (db: Executor, companyId: number, customerId: number) =>
  db.selectFrom('customers').select(['id', 'name']).where('companyId', '=', companyId).where('id', '=', customerId).executeTakeFirst();

export async function referralCounts(db: Executor, companyId: number, customerId: number) {
  const [customers, leads] = await Promise.all([
    db
      .selectFrom('customers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('companyId', '=', companyId)
      .where('referredByCustomerId', '=', customerId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('leads')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>(sql`case when status = 'converted' then 0 else 1 end`).as('open'),
      ])
      .where('companyId', '=', companyId)
      .where('referredByCustomerId', '=', customerId)
      .where('status', '<>', 'void')
      .executeTakeFirstOrThrow(),
  ]);
  return { customers: Number(customers.n), leads: Number(leads.n), openLeads: Number(leads.open ?? 0) };
}
