import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialect } from '../../test/fixtures/db.ts';
import type { DbHandle, Executor } from './database.ts';
import { prepared, statementName, type Params } from './prepared.ts';

// Compiled query templates (src/db/prepared.ts): built once per database and shape, run with fresh
// values, the same rows as the Kysely query built each time; on both databases.

let h: DbHandle;
// the test table is not in the schema types: the builders below use an untyped handle
const any = (db: Executor) => db as any;
beforeAll(async () => {
  h = await createTestDb();
  await sql`create table prepared_t (id ${sql.raw(testDialect === 'sqlite' ? 'integer primary key' : 'serial primary key')}, owner_name text not null, score integer not null, note text)`.execute(h.db);
});
afterAll(async () => {
  await h?.close();
});

describe('prepared queries', () => {
  let builds = 0;
  const insertRows = prepared((db, p: Params<{ rows: { ownerName: string; score: number; note: string | null }[] }>) => {
    builds++;
    return any(db).insertInto('preparedT').values(p.rows).returning(['id', 'ownerName']);
  });
  const byOwner = prepared((db, p: Params<{ owner: string; min: number }>) => {
    builds++;
    return any(db).selectFrom('preparedT').select(['id', 'ownerName', 'score', 'note']).where('ownerName', '=', p.owner).where(sql`score >= ${p.min}`).orderBy('id');
  });

  it('binds fresh values to one compiled statement per shape, with camelCase rows', async () => {
    const a = await insertRows(h.db, { rows: [{ ownerName: 'ann', score: 1, note: null }, { ownerName: 'ann', score: 5, note: 'x' }] });
    const b = await insertRows(h.db, { rows: [{ ownerName: 'bob', score: 7, note: 'y' }, { ownerName: 'bob', score: 2, note: null }] });
    expect(a.rows.map((r: any) => r.ownerName)).toEqual(['ann', 'ann']);
    expect(b.rows.map((r: any) => r.ownerName)).toEqual(['bob', 'bob']);
    expect(builds).toBe(1); // same length: the same template
    await insertRows(h.db, { rows: [{ ownerName: 'cy', score: 3, note: null }] });
    expect(builds).toBe(2); // another length, another template

    const bob = await byOwner(h.db, { owner: 'bob', min: 3 });
    expect(bob.rows).toEqual([{ id: (b.rows[0] as any).id, ownerName: 'bob', score: 7, note: 'y' }]);
    const ann = await byOwner(h.db, { owner: 'ann', min: 0 });
    expect(ann.rows.map((r: any) => r.score)).toEqual([1, 5]);
    expect(builds).toBe(3);
    // the same rows as the query built by Kysely each time
    const plain = await any(h.db).selectFrom('preparedT').select(['id', 'ownerName', 'score', 'note']).where('ownerName', '=', 'ann').where(sql`score >= ${0}`).orderBy('id').execute();
    expect(ann.rows).toEqual(plain);
  });

  it('runs in the caller\'s transaction (a rollback takes its writes back) and reports affected rows', async () => {
    const bump = prepared((db, p: Params<{ owner: string; by: number }>) => any(db).updateTable('preparedT').set((eb: any) => ({ score: eb('score', '+', p.by) })).where('ownerName', '=', p.owner));
    await expect(
      h.db.transaction().execute(async (tx) => {
        const r = await bump(tx, { owner: 'ann', by: 100 });
        expect(Number(r.numAffectedRows)).toBe(2);
        expect((await byOwner(tx, { owner: 'ann', min: 100 })).rows).toHaveLength(2);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect((await byOwner(h.db, { owner: 'ann', min: 100 })).rows).toHaveLength(0);
    expect(Number((await bump(h.db, { owner: 'nobody', by: 1 })).numAffectedRows)).toBe(0);
  });

  it('expands scalar lists per length, replaces placeholders inside strings, and keys SET objects and variants', async () => {
    const inList = prepared((db, p: Params<{ ids: number[] }>) => any(db).selectFrom('preparedT').select('ownerName').where('id', 'in', p.ids).orderBy('id'));
    const all = (await any(h.db).selectFrom('preparedT').select(['id', 'ownerName']).orderBy('id').execute()) as { id: number; ownerName: string }[];
    expect((await inList(h.db, { ids: [all[0]!.id, all[2]!.id] })).rows).toEqual([{ ownerName: all[0]!.ownerName }, { ownerName: all[2]!.ownerName }]);
    expect((await inList(h.db, { ids: [all[4]!.id] })).rows).toEqual([{ ownerName: all[4]!.ownerName }]);

    const prefix = prepared((db, p: Params<{ start: string }>) => any(db).selectFrom('preparedT').select('ownerName').distinct().where('ownerName', 'like', `${p.start}%`).orderBy('ownerName'));
    expect((await prefix(h.db, { start: 'b' })).rows).toEqual([{ ownerName: 'bob' }]);
    expect((await prefix(h.db, { start: 'c' })).rows).toEqual([{ ownerName: 'cy' }]);

    let setBuilds = 0;
    const save = prepared((db, p: Params<{ id: number; set: { score?: number; note?: string | null } }>) => {
      setBuilds++;
      return any(db).updateTable('preparedT').set(p.set).where('id', '=', p.id);
    });
    await save(h.db, { id: all[0]!.id, set: { score: 40 } });
    await save(h.db, { id: all[0]!.id, set: { score: 41, note: 'n' } });
    await save(h.db, { id: all[1]!.id, set: { score: 42 } });
    expect(setBuilds).toBe(2);
    const rows = await any(h.db).selectFrom('preparedT').select(['score', 'note']).where('id', 'in', [all[0]!.id, all[1]!.id]).orderBy('id').execute();
    expect(rows).toEqual([{ score: 41, note: 'n' }, { score: 42, note: 'x' }]);

    const scoped = prepared(
      (db, p: Params<{ mine: boolean; owner: string }>, args) => {
        const q = any(db).selectFrom('preparedT').select((eb: any) => eb.fn.countAll().as('n'));
        return args.mine ? q.where('ownerName', '=', p.owner) : q;
      },
      (args) => (args.mine ? 'mine' : 'all'),
    );
    expect(Number(((await scoped(h.db, { mine: true, owner: 'bob' })).rows[0] as any).n)).toBe(2);
    expect(Number(((await scoped(h.db, { mine: false, owner: 'bob' })).rows[0] as any).n)).toBe(5);
  });

  it.runIf(testDialect === 'postgres')('runs as a named prepared statement on PostgreSQL: parsed once per connection, other SQL as before', async () => {
    const text = (await h.db.transaction().execute(async (tx) => {
      await byOwner(tx, { owner: 'bob', min: 0 });
      expect((await byOwner(tx, { owner: 'bob', min: 3 })).rows).toHaveLength(1); // the second call binds to the parsed statement
      return (await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(tx)).rows;
    }));
    const mine = text.filter((r) => r.statement.includes('"prepared_t"') && r.statement.includes('score >='));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.name).toBe(statementName(mine[0]!.statement));
    expect(text.some((r) => r.statement.includes('pg_prepared_statements'))).toBe(false); // a plain query stays unnamed
  });

  it('refuses an undefined value (Kysely would leave the column out; a template cannot)', async () => {
    await expect(byOwner(h.db, { owner: undefined as unknown as string, min: 0 })).rejects.toThrow(/argument owner is undefined/);
  });
});
