import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { makeProduct, makeWarehouse, stockUp, type TestCompany } from '../fixtures/factories.ts';
import { button, journey, login, pick, seedTeam, shot, startE2E, type E2E } from '../fixtures/e2e.ts';
import { addDays, businessDate } from '../../src/platform/time.ts';
import { reserve } from '../../src/modules/inventory/stock.ts';

// Journey: stock 库存. The warehouse keeper receives goods from the brewery on an inbound slip 入库单
// (product by pinyin, batch number, production and expiry dates, box codes, the handler 经手人), submits
// it (numbered, stock in) and signs it as its preparer; a second keeper signs as keeper and the handler
// with her own login — three places, three people; the keeper then sees the stock, the batch with its
// expiry, the ledger line pointing at the slip, and the check.

let e: E2E;
let productId = 0;
let warehouseId = 0;
let company: TestCompany;
let dali = 0;
beforeAll(async () => {
  e = await startE2E();
  await seedTeam(e, ['仓储部', '销售一部'], [
    { username: 'liugang', displayName: '刘刚', role: 'warehouse', department: '仓储部', password: 'Liugang2026a' },
    { username: 'zhaomin', displayName: '赵敏', role: 'clerk', department: '仓储部', password: 'Zhaomin2026a' },
    { username: 'wangqiang', displayName: '王强', role: 'warehouse', department: '仓储部', password: 'Wangqiang2026a' },
    { username: 'sunjing', displayName: '孙静', role: 'manager', department: '销售一部', password: 'Sunjing2026a' },
  ]);
  const row = await e.db.selectFrom('companies').select(['id']).where('code', '=', 'HQ').executeTakeFirstOrThrow();
  company = { id: row.id } as TestCompany;
  warehouseId = (await makeWarehouse(e.db, company, { code: 'KM01', name: '昆明总仓' })).id;
  dali = (await makeWarehouse(e.db, company, { code: 'DL01', name: '大理分仓' })).id;
  productId = (await makeProduct(e.db, company, { code: 'JC500', name: '窖藏白酒', spec: '500ml', unit: '瓶', shelfLifeDays: 1095, safetyStock: 24, trackCodes: 1, packSize: 2 })).id;
}, 180_000);
afterAll(() => e?.close());

/** Waits until no table is loading (so screenshots show the data, not the spinner's veil). */
async function settled(page: Page) {
  await expect.poll(() => page.locator('.ant-table .ant-spin-spinning, .ant-spin-blur').count()).toBe(0);
  await page.waitForTimeout(400); // the veil fades out
}

/** The handler 经手人 of the document being entered, found by pinyin initials. */
async function pickHandler(page: Page, initials: string, name: string) {
  const select = page.locator('.ant-select').filter({ has: page.locator('#stock-document_handlerId') });
  // the picker searches as it is typed: an option clicked before the last results replaced the list can be
  // lost on a loaded machine (seen in CI) — pick again until the field shows the name
  for (let i = 0; i < 3; i++) {
    await page.locator('#stock-document_handlerId').click();
    await page.locator('#stock-document_handlerId').fill(initials);
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: name }).first();
    await option.waitFor();
    await page.waitForTimeout(600); // the search settles (debounce, then results replace the list)
    await option.click().catch(() => undefined);
    if (await select.locator('.ant-select-content, .ant-select-selection-item').filter({ hasText: name }).first().waitFor({ timeout: 3000 }).then(() => true, () => false)) return;
  }
  throw new Error(`the handler ${name} could not be picked`);
}

/** Submitting moves stock: the keeper confirms it in a dialog that says what will happen. */
async function confirmSubmit(page: Page, type: string, says: string) {
  const dialog = page.locator('.ant-modal-confirm').filter({ hasText: `提交${type}？` });
  await dialog.getByText(says).waitFor();
  // a click during the dialog's opening animation can be lost on a loaded machine (seen once): click until it goes
  // (a second click on the loading button of a click that did land is ignored)
  for (let i = 0; i < 5; i++) {
    await button(dialog, '提交').click().catch(() => undefined);
    if (await dialog.waitFor({ state: 'detached', timeout: 3000 }).then(() => true, () => false)) return;
  }
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
    await pickHandler(page, 'zm', '赵敏');
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
    await confirmSubmit(page, '入库单', '货物计入所选仓库的库存');
    await page.waitForURL(/\/stock\/documents\/\d+$/);
    docUrl = new URL(page.url()).pathname;
    const title = page.locator('h4').filter({ hasText: /入库单 RK-\d{6}-\d{5}/ });
    await title.waitFor();
    number = (await title.innerText()).replace('入库单', '').trim();
    await page.locator('.ant-tag').filter({ hasText: '已提交' }).first().waitFor();
    await page.getByText('XM2026110001、XM2026110002').waitFor();

    // the keeper wrote the slip: he signs as preparer only — the keeper's place is another keeper's, the handler's 赵敏's
    await page.locator('.sd-sign-box').filter({ hasText: '经手人' }).getByText('待赵敏签字').waitFor();
    expect(await page.getByRole('button', { name: /以「仓管」签字|以「经手人」签字/ }).count()).toBe(0);
    await button(page, '以「制单人」签字').click();
    await page.locator('.sd-sign-box').filter({ hasText: '制单人' }).getByText('刘刚').waitFor();
    await shot(page, '81-inventory-inbound-submitted');
  });

  const keeper2 = await pageFor('wangqiang', 'Wangqiang2026a');
  await journey(keeper2, 'inventory-keeper', async () => {
    await keeper2.goto(docUrl);
    await keeper2.getByText(number).first().waitFor();
    // a second keeper: the keeper's place and no other
    await button(keeper2, '以「仓管」签字').click();
    await keeper2.locator('.sd-sign-box').filter({ hasText: '仓管' }).getByText('王强').waitFor();
    expect(await keeper2.getByRole('button', { name: /签字/ }).count()).toBe(0);
    await shot(keeper2, '81a-inventory-inbound-keeper-signed');
  });

  const handler = await pageFor('zhaomin', 'Zhaomin2026a');
  await journey(handler, 'inventory-handler', async () => {
    await handler.goto(docUrl);
    await handler.getByText(number).first().waitFor();
    // the clerk signs her own place only
    expect(await handler.getByRole('button', { name: /以「仓管」签字|以「制单人」签字/ }).count()).toBe(0);
    await button(handler, '以「经手人」签字').click();
    await handler.locator('.ant-tag').filter({ hasText: '已签字' }).first().waitFor();
    await handler.locator('.sd-sign-box').filter({ hasText: '经手人' }).getByText('赵敏').waitFor();
    await handler.locator('.sd-sign-box').filter({ hasText: '仓管' }).getByText('王强').waitFor();
    await shot(handler, '82-inventory-inbound-signed');
    // the print stylesheet: the slip alone, without the shell and the buttons
    await handler.emulateMedia({ media: 'print' });
    expect(await handler.getByRole('button', { name: /打\s*印/ }).isVisible()).toBe(false);
    expect(await handler.locator('.sd-page-title').isVisible()).toBe(false); // the document prints its own title
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
    // the movement and the balance in cases too, as the stock pages show them
    expect(await line.getByText('12箱').count()).toBe(2);
    await page.getByText('24 瓶（12箱）').waitFor(); // 期末结存
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
  expect(new Set([doc.keeperSignedBy, doc.preparerSignedBy, doc.handlerSignedBy]).size).toBe(3);
  expect(doc.businessDate).toBe(businessDate());
  const codes = await e.db.selectFrom('unitCodes').select(['code', 'status', 'batchNo']).where('inboundDocId', '=', doc.id).orderBy('code').execute();
  expect(codes).toEqual([{ code: 'XM2026110001', status: 'in_stock', batchNo: '20261101-A' }, { code: 'XM2026110002', status: 'in_stock', batchNo: '20261101-A' }]);
});

