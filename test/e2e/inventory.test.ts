import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeProduct, makeWarehouse, type TestCompany } from '../fixtures/factories.ts';
import { button, journey, login, pick, seedTeam, shot, startE2E, type E2E } from '../fixtures/e2e.ts';
import { businessDate } from '../../src/platform/time.ts';

// Journey: stock 库存. The warehouse keeper receives goods from the brewery on an inbound slip 入库单
// (product by pinyin, batch number, production and expiry dates, box codes), submits it (numbered,
// stock in), signs it as keeper and as preparer; the handler signs with her own login; the keeper
// then sees the stock, the batch with its expiry, the ledger line pointing at the slip, and the check.

let e: E2E;
let productId = 0;
let warehouseId = 0;
beforeAll(async () => {
  e = await startE2E();
  await seedTeam(e, ['仓储部'], [
    { username: 'liugang', displayName: '刘刚', role: 'warehouse', department: '仓储部', password: 'Liugang2026a' },
    { username: 'zhaomin', displayName: '赵敏', role: 'clerk', department: '仓储部', password: 'Zhaomin2026a' },
  ]);
  const row = await e.db.selectFrom('companies').select(['id']).where('code', '=', 'HQ').executeTakeFirstOrThrow();
  const company = { id: row.id } as TestCompany;
  warehouseId = (await makeWarehouse(e.db, company, { code: 'KM01', name: '昆明总仓' })).id;
  await makeWarehouse(e.db, company, { code: 'DL01', name: '大理分仓' });
  productId = (await makeProduct(e.db, company, { code: 'JC500', name: '窖藏白酒', spec: '500ml', unit: '瓶', shelfLifeDays: 1095, safetyStock: 24 })).id;
}, 180_000);
afterAll(() => e?.close());

/** Waits until no table is loading (so screenshots show the data, not the spinner's veil). */
async function settled(page: Page) {
  await expect.poll(() => page.locator('.ant-table .ant-spin-spinning, .ant-spin-blur').count()).toBe(0);
  await page.waitForTimeout(400); // the veil fades out
}

async function pageFor(username: string, password: string): Promise<Page> {
  const page = await e.newPage();
  await login(page, username, password);
  return page;
}

