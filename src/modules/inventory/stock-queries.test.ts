import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client } from '../../../test/fixtures/app.ts';
import { makeCompany, makeProduct, makeUser, makeWarehouse, stockUp, type TestCompany, type TestProduct, type TestUser, type TestWarehouse } from '../../../test/fixtures/factories.ts';
import type { RequestContext } from '../../platform/permissions/context.ts';
import { addDays, businessDate } from '../../platform/time.ts';
import { notifyStockAlerts, raisePurchaseRequest, reserve } from './service.ts';

// Stock queries, alerts, replenishment and purchase requests over HTTP, on both databases.

const t = await createTestApp();
let company: TestCompany;
let keeperUser: TestUser;
let keeper: Client;
let clerk: Client;
let handlerUser: TestUser;
let rep: Client;
let wA: TestWarehouse;
let wB: TestWarehouse;
let maotai: TestProduct;
let puer: TestProduct;
let never: TestProduct;
const today = businessDate();

const ctxOf = (u: TestUser): RequestContext => ({
  userId: u.id, userName: '测试', companyId: company.id, roleId: 1, roleCode: u.roleCode, permissions: new Set(), dataScope: 'company',
  departmentId: null, departmentPath: null, locale: 'zh-CN', requestId: 't',
});

beforeAll(async () => {
  company = await makeCompany(t.db);
  keeperUser = await makeUser(t.db, company, { roleCode: 'warehouse', displayName: '王仓管' });
  keeper = await t.login(keeperUser);
  handlerUser = await makeUser(t.db, company, { roleCode: 'clerk' });
  clerk = await t.login(handlerUser);
  rep = await t.login(await makeUser(t.db, company, { roleCode: 'rep' }));
  wA = await makeWarehouse(t.db, company, { name: '昆明总仓', keeperId: keeperUser.id });
  wB = await makeWarehouse(t.db, company, { name: '大理分仓' });
  maotai = await makeProduct(t.db, company, { code: 'JX001', name: '金沙回沙酒', category: '白酒', safetyStock: 20, targetStock: 100 });
  puer = await makeProduct(t.db, company, { code: 'CY001', name: '普洱茶饼', category: '茶叶', safetyStock: 5, targetStock: 0 });
  never = await makeProduct(t.db, company, { code: 'JX002', name: '鸡尾酒', category: '白酒', safetyStock: 3, targetStock: 10 });
  await stockUp(t.db, company, { warehouseId: wA.id, productId: maotai.id, quantity: 12, batchNo: 'M1', expiryDate: addDays(today, 10), businessDate: addDays(today, -20) });
  await stockUp(t.db, company, { warehouseId: wA.id, productId: maotai.id, quantity: 30, batchNo: 'M2', expiryDate: addDays(today, 400), businessDate: addDays(today, -5) });
  await stockUp(t.db, company, { warehouseId: wB.id, productId: puer.id, quantity: 4, batchNo: 'P1', expiryDate: addDays(today, -1), businessDate: addDays(today, -5) });
  // an order holds 15 of 金沙回沙酒 in 昆明总仓
  await t.db.transaction().execute((tx) => reserve(tx, company.id, [{ warehouseId: wA.id, productId: maotai.id, quantity: 15, sourceType: 'sales_order', sourceId: 1, sourceLineId: 1 }]));
});
afterAll(() => t.close());

