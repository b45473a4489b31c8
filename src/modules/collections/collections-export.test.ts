import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client } from '../../../test/fixtures/app.ts';
import { makeCompany, makeDepartment, makeUser, TEST_PASSWORD, type TestCompany, type TestUser } from '../../../test/fixtures/factories.ts';
import { addDays, businessDate } from '../../platform/time.ts';
import { rawSession, readSheet } from '../imports/test-helpers.ts';

// Excel exports of 回款计划 and 催收记录, on SQLite and PostgreSQL: a real .xlsx (read back), its rows
// exactly the filtered list (every page, same order), in the caller's data scope only, amounts in 元,
// labels in Chinese, and text that starts like a formula escaped.

const t = await createTestApp();
let co: TestCompany;
let rep: TestUser, rep2: TestUser, finance: TestUser, warehouse: TestUser;
let asRep: Client, asRep2: Client, asManager: Client, asFinance: Client;
type Raw = Awaited<ReturnType<typeof rawSession>>;
let rawRep: Raw, rawFinance: Raw, rawManager2: Raw, rawWarehouse: Raw;
const today = businessDate();
const d = (days: number) => addDays(today, days);
const cust: Record<string, { id: number; name: string }> = {};

async function customer(name: string, as: Client) {
  const c = await as.post('/api/customers', { name: `${name}${Math.random().toString(36).slice(2, 6)}`, contacts: [{ name: '周老板', phone: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`, isPrimary: true }] });
  expect(c.status, JSON.stringify(c.body)).toBe(200);
  return { id: c.body.id as number, name: c.body.name as string };
}
async function ok(res: Promise<{ status: number; body: any }>) {
  const r = await res;
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}
/** the sheet as objects keyed by header */
async function sheet(raw: Raw, url: string) {
  const res = await raw.get(url);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(String(res.headers['content-type'])).toContain('spreadsheetml');
  const [head, ...rows] = await readSheet(res.rawPayload);
  expect(Number(res.headers['x-total-rows'])).toBe(rows.length);
  return { head: head as string[], rows: rows.map((r) => Object.fromEntries((head as string[]).map((h, i) => [h, r[i] ?? null]))), disposition: String(res.headers['content-disposition']) };
}
async function allPages(as: Client, url: string, pageSize = 2) {
  const out: any[] = [];
  for (let page = 1; ; page += 1) {
    const b = await ok(as.get(`${url}${url.includes('?') ? '&' : '?'}page=${page}&pageSize=${pageSize}`));
    out.push(...b.items);
    if (out.length >= b.total) return out;
  }
}
const yuan = (fen: number | null) => (fen === null ? null : fen / 100);

beforeAll(async () => {
  co = await makeCompany(t.db, { name: '洱海茶业' });
  const dept1 = await makeDepartment(t.db, co, { name: '大理一部' });
  const dept2 = await makeDepartment(t.db, co, { name: '丽江二部' });
  const manager = await makeUser(t.db, co, { roleCode: 'manager', departmentId: dept1, displayName: '孙经理' });
  const manager2 = await makeUser(t.db, co, { roleCode: 'manager', departmentId: dept2, displayName: '钱经理' });
  rep = await makeUser(t.db, co, { roleCode: 'rep', departmentId: dept1, displayName: '张业务' });
  rep2 = await makeUser(t.db, co, { roleCode: 'rep', departmentId: dept2, displayName: '李业务' });
  finance = await makeUser(t.db, co, { roleCode: 'finance', displayName: '陈会计' });
  warehouse = await makeUser(t.db, co, { roleCode: 'warehouse', displayName: '刘仓管' });
  [asRep, asRep2, asManager, asFinance] = await Promise.all([rep, rep2, manager, finance].map((u) => t.login(u)));
  const asManager2 = await t.login(manager2);
  [rawRep, rawFinance, rawManager2, rawWarehouse] = await Promise.all([rep, finance, manager2, warehouse].map((u) => rawSession(t.app, u.username, TEST_PASSWORD)));

  cust.a = await customer('苍山茶庄', asRep);
  cust.b = await customer('=HYPERLINK("http://evil.example","点我")', asRep);
  cust.c = await customer('玉龙茶行', asRep2);
  // cust.a: 1000 + 2000 + 3000 元 from d(-30); 1300 元 received → behind, next instalment d(-5) with 1700 元 left
  await ok(asFinance.post('/api/receipts', { customerId: cust.a.id, receiptDate: d(-10), method: 'bank_transfer', amount: 130_000 }));
  await ok(asManager.post('/api/collection-plans', { customerId: cust.a.id, title: '2026年货款分期', startDate: d(-30), lines: [{ dueDate: d(-20), amount: 100_000 }, { dueDate: d(-5), amount: 200_000 }, { dueDate: d(10), amount: 300_000 }] }));
  await ok(asManager.post('/api/collection-plans', { customerId: cust.b.id, title: '=1+1 分期', startDate: today, notes: '@SUM(A1)', lines: [{ dueDate: d(20), amount: 50_000 }] }));
  const cancelled = await ok(asManager.post('/api/collection-plans', { customerId: cust.b.id, title: '作废计划', startDate: today, lines: [{ dueDate: d(40), amount: 70_000 }] }));
  await ok(asManager.post(`/api/collection-plans/${cancelled.id}/cancel`, { reason: '重新谈', version: cancelled.version }));
  await ok(asManager2.post('/api/collection-plans', { customerId: cust.c.id, title: '二部计划', startDate: today, lines: [{ dueDate: d(15), amount: 80_000 }] }));

  await ok(asRep.post('/api/dunning-actions', { customerId: cust.a.id, actionDate: d(-4), method: 'phone', contactName: '周老板', result: '答应下周先付一部分', promisedAmount: 50_000, promisedDate: d(3) }));
  await ok(asRep.post('/api/dunning-actions', { customerId: cust.a.id, actionDate: d(-2), method: 'visit', result: '见到老板，对账无误' }));
  await ok(asRep.post('/api/dunning-actions', { customerId: cust.b.id, actionDate: d(-1), method: 'phone', result: '-2+3 对方说再议' }));
  await ok(asRep2.post('/api/dunning-actions', { customerId: cust.c.id, actionDate: d(-1), method: 'phone', result: '二部电话' }));
}, 60_000);
afterAll(() => t.close());

const noFormula = (rows: Record<string, unknown>[]) => {
  for (const r of rows) for (const v of Object.values(r)) if (typeof v === 'string') expect(v).not.toMatch(/^[=+\-@\t\r]/);
};

describe('collection plans export', () => {
  it('is the filtered list, every page in its order, with progress and the next instalment, amounts in 元 and labels in Chinese', async () => {
    const x = await sheet(rawFinance, '/api/collection-plans/export.xlsx');
    expect(x.head).toEqual(['计划名称', '客户', '业务员', '订单号', '起算日期', '结束日期', '计划总额（元）', '已回款（元）', '回款进度（%）', '应回未回（元）', '下期回款日期', '下期应回金额（元）', '进度状态', '计划状态', '备注']);
    expect(x.disposition).toContain(encodeURIComponent('回款计划'));
    const list = await allPages(asFinance, '/api/collection-plans');
    expect(list.length).toBe(3); // the cancelled one is not in the default list
    expect(x.rows.map((r) => [r['客户'], r['计划总额（元）'], r['已回款（元）'], r['回款进度（%）']])).toEqual(
      list.map((p) => [p.customerName.startsWith('=') ? `'${p.customerName}` : p.customerName, p.totalAmount / 100, yuan(p.collectedAmount), p.progressPermille / 10]),
    );
    const a = x.rows.find((r) => r['计划名称'] === '2026年货款分期')!;
    expect(a).toMatchObject({ '客户': cust.a.name, '业务员': '张业务', '起算日期': d(-30), '结束日期': d(10), '计划总额（元）': 6000, '已回款（元）': 1300, '回款进度（%）': 21.6, '应回未回（元）': 1700, '下期回款日期': d(-5), '下期应回金额（元）': 1700, '进度状态': '滞后', '计划状态': '进行中' });
    const c = x.rows.find((r) => r['计划名称'] === '二部计划')!;
    expect(c).toMatchObject({ '业务员': '李业务', '已回款（元）': 0, '回款进度（%）': 0, '下期回款日期': d(15), '下期应回金额（元）': 800, '进度状态': '正常' });
  });

  it('takes the list filters: customer, cancelled too, search', async () => {
    const byCustomer = await sheet(rawFinance, `/api/collection-plans/export.xlsx?customerId=${cust.b.id}&all=1`);
    expect(byCustomer.rows.map((r) => r['计划名称']).sort()).toEqual(["'=1+1 分期", '作废计划'].sort());
    const cancelled = byCustomer.rows.find((r) => r['计划名称'] === '作废计划')!;
    expect(cancelled).toMatchObject({ '计划状态': '已取消', '进度状态': '已取消', '下期回款日期': null, '应回未回（元）': null });
    const searched = await sheet(rawFinance, `/api/collection-plans/export.xlsx?q=${encodeURIComponent('二部')}`);
    expect(searched.rows.map((r) => r['计划名称'])).toEqual(['二部计划']);
  });

  it('holds only what the user may see: a rep their own customers, another department’s manager theirs; needs collection.read', async () => {
    const mine = await sheet(rawRep, '/api/collection-plans/export.xlsx?all=1');
    expect(new Set(mine.rows.map((r) => r['业务员']))).toEqual(new Set(['张业务']));
    expect(mine.rows.length).toBe((await allPages(asRep, '/api/collection-plans?all=1')).length);
    expect(mine.rows.some((r) => r['客户'] === cust.c.name)).toBe(false);
    const other = await sheet(rawManager2, '/api/collection-plans/export.xlsx?all=1');
    expect(other.rows.map((r) => r['客户'])).toEqual([cust.c.name]);
    expect((await rawWarehouse.get('/api/collection-plans/export.xlsx')).statusCode).toBe(403);
  });

  it('escapes text that starts like a formula', async () => {
    const x = await sheet(rawFinance, `/api/collection-plans/export.xlsx?customerId=${cust.b.id}`);
    expect(x.rows[0]).toMatchObject({ '计划名称': "'=1+1 分期", '客户': `'${cust.b.name}`, '备注': "'@SUM(A1)" });
    noFormula(x.rows);
  });
});

