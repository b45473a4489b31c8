import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client } from '../../../test/fixtures/app.ts';
import { makeCompany, makeProduct, makeUser, makeWarehouse, stockUp, type TestCompany, type TestUser, type TestWarehouse } from '../../../test/fixtures/factories.ts';
import { convertPickups } from '../../db/migrations/20261124T125000-add-slip-delivery-mode.ts';

// How a slip's goods leave (delivery_mode), on SQLite and PostgreSQL: a pickup 客户自提 names no driver
// and is reconciled with the day's other pickups; a driver who happens to be called 客户自提 is a driver
// like any other; the migration turns the pickups written under that name before into mode 'pickup'.

const t = await createTestApp();
let co: TestCompany;
let wh: TestWarehouse;
let productId: number;
let rep: TestUser;
let asRep: Client, asClerk: Client, asKeeper: Client, asFinance: Client;

beforeAll(async () => {
  co = await makeCompany(t.db, { name: '自提酒业' });
  rep = await makeUser(t.db, co, { roleCode: 'rep', displayName: '张业务' });
  const clerk = await makeUser(t.db, co, { roleCode: 'clerk', displayName: '王内勤' });
  const keeper = await makeUser(t.db, co, { roleCode: 'warehouse', displayName: '刘仓管' });
  const finance = await makeUser(t.db, co, { roleCode: 'finance', displayName: '陈会计' });
  [asRep, asClerk, asKeeper, asFinance] = await Promise.all([rep, clerk, keeper, finance].map((u) => t.login(u)));
  wh = await makeWarehouse(t.db, co, { name: '门市仓' });
  productId = (await makeProduct(t.db, co, { name: '普洱茶饮', unit: '瓶', listPrice: 35_000, taxRateBp: 1300 })).id;
  await stockUp(t.db, co, { warehouseId: wh.id, productId, quantity: 1000, batchNo: 'B1' });
}, 60_000);
afterAll(() => t.close());

type Slip = { id: number; number: string; orderDeliveryMethod: string | null; businessDate: string; totalAmount: number; version: number; deliveryMode: string; driverName: string | null; driverPhone: string | null; status: string };

/** A cash counter sale of `quantity` bottles, signed by all three and ready to go out. */
async function signedSlip(quantity: number, extra: Record<string, unknown> = {}): Promise<Slip> {
  const s = await asClerk.post('/api/slips', { customerName: '门市散客', warehouseId: wh.id, handlerId: rep.id, lines: [{ productId, quantity }], ...extra });
  expect(s.status, JSON.stringify(s.body)).toBe(200);
  for (const [c, as] of [[asKeeper, 'keeper'], [asClerk, 'preparer'], [asRep, 'handler']] as const) expect((await c.post(`/api/slips/${s.body.id}/sign`, { as })).status).toBe(200);
  return (await asClerk.get(`/api/slips/${s.body.id}`)).body;
}

async function deliver(s: Slip, body: Record<string, unknown>) {
  return asClerk.post(`/api/slips/${s.id}/deliver`, { version: s.version, ...body });
}

type Pending = { deliveryMode: string; driverName: string | null; businessDate: string; slipCount: number; cashExpected: number };
const pendingNow = async () => (await asFinance.get('/api/slip-reconciliations/pending')).body as Pending[];

