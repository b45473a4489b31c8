import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openSqlite, type Db } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { optimizeStatistics } from '../src/db/maintenance.ts';
import { syncBuiltinRoles } from '../src/modules/admin/service.ts';
import { listOrders } from '../src/modules/orders/service.ts';
import { orderListQuery } from '../src/modules/orders/schema.ts';
import { listStock, productLedger, stockAtDate } from '../src/modules/inventory/stock-queries.ts';
import { atDateQuery, ledgerQuery, stockListQuery } from '../src/modules/inventory/schema.ts';
import { lineAmounts } from '../src/platform/money.ts';
import type { RequestContext } from '../src/platform/permissions/context.ts';
import { contextFor } from './context.ts';
import type { OrdersBenchInfo } from './gen-orders-db.ts';
import { sqlCapture, stats, type Captured, type Stats } from './measure.ts';
import { makeRng, type Rng } from './prng.ts';

// Issue 4's benchmarks: the order list and stock queries at a million orders (through the services,
// against the same statements on bare prepared statements), and order entry (create + number +
// reserve in one request) over HTTP against the same rows written by bare SQL.

export type QueryMix = { label: string; real: Stats; bare: Stats; slowest: { what: string; ms: number; plans: string[] } };
export type Call = { what: string; run: (db: Db) => Promise<unknown> };

const ms = (t: number) => performance.now() - t;

async function measure(label: string, db: Db, cap: ReturnType<typeof sqlCapture>, calls: Call[], budgetS: number): Promise<QueryMix> {
  const real: number[] = [];
  const bare: number[] = [];
  const captured: Captured[][] = [];
  for (const c of calls.slice(0, 3)) await c.run(db); // warm-up
  const deadline = performance.now() + budgetS * 1000;
  for (const c of calls) {
    if (real.length >= 3 && performance.now() > deadline) break;
    const statements = await cap.capture((d) => c.run(d));
    let t = performance.now();
    await c.run(db);
    real.push(ms(t));
    t = performance.now();
    cap.replay(statements);
    bare.push(ms(t));
    captured.push(statements);
  }
  const worst = real.indexOf(Math.max(...real));
  return { label, real: stats(real), bare: stats(bare), slowest: { what: calls[worst]!.what, ms: real[worst]!, plans: captured[worst]!.map((c) => `${c.sql}\n${cap.plan(c)}`) } };
}

/** Order list pages as the people who use them: a clerk (company), a manager (department), a rep (own). */
export function orderListCalls(rng: Rng, ctxs: { clerk: RequestContext; manager: RequestContext; rep: RequestContext }, sqlite: Database.Database, n: number): Call[] {
  const names = sqlite.prepare(`select name from customers where id = ?`);
  const { lo, hi } = sqlite.prepare('select min(id) as lo, max(id) as hi from customers').get() as { lo: number; hi: number };
  const numbers = sqlite.prepare(`select number from sales_orders where id = ?`);
  const { olo, ohi } = sqlite.prepare('select min(id) as olo, max(id) as ohi from sales_orders').get() as { olo: number; ohi: number };
  const statuses = ['submitted', 'confirmed', 'partially_shipped', 'shipped', 'delivered', 'completed'] as const;
  const types = ['direct', 'wholesale', 'regional', 'supermarket'] as const;
  const out: Call[] = [];
  for (let i = 0; i < n; i++) {
    const who = rng.weighted([['clerk', 50], ['manager', 25], ['rep', 25]] as const);
    const ctx = ctxs[who];
    const month = String(rng.int(1, 11)).padStart(2, '0');
    const kind = rng.weighted([['page', 35], ['status', 25], ['type', 10], ['date', 15], ['customer', 10], ['number', 5]] as const);
    let raw: Record<string, unknown> = { page: rng.weighted([[1, 75], [2, 15], [5, 10]] as const) };
    if (kind === 'status') raw.status = rng.pick(statuses);
    if (kind === 'type') raw.orderType = rng.pick(types);
    if (kind === 'date') raw = { ...raw, dateFrom: `2026-${month}-01`, dateTo: `2026-${month}-28`, ...(rng.chance(0.5) ? { status: rng.pick(statuses) } : {}) };
    if (kind === 'customer') {
      // what a clerk types: the first 2–4 characters of a customer's name
      const name = (names.get(rng.int(lo, hi)) as { name: string } | undefined)?.name ?? '昆明';
      raw.q = [...name].slice(0, rng.int(2, 4)).join('');
    }
    if (kind === 'number') raw.q = ((numbers.get(rng.int(olo, ohi)) as { number: string | null } | undefined)?.number ?? 'DD-202606').slice(0, rng.int(9, 16));
    const q = orderListQuery.parse(raw);
    out.push({ what: `${who} ${JSON.stringify(raw)}`, run: (db) => listOrders(db, ctx, q) });
  }
  return out;
}

