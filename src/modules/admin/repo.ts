import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { escapeLike, normalizeForSearch } from '../../platform/pinyin.ts';
import type { z } from 'zod';
import type { userListQuery } from './schema.ts';

export const companyById = (db: Executor, id: number) => db.selectFrom('companies').selectAll().where('id', '=', id).executeTakeFirst();

export const companiesForUser = (db: Executor, userId: number) =>
  db.selectFrom('companies').innerJoin('memberships', 'memberships.companyId', 'companies.id').selectAll('companies').where('memberships.userId', '=', userId).orderBy('companies.id').execute();

export const departmentsOf = (db: Executor, companyId: number) =>
  db
    .selectFrom('departments')
    .leftJoin('users', 'users.id', 'departments.managerUserId')
    .select(['departments.id', 'departments.name', 'departments.code', 'departments.parentId', 'departments.path', 'departments.managerUserId', 'departments.active', 'departments.version', 'users.displayName as managerName'])
    .select((eb) => eb.selectFrom('memberships').whereRef('memberships.departmentId', '=', 'departments.id').select(eb.fn.countAll<number>().as('n')).as('memberCount'))
    .where('departments.companyId', '=', companyId)
    .orderBy('departments.path')
    .execute();

export const departmentById = (db: Executor, companyId: number, id: number) =>
  db.selectFrom('departments').selectAll().where('companyId', '=', companyId).where('id', '=', id).executeTakeFirst();

export const rolesOf = (db: Executor, companyId: number) =>
  db
    .selectFrom('roles')
    .selectAll()
    .select((eb) => eb.selectFrom('memberships').whereRef('memberships.roleId', '=', 'roles.id').select(eb.fn.countAll<number>().as('n')).as('memberCount'))
    .where('companyId', '=', companyId)
    .orderBy('builtin', 'desc')
    .orderBy('id')
    .execute();

export const roleById = (db: Executor, companyId: number, id: number) =>
  db.selectFrom('roles').selectAll().where('companyId', '=', companyId).where('id', '=', id).executeTakeFirst();

export const roleByCode = (db: Executor, companyId: number, code: string) =>
  db.selectFrom('roles').selectAll().where('companyId', '=', companyId).where('code', '=', code).executeTakeFirst();

function membersQuery(db: Executor, companyId: number) {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.userId')
    .innerJoin('roles', 'roles.id', 'memberships.roleId')
    .leftJoin('departments', 'departments.id', 'memberships.departmentId')
    .where('memberships.companyId', '=', companyId);
}

const memberColumns = [
  'users.id', 'users.username', 'users.displayName', 'users.phone', 'users.email', 'users.lockedUntil',
  'memberships.roleId', 'roles.code as roleCode', 'roles.name as roleName', 'memberships.departmentId', 'departments.name as departmentName',
  'memberships.active', 'memberships.version',
] as const;

export async function listMembers(db: Executor, companyId: number, q: z.infer<typeof userListQuery>) {
  let query = membersQuery(db, companyId);
  if (q.q) query = query.where(sql<boolean>`users.search_key like ${'%' + escapeLike(normalizeForSearch(q.q)) + '%'} escape '\\'`);
  if (q.roleId) query = query.where('memberships.roleId', '=', q.roleId);
  if (q.departmentId) query = query.where('memberships.departmentId', '=', q.departmentId);
  if (q.active) query = query.where('memberships.active', '=', Number(q.active));
  const [items, total] = await Promise.all([
    query.select(memberColumns).orderBy('users.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export const memberById = (db: Executor, companyId: number, userId: number) =>
  membersQuery(db, companyId).select([...memberColumns, 'memberships.id as membershipId']).where('users.id', '=', userId).executeTakeFirst();

export async function listAudit(db: Executor, companyId: number, q: { entity?: string; entityId?: number; userId?: number; from?: string; to?: string; page: number; pageSize: number }) {
  let query = db.selectFrom('auditLog').leftJoin('users', 'users.id', 'auditLog.userId').where('auditLog.companyId', '=', companyId);
  if (q.entity) query = query.where('auditLog.entity', '=', q.entity);
  if (q.entityId) query = query.where('auditLog.entityId', '=', q.entityId);
  if (q.userId) query = query.where('auditLog.userId', '=', q.userId);
  if (q.from) query = query.where('auditLog.at', '>=', `${q.from}T00:00:00`);
  if (q.to) query = query.where('auditLog.at', '<', `${q.to}T99`);
  const [items, total] = await Promise.all([
    query
      .select(['auditLog.id', 'auditLog.action', 'auditLog.entity', 'auditLog.entityId', 'auditLog.before', 'auditLog.after', 'auditLog.note', 'auditLog.at', 'auditLog.chainSeq', 'users.displayName as userName'])
      .orderBy('auditLog.id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items.map(({ chainSeq, ...r }) => ({ ...r, sealed: chainSeq != null })), total: Number(total.n) };
}
