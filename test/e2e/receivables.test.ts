import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { makeProduct, stockUp } from '../fixtures/factories.ts';
import { seedBackOffice } from '../fixtures/e2e-back-office.ts';
import { journey, login, shot, startE2E, type ApiClient, type E2E } from '../fixtures/e2e.ts';
import { addDays, businessDate } from '../../src/platform/time.ts';
import { postSlips } from '../../src/modules/receivables/test-helpers.ts';

// Journey: a sales manager's 账龄分析. Slips of the department's customers were posted over the last
// seven months (the server's clock set back while they were made, so their dates are real) and part
// was paid; another department's customer is out of the manager's scope. The manager opens the
// aging report from the menu, sees the buckets as a chart and per customer, looks at it per
// department, clicks the oldest bar to see who owes there, and drills into a customer's open slips.

let e: E2E;
let finance: ApiClient;
const today = businessDate();
const customers: Record<string, number> = {};

/** Moves the server's clock (Date only) to noon of a business date while the data is made. */
function setDay(date: string) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(`${date}T04:00:00Z`));
}

beforeAll(async () => {
  e = await startE2E();
  const office = await seedBackOffice(e, {
    departments: ['销售二部'],
    members: [
      { username: 'zhaomin', displayName: '赵敏', role: 'manager', department: '销售一部', password: 'Zhaomin2026a' },
      { username: 'lina', displayName: '李娜', role: 'rep', department: '销售一部', password: 'Lina2026abc' },
      { username: 'wangqiang', displayName: '王强', role: 'rep', department: '销售二部', password: 'Wangqiang2026a' },
    ],
  });
  const { company, warehouseId } = office;
  const liquor = await makeProduct(e.db, company, { code: 'JC500', name: '窖藏白酒', spec: '500ml', unit: '瓶', listPrice: 1_280_000 }); // 128 元
  await stockUp(e.db, company, { warehouseId, productId: liquor.id, quantity: 5000, batchNo: '20260401' });
  const reps: Record<string, ApiClient> = {};
  for (const u of ['zhangwei', 'lina', 'wangqiang']) reps[u] = await office.as(u);
  const clerk = await office.as('wangli');
  finance = await office.as('chenjing');
  const actors = await office.actors();
  for (const [name, rep, phone] of [['翠湖宾馆有限公司', 'zhangwei', '13888012345'], ['滇池渔村酒楼', 'zhangwei', '13888023456'], ['金马坊便利超市', 'lina', '13888034567'], ['西山饭店', 'wangqiang', '13888045678']] as const) {
    customers[name] = (await reps[rep]!.post('/api/customers', { name, contacts: [{ name: '周经理', phone, isPrimary: true }] })).id;
  }
  const sell = async (daysAgo: number, name: string, quantity: number, paymentTerm: string) => {
    setDay(addDays(today, -daysAgo));
    return (await postSlips(actors, { id: customers[name]!, name }, [{ lines: [{ productId: liquor.id, quantity }], paymentTerm }]))[0]!;
  };
  const pay = async (daysAgo: number, name: string, slipId: number, amount: number) => {
    setDay(addDays(today, -daysAgo));
    const r = await clerk.post('/api/receipts', { customerId: customers[name], receiptDate: addDays(today, -daysAgo), method: 'bank_transfer', amount });
    await clerk.post(`/api/receipts/${r.id}/allocations`, { allocations: [{ targetType: 'sales_slip', targetId: slipId, amount }] });
  };
  try {
    const old = await sell(210, '翠湖宾馆有限公司', 40, 'monthly'); // 5,120.00 元, due the 25th of the next month
    await pay(150, '翠湖宾馆有限公司', old.id, 200_000);
    await sell(100, '滇池渔村酒楼', 30, 'hold'); // 3,840.00 元, due 30 days on
    await sell(75, '西山饭店', 25, 'monthly');
    await sell(50, '金马坊便利超市', 12, 'transfer');
    await sell(20, '翠湖宾馆有限公司', 10, 'monthly');
    await sell(3, '金马坊便利超市', 8, 'hold');
  } finally {
    vi.useRealTimers();
  }
}, 240_000);
afterAll(() => e?.close());

it('a manager opens the aging report, sees the chart, and drills into a customer\'s open slips', async () => {
  const page: Page = await e.newPage();
  await login(page, 'zhaomin', 'Zhaomin2026a');
  await journey(page, 'receivables', async () => {
    // ── the menu group 发票与收款 → 账龄分析 ──
    await page.getByText('发票与收款').first().click();
    await page.getByRole('menuitem', { name: /账龄分析/ }).first().click();
    await page.waitForURL(/\/receivables\/aging/);
    const table = page.locator('.ant-table');
    await table.getByText('翠湖宾馆有限公司').waitFor();
    await table.getByText('金马坊便利超市').waitFor();
    await table.getByText('滇池渔村酒楼').waitFor();
    expect(await table.getByText('西山饭店').count()).toBe(0); // 销售二部: not the manager's
    await page.getByTestId('aging-chart').locator('canvas').waitFor();
    await page.waitForTimeout(500);
    const report = await finance.get(`/api/receivables/aging?asAt=${today}`);
    const mine = report.items.filter((r: { name: string }) => r.name !== '西山饭店');
    const total = mine.reduce((n: number, r: { total: number }) => n + r.total, 0);
    expect(total).toBe(512_000 - 200_000 + 384_000 + 153_600 + 128_000 + 102_400);
    await page.getByText(`¥${(total / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`).first().waitFor(); // 应收余额 card
    await shot(page, '95-aging-by-customer', true);

    // ── per department: 销售一部 carries all three customers ──
    await page.getByTestId('aging-by').getByText('按部门').click();
    await table.getByText('销售一部').waitFor();
    await shot(page, '96-aging-by-department');
    await page.getByTestId('aging-by').getByText('按客户').click();
    await table.getByText('翠湖宾馆有限公司').waitFor();

    // ── the oldest bar with money (翠湖宾馆's slip of seven months ago, 181–365 days) → who owes there ──
    const box = (await page.getByTestId('aging-chart').boundingBox())!;
    const bars = 7; // 未到期 + six buckets
    const plotLeft = box.x + 70;
    const plotWidth = box.width - 90;
    const k = 5; // the 181–365天 bar
    await page.mouse.click(plotLeft + (plotWidth * (k + 0.5)) / bars, box.y + box.height - 33);
    await page.waitForURL(/bucket=4/);
    await page.getByText('账龄：181–365天').waitFor();
    await expect.poll(async () => page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(1);
    await table.getByText('翠湖宾馆有限公司').waitFor();
    await shot(page, '97-aging-bucket-drill');

    // ── the customer's open slips as at today ──
    await table.getByRole('link', { name: '翠湖宾馆有限公司' }).click();
    await page.waitForURL(/\/receivables\/customers\/\d+/);
    await page.getByText('翠湖宾馆有限公司 · 未收单据').waitFor();
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(async () => rows.count()).toBe(2);
    await page.getByText('¥3,120.00').first().waitFor(); // 5,120.00 − 2,000.00 paid
    await page.getByText('¥1,280.00').first().waitFor();
    await shot(page, '98-aging-customer-items', true);
    // only the old slip is in 181–365 days
    await page.getByTestId('items-bucket').click();
    await page.locator('.ant-select-dropdown:visible').getByText('181–365天', { exact: true }).click();
    await expect.poll(async () => rows.count()).toBe(1);
  });
});
