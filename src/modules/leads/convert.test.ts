import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/fixtures/app.ts';
import { makeCompany, makeDepartment, makeUser, type TestCompany, type TestUser } from '../../../test/fixtures/factories.ts';

let t: TestApp;
let company: TestCompany;
let manager: TestUser;
let rep1: TestUser;
let rep2: TestUser;
let clerkC: Client;
let managerC: Client;
let rep1C: Client;
let rep2C: Client;

beforeAll(async () => {
  t = await createTestApp();
  company = await makeCompany(t.db);
  const dept = await makeDepartment(t.db, company, { name: '昆明销售部' });
  manager = await makeUser(t.db, company, { roleCode: 'manager', departmentId: dept, displayName: '李经理' });
  rep1 = await makeUser(t.db, company, { roleCode: 'rep', departmentId: dept, displayName: '张三' });
  rep2 = await makeUser(t.db, company, { roleCode: 'rep', departmentId: dept, displayName: '李四' });
  clerkC = await t.login(await makeUser(t.db, company, { roleCode: 'clerk', displayName: '王内勤' }));
  managerC = await t.login(manager);
  rep1C = await t.login(rep1);
  rep2C = await t.login(rep2);
});
afterAll(() => t.close());

async function customerOf(c: Client, name: string, phone: string) {
  const r = await c.post('/api/customers', { name, source: 'other', contacts: [{ name: '联系人', phone, isPrimary: true }] });
  expect(r.status).toBe(200);
  return r.body as { id: number; name: string; ownerId: number };
}

async function leadFor(assignee: TestUser, over: Record<string, unknown> = {}) {
  const r = await clerkC.post('/api/leads', { contactName: '陈先生', companyName: '昆明华东商贸有限公司', phone: '13808712345', channel: 'trade_show', city: '昆明', assigneeId: assignee.id, ...over });
  expect(r.status).toBe(200);
  return r.body as { id: number; number: string; version: number; status: string };
}

