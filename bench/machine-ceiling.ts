import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { makeRng } from './prng.ts';

// How fast the machine is in this run, by the ceilings of ../shared/STACK-NOTES.md measured as written
// there: one order (header + 5 lines + 5 stock updates, one transaction) by bare better-sqlite3 (WAL,
// synchronous=NORMAL) and by bare pg (pool 8, 32 workers), on small tables of their own. The issue's
// entry targets were set against those figures; the machine is shared and its speed drifts by 2× and more
// between hours, so each run reports what the targets are at its own speed (target × today / then).

/** STACK-NOTES.md's figures (measured 2026-11-22), against which the order-entry targets were set. */
export const STACK_NOTES = { sqlite: 14_500, pg: 1_840 } as const;

/** The ceiling's tables in a dialect's key types (SQLite: rowid keys, as STACK-NOTES measured; PostgreSQL: bigserial and bigint). */
const schema = (autoId: string, key: string) => [
  `create table ceil_orders (id ${autoId}, customer_id bigint, total bigint, created_at text)`,
  `create table ceil_lines (id ${autoId}, order_id bigint, product_id bigint, qty bigint, price bigint)`,
  `create table ceil_stock (product_id ${key}, qty bigint)`,
  `create index ceil_lines_order on ceil_lines (order_id)`,
];
const PRODUCTS = 1000;

export function sqliteCeiling(dir: string, seconds: number): number {
  const file = path.join(dir, 'ceiling.sqlite');
  for (const x of ['', '-wal', '-shm']) fs.rmSync(file + x, { force: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    for (const s of schema('integer primary key', 'integer primary key')) db.exec(s);
    const stock = db.prepare('insert into ceil_stock values (?, ?)');
    for (let p = 1; p <= PRODUCTS; p++) stock.run(p, 1e9);
    const order = db.prepare('insert into ceil_orders (customer_id, total, created_at) values (?, ?, ?)');
    const line = db.prepare('insert into ceil_lines (order_id, product_id, qty, price) values (?, ?, ?, ?)');
    const take = db.prepare('update ceil_stock set qty = qty - ? where product_id = ?');
    const rng = makeRng(3);
    const one = db.transaction(() => {
      const id = order.run(1, 100, new Date().toISOString()).lastInsertRowid;
      for (let k = 0; k < 5; k++) {
        const p = rng.int(1, PRODUCTS);
        line.run(id, p, 1, 100);
        take.run(1, p);
      }
    });
    let n = 0;
    const end = performance.now() + seconds * 1000;
    while (performance.now() < end) {
      one();
      n++;
    }
    return n / seconds;
  } finally {
    db.close();
    for (const x of ['', '-wal', '-shm']) fs.rmSync(file + x, { force: true });
  }
}

/** On the PostgreSQL database at `url` (tables created and dropped here). */
export async function pgCeiling(url: string, seconds: number): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  pool.on('error', () => {}); // a client dropped with the bench database afterwards
  try {
    for (const s of schema('bigserial primary key', 'bigint primary key')) await pool.query(s);
    await pool.query(`insert into ceil_stock select g, 1000000000 from generate_series(1, ${PRODUCTS}) g`);
    let n = 0;
    const end = performance.now() + seconds * 1000;
    await Promise.all(Array.from({ length: 32 }, async (_, w) => {
      const rng = makeRng(200 + w);
      while (performance.now() < end) {
        const c = await pool.connect();
        try {
          await c.query('begin');
          const id = (await c.query('insert into ceil_orders (customer_id, total, created_at) values ($1, $2, $3) returning id', [1, 100, new Date().toISOString()])).rows[0].id;
          // products in ascending order, as any writer that updates several stock rows must (no deadlocks)
          const products = Array.from({ length: 5 }, () => rng.int(1, PRODUCTS)).sort((a, b) => a - b);
          for (const p of products) {
            await c.query('insert into ceil_lines (order_id, product_id, qty, price) values ($1, $2, $3, $4)', [id, p, 1, 100]);
            await c.query('update ceil_stock set qty = qty - $1 where product_id = $2', [1, p]);
          }
          await c.query('commit');
          n++;
        } catch (e) {
          await c.query('rollback');
          throw e;
        } finally {
          c.release();
        }
      }
    }));
    for (const t of ['ceil_lines', 'ceil_orders', 'ceil_stock']) await pool.query(`drop table ${t}`);
    return n / seconds;
  } finally {
    await pool.end();
  }
}