describe('collection plans export, many', () => {
  it('streams past the first chunk: 230 plans of one customer come out whole, in the list’s order, each with its own next instalment', async () => {
    const many = await customer('鹤庆茶坊', asRep);
    const now = new Date().toISOString();
    for (let i = 0; i < 230; i += 1) {
      const due = d(1 + (i % 50));
      const plan = await t.db.insertInto('collectionPlans').values({
        companyId: co.id, customerId: many.id, orderId: null, title: `分期${i + 1}`, startDate: today, totalAmount: (i + 1) * 100, endDate: due,
        status: 'active', notes: null, createdBy: rep.id, createdAt: now, updatedAt: now, cancelledAt: null, cancelledBy: null, cancelReason: null,
      }).returning('id').executeTakeFirstOrThrow();
      await t.db.insertInto('collectionPlanLines').values({ companyId: co.id, planId: plan.id, lineNo: 1, dueDate: due, amount: (i + 1) * 100, method: null, note: null }).execute();
    }
    const x = await sheet(rawRep, `/api/collection-plans/export.xlsx?customerId=${many.id}`);
    const list = await allPages(asRep, `/api/collection-plans?customerId=${many.id}`, 200);
    expect(list.length).toBe(230);
    expect(x.rows.map((r) => [r['计划名称'], r['计划总额（元）'], r['下期回款日期'], r['下期应回金额（元）']])).toEqual(list.map((p) => [p.title, p.totalAmount / 100, p.endDate, p.totalAmount / 100]));
  });
});

