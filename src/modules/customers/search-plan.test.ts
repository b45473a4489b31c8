import { sql, type Compilable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialect } from '../../../test/fixtures/db.ts';
import { makeCompany } from '../../../test/fixtures/factories.ts';
import type { DbHandle } from '../../db/database.ts';
import type { RequestContext } from '../../platform/permissions/context.ts';
import { COUNT_CAP, listPageQuery } from './repo.ts';
import { customerListQuery } from './schema.ts';

// The hot customer queries must be answered from indexes (a full scan of 1M rows is ~100× the budget).
// SQLite: EXPLAIN QUERY PLAN must not SCAN the customers table. PostgreSQL: with sequential scans
// made prohibitively expensive, the plan must still avoid one (i.e. an index path exists).

let h: DbHandle;
let companyId: number;
beforeAll(async () => {
  h = await createTestDb();
  companyId = (await makeCompany(h.db)).id;
});
afterAll(() => h.close());

const ctx = (dataScope: RequestContext['dataScope']): RequestContext => ({
  userId: 1, userName: 'x', companyId, roleId: 1, roleCode: 'rep', permissions: new Set(), dataScope, departmentId: null, departmentPath: null, locale: 'zh-CN', requestId: 't',
});

function listQuery(scope: RequestContext['dataScope'], query: Record<string, string>) {
  return listPageQuery(h.db, ctx(scope), customerListQuery.parse(query));
}

async function plan(q: Compilable): Promise<string> {
  const c = q.compile();
  if (testDialect === 'sqlite') {
    const { rows: out } = await h.db.executeQuery<{ detail: string }>({ ...c, sql: 'explain query plan ' + c.sql, query: c.query });
    return out.map((r) => r.detail).join('\n');
  }
  return h.db.connection().execute(async (conn) => {
    await sql`set enable_seqscan = off`.execute(conn);
    const { rows } = await conn.executeQuery<{ 'QUERY PLAN': string }>({ ...c, sql: 'explain ' + c.sql, query: c.query });
    await sql`set enable_seqscan = on`.execute(conn);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}

function expectIndexed(p: string) {
  if (testDialect === 'sqlite') {
    expect(p).not.toMatch(/SCAN customers(?! USING)/);
    expect(p).toMatch(/customers_company_search|INTEGER PRIMARY KEY|customers_company_phone|contacts_company_phone|customers_company_code/);
  } else {
    expect(p).not.toMatch(/Seq Scan on customers/);
  }
}

describe('customer search and list query plans', () => {
  it.each([
    ['characters', '北京华东'],
    ['middle word', '华东'],
    ['full pinyin', 'beijinghuadong'],
    ['initials', 'bjhd'],
    ['phone digits', '1381234'],
  ])('searching by %s uses index ranges (company scope)', async (_, term) => {
    const p = await plan(listQuery('company', { q: term }));
    expectIndexed(p);
    if (testDialect === 'sqlite') expect(p).toContain('MULTI-INDEX OR');
  });

  it('a rep search is bounded by the owner index or the search indexes, never a table scan', async () => {
    const p = await plan(listQuery('own', { q: 'bjhd' }));
    if (testDialect === 'sqlite') expect(p).toMatch(/SEARCH customers USING (COVERING )?INDEX \w+ \(company_id=\? AND owner_id=\?\)|MULTI-INDEX OR/);
    else expect(p).not.toMatch(/Seq Scan on customers/);
  });

  it.each(['name', 'code', 'lastFollowupAt'])('a search sorted by %s still uses the search indexes', async (sort) => {
    const p = await plan(listQuery('company', { q: 'bjhd', sort }));
    expectIndexed(p);
    if (testDialect === 'sqlite') expect(p).toContain('MULTI-INDEX OR');
  });

  it('filtered list pages use an index: class, source, owner, region, follow-up date', async () => {
    const filters: Record<string, string>[] = [{ classification: 'vip' }, { source: 'referral' }, { ownerId: '5' }, { province: '云南省', city: '昆明市' }, { lastFollowupAfter: '2026-01-01' }];
    for (const f of filters) {
      const p = await plan(listQuery('company', f));
      if (testDialect === 'sqlite') expect(p, JSON.stringify(f)).not.toMatch(/SCAN customers(?! USING)/);
      else expect(p, JSON.stringify(f)).not.toMatch(/Seq Scan on customers/);
    }
  });

  it('the count stops at the cap', () => {
    expect(COUNT_CAP).toBe(2_000);
  });
});
