import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/fixtures/app.ts';
import { makeCompany, makeProduct, makeUser, makeWarehouse, stockUp, type TestCompany, type TestProduct, type TestWarehouse } from '../../../test/fixtures/factories.ts';
import { lineAmounts } from '../../platform/money.ts';
import { lineConcession } from './concession.ts';
import { orderCustomer, setOrderSettings } from './test-helpers.ts';

// 让价: an order line keeps the price-list price it was entered against; an order whose lines come under
// their prices records by how much, and goes to finance review (the rule book: 检查产品的价格与折扣是否正确)
// even when its type needs none — unless the company turns that off.

let t: TestApp;
let company: TestCompany;
let wh: TestWarehouse;
let beer: TestProduct;
let wine: TestProduct;
let clerk: Client;
let finance: Client;
let manager: Client;

beforeAll(async () => {
  t = await createTestApp();
  company = await makeCompany(t.db);
  wh = await makeWarehouse(t.db, company, { name: '昆明总仓' });
  beer = await makeProduct(t.db, company, { name: '风花雪月啤酒', listPrice: 600_000, taxRateBp: 1300 });
  wine = await makeProduct(t.db, company, { name: '茅台迎宾酒', listPrice: 1_500_000, taxRateBp: 1300 });
  await stockUp(t.db, company, { warehouseId: wh.id, productId: beer.id, quantity: 1000 });
  await stockUp(t.db, company, { warehouseId: wh.id, productId: wine.id, quantity: 1000 });
  clerk = await t.login(await makeUser(t.db, company, { roleCode: 'clerk' }));
  finance = await t.login(await makeUser(t.db, company, { roleCode: 'finance' }));
  manager = await t.login(await makeUser(t.db, company, { roleCode: 'manager' }));
});
afterAll(() => t.close());

type Line = { productId: number; quantity: number; unitPrice?: number; discountBp?: number };
const order = (customerId: number, lines: Line[], over: Record<string, unknown> = {}) => ({ customerId, orderType: 'direct', paymentTerm: 'cash', warehouseId: wh.id, lines, submit: true, ...over });
/** what a line at the list price comes to (tax-inclusive, as price lists are) */
const atList = (quantity: number, listPrice: number) => lineAmounts({ quantity, unitPrice: listPrice, discountBp: 0, taxRateBp: 1300, priceIncludesTax: true }).amount;

