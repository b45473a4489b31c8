import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import { clearStat4Samples } from '../src/db/maintenance.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { syncBuiltinRoles } from '../src/modules/admin/service.ts';
import { lineAmounts } from '../src/platform/money.ts';
import { defaultNumberRules, renderNumber } from '../src/platform/numbering/numbering.ts';
import { searchKey } from '../src/platform/pinyin.ts';
import { productNamePinyin } from '../src/modules/products/search-key.ts';
import type { BenchInfo } from './gen-bench-db.ts';
import { makeRng } from './prng.ts';

// The orders benchmark database: a copy of the million-customer database plus 300 products, 3
// warehouses with stock, and N sales orders (1,000,000 by default, 1–5 lines each) spread over the
// last 12 months in every status, owned by the customer's rep; shipped orders have a sales slip
// header and the stock ledger rows of their issue. Bare prepared statements, indexes rebuilt after.
// Cached under .bench/ next to the customers database (bump ORDERS_GEN_VERSION when the data changes).

export const ORDERS_GEN_VERSION = 2; // the cache is upgraded by migrations (period nets filled by theirs)

export type OrdersBenchInfo = BenchInfo & { orders: number; productIds: number[]; warehouseIds: number[]; ordersFile: string };

const statuses = [
  ['draft', 2], ['submitted', 3], ['confirmed', 5], ['partially_shipped', 2], ['shipped', 8], ['delivered', 10], ['completed', 30], ['closed', 38], ['void', 2],
] as const;
const shippedStatuses = new Set(['partially_shipped', 'shipped', 'delivered', 'completed', 'closed']);
const orderTypes = [['direct', 40], ['wholesale', 35], ['regional', 15], ['supermarket', 10]] as const;
const terms = [['cash', 35], ['monthly', 40], ['hold', 5], ['rolling', 10], ['transfer', 10]] as const;
const brands = ['滇源', '云岭', '彩云', '苍山', '洱海', '玉龙'];
const kinds = [['老窖', '52度 500ml', 6, 1280000], ['清香', '42度 500ml', 12, 680000], ['酱香', '53度 500ml', 6, 3880000], ['小瓶', '45度 125ml', 24, 180000], ['礼盒', '52度 500ml×2', 4, 5980000]] as const;

