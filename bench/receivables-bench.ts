// Aging 账龄 at a million open items (issue 5): a generator that builds the database (cached under
// .bench/) and the measurements `npm run bench` reports (BENCH_SKIP=aging leaves them out). Run alone:
//   npx tsx bench/receivables-bench.ts        (BENCH_CUSTOMERS=1000000 BENCH_AGING_ITEMS=1000000)
// Data: a copy of the million-customer bench database (8 departments × 12 reps) plus N open items
// (receivable_items, one per posted slip) spread over 100,000 of its customers and the two years
// before a fixed reference day, every payment term, amounts of 100–50,000 元; a quarter were partly
// paid (one allocation move each, dated between the document and the reference day), a few of those
// reversed. Written by bare prepared statements in one transaction, the indexes built after.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { CamelCasePlugin, Kysely, sql, SqliteDialect } from 'kysely';
import { openSqlite } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { syncBuiltinRoles } from '../src/modules/admin/service.ts';
import { agingByCustomer } from '../src/modules/receivables/aging.ts';
import { dueDateOf } from '../src/modules/receivables/due-dates.ts';
import { setupOf } from '../src/modules/receivables/report.ts';
import { agingReport } from '../src/modules/receivables/service.ts';
import { agingQuery } from '../src/modules/receivables/schema.ts';
import { addDays } from '../src/platform/time.ts';
import { contextFor } from './context.ts';
import { ensureBenchDb, type BenchInfo } from './gen-bench-db.ts';
import { fmt, ms, sqlCapture, stats } from './measure.ts';
import { makeRng } from './prng.ts';

export const AGING_GEN_VERSION = 1;
export const AGING_REF_DAY = '2026-11-20';
const CUSTOMERS_USED = 100_000;

export type AgingBenchInfo = { file: string; items: number; moves: number; customers: number; companyId: number; builtSeconds: number; adminUsername: string; managerUsername: string };
export type BenchRow = { what: string; result: string; ceiling: string; ratio: string; target: string; met: string };

