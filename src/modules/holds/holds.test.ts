import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/fixtures/app.ts';
import { makeCompany, makeProduct, makeUser, makeWarehouse, stockUp, type TestCompany, type TestProduct, type TestUser, type TestWarehouse } from '../../../test/fixtures/factories.ts';
import { addDays, businessDate } from '../../platform/time.ts';
import { availability } from '../inventory/stock.ts';
import { orderCustomer, setOrderSettings } from '../orders/test-helpers.ts';
import { makeSlips, type SalesActors } from '../../../test/fixtures/sales.ts';
import { expireHolds } from './service.ts';

// Holds and deposits 留货 订金/定金 through their life: held → firm → (requests) → converted by the
// order made from it; released, voided, expired; the once-only rule; the stock at each step.

let t: TestApp;
let company: TestCompany;
let wh: TestWarehouse;
let villa: TestProduct;
let repU: TestUser;
let rep: Client;
let otherRep: Client;
let clerk: Client;
let manager: Client;
let finance: Client;
let actors: SalesActors;

beforeAll(async () => {
  t = await createTestApp();
  company = await makeCompany(t.db);
  wh = await makeWarehouse(t.db, company, { name: '昆明总仓' });
  villa = await makeProduct(t.db, company, { name: '茅台飞天 53 度', listPrice: 14_990_000, taxRateBp: 1300 });
  await stockUp(t.db, company, { warehouseId: wh.id, productId: villa.id, quantity: 100 });
  repU = await makeUser(t.db, company, { roleCode: 'rep', displayName: '业务员小刘' });
  rep = await t.login(repU);
  otherRep = await t.login(await makeUser(t.db, company, { roleCode: 'rep', displayName: '业务员小陈' }));
  clerk = await t.login(await makeUser(t.db, company, { roleCode: 'clerk', displayName: '内勤小张' }));
  manager = await t.login(await makeUser(t.db, company, { roleCode: 'manager', displayName: '经理老赵' }));
  finance = await t.login(await makeUser(t.db, company, { roleCode: 'finance', displayName: '会计老王' }));
  const keeper = await t.login(await makeUser(t.db, company, { roleCode: 'warehouse', displayName: '仓管老李' }));
  actors = { clerk, keeper, handler: rep, finance, handlerId: repU.id, warehouseId: wh.id };
});
afterAll(() => t.close());

const avail = async () => (await availability(t.db, company.id, wh.id, [villa.id])).get(villa.id)!;
const reservedBy = async (sourceType: string, sourceId: number) =>
  (await t.db.selectFrom('stockReservations').select('quantity').where('sourceType', '=', sourceType).where('sourceId', '=', sourceId).execute()).reduce((s, r) => s + r.quantity, 0);
let phoneSeq = 0;
const nextPhone = () => `1380000${String(++phoneSeq).padStart(4, '0')}`;
async function customer(name?: string) {
  return orderCustomer(t.db, company, { ownerId: repU.id, name });
}
const holdBody = (customerId: number, over: Record<string, unknown> = {}) => ({ customerId, productId: villa.id, warehouseId: wh.id, quantity: 2, deposit: 80_000, holderPhone: nextPhone(), ...over });

