import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/fixtures/app.ts';
import { makeCompany, makeUser, type TestCompany } from '../../../test/fixtures/factories.ts';
import { sealAudit, verifyAudit } from '../../platform/audit/audit.ts';
import { builtinRoles } from '../../platform/permissions/catalog.ts';
import { syncBuiltinRoles } from './service.ts';

let t: TestApp;
let company: TestCompany;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  company = await makeCompany(t.db);
  admin = await t.login(await makeUser(t.db, company, { roleCode: 'admin' }));
});
afterAll(() => t.close());

describe('administration', () => {
  it('creates a company with the built-in roles; the creator administers it', async () => {
    const res = await admin.post('/api/admin/companies', { code: 'SC', name: '滇源商超有限公司' });
    expect(res.status).toBe(200);
    await admin.post('/api/auth/company', { companyId: res.body.id });
    const roles = await admin.get('/api/admin/roles');
    expect(roles.body.map((r: { code: string }) => r.code)).toEqual(['rep', 'manager', 'clerk', 'warehouse', 'finance', 'legal', 'gm', 'service', 'admin']);
    const dup = await admin.post('/api/admin/companies', { code: 'SC', name: '重复' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields[0].path).toBe('code');
    await admin.post('/api/auth/company', { companyId: company.id });
  });

  it('keeps departments as a tree and moves a subtree', async () => {
    const a = (await admin.post('/api/admin/departments', { name: '销售一部' })).body.id;
    const a1 = (await admin.post('/api/admin/departments', { name: '一部一组', parentId: a })).body.id;
    const b = (await admin.post('/api/admin/departments', { name: '销售二部' })).body.id;
    let list = (await admin.get('/api/admin/departments')).body as { id: number; path: string; version: number }[];
    const dA = list.find((d) => d.id === a)!;
    expect(list.find((d) => d.id === a1)!.path).toBe(`${dA.path}${a1}/`);
    expect((await admin.put(`/api/admin/departments/${a}`, { name: '销售一部', parentId: a1, version: dA.version })).status).toBe(400);
    expect((await admin.put(`/api/admin/departments/${a}`, { name: '销售一部', parentId: b, version: dA.version })).status).toBe(200);
    list = (await admin.get('/api/admin/departments')).body;
    const dB = list.find((d) => d.id === b)!;
    expect(list.find((d) => d.id === a1)!.path).toBe(`${dB.path}${a}/${a1}/`);
    expect((await admin.put(`/api/admin/departments/${a}`, { name: '旧版本', parentId: b, version: dA.version })).status).toBe(409);
  });

  it('creates a user who must change the password, finds them by pinyin, and disables them', async () => {
    const created = await admin.post('/api/admin/users', { username: 'liqiang', displayName: '李强', password: 'Init1234', roleId: company.roleIds.rep });
    expect(created.status).toBe(200);
    // the role's code beside its name: the web shows a built-in role's name in the user's language
    expect(created.body).toMatchObject({ roleCode: 'rep', roleName: '销售代表' });
    expect((await admin.post('/api/admin/users', { username: 'liqiang', displayName: '李强2', password: 'Init1234', roleId: company.roleIds.rep })).status).toBe(409);
    expect((await admin.post('/api/admin/users', { username: 'weak', displayName: '弱', password: 'abcdefgh', roleId: company.roleIds.rep })).status).toBe(400);
    for (const q of ['李强', 'liqiang', 'lq']) {
      const found = await admin.get(`/api/admin/users?q=${encodeURIComponent(q)}`);
      expect(found.body.items.map((u: { username: string }) => u.username)).toContain('liqiang');
    }
    const rep = await t.login('liqiang', 'Init1234');
    expect((await rep.get('/api/auth/me')).body.user.mustChangePassword).toBe(true);
    const u = created.body;
    const off = await admin.put(`/api/admin/users/${u.id}`, { displayName: '李强', roleId: u.roleId, departmentId: u.departmentId, active: false, version: u.version });
    expect(off.status).toBe(200);
    expect((await rep.get('/api/auth/me')).status).toBe(401); // the session ended with the change
  });

  it('copies a built-in role; built-in roles cannot be changed', async () => {
    const roles = (await admin.get('/api/admin/roles')).body as { id: number; code: string; permissions: string[]; version: number; builtin: boolean }[];
    const rep = roles.find((r) => r.code === 'rep')!;
    expect((await admin.put(`/api/admin/roles/${rep.id}`, { name: 'x', dataScope: 'company', permissions: [], version: rep.version })).status).toBe(409);
    const copy = await admin.post('/api/admin/roles', { code: 'senior_rep', name: '高级销售代表', dataScope: 'dept', permissions: [...rep.permissions, 'customer.transfer'] });
    expect(copy.status).toBe(200);
    expect(copy.body.builtin).toBe(false);
    expect((await admin.post('/api/admin/roles', { code: 'bad', name: 'x', dataScope: 'own', permissions: ['no.such'] })).status).toBe(400);
  });

  it('brings built-in roles of existing companies up to the catalog at start-up, and logs it', async () => {
    const rep = await t.db.selectFrom('roles').select(['id', 'version']).where('companyId', '=', company.id).where('code', '=', 'rep').executeTakeFirstOrThrow();
    // a company created by an older release: its rep role lacks the order permissions
    await t.db.updateTable('roles').set({ permissions: JSON.stringify(['customer.read']) }).where('id', '=', rep.id).execute();
    expect(await syncBuiltinRoles(t.db)).toBe(1);
    const after = await t.db.selectFrom('roles').select(['permissions', 'version']).where('id', '=', rep.id).executeTakeFirstOrThrow();
    expect(JSON.parse(after.permissions)).toEqual(builtinRoles.find((r) => r.code === 'rep')!.permissions);
    expect(after.version).toBe(rep.version + 1);
    const logged = await t.db.selectFrom('auditLog').select('action').where('entity', '=', 'role').where('entityId', '=', rep.id).execute();
    expect(logged.map((l) => l.action)).toContain('role.sync');
    expect(await syncBuiltinRoles(t.db)).toBe(0);
  });

  it('changes a numbering rule and refuses a pattern without a sequence', async () => {
    expect((await admin.put('/api/admin/number-rules/customer', { pattern: 'KH{YYYY}', reset: 'year' })).status).toBe(400);
    expect((await admin.put('/api/admin/number-rules/customer', { pattern: 'C{YY}{MM}-{SEQ:4}', reset: 'month' })).status).toBe(200);
    const rules = (await admin.get('/api/admin/number-rules')).body as { docType: string; example: string; custom: boolean }[];
    const rule = rules.find((r) => r.docType === 'customer')!;
    expect(rule.custom).toBe(true);
    expect(rule.example).toMatch(/^C\d{4}-0001$/);
  });

  it('keeps pool settings with a version and logs every write in an intact audit chain', async () => {
    const s = (await admin.get('/api/admin/settings')).body;
    expect(s.settings.pool.noFollowupDays).toBe(30);
    const next = { ...s.settings, pool: { ...s.settings.pool, noFollowupDays: 15 } };
    expect((await admin.put('/api/admin/settings', { settings: next, version: s.version })).status).toBe(200);
    expect((await admin.put('/api/admin/settings', { settings: next, version: s.version })).status).toBe(409);
    // holds: a firm hold's extensions cannot end before its sign-by days
    const cur = (await admin.get('/api/admin/settings')).body;
    const bad = await admin.put('/api/admin/settings', { settings: { ...cur.settings, holds: { holdDays: 3, signDays: 10, extensionDays: 5 } }, version: cur.version });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toContainEqual({ path: 'settings.holds.extensionDays', message: '延期最晚天数不能少于签约付款天数' });
    const audit = await admin.get('/api/admin/audit?entity=company');
    expect(audit.body.items[0].action).toBe('company.settings');
    await sealAudit(t.db);
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });

  it('shows another company nothing', async () => {
    const other = await makeCompany(t.db);
    const otherRep = await makeUser(t.db, other);
    expect((await admin.put(`/api/admin/users/${otherRep.id}`, { displayName: 'x', roleId: company.roleIds.rep, active: true, version: 1 })).status).toBe(404);
    expect((await admin.put(`/api/admin/departments/${other.rootDepartmentId}`, { name: 'x', version: 1 })).status).toBe(404);
    expect((await admin.put(`/api/admin/companies/${other.id}`, { name: 'x', version: 1 })).status).toBe(404);
  });
});