export async function ensureOrdersBenchDb(dir: string, base: BenchInfo, n: number, log: (s: string) => void): Promise<OrdersBenchInfo> {
  const file = path.join(dir, `orders-${n}-v${ORDERS_GEN_VERSION}-from-${path.basename(base.file, '.sqlite')}.sqlite`);
  const infoFile = `${file}.json`;
  if (fs.existsSync(file) && fs.existsSync(infoFile)) {
    // migrations added since it was generated are applied to the cache itself, as an upgrade would
    const raw = new Database(file);
    raw.pragma('synchronous = OFF');
    const cached = new Kysely<any>({ dialect: new SqliteDialect({ database: raw }), plugins: [new CamelCasePlugin()] });
    try {
      const applied = await migrateToLatest(cached);
      await syncBuiltinRoles(cached);
      if (applied.length) raw.pragma('optimize');
      clearStat4Samples(raw); // as the app's open does
      log(`使用缓存的订单基准数据库 / cached orders bench database: ${file}${applied.length ? ` (+${applied.length} new migrations applied)` : ''}`);
    } finally {
      await cached.destroy();
    }
    return { ...(JSON.parse(fs.readFileSync(infoFile, 'utf8')) as OrdersBenchInfo), ordersFile: file };
  }
  const t0 = Date.now();
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  log('复制客户基准数据库 / copying the customers bench database…');
  const src = new Database(base.file);
  src.pragma('wal_checkpoint(TRUNCATE)');
  src.close();
  fs.copyFileSync(base.file, `${file}.tmp`);
  const db = new Database(`${file}.tmp`);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -400000');
  const companyId = base.companyId;
  const now = '2026-11-20T08:00:00.000Z';
  const adminId = (db.prepare(`select id from users where username = ?`).get(base.adminUsername) as { id: number }).id;
  const rng = makeRng(4242);

  // products and warehouses
  const insProduct = db.prepare(`insert into products (company_id, code, name, spec, unit, pack_unit, pack_size, barcode, category, brand, tax_rate_bp, list_price, cost_price, shelf_life_days, safety_stock, target_stock, track_codes, active, search_key, name_pinyin, created_by, created_at, updated_at, version)
    values (?, ?, ?, ?, '瓶', '箱', ?, ?, '白酒', ?, 1300, ?, ?, 1095, 120, 600, 0, 1, ?, ?, ?, ?, ?, 1) returning id`);
  const products: { id: number; price: number }[] = [];
  db.transaction(() => {
    for (let i = 0; i < 300; i++) {
      const brand = brands[i % brands.length]!;
      const [kind, spec, pack, price] = kinds[i % kinds.length]!;
      const name = `${brand}${kind}${Math.floor(i / 30) + 1}号`;
      const code = `SP${String(i + 1).padStart(5, '0')}`;
      const p = price + (i % 7) * 10000;
      const row = insProduct.get(companyId, code, name, spec, pack, `69${String(1000000000 + i).slice(1)}8`, brand, p, Math.round(p * 0.6), searchKey(name, code), productNamePinyin(name), adminId, now, now) as { id: number };
      products.push({ id: row.id, price: p });
    }
  })();
  const insWarehouse = db.prepare(`insert into warehouses (company_id, code, name, address, active, created_at, updated_at, version) values (?, ?, ?, ?, 1, ?, ?, 1) returning id`);
  const warehouseIds = [['KM', '昆明总仓'], ['QJ', '曲靖分仓'], ['DL', '大理分仓']].map(([code, name]) => (insWarehouse.get(companyId, code, name, `${name}地址`, now, now) as { id: number }).id);

  // customers with their owners (in-pool customers get no orders)
  const customers = db.prepare(`select id, name, owner_id as ownerId, primary_contact as contact, primary_phone as phone, address from customers where company_id = ? and owner_id is not null`).all(companyId) as { id: number; name: string; ownerId: number; contact: string | null; phone: string | null; address: string | null }[];
  log(`  ${customers.length.toLocaleString()} customers with an owner`);

  const tables = ['sales_orders', 'sales_order_lines', 'sales_slips', 'stock_ledger'];
  const indexes = db.prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${tables.map(() => '?').join(', ')})`).all(...tables) as { name: string; sql: string }[];
  for (const ix of indexes) db.exec(`drop index ${ix.name}`);

  const insOrder = db.prepare(`insert into sales_orders (id, company_id, number, status, order_type, payment_term, customer_id, customer_name, contact_name, contact_phone, delivery_address, owner_id, warehouse_id, price_includes_tax, business_date, delivery_date, delivery_method, total_quantity, amount_ex_tax, tax_amount, total_amount, backorder, payment_received, submitted_at, confirmed_at, created_by, created_at, updated_at, version, voided_at, voided_by, void_reason)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, 'our_delivery', ?, ?, ?, ?, 0, 0, ?, ?, ?, ?, ?, 1, ?, ?, ?)`);
  const insLine = db.prepare(`insert into sales_order_lines (company_id, order_id, line_no, product_id, product_code, product_name, spec, unit, quantity, unit_price, discount_bp, tax_rate_bp, amount_ex_tax, tax_amount, amount, reserved_quantity, shipped_quantity)
    values (?, ?, ?, ?, ?, ?, ?, '瓶', ?, ?, ?, 1300, ?, ?, ?, ?, ?)`);
  const insSlip = db.prepare(`insert into sales_slips (id, company_id, number, status, order_id, order_type, payment_term, customer_id, customer_name, owner_id, handler_id, warehouse_id, price_includes_tax, business_date, total_quantity, amount_ex_tax, tax_amount, total_amount, issued_at, created_by, created_at, updated_at, version)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`);
  const insLedger = db.prepare(`insert into stock_ledger (company_id, warehouse_id, product_id, batch_id, quantity, doc_type, doc_id, doc_no, business_date, created_by, created_at) values (?, ?, ?, ?, ?, 'sales_slip', ?, ?, ?, ?, ?)`);
  const productRows = new Map((db.prepare(`select id, code, name, spec from products where company_id = ?`).all(companyId) as { id: number; code: string; name: string; spec: string }[]).map((p) => [p.id, p]));
  // one batch per warehouse × product; the stock levels are set from the ledger at the end
  const insBatch = db.prepare(`insert into stock_batches (company_id, warehouse_id, product_id, batch_no, production_date, expiry_date, on_hand, created_at, updated_at) values (?, ?, ?, 'B2026', '2026-01-10', '2029-01-10', 0, ?, ?) returning id`);
  const batchOf = new Map<string, number>();
  db.transaction(() => {
    for (const w of warehouseIds) for (const p of products) batchOf.set(`${w}:${p.id}`, (insBatch.get(companyId, w, p.id, now, now) as { id: number }).id);
  })();

  const orderRule = defaultNumberRules.sales_order!;
  const slipRule = defaultNumberRules.sales_slip!;
  const monthSeq = new Map<string, number>();
  const slipSeq = new Map<string, number>();
  const endMs = Date.parse('2026-11-20T00:00:00Z');
  const orderBase = (db.prepare('select coalesce(max(id), 0) as m from sales_orders').get() as { m: number }).m;
  const BATCH = 50_000;
  let slipId = (db.prepare('select coalesce(max(id), 0) as m from sales_slips').get() as { m: number }).m;
  const writeBatch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const id = orderBase + i + 1;
      const c = customers[rng.int(0, customers.length - 1)]!;
      const status = rng.weighted(statuses);
      const type = rng.weighted(orderTypes);
      const term = rng.weighted(terms);
      const date = new Date(endMs - rng.int(0, 364) * 86400_000).toISOString().slice(0, 10);
      const period = date.slice(0, 7);
      const seq = (monthSeq.get(period) ?? 0) + 1;
      monthSeq.set(period, seq);
      const warehouseId = warehouseIds[rng.int(0, warehouseIds.length - 1)]!;
      const lines = Array.from({ length: rng.int(1, 5) }, () => {
        const p = products[rng.int(0, products.length - 1)]!;
        const quantity = rng.int(1, 60);
        const discountBp = rng.chance(0.2) ? rng.pick([300, 500, 800]) : 0;
        return { p, quantity, discountBp, ...lineAmounts({ quantity, unitPrice: p.price, discountBp, taxRateBp: 1300, priceIncludesTax: true }) };
      });
      const total = lines.reduce((s, l) => ({ q: s.q + l.quantity, ex: s.ex + l.amountExTax, tax: s.tax + l.taxAmount, amt: s.amt + l.amount }), { q: 0, ex: 0, tax: 0, amt: 0 });
      const at = `${date}T02:00:00.000Z`;
      const numbered = status !== 'draft';
      const confirmed = !['draft', 'submitted', 'void'].includes(status);
      insOrder.run(id, companyId, numbered ? renderNumber(orderRule.pattern, date, seq) : null, status, type, term, c.id, c.name, c.contact, c.phone, c.address, c.ownerId, warehouseId, date, date,
        total.q, total.ex, total.tax, total.amt, numbered ? at : null, confirmed ? at : null, c.ownerId, at, at, status === 'void' ? at : null, status === 'void' ? c.ownerId : null, status === 'void' ? '客户取消' : null);
      const shipped = shippedStatuses.has(status);
      lines.forEach((l, k) => {
        const p = productRows.get(l.p.id)!;
        const shippedQty = shipped ? (status === 'partially_shipped' && k === 0 ? Math.floor(l.quantity / 2) : l.quantity) : 0;
        const reserved = confirmed ? l.quantity - shippedQty : 0;
        insLine.run(companyId, id, k + 1, l.p.id, p.code, p.name, p.spec, l.quantity, l.p.price, l.discountBp, l.amountExTax, l.taxAmount, l.amount, reserved, shippedQty);
      });
      if (shipped) {
        const sseq = (slipSeq.get(period) ?? 0) + 1;
        slipSeq.set(period, sseq);
        const slipNo = renderNumber(slipRule.pattern, date, sseq);
        slipId++;
        const slipStatus = status === 'closed' || status === 'completed' ? 'posted' : 'signed';
        insSlip.run(slipId, companyId, slipNo, slipStatus, id, type, term, c.id, c.name, c.ownerId, c.ownerId, warehouseId, date, total.q, total.ex, total.tax, total.amt, at, c.ownerId, at, at);
        for (const l of lines) insLedger.run(companyId, warehouseId, l.p.id, batchOf.get(`${warehouseId}:${l.p.id}`)!, -l.quantity, slipId, slipNo, date, c.ownerId, at);
      }
    }
  });
  for (let from = 0; from < n; from += BATCH) {
    writeBatch(from, Math.min(n, from + BATCH));
    log(`  生成订单 / orders ${Math.min(n, from + BATCH).toLocaleString()} / ${n.toLocaleString()}  (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  // goods received: one opening inbound per warehouse × product covering what went out plus stock on hand
  db.transaction(() => {
    const out = db.prepare(`select warehouse_id as w, product_id as p, -sum(quantity) as q from stock_ledger where company_id = ? group by warehouse_id, product_id`).all(companyId) as { w: number; p: number; q: number }[];
    const outOf = new Map(out.map((r) => [`${r.w}:${r.p}`, r.q]));
    const insIn = db.prepare(`insert into stock_ledger (company_id, warehouse_id, product_id, batch_id, quantity, doc_type, doc_id, doc_no, business_date, created_by, created_at) values (?, ?, ?, ?, ?, 'inbound', 0, 'RK-OPENING', '2025-11-01', ?, ?)`);
    const reserved = db.prepare(`select o.warehouse_id as w, l.product_id as p, sum(l.reserved_quantity) as r from sales_order_lines l join sales_orders o on o.id = l.order_id where o.company_id = ? and l.reserved_quantity > 0 group by o.warehouse_id, l.product_id`).all(companyId) as { w: number; p: number; r: number }[];
    const reservedOf = new Map(reserved.map((r) => [`${r.w}:${r.p}`, r.r]));
    const insLevel = db.prepare(`insert into stock_levels (company_id, warehouse_id, product_id, on_hand, reserved, updated_at) values (?, ?, ?, ?, ?, ?)`);
    const setBatch = db.prepare(`update stock_batches set on_hand = ? where id = ?`);
    for (const w of warehouseIds) for (const p of products) {
      const key = `${w}:${p.id}`;
      const res = reservedOf.get(key) ?? 0;
      // enough free stock that 10 s of order entry at the target rate (2,000 orders/s, 5 lines of 1–3
      // units over 300 products: ~670 units a product) never runs short
      const onHand = res + 10_000 + rng.int(0, 2000);
      insIn.run(companyId, w, p.id, batchOf.get(key)!, onHand + (outOf.get(key) ?? 0), adminId, now);
      insLevel.run(companyId, w, p.id, onHand, res, now);
      setBatch.run(onHand, batchOf.get(key)!);
    }
  })();
  // the ledger's monthly and daily nets, as stock.ts keeps them with every ledger row
  db.exec(`insert into stock_month_moves (company_id, month, warehouse_id, product_id, quantity)
    select company_id, substr(business_date, 1, 7), warehouse_id, product_id, sum(quantity) from stock_ledger group by 1, 2, 3, 4`);
  db.exec(`insert into stock_day_moves (company_id, day, warehouse_id, product_id, quantity)
    select company_id, business_date, warehouse_id, product_id, sum(quantity) from stock_ledger group by 1, 2, 3, 4`);
  const setSeq = db.prepare(`insert into number_sequences (company_id, doc_type, period, last_value) values (?, ?, ?, ?) on conflict (company_id, doc_type, period) do update set last_value = excluded.last_value`);
  for (const [period, last] of monthSeq) setSeq.run(companyId, 'sales_order', period, last);
  for (const [period, last] of slipSeq) setSeq.run(companyId, 'sales_slip', period, last);
  log('  重建索引 / rebuilding indexes…');
  for (const ix of indexes) db.exec(ix.sql);
  db.exec('analyze');
  clearStat4Samples(db); // as the app's open does: stat1 only
  db.pragma('journal_mode = WAL');
  db.close();
  fs.renameSync(`${file}.tmp`, file);
  const info: OrdersBenchInfo = { ...base, file, ordersFile: file, orders: n, productIds: products.map((p) => p.id), warehouseIds };
  fs.writeFileSync(infoFile, JSON.stringify(info, null, 2));
  log(`订单基准数据库已生成 / orders bench database built in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${file}`);
  return info;
}
