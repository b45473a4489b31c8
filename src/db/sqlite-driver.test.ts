import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite, type DbHandle } from './database.ts';

// Group commit (src/db/sqlite-driver.ts): concurrent transactions share one COMMIT, each still all or nothing.
// SQLite-only by nature; it runs in both projects on a file database of its own.

let h: DbHandle;
let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-gc-'));
  h = openSqlite(path.join(dir, 'gc.sqlite'));
  await sql`create table t (id integer primary key, owner text not null, n integer not null unique)`.execute(h.db);
});
afterAll(async () => {
  await h.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const db = () => h.db as any;
const count = async (owner: string) => Number((await db().selectFrom('t').select((e: any) => e.fn.countAll().as('c')).where('owner', '=', owner).executeTakeFirst()).c);

describe('group commit', () => {
  it('commits concurrent transactions together while a failing one takes back only its own rows', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        db().transaction().execute(async (tx: any) => {
          await tx.insertInto('t').values({ owner: 'a', n: 1000 + i * 2 }).execute();
          await tx.insertInto('t').values({ owner: 'a', n: 1000 + i * 2 + 1 }).execute();
          if (i % 5 === 0) throw new Error(`refused ${i}`);
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(8);
    expect(await count('a')).toBe(64); // 32 transactions × 2 rows, none of the refused ones' rows
  });

  it('a transaction that starts in a later turn of the event loop (a new HTTP request) joins the open group', async () => {
    // a transaction runs through microtasks only: committing the moment it ends left no request a
    // chance to join, and gave every order over HTTP its own COMMIT (and fsync)
    const events: string[] = [];
    const later = new Promise<void>((resolve, reject) =>
      setImmediate(() => {
        db().transaction().execute(async (tx: any) => {
          await tx.insertInto('t').values({ owner: 'later', n: 9000 }).execute();
          events.push('second ran');
        }).then(() => resolve(), reject);
      }),
    );
    await db().transaction().execute(async (tx: any) => {
      await tx.insertInto('t').values({ owner: 'later', n: 9001 }).execute();
    });
    events.push('first committed');
    await later;
    expect(events).toEqual(['second ran', 'first committed']); // one group: the first's commit waited for the second
    expect(await count('later')).toBe(2);
  });

  it('a constraint error inside one transaction leaves the others of its group intact', async () => {
    await db().insertInto('t').values({ owner: 'b', n: 1 }).execute();
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        db().transaction().execute(async (tx: any) => {
          await tx.insertInto('t').values({ owner: 'b', n: 100 + i }).execute();
          await tx.insertInto('t').values({ owner: 'b', n: i === 3 ? 1 : 200 + i }).execute(); // n = 1 exists
        }),
      ),
    );
    expect(results.map((r) => r.status).filter((s) => s === 'rejected')).toHaveLength(1);
    expect(await count('b')).toBe(1 + 9 * 2);
  });

  it('a transaction reads its own writes and those committed before it; the file holds them after reopening', async () => {
    await Promise.all(Array.from({ length: 5 }, (_, i) => db().transaction().execute(async (tx: any) => {
      await tx.insertInto('t').values({ owner: 'c', n: 5000 + i }).execute();
      const mine = await tx.selectFrom('t').select('n').where('n', '=', 5000 + i).executeTakeFirst();
      expect(mine.n).toBe(5000 + i);
    })));
    await h.close();
    h = openSqlite(path.join(dir, 'gc.sqlite'));
    expect(await count('c')).toBe(5);
  });
});
