import { sql, type CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialect } from '../../../test/fixtures/db.ts';
import { makeCompany, makeDepartment, makeUser, makeWarehouse } from '../../../test/fixtures/factories.ts';
import type { DbHandle } from '../../db/database.ts';
import type { RequestContext } from '../../platform/permissions/context.ts';
import { isoNow } from '../../platform/time.ts';
import { listOrders } from './list-repo.ts';
import { orderListQuery } from './schema.ts';
import { orderCustomer } from './test-helpers.ts';

// The order list at a million orders must walk the index that matches its filter (BENCHMARKS.md): a
// table scan, or a sort of every matching order, is 10–100× the 50 ms budget. SQLite plans depend on
// the statistics, so the SQLite half runs with the sqlite_stat1 rows of the million-order bench
// database (`npm run bench`, one company, ~96 reps, 9 statuses, 4 order types), as the app has them
// after its start-up `PRAGMA optimize` (stat4 samples cleared, as the app does). PostgreSQL: with
// sequential scans made prohibitively expensive the plans must still find an index path.

/** sqlite_stat1 of the million-order bench database: [table, index, stat]. */
const BENCH_STATS: [string, string, string][] = [
  ['sales_orders', 'sqlite_autoindex_sales_orders_1', '1000000 1000000 1'],
  ['sales_orders', 'sales_orders_date', '1000000 1000000 2740 1'],
  ['sales_orders', 'sales_orders_status', '1000000 1000000 111112 305 1 1'],
  ['sales_orders', 'sales_orders_customer', '1000000 1000000 2 1 1'],
  ['sales_orders', 'sales_orders_type', '1000000 1000000 250000 685 1 1'],
  ['sales_orders', 'sales_orders_owner_number', '1000000 1000000 10417 1 1 1'],
  ['sales_orders', 'sales_orders_number_date', '1000000 1000000 1 1 1 1'],
  ['sales_orders', 'sales_orders_owner', '1000000 1000000 10417 29 1 1 1'],
  ['sales_orders', 'sales_orders_concession', '25000 25000 69 1 1 1'], // ~1 order in 40 under the price list
  ['customers', 'customers_company_search_name', '1000000 1000000 1 1'],
  ['customers', 'customers_company_search_core', '1000000 1000000 4 2'],
  ['customers', 'customers_company_search_pinyin', '1000000 1000000 1 1'],
  ['customers', 'customers_company_search_initials', '1000000 1000000 2 1'],
  ['customers', 'customers_company_search_core_pinyin', '1000000 1000000 4 2'],
  ['customers', 'customers_company_search_core_initials', '1000000 1000000 5 2'],
  ['customers', 'customers_company_phone', '1000000 1000000 1'],
  ['customers', 'customers_company_owner', '1000000 1000000 10310 1'],
  ['memberships', 'memberships_company_dept', '105 105 12'],
  ['memberships', 'sqlite_autoindex_memberships_1', '105 1 1'],
  ['departments', 'departments_company_path', '9 9 1'],
  ['users', 'sqlite_autoindex_users_1', '105 1'],
];

let h: DbHandle;
let companyId: number;
let rep: { id: number; departmentPath: string };
let customerId: number;

beforeAll(async () => {
  h = await createTestDb();
  const co = await makeCompany(h.db);
  companyId = co.id;
  const dept = await makeDepartment(h.db, co);
  const user = await makeUser(h.db, co, { departmentId: dept });
  rep = { id: user.id, departmentPath: (await h.db.selectFrom('departments').select('path').where('id', '=', dept).executeTakeFirstOrThrow()).path };
  const customer = await orderCustomer(h.db, co, { ownerId: user.id, name: '昆明华东商贸有限公司' });
  customerId = customer.id;
  const warehouse = await makeWarehouse(h.db, co);
  const now = isoNow();
  // one order that every case below finds, so that the page query runs after the count
  await h.db.insertInto('salesOrders').values({
    companyId, number: 'DD-202611-000001', status: 'confirmed', orderType: 'regional', paymentTerm: 'cash', customerId, customerName: customer.name, ownerId: user.id,
    warehouseId: warehouse.id, priceIncludesTax: 1, businessDate: '2026-11-15', totalQuantity: 1, amountExTax: 100, taxAmount: 13, totalAmount: 113, priceConcession: 6, createdBy: user.id, createdAt: now, updatedAt: now, version: 1,
  }).execute();
  if (testDialect === 'sqlite') {
    await sql`analyze`.execute(h.db); // creates the statistics tables
    await sql`delete from sqlite_stat1`.execute(h.db);
    await sql`delete from sqlite_stat4`.execute(h.db);
    for (const [tbl, idx, stat] of BENCH_STATS) await sql`insert into sqlite_stat1 (tbl, idx, stat) values (${tbl}, ${idx}, ${stat})`.execute(h.db);
    await sql`analyze sqlite_schema`.execute(h.db); // the planner reloads them
  }
});
afterAll(() => h.close());

const ctx = (dataScope: RequestContext['dataScope']): RequestContext => ({
  userId: rep.id, userName: 'x', companyId, roleId: 1, roleCode: 'rep', permissions: new Set(), dataScope, departmentId: null,
  departmentPath: dataScope === 'dept' ? rep.departmentPath : null, locale: 'zh-CN', requestId: 't',
});