describe('dunning log export', () => {
  it('is the filtered list in its order, with methods and promise states in Chinese and amounts in 元', async () => {
    const x = await sheet(rawFinance, '/api/dunning-actions/export.xlsx');
    expect(x.head).toEqual(['催收日期', '客户', '业务员', '催收方式', '联系人', '催收结果', '承诺还款日期', '承诺还款金额（元）', '承诺状态', '承诺期内已回款（元）', '催收人', '当时逾期金额（元）', '当时逾期天数', '建议下一步']);
    expect(x.disposition).toContain(encodeURIComponent('催收记录'));
    const list = await allPages(asFinance, '/api/dunning-actions');
    expect(x.rows.map((r) => [r['催收日期'], r['催收结果']])).toEqual(list.map((a) => [a.actionDate, a.result.startsWith('-') ? `'${a.result}` : a.result]));
    const call = x.rows.find((r) => r['催收结果'] === '答应下周先付一部分')!;
    expect(call).toMatchObject({ '催收日期': d(-4), '客户': cust.a.name, '业务员': '张业务', '催收方式': '电话催收', '联系人': '周老板', '承诺还款日期': d(3), '承诺还款金额（元）': 500, '承诺状态': '待兑现', '催收人': '张业务' });
    expect(x.rows.find((r) => r['催收结果'] === '见到老板，对账无误')).toMatchObject({ '催收方式': '上门拜访', '承诺状态': '无承诺', '承诺还款金额（元）': null });
    noFormula(x.rows);
    expect(x.rows.find((r) => r['客户'] === `'${cust.b.name}`)!['催收结果']).toBe("'-2+3 对方说再议");
  });

  it('takes the list filters and holds only the caller’s scope', async () => {
    const phone = await sheet(rawFinance, `/api/dunning-actions/export.xlsx?method=phone&dateFrom=${d(-3)}`);
    expect(phone.rows.map((r) => r['催收结果']).sort()).toEqual(["'-2+3 对方说再议", '二部电话'].sort());
    const open = await sheet(rawFinance, '/api/dunning-actions/export.xlsx?promiseStatus=open');
    expect(open.rows.map((r) => r['催收结果'])).toEqual(['答应下周先付一部分']);
    const mine = await sheet(rawRep, '/api/dunning-actions/export.xlsx');
    expect(mine.rows.length).toBe(3);
    expect(mine.rows.some((r) => r['催收结果'] === '二部电话' || r['客户'] === cust.c.name)).toBe(false);
    const other = await sheet(rawManager2, '/api/dunning-actions/export.xlsx');
    expect(other.rows.map((r) => r['催收结果'])).toEqual(['二部电话']);
    expect((await rawWarehouse.get('/api/dunning-actions/export.xlsx')).statusCode).toBe(403);
  });

  it('streams past the first chunk: 450 calls of one customer come out whole and in the list’s order', async () => {
    const many = await customer('洱源茶铺', asRep);
    const now = new Date().toISOString();
    const rows = Array.from({ length: 450 }, (_, i) => ({
      companyId: co.id, customerId: many.id, actionDate: d(-(i % 40)), method: i % 3 ? 'phone' : 'sms', performedBy: rep.id, contactName: null,
      result: `第${i + 1}次`, promisedAmount: null, promisedDate: null, promiseStatus: 'none', promiseCollected: null, promiseJudgedAt: null,
      overdueAmount: 0, daysOverdue: 0, createdBy: rep.id, createdAt: now,
    }));
    for (let i = 0; i < rows.length; i += 100) await t.db.insertInto('dunningActions').values(rows.slice(i, i + 100)).execute();
    const x = await sheet(rawRep, `/api/dunning-actions/export.xlsx?customerId=${many.id}`);
    const list = await allPages(asRep, `/api/dunning-actions?customerId=${many.id}`, 200);
    expect(list.length).toBe(450);
    expect(x.rows.map((r) => [r['催收结果'], r['催收日期'], r['催收方式']])).toEqual(list.map((a) => [a.result, a.actionDate, a.method === 'sms' ? '短信' : '电话催收']));
    expect(new Set(x.rows.map((r) => r['催收结果'])).size).toBe(450);
  });
});