it('the keeper gives away gifts on an outbound slip, voids a wrong one, and raises a purchase request from the replenishment suggestion', async () => {
  const page = await pageFor('liugang', 'Liugang2026a');
  const outbound = async (quantity: string, boxCodes: string[] = []) => {
    await page.goto('/stock/documents/new/outbound');
    await page.getByText('新建出库单').waitFor();
    await page.locator('#stock-document_warehouseId').click();
    await pick(page, '昆明总仓（KM01）');
    await page.locator('#stock-document_counterparty').fill('昆明春城大酒店 张经理');
    await page.locator('#stock-document_reason').fill('赠品');
    await pickHandler(page, 'zm', '赵敏');
    await page.locator('#stock-document_lines_0_productId').click();
    await page.locator('#stock-document_lines_0_productId').fill('JC500');
    await page.locator('.ant-select-dropdown:visible').getByText('窖藏白酒').first().click();
    // what the warehouse holds shows beside the quantity
    await page.getByText('现存量 24 瓶').waitFor();
    await page.locator('#stock-document_lines_0_quantity').fill(quantity);
    // the boxes given away are scanned: they leave the stock by code too
    for (const code of boxCodes) {
      await page.locator('#stock-document_lines_0_boxCodes').fill(code);
      await page.locator('#stock-document_lines_0_boxCodes').press('Enter');
    }
    await button(page, '保存并提交').click();
    await confirmSubmit(page, '出库单', '货物从所选仓库的库存中扣减');
    await page.waitForURL(/\/stock\/documents\/\d+$/);
    const title = page.locator('h4').filter({ hasText: /出库单 CK-\d{6}-\d{5}/ });
    await title.waitFor();
    return (await title.innerText()).replace('出库单', '').trim();
  };
  await journey(page, 'inventory-outbound', async () => {
    const wrong = await outbound('2');
    await page.locator('.ant-table').getByText('2 瓶', { exact: true }).waitFor(); // the line (its movement reads -2 瓶)
    await shot(page, '87-inventory-outbound-submitted');
    // a wrong slip is voided with its reason: the stock comes back, the slip stays, marked
    await button(page, '作废').click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '作废单据' });
    await dialog.locator('textarea').fill('数量开错，重开');
    await dialog.getByRole('button', { name: /作\s*废/ }).click();
    await page.locator('.sd-void-mark').waitFor();
    await page.getByText(/刘刚于 .* 作废，原因：数量开错，重开/).waitFor();
    await shot(page, '88-inventory-outbound-voided');

    const right = await outbound('6', ['XM2026110001']);
    await page.getByText('XM2026110001').waitFor();
    await shot(page, '88b-inventory-outbound-box-code');
    await page.goto('/stock/documents?docType=outbound');
    await page.locator('tr').filter({ hasText: wrong }).locator('.ant-tag').filter({ hasText: '作废' }).waitFor();
    await page.locator('tr').filter({ hasText: right }).locator('.ant-tag').filter({ hasText: '已提交' }).waitFor();
    await settled(page);
    await shot(page, '89-inventory-documents-with-void');

    // 18 left, below the safety stock of 24: the suggestion is to buy 6
    await page.goto('/stock/alerts?tab=replenish');
    const row = page.locator('tr').filter({ hasText: '窖藏白酒' }).filter({ hasText: '昆明总仓' });
    await row.getByText('6 瓶').waitFor();
    await settled(page);
    await shot(page, '90-inventory-replenishment');
    await button(row, '请购').click();
    const raise = page.locator('.ant-modal').filter({ hasText: '生成请购单' });
    await raise.getByRole('button', { name: /请\s*购/ }).click();
    await page.getByText(/请购单 QG-\d{6}-\d{4} 已生成/).waitFor();
    await page.goto('/stock/purchase-requests');
    const pr = page.locator('tr').filter({ hasText: '窖藏白酒' });
    await pr.getByText('补货建议').waitFor();
    await pr.locator('.ant-tag').filter({ hasText: '待采购' }).waitFor();
    await settled(page);
    await shot(page, '91-inventory-purchase-requests');
  });
  const level = await e.db.selectFrom('stockLevels').select(['onHand']).where('warehouseId', '=', warehouseId).where('productId', '=', productId).executeTakeFirstOrThrow();
  expect(level.onHand).toBe(18);
  const requests = await e.db.selectFrom('purchaseRequests').select(['quantity', 'status', 'sourceType']).where('productId', '=', productId).execute();
  expect(requests).toEqual([{ quantity: 6, status: 'open', sourceType: 'replenishment' }]);
  const codes = await e.db.selectFrom('unitCodes').select(['code', 'status']).where('productId', '=', productId).orderBy('code').execute();
  expect(codes).toEqual([{ code: 'XM2026110001', status: 'issued' }, { code: 'XM2026110002', status: 'in_stock' }]);
});

