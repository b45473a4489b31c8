import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, apiAs, button, field, journey, login, seedTeam, shot, startE2E, type E2E } from '../fixtures/e2e.ts';

// Products journey: the sales clerk finds 滇源老窖 by its pinyin initials and reads which price applies to
// which order type and customer class; the administrator edits the 二批价 price list in its table (changes a
// price, adds a product found through the product picker, typed in yuan with 4 decimals) and a product's
// prices (typed with thousands separators and a full-width input method; a typo named, nothing lost), and
// reads the change history; imports a sheet with bad rows, exports the list and imports it back unchanged (无变化)
// and with two prices edited in Excel (修改, the changes shown);
// the clerk deactivates a product.

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

it('the clerk finds a product by pinyin initials and filters by category, reads its prices by customer and the price lists (not to edit)', () => journey(page, 'products-search', async () => {
  await login(page, 'hexue', 'Hexue2026a');
  await page.getByRole('menuitem', { name: /(^|\s)商品$/ }).click();
  await page.getByRole('menuitem', { name: /商品档案/ }).click();
  await page.waitForURL('**/products');
  await page.getByText('滇泉天然饮用水').waitFor();
  const search = page.getByRole('searchbox', { name: '搜索' }).or(page.getByPlaceholder('编码、名称、拼音（全拼或首字母）或条码')).first();
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
  // full pinyin finds them too
  await search.fill('dianyuanlaojiao');
  await search.press('Enter');
  await page.waitForURL(/q=dianyuanlaojiao/); // the same two rows as before: the count alone would not show the search ran
  await expect.poll(() => rows.count()).toBe(2);
  // a barcode (as a scanner types it) finds the product too
  await search.fill('6905318001034');
  await search.press('Enter');
  await page.waitForURL(/q=6905318001034/);
  await expect.poll(() => rows.count()).toBe(1);
  expect(await rows.first().innerText()).toContain('滇源清香 42度');

  // which price applies to whom: 滇源老窖 52度 for each order type and customer class, per bottle and per case
  await search.fill('dylj52');
  await search.press('Enter');
  await expect.poll(() => rows.count()).toBe(1);
  await rows.first().getByRole('button', { name: '价格' }).click();
  const prices = page.getByTestId('product-prices');
  await prices.getByText('价格表：二批价').first().waitFor();
  const line = async (type: string) => (await prices.locator('tr', { hasText: type }).innerText()).replace(/\s+/g, ' ');
  // the columns: 潜在客户, 正式客户, VIP 客户 and 客户未分类 (a list for 二批 of any class applies to them too)
  expect(await prices.locator('thead').innerText()).toContain('客户未分类');
  expect(await line('二批')).toBe(`二批 ${'¥112.64/瓶 每箱 ¥1,351.68 价格表：二批价 '.repeat(4).trim()}`);
  expect(await line('直销')).toBe(`直销 ${'¥128.00/瓶 每箱 ¥1,536.00 商品标价 '.repeat(4).trim()}`);
  expect(await page.locator('.ant-drawer-body').innerText()).toContain('1箱 = 12瓶');
  await page.waitForTimeout(400); // the drawer's slide-in, for a still screenshot
  await shot(page, '60b-product-prices-by-customer');
  await page.keyboard.press('Escape');

  // the clerk does not set prices: the price lists read as a table of text, nothing to save
  await page.goto('/products/price-lists');
  await page.getByText('请在左侧选择一个价格表查看其中的商品和价格').waitFor();
  await page.getByText('二批价').first().click();
  const items = page.getByTestId('price-items');
  await items.getByText('¥112.64').waitFor();
  expect((await items.locator('tr', { hasText: 'DY-LJ52-500' }).innerText()).replace(/\s+/g, ' ')).toBe('1 DY-LJ52-500 滇源老窖 52度 浓香型 500ml 瓶 ¥128.00 ¥112.64 -12%');
  expect(await page.getByRole('button', { name: /保\s*存/ }).count()).toBe(0);
  await shot(page, '60c-price-list-read-only');
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
  const option = admin.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '滇源清香 42度 清香型' });
  expect(await option.innerText()).toContain('/瓶 ¥68.00 · 1箱=12瓶'); // the unit, its price and the packing, as picked
  await admin.locator('.ant-select-dropdown:visible').getByText('滇源清香 42度 清香型').click();
  await items.getByText('¥68.00', { exact: true }).waitFor(); // the list price shows beside the new line
  await admin.getByLabel('价格（元，含税） 3').fill('60.5');
  await items.getByText('-11%').waitFor(); // 60.50 against 68.00
  await admin.getByTestId('price-list-unsaved').waitFor();
  await shot(admin, '61-price-list-editing');
  // a click elsewhere does not throw the new prices away: asked first, and 继续编辑 keeps them
  await button(admin, '新建价格表').click();
  await admin.getByText('这个价格表的修改还没有保存，离开后将丢失。确定放弃这些修改吗？').waitFor();
  await admin.waitForTimeout(400); // the dialog's opening animation, for a still screenshot
  await shot(admin, '61b-price-list-leave-unsaved');
  await button(admin, '继续编辑').click();
  expect(await admin.getByLabel('价格（元，含税） 3', { exact: true }).inputValue()).toBe('60.5');
  expect(await first.inputValue()).toBe('110.2550');
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
  // a comma in the wrong place is a typo, named; what was typed stays in the drawer
  await priceField.fill('69,9');
  const costField = field(admin.locator('.ant-drawer-body'), '成本价');
  await costField.fill('４２．５'); // a full-width input method
  await admin.getByTestId('product-save').click();
  await admin.locator('.ant-drawer-body').getByText('请输入金额（元），最多 4 位小数，如 128、128.5 或 1,280.00').waitFor();
  expect(await priceField.inputValue()).toBe('69,9');
  expect(await costField.inputValue()).toBe('４２．５');
  expect((await e.db.selectFrom('products').select('version').where('id', '=', ids['DY-QX42-500']!).executeTakeFirstOrThrow()).version).toBe(1);
  await shot(admin, '64-product-drawer');
  await priceField.fill('1,069.90');
  await admin.getByTestId('product-save').click();
  await admin.getByText('已保存').waitFor();
  await admin.locator('.ant-table-tbody').getByText('¥1,069.90').waitFor();
  const row0 = await e.db.selectFrom('products').select(['listPrice', 'costPrice', 'version']).where('id', '=', ids['DY-QX42-500']!).executeTakeFirstOrThrow();
  expect(row0).toEqual({ listPrice: 10_699_000, costPrice: 425_000, version: 2 });
  // the price was meant to be 69.90: edited again
  await admin.getByRole('button', { name: '编辑' }).first().click();
  await field(admin.locator('.ant-drawer-body'), '标价（含税）').fill('69.9');
  await admin.getByTestId('product-save').click();
  await admin.locator('.ant-table-tbody').getByText('¥69.90').waitFor();
  const row = await e.db.selectFrom('products').select(['listPrice', 'version']).where('id', '=', ids['DY-QX42-500']!).executeTakeFirstOrThrow();
  expect(row).toEqual({ listPrice: 699_000, version: 3 });
  // closing the drawer with typed changes asks first; 放弃修改 closes it and nothing is written
  await admin.getByRole('button', { name: '编辑' }).first().click();
  await field(admin.locator('.ant-drawer-body'), '备注').fill('春节前调价');
  await button(admin.locator('.ant-drawer'), '取消').click();
  await admin.getByText('这个商品的修改还没有保存，关闭后将丢失。确定放弃这些修改吗？').waitFor();
  await button(admin, '放弃修改').click();
  await admin.locator('.ant-drawer-content').waitFor({ state: 'detached' });
  expect((await e.db.selectFrom('products').select(['notes', 'version']).where('id', '=', ids['DY-QX42-500']!).executeTakeFirstOrThrow())).toEqual({ notes: null, version: 3 });
  await admin.locator('.ant-table-tbody').getByRole('button', { name: '修改记录' }).first().click();
  await admin.getByText('商品「滇源清香 42度 清香型」的修改记录').waitFor();
  await expect.poll(() => admin.locator('.ant-drawer-body').last().innerText()).toMatch(/标价（含税）\s+¥1,069.90\s+¥69.90/);
  expect(await admin.locator('.ant-drawer-body').last().innerText()).toMatch(/标价（含税）\s+¥68.00\s+¥1,069.90/);
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
  ws.addRow(['PJ-FH-330', '风花雪月啤酒', '330ml', 'pcs', '箱', 24, null, '啤酒', '大理', '6.5', null]); // a unit nobody uses
  ws.addRow(['ＤＹ－ＬＨ－２', '滇源老窖 礼盒', '500ml×2', '盒', '箱', '６', null, '白酒', '滇源', '¥1,280.00', '是']); // full-width, ¥ and a separator
  ws.addRow(['DY-XJ-100', '滇源小酒', '100ml', '瓶', '箱', 48, null, '白酒', '滇源', '12,5', null]); // a comma typo
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'salesdesk-products-')), '商品导入.xlsx');
  await wb.xlsx.writeFile(file);

  await admin.goto('/products');
  await button(admin, '导入').click();
  await admin.locator('.ant-modal input[type=file]').setInputFiles(file);
  await admin.getByTestId('import-counts').waitFor({ timeout: 30_000 });
  expect((await admin.getByTestId('import-counts').getAttribute('aria-label'))!.replace(/\s+/g, '')).toContain('共6行/新增3/修改0/无变化0/有错误3');
  const errors = await admin.getByTestId('import-error-rows').innerText();
  expect(errors).toContain('商品编码已被已有商品「滇源老窖 52度 浓香型」使用');
  expect(errors).toContain('单位：计量单位「pcs」不是常用单位');
  expect(errors).toContain('标价(含税,元)：标价「12,5」不是金额');
  await shot(admin, '66-product-import-preview');
  await admin.getByTestId('import-mode').getByText('只导入有效行').click();
  await admin.getByTestId('import-commit').click();
  await admin.getByTestId('import-result').waitFor({ timeout: 30_000 });
  expect(await admin.getByTestId('import-result').innerText()).toBe('新增 3 条、修改 0 条、无变化 0 条；3 行有错误未导入');
  await admin.getByTestId('import-close').click();
  await admin.locator('.ant-table-tbody').getByText('大理啤酒 苍洱').waitFor();
  const rows = await e.db.selectFrom('products').select(['code', 'listPrice', 'packSize']).where('code', 'in', ['PJ-JX-330', 'PJ-DL-600', 'DY-LH-2']).orderBy('code').execute();
  expect(rows).toEqual([{ code: 'DY-LH-2', listPrice: 12_800_000, packSize: 6 }, { code: 'PJ-DL-600', listPrice: 55_000, packSize: 12 }, { code: 'PJ-JX-330', listPrice: 35_000, packSize: 24 }]);
}));

