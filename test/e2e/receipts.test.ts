import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeProduct, stockUp } from '../fixtures/factories.ts';
import { seedBackOffice, type BackOffice } from '../fixtures/e2e-back-office.ts';
import { field, journey, pick, screenshotDir, shot, startE2E, type ApiClient, type E2E } from '../fixtures/e2e.ts';
import { makePostedSlips } from '../fixtures/sales.ts';
import { businessDate } from '../../src/platform/time.ts';

// Journey: receipts 收款 and statements 对账. Two monthly-credit slips of 翠湖宾馆 are posted (through
// the slips API, as the clerk, keeper, rep and finance do it); the clerk records a bank transfer of
// 1,500.00 元, allocates it in full to the older slip (the rest of the money stays as the customer's
// credit), auto-allocates the rest to the second slip, then opens the customer's statement for the
// month, prints it (A4 PDF saved and looked at), saves it as DZD- and records the customer's signature.

let e: E2E;
let clerk: ApiClient;
let office: BackOffice;
let customerId = 0;
const slips: { id: number; number: string; totalAmount: number }[] = [];
const resultsDir = path.dirname(screenshotDir);

beforeAll(async () => {
  e = await startE2E();
  office = await seedBackOffice(e);
  const { company, warehouseId } = office;
  const liquor = await makeProduct(e.db, company, { code: 'JC500', name: '窖藏白酒', spec: '500ml', unit: '瓶', listPrice: 1_280_000 }); // 128 元
  const tea = await makeProduct(e.db, company, { code: 'PE350', name: '普洱茶饮料', spec: '350ml', unit: '瓶', listPrice: 35_000 }); // 3.50 元
  for (const p of [liquor, tea]) await stockUp(e.db, company, { warehouseId, productId: p.id, quantity: 1000, batchNo: '20261101' });
  const rep = await office.as('zhangwei');
  const customer = await rep.post('/api/customers', { name: '翠湖宾馆有限公司', contacts: [{ name: '周经理', phone: '13888012345', isPrimary: true }] });
  customerId = customer.id;
  clerk = await office.as('wangli');
  // 12 × 128 = 1,536.00 元 and 48 × 3.50 = 168.00 元
  slips.push(...(await makePostedSlips(await office.actors(), { id: customer.id, name: customer.name }, [[{ productId: liquor.id, quantity: 12 }], [{ productId: tea.id, quantity: 48 }]])));
}, 180_000);
afterAll(() => e?.close());