/** Stock pages: the overview by warehouse and search, a product's ledger; or (a report of its own) on hand at a past date. */
function stockCalls(rng: Rng, ctx: RequestContext, info: OrdersBenchInfo, n: number, report: 'pages' | 'atDate'): Call[] {
  const out: Call[] = [];
  for (let i = 0; i < n; i++) {
    const warehouseId = rng.pick(info.warehouseIds);
    const kind = report === 'atDate' ? 'atDate' : rng.weighted([['overview', 60], ['ledger', 40]] as const);
    if (kind === 'overview') {
      const raw = { warehouseId, ...(rng.chance(0.5) ? { q: rng.pick(['滇源', '老窖', 'dy', 'qx', 'SP001', '礼盒']) } : {}), ...(rng.chance(0.2) ? { belowSafety: '1' } : {}), page: rng.int(1, 3) };
      const q = stockListQuery.parse(raw);
      out.push({ what: `stock ${JSON.stringify(raw)}`, run: (db) => listStock(db, ctx, q) });
    } else if (kind === 'atDate') {
      const raw = { date: `2026-${String(rng.int(1, 11)).padStart(2, '0')}-15`, warehouseId, page: 1 };
      const q = atDateQuery.parse(raw);
      out.push({ what: `at date ${JSON.stringify(raw)}`, run: (db) => stockAtDate(db, ctx, q) });
    } else {
      const raw = { productId: rng.pick(info.productIds), warehouseId, page: rng.int(1, 3) };
      const q = ledgerQuery.parse(raw);
      out.push({ what: `ledger ${JSON.stringify(raw)}`, run: (db) => productLedger(db, ctx, q) });
    }
  }
  return out;
}