it('the administrator exports the product list, imports it back unchanged (无变化, nothing to do), then edits two prices in Excel: 修改 2 with the changes shown', () => journey(admin, 'products-round-trip', async () => {
  const before = await e.db.selectFrom('products').selectAll().orderBy('id').execute();
  await admin.goto('/products');
  await admin.locator('.ant-table-tbody').getByText('大理啤酒 苍洱').waitFor();
  const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('button', { name: /导出 Excel/ }).click()]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesdesk-products-'));
  const file = path.join(dir, '商品列表.xlsx');
  await download.saveAs(file);
  await button(admin, '导入').click();
  await admin.locator('.ant-modal input[type=file]').setInputFiles(file);
  await admin.getByTestId('import-counts').waitFor({ timeout: 30_000 });
  const n = before.length;
  expect((await admin.getByTestId('import-counts').getAttribute('aria-label'))!.replace(/\s+/g, '')).toContain(`共${n}行/新增0/修改0/无变化${n}/有错误0`);
  expect(await admin.getByTestId('import-verdict').innerText()).toContain(`文件中的 ${n} 行与系统中的数据完全相同，没有需要新增或修改的内容。`);
  expect(await admin.getByTestId('import-error-rows').count()).toBe(0);
  expect(await admin.getByTestId('import-commit').count()).toBe(0);
  await admin.waitForTimeout(400); // the dialog's zoom-in, for a still screenshot
  await shot(admin, '66b-product-export-reimported');
  await admin.getByTestId('import-close').click();
  expect(await e.db.selectFrom('products').selectAll().orderBy('id').execute()).toEqual(before);

  // two prices raised in Excel, one product added, one row with a unit nobody uses
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0];
  const titles = (ws.getRow(1).values as unknown[]).map(String);
  const codeCol = titles.indexOf('商品编码');
  const priceCol = titles.indexOf('标价(含税,元)');
  const price = (code: string) => before.find((p) => p.code === code)!.listPrice;
  const yuan = (p: number) => (p / 10000).toFixed(2);
  const raised: Record<string, number> = { 'DY-LJ52-500': price('DY-LJ52-500') + 20_000, 'PJ-DL-600': price('PJ-DL-600') + 3_000 };
  ws.eachRow((row, i) => {
    const code = String(row.getCell(codeCol).value);
    if (i > 1 && raised[code]) row.getCell(priceCol).value = yuan(raised[code]);
  });
  const add = (cells: Record<string, string>) => ws.addRow(titles.slice(1).map((title) => cells[title] ?? null)); // values are 1-based, addRow's array 0-based
  add({ 商品编码: 'PJ-WS-500', 商品名称: '乌苏啤酒 大红乌苏', 单位: '瓶', '标价(含税,元)': '6.80' });
  add({ 商品编码: 'PJ-BAD-1', 商品名称: '单位写错的啤酒', 单位: 'pcs', '标价(含税,元)': '5' });
  const edited = path.join(dir, '商品列表-改价.xlsx');
  await wb.xlsx.writeFile(edited);

  await button(admin, '导入').click();
  await admin.locator('.ant-modal input[type=file]').setInputFiles(edited);
  await admin.getByTestId('import-counts').waitFor({ timeout: 30_000 });
  expect((await admin.getByTestId('import-counts').getAttribute('aria-label'))!.replace(/\s+/g, '')).toContain(`共${n + 2}行/新增1/修改2/无变化${n - 2}/有错误1`);
  expect(await admin.getByTestId('import-verdict').innerText()).toContain('1 行数据有错误');
  expect(await admin.getByTestId('import-error-rows').innerText()).toContain('计量单位「pcs」不是常用单位');
  await admin.getByTestId('import-row-tabs').getByRole('tab', { name: /修改/ }).click();
  const updates = admin.getByTestId('import-update-rows');
  await updates.getByText('滇源老窖 52度 浓香型').waitFor();
  expect(await updates.innerText()).toContain(`标价 ${yuan(price('DY-LJ52-500'))} → ${yuan(raised['DY-LJ52-500'])}`);
  expect(await updates.innerText()).toContain(`标价 ${yuan(price('PJ-DL-600'))} → ${yuan(raised['PJ-DL-600'])}`);
  await admin.waitForTimeout(400); // the tab's slide, for a still screenshot
  await shot(admin, '66c-product-import-edited-preview');
  await admin.getByTestId('import-commit').click();
  await admin.getByTestId('import-result').waitFor({ timeout: 30_000 });
  expect(await admin.getByTestId('import-result').innerText()).toBe(`新增 1 条、修改 2 条、无变化 ${n - 2} 条；1 行有错误未导入`);
  await shot(admin, '66d-product-import-edited-done');
  await admin.getByTestId('import-close').click();
  const after = await e.db.selectFrom('products').selectAll().orderBy('id').execute();
  expect(after.slice(0, n).map((p) => (raised[p.code] ? { ...p, listPrice: price(p.code), version: p.version - 1, updatedAt: null } : p))).toEqual(
    before.map((p) => (raised[p.code] ? { ...p, updatedAt: null } : p)),
  );
  expect(after.slice(n).map((p) => [p.code, p.listPrice])).toEqual([['PJ-WS-500', 68_000]]);
}));

