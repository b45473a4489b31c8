import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqlite } from './database.ts';
import { analyzeTables, optimizeStatistics } from './maintenance.ts';
import type { Db } from './database.ts';

// Planner statistics on SQLite (src/db/maintenance.ts): stat1 kept, stat4 samples cleared at open and
// after every re-analysis, since with them statements re-compile themselves on each new bound value.
// SQLite-only by nature; it runs in both projects on a file database of its own.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-stats-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const rows = (file: string, table: string) => {
  const raw = new Database(file, { readonly: true });
  try {
    return Number((raw.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n);
  } finally {
    raw.close();
  }
};

/** A table led by a company column (one company, two kinds), filled in batches with an ANALYZE between them. */
function companyTable(name: string, batches: number[]): string {
  const file = path.join(dir, name);
  const raw = new Database(file);
  raw.exec(`create table t (id integer primary key, company integer not null, kind text not null); create index t_ck on t (company, kind)`);
  const ins = raw.prepare('insert into t (company, kind) values (?, ?)');
  const add = raw.transaction((n: number) => { for (let i = 0; i < n; i++) ins.run(1, i % 2 ? 'a' : 'b'); });
  batches.forEach((n, i) => {
    if (i > 0) raw.exec('analyze');
    add(n);
  });
  raw.close();
  return file;
}

/** The first three numbers of the company index's stat1 row: rows, rows per company, rows per (company, kind). */
const companyIndexStat = async (db: Db) => (await sql<{ stat: string }>`select stat from sqlite_stat1 where idx = 't_ck'`.execute(db)).rows[0]!.stat.split(' ').slice(0, 3);

describe('planner statistics', () => {
  it('keeps stat1 and clears stat4 at open and after optimizing', async () => {
    const file = path.join(dir, 'stats.sqlite');
    const raw = new Database(file);
    raw.exec(`create table t (id integer primary key, kind text not null, n integer not null); create index t_kind on t (kind, n)`);
    const ins = raw.prepare('insert into t (kind, n) values (?, ?)');
    raw.transaction(() => { for (let i = 0; i < 3000; i++) ins.run(i % 50 === 0 ? 'rare' : 'common', i); })();
    raw.exec('analyze');
    raw.close();
    expect(rows(file, 'sqlite_stat4')).toBeGreaterThan(0); // this build of SQLite gathers samples

    const h = openSqlite(file);
    try {
      expect(rows(file, 'sqlite_stat4')).toBe(0);
      expect(rows(file, 'sqlite_stat1')).toBeGreaterThan(0);
      // the planner still knows the index is selective and uses it
      const plan = await sql<{ detail: string }>`explain query plan select id from t where kind = ${'rare'} and n > ${10}`.execute(h.db);
      expect(plan.rows.map((r) => r.detail).join(' ')).toContain('t_kind');

      await sql`analyze`.execute(h.db); // as pragma optimize does when enough has changed
      expect(rows(file, 'sqlite_stat4')).toBeGreaterThan(0);
      expect(await optimizeStatistics(h.db)).toBe('ok');
      expect(rows(file, 'sqlite_stat4')).toBe(0);
      expect(rows(file, 'sqlite_stat1')).toBeGreaterThan(0);
    } finally {
      await h.close();
    }
  });

  it('analyses a table in full for a migration: exact stat1 rows, no stat4 samples', async () => {
    const file = companyTable('full.sqlite', [5000]);
    const h = openSqlite(file);
    try {
      await sql`pragma analysis_limit = 100`.execute(h.db); // what a limited pass would read: the start of the index
      await analyzeTables(h.db, ['t']);
      // one company over all 5,000 rows, two kinds: counted, not guessed from the first 100 entries
      expect(await companyIndexStat(h.db)).toEqual(['5000', '5000', '2500']);
      expect(rows(file, 'sqlite_stat4')).toBe(0);
    } finally {
      await h.close();
    }
  });

  it('re-analyses a table that grew tenfold in full, not from the start of its indexes', async () => {
    const file = companyTable('grown.sqlite', [400, 9600]); // analysed at 400 rows, then 10,000: past tenfold
    const h = openSqlite(file);
    try {
      expect(await optimizeStatistics(h.db)).toBe('ok');
      expect(await companyIndexStat(h.db)).toEqual(['10000', '10000', '5000']);
      expect(rows(file, 'sqlite_stat4')).toBe(0);
    } finally {
      await h.close();
    }
  });

  it('opens a database that was never analysed', async () => {
    const h = openSqlite(path.join(dir, 'fresh.sqlite'));
    expect(await optimizeStatistics(h.db)).toBe('ok');
    await h.close();
  });
});
