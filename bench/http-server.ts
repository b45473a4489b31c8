// The app under load over HTTP, as `npm run bench` and `bench/profile-entry.ts` drive it: the server in
// its own process (bench/server-child.ts) so that the load generator does not share its event loop,
// a logged-in session, and autocannon at 32 connections.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { BENCH_PASSWORD } from './gen-bench-db.ts';
import { orderBody, type EntryPlan } from './orders-bench.ts';
import { makeRng } from './prng.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export type BenchServer = { base: string; pid: number; stop: () => Promise<void> };

/** Starts the app on a SQLite file or a postgres:// URL; `nodeArgs` go to node (e.g. --cpu-prof). */
export async function startServer(target: string, nodeArgs: string[] = []): Promise<BenchServer> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'bench/server-child.ts', target], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      const line = buf.split('\n')[0];
      if (buf.includes('\n')) resolve((JSON.parse(line!) as { port: number }).port);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  // stopped means exited: its connections are closed before a database it used is dropped
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { base: `http://127.0.0.1:${port}`, pid: child.pid!, stop: () => (child.kill('SIGTERM'), exited) };
}

export async function session(base: string, username: string) {
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: BENCH_PASSWORD }) });
  if (login.status !== 200) throw new Error(`bench login failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('sd_session='))!;
  const me = (await (await fetch(`${base}/api/auth/me`, { headers: { cookie } })).json()) as { csrfToken: string };
  return { cookie, csrf: me.csrfToken };
}

/** `failures`: the answers other than 2xx by status, e.g. `409 ×12, 500 ×3` (empty when there were none). */
export type Cannon = { rps: number; p50: number; p99: number; non2xx: number; failures: string; requests: number; errors: number };
export async function cannon(seconds: number, opts: autocannon.Options): Promise<Cannon> {
  const r = await autocannon({ connections: 32, duration: seconds, ...opts });
  const failures = Object.entries(r.statusCodeStats ?? {})
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, s]) => `${code} ×${(s as { count: number }).count}`)
    .join(', ');
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, failures, requests: r.requests.total, errors: r.errors };
}

/** A process's CPU time so far (user + system), in ms, from its /proc/<pid>/stat line (Linux). */
function cpuMsOfStat(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

/** The server process's CPU time so far (user + system), in ms. */
export function processCpuMs(pid: number): number {
  return cpuMsOfStat(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
}

/** The CPU time so far of every PostgreSQL server process on this machine (a local server: its backends, WAL writer, checkpointer), in ms. */
export function postgresCpuMs(): number {
  let total = 0;
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) === 'postgres') total += cpuMsOfStat(stat);
    } catch {
      // ended meanwhile
    }
  }
  return total;
}

/**
 * POST /api/orders with `submit: true` (create + number + reserve) for random customers and products,
 * 32 connections: a 2 s warm-up, then `seconds` measured, with the server's CPU time per order.
 */
export async function orderEntryOverHttp(target: string, username: string, plan: EntryPlan, seconds: number, nodeArgs: string[] = []): Promise<Cannon & { cpuMsPerOrder: number; pgCpuMsPerOrder: number | null }> {
  const server = await startServer(target, nodeArgs);
  try {
    const s = await session(server.base, username);
    const headers = { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' };
    const rng = makeRng(7);
    const request = { method: 'POST' as const, path: '/api/orders', headers, setupRequest: (req: any) => ({ ...req, body: JSON.stringify(orderBody(plan, rng)) }) };
    await cannon(2, { url: server.base, requests: [request] }); // warm-up
    // on PostgreSQL the database's own CPU too (a local server: the bench's machine)
    const onPg = target.startsWith('postgres');
    const cpu0 = processCpuMs(server.pid);
    const pg0 = onPg ? postgresCpuMs() : 0;
    const r = await cannon(seconds, { url: server.base, requests: [request] });
    const orders = Math.max(1, r.requests - r.non2xx);
    return { ...r, cpuMsPerOrder: (processCpuMs(server.pid) - cpu0) / orders, pgCpuMsPerOrder: onPg ? (postgresCpuMs() - pg0) / orders : null };
  } finally {
    await server.stop();
  }
}
