import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/fixtures/app.ts';
import { makeCompany, makeProduct, makeUser, makeWarehouse, stockUp } from '../../../test/fixtures/factories.ts';
import { availability } from '../inventory/stock.ts';
import { orderCustomer } from './test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('concurrent order entry', () => {
  it('1,000 concurrent orders for the last 10 units: exactly 10 confirmed and reserved, the rest refused with STOCK_SHORT (no oversell, no deadlock or 500)', async () => {
    const company = await makeCompany(t.db);
    const wh = await makeWarehouse(t.db, company);
    const product = await makeProduct(t.db, company, { name: '最后十瓶' });
    await stockUp(t.db, company, { warehouseId: wh.id, productId: product.id, quantity: 10 });
    const clerk = await t.login(await makeUser(t.db, company, { roleCode: 'clerk' }));
    const cust = await orderCustomer(t.db, company);
    const replies = await Promise.all(
      Array.from({ length: 1000 }, () =>
        clerk.post('/api/orders', { customerId: cust.id, orderType: 'direct', paymentTerm: 'cash', warehouseId: wh.id, lines: [{ productId: product.id, quantity: 1 }], submit: true }),
      ),
    );
    const byStatus = new Map<number, number>();
    for (const r of replies) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
    expect(Object.fromEntries(byStatus)).toEqual({ 200: 10, 409: 990 });
    expect(new Set(replies.filter((r) => r.status === 409).map((r) => r.body.error.code))).toEqual(new Set(['STOCK_SHORT']));
    const ok = replies.filter((r) => r.status === 200).map((r) => r.body);
    expect(ok.every((o) => o.status === 'confirmed' && o.lines[0].reservedQuantity === 1)).toBe(true);
    // numbers are unique and gap-free: the refused orders gave theirs back
    const seqs = ok.map((o) => Number(o.number.slice(-6))).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    const level = (await availability(t.db, company.id, wh.id, [product.id])).get(product.id)!;
    expect(level).toEqual({ onHand: 10, reserved: 10, available: 0 });
    const held = await t.db.selectFrom('stockReservations').select((eb) => eb.fn.sum<number>('quantity').as('q')).where('productId', '=', product.id).executeTakeFirstOrThrow();
    expect(Number(held.q)).toBe(10);
    const orders = await t.db.selectFrom('salesOrders').select((eb) => eb.fn.countAll<number>().as('n')).where('companyId', '=', company.id).executeTakeFirstOrThrow();
    expect(Number(orders.n)).toBe(10);
  }, 120_000);
});
