import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client } from '../../../test/fixtures/app.ts';
import { contextOf, makeCompany, makeProduct, makeUser, makeWarehouse, stockUp, TEST_PASSWORD, type TestCompany, type TestUser, type TestWarehouse } from '../../../test/fixtures/factories.ts';
import { rawSession, readSheet } from '../imports/test-helpers.ts';
import { orderExport } from './export.ts';
import { orderListQuery } from './schema.ts';
import { listOrders } from './service.ts';
import { setOrderSettings } from './test-helpers.ts';

// 订单导出 on SQLite and PostgreSQL: the filtered list, every page, in the list's order, in the
// user's scope, with Chinese labels, amounts in yuan and times in Beijing time.

const t = await createTestApp();
let co: TestCompany;
let wh: TestWarehouse;
let rep: TestUser, rep2: TestUser, clerk: TestUser;
let asRep: Client, asRep2: Client;
let customerId: number, customer2Id: number;
let productId: number;

beforeAll(async () => {
  co = await makeCompany(t.db, { name: '滇池酒业' });
  rep = await makeUser(t.db, co, { roleCode: 'rep', displayName: '张业务' });
  rep2 = await makeUser(t.db, co, { roleCode: 'rep', displayName: '李业务' });
  clerk = await makeUser(t.db, co, { roleCode: 'clerk', displayName: '王内勤' });
  [asRep, asRep2] = await Promise.all([rep, rep2].map((u) => t.login(u)));
  wh = await makeWarehouse(t.db, co, { name: '昆明总仓' });
  productId = (await makeProduct(t.db, co, { name: '滇红茶', unit: '盒', listPrice: 1_280_000 })).id; // 128 元
  await stockUp(t.db, co, { warehouseId: wh.id, productId, quantity: 10_000 });
  customerId = (await asRep.post('/api/customers', { name: '春城茶行', contacts: [{ name: '周老板', phone: '13900003333', isPrimary: true }] })).body.id;
  customer2Id = (await asRep2.post('/api/customers', { name: '西山茶庄', contacts: [{ name: '钱老板', phone: '13900004444', isPrimary: true }] })).body.id;
  await setOrderSettings(t.db, co.id, { stages: { direct: [], wholesale: ['设计制作', '包装'], regional: [], supermarket: [] } });
  // 11 orders over three days (several on one day: the keyset must break ties by id)
  for (const [i, date] of ['2026-11-01', '2026-11-01', '2026-11-01', '2026-11-02', '2026-11-02', '2026-11-03', '2026-11-03', '2026-11-03', '2026-11-03'].entries()) {
    const r = await asRep.post('/api/orders', { customerId, orderType: 'direct', paymentTerm: 'cash', warehouseId: wh.id, businessDate: date, lines: [{ productId, quantity: i + 1 }], submit: true });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
  const w = await asRep.post('/api/orders', { customerId, orderType: 'wholesale', paymentTerm: 'cash', warehouseId: wh.id, businessDate: '2026-11-02', lines: [{ productId, quantity: 2 }], submit: true });
  expect(w.status, JSON.stringify(w.body)).toBe(200);
  const other = await asRep2.post('/api/orders', { customerId: customer2Id, orderType: 'direct', paymentTerm: 'cash', warehouseId: wh.id, businessDate: '2026-11-02', lines: [{ productId, quantity: 1 }], submit: true });
  expect(other.status, JSON.stringify(other.body)).toBe(200);
}, 60_000);
afterAll(() => t.close());

const ctxOf = (user: TestUser) => contextOf(co, user);

describe('order export', () => {
  it('writes the filtered list with Chinese labels, yuan and Beijing time', async () => {
    const raw = await rawSession(t.app, clerk.username, TEST_PASSWORD);
    const x = await raw.get('/api/orders/export.xlsx?orderType=wholesale');
    expect(x.statusCode).toBe(200);
    expect(String(x.headers['content-type'])).toContain('spreadsheetml');
    expect(String(x.headers['content-disposition'])).toContain(encodeURIComponent('销售订单'));
    expect(x.headers['x-total-rows']).toBe('1');
    const [header, ...rows] = await readSheet(x.rawPayload);
    expect(header).toEqual(['订单号', '订单日期', '客户', '订单类型', '付款方式', '业务员', '数量', '金额（元）', '让价（元）', '状态', '待审核', '生产阶段', '缺货订单', '送货日期', '录入时间']);
    expect(rows).toHaveLength(1);
    const col = (name: string) => header!.indexOf(name);
    const row = rows[0]!;
    const order = await t.db.selectFrom('salesOrders').select(['number', 'createdAt', 'totalAmount']).where('companyId', '=', co.id).where('orderType', '=', 'wholesale').executeTakeFirstOrThrow();
    expect([row[col('订单号')], row[col('客户')], row[col('订单类型')], row[col('付款方式')], row[col('业务员')], row[col('状态')], row[col('待审核')]]).toEqual([order.number, '春城茶行', '二批', '现款', '张业务', '待审核', '财务审核']);
    expect(row[col('金额（元）')]).toBe(256); // 2 × 128 元
    expect(row[col('让价（元）')]).toBeUndefined(); // none: the cell is left empty
    expect(order.totalAmount).toBe(25_600);
    const beijing = new Date(new Date(order.createdAt).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(row[col('录入时间')]).toBe(beijing);
  });

  it('reads every page in the list’s order, ties on a day broken by id, none twice', async () => {
    const clerkCtx = ctxOf(clerk);
    const all = await listOrders(t.db, clerkCtx, orderListQuery.parse({ pageSize: 100 }));
    expect(all.items).toHaveLength(11);
    const exp = await orderExport(t.db, clerkCtx, {}, 3); // batches of 3 over 11 orders
    const numbers: unknown[] = [];
    for await (const r of exp.rows) numbers.push(r.number);
    expect(numbers).toEqual(all.items.map((o) => o.number));
    expect(exp.totalRows).toBe(11);
  });

  it('keeps to the user’s scope and needs order.export', async () => {
    const managerless = await orderExport(t.db, { ...ctxOf(rep2), permissions: new Set([...ctxOf(rep2).permissions, 'order.export']) }, {}, 2);
    const mine: unknown[] = [];
    for await (const r of managerless.rows) mine.push(r.customerName);
    expect(mine).toEqual(['西山茶庄']); // a rep's own orders only
    const raw = await rawSession(t.app, rep.username, TEST_PASSWORD);
    expect((await raw.get('/api/orders/export.xlsx')).statusCode).toBe(403); // reps do not take orders out of the system
  });
});
