import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/fixtures/app.ts';
import { makeCompany, makeDepartment, makeUser, type TestCompany, type TestUser } from '../../../test/fixtures/factories.ts';
import { businessDate } from '../../platform/time.ts';

let t: TestApp;
let company: TestCompany;
let clerk: TestUser;
let clerkC: Client;
let salesDept: number;
let otherDept: number;
let manager: TestUser;
let rep1: TestUser;
let rep2: TestUser;
let outsider: TestUser; // a rep in another department

beforeAll(async () => {
  t = await createTestApp();
  company = await makeCompany(t.db);
  salesDept = await makeDepartment(t.db, company, { name: '销售一部' });
  otherDept = await makeDepartment(t.db, company, { name: '销售二部' });
  clerk = await makeUser(t.db, company, { roleCode: 'clerk', displayName: '王内勤' });
  manager = await makeUser(t.db, company, { roleCode: 'manager', departmentId: salesDept, displayName: '李经理' });
  rep1 = await makeUser(t.db, company, { roleCode: 'rep', departmentId: salesDept, displayName: '张三' });
  rep2 = await makeUser(t.db, company, { roleCode: 'rep', departmentId: salesDept, displayName: '李四' });
  outsider = await makeUser(t.db, company, { roleCode: 'rep', departmentId: otherDept, displayName: '赵六' });
  clerkC = await t.login(clerk);
});
afterAll(() => t.close());

const leadBody = (over: Record<string, unknown> = {}) => ({
  contactName: '陈先生',
  companyName: '昆明华东商贸有限公司',
  phone: '138 0871 2345',
  channel: 'trade_show',
  province: '云南',
  city: '昆明',
  need: '白酒批发，每月约 200 箱',
  ...over,
});

async function audit(entityId: number) {
  return t.db.selectFrom('auditLog').select(['action', 'userId', 'before', 'after', 'note']).where('entity', '=', 'lead').where('entityId', '=', entityId).orderBy('id').execute();
}

describe('lead entry, assignment and contact', () => {
  it('numbers a lead on entry, assigns it, notifies the rep and records contacts', async () => {
    const created = await clerkC.post('/api/leads', leadBody());
    expect(created.status).toBe(200);
    const lead = created.body;
    const ym = businessDate().slice(0, 7).replace('-', '');
    expect(lead.number).toMatch(new RegExp(`^XS${ym}-\\d{5}$`));
    expect(lead.status).toBe('new');
    expect(lead.assigneeId).toBeNull();
    expect(lead.createdByName).toBe('王内勤');

    const assigned = await clerkC.post(`/api/leads/${lead.id}/assign`, { assigneeId: rep1.id, version: lead.version });
    expect(assigned.status).toBe(200);
    expect(assigned.body.status).toBe('assigned');
    expect(assigned.body.assigneeName).toBe('张三');
    const notes = await t.db.selectFrom('notifications').selectAll().where('userId', '=', rep1.id).where('entityId', '=', lead.id).execute();
    expect(notes).toHaveLength(1);
    expect(notes[0]!.kind).toBe('lead.assigned');
    expect(notes[0]!.title).toContain(lead.number);

    const repC = await t.login(rep1);
    const act = await repC.post(`/api/leads/${lead.id}/activities`, { type: 'call', content: '电话沟通，客户有意向，约下周拜访' });
    expect(act.status).toBe(200);
    const after = (await repC.get(`/api/leads/${lead.id}`)).body;
    expect(after.status).toBe('contacted');
    expect(after.lastContactAt).toBe(act.body.at);
    const acts = (await repC.get(`/api/leads/${lead.id}/activities`)).body;
    expect(acts).toHaveLength(1);
    expect(acts[0].userName).toBe('张三');

    const actions = (await audit(lead.id)).map((a) => a.action);
    expect(actions).toEqual(['lead.create', 'lead.assign', 'lead.contact']);
    const history = (await repC.get(`/api/leads/${lead.id}/history`)).body;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['lead.contact', 'lead.assign', 'lead.create']);
  });

  it('refuses a stale edit with 409 and keeps the newer values', async () => {
    const lead = (await clerkC.post('/api/leads', leadBody({ contactName: '刘女士' }))).body;
    const first = await clerkC.put(`/api/leads/${lead.id}`, { ...leadBody({ contactName: '刘芳' }), version: lead.version });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(lead.version + 1);
    const stale = await clerkC.put(`/api/leads/${lead.id}`, { ...leadBody({ contactName: '刘某' }), version: lead.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');
    expect((await clerkC.get(`/api/leads/${lead.id}`)).body.contactName).toBe('刘芳');
    const upd = (await audit(lead.id)).find((a) => a.action === 'lead.update')!;
    expect(JSON.parse(upd.before!)).toEqual({ contactName: '刘女士' });
    expect(JSON.parse(upd.after!)).toEqual({ contactName: '刘芳' });
  });

  it('checks input with Chinese messages and field paths', async () => {
    const bad = await clerkC.post('/api/leads', { contactName: '', channel: 'fax', phone: null, email: null });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['contactName', 'channel']));
    const noContact = await clerkC.post('/api/leads', leadBody({ phone: '', email: '' }));
    expect(noContact.status).toBe(400);
    expect(noContact.body.error.fields[0]).toMatchObject({ path: 'phone', message: '电话和邮箱至少填写一项' });
  });

  it('assigns only to members inside the assigner’s scope', async () => {
    const managerC = await t.login(manager);
    const lead = (await managerC.post('/api/leads', leadBody())).body;
    const outside = await managerC.post(`/api/leads/${lead.id}/assign`, { assigneeId: outsider.id, version: lead.version });
    expect(outside.status).toBe(400);
    expect(outside.body.error.code).toBe('LEAD_ASSIGNEE_INVALID');
    expect(outside.body.error.fields[0].path).toBe('assigneeId');
    const stranger = await makeUser(t.db, await makeCompany(t.db), { roleCode: 'rep' });
    const foreign = await managerC.post(`/api/leads/${lead.id}/assign`, { assigneeId: stranger.id, version: lead.version });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.message).toContain('不是本账套的成员');
    const ok = await managerC.post(`/api/leads/${lead.id}/assign`, { assigneeId: rep2.id, version: lead.version });
    expect(ok.status).toBe(200);
    const who = (await managerC.get('/api/leads/assignees')).body.map((u: { displayName: string }) => u.displayName);
    expect(who).toEqual(expect.arrayContaining(['张三', '李四', '李经理']));
    expect(who).not.toContain('赵六');
    // a rep may not assign at all
    const repC = await t.login(rep2);
    expect((await repC.post(`/api/leads/${lead.id}/assign`, { assigneeId: rep1.id, version: ok.body.version })).status).toBe(403);
  });
});

