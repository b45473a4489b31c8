import type { Executor } from '../../db/database.ts';
import { prepared, type Params } from '../../db/prepared.ts';

export const findUserByUsername = (db: Executor, username: string) =>
  db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();

export const findUserById = (db: Executor, id: number) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

// every request reads its session: compiled once (src/db/prepared.ts)
const sessionQuery = prepared((db, p: Params<{ sessionId: string; now: string }>) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .leftJoin('memberships', (j) => j.onRef('memberships.userId', '=', 'sessions.userId').onRef('memberships.companyId', '=', 'sessions.companyId').on('memberships.active', '=', 1))
    .leftJoin('roles', 'roles.id', 'memberships.roleId')
    .leftJoin('departments', 'departments.id', 'memberships.departmentId')
    .leftJoin('companies', 'companies.id', 'sessions.companyId')
    .select([
      'sessions.id as sessionId', 'sessions.csrfToken', 'sessions.companyId',
      'users.id as userId', 'users.displayName', 'users.username', 'users.locale', 'users.active as userActive', 'users.mustChangePassword',
      'memberships.id as membershipId', 'memberships.departmentId',
      'roles.id as roleId', 'roles.code as roleCode', 'roles.name as roleName', 'roles.permissions', 'roles.dataScope',
      'departments.path as departmentPath', 'departments.name as departmentName',
      'companies.name as companyName', 'companies.code as companyCode', 'companies.active as companyActive',
      // the company's settings come with the session: services read them from the context (admin settingsFor)
      'companies.settings as companySettings', 'companies.version as companyVersion',
    ])
    .where('sessions.id', '=', p.sessionId)
    .where('sessions.expiresAt', '>', p.now),
);

/** The session with everything a request context needs, in one query. */
export const findSession = async (db: Executor, sessionId: string, nowIso: string) => (await sessionQuery(db, { sessionId, now: nowIso })).rows[0];

export type SessionRow = NonNullable<Awaited<ReturnType<typeof findSession>>>;

export const companiesOfUser = (db: Executor, userId: number) =>
  db
    .selectFrom('memberships')
    .innerJoin('companies', 'companies.id', 'memberships.companyId')
    .innerJoin('roles', 'roles.id', 'memberships.roleId')
    .select(['companies.id', 'companies.name', 'roles.name as roleName'])
    .where('memberships.userId', '=', userId)
    .where('memberships.active', '=', 1)
    .where('companies.active', '=', 1)
    .orderBy('companies.id')
    .execute();