/** True when the element's centre is on screen and nothing (a fixed column, a scrolled-off edge) covers it. */
const uncovered = (locator: Locator) =>
  locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    const top = document.elementFromPoint(x, y);
    return x > 0 && x < window.innerWidth && y > 0 && y < window.innerHeight && !!top && (el === top || el.contains(top));
  });

it('the keeper moves stock to the other warehouse and counts it, the difference posted as an adjustment; a loss that would take reserved units is refused in his words; alerts, and the sales manager reads it all', async () => {
  const page = await pageFor('liugang', 'Liugang2026a');
  const line = async (code: string, name: string) => {
    await page.locator('#stock-document_lines_0_productId').click();
    await page.locator('#stock-document_lines_0_productId').fill(code);
    await page.locator('.ant-select-dropdown:visible').getByText(name).first().click();
  };
  await journey(page, 'inventory-transfer', async () => {
    await page.goto('/stock/documents/new/transfer');
    await page.getByText('新建调拨单').waitFor();
    await page.locator('#stock-document_warehouseId').click();
    await pick(page, '昆明总仓（KM01）');
    // the first list closes before the second opens (both list the warehouses)
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
    await page.locator('#stock-document_toWarehouseId').click();
    await pick(page, '大理分仓（DL01）');
    await pickHandler(page, 'zm', '赵敏');
    await line('JC500', '窖藏白酒');
    await page.getByText('现存量 18 瓶').waitFor();
    await page.locator('#stock-document_lines_0_quantity').fill('6');
    await button(page, '保存并提交').click();
    // the keeper is told what submitting does before the stock moves
    await page.locator('.ant-modal-confirm').filter({ hasText: '提交调拨单？' }).waitFor();
    await page.waitForTimeout(300); // the dialog's opening animation
    await shot(page, '92-inventory-transfer-confirm');
    await confirmSubmit(page, '调拨单', '货物从调出仓库转入调入仓库');
    await page.waitForURL(/\/stock\/documents\/\d+$/);
    await page.locator('h4').filter({ hasText: /调拨单 DB-\d{6}-\d{5}/ }).waitFor();
    const moves = page.locator('.ant-card').filter({ hasText: '库存变动' });
    await moves.locator('tr').filter({ hasText: '昆明总仓' }).getByText('-6 瓶', { exact: true }).waitFor();
    await moves.locator('tr').filter({ hasText: '大理分仓' }).getByText('+6 瓶', { exact: true }).waitFor();
    await shot(page, '93-inventory-transfer-submitted');
  });

  await journey(page, 'inventory-count', async () => {
    await page.goto('/stock/documents/new/count');
    await page.getByText('新建盘点单').waitFor();
    await page.locator('#stock-document_warehouseId').click();
    await pick(page, '昆明总仓（KM01）');
    await page.locator('#stock-document_reason').fill('月末盘点');
    await pickHandler(page, 'zm', '赵敏');
    await line('JC500', '窖藏白酒');
    await page.getByText('现存量 12 瓶').waitFor();
    await page.locator('#stock-document_lines_0_quantity').fill('10');
    await button(page, '保存并提交').click();
    await confirmSubmit(page, '盘点单', '按实盘数量调整库存：盘盈的入库，盘亏的出库');
    await page.waitForURL(/\/stock\/documents\/\d+$/);
    await page.locator('h4').filter({ hasText: /盘点单 PD-\d{6}-\d{4}/ }).waitFor();
    // book 12, counted 10: a loss of 2 posted as an adjustment
    const row = page.locator('.sd-doc tr').filter({ hasText: '窖藏白酒' });
    await row.getByText('10 瓶').waitFor();
    await row.getByText('-2', { exact: true }).waitFor();
    // the count's result in its totals: what was found over and short of the book
    await page.getByTestId('count-differences').getByText('盘亏合计：2', { exact: false }).waitFor();
    await page.locator('.ant-card').filter({ hasText: '库存变动' }).locator('tr').filter({ hasText: '昆明总仓' }).getByText('-2 瓶', { exact: true }).waitFor();
    await shot(page, '94-inventory-count-posted');
  });

  // an order holds 8 of the 10 left: a count that finds 1 may write off 2 at most
  await e.db.transaction().execute((tx) => reserve(tx, company.id, [{ warehouseId, productId, quantity: 8, sourceType: 'sales_order', sourceId: 1, sourceLineId: 1 }]));
  await journey(page, 'inventory-count-reserved', async () => {
    await page.goto('/stock/documents/new/count');
    await page.getByText('新建盘点单').waitFor();
    await page.locator('#stock-document_warehouseId').click();
    await pick(page, '昆明总仓（KM01）');
    await pickHandler(page, 'zm', '赵敏');
    await line('JC500', '窖藏白酒');
    await page.getByText('现存量 10 瓶（5箱） · 可用量 2').waitFor();
    // a count's line is one row at 1366 px with the batch picker: its delete button beside the product, not wrapped under it
    const top = async (l: Locator) => (await l.boundingBox())!.y;
    expect(Math.abs((await top(page.getByRole('button', { name: '删除' }).first())) - (await top(page.locator('#stock-document_lines_0_productId'))))).toBeLessThan(24);
    await page.locator('#stock-document_lines_0_quantity').fill('1');
    await button(page, '保存并提交').click();
    await confirmSubmit(page, '盘点单', '按实盘数量调整库存');
    await page.locator('.ant-alert-error').getByText('盘点单不能提交：「窖藏白酒（500ml）」盘亏 9 瓶，但昆明总仓账面 10 瓶，其中 8 瓶已被订单或留货预留，最多只能盘亏 2 瓶。请先取消或调整占用这些库存的订单、退订相应的留货（释放预留），再提交盘点').waitFor();
    await page.locator('.ant-form-item-explain-error').getByText('已有 8 瓶被订单或留货预留，盘点后不能少于 8 瓶').waitFor();
    await expect.poll(() => page.locator('.ant-modal-confirm').count()).toBe(0); // the dialog has faded out
    await shot(page, '95-inventory-count-reserved-refused');
    // kept as a draft instead and submitted from its page: asked first there too, refused the same way; the draft stays
    await button(page, '保存草稿').click();
    await page.waitForURL(/\/stock\/documents\/\d+$/);
    await page.locator('.ant-tag').filter({ hasText: '草稿' }).first().waitFor();
    await button(page, '提交').click();
    await confirmSubmit(page, '盘点单', '按实盘数量调整库存');
    await page.locator('.ant-alert-error').getByText(/^盘点单不能提交：「窖藏白酒（500ml）」盘亏 9 瓶/).waitFor();
    await page.locator('.ant-tag').filter({ hasText: '草稿' }).first().waitFor();
  });

  // a batch of another product near its expiry, in the other warehouse
  const beer = await makeProduct(e.db, company, { code: 'PJ330', name: '苍洱啤酒', spec: '330ml', unit: '听', safetyStock: 0 });
  await stockUp(e.db, company, { warehouseId: dali, productId: beer.id, quantity: 48, batchNo: 'PJ-0901', expiryDate: addDays(businessDate(), 10) });
  await journey(page, 'inventory-alerts', async () => {
    await page.goto('/stock/alerts');
    // below the safety stock of 24 in each warehouse: 10 in 昆明总仓, 6 in 大理分仓
    await page.locator('tr').filter({ hasText: '窖藏白酒' }).filter({ hasText: '昆明总仓' }).getByText('14', { exact: true }).waitFor();
    await page.locator('tr').filter({ hasText: '窖藏白酒' }).filter({ hasText: '大理分仓' }).getByText('18', { exact: true }).waitFor();
    await settled(page);
    await shot(page, '96-inventory-alerts-low');
    await page.getByRole('tab', { name: '临期批次' }).click();
    await page.locator('tr').filter({ hasText: 'PJ-0901' }).getByText('10 天').waitFor();
    await settled(page);
    await shot(page, '97-inventory-alerts-expiring');
    // the suggestion's 请购 is on screen at 1366 px, not scrolled off to the right
    await page.getByRole('tab', { name: '补货建议' }).click();
    const suggestion = page.locator('tr').filter({ hasText: '窖藏白酒' }).filter({ hasText: '大理分仓' });
    await suggestion.getByRole('button', { name: /请\s*购/ }).waitFor();
    await expect.poll(() => uncovered(suggestion.getByRole('button', { name: /请\s*购/ }))).toBe(true);
    await settled(page);
    await shot(page, '98-inventory-replenishment-fits');

    // the overview: each warehouse's figure, the keeper's 设安全库存 on screen
    await page.goto('/stock?q=JC500');
    const km = page.locator('tr').filter({ hasText: '窖藏白酒' }).filter({ hasText: '昆明总仓' });
    await km.getByText('10 瓶').first().waitFor();
    // 10 on hand, below the safety stock of 24: the on-hand figure is the red one (available 2 is not what is compared)
    expect(await km.getByText('10 瓶').first().evaluate((el) => getComputedStyle(el).color)).toBe('rgb(207, 19, 34)');
    await page.locator('tr').filter({ hasText: '窖藏白酒' }).filter({ hasText: '大理分仓' }).getByText('6 瓶').first().waitFor();
    await expect.poll(() => uncovered(km.getByRole('button', { name: '设安全库存' }))).toBe(true);
    await settled(page);
    await shot(page, '99-inventory-stock-two-warehouses');
    // the documents list: 状态 not hidden under the fixed 签字 column
    await page.goto('/stock/documents');
    // today's draft count (no number yet) heads today's documents, on either database
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().locator('.ant-tag').filter({ hasText: '草稿' }).waitFor();
    await rows.nth(1).locator('.ant-tag').filter({ hasText: '已提交' }).waitFor();
    await expect.poll(() => uncovered(rows.first().locator('.ant-tag').filter({ hasText: '草稿' }))).toBe(true);
    // on hand at today's end, summed from the ledger, and the ledger with the transfer and the count
    await page.goto('/stock/at-date?q=JC500');
    await page.locator('tr').filter({ hasText: '昆明总仓' }).getByText('10 瓶').waitFor();
    await page.goto(`/stock/ledger?productId=${productId}`);
    await page.locator('tr').filter({ hasText: /DB-\d{6}-\d{5}/ }).filter({ hasText: '大理分仓' }).getByText('6', { exact: true }).waitFor();
    await page.locator('tr').filter({ hasText: /PD-\d{6}-\d{4}/ }).getByText('2', { exact: true }).waitFor();
    await settled(page);
    await shot(page, '99a-inventory-ledger-transfer-count');
  });

  // a sales manager reads stock and alerts; he does not set limits, write documents or raise requests
  const manager = await pageFor('sunjing', 'Sunjing2026a');
  await journey(manager, 'inventory-manager', async () => {
    await manager.goto('/stock?q=JC500');
    await manager.locator('tr').filter({ hasText: '昆明总仓' }).getByText('2 瓶').waitFor(); // available: 10 on hand, 8 reserved
    expect(await manager.getByRole('button', { name: '设安全库存' }).count()).toBe(0);
    await settled(manager);
    await shot(manager, '99b-inventory-manager-stock');
    await manager.goto('/stock/alerts?tab=replenish');
    await manager.locator('tr').filter({ hasText: '窖藏白酒' }).first().waitFor();
    expect(await manager.getByRole('button', { name: /请\s*购/ }).count()).toBe(0);
    await manager.goto('/stock/documents');
    await manager.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    expect(await manager.getByRole('button', { name: /新\s*建/ }).count()).toBe(0);
  });

  const levels = await e.db.selectFrom('stockLevels').select(['warehouseId', 'onHand', 'reserved']).where('productId', '=', productId).orderBy('warehouseId').execute();
  expect(levels).toEqual([{ warehouseId, onHand: 10, reserved: 8 }, { warehouseId: dali, onHand: 6, reserved: 0 }]);
  const counts = await e.db.selectFrom('stockDocumentLines as l').innerJoin('stockDocuments as d', 'd.id', 'l.documentId')
    .select(['d.status', 'l.bookQuantity', 'l.quantity']).where('d.docType', '=', 'count').where('l.productId', '=', productId).orderBy('d.id').execute();
  // the count refused at entry was not saved; the one kept as a draft is still a draft, with no book figure
  expect(counts).toEqual([{ status: 'submitted', bookQuantity: 12, quantity: 10 }, { status: 'draft', bookQuantity: null, quantity: 1 }]);
});

