// Where order entry's server time goes: `npx tsx bench/profile-entry.ts [seconds] [--prof] [--sql] [--pg | --fresh]`.
// Runs the bench's order entry over HTTP (32 connections) against a fresh copy of the million-order
// database and prints orders/s, p99 and the server's CPU per order (from /proc: steadier than orders/s
// on a machine whose speed drifts). With --prof the server runs under --cpu-prof and the self time is
// summed by package / source folder and by function. With --sql (SQLite) the server's wall time per SQL
// statement is listed, per order (bench/sql-profile.ts). With --pg (and BENCH_DATABASE_URL) the app runs
// on a fresh PostgreSQL bench database instead, and the same rows by bare pg are timed after it. With
// --fresh it runs on SQLite with a new company's first orders (bench/entry-company.ts, the data of --pg).
// Builds the bench databases first if missing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freshSqliteEntryDb } from './entry-company.ts';
import { ensureBenchDb } from './gen-bench-db.ts';
import { ensureOrdersBenchDb } from './gen-orders-db.ts';
import { orderEntryOverHttp } from './http-server.ts';
import { fmt } from './measure.ts';
import { copyForWrites, entryPlan } from './orders-bench.ts';
import { barePgOrderEntry, preparePgOrders } from './pg-orders.ts';
import type { SqlProfileRow } from './sql-profile.ts';

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

const seconds = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 10);
const prof = process.argv.includes('--prof');
const sqlProfile = process.argv.includes('--sql');
const onPg = process.argv.includes('--pg');
const fresh = process.argv.includes('--fresh');
if (onPg && !process.env.BENCH_DATABASE_URL) throw new Error('--pg needs BENCH_DATABASE_URL=postgres://… (a server where the bench may create a database)');
const benchDir = path.resolve('.bench');
const log = (s: string) => console.log(s);

const base = await ensureBenchDb(benchDir, 1_000_000, log);
const info = await ensureOrdersBenchDb(benchDir, base, 1_000_000, log);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-entry-'));
const profDir = path.join(work, 'prof');
try {
  const nodeArgs = prof ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];
  const sqlFile = path.join(work, 'sql.json');
  if (sqlProfile) process.env.SD_SQL_PROFILE = sqlFile; // the server child inherits it
  let r: Awaited<ReturnType<typeof orderEntryOverHttp>>;
  if (onPg) {
    const pgb = await preparePgOrders(process.env.BENCH_DATABASE_URL!, info.file, info, log);
    try {
      r = await orderEntryOverHttp(pgb.url, info.adminUsername, pgb.plan, seconds, nodeArgs);
      const bare = await barePgOrderEntry(pgb, seconds);
      log(`bare pg: ${fmt(bare.ordersPerSec, 0)} orders/s, p99 ${fmt(bare.p99, 1)} ms, PostgreSQL CPU ${fmt(bare.pgCpuMsPerOrder, 3)} ms/order`);
    } finally {
      await pgb.drop();
    }
  } else if (fresh) {
    const db = await freshSqliteEntryDb(work, info.file, info, log);
    r = await orderEntryOverHttp(db.file, info.adminUsername, db.plan, seconds, nodeArgs);
  } else {
    const copy = copyForWrites(info.file, work, 'orders.sqlite');
    r = await orderEntryOverHttp(copy, info.adminUsername, entryPlan(copy, info), seconds, nodeArgs);
  }
  log(`${fmt(r.rps, 0)} orders/s, p50 ${r.p50} ms, p99 ${r.p99} ms, non-2xx ${r.non2xx}${r.failures ? ` (${r.failures})` : ''}; server CPU ${fmt(r.cpuMsPerOrder, 3)} ms/order${r.pgCpuMsPerOrder != null ? `, PostgreSQL CPU ${fmt(r.pgCpuMsPerOrder, 3)} ms/order` : ''}`);
  if (sqlProfile && fs.existsSync(sqlFile)) sqlPerOrder(JSON.parse(fs.readFileSync(sqlFile, 'utf8')) as SqlProfileRow[]);
  if (prof) summarize(JSON.parse(fs.readFileSync(path.join(profDir, fs.readdirSync(profDir)[0]!), 'utf8')) as Profile, r.cpuMsPerOrder);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

/**
 * Self time by where the code lives (a package, a folder of src/, node internals) and by function: its
 * share of the profile's busy samples (idle left out), in µs of the measured CPU per order.
 */
function summarize(p: Profile, cpuMsPerOrder: number) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const where = (url: string) => {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    if (pkg) return pkg[1]!;
    const src = /\/(src\/[^/]+\/[^/]+)\//.exec(url);
    if (src) return src[1]!;
    return url.startsWith('node:') ? 'node:' + url.slice(5).split('/')[0] : url ? path.basename(url) : '(native / gc / idle)';
  };
  const byWhere = new Map<string, number>();
  const byFn = new Map<string, number>();
  for (const [id, us] of self) {
    const f = byId.get(id)!.callFrame;
    if (f.functionName === '(idle)') continue;
    byWhere.set(where(f.url), (byWhere.get(where(f.url)) ?? 0) + us);
    const key = `${f.functionName || '(anonymous)'}  ${f.url ? `${path.basename(f.url)}:${f.lineNumber + 1}` : ''}`;
    byFn.set(key, (byFn.get(key) ?? 0) + us);
  }
  const total = [...byWhere.values()].reduce((a, b) => a + b, 0);
  const perOrder = (us: number) => (us / total) * cpuMsPerOrder * 1000;
  const top = (m: Map<string, number>, n: number) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, n).forEach(([k, us]) => log(`  ${fmt(perOrder(us), 1).padStart(7)} µs  ${fmt((100 * us) / total, 1).padStart(5)} %  ${k}`));
  log('\nself time per order (share of the busy samples × CPU per order):');
  top(byWhere, 25);
  log('\nby function:');
  top(byFn, 40);
}

/** The server's SQL profile (the whole run with its warm-up) per order: orders counted by their header inserts. */
function sqlPerOrder(rows: SqlProfileRow[]) {
  const orders = rows.find((x) => x.sql.startsWith('insert into "sales_orders"'))?.calls ?? 1;
  const sum = (f: (x: (typeof rows)[number]) => number) => rows.reduce((s, x) => s + f(x), 0);
  log(`\nSQL wall time per order: ${fmt(sum((x) => x.us) / orders, 0)} µs in ${fmt(sum((x) => x.calls) / orders, 1)} statements`);
  for (const x of rows.slice(0, 25)) log(`  ${fmt(x.us / orders, 1).padStart(7)} µs  ${fmt(x.calls / orders, 2).padStart(5)}×  ${x.sql.slice(0, 110)}`);
}