describe('conversion', () => {
  it('walks new → assigned → contacted → converted: a customer for the rep, the referrer carried over, an opportunity placeholder, all audited', async () => {
    const referrer = await customerOf(rep1C, '曲靖老主顾酒行', '13700000001');
    const created = await clerkC.post('/api/leads', { contactName: '陈先生', companyName: '昆明华东商贸有限公司', phone: '138-0871-2345', channel: 'referral', city: '昆明', need: '月均 200 箱', referredByCustomerId: referrer.id });
    expect(created.body.status).toBe('new');
    expect(created.body.referredByName).toBe('曲靖老主顾酒行');
    const assigned = await clerkC.post(`/api/leads/${created.body.id}/assign`, { assigneeId: rep1.id, version: created.body.version });
    expect(assigned.body.status).toBe('assigned');
    await rep1C.post(`/api/leads/${created.body.id}/activities`, { type: 'visit', content: '上门拜访，确认首批订货' });
    const contacted = (await rep1C.get(`/api/leads/${created.body.id}`)).body;
    expect(contacted.status).toBe('contacted');

    const conv = await rep1C.post(`/api/leads/${created.body.id}/convert`, {
      version: contacted.version,
      customer: { name: '昆明华东商贸有限公司', classification: 'formal', contactName: '陈先生', phone: '13808712345' },
      opportunity: { name: '华东商贸首批白酒', expectedAmount: 12_345_678, expectedDate: '2026-12-31', rating: 'high' },
    });
    expect(conv.status).toBe(200);
    expect(conv.body.lead.status).toBe('converted');
    expect(conv.body.lead.convertedCustomerId).toBe(conv.body.customerId);
    expect(conv.body.lead.convertedCustomerName).toBe('昆明华东商贸有限公司');
    expect(conv.body.lead.convertedAt).toBeTruthy();

    const customer = (await rep1C.get(`/api/customers/${conv.body.customerId}`)).body;
    expect(customer).toMatchObject({ name: '昆明华东商贸有限公司', ownerId: rep1.id, classification: 'formal', source: 'referral', referredByCustomerId: referrer.id, city: '昆明' });
    expect(customer.contacts[0]).toMatchObject({ name: '陈先生', phone: '13808712345', isPrimary: true });

    const opp = await t.db.selectFrom('opportunities').selectAll().where('id', '=', conv.body.opportunityId).executeTakeFirstOrThrow();
    expect(opp).toMatchObject({ customerId: conv.body.customerId, leadId: created.body.id, name: '华东商贸首批白酒', expectedAmount: 12_345_678, expectedDate: '2026-12-31', rating: 'high', ownerId: rep1.id });
    expect(conv.body.lead.opportunities).toHaveLength(1);

    const audit = await t.db.selectFrom('auditLog').select(['action', 'entity', 'entityId', 'userId', 'note']).where('companyId', '=', company.id).orderBy('id').execute();
    const leadActions = audit.filter((a) => a.entity === 'lead' && a.entityId === created.body.id).map((a) => a.action);
    expect(leadActions).toEqual(['lead.create', 'lead.assign', 'lead.contact', 'lead.convert']);
    const custAudit = audit.find((a) => a.entity === 'customer' && a.entityId === conv.body.customerId)!;
    expect(custAudit).toMatchObject({ action: 'customer.create', userId: rep1.id, note: `由线索 ${created.body.number} 转化` });
    expect(audit.some((a) => a.entity === 'opportunity' && a.entityId === conv.body.opportunityId)).toBe(true);

    // converted is final
    const again = await rep1C.post(`/api/leads/${created.body.id}/convert`, { version: conv.body.lead.version });
    expect(again.status).toBe(409);
    const edit = await rep1C.put(`/api/leads/${created.body.id}`, { contactName: 'x', phone: '1380000', channel: 'web', version: conv.body.lead.version });
    expect(edit.status).toBe(409);
    const voidIt = await managerC.post(`/api/leads/${created.body.id}/void`, { reason: '重复', version: conv.body.lead.version });
    expect(voidIt.status).toBe(409);
  });

  it('refuses to convert a voided lead', async () => {
    const lead = await leadFor(rep1, { companyName: '空壳公司' });
    const voided = await managerC.post(`/api/leads/${lead.id}/void`, { reason: '虚假信息', version: lead.version });
    expect(voided.status).toBe(200);
    const conv = await rep1C.post(`/api/leads/${lead.id}/convert`, { version: voided.body.version });
    expect(conv.status).toBe(409);
    expect(conv.body.error.code).toBe('INVALID_TRANSITION');
    expect(conv.body.error.message).toBe('单据当前状态为「作废」，不能转化');
    expect(await t.db.selectFrom('customers').select('id').where('name', '=', '空壳公司').execute()).toHaveLength(0);
  });

  it('answers a duplicate with 409 naming the customer and its owner, then links to the existing customer', async () => {
    const existing = await customerOf(rep2C, '玉溪兴达商行', '13911112222');
    const lead = await leadFor(rep2, { companyName: '玉溪兴达商行', phone: '139 1111 2222' });
    const before = await t.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();

    const dup = await rep2C.post(`/api/leads/${lead.id}/convert`, { version: lead.version, opportunity: { name: '兴达年货' } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('LEAD_DUPLICATE_CUSTOMER');
    expect(dup.body.error.message).toContain('玉溪兴达商行');
    expect(dup.body.error.message).toContain('李四');
    expect(dup.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['customer.name', 'customer.phone']);
    // nothing was written: no customer, no opportunity, the lead unchanged
    const after = await t.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(await t.db.selectFrom('opportunities').select('id').where('leadId', '=', lead.id).execute()).toHaveLength(0);
    expect((await rep2C.get(`/api/leads/${lead.id}`)).body.status).toBe('assigned');

    const dups = await rep2C.post(`/api/leads/${lead.id}/duplicates`, {});
    expect(dups.status).toBe(200);
    expect(dups.body).toEqual([{ customerId: existing.id, name: '玉溪兴达商行', ownerId: rep2.id, ownerName: '李四', matchedBy: ['name', 'phone'], visible: true }]);

    const linked = await rep2C.post(`/api/leads/${lead.id}/convert`, { version: lead.version, mode: 'link', customerId: existing.id, opportunity: { name: '兴达年货', expectedAmount: 500000 } });
    expect(linked.status).toBe(200);
    expect(linked.body.customerId).toBe(existing.id);
    expect(linked.body.lead).toMatchObject({ status: 'converted', convertedCustomerId: existing.id });
    const opp = await t.db.selectFrom('opportunities').selectAll().where('leadId', '=', lead.id).executeTakeFirstOrThrow();
    expect(opp).toMatchObject({ customerId: existing.id, expectedAmount: 500000, ownerId: rep2.id });
  });

  it('links only to a customer the user can see; a duplicate owned by another rep is named but not linkable', async () => {
    const theirs = await customerOf(rep2C, '大理风花酒业', '13622223333');
    const lead = await leadFor(rep1, { companyName: '大理风花酒业', phone: '13500000000' });
    const dup = await rep1C.post(`/api/leads/${lead.id}/convert`, { version: lead.version });
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toBe('已存在相同的客户「大理风花酒业」（负责人：李四），请改为关联到该客户');
    const dups = (await rep1C.post(`/api/leads/${lead.id}/duplicates`, {})).body;
    expect(dups).toEqual([expect.objectContaining({ customerId: theirs.id, ownerName: '李四', visible: false })]);
    const link = await rep1C.post(`/api/leads/${lead.id}/convert`, { version: lead.version, mode: 'link', customerId: theirs.id });
    expect(link.status).toBe(404);
    expect(link.body.error.fields[0].path).toBe('customerId');
    expect((await rep1C.get(`/api/leads/${lead.id}`)).body.status).toBe('assigned');
    // the manager of both reps may link it
    const byManager = await managerC.post(`/api/leads/${lead.id}/convert`, { version: lead.version, mode: 'link', customerId: theirs.id });
    expect(byManager.status).toBe(200);
  });

  it('converts a lead once when two people convert it at the same moment', async () => {
    const lead = await leadFor(rep1, { companyName: '文山同时转化商行', phone: '13312345678' });
    const [a, b] = await Promise.all([
      rep1C.post(`/api/leads/${lead.id}/convert`, { version: lead.version, opportunity: { name: '甲' } }),
      managerC.post(`/api/leads/${lead.id}/convert`, { version: lead.version, opportunity: { name: '乙' } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(await t.db.selectFrom('customers').select('id').where('name', '=', '文山同时转化商行').execute()).toHaveLength(1);
    expect(await t.db.selectFrom('opportunities').select('id').where('leadId', '=', lead.id).execute()).toHaveLength(1);
    const converts = await t.db.selectFrom('auditLog').select('id').where('entity', '=', 'lead').where('entityId', '=', lead.id).where('action', '=', 'lead.convert').execute();
    expect(converts).toHaveLength(1);
  });

  it('never lets a contact logged at the same moment undo a conversion (or a conversion miss it)', async () => {
    for (let i = 0; i < 5; i++) {
      const lead = await leadFor(rep1, { companyName: `楚雄竞速商行${i}`, phone: `1320000000${i}` });
      const [conv, act] = await Promise.all([
        rep1C.post(`/api/leads/${lead.id}/convert`, { version: lead.version }),
        managerC.post(`/api/leads/${lead.id}/activities`, { type: 'call', content: '同时打了电话' }),
      ]);
      // whichever commits first wins; the other is refused (a stale conversion, or a contact on a closed lead)
      expect([conv.status, act.status]).toContain(200);
      expect([200, 409]).toContain(conv.status);
      expect([200, 409]).toContain(act.status);
      const row = await t.db.selectFrom('leads').select(['status', 'convertedCustomerId']).where('id', '=', lead.id).executeTakeFirstOrThrow();
      if (conv.status === 200) {
        expect(row.status).toBe('converted');
        expect(row.convertedCustomerId).toBe(conv.body.customerId);
      } else {
        expect(row).toEqual({ status: 'contacted', convertedCustomerId: null });
      }
      const acts = await t.db.selectFrom('leadActivities').select('id').where('leadId', '=', lead.id).execute();
      expect(acts).toHaveLength(act.status === 200 ? 1 : 0);
    }
  });

  it('checks the opportunity placeholder: integer fen, rating high/medium/low', async () => {
    const lead = await leadFor(rep1, { companyName: '红河新客户', phone: '13400001111' });
    const bad = await rep1C.post(`/api/leads/${lead.id}/convert`, { version: lead.version, opportunity: { name: '', expectedAmount: 12.5, rating: 'urgent' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['opportunity.expectedAmount', 'opportunity.name', 'opportunity.rating']);
    const stale = await rep1C.post(`/api/leads/${lead.id}/convert`, { version: lead.version + 5 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');
  });
});

describe('referrals 转介绍', () => {
  it('counts the customers and leads a customer referred, once each', async () => {
    const co = await makeCompany(t.db);
    const rep = await makeUser(t.db, co, { roleCode: 'rep', displayName: '周业务' });
    const c = await t.login(rep);
    const hero = await customerOf(c, '昭通老客户', '13100000001');
    const zero = await c.get(`/api/referrals/count?customerId=${hero.id}`);
    expect(zero.body).toEqual({ customerId: hero.id, customers: 0, leads: 0, total: 0 });
    // a customer entered directly as referred, two leads referred (one converted, one voided)
    expect((await c.post('/api/customers', { name: '昭通新客户甲', source: 'referral', referredByCustomerId: hero.id })).status).toBe(200);
    const l1 = (await c.post('/api/leads', { contactName: '钱先生', companyName: '昭通新客户乙', phone: '13100000002', channel: 'referral', referredByCustomerId: hero.id })).body;
    const l2 = (await c.post('/api/leads', { contactName: '孙先生', phone: '13100000003', channel: 'referral', referredByCustomerId: hero.id })).body;
    const l3 = (await c.post('/api/leads', { contactName: '李先生', phone: '13100000004', channel: 'referral', referredByCustomerId: hero.id })).body;
    expect((await c.post(`/api/leads/${l3.id}/void`, { reason: '无效', version: l3.version })).status).toBe(200);
    expect((await c.get(`/api/referrals/count?customerId=${hero.id}`)).body).toEqual({ customerId: hero.id, customers: 1, leads: 2, total: 3 });
    // converting l1 carries the referrer to its customer: still counted once
    expect((await c.post(`/api/leads/${l1.id}/convert`, { version: l1.version })).status).toBe(200);
    expect((await c.get(`/api/referrals/count?customerId=${hero.id}`)).body).toEqual({ customerId: hero.id, customers: 2, leads: 2, total: 3 });
    const listed = (await c.get(`/api/leads?referredBy=${hero.id}`)).body.items.map((l: { id: number }) => l.id).sort();
    expect(listed).toEqual([l1.id, l2.id, l3.id].sort());

    // the customer must be visible: another rep (or another company) gets 404
    const other = await t.login(await makeUser(t.db, co, { roleCode: 'rep' }));
    expect((await other.get(`/api/referrals/count?customerId=${hero.id}`)).status).toBe(404);
    expect((await rep1C.get(`/api/referrals/count?customerId=${hero.id}`)).status).toBe(404);
  });
});
