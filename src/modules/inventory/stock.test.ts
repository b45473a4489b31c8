import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/database.ts';
import type { DbHandle } from '../../db/database.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { createTestDb } from '../../../test/fixtures/db.ts';
import { makeCompany, makeUser, type TestCompany } from '../../../test/fixtures/factories.ts';
import { availability, issueStock, receiveStock, releaseReservations, reserve, reverseStock, type DocRef } from './stock.ts';

// The stock core on its own: conditional updates, FEFO, reversal, reservations under concurrency.

let h: DbHandle;
let db: Db;
let company: TestCompany;
let userId: number;
let warehouseId: number;
let seq = 0;

async function product(name: string): Promise<number> {
  const now = new Date().toISOString();
  const r = await db.insertInto('products')
    .values({ companyId: company.id, code: `P${++seq}`, name, unit: '瓶', taxRateBp: 1300, listPrice: 100000, searchKey: name, createdBy: userId, createdAt: now, updatedAt: now })
    .returning('id').executeTakeFirstOrThrow();
  return r.id;
}
const doc = (docType: string, docId = ++seq): DocRef => ({ docType, docId, docNo: `${docType}-${docId}`, businessDate: '2026-11-22', userId });
const level = async (productId: number) => (await availability(db, company.id, warehouseId, [productId])).get(productId)!;
const batches = async (productId: number) =>
  (await db.selectFrom('stockBatches').select(['batchNo', 'onHand']).where('productId', '=', productId).orderBy('batchNo').execute()).map((b) => [b.batchNo, b.onHand]);
const ledgerSum = async (productId: number) =>
  Number((await db.selectFrom('stockLedger').select((eb) => eb.fn.sum<number>('quantity').as('q')).where('productId', '=', productId).executeTakeFirstOrThrow()).q ?? 0);

beforeAll(async () => {
  h = await createTestDb();
  db = h.db;
  company = await makeCompany(db);
  userId = (await makeUser(db, company, { roleCode: 'warehouse' })).id;
  const now = new Date().toISOString();
  warehouseId = (await db.insertInto('warehouses').values({ companyId: company.id, code: 'W1', name: '昆明总仓', createdAt: now, updatedAt: now }).returning('id').executeTakeFirstOrThrow()).id;
});
afterAll(async () => h.close());

