import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { Db } from './database.ts';
import { isPostgres } from './schema-helpers.ts';

// SQLite's planner statistics. We keep sqlite_stat1 (rows per index prefix) and clear sqlite_stat4.
//
// better-sqlite3's SQLite is built with SQLITE_ENABLE_STAT4: with stat4 samples present, a prepared
// statement whose bound values could change its plan is compiled again every time a value changes —
// any statement the planner really plans (a join, a choice between indexes), run with new ids each
// time. Measured on the million-order bench database: a customer lookup with two left joins 50 → 12 µs,
// a join on a primary key 21 → 4.5 µs, order entry's SQLite time 750 → 475 µs an order
// (docs/decisions.md "No stat4 samples"). stat1 is what the customer list needs (below); the full
// benchmark of 2026-11-23 18:08 UTC checked its query plans with stat1 only.
const STAT4_EXISTS = `select 1 from sqlite_schema where name = 'sqlite_stat4'`;
const STAT4_SAMPLED = 'select 1 from sqlite_stat4 limit 1';

/** At open: clears stat4 samples a former ANALYZE left, and has this connection reload its statistics. */
export function clearStat4Samples(sqlite: BetterSqlite3.Database): boolean {
  if (sqlite.readonly || !sqlite.prepare(STAT4_EXISTS).get() || !sqlite.prepare(STAT4_SAMPLED).get()) return false;
  sqlite.exec('delete from sqlite_stat4; analyze sqlite_schema');
  return true;
}

/**
 * Keeps SQLite's planner statistics current. Statistics gathered before an index existed made an
 * unfiltered customer list take 2.3 s at 1M rows; `PRAGMA optimize` re-analyses the tables whose size
 * changed tenfold since their last analysis (or that lack statistics), checking every table (0x10000),
 * and analyses them in full: without its default row limit (0x10), which reads only the start of each
 * index. Every index here leads with company_id, and that start holds one company: at a million
 * orders the limited pass put ~760 companies in one, and a manager's month list took the date index
 * (66 ms instead of 1). A full pass costs ~3 s per million orders, ~7 s per million customers, once
 * per tenfold growth. PostgreSQL's autovacuum does this itself.
 */
export async function optimizeStatistics(db: Db): Promise<string> {
  if (isPostgres(db)) return 'postgres: autovacuum';
  await sql`pragma optimize = 0x10002`.execute(db);
  await dropStat4Samples(db);
  return 'ok';
}

/**
 * A full ANALYZE of the given tables, whatever the connection's analysis_limit: for a migration that
 * adds an index to a big table, so that its statistics are there (and exact) from the start.
 *
 * On PostgreSQL an empty table is left alone. Analyzed empty, it is known to hold no rows, and every
 * plan made until autovacuum analyzes it again (a minute or more) reads it by a sequential scan — the
 * foreign-key check of each order line on its order included, a plan each connection keeps while the table
 * fills: a new database's first thousands of orders each scanned every order before them (BENCHMARKS.md,
 * session 17). Never analyzed, the planner assumes a few pages and takes the index.
 */
export async function analyzeTables(db: Kysely<any>, tables: readonly string[]): Promise<void> {
  if (isPostgres(db)) {
    for (const t of tables) {
      const hasRows = (await sql<{ one: number }>`select 1 as one from ${sql.table(t)} limit 1`.execute(db)).rows.length > 0;
      if (hasRows) await sql`analyze ${sql.table(t)}`.execute(db);
    }
    return;
  }
  const limit = (await sql<{ analysis_limit: number }>`pragma analysis_limit`.execute(db)).rows[0]?.analysis_limit ?? 0;
  await sql`pragma analysis_limit = 0`.execute(db);
  try {
    for (const t of tables) await sql`analyze ${sql.table(t)}`.execute(db);
  } finally {
    await sql.raw(`pragma analysis_limit = ${Number(limit)}`).execute(db);
  }
  await dropStat4Samples(db);
}

async function dropStat4Samples(db: Kysely<any>): Promise<void> {
  if ((await sql.raw(STAT4_EXISTS).execute(db)).rows.length && (await sql.raw(STAT4_SAMPLED).execute(db)).rows.length) {
    await sql`delete from sqlite_stat4`.execute(db);
    await sql`analyze sqlite_schema`.execute(db);
  }
}
