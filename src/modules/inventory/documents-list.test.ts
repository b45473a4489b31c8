import { sql, type CompiledQuery } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDb, testDialect } from '../../../test/fixtures/db.ts';
import { makeCompany, makeUser, makeWarehouse, type TestCompany, type TestUser } from '../../../test/fixtures/factories.ts';
import type { DbHandle } from '../../db/database.ts';
import { isoNow } from '../../platform/time.ts';
import { listDocuments } from './doc-repo.ts';
import { documentListQuery } from './schema.ts';

// The stock documents list in the same order on both databases: a draft has no number until it is
// submitted, and PostgreSQL and SQLite put NULLs at opposite ends. A draft is the newest of its day
// (first when newest first, last when oldest first), and the page is still read from an index in order.

let h: DbHandle;
let company: TestCompany;
let user: TestUser;
let warehouseId: number;

beforeAll(async () => {
  h = await createTestDb();
  company = await makeCompany(h.db);
  user = await makeUser(h.db, company, { roleCode: 'warehouse' });
  warehouseId = (await makeWarehouse(h.db, company)).id;
});
afterAll(() => h.close());

async function doc(businessDate: string, number: string | null, docType = 'inbound') {
  const now = isoNow();
  const r = await h.db.insertInto('stockDocuments')
    .values({ companyId: company.id, docType, number, status: number ? 'submitted' : 'draft', warehouseId, businessDate, counterparty: number ?? '草稿', createdBy: user.id, createdAt: now, updatedAt: now })
    .returning('id').executeTakeFirstOrThrow();
  return r.id;
}

const listed = async (query: Record<string, unknown>) =>
  (await listDocuments(h.db, company.id, documentListQuery.parse({ warehouseId, ...query }))).items.map((d) => d.number ?? `draft#${d.id}`);

it('puts drafts without a number first of their day when newest first, last when oldest first, on both databases', async () => {
  const d1 = await doc('2026-11-20', null);
  await doc('2026-11-20', 'RK-202611-000002');
  const d2 = await doc('2026-11-20', null);
  await doc('2026-11-20', 'RK-202611-000001');
  await doc('2026-11-21', 'RK-202611-000003');
  const d3 = await doc('2026-11-19', null, 'outbound');

  expect(await listed({})).toEqual(['RK-202611-000003', `draft#${d2}`, `draft#${d1}`, 'RK-202611-000002', 'RK-202611-000001', `draft#${d3}`]);
  expect(await listed({ sort: 'businessDate', order: 'asc' })).toEqual([`draft#${d3}`, 'RK-202611-000001', 'RK-202611-000002', `draft#${d1}`, `draft#${d2}`, 'RK-202611-000003']);
  expect(await listed({ docType: 'inbound' })).toEqual(['RK-202611-000003', `draft#${d2}`, `draft#${d1}`, 'RK-202611-000002', 'RK-202611-000001']);
  // by number: the drafts as the newest numbers
  expect(await listed({ sort: 'number', order: 'desc' })).toEqual([`draft#${d3}`, `draft#${d2}`, `draft#${d1}`, 'RK-202611-000003', 'RK-202611-000002', 'RK-202611-000001']);
  expect(await listed({ sort: 'number', order: 'asc' })).toEqual(['RK-202611-000001', 'RK-202611-000002', 'RK-202611-000003', `draft#${d1}`, `draft#${d2}`, `draft#${d3}`]);
  // pages do not overlap
  const page1 = await listed({ pageSize: 3, page: 1 });
  const page2 = await listed({ pageSize: 3, page: 2 });
  expect([...page1, ...page2]).toEqual(await listed({}));
});

/** The plan of the page query of an unfiltered list (all kinds, or one), newest or oldest first. */
async function pagePlan(query: Record<string, unknown>): Promise<string> {
  const executor = h.db.getExecutor() as unknown as { executeQuery: (c: CompiledQuery) => Promise<unknown> };
  const run = executor.executeQuery;
  const statements: CompiledQuery[] = [];
  executor.executeQuery = (c) => (statements.push(c), run.call(executor, c));
  try {
    await listDocuments(h.db, company.id, documentListQuery.parse(query));
  } finally {
    executor.executeQuery = run;
  }
  const page = statements.find((c) => /order by/i.test(c.sql))!;
  if (testDialect === 'sqlite') {
    const { rows } = await h.db.executeQuery<{ detail: string }>({ ...page, sql: `explain query plan ${page.sql}` });
    return rows.map((r) => r.detail).join('\n');
  }
  return h.db.connection().execute(async (conn) => {
    await sql`set enable_seqscan = off`.execute(conn);
    await sql`set enable_sort = off`.execute(conn);
    try {
      const { rows } = await conn.executeQuery<{ 'QUERY PLAN': string }>({ ...page, sql: `explain ${page.sql}` });
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    } finally {
      await sql`reset enable_seqscan`.execute(conn);
      await sql`reset enable_sort`.execute(conn);
    }
  });
}

it('reads the page from an index in order, with no sort, by date or number, whichever way', async () => {
  for (const [query, index] of [
    [{}, 'stock_documents_date_draft'],
    [{ order: 'asc' }, 'stock_documents_date_draft'],
    [{ docType: 'inbound' }, 'stock_documents_type_date_draft'],
    // by number, drafts first or last: the unique (company, kind, number) cannot give that order
    [{ sort: 'number' }, 'stock_documents_number_draft'],
    [{ sort: 'number', order: 'asc' }, 'stock_documents_number_draft'],
    [{ sort: 'number', docType: 'count' }, 'stock_documents_type_number_draft'],
    [{ sort: 'number', order: 'asc', docType: 'outbound' }, 'stock_documents_type_number_draft'],
  ] as const) {
    const plan = await pagePlan(query);
    expect(plan, JSON.stringify(query)).toContain(index);
    if (testDialect === 'sqlite') expect(plan).not.toContain('TEMP B-TREE');
    else expect(plan).not.toMatch(/\bSort\b/);
  }
});
