import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client } from '../../../test/fixtures/app.ts';
import { makeCompany, makeDepartment, makeProduct, makeUser, makeWarehouse, stockUp, type TestCompany, type TestUser } from '../../../test/fixtures/factories.ts';
import { makePostedSlips, type SalesActors } from '../../../test/fixtures/sales.ts';
import { addDays, businessDate } from '../../platform/time.ts';
import { customerPositions } from './receivables-door.ts';
import { planProgress, runCollectionsJob, suggestedLevel } from './service.ts';

// Collection plans 回款计划 and dunning 催收 over the API, on SQLite and PostgreSQL: plan progress is
// exactly the receipts from the plan's start against its instalments; a promise is judged broken
// exactly the day after its date when not paid by then (and told to the rep and their manager);
// the overdue alert goes out once per customer per day; nobody reaches another owner's plans or calls.

const t = await createTestApp();
let co: TestCompany;
let rep: TestUser, rep2: TestUser, manager: TestUser, manager2: TestUser;
let asRep: Client, asRep2: Client, asManager: Client, asManager2: Client, asClerk: Client, asFinance: Client;
let actors: SalesActors;
let productId: number; // 100.00 元 a bottle, tax included
const today = businessDate();
const d = (days: number) => addDays(today, days);
/** noon in Shanghai on a business date: the job's "now" */
const noonOf = (date: string) => new Date(Date.parse(`${date}T12:00:00+08:00`));

beforeAll(async () => {
  co = await makeCompany(t.db, { name: '滇池酒业' });
  const dept1 = await makeDepartment(t.db, co, { name: '昆明一部' });
  const dept2 = await makeDepartment(t.db, co, { name: '曲靖二部' });
  manager = await makeUser(t.db, co, { roleCode: 'manager', departmentId: dept1, displayName: '孙经理' });
  manager2 = await makeUser(t.db, co, { roleCode: 'manager', departmentId: dept2, displayName: '钱经理' });
  await t.db.updateTable('departments').set({ managerUserId: manager.id }).where('id', '=', dept1).execute();
  await t.db.updateTable('departments').set({ managerUserId: manager2.id }).where('id', '=', dept2).execute();
  rep = await makeUser(t.db, co, { roleCode: 'rep', departmentId: dept1, displayName: '张业务' });
  rep2 = await makeUser(t.db, co, { roleCode: 'rep', departmentId: dept2, displayName: '李业务' });
  const clerk = await makeUser(t.db, co, { roleCode: 'clerk', displayName: '王内勤' });
  const keeper = await makeUser(t.db, co, { roleCode: 'warehouse', displayName: '刘仓管' });
  const finance = await makeUser(t.db, co, { roleCode: 'finance', displayName: '陈会计' });
  let asKeeper: Client;
  [asRep, asRep2, asManager, asManager2, asClerk, asKeeper, asFinance] = await Promise.all([rep, rep2, manager, manager2, clerk, keeper, finance].map((u) => t.login(u)));
  const wh = await makeWarehouse(t.db, co, { name: '昆明总仓' });
  productId = (await makeProduct(t.db, co, { name: '滇红特曲', unit: '瓶', listPrice: 1_000_000, taxRateBp: 1300 })).id;
  await stockUp(t.db, co, { warehouseId: wh.id, productId, quantity: 10_000, batchNo: 'B1' });
  actors = { clerk: asClerk, keeper: asKeeper, handler: asRep, finance: asFinance, handlerId: rep.id, warehouseId: wh.id };
}, 60_000);
afterAll(() => t.close());