it('a keeper receives goods with a batch on an inbound slip, it is signed by keeper, preparer and handler, and the stock shows', async () => {
  const page = await pageFor('liugang', 'Liugang2026a');
  let docUrl = '';
  let number = '';
  await journey(page, 'inventory-inbound', async () => {
    await page.goto('/stock/documents');
    await page.getByText('入库单、出库单、调拨单、盘点单').waitFor();
    await button(page, '新建').click();
    await page.locator('.ant-dropdown').getByText('入库单', { exact: true }).click();
    await page.waitForURL(/\/stock\/documents\/new\/inbound$/);
    await page.getByText('新建入库单').waitFor();

    await page.locator('#stock-document_warehouseId').click();
    await pick(page, '昆明总仓（KM01）');
    await page.locator('#stock-document_counterparty').fill('滇源酒厂');
    // the product by pinyin initials
    await page.locator('#stock-document_lines_0_productId').click();
    await page.locator('#stock-document_lines_0_productId').fill('jcbj');
    await page.locator('.ant-select-dropdown:visible').getByText('窖藏白酒').first().click();
    await page.locator('#stock-document_lines_0_batchNo').fill('20261101-A');
    await page.locator('#stock-document_lines_0_productionDate').click();
    await page.locator('#stock-document_lines_0_productionDate').fill('2026-11-01');
    await page.locator('#stock-document_lines_0_productionDate').press('Enter');
    await page.locator('#stock-document_lines_0_expiryDate').click();
    await page.locator('#stock-document_lines_0_expiryDate').fill('2029-10-31');
    await page.locator('#stock-document_lines_0_expiryDate').press('Enter');
    await page.locator('#stock-document_lines_0_quantity').fill('24');
    const codes = page.locator('#stock-document_lines_0_boxCodes');
    for (const code of ['XM2026110001', 'XM2026110002']) {
      await codes.fill(code);
      await codes.press('Enter');
    }
    await page.locator('.ant-select-selection-item-content').getByText('XM2026110002', { exact: true }).waitFor();
    await shot(page, '80-inventory-inbound-entry', true);

    await button(page, '保存并提交').click();
    await page.waitForURL(/\/stock\/documents\/\d+$/);
    docUrl = new URL(page.url()).pathname;
    const title = page.locator('h4').filter({ hasText: /入库单 RK-\d{6}-\d{5}/ });
    await title.waitFor();
    number = (await title.innerText()).replace('入库单', '').trim();
    await page.locator('.ant-tag').filter({ hasText: '已提交' }).first().waitFor();
    await page.getByText('XM2026110001、XM2026110002').waitFor();

    // the keeper signs as keeper, and (having written the slip) as preparer
    await button(page, '以「仓管」签字').click();
    await page.locator('.sd-sign-box').filter({ hasText: '仓管' }).getByText('刘刚').waitFor();
    await button(page, '以「制单人」签字').click();
    await page.locator('.sd-sign-box').filter({ hasText: '制单人' }).getByText('刘刚').waitFor();
    // nobody signs for another: the handler's place waits for the handler's own login
    expect(await page.getByRole('button', { name: /以「经手人」签字/ }).count()).toBe(1);
    await shot(page, '81-inventory-inbound-submitted');
  });

  const handler = await pageFor('zhaomin', 'Zhaomin2026a');
  await journey(handler, 'inventory-handler', async () => {
    await handler.goto(docUrl);
    await handler.getByText(number).first().waitFor();
    // the clerk cannot sign as keeper (no stock.sign) nor as preparer (not hers)
    expect(await handler.getByRole('button', { name: /以「仓管」签字|以「制单人」签字/ }).count()).toBe(0);
    await button(handler, '以「经手人」签字').click();
    await handler.locator('.ant-tag').filter({ hasText: '已签字' }).first().waitFor();
    await handler.locator('.sd-sign-box').filter({ hasText: '经手人' }).getByText('赵敏').waitFor();
    await shot(handler, '82-inventory-inbound-signed');
    // the print stylesheet: the slip alone, without the shell and the buttons
    await handler.emulateMedia({ media: 'print' });
    expect(await handler.getByRole('button', { name: /打\s*印/ }).isVisible()).toBe(false);
    await shot(handler, '82b-inventory-inbound-print', true);
    await handler.emulateMedia({ media: 'screen' });
  });

  await journey(page, 'inventory-stock', async () => {
    await page.goto('/stock');
    const row = page.locator('tr').filter({ hasText: '窖藏白酒' });
    await row.getByText('24 瓶').first().waitFor();
    await settled(page);
    await shot(page, '83-inventory-stock');
    await page.goto('/stock/batches');
    const batch = page.locator('tr').filter({ hasText: '20261101-A' });
    await batch.getByText('2029-10-31').waitFor();
    await settled(page);
    await shot(page, '84-inventory-batches');
    await page.goto(`/stock/ledger?productId=${productId}`);
    const line = page.locator('tr').filter({ hasText: number });
    await line.getByText('24 瓶').waitFor();
    await settled(page);
    await shot(page, '85-inventory-ledger');
    await line.getByRole('link', { name: number }).click();
    await page.waitForURL(new RegExp(`${docUrl}$`));
    await page.goto('/stock/check');
    await page.getByText('核对一致：库存表与台账完全相符').waitFor();
    await shot(page, '86-inventory-check');
  });

  const level = await e.db.selectFrom('stockLevels').select(['onHand']).where('warehouseId', '=', warehouseId).where('productId', '=', productId).executeTakeFirstOrThrow();
  expect(level.onHand).toBe(24);
  const doc = await e.db.selectFrom('stockDocuments').selectAll().where('number', '=', number).executeTakeFirstOrThrow();
  expect(doc.status).toBe('signed');
  expect(doc.businessDate).toBe(businessDate());
  const codes = await e.db.selectFrom('unitCodes').select(['code', 'status', 'batchNo']).where('inboundDocId', '=', doc.id).orderBy('code').execute();
  expect(codes).toEqual([{ code: 'XM2026110001', status: 'in_stock', batchNo: '20261101-A' }, { code: 'XM2026110002', status: 'in_stock', batchNo: '20261101-A' }]);
});