describe('stock overview', () => {
  it('shows on hand, reserved and available per warehouse × product, filtered', async () => {
    const all = await rep.get('/api/stock');
    expect(all.status).toBe(200);
    expect(all.body.items.map((r: { productCode: string; warehouseName: string; onHand: number; reserved: number; available: number }) => [r.productCode, r.warehouseName, r.onHand, r.reserved, r.available]))
      .toEqual([['CY001', '大理分仓', 4, 0, 4], ['JX001', '昆明总仓', 42, 15, 27]]);
    // by pinyin initials, category, warehouse
    expect((await rep.get('/api/stock?q=jshsj')).body.items.map((r: { productCode: string }) => r.productCode)).toEqual(['JX001']);
    expect((await rep.get(`/api/stock?category=${encodeURIComponent('茶叶')}`)).body.items.map((r: { productCode: string }) => r.productCode)).toEqual(['CY001']);
    expect((await rep.get(`/api/stock?warehouseId=${wA.id}`)).body.total).toBe(1);
    // 普洱茶饼 4 < safety 5
    const low = await rep.get('/api/stock?belowSafety=1');
    expect(low.body.items.map((r: { productCode: string; belowSafety: boolean }) => [r.productCode, r.belowSafety])).toEqual([['CY001', true]]);
    // a batch expiring within 30 days: 金沙 M1 (10 days) and 普洱 P1 (already expired)
    const exp = await rep.get('/api/stock?expiringDays=30&sort=available&order=desc');
    expect(exp.body.items.map((r: { productCode: string; nearestExpiry: string }) => [r.productCode, r.nearestExpiry])).toEqual([['JX001', addDays(today, 10)], ['CY001', addDays(today, -1)]]);
  });

  it('lists batches with their dates and days to expiry', async () => {
    const r = await rep.get('/api/stock/batches?expiringDays=30');
    expect(r.body.items.map((b: { batchNo: string; daysToExpiry: number }) => [b.batchNo, b.daysToExpiry])).toEqual([['P1', -1], ['M1', 10]]);
    const all = await rep.get(`/api/stock/batches?productId=${maotai.id}&sort=batchNo`);
    expect(all.body.items.map((b: { batchNo: string; onHand: number }) => [b.batchNo, b.onHand])).toEqual([['M1', 12], ['M2', 30]]);
  });

  it('gives on hand at a date as the sum of the ledger up to it', async () => {
    const at = async (d: string) => (await rep.get(`/api/stock/at-date?date=${d}`)).body.items.map((r: { productCode: string; onHand: number }) => [r.productCode, r.onHand]);
    expect(await at(addDays(today, -30))).toEqual([]);
    expect(await at(addDays(today, -10))).toEqual([['JX001', 12]]);
    expect(await at(today)).toEqual([['CY001', 4], ['JX001', 42]]);
    expect((await rep.get('/api/stock/at-date?date=yesterday')).status).toBe(400);
  });

  it('shows a product ledger with each movement, its document and the running balance', async () => {
    const out = await keeper.post('/api/stock-documents/outbound', { warehouseId: wA.id, counterparty: '品鉴会', reason: '样品', handlerId: handlerUser.id, submit: true, lines: [{ productId: maotai.id, quantity: 2 }] });
    expect(out.status).toBe(200);
    const l = await rep.get(`/api/stock/ledger?productId=${maotai.id}`);
    expect(l.status).toBe(200);
    // with its pack, so the page can say the figures in cases too (1箱 = 12瓶)
    expect(l.body.product).toMatchObject({ code: 'JX001', name: '金沙回沙酒', unit: '瓶', packUnit: '箱', packSize: 12 });
    expect(l.body.items.map((r: { docType: string; quantity: number; balance: number }) => [r.docType, r.quantity, r.balance])).toEqual([['inbound', 12, 12], ['inbound', 30, 42], ['outbound', -2, 40]]);
    expect(l.body.items[2]).toMatchObject({ docNo: out.body.number, docId: out.body.id, batchNo: 'M1', createdByName: '王仓管' });
    // the second page starts from the balance before it; a period has its opening figure
    const p2 = await rep.get(`/api/stock/ledger?productId=${maotai.id}&page=2&pageSize=2`);
    expect(p2.body.items.map((r: { balance: number }) => r.balance)).toEqual([40]);
    const period = await rep.get(`/api/stock/ledger?productId=${maotai.id}&from=${addDays(today, -6)}`);
    expect(period.body).toMatchObject({ opening: 12, closing: 40, total: 2 });
    expect((await rep.get('/api/stock/ledger?productId=99999999')).status).toBe(404);
    await keeper.post(`/api/stock-documents/outbound/${out.body.id}/void`, { reason: '取消', version: out.body.version });
  });

  it('checks the stock tables against the ledger and lists every difference', async () => {
    const ok = await rep.get('/api/stock/check');
    expect(ok.body).toMatchObject({ ok: true, differences: [], levels: 2, batches: 3 });
    // someone changes the stock table behind the ledger's back
    await t.db.updateTable('stockLevels').set({ onHand: 41 }).where('warehouseId', '=', wA.id).where('productId', '=', maotai.id).execute();
    await t.db.updateTable('stockBatches').set({ onHand: 3 }).where('batchNo', '=', 'P1').execute();
    const bad = await rep.get('/api/stock/check');
    expect(bad.body.ok).toBe(false);
    const diffs = bad.body.differences.map((d: { kind: string; productCode: string; batchNo: string | null; table: number; expected: number }) => [d.kind, d.productCode, d.batchNo, d.table, d.expected]);
    expect(diffs).toEqual(expect.arrayContaining([['level', 'JX001', null, 41, 42], ['batch', 'CY001', 'P1', 3, 4], ['batches_vs_level', 'JX001', null, 41, 42], ['batches_vs_level', 'CY001', null, 4, 3]]));
    // the monthly and the daily nets of the ledger (on hand at a date reads them) disagree with the table too
    expect(diffs.filter((d: unknown[]) => d[0] === 'period_moves')).toEqual([['period_moves', 'JX001', null, 41, 42], ['period_moves', 'JX001', null, 41, 42]]);
    expect(diffs).toHaveLength(6);
    await t.db.updateTable('stockLevels').set({ onHand: 42 }).where('warehouseId', '=', wA.id).where('productId', '=', maotai.id).execute();
    await t.db.updateTable('stockBatches').set({ onHand: 4 }).where('batchNo', '=', 'P1').execute();
    expect((await rep.get('/api/stock/check')).body.ok).toBe(true);
  });
});

