import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeProduct, stockUp } from '../fixtures/factories.ts';
import { seedBackOffice, type BackOffice } from '../fixtures/e2e-back-office.ts';
import { journey, pick, screenshotDir, shot, startE2E, type ApiClient, type E2E } from '../fixtures/e2e.ts';
import { makePostedSlip } from '../fixtures/sales.ts';
import { toChineseCapitals } from '../../src/platform/money.ts';

// Journey: invoices 发票. Two slips of 翠湖宾馆 are posted (built through the slips API the way the
// clerks and finance do it); the clerk opens 开具发票, picks the customer, ticks both slips, issues a
// 增值税专用发票 with the buyer block from the customer's invoice details, records the tax software's
// number, takes back returned goods with a partial red-letter invoice, and prints the invoice list.

let e: E2E;
let clerk: ApiClient;
let office: BackOffice;
const slips: { id: number; number: string; totalAmount: number }[] = [];
const resultsDir = path.dirname(screenshotDir);

beforeAll(async () => {
  e = await startE2E();
  office = await seedBackOffice(e);
  const { company, warehouseId } = office;
  const liquor = await makeProduct(e.db, company, { code: 'JC500', name: '窖藏白酒', spec: '500ml', unit: '瓶', listPrice: 1_280_000 });
  const tea = await makeProduct(e.db, company, { code: 'PE350', name: '普洱茶饮料', spec: '350ml', unit: '瓶', listPrice: 35_000 });
  const water = await makeProduct(e.db, company, { code: 'SW550', name: '山泉水', spec: '550ml', unit: '瓶', listPrice: 15_000, taxRateBp: 900 });
  for (const p of [liquor, tea, water]) await stockUp(e.db, company, { warehouseId, productId: p.id, quantity: 1000, batchNo: '20261101' });
  const rep = await office.as('zhangwei');
  const customer = await rep.post('/api/customers', {
    name: '翠湖宾馆有限公司',
    taxId: '91530102MA6N8H2K3X',
    invoiceTitle: '昆明翠湖宾馆有限公司',
    invoiceAddress: '昆明市五华区翠湖南路8号',
    invoicePhone: '0871-65158888',
    invoiceBank: '中国建设银行昆明翠湖支行',
    invoiceAccount: '53001615036050012345',
    contacts: [{ name: '周经理', phone: '13888012345', isPrimary: true }],
  });
  clerk = await office.as('wangli');
  const actors = await office.actors();
  slips.push(await makePostedSlip(actors, { customer: { id: customer.id, name: '翠湖宾馆有限公司' }, lines: [{ productId: liquor.id, quantity: 12 }, { productId: tea.id, quantity: 48 }] }));
  slips.push(await makePostedSlip(actors, { customer: { id: customer.id, name: '翠湖宾馆有限公司' }, lines: [{ productId: water.id, quantity: 120, unitPrice: 14_500 }] }));
}, 180_000);
afterAll(() => e?.close());

