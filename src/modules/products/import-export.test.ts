import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/fixtures/app.ts';
import { makeCompany, makeProduct, makeUser, TEST_PASSWORD, type TestCompany } from '../../../test/fixtures/factories.ts';
import { rawSession, readSheet, sheetBuffer } from '../imports/test-helpers.ts';

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
const reasons = (body: any) => body.errorRows.items.map((i: any) => [i.rowNumber, i.errors.map((e: any) => `${e.header}：${e.message}`).join('；')]);

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
    expect(r[7]).toContain('标价应为不小于 0 的金额（元），最多 4 位小数');
    expect(r[8]).toContain('税率应为 0 到 100 的百分数');
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