describe('void (关闭为无效)', () => {
  it('needs a reason, keeps the row marked void with who, when and why, and freezes the lead', async () => {
    const managerC = await t.login(manager);
    const lead = (await managerC.post('/api/leads', leadBody({ contactName: '空号客户' }))).body;
    const noReason = await managerC.post(`/api/leads/${lead.id}/void`, { reason: '  ', version: lead.version });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe('VOID_REASON_REQUIRED');
    expect(noReason.body.error.fields[0].path).toBe('reason');

    const voided = await managerC.post(`/api/leads/${lead.id}/void`, { reason: '电话为空号，无法联系', version: lead.version });
    expect(voided.status).toBe(200);
    expect(voided.body).toMatchObject({ status: 'void', voidReason: '电话为空号，无法联系', voidedBy: manager.id, voidedByName: '李经理', number: lead.number });
    expect(voided.body.voidedAt).toBeTruthy();
    const row = await t.db.selectFrom('leads').selectAll().where('id', '=', lead.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('void');

    // still listed, with its status
    const list = (await managerC.get('/api/leads?status=void')).body;
    expect(list.items.map((l: { id: number }) => l.id)).toContain(lead.id);

    const edit = await managerC.put(`/api/leads/${lead.id}`, { ...leadBody(), version: voided.body.version });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('INVALID_TRANSITION');
    expect(edit.body.error.message).toBe('单据当前状态为「作废」，不能修改');
    const contact = await managerC.post(`/api/leads/${lead.id}/activities`, { type: 'call', content: '再打一次' });
    expect(contact.status).toBe(409);
    const again = await managerC.post(`/api/leads/${lead.id}/void`, { reason: '重复', version: voided.body.version });
    expect(again.status).toBe(409);
    const v = (await audit(lead.id)).find((a) => a.action === 'lead.void')!;
    expect(v.userId).toBe(manager.id);
    expect(v.note).toBe('电话为空号，无法联系');
  });
});

describe('numbering', () => {
  it('gives 50 concurrent creations exactly the numbers 1..50 of the period', async () => {
    const co = await makeCompany(t.db);
    const c = await t.login(await makeUser(t.db, co, { roleCode: 'clerk' }));
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => c.post('/api/leads', leadBody({ contactName: `并发${i}` }))));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    const seqs = results.map((r) => Number(String(r.body.number).split('-')[1])).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('gives a failed creation’s number back (invalid assignee)', async () => {
    const co = await makeCompany(t.db);
    const c = await t.login(await makeUser(t.db, co, { roleCode: 'clerk' }));
    const first = (await c.post('/api/leads', leadBody())).body;
    const stranger = await makeUser(t.db, company, { roleCode: 'rep' }); // a member of another company
    const failed = await c.post('/api/leads', leadBody({ assigneeId: stranger.id }));
    expect(failed.status).toBe(400);
    expect(failed.body.error.code).toBe('LEAD_ASSIGNEE_INVALID');
    const badReferrer = await c.post('/api/leads', leadBody({ channel: 'referral', referredByCustomerId: 999999 }));
    expect(badReferrer.status).toBe(400);
    expect(badReferrer.body.error.fields[0].path).toBe('referredByCustomerId');
    const next = (await c.post('/api/leads', leadBody())).body;
    const seq = (n: string) => Number(n.split('-')[1]);
    expect(seq(next.number)).toBe(seq(first.number) + 1);
    expect(await t.db.selectFrom('leads').select('id').where('companyId', '=', co.id).execute()).toHaveLength(2);
  });
});

describe('scope', () => {
  it('shows a rep their assigned and own unassigned leads only; others get 404', async () => {
    const rep1C = await t.login(rep1);
    const rep2C = await t.login(rep2);
    const own = (await rep1C.post('/api/leads', leadBody({ contactName: '张三自建' }))).body;
    expect(own.status).toBe('new');
    expect((await rep2C.get(`/api/leads/${own.id}`)).status).toBe(404);
    expect((await rep2C.get(`/api/leads/${own.id}/history`)).status).toBe(404);
    expect((await rep2C.post(`/api/leads/${own.id}/activities`, { type: 'call', content: 'x' })).status).toBe(404);
    expect((await rep2C.put(`/api/leads/${own.id}`, { ...leadBody(), version: own.version })).status).toBe(404);
    const list2 = (await rep2C.get('/api/leads?pageSize=200')).body;
    expect(list2.items.map((l: { id: number }) => l.id)).not.toContain(own.id);

    // the manager of the department sees it; the rep of the other department does not
    const managerC = await t.login(manager);
    expect((await managerC.get(`/api/leads/${own.id}`)).status).toBe(200);
    expect((await (await t.login(outsider)).get(`/api/leads/${own.id}`)).status).toBe(404);

    // once assigned to rep2, rep2 sees it and rep1 (who entered it) no longer does
    const moved = await managerC.post(`/api/leads/${own.id}/assign`, { assigneeId: rep2.id, version: own.version });
    expect(moved.status).toBe(200);
    expect((await rep2C.get(`/api/leads/${own.id}`)).status).toBe(200);
    expect((await rep1C.get(`/api/leads/${own.id}`)).status).toBe(404);

    // another company's user never sees it, whatever their role
    const other = await makeCompany(t.db);
    const otherClerk = await t.login(await makeUser(t.db, other, { roleCode: 'gm' }));
    expect((await otherClerk.get(`/api/leads/${own.id}`)).status).toBe(404);
    expect((await otherClerk.post(`/api/leads/${own.id}/void`, { reason: 'x', version: moved.body.version })).status).toBe(404);
  });
});

describe('list', () => {
  it('filters by status, channel, assignee, created range and searches by pinyin and phone', async () => {
    const co = await makeCompany(t.db);
    const c = await t.login(await makeUser(t.db, co, { roleCode: 'clerk' }));
    const rep = await makeUser(t.db, co, { roleCode: 'rep', displayName: '周业务' });
    await c.post('/api/leads', leadBody({ contactName: '陈先生', companyName: '大理风花酒业', phone: '13987654321', channel: 'web' }));
    await c.post('/api/leads', leadBody({ contactName: '马女士', companyName: '曲靖宏发超市', phone: '0874-3312233', channel: 'social', assigneeId: rep.id }));
    await c.post('/api/leads', leadBody({ contactName: '黄总', companyName: '玉溪兴达商行', phone: null, email: 'huang@example.com', channel: 'web' }));
    const ids = async (qs: string) => ((await c.get(`/api/leads?${qs}`)).body.items as { contactName: string }[]).map((l) => l.contactName).sort();
    expect(await ids('channel=web')).toEqual(['陈先生', '黄总']);
    expect(await ids('status=assigned')).toEqual(['马女士']);
    expect(await ids('status=assigned,new&channel=social,web')).toEqual(['陈先生', '马女士', '黄总']);
    expect(await ids('status=assigned&status=new&channel=social')).toEqual(['马女士']);
    expect(await ids(`assignee=${rep.id}`)).toEqual(['马女士']);
    expect(await ids('assignee=none')).toEqual(['陈先生', '黄总']);
    expect(await ids('q=dlfh')).toEqual(['陈先生']);
    expect(await ids('q=qujing')).toEqual(['马女士']);
    expect(await ids('q=兴达')).toEqual(['黄总']);
    expect(await ids('q=7654')).toEqual(['陈先生']);
    expect(await ids('q=3312233')).toEqual(['马女士']);
    const today = businessDate();
    expect(await ids(`createdFrom=${today}&createdTo=${today}`)).toHaveLength(3);
    expect(await ids('createdTo=2020-01-01')).toEqual([]);
    const page = (await c.get('/api/leads?pageSize=2&sort=contactName&order=asc')).body;
    expect(page.total).toBe(3);
    expect(page.items).toHaveLength(2);
    const bad = await c.get('/api/leads?status=open');
    expect(bad.status).toBe(400);
  });
});