it('a clerk records a bank receipt, allocates it to posted slips, and prints the customer statement', async () => {
  const page = await office.pageOf('wangli');
  await journey(page, 'receipts', async () => {
    expect(slips.map((s) => s.totalAmount)).toEqual([153_600, 16_800]);
    // ── the menu group 发票与收款 leads to the receipts ──
    await page.goto('/');
    await page.getByText('发票与收款').first().click();
    await page.getByRole('menuitem', { name: /收款单/ }).first().click();
    await page.waitForURL(/\/receipts$/);

    // ── 登记收款: a bank transfer of 1,600.00 元 ──
    await page.getByRole('button', { name: /登记收款/ }).click();
    await page.waitForURL(/\/receipts\/new$/);
    await page.locator('#receipt_customerId').click();
    await page.locator('#receipt_customerId').fill('chbg');
    await pick(page, '翠湖宾馆有限公司');
    await field(page, '金额（元）').fill('1600');
    await field(page, '收款账户').fill('农行昆明翠湖支行 6228 4801 2345');
    await field(page, '流水号/票号').fill('HX20261122-0088');
    await shot(page, '90-receipt-entry', true);
    await page.getByRole('button', { name: /保存收款单/ }).click();
    await page.waitForURL(/\/receipts\/\d+$/);
    const id = Number(/\/receipts\/(\d+)$/.exec(page.url())![1]);
    await page.getByText('壹仟陆佰元整', { exact: false }).waitFor();

    // ── 核销: the older slip in full (1,536.00), then the rest automatically to the next ──
    await page.getByText(slips[0]!.number).first().waitFor();
    await page.getByLabel(`核销 ${slips[0]!.number}`).fill('1536');
    await page.waitForTimeout(400);
    await shot(page, '91-receipt-allocate', true);
    await page.getByRole('button', { name: /核销所填金额/ }).click();
    await expect.poll(async () => (await clerk.get(`/api/receipts/${id}`)).allocatedAmount).toBe(153_600);
    await page.getByRole('button', { name: /自动核销/ }).click();
    await expect.poll(async () => (await clerk.get(`/api/receipts/${id}`)).allocatedAmount).toBe(160_000);
    const r = await clerk.get(`/api/receipts/${id}`);
    expect(r.allocations.map((a: { targetId: number; amount: number }) => [a.targetId, a.amount])).toEqual([[slips[0]!.id, 153_600], [slips[1]!.id, 6_400]]);
    expect(r).toMatchObject({ number: expect.stringMatching(/^SK-/), method: 'bank_transfer', reference: 'HX20261122-0088', receivedByName: '王丽', unallocatedAmount: 0 });
    await page.getByText('未收').first().waitFor();
    await shot(page, '92-receipt-allocated', true);
    await page.goto('/receipts');
    await page.getByText(r.number).first().waitFor();
    await shot(page, '92b-receipt-list');

    // ── the statement of the month: print, save, record the customer's signature ──
    const today = businessDate();
    const from = `${today.slice(0, 8)}01`;
    await page.goto(`/statements?customerId=${customerId}&from=${from}&to=${today}`);
    const sheet = page.getByTestId('statement-sheet');
    await sheet.waitFor();
    await sheet.getByText(r.number).waitFor();
    await sheet.getByText('壹佰零肆元整').waitFor(); // 1,536 + 168 − 1,600 = 104.00 元
    const st = await clerk.get(`/api/customer-statements/preview?customerId=${customerId}&from=${from}&to=${today}`);
    expect(st).toMatchObject({ openingBalance: 0, debitTotal: 170_400, creditTotal: 160_000, closingBalance: 10_400 });
    await page.waitForTimeout(400); // the buttons' enable transition
    await shot(page, '93-statement', true);
    await page.getByRole('button', { name: /打\s*印/ }).click();
    await page.emulateMedia({ media: 'print' });
    await shot(page, '94-statement-print-media', true);
    await page.pdf({ path: path.join(resultsDir, 'customer-statement.pdf'), preferCSSPageSize: true, printBackground: true });
    await page.emulateMedia({ media: 'screen' });

    await page.getByRole('button', { name: /保存对账单/ }).click();
    await page.waitForURL(/\/statements\/\d+$/);
    await page.getByText(/DZD-\d{6}-\d{4}/).first().waitFor();
    await field(page, '说明').fill('周经理签字盖章，无异议');
    await page.getByRole('button', { name: /登记客户确认/ }).click();
    await page.getByText('客户已确认').first().waitFor();
    const sid = Number(/\/statements\/(\d+)$/.exec(page.url())![1]);
    const saved = await clerk.get(`/api/customer-statements/${sid}`);
    expect(saved).toMatchObject({ status: 'confirmed', confirmedDate: today, confirmedByName: '王丽', confirmationNote: '周经理签字盖章，无异议', closingBalance: 10_400 });
    await shot(page, '95-statement-confirmed', true);

    // ── money received after the customer signed: the statement stays as signed, the difference is shown ──
    await clerk.post('/api/receipts', { customerId, receiptDate: today, method: 'cash', amount: 10_400 });
    await page.reload();
    const changed = page.getByTestId('statement-changed');
    await changed.waitFor();
    expect(await changed.textContent()).toContain('0.00');
    await page.getByTestId('statement-sheet').getByText('壹佰零肆元整').waitFor();
    await shot(page, '96-statement-changed-after-signing', true);
  });
}, 180_000);
