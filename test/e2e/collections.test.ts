import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeProduct, makeWarehouse, stockUp, type TestCompany } from '../fixtures/factories.ts';
import { ADMIN_PASSWORD, apiAs, button, field, journey, login, pick, seedTeam, shot, startE2E, type E2E } from '../fixtures/e2e.ts';
import { clientOf, makePostedSlips } from '../fixtures/sales.ts';
import { addDays, businessDate } from '../../src/platform/time.ts';
import { runCollectionsJob } from '../../src/modules/collections/service.ts';

// Journey: collection 催收. 翠湖宾馆 owes 1,536.00 元 on a transfer slip that fell due 45 days ago.
// The department's manager opens 客户催收, finds the customer, sees the overdue amount and the
// suggested action for 45 days (短信 by the company's levels), logs a phone call in which the
// customer promises 1,000.00 元 by today, and sets up a two-instalment collection plan. Nothing is
// paid; the next day's job flags the promise broken: the customer's page shows it, the 还款承诺跟踪
// list has it, and the manager's bell tells them.

let e: E2E;
let customerId = 0;
const today = businessDate();
const customerName = '翠湖宾馆有限公司';

beforeAll(async () => {
  e = await startE2E();
  const { departmentIds, userIds } = await seedTeam(e, ['销售一部'], [
    { username: 'sunmin', displayName: '孙敏', role: 'manager', department: '销售一部', password: 'Sunmin2026a' },
    { username: 'zhangwei', displayName: '张伟', role: 'rep', department: '销售一部', password: 'Zhangwei2026a' },
    { username: 'wangli', displayName: '王丽', role: 'clerk', department: '销售一部', password: 'Wangli2026a' },
    { username: 'liugang', displayName: '刘刚', role: 'warehouse', department: '销售一部', password: 'Liugang2026a' },
    { username: 'chenjing', displayName: '陈静', role: 'finance', department: '销售一部', password: 'Chenjing2026a' },
  ]);
  await e.db.updateTable('departments').set({ managerUserId: userIds.sunmin! }).where('id', '=', departmentIds['销售一部']!).execute();
  const companyRow = await e.db.selectFrom('companies').select(['id']).where('code', '=', 'HQ').executeTakeFirstOrThrow();
  const company = { id: companyRow.id } as TestCompany;
  const wh = await makeWarehouse(e.db, company, { name: '昆明总仓' });
  const liquor = await makeProduct(e.db, company, { code: 'JC500', name: '窖藏白酒', spec: '500ml', unit: '瓶', listPrice: 1_280_000 }); // 128 元
  await stockUp(e.db, company, { warehouseId: wh.id, productId: liquor.id, quantity: 1000, batchNo: '20261101' });
  const rep = await apiAs(e, 'zhangwei', 'Zhangwei2026a');
  const customer = await rep.post('/api/customers', { name: customerName, contacts: [{ name: '周经理', phone: '13888012345', isPrimary: true }] });
  customerId = customer.id;
  const actors = { clerk: clientOf(await apiAs(e, 'wangli', 'Wangli2026a')), keeper: clientOf(await apiAs(e, 'liugang', 'Liugang2026a')), handler: clientOf(rep), finance: clientOf(await apiAs(e, 'chenjing', 'Chenjing2026a')), handlerId: userIds.zhangwei!, warehouseId: wh.id };
  const [slip] = await makePostedSlips(actors, { id: customer.id, name: customerName }, [[{ productId: liquor.id, quantity: 12 }]], { paymentTerm: 'transfer' }); // 1,536.00 元
  // Setup only: documents cannot be back-dated through the API, so the slip (and its open item) is
  // moved 45 days into the past, as if it had been posted then and never paid.
  await e.db.updateTable('salesSlips').set({ businessDate: addDays(today, -45) }).where('id', '=', slip!.id).execute();
  await e.db.updateTable('receivableItems').set({ docDate: addDays(today, -45), dueDate: addDays(today, -45) }).where('customerId', '=', customerId).execute();
}, 180_000);
afterAll(() => e?.close());

async function pickDate(page: Page, label: string, date: string) {
  const input = field(page, label);
  await input.click();
  await input.fill(date);
  await input.press('Tab'); // Enter would submit the form
}

