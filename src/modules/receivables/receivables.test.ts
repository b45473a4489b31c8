import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type Client } from '../../../test/fixtures/app.ts';
import { makeCompany, makeDepartment, makeProduct, makeUser, makeWarehouse, stockUp, type TestCompany, type TestUser } from '../../../test/fixtures/factories.ts';
import { addDays, businessDate } from '../../platform/time.ts';
import { openSqlite } from '../../db/database.ts';
import { readParallelism } from '../../db/parallel-reads.ts';
import { agingByCustomer } from './aging.ts';
import { dueDateOf } from './due-dates.ts';
import { setupOf } from './report.ts';
import { collectedBetween, collectedInWindows, collectionByRep, customerPositions } from './service.ts';
import { dayOf, expectOk, expectedDue, postSlips, recompute, type Actors } from './test-helpers.ts';

// Receivables 应收账款 over the API, on SQLite and PostgreSQL: due dates by payment term, aging as at
// a past date equal to aging recomputed from the slips and allocations (random postings, allocations,
// reversals and voids over random days), a voided receipt restores balances, invoices and red-letter
// invoices on the invoice basis, collection rate, and who sees what (a rep their own customers only).

const t = await createTestApp();
let co: TestCompany;
let east: number, eastSub: number, west: number;
let rep: TestUser, rep2: TestUser, repWest: TestUser, manager: TestUser;
let asRep: Client, asRep2: Client, asRepWest: Client, asManager: Client, asClerk: Client, asFinance: Client;
let actors: Actors;
let productId: number; // 100.00 元 a bottle, tax included

beforeAll(async () => {
  co = await makeCompany(t.db, { name: '滇池酒业' });
  east = await makeDepartment(t.db, co, { name: '东区销售部' });
  eastSub = await makeDepartment(t.db, co, { name: '东区二组', parentId: east });
  west = await makeDepartment(t.db, co, { name: '西区销售部' });
  rep = await makeUser(t.db, co, { roleCode: 'rep', displayName: '张业务', departmentId: east });
  rep2 = await makeUser(t.db, co, { roleCode: 'rep', displayName: '李业务', departmentId: eastSub });
  repWest = await makeUser(t.db, co, { roleCode: 'rep', displayName: '赵业务', departmentId: west });
  manager = await makeUser(t.db, co, { roleCode: 'manager', displayName: '钱经理', departmentId: east });
  const clerk = await makeUser(t.db, co, { roleCode: 'clerk', displayName: '王内勤' });
  const keeper = await makeUser(t.db, co, { roleCode: 'warehouse', displayName: '刘仓管' });
  const finance = await makeUser(t.db, co, { roleCode: 'finance', displayName: '陈会计' });
  let asKeeper: Client;
  [asRep, asRep2, asRepWest, asManager, asClerk, asKeeper, asFinance] = await Promise.all([rep, rep2, repWest, manager, clerk, keeper, finance].map((u) => t.login(u)));
  const wh = await makeWarehouse(t.db, co, { name: '昆明总仓' });
  productId = (await makeProduct(t.db, co, { name: '高原青稞酒', unit: '瓶', listPrice: 1_000_000, taxRateBp: 1300 })).id;
  await stockUp(t.db, co, { warehouseId: wh.id, productId, quantity: 100_000, batchNo: 'B1' });
  actors = { clerk: asClerk, keeper: asKeeper, handler: asRep, finance: asFinance, handlerId: rep.id, warehouseId: wh.id };
}, 60_000);
afterEach(() => {
  vi.useRealTimers();
});
afterAll(() => t.close());

