// Time spent per SQL statement inside a process (the bench server under `profile-entry.ts --sql`):
// wraps better-sqlite3's Statement run / get / all once, sums wall time and calls by statement text,
// and writes them to `file` as JSON (SqlProfileRow[], busiest first) when the process exits. Wall time includes any GC pause that falls
// inside a statement; compare statements with each other, not with a CPU profile.
import fs from 'node:fs';
import { isMainThread } from 'node:worker_threads';
import Database from 'better-sqlite3';

export type SqlProfileRow = { sql: string; calls: number; us: number };

export function profileSqlTo(file: string): void {
  if (!isMainThread) return; // the read pool's workers: not the write path
  const totals = new Map<string, { calls: number; ns: bigint }>();
  const proto = Object.getPrototypeOf(new Database(':memory:').prepare('select 1')) as Record<'run' | 'get' | 'all', (...a: unknown[]) => unknown>;
  for (const name of ['run', 'get', 'all'] as const) {
    const inner = proto[name]!;
    proto[name] = function (this: { source: string }, ...args: unknown[]) {
      const t = process.hrtime.bigint();
      try {
        return inner.apply(this, args);
      } finally {
        const key = this.source.replace(/\s+/g, ' ');
        const e = totals.get(key) ?? { calls: 0, ns: 0n };
        e.calls++;
        e.ns += process.hrtime.bigint() - t;
        totals.set(key, e);
      }
    };
  }
  process.on('exit', () => {
    const rows: SqlProfileRow[] = [...totals].map(([sql, e]) => ({ sql, calls: e.calls, us: Number(e.ns) / 1000 })).sort((a, b) => b.us - a.us);
    fs.writeFileSync(file, JSON.stringify(rows));
  });
}
