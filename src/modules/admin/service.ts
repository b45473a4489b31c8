import type { z } from 'zod';
import type { Db, Executor, Tx } from '../../db/database.ts';
import { prepared, type Params } from '../../db/prepared.ts';
import { diff, writeAudit, type Actor } from '../../platform/audit/audit.ts';
import { notFound, platformError, staleVersion } from '../../platform/errors/app-error.ts';
import { builtinRoles } from '../../platform/permissions/catalog.ts';
import { actorOf, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { isoNow } from '../../platform/time.ts';
import * as repo from './repo.ts';
import { companySettings, type CompanySettings, type companyBody, type companyUpdateBody, type departmentBody, type departmentUpdateBody } from './schema.ts';

export { createUser, listUsers, resetUserPassword, updateUser, unlockUser } from './users.ts';
export { createRole, listRoles, updateRole } from './roles.ts';
export { listNumberRules, updateNumberRule } from './numbering.ts';

const companyOut = (c: NonNullable<Awaited<ReturnType<typeof repo.companyById>>>) => ({
  id: c.id, code: c.code, name: c.name, shortName: c.shortName, taxId: c.taxId, address: c.address, phone: c.phone, active: c.active === 1, version: c.version,
});

/** A new company with the built-in roles and a root department. Used by the admin page, first start and tests. */
export async function bootstrapCompany(tx: Tx, input: z.infer<typeof companyBody>, actor: Actor) {
  const now = isoNow();
  const exists = await tx.selectFrom('companies').select('id').where('code', '=', input.code).executeTakeFirst();
  if (exists) throw platformError('CODE_TAKEN', { code: input.code }, [{ path: 'code', message: '编码已被使用' }]);
  const company = await tx
    .insertInto('companies')
    .values({ ...input, shortName: input.shortName ?? null, taxId: input.taxId ?? null, address: input.address ?? null, phone: input.phone ?? null, settings: JSON.stringify(companySettings.parse({})), createdAt: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const roleIds: Record<string, number> = {};
  for (const role of builtinRoles) {
    const row = await tx
      .insertInto('roles')
      .values({ companyId: company.id, code: role.code, name: role.name, dataScope: role.dataScope, permissions: JSON.stringify(role.permissions), builtin: 1, createdAt: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    roleIds[role.code] = row.id;
  }
  const dept = await tx.insertInto('departments').values({ companyId: company.id, name: input.shortName ?? input.name, path: '/', createdAt: now }).returning('id').executeTakeFirstOrThrow();
  await tx.updateTable('departments').set({ path: `/${dept.id}/` }).where('id', '=', dept.id).execute();
  await writeAudit(tx, { ...actor, companyId: company.id }, { action: 'company.create', entity: 'company', entityId: company.id, after: input });
  return { companyId: company.id, roleIds, rootDepartmentId: dept.id };
}

/**
 * Built-in roles are read-only templates of the catalog (an admin copies them to change them), so when
 * a release adds permissions to a built-in role, every company's copy follows at start-up. Logged.
 */
export async function syncBuiltinRoles(db: Db): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const rows = await tx.selectFrom('roles').select(['id', 'companyId', 'code', 'permissions', 'dataScope']).where('builtin', '=', 1).execute();
    let changed = 0;
    for (const row of rows) {
      const role = builtinRoles.find((r) => r.code === row.code);
      if (!role) continue;
      const permissions = JSON.stringify(role.permissions);
      if (row.permissions === permissions && row.dataScope === role.dataScope) continue;
      await tx.updateTable('roles').set((eb) => ({ permissions, dataScope: role.dataScope, version: eb('version', '+', 1) })).where('id', '=', row.id).execute();
      await writeAudit(tx, { userId: null, companyId: row.companyId }, {
        action: 'role.sync', entity: 'role', entityId: row.id,
        before: { permissions: JSON.parse(row.permissions), dataScope: row.dataScope }, after: { permissions: role.permissions, dataScope: role.dataScope },
      });
      changed++;
    }
    return changed;
  });
}

export async function listCompanies(db: Db, ctx: RequestContext) {
  requirePermission(ctx, 'admin.company');
  return (await repo.companiesForUser(db, ctx.userId)).map(companyOut);
}

/** The creator becomes the new company's administrator, so someone can work in it at once. */
export async function createCompany(db: Db, ctx: RequestContext, body: z.infer<typeof companyBody>) {
  requirePermission(ctx, 'admin.company');
  return db.transaction().execute(async (tx) => {
    const { companyId, roleIds, rootDepartmentId } = await bootstrapCompany(tx, body, actorOf(ctx));
    await tx.insertInto('memberships').values({ userId: ctx.userId, companyId, roleId: roleIds.admin, departmentId: rootDepartmentId, createdAt: isoNow() }).execute();
    return companyOut((await repo.companyById(tx, companyId))!);
  });
}

/** An administrator edits the companies they belong to. */
export async function updateCompany(db: Db, ctx: RequestContext, id: number, body: z.infer<typeof companyUpdateBody>) {
  requirePermission(ctx, 'admin.company');
  return db.transaction().execute(async (tx) => {
    const mine = (await repo.companiesForUser(tx, ctx.userId)).find((c) => c.id === id);
    if (!mine) throw notFound();
    if (mine.version !== body.version) throw staleVersion();
    const { version, active, ...fields } = body;
    const next = { ...fields, active: active === undefined ? mine.active : Number(active) };
    await tx.updateTable('companies').set({ ...next, version: version + 1 }).where('id', '=', id).execute();
    const d = diff(mine as Record<string, unknown>, next);
    await writeAudit(tx, { ...actorOf(ctx), companyId: id }, { action: 'company.update', entity: 'company', entityId: id, ...d });
    return companyOut((await repo.companyById(tx, id))!);
  });
}

// The company's settings row, compiled once (src/db/prepared.ts): read on hot paths (allocation, ledger, statements).
const settingsRow = prepared((db, p: Params<{ id: number }>) => db.selectFrom('companies').select(['settings', 'version']).where('id', '=', p.id));

// Parsing the settings with zod costs ~1 ms; the parse is a pure function of the stored text, so it is
// kept per company together with the text it came from. Every call still reads the row (in the
// caller's transaction), so a change by an admin — or a rolled-back one — is seen at once: another
// text is parsed again. The cached object is frozen through and through and handed out as it is (a
// copy per call cost ~35 µs on order entry): a caller that wants other settings builds a new object.
const parsedSettings = new Map<number, { text: string; settings: CompanySettings }>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Test hook: how many parses the settings cache saved/did (to test that it is used and invalidated). */
export const settingsCacheStats = { hits: 0, parses: 0 };

export async function readSettings(db: Executor, companyId: number): Promise<{ settings: CompanySettings; version: number }> {
  const c = (await settingsRow(db, { id: companyId })).rows[0];
  if (!c) throw notFound();
  return parsedFrom(companyId, c.settings, c.version);
}

/**
 * The settings of the request's company: those its session read at the start of the request (one query
 * fewer; src/server/auth/repo.ts), else read now. Services outside a transaction use this; a
 * transaction that must see the settings as they are inside it uses readSettings.
 */
export async function settingsFor(db: Executor, ctx: RequestContext): Promise<{ settings: CompanySettings; version: number }> {
  const known = ctx.companySettings;
  return known ? parsedFrom(ctx.companyId, known.text, known.version) : readSettings(db, ctx.companyId);
}

function parsedFrom(companyId: number, text: string, version: number): { settings: CompanySettings; version: number } {
  const cached = parsedSettings.get(companyId);
  if (cached && cached.text === text) {
    settingsCacheStats.hits++;
    return { settings: cached.settings, version };
  }
  settingsCacheStats.parses++;
  const settings = deepFreeze(companySettings.parse(JSON.parse(text)));
  if (parsedSettings.size >= 1000) parsedSettings.clear(); // many test databases in one process: keep it small
  parsedSettings.set(companyId, { text, settings });
  return { settings, version };
}

export async function getSettings(db: Db, ctx: RequestContext) {
  requirePermission(ctx, 'admin.settings');
  return readSettings(db, ctx.companyId); // the form shows what is stored now
}

export async function updateSettings(db: Db, ctx: RequestContext, settings: CompanySettings, version: number) {
  requirePermission(ctx, 'admin.settings');
  return db.transaction().execute(async (tx) => {
    const before = await readSettings(tx, ctx.companyId);
    if (before.version !== version) throw staleVersion();
    await tx.updateTable('companies').set({ settings: JSON.stringify(settings), version: version + 1 }).where('id', '=', ctx.companyId).execute();
    await writeAudit(tx, actorOf(ctx), { action: 'company.settings', entity: 'company', entityId: ctx.companyId, before: before.settings, after: settings });
    return { settings, version: version + 1 };
  });
}

const deptOut = (d: Awaited<ReturnType<typeof repo.departmentsOf>>[number]) => ({ ...d, active: d.active === 1, memberCount: Number(d.memberCount ?? 0) });

export async function listDepartments(db: Db, ctx: RequestContext) {
  requirePermission(ctx, 'admin.department');
  return (await repo.departmentsOf(db, ctx.companyId)).map(deptOut);
}

async function parentPath(tx: Executor, companyId: number, parentId: number | null | undefined): Promise<string> {
  if (!parentId) return '/';
  const parent = await repo.departmentById(tx, companyId, parentId);
  if (!parent) throw platformError('VALIDATION_FAILED', {}, [{ path: 'parentId', message: '上级部门不存在' }]);
  return parent.path;
}

export async function createDepartment(db: Db, ctx: RequestContext, body: z.infer<typeof departmentBody>) {
  requirePermission(ctx, 'admin.department');
  return db.transaction().execute(async (tx) => {
    const base = await parentPath(tx, ctx.companyId, body.parentId);
    const row = await tx
      .insertInto('departments')
      .values({ companyId: ctx.companyId, name: body.name, code: body.code ?? null, parentId: body.parentId ?? null, managerUserId: body.managerUserId ?? null, path: base, createdAt: isoNow() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.updateTable('departments').set({ path: `${base}${row.id}/` }).where('id', '=', row.id).execute();
    await writeAudit(tx, actorOf(ctx), { action: 'department.create', entity: 'department', entityId: row.id, after: body });
    return row;
  });
}

/** Moving a department moves its whole subtree: every path under it is rewritten. */
export async function updateDepartment(db: Db, ctx: RequestContext, id: number, body: z.infer<typeof departmentUpdateBody>) {
  requirePermission(ctx, 'admin.department');
  return db.transaction().execute(async (tx) => {
    const dept = await repo.departmentById(tx, ctx.companyId, id);
    if (!dept) throw notFound();
    if (dept.version !== body.version) throw staleVersion();
    const base = await parentPath(tx, ctx.companyId, body.parentId);
    if (base.startsWith(dept.path)) throw platformError('VALIDATION_FAILED', {}, [{ path: 'parentId', message: '不能把部门移到它自己或其下级之下' }]);
    const newPath = `${base}${id}/`;
    const next = { name: body.name, code: body.code ?? null, parentId: body.parentId ?? null, managerUserId: body.managerUserId ?? null, active: body.active === undefined ? dept.active : Number(body.active) };
    await tx.updateTable('departments').set({ ...next, version: body.version + 1 }).where('id', '=', id).execute();
    if (newPath !== dept.path) {
      const subtree = await tx.selectFrom('departments').select(['id', 'path']).where('companyId', '=', ctx.companyId).where('path', 'like', `${dept.path}%`).execute();
      for (const d of subtree) await tx.updateTable('departments').set({ path: newPath + d.path.slice(dept.path.length) }).where('id', '=', d.id).execute();
    }
    await writeAudit(tx, actorOf(ctx), { action: 'department.update', entity: 'department', entityId: id, ...diff(dept as Record<string, unknown>, next) });
  });
}

export async function listAuditLog(db: Db, ctx: RequestContext, q: Parameters<typeof repo.listAudit>[2]) {
  requirePermission(ctx, 'audit.read');
  return { ...(await repo.listAudit(db, ctx.companyId, q)), page: q.page, pageSize: q.pageSize };
}
