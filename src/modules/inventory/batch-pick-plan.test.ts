import { sql, type CompiledQuery } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDb, testDialect } from '../../../test/fixtures/db.ts';
import { makeCompany, makeProduct, makeWarehouse, stockUp, type TestCompany } from '../../../test/fixtures/factories.ts';
import type { DbHandle } from '../../db/database.ts';
import { batchesToPick } from './query-repo.ts';

// The batch picker reads a product's batches in one warehouse through the unique key of stock_batches
// (company, warehouse, product, batch no.), never by scanning the table: a company with years of batches
// of many products answers each line's picker at once, on both databases.

let h: DbHandle;
let company: TestCompany;
let warehouseId: number;
let productId: number;

beforeAll(async () => {
  h = await createTestDb();
  company = await makeCompany(h.db);
  warehouseId = (await makeWarehouse(h.db, company)).id;
  productId = (await makeProduct(h.db, company)).id;
  await stockUp(h.db, company, { warehouseId, productId, quantity: 5, batchNo: 'B1', expiryDate: '2027-01-01' });
});
afterAll(() => h.close());

/** The plans of the picker's statements on stock_batches (its list and its count). */
async function batchPlans(): Promise<string[]> {
  const executor = h.db.getExecutor() as unknown as { executeQuery: (c: CompiledQuery) => Promise<unknown> };
  const run = executor.executeQuery;
  const statements: CompiledQuery[] = [];
  executor.executeQuery = (c) => (statements.push(c), run.call(executor, c));
  try {
    expect((await batchesToPick(h.db, company.id, warehouseId, productId, '2026-11-24'))?.items.map((b) => b.batchNo)).toEqual(['B1']);
  } finally {
    executor.executeQuery = run;
  }
  const reads = statements.filter((c) => /from "stock_batches"/i.test(c.sql));
  expect(reads).toHaveLength(2);
  return Promise.all(reads.map(async (c) => {
    if (testDialect === 'sqlite') {
      const { rows } = await h.db.executeQuery<{ detail: string }>({ ...c, sql: `explain query plan ${c.sql}` });
      return rows.map((r) => r.detail).join('\n');
    }
    return h.db.connection().execute(async (conn) => {
      await sql`set enable_seqscan = off`.execute(conn);
      try {
        const { rows } = await conn.executeQuery<{ 'QUERY PLAN': string }>({ ...c, sql: `explain ${c.sql}` });
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      } finally {
        await sql`reset enable_seqscan`.execute(conn);
      }
    });
  }));
}

it("finds a product's batches in a warehouse by the unique key of stock_batches, not by a scan", async () => {
  for (const plan of await batchPlans()) {
    if (testDialect === 'sqlite') {
      expect(plan).toMatch(/SEARCH stock_batches USING (COVERING )?INDEX \S*stock_batches\S* \(company_id=\? AND warehouse_id=\? AND product_id=\?\)/);
      expect(plan).not.toMatch(/SCAN stock_batches/);
    } else {
      expect(plan).toMatch(/Index (Only )?Scan using stock_batches_key on stock_batches|Bitmap Index Scan on stock_batches_key/);
      expect(plan).not.toMatch(/Seq Scan/);
    }
  }
});