describe('stock core', () => {
  it('issues first-expiry-first-out, and a reversal puts every unit back in its batch', async () => {
    const p = await product('滇源老窖');
    await db.transaction().execute((tx) => receiveStock(tx, company.id, doc('inbound'), [
      { warehouseId, productId: p, quantity: 10, batchNo: 'B-LATE', expiryDate: '2027-12-31' },
      { warehouseId, productId: p, quantity: 5, batchNo: 'B-EARLY', expiryDate: '2027-01-31' },
      { warehouseId, productId: p, quantity: 3, batchNo: '' },
    ]));
    const out = doc('sales_slip');
    const issued = await db.transaction().execute((tx) => issueStock(tx, company.id, out, [{ warehouseId, productId: p, quantity: 8 }]));
    expect(issued.map((i) => [i.batchNo, i.quantity])).toEqual([['B-EARLY', 5], ['B-LATE', 3]]);
    expect(await batches(p)).toEqual([['', 3], ['B-EARLY', 0], ['B-LATE', 7]]);
    await db.transaction().execute((tx) => reverseStock(tx, company.id, out, { businessDate: '2026-11-23', userId }));
    expect(await batches(p)).toEqual([['', 3], ['B-EARLY', 5], ['B-LATE', 10]]);
    expect(await level(p)).toEqual({ onHand: 18, reserved: 0, available: 18 });
    expect(await ledgerSum(p)).toBe(18);
    await expect(db.transaction().execute((tx) => reverseStock(tx, company.id, out, { businessDate: '2026-11-23', userId }))).rejects.toMatchObject({ code: 'ALREADY_REVERSED' });
  });

  it('takes a picked batch only, and refuses more than it holds', async () => {
    const p = await product('清香型');
    await db.transaction().execute((tx) => receiveStock(tx, company.id, doc('inbound'), [
      { warehouseId, productId: p, quantity: 4, batchNo: 'A', expiryDate: '2027-01-01' },
      { warehouseId, productId: p, quantity: 6, batchNo: 'B', expiryDate: '2028-01-01' },
    ]));
    await db.transaction().execute((tx) => issueStock(tx, company.id, doc('outbound'), [{ warehouseId, productId: p, quantity: 5, batchNo: 'B' }]));
    expect(await batches(p)).toEqual([['A', 4], ['B', 1]]);
    const e = await db.transaction().execute((tx) => issueStock(tx, company.id, doc('outbound'), [{ warehouseId, productId: p, quantity: 2, batchNo: 'B', path: 'lines.0.quantity' }])).catch((x) => x);
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe('BATCH_SHORT');
    expect(e.localized('zh-CN')).toContain('批号 B');
    expect(e.fields[0].path).toBe('lines.0.quantity');
    expect(await level(p)).toEqual({ onHand: 5, reserved: 0, available: 5 }); // the failed issue left nothing behind
  });

  it('a picked batch that holds enough while orders hold the product: says what the batch may give, in both languages', async () => {
    const p = await product('米酒');
    await db.transaction().execute((tx) => receiveStock(tx, company.id, doc('inbound'), [{ warehouseId, productId: p, quantity: 8, batchNo: 'M-1' }, { warehouseId, productId: p, quantity: 4, batchNo: 'M-2' }]));
    await db.transaction().execute((tx) => reserve(tx, company.id, [{ warehouseId, productId: p, quantity: 9, sourceType: 'sales_order', sourceId: 7, sourceLineId: 701 }]));
    const e = await db.transaction().execute((tx) => issueStock(tx, company.id, doc('outbound'), [{ warehouseId, productId: p, quantity: 4, batchNo: 'M-1', path: 'lines.0.quantity' }])).catch((x) => x);
    expect(e.code).toBe('BATCH_RESERVED');
    expect(e.localized('zh-CN')).toBe('批次可用不足：「米酒」批号 M-1 在昆明总仓现存 8 瓶，但本商品已有 9 瓶被订单或留货预留，此批次最多可出 3 瓶，需要 4 瓶');
    expect(e.localized('en-US')).toBe('Batch M-1 of 米酒 in 昆明总仓 holds 8 瓶, but 9 瓶 of the product are reserved for orders and holds: at most 3 瓶 can leave from it, 4 瓶 needed');
    expect(e.fields[0].path).toBe('lines.0.quantity');
    // an order's own slip takes from its reservation: the batch gives what it holds
    const own = await db.transaction().execute((tx) => issueStock(tx, company.id, doc('sales_slip'), [{ warehouseId, productId: p, quantity: 8, batchNo: 'M-1', reservation: { sourceType: 'sales_order', sourceLineId: 701 } }]));
    expect(own.map((i) => [i.batchNo, i.quantity])).toEqual([['M-1', 8]]);
    expect(await level(p)).toEqual({ onHand: 4, reserved: 1, available: 3 });
  });

  it('never issues or reserves what others have reserved; an issue consumes its own reservation', async () => {
    const p = await product('酱香');
    await db.transaction().execute((tx) => receiveStock(tx, company.id, doc('inbound'), [{ warehouseId, productId: p, quantity: 10, batchNo: 'X' }]));
    await db.transaction().execute((tx) => reserve(tx, company.id, [{ warehouseId, productId: p, quantity: 7, sourceType: 'sales_order', sourceId: 1, sourceLineId: 101 }]));
    const short = await db.transaction().execute((tx) => issueStock(tx, company.id, doc('outbound'), [{ warehouseId, productId: p, quantity: 4 }])).catch((x) => x);
    expect(short.code).toBe('STOCK_SHORT');
    expect(short.localized('zh-CN')).toBe('库存不足：「酱香」在昆明总仓可用 3 瓶，需要 4 瓶');
    await db.transaction().execute((tx) => issueStock(tx, company.id, doc('sales_slip'), [{ warehouseId, productId: p, quantity: 5, reservation: { sourceType: 'sales_order', sourceLineId: 101 } }]));
    expect(await level(p)).toEqual({ onHand: 5, reserved: 2, available: 3 });
    const partial = await db.transaction().execute((tx) => reserve(tx, company.id, [{ warehouseId, productId: p, quantity: 9, sourceType: 'sales_order', sourceId: 2, sourceLineId: 201 }], { partial: true }));
    expect(partial).toEqual([{ sourceLineId: 201, reserved: 3, short: 6 }]);
    await db.transaction().execute((tx) => releaseReservations(tx, company.id, 'sales_order', 1));
    await db.transaction().execute((tx) => releaseReservations(tx, company.id, 'sales_order', 2, [{ sourceLineId: 201, quantity: 1 }]));
    expect(await level(p)).toEqual({ onHand: 5, reserved: 2, available: 3 });
  });

  it('refuses to void a receipt whose goods have left', async () => {
    const p = await product('小瓶装');
    const inbound = doc('inbound');
    await db.transaction().execute((tx) => receiveStock(tx, company.id, inbound, [{ warehouseId, productId: p, quantity: 6, batchNo: 'R' }]));
    await db.transaction().execute((tx) => issueStock(tx, company.id, doc('outbound'), [{ warehouseId, productId: p, quantity: 2 }]));
    const e = await db.transaction().execute((tx) => reverseStock(tx, company.id, inbound, { businessDate: '2026-11-22', userId })).catch((x) => x);
    expect(e.code).toBe('REVERSAL_SHORT');
    expect(await level(p)).toEqual({ onHand: 4, reserved: 0, available: 4 });
  });

  it('200 concurrent reservations of 1 for the last 10 units: exactly 10 succeed, the rest are told stock is short', async () => {
    const p = await product('礼盒');
    await db.transaction().execute((tx) => receiveStock(tx, company.id, doc('inbound'), [{ warehouseId, productId: p, quantity: 10 }]));
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) => db.transaction().execute((tx) => reserve(tx, company.id, [{ warehouseId, productId: p, quantity: 1, sourceType: 'sales_order', sourceId: 1000 + i, sourceLineId: 10000 + i }]))),
    );
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason);
    expect(ok).toBe(10);
    expect(refused.every((e) => e instanceof AppError && e.code === 'STOCK_SHORT')).toBe(true);
    expect(await level(p)).toEqual({ onHand: 10, reserved: 10, available: 0 });
    const held = await db.selectFrom('stockReservations').select((eb) => eb.fn.sum<number>('quantity').as('q')).where('productId', '=', p).executeTakeFirstOrThrow();
    expect(Number(held.q)).toBe(10);
  });
});