/** The receivables tables' indexes as the migrations define them (read from a fresh in-memory database). */
async function receivableIndexes(): Promise<{ name: string; sql: string }[]> {
  const h = openSqlite(':memory:');
  try {
    await migrateToLatest(h.db);
    const r = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'index' and tbl_name in ('receivable_items', 'receivable_moves') and sql is not null`.execute(h.db);
    return r.rows;
  } finally {
    await h.close();
  }
}

/** Builds any of the indexes missing (a generator stopped half-way leaves them dropped) and checks they are all there. */
function ensureIndexes(db: Database.Database, indexes: { name: string; sql: string }[], log: (s: string) => void) {
  const have = new Set(db.prepare("select name from sqlite_master where type = 'index'").pluck().all() as string[]);
  const missing = indexes.filter((ix) => !have.has(ix.name));
  if (missing.length) log(`建立索引 / building indexes: ${missing.map((m) => m.name).join(', ')}…`);
  for (const ix of missing) db.exec(ix.sql);
  if (missing.length) db.exec('analyze receivable_items');
  const now = new Set(db.prepare("select name from sqlite_master where type = 'index'").pluck().all() as string[]);
  const still = indexes.filter((ix) => !now.has(ix.name));
  if (still.length) throw new Error(`indexes missing after the build: ${still.map((x) => x.name).join(', ')}`);
}

async function upgrade(file: string) {
  const raw = new Database(file);
  raw.pragma('synchronous = OFF');
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: raw }), plugins: [new CamelCasePlugin()] });
  try {
    await migrateToLatest(db);
    await syncBuiltinRoles(db);
  } finally {
    await db.destroy();
  }
}

const terms = [['cash', 30], ['monthly', 40], ['hold', 10], ['rolling', 10], ['transfer', 10]] as const;

/** The cached aging database, built when missing: see the header. */
export async function ensureAgingBenchDb(dir: string, base: BenchInfo, n: number, log: (s: string) => void): Promise<AgingBenchInfo> {
  const file = path.join(dir, `aging-${n}-v${AGING_GEN_VERSION}-from-${path.basename(base.file, '.sqlite')}.sqlite`);
  const infoFile = `${file}.json`;
  let cached = fs.existsSync(file) && fs.existsSync(infoFile);
  if (cached) {
    try {
      await upgrade(file);
    } catch (e) {
      // e.g. a migration landed that sorts before one the cache already ran: build the cache again
      log(`缓存的账龄基准数据库无法迁移，重新生成 / cached aging database does not migrate (${(e as Error).message}); rebuilding`);
      cached = false;
    }
  }
  if (cached) {
    const db = new Database(file);
    try {
      ensureIndexes(db, await receivableIndexes(), log);
    } finally {
      db.close();
    }
    log(`使用缓存的账龄基准数据库 / cached aging bench database: ${file}`);
    return JSON.parse(fs.readFileSync(infoFile, 'utf8')) as AgingBenchInfo;
  }
  const t0 = Date.now();
  log('复制客户基准数据库 / copying the customers bench database…');
  const src = new Database(base.file);
  src.pragma('wal_checkpoint(TRUNCATE)');
  src.close();
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}.tmp`]) fs.rmSync(f, { force: true });
  fs.copyFileSync(base.file, `${file}.tmp`);
  await upgrade(`${file}.tmp`);
  const db = new Database(`${file}.tmp`);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -400000');
  db.pragma('foreign_keys = OFF'); // a move is written before its item (the item needs the moves' sum)
  const ids = (db.prepare('select id from customers where company_id = ? order by id').pluck().all(base.companyId) as number[]);
  const gen = makeRng(2026);
  const rng = gen.next;
  const chosen: number[] = [];
  for (let i = 0; i < CUSTOMERS_USED && i < ids.length; i++) chosen.push(ids[Math.floor(rng() * ids.length)]!);
  // the indexes of the two tables are dropped and built again after the rows (much faster)
  const indexes = await receivableIndexes();
  for (const ix of indexes) db.exec(`drop index if exists ${ix.name}`);
  const insItem = db.prepare('insert into receivable_items (id, company_id, customer_id, doc_type, doc_id, doc_number, doc_date, payment_term, due_date, amount, open_amount, last_move_date, settled_date, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, ?)');
  const insMove = db.prepare('insert into receivable_moves (company_id, item_id, customer_id, kind, amount, move_date, source_type, source_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const termOf = () => gen.weighted(terms);
  const defaults = { settlementDay: 25, creditMonths: 1, creditDays: 30 };
  let moves = 0;
  const now = new Date().toISOString();
  log(`写入 ${n.toLocaleString()} 条未收单据 / writing ${n.toLocaleString()} open items…`);
  db.transaction(() => {
    for (let i = 1; i <= n; i++) {
      const customerId = chosen[Math.floor(rng() * chosen.length)]!;
      const age = Math.floor(rng() * rng() * 730); // more recent than old
      const docDate = addDays(AGING_REF_DAY, -age);
      const term = termOf();
      const amount = (100 + Math.floor(rng() * 49_900)) * 100;
      let open = amount;
      let last: string | null = null;
      if (rng() < 0.25) {
        const paid = Math.max(100, Math.floor((amount * (0.1 + rng() * 0.8)) / 100) * 100);
        const on = addDays(docDate, Math.floor(rng() * (age + 1)));
        insMove.run(base.companyId, i, customerId, 'receipt', paid, on, 'receipt_allocation', i, now);
        moves++;
        open -= paid;
        last = on;
        if (rng() < 0.05) {
          const when = addDays(on, gen.int(0, Math.round((Date.parse(AGING_REF_DAY) - Date.parse(on)) / 86400_000)));
          insMove.run(base.companyId, i, customerId, 'reversal', -paid, when, 'receipt_allocation', i, now);
          moves++;
          open += paid;
          last = when;
        }
      }
      insItem.run(i, base.companyId, customerId, 'sales_slip', i, `XS-${docDate.slice(0, 7).replace('-', '')}-${String(i).padStart(7, '0')}`, docDate, term, dueDateOf(term, docDate, defaults), amount, open, last, now);
    }
  })();
  ensureIndexes(db, indexes, log);
  db.close();
  fs.renameSync(`${file}.tmp`, file);
  const info: AgingBenchInfo = { file, items: n, moves, customers: new Set(chosen).size, companyId: base.companyId, builtSeconds: Math.round((Date.now() - t0) / 1000), adminUsername: base.adminUsername, managerUsername: base.managerUsername };
  fs.writeFileSync(infoFile, JSON.stringify(info, null, 2));
  log(`  ${info.builtSeconds} s`);
  return info;
}

/** Wall time per run, and the process's CPU time per run (steadier than wall time on a shared machine). */
async function timed(fn: () => Promise<unknown> | unknown, runs: number) {
  await fn(); // warm-up: page cache, prepared statements
  const out: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await fn();
    out.push(ms(t));
    const u = process.cpuUsage(c);
    cpu.push((u.user + u.system) / 1000);
  }
  return { ...stats(out), cpu: stats(cpu).p50 };
}

