import type { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { diff, writeAudit } from '../../platform/audit/audit.ts';
import { notFound, platformError, staleVersion } from '../../platform/errors/app-error.ts';
import { actorOf, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { isoNow } from '../../platform/time.ts';
import * as repo from './repo.ts';
import type { roleBody, roleUpdateBody } from './schema.ts';

type RoleRow = NonNullable<Awaited<ReturnType<typeof repo.roleById>>>;
const roleOut = (r: RoleRow & { memberCount?: number | null }) => ({
  id: r.id, code: r.code, name: r.name, dataScope: r.dataScope as 'own' | 'dept' | 'company', permissions: JSON.parse(r.permissions) as string[],
  builtin: r.builtin === 1, version: r.version, memberCount: Number(r.memberCount ?? 0),
});

export async function listRoles(db: Db, ctx: RequestContext) {
  requirePermission(ctx, 'admin.role');
  return (await repo.rolesOf(db, ctx.companyId)).map(roleOut);
}

export async function createRole(db: Db, ctx: RequestContext, body: z.infer<typeof roleBody>) {
  requirePermission(ctx, 'admin.role');
  return db.transaction().execute(async (tx) => {
    if (await repo.roleByCode(tx, ctx.companyId, body.code)) throw platformError('CODE_TAKEN', { code: body.code }, [{ path: 'code', message: '编码已被使用' }]);
    const row = await tx
      .insertInto('roles')
      .values({ companyId: ctx.companyId, code: body.code, name: body.name, dataScope: body.dataScope, permissions: JSON.stringify([...new Set(body.permissions)]), builtin: 0, createdAt: isoNow() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(tx, actorOf(ctx), { action: 'role.create', entity: 'role', entityId: row.id, after: body });
    return roleOut((await repo.roleById(tx, ctx.companyId, row.id))!);
  });
}

/** Built-in roles are templates: they are copied (create with their permissions), never changed. */
export async function updateRole(db: Db, ctx: RequestContext, id: number, body: z.infer<typeof roleUpdateBody>) {
  requirePermission(ctx, 'admin.role');
  return db.transaction().execute(async (tx) => {
    const role = await repo.roleById(tx, ctx.companyId, id);
    if (!role) throw notFound();
    if (role.builtin === 1) throw platformError('CONFLICT', { reason: '内置角色不能修改，请复制后再改' });
    if (role.version !== body.version) throw staleVersion();
    const next = { name: body.name, dataScope: body.dataScope, permissions: JSON.stringify([...new Set(body.permissions)]) };
    await tx.updateTable('roles').set({ ...next, version: body.version + 1 }).where('id', '=', id).execute();
    await writeAudit(tx, actorOf(ctx), { action: 'role.update', entity: 'role', entityId: id, ...diff(role as Record<string, unknown>, next) });
    return roleOut((await repo.roleById(tx, ctx.companyId, id))!);
  });
}