it('the buyer marks a purchase request ordered (asked first), then voids it with a long reason; who raised it stays in view', async () => {
  const buyer = await pageFor('zhaomin', 'Zhaomin2026a');
  await journey(buyer, 'inventory-purchase-buyer', async () => {
    await buyer.goto('/stock/purchase-requests');
    const row = buyer.locator('tr').filter({ hasText: '窖藏白酒' }).filter({ hasText: '补货建议' });
    await row.locator('.ant-tag').filter({ hasText: '待采购' }).waitFor();
    // an open request's three actions fit their column (作废 was cut off at the right edge)
    await expect.poll(() => uncovered(button(row, '作废'))).toBe(true);
    await button(row, '标记已下单').click();
    // a step that does not go back is asked first
    const ask = buyer.locator('.ant-popover').filter({ hasText: '确认已向供应商下单？' });
    await ask.waitFor();
    await buyer.waitForTimeout(300); // the popover's opening animation
    await shot(buyer, '99c-inventory-purchase-ordered-confirm');
    await button(ask, '确定').click();
    await buyer.getByText('已标记为已下单').waitFor();
    await row.locator('.ant-tag').filter({ hasText: '已下单' }).waitFor();
    await button(row, '作废').click();
    const dialog = buyer.locator('.ant-modal').filter({ hasText: '作废' });
    await dialog.locator('textarea').fill('供应商缺货，改订 1000ml 规格，下周再请购一次');
    await button(dialog, '作废').click();
    // the row's tag, which stays (the 已作废 toast is gone after 3 s: on a loaded machine CI looked too late for it)
    await row.locator('.ant-tag').filter({ hasText: '作废' }).waitFor();
    // the long reason is cut with …, and the 操作 column fixed at the right covers neither it nor 请购人
    await expect.poll(() => uncovered(row.locator('td').filter({ hasText: '刘刚' }))).toBe(true);
    await settled(buyer);
    await shot(buyer, '99d-inventory-purchase-voided');
  });
  const requests = await e.db.selectFrom('purchaseRequests').select(['status', 'voidReason']).where('productId', '=', productId).execute();
  expect(requests).toEqual([{ status: 'void', voidReason: '供应商缺货，改订 1000ml 规格，下周再请购一次' }]);
});

