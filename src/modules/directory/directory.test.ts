import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/fixtures/app.ts';
import { makeCompany, makeDepartment, makeUser, type TestCompany } from '../../../test/fixtures/factories.ts';

let t: TestApp;
let company: TestCompany;
let other: TestCompany;

beforeAll(async () => {
  t = await createTestApp();
  company = await makeCompany(t.db);
  other = await makeCompany(t.db);
});
afterAll(() => t.close());

describe('directory', () => {
  it('finds colleagues of my company by name, full pinyin and initials; never other companies', async () => {
    const east = await makeDepartment(t.db, company, { name: '华东销售部' });
    const zhang = await makeUser(t.db, company, { displayName: '张伟', departmentId: east, roleCode: 'rep' });
    await makeUser(t.db, company, { displayName: '李娜', roleCode: 'clerk' });
    await makeUser(t.db, other, { displayName: '张伟伟' });
    const c = await t.login(zhang);
    for (const q of ['张', 'zhangwei', 'zw']) {
      const r = await c.get(`/api/directory/users?q=${encodeURIComponent(q)}`);
      expect(r.status).toBe(200);
      expect(r.body.map((u: any) => u.displayName)).toEqual(['张伟']);
    }
    const r = await c.get('/api/directory/users?q=zw');
    expect(r.body[0]).toEqual({ id: zhang.id, displayName: '张伟', departmentId: east, departmentName: '华东销售部', roleCode: 'rep', roleName: '销售代表' });
    // no contact details or account state leak through the directory
    expect(Object.keys(r.body[0]).sort()).toEqual(['departmentId', 'departmentName', 'displayName', 'id', 'roleCode', 'roleName']);
    const li = await c.get(`/api/directory/users?q=${encodeURIComponent('ln')}`);
    expect(li.body.map((u: any) => u.roleName)).toEqual(['销售内勤']);
  });

  it('filters by department (with or without the departments below) and returns given ids', async () => {
    const top = await makeDepartment(t.db, company, { name: '销售一部' });
    const sub = await makeDepartment(t.db, company, { name: '一部二组', parentId: top });
    const a = await makeUser(t.db, company, { displayName: '王一', departmentId: top });
    const b = await makeUser(t.db, company, { displayName: '王二', departmentId: sub });
    const c = await t.login(a);
    expect((await c.get(`/api/directory/users?departmentId=${top}`)).body.map((u: any) => u.id)).toEqual([a.id]);
    const tree = (await c.get(`/api/directory/users?departmentId=${top}&subtree=1`)).body.map((u: any) => u.id).sort();
    expect(tree).toEqual([a.id, b.id].sort());
    const stranger = await makeUser(t.db, other, { displayName: '王三' });
    const byIds = await c.get(`/api/directory/users?ids=${b.id},${stranger.id}`);
    expect(byIds.body.map((u: any) => u.id)).toEqual([b.id]);
  });

  it('leaves out deactivated members', async () => {
    const gone = await makeUser(t.db, company, { displayName: '离职员工赵' });
    await t.db.updateTable('memberships').set({ active: 0 }).where('userId', '=', gone.id).execute();
    const c = await t.login(await makeUser(t.db, company));
    expect((await c.get(`/api/directory/users?q=${encodeURIComponent('离职')}`)).body).toEqual([]);
  });

  it('gives the department tree of my company', async () => {
    const co = await makeCompany(t.db, { name: '树测试公司' });
    const a = await makeDepartment(t.db, co, { name: '销售部' });
    const a1 = await makeDepartment(t.db, co, { name: '直销组', parentId: a });
    await makeDepartment(t.db, co, { name: '财务部' });
    const u = await makeUser(t.db, co, { departmentId: a1 });
    const c = await t.login(u);
    const r = await c.get('/api/directory/departments');
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(1); // the company's root department
    const root = r.body[0];
    expect(root.children.map((d: any) => d.name).sort()).toEqual(['财务部', '销售部']);
    const sales = root.children.find((d: any) => d.name === '销售部');
    expect(sales.children).toEqual([{ id: a1, name: '直销组', parentId: a, memberCount: 1, children: [] }]);
  });

  it('requires a login', async () => {
    expect((await t.anonymous.get('/api/directory/users')).status).toBe(401);
    expect((await t.anonymous.get('/api/directory/departments')).status).toBe(401);
  });
});