describe('taking a hold 订金留货', () => {
  it('numbers it, reserves its stock at once, defaults the holder and lasts to the end of the hold days', async () => {
    const c = await customer();
    const before = await avail();
    const r = await rep.post('/api/holds', holdBody(c.id, { holderPhone: undefined }));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'held', quantity: 2, deposit: 80_000, holderName: '李四', holderPhone: '13900001111', listPrice: 14_990_000, customerName: c.name, depositReceivedByName: '业务员小刘' });
    expect(r.body.number).toMatch(/^LH-\d{6}-\d{5}$/);
    const lastDay = addDays(businessDate(), 3);
    expect(r.body.expiresAt).toBe(new Date(Date.parse(`${lastDay}T23:59:59.999+08:00`)).toISOString());
    expect((await avail()).available).toBe(before.available - 2);
    const history = await rep.get(`/api/holds/${r.body.id}/history`);
    expect(history.body.map((h: { action: string }) => h.action)).toEqual(['hold.create']);
  });

  it('is refused when the stock is short, and nothing is written', async () => {
    const c = await customer();
    const before = await avail();
    const count = async () => Number((await t.db.selectFrom('holds').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const n = await count();
    const r = await rep.post('/api/holds', holdBody(c.id, { quantity: before.available + 1 }));
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('STOCK_SHORT');
    expect(await count()).toBe(n);
    expect((await avail()).available).toBe(before.available);
  });

  it('once per customer and product: a second hold while one is open, or after one lapsed, is refused — also under the same phone', async () => {
    const c = await customer();
    const phone = nextPhone();
    const first = await rep.post('/api/holds', holdBody(c.id, { holderPhone: phone }));
    const again = await rep.post('/api/holds', holdBody(c.id));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('HOLD_ACTIVE_EXISTS');
    const released = await rep.post(`/api/holds/${first.body.id}/release`, { version: first.body.version, reason: '客户改变主意', depositOutcome: 'refunded' });
    expect(released.status).toBe(200);
    const renew = await rep.post('/api/holds', holdBody(c.id));
    expect(renew.status).toBe(409);
    expect(renew.body.error.code).toBe('HOLD_ONCE_ONLY');
    expect(renew.body.error.message).toContain('保留权只有一次');
    // a friend holds it for them under the same phone: refused too
    const friend = await customer('朋友代订');
    const viaFriend = await rep.post('/api/holds', holdBody(friend.id, { holderPhone: phone }));
    expect(viaFriend.status).toBe(409);
    expect(viaFriend.body.error.code).toBe('HOLD_ONCE_ONLY');
    expect(viaFriend.body.error.message).toContain(phone);
    // another product is another right
    const other = await makeProduct(t.db, company, { name: '茅台王子酒', listPrice: 2_000_000 });
    await stockUp(t.db, company, { warehouseId: wh.id, productId: other.id, quantity: 5 });
    expect((await rep.post('/api/holds', holdBody(c.id, { productId: other.id, holderPhone: phone }))).status).toBe(200);
  });

  it('ten holds entered at once under one holder phone for ten customers: one is taken, the others refused', async () => {
    const customers = await Promise.all(Array.from({ length: 10 }, () => customer()));
    const phone = nextPhone();
    const all = await Promise.all(customers.map((c, i) => (i % 2 ? clerk : rep).post('/api/holds', holdBody(c.id, { quantity: 1, holderPhone: phone }))));
    expect(all.filter((r) => r.status === 200)).toHaveLength(1);
    expect(all.filter((r) => r.status === 409).every((r) => r.body.error.code === 'HOLD_ACTIVE_EXISTS')).toBe(true);
  });

  it('ten holds entered at once for the same customer and product: one is taken, the others refused', async () => {
    const c = await customer();
    const before = await avail();
    const all = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? clerk : rep).post('/api/holds', holdBody(c.id, { quantity: 1 }))));
    expect(all.filter((r) => r.status === 200)).toHaveLength(1);
    expect(all.filter((r) => r.status === 409).every((r) => r.body.error.code === 'HOLD_ACTIVE_EXISTS')).toBe(true);
    expect((await avail()).available).toBe(before.available - 1);
  });

  it('a rep sees the holds of their own customers only', async () => {
    const c = await customer();
    const h = await rep.post('/api/holds', holdBody(c.id));
    expect((await otherRep.get(`/api/holds/${h.body.id}`)).status).toBe(404);
    const list = await otherRep.get('/api/holds');
    expect(list.body.items.map((x: { id: number }) => x.id)).not.toContain(h.body.id);
    expect((await clerk.get(`/api/holds/${h.body.id}`)).status).toBe(200);
    const mine = await rep.get(`/api/holds?q=${encodeURIComponent(c.name)}`);
    expect(mine.body.items.map((x: { id: number }) => x.id)).toEqual([h.body.id]);
  });

  it('carries the product\'s pack for the quantity in cases, as the product file has it now (shown, never stored on the hold)', async () => {
    const c = await customer();
    const h = await rep.post('/api/holds', holdBody(c.id));
    expect(h.body).toMatchObject({ unit: '瓶', packUnit: '箱', packSize: 12 });
    const loose = await makeProduct(t.db, company, { name: '散装高粱酒', unit: '斤', packUnit: null, packSize: null });
    await stockUp(t.db, company, { warehouseId: wh.id, productId: loose.id, quantity: 50 });
    const bulk = await rep.post('/api/holds', holdBody(c.id, { productId: loose.id, quantity: 30 }));
    expect(bulk.body).toMatchObject({ unit: '斤', packUnit: null, packSize: null });
    await t.db.updateTable('products').set({ packSize: 6 }).where('id', '=', villa.id).execute();
    try {
      const list = await rep.get(`/api/holds?q=${encodeURIComponent(c.name)}`);
      expect(list.body.items.map((x: { id: number; packUnit: string | null; packSize: number | null }) => [x.id, x.packUnit, x.packSize])).toEqual([[bulk.body.id, null, null], [h.body.id, '箱', 6]]);
    } finally {
      await t.db.updateTable('products').set({ packSize: 12 }).where('id', '=', villa.id).execute();
    }
  });
});

