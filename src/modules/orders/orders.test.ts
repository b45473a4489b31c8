import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/fixtures/app.ts';
import { makeCompany, makeProduct, makeUser, makeWarehouse, stockUp, type TestCompany, type TestProduct, type TestUser, type TestWarehouse } from '../../../test/fixtures/factories.ts';
import { lineAmounts } from '../../platform/money.ts';
import { addDays, businessDate } from '../../platform/time.ts';
import { availability } from '../inventory/stock.ts';
import { orderCustomer, setOrderSettings } from './test-helpers.ts';
import { writeSubmit } from './submit-write.ts';
import { contextFor } from '../../../bench/context.ts';
import { makePostedSlip } from '../../../test/fixtures/sales.ts';

let t: TestApp;
let company: TestCompany;
let wh: TestWarehouse;
let beer: TestProduct;
let wine: TestProduct;
let clerkU: TestUser;
let clerk: Client;
let finance: Client;
let keeper: Client;
let manager: Client;
let managerU: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  company = await makeCompany(t.db);
  wh = await makeWarehouse(t.db, company, { name: '昆明总仓' });
  beer = await makeProduct(t.db, company, { name: '风花雪月啤酒', listPrice: 600_000, taxRateBp: 1300, barcode: '6901234567892', packBarcode: '16901234567899' });
  wine = await makeProduct(t.db, company, { name: '茅台迎宾酒', listPrice: 1_500_000, taxRateBp: 1300 });
  await stockUp(t.db, company, { warehouseId: wh.id, productId: beer.id, quantity: 1000 });
  await stockUp(t.db, company, { warehouseId: wh.id, productId: wine.id, quantity: 100 });
  clerkU = await makeUser(t.db, company, { roleCode: 'clerk', displayName: '开单员小张' });
  clerk = await t.login(clerkU);
  finance = await t.login(await makeUser(t.db, company, { roleCode: 'finance', displayName: '会计老王' }));
  keeper = await t.login(await makeUser(t.db, company, { roleCode: 'warehouse', displayName: '仓管老李' }));
  managerU = await makeUser(t.db, company, { roleCode: 'manager', displayName: '经理老赵' });
  manager = await t.login(managerU);
});
afterAll(() => t.close());

const avail = async (productId: number) => (await availability(t.db, company.id, wh.id, [productId])).get(productId)!;

function order(customerId: number, over: Record<string, unknown> = {}) {
  return { customerId, orderType: 'direct', paymentTerm: 'cash', warehouseId: wh.id, lines: [{ productId: beer.id, quantity: 10 }], ...over };
}

