import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CODE, DEMO_PASSWORD, loadDemo, type DemoResult } from '../../bench/demo.ts';
import type { DbHandle } from '../../src/db/database.ts';
import { createTestApp, type TestApp } from '../fixtures/app.ts';
import { createTestDb } from '../fixtures/db.ts';
import { addDays, businessDate } from '../../src/platform/time.ts';

// The demo company (`npm start -- --demo`): what a visitor finds when they log in.

let t: TestApp;
let demo: DemoResult;
beforeAll(async () => {
  t = await createTestApp();
  demo = await loadDemo(t.db);
}, 480_000); // the whole demo (sales, finance, collections) on a busy PostgreSQL
afterAll(() => t.close());

const customersOf = (db: TestApp['db'], companyId: number) =>
  db.selectFrom('customers').select(['id', 'code', 'name', 'ownerId', 'city']).where('companyId', '=', companyId).orderBy('code').execute();

describe('demo company', () => {
  it('has three sales departments with managers, twelve reps and the back-office people', async () => {
    expect(demo.created).toBe(true);
    const company = await t.db.selectFrom('companies').selectAll().where('code', '=', DEMO_CODE).executeTakeFirstOrThrow();
    expect(company.name).toBe('滇源酒业销售有限公司');
    const depts = await t.db.selectFrom('departments').select(['id', 'name', 'parentId', 'managerUserId']).where('companyId', '=', company.id).execute();
    const sales = depts.filter((d) => d.parentId !== null);
    expect(sales.map((d) => d.name).sort()).toEqual(['地州商超部', '批发部', '直销部'].sort());
    expect(sales.every((d) => d.managerUserId !== null)).toBe(true);
    const roles = await t.db
      .selectFrom('memberships')
      .innerJoin('roles', 'roles.id', 'memberships.roleId')
      .innerJoin('users', 'users.id', 'memberships.userId')
      .select(['roles.code', 'users.mustChangePassword', 'memberships.departmentId'])
      .where('memberships.companyId', '=', company.id)
      .execute();
    const count = (code: string) => roles.filter((r) => r.code === code).length;
    expect(count('rep')).toBe(12);
    expect(count('manager')).toBe(3);
    expect([count('gm'), count('clerk'), count('warehouse'), count('finance')]).toEqual([1, 1, 2, 1]);
    expect(roles.every((r) => r.mustChangePassword === 0)).toBe(true);
    // every rep sits in one of the three sales departments, four in each
    for (const d of sales) expect(roles.filter((r) => r.code === 'rep' && r.departmentId === d.id)).toHaveLength(4);
  });

  it('has 2,000 customers across 云南, each with a contact, some in the pool, with follow-ups, credit and leads', async () => {
    const customers = await customersOf(t.db, demo.companyId);
    expect(customers).toHaveLength(2000);
    const withContact = await t.db
      .selectFrom('customerContacts')
      .select((eb) => eb.fn.count<number>('customerId').distinct().as('n'))
      .where('companyId', '=', demo.companyId)
      .executeTakeFirstOrThrow();
    expect(Number(withContact.n)).toBe(2000);
    const cities = new Set(customers.map((c) => c.city));
    expect(cities.size).toBe(16);
    expect(cities.has('昆明市') && cities.has('西双版纳傣族自治州')).toBe(true);
    const pool = customers.filter((c) => c.ownerId === null).length;
    expect(pool).toBeGreaterThan(20);
    expect(pool).toBeLessThan(400);
    const n = async (table: 'customerFollowups' | 'customerCredit' | 'leads') =>
      Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('companyId', '=', demo.companyId).executeTakeFirstOrThrow()).n);
    expect(await n('customerFollowups')).toBeGreaterThan(2000);
    expect(await n('customerCredit')).toBeGreaterThan(50);
    expect(await n('leads')).toBeGreaterThan(10);
    // the search columns are filled as the customers module fills them: pinyin initials find a customer
    const sample = customers[17]!;
    const row = await t.db.selectFrom('customers').select(['searchInitials', 'nameKey']).where('id', '=', sample.id).executeTakeFirstOrThrow();
    expect(row.searchInitials).toMatch(/^[a-z0-9]+$/);
    expect(row.nameKey.length).toBeGreaterThan(1);
  });

  it('has ~30 products (白酒, 啤酒, 饮用水) with packing, barcodes and 13 % tax, and the 二批价 and 商超价 price lists that orders use', async () => {
    const products = await t.db.selectFrom('products').selectAll().where('companyId', '=', demo.companyId).orderBy('code').execute();
    expect(products.length).toBeGreaterThanOrEqual(28);
    expect(new Set(products.map((p) => p.category))).toEqual(new Set(['白酒', '果酒', '啤酒', '饮用水', '饮料']));
    expect(products.every((p) => p.taxRateBp === 1300 && /^690\d{10}$/.test(p.barcode ?? ''))).toBe(true);
    const laojiao = products.find((p) => p.code === 'DY-LJ52-500')!;
    expect(laojiao).toMatchObject({ unit: '瓶', packUnit: '箱', packSize: 12, listPrice: 1_280_000, trackCodes: 1, active: 1 });
    expect(products.filter((p) => p.active === 0)).toHaveLength(1);
    const { resolvePrices } = await import('../../src/modules/products/service.ts');
    const ws = await resolvePrices(t.db, demo.companyId, { orderType: 'wholesale', customerClass: 'formal' }, [laojiao.id]);
    expect(ws.get(laojiao.id)).toMatchObject({ unitPrice: 1_126_400, source: { zh: '价格表：二批价', en: 'Price list: 二批价' } });
    const sm = await resolvePrices(t.db, demo.companyId, { orderType: 'supermarket' }, [laojiao.id]);
    expect(sm.get(laojiao.id)!.unitPrice).toBe(1_216_000);
    // a clerk finds 滇源老窖 by its pinyin initials
    const clerk = await t.login('hexue', DEMO_PASSWORD);
    const found = await clerk.get('/api/products?q=dylj');
    expect(found.body.items.map((p: { code: string }) => p.code)).toEqual(expect.arrayContaining(['DY-LJ52-500', 'DY-LJ42-500', 'DY-LJ52-LH']));
  });

  it('shows a sales department at work: orders in every state, stock equal to its ledger with alerts, slips through the warehouse to posting, a voided slip still listed', async () => {
    const clerk = await t.login('hexue', DEMO_PASSWORD);
    const total = async (c: typeof clerk, url: string) => {
      const r = await c.get(url);
      expect(r.status).toBe(200);
      return r.body.total as number;
    };
    // orders over the last 60 days, in every state the clerk's order list filters by
    expect(await total(clerk, '/api/orders?pageSize=1')).toBeGreaterThanOrEqual(140);
    const byStatus: Record<string, number> = {};
    for (const s of ['submitted', 'returned', 'confirmed', 'partially_shipped', 'shipped', 'delivered', 'completed', 'void']) byStatus[s] = await total(clerk, `/api/orders?pageSize=1&status=${s}`);
    expect(byStatus).toMatchObject({ returned: 1, void: 1 });
    for (const s of ['submitted', 'confirmed', 'partially_shipped', 'shipped', 'delivered', 'completed']) expect(byStatus[s], s).toBeGreaterThan(0);
    const finance = await t.login('gaoyan', DEMO_PASSWORD);
    expect(await total(finance, '/api/orders?pageSize=1&pendingReview=finance')).toBeGreaterThan(0);
    const orders = await t.db.selectFrom('salesOrders').select(['orderType', 'status', 'paymentReceived', 'totalAmount', 'creditOverrideReason', 'businessDate', 'priceConcession']).where('companyId', '=', demo.companyId).execute();
    // a few 直销 orders under the price list (a shop's 3 % off), which finance checks
    expect(orders.filter((o) => o.priceConcession > 0 && o.orderType === 'direct').length).toBeGreaterThan(0);
    expect(new Set(orders.map((o) => o.orderType))).toEqual(new Set(['direct', 'wholesale', 'regional', 'supermarket']));
    expect(orders.filter((o) => o.creditOverrideReason)).toHaveLength(1);
    expect(orders.some((o) => o.orderType === 'regional' && o.paymentReceived >= o.totalAmount && ['shipped', 'partially_shipped', 'delivered', 'completed'].includes(o.status))).toBe(true);
    expect(new Set(orders.map((o) => o.businessDate)).size).toBeGreaterThan(30);
    const returned = await t.db.selectFrom('salesOrderReviews').select(['reason']).where('companyId', '=', demo.companyId).where('decision', '=', 'returned').execute();
    expect(returned).toHaveLength(1);
    expect(returned[0]!.reason).toBeTruthy();

    // stock: the table equals the ledger; low stock and batches expiring within 30 days show
    const check = await clerk.get('/api/stock/check');
    expect(check.body).toMatchObject({ ok: true, differences: [] });
    expect(await total(clerk, '/api/stock/alerts/low?pageSize=5')).toBeGreaterThan(0);
    expect(await total(clerk, '/api/stock/alerts/expiring?pageSize=5')).toBeGreaterThan(0);
    // the clerk raised purchase requests from the replenishment suggestions; one is already ordered
    const requests = await t.db.selectFrom('purchaseRequests').select(['status', 'sourceType']).where('companyId', '=', demo.companyId).execute();
    expect(requests.length).toBeGreaterThan(1);
    expect(new Set(requests.map((r) => r.status))).toEqual(new Set(['open', 'ordered']));
    expect(requests.every((r) => r.sourceType === 'replenishment')).toBe(true);

    // slips: waiting for the warehouse, signed, out with drivers, posted; the voided one is still listed with its reason
    for (const s of ['issued', 'signed', 'delivered', 'posted']) expect(await total(clerk, `/api/slips?pageSize=1&status=${s}`), s).toBeGreaterThan(0);
    const voided = await clerk.get('/api/slips?status=void');
    expect(voided.body.total).toBe(1);
    expect(voided.body.items[0]).toMatchObject({ status: 'void', voidReason: expect.stringContaining('作废') });
    expect(voided.body.items[0].number).toMatch(/^XS-/);
    const detail = await clerk.get(`/api/slips/${voided.body.items[0].id}`);
    expect(detail.status).toBe(200);
    const signedSlip = (await clerk.get('/api/slips?pageSize=1&status=signed')).body.items[0];
    const signed = (await clerk.get(`/api/slips/${signedSlip.id}`)).body;
    expect([signed.signatures.keeper.name, signed.signatures.preparer.name, signed.signatures.handler.userId]).toEqual(['罗刚', '何雪', signed.handlerId]);
    expect(signed.codeProgress.every((p: { scanned: number; quantity: number }) => p.scanned === p.quantity)).toBe(true);
    // one driver's day reconciled: the cash came back 50 元 short
    // (the others are the old system's months carried over, all settled before today: demo-history.ts)
    const recs = await clerk.get('/api/slip-reconciliations?pageSize=100');
    const ofToday = recs.body.items.filter((r: { businessDate: string }) => r.businessDate === businessDate());
    expect(ofToday).toHaveLength(1);
    expect(ofToday[0]).toMatchObject({ status: 'settled', driverName: '李建华', cashDifference: -5000 });
    expect(recs.body.items.every((r: { status: string }) => r.status === 'settled')).toBe(true);
    // a rep sees only her own orders
    const lina = await t.db.selectFrom('users').select('id').where('username', '=', 'lina').executeTakeFirstOrThrow();
    const mine = await (await t.login('lina', DEMO_PASSWORD)).get('/api/orders?pageSize=200');
    expect(mine.body.total).toBeGreaterThan(0);
    expect(mine.body.items.every((o: { ownerId: number }) => o.ownerId === lina.id)).toBe(true);
  });

  it('has holds 留货 in every state: a special price and an extension for managers to decide, one converted into an order', async () => {
    const company = await t.db.selectFrom('companies').select('id').where('code', '=', DEMO_CODE).executeTakeFirstOrThrow();
    const holds = await t.db.selectFrom('holds').select(['status', 'orderId']).where('companyId', '=', company.id).execute();
    expect(holds.map((h) => h.status).sort()).toEqual(['converted', 'firm', 'firm', 'held', 'released']);
    expect(holds.find((h) => h.status === 'converted')!.orderId).not.toBeNull();
    const zhangwei = await t.login('zhangwei', DEMO_PASSWORD);
    const pending = await zhangwei.get('/api/holds?pending=1');
    expect(pending.body.items.map((h: { status: string }) => h.status).sort()).toEqual(['firm', 'held']);
    // the holds' reservations are in the stock levels' reserved figures
    const check = await zhangwei.get('/api/stock/check');
    expect(check.body).toMatchObject({ ok: true, differences: [] });
  });

  it('has eight months of credit sales carried over from the old system: money in the aging buckets, customers overdue, consistent as at past dates', async () => {
    const finance = await t.login('gaoyan', DEMO_PASSWORD);
    const today = businessDate();
    const report = (await finance.get('/api/receivables/aging?pageSize=200')).body;
    expect(report.totals.overdue).toBeGreaterThan(0);
    expect(report.totals.buckets.filter((b: number) => b > 0).length).toBeGreaterThanOrEqual(3);
    expect(report.totals.maxDaysOverdue).toBeGreaterThan(90);
    const overdueCustomers = report.items.filter((r: { overdue: number; maxDaysOverdue: number }) => r.overdue > 0 && r.maxDaysOverdue >= 30);
    expect(overdueCustomers.length).toBeGreaterThanOrEqual(5);
    // the slips: credit terms, dated over the months before today, numbered in their own month, gap-free per month
    const slips = await t.db.selectFrom('salesSlips').select(['id', 'number', 'businessDate', 'paymentTerm', 'totalAmount', 'returnedAmount', 'customerId', 'status'])
      .where('companyId', '=', demo.companyId).where('remarks', 'like', '旧系统结转%').orderBy('id').execute();
    expect(slips.length).toBeGreaterThanOrEqual(60);
    expect(slips.every((s) => s.status === 'posted' && s.paymentTerm !== 'cash' && s.businessDate < today)).toBe(true);
    expect(new Set(slips.map((s) => s.businessDate.slice(0, 7))).size).toBeGreaterThanOrEqual(7);
    expect(slips.every((s) => s.number!.startsWith(`XS-${s.businessDate.slice(0, 4)}${s.businessDate.slice(5, 7)}-`))).toBe(true);
    const all = await t.db.selectFrom('salesSlips').select('number').where('companyId', '=', demo.companyId).where('number', 'is not', null).execute();
    const byMonth = new Map<string, number[]>();
    for (const { number } of all) byMonth.set(number!.slice(0, 9), [...(byMonth.get(number!.slice(0, 9)) ?? []), Number(number!.slice(10))]);
    for (const [month, seqs] of byMonth) expect(seqs.sort((a, b) => a - b), month).toEqual(seqs.map((_, i) => i + 1));
    // their open items: dated as the slips, due by the receivables module's own rule and the customer's terms
    const items = await t.db.selectFrom('receivableItems').select(['docId', 'docDate', 'dueDate', 'docNumber']).where('companyId', '=', demo.companyId).where('docType', '=', 'sales_slip').where('docId', 'in', slips.map((s) => s.id)).execute();
    expect(items).toHaveLength(slips.length);
    const { creditTermsOf } = await import('../../src/modules/receivables/ledger.ts');
    const { dueDateOf } = await import('../../src/modules/receivables/due-dates.ts');
    for (const s of slips) {
      const it = items.find((i) => i.docId === s.id)!;
      expect([it.docDate, it.docNumber, it.dueDate]).toEqual([s.businessDate, s.number, dueDateOf(s.paymentTerm, s.businessDate, await creditTermsOf(t.db, demo.companyId, s.customerId!))]);
    }
    // as at past dates, each of these customers' aging equals aging recomputed from its slips and allocations
    const { recompute } = await import('../../src/modules/receivables/test-helpers.ts');
    const customerIds = [...new Set(slips.map((s) => s.customerId!))].slice(0, 6);
    const allocations = await t.db.selectFrom('receiptAllocations').select(['targetId', 'amount', 'allocatedAt', 'reversedAt', 'customerId']).where('companyId', '=', demo.companyId).where('customerId', 'in', customerIds).where('targetType', '=', 'sales_slip').execute();
    expect(allocations.length).toBeGreaterThan(0);
    const posted = await t.db.selectFrom('salesSlips').select(['id', 'businessDate', 'paymentTerm', 'totalAmount', 'returnedAmount', 'customerId']).where('companyId', '=', demo.companyId).where('status', '=', 'posted').where('customerId', 'in', customerIds).execute();
    for (const D of [200, 120, 60, 20, 0].map((d) => addDays(today, -d))) {
      const past = (await finance.get(`/api/receivables/aging?pageSize=200&asAt=${D}`)).body;
      for (const id of customerIds) {
        const want = recompute(posted.filter((s) => s.customerId === id), allocations.filter((a) => a.customerId === id), D);
        const row = past.items.find((r: { id: number }) => r.id === id);
        expect({ D, id, total: row?.total ?? 0, notDue: row?.notDue ?? 0, buckets: row?.buckets ?? [0, 0, 0, 0, 0, 0] }).toEqual({ D, id, total: want.total, notDue: want.notDue, buckets: want.buckets });
      }
    }
    // the calls of those months: promises kept and broken, judged by the overnight job
    const promises = await t.db.selectFrom('dunningActions').select(['promiseStatus', 'actionDate']).where('companyId', '=', demo.companyId).where('actionDate', '<', addDays(today, -7)).execute();
    expect(promises.filter((p) => p.promiseStatus === 'broken').length).toBeGreaterThanOrEqual(2);
    expect(promises.filter((p) => p.promiseStatus === 'kept').length).toBeGreaterThanOrEqual(2);
    // the dunning worklist has customers overdue for weeks and months
    const work = (await finance.get('/api/collections/worklist?pageSize=100')).body;
    expect(work.items.filter((r: { maxDaysOverdue: number }) => r.maxDaysOverdue > 30).length).toBeGreaterThanOrEqual(5);
  });

  it('loads the same names and codes every time, and only once per database', async () => {
    let other: DbHandle | null = null;
    try {
      other = await createTestDb();
      const again = await loadDemo(other.db);
      const a = (await customersOf(t.db, demo.companyId)).map((c) => [c.code, c.name]);
      const b = (await customersOf(other.db, again.companyId)).map((c) => [c.code, c.name]);
      expect(b).toEqual(a);
    } finally {
      await other?.close();
    }
    const second = await loadDemo(t.db);
    expect(second.created).toBe(false);
    expect(await customersOf(t.db, demo.companyId)).toHaveLength(2000);
  }, 480_000); // the whole demo (sales, finance, collections) on a busy PostgreSQL

  it('lets a demo rep log in with the printed password and shows only their own customers', async () => {
    const lina = await t.db.selectFrom('users').select('id').where('username', '=', 'lina').executeTakeFirstOrThrow();
    const c = await t.login('lina', DEMO_PASSWORD);
    const me = await c.get('/api/auth/me');
    expect(me.body.company.id).toBe(demo.companyId);
    expect(me.body.role.code).toBe('rep');
    const mine = (await customersOf(t.db, demo.companyId)).filter((x) => x.ownerId === lina.id);
    expect(mine.length).toBeGreaterThan(50);
    const list = await c.get(`/api/customers?pageSize=200`);
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(mine.length);
    expect(list.body.items.every((i: { ownerId: number }) => i.ownerId === lina.id)).toBe(true);
    // another rep's customer is not found for her
    const someoneElses = (await customersOf(t.db, demo.companyId)).find((x) => x.ownerId !== null && x.ownerId !== lina.id)!;
    expect((await c.get(`/api/customers/${someoneElses.id}`)).status).toBe(404);
    // and her manager sees the whole 直销部
    const manager = await t.login('zhangwei', DEMO_PASSWORD);
    const deptList = await manager.get('/api/customers?pageSize=1');
    expect(deptList.body.total).toBeGreaterThan(mine.length);
  });
});
