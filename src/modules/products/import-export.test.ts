import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/fixtures/app.ts';
import { makeCompany, makeProduct, makeUser, TEST_PASSWORD, type TestCompany } from '../../../test/fixtures/factories.ts';
import { rawSession, readSheet, sheetBuffer } from '../imports/test-helpers.ts';
import { numberCellText } from './import-export.ts';

let t: TestApp;
let company: TestCompany;
let s: Awaited<ReturnType<typeof rawSession>>;
beforeAll(async () => {
  t = await createTestApp();
  company = await makeCompany(t.db);
  const admin = await makeUser(t.db, company, { roleCode: 'admin' });
  s = await rawSession(t.app, admin.username, TEST_PASSWORD);
  await makeProduct(t.db, company, { code: 'OLD-1', name: '已有商品', barcode: '6900000000001' });
});
afterAll(() => t.close());

const H = ['商品编码*', '商品名称*', '规格', '单位*', '包装单位', '包装数量', '条码', '分类', '品牌', '税率(%)', '标价(含税,元)*', '扫码出库'];
const reasons = (body: any) => body.errorRows.items.map((i: any) => [i.rowNumber, i.errors.map((e: any) => (e.header ? `${e.header}：${e.message}` : e.message)).join('；')]);

describe('product import', () => {
  it('the template has the columns and explanations, and its example row imports', async () => {
    const res = await s.get('/api/imports/templates/products.xlsx');
    expect(res.statusCode).toBe(200);
    const [header, example] = await readSheet(res.rawPayload);
    expect(header.slice(0, 4)).toEqual(['商品编码*', '商品名称*', '规格', '单位*']);
    expect(header).toContain('标价(含税,元)*');
    expect(example[1]).toBe('滇源老窖 52度');
    const help = await readSheet(res.rawPayload, 1);
    expect(help.find((h) => h[0] === '包装数量')![2]).toContain('1 箱 = 12 瓶');
    const back = await s.upload('/api/imports/products', '模板.xlsx', res.rawPayload);
    expect(back.json()).toMatchObject({ totalRows: 1, validRows: 1 });
  });

  it('reports each bad row with a Chinese reason (duplicate codes in the file and in the database) and imports the rest', async () => {
    const up = await s.upload(
      '/api/imports/products',
      '商品.xlsx',
      await sheetBuffer(H, [
        ['IM-1', '滇源清香 42度', '500ml', '瓶', '箱', '12', '6911111111111', '白酒', '滇源', '13%', '¥68.5', '是'], // 2 ok
        ['IM-2', '山泉水', '550ml', '瓶', '箱', '24', null, '饮用水', null, null, '1.2345', '否'], // 3 ok
        ['IM-1', '重复编码', null, '瓶', null, null, null, null, null, null, '10', null], // 4 dup code in file
        ['OLD-1', '与已有重复', null, '瓶', null, null, null, null, null, null, '10', null], // 5 dup code in db
        ['IM-5', '条码重复', null, '瓶', null, null, '6900000000001', null, null, null, '10', null], // 6 dup barcode in db
        ['IM-6', '价格错', null, '瓶', null, null, null, null, null, null, '12.34567', null], // 7 bad price
        ['IM-7', '缺包装数', null, '瓶', '箱', null, null, null, null, '120', null, '也许'], // 8 pack, tax, price, flag
        [null, '无编码', null, null, null, null, null, null, null, null, '1', null], // 9 missing code and unit
      ]),
    );
    expect(up.statusCode).toBe(200);
    const body = up.json();
    expect(body).toMatchObject({ totalRows: 8, validRows: 2, invalidRows: 6 });
    const r = Object.fromEntries(reasons(body));
    expect(r[4]).toContain('商品编码与第 2 行重复');
    expect(r[5]).toContain('商品编码已被已有商品「已有商品」使用');
    expect(r[6]).toContain('条码已被已有商品「已有商品」（OLD-1）使用');
    expect(r[7]).toContain('标价「12.34567」有 5 位小数：价格最多 4 位小数');
    expect(r[8]).toContain('税率「120」不对：只能是 13%、9%、6%、3%、1% 或 0%');
    expect(r[8]).toContain('标价');
    expect(r[8]).toContain('扫码出库只能填“是”或“否”');
    expect(r[9]).toMatch(/商品编码.*必填/);
    const commit = await s.postJson(`/api/imports/${body.id}/commit`, { mode: 'valid_only' });
    expect(commit.statusCode).toBe(200);
    expect(commit.json().importedRows).toBe(2);
    const rows = await t.db.selectFrom('products').selectAll().where('companyId', '=', company.id).where('code', 'in', ['IM-1', 'IM-2']).orderBy('code').execute();
    expect(rows.map((p) => [p.code, p.listPrice, p.taxRateBp, p.packSize, p.trackCodes])).toEqual([
      ['IM-1', 685_000, 1300, 12, 1],
      ['IM-2', 12_345, 1300, 24, 0],
    ]);
    expect(rows[0].searchKey).toContain('dyqx');
    const audit = await t.db.selectFrom('auditLog').select('action').where('entity', '=', 'product').where('entityId', '=', rows[0].id).execute();
    expect(audit.map((a) => a.action)).toEqual(['product.import']);
  });

  it('reads prices as people type them (¥, thousands separators, full-width digits), and names wrong prices, rates and units', async () => {
    await makeProduct(t.db, company, { code: 'OLD-ZUN', name: '樽装老酒', unit: '樽', packUnit: null, packSize: null });
    const up = await s.upload(
      '/api/imports/products',
      '杂乱.xlsx',
      await sheetBuffer(H, [
        ['RW-1', '礼盒酒', null, '盒', '箱', '6', null, null, null, '13', '¥1,280.00', null], // 2 ok
        ['RW-2', '大坛酒', null, '坛', null, null, null, null, null, '9%', '￥12,345.5', null], // 3 ok
        ['ＲＷ－３', '全角酒', null, '瓶', '箱', '２４', '６９２２２２２２２２２２２', null, null, '0.09', '１２８．５０', null], // 4 ok: half-width, 9 %
        ['RW-4', '樽酒', null, '樽', null, null, null, null, null, null, '10', null], // 5 ok: a unit the company uses
        ['RW-5', '逗号错', null, '瓶', null, null, null, null, null, null, '12,34', null], // 6 comma typo (and 12.34567 typed by hand stays an error: above)
        ['RW-6', '负价', null, '瓶', null, null, null, null, null, null, '-5', null], // 7 negative
        ['RW-7', '税率错', null, '瓶', null, null, null, null, null, '13.5%', '10', null], // 8 no such rate
        ['RW-8', '单位错', null, 'pcs', '大箱子', '12', null, null, null, null, '10', null], // 9 unknown units
        ['RW-10', '长'.repeat(101), null, '瓶', '箱', '20000', null, null, null, null, '10', null], // 11 name too long, pack size too big
        ['RW-9', '公式价', null, '瓶', null, null, null, null, null, null, 98 * 0.92, null], // 10 ok: 90.16000000000001, a formula's float
      ]),
    );
    expect(up.statusCode).toBe(200);
    const body = up.json();
    expect(body).toMatchObject({ totalRows: 10, validRows: 5, invalidRows: 5 });
    const r = Object.fromEntries(reasons(body));
    expect(r[6]).toBe('标价(含税,元)：标价「12,34」不是金额：应为元，最多 4 位小数，如 128、128.5 或 ¥1,280.00');
    expect(r[7]).toBe('标价(含税,元)：标价不能为负数');
    expect(r[8]).toBe('税率(%)：税率「13.5%」不对：只能是 13%、9%、6%、3%、1% 或 0%（填 13 或 13%）');
    expect(r[9]).toContain('单位：计量单位「pcs」不是常用单位');
    expect(r[9]).toContain('包装单位：包装单位「大箱子」不是常用单位');
    expect(r[10]).toBe('商品名称：不能超过 100 个字；包装数量：不能大于 10000');
    expect((await s.postJson(`/api/imports/${body.id}/commit`, { mode: 'valid_only' })).json().importedRows).toBe(5);
    const rows = await t.db.selectFrom('products').select(['code', 'listPrice', 'taxRateBp', 'packSize', 'barcode', 'unit']).where('companyId', '=', company.id).where('code', 'like', 'RW-%').orderBy('code').execute();
    expect(rows).toEqual([
      { code: 'RW-1', listPrice: 12_800_000, taxRateBp: 1300, packSize: 6, barcode: null, unit: '盒' },
      { code: 'RW-2', listPrice: 123_455_000, taxRateBp: 900, packSize: null, barcode: null, unit: '坛' },
      { code: 'RW-3', listPrice: 1_285_000, taxRateBp: 900, packSize: 24, barcode: '6922222222222', unit: '瓶' },
      { code: 'RW-4', listPrice: 100_000, taxRateBp: 1300, packSize: null, barcode: null, unit: '樽' },
      { code: 'RW-9', listPrice: 901_600, taxRateBp: 1300, packSize: null, barcode: null, unit: '瓶' },
    ]);
  });

  it('reads a number cell to 15 significant digits, never rounding money to 4 decimals: float noise goes, a real fifth decimal is refused', async () => {
    const up = await s.upload(
      '/api/imports/products',
      '公式.xlsx',
      await sheetBuffer(H, [
        ['FL-1', '九二折', null, '瓶', null, null, null, null, null, null, 98 * 0.92, null], // 2: 90.16000000000001
        ['FL-2', '零点三', null, '瓶', null, null, null, null, null, null, 0.1 + 0.2, null], // 3: 0.30000000000000004
        ['FL-3', '极小', null, '瓶', null, null, null, null, null, null, 1e-7, null], // 4: 0.0000001, 7 decimals
        ['FL-4', '千万', null, '瓶', null, null, null, null, null, null, 12345678.9, null], // 5
        ['FL-5', '五位', null, '瓶', null, null, null, null, null, null, 1.23456, null], // 6: a fifth decimal in a number cell
        ['FL-6', '成本', null, '瓶', null, null, null, null, null, null, 2 / 3 * 3, null], // 7: 2, exactly
      ]),
    );
    expect(up.statusCode).toBe(200);
    const body = up.json();
    expect(body).toMatchObject({ totalRows: 6, validRows: 4, invalidRows: 2 });
    const r = Object.fromEntries(reasons(body));
    expect(r[4]).toBe('标价(含税,元)：标价「0.0000001」有 7 位小数：价格最多 4 位小数（精确到 0.0001 元），请在表格中改为 4 位以内');
    expect(r[6]).toBe('标价(含税,元)：标价「1.23456」有 5 位小数：价格最多 4 位小数（精确到 0.0001 元），请在表格中改为 4 位以内');
    expect((await s.postJson(`/api/imports/${body.id}/commit`, { mode: 'valid_only' })).json().importedRows).toBe(4);
    const rows = await t.db.selectFrom('products').select(['code', 'listPrice']).where('companyId', '=', company.id).where('code', 'like', 'FL-%').orderBy('code').execute();
    expect(rows).toEqual([
      { code: 'FL-1', listPrice: 901_600 },
      { code: 'FL-2', listPrice: 3_000 },
      { code: 'FL-4', listPrice: 123_456_789_000 },
      { code: 'FL-6', listPrice: 20_000 },
    ]);
  });

  it('stores a unit as the company spells it when it matches case-blind or full-width (ml, Ｍｌ → ML), else as the common unit (KG → kg)', async () => {
    const c = await makeCompany(t.db);
    const admin2 = await makeUser(t.db, c, { roleCode: 'admin' });
    const s2 = await rawSession(t.app, admin2.username, TEST_PASSWORD);
    await makeProduct(t.db, c, { code: 'U-OLD', name: '原浆', unit: 'ML', packUnit: '桶', packSize: 20 });
    const up = await s2.upload(
      '/api/imports/products',
      '单位.xlsx',
      await sheetBuffer(H, [
        ['U-1', '散酒', null, 'ml', '桶', '20', null, null, null, null, '1', null], // 2 → ML
        ['U-2', '全角', null, 'Ｍｌ', null, null, null, null, null, null, '1', null], // 3 → ML
        ['U-3', '称重', null, 'KG', null, null, null, null, null, null, '1', null], // 4 → kg
        ['U-4', '同单位', null, 'ml', 'ML', '10', null, null, null, null, '1', null], // 5 pack unit the unit in other case
        ['U-OLD', '原浆', '500ml', 'ml', '桶', '20', null, null, null, '13', '100', '否'], // 6 the product as it is: unchanged
      ]),
    );
    expect(up.statusCode).toBe(200);
    const body = up.json();
    expect(body).toMatchObject({ totalRows: 5, validRows: 4, invalidRows: 1, unchangedRows: 1 });
    expect(Object.fromEntries(reasons(body))[5]).toBe('包装单位：包装单位不能与计量单位相同');
    expect((await s2.postJson(`/api/imports/${body.id}/commit`, { mode: 'valid_only' })).json().importedRows).toBe(3);
    const rows = await t.db.selectFrom('products').select(['code', 'unit', 'packUnit']).where('companyId', '=', c.id).orderBy('code').execute();
    expect(rows).toEqual([
      { code: 'U-1', unit: 'ML', packUnit: '桶' },
      { code: 'U-2', unit: 'ML', packUnit: null },
      { code: 'U-3', unit: 'kg', packUnit: null },
      { code: 'U-OLD', unit: 'ML', packUnit: '桶' },
    ]);
  });

  it('a rep without product.import is refused', async () => {
    const clerk = await makeUser(t.db, company, { roleCode: 'rep' });
    const cs = await rawSession(t.app, clerk.username, TEST_PASSWORD);
    const res = await cs.upload('/api/imports/products', 'x.xlsx', await sheetBuffer(H, [['A', 'b', null, '瓶', null, null, null, null, null, null, '1', null]]));
    expect(res.statusCode).toBe(403);
  });
});

