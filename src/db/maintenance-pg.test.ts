import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialect } from '../../test/fixtures/db.ts';
import type { DbHandle } from './database.ts';
import { analyzeTables } from './maintenance.ts';

// analyzeTables on PostgreSQL (src/db/maintenance.ts): an empty table is left unanalyzed. Analyzed empty,
// PostgreSQL plans a key lookup in it (each order line's foreign-key check on its order) as a sequential
// scan and keeps that plan while the table fills. A migration analyzing sales_orders on a new database did.

let h: DbHandle;
beforeAll(async () => {
  if (testDialect === 'postgres') h = await createTestDb();
});
afterAll(async () => {
  await h?.close();
});

/** pg_class.reltuples: -1 until the table is first analyzed (or vacuumed), then the rows it counted. */
const reltuples = async (table: string) =>
  Number((await sql<{ reltuples: number }>`select reltuples from pg_class where relname = ${table} and relkind = 'r'`.execute(h.db)).rows[0]!.reltuples);

/** The plan PostgreSQL keeps for a foreign-key check on the table (a generic plan, as a connection caches it). */
const keyCheckPlan = (table: string) =>
  h.db.connection().execute(async (c) => {
    await sql`set plan_cache_mode = force_generic_plan`.execute(c);
    await sql.raw(`prepare key_check(bigint) as select 1 from only ${table} x where id = $1 for key share of x`).execute(c);
    try {
      return (await sql.raw<{ 'QUERY PLAN': string }>('explain execute key_check(1)').execute(c)).rows.map((r) => r['QUERY PLAN']).join('\n');
    } finally {
      await sql`deallocate key_check`.execute(c);
      await sql`reset plan_cache_mode`.execute(c);
    }
  });

describe.runIf(testDialect === 'postgres')('analyzeTables on PostgreSQL', () => {
  it('leaves an empty table unanalyzed, so a key lookup in it takes the index while it fills; a table with rows is analyzed', async () => {
    await sql`create table mt_orders (id bigserial primary key, note text not null)`.execute(h.db);
    await analyzeTables(h.db, ['mt_orders']);
    expect(await reltuples('mt_orders')).toBe(-1);
    await sql`insert into mt_orders (note) select 'x' from generate_series(1, 2000)`.execute(h.db);
    expect(await keyCheckPlan('mt_orders')).toContain('Index Scan using mt_orders_pkey');
    await analyzeTables(h.db, ['mt_orders']);
    expect(await reltuples('mt_orders')).toBe(2000);
  });

  it('the new database the migrations leave has sales_orders unanalyzed: an order line checks its order by the index', async () => {
    expect(await reltuples('sales_orders')).toBe(-1);
    expect(await keyCheckPlan('sales_orders')).toContain('Index Scan using sales_orders_pkey');
  });
});
