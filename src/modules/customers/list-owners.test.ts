import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/fixtures/db.ts';
import { makeCompany, makeDepartment, makeUser, type TestCompany } from '../../../test/fixtures/factories.ts';
import type { DbHandle } from '../../db/database.ts';
import type { RequestContext } from '../../platform/permissions/context.ts';
import { makeCustomer } from './ownership.fixtures.ts';
import { COUNT_CAP, filteredCustomers, listCustomers, listPageQuery, listTuning } from './repo.ts';
import { customerListQuery, type CustomerListQuery } from './schema.ts';

// The list of a manager or a rep is read owner by owner (listByOwners in repo.ts). It must return
// exactly what the plain scoped query returns: the same rows, in the same order, with the same total,
// whether it sorts the few matches or walks each owner's sort index.

let h: DbHandle;
let company: TestCompany;
let manager: number;
let reps: number[];
let subDeptPath: string;
let deptPath: string;

const cities = ['昆明市', '曲靖市', '怒江傈僳族自治州', null] as const;
const classes = ['potential', 'formal', 'vip'] as const;

beforeAll(async () => {
  h = await createTestDb();
  company = await makeCompany(h.db);
  const dept = await makeDepartment(h.db, company, { name: '西区' });
  const sub = await makeDepartment(h.db, company, { name: '西区一组', parentId: dept });
  const other = await makeDepartment(h.db, company, { name: '东区' });
  manager = (await makeUser(h.db, company, { roleCode: 'manager', departmentId: dept })).id;
  const r1 = (await makeUser(h.db, company, { departmentId: dept })).id;
  const r2 = (await makeUser(h.db, company, { departmentId: sub })).id;
  const r3 = (await makeUser(h.db, company, { departmentId: sub })).id;
  const outsider = (await makeUser(h.db, company, { departmentId: other })).id;
  reps = [r1, r2, r3];
  const path = async (id: number) => (await h.db.selectFrom('departments').select('path').where('id', '=', id).executeTakeFirstOrThrow()).path;
  deptPath = await path(dept);
  subDeptPath = await path(sub);
  const owners = [manager, r1, r2, r2, r3, r3, r3, outsider, null];
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
  for (let i = 0; i < 260; i++) {
    const c = await makeCustomer(h.db, company, {
      ownerId: owners[rnd(owners.length)],
      city: cities[rnd(cities.length)],
      classification: classes[rnd(classes.length)],
      // ties on purpose: a few follow-up instants and pinyin keys shared by many rows
      lastFollowupAt: rnd(4) === 0 ? null : `2026-11-${String(1 + rnd(5)).padStart(2, '0')}T08:00:00.000Z`,
    });
    await h.db.updateTable('customers').set({ searchPinyin: rnd(5) === 0 ? null : `p${rnd(12)}` }).where('id', '=', c.id).execute();
  }
});
afterAll(() => h.close());

const ctxOf = (userId: number, dataScope: RequestContext['dataScope'], departmentPath: string | null): RequestContext => ({
  userId, userName: 'x', companyId: company.id, roleId: 1, roleCode: 'manager', permissions: new Set(), dataScope, departmentId: null, departmentPath, locale: 'zh-CN', requestId: 't',
});

/** The plain scoped query: every filter and the scope in SQL, sorted, and a capped count. */
async function reference(ctx: RequestContext, q: CustomerListQuery) {
  const items = await listPageQuery(h.db, ctx, q).execute();
  const { n } = await h.db.selectFrom(filteredCustomers(h.db, ctx, q).select('customers.id').as('m')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { items, total: Math.min(Number(n), COUNT_CAP), totalCapped: Number(n) > COUNT_CAP };
}

function queries(): CustomerListQuery[] {
  const out: CustomerListQuery[] = [];
  for (const sort of ['createdAt', 'name', 'code', 'lastFollowupAt'] as const)
    for (const order of ['asc', 'desc'] as const)
      for (const classification of [undefined, 'vip'] as const)
        for (const city of [undefined, '昆明市', '丽江市'])
          for (const page of [1, 3]) out.push(customerListQuery.parse({ sort, order, classification, city, page, pageSize: 7 }));
  out.push(customerListQuery.parse({ ownerId: reps[1], sort: 'name', order: 'asc' }));
  out.push(customerListQuery.parse({ ownerId: reps[1], city: '曲靖市', sort: 'lastFollowupAt', order: 'desc', pageSize: 5, page: 2 }));
  return out;
}

describe('customer list by owner (manager and rep scope)', () => {
  for (const [label, sortMax] of [['sorting the matches', COUNT_CAP], ['walking each owner’s sort index', 0]] as const) {
    it(`returns what the scoped query returns, ${label}`, async () => {
      const saved = listTuning.ownerSortMax;
      listTuning.ownerSortMax = sortMax;
      try {
        const contexts = [ctxOf(manager, 'dept', deptPath), ctxOf(reps[1]!, 'dept', subDeptPath), ctxOf(reps[2]!, 'own', null)];
        let nonEmpty = 0;
        for (const ctx of contexts)
          for (const q of queries()) {
            const got = await listCustomers(h.db, ctx, q);
            expect(got, JSON.stringify({ scope: ctx.dataScope, user: ctx.userId, q })).toEqual(await reference(ctx, q));
            if (got.items.length > 0) nonEmpty++;
          }
        expect(nonEmpty).toBeGreaterThan(100);
      } finally {
        listTuning.ownerSortMax = saved;
      }
    });
  }

  it('a manager sees the subtree’s customers and no one else’s', async () => {
    const all = await listCustomers(h.db, ctxOf(manager, 'dept', deptPath), customerListQuery.parse({ pageSize: 200 }));
    const ownersSeen = new Set(all.items.map((r) => r.ownerId));
    expect([...ownersSeen].sort()).toEqual([manager, ...reps].sort());
    const sub = await listCustomers(h.db, ctxOf(reps[1]!, 'dept', subDeptPath), customerListQuery.parse({ pageSize: 200 }));
    expect(new Set(sub.items.map((r) => r.ownerId))).toEqual(new Set([reps[1], reps[2]]));
  });
});
