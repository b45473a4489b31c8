import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, apiAs, button, field, journey, login, seedTeam, shot, startE2E, type E2E } from '../fixtures/e2e.ts';

// Products journey: the sales clerk finds 滇源老窖 by its pinyin initials; the administrator edits the
// 二批价 price list in its table (changes a price, adds a product found through the product picker,
// typed in yuan with 4 decimals) and a product's list price, and reads the change history.

let e: E2E;
let page: Page;
let admin: Page;
const ids: Record<string, number> = {};

beforeAll(async () => {
  e = await startE2E();
  const { admin: adminApi } = await seedTeam(e, ['销售一部'], [{ username: 'hexue', displayName: '何雪', role: 'clerk', department: '销售一部', password: 'Hexue2026a' }]);
  const mk = async (code: string, name: string, spec: string, category: string, yuan: number, barcode: string) => {
    const p = await adminApi.post<{ id: number }>('/api/products', {
      code, name, spec, unit: '瓶', packUnit: '箱', packSize: 12, category, brand: '滇源', taxRateBp: 1300, listPrice: yuan * 10000, barcode,
    });
    ids[code] = p.id;
  };
  await mk('DY-LJ52-500', '滇源老窖 52度 浓香型', '500ml', '白酒', 128, '6905318001010');
  await mk('DY-LJ42-500', '滇源老窖 42度 浓香型', '500ml', '白酒', 98, '6905318001027');
  await mk('DY-QX42-500', '滇源清香 42度 清香型', '500ml', '白酒', 68, '6905318001034');
  await mk('SH-DQ-550', '滇泉天然饮用水', '550ml', '饮用水', 2, '6905318001041');
  await adminApi.post('/api/price-lists', { code: 'EP', name: '二批价', orderType: 'wholesale', items: [{ productId: ids['DY-LJ52-500'], unitPrice: 1_126_400 }, { productId: ids['SH-DQ-550'], unitPrice: 18_400 }] });
  page = await e.newPage();
  admin = await e.newPage();
});
afterAll(() => e?.close());

it('the clerk finds a product by pinyin initials and filters by category', () => journey(page, 'products-search', async () => {
  await login(page, 'hexue', 'Hexue2026a');
  await page.getByRole('menuitem', { name: /(^|\s)商品$/ }).click();
  await page.getByRole('menuitem', { name: /商品档案/ }).click();
  await page.waitForURL('**/products');
  await page.getByText('滇泉天然饮用水').waitFor();
  const search = page.getByRole('searchbox', { name: '搜索' }).or(page.getByPlaceholder('编码、名称、拼音首字母或条码')).first();
  await search.fill('dylj');
  await search.press('Enter');
  await page.waitForURL(/q=dylj/);
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  await expect.poll(() => rows.count()).toBe(2);
  const text = await page.locator('.ant-table-tbody').innerText();
  expect(text).toContain('滇源老窖 52度 浓香型');
  expect(text).toContain('滇源老窖 42度 浓香型');
  expect(text).toContain('¥128.00');
  expect(text).toContain('1箱 = 12瓶');
  expect(text).not.toContain('滇源清香');
  // the clerk (销售内勤) keeps the product file
  expect(await button(page, '新建商品').count()).toBe(1);
  await shot(page, '60-products-pinyin-search');
  // a barcode (as a scanner types it) finds the product too
  await search.fill('6905318001034');
  await search.press('Enter');
  await expect.poll(() => rows.count()).toBe(1);
  expect(await rows.first().innerText()).toContain('滇源清香 42度');
}));

