import type { z } from 'zod';
import type { Db, Executor } from '../../db/database.ts';
import { diff, writeAudit } from '../../platform/audit/audit.ts';
import { notFound, platformError, staleVersion } from '../../platform/errors/app-error.ts';
import { actorOf, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { searchKey } from '../../platform/pinyin.ts';
import { isoNow } from '../../platform/time.ts';
import { assertStrongPassword, hashPassword } from '../../server/auth/passwords.ts';
import { endSessionsOf } from '../../server/auth/service.ts';
import * as repo from './repo.ts';
import type { resetPasswordBody, userCreateBody, userListQuery, userUpdateBody } from './schema.ts';

type Member = NonNullable<Awaited<ReturnType<typeof repo.memberById>>>;
const memberOut = (m: Omit<Member, 'membershipId'>) => ({ ...m, active: m.active === 1 });

export async function listUsers(db: Db, ctx: RequestContext, q: z.infer<typeof userListQuery>) {
  requirePermission(ctx, 'admin.user');
  const { items, total } = await repo.listMembers(db, ctx.companyId, q);
  return { items: items.map(memberOut), total, page: q.page, pageSize: q.pageSize };
}

async function assertRoleAndDept(db: Executor, companyId: number, roleId: number, departmentId: number | null | undefined) {
  if (!(await repo.roleById(db, companyId, roleId))) throw platformError('VALIDATION_FAILED', {}, [{ path: 'roleId', message: '角色不存在' }]);
  if (departmentId && !(await repo.departmentById(db, companyId, departmentId))) throw platformError('VALIDATION_FAILED', {}, [{ path: 'departmentId', message: '部门不存在' }]);
}

/**
 * Adds a user to the current company. A username that exists already (a colleague from another
 * company of the group) is refused: adding existing users to a company is a separate, later step.
 */
export async function createUser(db: Db, ctx: RequestContext, body: z.infer<typeof userCreateBody>) {
  requirePermission(ctx, 'admin.user');
  try {
    assertStrongPassword(body.password);
  } catch {
    throw platformError('PASSWORD_WEAK', {}, [{ path: 'password', message: '密码至少 8 位，且须同时包含字母和数字' }]);
  }
  const passwordHash = await hashPassword(body.password);
  return db.transaction().execute(async (tx) => {
    await assertRoleAndDept(tx, ctx.companyId, body.roleId, body.departmentId);
    const taken = await tx.selectFrom('users').select('id').where('username', '=', body.username).executeTakeFirst();
    if (taken) throw platformError('USERNAME_TAKEN', { username: body.username }, [{ path: 'username', message: '用户名已被使用' }]);
    const now = isoNow();
    const user = await tx
      .insertInto('users')
      .values({ username: body.username, displayName: body.displayName, passwordHash, phone: body.phone ?? null, email: body.email ?? null, mustChangePassword: 1, searchKey: searchKey(body.displayName, body.username), createdAt: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('memberships').values({ userId: user.id, companyId: ctx.companyId, roleId: body.roleId, departmentId: body.departmentId ?? null, createdAt: now }).execute();
    const { password: _omit, ...after } = body;
    await writeAudit(tx, actorOf(ctx), { action: 'user.create', entity: 'user', entityId: user.id, after });
    return memberOut((await repo.memberById(tx, ctx.companyId, user.id))!);
  });
}

export async function updateUser(db: Db, ctx: RequestContext, userId: number, body: z.infer<typeof userUpdateBody>) {
  requirePermission(ctx, 'admin.user');
  return db.transaction().execute(async (tx) => {
    const member = await repo.memberById(tx, ctx.companyId, userId);
    if (!member) throw notFound();
    if (member.version !== body.version) throw staleVersion();
    await assertRoleAndDept(tx, ctx.companyId, body.roleId, body.departmentId);
    if (userId === ctx.userId && !body.active) throw platformError('CONFLICT', { reason: '不能停用自己的账号' });
    const userFields = { displayName: body.displayName, phone: body.phone ?? null, email: body.email ?? null };
    const memberFields = { roleId: body.roleId, departmentId: body.departmentId ?? null, active: Number(body.active) };
    await tx.updateTable('users').set({ ...userFields, searchKey: searchKey(body.displayName, member.username) }).where('id', '=', userId).execute();
    await tx.updateTable('memberships').set({ ...memberFields, version: body.version + 1 }).where('id', '=', member.membershipId).execute();
    // a disabled member or a changed role takes effect at once: their sessions in this company end
    if (!body.active || body.roleId !== member.roleId) await endSessionsOf(tx, userId, ctx.companyId);
    await writeAudit(tx, actorOf(ctx), { action: 'user.update', entity: 'user', entityId: userId, ...diff(member as Record<string, unknown>, { ...userFields, ...memberFields }) });
    return memberOut((await repo.memberById(tx, ctx.companyId, userId))!);
  });
}

export async function resetUserPassword(db: Db, ctx: RequestContext, userId: number, body: z.infer<typeof resetPasswordBody>) {
  requirePermission(ctx, 'admin.user');
  try {
    assertStrongPassword(body.password);
  } catch {
    throw platformError('PASSWORD_WEAK', {}, [{ path: 'password', message: '密码至少 8 位，且须同时包含字母和数字' }]);
  }
  const passwordHash = await hashPassword(body.password);
  await db.transaction().execute(async (tx) => {
    if (!(await repo.memberById(tx, ctx.companyId, userId))) throw notFound();
    await tx.updateTable('users').set({ passwordHash, mustChangePassword: 1, failedLogins: 0, lockedUntil: null }).where('id', '=', userId).execute();
    await endSessionsOf(tx, userId);
    await writeAudit(tx, actorOf(ctx), { action: 'user.reset_password', entity: 'user', entityId: userId });
  });
}

export async function unlockUser(db: Db, ctx: RequestContext, userId: number) {
  requirePermission(ctx, 'admin.user');
  await db.transaction().execute(async (tx) => {
    if (!(await repo.memberById(tx, ctx.companyId, userId))) throw notFound();
    await tx.updateTable('users').set({ failedLogins: 0, lockedUntil: null }).where('id', '=', userId).execute();
    await writeAudit(tx, actorOf(ctx), { action: 'user.unlock', entity: 'user', entityId: userId });
  });
}