describe('让价', () => {
  it('an order at the price list is confirmed at once, with its list prices kept and nothing under', async () => {
    const cust = await orderCustomer(t.db, company);
    const r = await clerk.post('/api/orders', order(cust.id, [{ productId: beer.id, quantity: 10 }, { productId: wine.id, quantity: 2, unitPrice: 1_600_000 }]));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'confirmed', priceConcession: 0, pendingReviews: [] });
    expect(r.body.lines.map((l: { listPrice: number; concession: number }) => [l.listPrice, l.concession])).toEqual([[600_000, 0], [1_500_000, 0]]);
  });

  it('a price typed under the list sends a 直销 order to finance, with the lines and amounts under; finance approves it', async () => {
    const cust = await orderCustomer(t.db, company);
    const r = await clerk.post('/api/orders', order(cust.id, [{ productId: beer.id, quantity: 24, unitPrice: 550_000 }, { productId: wine.id, quantity: 3 }]));
    expect(r.status).toBe(200);
    const under = atList(24, 600_000) - lineAmounts({ quantity: 24, unitPrice: 550_000, discountBp: 0, taxRateBp: 1300, priceIncludesTax: true }).amount;
    expect(under).toBe(120_00);
    expect(r.body).toMatchObject({ status: 'submitted', pendingReviews: ['finance'], priceConcession: under });
    expect(r.body.lines[0]).toMatchObject({ listPrice: 600_000, concession: under });
    expect(r.body.lines[1]).toMatchObject({ listPrice: 1_500_000, concession: 0 });
    // the list shows it too
    const list = await clerk.get('/api/orders?pendingReview=finance');
    expect(list.body.items.find((o: { id: number }) => o.id === r.body.id)).toMatchObject({ priceConcession: under });
    const f = await finance.post(`/api/orders/${r.body.id}/review/finance`, { decision: 'approved', version: r.body.version });
    expect(f.body).toMatchObject({ status: 'confirmed', priceConcession: under });
    // the 让价 filter lists the orders under the price list, and only those
    const under1 = await clerk.get('/api/orders?concession=1&pageSize=200');
    expect(under1.body.items.map((o: { id: number }) => o.id)).toContain(r.body.id);
    expect(under1.body.items.every((o: { priceConcession: number }) => o.priceConcession > 0)).toBe(true);
    const all = await clerk.get('/api/orders?pageSize=200');
    expect(all.body.items.some((o: { priceConcession: number }) => o.priceConcession === 0)).toBe(true);
    expect(under1.body.total).toBe(all.body.items.filter((o: { priceConcession: number }) => o.priceConcession > 0).length);
  });

  it('a discount counts, a wholesale order keeps its one finance review, and a customer price list is what the line is measured against', async () => {
    const cust = await orderCustomer(t.db, company, { classification: 'vip' });
    const disc = await clerk.post('/api/orders', order(cust.id, [{ productId: beer.id, quantity: 10, discountBp: 1000 }]));
    expect(disc.body).toMatchObject({ pendingReviews: ['finance'], priceConcession: atList(10, 600_000) - lineAmounts({ quantity: 10, unitPrice: 600_000, discountBp: 1000, taxRateBp: 1300, priceIncludesTax: true }).amount });
    const wholesale = await clerk.post('/api/orders', order(cust.id, [{ productId: beer.id, quantity: 10, unitPrice: 500_000 }], { orderType: 'wholesale' }));
    expect(wholesale.body.pendingReviews).toEqual(['finance']);
    expect(wholesale.body.priceConcession).toBeGreaterThan(0);
    // the VIP price list's ¥52 is the beer's price for this customer: at it, nothing is under
    const admin = await t.login(await makeUser(t.db, company, { roleCode: 'admin' }));
    expect((await admin.post('/api/price-lists', { code: 'PL-VIP', name: '直销VIP价', orderType: 'direct', customerClass: 'vip', items: [{ productId: beer.id, unitPrice: 520_000 }] })).status).toBe(200);
    const vip = await clerk.post('/api/orders', order(cust.id, [{ productId: beer.id, quantity: 10 }]));
    expect(vip.body).toMatchObject({ status: 'confirmed', priceConcession: 0 });
    expect(vip.body.lines[0]).toMatchObject({ unitPrice: 520_000, listPrice: 520_000 });
    const under = await clerk.post('/api/orders', order(cust.id, [{ productId: beer.id, quantity: 10, unitPrice: 510_000 }]));
    expect(under.body.priceConcession).toBe(atList(10, 520_000) - atList(10, 510_000));
  });

  it('prices without tax at the list are not under it; with the setting off, an order under the list is confirmed and still records it', async () => {
    const cust = await orderCustomer(t.db, company);
    const exTax = await clerk.post('/api/orders', order(cust.id, [{ productId: beer.id, quantity: 10 }], { priceIncludesTax: false }));
    expect(exTax.body).toMatchObject({ status: 'confirmed', priceConcession: 0 });
    await setOrderSettings(t.db, company.id, { concessionReview: false });
    try {
      const r = await clerk.post('/api/orders', order(cust.id, [{ productId: beer.id, quantity: 10, unitPrice: 500_000 }]));
      expect(r.body).toMatchObject({ status: 'confirmed', pendingReviews: [], priceConcession: atList(10, 600_000) - atList(10, 500_000) });
    } finally {
      await setOrderSettings(t.db, company.id, { concessionReview: true });
    }
  });

  it('a change order that lowers a price moves the order\'s 让价 and tells finance; only those who set or check prices may make it', async () => {
    const cust = await orderCustomer(t.db, company);
    const r = await clerk.post('/api/orders', order(cust.id, [{ productId: beer.id, quantity: 10 }]));
    expect(r.body.status).toBe('confirmed');
    // the clerk may change orders, but not take one under the price list after finance was passed by
    const byClerk = await clerk.post(`/api/orders/${r.body.id}/change`, { version: r.body.version, reason: '客户要求降价', lines: [{ orderLineId: r.body.lines[0].id, unitPrice: 560_000 }] });
    expect(byClerk.status).toBe(403);
    expect(byClerk.body.error).toMatchObject({ code: 'ORDER_CHANGE_CONCESSION', message: expect.stringContaining('让价 ¥0.00 → ¥40.00') });
    const c = await manager.post(`/api/orders/${r.body.id}/change`, { version: r.body.version, reason: '老客户年底让利', lines: [{ orderLineId: r.body.lines[0].id, unitPrice: 560_000 }] });
    expect(c.status).toBe(200);
    const under = atList(10, 600_000) - atList(10, 560_000);
    expect(c.body).toMatchObject({ priceConcession: under });
    expect(c.body.lines[0]).toMatchObject({ concession: under });
    expect(JSON.parse(c.body.changes[0].changes)).toContainEqual({ field: 'priceConcession', before: 0, after: under });
    const told = await t.db.selectFrom('notifications').select(['title']).where('kind', '=', 'order.concession_changed').where('entityId', '=', r.body.id).execute();
    expect(told.length).toBeGreaterThan(0);
    expect(told[0]!.title).toContain('变更后让价 ¥40.00');
  });

  it('a line entered before list prices were kept is never under', () => {
    expect(lineConcession({ quantity: 10, unitPrice: 1, discountBp: 0, taxRateBp: 1300, amount: 10, listPrice: null })).toBe(0);
  });
});
