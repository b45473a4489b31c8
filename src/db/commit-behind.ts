import pg from 'pg';

// A transaction's last statement with its COMMIT behind it, in one exchange (PostgreSQL).
//
// An order's submit takes its number's counter row and holds it until the COMMIT (gap-free numbering,
// src/platform/numbering). Sent the usual way, the COMMIT leaves only once the app's event loop has read
// the statement's answer: on a busy server about a millisecond, in which every other submit of the
// company waits for the row (BENCHMARKS.md, session 18). A statement whose SQL starts with COMMITS is
// written with a COMMIT behind it, before the one Sync that ends the exchange: PostgreSQL commits the
// moment the statement ends, and skips the COMMIT when the statement fails — the transaction is then
// aborted, and the caller's ROLLBACK ends it as usual. So such a statement must fail, not merely
// change nothing, when its transaction must not commit (submit-write.ts: a stale version).
//
// The transaction is over once the statement succeeds: the client answers the caller's own COMMIT
// without the server, and refuses any other statement before it (TemplateStatementClient, database.ts).

/** The start of a statement's SQL that commits its transaction behind it. */
export const COMMITS = '/* and commit */ ';

export const commitsBehind = (sqlText: string) => sqlText.startsWith(COMMITS);

type Connection = { execute(c: { portal?: string }): void; parse(c: { text: string }): void; bind(c: object): void; sync(): void };

/**
 * pg's extended-protocol query, with COMMIT parsed, bound and executed after its own Execute and before
 * the Sync. Its answer is two results, the statement's and the COMMIT's. pg's Query sends Execute and
 * Sync in `_getRows` (the first and only time when no row limit is set); database.test.ts holds this
 * to the pg in use.
 */
export class CommitBehindQuery extends pg.Query {
  _getRows(connection: Connection, rows?: number) {
    if (rows) throw new Error('a statement that commits behind it reads all its rows at once');
    connection.execute({ portal: (this as unknown as { portal: string }).portal });
    connection.parse({ text: 'COMMIT' });
    connection.bind({});
    connection.execute({});
    connection.sync();
  }
}

/** Runs a statement on `client` with its COMMIT behind it; the statement's result, once committed. */
export function queryAndCommit(client: pg.Client, name: string | undefined, text: string, values: unknown[]): Promise<pg.QueryResult> {
  return new Promise((resolve, reject) => {
    const q = new CommitBehindQuery({ name, text, values }, undefined, (err: Error | null | undefined, res: unknown) => {
      if (err) return reject(err);
      const [statement, commit] = (Array.isArray(res) ? res : [res]) as (pg.QueryResult | undefined)[];
      if (commit?.command !== 'COMMIT') return reject(new Error(`a statement that commits behind it was answered ${commit?.command ?? 'without its COMMIT'}`));
      resolve(statement!);
    });
    client.query(q as unknown as pg.Submittable);
  });
}
