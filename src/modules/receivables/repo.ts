import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { ownerInScope } from '../../platform/permissions/scope.ts';
import type { RequestContext } from '../../platform/permissions/context.ts';

// Queries of the receivables reports other than the aging engine: who the customers, their owners
// and the owners' departments are. Every query filters the company; scope is applied to customers.

/** Items' customers limited to the caller's data scope (nothing to add for company scope). */
export function customerScopeFilter(ctx: RequestContext): Expression<SqlBool> | undefined {
  if (ctx.dataScope === 'company') return undefined;
  return sql<SqlBool>`customer_id in (select customers.id from customers where customers.company_id = ${ctx.companyId} and ${ownerInScope(ctx, 'customers.owner_id')})`;
}

/** Items of the customers one user owns. */
export function customerOwnedBy(companyId: number, ownerId: number): Expression<SqlBool> {
  return sql<SqlBool>`customer_id in (select customers.id from customers where customers.company_id = ${companyId} and customers.owner_id = ${ownerId})`;
}

/** Items of the customers whose name or code contains the text (case-insensitive). */
export function customerNamed(companyId: number, text: string): Expression<SqlBool> {
  const like = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`customer_id in (select customers.id from customers where customers.company_id = ${companyId} and (lower(customers.name) like ${like} escape '\\' or lower(customers.code) like ${like} escape '\\'))`;
}

/**
 * The owner of each given customer (customers that have receivable items): by id chunks, or, when
 * there are very many, in one query over the customers that have items at all (a superset).
 */
export async function ownersOf(db: Executor, companyId: number, ids: number[]): Promise<Map<number, number | null>> {
  const out = new Map<number, number | null>();
  if (ids.length > 20_000) {
    const wanted = new Set(ids);
    const rows = await db
      .selectFrom('customers')
      .select(['id', 'ownerId'])
      .where('companyId', '=', companyId)
      .where('id', 'in', (eb) => eb.selectFrom('receivableItems').select('customerId').distinct().where('companyId', '=', companyId))
      .execute();
    for (const r of rows) if (wanted.has(r.id)) out.set(r.id, r.ownerId);
    return out;
  }
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom('customers').select(['id', 'ownerId']).where('companyId', '=', companyId).where('id', 'in', ids.slice(i, i + 500)).execute();
    for (const r of rows) out.set(r.id, r.ownerId);
  }
  return out;
}

export function visibleCustomer(db: Executor, ctx: RequestContext, customerId: number) {
  return db
    .selectFrom('customers')
    .leftJoin('users', 'users.id', 'customers.ownerId')
    .where('customers.companyId', '=', ctx.companyId)
    .where('customers.id', '=', customerId)
    .where(ownerInScope(ctx, 'customers.owner_id'))
    .select(['customers.id', 'customers.name', 'customers.code', 'customers.ownerId', 'users.displayName as ownerName'])
    .executeTakeFirst();
}

export type CustomerInfo = { id: number; name: string; code: string; ownerId: number | null };

/** Name, code and owner of the given customers (in chunks: a report may name tens of thousands). */
export async function customersInfo(db: Executor, companyId: number, ids: number[]): Promise<Map<number, CustomerInfo>> {
  const out = new Map<number, CustomerInfo>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom('customers').select(['id', 'name', 'code', 'ownerId']).where('companyId', '=', companyId).where('id', 'in', ids.slice(i, i + 500)).execute();
    for (const r of rows) out.set(r.id, r);
  }
  return out;
}

export type MemberInfo = { userId: number; name: string; departmentId: number | null };
export type DepartmentInfo = { id: number; name: string; path: string };

/** The company's members (name, department) and departments (path), for grouping by rep and department. */
export async function membersAndDepartments(db: Executor, companyId: number) {
  const [members, departments] = await Promise.all([
    db.selectFrom('memberships').innerJoin('users', 'users.id', 'memberships.userId').where('memberships.companyId', '=', companyId).select(['memberships.userId', 'users.displayName as name', 'memberships.departmentId']).execute(),
    db.selectFrom('departments').where('companyId', '=', companyId).select(['id', 'name', 'path']).orderBy('path').execute(),
  ]);
  return { members: new Map<number, MemberInfo>(members.map((m) => [m.userId, m])), departments };
}

/** Per customer and receipt date within [from, to], the sum of its confirmed receipts (ordered by customer, date). */
export async function receiptsByDay(db: Executor, companyId: number, customerIds: number[], from: string, to: string) {
  if (!customerIds.length) return [];
  const rows = await db
    .selectFrom('receipts')
    .where('companyId', '=', companyId)
    .where('customerId', 'in', customerIds)
    .where('status', '=', 'confirmed')
    .where('receiptDate', '>=', from)
    .where('receiptDate', '<=', to)
    .groupBy(['customerId', 'receiptDate'])
    .select(['customerId', 'receiptDate', sql<number>`sum(amount)`.as('amount')])
    .orderBy('customerId')
    .orderBy('receiptDate')
    .execute();
  return rows.map((r) => ({ customerId: r.customerId, receiptDate: r.receiptDate, amount: Number(r.amount) }));
}

/**
 * Collection rate figures per customer for a period: of the items due by its end (dated by then, not
 * settled before it began), what was still open when it began — less red-letter invoices dated by
 * its end — and what allocations within it (net of reversals within it) took off them.
 */
export async function collectionFigures(db: Executor, companyId: number, docType: string, from: string, to: string, where?: Expression<SqlBool>) {
  let q = db
    .selectFrom('receivableItems as i')
    .where('i.companyId', '=', companyId)
    .where('i.docType', '=', docType)
    .where('i.dueDate', '<=', to)
    .where('i.docDate', '<=', to)
    .where((eb) => eb.or([eb('i.settledDate', 'is', null), eb('i.settledDate', '>=', from)]))
    .select([
      'i.customerId',
      sql<number>`sum(i.amount - coalesce((select sum(m.amount) from receivable_moves m where m.item_id = i.id and ((m.kind <> 'red' and m.move_date < ${from}) or (m.kind = 'red' and m.move_date <= ${to}))), 0))`.as('due'),
      sql<number>`sum(coalesce((select sum(m.amount) from receivable_moves m where m.item_id = i.id and m.kind <> 'red' and m.move_date >= ${from} and m.move_date <= ${to}), 0))`.as('collected'),
    ])
    .groupBy('i.customerId');
  if (where) q = q.where(where);
  const rows = await q.execute();
  return rows.map((r) => ({ customerId: Number(r.customerId), due: Number(r.due), collected: Number(r.collected) }));
}
