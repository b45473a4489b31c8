import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiAs, button, field, journey, login, seedTeam, shot, startE2E, type E2E } from '../fixtures/e2e.ts';

// Journey 2: a new rep logs in with the temporary password, must set their own, adds a customer,
// and when entering a second customer whose name is a variant of a colleague's customer is warned
// of the duplicate and sees who owns it.

let e: E2E;
let page: Page;
beforeAll(async () => {
  e = await startE2E();
  await seedTeam(e, ['销售一部'], [
    { username: 'zhangwei', displayName: '张伟', role: 'rep', department: '销售一部', password: 'Start2026', temporary: true },
    { username: 'lina', displayName: '李娜', role: 'rep', department: '销售一部', password: 'Lina2026a' },
  ]);
  const lina = await apiAs(e, 'lina', 'Lina2026a');
  await lina.post('/api/customers', { name: '昆明福满楼餐饮有限公司', city: '昆明市', contacts: [{ name: '王经理', phone: '13888001234', isPrimary: true }] });
  page = await e.newPage();
});
afterAll(() => e?.close());

it('a rep sets a password, adds a customer and is warned of a duplicate with its owner', () => journey(page, 'rep-duplicate', async () => {
  await login(page, 'zhangwei', 'Start2026');
  // first login with a temporary password: the rep must choose their own
  await page.getByText('首次登录或密码已被管理员重置').waitFor();
  await shot(page, '10-rep-forced-password');
  await field(page, '原密码').fill('Start2026');
  await field(page, '新密码').fill('Zhang2026w');
  await field(page, '确认新密码').fill('Zhang2026w');
  await button(page, '保存').click();
  await page.getByText('张伟').first().waitFor();
  await page.getByText('首次登录或密码已被管理员重置').waitFor({ state: 'detached' });

  // a new customer of his own
  await page.goto('/customers/new');
  await field(page, '客户名称').fill('曲靖云岭春酒业商行');
  await field(page, '城市').first().fill('曲靖市');
  await field(page, '姓名').fill('赵老板');
  await field(page, '电话').fill('13987650001');
  await button(page, '保存').click();
  await page.waitForURL(/\/customers\/\d+$/);
  await button(page, '保存').waitFor({ state: 'detached' });
  await page.getByText('曲靖云岭春酒业商行').first().waitFor();
  await shot(page, '11-rep-customer-created');

  // a variant of 李娜's customer: same name once the legal form is set aside
  await page.goto('/customers/new');
  await field(page, '客户名称').fill('昆明福满楼餐饮有限责任公司');
  await field(page, '姓名').fill('王经理');
  const warning = page.locator('.ant-alert-warning').filter({ hasText: '可能重复的客户' });
  await warning.waitFor();
  await warning.getByText('归属：李娜').waitFor();
  await warning.getByText('昆明福满楼餐饮有限公司').waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, '12-rep-duplicate-warning');

  // saving anyway is refused: one customer, one file
  await button(page, '保存').click();
  const refused = page.locator('.ant-alert-error').first();
  await refused.waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, '13-rep-duplicate-refused');
  expect(page.url()).toMatch(/\/customers\/new$/);
  const rows = await e.db.selectFrom('customers').select(['name', 'ownerId']).orderBy('id').execute();
  expect(rows.map((r) => r.name)).toEqual(['昆明福满楼餐饮有限公司', '曲靖云岭春酒业商行']);
}));
