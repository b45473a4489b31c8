import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client } from '../../../test/fixtures/app.ts';
import { makeCompany, makeProduct, makeUser, makeWarehouse, stockUp, type TestCompany, type TestProduct, type TestUser, type TestWarehouse } from '../../../test/fixtures/factories.ts';
import { setOrderSettings } from './test-helpers.ts';

// Made-to-order stages 生产阶段 (seed 004 印刷开单), on SQLite and PostgreSQL: copied from the
// settings at confirmation, done strictly in order by their own logins, the last one done sent back
// with a reason, no slip while one is open, scope and permission as for the order itself.

const t = await createTestApp();
let co: TestCompany;
let wh: TestWarehouse;
let cards: TestProduct;
let rep: TestUser, rep2: TestUser, clerk: TestUser, finance: TestUser;
let asRep: Client, asRep2: Client, asClerk: Client, asFinance: Client;
let customerId: number;
const PRINT = ['设计制作', '审稿确认', '生产制作', '质量检验', '包装'];

beforeAll(async () => {
  co = await makeCompany(t.db, { name: '彩云印务' });
  rep = await makeUser(t.db, co, { roleCode: 'rep', displayName: '张业务' });
  rep2 = await makeUser(t.db, co, { roleCode: 'rep', displayName: '李业务' });
  clerk = await makeUser(t.db, co, { roleCode: 'clerk', displayName: '王内勤' });
  finance = await makeUser(t.db, co, { roleCode: 'finance', displayName: '陈会计' });
  [asRep, asRep2, asClerk, asFinance] = await Promise.all([rep, rep2, clerk, finance].map((u) => t.login(u)));
  wh = await makeWarehouse(t.db, co, { name: '成品库' });
  cards = await makeProduct(t.db, co, { name: '彩印名片', unit: '盒', listPrice: 250_000 });
  await stockUp(t.db, co, { warehouseId: wh.id, productId: cards.id, quantity: 1000 });
  const c = await asRep.post('/api/customers', { name: '春城广告公司', contacts: [{ name: '周经理', phone: '13900002222', isPrimary: true }] });
  expect(c.status, JSON.stringify(c.body)).toBe(200);
  customerId = c.body.id;
  // 直销: the print shop's own orders go through the stages; 二批 (finance review) too; others none
  await setOrderSettings(t.db, co.id, { stages: { direct: PRINT, wholesale: ['设计制作', '生产制作'], regional: [], supermarket: [] } });
}, 60_000);
afterAll(() => t.close());

type Stage = { seq: number; name: string; status: string; doneByName: string | null; doneAt: string | null; note: string | null };

async function confirmedOrder(orderType = 'direct', paymentTerm = 'cash') {
  const r = await asRep.post('/api/orders', { customerId, orderType, paymentTerm, warehouseId: wh.id, lines: [{ productId: cards.id, quantity: 10 }], submit: true });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as { id: number; number: string; status: string; version: number; lines: { id: number; quantity: number }[] };
}
const stages = async (orderId: number, as = asRep) => (await as.get(`/api/orders/${orderId}/stages`)).body as Stage[];
const issue = (order: { id: number; lines: { id: number }[] }) => asClerk.post('/api/slips/from-order', { orderId: order.id, lines: [{ orderLineId: order.lines[0]!.id, quantity: 10 }] });