describe('product export', () => {
  it('exports the filtered list with yuan prices, and the file imports back into another company', async () => {
    const res = await s.get(`/api/products/export.xlsx?q=${encodeURIComponent('IM-')}`);
    expect(res.statusCode).toBe(200);
    const [header, ...rows] = await readSheet(res.rawPayload);
    expect(header).toContain('标价(含税,元)');
    expect(rows).toHaveLength(2);
    const im1 = rows.find((r) => r[0] === 'IM-1')!;
    expect(im1[header.indexOf('标价(含税,元)')]).toBe('68.50');
    expect(im1[header.indexOf('税率(%)')]).toBe('13');
    expect(im1[header.indexOf('扫码出库')]).toBe('是');

    const other = await makeCompany(t.db);
    const admin2 = await makeUser(t.db, other, { roleCode: 'admin' });
    const s2 = await rawSession(t.app, admin2.username, TEST_PASSWORD);
    const up = await s2.upload('/api/imports/products', 'back.xlsx', res.rawPayload);
    expect(up.json()).toMatchObject({ totalRows: 2, validRows: 2 });
    expect((await s2.postJson(`/api/imports/${up.json().id}/commit`, { mode: 'all_or_nothing' })).statusCode).toBe(200);
    const back = await t.db.selectFrom('products').select(['code', 'listPrice', 'packUnit', 'packSize', 'barcode']).where('companyId', '=', other.id).orderBy('code').execute();
    expect(back).toEqual([
      { code: 'IM-1', listPrice: 685_000, packUnit: '箱', packSize: 12, barcode: '6911111111111' },
      { code: 'IM-2', listPrice: 12_345, packUnit: '箱', packSize: 24, barcode: null },
    ]);
  });
});

