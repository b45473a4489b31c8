import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/fixtures/app.ts';
import { addMembership, makeCompany, makeUser, type TestCompany, type TestUser } from '../../../test/fixtures/factories.ts';
import { notify } from './service.ts';

let t: TestApp;
let company: TestCompany;
let other: TestCompany;
let rep: TestUser;
let colleague: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  company = await makeCompany(t.db);
  other = await makeCompany(t.db);
  rep = await makeUser(t.db, company, { roleCode: 'rep' });
  colleague = await makeUser(t.db, company, { roleCode: 'rep' });
  await addMembership(t.db, rep.id, other, 'rep');
});
afterAll(() => t.close());

const send = (companyId: number, userId: number, title: string, extra: { entity?: string; entityId?: number; body?: string } = {}) =>
  t.db.transaction().execute((tx) => notify(tx, { companyId, userId, kind: 'test', title, ...extra }));

describe('notifications', () => {
  it('lists only my notifications in my current company, newest first, with the unread count', async () => {
    await send(company.id, rep.id, '客户「北京华东」已分配给您', { entity: 'customer', entityId: 42, body: '由张经理分配' });
    await send(company.id, rep.id, '线索待跟进', { entity: 'lead', entityId: 7 });
    await send(company.id, colleague.id, '同事的通知');
    await send(other.id, rep.id, '另一账套的通知');
    const c = await t.login(rep);
    const list = await c.get('/api/notifications');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(2);
    expect(list.body.items.map((n: any) => n.title)).toEqual(['线索待跟进', '客户「北京华东」已分配给您']);
    expect(list.body.items[1]).toMatchObject({ entity: 'customer', entityId: 42, body: '由张经理分配', readAt: null });
    expect((await c.get('/api/notifications/count')).body).toEqual({ unread: 2 });

    // after switching company, the other company's notification is the only one
    await c.post('/api/auth/company', { companyId: other.id });
    const there = await c.get('/api/notifications');
    expect(there.body.items.map((n: any) => n.title)).toEqual(['另一账套的通知']);
    expect((await c.get('/api/notifications/count')).body).toEqual({ unread: 1 });
  });

  it('marks one read (keeping the first read time), filters by unread, and pages', async () => {
    const u = await makeUser(t.db, company);
    for (let i = 1; i <= 5; i++) await send(company.id, u.id, `通知${i}`);
    const c = await t.login(u);
    const all = await c.get('/api/notifications?pageSize=2&page=2');
    expect(all.body).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(all.body.items.map((n: any) => n.title)).toEqual(['通知3', '通知2']);

    const target = all.body.items[0];
    const r = await c.post(`/api/notifications/${target.id}/read`);
    expect(r.status).toBe(200);
    expect(r.body.readAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const again = await c.post(`/api/notifications/${target.id}/read`);
    expect(again.body.readAt).toBe(r.body.readAt);

    expect((await c.get('/api/notifications/count')).body.unread).toBe(4);
    const unread = await c.get('/api/notifications?unread=1&pageSize=50');
    expect(unread.body.total).toBe(4);
    expect(unread.body.items.some((n: any) => n.id === target.id)).toBe(false);
    const read = await c.get('/api/notifications?unread=0');
    expect(read.body.items.map((n: any) => n.id)).toEqual([target.id]);
  });

  it("cannot read or mark another user's notification, nor one of another company (404)", async () => {
    const a = await makeUser(t.db, company);
    const b = await makeUser(t.db, company);
    await send(company.id, b.id, 'B 的通知');
    await send(other.id, a.id, 'A 在另一账套的通知');
    const bRow = await t.db.selectFrom('notifications').select('id').where('userId', '=', b.id).executeTakeFirstOrThrow();
    const aOther = await t.db.selectFrom('notifications').select('id').where('userId', '=', a.id).executeTakeFirstOrThrow();
    const c = await t.login(a);
    expect((await c.post(`/api/notifications/${bRow.id}/read`)).status).toBe(404);
    // a is not a member of `other`: the notification there is out of reach too
    expect((await c.post(`/api/notifications/${aOther.id}/read`)).status).toBe(404);
    const still = await t.db.selectFrom('notifications').select('readAt').where('id', 'in', [bRow.id, aOther.id]).execute();
    expect(still.every((r) => r.readAt === null)).toBe(true);
  });

  it('marks all of mine read, and only mine', async () => {
    const a = await makeUser(t.db, company);
    const b = await makeUser(t.db, company);
    await send(company.id, a.id, 'A1');
    await send(company.id, a.id, 'A2');
    await send(company.id, b.id, 'B1');
    const c = await t.login(a);
    const r = await c.post('/api/notifications/read-all');
    expect(r.body).toEqual({ updated: 2 });
    expect((await c.get('/api/notifications/count')).body.unread).toBe(0);
    expect((await (await t.login(b)).get('/api/notifications/count')).body.unread).toBe(1);
    expect((await c.post('/api/notifications/read-all')).body).toEqual({ updated: 0 });
  });

  it('notify() sends a repeated recipient once and writes nothing if the transaction rolls back', async () => {
    const u = await makeUser(t.db, company);
    await t.db.transaction().execute((tx) =>
      notify(tx, [
        { companyId: company.id, userId: u.id, kind: 'lead.assigned', title: '新线索', entity: 'lead', entityId: 1 },
        { companyId: company.id, userId: u.id, kind: 'lead.assigned', title: '新线索', entity: 'lead', entityId: 1 },
      ]),
    );
    await expect(
      t.db.transaction().execute(async (tx) => {
        await notify(tx, { companyId: company.id, userId: u.id, kind: 'x', title: '回滚的通知' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    const rows = await t.db.selectFrom('notifications').select('title').where('userId', '=', u.id).execute();
    expect(rows.map((r) => r.title)).toEqual(['新线索']);
  });

  it('requires a login and rejects bad input', async () => {
    expect((await t.anonymous.get('/api/notifications')).status).toBe(401);
    const c = await t.login(rep);
    expect((await c.get('/api/notifications?pageSize=1000')).status).toBe(400);
    expect((await c.post('/api/notifications/abc/read')).status).toBe(400);
  });
});
