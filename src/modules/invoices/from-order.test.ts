import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client } from '../../../test/fixtures/app.ts';
import { makeCompany, makeProduct, makeUser, makeWarehouse, stockUp, type TestCompany, type TestUser } from '../../../test/fixtures/factories.ts';
import { makeSlips, type SalesActors } from '../../../test/fixtures/sales.ts';
import { readSettings } from '../admin/service.ts';
import { orderCustomer, setOrderSettings } from '../orders/test-helpers.ts';

// 按订单开票 (company setting invoices.fromOrder), on SQLite and PostgreSQL: a confirmed 商超 order is
// invoiced on the order before delivery, at the order's amounts; its slips then count as invoiced by
// it (not offered, refused), an order whose slips were invoiced is not invoiced again from the order,
// a red-letter invoice of the whole order gives the slips back, and two clerks — one invoicing the
// order, one its slip — never invoice the goods twice.

const t = await createTestApp();
let co: TestCompany;
let rep: TestUser;
let asClerk: Client, asClerk2: Client, asRep2: Client;
let actors: SalesActors;
let whId = 0;
let beer: { id: number; barcode: string | null }, wine: { id: number; barcode: string | null };

async function setFromOrder(on: boolean) {
  const { settings } = await readSettings(t.db, co.id);
  await t.db.updateTable('companies').set({ settings: JSON.stringify({ ...settings, invoices: { fromOrder: on } }) }).where('id', '=', co.id).execute();
}

