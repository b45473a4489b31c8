import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite, type DbHandle } from './database.ts';
import { cell, columnOf, readNumbers, readParallelism } from './parallel-reads.ts';

// Reads on worker threads (src/db/parallel-reads.ts): the same numbers as on the main connection, the
// last committed state only, errors passed back, and inside a transaction the caller's own connection.
// SQLite-only by nature; it runs in both projects on a file database of its own.

let h: DbHandle;
let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-pr-'));
  h = openSqlite(path.join(dir, 'pr.sqlite'));
  await sql`create table t (id integer primary key, grp integer not null, amount integer)`.execute(h.db);
  await sql`with recursive n(value) as (select 1 union all select value + 1 from n where value < 5000)
    insert into t (grp, amount) select value % 7, case when value % 5 = 0 then null else value * 100 end from n`.execute(h.db);
});
afterAll(async () => {
  await h.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const sums = (lo: number, hi: number) => sql`select grp as ${sql.id('grp')}, sum(amount) as ${sql.id('total')}, max(amount) filter (where grp = 99) as ${sql.id('none')}
  from t where grp >= ${lo} and grp < ${hi} group by grp order by grp`;

describe('reads on worker threads', () => {
  it('split over ranges, give the numbers of the single query (null as NaN)', async () => {
    expect(readParallelism(h.db)).toBeGreaterThan(1);
    const [whole] = await readNumbers(h.db, [sums(0, 7)]);
    const parts = await readNumbers(h.db, [sums(0, 3), sums(3, 5), sums(5, 7)]);
    const rowsOf = (ts: typeof parts) => ts.flatMap((t) => Array.from({ length: t.rows }, (_, i) => [cell(t, i, columnOf(t, 'grp')), cell(t, i, columnOf(t, 'total')), cell(t, i, columnOf(t, 'none'))]));
    expect(whole!.columns).toEqual(['grp', 'total', 'none']);
    expect(rowsOf(parts)).toEqual(rowsOf([whole!]));
    const inline = (await sums(0, 7).execute(h.db.withoutPlugins())).rows as { grp: number; total: number }[];
    expect(rowsOf([whole!]).map(([g, s, n]) => ({ grp: g, total: s, none: n }))).toEqual(inline.map((r) => ({ grp: r.grp, total: r.total, none: NaN })));
  });

  it('inside a transaction read on its connection, seeing its own writes; outside, the committed state', async () => {
    const before = (await readNumbers(h.db, [sql`select count(*) as n from t`]))[0]!;
    await h.db.transaction().execute(async (tx) => {
      expect(readParallelism(tx)).toBe(1);
      await sql`insert into t (grp, amount) values (1, 1)`.execute(tx);
      const mine = (await readNumbers(tx, [sql`select count(*) as n from t`]))[0]!;
      expect(cell(mine, 0, 0)).toBe(cell(before, 0, 0) + 1);
    });
    expect(cell((await readNumbers(h.db, [sql`select count(*) as n from t`]))[0]!, 0, 0)).toBe(cell(before, 0, 0) + 1);
  });

  it('pass a failing query back as an error, and keep reading after it', async () => {
    await expect(readNumbers(h.db, [sql`select nope from t`])).rejects.toThrow(/no such column: nope/);
    expect(cell((await readNumbers(h.db, [sql`select 41 + 1 as x`]))[0]!, 0, 0)).toBe(42);
  });
});