describe('expiry', () => {
  it('a 订金 hold past its deadline expires by itself, gives its stock back and tells the rep; a firm one does not', async () => {
    const c1 = await customer();
    const c2 = await customer();
    const held = await rep.post('/api/holds', holdBody(c1.id, { quantity: 3 }));
    const toFirm = await rep.post('/api/holds', holdBody(c2.id, { quantity: 4 }));
    const firm = await rep.post(`/api/holds/${toFirm.body.id}/firm`, { version: toFirm.body.version, firmDeposit: 2_000_000, agreementNo: 'RG-2026-001' });
    expect(firm.status).toBe(200);
    const before = await avail();
    const later = new Date(Date.parse(held.body.expiresAt) + 1000);
    expect(await expireHolds(t.db, later)).toMatch(/holds expired [1-9]/);
    const h1 = await rep.get(`/api/holds/${held.body.id}`);
    expect(h1.body).toMatchObject({ status: 'expired', endReason: '订金留货到期，自动释放' });
    expect((await rep.get(`/api/holds/${firm.body.id}`)).body.status).toBe('firm');
    // every 订金 hold of these tests is past that instant: each gave its stock back, the firm one kept its 4
    expect((await avail()).available).toBeGreaterThanOrEqual(before.available + 3);
    expect(await reservedBy('hold', held.body.id)).toBe(0);
    expect(await reservedBy('hold', firm.body.id)).toBe(4);
    const note = await t.db.selectFrom('notifications').select(['userId', 'title']).where('kind', '=', 'hold.expired').where('entityId', '=', held.body.id).execute();
    expect(note).toEqual([{ userId: repU.id, title: `留货 ${held.body.number} 已到期释放` }]);
    // run again: nothing more
    expect(await expireHolds(t.db, later)).toBe('holds expired 0');
  });
});

