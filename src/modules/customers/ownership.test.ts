import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/fixtures/app.ts';
import { makeCompany, makeDepartment, makeUser, type TestCompany, type TestUser } from '../../../test/fixtures/factories.ts';
import { makeCustomer, setDepartmentManager } from './ownership.fixtures.ts';

let t: TestApp;
let company: TestCompany;
// 一部 (east): manager 东经理, reps 东一 东二; 二部 (west): manager 西经理, rep 西一; 三部: manager 南经理 (unrelated)
let east: { manager: TestUser; rep1: TestUser; rep2: TestUser };
let west: { manager: TestUser; rep1: TestUser; rep2: TestUser };
let southManager: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  company = await makeCompany(t.db);
  const [d1, d2, d3] = [await makeDepartment(t.db, company, { name: '一部' }), await makeDepartment(t.db, company, { name: '二部' }), await makeDepartment(t.db, company, { name: '三部' })];
  const user = (departmentId: number, displayName: string, roleCode = 'rep') => makeUser(t.db, company, { departmentId, displayName, roleCode });
  east = { manager: await user(d1, '东经理', 'manager'), rep1: await user(d1, '东一'), rep2: await user(d1, '东二') };
  west = { manager: await user(d2, '西经理', 'manager'), rep1: await user(d2, '西一'), rep2: await user(d2, '西二') };
  southManager = await user(d3, '南经理', 'manager');
  await setDepartmentManager(t.db, d1, east.manager.id);
  await setDepartmentManager(t.db, d2, west.manager.id);
  await setDepartmentManager(t.db, d3, southManager.id);
});
afterAll(() => t.close());

const notesOf = (userId: number, entityId: number) =>
  t.db.selectFrom('notifications').select(['kind', 'title', 'body']).where('userId', '=', userId).where('entity', '=', 'ownership_request').where('entityId', '=', entityId).orderBy('id').execute();

async function submit(rep: TestUser, customerId: number, reason = '该客户是我去年在糖酒会上开发的，有跟进记录') {
  const res = await (await t.login(rep)).post('/api/ownership-requests', { customerId, reason });
  expect(res.status).toBe(200);
  return res.body;
}

