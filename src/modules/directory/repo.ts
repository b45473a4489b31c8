import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { escapeLike, normalizeForSearch } from '../../platform/pinyin.ts';
import type { DirectoryUserQuery } from './schema.ts';

/** Active colleagues of one company (active user, active membership), for pickers. */
export async function findColleagues(db: Executor, companyId: number, q: DirectoryUserQuery) {
  let query = db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.userId')
    .innerJoin('roles', 'roles.id', 'memberships.roleId')
    .leftJoin('departments', 'departments.id', 'memberships.departmentId')
    .where('memberships.companyId', '=', companyId)
    .where('memberships.active', '=', 1)
    .where('users.active', '=', 1);
  if (q.ids) {
    query = query.where('users.id', 'in', q.ids.split(',').map(Number).slice(0, 50));
  } else {
    if (q.q && q.q.trim()) query = query.where(sql<boolean>`users.search_key like ${'%' + escapeLike(normalizeForSearch(q.q)) + '%'} escape '\\'`);
    if (q.departmentId) {
      if (q.subtree === '1') {
        const dept = await db.selectFrom('departments').select('path').where('companyId', '=', companyId).where('id', '=', q.departmentId).executeTakeFirst();
        query = dept ? query.where('departments.path', 'like', `${dept.path}%`) : query.where(sql<boolean>`1 = 0`);
      } else {
        query = query.where('memberships.departmentId', '=', q.departmentId);
      }
    }
  }
  return query
    .select(['users.id', 'users.displayName', 'memberships.departmentId', 'departments.name as departmentName', 'roles.code as roleCode', 'roles.name as roleName'])
    .orderBy('users.displayName')
    .orderBy('users.id')
    .limit(q.limit)
    .execute();
}

export const departmentsOf = (db: Executor, companyId: number) =>
  db
    .selectFrom('departments')
    .select(['departments.id', 'departments.name', 'departments.parentId', 'departments.path'])
    .select((eb) =>
      eb.selectFrom('memberships').whereRef('memberships.departmentId', '=', 'departments.id').where('memberships.active', '=', 1).select(eb.fn.countAll<number>().as('n')).as('memberCount'),
    )
    .where('departments.companyId', '=', companyId)
    .where('departments.active', '=', 1)
    .orderBy('departments.path')
    .execute();
