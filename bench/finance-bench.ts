import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openSqlite, type Db } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { bootstrapCompany } from '../src/modules/admin/service.ts';
import { autoAllocate, previewStatement } from '../src/modules/receipts/service.ts';
import { recordSlipPosted } from '../src/modules/receivables/service.ts';
import { addDays } from '../src/platform/time.ts';
import { contextFor } from './context.ts';
import { fmt, ms, sqlCapture, stats } from './measure.ts';
import { makeRng } from './prng.ts';

// Finance benchmarks (issue 5), on SQLite:
// - allocation throughput: RECEIPTS receipts, each allocated oldest first through the receipts service
//   (`autoAllocate`: its own transaction, the customer's open slips, conditional totals on both sides,
//   allocation rows, the receivables ledger, audit), against bare better-sqlite3 doing the same
//   updates (open slips, the two totals, the allocation row) in a transaction per receipt;
// - a customer statement 对账单 over STATEMENT_DOCS documents (posted slips and receipts of a year):
//   `previewStatement` p95 over STATEMENT_RUNS runs, against the same SQL replayed on bare prepared statements.
// The data are written by bare SQL (posted slips with their receivable items through the receivables
// door, receipts not yet allocated) into a fresh migrated database; deterministic (seeded).

export const RECEIPTS = Number(process.env.BENCH_FINANCE_RECEIPTS ?? 20_000);
const CUSTOMERS = Math.max(1, Math.round(RECEIPTS / 100));
const STATEMENT_DOCS = Number(process.env.BENCH_STATEMENT_DOCS ?? 10_000);
const STATEMENT_RUNS = Number(process.env.BENCH_STATEMENT_RUNS ?? 30);
const TODAY = '2026-11-20';

/** CPU time of this process (user + system) since `c0`, in ms: on a shared machine it is steadier than wall time. */
const cpuMsSince = (c0: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};

export type FinanceRow = { what: string; result: string; ceiling: string; ratio: string; target: string; met: string };

type World = { companyId: number; financeId: number; customers: number[]; statementCustomer: number };

