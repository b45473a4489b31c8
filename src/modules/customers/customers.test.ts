import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/fixtures/app.ts';
import { makeCompany, makeDepartment, makeUser, type TestCompany, type TestUser } from '../../../test/fixtures/factories.ts';
import { listTuning } from './repo.ts';

let t: TestApp;
let company: TestCompany;
let seq = 0;
const uniq = () => `${Date.now().toString(36).slice(-4)}${++seq}`;

/** A valid customer body with overrides; names and phones unique per call unless given. */
function body(over: Record<string, unknown> = {}) {
  const n = uniq();
  return {
    name: `测试客户${n}商贸有限公司`,
    classification: 'formal',
    source: 'web',
    province: '云南省',
    city: '昆明市',
    contacts: [{ name: '李四', phone: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`, position: '采购', isPrimary: true }],
    addresses: [{ label: '仓库', address: '盘龙区北京路 1 号', receiver: '李四', isDefault: true }],
    tags: ['重点'],
    ...over,
  };
}

beforeAll(async () => {
  t = await createTestApp();
  company = await makeCompany(t.db);
});
afterAll(() => t.close());

async function rep(displayName?: string, departmentId?: number): Promise<{ user: TestUser; c: Client }> {
  const user = await makeUser(t.db, company, { roleCode: 'rep', displayName, departmentId });
  return { user, c: await t.login(user) };
}

describe('create and read', () => {
  it('creates a customer with number, contacts, addresses, tags, owner = creator, a create move and an audit entry', async () => {
    const { user, c } = await rep('王五');
    const res = await c.post('/api/customers', body({ name: '昆明华东贸易有限公司', taxId: '91530100 mA6k1234x5', invoiceTitle: '昆明华东贸易有限公司', invoiceBank: '工商银行', invoiceAccount: '2502 0000 1111' }));
    expect(res.status).toBe(200);
    const cu = res.body;
    expect(cu.code).toMatch(/^KH\d{4}\d{6}$/);
    expect(cu.ownerId).toBe(user.id);
    expect(cu.ownerName).toBe('王五');
    expect(cu.taxId).toBe('91530100MA6K1234X5');
    expect(cu.contacts).toHaveLength(1);
    expect(cu.contacts[0]).toMatchObject({ name: '李四', position: '采购', isPrimary: true });
    expect(cu.addresses[0]).toMatchObject({ address: '盘龙区北京路 1 号', isDefault: true });
    expect(cu.tags).toEqual(['重点']);
    expect(cu.credit).toBeNull();
    expect(cu.referralCount).toBe(0);
    const got = await c.get(`/api/customers/${cu.id}`);
    expect(got.status).toBe(200);
    expect(got.body.invoiceBank).toBe('工商银行');
    const moves = await t.db.selectFrom('customerMoves').selectAll().where('customerId', '=', cu.id).execute();
    expect(moves).toEqual([expect.objectContaining({ kind: 'create', toUserId: user.id, byUserId: user.id })]);
    const audit = await t.db.selectFrom('auditLog').selectAll().where('entity', '=', 'customer').where('entityId', '=', cu.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['customer.create']);
  });

  it('refuses bad input with field paths', async () => {
    const { c } = await rep();
    const res = await c.post('/api/customers', { name: '', classification: 'gold', contacts: [{ name: 'x', phone: 'abc', email: 'nope' }] });
    expect(res.status).toBe(400);
    const paths = res.body.error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'classification', 'contacts.0.phone', 'contacts.0.email']));
  });

  it('counts referrals: customers referred by a customer', async () => {
    const { c } = await rep();
    const a = (await c.post('/api/customers', body())).body;
    const b = await c.post('/api/customers', body({ referredByCustomerId: a.id, source: 'referral' }));
    expect(b.status).toBe(200);
    expect(b.body.referredByName).toBe(a.name);
    expect((await c.get(`/api/customers/${a.id}`)).body.referralCount).toBe(1);
    const bad = await c.post('/api/customers', body({ referredByCustomerId: 999999 }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('referredByCustomerId');
  });
});

describe('duplicates', () => {
  it('catches the same name in full-width/half-width and with or without the company suffix, naming the owner', async () => {
    const { c } = await rep('赵六');
    const first = await c.post('/api/customers', body({ name: 'ABC食品（集团）有限公司' }));
    expect(first.status).toBe(200);
    const { c: other } = await rep('钱七');
    for (const name of ['ＡＢＣ食品', 'abc 食品 有限公司', 'ABC食品集团', 'ａｂｃ食品(集团)股份有限公司']) {
      const res = await other.post('/api/customers', body({ name }));
      expect(res.status, name).toBe(409);
      expect(res.body.error.code).toBe('DUPLICATE_CUSTOMER');
      expect(res.body.error.message).toContain('ABC食品（集团）有限公司');
      expect(res.body.error.message).toContain(first.body.code);
      expect(res.body.error.message).toContain('赵六');
      expect(res.body.error.fields[0].path).toBe('name');
    }
    // a branch is its own customer
    expect((await other.post('/api/customers', body({ name: 'ABC食品昆明分公司' }))).status).toBe(200);
  });

  it('catches the same phone written with +86 and spaces, pointing at the contact', async () => {
    const { c } = await rep();
    await c.post('/api/customers', body({ contacts: [{ name: '甲', phone: '13812345678' }] }));
    const { c: other } = await rep();
    const res = await other.post('/api/customers', body({ contacts: [{ name: '乙', phone: '13900000000' }, { name: '丙', phone: '+86 138 1234 5678' }] }));
    expect(res.status).toBe(409);
    expect(res.body.error.fields[0].path).toBe('contacts.1.phone');
    expect(res.body.error.message).toContain('电话');
  });

  it('catches the same tax id in another spelling', async () => {
    const { c } = await rep();
    await c.post('/api/customers', body({ taxId: '91530100MA6K0000AB' }));
    const { c: other } = await rep();
    const res = await other.post('/api/customers', body({ taxId: '91530100 ma6k0000ab' }));
    expect(res.status).toBe(409);
    expect(res.body.error.fields[0].path).toBe('taxId');
  });

  it('says 公海 when the existing customer is in the pool, and check-duplicates shows who owns it', async () => {
    const { user, c } = await rep('孙八');
    const cu = (await c.post('/api/customers', body({ name: '公海测试酒行' }))).body;
    const { c: other } = await rep();
    const live = await other.post('/api/customers/check-duplicates', { name: '公海测试酒行有限公司' });
    expect(live.status).toBe(200);
    expect(live.body.duplicates).toEqual([{ field: 'name', path: 'name', customerId: cu.id, code: cu.code, name: '公海测试酒行', ownerId: user.id, ownerName: '孙八' }]);
    await t.db.updateTable('customers').set({ ownerId: null }).where('id', '=', cu.id).execute();
    const res = await other.post('/api/customers', body({ name: '公海测试酒行' }));
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('公海');
  });

  it('concurrent creation of the same customer by two reps yields one customer', async () => {
    const { c: a } = await rep();
    const { c: b } = await rep();
    const name = `并发客户${uniq()}有限公司`;
    const results = await Promise.all([a.post('/api/customers', body({ name })), b.post('/api/customers', body({ name: name.replace('有限公司', '') }))]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.error.code).toBe('DUPLICATE_CUSTOMER');
    const rows = await t.db.selectFrom('customers').select('id').where('companyId', '=', company.id).where('name', 'like', `${name.slice(0, 8)}%`).execute();
    expect(rows).toHaveLength(1);
  });

  it('concurrent creation with the same phone (no unique index) still yields one customer', async () => {
    const { c: a } = await rep();
    const { c: b } = await rep();
    const phone = `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const results = await Promise.all([
      a.post('/api/customers', body({ contacts: [{ name: '甲', phone }] })),
      b.post('/api/customers', body({ contacts: [{ name: '乙', phone: `+86 ${phone}` }] })),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const rows = await t.db.selectFrom('customerContacts').select('id').where('phoneNorm', '=', phone).execute();
    expect(rows).toHaveLength(1);
  });
});

describe('scope', () => {
  it('a rep cannot read, update, follow up or see the history of another rep customer (404, nothing leaked)', async () => {
    const { c: owner } = await rep();
    const cu = (await owner.post('/api/customers', body())).body;
    const { c: other } = await rep();
    for (const res of [
      await other.get(`/api/customers/${cu.id}`),
      await other.put(`/api/customers/${cu.id}`, { ...body(), version: cu.version }),
      await other.post(`/api/customers/${cu.id}/followups`, { type: 'call', content: '偷偷跟进' }),
      await other.get(`/api/customers/${cu.id}/followups`),
      await other.get(`/api/customers/${cu.id}/history`),
    ]) {
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain(cu.name);
    }
    const list = await other.get(`/api/customers?q=${encodeURIComponent(cu.name.slice(0, 6))}`);
    expect(list.body.items.map((i: { id: number }) => i.id)).not.toContain(cu.id);
    expect((await t.db.selectFrom('customerFollowups').select('id').where('customerId', '=', cu.id).execute()).length).toBe(0);
  });

  it('a rep cannot set credit (403) and cannot give a new customer to someone else', async () => {
    const { user, c } = await rep();
    const cu = (await c.post('/api/customers', body())).body;
    expect((await c.put(`/api/customers/${cu.id}/credit`, { rating: 'A', creditLimit: 100, paymentTerms: ['cash'], checkedAt: '2026-11-01' })).status).toBe(403);
    const { user: other } = await rep();
    const res = await c.post('/api/customers', body({ ownerId: other.id }));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('OWNER_NOT_ALLOWED');
    expect((await c.post('/api/customers', body({ ownerId: user.id }))).status).toBe(200);
  });

  it('a manager sees their department subtree only, and may assign within it', async () => {
    const east = await makeDepartment(t.db, company, { name: '东区' });
    const eastSub = await makeDepartment(t.db, company, { name: '东区一组', parentId: east });
    const west = await makeDepartment(t.db, company, { name: '西区' });
    const manager = await makeUser(t.db, company, { roleCode: 'manager', departmentId: east });
    const { user: subRep, c: subClient } = await rep('东区业务员', eastSub);
    const { c: westClient } = await rep('西区业务员', west);
    const mine = (await subClient.post('/api/customers', body())).body;
    const theirs = (await westClient.post('/api/customers', body())).body;
    const m = await t.login(manager);
    expect((await m.get(`/api/customers/${mine.id}`)).status).toBe(200);
    expect((await m.get(`/api/customers/${theirs.id}`)).status).toBe(404);
    const list = await m.get('/api/customers?pageSize=200');
    const ids = list.body.items.map((i: { id: number }) => i.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    const assigned = await m.post('/api/customers', body({ ownerId: subRep.id }));
    expect(assigned.status).toBe(200);
    expect(assigned.body.ownerId).toBe(subRep.id);
    const westRep = (await t.db.selectFrom('customers').select('ownerId').where('id', '=', theirs.id).executeTakeFirstOrThrow()).ownerId!;
    expect((await m.post('/api/customers', body({ ownerId: westRep }))).status).toBe(400);
  });

  it("another company's customer id is 404 even for its admin", async () => {
    const other = await makeCompany(t.db);
    const stranger = await makeUser(t.db, other, { roleCode: 'admin' });
    const { c } = await rep();
    const cu = (await c.post('/api/customers', body())).body;
    const s = await t.login(stranger);
    expect((await s.get(`/api/customers/${cu.id}`)).status).toBe(404);
    expect((await s.put(`/api/customers/${cu.id}`, { ...body(), version: 1 })).status).toBe(404);
    // but the same name is free in another company
    expect((await s.post('/api/customers', body({ name: cu.name }))).status).toBe(200);
  });
});

describe('update, history and notifications', () => {
  it('updates the file with version check, replaces contacts/addresses/tags, records a diff and shows it in history', async () => {
    const { c } = await rep('周九');
    const cu = (await c.post('/api/customers', body({ contacts: [{ name: '甲', phone: '13000000001' }, { name: '乙', phone: '13000000002' }] }))).body;
    const keep = cu.contacts.find((x: { name: string }) => x.name === '甲');
    const next = {
      ...body({ name: cu.name, classification: 'vip', tags: ['大客户', '酒店'] }),
      contacts: [{ id: keep.id, name: '甲', phone: '13000000001', position: '老板' }, { name: '丙', phone: '13000000003' }],
      version: cu.version,
    };
    const res = await c.put(`/api/customers/${cu.id}`, next);
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(cu.version + 1);
    expect(res.body.classification).toBe('vip');
    expect(res.body.contacts.map((x: { name: string }) => x.name)).toEqual(['甲', '丙']);
    expect(res.body.contacts[0].id).toBe(keep.id);
    expect(res.body.tags).toEqual(['大客户', '酒店']);
    const stale = await c.put(`/api/customers/${cu.id}`, next);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');
    const history = await c.get(`/api/customers/${cu.id}/history`);
    for (const h of history.body.items) Object.assign(h, { before: JSON.parse(h.before ?? 'null'), after: JSON.parse(h.after ?? 'null') });
    expect(history.body.items[0]).toMatchObject({ action: 'customer.update', userName: '周九' });
    expect(history.body.items[0].before.classification).toBe('formal');
    expect(history.body.items[0].after.classification).toBe('vip');
    expect(history.body.items[0].after.name).toBeUndefined();
    expect(history.body.items.at(-1).action).toBe('customer.create');
  });

  it('an update to another customer name refuses a duplicate', async () => {
    const { c } = await rep();
    const a = (await c.post('/api/customers', body())).body;
    const b = (await c.post('/api/customers', body())).body;
    const res = await c.put(`/api/customers/${b.id}`, { ...body({ name: a.name + '有限公司' }), version: b.version });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('DUPLICATE_CUSTOMER');
  });

  it('a follow-up sets last_followup_at, notifies the owner (not the actor), and later changes notify the follower', async () => {
    const { user: owner, c: ownerClient } = await rep('吴十');
    const cu = (await ownerClient.post('/api/customers', body())).body;
    const clerk = await makeUser(t.db, company, { roleCode: 'clerk', displayName: '内勤小陈' });
    const k = await t.login(clerk);
    const f = await k.post(`/api/customers/${cu.id}/followups`, { type: 'visit', content: '上门拜访，客户想要新品报价', contactId: cu.contacts[0].id, nextDate: '2026-01-05' });
    expect(f.status).toBe(200);
    expect(f.body).toMatchObject({ type: 'visit', userName: '内勤小陈', contactName: '李四', nextDate: '2026-01-05' });
    const after = (await ownerClient.get(`/api/customers/${cu.id}`)).body;
    expect(after.lastFollowupAt).toBe(f.body.at);
    const ownerNotes = await t.db.selectFrom('notifications').selectAll().where('userId', '=', owner.id).where('entityId', '=', cu.id).execute();
    expect(ownerNotes).toEqual([expect.objectContaining({ kind: 'customer.changed', entity: 'customer', title: expect.stringContaining('内勤小陈') })]);
    expect(await t.db.selectFrom('notifications').select('id').where('userId', '=', clerk.id).execute()).toHaveLength(0);
    // the owner edits: the clerk who followed up hears of it, the owner does not notify himself
    await ownerClient.put(`/api/customers/${cu.id}`, { ...body({ name: cu.name, contacts: cu.contacts, notes: '改了备注' }), version: after.version });
    const clerkNotes = await t.db.selectFrom('notifications').selectAll().where('userId', '=', clerk.id).where('entityId', '=', cu.id).execute();
    expect(clerkNotes).toHaveLength(1);
    expect(clerkNotes[0].body).toContain('备注');
    expect(await t.db.selectFrom('notifications').select('id').where('userId', '=', owner.id).where('entityId', '=', cu.id).execute()).toHaveLength(1);
    const list = await ownerClient.get(`/api/customers/${cu.id}/followups`);
    expect(list.body.total).toBe(1);
    // the clerk's follow-up with a past next date is due for the clerk
    const due = await k.get('/api/followups/due');
    expect(due.body.items.map((d: { customerId: number }) => d.customerId)).toContain(cu.id);
  });

  it('refuses a follow-up naming another customer contact', async () => {
    const { c } = await rep();
    const a = (await c.post('/api/customers', body())).body;
    const b = (await c.post('/api/customers', body())).body;
    const res = await c.post(`/api/customers/${a.id}/followups`, { type: 'call', content: 'x', contactId: b.contacts[0].id });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('contactId');
  });
});

describe('credit', () => {
  it('saves the credit profile with who and when, audits it, notifies the department manager, and keeps money exact', async () => {
    const dept = await makeDepartment(t.db, company, { name: '信用测试部' });
    const mgr = await makeUser(t.db, company, { roleCode: 'manager', departmentId: dept, displayName: '经理老郑' });
    await t.db.updateTable('departments').set({ managerUserId: mgr.id }).where('id', '=', dept).execute();
    const { c } = await rep('业务员小冯', dept);
    const cu = (await c.post('/api/customers', body())).body;
    const finance = await makeUser(t.db, company, { roleCode: 'finance', displayName: '财务老刘' });
    const f = await t.login(finance);
    const big = 9_007_199_254_740_991; // the largest exact amount: 90 万亿元
    const input = {
      rating: 'B', creditLimit: big, paymentTerms: ['monthly', 'transfer'], prepayRequired: false,
      assets: '自有仓库两处', salesCapacity: '月销 50 万', debts: '无', creditHistory: '按期回款', conclusion: '可给予月结', checkedAt: '2026-11-20',
    };
    const saved = await f.put(`/api/customers/${cu.id}/credit`, input);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ rating: 'B', creditLimit: big, paymentTerms: ['monthly', 'transfer'], checkedBy: finance.id, checkedByName: '财务老刘', checkedAt: '2026-11-20', version: 1, settlementDay: null, creditMonths: null, creditDays: null });
    const got = (await c.get(`/api/customers/${cu.id}`)).body;
    expect(got.credit.creditLimit).toBe(big);
    const note = await t.db.selectFrom('notifications').selectAll().where('userId', '=', mgr.id).where('kind', '=', 'customer.credit').execute();
    expect(note).toHaveLength(1);
    expect(note[0].body).toContain('评级 B');
    // an update needs the version; a stale one is refused
    expect((await f.put(`/api/customers/${cu.id}/credit`, { ...input, creditLimit: 1_000_000_000_000 })).status).toBe(409);
    const upd = await f.put(`/api/customers/${cu.id}/credit`, { ...input, creditLimit: 1_000_000_000_000, version: 1 });
    expect(upd.status).toBe(200);
    expect(upd.body.creditLimit).toBe(1_000_000_000_000);
    const history = (await c.get(`/api/customers/${cu.id}/history`)).body.items.map((h: { before: string; after: string }) => ({ ...h, before: JSON.parse(h.before), after: JSON.parse(h.after) }));
    expect(history[0]).toMatchObject({ action: 'customer.credit', userName: '财务老刘', before: { creditLimit: big }, after: { creditLimit: 1_000_000_000_000 } });
    expect((await f.put(`/api/customers/${cu.id}/credit`, { ...input, creditLimit: big + 1, version: 2 })).status).toBe(400);
    expect((await f.put(`/api/customers/${cu.id}/credit`, { ...input, paymentTerms: ['credit_card'], version: 2 })).status).toBe(400);
    // the account terms: 月结 settled on the 20th, due two months on; 压单/滚单 45 days
    const bad = await f.put(`/api/customers/${cu.id}/credit`, { ...input, settlementDay: 31, version: 2 });
    expect(bad.body.error.fields).toEqual([expect.objectContaining({ path: 'settlementDay', message: '结算日为每月 1–28 日' })]);
    const terms = await f.put(`/api/customers/${cu.id}/credit`, { ...input, settlementDay: 20, creditMonths: 2, creditDays: 45, version: 2 });
    expect(terms.body).toMatchObject({ settlementDay: 20, creditMonths: 2, creditDays: 45, version: 3 });
    const row = await t.db.selectFrom('customerCredit').select(['settlementDay', 'creditMonths', 'creditDays']).where('customerId', '=', cu.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ settlementDay: 20, creditMonths: 2, creditDays: 45 });
  });
});

