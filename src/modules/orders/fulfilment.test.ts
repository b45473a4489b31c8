import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/fixtures/app.ts';
import { contextOf, makeCompany, makeProduct, makeUser, makeWarehouse, stockUp, type TestCompany, type TestProduct, type TestUser, type TestWarehouse } from '../../../test/fixtures/factories.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { availability, issueStock, reverseStock } from '../inventory/stock.ts';
import { orderForSlip, recordShipment, reverseShipment } from './fulfilment.ts';
import { orderCustomer } from './test-helpers.ts';

let t: TestApp;
let company: TestCompany;
let wh: TestWarehouse;
let beer: TestProduct;
let clerkU: TestUser;
let clerk: Client;
let finance: Client;
let slipSeq = 0;

beforeAll(async () => {
  t = await createTestApp();
  company = await makeCompany(t.db);
  wh = await makeWarehouse(t.db, company);
  beer = await makeProduct(t.db, company, { name: '风花雪月啤酒', listPrice: 600_000 });
  await stockUp(t.db, company, { warehouseId: wh.id, productId: beer.id, quantity: 100 });
  clerkU = await makeUser(t.db, company, { roleCode: 'clerk' });
  clerk = await t.login(clerkU);
  finance = await t.login(await makeUser(t.db, company, { roleCode: 'finance' }));
});
afterAll(() => t.close());

const ctxOf = (user: TestUser, roleCode = user.roleCode) => contextOf(company, user, roleCode);
const level = async () => (await availability(t.db, company.id, wh.id, [beer.id])).get(beer.id)!;
const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
};

/** What the slips module does: a slip from the order consuming its reservation, then the order's shipped figures. */
async function issueSlip(orderId: number, lineId: number, quantity: number) {
  const docId = 900000 + ++slipSeq;
  await t.db.transaction().execute(async (tx) => {
    const ctx = ctxOf(clerkU);
    const { order } = await orderForSlip(tx, ctx, orderId);
    await issueStock(tx, company.id, { docType: 'sales_slip', docId, docNo: `XS-T-${docId}`, businessDate: '2026-11-22', userId: clerkU.id }, [
      { warehouseId: order.warehouseId, productId: beer.id, quantity, reservation: { sourceType: 'sales_order', sourceLineId: lineId } },
    ]);
    await recordShipment(tx, ctx, orderId, [{ orderLineId: lineId, quantity }]);
  });
  return docId;
}
async function voidSlip(docId: number, orderId: number, lineId: number, quantity: number) {
  await t.db.transaction().execute(async (tx) => {
    await reverseStock(tx, company.id, { docType: 'sales_slip', docId, docNo: `XS-T-${docId}`, businessDate: '2026-11-22', userId: clerkU.id }, { businessDate: '2026-11-22', userId: clerkU.id });
    await reverseShipment(tx, ctxOf(clerkU), orderId, [{ orderLineId: lineId, quantity }]);
  });
}