describe('entry', () => {
  it('defaults contact, phone, address, rep and prices from the files; amounts by the line rule; totals as sums', async () => {
    const rep = await makeUser(t.db, company, { roleCode: 'rep', displayName: '业务员小刘' });
    const cust = await orderCustomer(t.db, company, { ownerId: rep.id });
    const r = await clerk.post('/api/orders', order(cust.id, { lines: [{ productId: beer.id, quantity: 24, discountBp: 500 }, { productId: wine.id, quantity: 3, unitPrice: 1_234_567 }] }));
    expect(r.status).toBe(200);
    const o = r.body;
    expect(o).toMatchObject({ status: 'draft', number: null, contactName: '李四', contactPhone: '13900001111', deliveryAddress: '昆明市官渡区仓库路 8 号', ownerId: rep.id, ownerName: '业务员小刘', priceIncludesTax: true });
    const l1 = lineAmounts({ quantity: 24, unitPrice: 600_000, discountBp: 500, taxRateBp: 1300, priceIncludesTax: true });
    const l2 = lineAmounts({ quantity: 3, unitPrice: 1_234_567, discountBp: 0, taxRateBp: 1300, priceIncludesTax: true });
    expect(o.lines[0]).toMatchObject({ unitPrice: 600_000, taxRateBp: 1300, ...l1 });
    expect(o.lines[1]).toMatchObject({ unitPrice: 1_234_567, ...l2 });
    expect(o.totalAmount).toBe(l1.amount + l2.amount);
    expect(o.taxAmount).toBe(l1.taxAmount + l2.taxAmount);
    expect(o.totalQuantity).toBe(27);
    // edited defaults are kept
    const e = await clerk.put(`/api/orders/${o.id}`, { ...order(cust.id), deliveryAddress: '昆明市五华区新地址 9 号', contactName: '王五', version: o.version });
    expect(e.status).toBe(200);
    expect(e.body).toMatchObject({ deliveryAddress: '昆明市五华区新地址 9 号', contactName: '王五', totalQuantity: 10, version: o.version + 1 });
    const stale = await clerk.put(`/api/orders/${o.id}`, { ...order(cust.id), version: o.version });
    expect(stale.status).toBe(409);
  });

  it("a line carries its product's pack (1 箱 = 12 瓶) for the case figure, as the product file has it now; none without one; the quantity stays in bottles", async () => {
    const cust = await orderCustomer(t.db, company);
    const loose = await makeProduct(t.db, company, { name: '散装原浆', unit: '斤', packUnit: null, packSize: null, listPrice: 100_000 });
    const gift = await makeProduct(t.db, company, { name: '礼盒装', unit: '盒', packUnit: '件', packSize: 6, listPrice: 100_000 });
    const r = await clerk.post('/api/orders', order(cust.id, { lines: [{ productId: beer.id, quantity: 49 }, { productId: loose.id, quantity: 7 }, { productId: gift.id, quantity: 6 }] }));
    expect(r.status).toBe(200);
    expect(r.body.lines.map((l: Record<string, unknown>) => [l.quantity, l.unit, l.packUnit, l.packSize])).toEqual([[49, '瓶', '箱', 12], [7, '斤', null, null], [6, '盒', '件', 6]]);
    // the pack is read from the product, not kept on the line: a new case size shows at once, the quantity untouched
    await t.db.updateTable('products').set({ packSize: 24 }).where('id', '=', gift.id).execute();
    const again = await clerk.get(`/api/orders/${r.body.id}`);
    expect(again.body.lines[2]).toMatchObject({ quantity: 6, packUnit: '件', packSize: 24 });
    expect(again.body.totalQuantity).toBe(62);
  });

  it('prices from the most specific active price list (type and class > type > class), else the list price; a typed price stands', async () => {
    const admin = await t.login(await makeUser(t.db, company, { roleCode: 'admin' }));
    const list = async (body: Record<string, unknown>) => {
      const r = await admin.post('/api/price-lists', body);
      expect(r.status).toBe(200);
      return r.body as { id: number; version: number };
    };
    try {
      // a stopped list does not price (one active list per type and class: it is stopped before the live one is made)
      const off = await list({ code: 'PL-OFF', name: '停用价', orderType: 'direct', customerClass: 'vip', items: [{ productId: beer.id, unitPrice: 1 }, { productId: wine.id, unitPrice: 1 }] });
      expect((await admin.post(`/api/price-lists/${off.id}/deactivate`, { version: off.version })).status).toBe(200);
      await list({ code: 'PL-DIRECT', name: '直销价', orderType: 'direct', items: [{ productId: beer.id, unitPrice: 550_000 }] });
      await list({ code: 'PL-DIRECT-VIP', name: '直销VIP价', orderType: 'direct', customerClass: 'vip', items: [{ productId: beer.id, unitPrice: 500_000 }] });
      await list({ code: 'PL-VIP', name: 'VIP价', customerClass: 'vip', items: [{ productId: wine.id, unitPrice: 1_400_000 }] });
      const vip = await orderCustomer(t.db, company, { classification: 'vip' });
      const formal = await orderCustomer(t.db, company, { classification: 'formal' });
      const lines = [{ productId: beer.id, quantity: 1 }, { productId: wine.id, quantity: 1 }];
      const a = await clerk.post('/api/orders', order(vip.id, { lines }));
      expect(a.body.lines.map((l: { unitPrice: number }) => l.unitPrice)).toEqual([500_000, 1_400_000]);
      const b = await clerk.post('/api/orders', order(formal.id, { lines }));
      expect(b.body.lines.map((l: { unitPrice: number }) => l.unitPrice)).toEqual([550_000, 1_500_000]);
      // a 二批 order: no list for its type; the class list still applies to the VIP
      const c = await clerk.post('/api/orders', order(vip.id, { orderType: 'wholesale', paymentTerm: 'transfer', lines }));
      expect(c.body.lines.map((l: { unitPrice: number }) => l.unitPrice)).toEqual([600_000, 1_400_000]);
      const d = await clerk.post('/api/orders', order(vip.id, { lines: [{ productId: beer.id, quantity: 1, unitPrice: 654_321 }, { productId: wine.id, quantity: 1 }] }));
      expect(d.body.lines.map((l: { unitPrice: number }) => l.unitPrice)).toEqual([654_321, 1_400_000]);
    } finally {
      // the other tests price from the list price
      await t.db.updateTable('priceLists').set({ active: 0 }).where('companyId', '=', company.id).execute();
    }
  });

  it("the rep: the customer's own by default, refused when disabled or left the company; another one must be an active member in scope", async () => {
    const rep = await makeUser(t.db, company, { roleCode: 'rep', displayName: '业务员老孙' });
    const cust = await orderCustomer(t.db, company, { ownerId: rep.id });
    const ok = await clerk.post('/api/orders', order(cust.id));
    expect(ok.body).toMatchObject({ ownerId: rep.id, ownerName: '业务员老孙' });
    await t.db.updateTable('users').set({ active: 0 }).where('id', '=', rep.id).execute();
    const disabled = await clerk.post('/api/orders', order(cust.id));
    expect(disabled.status).toBe(400);
    expect(disabled.body.error).toMatchObject({ code: 'ORDER_OWNER_INVALID', fields: [{ path: 'ownerId', message: '该用户已停用' }] });
    await t.db.updateTable('users').set({ active: 1 }).where('id', '=', rep.id).execute();
    await t.db.updateTable('memberships').set({ active: 0 }).where('userId', '=', rep.id).execute();
    expect((await clerk.post('/api/orders', order(cust.id))).body.error.fields[0].message).toBe('该用户已停用');
    // someone who never was a member of this company
    const stranger = await makeUser(t.db, await makeCompany(t.db), { roleCode: 'rep' });
    const other = await clerk.post('/api/orders', order(cust.id, { ownerId: stranger.id }));
    expect(other.body.error.fields[0].message).toBe('该用户不是本账套成员或不在您的管理范围内');
    // the clerk may hand it to another active rep
    const rep2 = await makeUser(t.db, company, { roleCode: 'rep', displayName: '业务员小周' });
    const handed = await clerk.post('/api/orders', order(cust.id, { ownerId: rep2.id }));
    expect(handed.body).toMatchObject({ ownerId: rep2.id, ownerName: '业务员小周' });
  });

  it('地州 needs the carrier and its phone', async () => {
    const cust = await orderCustomer(t.db, company);
    const r = await clerk.post('/api/orders', order(cust.id, { orderType: 'regional', paymentTerm: 'transfer' }));
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('ORDER_CARRIER_REQUIRED');
    expect(r.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['carrierName', 'carrierPhone']);
    const ok = await clerk.post('/api/orders', order(cust.id, { orderType: 'regional', paymentTerm: 'transfer', carrierName: '顺达托运部', carrierPhone: '0871-65551234' }));
    expect(ok.status).toBe(200);
  });

  it('商超: barcodes checked against the product, prices tax-inclusive, booked in the company set for supermarket sales', async () => {
    const cust = await orderCustomer(t.db, company);
    const sm = (lines: unknown[], over = {}) => order(cust.id, { orderType: 'supermarket', paymentTerm: 'transfer', lines, ...over });
    const missing = await clerk.post('/api/orders', sm([{ productId: beer.id, quantity: 1 }]));
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields[0].path).toBe('lines.0.barcode');
    const wrong = await clerk.post('/api/orders', sm([{ productId: beer.id, quantity: 1, barcode: '6901234567892' }, { productId: beer.id, quantity: 1, barcode: '6900000000000' }]));
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('ORDER_BARCODE_MISMATCH');
    expect(wrong.body.error.fields[0].path).toBe('lines.1.barcode');
    expect(wrong.body.error.message).toContain('第 2 行');
    const exTax = await clerk.post('/api/orders', sm([{ productId: beer.id, quantity: 1, barcode: '6901234567892' }], { priceIncludesTax: false }));
    expect(exTax.status).toBe(400);
    expect(exTax.body.error.code).toBe('ORDER_SUPERMARKET_TAX');
    const ok = await clerk.post('/api/orders', sm([{ productId: beer.id, quantity: 1, barcode: '6901234567892' }, { productId: beer.id, quantity: 12, barcode: '16901234567899' }]));
    expect(ok.status).toBe(200);
    expect(ok.body.priceIncludesTax).toBe(true);
    // another company (账套) takes supermarket orders
    const other = await makeCompany(t.db, { name: '广拓商贸有限公司' });
    await setOrderSettings(t.db, company.id, { supermarketCompanyId: other.id });
    try {
      const refused = await clerk.post('/api/orders', sm([{ productId: beer.id, quantity: 1, barcode: '6901234567892' }]));
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('ORDER_SUPERMARKET_COMPANY');
      expect(refused.body.error.message).toContain('广拓商贸有限公司');
    } finally {
      await setOrderSettings(t.db, company.id, { supermarketCompanyId: null });
    }
  });

  it('refuses products of another company, a customer outside the rep\'s scope and bad input with field paths', async () => {
    const other = await makeCompany(t.db);
    const foreign = await makeProduct(t.db, other);
    const cust = await orderCustomer(t.db, company);
    const r = await clerk.post('/api/orders', order(cust.id, { lines: [{ productId: beer.id, quantity: 1 }, { productId: foreign.id, quantity: 1 }] }));
    expect(r.status).toBe(400);
    expect(r.body.error.fields[0].path).toBe('lines.1.productId');
    const repU = await makeUser(t.db, company, { roleCode: 'rep' });
    const rep = await t.login(repU);
    const notMine = await rep.post('/api/orders', order(cust.id));
    expect(notMine.status).toBe(400);
    expect(notMine.body.error.code).toBe('ORDER_CUSTOMER_NOT_FOUND');
    const bad = await clerk.post('/api/orders', order(cust.id, { lines: [{ productId: beer.id, quantity: 0 }] }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('lines.0.quantity');
  });
});

describe('flow', () => {
  it('直销 with submit=true: numbered DD-, confirmed and reserved in one request', async () => {
    const cust = await orderCustomer(t.db, company);
    const before = await avail(beer.id);
    const r = await clerk.post('/api/orders', order(cust.id, { submit: true }));
    expect(r.status).toBe(200);
    expect(r.body.number).toMatch(/^DD-\d{6}-\d{6}$/);
    expect(r.body.status).toBe('confirmed');
    expect(r.body.lines[0].reservedQuantity).toBe(10);
    // as stored, not only as answered (the lines are written holding their stock)
    expect((await clerk.get(`/api/orders/${r.body.id}`)).body.lines[0].reservedQuantity).toBe(10);
    expect((await avail(beer.id)).available).toBe(before.available - 10);
  });

  it("a submit's writes are the same on both databases (one statement on PostgreSQL): header as answered, consecutive numbers, the entry's then the submit's audit row, the number first", async () => {
    const cust = await orderCustomer(t.db, company);
    const a = await clerk.post('/api/orders', order(cust.id, { submit: true }));
    const draft = await clerk.post('/api/orders', order(cust.id, { orderType: 'wholesale', paymentTerm: 'transfer' }));
    const b = await clerk.post(`/api/orders/${draft.body.id}/submit`, { version: draft.body.version });
    expect(b.status).toBe(200);
    const seq = (n: string) => Number(n.split('-').pop());
    const bNumber = (await clerk.get(`/api/orders/${draft.body.id}`)).body.number as string;
    expect(seq(bNumber)).toBe(seq(a.body.number) + 1);
    const stored = await t.db.selectFrom('salesOrders').select(['number', 'status', 'version', 'submittedAt', 'confirmedAt', 'pendingReviews', 'updatedAt']).where('id', '=', a.body.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ number: a.body.number, status: 'confirmed', version: a.body.version, submittedAt: a.body.submittedAt, confirmedAt: a.body.confirmedAt, pendingReviews: null, updatedAt: stored.updatedAt });
    const rows = (id: number) => t.db.selectFrom('auditLog').select(['action', 'before', 'after', 'at', 'requestId', 'userId']).where('entity', '=', 'sales_order').where('entityId', '=', id).orderBy('id').execute();
    const entered = await rows(a.body.id);
    expect(entered.map((r) => r.action)).toEqual(['order.create', 'order.submit']);
    const [create, submit] = entered;
    expect(submit!.at).toBe(create!.at);
    expect(submit!.requestId).toBe(create!.requestId);
    expect(submit!.userId).toBe(clerkU.id);
    expect(submit!.before).toBe('{"status":"draft"}');
    expect(submit!.after).toBe(JSON.stringify({ number: a.body.number, status: 'confirmed', pendingReviews: [] }));
    expect(JSON.parse(create!.after!)).toMatchObject({ customerId: cust.id, totalAmount: a.body.totalAmount });
    // submitted later from a draft: its own row, waiting for finance
    const later = await rows(draft.body.id);
    expect(later.map((r) => r.action)).toEqual(['order.create', 'order.submit']);
    expect(later[1]!.after).toBe(JSON.stringify({ number: bNumber, status: 'submitted', pendingReviews: ['finance'] }));
  });

  it.each([false, true])("a submit on a version someone changed meanwhile is refused (409) and keeps nothing: no number taken, no audit row (one statement on PostgreSQL; last in its transaction: %s)", async (last) => {
    const cust = await orderCustomer(t.db, company);
    const draft = (await clerk.post('/api/orders', order(cust.id))).body;
    const ctx = await contextFor(t.db, clerkU.id, company.id);
    const counter = async () => Number((await t.db.selectFrom('numberSequences').select('lastValue').where('companyId', '=', company.id).where('docType', '=', 'sales_order').executeTakeFirst())?.lastValue ?? 0);
    const before = await counter();
    const now = new Date().toISOString();
    const fields = { status: 'confirmed' as const, submittedAt: now, pendingReviews: null, confirmedAt: now };
    const stale = { id: draft.id, number: null, version: draft.version + 1, status: 'draft', businessDate: draft.businessDate };
    // with `last` on PostgreSQL its COMMIT goes behind the statement: a stale version must fail it, not only change nothing
    const entry = { action: 'order.touch', entity: 'sales_order', entityId: draft.id };
    await expect(t.db.transaction().execute((tx) => writeSubmit(tx, ctx, stale, fields, { entry, after: { status: 'confirmed', pendingReviews: [] } }, { last }))).rejects.toMatchObject({ code: 'STALE_VERSION' });
    expect(await t.db.selectFrom('auditLog').select('action').where('entity', '=', 'sales_order').where('entityId', '=', draft.id).where('action', '=', 'order.touch').execute()).toEqual([]);
    expect(await counter()).toBe(before);
    expect(await t.db.selectFrom('auditLog').select('action').where('entity', '=', 'sales_order').where('entityId', '=', draft.id).where('action', '=', 'order.submit').execute()).toEqual([]);
    expect((await clerk.get(`/api/orders/${draft.id}`)).body).toMatchObject({ status: 'draft', number: null, version: draft.version });
  });

  it('二批 waits for finance; 地州 for finance and logistics; a return goes back to the rep with the reason; resubmitted keeps its number', async () => {
    const cust = await orderCustomer(t.db, company, { credit: { limit: 10_000_000, terms: ['cash', 'monthly'] } });
    const r = await clerk.post('/api/orders', order(cust.id, { orderType: 'regional', paymentTerm: 'monthly', carrierName: '顺达托运部', carrierPhone: '0871-65551234', submit: true }));
    expect(r.body).toMatchObject({ status: 'submitted', pendingReviews: ['finance', 'logistics'] });
    const number = r.body.number;
    const before = await avail(beer.id);
    // a clerk may not review
    expect((await clerk.post(`/api/orders/${r.body.id}/review/finance`, { decision: 'approved', version: r.body.version })).status).toBe(403);
    const f = await finance.post(`/api/orders/${r.body.id}/review/finance`, { decision: 'approved', version: r.body.version });
    expect(f.status).toBe(200);
    expect(f.body).toMatchObject({ status: 'submitted', pendingReviews: ['logistics'] });
    // the finance to-do is settled in every reviewer's bell; the logistics one still waits
    const todos = async () => (await t.db.selectFrom('notifications').select(['kind', 'title', 'readAt']).where('entity', '=', 'sales_order').where('entityId', '=', r.body.id).where('kind', 'like', 'order.review.%').execute()).map((n) => `${n.kind} ${n.title}:${n.readAt ? 'read' : 'unread'}`);
    expect(new Set(await todos())).toEqual(new Set([`order.review.finance 订单 ${number} 待财务审核:read`, `order.review.logistics 订单 ${number} 待物流审核:unread`]));
    const again = await finance.post(`/api/orders/${r.body.id}/review/finance`, { decision: 'approved', version: f.body.version });
    expect(again.status).toBe(409);
    const noReason = await keeper.post(`/api/orders/${r.body.id}/review/logistics`, { decision: 'returned', version: f.body.version });
    expect(noReason.status).toBe(400);
    const ret = await keeper.post(`/api/orders/${r.body.id}/review/logistics`, { decision: 'returned', reason: '送货日期太早，托运部周三才发车', version: f.body.version });
    expect(ret.body).toMatchObject({ status: 'returned', pendingReviews: [] });
    expect((await todos()).filter((x) => x.endsWith(':unread'))).toEqual([]);
    expect(ret.body.reviews.map((x: { kind: string; decision: string }) => `${x.kind}:${x.decision}`)).toEqual(['finance:approved', 'logistics:returned']);
    const fixed = await clerk.put(`/api/orders/${r.body.id}`, { ...order(cust.id, { orderType: 'regional', paymentTerm: 'monthly', carrierName: '顺达托运部', carrierPhone: '0871-65551234', deliveryDate: '2026-12-02' }), version: ret.body.version });
    expect(fixed.status).toBe(200);
    const sub = await clerk.post(`/api/orders/${r.body.id}/submit`, { version: fixed.body.version });
    expect(sub.body).toMatchObject({ status: 'submitted', number, pendingReviews: ['finance', 'logistics'] });
    const f2 = await finance.post(`/api/orders/${r.body.id}/review/finance`, { decision: 'approved', version: sub.body.version });
    const l2 = await keeper.post(`/api/orders/${r.body.id}/review/logistics`, { decision: 'approved', version: f2.body.version });
    expect(l2.body.status).toBe('confirmed');
    expect((await avail(beer.id)).available).toBe(before.available - 10);
    const notes = await t.db.selectFrom('notifications').select(['kind', 'title']).where('entity', '=', 'sales_order').where('entityId', '=', r.body.id).execute();
    expect(notes.map((n) => n.kind)).toEqual(expect.arrayContaining(['order.review.finance', 'order.review.logistics', 'order.returned']));
  });

  it('which reviews apply follows the company setting (admin → 参数设置)', async () => {
    const admin = await t.login(await makeUser(t.db, company, { roleCode: 'admin' }));
    const cur = (await admin.get('/api/admin/settings')).body;
    expect(cur.settings.orders).toEqual({ reviews: { direct: [], wholesale: ['finance'], regional: ['finance', 'logistics'], supermarket: ['finance', 'logistics'] }, supermarketCompanyId: null, concessionReview: true, stages: { direct: [], wholesale: [], regional: [], supermarket: [] } });
    const bad = await admin.put('/api/admin/settings', { settings: { ...cur.settings, orders: { ...cur.settings.orders, reviews: { ...cur.settings.orders.reviews, direct: ['boss'] } } }, version: cur.version });
    expect(bad.status).toBe(400);
    const put = await admin.put('/api/admin/settings', { settings: { ...cur.settings, orders: { ...cur.settings.orders, reviews: { ...cur.settings.orders.reviews, direct: ['logistics'] } } }, version: cur.version });
    expect(put.status).toBe(200);
    try {
      const cust = await orderCustomer(t.db, company);
      const r = await clerk.post('/api/orders', order(cust.id, { submit: true }));
      expect(r.body).toMatchObject({ status: 'submitted', pendingReviews: ['logistics'] });
      expect(r.body.lines[0].reservedQuantity).toBe(0);
      expect((await clerk.get(`/api/orders/${r.body.id}`)).body.lines[0].reservedQuantity).toBe(0);
    } finally {
      await setOrderSettings(t.db, company.id, { reviews: { direct: [], wholesale: ['finance'], regional: ['finance', 'logistics'], supermarket: ['finance', 'logistics'] } });
    }
  });

  it('refuses confirmation when stock is short (409 naming product, available, requested); a back-order reserves what is there and raises a purchase request', async () => {
    const p = await makeProduct(t.db, company, { name: '普洱熟茶' });
    await stockUp(t.db, company, { warehouseId: wh.id, productId: p.id, quantity: 5 });
    const cust = await orderCustomer(t.db, company);
    const r = await clerk.post('/api/orders', order(cust.id, { lines: [{ productId: beer.id, quantity: 1 }, { productId: p.id, quantity: 8 }], submit: true }));
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('STOCK_SHORT');
    expect(r.body.error.message).toContain('普洱熟茶');
    expect(r.body.error.message).toContain('5');
    expect(r.body.error.message).toContain('8');
    expect(r.body.error.fields[0].path).toBe('lines.1.quantity');
    expect((await avail(p.id)).reserved).toBe(0);
    const b = await clerk.post('/api/orders', order(cust.id, { lines: [{ productId: p.id, quantity: 8 }], backorder: true, submit: true }));
    expect(b.status).toBe(200);
    expect(b.body).toMatchObject({ status: 'confirmed', backorder: true });
    expect(b.body.lines[0].reservedQuantity).toBe(5);
    expect(b.body.shortages).toEqual([{ productId: p.id, productName: '普洱熟茶', quantity: 3 }]);
    expect((await avail(p.id)).available).toBe(0);
    const pr = await t.db.selectFrom('purchaseRequests').select(['quantity', 'status', 'sourceType']).where('sourceId', '=', b.body.id).execute();
    expect(pr).toEqual([{ quantity: 3, status: 'open', sourceType: 'sales_order' }]);
    // the goods arrive: the rest is reserved on request
    await stockUp(t.db, company, { warehouseId: wh.id, productId: p.id, quantity: 10 });
    const rest = await clerk.post(`/api/orders/${b.body.id}/reserve`, { version: b.body.version });
    expect(rest.status).toBe(200);
    expect(rest.body.lines[0].reservedQuantity).toBe(8);
    expect(await avail(p.id)).toEqual({ onHand: 15, reserved: 8, available: 7 });
    expect((await clerk.post(`/api/orders/${b.body.id}/reserve`, { version: rest.body.version })).body.error.code).toBe('ORDER_NOTHING_TO_RESERVE');
  });
});