async function supermarketOrder(customerId: number, lines = [{ product: beer, quantity: 24 }, { product: wine, quantity: 6 }]) {
  const r = await asClerk.post('/api/orders', {
    customerId, orderType: 'supermarket', paymentTerm: 'transfer', warehouseId: whId, submit: true,
    lines: lines.map((l) => ({ productId: l.product.id, quantity: l.quantity, barcode: l.product.barcode })),
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.status).toBe('confirmed');
  return r.body as { id: number; number: string; totalAmount: number; amountExTax: number; taxAmount: number; lines: { id: number; productId: number; quantity: number; amount: number; amountExTax: number; taxAmount: number }[] };
}

beforeAll(async () => {
  co = await makeCompany(t.db, { name: '云岭酒业' });
  rep = await makeUser(t.db, co, { roleCode: 'rep', displayName: '张业务' });
  const rep2 = await makeUser(t.db, co, { roleCode: 'rep', displayName: '李业务' });
  const clerk = await makeUser(t.db, co, { roleCode: 'clerk', displayName: '王内勤' });
  const clerk2 = await makeUser(t.db, co, { roleCode: 'clerk', displayName: '赵内勤' });
  const keeper = await makeUser(t.db, co, { roleCode: 'warehouse', displayName: '刘仓管' });
  const finance = await makeUser(t.db, co, { roleCode: 'finance', displayName: '陈会计' });
  let asRep: Client, asKeeper: Client, asFinance: Client;
  [asRep, asRep2, asClerk, asClerk2, asKeeper, asFinance] = await Promise.all([rep, rep2, clerk, clerk2, keeper, finance].map((u) => t.login(u)));
  whId = (await makeWarehouse(t.db, co, { name: '昆明总仓' })).id;
  beer = await makeProduct(t.db, co, { name: '滇池啤酒', barcode: '6901234567892', listPrice: 45_000 });
  wine = await makeProduct(t.db, co, { name: '红河干红', barcode: '6907654321098', listPrice: 688_800 });
  for (const p of [beer, wine]) await stockUp(t.db, co, { warehouseId: whId, productId: p.id, quantity: 10_000, batchNo: 'B1' });
  await setOrderSettings(t.db, co.id, { reviews: { direct: [], wholesale: [], regional: [], supermarket: [] } });
  actors = { clerk: asClerk, keeper: asKeeper, handler: asRep, finance: asFinance, handlerId: rep.id, warehouseId: whId };
}, 60_000);
afterAll(() => t.close());

describe('invoices from an order', () => {
  it('off by default: refused, and no orders are offered', async () => {
    const c = await orderCustomer(t.db, co, { ownerId: rep.id });
    const o = await supermarketOrder(c.id);
    const r = await asClerk.post('/api/invoices/from-order', { orderId: o.id, kind: 'normal' });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('INVOICE_FROM_ORDER_OFF');
    expect((await asClerk.get(`/api/invoices/orders/${c.id}`)).body).toEqual({ enabled: false, orders: [] });
  });

  it('a confirmed 商超 order is invoiced on the order; its slips count as invoiced; a red-letter of the whole order gives them back', async () => {
    await setFromOrder(true);
    const c = await orderCustomer(t.db, co, { ownerId: rep.id });
    const o = await supermarketOrder(c.id);
    const direct = (await asClerk.post('/api/orders', { customerId: c.id, orderType: 'direct', paymentTerm: 'transfer', warehouseId: whId, submit: true, lines: [{ productId: beer.id, quantity: 1 }] })).body;
    const offered = (await asClerk.get(`/api/invoices/orders/${c.id}`)).body;
    expect(offered.enabled).toBe(true);
    expect(offered.orders.map((x: { id: number }) => x.id)).toEqual([o.id]); // not the 直销 order
    const wrongType = await asClerk.post('/api/invoices/from-order', { orderId: direct.id, kind: 'normal' });
    expect(wrongType.status).toBe(409);
    expect(wrongType.body.error.code).toBe('INVOICE_ORDER_TYPE');

    const r = await asClerk.post('/api/invoices/from-order', { orderId: o.id, kind: 'normal' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const inv = r.body;
    expect(inv).toMatchObject({ number: expect.stringMatching(/^FP-/), direction: 'blue', status: 'issued', orderId: o.id, orderNumber: o.number, customerId: c.id });
    expect([inv.amountExTax, inv.taxAmount, inv.totalAmount]).toEqual([o.amountExTax, o.taxAmount, o.totalAmount]);
    expect(inv.lines.map((l: { productId: number; quantity: number; amount: number; taxAmount: number }) => [l.productId, l.quantity, l.amount, l.taxAmount])).toEqual(o.lines.map((l) => [l.productId, l.quantity, l.amount, l.taxAmount]));
    const again = await asClerk2.post('/api/invoices/from-order', { orderId: o.id, kind: 'normal' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVOICE_ORDER_INVOICED');
    expect(again.body.error.message).toContain(inv.number);
    expect((await asClerk.get(`/api/invoices/orders/${c.id}`)).body.orders).toEqual([]);

    // part of the order goes out and is posted: already invoiced by the order's invoice
    const { slips: [slip] } = await makeSlips(actors, [{ customer: { id: c.id, name: c.name }, lines: [], order: { id: o.id, lines: [{ orderLineId: o.lines[0]!.id, quantity: 12 }] } }]);
    expect(slip!.status).toBe('posted');
    expect((await asClerk.get(`/api/invoices/invoiceable/${c.id}`)).body.slips).toEqual([]);
    const twice = await asClerk.post('/api/invoices', { customerId: c.id, kind: 'normal', slipIds: [slip!.id] });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('INVOICE_SLIP_ORDER_INVOICED');
    expect(twice.body.error.fields[0].path).toBe('slipIds.0');

    // a partial red-letter (goods not delivered) keeps the order invoiced; the whole order reversed gives the slip back
    const part = await asClerk.post(`/api/invoices/${inv.id}/red`, { reason: '红酒缺货未送', lines: [{ invoiceLineId: inv.lines[1].id, quantity: 6 }] });
    expect(part.status, JSON.stringify(part.body)).toBe(200);
    expect((await asClerk.post('/api/invoices', { customerId: c.id, kind: 'normal', slipIds: [slip!.id] })).body.error.code).toBe('INVOICE_SLIP_ORDER_INVOICED');
    const rest = await asClerk.post(`/api/invoices/${inv.id}/red`, { reason: '改为按送货单开票' });
    expect(rest.status, JSON.stringify(rest.body)).toBe(200);
    const sources = await t.db.selectFrom('invoiceOrderSources').select(['orderLineId', (eb) => eb.fn.sum<number>('quantity').as('q')]).where('orderId', '=', o.id).groupBy('orderLineId').execute();
    expect(sources.map((s) => Number(s.q))).toEqual([0, 0]);
    const bySlip = await asClerk.post('/api/invoices', { customerId: c.id, kind: 'normal', slipIds: [slip!.id] });
    expect(bySlip.status, JSON.stringify(bySlip.body)).toBe(200);
    expect(bySlip.body.totalAmount).toBe(slip!.totalAmount);
    // the order's goods are now invoiced by slip: the order cannot be invoiced from the order any more
    const fromOrder = await asClerk.post('/api/invoices/from-order', { orderId: o.id, kind: 'normal' });
    expect(fromOrder.status).toBe(409);
    expect(fromOrder.body.error.code).toBe('INVOICE_ORDER_SLIPS_INVOICED');
  });

  it('two clerks at once — one invoicing the order, one its posted slip — never invoice the goods twice', async () => {
    await setFromOrder(true);
    const c = await orderCustomer(t.db, co, { ownerId: rep.id });
    const o = await supermarketOrder(c.id, [{ product: beer, quantity: 10 }]);
    const { slips: [slip] } = await makeSlips(actors, [{ customer: { id: c.id, name: c.name }, lines: [], order: { id: o.id, lines: [{ orderLineId: o.lines[0]!.id, quantity: 10 }] } }]);
    const both = await Promise.all([
      asClerk.post('/api/invoices/from-order', { orderId: o.id, kind: 'normal' }),
      asClerk2.post('/api/invoices', { customerId: c.id, kind: 'normal', slipIds: [slip!.id] }),
    ]);
    expect(both.map((x) => x.status).sort()).toEqual([200, 409]);
    expect(['INVOICE_ORDER_SLIPS_INVOICED', 'INVOICE_SLIP_ORDER_INVOICED']).toContain(both.find((x) => x.status === 409)!.body.error.code);
    const invoiced = await t.db.selectFrom('invoices').select(['totalAmount']).where('customerId', '=', c.id).where('direction', '=', 'blue').execute();
    expect(invoiced).toHaveLength(1);
  });

  it('scope: a rep outside the customer gets 404; a rep cannot invoice', async () => {
    await setFromOrder(true);
    const c = await orderCustomer(t.db, co, { ownerId: rep.id });
    const o = await supermarketOrder(c.id, [{ product: beer, quantity: 2 }]);
    expect((await asRep2.get(`/api/invoices/orders/${c.id}`)).status).toBe(404);
    expect((await asRep2.post('/api/invoices/from-order', { orderId: o.id, kind: 'normal' })).status).toBe(403);
    expect((await asClerk.post('/api/invoices/from-order', { orderId: 99_999_999, kind: 'normal' })).status).toBe(404);
  });
});