describe('alerts, replenishment and purchase requests', () => {
  it('lists products below safety stock in the warehouses that carry them; a product never stocked in every warehouse', async () => {
    const r = await clerk.get('/api/stock/alerts/low');
    const rows = r.body.items.map((x: { productCode: string; warehouseName: string; onHand: number; shortBy: number }) => [x.productCode, x.warehouseName, x.onHand, x.shortBy]);
    // 金沙 (42 in 昆明, above 20) is fine and not planned in 大理, which never held it; 普洱 4 < 5 in 大理
    expect(rows).toEqual(expect.arrayContaining([['CY001', '大理分仓', 4, 1], ['JX002', '昆明总仓', 0, 3], ['JX002', '大理分仓', 0, 3]]));
    expect(rows).toHaveLength(3);
  });

  it('suggests what to order to reach the target given on hand, reserved and incoming; a request counts as incoming', async () => {
    const sugg = async () => (await clerk.get(`/api/stock/replenishment?warehouseId=${wA.id}`)).body.items.map((x: { productCode: string; projected: number; incoming: number; suggested: number }) => [x.productCode, x.projected, x.incoming, x.suggested]);
    // 金沙: 42 on hand − 15 reserved = 27, above safety 20: no suggestion; 鸡尾酒 never stocked: 0 < 3 → 10
    expect(await sugg()).toEqual([['JX002', 0, 0, 10]]);
    await t.db.transaction().execute((tx) => reserve(tx, company.id, [{ warehouseId: wA.id, productId: maotai.id, quantity: 10, sourceType: 'sales_order', sourceId: 2, sourceLineId: 2 }]));
    expect((await sugg())[0]).toEqual(['JX001', 17, 0, 83]);

    const raised = await clerk.post('/api/purchase-requests', { productId: maotai.id, warehouseId: wA.id, quantity: 83, sourceType: 'replenishment', reason: '补货建议' });
    expect(raised.status).toBe(200);
    expect(raised.body).toMatchObject({ status: 'open', quantity: 83, productName: '金沙回沙酒', warehouseName: '昆明总仓', sourceType: 'replenishment' });
    expect(raised.body.number).toMatch(/^QG-\d{6}-\d{4}$/);
    expect((await sugg()).map((r: unknown[]) => r[0])).not.toContain('JX001');
    // the warehouse's keeper is told
    const note = await t.db.selectFrom('notifications').select(['title']).where('userId', '=', keeperUser.id).where('kind', '=', 'purchase_request.raised').execute();
    expect(note.map((n) => n.title)).toEqual([`请购单 ${raised.body.number}：金沙回沙酒 83瓶`]);

    // open → ordered → closed; a closed one no longer counts as incoming
    const ordered = await keeper.post(`/api/purchase-requests/${raised.body.id}/ordered`, { version: 1 });
    expect(ordered.body.status).toBe('ordered');
    expect((await keeper.post(`/api/purchase-requests/${raised.body.id}/ordered`, { version: 2 })).status).toBe(409);
    const closed = await keeper.post(`/api/purchase-requests/${raised.body.id}/close`, { version: 2 });
    expect(closed.body.status).toBe('closed');
    expect((await sugg())[0]).toEqual(['JX001', 17, 0, 83]);
    expect((await rep.post('/api/purchase-requests', { productId: maotai.id, warehouseId: wA.id, quantity: 1 })).status).toBe(403);
  });

  it('lets the orders module raise a request in its transaction; requests are voided with a reason and listed by status', async () => {
    const clerkUser = await makeUser(t.db, company, { roleCode: 'clerk' });
    const r = await t.db.transaction().execute((tx) => raisePurchaseRequest(tx, ctxOf(clerkUser), { productId: never.id, warehouseId: wB.id, quantity: 6, sourceType: 'sales_order', sourceId: 4242, reason: '订单缺货' }));
    expect(r.number).toMatch(/^QG-/);
    await expect(t.db.transaction().execute((tx) => raisePurchaseRequest(tx, ctxOf(clerkUser), { productId: never.id, warehouseId: 99999999, quantity: 6, sourceType: 'sales_order' }))).rejects.toMatchObject({ status: 400 });
    const got = await rep.get(`/api/purchase-requests/${r.id}`);
    expect(got.body).toMatchObject({ sourceType: 'sales_order', sourceId: 4242, quantity: 6, status: 'open', reason: '订单缺货' });
    expect((await keeper.post(`/api/purchase-requests/${r.id}/void`, { reason: '', version: 1 })).status).toBe(400);
    const v = await keeper.post(`/api/purchase-requests/${r.id}/void`, { reason: '客户取消订单', version: 1 });
    expect(v.body).toMatchObject({ status: 'void', voidReason: '客户取消订单', voidedByName: '王仓管' });
    expect((await rep.get('/api/purchase-requests?status=void')).body.items.map((x: { id: number }) => x.id)).toEqual([r.id]);
    expect((await rep.get('/api/purchase-requests?q=jsh')).body.items.map((x: { productCode: string }) => x.productCode)).toEqual(['JX001']);
  });

  it('lists batches expiring within the company setting (30 days unless changed) or the days asked for', async () => {
    const ids = async (url: string) => (await clerk.get(url)).body;
    const def = await ids('/api/stock/alerts/expiring');
    expect(def.days).toBe(30);
    expect(def.items.map((b: { batchNo: string }) => b.batchNo)).toEqual(['P1', 'M1']);
    expect((await ids('/api/stock/alerts/expiring?days=5')).items.map((b: { batchNo: string }) => b.batchNo)).toEqual(['P1']);
    const admin = await t.login(await makeUser(t.db, company, { roleCode: 'admin' }));
    const s = (await admin.get('/api/admin/settings')).body;
    expect(s.settings.stock).toEqual({ expiryAlertDays: 30 });
    expect((await admin.put('/api/admin/settings', { settings: { ...s.settings, stock: { expiryAlertDays: 500 } }, version: s.version })).status).toBe(200);
    const wide = await ids('/api/stock/alerts/expiring');
    expect(wide.days).toBe(500);
    expect(wide.items.map((b: { batchNo: string }) => b.batchNo)).toEqual(['P1', 'M1', 'M2']);
    await admin.put('/api/admin/settings', { settings: { ...s.settings, stock: { expiryAlertDays: 30 } }, version: s.version + 1 });
  });

  it('tells each warehouse keeper once a day what is low or expiring', async () => {
    const before = await t.db.selectFrom('notifications').select(['title', 'entityId']).where('userId', '=', keeperUser.id).where('kind', '=', 'stock.alert').execute();
    expect(before).toEqual([]);
    await notifyStockAlerts(t.db);
    await notifyStockAlerts(t.db);
    const notes = await t.db.selectFrom('notifications').select(['title', 'entityId']).where('userId', '=', keeperUser.id).where('kind', '=', 'stock.alert').execute();
    // 昆明总仓 (kept by 王仓管): 鸡尾酒 below safety stock; batch M1 expires within 30 days
    expect(notes).toEqual([{ entityId: wA.id, title: '昆明总仓库存预警：1 种商品低于安全库存，1 个批次 30 天内到期（含已过期）' }]);
    // the next business day brings a new notice
    await notifyStockAlerts(t.db, new Date(Date.now() + 86_400_000));
    expect((await t.db.selectFrom('notifications').select('id').where('userId', '=', keeperUser.id).where('kind', '=', 'stock.alert').execute())).toHaveLength(2);
  });

  it('does not show another company anything', async () => {
    const other = await makeCompany(t.db);
    const otherKeeper = await t.login(await makeUser(t.db, other, { roleCode: 'warehouse' }));
    expect((await otherKeeper.get('/api/stock')).body.total).toBe(0);
    expect((await otherKeeper.get(`/api/stock/ledger?productId=${maotai.id}`)).status).toBe(404);
    expect((await otherKeeper.get(`/api/warehouses/${wA.id}`)).status).toBe(404);
    expect((await otherKeeper.get('/api/stock/check')).body).toMatchObject({ ok: true, levels: 0 });
    expect((await otherKeeper.post('/api/stock-documents/inbound', { warehouseId: wA.id, lines: [{ productId: maotai.id, quantity: 1 }] })).status).toBe(400);
  });
});