it('a manager logs a dunning call with a promised date; the next day the customer shows a broken promise', async () => {
  const page = await e.newPage();
  await login(page, 'sunmin', 'Sunmin2026a');
  await journey(page, 'collections', async () => {
    // ── 回款与催收 → 客户催收, the customer found by its initials ──
    await page.goto('/');
    await page.getByText('回款与催收').first().click();
    await page.getByRole('menuitem', { name: /客户催收/ }).first().click();
    await page.waitForURL(/\/collections\/dunning/);
    // the 待催收 worklist: the customer, 45 days overdue, SMS suggested, not chased yet
    const todo = page.locator('.ant-table-row').filter({ hasText: customerName });
    await todo.filter({ hasText: '短信' }).filter({ hasText: '未催收' }).waitFor();
    await expect(todo.textContent()).resolves.toContain('45');
    await shot(page, '94-worklist');
    await page.locator('.ant-select').filter({ hasText: '搜索客户名称或拼音' }).click();
    await page.keyboard.type('chbg');
    await pick(page, customerName);
    await page.waitForURL(/customerId=\d+/);
    await page.getByText('1,536.00').first().waitFor();
    await expect(page.getByTestId('suggested-method').textContent()).resolves.toBe('短信');
    await page.getByText('逾期 31 天及以上').waitFor();

    // ── 记录催收: a phone call (not the suggested SMS); 周经理 promises 1,000.00 元 by today ──
    await page.locator('#dunning_method').click({ force: true });
    await pick(page, '电话催收');
    await field(page, '对方联系人').fill('周经理');
    await field(page, '催收结果').fill('周经理称资金周转紧张，答应今天先付 1000 元，余款下月结清');
    await field(page, '承诺还款金额（元）').fill('1000');
    await pickDate(page, '承诺日期', today);
    await shot(page, '95-dunning-call', true);
    expect(await e.db.selectFrom('dunningActions').select('id').where('customerId', '=', customerId).execute()).toHaveLength(0);
    await button(page, '保存催收记录').click();
    await page.getByText('已记录').waitFor();
    await page.getByText('待兑现的还款承诺').waitFor();
    await page.locator('.ant-table-row').filter({ hasText: '周经理称资金周转紧张' }).filter({ hasText: '待兑现' }).waitFor();
    const logged = await e.db.selectFrom('dunningActions').selectAll().where('customerId', '=', customerId).execute();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ method: 'phone', actionDate: today, promisedAmount: 100_000, promisedDate: today, promiseStatus: 'open', overdueAmount: 153_600, daysOverdue: 45 });

    // ── 新建回款计划 from the customer's page: 800 + 736 over two months ──
    await page.getByRole('link', { name: '新建回款计划' }).click();
    await page.waitForURL(/\/collections\/plans\/new\?customerId=/);
    await field(page, '计划名称').fill('窖藏白酒货款分期');
    await pickDate(page, '起算日期', today);
    await page.locator('#plan_lines_0_dueDate').click();
    await page.locator('#plan_lines_0_dueDate').fill(addDays(today, 15));
    await page.locator('#plan_lines_0_dueDate').press('Tab');
    await page.locator('#plan_lines_0_amount').fill('800');
    await button(page, '增加一期').click();
    await page.locator('#plan_lines_1_dueDate').click();
    await page.locator('#plan_lines_1_dueDate').fill(addDays(today, 45));
    await page.locator('#plan_lines_1_dueDate').press('Tab');
    await page.locator('#plan_lines_1_amount').fill('736');
    await button(page, '保存回款计划').click();
    await page.waitForURL(/\/collections\/plans\/\d+$/);
    await page.getByText('¥1,536.00').first().waitFor();
    await page.locator('.ant-tag').filter({ hasText: '正常' }).first().waitFor();
    await shot(page, '96-collection-plan', true);

    // ── the next day: nothing was paid, the job flags the promise broken ──
    const tomorrow = new Date(Date.parse(`${addDays(today, 1)}T09:00:00+08:00`));
    await runCollectionsJob(e.db, tomorrow);
    await page.goto(`/collections/dunning?customerId=${customerId}`);
    await page.locator('.ant-table-row').filter({ hasText: '周经理称资金周转紧张' }).filter({ hasText: '已违约' }).waitFor();
    await page.locator('.ant-statistic').filter({ hasText: '违约承诺' }).getByText('1', { exact: true }).waitFor();
    await shot(page, '97-broken-promise-customer', true);
    await page.getByRole('menuitem', { name: /还款承诺跟踪/ }).first().click();
    await page.waitForURL(/\/collections\/promises/);
    const row = page.locator('.ant-table-row').filter({ hasText: customerName });
    await row.filter({ hasText: '已违约' }).waitFor();
    await expect(row.textContent()).resolves.toContain('¥1,000.00');
    await shot(page, '98-broken-promises');
    // the promise tracker exports as filtered: a real .xlsx comes down
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 Excel/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(fs.readFileSync((await download.path())!).subarray(0, 2).toString()).toBe('PK');
    await page.goto('/notifications');
    const notice = page.getByText(`${customerName} 承诺 ${today} 前还款 1,000.00 元未兑现`).first();
    await notice.waitFor();
    await shot(page, '99-broken-promise-notice');
    // the notice opens the customer's 催收 page
    await page.locator('.ant-table-row').filter({ hasText: `${customerName} 承诺` }).getByRole('button').click();
    await page.waitForURL(new RegExp(`/collections/dunning\\?customerId=${customerId}$`));
    await page.getByTestId('suggested-method').waitFor();
  });
}, 180_000);

it('the administrator moves the SMS level to 50 days; the 45-days-overdue customer is then due a phone call', async () => {
  const page = await e.newPage();
  await login(page, 'admin', ADMIN_PASSWORD);
  await journey(page, 'collections-settings', async () => {
    await page.goto('/admin/settings');
    const card = page.locator('.ant-card').filter({ hasText: '催收策略' });
    await card.waitFor();
    const days = card.locator('.ant-input-number input');
    await expect(days.count()).resolves.toBe(5);
    await days.nth(1).fill('50');
    await card.scrollIntoViewIfNeeded();
    await shot(page, '99a-dunning-levels');
    await button(page, '保存').click();
    await page.getByText('已保存').first().waitFor();
    const saved = await (await apiAs(e, 'admin', ADMIN_PASSWORD)).get('/api/admin/settings');
    expect(saved.settings.collections.dunningLevels.map((l: { fromDays: number; method: string }) => [l.fromDays, l.method])).toEqual([[1, 'phone'], [50, 'sms'], [61, 'visit'], [91, 'lawyer_letter'], [181, 'lawsuit']]);
    const manager = await apiAs(e, 'sunmin', 'Sunmin2026a');
    expect(await manager.get(`/api/customers/${customerId}/collection`)).toMatchObject({ maxDaysOverdue: 45, suggestedMethod: 'phone', suggestedFromDays: 1 });
  });
}, 120_000);
