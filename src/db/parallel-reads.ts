import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RawBuilder } from 'kysely';
import type { Db, Executor } from './database.ts';

// Big read-only aggregates (the aging of a million open items) on the SQLite file run on worker
// threads, each with its own read connection (WAL lets readers run beside the writer): the parts of one
// report run on several cores at once, and the server's event loop is not held for the whole scan while
// other users wait. Each part reads the last committed state (a part does not see a write group still
// open on the main connection: it commits within a turn of the event loop).
// Elsewhere — PostgreSQL (its pool already runs the parts side by side, and it has parallel query),
// an in-memory database, inside a transaction (the parts must see its writes) — the same queries run on
// the caller's executor. Either way the answer is the same NumberTable.
//
// Only numbers cross: every value of a row is a number, null as NaN (aggregates, ids, day numbers).

export type NumberTable = { columns: string[]; rows: number; values: Float64Array };

/** The value in a row and column of a table (NaN for null). */
export const cell = (t: NumberTable, row: number, column: number) => t.values[row * t.columns.length + column]!;

/** The index of a named column (-1 when the table has none: an empty inline result). */
export const columnOf = (t: NumberTable, name: string) => t.columns.indexOf(name);

type Pending = { resolve: (t: NumberTable) => void; reject: (e: Error) => void };
type Job = { sql: string; parameters: readonly unknown[] } & Pending;
/** A worker and the query it is answering (null: idle). */
type Slot = { worker: Worker; busy: (Pending & { id: number }) | null };

/** A few worker threads reading one SQLite file, each taking the next query when it is free. */
class ReadPool {
  readonly #workers: Slot[] = [];
  readonly #queue: Job[] = [];
  #nextId = 1;

  constructor(readonly file: string, readonly size: number) {}

  run(sql: string, parameters: readonly unknown[]): Promise<NumberTable> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ sql, parameters, resolve, reject });
      this.#dispatch();
    });
  }

  #dispatch() {
    while (this.#queue.length > 0) {
      let slot = this.#workers.find((w) => w.busy === null);
      if (!slot && this.#workers.length < this.size) slot = this.#start();
      if (!slot) return;
      const job = this.#queue.shift()!;
      const id = this.#nextId++;
      slot.busy = { id, resolve: job.resolve, reject: job.reject };
      slot.worker.ref(); // a query under way keeps the process alive until it answers
      slot.worker.postMessage({ id, sql: job.sql, parameters: job.parameters });
    }
  }

  #start() {
    const worker = new Worker(new URL('./read-worker.mjs', import.meta.url), { workerData: { file: this.file } });
    worker.unref(); // an idle pool never keeps the process alive (a busy worker does: #dispatch)
    const slot: Slot = { worker, busy: null };
    worker.on('message', (m: { id: number; table?: NumberTable; error?: { message: string; code?: string } }) => {
      const job = slot.busy;
      slot.busy = null;
      worker.unref();
      if (job && job.id === m.id) {
        if (m.table) job.resolve(m.table);
        else job.reject(Object.assign(new Error(m.error?.message ?? 'read failed'), { code: m.error?.code }));
      }
      this.#dispatch();
    });
    const fail = (e: Error) => {
      const i = this.#workers.indexOf(slot);
      if (i >= 0) this.#workers.splice(i, 1);
      slot.busy?.reject(e);
      slot.busy = null;
      this.#dispatch();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`read worker stopped (exit ${code})`)));
    this.#workers.push(slot);
    return slot;
  }

  async close() {
    const workers = this.#workers.splice(0).map((w) => w.worker);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

const pools = new WeakMap<Db, ReadPool>();

/** Gives a SQLite handle on a file its read pool (openSqlite); returns the pool's closer. */
export function attachReadPool(db: Db, file: string): () => Promise<void> {
  const pool = new ReadPool(file, Math.min(4, os.availableParallelism()));
  pools.set(db, pool);
  return () => pool.close();
}

const poolOf = (db: Executor) => (db.isTransaction ? undefined : pools.get(db as Db));

/** How many parts a big read is worth splitting into on this executor (1: no parallel readers). */
export function readParallelism(db: Executor): number {
  return poolOf(db)?.size ?? 1;
}

/** Runs read-only queries (all at once where readers allow) and returns each one's numbers. */
export async function readNumbers(db: Executor, queries: RawBuilder<unknown>[]): Promise<NumberTable[]> {
  const raw = db.withoutPlugins();
  const pool = poolOf(db);
  if (pool && pool.size > 1) {
    return Promise.all(queries.map((q) => {
      const c = q.compile(raw);
      return pool.run(c.sql, c.parameters);
    }));
  }
  const results = await Promise.all(queries.map((q) => q.execute(raw)));
  return results.map(({ rows }) => toNumberTable(rows as Record<string, unknown>[]));
}

function toNumberTable(rows: Record<string, unknown>[]): NumberTable {
  const columns = rows.length > 0 ? Object.keys(rows[0]!) : [];
  const values = new Float64Array(rows.length * columns.length);
  rows.forEach((r, i) => columns.forEach((c, j) => {
    const v = r[c];
    values[i * columns.length + j] = v === null || v === undefined ? NaN : Number(v);
  }));
  return { columns, rows: rows.length, values };
}