describe('customer pickup 客户自提', () => {
  it('a pickup names no driver; a driver is named; either choice is checked', async () => {
    const a = await signedSlip(1, { driverName: '王师傅', driverPhone: '13800000001' });
    const named = await deliver(a, { deliveryMode: 'pickup', driverName: '王师傅' });
    expect(named.status).toBe(400);
    expect(named.body.error).toMatchObject({ code: 'SLIP_PICKUP_DRIVER', fields: [expect.objectContaining({ path: 'driverName' })] });
    expect((await deliver(a, { deliveryMode: 'pickup', driverPhone: '13800000000' })).body.error).toMatchObject({ code: 'SLIP_PICKUP_DRIVER', fields: [expect.objectContaining({ path: 'driverPhone' })] });
    // the driver named at issue is dropped when the customer takes the goods themselves
    const p = await deliver(a, { deliveryMode: 'pickup' });
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    expect(p.body).toMatchObject({ status: 'delivered', deliveryMode: 'pickup', driverName: null, driverPhone: null });

    const b = await signedSlip(1);
    const none = await deliver(b, { deliveryMode: 'driver' });
    expect(none.status).toBe(400);
    expect(none.body.error).toMatchObject({ code: 'SLIP_NO_DRIVER', message: expect.stringContaining('请填写送货司机') });
    // the mode defaults to our driver, as before the mode existed
    const d = await deliver(b, { driverName: '李师傅' });
    expect(d.body).toMatchObject({ deliveryMode: 'driver', driverName: '李师傅' });

    const list = await asClerk.get('/api/slips?deliveryMode=pickup&pageSize=200');
    expect(list.body.items.map((i: { id: number }) => i.id)).toContain(a.id);
    expect(list.body.items.map((i: { id: number }) => i.id)).not.toContain(b.id);
  });

  it('a pickup and a driver who is called 客户自提 are reconciled apart', async () => {
    const before = await pendingNow();
    const pickup = await signedSlip(2);
    expect((await deliver(pickup, { deliveryMode: 'pickup' })).status).toBe(200);
    const driven = await signedSlip(3);
    expect((await deliver(driven, { deliveryMode: 'driver', driverName: '客户自提' })).status).toBe(200);
    const day = pickup.businessDate;
    const pending = await pendingNow();
    const pickups = pending.find((p) => p.deliveryMode === 'pickup' && p.businessDate === day)!;
    const namesake = pending.find((p) => p.deliveryMode === 'driver' && p.driverName === '客户自提' && p.businessDate === day)!;
    const pickupsBefore = before.find((p) => p.deliveryMode === 'pickup' && p.businessDate === day);
    expect(pickups).toMatchObject({ driverName: null, slipCount: (pickupsBefore?.slipCount ?? 0) + 1, cashExpected: (pickupsBefore?.cashExpected ?? 0) + pickup.totalAmount });
    expect(namesake).toMatchObject({ slipCount: 1, cashExpected: driven.totalAmount });

    // a pickup day names no driver; a driver's day names one
    expect((await asFinance.post('/api/slip-reconciliations', { deliveryMode: 'pickup', driverName: '客户自提', businessDate: day })).body.error).toMatchObject({ code: 'SLIP_PICKUP_DRIVER' });
    expect((await asFinance.post('/api/slip-reconciliations', { businessDate: day })).body.error).toMatchObject({ code: 'SLIP_NO_DRIVER', fields: [expect.objectContaining({ path: 'driverName' })] });

    const pr = await asFinance.post('/api/slip-reconciliations', { deliveryMode: 'pickup', businessDate: day });
    expect(pr.status, JSON.stringify(pr.body)).toBe(200);
    expect(pr.body).toMatchObject({ deliveryMode: 'pickup', driverName: null });
    expect(pr.body.slips.map((s: { slipId: number }) => s.slipId)).toContain(pickup.id);
    expect(pr.body.slips.map((s: { slipId: number }) => s.slipId)).not.toContain(driven.id);
    const dr = await asFinance.post('/api/slip-reconciliations', { driverName: '客户自提', businessDate: day });
    expect(dr.status, JSON.stringify(dr.body)).toBe(200);
    expect(dr.body).toMatchObject({ deliveryMode: 'driver', driverName: '客户自提', cashExpected: driven.totalAmount });
    expect(dr.body.slips.map((s: { slipId: number }) => s.slipId)).toEqual([driven.id]);
    // nothing of either is waiting any more; a second pickup day of nothing is refused in words
    const after = await pendingNow();
    expect(after.some((p) => p.businessDate === day && (p.deliveryMode === 'pickup' || p.driverName === '客户自提'))).toBe(false);
    const again = await asFinance.post('/api/slip-reconciliations', { deliveryMode: 'pickup', businessDate: day });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'RECON_NO_PICKUPS', message: expect.stringContaining('客户自提') });

    const list = await asFinance.get('/api/slip-reconciliations?deliveryMode=pickup');
    expect(list.body.items.map((r: { id: number }) => r.id)).toEqual([pr.body.id]);
    expect((await asFinance.get('/api/slip-reconciliations?driver=客户自提')).body.items.map((r: { id: number }) => r.id)).toEqual([dr.body.id]);
  });
  it('a slip of an order the customer collects says so (the 出车 dialog starts on 客户自提)', async () => {
    const c = await asRep.post('/api/customers', { name: '自提便利店', contacts: [{ name: '周老板', phone: '13900003333', isPrimary: true }] });
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    const o = await asRep.post('/api/orders', { customerId: c.body.id, orderType: 'direct', paymentTerm: 'cash', warehouseId: wh.id, deliveryMethod: 'self_pickup', lines: [{ productId, quantity: 2 }], submit: true });
    expect(o.body.status, JSON.stringify(o.body)).toBe('confirmed');
    const s = await asClerk.post('/api/slips/from-order', { orderId: o.body.id, lines: [{ orderLineId: o.body.lines[0].id, quantity: 2 }] });
    expect(s.body).toMatchObject({ orderDeliveryMethod: 'self_pickup', deliveryMode: 'driver', driverName: null });
    const walkIn = await signedSlip(1);
    expect(walkIn.orderDeliveryMethod).toBeNull();
  });
});

describe('migration 20261124T125000-add-slip-delivery-mode', () => {
  it('turns the slips and reconciliations written under the driver name 客户自提 into pickups with no driver, and leaves the others', async () => {
    // as the old code wrote them: a pickup was the driver name 客户自提
    const old = await signedSlip(4);
    expect((await deliver(old, { driverName: '客户自提', driverPhone: '—' })).status).toBe(200);
    const other = await signedSlip(5);
    expect((await deliver(other, { driverName: '赵师傅' })).status).toBe(200);
    const old2 = await signedSlip(6);
    expect((await deliver(old2, { driverName: '客户自提' })).status).toBe(200);
    // (the namesake driver of the test above is on the same day: the conversion cannot tell them apart,
    // which is why the mode is a field now; it is reconciled, so it stays out of this day's pickups)
    const rec = (await asFinance.post('/api/slip-reconciliations', { driverName: '客户自提', businessDate: old.businessDate })).body;
    await convertPickups(t.db);
    const rows = await t.db.selectFrom('salesSlips').select(['id', 'deliveryMode', 'driverName', 'driverPhone']).where('id', 'in', [old.id, other.id, old2.id]).orderBy('id').execute();
    expect(rows).toEqual([
      { id: old.id, deliveryMode: 'pickup', driverName: null, driverPhone: null },
      { id: other.id, deliveryMode: 'driver', driverName: '赵师傅', driverPhone: null },
      { id: old2.id, deliveryMode: 'pickup', driverName: null, driverPhone: null },
    ]);
    const converted = (await asFinance.get(`/api/slip-reconciliations/${rec.id}`)).body;
    expect(converted).toMatchObject({ deliveryMode: 'pickup', driverName: null });
    expect((await asClerk.get(`/api/slips/${old.id}`)).body).toMatchObject({ deliveryMode: 'pickup', driverName: null });
    expect((await pendingNow()).some((p) => p.driverName === '客户自提')).toBe(false);
  });
});