async function setup(db: Db, sqlite: Database.Database): Promise<World> {
  await migrateToLatest(db);
  const now = new Date().toISOString();
  const co = await db.transaction().execute((tx) => bootstrapCompany(tx, { code: 'FIN', name: '滇源酒业销售有限公司', shortName: null, taxId: null, address: null, phone: null }, { userId: null, companyId: null }));
  const user = await db.insertInto('users').values({ username: 'caiwu', displayName: '财务', passwordHash: 'x', mustChangePassword: 0, searchKey: 'caiwu', createdAt: now }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('memberships').values({ userId: user.id, companyId: co.companyId, roleId: co.roleIds.finance!, departmentId: co.rootDepartmentId, createdAt: now }).execute();
  const wh = await db.insertInto('warehouses').values({ companyId: co.companyId, code: 'KM', name: '昆明总仓', createdAt: now, updatedAt: now }).returning('id').executeTakeFirstOrThrow();
  const rng = makeRng(5005);
  const insCustomer = sqlite.prepare(`insert into customers (company_id, code, name, name_key, search_key, classification, source, owner_id, created_by, created_at, updated_at) values (?, ?, ?, ?, ?, 'formal', 'other', ?, ?, ?, ?)`);
  const insSlip = sqlite.prepare(`insert into sales_slips (company_id, number, status, order_type, payment_term, customer_id, customer_name, owner_id, handler_id, warehouse_id, business_date, total_quantity, amount_ex_tax, tax_amount, total_amount, created_by, created_at, updated_at, posted_at, posted_by) values (?, ?, 'posted', 'direct', 'monthly', ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insReceipt = sqlite.prepare(`insert into receipts (company_id, number, status, customer_id, receipt_date, method, amount, allocated_amount, received_by, created_by, created_at, updated_at) values (?, ?, 'confirmed', ?, ?, 'bank_transfer', ?, 0, ?, ?, ?, ?)`);
  const customers: number[] = [];
  let slipNo = 0;
  let receiptNo = 0;
  const slip = (customerId: number, name: string, date: string, amount: number) => {
    const ex = Math.round(amount / 1.13);
    return Number(insSlip.run(co.companyId, `XS-${date.slice(0, 7).replace('-', '')}-${String(++slipNo).padStart(7, '0')}`, customerId, name, user.id, user.id, wh.id, date, ex, amount - ex, amount, user.id, now, now, now, user.id).lastInsertRowid);
  };
  const receipt = (customerId: number, date: string, amount: number) => insReceipt.run(co.companyId, `SK-${date.slice(0, 7).replace('-', '')}-${String(++receiptNo).padStart(7, '0')}`, customerId, date, amount, user.id, user.id, now, now);
  const slipIds: number[] = [];
  sqlite.transaction(() => {
    // allocation: CUSTOMERS customers × 100 posted slips and 100 receipts, each receipt about one slip (some more, some less)
    for (let c = 0; c < CUSTOMERS; c++) {
      const name = `客户${String(c + 1).padStart(6, '0')}`;
      const id = Number(insCustomer.run(co.companyId, `K${c + 1}`, name, name, name, user.id, user.id, now, now).lastInsertRowid);
      customers.push(id);
      for (let k = 0; k < 100; k++) slipIds.push(slip(id, name, addDays(TODAY, -(100 - k) * 3), rng.int(50, 5000) * 100));
      for (let k = 0; k < 100; k++) receipt(id, TODAY, rng.int(40, 6000) * 100);
    }
  })();
  // the statement's customer: a year of slips (60 %) and receipts (40 %)
  const name = '大客户（对账基准）';
  const statementCustomer = Number(insCustomer.run(co.companyId, 'KBIG', name, name, name, user.id, user.id, now, now).lastInsertRowid);
  sqlite.transaction(() => {
    for (let k = 0; k < STATEMENT_DOCS; k++) {
      const date = addDays(TODAY, -Math.floor((k * 365) / STATEMENT_DOCS));
      if (k % 5 < 3) slipIds.push(slip(statementCustomer, name, date, rng.int(100, 20000) * 100));
      else receipt(statementCustomer, date, rng.int(100, 20000) * 100);
    }
  })();
  // the receivable items of the posted slips, through the receivables module's door
  for (let i = 0; i < slipIds.length; i += 5000) {
    await db.transaction().execute(async (tx) => {
      for (const id of slipIds.slice(i, i + 5000)) await recordSlipPosted(tx, co.companyId, id);
    });
  }
  return { companyId: co.companyId, financeId: user.id, customers, statementCustomer };
}

/** Bare better-sqlite3: per receipt, in a transaction, what the service's allocation writes (no audit, no ledger, no settings). */
function bareAllocation(sqlite: Database.Database, companyId: number) {
  const receipts = sqlite.prepare(`select id, customer_id as customerId, amount, allocated_amount as allocated from receipts where company_id = ? and status = 'confirmed' and allocated_amount < amount order by id`).all(companyId) as { id: number; customerId: number; amount: number; allocated: number }[];
  const open = sqlite.prepare(`select id, total_amount - returned_amount - received_amount as remaining from sales_slips where company_id = ? and customer_id = ? and status = 'posted' and received_amount < total_amount - returned_amount order by business_date, id limit 1000`);
  const onReceipt = sqlite.prepare(`update receipts set allocated_amount = allocated_amount + ?, version = version + 1 where id = ? and allocated_amount + ? <= amount`);
  const onSlip = sqlite.prepare(`update sales_slips set received_amount = received_amount + ? where id = ? and received_amount + ? <= total_amount - returned_amount`);
  const row = sqlite.prepare(`insert into receipt_allocations (company_id, receipt_id, customer_id, target_type, target_id, amount, allocated_by, allocated_at) values (?, ?, ?, 'sales_slip', ?, ?, 0, ?)`);
  const one = sqlite.transaction((r: (typeof receipts)[number]) => {
    let left = r.amount - r.allocated;
    for (const s of open.all(companyId, r.customerId) as { id: number; remaining: number }[]) {
      if (left <= 0) break;
      const amount = Math.min(left, s.remaining);
      if (onReceipt.run(amount, r.id, amount).changes !== 1 || onSlip.run(amount, s.id, amount).changes !== 1) throw new Error('bare allocation: over-allocated');
      row.run(companyId, r.id, r.customerId, s.id, amount, new Date().toISOString());
      left -= amount;
    }
  });
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (const r of receipts) one.immediate(r); // BEGIN IMMEDIATE, as the service's write transactions
  return { receipts: receipts.length, seconds: ms(t0) / 1000, cpuMs: cpuMsSince(c0) };
}

export async function financeBench(work: string, log: (s: string) => void): Promise<{ rows: FinanceRow[]; notes: string[] }> {
  const base = path.join(work, 'finance.sqlite');
  const t0 = performance.now();
  log(`财务数据 / writing ${RECEIPTS.toLocaleString()} receipts, ${(CUSTOMERS * 100).toLocaleString()} posted slips and a ${STATEMENT_DOCS.toLocaleString()}-document customer…`);
  let world: World;
  {
    const h = openSqlite(base);
    const raw = new Database(base);
    raw.pragma('journal_mode = WAL');
    try {
      world = await setup(h.db, raw);
    } finally {
      raw.close();
      await h.close();
    }
  }
  log(`  written in ${fmt(ms(t0) / 1000)} s`);
  const rows: FinanceRow[] = [];
  const notes: string[] = [];

  // ── allocation through the service ──
  const served = path.join(work, 'finance-service.sqlite');
  const bare = path.join(work, 'finance-bare.sqlite');
  fs.copyFileSync(base, served);
  fs.copyFileSync(base, bare);
  let service: { receipts: number; seconds: number; allocations: number; cpuMs: number };
  {
    const h = openSqlite(served);
    const ctx = await contextFor(h.db, world.financeId, world.companyId, 'bench');
    const ids = (await h.db.selectFrom('receipts').select('id').where('companyId', '=', world.companyId).where('customerId', '!=', world.statementCustomer).orderBy('id').execute()).map((r) => r.id);
    log(`核销 / allocating ${ids.length.toLocaleString()} receipts oldest first through the receipts service…`);
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    for (const [i, id] of ids.entries()) {
      try {
        await autoAllocate(h.db, ctx, id);
      } catch (e) {
        if ((e as { code?: string }).code !== 'RECEIPT_NOTHING_TO_ALLOCATE') throw e; // the customer's slips are all paid: the rest is credit
      }
      if ((i + 1) % 20000 === 0) log(`  ${(i + 1).toLocaleString()} (${fmt((i + 1) / (ms(t1) / 1000), 0)} receipts/s)`);
    }
    const seconds = ms(t1) / 1000;
    const cpuMs = cpuMsSince(c1);
    const n = await h.db.selectFrom('receiptAllocations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    service = { receipts: ids.length, seconds, allocations: Number(n.n), cpuMs };
    await h.close();
  }
  let ceiling: { receipts: number; seconds: number; cpuMs: number };
  {
    const raw = new Database(bare);
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL'); // as the app's connection (src/db/database.ts)
    raw.prepare('delete from receipts where customer_id = ?').run(world.statementCustomer); // the statement customer's receipts are not part of the throughput run
    ceiling = bareAllocation(raw, world.companyId);
    raw.close();
  }
  const rate = service.receipts / service.seconds;
  const bareRate = ceiling.receipts / ceiling.seconds;
  rows.push({
    what: `allocation 核销 of ${service.receipts.toLocaleString()} receipts, oldest first through the service (${service.allocations.toLocaleString()} allocations)`,
    result: `${fmt(rate, 0)} receipts/s (${fmt(service.seconds)} s; CPU ${fmt(service.cpuMs / service.receipts, 2)} ms per receipt)`,
    ceiling: `bare SQL, same updates: ${fmt(bareRate, 0)} receipts/s (CPU ${fmt(ceiling.cpuMs / ceiling.receipts, 2)} ms per receipt)`,
    ratio: `${fmt(rate / bareRate, 2)}×`,
    target: '—',
    met: 'ok',
  });

  // ── the statement of a customer with STATEMENT_DOCS documents ──
  {
    const h = openSqlite(served);
    const ctx = await contextFor(h.db, world.financeId, world.companyId, 'bench');
    const q = { customerId: world.statementCustomer, from: addDays(TODAY, -365), to: TODAY };
    const first = await previewStatement(h.db, ctx, q);
    if (first.rows.length !== STATEMENT_DOCS) notes.push(`The statement had ${first.rows.length} rows, not ${STATEMENT_DOCS}.`);
    const real: number[] = [];
    for (let i = 0; i < STATEMENT_RUNS; i++) {
      const t = performance.now();
      await previewStatement(h.db, ctx, q);
      real.push(ms(t));
    }
    await h.close();
    const raw = new Database(served);
    const cap = sqlCapture(raw);
    const captured = await cap.capture((db) => previewStatement(db, ctx, q));
    const bareMs: number[] = [];
    for (let i = 0; i < STATEMENT_RUNS; i++) {
      const t = performance.now();
      cap.replay(captured);
      bareMs.push(ms(t));
    }
    raw.close();
    const r = stats(real);
    const b = stats(bareMs);
    rows.push({
      what: `customer statement 对账单 of ${first.rows.length.toLocaleString()} documents (a year), ${STATEMENT_RUNS} runs`,
      result: `p50 ${fmt(r.p50, 1)} ms, p95 ${fmt(r.p95, 1)} ms`,
      ceiling: `the same SQL on bare prepared statements: p95 ${fmt(b.p95, 1)} ms`,
      ratio: `${fmt(r.p95 / b.p95, 2)}×`,
      target: '—',
      met: 'ok',
    });
  }
  for (const f of [base, served, bare]) for (const x of [f, `${f}-wal`, `${f}-shm`]) fs.rmSync(x, { force: true });
  return { rows, notes };
}

// `npx tsx bench/finance-bench.ts` runs this part alone
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const work = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'finance-bench-'));
  financeBench(work, console.log)
    .then(({ rows, notes }) => {
      for (const r of rows) console.log(`${r.what}\n  ${r.result}\n  ceiling: ${r.ceiling}\n  ratio: ${r.ratio}`);
      for (const n of notes) console.log(n);
    })
    .finally(() => fs.rmSync(work, { recursive: true, force: true }));
}
