import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/fixtures/db.ts';
import { makeCompany, makeUser, type TestCompany } from '../../../test/fixtures/factories.ts';
import type { DbHandle } from '../../db/database.ts';
import type { RequestContext } from '../../platform/permissions/context.ts';
import { searchColumns } from './normalize.ts';
import { COUNT_CAP, listCustomers } from './repo.ts';
import { customerListQuery } from './schema.ts';

// A company-wide search newest first with at most the cap in matches takes its page from the search
// indexes (repo.ts pageFromIndexes); more matches, other orders and pages past the end take the general
// path. Whatever the way, the page and the count must be exactly those of the general path, which a
// filter that keeps every row (last follow-up before 2999) forces.

let h: DbHandle;
let company: TestCompany;
let ctx: RequestContext;

beforeAll(async () => {
  h = await createTestDb();
  company = await makeCompany(h.db);
  const owner = await makeUser(h.db, company, { roleCode: 'rep' });
  ctx = { userId: owner.id, userName: 'x', companyId: company.id, roleId: 1, roleCode: 'admin', permissions: new Set(), dataScope: 'company', departmentId: null, departmentPath: null, locale: 'zh-CN', requestId: 't' };
  const rows: Record<string, unknown>[] = [];
  const add = (name: string, ownerId: number | null, i: number) => {
    const s = searchColumns(name, '云南省', '昆明市');
    const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
    rows.push({
      companyId: company.id, code: `KH${String(i).padStart(6, '0')}`, name, nameKey: `${name}#${i}`, searchKey: s.searchKey,
      searchName: s.searchName, searchCore: s.searchCore, searchPinyin: s.searchPinyin, searchInitials: s.searchInitials,
      searchCorePinyin: s.searchCorePinyin, searchCoreInitials: s.searchCoreInitials, province: '云南省', city: '昆明市',
      classification: 'potential', source: 'other', ownerId, ownerSince: ownerId ? at : null, poolEnteredAt: ownerId ? null : at,
      lastFollowupAt: i % 3 ? at : null, createdBy: owner.id, createdAt: at, updatedAt: at,
    });
  };
  // latin names match three ranges each (characters, pinyin, initials): 5,000 × 3 entries > 7 × 2,001
  for (let i = 0; i < 5000; i++) add(`abc${i}`, i % 20 === 7 ? null : owner.id, rows.length);
  for (let i = 0; i < 60; i++) add(`昆明华东${i}号商贸有限公司`, i % 6 === 0 ? null : owner.id, rows.length);
  for (let i = 0; i < rows.length; i += 400) await h.db.insertInto('customers').values(rows.slice(i, i + 400) as never).execute();
}, 120_000);
afterAll(() => h.close());

const list = (q: Record<string, unknown>) => listCustomers(h.db, ctx, customerListQuery.parse(q));
const general = (q: Record<string, unknown>) => list({ ...q, lastFollowupBefore: '2999-12-31' });

describe('search answered from the search indexes', () => {
  it.each([
    ['over the cap', 'abc'],
    ['a thousand', 'abc1'],
    ['a hundred', 'abc12'],
    ['a few', 'abc123'],
    ['none', 'abcz'],
    ['the middle of a name', '华东'],
    ['its initials', 'hd'],
    ['the initials of the whole name', 'kmhd'],
    ['a code prefix', 'kh00001'],
  ])('%s (%s): same page and count as the general path, owned customers only', async (_, term) => {
    for (const q of [
      { q: term },
      { q: term, page: 2 },
      { q: term, page: 40, pageSize: 50 },
      { q: term, order: 'asc' },
      { q: term, sort: 'name' },
      { q: term, sort: 'code', order: 'asc', page: 3 },
    ]) {
      const got = await list(q);
      const want = await general(q);
      expect({ total: got.total, capped: got.totalCapped, ids: got.items.map((i) => i.id) }, JSON.stringify(q)).toEqual({ total: want.total, capped: want.totalCapped, ids: want.items.map((i) => i.id) });
      expect(got.items).toEqual(want.items);
      expect(got.items.every((i) => i.ownerId !== null)).toBe(true);
    }
  });

  it('counts exactly below the cap and says "more than" above it', async () => {
    const owned = (prefix: string) => Array.from({ length: 5000 }, (_, i) => i).filter((i) => String(i).startsWith(prefix) && i % 20 !== 7).length;
    expect(await list({ q: 'abc12' })).toMatchObject({ total: owned('12'), totalCapped: false });
    expect(await list({ q: 'abc1' })).toMatchObject({ total: owned('1'), totalCapped: false });
    const many = await list({ q: 'abc' });
    expect(many).toMatchObject({ total: COUNT_CAP, totalCapped: true });
    expect(many.items).toHaveLength(20);
    const pool = await list({ q: 'abc7' }); // abc7, abc27, … : every 20th from 7 is in the pool
    expect(pool.items.map((i) => i.name)).not.toContain('abc7');
  });
});
