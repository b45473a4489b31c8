import { sql } from 'kysely';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgres } from '../src/db/database.ts';
import { analyzeTables } from '../src/db/maintenance.ts';
import { lineAmounts } from '../src/platform/money.ts';
import { seedEntryCompany, type EntryCompany } from './entry-company.ts';
import type { OrdersBenchInfo } from './gen-orders-db.ts';
import { orderBody } from './orders-bench.ts';
import { postgresCpuMs } from './http-server.ts';
import { stats } from './measure.ts';
import { makeRng } from './prng.ts';

// Order entry on PostgreSQL: a fresh database (dropped afterwards) with the entry company of
// bench/entry-company.ts. The app runs on it in a child process (DATABASE_URL); the ceiling writes the
// same rows by bare pg.

export type PgBench = EntryCompany & { url: string; drop: () => Promise<void> };

export async function preparePgOrders(baseUrl: string, sqliteFile: string, info: OrdersBenchInfo, log: (s: string) => void): Promise<PgBench> {
  const name = `sd_bench_${Date.now().toString(36)}_${randomBytes(2).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  log(`PostgreSQL: 准备基准数据库 / preparing ${name}…`);
  const h = openPostgres(url.toString(), 4);
  try {
    const company = await seedEntryCompany(h, sqliteFile, info);
    // as a database in use would be: planner statistics on every table that has rows (an empty one is left
    // unanalyzed, as the app's migrations leave it: src/db/maintenance.ts analyzeTables), and the load's pages
    // written out, so that neither autovacuum's first ANALYZE nor a checkpoint of the seeding falls inside the run
    const tables = await sql<{ tablename: string }>`select tablename from pg_tables where schemaname = 'public'`.execute(h.db);
    await analyzeTables(h.db, tables.rows.map((r) => r.tablename));
    await sql`checkpoint`.execute(h.db);
    log(`  ${company.plan.customers.length.toLocaleString()} customers, ${company.plan.productIds.length} products`);
    return {
      ...company, url: url.toString(),
      drop: async () => {
        const c = new pg.Client({ connectionString: baseUrl });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  } finally {
    await h.close();
  }
}

// named prepared statements, as the app runs its compiled templates (src/db/database.ts)
const names = new Map<string, string>();
const run = (c: pg.PoolClient, text: string, values: unknown[]) => {
  if (!names.has(text)) names.set(text, `bare_${names.size + 1}`);
  return c.query({ name: names.get(text)!, text, values });
};

/** The ceiling on PostgreSQL: the same rows as bareOrderEntry, by bare pg (named statements), 32 workers on a pool of 8. */
export async function barePgOrderEntry(b: PgBench, seconds: number): Promise<{ ordersPerSec: number; p99: number; pgCpuMsPerOrder: number }> {
  const pool = new pg.Pool({ connectionString: b.url, max: 8 });
  // pool.end() resolves before its clients' sockets close; the database's forced drop right after may
  // end one of them (57P01), which an unheard pool 'error' would turn into a crash of the bench
  pool.on('error', (e: Error & { code?: string }) => {
    if (e.code !== '57P01') console.warn(`bench pool: ${e.message}`);
  });
  const prices = new Map<number, { p: number; code: string; name: string; spec: string; unit: string; t: number }>();
  for (const r of (await pool.query(`select id, list_price, code, name, spec, unit, tax_rate_bp from products where company_id = $1`, [b.companyId])).rows)
    prices.set(Number(r.id), { p: Number(r.list_price), code: r.code, name: r.name, spec: r.spec, unit: r.unit, t: r.tax_rate_bp });
  const lat: number[] = [];
  const pg0 = postgresCpuMs();
  const end = performance.now() + seconds * 1000;
  await Promise.all(Array.from({ length: 32 }, async (_, w) => {
    const rng = makeRng(100 + w);
    while (performance.now() < end) {
      const t = performance.now();
      const body = orderBody(b.plan, rng);
      const c = await pool.connect();
      try {
        await c.query('begin');
        const now = new Date().toISOString();
        const lines = body.lines.map((l) => ({ ...l, p: prices.get(l.productId)!, ...lineAmounts({ quantity: l.quantity, unitPrice: prices.get(l.productId)!.p, taxRateBp: prices.get(l.productId)!.t, priceIncludesTax: true }) }));
        const total = lines.reduce((s, l) => ({ q: s.q + l.quantity, ex: s.ex + l.amountExTax, tax: s.tax + l.taxAmount, amt: s.amt + l.amount }), { q: 0, ex: 0, tax: 0, amt: 0 });
        const order = (await run(c, `insert into sales_orders (company_id, number, status, order_type, payment_term, customer_id, customer_name, owner_id, warehouse_id, price_includes_tax, business_date, total_quantity, amount_ex_tax, tax_amount, total_amount, submitted_at, confirmed_at, created_by, created_at, updated_at, version)
          values ($1, $2, 'confirmed', 'direct', 'cash', $3, '基准客户', $4, $5, 1, '2026-11-22', $6, $7, $8, $9, $10, $10, $4, $10, $10, 1) returning id`, [b.companyId, null, body.customerId, b.adminId, body.warehouseId, total.q, total.ex, total.tax, total.amt, now])).rows[0].id;
        await run(c, `insert into audit_log (company_id, user_id, action, entity, entity_id, after, request_id, at) values ($1, $2, 'sales_order.create', 'sales_order', $3, $4, 'bench', $5)`, [b.companyId, b.adminId, order, JSON.stringify(body), now]);
        const sorted = [...lines].sort((a, z) => a.productId - z.productId);
        for (const [k, l] of sorted.entries()) {
          const line = (await run(c, `insert into sales_order_lines (company_id, order_id, line_no, product_id, product_code, product_name, spec, unit, quantity, unit_price, discount_bp, tax_rate_bp, amount_ex_tax, tax_amount, amount, reserved_quantity, list_price) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, $11, $12, $13, $14, $9, $10) returning id`,
            [b.companyId, order, k + 1, l.productId, l.p.code, l.p.name, l.p.spec, l.p.unit, l.quantity, l.p.p, l.p.t, l.amountExTax, l.taxAmount, l.amount])).rows[0].id;
          const r = await run(c, `update stock_levels set reserved = reserved + $1, updated_at = $2 where company_id = $3 and warehouse_id = $4 and product_id = $5 and on_hand - reserved >= $1`, [l.quantity, now, b.companyId, body.warehouseId, l.productId]);
          if (r.rowCount !== 1) throw new Error('bench stock short');
          await run(c, `insert into stock_reservations (company_id, warehouse_id, product_id, quantity, source_type, source_id, source_line_id, created_at, updated_at) values ($1, $2, $3, $4, 'sales_order', $5, $6, $7, $7)`, [b.companyId, body.warehouseId, l.productId, l.quantity, order, line, now]);
        }
        // the number last, as the orders service takes it (its sequence row stays locked until the commit)
        const n = (await run(c, `insert into number_sequences (company_id, doc_type, period, last_value) values ($1, 'sales_order', '2026-11', 1) on conflict (company_id, doc_type, period) do update set last_value = number_sequences.last_value + 1 returning last_value`, [b.companyId])).rows[0].last_value;
        await run(c, `update sales_orders set number = $1 where id = $2`, [`DD-202611-B${n}`, order]);
        await run(c, `insert into audit_log (company_id, user_id, action, entity, entity_id, after, request_id, at) values ($1, $2, 'sales_order.submit', 'sales_order', $3, $4, 'bench', $5)`, [b.companyId, b.adminId, order, JSON.stringify({ number: n }), now]);
        await c.query('commit');
      } catch (e) {
        await c.query('rollback');
        throw e;
      } finally {
        c.release();
      }
      lat.push(performance.now() - t);
    }
  }));
  const pgCpu = postgresCpuMs() - pg0;
  await pool.end();
  const s = stats(lat);
  return { ordersPerSec: s.n / seconds, p99: s.p99, pgCpuMsPerOrder: pgCpu / Math.max(1, s.n) };
}
