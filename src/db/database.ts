import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { CamelCasePlugin, Kysely, PostgresDialect, type Transaction } from 'kysely';
import { startCheckpointer } from './checkpointer.ts';
import { clearStat4Samples } from './maintenance.ts';
import { commitsBehind, queryInOneExchange } from './pg-exchange.ts';
import { attachReadPool } from './parallel-reads.ts';
import { statementName } from './prepared.ts';
import { GroupCommitSqliteDialect } from './sqlite-driver.ts';
import type { DB } from './types.ts';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** Repos accept either the root handle or an open transaction. */
export type Executor = Db | Tx;

// pg returns int8 and numeric as strings; better-sqlite3 returns numbers. We keep ids and money
// (integer fen) as JS numbers on both, and guard the safe-integer range at the money layer.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export type DbHandle = { db: Db; dialect: Dialect; close: () => Promise<void> };

export function openSqlite(file: string): DbHandle {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL in WAL mode may lose the last commits on power loss but never corrupts; FULL costs ~2x on
  // writes. We choose FULL: a lost sales slip is worse than a slower entry (docs/decisions.md).
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // IN (…) lists, sorts and GROUP BYs build transient b-trees; kept in temporary files (the default)
  // they cost far more: an order's products by id 146 → 61 µs, order entry's server CPU about halved
  // (BENCHMARKS.md). They are small; memory is the right place.
  sqlite.pragma('temp_store = MEMORY');
  clearStat4Samples(sqlite);
  const db = new Kysely<DB>({ dialect: new GroupCommitSqliteDialect(sqlite), plugins: [new CamelCasePlugin()] });
  if (file === ':memory:') return { db, dialect: 'sqlite', close: () => db.destroy() };
  // big reports read on worker threads with their own connections (parallel-reads.ts), and WAL
  // checkpoints run on another (checkpointer.ts): neither holds the event loop
  const closeReaders = attachReadPool(db, file);
  const checkpointer = startCheckpointer(sqlite, file);
  return { db, dialect: 'sqlite', close: async () => { await closeReaders(); await checkpointer.stop(); await db.destroy(); } };
}

/** What the client answers itself for a BEGIN, COMMIT or ROLLBACK it need not send. */
const answered = (command: string) => Promise.resolve({ command, rowCount: null, rows: [], fields: [], oid: 0 } as unknown as pg.QueryResult);
const TX_WORD = /^\s*(begin|commit|rollback)\s*$/i;

/**
 * A pg client that runs the SQL of compiled templates (src/db/prepared.ts) as named prepared
 * statements: PostgreSQL parses and plans each once per connection, and a call sends only its values.
 * Every other query is sent as it is (an unnamed statement). A transaction's BEGIN is held back and sent
 * ahead of its first statement, and a statement that commits behind it ends its transaction: the
 * caller's COMMIT is then answered here, and any other statement before it refused (pg-exchange.ts).
 */
class TemplateStatementClient extends pg.Client {
  /** A BEGIN asked for and not yet sent. */
  #beginHeld = false;
  /** The transaction was committed behind its last statement. */
  #committed = false;

  // pg's overloads do not survive a subclass: this one keeps its behaviour for every other form
  override query(...args: any[]): any {
    const [text, values, callback] = args;
    if (typeof text !== 'string' || !Array.isArray(values) || callback !== undefined) return (super.query as (...a: unknown[]) => unknown)(...args);
    if (this.#committed) return this.#afterCommit(text);
    const word = TX_WORD.exec(text)?.[1]?.toUpperCase();
    if (word === 'BEGIN' && !values.length) return ((this.#beginHeld = true), answered('BEGIN'));
    let begin = this.#beginHeld;
    this.#beginHeld = false;
    if (begin && word) return answered(word); // an empty transaction: nothing was sent, nothing to end
    const name = statementName(text);
    const commit = commitsBehind(text);
    // pg sends a statement without values by the simple protocol, and a named statement's first Parse must
    // not share its exchange (the BEGIN's ParseComplete would mark it parsed): then BEGIN goes first, alone
    if (begin && !((values.length > 0 || name) && (!name || this.#parsed(name)))) {
      // queued: pg writes it before the statement below (it can fail only with the connection, and the statement with it)
      void super.query('BEGIN').catch(() => {});
      begin = false;
    }
    if (begin || commit) {
      return queryInOneExchange(this, { name, text, values }, { begin, commit }).then((r) => {
        if (commit) this.#committed = true;
        return r;
      });
    }
    if (name) return super.query({ name, text, values });
    return super.query(text, values);
  }

  #parsed(name: string): boolean {
    return (this as unknown as { connection: { parsedStatements: Record<string, string> } }).connection.parsedStatements[name] !== undefined;
  }

  /** The caller's COMMIT or ROLLBACK ends the transaction here; any other statement is refused until then. */
  #afterCommit(text: string): Promise<pg.QueryResult> {
    const word = TX_WORD.exec(text)?.[1]?.toUpperCase();
    if (word === 'COMMIT' || word === 'ROLLBACK') {
      this.#committed = false;
      // nothing can be undone any more: the caller's error stands, and the transaction stays committed
      if (word === 'ROLLBACK') console.error('PostgreSQL: ROLLBACK after a statement that committed its transaction: it stays committed');
      return answered(word);
    }
    return Promise.reject(new Error(`a statement after its transaction's COMMIT (pg-exchange.ts): ${text.slice(0, 60)}`));
  }
}

export function openPostgres(url: string, poolSize = 10): DbHandle {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, Client: TemplateStatementClient });
  // An idle client whose server connection ends (restart, failover, a dropped test database) emits
  // 'error' on the pool; unhandled, that would crash the process. The pool replaces the client.
  pool.on('error', (err) => {
    if ((err as { code?: string }).code !== '57P01') console.warn(`PostgreSQL idle connection lost: ${err.message}`);
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

export function openDatabase(opts: { databaseUrl?: string; dataDir: string }): DbHandle {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  return openSqlite(path.join(opts.dataDir, 'salesdesk.sqlite'));
}

/** Runs fn in a transaction, or inside the caller's transaction when one is given. */
export async function inTransaction<T>(db: Executor, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Tx);
  return (db as Db).transaction().execute(fn);
}