/** The aging measurements: the engine and the report through the service, each beside the bare SQL aggregate. */
export async function agingBench(benchDir: string, base: BenchInfo, n: number, log: (s: string) => void): Promise<{ rows: BenchRow[]; plans: string[]; info: AgingBenchInfo }> {
  const info = await ensureAgingBenchDb(benchDir, base, n, log);
  const handle = openSqlite(info.file);
  const raw = new Database(info.file, { readonly: true });
  const rows: BenchRow[] = [];
  const plans: string[] = [];
  try {
    const userId = async (u: string) => (await handle.db.selectFrom('users').select('id').where('username', '=', u).executeTakeFirstOrThrow()).id;
    const admin = await contextFor(handle.db, await userId(info.adminUsername), info.companyId, 'bench');
    const manager = await contextFor(handle.db, await userId(info.managerUsername), info.companyId, 'bench');
    const runs = 5;
    const bareSimple = raw.prepare("select customer_id, sum(open_amount) as total from receivable_items where company_id = ? and doc_type = 'sales_slip' and open_amount <> 0 group by customer_id");
    const bare = await timed(() => bareSimple.all(info.companyId), runs);
    log(`  bare SQL aggregate (sum per customer over the open items): p50 ${fmt(bare.p50, 0)} ms (CPU ${fmt(bare.cpu, 0)} ms)`);
    const cap = sqlCapture(raw);
    const measure = async (label: string, asAt: string, fn: (db: any) => Promise<unknown>, target: number | null) => {
      const s = await timed(() => fn(handle.db), runs);
      const statements = await cap.capture(fn);
      const replay = await timed(() => cap.replay(statements), runs);
      log(`  ${label}: p50 ${fmt(s.p50, 0)} ms, CPU ${fmt(s.cpu, 0)} ms = ${fmt(s.cpu / bare.cpu, 2)}× the bare aggregate's CPU (the same SQL on bare statements ${fmt(replay.p50, 0)} ms, CPU ${fmt(replay.cpu, 0)} ms)`);
      plans.push(`### ${label}\n\n\`\`\`\n${statements.map((c) => `${c.sql}\n${cap.plan(c)}`).join('\n\n')}\n\`\`\``);
      rows.push({
        what: `${label}, ${info.items.toLocaleString()} open items${asAt !== AGING_REF_DAY ? ` (as at ${asAt}, 30 days back)` : ''}`,
        result: `p50 ${fmt(s.p50, 0)} ms, max ${fmt(s.p99, 0)} ms (CPU ${fmt(s.cpu, 0)} ms)`,
        ceiling: `bare SQL sum per customer ${fmt(bare.p50, 0)} ms; its own SQL bare ${fmt(replay.p50, 0)} ms`,
        ratio: `${fmt(s.p50 / bare.p50, 2)}×`,
        target: target ? `≤ ${target} ms` : '—',
        met: target ? (s.p50 <= target ? 'yes' : 'NO') : '—',
      });
    };
    const past = addDays(AGING_REF_DAY, -30);
    for (const asAt of [AGING_REF_DAY, past]) {
      await measure('aging as at a date (buckets per customer, engine)', asAt, async (db) => agingByCustomer(db, info.companyId, await setupOf(db, info.companyId, asAt)), 1000);
    }
    const report = (by: string, ctx = admin) => async (db: any) => agingReport(db, ctx, agingQuery.parse({ asAt: AGING_REF_DAY, by }));
    await measure('aging report by customer, page 1 (company scope)', AGING_REF_DAY, report('customer'), 1000);
    await measure('aging report by rep (company scope)', AGING_REF_DAY, report('rep'), null);
    await measure('aging report by department (company scope)', AGING_REF_DAY, report('department'), null);
    await measure('aging report by customer, a manager (department scope)', AGING_REF_DAY, report('customer', manager), null);
  } finally {
    raw.close();
    await handle.close();
  }
  return { rows, plans, info };
}

// run alone: npx tsx bench/receivables-bench.ts
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const dir = path.join(root, '.bench');
  const log = (s: string) => console.log(s);
  const base = await ensureBenchDb(dir, Number(process.env.BENCH_CUSTOMERS ?? 1_000_000), log);
  const r = await agingBench(dir, base, Number(process.env.BENCH_AGING_ITEMS ?? 1_000_000), log);
  for (const row of r.rows) console.log(`${row.what}\n    ${row.result} | ${row.ceiling} | ${row.ratio} | ${row.target} ${row.met}`);
  if (process.env.BENCH_PLANS) console.log(r.plans.join('\n\n'));
}