describe('credit', () => {
  it('stops an order past the limit with the figures; an override by order.credit_override with a reason is logged', async () => {
    const rep = await makeUser(t.db, company, { roleCode: 'rep', departmentId: managerU.departmentId });
    const cust = await orderCustomer(t.db, company, { ownerId: rep.id, credit: { limit: 1_000_000, terms: ['cash', 'monthly'] } });
    // ¥6,000 outstanding on a confirmed monthly order (direct: no reviews)
    const first = await clerk.post('/api/orders', order(cust.id, { paymentTerm: 'monthly', lines: [{ productId: beer.id, quantity: 100 }], submit: true }));
    expect(first.body.status).toBe('confirmed');
    const second = await clerk.post('/api/orders', order(cust.id, { paymentTerm: 'monthly', lines: [{ productId: beer.id, quantity: 80 }] }));
    const stop = await clerk.post(`/api/orders/${second.body.id}/submit`, { version: second.body.version });
    expect(stop.status).toBe(409);
    expect(stop.body.error.code).toBe('ORDER_CREDIT_LIMIT');
    expect(stop.body.error.message).toBe('超出客户信用额度：信用额度 ¥10,000.00，现欠款 ¥0.00，未完成订单 ¥6,000.00，本单 ¥4,800.00，超出 ¥800.00');
    const figures = await clerk.get(`/api/orders/${second.body.id}/credit`);
    expect(figures.body).toMatchObject({ limit: 1_000_000, outstanding: 600_000, orderAmount: 480_000, excess: 80_000, passed: false });
    // cash is not credit: it goes through
    // a clerk cannot override; the manager can, with a reason
    expect((await clerk.post(`/api/orders/${second.body.id}/submit`, { version: second.body.version, creditOverrideReason: '老客户' })).status).toBe(403);
    const ok = await manager.post(`/api/orders/${second.body.id}/submit`, { version: second.body.version, creditOverrideReason: '老客户，月底回款已承诺' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'confirmed', creditOverrideBy: managerU.id, creditOverrideReason: '老客户，月底回款已承诺', creditOverrideByName: '经理老赵' });
    // the clerk who entered it hears of the override
    const told = await t.db.selectFrom('notifications').select(['userId', 'title', 'body']).where('kind', '=', 'order.credit_override').where('entityId', '=', second.body.id).execute();
    expect(told).toContainEqual({ userId: clerkU.id, title: `订单 ${ok.body.number} 已超信用放行`, body: '经理老赵：老客户，月底回款已承诺' });
    const audit = await t.db.selectFrom('auditLog').select(['action', 'after', 'userId']).where('entity', '=', 'sales_order').where('entityId', '=', second.body.id).where('action', '=', 'order.credit_override').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].userId).toBe(managerU.id);
    expect(JSON.parse(audit[0].after!)).toMatchObject({ limit: 1_000_000, outstanding: 600_000, orderAmount: 480_000, excess: 80_000 });
    // entered and let through in one request: the history reads entry, override, submit
    const third = await manager.post('/api/orders', { ...order(cust.id, { paymentTerm: 'monthly', lines: [{ productId: beer.id, quantity: 1 }] }), submit: true, creditOverrideReason: '春节备货' });
    expect(third.body).toMatchObject({ status: 'confirmed', creditOverrideReason: '春节备货', creditOverrideBy: managerU.id });
    const h = await manager.get(`/api/orders/${third.body.id}/history`);
    expect(h.body.map((x: { action: string }) => x.action)).toEqual(['order.submit', 'order.credit_override', 'order.create']);
  });

  it('stops a payment term the customer is not allowed (a customer without a credit profile: cash or transfer only)', async () => {
    const cust = await orderCustomer(t.db, company, { credit: { limit: 1_000_000, terms: ['cash'] } });
    const r = await clerk.post('/api/orders', order(cust.id, { paymentTerm: 'rolling', submit: true }));
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('ORDER_TERM_NOT_ALLOWED');
    expect(r.body.error.message).toBe('客户不允许使用付款方式「滚单」（允许：现款）');
    const none = await orderCustomer(t.db, company);
    expect((await clerk.post('/api/orders', order(none.id, { paymentTerm: 'monthly', submit: true }))).body.error.code).toBe('ORDER_TERM_NOT_ALLOWED');
    expect((await clerk.post('/api/orders', order(none.id, { paymentTerm: 'transfer', submit: true }))).status).toBe(200);
  });

  it('counts submitted orders as outstanding, and finance approval re-checks credit', async () => {
    const cust = await orderCustomer(t.db, company, { credit: { limit: 700_000, terms: ['monthly'] } });
    const a = await clerk.post('/api/orders', order(cust.id, { orderType: 'wholesale', paymentTerm: 'monthly', lines: [{ productId: beer.id, quantity: 100 }], submit: true }));
    expect(a.body.status).toBe('submitted');
    const b = await clerk.post('/api/orders', order(cust.id, { orderType: 'wholesale', paymentTerm: 'monthly', lines: [{ productId: beer.id, quantity: 20 }], submit: true }));
    expect(b.status).toBe(409);
    expect(b.body.error.message).toContain('未完成订单 ¥6,000.00');
    // the limit is lowered while the order waits for finance: the review stops it too
    await t.db.updateTable('customerCredit').set({ creditLimit: 500_000 }).where('customerId', '=', cust.id).execute();
    const fa = await finance.post(`/api/orders/${a.body.id}/review/finance`, { decision: 'approved', version: a.body.version });
    expect(fa.status).toBe(409);
    expect(fa.body.error.code).toBe('ORDER_CREDIT_LIMIT');
    expect((await finance.post(`/api/orders/${a.body.id}/review/finance`, { decision: 'approved', version: a.body.version, creditOverrideReason: '我说行' })).status).toBe(403);
    const fr = await finance.post(`/api/orders/${a.body.id}/review/finance`, { decision: 'returned', reason: '超信用额度，请先回款', version: a.body.version });
    expect(fr.body.status).toBe('returned');
  });

  it("a manager's override at submit stands at the finance review (the order is not stuck there)", async () => {
    const cust = await orderCustomer(t.db, company, { credit: { limit: 100_000, terms: ['monthly'] } });
    const draft = await clerk.post('/api/orders', order(cust.id, { orderType: 'wholesale', paymentTerm: 'monthly', lines: [{ productId: beer.id, quantity: 50 }] }));
    const submitted = await manager.post(`/api/orders/${draft.body.id}/submit`, { version: draft.body.version, creditOverrideReason: '大客户春节备货，经理担保' });
    expect(submitted.body).toMatchObject({ status: 'submitted', creditOverrideReason: '大客户春节备货，经理担保' });
    const fa = await finance.post(`/api/orders/${draft.body.id}/review/finance`, { decision: 'approved', version: submitted.body.version });
    expect(fa.status).toBe(200);
    expect(fa.body.status).toBe('confirmed');
  });

  it('counts what the customer owes now (posted slips less receipts) beside open orders, the posted part of an order once', async () => {
    const cust = await orderCustomer(t.db, company, { credit: { limit: 1_000_000, terms: ['cash', 'monthly'] } });
    const actors = { clerk, keeper, finance, handler: manager, handlerId: managerU.id, warehouseId: wh.id };
    // ¥3,000 posted on 月结 and not paid
    await makePostedSlip(actors, { customer: { id: cust.id, name: cust.name }, lines: [{ productId: beer.id, quantity: 50 }] });
    const open = (await clerk.post('/api/orders', order(cust.id, { paymentTerm: 'monthly', lines: [{ productId: beer.id, quantity: 100 }], submit: true }))).body;
    expect(open.status).toBe('confirmed');
    const next = (await clerk.post('/api/orders', order(cust.id, { paymentTerm: 'monthly', lines: [{ productId: beer.id, quantity: 20 }] }))).body;
    const stop = await clerk.post(`/api/orders/${next.id}/submit`, { version: next.version });
    expect(stop.body.error.message).toBe('超出客户信用额度：信用额度 ¥10,000.00，现欠款 ¥3,000.00，未完成订单 ¥6,000.00，本单 ¥1,200.00，超出 ¥200.00');
    // ¥500 received (not yet allocated: the customer's advance still lowers what is owed)
    expect((await finance.post('/api/receipts', { customerId: cust.id, receiptDate: '2026-11-20', method: 'bank_transfer', amount: 50_000 })).status).toBe(200);
    const figures = (await clerk.get(`/api/orders/${next.id}/credit`)).body;
    expect(figures).toMatchObject({ owed: 250_000, openOrders: 600_000, outstanding: 850_000, orderAmount: 120_000, excess: 0, passed: true, overdue: 0, maxDaysOverdue: 0 });
    // the dialogs also show what is past its due date: the slip's item due 10 days ago (the receipt is
    // not allocated to it yet, so the whole slip is overdue, as the aging report shows it)
    await t.db.updateTable('receivableItems').set({ dueDate: addDays(businessDate(), -10) }).where('customerId', '=', cust.id).execute();
    expect((await clerk.get(`/api/orders/${next.id}/credit`)).body).toMatchObject({ owed: 250_000, overdue: 300_000, maxDaysOverdue: 10 });
    // ¥1,800 of the open order posted (a slip of that order): owed now, no longer counted as open
    const part = await makePostedSlip(actors, { customer: { id: cust.id, name: cust.name }, lines: [{ productId: beer.id, quantity: 30 }] });
    await t.db.updateTable('salesSlips').set({ orderId: open.id }).where('id', '=', part.id).execute();
    expect((await clerk.get(`/api/orders/${next.id}/credit`)).body).toMatchObject({ owed: 430_000, openOrders: 420_000, outstanding: 850_000 });
  });

  it('a change order that raises the amount past the limit is stopped with the figures; a manager lets it through with a logged reason; lowering needs no check', async () => {
    const cust = await orderCustomer(t.db, company, { credit: { limit: 700_000, terms: ['monthly'] } });
    const o = (await clerk.post('/api/orders', order(cust.id, { paymentTerm: 'monthly', lines: [{ productId: beer.id, quantity: 100 }], submit: true }))).body;
    expect(o).toMatchObject({ status: 'confirmed', totalAmount: 600_000 });
    const more = { version: o.version, reason: '客户追加 20 箱', lines: [{ orderLineId: o.lines[0].id, quantity: 120 }] };
    const stop = await clerk.post(`/api/orders/${o.id}/change`, more);
    expect(stop.status).toBe(409);
    expect(stop.body.error.message).toBe('超出客户信用额度：信用额度 ¥7,000.00，现欠款 ¥0.00，未完成订单 ¥0.00，本单 ¥7,200.00，超出 ¥200.00');
    // nothing changed: no BG- number taken, the reservation as it was
    const same = await clerk.get(`/api/orders/${o.id}`);
    expect(same.body).toMatchObject({ version: o.version, totalAmount: 600_000, changes: [] });
    expect(same.body.lines[0].reservedQuantity).toBe(100);
    expect((await clerk.post(`/api/orders/${o.id}/change`, { ...more, creditOverrideReason: '老客户' })).status).toBe(403);
    const ok = await manager.post(`/api/orders/${o.id}/change`, { ...more, creditOverrideReason: '春节备货，经理担保' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ totalAmount: 720_000 });
    const audit = await t.db.selectFrom('auditLog').select(['after', 'userId']).where('entity', '=', 'sales_order').where('entityId', '=', o.id).where('action', '=', 'order.credit_override').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].after!)).toMatchObject({ orderAmount: 720_000, excess: 20_000, reason: '春节备货，经理担保' });
    // a change that lowers the amount goes through for the clerk although the order is still past the limit
    const less = await clerk.post(`/api/orders/${o.id}/change`, { version: ok.body.version, reason: '客户减量', lines: [{ orderLineId: o.lines[0].id, quantity: 110 }] });
    expect(less.status).toBe(200);
    expect(less.body.totalAmount).toBe(660_000);
  });
});

