import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../fixtures/app.ts';
import { makeCompany, makeUser, TEST_PASSWORD, type TestCompany } from '../fixtures/factories.ts';

let t: TestApp;
let company: TestCompany;
beforeAll(async () => {
  t = await createTestApp();
  company = await makeCompany(t.db);
});
afterAll(() => t.close());

describe('login and session', () => {
  it('logs in, shows who I am, and logs out', async () => {
    const rep = await makeUser(t.db, company, { roleCode: 'rep', displayName: '张三' });
    const c = await t.login(rep);
    const me = await c.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.displayName).toBe('张三');
    expect(me.body.role.code).toBe('rep');
    expect(me.body.permissions).toContain('customer.read');
    expect(me.body.permissions).not.toContain('admin.user');
    expect((await c.post('/api/auth/logout')).status).toBe(200);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  it('sets an HttpOnly SameSite session cookie and security headers', async () => {
    const rep = await makeUser(t.db, company);
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: rep.username, password: TEST_PASSWORD } });
    const cookie = res.cookies.find((x) => x.name === 'sd_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('sends the same security headers on every response, including errors and unknown routes', async () => {
    for (const res of [await t.anonymous.get('/api/auth/me'), await t.anonymous.get('/api/no-such-route'), await t.anonymous.post('/api/auth/login', { username: 'x', password: 'y' })]) {
      expect(res.headers['content-security-policy']).toBe(
        "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';img-src 'self' data: blob:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';upgrade-insecure-requests",
      );
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('refuses a wrong password in Chinese and locks the account after five failures', async () => {
    const rep = await makeUser(t.db, company);
    for (let i = 0; i < 5; i++) {
      const r = await t.anonymous.post('/api/auth/login', { username: rep.username, password: 'wrong-pass1' });
      expect(r.status).toBe(401);
      expect(r.body.error.message).toBe('用户名或密码错误');
    }
    const locked = await t.anonymous.post('/api/auth/login', { username: rep.username, password: TEST_PASSWORD });
    expect(locked.status).toBe(423);
    expect(locked.body.error.code).toBe('ACCOUNT_LOCKED');
    const audit = await t.db.selectFrom('auditLog').selectAll().where('action', '=', 'user.locked').where('entityId', '=', rep.id).execute();
    expect(audit).toHaveLength(1);
  });

  it('rejects a state-changing request without the CSRF token', async () => {
    const rep = await makeUser(t.db, company);
    const c = await t.login(rep);
    const res = await c.request('POST', '/api/auth/locale', { locale: 'en-US' }, { 'x-csrf-token': 'forged' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CSRF_INVALID');
  });

  it('makes a user with a temporary password change it before working', async () => {
    const rep = await makeUser(t.db, company, { mustChangePassword: true });
    const c = await t.login(rep);
    expect((await c.get('/api/admin/users')).body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await c.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'abcdefgh' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.fields[0].path).toBe('newPassword');
    expect((await c.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'NewPassw0rd' })).status).toBe(200);
    expect((await c.get('/api/auth/me')).body.user.mustChangePassword).toBe(false);
    await t.login(rep, 'NewPassw0rd');
  });

  it('switches between the companies a user belongs to, and not to others', async () => {
    const other = await makeCompany(t.db);
    const stranger = await makeCompany(t.db);
    const admin = await makeUser(t.db, company, { roleCode: 'admin' });
    const { addMembership } = await import('../fixtures/factories.ts');
    await addMembership(t.db, admin.id, other, 'rep');
    const c = await t.login(admin);
    expect((await c.get('/api/auth/me')).body.companies).toHaveLength(2);
    expect((await c.post('/api/auth/company', { companyId: other.id })).status).toBe(200);
    const me = await c.get('/api/auth/me');
    expect(me.body.company.id).toBe(other.id);
    expect(me.body.role.code).toBe('rep');
    expect((await c.get('/api/admin/users')).status).toBe(403);
    expect((await c.post('/api/auth/company', { companyId: stranger.id })).status).toBe(404);
  });

  it('reports invalid fields with their paths, in Chinese by default and in English on request', async () => {
    const zh = await t.anonymous.post('/api/auth/login', { username: '', password: 5 });
    expect(zh.status).toBe(400);
    expect(zh.body.error.code).toBe('VALIDATION_FAILED');
    expect(zh.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['password', 'username']);
    for (const f of zh.body.error.fields) expect(f.message).toMatch(/[\u4e00-\u9fff]/);
    const en = await t.anonymous.request('POST', '/api/auth/login', { username: '', password: 5 }, { 'accept-language': 'en-US' });
    for (const f of en.body.error.fields) expect(f.message).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('answers in English when the user switches the language', async () => {
    const rep = await makeUser(t.db, company);
    const c = await t.login(rep);
    await c.post('/api/auth/locale', { locale: 'en-US' });
    const res = await c.get('/api/admin/users');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('You do not have permission to do this');
  });
});