async function customer(name: string, as = asRep) {
  const c = await as.post('/api/customers', { name: `${name}${Math.random().toString(36).slice(2, 6)}`, contacts: [{ name: '周老板', phone: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`, isPrimary: true }] });
  expect(c.status, JSON.stringify(c.body)).toBe(200);
  return { id: c.body.id as number, name: c.body.name as string };
}
async function receipt(customerId: number, amount: number, receiptDate: string) {
  const r = await asFinance.post('/api/receipts', { customerId, receiptDate, method: 'bank_transfer', amount });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as { id: number; version: number };
}
const notices = (userId: number, kind: string, entityId: number) =>
  t.db.selectFrom('notifications').select(['title', 'body', 'createdAt']).where('userId', '=', userId).where('kind', '=', kind).where('entityId', '=', entityId).execute();

describe('plan progress rule', () => {
  it('covers instalments oldest first; behind only when less than the instalments whose date has passed', () => {
    const lines = [{ dueDate: '2026-01-10', amount: 100_000 }, { dueDate: '2026-02-10', amount: 200_000 }, { dueDate: '2026-03-10', amount: 300_000 }];
    expect(planProgress(lines, 130_000, '2026-02-10')).toMatchObject({ dueAmount: 100_000, progress: 'on_track', progressPermille: 216 }); // due on the day: not yet behind
    const p = planProgress(lines, 130_000, '2026-02-11');
    expect(p).toMatchObject({ dueAmount: 300_000, progress: 'behind' });
    expect(p.lines.map((l) => [l.coveredAmount, l.met, l.overdue])).toEqual([[100_000, true, false], [30_000, false, true], [0, false, false]]);
    expect(planProgress(lines, 600_000, '2026-01-01').progress).toBe('done');
    expect(planProgress(lines, 700_000, '2026-01-01').progressPermille).toBe(1000);
    expect(planProgress(lines, 0, '2026-01-01', true).progress).toBe('cancelled');
  });

  it('suggests the dunning action of the highest level reached', () => {
    const levels = [{ fromDays: 1, method: 'phone' }, { fromDays: 31, method: 'sms' }, { fromDays: 91, method: 'lawyer_letter' }] as const;
    expect(suggestedLevel([...levels], 0)).toBeNull();
    expect(suggestedLevel([...levels], 30)?.method).toBe('phone');
    expect(suggestedLevel([...levels], 31)?.method).toBe('sms');
    expect(suggestedLevel([...levels], 400)?.method).toBe('lawyer_letter');
  });
});

describe('collection plans', () => {
  it('progress is exactly the receipts in force from the start date, as at any date; edits are versioned and audited; cancel keeps the plan', async () => {
    const c = await customer('金马超市');
    await receipt(c.id, 90_000, d(-40)); // before the plan's start: not counted
    await receipt(c.id, 50_000, d(-25));
    await receipt(c.id, 80_000, d(-10));
    const voided = await receipt(c.id, 1_000_000, d(-8));
    expect((await asFinance.post(`/api/receipts/${voided.id}/void`, { reason: '重复登记', version: voided.version })).status).toBe(200);
    const body = { customerId: c.id, title: '2026年货款分期', startDate: d(-30), notes: '老板同意分三期', lines: [{ dueDate: d(-20), amount: 100_000 }, { dueDate: d(-5), amount: 200_000, method: '银行转账' }, { dueDate: d(10), amount: 300_000 }] };
    const created = await asManager.post('/api/collection-plans', body);
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const plan = created.body;
    expect(plan).toMatchObject({ customerName: c.name, ownerName: '张业务', totalAmount: 600_000, endDate: d(10), status: 'active', collectedAmount: 130_000, dueAmount: 300_000, progress: 'behind', progressPermille: 216, asAt: today });
    expect(plan.lines.map((l: { coveredAmount: number; met: boolean; overdue: boolean }) => [l.coveredAmount, l.met, l.overdue])).toEqual([[100_000, true, false], [30_000, false, true], [0, false, false]]);

    const past = (await asRep.get(`/api/collection-plans/${plan.id}?asAt=${d(-15)}`)).body;
    expect(past).toMatchObject({ collectedAmount: 50_000, dueAmount: 100_000, progress: 'behind' });
    expect((await asRep.get(`/api/collection-plans/${plan.id}?asAt=${d(-21)}`)).body).toMatchObject({ collectedAmount: 50_000, dueAmount: 0, progress: 'on_track' });

    await receipt(c.id, 170_000, today);
    expect((await asRep.get(`/api/collection-plans/${plan.id}`)).body).toMatchObject({ collectedAmount: 300_000, progress: 'on_track' });
    await receipt(c.id, 300_000, today);
    const done = (await asRep.get(`/api/collection-plans/${plan.id}`)).body;
    expect(done).toMatchObject({ collectedAmount: 600_000, progress: 'done', progressPermille: 1000 });

    const stale = await asManager.put(`/api/collection-plans/${plan.id}`, { ...body, version: plan.version + 1 });
    expect(stale.status).toBe(409);
    const upd = await asManager.put(`/api/collection-plans/${plan.id}`, { title: body.title, startDate: body.startDate, notes: null, version: plan.version, lines: [...body.lines, { dueDate: d(40), amount: 100_000 }] });
    expect(upd.status, JSON.stringify(upd.body)).toBe(200);
    expect(upd.body).toMatchObject({ totalAmount: 700_000, endDate: d(40), progress: 'on_track', notes: null, version: plan.version + 1 });
    const history = (await asManager.get(`/api/collection-plans/${plan.id}/history`)).body;
    expect(history.map((h: { action: string }) => h.action)).toEqual(expect.arrayContaining(['collection_plan.create', 'collection_plan.update']));
    const updEntry = history.find((h: { action: string }) => h.action === 'collection_plan.update');
    expect(JSON.parse(updEntry.before).notes).toBe('老板同意分三期');
    expect(JSON.parse(updEntry.after).lines).toHaveLength(4);

    const cancelled = await asManager.post(`/api/collection-plans/${plan.id}/cancel`, { reason: '客户改为一次结清', version: upd.body.version });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', progress: 'cancelled', cancelReason: '客户改为一次结清' });
    const again = await asManager.put(`/api/collection-plans/${plan.id}`, { ...body, version: cancelled.body.version });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('已取消');
    const list = (await asManager.get(`/api/collection-plans?customerId=${c.id}`)).body;
    expect(list.total).toBe(0);
    expect((await asManager.get(`/api/collection-plans?customerId=${c.id}&all=1`)).body.items.map((p: { id: number }) => p.id)).toEqual([plan.id]);
  });

  it('refuses bad plans with Chinese messages and field paths', async () => {
    const c = await customer('呈贡便利店');
    const other = await customer('安宁商行');
    const bad = await asManager.post('/api/collection-plans', { customerId: c.id, title: '', startDate: '2026-02-30', lines: [{ dueDate: d(5), amount: 100 }, { dueDate: d(5), amount: 0.5 }] });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['title', 'startDate', 'lines.1.amount']));
    const order = await asManager.post('/api/collection-plans', { customerId: c.id, title: '分期', startDate: today, lines: [{ dueDate: d(5), amount: 100 }, { dueDate: d(5), amount: 100 }] });
    expect(order.status).toBe(400);
    expect(order.body.error.fields).toEqual([{ path: 'lines.1.dueDate', message: '各期日期须逐期递增' }]);
    const late = await asManager.post('/api/collection-plans', { customerId: c.id, title: '分期', startDate: d(6), lines: [{ dueDate: d(5), amount: 100 }] });
    expect(late.status).toBe(400);
    expect(late.body.error.fields).toEqual([{ path: 'startDate', message: '起算日期不能晚于第一期回款日期' }]);
    // an order of another customer cannot carry this customer's plan
    const so = await asRep.post('/api/orders', { customerId: other.id, orderType: 'direct', paymentTerm: 'cash', warehouseId: actors.warehouseId, lines: [{ productId, quantity: 1 }] });
    expect(so.status, JSON.stringify(so.body)).toBe(200);
    const wrong = await asManager.post('/api/collection-plans', { customerId: c.id, orderId: so.body.id, title: '订单回款', startDate: today, lines: [{ dueDate: d(5), amount: 100 }] });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields[0].path).toBe('orderId');
    const right = await asManager.post('/api/collection-plans', { customerId: other.id, orderId: so.body.id, title: '订单回款', startDate: today, lines: [{ dueDate: d(5), amount: 100 }] });
    expect(right.status).toBe(200);
    expect(right.body).toMatchObject({ orderId: so.body.id, orderNumber: so.body.number });
  });

  it('scope: a rep reads own customers’ plans only (and may not edit plans); another department’s manager gets 404', async () => {
    const c = await customer('官渡酒楼');
    const plan = (await asManager.post('/api/collection-plans', { customerId: c.id, title: '欠款分期', startDate: today, lines: [{ dueDate: d(30), amount: 500_000 }] })).body;
    expect((await asRep.get(`/api/collection-plans/${plan.id}`)).status).toBe(200);
    expect((await asRep2.get(`/api/collection-plans/${plan.id}`)).status).toBe(404);
    expect((await asManager2.get(`/api/collection-plans/${plan.id}`)).status).toBe(404);
    expect((await asManager2.put(`/api/collection-plans/${plan.id}`, { title: 'x', startDate: today, notes: null, version: plan.version, lines: [{ dueDate: d(30), amount: 1 }] })).status).toBe(404);
    expect((await asManager2.post('/api/collection-plans', { customerId: c.id, title: '越权', startDate: today, lines: [{ dueDate: d(30), amount: 1 }] })).status).toBe(404);
    expect((await asRep.post('/api/collection-plans', { customerId: c.id, title: '业务员', startDate: today, lines: [{ dueDate: d(30), amount: 1 }] })).status).toBe(403);
    expect((await asRep2.get('/api/collection-plans')).body.items.some((p: { id: number }) => p.id === plan.id)).toBe(false);
    expect((await asClerk.get('/api/collection-plans')).body.items.some((p: { id: number }) => p.id === plan.id)).toBe(true);
  });
});

describe('dunning', () => {
  it('logs a call with a promise; the promise is judged the day after its date — broken when not paid by then, told to the rep and their manager once', async () => {
    const c = await customer('盘龙烟酒');
    const kept = await customer('五华商贸');
    await receipt(c.id, 70_000, d(-12)); // before the call: not counted
    await receipt(c.id, 30_000, d(-5)); // between the call and the promised date
    await receipt(c.id, 200_000, d(-2)); // after the promised date: too late
    await receipt(kept.id, 50_000, d(-3)); // on the promised date: in time
    const log = (customerId: number) => asRep.post('/api/dunning-actions', { customerId, actionDate: d(-10), method: 'phone', contactName: '周老板', result: '答应月底前先付一部分', promisedAmount: 50_000, promisedDate: d(-3) });
    const a = await log(c.id);
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(a.body).toMatchObject({ customerName: c.name, method: 'phone', performedByName: '张业务', promiseStatus: 'open', promisedAmount: 50_000, promisedDate: d(-3) });
    const b = (await log(kept.id)).body;

    // on the promised date itself nothing is judged
    await runCollectionsJob(t.db, noonOf(d(-3)));
    expect((await asRep.get(`/api/dunning-actions/${a.body.id}`)).body.promiseStatus).toBe('open');
    // the day after: broken (30 元 of 50 元 paid by then) and kept
    await runCollectionsJob(t.db, noonOf(d(-2)));
    expect((await asRep.get(`/api/dunning-actions/${a.body.id}`)).body).toMatchObject({ promiseStatus: 'broken', promiseCollected: 30_000 });
    expect((await asRep.get(`/api/dunning-actions/${b.id}`)).body).toMatchObject({ promiseStatus: 'kept', promiseCollected: 50_000 });
    await runCollectionsJob(t.db, noonOf(today));
    const toRep = await notices(rep.id, 'collection.broken_promise', c.id);
    expect(toRep).toHaveLength(1);
    expect(toRep[0]!.title).toBe(`${c.name} 承诺 ${d(-3)} 前还款 500.00 元未兑现`);
    expect(await notices(manager.id, 'collection.broken_promise', c.id)).toHaveLength(1);
    expect(await notices(manager2.id, 'collection.broken_promise', c.id)).toHaveLength(0);
    expect(await notices(rep.id, 'collection.broken_promise', kept.id)).toHaveLength(0);

    const broken = (await asManager.get('/api/dunning-actions?promiseStatus=broken')).body;
    expect(broken.items.map((x: { id: number }) => x.id)).toContain(a.body.id);
    expect(broken.items.map((x: { id: number }) => x.id)).not.toContain(b.id);
    expect((await asRep2.get('/api/dunning-actions?promiseStatus=broken')).body.items.map((x: { id: number }) => x.id)).not.toContain(a.body.id);
    const tab = (await asRep.get(`/api/customers/${c.id}/collection`)).body;
    expect(tab).toMatchObject({ customerName: c.name, ownerName: '张业务', brokenPromises: 1, openPromises: [] });
    expect(tab.lastAction.id).toBe(a.body.id);
  });

  it('refuses bad calls; scope: another rep cannot log or read this customer’s calls (404)', async () => {
    const c = await customer('西山茶庄');
    const bad = await asRep.post('/api/dunning-actions', { customerId: c.id, actionDate: d(1), method: 'fax', result: '', promisedAmount: 100 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['method', 'result']));
    const noDate = await asRep.post('/api/dunning-actions', { customerId: c.id, actionDate: today, method: 'visit', result: '见到老板', promisedAmount: 100 });
    expect(noDate.status).toBe(400);
    expect(noDate.body.error.fields).toEqual([{ path: 'promisedDate', message: '承诺还款金额与承诺日期须同时填写' }]);
    const future = await asRep.post('/api/dunning-actions', { customerId: c.id, actionDate: d(1), method: 'visit', result: '见到老板' });
    expect(future.status).toBe(400);
    expect(future.body.error.fields[0].path).toBe('actionDate');
    const ok = await asRep.post('/api/dunning-actions', { customerId: c.id, actionDate: today, method: 'sms', result: '已发短信提醒' });
    expect(ok.body).toMatchObject({ promiseStatus: 'none', promisedAmount: null });
    expect((await asRep2.post('/api/dunning-actions', { customerId: c.id, actionDate: today, method: 'phone', result: '越权' })).status).toBe(404);
    expect((await asRep2.get(`/api/dunning-actions/${ok.body.id}`)).status).toBe(404);
    expect((await asManager2.get(`/api/customers/${c.id}/collection`)).status).toBe(404);
    expect((await asRep2.get(`/api/dunning-actions?customerId=${c.id}`)).body.total).toBe(0);
    expect((await asManager.get(`/api/dunning-actions?customerId=${c.id}`)).body.items.map((x: { id: number }) => x.id)).toEqual([ok.body.id]);
    const audit = await t.db.selectFrom('auditLog').select(['action']).where('entity', '=', 'customer').where('entityId', '=', c.id).where('action', '=', 'dunning.log').execute();
    expect(audit).toHaveLength(1);
  });
});

describe('overdue alerts', () => {
  it('each overdue customer alerts its rep and their manager once per business day; paid-up customers none', async () => {
    const late = await customer('昆明大酒店');
    const paid = await customer('翠湖茶楼');
    await makePostedSlips(actors, late, [[{ productId, quantity: 3 }]], { paymentTerm: 'transfer' });
    await makePostedSlips(actors, paid, [[{ productId, quantity: 2 }]], { paymentTerm: 'transfer' });
    const r = await receipt(paid.id, 20_000, today);
    expect((await asFinance.post(`/api/receipts/${r.id}/auto-allocate`)).status).toBe(200);
    // today the slip is due but not overdue: nothing to suggest yet
    expect((await asRep.get(`/api/customers/${late.id}/collection`)).body).toMatchObject({ balance: 30_000, overdue: 0, maxDaysOverdue: 0, suggestedMethod: null });
    const later = d(45);
    const pos = (await customerPositions(t.db, co.id, { customerIds: [late.id, paid.id], asAt: later }));
    expect(pos.get(late.id)?.overdue).toBe(30_000);
    expect(pos.has(paid.id)).toBe(false);

    // the 待催收 worklist as at that day, in each caller's scope
    const wl = (await asRep.get(`/api/collections/worklist?asAt=${later}`)).body;
    expect(wl.asAt).toBe(later);
    const row = wl.items.find((i: { customerId: number }) => i.customerId === late.id);
    expect(row).toMatchObject({ customerName: late.name, ownerName: '张业务', overdue: 30_000, maxDaysOverdue: pos.get(late.id)!.maxDaysOverdue, suggestedMethod: 'sms', brokenPromises: 0 });
    expect(wl.items.some((i: { customerId: number }) => i.customerId === paid.id)).toBe(false);
    expect((await asRep2.get(`/api/collections/worklist?asAt=${later}`)).body.items.some((i: { customerId: number }) => i.customerId === late.id)).toBe(false);
    expect((await asManager2.get(`/api/collections/worklist?asAt=${later}`)).body.items.some((i: { customerId: number }) => i.customerId === late.id)).toBe(false);
    expect((await asClerk.get(`/api/collections/worklist?asAt=${later}`)).body.items.some((i: { customerId: number }) => i.customerId === late.id)).toBe(true);
    expect((await asRep.get('/api/collections/worklist')).body.items.some((i: { customerId: number }) => i.customerId === late.id)).toBe(false); // due today, not overdue yet
    const days = (await asClerk.get(`/api/collections/worklist?asAt=${later}&pageSize=200`)).body.items.map((i: { maxDaysOverdue: number }) => i.maxDaysOverdue);
    expect(days).toEqual([...days].sort((x: number, y: number) => y - x));
    const amounts = (await asClerk.get(`/api/collections/worklist?asAt=${later}&pageSize=200&sort=overdue&order=asc`)).body.items.map((i: { overdue: number }) => i.overdue);
    expect(amounts.length).toBeGreaterThan(0);
    expect(amounts).toEqual([...amounts].sort((x: number, y: number) => x - y));

    await runCollectionsJob(t.db, noonOf(later));
    await runCollectionsJob(t.db, noonOf(later)); // rerun the same day: nothing more
    const toRep = await notices(rep.id, 'collection.overdue', late.id);
    expect(toRep).toHaveLength(1);
    expect(toRep[0]!.title).toBe(`逾期提醒：${late.name} 逾期 300.00 元，最长逾期 ${pos.get(late.id)!.maxDaysOverdue} 天`);
    expect(toRep[0]!.body).toContain('建议催收方式：短信'); // 45 days overdue: the 31–60 level
    expect(await notices(manager.id, 'collection.overdue', late.id)).toHaveLength(1);
    expect(await notices(manager2.id, 'collection.overdue', late.id)).toHaveLength(0);
    expect(await notices(rep.id, 'collection.overdue', paid.id)).toHaveLength(0);
    await runCollectionsJob(t.db, noonOf(d(46))); // the next day: again
    expect(await notices(rep.id, 'collection.overdue', late.id)).toHaveLength(2);
  });

  it('a customer owned by the department’s own manager alerts them and the manager above (the root department’s)', async () => {
    const gm = await makeUser(t.db, co, { roleCode: 'gm', displayName: '赵总' });
    await t.db.updateTable('departments').set({ managerUserId: gm.id }).where('id', '=', co.rootDepartmentId).execute();
    const own = await customer('滇池度假村', asManager);
    await makePostedSlips(actors, own, [[{ productId, quantity: 1 }]], { paymentTerm: 'transfer' });
    await runCollectionsJob(t.db, noonOf(d(47)));
    expect(await notices(manager.id, 'collection.overdue', own.id)).toHaveLength(1);
    expect(await notices(gm.id, 'collection.overdue', own.id)).toHaveLength(1);
    expect(await notices(rep.id, 'collection.overdue', own.id)).toHaveLength(0);
  });
});