async function customer(name: string, as = asRep) {
  const c = await as.post('/api/customers', { name: `${name}${Math.random().toString(36).slice(2, 6)}`, contacts: [{ name: '周老板', phone: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`, isPrimary: true }] });
  expect(c.status, JSON.stringify(c.body)).toBe(200);
  return { id: c.body.id as number, name: c.body.name as string };
}
/** slips of 100 元 × quantity each, with their payment terms */
const slipsFor = (c: { id: number; name: string }, s: [number, string][]) => postSlips(actors, c, s.map(([quantity, paymentTerm]) => ({ lines: [{ productId, quantity }], paymentTerm })));

async function receipt(customerId: number, amount: number, date = businessDate()) {
  return expectOk(await asClerk.post('/api/receipts', { customerId, receiptDate: date, method: 'bank_transfer', amount })).body;
}
const aging = async (as: Client, query = '') => expectOk(await as.get(`/api/receivables/aging?pageSize=200${query}`)).body;
const rowOf = (report: { items: { id: number | null }[] }, id: number) => report.items.find((r) => r.id === id) as any;

/** Moves the clock of the server (Date only) to noon Shanghai time of a business date. */
function setDay(date: string) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(`${date}T04:00:00Z`));
}

describe('due dates', () => {
  it('cash and transfer on the date, 月结 on the settlement day months later, 压单/滚单 after the credit days', () => {
    const terms = { settlementDay: 25, creditMonths: 1, creditDays: 30 };
    expect(dueDateOf('cash', '2026-11-03', terms)).toBe('2026-11-03');
    expect(dueDateOf('transfer', '2026-11-03', terms)).toBe('2026-11-03');
    expect(dueDateOf('monthly', '2026-11-30', terms)).toBe('2026-12-25');
    expect(dueDateOf('monthly', '2026-12-01', terms)).toBe('2027-01-25');
    expect(dueDateOf('monthly', '2026-12-01', { ...terms, settlementDay: 10, creditMonths: 2 })).toBe('2027-02-10');
    expect(dueDateOf('monthly', '2026-12-01', { ...terms, creditMonths: 0 })).toBe('2026-12-25');
    expect(dueDateOf('hold', '2026-12-20', terms)).toBe('2027-01-19');
    expect(dueDateOf('rolling', '2026-12-20', { ...terms, creditDays: 45 })).toBe('2027-02-03');
  });
});

describe('receivables', () => {
  it('posted slips are owed by their terms; allocations lower them; the drill-down lists the open slips', async () => {
    const c = await customer('翠湖宾馆');
    const [s1, s2, s3] = await slipsFor(c, [[3, 'monthly'], [5, 'hold'], [2, 'transfer']]); // 300, 500, 200 元
    const today = businessDate();
    const r = await receipt(c.id, 25_000);
    expectOk(await asClerk.post(`/api/receipts/${r.id}/allocations`, { allocations: [{ targetType: 'sales_slip', targetId: s3!.id, amount: 20_000 }, { targetType: 'sales_slip', targetId: s1!.id, amount: 5_000 }] }));
    const row = rowOf(await aging(asFinance), c.id);
    expect(row).toMatchObject({ name: c.name, ownerName: '张业务', total: 75_000, notDue: 75_000, overdue: 0, maxDaysOverdue: 0, oldestDueDate: [expectedDue('monthly', today), expectedDue('hold', today)].sort()[0] });
    const items = expectOk(await asFinance.get(`/api/receivables/customers/${c.id}/items`)).body;
    expect(items.items.map((i: any) => [i.docId, i.dueDate, i.amount, i.openAmount])).toEqual(
      [[s1!.id, expectedDue('monthly', today), 30_000, 25_000], [s2!.id, expectedDue('hold', today), 50_000, 50_000]].sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
    );
    // a month and a half on: the 月结 slip is overdue (due the 25th of next month), the 压单 slip 30 days after posting
    const later = addDays(expectedDue('monthly', today), 20);
    const then = rowOf(await aging(asFinance, `&asAt=${later}`), c.id);
    expect(then.total).toBe(75_000);
    expect(then.overdue).toBe(75_000);
    expect(then.maxDaysOverdue).toBe(Math.max(20, Math.round((Date.parse(later) - Date.parse(expectedDue('hold', today))) / 86400_000)));
    expect(then.buckets.reduce((n: number, b: number) => n + b, 0)).toBe(75_000);
    const positions = await customerPositions(t.db, co.id, { customerIds: [c.id], asAt: later });
    expect(positions.get(c.id)).toEqual({ balance: 75_000, overdue: 75_000, maxDaysOverdue: then.maxDaysOverdue, oldestDueDate: then.oldestDueDate });
    expect(await collectedBetween(t.db, co.id, c.id, today, today)).toBe(25_000);
    expect(await collectedBetween(t.db, co.id, c.id, addDays(today, 1), later)).toBe(0);
  });

  it('a voided receipt restores the balances it paid; an undone allocation too', async () => {
    const c = await customer('滇池渔村');
    const [s1, s2] = await slipsFor(c, [[4, 'monthly'], [6, 'monthly']]);
    const r = await receipt(c.id, 100_000);
    const auto = expectOk(await asClerk.post(`/api/receipts/${r.id}/auto-allocate`)).body;
    expect(rowOf(await aging(asFinance), c.id)).toBeUndefined(); // nothing owed: not listed
    const again = await customerPositions(t.db, co.id, { customerIds: [c.id] });
    expect(again.has(c.id)).toBe(false);
    expectOk(await asClerk.post(`/api/receipt-allocations/${auto.allocations[1].id}/reverse`, { reason: '分错单据' }));
    expect(rowOf(await aging(asFinance), c.id).total).toBe(s2!.totalAmount);
    expectOk(await asClerk.post(`/api/receipts/${r.id}/void`, { reason: '银行退票', version: (await asClerk.get(`/api/receipts/${r.id}`)).body.version }));
    const row = rowOf(await aging(asFinance), c.id);
    expect(row.total).toBe(s1!.totalAmount + s2!.totalAmount);
    expect((await customerPositions(t.db, co.id, { customerIds: [c.id] })).get(c.id)!.balance).toBe(100_000);
    expect(await collectedBetween(t.db, co.id, c.id, '2000-01-01', '2100-01-01')).toBe(0);
  });
});

type Cmd =
  | { kind: 'post'; days: number; slips: [number, string][] }
  | { kind: 'receipt'; days: number; amount: number; auto: boolean; pick: number }
  | { kind: 'reverse'; days: number; pick: number }
  | { kind: 'void'; days: number; pick: number };

const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  fc.record({ kind: fc.constant('post' as const), days: fc.integer({ min: 0, max: 40 }), slips: fc.array(fc.tuple(fc.integer({ min: 1, max: 6 }), fc.constantFrom('monthly', 'hold', 'transfer', 'cash')), { minLength: 1, maxLength: 2 }) }),
  fc.record({ kind: fc.constant('receipt' as const), days: fc.integer({ min: 0, max: 40 }), amount: fc.integer({ min: 1, max: 90_000 }), auto: fc.boolean(), pick: fc.nat() }),
  fc.record({ kind: fc.constant('reverse' as const), days: fc.integer({ min: 0, max: 30 }), pick: fc.nat() }),
  fc.record({ kind: fc.constant('void' as const), days: fc.integer({ min: 0, max: 30 }), pick: fc.nat() }),
);

describe('aging as at a past date', () => {
  it('equals aging recomputed from the slips and allocations, after random postings, allocations, reversals and voids on random days', async () => {
    const start = addDays(businessDate(), -400);
    await fc.assert(
      fc.asyncProperty(fc.array(cmd, { minLength: 2, maxLength: 7 }), fc.array(fc.integer({ min: 0, max: 420 }), { minLength: 3, maxLength: 3 }), async (cmds, probes) => {
        let day = start;
        setDay(day);
        const c = await customer('随机客户');
        const days = [day];
        for (const k of [{ kind: 'post', days: 0, slips: [[2, 'monthly']] } as Cmd, ...cmds]) {
          day = addDays(day, k.days);
          setDay(day);
          days.push(day);
          if (k.kind === 'post') await slipsFor(c, k.slips);
          else if (k.kind === 'receipt') {
            const r = await receipt(c.id, k.amount, day);
            const open = (await asClerk.get(`/api/receipts/${r.id}/open-items`)).body.items as { targetId: number; remaining: number }[];
            if (open.length === 0) continue;
            if (k.auto) expectOk(await asClerk.post(`/api/receipts/${r.id}/auto-allocate`));
            else {
              const target = open[k.pick % open.length]!;
              expectOk(await asClerk.post(`/api/receipts/${r.id}/allocations`, { allocations: [{ targetType: 'sales_slip', targetId: target.targetId, amount: Math.min(k.amount, target.remaining) }] }));
            }
          } else if (k.kind === 'reverse') {
            const active = await t.db.selectFrom('receiptAllocations').select('id').where('customerId', '=', c.id).where('reversedAt', 'is', null).orderBy('id').execute();
            if (active.length) expectOk(await asClerk.post(`/api/receipt-allocations/${active[k.pick % active.length]!.id}/reverse`, { reason: '核销有误' }));
          } else {
            const live = await t.db.selectFrom('receipts').select(['id', 'version']).where('customerId', '=', c.id).where('status', '=', 'confirmed').orderBy('id').execute();
            if (live.length) {
              const r = live[k.pick % live.length]!;
              expectOk(await asClerk.post(`/api/receipts/${r.id}/void`, { reason: '收款有误', version: r.version }));
            }
          }
        }
        vi.useRealTimers();
        const slips = await t.db.selectFrom('salesSlips').select(['id', 'businessDate', 'paymentTerm', 'totalAmount', 'returnedAmount']).where('customerId', '=', c.id).where('status', '=', 'posted').execute();
        const allocations = await t.db.selectFrom('receiptAllocations').select(['targetId', 'amount', 'allocatedAt', 'reversedAt']).where('customerId', '=', c.id).execute();
        for (const D of [...new Set([...days, ...probes.map((p) => addDays(start, p)), addDays(day, 1), addDays(start, -1)])]) {
          const want = recompute(slips, allocations, D);
          const report = await aging(asFinance, `&asAt=${D}&q=${encodeURIComponent(c.name)}`);
          const row = rowOf(report, c.id);
          if (want.total === 0 && want.buckets.every((b) => b === 0)) expect(row, D).toBeUndefined();
          else {
            expect({ D, total: row?.total, notDue: row?.notDue, buckets: row?.buckets }).toEqual({ D, total: want.total, notDue: want.notDue, buckets: want.buckets });
            expect({ D, oldest: row?.oldestDueDate, days: row?.maxDaysOverdue }).toEqual({ D, oldest: want.oldestDueDate, days: want.maxDaysOverdue });
          }
          const items = expectOk(await asFinance.get(`/api/receivables/customers/${c.id}/items?asAt=${D}`)).body.items as { docId: number; openAmount: number }[];
          expect(new Map(items.map((i) => [i.docId, i.openAmount])), D).toEqual(want.items);
        }
      }),
      { numRuns: t.dialect === 'postgres' ? 5 : 10 },
    );
  }, 240_000);
});

describe('read on worker threads', () => {
  // On a SQLite file the aging scan is cut into customer ranges read by worker threads (parallel-reads.ts);
  // in memory (and on PostgreSQL) it runs as one query. A copy of this file's data on disk must age the same.
  it.skipIf(t.dialect !== 'sqlite')('gives the same figures, owners and filters as the single query, as at any date', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-aging-'));
    const file = path.join(dir, 'copy.sqlite');
    await sql`vacuum into ${sql.lit(file)}`.execute(t.db);
    const copy = openSqlite(file);
    try {
      expect(readParallelism(copy.db)).toBeGreaterThan(1);
      expect(readParallelism(t.db)).toBe(1);
      const ids = (await t.db.selectFrom('receivableItems').select('customerId').distinct().where('companyId', '=', co.id).execute()).map((r) => r.customerId);
      expect(ids.length).toBeGreaterThan(4);
      let compared = 0;
      for (const D of [businessDate(), addDays(businessDate(), -30), addDays(businessDate(), -200), addDays(businessDate(), 40)]) {
        for (const filter of [{}, { withOwner: true }, { customerIds: ids.slice(0, 3) }]) {
          const setup = await setupOf(t.db, co.id, D);
          const want = await agingByCustomer(t.db, co.id, setup, filter);
          const got = await agingByCustomer(copy.db, co.id, setup, filter);
          compared += got.size;
          expect(new Map([...got].sort(([a], [b]) => a - b)), `${D} ${JSON.stringify(filter)}`).toEqual(new Map([...want].sort(([a], [b]) => a - b)));
        }
      }
      expect(compared).toBeGreaterThan(0); // the slips posted by the tests above are open today
    } finally {
      await copy.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a negative open item', () => {
  // only a red-letter invoice above what is left makes one (the receipts module now takes the excess
  // back): it lowers the balance, but the oldest due date and days overdue are those of what is owed
  it('lowers the balance but not the oldest due date or the days overdue', async () => {
    const c = await customer('贷方客户');
    await slipsFor(c, [[1, 'cash']]);
    const owed = await t.db.selectFrom('receivableItems').select(['docId', 'amount', 'dueDate']).where('customerId', '=', c.id).executeTakeFirstOrThrow();
    const before = rowOf(await aging(asFinance, `&q=${encodeURIComponent(c.name)}`), c.id);
    expect({ total: before.total, oldest: before.oldestDueDate, days: before.maxDaysOverdue }).toEqual({ total: owed.amount, oldest: owed.dueDate, days: 0 });
    const old = addDays(businessDate(), -100);
    const credit = await t.db
      .insertInto('receivableItems')
      .values({ companyId: co.id, customerId: c.id, docType: 'sales_slip', docId: 900_000_000 + c.id, docNumber: 'TEST-CREDIT', docDate: old, paymentTerm: 'cash', dueDate: old, amount: -3_000, openAmount: -3_000, lastMoveDate: null, settledDate: null, createdAt: new Date().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    try {
      const row = rowOf(await aging(asFinance, `&q=${encodeURIComponent(c.name)}`), c.id);
      expect({ total: row.total, oldest: row.oldestDueDate, days: row.maxDaysOverdue, in91to180: row.buckets[3] }).toEqual({ total: owed.amount - 3_000, oldest: owed.dueDate, days: 0, in91to180: -3_000 });
      expect((await customerPositions(t.db, co.id, { customerIds: [c.id] })).get(c.id)).toEqual({ balance: owed.amount - 3_000, overdue: -3_000, maxDaysOverdue: 0, oldestDueDate: owed.dueDate });
    } finally {
      await t.db.deleteFrom('receivableItems').where('id', '=', credit.id).execute();
    }
  });
});

describe('who sees what', () => {
  it('a rep sees their own customers only, a manager their department and below; others are 404', async () => {
    const c1 = await customer('东区一号店', asRep);
    const c2 = await customer('东区二组店', asRep2);
    const c3 = await customer('西区总店', asRepWest);
    await slipsFor(c1, [[1, 'monthly']]);
    await slipsFor(c2, [[2, 'monthly']]);
    await slipsFor(c3, [[3, 'monthly']]);
    const mine = await aging(asRep);
    expect(rowOf(mine, c1.id)?.total).toBe(10_000);
    expect(rowOf(mine, c2.id)).toBeUndefined();
    expect(rowOf(mine, c3.id)).toBeUndefined();
    expect(mine.items.every((r: any) => r.ownerName === '张业务')).toBe(true);
    expect(mine.totals.total).toBe(mine.items.reduce((n: number, r: any) => n + r.total, 0));
    expect((await asRep.get(`/api/receivables/customers/${c2.id}/items`)).status).toBe(404);
    expect((await asRep2.get(`/api/receivables/customers/${c1.id}/items`)).status).toBe(404);
    expect((await asRep.get(`/api/receivables/customers/999999/items`)).status).toBe(404);
    const dept = await aging(asManager);
    expect(rowOf(dept, c1.id)?.total).toBe(10_000);
    expect(rowOf(dept, c2.id)?.total).toBe(20_000);
    expect(rowOf(dept, c3.id)).toBeUndefined();
    expect((await asManager.get(`/api/receivables/customers/${c3.id}/items`)).status).toBe(404);
    expectOk(await asManager.get(`/api/receivables/customers/${c2.id}/items`));
    // by department: 东区销售部 rolls up 东区二组; the manager sees nothing of 西区
    const byDept = await aging(asManager, '&by=department');
    const eastRow = byDept.items.find((r: any) => r.id === east);
    const subRow = byDept.items.find((r: any) => r.id === eastSub);
    expect(subRow.total).toBe(dept.items.filter((r: any) => r.ownerName === '李业务').reduce((n: number, r: any) => n + r.total, 0));
    expect(subRow.total).toBeGreaterThanOrEqual(20_000);
    expect(eastRow.total).toBe(dept.totals.total);
    expect(byDept.items.find((r: any) => r.id === west)).toBeUndefined();
    const all = await aging(asFinance, '&by=department');
    expect(all.items.find((r: any) => r.id === west).total).toBeGreaterThanOrEqual(30_000);
    const byRep = await aging(asFinance, '&by=rep');
    expect(byRep.items.find((r: any) => r.id === repWest.id)).toMatchObject({ name: '赵业务' });
    expect(byRep.items.reduce((n: number, r: any) => n + r.total, 0)).toBe(byRep.totals.total);
    // the export: managers and finance may, a rep may not
    const x = await asManager.get('/api/receivables/aging/export.xlsx?by=customer');
    expect(x.status).toBe(200);
    expect(String(x.headers['content-type'])).toContain('spreadsheetml');
    expect(Number(x.headers['x-total-rows'])).toBe(dept.total + 1);
    expect((await asRep.get('/api/receivables/aging/export.xlsx')).status).toBe(403);
  });

  it('filters by name, owner, overdue and bucket, and sorts by name or the chosen bucket', async () => {
    const d0 = addDays(businessDate(), -100);
    setDay(d0);
    const a = await customer('筛选甲店', asRepWest);
    const b = await customer('筛选乙店', asRepWest);
    await slipsFor(a, [[2, 'transfer']]); // due on d0: 100 days overdue, 91–180天
    vi.useRealTimers();
    await slipsFor(b, [[3, 'monthly']]); // not yet due
    const names = async (query: string) => (await aging(asFinance, query)).items.map((r: any) => r.name);
    expect(await names('&q=筛选')).toEqual([b.name, a.name]); // by balance, largest first
    expect(await names('&q=筛选&sort=name&order=asc')).toEqual([a.name, b.name].sort((x, y) => x.localeCompare(y, 'zh-CN')));
    expect(await names('&q=筛选&overdueOnly=1')).toEqual([a.name]);
    expect(await names('&q=筛选&bucket=-1')).toEqual([b.name]);
    expect(await names('&q=筛选&bucket=3')).toEqual([a.name]); // 91–180 days
    expect(await names('&q=筛选&bucket=0')).toEqual([]);
    const mine = await names(`&ownerId=${repWest.id}`);
    expect(mine).toEqual(expect.arrayContaining([a.name, b.name]));
    expect((await aging(asFinance, `&ownerId=${repWest.id}`)).items.every((r: any) => r.ownerName === '赵业务')).toBe(true);
    // aged from the document date instead (company setting): the new slip is 0–30 days old, not "not yet due"
    const row = await t.db.selectFrom('companies').select('settings').where('id', '=', co.id).executeTakeFirstOrThrow();
    const settings = JSON.parse(row.settings);
    await t.db.updateTable('companies').set({ settings: JSON.stringify({ ...settings, receivables: { ...(settings.receivables ?? {}), agingFrom: 'document' } }) }).where('id', '=', co.id).execute();
    try {
      const byDoc = await aging(asFinance, '&q=筛选');
      expect(byDoc.agingFrom).toBe('document');
      expect(byDoc.buckets[0]).toMatchObject({ label: '0–30天', fromDays: 0, toDays: 30 });
      expect(rowOf(byDoc, a.id)).toMatchObject({ total: 20_000, notDue: 0, overdue: 20_000, buckets: [0, 0, 0, 20_000, 0, 0] });
      expect(rowOf(byDoc, b.id)).toMatchObject({ total: 30_000, notDue: 30_000, overdue: 0, buckets: [30_000, 0, 0, 0, 0, 0] });
    } finally {
      await t.db.updateTable('companies').set({ settings: row.settings }).where('id', '=', co.id).execute();
    }
    const items = expectOk(await asFinance.get(`/api/receivables/customers/${a.id}/items?bucket=3`)).body.items;
    expect(items.map((i: any) => [i.daysOverdue, i.bucket])).toEqual([[100, 3]]);
    expect(expectOk(await asFinance.get(`/api/receivables/customers/${a.id}/items?bucket=-1`)).body.items).toEqual([]);
  });

  it('bad input gets 400 with the field paths', async () => {
    const bad = await asFinance.get('/api/receivables/aging?asAt=2026-13-01&by=city&sort=x');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['querystring.asAt', 'querystring.by', 'querystring.sort']));
    const rate = await asFinance.get('/api/receivables/collection-rate?from=2026-11-30&to=2026-11-01');
    expect(rate.status).toBe(400);
    expect(rate.body.error.fields.map((f: { path: string }) => f.path)).toContain('querystring.to');
  });
});

describe('collected in windows', () => {
  it('sums each window of each customer alone, without voided receipts, in the windows\' order', async () => {
    const a = await customer('窗口甲');
    const b = await customer('窗口乙');
    const day = (n: number) => addDays(businessDate(), n);
    for (const [c, amount, n] of [[a, 10_000, -20], [a, 20_000, -10], [a, 40_000, -10], [a, 80_000, 0], [b, 1_000, -15], [b, 2_000, -5]] as const) await receipt(c.id, amount, day(n));
    const voided = await receipt(a.id, 160_000, day(-10));
    expectOk(await asClerk.post(`/api/receipts/${voided.id}/void`, { reason: '收款有误', version: voided.version }));
    const windows = [
      { customerId: a.id, from: day(-20), to: day(0) }, { customerId: b.id, from: day(-10), to: day(0) }, { customerId: a.id, from: day(-10), to: day(-10) },
      { customerId: a.id, from: day(-9), to: day(-1) }, { customerId: b.id, from: day(0), to: day(-30) }, { customerId: a.id, from: day(-30), to: day(-11) },
    ];
    expect(await collectedInWindows(t.db, co.id, windows)).toEqual([150_000, 2_000, 60_000, 0, 0, 10_000]);
  });
});

describe('collection rate', () => {
  it('collected ÷ due in the period, per rep and department, exactly', async () => {
    const dept = await makeDepartment(t.db, co, { name: '回款考核组' });
    const repRate = await makeUser(t.db, co, { roleCode: 'rep', displayName: '孙业务', departmentId: dept });
    const asRepRate = await t.login(repRate);
    const d0 = addDays(businessDate(), -120);
    setDay(d0);
    const c = await customer('回款测试店', asRepRate);
    const [s1, s2] = await slipsFor(c, [[3, 'transfer'], [5, 'hold']]); // 300 元 due d0, 500 元 due d0+30
    setDay(addDays(d0, 5));
    const r1 = await receipt(c.id, 10_000, addDays(d0, 5));
    expectOk(await asClerk.post(`/api/receipts/${r1.id}/allocations`, { allocations: [{ targetType: 'sales_slip', targetId: s1!.id, amount: 10_000 }] }));
    setDay(addDays(d0, 40));
    const r2 = await receipt(c.id, 20_000, addDays(d0, 40));
    expectOk(await asClerk.post(`/api/receipts/${r2.id}/allocations`, { allocations: [{ targetType: 'sales_slip', targetId: s2!.id, amount: 20_000 }] }));
    vi.useRealTimers();
    const rate = async (from: string, to: string, by = 'rep') => expectOk(await asFinance.get(`/api/receivables/collection-rate?from=${from}&to=${to}&by=${by}`)).body;
    // [d0+10, d0+60]: both slips due; 200 元 of the first still open at the start, 500 元 of the second; 200 元 collected
    const a = await rate(addDays(d0, 10), addDays(d0, 60));
    expect(a.items.find((r: any) => r.id === repRate.id)).toEqual({ id: repRate.id, name: '孙业务', due: 70_000, collected: 20_000, rateBp: 2857 });
    expect((await rate(addDays(d0, 10), addDays(d0, 60), 'department')).items.find((r: any) => r.id === dept)).toMatchObject({ due: 70_000, collected: 20_000, rateBp: 2857 });
    // [d0, d0+20]: only the first slip falls due; 100 of 300 元 collected
    const b = await rate(d0, addDays(d0, 20));
    expect(b.items.find((r: any) => r.id === repRate.id)).toMatchObject({ due: 30_000, collected: 10_000, rateBp: 3333 });
    // what the performance module reads
    expect((await collectionByRep(t.db, co.id, d0, addDays(d0, 20))).get(repRate.id)).toEqual({ due: 30_000, collected: 10_000, rateBp: 3333 });
    // the rep sees their own figures only
    const own = expectOk(await asRepRate.get(`/api/receivables/collection-rate?from=${d0}&to=${addDays(d0, 20)}`)).body;
    expect(own.items.map((r: any) => r.id)).toEqual([repRate.id]);
    expect(own.totals).toMatchObject({ due: 30_000, collected: 10_000 });
  });
});

describe('on the invoice basis', () => {
  it('issued invoices are the open items; a red-letter invoice and allocations lower them, as at their dates', async () => {
    const settings = async (basis: 'slip' | 'invoice') => {
      const row = await t.db.selectFrom('companies').select('settings').where('id', '=', co.id).executeTakeFirstOrThrow();
      const s = JSON.parse(row.settings);
      await t.db.updateTable('companies').set({ settings: JSON.stringify({ ...s, receivables: { ...(s.receivables ?? {}), basis } }) }).where('id', '=', co.id).execute();
    };
    const c = await customer('开票客户');
    const [s1, s2] = await slipsFor(c, [[4, 'monthly'], [2, 'monthly']]); // 400 + 200 元
    await settings('invoice');
    try {
      expect(rowOf(await aging(asFinance), c.id)).toBeUndefined(); // slips only: nothing invoiced yet
      const today = businessDate();
      const inv = expectOk(await asClerk.post('/api/invoices', { customerId: c.id, kind: 'normal', slipIds: [s1!.id, s2!.id] })).body;
      expect(inv.totalAmount).toBe(60_000);
      let row = rowOf(await aging(asFinance), c.id);
      expect(row).toMatchObject({ total: 60_000, notDue: 60_000, oldestDueDate: expectedDue('monthly', today) });
      const line = inv.lines.find((l: any) => l.quantity === 2);
      expectOk(await asClerk.post(`/api/invoices/${inv.id}/red`, { reason: '退货两瓶', lines: [{ invoiceLineId: line.id, quantity: 2 }] }));
      const r = await receipt(c.id, 15_000);
      expectOk(await asClerk.post(`/api/receipts/${r.id}/allocations`, { allocations: [{ targetType: 'invoice', targetId: inv.id, amount: 15_000 }] }));
      row = rowOf(await aging(asFinance), c.id);
      expect(row.total).toBe(60_000 - 20_000 - 15_000);
      const items = expectOk(await asFinance.get(`/api/receivables/customers/${c.id}/items`)).body;
      expect(items.basis).toBe('invoice');
      expect(items.items).toEqual([expect.objectContaining({ docType: 'invoice', docId: inv.id, docNumber: inv.number, amount: 60_000, openAmount: 25_000 })]);
      // as at yesterday nothing was invoiced
      expect(rowOf(await aging(asFinance, `&asAt=${addDays(today, -1)}`), c.id)).toBeUndefined();
    } finally {
      await settings('slip');
    }
  });
});

describe('paging', () => {
  // a page is picked from the customers without sorting them all: the pages must be the full list's
  it('every page is the same slice of the full order, for any sort, order and page size', async () => {
    const mine = '分页客户';
    for (let k = 0; k < 13; k++) await slipsFor(await customer(mine), [[1 + (k % 5), k % 2 ? 'cash' : 'monthly']]);
    for (const query of ['', '&order=asc', '&sort=overdue&order=asc', '&sort=maxDaysOverdue', '&sort=notDue&order=asc', '&bucket=-1']) {
      const q = `&q=${encodeURIComponent(mine)}${query}`;
      const full = await aging(asFinance, q);
      if (!query.includes('bucket')) expect(full.total).toBe(13); // pages ending before a quarter of the rows are picked, the rest sorted: both
      expect(full.items).toHaveLength(full.total);
      for (const pageSize of [1, 2, 5]) {
        for (const page of [1, 2, 3]) {
          const r = expectOk(await asFinance.get(`/api/receivables/aging?pageSize=${pageSize}&page=${page}${q}`)).body;
          expect(r.total).toBe(full.total);
          expect(r.items.map((i: { id: number }) => i.id), `${query} ${pageSize} ${page}`).toEqual(full.items.slice((page - 1) * pageSize, page * pageSize).map((i: { id: number }) => i.id));
        }
      }
    }
  }, 60_000);
});