describe('firm 定货, special price and extension', () => {
  it('firm needs the 定金 and the agreement; the sign-by date comes from the settings', async () => {
    const c = await customer();
    const h = await rep.post('/api/holds', holdBody(c.id));
    const missing = await rep.post(`/api/holds/${h.body.id}/firm`, { version: h.body.version, firmDeposit: 2_000_000, agreementNo: '' });
    expect(missing.status).toBe(400);
    const f = await rep.post(`/api/holds/${h.body.id}/firm`, { version: h.body.version, firmDeposit: 2_000_000, agreementNo: 'RG-2026-002' });
    expect(f.body).toMatchObject({ status: 'firm', firmDeposit: 2_000_000, agreementNo: 'RG-2026-002', signBy: addDays(businessDate(), 7), latestSignBy: addDays(businessDate(), 15), firmByName: '业务员小刘' });
    const twice = await rep.post(`/api/holds/${h.body.id}/firm`, { version: f.body.version, firmDeposit: 2_000_000, agreementNo: 'RG-2026-002' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('INVALID_TRANSITION');
  });

  it('an extension: not for a 订金 hold, at most 15 days after the firm date, approved by a manager who is not the requester', async () => {
    const c = await customer();
    const h = await rep.post('/api/holds', holdBody(c.id));
    const early = await rep.post(`/api/holds/${h.body.id}/requests`, { kind: 'extension', signBy: addDays(businessDate(), 5), reason: '客户出差' });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('HOLD_NOT_EXTENDABLE');
    const f = await rep.post(`/api/holds/${h.body.id}/firm`, { version: h.body.version, firmDeposit: 3_000_000, agreementNo: 'RG-2026-003' });
    const tooLate = await rep.post(`/api/holds/${h.body.id}/requests`, { kind: 'extension', signBy: addDays(businessDate(), 16), reason: '客户出差' });
    expect(tooLate.status).toBe(400);
    expect(tooLate.body.error.code).toBe('HOLD_EXTENSION_TOO_LATE');
    const notLater = await rep.post(`/api/holds/${h.body.id}/requests`, { kind: 'extension', signBy: f.body.signBy, reason: '客户出差' });
    expect(notLater.body.error.code).toBe('HOLD_EXTENSION_NOT_LATER');
    const asked = await rep.post(`/api/holds/${h.body.id}/requests`, { kind: 'extension', signBy: addDays(businessDate(), 12), reason: '客户出差，下周回来签约' });
    expect(asked.status).toBe(200);
    expect(asked.body.requests).toMatchObject([{ kind: 'extension', status: 'pending', signBy: addDays(businessDate(), 12), requestedByName: '业务员小刘' }]);
    expect(asked.body.pendingRequests).toBe(1);
    const dup = await rep.post(`/api/holds/${h.body.id}/requests`, { kind: 'extension', signBy: addDays(businessDate(), 13), reason: '再延' });
    expect(dup.body.error.code).toBe('HOLD_REQUEST_PENDING');
    const requestId = asked.body.requests[0].id;
    const managers = await t.db.selectFrom('notifications').select('title').where('kind', '=', 'hold.request').where('entityId', '=', h.body.id).execute();
    expect(managers.map((n) => n.title)).toContain(`留货 ${h.body.number} 待审批延期签约付款`);
    expect((await rep.post(`/api/holds/${h.body.id}/requests/${requestId}/decide`, { decision: 'approved' })).status).toBe(403);
    const pendingList = await manager.get('/api/holds?pending=1');
    expect(pendingList.body.items.map((x: { id: number }) => x.id)).toContain(h.body.id);
    const ok = await manager.post(`/api/holds/${h.body.id}/requests/${requestId}/decide`, { decision: 'approved', note: '同意' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ signBy: addDays(businessDate(), 12), pendingRequests: 0 });
    expect(ok.body.requests[0]).toMatchObject({ status: 'approved', decidedByName: '经理老赵', decisionNote: '同意' });
    const again = await manager.post(`/api/holds/${h.body.id}/requests/${requestId}/decide`, { decision: 'rejected' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('HOLD_REQUEST_DECIDED');
  });

  it('a special price is set only when a manager approves it; a rejected one changes nothing', async () => {
    const c = await customer();
    const h = await rep.post('/api/holds', holdBody(c.id));
    const asked = await rep.post(`/api/holds/${h.body.id}/requests`, { kind: 'special_price', unitPrice: 13_800_000, reason: '老客户团购' });
    const no = await manager.post(`/api/holds/${h.body.id}/requests/${asked.body.requests[0].id}/decide`, { decision: 'rejected', note: '价格太低' });
    expect(no.body).toMatchObject({ agreedPrice: null });
    const asked2 = await rep.post(`/api/holds/${h.body.id}/requests`, { kind: 'special_price', unitPrice: 14_200_000, reason: '老客户团购' });
    const yes = await manager.post(`/api/holds/${h.body.id}/requests/${asked2.body.requests[1].id}/decide`, { decision: 'approved' });
    expect(yes.body).toMatchObject({ agreedPrice: 14_200_000 });
    const decision = await t.db.selectFrom('notifications').select('title').where('kind', '=', 'hold.decision').where('entityId', '=', h.body.id).execute();
    expect(decision.map((n) => n.title)).toEqual([`留货 ${h.body.number} 的特别优惠申请已驳回`, `留货 ${h.body.number} 的特别优惠申请已批准`]);
    // the order at the approved price is not under the price list (让价): it needs no finance review for it
    const o = await rep.post('/api/orders', { customerId: c.id, orderType: 'direct', paymentTerm: 'cash', warehouseId: wh.id, holdId: h.body.id, submit: true, lines: [{ productId: villa.id, quantity: 2, unitPrice: 14_200_000 }] });
    expect(o.body).toMatchObject({ status: 'confirmed', priceConcession: 0 });
    expect(o.body.lines[0]).toMatchObject({ listPrice: 14_200_000, concession: 0 });
  });
});

describe('release and void', () => {
  it('退订 gives the stock back and records the deposit; void needs a manager and a reason, and the hold stays listed', async () => {
    const c1 = await customer();
    const c2 = await customer();
    const before = await avail();
    const a = await rep.post('/api/holds', holdBody(c1.id, { quantity: 5 }));
    const b = await rep.post('/api/holds', holdBody(c2.id, { quantity: 6 }));
    expect((await avail()).available).toBe(before.available - 11);
    const r = await rep.post(`/api/holds/${a.body.id}/release`, { version: a.body.version, reason: '客户不要了', depositOutcome: 'forfeited' });
    expect(r.body).toMatchObject({ status: 'released', depositOutcome: 'forfeited', endReason: '客户不要了', endedByName: '业务员小刘' });
    expect((await avail()).available).toBe(before.available - 6);
    expect((await rep.post(`/api/holds/${b.body.id}/void`, { version: b.body.version, reason: '录错客户' })).status).toBe(403);
    const noReason = await manager.post(`/api/holds/${b.body.id}/void`, { version: b.body.version, reason: ' ' });
    expect(noReason.status).toBe(400);
    const v = await manager.post(`/api/holds/${b.body.id}/void`, { version: b.body.version, reason: '录错客户' });
    expect(v.body).toMatchObject({ status: 'void', voidReason: '录错客户', voidedByName: '经理老赵' });
    expect((await avail()).available).toBe(before.available);
    const listed = await clerk.get('/api/holds?status=void');
    expect(listed.body.items.map((x: { id: number }) => x.id)).toContain(b.body.id);
    // a voided hold does not use up the customer's right
    expect((await rep.post('/api/holds', holdBody(c2.id, { quantity: 1 }))).status).toBe(200);
  });
});

describe('an order from a hold', () => {
  const orderBody = (customerId: number, holdId: number, over: Record<string, unknown> = {}) => ({
    customerId, orderType: 'direct', paymentTerm: 'cash', warehouseId: wh.id, holdId, lines: [{ productId: villa.id, quantity: 2 }], ...over,
  });

  it('must match the hold: customer, warehouse, product and quantity', async () => {
    const c = await customer();
    const other = await customer();
    const h = await rep.post('/api/holds', holdBody(c.id));
    const wrongCustomer = await rep.post('/api/orders', orderBody(other.id, h.body.id));
    expect(wrongCustomer.status).toBe(400);
    expect(wrongCustomer.body.error.code).toBe('HOLD_ORDER_MISMATCH');
    const short = await rep.post('/api/orders', orderBody(c.id, h.body.id, { lines: [{ productId: villa.id, quantity: 1 }] }));
    expect(short.body.error.code).toBe('HOLD_ORDER_MISMATCH');
  });

  it('confirmed at once: the held goods pass to the order in the same transaction and the hold is converted', async () => {
    const c = await customer();
    const h = await rep.post('/api/holds', holdBody(c.id, { quantity: 2 }));
    const before = await avail();
    const o = await rep.post('/api/orders', orderBody(c.id, h.body.id, { submit: true, lines: [{ productId: villa.id, quantity: 3 }] }));
    expect(o.status).toBe(200);
    expect(o.body).toMatchObject({ status: 'confirmed', holdId: h.body.id, paymentReceived: 80_000 });
    expect((await rep.get(`/api/orders/${o.body.id}`)).body).toMatchObject({ paymentReceived: 80_000, version: o.body.version });
    expect((await avail()).available).toBe(before.available - 1); // 2 held already, 1 more
    expect(await reservedBy('hold', h.body.id)).toBe(0);
    expect(await reservedBy('sales_order', o.body.id)).toBe(3);
    const done = await rep.get(`/api/holds/${h.body.id}`);
    expect(done.body).toMatchObject({ status: 'converted', orderId: o.body.id, orderNumber: o.body.number, depositOutcome: 'to_order' });
    // the customer bought it: a later hold of the same product is a new purchase, allowed
    expect((await rep.post('/api/holds', holdBody(c.id, { holderPhone: h.body.holderPhone }))).status).toBe(200);
  });

  it('waiting for review: the hold keeps its stock until the order is confirmed; a cancelled order leaves the hold open for another', async () => {
    await setOrderSettings(t.db, company.id, { reviews: { direct: ['finance'], wholesale: ['finance'], regional: ['finance', 'logistics'], supermarket: ['finance', 'logistics'] } });
    try {
      const c = await customer();
      const h = await rep.post('/api/holds', holdBody(c.id, { quantity: 2 }));
      const first = await rep.post('/api/orders', orderBody(c.id, h.body.id, { submit: true }));
      expect(first.body).toMatchObject({ status: 'submitted', holdId: h.body.id });
      expect(await reservedBy('hold', h.body.id)).toBe(2);
      const twice = await rep.post('/api/orders', orderBody(c.id, h.body.id));
      expect(twice.status).toBe(409);
      expect(twice.body.error.code).toBe('HOLD_HAS_ORDER');
      const released = await rep.post(`/api/holds/${h.body.id}/release`, { version: (await rep.get(`/api/holds/${h.body.id}`)).body.version, reason: 'x', depositOutcome: 'refunded' });
      expect(released.body.error.code).toBe('HOLD_HAS_ORDER');
      expect((await manager.post(`/api/orders/${first.body.id}/cancel`, { version: first.body.version, reason: '客户改日再来' })).status).toBe(200);
      expect((await rep.get(`/api/holds/${h.body.id}`)).body).toMatchObject({ status: 'held', orderId: first.body.id, orderStatus: 'void' });
      const second = await rep.post('/api/orders', orderBody(c.id, h.body.id, { submit: true }));
      expect(second.status).toBe(200);
      expect(second.body.paymentReceived).toBe(80_000);
      const before = await avail();
      const ok = await finance.post(`/api/orders/${second.body.id}/review/finance`, { version: second.body.version, decision: 'approved' });
      expect(ok.body.status).toBe('confirmed');
      expect((await avail()).available).toBe(before.available); // the held 2 became the order's 2
      expect(await reservedBy('hold', h.body.id)).toBe(0);
      expect(await reservedBy('sales_order', second.body.id)).toBe(2);
      expect((await rep.get(`/api/holds/${h.body.id}`)).body).toMatchObject({ status: 'converted', orderId: second.body.id });
    } finally {
      await setOrderSettings(t.db, company.id, { reviews: { direct: [], wholesale: ['finance'], regional: ['finance', 'logistics'], supermarket: ['finance', 'logistics'] } });
    }
  });
});

describe('printing the order form', () => {
  it('counts each print: the first is the original, later ones are reprints', async () => {
    const h = await rep.post('/api/holds', holdBody((await customer()).id));
    expect(h.body.printCount).toBe(0);
    expect((await rep.post(`/api/holds/${h.body.id}/prints`, {})).body).toEqual({ printNo: 1 });
    expect((await clerk.post(`/api/holds/${h.body.id}/prints`, { paper: 'continuous241' })).body).toEqual({ printNo: 2 });
    expect((await clerk.post(`/api/holds/${h.body.id}/prints`, { paper: 'a3' })).status).toBe(400);
    expect((await finance.post(`/api/holds/${h.body.id}/prints`, {})).status).toBe(403); // finance reads holds, does not print their forms
    expect((await rep.get(`/api/holds/${h.body.id}`)).body.printCount).toBe(2);
    const history = (await rep.get(`/api/holds/${h.body.id}/history`)).body as { action: string; after: string | null }[];
    // each print records its paper (A4 unless said)
    const prints = history.filter((x) => x.action.endsWith('print')).map((x) => [x.action, JSON.parse(x.after!).printNo, JSON.parse(x.after!).paper]);
    expect(prints).toEqual(expect.arrayContaining([['hold.print', 1, 'a4'], ['hold.reprint', 2, 'continuous241']]));
  });
});

describe('deposits are receipts 订金入账', () => {
  type R = { id: number; number: string; amount: number; method: string; status: string };
  const receiptsOf = async (holdId: number) => (await rep.get(`/api/holds/${holdId}`)).body.receipts as R[];

  it('each deposit is a receipt of the hold, neither allocated nor voided by finance while the hold is open', async () => {
    const c = await customer();
    const h = await rep.post('/api/holds', holdBody(c.id, { deposit: 80_000, depositMethod: 'wechat_alipay' }));
    expect(h.body.receipts).toMatchObject([{ amount: 80_000, method: 'wechat_alipay', status: 'on_hold' }]);
    const f = await rep.post(`/api/holds/${h.body.id}/firm`, { version: h.body.version, firmDeposit: 2_000_000, depositMethod: 'bank_transfer', agreementNo: 'RG-2026-101' });
    expect(f.body.receipts).toMatchObject([{ amount: 80_000, status: 'on_hold' }, { amount: 2_000_000, method: 'bank_transfer', status: 'on_hold' }]);
    const [dep] = f.body.receipts as R[];
    const r = await finance.get(`/api/receipts/${dep!.id}`);
    expect(r.body).toMatchObject({ status: 'on_hold', source: h.body.number, holdId: h.body.id, holdNumber: h.body.number, remarks: `留货订金（${h.body.number}）`, receivedByName: '业务员小刘', unallocatedAmount: 0 });
    const auto = await finance.post(`/api/receipts/${dep!.id}/auto-allocate`, {});
    expect(auto.status).toBe(409);
    expect(auto.body.error).toMatchObject({ code: 'RECEIPT_HOLD_DEPOSIT', message: expect.stringContaining(h.body.number) });
    const v = await finance.post(`/api/receipts/${dep!.id}/void`, { version: r.body.version, reason: '录错' });
    expect(v.body.error.code).toBe('RECEIPT_HOLD_DEPOSIT');
    // not the customer's credit: absent from the open receipts
    const open = await finance.get(`/api/receipts?customerId=${c.id}&open=1`);
    expect(open.body.items).toEqual([]);
  });

  it('退订 refunds or forfeits the deposit receipts; a voided hold voids them; an expired hold settles its 订金 afterwards, once', async () => {
    const [c1, c2, c3, c4] = [await customer(), await customer(), await customer(), await customer()];
    const refunded = await rep.post('/api/holds', holdBody(c1.id));
    await rep.post(`/api/holds/${refunded.body.id}/release`, { version: refunded.body.version, reason: '客户改买别的', depositOutcome: 'refunded' });
    // the rep decides; the money goes back through finance: 待退款 until the cashier records the refund
    const [due] = await receiptsOf(refunded.body.id);
    expect(due).toMatchObject({ status: 'refund_due' });
    const told = (await finance.get('/api/notifications')).body.items as { title: string; entity: string; entityId: number }[];
    expect(told).toContainEqual(expect.objectContaining({ title: `订金待退款：收款单 ${due!.number} ¥800.00`, entity: 'receipt', entityId: due!.id }));
    expect((await finance.post(`/api/receipts/${due!.id}/void`, { reason: 'x', version: 1 })).body.error.code).toBe('RECEIPT_DEPOSIT_CLOSED');
    const dueReceipt = (await finance.get(`/api/receipts/${due!.id}`)).body;
    expect((await rep.post(`/api/receipts/${due!.id}/refund`, { method: 'cash', version: dueReceipt.version })).status).toBe(403);
    expect((await finance.post(`/api/receipts/${due!.id}/refund`, { method: 'cash', version: dueReceipt.version + 1 })).status).toBe(409);
    const paidBack = await finance.post(`/api/receipts/${due!.id}/refund`, { method: 'bank_transfer', note: '转账退回，流水号 8812', version: dueReceipt.version });
    expect(paidBack.body).toMatchObject({ status: 'refunded', refundMethod: 'bank_transfer', refundNote: '转账退回，流水号 8812', refundedByName: '会计老王', unallocatedAmount: 0 });
    expect(paidBack.body.refundedAt).toBeTruthy();
    const again = await finance.post(`/api/receipts/${due!.id}/refund`, { method: 'cash', version: paidBack.body.version });
    expect(again.body.error).toMatchObject({ code: 'RECEIPT_NOT_REFUND_DUE', message: `收款单 ${due!.number} 不是待退款的订金/定金，不能登记退款` });
    expect(await receiptsOf(refunded.body.id)).toMatchObject([{ status: 'refunded' }]);
    const history = (await finance.get(`/api/receipts/${due!.id}/history`)).body as { action: string }[];
    expect(history.map((x) => x.action)).toEqual(expect.arrayContaining(['receipt.create', 'receipt.deposit_refund_due', 'receipt.refund']));
    const forfeited = await rep.post('/api/holds', holdBody(c2.id));
    await rep.post(`/api/holds/${forfeited.body.id}/release`, { version: forfeited.body.version, reason: '客户违约', depositOutcome: 'forfeited' });
    const [lost] = await receiptsOf(forfeited.body.id);
    expect(lost).toMatchObject({ status: 'forfeited' });
    const closed = await finance.post(`/api/receipts/${lost!.id}/auto-allocate`, {});
    expect(closed.body.error).toMatchObject({ code: 'RECEIPT_DEPOSIT_CLOSED', message: `收款单 ${lost!.number} 是留货的订金/定金，已不予退还（归公司），不能再核销或作废` });
    const voided = await rep.post('/api/holds', holdBody(c3.id));
    await manager.post(`/api/holds/${voided.body.id}/void`, { version: voided.body.version, reason: '录错客户' });
    const [gone] = await receiptsOf(voided.body.id);
    expect((await finance.get(`/api/receipts/${gone!.id}`)).body).toMatchObject({ status: 'void', voidReason: `留货单 ${voided.body.number} 作废：录错客户` });

    const lapsing = await rep.post('/api/holds', holdBody(c4.id));
    const early = await rep.post(`/api/holds/${lapsing.body.id}/deposit`, { version: lapsing.body.version, reason: '退还', depositOutcome: 'refunded' });
    expect(early.body.error.code).toBe('INVALID_TRANSITION');
    await expireHolds(t.db, new Date(Date.parse(lapsing.body.expiresAt) + 1000));
    const expired = (await rep.get(`/api/holds/${lapsing.body.id}`)).body;
    expect(expired).toMatchObject({ status: 'expired', depositOutcome: null, receipts: [{ status: 'on_hold' }] });
    const settled = await rep.post(`/api/holds/${lapsing.body.id}/deposit`, { version: expired.version, reason: '客户到期未来，按约不退', depositOutcome: 'forfeited' });
    expect(settled.body).toMatchObject({ status: 'expired', depositOutcome: 'forfeited', receipts: [{ status: 'forfeited' }] });
    const twice = await rep.post(`/api/holds/${lapsing.body.id}/deposit`, { version: settled.body.version, reason: '再退', depositOutcome: 'refunded' });
    expect(twice.body.error.code).toBe('INVALID_TRANSITION');
  });

  it('the order made from the hold takes the deposits: the driver brings the rest of a cash slip, and posting applies the deposits to it', async () => {
    const c = await customer();
    const h = await rep.post('/api/holds', holdBody(c.id, { quantity: 2, deposit: 80_000, depositMethod: 'cash' }));
    const f = await rep.post(`/api/holds/${h.body.id}/firm`, { version: h.body.version, firmDeposit: 100_000, agreementNo: 'RG-2026-102' });
    expect(f.status).toBe(200);
    const o = await rep.post('/api/orders', { customerId: c.id, orderType: 'direct', paymentTerm: 'cash', warehouseId: wh.id, holdId: h.body.id, submit: true, lines: [{ productId: villa.id, quantity: 2 }] });
    expect(o.body).toMatchObject({ status: 'confirmed', paymentReceived: 180_000, totalAmount: 299_800 });
    expect(await receiptsOf(h.body.id)).toMatchObject([{ status: 'confirmed' }, { status: 'confirmed' }]);
    const total = o.body.totalAmount as number;
    const { slips, reconciliationId } = await makeSlips(actors, [{ customer: { id: c.id, name: c.name }, lines: [], order: { id: o.body.id, lines: [{ orderLineId: o.body.lines[0].id, quantity: 2 }] } }]);
    const rec = await finance.get(`/api/slip-reconciliations/${reconciliationId}`);
    expect(rec.body.slips[0]).toMatchObject({ cashExpected: total - 180_000, cashReceived: total - 180_000 });
    expect(rec.body.cashDifference).toBe(0);
    expect(slips[0]).toMatchObject({ status: 'posted', totalAmount: total });
    const slip = await t.db.selectFrom('salesSlips').select('receivedAmount').where('id', '=', slips[0]!.id).executeTakeFirstOrThrow();
    expect(slip.receivedAmount).toBe(total); // the driver's cash and both deposits
    expect((await clerk.get(`/api/slips/${slips[0]!.id}`)).body).toMatchObject({ paidByDeposit: 180_000, netAmount: total });
    const allocated = await t.db.selectFrom('receipts').select(['amount', 'allocatedAmount']).where('holdId', '=', h.body.id).orderBy('id').execute();
    expect(allocated).toEqual([{ amount: 80_000, allocatedAmount: 80_000 }, { amount: 100_000, allocatedAmount: 100_000 }]);
  });

  it('before posting, a slip and its driver\u2019s day show the cash due net of the deposits', async () => {
    const c = await customer();
    const h = await rep.post('/api/holds', holdBody(c.id, { quantity: 3, deposit: 100_000 }));
    const o = await rep.post('/api/orders', { customerId: c.id, orderType: 'direct', paymentTerm: 'cash', warehouseId: wh.id, holdId: h.body.id, submit: true, lines: [{ productId: villa.id, quantity: 3 }] });
    const line = o.body.lines[0].id;
    // two slips of one order: the first takes the whole deposit
    const { slips } = await makeSlips(actors, [1, 2].map((q) => ({ customer: { id: c.id, name: c.name }, lines: [], order: { id: o.body.id, lines: [{ orderLineId: line, quantity: q }] } })), { until: 'delivered', driverName: '押金测试司机' });
    expect(slips.map((x) => x.paidByDeposit)).toEqual([100_000, 0]);
    const pending = (await finance.get('/api/slip-reconciliations/pending')).body as { driverName: string; cashExpected: number }[];
    expect(pending.find((p) => p.driverName === '押金测试司机')!.cashExpected).toBe(o.body.totalAmount - 100_000);
  });
});
