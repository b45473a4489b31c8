import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, button, field, journey, login, pick, shot, startE2E, type E2E } from '../fixtures/e2e.ts';

// Journey: the administrator sets up a WeCom 企业微信 group robot on 参数设置, sends it a test message
// (a local HTTP server stands in for the robot), saves it and sees the delivery in the log.

let e: E2E;
let page: Page;
const received: { path: string; body: any }[] = [];
let server: http.Server;
let base = '';
beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: JSON.parse(raw || 'null') });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  e = await startE2E();
  page = await e.newPage();
});
afterAll(async () => {
  await e?.close();
  await new Promise((r) => server.close(r));
});

it('admin sets up a WeCom group robot, tests it and saves it', () => journey(page, 'robot-push', async () => {
  await login(page, 'admin', ADMIN_PASSWORD);
  await page.goto('/admin/settings');
  const card = page.locator('.ant-card').filter({ has: page.getByText('群机器人推送', { exact: true }) }).first();
  await card.waitFor();
  await button(card, '添加机器人').click();
  const robot = card.getByTestId('robot').first();
  await field(robot, '名称').fill('销售一部群');
  await field(robot, 'Webhook').fill(`${base}/cgi-bin/webhook/send?key=journey`);
  await robot.getByText('线索分配', { exact: true }).click();
  await button(robot, '发送测试消息').click();
  await page.getByText('测试消息已发送，请在群里查看').waitFor();
  expect(received).toHaveLength(1);
  expect(received[0]!.path).toBe('/cgi-bin/webhook/send?key=journey');
  expect(received[0]!.body.msgtype).toBe('markdown');
  expect(received[0]!.body.markdown.content).toContain('测试消息');

  await button(card, '保存推送设置').click();
  await page.getByText('已保存').first().waitFor();
  await card.getByRole('cell', { name: '已送达' }).first().waitFor();
  await shot(page, 'robot-push-settings', true);
  const saved = await e.db.selectFrom('robotWebhooks').selectAll().execute();
  expect(saved).toHaveLength(1);
  expect(saved[0]).toMatchObject({ channel: 'wecom', name: '销售一部群', enabled: 1, kinds: JSON.stringify(['lead.assigned']) });

  // DingTalk shows its signing secret field
  await field(robot, '平台').click();
  await pick(page, '钉钉');
  await robot.getByText('加签密钥').waitFor();
}));