describe('orders → slips', () => {
  it('partial slips keep the order open; over-shipping is refused; a voided slip restores shipped, reservation and stock; the rest closes the flow', async () => {
    const cust = await orderCustomer(t.db, company);
    const start = await level();
    const o = (await clerk.post('/api/orders', { customerId: cust.id, orderType: 'direct', paymentTerm: 'cash', warehouseId: wh.id, lines: [{ productId: beer.id, quantity: 10 }], submit: true })).body;
    const lineId = o.lines[0].id;
    const slip1 = await issueSlip(o.id, lineId, 4);
    let got = (await clerk.get(`/api/orders/${o.id}`)).body;
    expect(got.status).toBe('partially_shipped');
    expect(got.lines[0]).toMatchObject({ shippedQuantity: 4, reservedQuantity: 6 });
    expect(await level()).toEqual({ onHand: start.onHand - 4, reserved: start.reserved + 6, available: start.available - 10 });
    expect(await codeOf(issueSlip(o.id, lineId, 7))).toBe('ORDER_OVER_SHIPPED');
    await voidSlip(slip1, o.id, lineId, 4);
    got = (await clerk.get(`/api/orders/${o.id}`)).body;
    expect(got.status).toBe('confirmed');
    expect(got.lines[0]).toMatchObject({ shippedQuantity: 0, reservedQuantity: 10 });
    expect(await level()).toEqual({ onHand: start.onHand, reserved: start.reserved + 10, available: start.available - 10 });
    await issueSlip(o.id, lineId, 6);
    await issueSlip(o.id, lineId, 4);
    got = (await clerk.get(`/api/orders/${o.id}`)).body;
    expect(got.status).toBe('shipped');
    expect(got.lines[0]).toMatchObject({ shippedQuantity: 10, reservedQuantity: 0 });
    expect(await level()).toEqual({ onHand: start.onHand - 10, reserved: start.reserved, available: start.available - 10 });
    expect(await codeOf(t.db.transaction().execute((tx) => orderForSlip(tx, ctxOf(clerkU), o.id)))).toBe('ORDER_NOT_SHIPPABLE');
    const d = await clerk.post(`/api/orders/${o.id}/deliver`, { version: got.version });
    expect(d.body.status).toBe('delivered');
    const c = await clerk.post(`/api/orders/${o.id}/complete`, { version: d.body.version });
    expect(c.body.status).toBe('completed');
    const closed = await clerk.post(`/api/orders/${o.id}/close`, { version: c.body.version });
    expect(closed.body).toMatchObject({ status: 'closed' });
    expect(closed.body.closedAt).toBeTruthy();
  });

  it('a partly shipped order: a change down to what was shipped completes the shipment; closing another releases the rest', async () => {
    const cust = await orderCustomer(t.db, company);
    const start = await level();
    const mk = async () => (await clerk.post('/api/orders', { customerId: cust.id, orderType: 'direct', paymentTerm: 'cash', warehouseId: wh.id, lines: [{ productId: beer.id, quantity: 10 }], submit: true })).body;
    const a = await mk();
    await issueSlip(a.id, a.lines[0].id, 6);
    let got = (await clerk.get(`/api/orders/${a.id}`)).body;
    const below = await clerk.post(`/api/orders/${a.id}/change`, { version: got.version, reason: '客户只要 5 瓶', lines: [{ orderLineId: a.lines[0].id, quantity: 5 }] });
    expect(below.status).toBe(400);
    expect(below.body.error.fields[0].path).toBe('lines.0.quantity');
    const ch = await clerk.post(`/api/orders/${a.id}/change`, { version: got.version, reason: '余下 4 瓶客户不要了', lines: [{ orderLineId: a.lines[0].id, quantity: 6 }] });
    expect(ch.body).toMatchObject({ status: 'shipped', totalQuantity: 6 });
    expect(ch.body.lines[0]).toMatchObject({ quantity: 6, shippedQuantity: 6, reservedQuantity: 0 });
    const b = await mk();
    await issueSlip(b.id, b.lines[0].id, 3);
    got = (await clerk.get(`/api/orders/${b.id}`)).body;
    const closed = await clerk.post(`/api/orders/${b.id}/close`, { version: got.version });
    expect(closed.body.status).toBe('closed');
    expect(closed.body.lines[0]).toMatchObject({ shippedQuantity: 3, reservedQuantity: 0 });
    expect(await level()).toEqual({ onHand: start.onHand - 9, reserved: start.reserved, available: start.available - 9 });
    // a closed order takes no more slips, no cancel
    expect(await codeOf(t.db.transaction().execute((tx) => orderForSlip(tx, ctxOf(clerkU), b.id)))).toBe('ORDER_NOT_SHIPPABLE');
    expect((await clerk.post(`/api/orders/${b.id}/cancel`, { reason: '取消', version: closed.body.version })).status).toBe(409);
  });

  it('地州: no slip until the payment is recorded in full', async () => {
    const cust = await orderCustomer(t.db, company, { credit: { limit: 0, terms: ['transfer'] } });
    const { setOrderSettings } = await import('./test-helpers.ts');
    await setOrderSettings(t.db, company.id, { reviews: { direct: [], wholesale: [], regional: [], supermarket: [] } });
    const o = (await clerk.post('/api/orders', { customerId: cust.id, orderType: 'regional', paymentTerm: 'transfer', warehouseId: wh.id, carrierName: '顺达托运部', carrierPhone: '0871-65551234', lines: [{ productId: beer.id, quantity: 5 }], submit: true })).body;
    expect(o.status).toBe('confirmed');
    const tryOrder = () => t.db.transaction().execute((tx) => orderForSlip(tx, ctxOf(clerkU), o.id));
    expect(await codeOf(tryOrder())).toBe('ORDER_REGIONAL_UNPAID');
    expect((await clerk.post(`/api/orders/${o.id}/payment`, { amount: 100, version: o.version })).status).toBe(403);
    const p1 = await finance.post(`/api/orders/${o.id}/payment`, { amount: 10_000, version: o.version });
    expect(p1.body.paymentReceived).toBe(10_000);
    try {
      await tryOrder();
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).localized('zh-CN')).toBe('地州订单须款到发货：订单金额 ¥300.00，已收款 ¥100.00，尚欠 ¥200.00');
    }
    await finance.post(`/api/orders/${o.id}/payment`, { amount: 20_000, version: p1.body.version });
    expect(await codeOf(tryOrder())).toBe('ok');
  });

  it('orderForSlip: 404 outside the user\'s scope, 409 for an order not yet confirmed', async () => {
    const cust = await orderCustomer(t.db, company, { credit: { limit: 10_000_000, terms: ['monthly'] } });
    const { setOrderSettings } = await import('./test-helpers.ts');
    await setOrderSettings(t.db, company.id, { reviews: { direct: ['finance'], wholesale: [], regional: [], supermarket: [] } });
    const o = (await clerk.post('/api/orders', { customerId: cust.id, orderType: 'direct', paymentTerm: 'monthly', warehouseId: wh.id, lines: [{ productId: beer.id, quantity: 1 }], submit: true })).body;
    expect(o.status).toBe('submitted');
    expect(await codeOf(t.db.transaction().execute((tx) => orderForSlip(tx, ctxOf(clerkU), o.id)))).toBe('ORDER_NOT_SHIPPABLE');
    const rep = await makeUser(t.db, company, { roleCode: 'rep' });
    expect(await codeOf(t.db.transaction().execute((tx) => orderForSlip(tx, ctxOf(rep), o.id)))).toBe('NOT_FOUND');
  });
});