/** The plan of every statement listOrders runs for this caller and query (count, then page). */
async function plansOf(scope: RequestContext['dataScope'], query: Record<string, unknown>): Promise<string[]> {
  const executor = h.db.getExecutor() as unknown as { executeQuery: (c: CompiledQuery) => Promise<unknown> };
  const run = executor.executeQuery;
  const statements: CompiledQuery[] = [];
  executor.executeQuery = (c) => (statements.push(c), run.call(executor, c));
  try {
    const page = await listOrders(h.db, ctx(scope), orderListQuery.parse(query));
    expect(page.rows).toHaveLength(1);
  } finally {
    executor.executeQuery = run;
  }
  const plans: string[] = [];
  for (const c of statements) {
    if (testDialect === 'sqlite') {
      const { rows } = await h.db.executeQuery<{ detail: string }>({ ...c, sql: `explain query plan ${c.sql}` });
      plans.push(rows.map((r) => r.detail).join('\n'));
    } else {
      plans.push(await h.db.connection().execute(async (conn) => {
        await sql`set enable_seqscan = off`.execute(conn);
        const { rows } = await conn.executeQuery<{ 'QUERY PLAN': string }>({ ...c, sql: `explain ${c.sql}` });
        await sql`set enable_seqscan = on`.execute(conn);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      }));
    }
  }
  return plans;
}

const sqliteOnly = testDialect === 'sqlite';

describe('order list query plans', () => {
  it.each([
    ['company', {}], ['own', {}], ['dept', {}], ['company', { status: 'confirmed' }], ['own', { status: 'confirmed' }], ['dept', { status: 'confirmed' }],
    ['company', { orderType: 'regional' }], ['own', { orderType: 'regional' }], ['company', { dateFrom: '2026-11-01', dateTo: '2026-11-30' }], ['dept', { dateFrom: '2026-11-01', dateTo: '2026-11-30' }],
    ['company', { q: 'DD-2026' }], ['own', { q: 'DD-2026' }], ['company', { q: '昆明' }], ['own', { q: '昆明' }],
    ['company', { concession: '1' }], ['dept', { concession: '1' }], ['own', { concession: '1' }],
  ] as const)('%s scope, %j: no table scan', async (scope, query) => {
    for (const p of await plansOf(scope, query)) {
      if (sqliteOnly) expect(p).not.toMatch(/\bSCAN (o|c)\b/); // SEARCH … USING INDEX only (SCAN x is the count's own subquery)
      else expect(p).not.toMatch(/Seq Scan on (sales_orders|customers)/);
    }
  });

  // (a rep's own orders, a few thousand, SQLite walks on the owner index — as for every other filter)
  it('只看让价 reads the partial index of the orders under the price list (count and page)', async () => {
    for (const scope of ['company', 'dept'] as const) {
      for (const p of await plansOf(scope, { concession: '1' })) expect(p, scope).toMatch(/sales_orders_concession/);
    }
  });

  it.runIf(sqliteOnly)('a page without a search walks the index of its filter, newest first, with no sort', async () => {
    const cases: [RequestContext['dataScope'], Record<string, unknown>, RegExp][] = [
      ['company', {}, /SEARCH o USING INDEX sales_orders_date \(company_id=\?\)/],
      ['own', {}, /SEARCH o USING INDEX sales_orders_owner \(company_id=\? AND owner_id=\?\)/],
      // a rep's list by status or type stays on the rep's own orders (the owner index carries both)
      ['own', { status: 'confirmed' }, /SEARCH o USING INDEX sales_orders_owner \(company_id=\? AND owner_id=\?\)/],
      ['own', { orderType: 'regional' }, /SEARCH o USING INDEX sales_orders_owner \(company_id=\? AND owner_id=\?\)/],
      ['company', { status: 'confirmed' }, /SEARCH o USING INDEX sales_orders_status \(company_id=\? AND status=\?\)/],
      ['company', { orderType: 'regional' }, /SEARCH o USING INDEX sales_orders_type \(company_id=\? AND order_type=\?\)/],
      ['company', { dateFrom: '2026-11-01', dateTo: '2026-11-30' }, /SEARCH o USING INDEX sales_orders_date \(company_id=\? AND business_date>\? AND business_date<\?\)/],
      // 让价: the partial index holds only the orders under the price list
      ['company', { concession: '1' }, /SEARCH o USING INDEX sales_orders_concession \(company_id=\?\)/],
    ];
    for (const [scope, query, index] of cases) {
      const [count, page] = await plansOf(scope, query);
      expect(page, `${scope} ${JSON.stringify(query)}`).toMatch(index);
      expect(page).not.toContain('USE TEMP B-TREE');
      expect(count).toMatch(/USING COVERING INDEX/); // the count reads the index alone
    }
  });

  it.runIf(sqliteOnly)('a customer is found through its index; a search through the customers\' search indexes into it', async () => {
    const [count, page] = await plansOf('company', { customerId });
    expect(count).toMatch(/SEARCH o USING COVERING INDEX sales_orders_customer \(company_id=\? AND customer_id=\?\)/);
    expect(page).toMatch(/SEARCH o USING INDEX sales_orders_customer \(company_id=\? AND customer_id=\?\)/);
    for (const p of await plansOf('company', { q: '昆明' })) {
      expect(p).toMatch(/SEARCH c USING INDEX customers_company_search_name/);
      expect(p).toMatch(/SEARCH o USING (COVERING )?INDEX sales_orders_customer/);
    }
  });

  it.runIf(sqliteOnly)('an order-number prefix reads the number indexes, then only the page\'s rows', async () => {
    for (const [scope, index] of [['company', /sales_orders_number_date|sqlite_autoindex_sales_orders_1/], ['own', /sales_orders_owner_number/]] as const) {
      const [count, page] = await plansOf(scope, { q: 'DD-2026' });
      expect(count).toMatch(index);
      expect(page).toMatch(/SEARCH o USING INTEGER PRIMARY KEY \(rowid=\?\)/);
      expect(page).toMatch(/USING COVERING INDEX (sales_orders_number_date|sales_orders_owner_number)/);
    }
  });
});
