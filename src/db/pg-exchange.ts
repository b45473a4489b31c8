import pg from 'pg';

// A transaction's BEGIN and COMMIT sent in the exchange of a statement (PostgreSQL).
//
// Each exchange with PostgreSQL is a write, a wake-up of its backend, an answer and a turn of the app's
// event loop before the next statement leaves, and costs CPU on both sides: an entered order took nine,
// one of them its BEGIN alone (BENCHMARKS.md, session 18). So the pool's client (TemplateStatementClient,
// database.ts) holds a transaction's BEGIN back and writes it ahead of the transaction's first
// statement, in that statement's exchange.
//
// The COMMIT likewise, behind a statement whose SQL starts with COMMITS. An order's submit takes its
// number's counter row and holds it until the COMMIT (gap-free numbering, src/platform/numbering). Sent
// the usual way, the COMMIT leaves only once the event loop has read the statement's answer: on a busy
// server about a millisecond, in which every other submit of the company waits for the row. Behind the
// statement, PostgreSQL commits the moment it ends.
//
// Everything goes before the one Sync that ends the exchange, so PostgreSQL skips what follows a
// failure: a failed statement leaves its transaction open and aborted (the caller's ROLLBACK ends it, as
// usual), and its COMMIT is not run. So a statement with its COMMIT behind it must fail, not merely change
// nothing, when its transaction must not commit (submit-write.ts: a stale version). Once it succeeds the
// transaction is over: the client answers the caller's own COMMIT and refuses any other statement.

/** The start of a statement's SQL that commits its transaction behind it. */
export const COMMITS = '/* and commit */ ';

export const commitsBehind = (sqlText: string) => sqlText.startsWith(COMMITS);

type Connection = { execute(c: { portal?: string }): void; parse(c: { text: string }): void; bind(c: object): void; sync(): void };

const run = (connection: Connection, text: string) => {
  connection.parse({ text });
  connection.bind({});
  connection.execute({});
};

/**
 * pg's extended-protocol query, with BEGIN run before it and COMMIT after its Execute, all before its
 * Sync. Its answer is one result for each statement run. pg's Query writes Parse, Bind and Describe in
 * `prepare` and Execute and Sync in `_getRows` (the first and only time when no row limit is set);
 * pg-exchange-pg.test.ts holds this to the pg in use.
 */
class OneExchangeQuery extends pg.Query {
  constructor(config: pg.QueryConfig, readonly around: { begin: boolean; commit: boolean }, callback: (err: Error | null | undefined, res: unknown) => void) {
    super(config, undefined, callback);
  }

  prepare(connection: Connection) {
    if (this.around.begin) run(connection, 'BEGIN');
    (pg.Query.prototype as unknown as { prepare(c: Connection): void }).prepare.call(this, connection);
  }

  _getRows(connection: Connection, rows?: number) {
    if (rows) throw new Error('a statement sent with BEGIN or COMMIT reads all its rows at once');
    connection.execute({ portal: (this as unknown as { portal: string }).portal });
    if (this.around.commit) run(connection, 'COMMIT');
    connection.sync();
  }
}

/**
 * Runs a statement on `client` with BEGIN ahead of it and/or COMMIT behind it, in one exchange; the
 * statement's result. `values` must be non-empty or `name` set: pg sends anything else by the simple
 * protocol, which has no room for the rest.
 */
export function queryInOneExchange(
  client: pg.Client,
  q: { name: string | undefined; text: string; values: unknown[] },
  around: { begin: boolean; commit: boolean },
): Promise<pg.QueryResult> {
  return new Promise((resolve, reject) => {
    const query = new OneExchangeQuery(q, around, (err, res) => {
      if (err) return reject(err);
      const results = (Array.isArray(res) ? res : [res]) as (pg.QueryResult | undefined)[];
      const expected = ['BEGIN', null, 'COMMIT'].filter((c, i) => i === 1 || (i === 0 ? around.begin : around.commit));
      const got = results.map((r) => r?.command ?? null);
      if (got.length !== expected.length || expected.some((c, i) => c !== null && got[i] !== c)) {
        return reject(new Error(`a statement sent with ${around.begin ? 'BEGIN ' : ''}${around.commit ? 'COMMIT' : ''} was answered ${got.join(', ')}`));
      }
      resolve(results[around.begin ? 1 : 0]!);
    });
    client.query(query as unknown as pg.Submittable);
  });
}
