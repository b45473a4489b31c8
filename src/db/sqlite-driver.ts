import type BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';

// The SQLite driver of SalesDesk (replaces Kysely's SqliteDriver; docs/decisions.md "Group commit").
//
// SQLite has one writer, and with synchronous=FULL every COMMIT waits for an fsync (~0.3 ms here),
// which alone would cap order entry near 3,000 transactions a second before any work is done. So
// transactions that queue up behind each other share one real transaction and one fsync:
//
//   BEGIN IMMEDIATE                    ← the first transaction of a group
//     SAVEPOINT member … RELEASE member   ← each Kysely transaction is a savepoint; a rollback undoes only its own
//     SAVEPOINT member … RELEASE member   ← members hold the connection one after another, so one name serves all
//   COMMIT                             ← at the next turn of the event loop that finds the connection free (or when the group is full)
//
// A transaction's commit() resolves only after that COMMIT, so a caller never answers its user
// before the write is durable. If the COMMIT fails, every transaction of the group fails.
// Statements run outside a transaction while a group is open run inside it (they see the group's
// writes, which are about to commit); statements that cannot run in a transaction first end the group.
// Prepared statements are cached by their SQL text (Kysely compiles the same text again and again).

const MAX_GROUP = 32;
const MEMBER = 'member';
const STATEMENT_CACHE = 2000;
const NEEDS_AUTOCOMMIT = /^\s*(vacuum|pragma\s+(journal_mode|wal_checkpoint))/i;

type Group = { members: number; settle: Promise<void>; resolve: () => void; reject: (e: unknown) => void };

class SharedConnection {
  readonly #statements = new Map<string, BetterSqlite3.Statement>();
  readonly #waiting: (() => void)[] = [];
  #locked = false;
  #group: Group | null = null;
  #commitScheduled = false;

  constructor(readonly sqlite: BetterSqlite3.Database) {}

  async lock(): Promise<void> {
    if (!this.#locked) {
      this.#locked = true;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  /**
   * Hands the connection to the next in line. A full group commits at once; otherwise, when no one is
   * waiting, the COMMIT waits for the next turn of the event loop: a transaction's statements run
   * through microtasks only (the driver is synchronous), so other requests (HTTP reads, timers) get
   * no chance to queue behind it before it ends — committing there and then gave every order its own
   * fsync over HTTP. A transaction that takes the connection before that turn joins the group.
   */
  unlock(): void {
    if (this.#group && this.#group.members >= MAX_GROUP) this.commitGroup();
    const next = this.#waiting.shift();
    if (next) return next();
    this.#locked = false;
    if (this.#group && !this.#commitScheduled) {
      this.#commitScheduled = true;
      setImmediate(() => {
        this.#commitScheduled = false;
        if (!this.#locked && this.sqlite.open) this.commitGroup(); // else the holder's unlock schedules it again
      });
    }
  }

  statement(sql: string): BetterSqlite3.Statement {
    if (this.#group && NEEDS_AUTOCOMMIT.test(sql)) this.commitGroup();
    let stmt = this.#statements.get(sql);
    if (stmt) return stmt;
    stmt = this.sqlite.prepare(sql);
    if (this.#statements.size >= STATEMENT_CACHE) this.#statements.delete(this.#statements.keys().next().value!);
    this.#statements.set(sql, stmt);
    return stmt;
  }

  run(sql: string): void {
    this.statement(sql).run();
  }

  begin(): string {
    if (!this.#group) {
      this.run('begin immediate');
      let resolve!: () => void;
      let reject!: (e: unknown) => void;
      const settle = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      settle.catch(() => {}); // members observe it; an unobserved failure is not a crash
      this.#group = { members: 0, settle, resolve, reject };
    }
    // one constant name (members never overlap): the statements stay prepared, where a name per member
    // cost a prepare each (~25 µs) and pushed the hot statements out of the cache
    this.run(`savepoint ${MEMBER}`);
    return MEMBER;
  }

  /** Keeps the member's work in the group; resolves once the group has committed. */
  release(name: string): Promise<void> {
    const group = this.#group!;
    this.run(`release ${name}`);
    group.members++;
    return group.settle;
  }

  rollback(name: string): void {
    // an error that aborted the whole transaction (disk full, I/O) leaves nothing to roll back to
    if (!this.sqlite.inTransaction) return this.abortGroup(new Error('SQLite rolled back the transaction'));
    this.run(`rollback to ${name}`);
    this.run(`release ${name}`);
  }

  /** After a failed statement: if SQLite gave up the whole transaction, the group's members fail too. */
  checkGroup(error: unknown): void {
    if (this.#group && !this.sqlite.inTransaction) this.abortGroup(error);
  }

  commitGroup(): void {
    const group = this.#group;
    if (!group) return;
    this.#group = null;
    try {
      if (this.sqlite.inTransaction) this.run('commit');
      group.resolve();
    } catch (e) {
      if (this.sqlite.inTransaction) this.run('rollback');
      group.reject(e);
    }
  }

  private abortGroup(error: unknown): void {
    const group = this.#group;
    this.#group = null;
    if (this.sqlite.inTransaction) this.run('rollback');
    group?.reject(error);
  }

  close(): void {
    this.commitGroup();
    this.sqlite.close();
  }
}

/** One use of the shared connection (acquire → release): Kysely's connection object. */
class Lease implements DatabaseConnection {
  savepoint: string | null = null;
  released = false;
  constructor(readonly shared: SharedConnection) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const stmt = this.shared.statement(query.sql);
    try {
      if (stmt.reader) return { rows: stmt.all(query.parameters as unknown[]) as R[] };
      const { changes, lastInsertRowid } = stmt.run(query.parameters as unknown[]);
      return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
    } catch (e) {
      this.shared.checkGroup(e);
      throw e;
    }
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(query.query)) throw new Error('SQLite streams only select queries');
    // its own statement: an iterating statement cannot be used by anyone else meanwhile
    const stmt = this.shared.sqlite.prepare(query.sql);
    for (const row of stmt.iterate(query.parameters as unknown[])) yield { rows: [row as R] };
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.shared.unlock();
  }
}

class GroupCommitDriver implements Driver {
  readonly #shared: SharedConnection;
  constructor(sqlite: BetterSqlite3.Database) {
    this.#shared = new SharedConnection(sqlite);
  }
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#shared.lock();
    return new Lease(this.#shared);
  }
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    lease.savepoint = this.#shared.begin();
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    const committed = this.#shared.release(lease.savepoint!);
    lease.savepoint = null;
    lease.release(); // the next transaction may join the group while this one waits for the COMMIT
    await committed;
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    const name = lease.savepoint;
    lease.savepoint = null;
    if (name) this.#shared.rollback(name);
  }
  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    (connection as Lease).shared.run(`savepoint "${name}"`);
  }
  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    (connection as Lease).shared.run(`rollback to "${name}"`);
  }
  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    (connection as Lease).shared.run(`release "${name}"`);
  }
  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as Lease).release();
  }
  async destroy(): Promise<void> {
    this.#shared.close();
  }
}

export class GroupCommitSqliteDialect implements Dialect {
  constructor(readonly sqlite: BetterSqlite3.Database) {}
  createDriver(): Driver {
    return new GroupCommitDriver(this.sqlite);
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }
  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}