it('a clerk invoices two posted slips of one customer, records the tax number, reverses returned goods, and prints the invoice list', async () => {
  const page = await office.pageOf('wangli');
  await journey(page, 'invoices', async () => {
    // ── the menu group 发票与收款 leads to the invoices ──
    await page.goto('/');
    await page.getByText('发票与收款').first().click();
    await page.getByRole('menuitem', { name: /(^|\s)发票$/ }).first().click();
    await page.waitForURL(/\/invoices$/);

    // ── 开具发票: the customer, its posted slips, both ticked ──
    await page.goto('/invoices/new');
    await page.locator('#invoice-customer').click();
    await page.locator('#invoice-customer').fill('chbg');
    await pick(page, '翠湖宾馆有限公司');
    for (const s of slips) await page.getByTestId(`slip-${s.number}`).locator('input[type=checkbox]').check();
    await expect.poll(() => page.locator('#buyer_taxId').inputValue()).toBe('91530102MA6N8H2K3X');
    expect(await page.locator('#buyer_name').inputValue()).toBe('昆明翠湖宾馆有限公司');
    await page.getByText('增值税专用发票').click();
    await page.locator('#reviewerName').fill('陈静');
    await page.getByTestId('rounding-help').waitFor();
    // a 专用发票 without the buyer's tax id is refused, the field says why
    await page.locator('#buyer_taxId').fill('');
    await page.getByRole('button', { name: /开具发票/ }).last().click();
    await page.getByText('开具专用发票须填写购买方纳税人识别号').waitFor();
    await shot(page, '79-invoice-special-needs-tax-id');
    await page.locator('#buyer_taxId').fill('91530102MA6N8H2K3X');
    await shot(page, '80-invoice-issue', true);
    await page.getByRole('button', { name: /开具发票/ }).last().click();
    await page.waitForURL(/\/invoices\/\d+$/);
    const id = Number(/\/invoices\/(\d+)$/.exec(page.url())![1]);
    const total = slips[0]!.totalAmount + slips[1]!.totalAmount;
    await page.getByText(toChineseCapitals(total)).waitFor();
    const inv = await clerk.get(`/api/invoices/${id}`);
    expect(inv).toMatchObject({ kind: 'special', buyerName: '昆明翠湖宾馆有限公司', buyerBank: '中国建设银行昆明翠湖支行', totalAmount: total, reviewerName: '陈静', issuerName: '王丽' });
    expect(inv.lines).toHaveLength(3);
    expect(inv.amountExTax + inv.taxAmount).toBe(total);

    // ── the tax software's 发票代码 and 发票号码, typed in after issuing there ──
    await page.getByRole('button', { name: /登记发票号码/ }).click();
    await page.locator('.ant-modal').locator('#taxInvoiceCode').fill('053002200111');
    await page.locator('.ant-modal').locator('#taxInvoiceNo').fill('08812345');
    await page.locator('.ant-modal').getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('08812345').waitFor();
    await shot(page, '81-invoice-detail', true);

    // ── 12 bottles of water came back: a partial red-letter invoice ──
    await page.getByRole('button', { name: /开具红字发票/ }).click();
    const dialog = page.locator('.ant-modal');
    await dialog.getByLabel('红冲原因').fill('客户退回山泉水12瓶');
    await dialog.getByLabel('本次红冲数量 窖藏白酒').fill('0');
    await dialog.getByLabel('本次红冲数量 普洱茶饮料').fill('0');
    await dialog.getByLabel('本次红冲数量 山泉水').fill('12');
    await shot(page, '82-invoice-red-letter-dialog');
    await dialog.getByRole('button', { name: /开具红字发票/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('部分红冲').first().waitFor();
    const after = await clerk.get(`/api/invoices/${id}`);
    expect(after.status).toBe('partly_reversed');
    expect(after.redInvoices).toHaveLength(1);
    const red = await clerk.get(`/api/invoices/${after.redInvoices[0].id}`);
    expect(red.lines).toEqual([expect.objectContaining({ productName: '山泉水', quantity: -12 })]);
    expect(after.openAmount).toBe(total + red.totalAmount);
    await shot(page, '83-invoice-partly-reversed', true);

    // ── the list, then the printable invoice list of the month ──
    await page.goto('/invoices');
    await page.getByText(inv.number).first().waitFor();
    await page.getByText(red.number).first().waitFor();
    await shot(page, '84-invoice-list');
    await page.getByRole('button', { name: /打印发票清单/ }).click();
    const sheet = page.getByTestId('invoice-print-list');
    await sheet.waitFor();
    await sheet.getByText(inv.number).waitFor();
    const printed = await clerk.get(`/api/invoices/print-list?from=${inv.businessDate.slice(0, 8)}01&to=${inv.businessDate}`);
    expect(printed.count).toBe(2);
    expect(printed.totalAmount).toBe(total + red.totalAmount);
    await sheet.getByText(toChineseCapitals(printed.totalAmount), { exact: false }).waitFor();
    await shot(page, '85-invoice-print-list', true);
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: path.join(resultsDir, 'invoice-list.pdf'), landscape: true, printBackground: true });
    await page.emulateMedia({ media: 'screen' });
  });
  await page.context().close();
}, 240_000);