describe("a warehouse's own safety and target stock", () => {
  it('overrides the product figures for that warehouse only; null falls back; alerts and the ledger check follow; audited', async () => {
    const low = async () => (await clerk.get('/api/stock/alerts/low')).body.items.map((x: { productCode: string; warehouseName: string; shortBy: number }) => [x.productCode, x.warehouseName, x.shortBy]);
    expect(await low()).toEqual(expect.arrayContaining([['CY001', '大理分仓', 1], ['JX002', '大理分仓', 3]]));
    // the branch keeps less: 普洱 2 (holds 4), 鸡尾酒 none (never held there)
    expect((await rep.put('/api/stock/limits', { warehouseId: wB.id, productId: puer.id, safetyStock: 2, targetStock: 6 })).status).toBe(403);
    const puerB = await keeper.put('/api/stock/limits', { warehouseId: wB.id, productId: puer.id, safetyStock: 2, targetStock: 6 });
    expect(puerB.status, JSON.stringify(puerB.body)).toBe(200);
    expect(puerB.body).toMatchObject({ warehouseName: '大理分仓', productCode: 'CY001', onHand: 4, safetyStock: 2, targetStock: 6, ownLimits: true, belowSafety: false });
    expect((await keeper.put('/api/stock/limits', { warehouseId: wB.id, productId: never.id, safetyStock: 0, targetStock: 0 })).body).toMatchObject({ onHand: 0, safetyStock: 0, ownLimits: true });
    const after = await low();
    expect(after).not.toContainEqual(['CY001', '大理分仓', 1]);
    expect(after.filter((r: string[]) => r[0] === 'JX002')).toEqual([['JX002', '昆明总仓', 3]]);
    // 昆明总仓 still uses the product's figures
    const levelA = (await rep.get(`/api/stock?warehouseId=${wA.id}&productId=${maotai.id}`)).body.items[0];
    expect(levelA).toMatchObject({ safetyStock: 20, targetStock: 100, ownLimits: false });
    // the empty level row carrying the figures keeps the stock table equal to the ledger
    expect((await rep.get('/api/stock/check')).body.ok).toBe(true);
    const audit = await t.db.selectFrom('auditLog').select(['before', 'after']).where('action', '=', 'stock.limits').where('entityId', '=', wB.id).orderBy('id').execute();
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[0].after!)).toEqual({ productId: puer.id, safetyStock: 2, targetStock: 6 });
    // back to the product's figures
    expect((await keeper.put('/api/stock/limits', { warehouseId: wB.id, productId: puer.id, safetyStock: null, targetStock: null })).body).toMatchObject({ safetyStock: 5, targetStock: 0, ownLimits: false, belowSafety: true });
    expect(await low()).toContainEqual(['CY001', '大理分仓', 1]);
    // another company's warehouse or product: 404
    expect((await keeper.put('/api/stock/limits', { warehouseId: 999_999, productId: puer.id, safetyStock: 1, targetStock: null })).status).toBe(404);
  });
});

