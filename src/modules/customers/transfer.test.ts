import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/fixtures/app.ts';
import { makeCompany, makeDepartment, makeUser, type TestCompany, type TestUser } from '../../../test/fixtures/factories.ts';
import { makeCustomer, makeCustomers } from './ownership.fixtures.ts';

let t: TestApp;
let company: TestCompany;
let manager: TestUser;
let deptA: number;

beforeAll(async () => {
  t = await createTestApp();
  company = await makeCompany(t.db);
  deptA = await makeDepartment(t.db, company, { name: '昆明一部' });
  manager = await makeUser(t.db, company, { roleCode: 'manager', departmentId: deptA, displayName: '刘经理' });
});
afterAll(() => t.close());

const count = async (ownerId: number) =>
  Number((await t.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).where('ownerId', '=', ownerId).executeTakeFirstOrThrow()).n);

describe('transferring a leaving rep’s customers (客户转移)', () => {
  it('moves all of them in one go, with a move and an audit entry per customer and one notice to each rep', async () => {
    const leaving = await makeUser(t.db, company, { departmentId: deptA, displayName: '离职张' });
    const receiver = await makeUser(t.db, company, { departmentId: deptA, displayName: '接手李' });
    await makeCustomers(t.db, company, 1200, { ownerId: leaving.id });
    await makeCustomer(t.db, company, { ownerId: receiver.id });
    const c = await t.login(manager);
    const reps = await c.get('/api/customers/transfer/reps');
    expect(reps.body.find((r: { id: number }) => r.id === leaving.id)).toMatchObject({ displayName: '离职张', customerCount: 1200, departmentName: '昆明一部' });
    const picked = await c.get(`/api/customers/transfer/customers?fromUserId=${leaving.id}&pageSize=10`);
    expect(picked.body.total).toBe(1200);
    expect(picked.body.items).toHaveLength(10);

    const res = await c.post('/api/customers/transfer', { fromUserId: leaving.id, toUserId: receiver.id, reason: '张某离职，客户交接' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ moved: 1200, fromUserId: leaving.id, toUserId: receiver.id });
    expect(await count(leaving.id)).toBe(0);
    expect(await count(receiver.id)).toBe(1201);
    const moves = await t.db.selectFrom('customerMoves').selectAll().where('companyId', '=', company.id).where('kind', '=', 'transfer').where('fromUserId', '=', leaving.id).execute();
    expect(moves).toHaveLength(1200);
    expect(moves.every((m) => m.toUserId === receiver.id && m.byUserId === manager.id && m.reason === '张某离职，客户交接')).toBe(true);
    expect(new Set(moves.map((m) => m.customerId)).size).toBe(1200);
    const audit = await t.db.selectFrom('auditLog').select(['entityId', 'before', 'after', 'userId']).where('companyId', '=', company.id).where('action', '=', 'customer.transfer').execute();
    expect(audit).toHaveLength(1200);
    expect(audit.every((a) => a.userId === manager.id && JSON.parse(a.before!).ownerId === leaving.id && JSON.parse(a.after!).ownerId === receiver.id)).toBe(true);
    const sample = await t.db.selectFrom('customers').select(['previousOwnerId', 'ownerSince']).where('id', '=', moves[0].customerId).executeTakeFirstOrThrow();
    expect(sample.previousOwnerId).toBe(leaving.id);
    expect(sample.ownerSince).toBe(moves[0].at);
    const notes = await t.db.selectFrom('notifications').select(['userId', 'title']).where('kind', '=', 'customer.transfer').where('userId', 'in', [leaving.id, receiver.id]).orderBy('userId').execute();
    expect(notes).toEqual([
      { userId: leaving.id, title: '1200 个客户已转给 接手李' },
      { userId: receiver.id, title: '离职张 的 1200 个客户已转给您' },
    ]);
    // nothing left to move
    const again = await c.post('/api/customers/transfer', { fromUserId: leaving.id, toUserId: receiver.id, reason: '再转' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('TRANSFER_NOTHING');
  });

  it('moves only the selected customers, and none when one of them no longer belongs to the rep', async () => {
    const from = await makeUser(t.db, company, { departmentId: deptA });
    const to = await makeUser(t.db, company, { departmentId: deptA });
    const other = await makeUser(t.db, company, { departmentId: deptA });
    const ids = await makeCustomers(t.db, company, 5, { ownerId: from.id });
    const foreign = await makeCustomer(t.db, company, { name: '楚雄彝人酒坊', ownerId: other.id });
    const c = await t.login(manager);
    const bad = await c.post('/api/customers/transfer', { fromUserId: from.id, toUserId: to.id, customerIds: [ids[0], foreign.id], reason: '调整' });
    expect(bad.status).toBe(409);
    expect(bad.body.error.code).toBe('TRANSFER_NOT_OWNED');
    expect(bad.body.error.message).toContain('楚雄彝人酒坊');
    expect(await count(from.id)).toBe(5);
    const ok = await c.post('/api/customers/transfer', { fromUserId: from.id, toUserId: to.id, customerIds: [ids[0], ids[1]], reason: '调整片区' });
    expect(ok.body.moved).toBe(2);
    expect(await count(from.id)).toBe(3);
    expect(await count(to.id)).toBe(2);
  });

  it('keeps both reps within the manager’s scope and refuses reps without the right', async () => {
    const inside = await makeUser(t.db, company, { departmentId: deptA });
    const outsideDept = await makeDepartment(t.db, company);
    const outside = await makeUser(t.db, company, { departmentId: outsideDept });
    await makeCustomer(t.db, company, { ownerId: outside.id });
    await makeCustomer(t.db, company, { ownerId: inside.id });
    const c = await t.login(manager);
    const r1 = await c.post('/api/customers/transfer', { fromUserId: outside.id, toUserId: inside.id, reason: 'x' });
    expect(r1.status).toBe(400);
    expect(r1.body.error.fields[0].path).toBe('fromUserId');
    const r2 = await c.post('/api/customers/transfer', { fromUserId: inside.id, toUserId: outside.id, reason: 'x' });
    expect(r2.body.error.fields[0].path).toBe('toUserId');
    expect((await c.post('/api/customers/transfer', { fromUserId: inside.id, toUserId: inside.id, reason: 'x' })).body.error.code).toBe('TRANSFER_SAME_USER');
    expect((await c.get('/api/customers/transfer/reps')).body.map((r: { id: number }) => r.id)).not.toContain(outside.id);
    expect((await c.get(`/api/customers/transfer/customers?fromUserId=${outside.id}`)).status).toBe(400);
    const rep = await t.login(inside);
    expect((await rep.post('/api/customers/transfer', { fromUserId: inside.id, toUserId: manager.id, reason: 'x' })).status).toBe(403);
    expect(await count(outside.id)).toBe(1);
  });
});