it('the keeper gives away a bottle batch he picks from the batches in stock: nearest expiry first, the expired one marked, cases beside', async () => {
  const plum = await makeProduct(e.db, company, { code: 'MZ750', name: '青梅酒', spec: '750ml', unit: '瓶', packUnit: '箱', packSize: 6, safetyStock: 48, targetStock: 60 });
  const today = businessDate();
  await stockUp(e.db, company, { warehouseId, productId: plum.id, quantity: 12, batchNo: 'MZ-2609', productionDate: addDays(today, -30), expiryDate: addDays(today, 300) });
  await stockUp(e.db, company, { warehouseId, productId: plum.id, quantity: 3, batchNo: 'MZ-2501', productionDate: addDays(today, -400), expiryDate: addDays(today, -5) });
  await stockUp(e.db, company, { warehouseId, productId: plum.id, quantity: 25, batchNo: 'MZ-2603', productionDate: addDays(today, -200), expiryDate: addDays(today, 40) });
  await stockUp(e.db, company, { warehouseId: dali, productId: plum.id, quantity: 6, batchNo: 'MZ-DALI', expiryDate: addDays(today, 10) });
  await stockUp(e.db, company, { warehouseId, productId: plum.id, quantity: 2, batchNo: null }); // received without a batch number
  const page = await pageFor('liugang', 'Liugang2026a');
  await journey(page, 'inventory-outbound-batch', async () => {
    await page.goto('/stock/documents/new/outbound');
    await page.getByText('新建出库单').waitFor();
    await page.locator('#stock-document_warehouseId').click();
    await pick(page, '昆明总仓（KM01）');
    await page.locator('#stock-document_counterparty').fill('滇池品鉴会');
    await page.locator('#stock-document_reason').fill('样品');
    await pickHandler(page, 'zm', '赵敏');
    const batchField = page.locator('.ant-select').filter({ has: page.locator('#stock-document_lines_0_batchNo') });
    // empty, the batch goes first-expiry-first-out: the field says so
    await batchField.getByText('默认先到期先出').waitFor();
    await chooseProduct(page, '现存量 42 瓶（7箱） · 可用量 42');

    // the batches of 青梅酒 in 昆明总仓, nearest expiry first (the expired one first, marked); 大理分仓's not among them
    const list = await openBatches(page);
    // read once the list has settled (read at once, it was caught empty while the product's list closed: the journey failed once on main)
    await expect.poll(() => list.locator('[data-testid^="batch-option-"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')))).toEqual(['batch-option-MZ-2501', 'batch-option-MZ-2603', 'batch-option-MZ-2609']);
    await list.getByTestId('batch-option-MZ-2501').getByText('已过期').waitFor();
    // the 2 bottles without a number cannot be picked by one: the list says where they go
    await list.getByText('另有无批号的库存 2 瓶：不选批号时按先到期先出，最后出库').waitFor();
    expect(await list.getByTestId('batch-option-MZ-2603').getByText('已过期').count()).toBe(0);
    const soon = list.getByTestId('batch-option-MZ-2603');
    await soon.getByText(`到期 ${addDays(today, 40)}`).waitFor();
    await soon.getByText(`生产 ${addDays(today, -200)}`).waitFor();
    await soon.getByText('现存量 25 瓶（4箱1瓶）').waitFor();
    await soon.getByText('可用量 25 瓶（4箱1瓶）').waitFor();
    await page.waitForTimeout(300); // the list's opening animation
    await shot(page, '88c-inventory-outbound-batch-picker');
    await soon.click();
    await batchField.getByText('MZ-2603', { exact: true }).waitFor();
    // another warehouse chosen: the batch picked was 昆明总仓's and goes with it (大理分仓 has no MZ-2603); back again, picked again
    await page.locator('#stock-document_warehouseId').click();
    await pick(page, '大理分仓（DL01）');
    await batchField.getByText('默认先到期先出').waitFor();
    await page.getByTestId('on-hand-hint').getByText('现存量 6 瓶（1箱） · 可用量 6').waitFor();
    await page.locator('#stock-document_warehouseId').click();
    await pick(page, '昆明总仓（KM01）');
    await batchField.getByText('默认先到期先出').waitFor();
    await page.locator('#stock-document_lines_0_batchNo').click();
    await list.getByTestId('batch-option-MZ-2603').click();
    await batchField.getByText('MZ-2603', { exact: true }).waitFor();
    // the hint beside the quantity is now the batch's
    await page.getByTestId('on-hand-hint').getByText('批次 MZ-2603：现存量 25 瓶（4箱1瓶） · 可用量 25').waitFor();
    await page.locator('#stock-document_lines_0_quantity').fill('7');
    await shot(page, '88d-inventory-outbound-batch-picked');

    await button(page, '保存并提交').click();
    await confirmSubmit(page, '出库单', '货物从所选仓库的库存中扣减');
    await page.waitForURL(/\/stock\/documents\/\d+$/);
    await page.locator('h4').filter({ hasText: /出库单 CK-\d{6}-\d{5}/ }).waitFor();
    // the seven bottles left from the batch picked, not from the expired one first-expiry-first-out would take
    await page.locator('.ant-card').filter({ hasText: '库存变动' }).locator('tr').filter({ hasText: 'MZ-2603' }).getByText('-7 瓶', { exact: true }).waitFor();
    // the slip's line: 7 bottles, a case and one under them
    await page.locator('.sd-doc tr').filter({ hasText: 'MZ-2603' }).getByText('1箱1瓶', { exact: true }).waitFor();
    await shot(page, '88e-inventory-outbound-batch-submitted');
  });

  // where the keeper reads stock, cases beside bottles (6 a case), and the pages still fit 1366 px with the menu open
  await journey(page, 'inventory-stock-cases', async () => {
    await page.goto('/stock?q=MZ750');
    const km = page.locator('tr').filter({ hasText: '青梅酒' }).filter({ hasText: '昆明总仓' });
    await km.getByText('35 瓶').first().waitFor();
    expect(await km.getByText('5箱5瓶', { exact: true }).count()).toBe(2); // on hand and available
    // below its safety stock of 48: the on-hand figure is red, its cases under it
    expect(await km.getByText('35 瓶').first().evaluate((el) => getComputedStyle(el).color)).toBe('rgb(207, 19, 34)');
    await page.locator('tr').filter({ hasText: '青梅酒' }).filter({ hasText: '大理分仓' }).getByText('1箱', { exact: true }).first().waitFor();
    await expect.poll(() => uncovered(km.getByRole('button', { name: '设安全库存' }))).toBe(true);
    await settled(page);
    await shot(page, '88f-inventory-stock-cases');

    await page.goto('/stock/batches?q=MZ750');
    await page.locator('tr').filter({ hasText: 'MZ-2603' }).getByText('3箱', { exact: true }).waitFor();
    await page.locator('tr').filter({ hasText: 'MZ-2609' }).getByText('2箱', { exact: true }).waitFor();
    // 3 bottles are under a case: no case figure
    expect(await page.locator('tr').filter({ hasText: 'MZ-2501' }).getByText(/箱/).count()).toBe(0);
    await settled(page);
    await shot(page, '88g-inventory-batches-cases');

    await page.goto('/stock/alerts?q=MZ750');
    const low = page.locator('tr').filter({ hasText: '青梅酒' }).filter({ hasText: '昆明总仓' });
    await low.getByText('35 瓶').waitFor();
    expect(await low.getByText('5箱5瓶', { exact: true }).count()).toBe(2);
    await page.getByRole('tab', { name: '临期批次' }).click();
    await page.locator('tr').filter({ hasText: 'MZ-DALI' }).getByText('1箱', { exact: true }).waitFor();
    await settled(page);
    await shot(page, '88h-inventory-expiring-cases');
    await page.getByRole('tab', { name: '补货建议' }).click();
    // to reach the target of 60: 25 bottles for 昆明总仓, 54 for 大理分仓
    const buy = page.locator('tr').filter({ hasText: '青梅酒' }).filter({ hasText: '昆明总仓' });
    await buy.getByText('25 瓶').waitFor();
    await buy.getByText('4箱1瓶', { exact: true }).waitFor();
    await page.locator('tr').filter({ hasText: '青梅酒' }).filter({ hasText: '大理分仓' }).getByText('9箱', { exact: true }).waitFor();
    await expect.poll(() => uncovered(buy.getByRole('button', { name: /请\s*购/ }))).toBe(true);
    await settled(page);
    await shot(page, '88i-inventory-replenishment-cases');
  });

  // a count: the batch from the list, or typed when the shelf holds one the books do not have
  await journey(page, 'inventory-count-batch', async () => {
    await page.goto('/stock/documents/new/count');
    await page.getByText('新建盘点单').waitFor();
    await page.locator('#stock-document_warehouseId').click();
    await pick(page, '昆明总仓（KM01）');
    await pickHandler(page, 'zm', '赵敏');
    await page.locator('.ant-select').filter({ has: page.locator('#stock-document_lines_0_batchNo') }).getByText('默认全部批次').waitFor();
    await page.locator('#stock-document_lines_0_productId').click();
    await page.locator('#stock-document_lines_0_productId').fill('MZ750');
    await page.locator('.ant-select-dropdown:visible').getByText('青梅酒').first().click();
    await page.getByTestId('on-hand-hint').getByText('现存量 35 瓶（5箱5瓶）').waitFor();
    const batch = page.locator('#stock-document_lines_0_batchNo');
    await batch.click();
    await page.locator('.ant-select-dropdown:visible').getByTestId('batch-option-MZ-2609').waitFor();
    await batch.fill('MZ-2610');
    // nothing in the books by that number: the list says what the count will do, the typed number stays
    await page.locator('.ant-select-dropdown:visible').getByText('账上没有批号 MZ-2610：提交后按实盘数量盘盈入库').waitFor();
    await page.locator('.ant-select-dropdown:visible').getByText('另有无批号的库存 2 瓶：不填批号时与全部批次一起盘点').waitFor();
    await page.getByTestId('on-hand-hint').getByText('批次 MZ-2610：现存量 0 瓶 · 可用量 0').waitFor();
    await page.locator('#stock-document_lines_0_quantity').fill('6');
    await expect.poll(() => batch.inputValue()).toBe('MZ-2610');
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(1); // the product's list has closed
    await shot(page, '88j-inventory-count-typed-batch');
    await button(page, '保存并提交').click();
    await confirmSubmit(page, '盘点单', '按实盘数量调整库存');
    await page.waitForURL(/\/stock\/documents\/\d+$/);
    await page.locator('.ant-card').filter({ hasText: '库存变动' }).locator('tr').filter({ hasText: 'MZ-2610' }).getByText('+6 瓶', { exact: true }).waitFor();
  });

  // in English: the picker's list and the stock overview, cases spaced as English writes them
  await journey(page, 'inventory-batch-picker-en', async () => {
    await page.goto('/stock/documents/new/outbound');
    await page.getByText('新建出库单').waitFor();
    await page.getByText('English', { exact: true }).click();
    await page.getByText('New other issue').waitFor();
    // built-in roles by their English names: the keeper's in his menu, his colleague's in the people picker
    const userMenu = page.getByRole('button', { name: '刘刚' });
    await userMenu.click();
    await page.locator('.ant-dropdown:visible').getByText('Warehouse keeper · 仓储部', { exact: true }).waitFor();
    await userMenu.click();
    await page.locator('#stock-document_handlerId').click();
    await page.locator('#stock-document_handlerId').fill('zm');
    await page.locator('.ant-select-dropdown:visible').getByText('仓储部 · Sales assistant', { exact: true }).waitFor();
    await shot(page, '88k0-inventory-people-picker-en');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.ant-select-dropdown:visible, .ant-dropdown:visible').count()).toBe(0);
    await page.locator('.ant-select').filter({ has: page.locator('#stock-document_lines_0_batchNo') }).getByText('FEFO if empty').waitFor();
    await page.locator('#stock-document_warehouseId').click();
    await pick(page, '昆明总仓（KM01）');
    await page.locator('#stock-document_lines_0_productId').click();
    await page.locator('#stock-document_lines_0_productId').fill('MZ750');
    await page.locator('.ant-select-dropdown:visible').getByText('青梅酒').first().click();
    await page.locator('#stock-document_lines_0_batchNo').click();
    const list = page.locator('.ant-select-dropdown:visible');
    await list.getByTestId('batch-option-MZ-2501').getByText('Expired').waitFor();
    await list.getByTestId('batch-option-MZ-2603').getByText('On hand 18 瓶 (3 箱)').waitFor();
    await list.getByTestId('batch-option-MZ-2610').getByText('No expiry date', { exact: true }).waitFor();
    await list.getByText('Also 2 瓶 without a batch number: with no batch picked, first expiry first out, these last').waitFor();
    await page.waitForTimeout(300); // the list's opening animation
    await shot(page, '88k-inventory-batch-picker-en');
    await page.keyboard.press('Escape');
    await page.goto('/stock?q=MZ750');
    const km = page.locator('tr').filter({ hasText: '青梅酒' }).filter({ hasText: '昆明总仓' });
    await km.getByText('6 箱 5 瓶', { exact: true }).first().waitFor(); // 41 瓶 after the count's 6
    await expect.poll(() => uncovered(km.getByRole('button', { name: 'Set' }))).toBe(true);
    await settled(page);
    await shot(page, '88l-inventory-stock-cases-en');
    await page.getByText('中文', { exact: true }).click();
    await page.getByText('库存查询').first().waitFor();
    // in Chinese the role reads as stored
    await page.getByRole('button', { name: '刘刚' }).click();
    await page.locator('.ant-dropdown:visible').getByText('仓管 · 仓储部', { exact: true }).waitFor();
    await page.getByRole('button', { name: '刘刚' }).click();
  });

  // a transfer with a batch picked from the same list (not the expired one first-expiry-first-out would take):
  // it leaves 昆明总仓 and arrives in 大理分仓 under its number, with its production and expiry dates
  await journey(page, 'inventory-transfer-batch', async () => {
    await page.goto('/stock/documents/new/transfer');
    await page.getByText('新建调拨单').waitFor();
    await page.locator('#stock-document_warehouseId').click();
    await pick(page, '昆明总仓（KM01）');
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0); // both lists list the warehouses
    const toField = page.locator('.ant-select').filter({ has: page.locator('#stock-document_toWarehouseId') });
    await page.locator('#stock-document_toWarehouseId').click();
    await pick(page, '大理分仓（DL01）');
    // each list closed before the next opens: both list the same warehouses, and a closing one's option is not clickable
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
    // the warehouse it leaves changed to the one it was going to: that one is no longer a target, and the field empties
    // (both read 大理分仓, a form that looked right and was refused on submit)
    await page.locator('#stock-document_warehouseId').click();
    await pick(page, '大理分仓（DL01）');
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
    await expect.poll(() => toField.innerText()).not.toMatch(/\d/);
    await page.locator('#stock-document_warehouseId').click();
    await pick(page, '昆明总仓（KM01）');
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
    await page.locator('#stock-document_toWarehouseId').click();
    await pick(page, '大理分仓（DL01）');
    await toField.getByText('大理分仓（DL01）', { exact: true }).waitFor();
    await pickHandler(page, 'zm', '赵敏');
    const batchField = page.locator('.ant-select').filter({ has: page.locator('#stock-document_lines_0_batchNo') });
    await batchField.getByText('默认先到期先出').waitFor();
    // the batch comes from the warehouse it leaves and arrives under the same number and dates: the tip says so
    await page.locator('.ant-form-item-label').filter({ hasText: '批号' }).locator('.anticon-question-circle').hover();
    await page.locator('.ant-tooltip:visible').getByText('从调出仓库该商品有库存的批次中选（最近到期的在前），不填则按先到期先出；调入仓库按原批号和生产、到期日期入库').waitFor();
    await page.mouse.move(0, 0);
    await chooseProduct(page, '现存量 41 瓶（6箱5瓶） · 可用量 41');
    // the batches of the warehouse it leaves, nearest expiry first (the one without an expiry date last); 大理分仓's not among them
    const list = await openBatches(page);
    await expect.poll(() => list.locator('[data-testid^="batch-option-"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid'))))
      .toEqual(['batch-option-MZ-2501', 'batch-option-MZ-2603', 'batch-option-MZ-2609', 'batch-option-MZ-2610']);
    await list.getByTestId('batch-option-MZ-2501').getByText('已过期').waitFor();
    await list.getByTestId('batch-option-MZ-2609').getByText('现存量 12 瓶（2箱）').waitFor();
    await page.waitForTimeout(300); // the list's opening animation
    await shot(page, '93a-inventory-transfer-batch-picker');
    await list.getByTestId('batch-option-MZ-2609').click();
    await batchField.getByText('MZ-2609', { exact: true }).waitFor();
    await page.getByTestId('on-hand-hint').getByText('批次 MZ-2609：现存量 12 瓶（2箱） · 可用量 12').waitFor();
    await page.locator('#stock-document_lines_0_quantity').fill('6');
    await button(page, '保存并提交').click();
    await confirmSubmit(page, '调拨单', '货物从调出仓库转入调入仓库');
    await page.waitForURL(/\/stock\/documents\/\d+$/);
    await page.locator('h4').filter({ hasText: /调拨单 DB-\d{6}-\d{5}/ }).waitFor();
    await page.locator('.sd-doc tr').filter({ hasText: 'MZ-2609' }).getByText('1箱', { exact: true }).waitFor();
    const moves = page.locator('.ant-card').filter({ hasText: '库存变动' });
    await moves.locator('tr').filter({ hasText: '昆明总仓' }).filter({ hasText: 'MZ-2609' }).getByText('-6 瓶', { exact: true }).waitFor();
    await moves.locator('tr').filter({ hasText: '大理分仓' }).filter({ hasText: 'MZ-2609' }).getByText('+6 瓶', { exact: true }).waitFor();
    expect(await moves.locator('tr').filter({ hasText: 'MZ-2501' }).count()).toBe(0);
    await shot(page, '93b-inventory-transfer-batch-submitted');

    // 批次库存: the batch in both warehouses, the same number and dates, six bottles each
    await page.goto('/stock/batches?q=MZ750&batchNo=MZ-2609');
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    for (const name of ['昆明总仓', '大理分仓']) {
      const row = rows.filter({ hasText: name });
      await row.getByText('MZ-2609', { exact: true }).waitFor();
      await row.getByText(addDays(today, -30), { exact: true }).waitFor();
      await row.getByText(addDays(today, 300), { exact: true }).waitFor();
      await row.getByText('6 瓶').waitFor();
    }
    await expect.poll(() => rows.count()).toBe(2);
    await settled(page);
    await shot(page, '93c-inventory-transfer-batch-arrived');
  });
  const moved = await e.db.selectFrom('stockBatches').select(['warehouseId', 'productionDate', 'expiryDate', 'onHand']).where('productId', '=', plum.id).where('batchNo', '=', 'MZ-2609').orderBy('warehouseId').execute();
  expect(moved).toEqual([
    { warehouseId, productionDate: addDays(today, -30), expiryDate: addDays(today, 300), onHand: 6 },
    { warehouseId: dali, productionDate: addDays(today, -30), expiryDate: addDays(today, 300), onHand: 6 },
  ]);
  const left = await e.db.selectFrom('stockBatches').select(['warehouseId', 'batchNo', 'onHand']).where('productId', '=', plum.id).orderBy('warehouseId').orderBy('batchNo').execute();
  expect(left).toEqual([
    { warehouseId, batchNo: '', onHand: 2 },
    { warehouseId, batchNo: 'MZ-2501', onHand: 3 },
    { warehouseId, batchNo: 'MZ-2603', onHand: 18 },
    { warehouseId, batchNo: 'MZ-2609', onHand: 6 },
    { warehouseId, batchNo: 'MZ-2610', onHand: 6 },
    { warehouseId: dali, batchNo: 'MZ-2609', onHand: 6 },
    { warehouseId: dali, batchNo: 'MZ-DALI', onHand: 6 },
  ]);
});

/** 青梅酒 (MZ750) chosen on a stock document's first line, once its on-hand hint reads `hint`. */
async function chooseProduct(page: Page, hint: string) {
  await page.locator('#stock-document_lines_0_productId').click();
  await page.locator('#stock-document_lines_0_productId').fill('MZ750');
  await page.locator('.ant-select-dropdown:visible').getByText('青梅酒').first().click();
  await page.getByTestId('on-hand-hint').getByText(hint).waitFor();
}

/** The first line's batch picker opened, once its list shows batch MZ-2609. */
async function openBatches(page: Page) {
  await page.locator('#stock-document_lines_0_batchNo').click();
  const list = page.locator('.ant-select-dropdown:visible');
  await list.getByTestId('batch-option-MZ-2609').waitFor();
  return list;
}