describe('list and search', () => {
  let lister: Client;
  let ids: Record<string, number>;
  beforeAll(async () => {
    const r = await rep('列表业务员');
    lister = r.c;
    ids = {};
    const make = async (name: string, over: Record<string, unknown> = {}) => {
      const res = await lister.post('/api/customers', body({ name, ...over }));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      ids[name] = res.body.id;
    };
    await make('北京华东贸易有限公司', { province: '北京市', city: '北京市', classification: 'vip', tags: ['酒店'], contacts: [{ name: '张', phone: '13512340000' }] });
    await make('云南绿色食品商行', { classification: 'potential', source: 'referral', contacts: [{ name: '王', phone: '0871-65123456' }, { name: '陈', phone: '18687650000' }] });
    await make('昆明女儿红酒业', { city: '昆明市', classification: 'formal', tags: ['二批'] });
  });

  const names = (res: { body: { items: { name: string }[] } }) => res.body.items.map((i) => i.name);

  it('finds by characters, full pinyin, initials, the middle word after the region, phone and code', async () => {
    expect(names(await lister.get(`/api/customers?q=${encodeURIComponent('北京华东')}`))).toEqual(['北京华东贸易有限公司']);
    expect(names(await lister.get(`/api/customers?q=${encodeURIComponent('华东')}`))).toEqual(['北京华东贸易有限公司']);
    expect(names(await lister.get('/api/customers?q=beijinghuadong'))).toEqual(['北京华东贸易有限公司']);
    expect(names(await lister.get('/api/customers?q=BJHD'))).toEqual(['北京华东贸易有限公司']);
    expect(names(await lister.get('/api/customers?q=huadong'))).toEqual(['北京华东贸易有限公司']); // pinyin of the middle word
    expect(names(await lister.get('/api/customers?q=hdmy'))).toEqual(['北京华东贸易有限公司']);
    expect(names(await lister.get('/api/customers?q=nverhong'))).toEqual(['昆明女儿红酒业']);
    expect(names(await lister.get(`/api/customers?q=${encodeURIComponent('女儿红')}`))).toEqual(['昆明女儿红酒业']);
    expect(names(await lister.get('/api/customers?q=kunmingnver'))).toEqual(['昆明女儿红酒业']);
    expect(names(await lister.get('/api/customers?q=kmneh'))).toEqual(['昆明女儿红酒业']);
    expect(names(await lister.get('/api/customers?q=1351234'))).toEqual(['北京华东贸易有限公司']);
    expect(names(await lister.get('/api/customers?q=1868765'))).toEqual(['云南绿色食品商行']); // a second contact's phone
    expect(names(await lister.get('/api/customers?q=087165'))).toEqual(['云南绿色食品商行']);
    const code = (await lister.get(`/api/customers/${ids['昆明女儿红酒业']}`)).body.code as string;
    expect(names(await lister.get(`/api/customers?q=${code.toLowerCase()}`))).toEqual(['昆明女儿红酒业']);
    expect(names(await lister.get('/api/customers?q=zzzz'))).toEqual([]);
    expect(names(await lister.get(`/api/customers?q=${encodeURIComponent('华%')}`))).toEqual(['北京华东贸易有限公司']); // no wildcards: punctuation is ignored
  });

  it('a common term (walking the id index, bounded or not) gives the same page as a rare one (sorting the matches)', async () => {
    const admin = await makeUser(t.db, company, { roleCode: 'gm' });
    const g = await t.login(admin);
    const url = `/api/customers?q=${encodeURIComponent('华')}&pageSize=2`;
    const sorted = (await g.get(url)).body;
    const saved = { ...listTuning };
    try {
      listTuning.denseMatches = 0;
      listTuning.walkRows = 100_000;
      expect((await g.get(url)).body).toEqual(sorted);
      listTuning.walkRows = 1; // the bounded walk cannot fill the page: falls back to sorting
      expect((await g.get(url)).body).toEqual(sorted);
    } finally {
      Object.assign(listTuning, saved);
    }
  });

  it('filters by class, source, region, tag, owner and last follow-up, and sorts by name (pinyin order)', async () => {
    expect(names(await lister.get('/api/customers?classification=vip'))).toEqual(['北京华东贸易有限公司']);
    expect(names(await lister.get('/api/customers?source=referral'))).toEqual(['云南绿色食品商行']);
    expect(names(await lister.get(`/api/customers?city=${encodeURIComponent('北京市')}`))).toEqual(['北京华东贸易有限公司']);
    expect(names(await lister.get(`/api/customers?tag=${encodeURIComponent('二批')}`))).toEqual(['昆明女儿红酒业']);
    const sorted = names(await lister.get('/api/customers?sort=name&order=asc'));
    expect(sorted).toEqual(['北京华东贸易有限公司', '昆明女儿红酒业', '云南绿色食品商行']);
    await lister.post(`/api/customers/${ids['云南绿色食品商行']}/followups`, { type: 'call', content: '电话回访' });
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 32 * 3600_000).toISOString().slice(0, 10);
    expect(names(await lister.get(`/api/customers?lastFollowupAfter=${today}`))).toEqual(['云南绿色食品商行']);
    expect(names(await lister.get(`/api/customers?lastFollowupBefore=${today}&sort=name&order=asc`))).toEqual(['北京华东贸易有限公司', '昆明女儿红酒业']);
    expect(names(await lister.get(`/api/customers?lastFollowupBefore=${tomorrow}&sort=name&order=asc`))).toHaveLength(3);
    expect(names(await lister.get(`/api/customers?lastFollowupAfter=${tomorrow}`))).toEqual([]);
    const page = await lister.get('/api/customers?pageSize=2&page=2&sort=name&order=asc');
    expect(page.body).toMatchObject({ total: 3, totalCapped: false, page: 2, pageSize: 2 });
    expect(names(page)).toEqual(['云南绿色食品商行']);
    const owner = (await lister.get(`/api/customers/${ids['昆明女儿红酒业']}`)).body.ownerId;
    expect((await lister.get(`/api/customers?ownerId=${owner}`)).body.total).toBe(3);
    expect((await lister.get(`/api/customers?ownerId=${owner + 100000}`)).body.total).toBe(0);
  });

  it('finds a shop by the words after its county (宜良县普家酒水店 by 普家, pujia, pj)', async () => {
    const res = await lister.post('/api/customers', body({ name: '宜良县普家酒水店', city: '昆明市', contacts: [{ name: '普', phone: '13700001234' }] }));
    expect(res.status).toBe(200);
    for (const q of ['普家', 'pujia', 'pjjs', '宜良县普家']) expect(names(await lister.get(`/api/customers?q=${encodeURIComponent(q)}`)), q).toEqual(['宜良县普家酒水店']);
  });
});
