import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiAs, button, journey, login, seedTeam, shot, startE2E, type E2E } from '../fixtures/e2e.ts';

// Journey 3: a rep has asked for a colleague's customer; the sales manager reads the request next
// to the company's written ownership rule and approves it; the customer changes hands.

let e: E2E;
let page: Page;
let customerId: number;
let zhangwei: number;
beforeAll(async () => {
  e = await startE2E();
  const team = await seedTeam(e, ['销售一部'], [
    { username: 'wangjl', displayName: '王经理', role: 'manager', department: '销售一部', password: 'Wang2026m' },
    { username: 'zhangwei', displayName: '张伟', role: 'rep', department: '销售一部', password: 'Zhang2026w' },
    { username: 'lina', displayName: '李娜', role: 'rep', department: '销售一部', password: 'Lina2026a' },
  ]);
  zhangwei = team.userIds.zhangwei!;
  const lina = await apiAs(e, 'lina', 'Lina2026a');
  customerId = (await lina.post('/api/customers', { name: '昆明福满楼餐饮有限公司', city: '昆明市' })).id;
  const rep = await apiAs(e, 'zhangwei', 'Zhang2026w');
  await rep.post('/api/ownership-requests', { customerId, reason: '该客户由我最先开发，3 月 12 日已上门拜访并报价' });
  page = await e.newPage();
});
afterAll(() => e?.close());

it('a manager approves an ownership request and the customer changes hands', () => journey(page, 'manager-ownership', async () => {
  await login(page, 'wangjl', 'Wang2026m');
  await page.goto('/customers/ownership');
  const row = page.locator('tr').filter({ hasText: '昆明福满楼餐饮有限公司' });
  await row.getByText('待裁决').waitFor();
  await row.getByText('张伟').waitFor();
  await row.getByText('李娜').first().waitFor();
  await shot(page, '20-manager-ownership-requests');

  await button(row, '裁决').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText('公司归属规则').waitFor();
  await dialog.getByText('该客户由我最先开发').waitFor();
  await dialog.locator('textarea').first().fill('有拜访与报价记录，按先开发者优先的规则批准');
  await shot(page, '21-manager-ownership-decision');
  await button(dialog, '批准').click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByText('已批准，客户已转给申请人').waitFor();

  const customer = await e.db.selectFrom('customers').select(['ownerId']).where('id', '=', customerId).executeTakeFirstOrThrow();
  expect(customer.ownerId).toBe(zhangwei);
  const request = await e.db.selectFrom('ownershipRequests').select(['status', 'decisionNote']).executeTakeFirstOrThrow();
  expect(request).toEqual({ status: 'approved', decisionNote: '有拜访与报价记录，按先开发者优先的规则批准' });

  // the settled request stays in the list with its decision
  await page.goto('/customers/ownership?box=decide&status=all');
  await page.locator('tr').filter({ hasText: '昆明福满楼餐饮有限公司' }).getByText('已批准').waitFor();
  await shot(page, '22-manager-ownership-approved');
}));