export async function orderAndStockQueries(info: OrdersBenchInfo, file: string, count: number, budgetS: number, log: (s: string) => void): Promise<QueryMix[]> {
  const handle = openSqlite(file);
  await migrateToLatest(handle.db);
  await syncBuiltinRoles(handle.db);
  await optimizeStatistics(handle.db); // as the app's start does
  const sqlite = new Database(file, { readonly: true });
  const cap = sqlCapture(sqlite);
  const userId = async (username: string) => (await handle.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const ctxs = {
    clerk: await contextFor(handle.db, await userId(info.adminUsername), info.companyId, 'bench'),
    manager: await contextFor(handle.db, await userId(info.managerUsername), info.companyId, 'bench'),
    rep: await contextFor(handle.db, await userId(info.repUsername), info.companyId, 'bench'),
  };
  const rng = makeRng(99);
  log(`订单列表与库存查询 / order list and stock queries (${count} each, ${info.orders.toLocaleString()} orders)…`);
  const runs = [
    await measure('orders', handle.db, cap, orderListCalls(rng, ctxs, sqlite, count), budgetS),
    await measure('stock', handle.db, cap, stockCalls(rng, ctxs.clerk, info, count, 'pages'), budgetS),
    await measure('stock at a date', handle.db, cap, stockCalls(rng, ctxs.clerk, info, Math.min(count, 50), 'atDate'), budgetS),
  ];
  for (const r of runs) log(`  ${r.label}: p50 ${r.real.p50.toFixed(2)} ms, p95 ${r.real.p95.toFixed(2)} ms (bare SQL p95 ${r.bare.p95.toFixed(2)} ms; ${r.real.n} queries; slowest ${r.slowest.ms.toFixed(1)} ms: ${r.slowest.what})`);
  sqlite.close();
  await handle.close();
  return runs;
}

// ─── order entry ─────────────────────────────────────────────────────────────────────────

export type EntryPlan = { customers: number[]; productIds: number[]; warehouseId: number };

/** What each order of the load is: a random owned customer, 5 random products, 1–3 each, 直销 现款 (no review: confirmed at once). */
export function orderBody(plan: EntryPlan, rng: Rng) {
  const products = new Set<number>();
  while (products.size < 5) products.add(rng.pick(plan.productIds));
  return {
    customerId: rng.pick(plan.customers), orderType: 'direct', paymentTerm: 'cash', warehouseId: plan.warehouseId, submit: true,
    lines: [...products].map((productId) => ({ productId, quantity: rng.int(1, 3) })),
  };
}

export function entryPlan(file: string, info: OrdersBenchInfo): EntryPlan {
  const sqlite = new Database(file, { readonly: true });
  const customers = (sqlite.prepare(`select id from customers where company_id = ? and owner_id is not null order by id limit 20000`).all(info.companyId) as { id: number }[]).map((r) => r.id);
  sqlite.close();
  return { customers, productIds: info.productIds, warehouseId: info.warehouseIds[0]! };
}

/**
 * The ceiling: the rows one order entry writes (header, 5 lines, 5 reservations with their stock
 * level updates, the number, two audit rows), by bare better-sqlite3 prepared statements, one
 * transaction per order, same WAL / synchronous=FULL, one after another.
 */
export function bareOrderEntry(file: string, info: OrdersBenchInfo, plan: EntryPlan, seconds: number): { ordersPerSec: number; p99: number } {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  const rng = makeRng(5);
  const price = db.prepare(`select list_price as p, code, name, spec, unit, tax_rate_bp as t from products where id = ?`);
  const seq = db.prepare(`insert into number_sequences (company_id, doc_type, period, last_value) values (?, 'sales_order', '2026-11', 1) on conflict (company_id, doc_type, period) do update set last_value = last_value + 1 returning last_value`);
  const insOrder = db.prepare(`insert into sales_orders (company_id, number, status, order_type, payment_term, customer_id, customer_name, owner_id, warehouse_id, price_includes_tax, business_date, total_quantity, amount_ex_tax, tax_amount, total_amount, submitted_at, confirmed_at, created_by, created_at, updated_at, version)
    values (?, ?, 'confirmed', 'direct', 'cash', ?, '基准客户', ?, ?, 1, '2026-11-22', ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) returning id`);
  const insLine = db.prepare(`insert into sales_order_lines (company_id, order_id, line_no, product_id, product_code, product_name, spec, unit, quantity, unit_price, discount_bp, tax_rate_bp, amount_ex_tax, tax_amount, amount, reserved_quantity, list_price) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?) returning id`);
  const reserve = db.prepare(`update stock_levels set reserved = reserved + ?, updated_at = ? where company_id = ? and warehouse_id = ? and product_id = ? and on_hand - reserved >= ?`);
  const insRes = db.prepare(`insert into stock_reservations (company_id, warehouse_id, product_id, quantity, source_type, source_id, source_line_id, created_at, updated_at) values (?, ?, ?, ?, 'sales_order', ?, ?, ?, ?)`);
  const setNumber = db.prepare(`update sales_orders set number = ? where id = ?`);
  const audit = db.prepare(`insert into audit_log (company_id, user_id, action, entity, entity_id, before, after, note, request_id, at) values (?, ?, ?, 'sales_order', ?, null, ?, null, 'bench', ?)`);
  const userId = (db.prepare(`select id from users where username = ?`).get(info.adminUsername) as { id: number }).id;
  const one = db.transaction((body: ReturnType<typeof orderBody>) => {
    const now = new Date().toISOString();
    const lines = body.lines.map((l) => {
      const p = price.get(l.productId) as { p: number; code: string; name: string; spec: string; unit: string; t: number };
      return { ...l, p, ...lineAmounts({ quantity: l.quantity, unitPrice: p.p, taxRateBp: p.t, priceIncludesTax: true }) };
    });
    const total = lines.reduce((s, l) => ({ q: s.q + l.quantity, ex: s.ex + l.amountExTax, tax: s.tax + l.taxAmount, amt: s.amt + l.amount }), { q: 0, ex: 0, tax: 0, amt: 0 });
    const order = insOrder.get(info.companyId, null, body.customerId, userId, body.warehouseId, total.q, total.ex, total.tax, total.amt, now, now, userId, now, now) as { id: number };
    audit.run(info.companyId, userId, 'sales_order.create', order.id, JSON.stringify(body), now);
    lines.forEach((l, k) => {
      const line = insLine.get(info.companyId, order.id, k + 1, l.productId, l.p.code, l.p.name, l.p.spec, l.p.unit, l.quantity, l.p.p, l.p.t, l.amountExTax, l.taxAmount, l.amount, l.quantity, l.p.p) as { id: number };
      if (reserve.run(l.quantity, now, info.companyId, body.warehouseId, l.productId, l.quantity).changes !== 1) throw new Error('bench stock short');
      insRes.run(info.companyId, body.warehouseId, l.productId, l.quantity, order.id, line.id, now, now);
    });
    // the number last, as the orders service takes it
    const n = (seq.get(info.companyId) as { last_value: number }).last_value;
    setNumber.run(`DD-202611-B${n}`, order.id);
    audit.run(info.companyId, userId, 'sales_order.submit', order.id, JSON.stringify({ number: n }), now);
  });
  const lat: number[] = [];
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const t = performance.now();
    one(orderBody(plan, rng));
    lat.push(ms(t));
  }
  db.close();
  const s = stats(lat);
  return { ordersPerSec: s.n / seconds, p99: s.p99 };
}

export function copyForWrites(src: string, dir: string, name: string): string {
  const to = path.join(dir, name);
  for (const x of ['', '-wal', '-shm']) fs.rmSync(to + x, { force: true });
  fs.copyFileSync(src, to);
  return to;
}