describe('after confirmation', () => {
  it('a change order adjusts the reservation atomically, recomputes amounts, is numbered BG- and notifies everyone on the order', async () => {
    const rep = await makeUser(t.db, company, { roleCode: 'rep' });
    const cust = await orderCustomer(t.db, company, { ownerId: rep.id });
    const o = (await clerk.post('/api/orders', order(cust.id, { lines: [{ productId: beer.id, quantity: 10 }, { productId: wine.id, quantity: 5 }], submit: true }))).body;
    const beerBefore = await avail(beer.id);
    const wineBefore = await avail(wine.id);
    const r = await clerk.post(`/api/orders/${o.id}/change`, {
      version: o.version, reason: '客户电话追加啤酒，减少白酒',
      lines: [{ orderLineId: o.lines[0].id, quantity: 30, unitPrice: 650_000 }, { orderLineId: o.lines[1].id, quantity: 2 }],
      deliveryDate: '2026-12-05', deliveryAddress: '昆明市西山区新店 3 号',
    });
    expect(r.status).toBe(200);
    expect(r.body.lines.map((l: { quantity: number; reservedQuantity: number }) => [l.quantity, l.reservedQuantity])).toEqual([[30, 30], [2, 2]]);
    expect(r.body.lines[0].amount).toBe(lineAmounts({ quantity: 30, unitPrice: 650_000, taxRateBp: 1300, priceIncludesTax: true }).amount);
    expect(r.body.totalAmount).toBe(r.body.lines[0].amount + r.body.lines[1].amount);
    expect(r.body.deliveryAddress).toBe('昆明市西山区新店 3 号');
    expect((await avail(beer.id)).available).toBe(beerBefore.available - 20);
    expect((await avail(wine.id)).available).toBe(wineBefore.available + 3);
    expect(r.body.changes).toHaveLength(1);
    expect(r.body.changes[0].number).toMatch(/^BG-/);
    expect(r.body.changes[0].approvedBy).toBe(clerkU.id);
    const changes = JSON.parse(r.body.changes[0].changes);
    expect(changes).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'quantity', line: 1, before: 10, after: 30 }), expect.objectContaining({ field: 'deliveryDate', after: '2026-12-05' })]));
    expect(changes.at(-1)).toEqual({ field: 'totalAmount', before: o.totalAmount, after: r.body.totalAmount });
    const n = await t.db.selectFrom('notifications').select('userId').where('kind', '=', 'order.changed').where('entityId', '=', o.id).execute();
    expect(n.map((x) => x.userId)).toEqual([rep.id]);
    // more than there is: refused, nothing changed
    const tooMuch = await clerk.post(`/api/orders/${o.id}/change`, { version: r.body.version, reason: '追加', lines: [{ orderLineId: o.lines[1].id, quantity: 100000 }] });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error.code).toBe('STOCK_SHORT');
    expect((await avail(wine.id)).available).toBe(wineBefore.available + 3);
    // a rep may not make change orders
    expect((await (await t.login(rep)).post(`/api/orders/${o.id}/change`, { version: r.body.version, reason: 'x', deliveryDate: '2026-12-06' })).status).toBe(403);
  });

  it('cancelling with a reason releases the reservation; the order stays, marked cancelled', async () => {
    const cust = await orderCustomer(t.db, company);
    const before = await avail(beer.id);
    const o = (await clerk.post('/api/orders', order(cust.id, { lines: [{ productId: beer.id, quantity: 40 }], submit: true }))).body;
    expect((await avail(beer.id)).available).toBe(before.available - 40);
    expect((await clerk.post(`/api/orders/${o.id}/cancel`, { reason: '  ', version: o.version })).status).toBe(400);
    const c = await clerk.post(`/api/orders/${o.id}/cancel`, { reason: '客户取消订货', version: o.version });
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({ status: 'void', voidReason: '客户取消订货', voidedBy: clerkU.id });
    expect(c.body.lines[0].reservedQuantity).toBe(0);
    expect(await avail(beer.id)).toEqual(before);
    const h = await clerk.get(`/api/orders/${o.id}/history`);
    expect(h.body.map((x: { action: string }) => x.action)).toEqual(['order.cancel', 'order.submit', 'order.create']);
    expect((await clerk.post(`/api/orders/${o.id}/cancel`, { reason: '再取消', version: c.body.version })).status).toBe(409);
    // nothing more happens to a cancelled order
    const pay = await finance.post(`/api/orders/${o.id}/payment`, { amount: 100, version: c.body.version });
    expect(pay.status).toBe(409);
    expect(pay.body.error.code).toBe('ORDER_PAYMENT_NOT_OPEN');
    expect((await clerk.post(`/api/orders/${o.id}/change`, { version: c.body.version, reason: '改', deliveryDate: '2026-12-01' })).status).toBe(409);
  });

  it('a draft is discarded, not deleted: it stays listed as 已放弃 and can no longer be edited or submitted', async () => {
    const cust = await orderCustomer(t.db, company);
    const d = (await clerk.post('/api/orders', order(cust.id))).body;
    const x = await clerk.post(`/api/orders/${d.id}/discard`, { version: d.version });
    expect(x.body.status).toBe('discarded');
    expect((await clerk.post(`/api/orders/${d.id}/submit`, { version: x.body.version })).status).toBe(409);
    expect((await clerk.put(`/api/orders/${d.id}`, { ...order(cust.id), version: x.body.version })).status).toBe(409);
    const listed = await clerk.get(`/api/orders?customerId=${cust.id}&status=discarded`);
    expect(listed.body.items.map((i: { id: number }) => i.id)).toEqual([d.id]);
  });
});

