import type { Executor } from '../src/db/database.ts';
import type { DataScope } from '../src/platform/permissions/catalog.ts';
import type { RequestContext } from '../src/platform/permissions/context.ts';

/** The request context a logged-in member would get (same fields as the auth plugin builds), for calling services directly. */
export async function contextFor(db: Executor, userId: number, companyId: number, requestId = 'demo'): Promise<RequestContext> {
  const m = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.userId')
    .innerJoin('roles', 'roles.id', 'memberships.roleId')
    .leftJoin('departments', 'departments.id', 'memberships.departmentId')
    .select(['users.displayName', 'memberships.roleId', 'roles.code', 'roles.permissions', 'roles.dataScope', 'memberships.departmentId', 'departments.path'])
    .where('memberships.userId', '=', userId)
    .where('memberships.companyId', '=', companyId)
    .executeTakeFirstOrThrow();
  return {
    userId,
    userName: m.displayName,
    companyId,
    roleId: m.roleId,
    roleCode: m.code,
    permissions: new Set(JSON.parse(m.permissions) as string[]),
    dataScope: m.dataScope as DataScope,
    departmentId: m.departmentId,
    departmentPath: m.path,
    locale: 'zh-CN',
    requestId,
  };
}
