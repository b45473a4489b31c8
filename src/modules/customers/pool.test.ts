import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/fixtures/app.ts';
import { makeCompany, makeDepartment, makeUser, type TestCompany, type TestUser } from '../../../test/fixtures/factories.ts';
import { runExclusive } from '../../platform/jobs/jobs.ts';
import { appJobs } from '../../server/jobs.ts';
import { daysAgo, makeCustomer, makeCustomers, setPoolSettings } from './ownership.fixtures.ts';
import { returnStaleCustomersToPool } from './pool.ts';

let t: TestApp;
let company: TestCompany;
beforeAll(async () => {
  t = await createTestApp();
  company = await makeCompany(t.db);
});
afterAll(() => t.close());

const MIN = 60_000;

describe('the pool job (公海规则)', () => {
  it('moves exactly the customers the rule names, around the N and M day boundaries, and a second run moves nothing', async () => {
    const now = new Date('2026-11-20T02:00:00.000Z');
    const co = await makeCompany(t.db);
    await setPoolSettings(t.db, co.id, { noFollowupDays: 30, noDealDays: 90 });
    const rep1 = await makeUser(t.db, co, { displayName: '王一' });
    const rep2 = await makeUser(t.db, co, { displayName: '李二' });
    const old = daysAgo(now, 400);
    const own = (ownerId: number, o: Parameters<typeof makeCustomer>[2]) => makeCustomer(t.db, co, { ownerId, createdAt: old, ownerSince: old, ...o }).then((c) => c.id);
    const c = {
      // follow-up rule (N = 30)
      followup29: await own(rep1.id, { lastFollowupAt: daysAgo(now, 29), lastDealAt: daysAgo(now, 10) }),
      followupJustInside: await own(rep1.id, { lastFollowupAt: daysAgo(now, 30, MIN), lastDealAt: daysAgo(now, 10) }),
      followupExactly30: await own(rep1.id, { lastFollowupAt: daysAgo(now, 30), lastDealAt: daysAgo(now, 10) }),
      followupJustOver: await own(rep1.id, { lastFollowupAt: daysAgo(now, 30, -MIN), lastDealAt: daysAgo(now, 10) }),
      followup31: await own(rep2.id, { lastFollowupAt: daysAgo(now, 31), lastDealAt: daysAgo(now, 10) }),
      // deal rule (M = 90)
      deal89: await own(rep1.id, { lastFollowupAt: daysAgo(now, 1), lastDealAt: daysAgo(now, 89) }),
      dealJustInside: await own(rep1.id, { lastFollowupAt: daysAgo(now, 1), lastDealAt: daysAgo(now, 90, MIN) }),
      dealJustOver: await own(rep2.id, { lastFollowupAt: daysAgo(now, 1), lastDealAt: daysAgo(now, 90, -MIN) }),
      both: await own(rep1.id, { lastFollowupAt: daysAgo(now, 100), lastDealAt: daysAgo(now, 100) }),
      // no events: owner_since counts, then created_at
      neverFollowedSince31: await own(rep1.id, { ownerSince: daysAgo(now, 31), lastFollowupAt: null, lastDealAt: null }),
      neverFollowedSince29: await own(rep1.id, { ownerSince: daysAgo(now, 29), createdAt: daysAgo(now, 29), lastFollowupAt: null, lastDealAt: null }),
      noOwnerSinceCreated31: await own(rep2.id, { ownerSince: null, createdAt: daysAgo(now, 31), lastFollowupAt: null, lastDealAt: null }),
      noOwnerSinceCreated29: await own(rep2.id, { ownerSince: null, createdAt: daysAgo(now, 29), lastFollowupAt: null, lastDealAt: null }),
      // just claimed / received: the old owner's stale dates do not count against the new owner
      claimedYesterday: await own(rep2.id, { ownerSince: daysAgo(now, 1), lastFollowupAt: daysAgo(now, 60), lastDealAt: daysAgo(now, 200) }),
      dealClockSince89: await own(rep2.id, { ownerSince: daysAgo(now, 89), lastFollowupAt: daysAgo(now, 2), lastDealAt: daysAgo(now, 300) }),
    };
    const inPool = await makeCustomer(t.db, co, { ownerId: null, createdAt: old, poolEnteredAt: daysAgo(now, 5) });
    const otherCompany = await makeCompany(t.db);
    const otherRep = await makeUser(t.db, otherCompany);
    const elsewhere = await makeCustomer(t.db, otherCompany, { ownerId: otherRep.id, createdAt: old, ownerSince: old, lastFollowupAt: old });

    const result = await returnStaleCustomersToPool(t.db, co.id, now);

    const expected = [c.followupJustOver, c.followup31, c.dealJustOver, c.both, c.neverFollowedSince31, c.noOwnerSinceCreated31].sort((a, b) => a - b);
    const moves = await t.db.selectFrom('customerMoves').selectAll().where('companyId', '=', co.id).where('kind', '=', 'auto_pool').orderBy('customerId').execute();
    expect(moves.map((m) => m.customerId)).toEqual(expected);
    expect(result).toEqual({ moved: 6, byFollowup: 5, byDeal: 2 });
    const pooled = await t.db.selectFrom('customers').select(['id', 'ownerId', 'previousOwnerId', 'poolEnteredAt']).where('companyId', '=', co.id).where('ownerId', 'is', null).orderBy('id').execute();
    expect(pooled.map((p) => p.id)).toEqual([...expected, inPool.id].sort((a, b) => a - b));
    const byId = new Map(moves.map((m) => [m.customerId, m]));
    expect(byId.get(c.followup31)).toMatchObject({ fromUserId: rep2.id, toUserId: null, reason: '超过 30 天未跟进', byUserId: null, at: now.toISOString() });
    expect(byId.get(c.dealJustOver)!.reason).toBe('超过 90 天未成交');
    expect(byId.get(c.both)!.reason).toBe('超过 30 天未跟进；超过 90 天未成交');
    const p = pooled.find((x) => x.id === c.followup31)!;
    expect(p.previousOwnerId).toBe(rep2.id);
    expect(p.poolEnteredAt).toBe(now.toISOString());
    // the other company's stale customer is untouched
    expect((await t.db.selectFrom('customers').select('ownerId').where('id', '=', elsewhere.id).executeTakeFirstOrThrow()).ownerId).toBe(otherRep.id);

    const audit = await t.db.selectFrom('auditLog').selectAll().where('companyId', '=', co.id).where('action', '=', 'customer.auto_pool').execute();
    expect(audit.map((a) => a.entityId).sort((a, b) => a! - b!)).toEqual(expected);
    expect(JSON.parse(audit.find((a) => a.entityId === c.followup31)!.before!)).toEqual({ ownerId: rep2.id });
    const notes = await t.db.selectFrom('notifications').selectAll().where('companyId', '=', co.id).where('kind', '=', 'customer.auto_pool').orderBy('userId').execute();
    expect(notes.map((n) => [n.userId, n.title])).toEqual([
      [rep1.id, '3 个客户已退回公海'],
      [rep2.id, '3 个客户已退回公海'],
    ]);

    expect(await returnStaleCustomersToPool(t.db, co.id, now)).toEqual({ moved: 0, byFollowup: 0, byDeal: 0 });
    expect((await t.db.selectFrom('customerMoves').select('id').where('companyId', '=', co.id).execute()).length).toBe(6);
  });

  it('moves thousands in batches, with one notice per old owner for the whole run', async () => {
    const now = new Date('2026-11-20T02:00:00.000Z');
    const co = await makeCompany(t.db);
    const [a, b] = [await makeUser(t.db, co), await makeUser(t.db, co)];
    const old = daysAgo(now, 200);
    await makeCustomers(t.db, co, 1300, { ownerId: a.id, createdAt: old, ownerSince: old, lastFollowupAt: daysAgo(now, 40), lastDealAt: daysAgo(now, 5) });
    await makeCustomers(t.db, co, 1200, { ownerId: b.id, createdAt: old, ownerSince: old, lastFollowupAt: daysAgo(now, 2), lastDealAt: daysAgo(now, 95) });
    await makeCustomers(t.db, co, 100, { ownerId: b.id, createdAt: old, ownerSince: old, lastFollowupAt: daysAgo(now, 2), lastDealAt: daysAgo(now, 5) });
    expect(await returnStaleCustomersToPool(t.db, co.id, now)).toEqual({ moved: 2500, byFollowup: 1300, byDeal: 1200 });
    expect((await t.db.selectFrom('customerMoves').select('id').where('companyId', '=', co.id).where('kind', '=', 'auto_pool').execute()).length).toBe(2500);
    expect((await t.db.selectFrom('auditLog').select('id').where('companyId', '=', co.id).where('action', '=', 'customer.auto_pool').execute()).length).toBe(2500);
    const notes = await t.db.selectFrom('notifications').select(['userId', 'title']).where('companyId', '=', co.id).orderBy('userId').execute();
    expect(notes).toEqual([
      { userId: a.id, title: '1300 个客户已退回公海' },
      { userId: b.id, title: '1200 个客户已退回公海' },
    ]);
    expect((await returnStaleCustomersToPool(t.db, co.id, now)).moved).toBe(0);
  });

  it('follows each company’s own N and M', async () => {
    const now = new Date('2026-11-20T02:00:00.000Z');
    const co = await makeCompany(t.db);
    await setPoolSettings(t.db, co.id, { noFollowupDays: 7, noDealDays: 20 });
    const rep = await makeUser(t.db, co);
    const old = daysAgo(now, 400);
    const eight = await makeCustomer(t.db, co, { ownerId: rep.id, createdAt: old, ownerSince: old, lastFollowupAt: daysAgo(now, 8), lastDealAt: daysAgo(now, 1) });
    const six = await makeCustomer(t.db, co, { ownerId: rep.id, createdAt: old, ownerSince: old, lastFollowupAt: daysAgo(now, 6), lastDealAt: daysAgo(now, 19) });
    const deal21 = await makeCustomer(t.db, co, { ownerId: rep.id, createdAt: old, ownerSince: old, lastFollowupAt: daysAgo(now, 6), lastDealAt: daysAgo(now, 21) });
    expect((await returnStaleCustomersToPool(t.db, co.id, now)).moved).toBe(2);
    const moves = await t.db.selectFrom('customerMoves').select(['customerId', 'reason']).where('companyId', '=', co.id).orderBy('customerId').execute();
    expect(moves).toEqual([
      { customerId: eight.id, reason: '超过 7 天未跟进' },
      { customerId: deal21.id, reason: '超过 20 天未成交' },
    ]);
    expect((await t.db.selectFrom('customers').select('ownerId').where('id', '=', six.id).executeTakeFirstOrThrow()).ownerId).toBe(rep.id);
  });

  it('is registered as the customers.pool job and runs for every active company', async () => {
    const job = appJobs().find((j) => j.name === 'customers.pool')!;
    expect(job.everyMs).toBe(3_600_000);
    const co = await makeCompany(t.db);
    const rep = await makeUser(t.db, co);
    const stale = await makeCustomer(t.db, co, { ownerId: rep.id, createdAt: daysAgo(new Date(), 100), ownerSince: daysAgo(new Date(), 100) });
    expect(await runExclusive(t.db, job)).toBe(true);
    expect((await t.db.selectFrom('customers').select('ownerId').where('id', '=', stale.id).executeTakeFirstOrThrow()).ownerId).toBeNull();
    const lock = await t.db.selectFrom('jobLocks').selectAll().where('name', '=', 'customers.pool').executeTakeFirstOrThrow();
    expect(lock.lastResult).toMatch(/^returned \d+ customers to the pool/);
  });
});

