import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDb, testDialect } from '../../test/fixtures/db.ts';
import { COMMITS } from './pg-exchange.ts';
import type { DbHandle } from './database.ts';

// A transaction's BEGIN and COMMIT in the exchange of a statement (src/db/pg-exchange.ts), on PostgreSQL:
// the BEGIN goes ahead of the first statement and the transaction is still one; a statement that commits
// behind it runs its COMMIT only when it succeeds, and ends the transaction — the caller's COMMIT is
// answered by the client, and any other statement refused.

let h: DbHandle;
beforeAll(async () => {
  if (testDialect !== 'postgres') return;
  h = await createTestDb();
  await sql`create table cb_rows (id integer primary key)`.execute(h.db);
});
afterAll(async () => {
  await h?.close();
});

const ids = async () => (await sql<{ id: number }>`select id from cb_rows order by id`.execute(h.db)).rows.map((r) => r.id);
const committing = (id: unknown) => sql`${sql.raw(COMMITS)}insert into cb_rows (id) values (cast(${id} as integer))`;
const insert = (id: number) => sql`insert into cb_rows (id) values (${id})`;

describe.runIf(testDialect === 'postgres')('BEGIN ahead of the first statement (PostgreSQL)', () => {
  it('is still one transaction: a rollback undoes the first statement, whatever the statement', async () => {
    await sql`truncate cb_rows`.execute(h.db);
    const first = [insert(1), sql`insert into cb_rows (id) values (2)`, sql`select 1`];
    for (const statement of first) {
      await expect(h.db.transaction().execute(async (tx) => {
        await statement.execute(tx);
        await insert(3).execute(tx);
        throw new Error('undo');
      })).rejects.toThrow('undo');
    }
    expect(await ids()).toEqual([]);
  });

  it('leaves the connection clean when the first statement fails, and when nothing is run at all', async () => {
    await sql`truncate cb_rows`.execute(h.db);
    await expect(h.db.transaction().execute((tx) => sql`insert into cb_rows (id) values (cast(${'x'} as integer))`.execute(tx))).rejects.toMatchObject({ code: '22P02' });
    await h.db.transaction().execute(async () => {});
    await Promise.all([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((id) => h.db.transaction().execute((tx) => insert(id).execute(tx))));
    expect(await ids()).toHaveLength(12);
    // outside a transaction, as before
    expect((await sql<{ n: number }>`select count(*)::int as n from cb_rows`.execute(h.db)).rows[0]!.n).toBe(12);
  });

  it('sees its own writes and keeps others from seeing them until its COMMIT', async () => {
    await sql`truncate cb_rows`.execute(h.db);
    await h.db.transaction().execute(async (tx) => {
      await insert(7).execute(tx);
      expect((await sql<{ id: number }>`select id from cb_rows`.execute(tx)).rows.map((r) => r.id)).toEqual([7]);
      expect(await ids()).toEqual([]);
    });
    expect(await ids()).toEqual([7]);
  });
});

describe.runIf(testDialect === 'postgres')('a statement that commits behind it (PostgreSQL)', () => {
  it('commits the transaction with the statement: its rows and those before it are seen by others at once', async () => {
    await sql`truncate cb_rows`.execute(h.db);
    const seenInside = await h.db.transaction().execute(async (tx) => {
      await insert(1).execute(tx);
      await committing(2).execute(tx);
      return ids(); // another connection of the pool, before the caller's COMMIT
    });
    expect(seenInside).toEqual([1, 2]);
    expect(await ids()).toEqual([1, 2]);
  });

  it('commits nothing when the statement fails: the COMMIT behind it is skipped and the rollback ends the transaction', async () => {
    await sql`truncate cb_rows`.execute(h.db);
    await expect(h.db.transaction().execute(async (tx) => {
      await insert(3).execute(tx);
      await committing(sql`1 / 0`).execute(tx);
    })).rejects.toMatchObject({ code: '22012' });
    expect(await ids()).toEqual([]);
    // the connection went back to the pool in a clean state: every connection runs a transaction as usual
    await Promise.all([5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16].map((id) => h.db.transaction().execute((tx) => insert(id).execute(tx))));
    expect(await ids()).toHaveLength(12);
  });

  it('refuses a statement after it, and what it committed stays', async () => {
    await sql`truncate cb_rows`.execute(h.db);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await expect(h.db.transaction().execute(async (tx) => {
        await committing(4).execute(tx);
        await insert(5).execute(tx);
      })).rejects.toThrow(/after its transaction's COMMIT/);
      expect(logged).toHaveBeenCalledWith(expect.stringContaining('stays committed'));
    } finally {
      logged.mockRestore();
    }
    expect(await ids()).toEqual([4]);
    // and that connection runs the next transaction as usual
    await Promise.all([6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17].map((id) => h.db.transaction().execute((tx) => insert(id).execute(tx))));
    expect(await ids()).toHaveLength(13);
  });
});