it('the clerk deactivates a product: asked first, gone from the list and the pickers, its prices drawer says why', () => journey(page, 'products-deactivate', async () => {
  await page.goto('/products?q=SH-DQ-550');
  const row = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: 'SH-DQ-550' });
  await row.getByRole('button', { name: '停用' }).click();
  await page.getByText('停用商品「滇泉天然饮用水」？停用后不能再下单，历史单据不受影响。').waitFor();
  await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定/ }).click();
  await page.getByText('已停用「滇泉天然饮用水」；它不再出现在默认列表和商品选择中，可在“仅停用”中查看或重新启用').waitFor();
  await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(0);
  const api = await apiAs(e, 'hexue', 'Hexue2026a');
  expect(await api.get<unknown[]>('/api/products/lookup?q=SH-DQ-550')).toEqual([]);
  await page.goto('/products?q=SH-DQ-550&active=0');
  await page.locator('.ant-table-tbody tr.ant-table-row', { hasText: 'SH-DQ-550' }).getByRole('button', { name: '价格' }).click();
  await page.getByText('此商品已停用：不能再下单、开单，也不在商品选择中出现；历史单据不受影响。').waitFor();
  await page.waitForTimeout(400);
  await shot(page, '67-product-deactivated');
  expect((await e.db.selectFrom('products').select('active').where('id', '=', ids['SH-DQ-550']!).executeTakeFirstOrThrow()).active).toBe(0);
}));