it('the administrator edits the 二批价 list in its table and a product in its drawer, and reads the history', () => journey(admin, 'products-price-list', async () => {
  await login(admin, 'admin', ADMIN_PASSWORD);
  await admin.goto('/products/price-lists');
  await admin.getByText('二批价').first().click();
  const items = admin.getByTestId('price-items');
  await items.getByText('滇源老窖 52度 浓香型').waitFor();
  // change the price of 滇源老窖 52度: 112.64 → 110.2550
  const first = admin.getByLabel('价格（元，含税） 1');
  expect(await first.inputValue()).toBe('112.64');
  await first.fill('110.2550');
  // add 滇源清香 through the product picker, searched by pinyin initials
  await button(admin, '添加商品').click();
  const picker = items.locator('.ant-select').last();
  await picker.click();
  await admin.keyboard.type('dyqx');
  await admin.locator('.ant-select-dropdown:visible').getByText('滇源清香 42度 清香型').click();
  await items.getByText('¥68.00', { exact: true }).waitFor(); // the list price shows beside the new line
  await admin.getByLabel('价格（元，含税） 3').fill('60.5');
  await items.getByText('-11%').waitFor(); // 60.50 against 68.00
  await shot(admin, '61-price-list-editing');
  await admin.getByTestId('price-list-save').click();
  await admin.getByText('已保存').waitFor();
  await shot(admin, '62-price-list-saved');
  const saved = await e.db.selectFrom('priceListItems').innerJoin('products', 'products.id', 'priceListItems.productId').select(['products.code', 'priceListItems.unitPrice']).orderBy('products.code').execute();
  expect(saved.map((r) => [r.code, r.unitPrice])).toEqual([['DY-LJ52-500', 1_102_550], ['DY-QX42-500', 605_000], ['SH-DQ-550', 18_400]]);
  // orders now get these prices
  const api = await apiAs(e, 'hexue', 'Hexue2026a');
  const resolved = await api.get<{ productId: number; unitPrice: number }[]>(`/api/prices/resolve?orderType=wholesale&productIds=${ids['DY-QX42-500']},${ids['DY-LJ42-500']}`);
  expect(resolved.find((r) => r.productId === ids['DY-QX42-500'])!.unitPrice).toBe(605_000);
  expect(resolved.find((r) => r.productId === ids['DY-LJ42-500'])!.unitPrice).toBe(980_000);

  await button(admin, '修改记录').click();
  const drawer = admin.locator('.ant-drawer-body');
  await expect.poll(() => drawer.innerText()).toContain('DY-QX42-500: ¥60.50');
  const historyText = await drawer.innerText();
  expect(historyText).toContain('DY-LJ52-500: ¥110.255');
  expect(historyText).toContain('DY-QX42-500: （无）');
  await admin.waitForTimeout(500);
  await shot(admin, '63-price-list-history');
  await admin.keyboard.press('Escape');

  // the product drawer: raise 滇源清香's list price to 69.9
  await admin.goto('/products?q=dyqx');
  await admin.getByRole('button', { name: '编辑' }).first().click();
  const priceField = field(admin.locator('.ant-drawer-body'), '标价（含税）');
  expect(await priceField.inputValue()).toBe('68.00');
  await priceField.fill('69.9');
  await shot(admin, '64-product-drawer');
  await admin.getByTestId('product-save').click();
  await admin.getByText('已保存').waitFor();
  await admin.locator('.ant-table-tbody').getByText('¥69.90').waitFor();
  const row = await e.db.selectFrom('products').select(['listPrice', 'version']).where('id', '=', ids['DY-QX42-500']!).executeTakeFirstOrThrow();
  expect(row).toEqual({ listPrice: 699_000, version: 2 });
  await admin.locator('.ant-table-tbody').getByRole('button', { name: '修改记录' }).first().click();
  await admin.getByText('商品「滇源清香 42度 清香型」的修改记录').waitFor();
  await expect.poll(() => admin.locator('.ant-drawer-body').last().innerText()).toMatch(/标价（含税）\s+¥68.00\s+¥69.90/);
  await admin.waitForTimeout(500); // the drawer's slide-in, for a still screenshot
  await shot(admin, '65-product-history');
}));

it('the administrator imports products from Excel: a duplicate code is reported, the rest imported', () => journey(admin, 'products-import', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('商品');
  ws.addRow(['商品编码', '商品名称', '规格', '单位', '包装单位', '包装数量', '条码', '分类', '品牌', '标价(含税,元)', '扫码出库']);
  ws.addRow(['PJ-JX-330', '金星啤酒 经典', '330ml', '听', '箱', 24, '6905318001058', '啤酒', '金星', '3.5', '否']);
  ws.addRow(['DY-LJ52-500', '滇源老窖 重复', '500ml', '瓶', '箱', 12, null, '白酒', '滇源', '128', '是']); // exists already
  ws.addRow(['PJ-DL-600', '大理啤酒 苍洱', '600ml', '瓶', '箱', 12, '6905318001065', '啤酒', '大理', '5.5', null]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'salesdesk-products-')), '商品导入.xlsx');
  await wb.xlsx.writeFile(file);

  await admin.goto('/products');
  await button(admin, '导入').click();
  await admin.locator('.ant-modal input[type=file]').setInputFiles(file);
  await admin.getByTestId('import-counts').waitFor({ timeout: 30_000 });
  expect((await admin.getByTestId('import-summary').innerText()).replace(/\s+/g, '')).toContain('共3行/有效2/有错误1');
  const errors = await admin.getByTestId('import-error-rows').innerText();
  expect(errors).toContain('商品编码已被已有商品「滇源老窖 52度 浓香型」使用');
  await shot(admin, '66-product-import-preview');
  await admin.getByTestId('import-mode').getByText('只导入有效行').click();
  await admin.getByTestId('import-commit').click();
  await admin.getByTestId('import-result').waitFor({ timeout: 30_000 });
  expect(await admin.getByTestId('import-result').innerText()).toContain('成功导入 2 行');
  await admin.getByTestId('import-close').click();
  await admin.locator('.ant-table-tbody').getByText('大理啤酒 苍洱').waitFor();
  const rows = await e.db.selectFrom('products').select(['code', 'listPrice', 'packSize']).where('code', 'in', ['PJ-JX-330', 'PJ-DL-600']).orderBy('code').execute();
  expect(rows).toEqual([{ code: 'PJ-DL-600', listPrice: 55_000, packSize: 12 }, { code: 'PJ-JX-330', listPrice: 35_000, packSize: 24 }]);
}));