describe('the batches a keeper picks from (outbound, transfer and count lines)', () => {
  it("lists a product's batches with stock in one warehouse, nearest expiry first, expired marked, each with what it may give; company-scoped", async () => {
    const co = await makeCompany(t.db);
    const keeperOf = await t.login(await makeUser(t.db, co, { roleCode: 'warehouse' }));
    const handler = await makeUser(t.db, co, { roleCode: 'clerk' });
    const repOf = await t.login(await makeUser(t.db, co, { roleCode: 'rep' }));
    const km = await makeWarehouse(t.db, co, { name: '昆明总仓' });
    const dl = await makeWarehouse(t.db, co, { name: '大理分仓' });
    const wine = await makeProduct(t.db, co, { code: 'HJ01', name: '红星二锅头', unit: '瓶', packUnit: '箱', packSize: 12 });
    const other = await makeProduct(t.db, co, { code: 'HJ02', name: '别的酒' });
    await stockUp(t.db, co, { warehouseId: km.id, productId: wine.id, quantity: 49, batchNo: 'LATE', productionDate: addDays(today, -60), expiryDate: addDays(today, 300) });
    await stockUp(t.db, co, { warehouseId: km.id, productId: wine.id, quantity: 5, batchNo: 'OLD', expiryDate: addDays(today, -3) });
    await stockUp(t.db, co, { warehouseId: km.id, productId: wine.id, quantity: 7, batchNo: 'NOEXP' });
    await stockUp(t.db, co, { warehouseId: km.id, productId: wine.id, quantity: 2, batchNo: null }); // received without a number: batch ''
    await stockUp(t.db, co, { warehouseId: km.id, productId: wine.id, quantity: 4, batchNo: 'USED', expiryDate: addDays(today, 5) });
    await stockUp(t.db, co, { warehouseId: km.id, productId: wine.id, quantity: 6, batchNo: 'SOON', expiryDate: addDays(today, 20) });
    await stockUp(t.db, co, { warehouseId: dl.id, productId: wine.id, quantity: 9, batchNo: 'DALI', expiryDate: addDays(today, 1) });
    await stockUp(t.db, co, { warehouseId: km.id, productId: other.id, quantity: 3, batchNo: 'OTHER', expiryDate: addDays(today, 2) });
    // USED leaves whole on an outbound slip naming it: a batch without stock is not offered
    const out = await keeperOf.post('/api/stock-documents/outbound', {
      warehouseId: km.id, counterparty: '样品', reason: '样品', handlerId: handler.id, submit: true, lines: [{ productId: wine.id, quantity: 4, batchNo: 'USED' }],
    });
    expect(out.status, JSON.stringify(out.body)).toBe(200);
    // an order holds 60 of the 69 left: no batch may give more than the 9 available
    await t.db.transaction().execute((tx) => reserve(tx, co.id, [{ warehouseId: km.id, productId: wine.id, quantity: 60, sourceType: 'sales_order', sourceId: 1, sourceLineId: 1 }]));

    const r = await repOf.get(`/api/stock/batches/in-stock?warehouseId=${km.id}&productId=${wine.id}`);
    expect(r.status).toBe(200);
    expect(r.body.product).toMatchObject({ id: wine.id, code: 'HJ01', unit: '瓶', packUnit: '箱', packSize: 12 });
    expect(r.body).toMatchObject({ onHand: 69, reserved: 60, available: 9, total: 5 });
    expect(r.body.items.map((b: { batchNo: string; onHand: number; available: number; daysToExpiry: number | null; expired: boolean }) => [b.batchNo, b.onHand, b.available, b.daysToExpiry, b.expired])).toEqual([
      ['OLD', 5, 5, -3, true],
      ['SOON', 6, 6, 20, false],
      ['LATE', 49, 9, 300, false],
      ['NOEXP', 7, 7, null, false],
      ['', 2, 2, null, false], // listed (the picker shows it apart: '' cannot be named), last as first-expiry-first-out takes it
    ]);
    expect(r.body.items[2]).toMatchObject({ productionDate: addDays(today, -60), expiryDate: addDays(today, 300) });
    // the other warehouse: its own batches only
    const dali = await repOf.get(`/api/stock/batches/in-stock?warehouseId=${dl.id}&productId=${wine.id}`);
    expect(dali.body.items.map((b: { batchNo: string }) => b.batchNo)).toEqual(['DALI']);
    expect(dali.body).toMatchObject({ onHand: 9, reserved: 0, available: 9, total: 1 });
    // both are needed
    expect((await repOf.get(`/api/stock/batches/in-stock?productId=${wine.id}`)).status).toBe(400);
    // another company's product or warehouse is not found, its batches not listed, by guessing ids
    expect((await keeper.get(`/api/stock/batches/in-stock?warehouseId=${km.id}&productId=${wine.id}`)).status).toBe(404);
    expect((await keeper.get(`/api/stock/batches/in-stock?warehouseId=${wA.id}&productId=${wine.id}`)).status).toBe(404);
    const foreignWarehouse = await keeper.get(`/api/stock/batches/in-stock?warehouseId=${km.id}&productId=${maotai.id}`);
    expect(foreignWarehouse.status).toBe(404);
    expect(foreignWarehouse.body.error.code).toBe('NOT_FOUND');
    expect((await keeper.get(`/api/stock/batches/in-stock?warehouseId=999999&productId=${maotai.id}`)).status).toBe(404);
    // its own warehouse without a batch of the product: none listed
    const none = await keeper.get(`/api/stock/batches/in-stock?warehouseId=${wB.id}&productId=${maotai.id}`);
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ onHand: 0, reserved: 0, available: 0, items: [], total: 0 });

    // the stock lists carry the product's case, for the case figure beside a quantity (49 瓶 = 4箱1瓶)
    const pack = { productCode: 'HJ01', unit: '瓶', packUnit: '箱', packSize: 12 };
    expect((await repOf.get(`/api/stock?warehouseId=${km.id}&productId=${wine.id}`)).body.items).toEqual([expect.objectContaining(pack)]);
    expect((await repOf.get(`/api/stock/batches?warehouseId=${km.id}&productId=${wine.id}&batchNo=LATE`)).body.items).toEqual([expect.objectContaining({ ...pack, onHand: 49 })]);
    expect((await repOf.get('/api/stock/alerts/expiring?days=30')).body.items[0]).toMatchObject({ ...pack, batchNo: 'OLD' });
    expect((await repOf.get(`/api/stock/at-date?date=${today}&q=HJ01`)).body.items[0]).toMatchObject(pack);
    await t.db.updateTable('products').set({ safetyStock: 100, targetStock: 120 }).where('id', '=', wine.id).execute();
    expect((await repOf.get(`/api/stock/alerts/low?warehouseId=${km.id}`)).body.items).toEqual([expect.objectContaining({ ...pack, onHand: 69 })]);
    expect((await repOf.get(`/api/stock/replenishment?warehouseId=${km.id}&q=HJ01`)).body.items).toEqual([expect.objectContaining({ ...pack, suggested: 111 })]);
  });
});