describe('made-to-order stages', () => {
  it('start at confirmation, go in order with who and when, and hold the slip until the last is done', async () => {
    const order = await confirmedOrder();
    expect(order.status).toBe('confirmed');
    expect((await stages(order.id)).map((s) => [s.seq, s.name, s.status])).toEqual(PRINT.map((n, i) => [i + 1, n, 'pending']));

    const early = await issue(order);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('ORDER_STAGES_OPEN');
    expect(early.body.error.message).toBe(`订单「${order.number}」还在「设计制作」阶段：生产阶段全部完成后才能开单发货`);

    // only the current stage can be done
    const skip = await asClerk.post(`/api/orders/${order.id}/stages/2/done`, {});
    expect(skip.status).toBe(409);
    expect(skip.body.error.message).toBe('只能办理当前阶段「设计制作」');

    const first = await asClerk.post(`/api/orders/${order.id}/stages/1/done`, { note: '初稿已发客户' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const s1 = (first.body as Stage[])[0]!;
    expect([s1.status, s1.doneByName, s1.note]).toEqual(['done', '王内勤', '初稿已发客户']);
    expect(s1.doneAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    // doing it twice (a second click, a second clerk) is refused, not recorded twice
    expect((await asClerk.post(`/api/orders/${order.id}/stages/1/done`, {})).body.error.code).toBe('ORDER_STAGE_NOT_CURRENT');

    for (const seq of [2, 3, 4]) expect((await asClerk.post(`/api/orders/${order.id}/stages/${seq}/done`, {})).status).toBe(200);
    expect((await issue(order)).body.error.message).toContain('「包装」阶段');
    expect((await asClerk.post(`/api/orders/${order.id}/stages/5/done`, {})).status).toBe(200);
    expect((await asClerk.post(`/api/orders/${order.id}/stages/5/done`, {})).body.error.code).toBe('ORDER_STAGES_DONE');

    // the rep who owns the order hears that it can ship
    const notes = await t.db.selectFrom('notifications').select(['title']).where('userId', '=', rep.id).where('kind', '=', 'order.stages_done').execute();
    expect(notes.map((n) => n.title)).toContain(`订单 ${order.number} 生产阶段已全部完成`);

    const slip = await issue(order);
    expect(slip.status, JSON.stringify(slip.body)).toBe(200);
    // once goods are out, the stages are history
    const late = await asClerk.post(`/api/orders/${order.id}/stages/5/return`, { reason: '包装破损' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('ORDER_STAGE_CLOSED');

    const history = (await asRep.get(`/api/orders/${order.id}/history`)).body as { action: string }[];
    expect(history.filter((h) => h.action === 'order.stage_done')).toHaveLength(5);
  });

  it('sends the last stage done back with a reason; earlier ones stay done', async () => {
    const order = await confirmedOrder();
    for (const seq of [1, 2]) expect((await asClerk.post(`/api/orders/${order.id}/stages/${seq}/done`, {})).status).toBe(200);

    const noReason = await asClerk.post(`/api/orders/${order.id}/stages/2/return`, { reason: '  ' });
    expect(noReason.status).toBe(400);
    const wrong = await asClerk.post(`/api/orders/${order.id}/stages/1/return`, { reason: '颜色不对' });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error.message).toBe('只能退回最近完成的阶段「审稿确认」');

    const back = await asClerk.post(`/api/orders/${order.id}/stages/2/return`, { reason: '客户要求改字体' });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect((back.body as Stage[]).map((s) => s.status)).toEqual(['done', 'pending', 'pending', 'pending', 'pending']);
    expect((back.body as Stage[])[1]!.doneByName).toBeNull();
    const audit = await t.db.selectFrom('auditLog').select(['note', 'before']).where('entity', '=', 'sales_order').where('entityId', '=', order.id).where('action', '=', 'order.stage_return').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.note).toBe('客户要求改字体');
    expect(JSON.parse(audit[0]!.before!)).toMatchObject({ stage: '审稿确认', doneBy: '王内勤' });

    // the order list shows where it waits
    const listed = (await asClerk.get('/api/orders?status=confirmed&pageSize=100')).body.items as { id: number; currentStage: string | null }[];
    expect(listed.find((o) => o.id === order.id)!.currentStage).toBe('审稿确认');
    // done again after the correction
    expect((await asClerk.post(`/api/orders/${order.id}/stages/2/done`, { note: '二稿确认' })).status).toBe(200);
    const after = (await asClerk.get('/api/orders?status=confirmed&pageSize=100')).body.items as { id: number; currentStage: string | null }[];
    expect(after.find((o) => o.id === order.id)!.currentStage).toBe('生产制作');
    const fresh = await confirmedOrder();
    expect((await asClerk.post(`/api/orders/${fresh.id}/stages/1/return`, { reason: 'x' })).body.error.code).toBe('ORDER_STAGE_NONE_DONE');
  });

  it('start only when the reviews confirm the order, and copy the settings of that moment', async () => {
    const r = await asRep.post('/api/orders', { customerId, orderType: 'wholesale', paymentTerm: 'cash', warehouseId: wh.id, lines: [{ productId: cards.id, quantity: 5 }], submit: true });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.status).toBe('submitted');
    expect(await stages(r.body.id)).toEqual([]);
    // the company changes its wholesale stages while the order waits for finance
    await setOrderSettings(t.db, co.id, { stages: { direct: PRINT, wholesale: ['打样', '生产制作', '包装'], regional: [], supermarket: [] } });
    const ok = await asFinance.post(`/api/orders/${r.body.id}/review/finance`, { decision: 'approved', version: r.body.version });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.status).toBe('confirmed');
    expect((await stages(r.body.id)).map((s) => s.name)).toEqual(['打样', '生产制作', '包装']);
    // and a later change does not rewrite it
    await setOrderSettings(t.db, co.id, { stages: { direct: PRINT, wholesale: [], regional: [], supermarket: [] } });
    expect((await stages(r.body.id)).map((s) => s.name)).toEqual(['打样', '生产制作', '包装']);
    const none = await confirmedOrder('wholesale');
    expect(none.status).toBe('submitted');
  });

  it('orders of a type without stages ship as before', async () => {
    await setOrderSettings(t.db, co.id, { stages: { direct: [], wholesale: [], regional: [], supermarket: [] } });
    const order = await confirmedOrder();
    expect(await stages(order.id)).toEqual([]);
    const listed = (await asClerk.get('/api/orders?status=confirmed&pageSize=100')).body.items as { id: number; currentStage: string | null }[];
    expect(listed.find((o) => o.id === order.id)!.currentStage).toBeNull();
    expect((await asClerk.post(`/api/orders/${order.id}/stages/1/done`, {})).body.error.code).toBe('ORDER_STAGES_DONE');
    expect((await issue(order)).status).toBe(200);
    await setOrderSettings(t.db, co.id, { stages: { direct: PRINT, wholesale: ['设计制作', '生产制作'], regional: [], supermarket: [] } });
  });

  it('follow the order’s scope and need the stage permission', async () => {
    const order = await confirmedOrder();
    expect((await asRep2.get(`/api/orders/${order.id}/stages`)).status).toBe(404); // another rep's order
    const rep = await asRep.post(`/api/orders/${order.id}/stages/1/done`, {}); // a rep does not record production
    expect(rep.status).toBe(403);
    expect((await asFinance.post(`/api/orders/${order.id}/stages/1/done`, {})).status).toBe(403);
    expect((await stages(order.id, asFinance)).map((s) => s.status)).toEqual(PRINT.map(() => 'pending'));
  });

  it('refuses settings with empty or repeated stage names', async () => {
    const admin = await t.login(await makeUser(t.db, co, { roleCode: 'admin' }));
    const cur = (await admin.get('/api/admin/settings')).body as { settings: { orders: Record<string, unknown> }; version: number };
    const put = (stages: Record<string, string[]>) =>
      admin.put('/api/admin/settings', { settings: { ...cur.settings, orders: { ...cur.settings.orders, stages: { direct: [], wholesale: [], regional: [], supermarket: [], ...stages } } }, version: cur.version });
    const dup = await put({ direct: ['设计制作', '设计制作'] });
    expect(dup.status).toBe(400);
    expect(JSON.stringify(dup.body)).toContain('阶段名称不能重复');
    expect((await put({ direct: [' '] })).status).toBe(400);
  });
});