describe('claiming from the pool (领取)', () => {
  let reps: TestUser[];
  beforeAll(async () => {
    await setPoolSettings(t.db, company.id, { claimLimit: 3, reclaimBlockDays: 30 });
    reps = [await makeUser(t.db, company, { displayName: '赵六' }), await makeUser(t.db, company, { displayName: '孙七' })];
  });

  it('lists the pool with search by pinyin, why and when each entered, and the previous owner', async () => {
    const rep = await makeUser(t.db, company, { displayName: '周八' });
    const cust = await makeCustomer(t.db, company, { name: '昆明滇池酒业', ownerId: rep.id, province: '云南', city: '昆明', classification: 'formal' });
    const c = await t.login(rep);
    expect((await c.post(`/api/customers/${cust.id}/release`, { reason: '客户已转行' })).status).toBe(200);
    const other = await t.login(reps[0]);
    const list = await other.get('/api/customers/pool?q=kmdc&city=昆明');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({ id: cust.id, name: '昆明滇池酒业', poolReason: '客户已转行', poolKind: 'release', previousOwnerName: '周八', classification: 'formal' });
    expect(list.body.items[0].poolEnteredAt).toBeTruthy();
    expect((await other.get('/api/customers/pool?q=kmdc&classification=vip')).body.total).toBe(0);
    const settings = await other.get('/api/customers/ownership-settings');
    expect(settings.body).toMatchObject({ claimLimit: 3, reclaimBlockDays: 30, noFollowupDays: 30, noDealDays: 90, owned: 0 });
    expect(settings.body.ownershipRule).toContain('先录入者优先');
  });

  it('gives a pool customer to the claiming rep, with a move and an audit entry', async () => {
    const cust = await makeCustomer(t.db, company, { ownerId: null });
    const c = await t.login(reps[0]);
    const res = await c.post(`/api/customers/${cust.id}/claim`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: cust.id, ownerId: reps[0].id, owned: 1, claimLimit: 3 });
    const row = await t.db.selectFrom('customers').selectAll().where('id', '=', cust.id).executeTakeFirstOrThrow();
    expect(row.ownerId).toBe(reps[0].id);
    expect(row.ownerSince).toBe(res.body.ownerSince);
    expect(row.poolEnteredAt).toBeNull();
    const moves = await c.get(`/api/customers/${cust.id}/moves`);
    expect(moves.body).toHaveLength(1);
    expect(moves.body[0]).toMatchObject({ kind: 'claim', toUserId: reps[0].id, toUserName: '赵六', byUserName: '赵六' });
    const audit = await t.db.selectFrom('auditLog').selectAll().where('action', '=', 'customer.claim').where('entityId', '=', cust.id).execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].after!).ownerId).toBe(reps[0].id);
  });

  it('refuses a claim beyond the claim limit, with the figures', async () => {
    const rep = await makeUser(t.db, company);
    for (let i = 0; i < 3; i++) await makeCustomer(t.db, company, { ownerId: rep.id });
    const cust = await makeCustomer(t.db, company, { ownerId: null });
    const c = await t.login(rep);
    const res = await c.post(`/api/customers/${cust.id}/claim`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('POOL_CLAIM_LIMIT');
    expect(res.body.error.message).toBe('您名下已有 3 个客户，达到领取上限 3 个，不能再从公海领取');
    expect((await t.db.selectFrom('customers').select('ownerId').where('id', '=', cust.id).executeTakeFirstOrThrow()).ownerId).toBeNull();
  });

  it('lets the rep claim again once under the limit', async () => {
    const rep = await makeUser(t.db, company);
    const mine = [];
    for (let i = 0; i < 3; i++) mine.push(await makeCustomer(t.db, company, { ownerId: rep.id }));
    const a = await makeCustomer(t.db, company, { ownerId: null });
    const c = await t.login(rep);
    expect((await c.post(`/api/customers/${a.id}/claim`)).status).toBe(409);
    expect((await c.post(`/api/customers/${mine[0].id}/release`, { reason: '无合作意向' })).status).toBe(200);
    expect((await c.post(`/api/customers/${a.id}/claim`)).status).toBe(200);
  });

  it('blocks reclaiming a customer the rep lost for K days, saying until when', async () => {
    const rep = await makeUser(t.db, company);
    const cust = await makeCustomer(t.db, company, { ownerId: rep.id });
    const c = await t.login(rep);
    expect((await c.post(`/api/customers/${cust.id}/release`, { reason: '暂不跟进' })).status).toBe(200);
    const res = await c.post(`/api/customers/${cust.id}/claim`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('POOL_RECLAIM_BLOCKED');
    const move = await t.db.selectFrom('customerMoves').select(['id', 'at']).where('customerId', '=', cust.id).where('kind', '=', 'release').executeTakeFirstOrThrow();
    const until = new Date(new Date(move.at).getTime() + 30 * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);
    expect(res.body.error.message).toContain(`30 天内不能重新领取，请于 ${until} 之后再领`);
    const otherRep = await makeUser(t.db, company);
    // 31 days after losing it, the rep may claim it again
    await t.db.updateTable('customerMoves').set({ at: daysAgo(new Date(), 31) }).where('id', '=', move.id).execute();
    expect((await c.post(`/api/customers/${cust.id}/claim`)).status).toBe(200);
    expect((await (await t.login(otherRep)).post(`/api/customers/${cust.id}/claim`)).body.error.code).toBe('POOL_ALREADY_CLAIMED');
  });

  it('blocks reclaiming a customer the pool job took from the rep', async () => {
    const co = await makeCompany(t.db);
    await setPoolSettings(t.db, co.id, { reclaimBlockDays: 15 });
    const rep = await makeUser(t.db, co);
    const cust = await makeCustomer(t.db, co, { ownerId: rep.id, createdAt: daysAgo(new Date(), 100), ownerSince: daysAgo(new Date(), 100) });
    await returnStaleCustomersToPool(t.db, co.id, new Date());
    const res = await (await t.login(rep)).post(`/api/customers/${cust.id}/claim`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('POOL_RECLAIM_BLOCKED');
    expect(res.body.error.message).toContain('15 天内不能重新领取');
  });

  it('gives one winner and one 409 when two reps claim the same customer at once', async () => {
    const cust = await makeCustomer(t.db, company, { ownerId: null });
    const a = await makeUser(t.db, company, { displayName: '甲' });
    const b = await makeUser(t.db, company, { displayName: '乙' });
    const [ca, cb] = [await t.login(a), await t.login(b)];
    const results = await Promise.all([ca.post(`/api/customers/${cust.id}/claim`), cb.post(`/api/customers/${cust.id}/claim`)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.body.error.code).toBe('POOL_ALREADY_CLAIMED');
    const winner = results.find((r) => r.status === 200)!.body.ownerId;
    expect(loser.body.error.message).toContain(winner === a.id ? '甲' : '乙');
    const moves = await t.db.selectFrom('customerMoves').selectAll().where('customerId', '=', cust.id).execute();
    expect(moves).toHaveLength(1);
    expect(moves[0].toUserId).toBe(winner);
  });

  it('keeps the claim limit when one rep claims several customers at once', async () => {
    const rep = await makeUser(t.db, company);
    await makeCustomer(t.db, company, { ownerId: rep.id });
    await makeCustomer(t.db, company, { ownerId: rep.id });
    const free = await Promise.all([1, 2, 3, 4].map(() => makeCustomer(t.db, company, { ownerId: null })));
    const c = await t.login(rep);
    const results = await Promise.all(free.map((f) => c.post(`/api/customers/${f.id}/claim`)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'POOL_CLAIM_LIMIT')).toBe(true);
    expect(Number((await t.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).where('ownerId', '=', rep.id).executeTakeFirstOrThrow()).n)).toBe(3);
  });

  it('lets only the owner release, and hides other reps’ customers (404)', async () => {
    const dept = await makeDepartment(t.db, company);
    const owner = await makeUser(t.db, company, { departmentId: dept });
    const stranger = await makeUser(t.db, company, { departmentId: dept });
    const manager = await makeUser(t.db, company, { roleCode: 'manager', departmentId: dept });
    const cust = await makeCustomer(t.db, company, { ownerId: owner.id });
    expect((await (await t.login(stranger)).post(`/api/customers/${cust.id}/release`, { reason: 'x' })).status).toBe(404);
    expect((await (await t.login(stranger)).get(`/api/customers/${cust.id}/moves`)).status).toBe(404);
    const m = await (await t.login(manager)).post(`/api/customers/${cust.id}/release`, { reason: 'x' });
    expect(m.status).toBe(409);
    expect(m.body.error.code).toBe('POOL_NOT_OWNER');
    const noReason = await (await t.login(owner)).post(`/api/customers/${cust.id}/release`, { reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields[0].path).toBe('reason');
    expect((await (await t.login(manager)).get(`/api/customers/${cust.id}/moves`)).status).toBe(200);
  });

  it('refuses the pool to users without pool.claim', async () => {
    const keeper = await makeUser(t.db, company, { roleCode: 'warehouse' });
    const c = await t.login(keeper);
    expect((await c.get('/api/customers/pool')).status).toBe(403);
    const cust = await makeCustomer(t.db, company, { ownerId: null });
    expect((await c.post(`/api/customers/${cust.id}/claim`)).status).toBe(403);
    // the written rule is company policy: every member may read it
    expect((await c.get('/api/customers/ownership-settings')).body).toMatchObject({ claimLimit: 3, owned: 0 });
  });
});
