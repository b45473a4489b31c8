import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/fixtures/app.ts';
import { makeCompany, makeUser, type TestCompany, type TestUser } from '../../../test/fixtures/factories.ts';
import { deliverRobotPushes, MAX_ATTEMPTS } from './robots.ts';
import { notify } from './service.ts';

// A local HTTP server stands in for the WeCom and DingTalk group robots: it records what it is sent and
// answers as the real ones do ({errcode: 0, errmsg: 'ok'}), or fails when told to.

type Hit = { path: string; query: URLSearchParams; body: any };
let hits: Hit[] = [];
let failWith: number | null = null; // HTTP status to answer with, or null: accept
let refuseWith: { errcode: number; errmsg: string } | null = null;
let server: http.Server;
let base = '';

let t: TestApp;
let company: TestCompany;
let admin: TestUser;
let rep: TestUser;
let ac: Client;
const SECRET = 'SECtest0123456789abcdef';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://x');
      hits.push({ path: u.pathname, query: u.searchParams, body: JSON.parse(raw || 'null') });
      if (failWith) {
        res.writeHead(failWith).end('robot down');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(refuseWith ?? { errcode: 0, errmsg: 'ok' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  t = await createTestApp();
  company = await makeCompany(t.db, { name: '云南春城商贸有限公司' });
  admin = await makeUser(t.db, company, { roleCode: 'admin', displayName: '管理员甲' });
  rep = await makeUser(t.db, company, { roleCode: 'rep' });
  ac = await t.login(admin);
});
afterAll(async () => {
  await t.close();
  await new Promise((r) => server.close(r));
});
beforeEach(async () => {
  hits = [];
  failWith = null;
  refuseWith = null;
  await t.db.deleteFrom('robotDeliveries').where('companyId', '=', company.id).execute();
});

const wecom = () => ({ channel: 'wecom', name: '销售群', url: `${base}/cgi-bin/webhook/send?key=abc`, enabled: true, kinds: ['lead.assigned'] });
const dingtalk = () => ({ channel: 'dingtalk', name: '管理层钉钉群', url: `${base}/robot/send?access_token=xyz`, secret: SECRET, enabled: true, kinds: [] as string[] });

const tell = (kind: string, title: string, body?: string) =>
  t.db.transaction().execute((tx) => notify(tx, [rep, admin].map((u) => ({ companyId: company.id, userId: u.id, kind, title, body }))));
const deliveries = () => t.db.selectFrom('robotDeliveries').selectAll().where('companyId', '=', company.id).orderBy('id').execute();

describe('group-robot push (企业微信 / 钉钉)', () => {
  it('keeps the robots of the company; the DingTalk secret is never sent back, and kept when left out', async () => {
    const saved = await ac.put('/api/notifications/robots', { items: [wecom(), dingtalk()] });
    expect(saved.status).toBe(200);
    expect(saved.body.items).toMatchObject([
      { channel: 'wecom', name: '销售群', hasSecret: false, enabled: true, kinds: ['lead.assigned'] },
      { channel: 'dingtalk', name: '管理层钉钉群', hasSecret: true, enabled: true, kinds: [] },
    ]);
    expect(JSON.stringify(saved.body)).not.toContain(SECRET);
    expect(saved.body.kinds).toContainEqual({ kind: 'lead.assigned', label: '线索分配' });
    // saved again without the secret (as the page does): the stored one stays
    const again = await ac.put('/api/notifications/robots', { items: saved.body.items.map(({ hasSecret: _, ...r }: any) => r) });
    expect(again.body.items[1].hasSecret).toBe(true);
    const stored = await t.db.selectFrom('robotWebhooks').select('secret').where('companyId', '=', company.id).where('channel', '=', 'dingtalk').executeTakeFirstOrThrow();
    expect(stored.secret).toBe(SECRET);
    const audit = await t.db.selectFrom('auditLog').select(['action', 'after']).where('companyId', '=', company.id).where('action', '=', 'robots.update').execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
    expect(audit.map((a) => a.after).join()).not.toContain(SECRET);
  });

  it('refuses a bad address with a Chinese message on the field, and a rep may not change or read the robots', async () => {
    const bad = await ac.put('/api/notifications/robots', { items: [{ ...wecom(), url: 'qyapi.weixin.qq.com/send' }] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toContain('请填写完整的 Webhook 地址');
    expect(JSON.stringify(bad.body.error.fields)).toContain('items.0.url');
    const rc = await t.login(rep);
    expect((await rc.get('/api/notifications/robots')).status).toBe(403);
    expect((await rc.put('/api/notifications/robots', { items: [] })).status).toBe(403);
    expect((await rc.post('/api/notifications/robots/test', wecom())).status).toBe(403);
  });

  it('queues one message per robot and event in the transaction, posts it after the commit in each format, signed for DingTalk', async () => {
    await ac.put('/api/notifications/robots', { items: [wecom(), dingtalk()] });
    await tell('lead.assigned', '线索「昆明七彩酒业」已分配给李明', '来源：展会');
    await tell('stock.alert', '库存预警：2 个商品低于安全库存');
    // a change that rolls back pushes nothing
    await expect(
      t.db.transaction().execute(async (tx) => {
        await notify(tx, { companyId: company.id, userId: rep.id, kind: 'lead.assigned', title: '回滚的通知' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const queued = await deliveries();
    // lead.assigned → both robots; stock.alert → DingTalk only (WeCom pushes lead.assigned only); sent to two users, queued once
    expect(queued.map((d) => [d.channel, d.kind, d.status])).toEqual([
      ['wecom', 'lead.assigned', 'pending'],
      ['dingtalk', 'lead.assigned', 'pending'],
      ['dingtalk', 'stock.alert', 'pending'],
    ]);
    expect(hits).toHaveLength(0); // nothing was posted while the user's action ran

    expect(await deliverRobotPushes(t.db)).toBe('robots: 3 due, 3 sent, 0 failed');
    expect(hits).toHaveLength(3);
    const we = hits.find((h) => h.path === '/cgi-bin/webhook/send')!;
    expect(we.query.get('key')).toBe('abc');
    expect(we.body).toEqual({ msgtype: 'markdown', markdown: { content: expect.stringContaining('### 【线索分配】线索「昆明七彩酒业」已分配给李明') } });
    expect(we.body.markdown.content).toContain('来源：展会');
    expect(we.body.markdown.content).toContain('云南春城商贸有限公司');
    const dings = hits.filter((h) => h.path === '/robot/send');
    expect(dings).toHaveLength(2);
    for (const d of dings) {
      expect(d.body).toMatchObject({ msgtype: 'markdown', markdown: { title: expect.any(String), text: expect.stringContaining('###') } });
      const ts = d.query.get('timestamp')!;
      expect(Math.abs(Number(ts) - Date.now())).toBeLessThan(60_000);
      const expected = createHmac('sha256', SECRET).update(`${ts}\n${SECRET}`).digest('base64');
      expect(d.query.get('sign')).toBe(expected);
      expect(d.query.get('access_token')).toBe('xyz');
    }
    expect(dings.map((d) => d.body.markdown.title)).toEqual(['线索「昆明七彩酒业」已分配给李明', '库存预警：2 个商品低于安全库存']);
    expect((await deliveries()).every((d) => d.status === 'sent' && d.attempts === 1 && d.sentAt)).toBe(true);
    expect(await deliverRobotPushes(t.db)).toBe('robots: 0 due, 0 sent, 0 failed'); // sent once
  });

  it('retries a failing robot with back-off, gives up after the last attempt, and logs each outcome', async () => {
    await ac.put('/api/notifications/robots', { items: [wecom()] });
    await tell('lead.assigned', '线索「大理苍山茶行」已分配');
    failWith = 500;
    let now = new Date();
    await deliverRobotPushes(t.db, now);
    let [d] = await deliveries();
    expect(d).toMatchObject({ status: 'pending', attempts: 1, responseStatus: 500 });
    expect(d!.lastError).toContain('HTTP 500');
    // not due again before its back-off
    expect(await deliverRobotPushes(t.db, new Date(now.getTime() + 5_000))).toBe('robots: 0 due, 0 sent, 0 failed');
    for (let i = 2; i <= MAX_ATTEMPTS; i++) {
      now = new Date(now.getTime() + 3_600_000);
      await deliverRobotPushes(t.db, now);
    }
    [d] = await deliveries();
    expect(d).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    expect(hits).toHaveLength(MAX_ATTEMPTS);

    // a robot that answers 200 with an errcode has refused the message: a failure, with its reason
    await tell('lead.assigned', '线索「玉溪烟酒行」已分配');
    failWith = null;
    refuseWith = { errcode: 93000, errmsg: 'invalid webhook url' };
    await deliverRobotPushes(t.db, new Date(now.getTime() + 3_600_000));
    const refused = (await deliveries()).at(-1)!;
    expect(refused).toMatchObject({ status: 'pending', attempts: 1 });
    expect(refused.lastError).toContain('93000');
    const log = await ac.get('/api/notifications/robots/deliveries?pageSize=10');
    expect(log.status).toBe(200);
    expect(log.body.items.map((x: any) => [x.status, x.kindLabel])).toEqual([['pending', '线索分配'], ['failed', '线索分配']]);
  });

  it('sends a test message at once (发送测试消息) to the robot as entered, and says why when it cannot', async () => {
    const ok = await ac.post('/api/notifications/robots/test', dingtalk());
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, message: '测试消息已发送，请在群里查看' });
    expect(hits).toHaveLength(1);
    expect(hits[0]!.body.markdown.text).toContain('测试消息');
    expect(hits[0]!.body.markdown.text).toContain('管理员甲');
    expect(hits[0]!.query.get('sign')).toBe(createHmac('sha256', SECRET).update(`${hits[0]!.query.get('timestamp')}\n${SECRET}`).digest('base64'));

    // a saved robot tested without its secret uses the stored one
    const saved = await ac.put('/api/notifications/robots', { items: [dingtalk()] });
    const { secret: _, ...noSecret } = dingtalk();
    await ac.post('/api/notifications/robots/test', { ...noSecret, id: saved.body.items[0].id });
    expect(hits[1]!.query.get('sign')).toBeTruthy();

    const closed = await ac.post('/api/notifications/robots/test', { ...wecom(), url: 'http://127.0.0.1:9/send' });
    expect(closed.status).toBe(200);
    expect(closed.body.ok).toBe(false);
    expect(closed.body.message).toContain('无法连接机器人');
    const log = await ac.get('/api/notifications/robots/deliveries');
    expect(log.body.items.map((x: any) => [x.status, x.kind])).toEqual([['failed', 'robot.test'], ['sent', 'robot.test'], ['sent', 'robot.test']]);
  });

  it('a disabled robot gets nothing', async () => {
    await ac.put('/api/notifications/robots', { items: [{ ...wecom(), enabled: false }] });
    await tell('lead.assigned', '线索「曲靖副食品」已分配');
    expect(await deliveries()).toEqual([]);
  });
});
