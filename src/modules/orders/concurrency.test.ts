import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/fixtures/app.ts';
import { makeCompany, makeProduct, makeUser, makeWarehouse, stockUp } from '../../../test/fixtures/factories.ts';
import { availability, reserve } from '../inventory/stock.ts';
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

  it('200 concurrent three-line orders over the same products in every order: all or nothing, stock exact, no deadlock or 500', async () => {
    const company = await makeCompany(t.db);
    const wh = await makeWarehouse(t.db, company);
    const products: Awaited<ReturnType<typeof makeProduct>>[] = [];
    for (const name of ['甲', '乙', '丙', '丁']) products.push(await makeProduct(t.db, company, { name: `并发${name}` }));
    // the last product is short: 60 units for 200 orders that each take one when it is on their lines
    for (const [i, p] of products.entries()) await stockUp(t.db, company, { warehouseId: wh.id, productId: p.id, quantity: i === 3 ? 60 : 1000 });
    const clerk = await t.login(await makeUser(t.db, company, { roleCode: 'clerk' }));
    const cust = await orderCustomer(t.db, company);
    // three of the four products per order, the lines in a different order each time
    const picks = Array.from({ length: 200 }, (_, k) => {
      const three = products.filter((_, i) => i !== k % 4);
      return k % 2 ? three.reverse() : three;
    });
    const replies = await Promise.all(picks.map((three) =>
      clerk.post('/api/orders', { customerId: cust.id, orderType: 'direct', paymentTerm: 'cash', warehouseId: wh.id, lines: three.map((p) => ({ productId: p.id, quantity: 1 })), submit: true }),
    ));
    expect(replies.every((r) => r.status === 200 || (r.status === 409 && r.body.error.code === 'STOCK_SHORT'))).toBe(true);
    // only the short product refuses: every order without it is confirmed
    expect(replies.filter((r, k) => k % 4 === 3 && r.status !== 200)).toEqual([]);
    const ok = replies.filter((r) => r.status === 200).map((r) => r.body as { lines: { productId: number; reservedQuantity: number; quantity: number }[] });
    expect(ok.every((o) => o.lines.every((l) => l.reservedQuantity === l.quantity))).toBe(true);
    // what the confirmed orders hold is exactly what the levels say is reserved, product by product
    const levels = await availability(t.db, company.id, wh.id, products.map((p) => p.id));
    for (const p of products) {
      const held = ok.reduce((s, o) => s + o.lines.filter((l) => l.productId === p.id).length, 0);
      expect(levels.get(p.id)!.reserved).toBe(held);
    }
    expect(levels.get(products[3]!.id)!.reserved).toBe(60); // the short product is taken to the last unit, never past it
  }, 120_000);

  it('3,000 concurrent five-line reservations over 30 products with stock to spare, the level table analyzed meanwhile: every one taken in full, none refused 库存不足', async () => {
    // On PostgreSQL the lines were once locked inside the reserving UPDATE, which now and then dropped rows it had
    // waited for: orders with stock to spare were refused (stock.ts lockLevels). A stress script of that statement
    // alone failed so by the thousand when the table was analyzed under load (as autovacuum does); this test, the
    // same load through the app, did not catch it in the runs tried: it guards the fix, it does not prove the cause
    // (docs/decisions.md).
    const company = await makeCompany(t.db);
    const wh = await makeWarehouse(t.db, company);
    const products: Awaited<ReturnType<typeof makeProduct>>[] = [];
    for (let i = 0; i < 30; i++) products.push(await makeProduct(t.db, company, { name: `充足${i}` }));
    for (const p of products) await stockUp(t.db, company, { warehouseId: wh.id, productId: p.id, quantity: 1_000_000 });
    const lines = (k: number) => [0, 1, 2, 3, 4].map((j) => products[(k * 7 + j * 6) % 30]!).map((p, i) => ({ warehouseId: wh.id, productId: p.id, quantity: 1 + ((k + i) % 3), sourceType: 'concurrency_test', sourceId: k, sourceLineId: k * 10 + i }));
    let reserving = true;
    const analyzing = (async () => {
      while (reserving && t.dialect === 'postgres') {
        await sql`analyze stock_levels`.execute(t.db);
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    const results = await Promise.allSettled(Array.from({ length: 3000 }, (_, k) => t.db.transaction().execute(async (tx) => {
      await reserve(tx, company.id, lines(k));
      await new Promise((r) => setTimeout(r, k % 3)); // the rest of an order's writes, its rows held
    })));
    reserving = false;
    await analyzing;
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason?.code ?? String((r as PromiseRejectedResult).reason));
    expect(refused).toEqual([]);
    const levels = await availability(t.db, company.id, wh.id, products.map((p) => p.id));
    const wanted = new Map<number, number>();
    for (let k = 0; k < 3000; k++) for (const l of lines(k)) wanted.set(l.productId, (wanted.get(l.productId) ?? 0) + l.quantity);
    for (const p of products) expect(levels.get(p.id)!.reserved).toBe(wanted.get(p.id));
  }, 180_000);
});