describe('export, edit, import back', () => {
  it('an export imported back is 无变化, not an error, and changes nothing; a row edited in Excel is an update with its changes, audited', async () => {
    const c = await makeCompany(t.db);
    const a = await makeUser(t.db, c, { roleCode: 'admin' });
    const sa = await rawSession(t.app, a.username, TEST_PASSWORD);
    await makeProduct(t.db, c, { code: 'RT-1', name: '滇源老窖 52度', barcode: '6933333333331', listPrice: 12_800_000, costPrice: 8_000_000, shelfLifeDays: 3650, category: '白酒', brand: '滇源', trackCodes: 1 });
    await makeProduct(t.db, c, { code: 'RT-2', name: '滇泉天然饮用水', unit: '瓶', packSize: 24, listPrice: 20_000, taxRateBp: 900 });
    await makeProduct(t.db, c, { code: 'RT-3', name: '停用的旧包装', active: 0 });
    const before = await t.db.selectFrom('products').selectAll().where('companyId', '=', c.id).orderBy('code').execute();
    const exported = await sa.get('/api/products/export.xlsx?active=all');
    expect(exported.statusCode).toBe(200);

    const again = (await sa.upload('/api/imports/products', '商品列表.xlsx', exported.rawPayload)).json();
    expect(again).toMatchObject({ totalRows: 3, validRows: 3, newRows: 0, updatedRows: 0, unchangedRows: 3, invalidRows: 0, updates: true });
    expect(again.errorRows.items).toEqual([]);
    const same = (await sa.get(`/api/imports/${again.id}/rows?action=unchanged`)).json();
    expect(same.items.map((r: any) => [r.rowNumber, r.valid, r.action, r.changes])).toEqual([[2, true, 'unchanged', []], [3, true, 'unchanged', []], [4, true, 'unchanged', []]]);
    // nothing to commit: said so, not as an error of the file
    const nothing = await sa.postJson(`/api/imports/${again.id}/commit`, { mode: 'all_or_nothing' });
    expect(nothing.statusCode).toBe(409);
    expect(nothing.json().error).toMatchObject({ code: 'NOTHING_TO_CHANGE', message: '没有需要新增或修改的内容：3 行与系统中的数据完全相同' });
    expect(await t.db.selectFrom('products').selectAll().where('companyId', '=', c.id).orderBy('code').execute()).toEqual(before);

    // the price of RT-2 raised in Excel (typed as ¥2.20), RT-1 marked 停用, RT-3 as exported
    const [header, ...rows] = await readSheet(exported.rawPayload);
    const priceCol = header.indexOf('标价(含税,元)');
    const statusCol = header.indexOf('状态');
    expect(rows.map((r) => [r[0], r[statusCol]])).toEqual([['RT-1', '启用'], ['RT-2', '启用'], ['RT-3', '停用']]);
    expect([rows[0]![priceCol], rows[0]![header.indexOf('成本价(元)')]]).toEqual(['1280.00', '800.00']); // plain numbers, no thousands separators
    const edited = rows.map((r) =>
      r.map((v, i) => (r[0] === 'RT-2' && i === priceCol ? '¥2.20' : r[0] === 'RT-1' && i === statusCol ? '停用' : v == null ? null : String(v))),
    );
    // and a new product in the same file
    const added: Record<string, string> = { 商品编码: 'RT-4', 商品名称: '新上架的酒', 单位: '瓶', '标价(含税,元)': '58' };
    edited.push(header.map((h) => added[h as string] ?? null));
    const up = (await sa.upload('/api/imports/products', '改价.xlsx', await sheetBuffer(header as string[], edited as string[][]))).json();
    expect(up).toMatchObject({ totalRows: 4, validRows: 4, newRows: 1, updatedRows: 2, unchangedRows: 1, invalidRows: 0 });
    const updates = (await sa.get(`/api/imports/${up.id}/rows?action=update`)).json();
    expect(updates.items.map((r: any) => [r.rowNumber, r.changes.map((x: any) => `${x.label} ${x.from} → ${x.to}`)])).toEqual([
      [2, ['状态 启用 → 停用']],
      [3, ['标价 2.00 → 2.20']],
    ]);
    expect(updates.items[1].changes[0]).toEqual({ column: 'listPrice', label: '标价', from: '2.00', to: '2.20' });
    const done = (await sa.postJson(`/api/imports/${up.id}/commit`, { mode: 'all_or_nothing' })).json();
    expect(done).toMatchObject({ status: 'committed', newRows: 1, updatedRows: 2, unchangedRows: 1, invalidRows: 0, importedRows: 3 });
    expect(await t.db.selectFrom('products').select(['name', 'listPrice']).where('companyId', '=', c.id).where('code', '=', 'RT-4').execute()).toEqual([{ name: '新上架的酒', listPrice: 580_000 }]);
    const after = await t.db.selectFrom('products').selectAll().where('companyId', '=', c.id).where('code', '<>', 'RT-4').orderBy('code').execute();
    expect(after[0]).toEqual({ ...before[0], active: 0, version: before[0].version + 1, updatedAt: after[0].updatedAt });
    expect(after[1]).toEqual({ ...before[1], listPrice: 22_000, version: before[1].version + 1, updatedAt: after[1].updatedAt });
    expect(after[2]).toEqual(before[2]);
    const audit = async (id: number) =>
      (await t.db.selectFrom('auditLog').select(['action', 'before', 'after']).where('entity', '=', 'product').where('entityId', '=', id).execute()).map((x) => [x.action, JSON.parse(x.before!), JSON.parse(x.after!)]);
    expect(await audit(before[1].id)).toEqual([['product.import_update', { listPrice: 20_000 }, { listPrice: 22_000 }]]);
    expect(await audit(before[0].id)).toEqual([['product.import_update', { active: true }, { active: false }]]);

    // between preview and commit someone else makes the same change by hand, and changes a row previewed as 无变化:
    // the first is counted unchanged at commit, the second is not written (the user was told it changes nothing)
    const [h2, ...rows2] = await readSheet((await sa.get('/api/products/export.xlsx?active=all')).rawPayload);
    const priced = rows2.map((r) => r.map((v, i) => (r[0] === 'RT-1' && i === priceCol ? '150' : v == null ? null : String(v))));
    const late = (await sa.upload('/api/imports/products', '再改价.xlsx', await sheetBuffer(h2 as string[], priced as string[][]))).json();
    expect(late).toMatchObject({ newRows: 0, updatedRows: 1, unchangedRows: 3 });
    await t.db.updateTable('products').set({ listPrice: 1_500_000 }).where('companyId', '=', c.id).where('code', '=', 'RT-1').execute();
    await t.db.updateTable('products').set({ listPrice: 30_000 }).where('companyId', '=', c.id).where('code', '=', 'RT-2').execute();
    const lateCommit = await sa.postJson(`/api/imports/${late.id}/commit`, { mode: 'valid_only' });
    expect(lateCommit.statusCode).toBe(409);
    expect(lateCommit.json().error.code).toBe('NOTHING_TO_CHANGE');
    expect((await t.db.selectFrom('products').select('listPrice').where('companyId', '=', c.id).where('code', '=', 'RT-2').executeTakeFirstOrThrow()).listPrice).toBe(30_000);

    // a status that is neither 启用 nor 停用 is named
    const bad = (await sa.upload('/api/imports/products', '状态.xlsx', await sheetBuffer(['商品编码', '商品名称', '单位', '标价', '状态'], [['RT-9', '新酒', '瓶', '10', '下架了']]))).json();
    expect(reasons(bad)).toEqual([[2, '状态：状态只能填“启用”或“停用”']]);
  });
});

describe('numberCellText', () => {
  it('writes a float cell as the plain decimal it holds to 15 significant digits, and leaves other text alone', () => {
    expect(['90.16000000000001', '0.30000000000000004', '1e-7', '12345678.9', '1.2e16', '-5', '128.50', '0.1'].map(numberCellText)).toEqual([
      '90.16', '0.3', '0.0000001', '12345678.9', '12000000000000000', '-5', '128.5', '0.1',
    ]);
    expect(['¥1,280.00', '１２８．５', '12,34', 'abc', '', undefined].map(numberCellText)).toEqual(['¥1,280.00', '１２８．５', '12,34', 'abc', '', undefined]);
  });
});
