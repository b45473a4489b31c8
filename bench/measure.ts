import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import type Database from 'better-sqlite3';
import type { Db } from '../src/db/database.ts';
import type { DB } from '../src/db/types.ts';

export type Stats = { n: number; p50: number; p95: number; p99: number; mean: number };

export function stats(ms: number[]): Stats {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
  return { n: s.length, p50: at(50), p95: at(95), p99: at(99), mean: s.reduce((a, b) => a + b, 0) / s.length };
}

export type Captured = { sql: string; params: readonly unknown[] };

/**
 * The SQL a service function runs, captured by running it once on a Kysely that logs every query
 * (same CamelCasePlugin, same SQLite connection). Replaying these statements on bare better-sqlite3
 * prepared statements is the ceiling: the same queries without Kysely and the service around them.
 */
export function sqlCapture(sqlite: Database.Database) {
  let captured: Captured[] = [];
  const db = new Kysely<DB>({
    dialect: new SqliteDialect({ database: sqlite }),
    plugins: [new CamelCasePlugin()],
    log: (e) => {
      if (e.level === 'query') captured.push({ sql: e.query.sql, params: e.query.parameters });
    },
  }) as unknown as Db;
  const statements = new Map<string, Database.Statement>();
  return {
    db,
    async capture(fn: (db: Db) => Promise<unknown>): Promise<Captured[]> {
      captured = [];
      await fn(db);
      return captured;
    },
    /** runs captured statements on bare prepared statements (prepared once, like a hand-written repo would) */
    replay(list: Captured[]): number {
      let rows = 0;
      for (const c of list) {
        let st = statements.get(c.sql);
        if (!st) statements.set(c.sql, (st = sqlite.prepare(c.sql)));
        rows += (st.reader ? st.all(...(c.params as unknown[])) : [st.run(...(c.params as unknown[]))]).length;
      }
      return rows;
    },
    plan(c: Captured): string {
      const rows = sqlite.prepare(`explain query plan ${c.sql}`).all(...(c.params as unknown[])) as { id: number; parent: number; detail: string }[];
      const depth = new Map<number, number>([[0, 0]]);
      return rows.map((r) => {
        const d = (depth.get(r.parent) ?? 0) + 1;
        depth.set(r.id, d);
        return `${'  '.repeat(d - 1)}${r.detail}`;
      }).join('\n');
    },
  };
}

export const ms = (t0: number) => performance.now() - t0;
export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