describe('ownership requests (客户归属申请)', () => {
  it('files a numbered request for another rep’s customer and tells the owner and the requester’s manager', async () => {
    const cust = await makeCustomer(t.db, company, { name: '曲靖珠江源商贸', ownerId: west.rep1.id });
    const c = await t.login(east.rep1);
    const res = await c.post('/api/ownership-requests', { customerId: cust.id, reason: '客户主动联系我，要求由我负责' });
    expect(res.status).toBe(200);
    expect(res.body.number).toMatch(/^GS\d{6}-\d{4}$/);
    expect(res.body).toMatchObject({ status: 'submitted', customerName: '曲靖珠江源商贸', ownerName: '西一', requesterName: '东一', currentOwnerName: '西一' });
    expect(await notesOf(west.rep1.id, res.body.id)).toEqual([{ kind: 'ownership.request', title: '东一 申请客户「曲靖珠江源商贸」的归属', body: `申请单 ${res.body.number}，理由：客户主动联系我，要求由我负责` }]);
    expect((await notesOf(east.manager.id, res.body.id)).map((n) => n.title)).toEqual(['待裁决：东一 申请客户「曲靖珠江源商贸」的归属']);
    expect(await notesOf(west.manager.id, res.body.id)).toEqual([]);
    // outside their scope the rep sees only the customer's name, code and owner (and their open request)
    const brief = await c.get(`/api/customers/${cust.id}/owner`);
    expect(brief.body).toEqual({ id: cust.id, code: expect.any(String), name: '曲靖珠江源商贸', ownerId: west.rep1.id, ownerName: '西一', openRequestId: res.body.id, openRequestNumber: res.body.number });
    // one open request per customer and requester
    const again = await c.post('/api/ownership-requests', { customerId: cust.id, reason: '再次申请' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('OWNERSHIP_OPEN_REQUEST');
    expect(again.body.error.message).toContain(res.body.number);
    // but another rep may ask too
    expect((await (await t.login(east.rep2)).post('/api/ownership-requests', { customerId: cust.id, reason: '我也联系过' })).status).toBe(200);
    // the requester sees it in "mine", the owner in "against", both managers in "decide"
    expect((await c.get('/api/ownership-requests?box=mine')).body.items.map((r: { id: number }) => r.id)).toContain(res.body.id);
    expect((await (await t.login(west.rep1)).get('/api/ownership-requests?box=against')).body.items.map((r: { id: number }) => r.id)).toContain(res.body.id);
    for (const m of [east.manager, west.manager]) {
      const list = await (await t.login(m)).get('/api/ownership-requests?box=decide&status=submitted');
      expect(list.body.items.map((r: { id: number }) => r.id)).toContain(res.body.id);
    }
    const south = await t.login(southManager);
    expect((await south.get('/api/ownership-requests?box=decide')).body.items.map((r: { id: number }) => r.id)).not.toContain(res.body.id);
    expect((await south.get(`/api/ownership-requests/${res.body.id}`)).status).toBe(404);
    // a rep cannot list "decide"
    expect((await c.get('/api/ownership-requests?box=decide')).status).toBe(403);
  });

  it('files one request when the same rep submits twice at once', async () => {
    const cust = await makeCustomer(t.db, company, { ownerId: west.rep2.id });
    const c = await t.login(east.rep2);
    const results = await Promise.all([c.post('/api/ownership-requests', { customerId: cust.id, reason: '一' }), c.post('/api/ownership-requests', { customerId: cust.id, reason: '二' })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.error.code).toBe('OWNERSHIP_OPEN_REQUEST');
    expect(await t.db.selectFrom('ownershipRequests').select('id').where('customerId', '=', cust.id).execute()).toHaveLength(1);
  });

  it('refuses requests for pool customers, one’s own customers, and needs a reason', async () => {
    const pool = await makeCustomer(t.db, company, { ownerId: null });
    const mine = await makeCustomer(t.db, company, { ownerId: east.rep1.id });
    const c = await t.login(east.rep1);
    expect((await c.post('/api/ownership-requests', { customerId: pool.id, reason: 'x' })).body.error.code).toBe('OWNERSHIP_IN_POOL');
    expect((await c.post('/api/ownership-requests', { customerId: mine.id, reason: 'x' })).body.error.code).toBe('OWNERSHIP_ALREADY_MINE');
    const noReason = await c.post('/api/ownership-requests', { customerId: pool.id, reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields[0].path).toBe('reason');
    expect((await c.post('/api/ownership-requests', { customerId: 99999999, reason: 'x' })).status).toBe(404);
  });

  it('approval moves the customer to the requester, tells both reps, and logs the move and the audit', async () => {
    const cust = await makeCustomer(t.db, company, { name: '玉溪红塔烟酒店', ownerId: west.rep1.id, ownerSince: '2026-01-01T00:00:00.000Z' });
    const req = await submit(east.rep1, cust.id);
    const m = await t.login(west.manager);
    const res = await m.post(`/api/ownership-requests/${req.id}/approve`, { note: '跟进记录显示东一先接触' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'approved', deciderName: '西经理', decisionNote: '跟进记录显示东一先接触', currentOwnerName: '东一' });
    const row = await t.db.selectFrom('customers').selectAll().where('id', '=', cust.id).executeTakeFirstOrThrow();
    expect(row.ownerId).toBe(east.rep1.id);
    expect(row.previousOwnerId).toBe(west.rep1.id);
    expect(row.ownerSince! > '2026-01-01').toBe(true);
    const moves = await t.db.selectFrom('customerMoves').selectAll().where('customerId', '=', cust.id).execute();
    expect(moves).toHaveLength(1);
    expect(moves[0]).toMatchObject({ kind: 'ownership', fromUserId: west.rep1.id, toUserId: east.rep1.id, byUserId: west.manager.id, reason: `归属申请 ${req.number} 批准：跟进记录显示东一先接触` });
    const audit = await t.db.selectFrom('auditLog').selectAll().where('entityId', 'in', [cust.id, req.id]).where('action', 'in', ['customer.ownership', 'ownership_request.approve']).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['ownership_request.approve', 'customer.ownership']);
    expect(JSON.parse(audit[1].before!)).toEqual({ ownerId: west.rep1.id, ownerSince: '2026-01-01T00:00:00.000Z' });
    expect(JSON.parse(audit[1].after!).ownerId).toBe(east.rep1.id);
    expect((await notesOf(east.rep1.id, req.id)).map((n) => n.title)).toEqual(['归属申请已批准：客户「玉溪红塔烟酒店」已归属于您']);
    expect((await notesOf(west.rep1.id, req.id)).map((n) => n.title)).toEqual(['东一 申请客户「玉溪红塔烟酒店」的归属', '客户「玉溪红塔烟酒店」已按归属申请转给他人']);
    // a decided request cannot be decided or withdrawn again
    expect((await m.post(`/api/ownership-requests/${req.id}/reject`, { note: 'x' })).status).toBe(409);
    expect((await (await t.login(east.rep1)).post(`/api/ownership-requests/${req.id}/void`, { reason: '撤回' })).status).toBe(409);
  });

  it('rejection needs a note, leaves the owner, and tells both reps', async () => {
    const cust = await makeCustomer(t.db, company, { name: '大理苍山酒行', ownerId: west.rep1.id });
    const req = await submit(east.rep1, cust.id);
    const m = await t.login(east.manager);
    const bare = await m.post(`/api/ownership-requests/${req.id}/reject`, {});
    expect(bare.status).toBe(400);
    expect(bare.body.error.code).toBe('OWNERSHIP_NOTE_REQUIRED');
    const res = await m.post(`/api/ownership-requests/${req.id}/reject`, { note: '西一跟进记录在先，维持原归属' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'rejected', decisionNote: '西一跟进记录在先，维持原归属', currentOwnerId: west.rep1.id });
    expect((await t.db.selectFrom('customers').select('ownerId').where('id', '=', cust.id).executeTakeFirstOrThrow()).ownerId).toBe(west.rep1.id);
    expect(await t.db.selectFrom('customerMoves').select('id').where('customerId', '=', cust.id).execute()).toHaveLength(0);
    expect((await notesOf(east.rep1.id, req.id)).map((n) => n.title)).toEqual(['归属申请被驳回：客户「大理苍山酒行」']);
    expect((await notesOf(west.rep1.id, req.id)).at(-1)!.title).toBe('对客户「大理苍山酒行」的归属申请已驳回，客户仍归属于您');
    expect((await t.db.selectFrom('auditLog').select('id').where('action', '=', 'ownership_request.reject').where('entityId', '=', req.id).execute())).toHaveLength(1);
    // the requester may ask again once the first is settled
    expect((await (await t.login(east.rep1)).post('/api/ownership-requests', { customerId: cust.id, reason: '有新的合同意向' })).status).toBe(200);
  });

  it('a manager of another department cannot decide (404), and nobody decides their own request', async () => {
    const cust = await makeCustomer(t.db, company, { ownerId: west.rep1.id });
    const req = await submit(east.rep1, cust.id);
    const south = await t.login(southManager);
    expect((await south.post(`/api/ownership-requests/${req.id}/approve`, {})).status).toBe(404);
    expect((await south.post(`/api/ownership-requests/${req.id}/reject`, { note: 'x' })).status).toBe(404);
    expect((await (await t.login(east.rep2)).post(`/api/ownership-requests/${req.id}/approve`, {})).status).toBe(403);
    const own = await makeCustomer(t.db, company, { ownerId: west.rep1.id });
    const mine = await submit(east.manager, own.id);
    const self = await (await t.login(east.manager)).post(`/api/ownership-requests/${mine.id}/approve`, {});
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe('OWNERSHIP_OWN_REQUEST');
    expect((await t.db.selectFrom('ownershipRequests').select('status').where('id', '=', req.id).executeTakeFirstOrThrow()).status).toBe('submitted');
  });

  it('refuses approval with 409 when the owner changed after the request', async () => {
    const cust = await makeCustomer(t.db, company, { ownerId: west.rep1.id });
    const req = await submit(east.rep1, cust.id);
    const wm = await t.login(west.manager);
    expect((await wm.post('/api/customers/transfer', { fromUserId: west.rep1.id, toUserId: west.rep2.id, customerIds: [cust.id], reason: '片区调整' })).status).toBe(200);
    const res = await wm.post(`/api/ownership-requests/${req.id}/approve`, {});
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('OWNERSHIP_OWNER_CHANGED');
    expect(res.body.error.message).toContain('申请时归属「西一」，现归属「西二」');
    expect((await t.db.selectFrom('customers').select('ownerId').where('id', '=', cust.id).executeTakeFirstOrThrow()).ownerId).toBe(west.rep2.id);
    expect((await t.db.selectFrom('ownershipRequests').select('status').where('id', '=', req.id).executeTakeFirstOrThrow()).status).toBe('submitted');
  });

  it('the requester withdraws with a reason; the row stays, marked 作废', async () => {
    const cust = await makeCustomer(t.db, company, { name: '保山高黎贡茶酒', ownerId: west.rep1.id });
    const req = await submit(east.rep1, cust.id);
    const c = await t.login(east.rep1);
    const noReason = await c.post(`/api/ownership-requests/${req.id}/void`, { reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe('VOID_REASON_REQUIRED');
    expect((await (await t.login(west.rep1)).post(`/api/ownership-requests/${req.id}/void`, { reason: '不是我的申请' })).status).toBe(403);
    expect((await (await t.login(east.rep2)).post(`/api/ownership-requests/${req.id}/void`, { reason: 'x' })).status).toBe(404);
    const res = await c.post(`/api/ownership-requests/${req.id}/void`, { reason: '已与西一协商一致' });
    expect(res.status).toBe(200);
    const row = await t.db.selectFrom('ownershipRequests').selectAll().where('id', '=', req.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'void', voidedBy: east.rep1.id, voidReason: '已与西一协商一致', number: req.number });
    expect(row.voidedAt).toBeTruthy();
    expect((await notesOf(west.rep1.id, req.id)).at(-1)!.title).toBe('东一 已撤回对客户「保山高黎贡茶酒」的归属申请');
    expect((await t.db.selectFrom('auditLog').select('note').where('action', '=', 'ownership_request.void').where('entityId', '=', req.id).executeTakeFirstOrThrow()).note).toBe('已与西一协商一致');
    expect((await (await t.login(west.manager)).post(`/api/ownership-requests/${req.id}/approve`, {})).status).toBe(409);
  });

  it('shows reps and managers the company’s written rule', async () => {
    const res = await (await t.login(east.rep1)).get('/api/customers/ownership-settings');
    expect(res.status).toBe(200);
    expect(res.body.ownershipRule).toContain('先录入者优先');
  });
});

describe('a customer’s owner, outside the caller’s scope', () => {
  it('is told only to someone who already knows the customer’s name, phone or tax id', async () => {
    const made = await (await t.login(west.rep1)).post('/api/customers', {
      name: '大理苍山酒业有限公司', classification: 'formal', source: 'referral', taxId: '91532900MA6K1234XY',
      contacts: [{ name: '杨经理', phone: '138 8720 0001', isPrimary: true }],
    });
    expect(made.status).toBe(200);
    const c = await t.login(east.rep1);
    const url = `/api/customers/${made.body.id}/owner`;
    expect((await c.get(url)).status).toBe(404);
    expect((await c.get(`${url}?match=${encodeURIComponent('昆明某公司')}`)).status).toBe(404);
    for (const match of ['大理苍山酒业', '大理苍山酒业有限公司', '+86 13887200001', '91532900ma6k1234xy']) {
      const res = await c.get(`${url}?match=${encodeURIComponent(match)}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: '大理苍山酒业有限公司', ownerName: '西一' });
    }
    expect((await (await t.login(west.rep1)).get(url)).status).toBe(200); // the owner needs no match
  });
});
