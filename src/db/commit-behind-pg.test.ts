import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDb, testDialect } from '../../test/fixtures/db.ts';
import { COMMITS } from './commit-behind.ts';
import type { DbHandle } from './database.ts';

// A statement that commits its transaction behind it (src/db/commit-behind.ts), on PostgreSQL: the
// COMMIT goes in the statement's own exchange, runs only when the statement succeeds, and ends the
// transaction — the caller's COMMIT is answered by the client, and any other statement refused.

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
