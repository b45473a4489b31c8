import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { returnStaleCustomersToPool } from '../../src/modules/customers/pool.ts';
import { apiAs, button, journey, login, seedTeam, shot, startE2E, type E2E } from '../fixtures/e2e.ts';

// Journey 4: a customer nobody has followed up for months falls back into the public pool (公海)
// when the pool rule runs, and another rep finds it there by pinyin and claims it.

let e: E2E;
let page: Page;
let staleId: number;
let liuyang: number;
beforeAll(async () => {
  e = await startE2E();
  const team = await seedTeam(e, ['销售一部', '销售二部'], [
    { username: 'lina', displayName: '李娜', role: 'rep', department: '销售一部', password: 'Lina2026a' },
    { username: 'liuyang', displayName: '刘洋', role: 'rep', department: '销售二部', password: 'Liu2026yang' },
  ]);
  liuyang = team.userIds.liuyang!;
  const lina = await apiAs(e, 'lina', 'Lina2026a');
  staleId = (await lina.post('/api/customers', { name: '大理洱海酒家', city: '大理市' })).id;
  await lina.post('/api/customers', { name: '玉溪红塔烟酒店', city: '玉溪市' });
  // 李娜 has not worked 大理洱海酒家 for 200 days
  const longAgo = new Date(Date.now() - 200 * 86_400_000).toISOString();
  await e.db.updateTable('customers').set({ lastFollowupAt: longAgo, lastDealAt: longAgo, ownerSince: longAgo, createdAt: longAgo }).where('id', '=', staleId).execute();
  page = await e.newPage();
});
afterAll(() => e?.close());

it('an unworked customer returns to the pool and another rep claims it', () => journey(page, 'pool-claim', async () => {
  const company = await e.db.selectFrom('companies').select('id').where('code', '=', 'HQ').executeTakeFirstOrThrow();
  const run = await returnStaleCustomersToPool(e.db, company.id, new Date());
  expect(run.moved).toBe(1);

  await login(page, 'liuyang', 'Liu2026yang');
  await page.goto('/customers/pool');
  await page.getByText('大理洱海酒家').waitFor();
  expect(await page.getByText('玉溪红塔烟酒店').count()).toBe(0);
  // found by the initials of its pinyin
  await page.getByPlaceholder('客户名称（支持拼音）').fill('dlehjj');
  await page.getByPlaceholder('客户名称（支持拼音）').press('Enter');
  const row = page.locator('tr').filter({ hasText: '大理洱海酒家' });
  await row.waitFor();
  await row.getByText('李娜').first().waitFor();
  await shot(page, '30-pool-list');

  await button(row, '领取').click();
  await page.locator('.ant-popover').getByText('确定领取客户「大理洱海酒家」吗？').waitFor();
  await shot(page, '31-pool-claim-confirm');
  await page.locator('.ant-popover').getByRole('button', { name: /确\s*定|OK/ }).click();
  await page.getByText('已领取「大理洱海酒家」').waitFor();
  await shot(page, '32-pool-claimed');

  const customer = await e.db.selectFrom('customers').select(['ownerId', 'poolEnteredAt']).where('id', '=', staleId).executeTakeFirstOrThrow();
  expect(customer).toEqual({ ownerId: liuyang, poolEnteredAt: null });
  const moves = await e.db.selectFrom('customerMoves').select(['kind', 'toUserId']).where('customerId', '=', staleId).orderBy('id').execute();
  expect(moves.map((m) => m.kind)).toEqual(['create', 'auto_pool', 'claim']);
}));