describe('list', () => {
  it("the dashboard's month: count and amount of confirmed orders in the user's scope (drafts, reviews and cancels left out)", async () => {
    const repU = await makeUser(t.db, company, { roleCode: 'rep' });
    const rep = await t.login(repU);
    const cust = await orderCustomer(t.db, company, { ownerId: repU.id });
    const today = businessDate();
    const range = `dateFrom=${today}&dateTo=${today}`;
    const before = (await clerk.get(`/api/orders/summary?${range}`)).body;
    expect((await rep.get(`/api/orders/summary?${range}`)).body).toEqual({ orders: 0, amount: 0 });
    const a = (await clerk.post('/api/orders', order(cust.id, { submit: true }))).body; // 直销: confirmed at once
    const b = (await clerk.post('/api/orders', order(cust.id, { submit: true, lines: [{ productId: wine.id, quantity: 2 }] }))).body;
    await clerk.post('/api/orders', order(cust.id)); // a draft
    await clerk.post('/api/orders', order(cust.id, { orderType: 'wholesale', submit: true })); // waiting for finance
    await clerk.post(`/api/orders/${b.id}/cancel`, { version: b.version, reason: '客户改期' });
    expect((await rep.get(`/api/orders/summary?${range}`)).body).toEqual({ orders: 1, amount: a.totalAmount });
    expect((await clerk.get(`/api/orders/summary?${range}`)).body).toEqual({ orders: before.orders + 1, amount: before.amount + a.totalAmount });
    expect((await rep.get('/api/orders/summary?dateFrom=2026-13-01&dateTo=x')).status).toBe(400);
  });

  it('pages and filters by status, type, customer (pinyin), rep and date; a rep sees only their own', async () => {
    const repU = await makeUser(t.db, company, { roleCode: 'rep' });
    const cust = await orderCustomer(t.db, company, { ownerId: repU.id, name: '大理洱海商贸' });
    await clerk.post('/api/orders', order(cust.id, { submit: true }));
    await clerk.post('/api/orders', order(cust.id, { orderType: 'wholesale', paymentTerm: 'cash', submit: true }));
    const byPinyin = await clerk.get('/api/orders?q=dlehs');
    expect(byPinyin.body.items.length).toBe(2);
    expect(byPinyin.body.items.every((i: { customerId: number }) => i.customerId === cust.id)).toBe(true);
    const filtered = await clerk.get(`/api/orders?customerId=${cust.id}&status=submitted&orderType=wholesale`);
    expect(filtered.body.total).toBe(1);
    const pending = await finance.get(`/api/orders?pendingReview=finance&customerId=${cust.id}`);
    expect(pending.body.total).toBe(1);
    const rep = await t.login(repU);
    const mine = await rep.get('/api/orders?pageSize=200');
    expect(mine.body.total).toBe(2);
    expect(mine.body.items.every((i: { ownerId: number }) => i.ownerId === repU.id)).toBe(true);
    const other = (await clerk.post('/api/orders', order((await orderCustomer(t.db, company)).id))).body;
    expect((await rep.get(`/api/orders/${other.id}`)).status).toBe(404);
    const byNumber = await clerk.get(`/api/orders?q=${byPinyin.body.items[0].number}`);
    expect(byNumber.body.items.map((i: { id: number }) => i.id)).toEqual([byPinyin.body.items[0].id]);
  });

  it('a number prefix pages newest first inside the scope; a rep\'s customer search finds only their own orders', async () => {
    const repA = await makeUser(t.db, company, { roleCode: 'rep' });
    const repB = await makeUser(t.db, company, { roleCode: 'rep' });
    const a = await orderCustomer(t.db, company, { ownerId: repA.id, name: '楚雄鹿城商行' });
    const b = await orderCustomer(t.db, company, { ownerId: repB.id, name: '楚雄鹿城超市' });
    const made: { id: number; number: string }[] = [];
    for (const [c, date] of [[a, '2026-03-01'], [a, '2026-03-03'], [b, '2026-03-02'], [a, '2026-03-02']] as const) {
      made.push((await clerk.post('/api/orders', order(c.id, { submit: true, businessDate: date }))).body);
    }
    expect(made.every((o) => o.number.startsWith('DD-202603-'))).toBe(true);
    const ids = (r: { body: { items: { id: number }[] } }) => r.body.items.map((i) => i.id);
    // business date newest first, then the newest id
    const p1 = await clerk.get('/api/orders?q=DD-202603&pageSize=2&page=1');
    const p2 = await clerk.get('/api/orders?q=DD-202603&pageSize=2&page=2');
    expect([p1.body.total, ids(p1), ids(p2)]).toEqual([4, [made[1]!.id, made[3]!.id], [made[2]!.id, made[0]!.id]]);
    const repAClient = await t.login(repA);
    const repBClient = await t.login(repB);
    expect(ids(await repAClient.get('/api/orders?q=DD-202603'))).toEqual([made[1]!.id, made[3]!.id, made[0]!.id]);
    expect(ids(await repAClient.get('/api/orders?q=DD-202603&pageSize=1&page=3'))).toEqual([made[0]!.id]);
    expect(ids(await repAClient.get(`/api/orders?q=${encodeURIComponent('楚雄鹿城')}`))).toEqual([made[1]!.id, made[3]!.id, made[0]!.id]);
    const theirs = await repBClient.get(`/api/orders?q=${encodeURIComponent('楚雄鹿城')}`);
    expect([theirs.body.total, ids(theirs)]).toEqual([1, [made[2]!.id]]);
  });
});
