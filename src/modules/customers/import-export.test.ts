import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/fixtures/app.ts';
import { makeCompany, makeUser, TEST_PASSWORD, type TestCompany, type TestUser } from '../../../test/fixtures/factories.ts';
import { rawSession, readSheet, sheetBuffer } from '../imports/test-helpers.ts';
import { customerSheetRows, writeCustomerImportFile } from './import-export-fixture.ts';

let t: TestApp;
let company: TestCompany;
let clerk: TestUser;
let rep: TestUser;
let s: Awaited<ReturnType<typeof rawSession>>;
beforeAll(async () => {
  t = await createTestApp();
  company = await makeCompany(t.db);
  clerk = await makeUser(t.db, company, { roleCode: 'clerk', displayName: '内勤小周' });
  rep = await makeUser(t.db, company, { roleCode: 'rep', displayName: '业务员老王' });
  s = await rawSession(t.app, clerk.username, TEST_PASSWORD);
});
afterAll(() => t.close());

const H = ['客户名称*', '客户分类', '客户来源', '联系人', '联系电话', '税号', '负责人', '标签', '备注'];
const customersNamed = (names: string[]) =>
  t.db.selectFrom('customers').select(['id', 'name', 'classification', 'source', 'ownerId', 'primaryPhone', 'taxId']).where('companyId', '=', company.id).where('name', 'in', names).orderBy('id').execute();

async function uploadRows(rows: (string | null)[][], headers = H, session = s) {
  const res = await session.upload('/api/imports/customers', '客户导入.xlsx', await sheetBuffer(headers, rows));
  return { status: res.statusCode, body: res.json() };
}
const reasons = (body: any) => body.errorRows.items.map((i: any) => [i.rowNumber, i.errors.map((e: any) => `${e.header}：${e.message}`).join('；')]);

describe('customer import', () => {
  it('the template has every column, an example and explanations, and its example row imports', async () => {
    const res = await s.get('/api/imports/templates/customers.xlsx');
    expect(res.statusCode).toBe(200);
    const [header, example] = await readSheet(res.rawPayload);
    expect(header).toEqual(['客户名称*', '简称', '行业', '省份', '城市', '地址', '客户分类', '客户来源', '联系人', '联系电话', '职位', '邮箱', '税号', '开票抬头', '开票地址', '开票电话', '开户银行', '银行账号', '负责人', '标签', '备注']);
    expect(example[0]).toBe('昆明春城商贸有限公司');
    const help = await readSheet(res.rawPayload, 1);
    expect(help.find((h) => h[0] === '客户分类')![2]).toContain('潜在 / 正式 / VIP');
    const back = await s.upload('/api/imports/customers', '模板.xlsx', res.rawPayload);
    expect(back.json()).toMatchObject({ totalRows: 1, validRows: 1 });
  });

  it('reports each bad row with its Excel row number and a Chinese reason, and imports the rest in valid_only mode', async () => {
    // an existing customer to clash with
    const seed = await uploadRows([['滇池酒业有限公司', '正式', '展会', '赵六', '13900000001', '91530100MA6K000001', null, null, null]]);
    expect((await s.postJson(`/api/imports/${seed.body.id}/commit`, { mode: 'all_or_nothing' })).statusCode).toBe(200);

    const r = await uploadRows([
      ['春城商贸有限公司', 'VIP', '转介绍', '李明', '138 8800 1234', '91530100MA6K123456', '业务员老王', '重点，餐饮', '月结'], // 2 ok, owned by the rep
      [null, '正式', null, null, null, null, null, null, null], // 3 missing name
      ['翠湖烟酒行', '大客户', null, null, null, null, null, null, null], // 4 bad class
      ['金马副食', null, null, '王五', '12345', null, null, null, null], // 5 bad phone
      ['春城商贸有限公司', null, null, null, null, null, null, null, null], // 6 duplicate of row 2
      ['滇池酒业', null, null, null, null, null, null, null, null], // 7 duplicate of an existing customer (name key)
      ['呈贡便利店', '潜在', '上门', '孙七', '0871-65123456', null, null, null, null], // 8 ok
      ['官渡批发部', null, null, null, null, null, '不存在的人', null, null], // 9 unknown owner
    ]);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ kind: 'customers', status: 'preview', totalRows: 8, validRows: 2, invalidRows: 6 });
    expect(reasons(r.body)).toEqual([
      [3, '客户名称：必填'],
      [4, '客户分类：客户分类只能是：潜在、正式、VIP'],
      [5, '联系电话：电话号码格式不正确（手机 11 位，座机如 0871-65123456）'],
      [6, '客户名称：与第 2 行的客户名称重复'],
      [7, expect.stringMatching(/^客户名称：与已有客户「滇池酒业有限公司」（.+，负责人：内勤小周）的客户名称相同$/)],
      [9, '负责人：「不存在的人」不是本账套的在职用户'],
    ]);
    expect(await customersNamed(['春城商贸有限公司', '呈贡便利店'])).toEqual([]);

    const refused = await s.postJson(`/api/imports/${r.body.id}/commit`, { mode: 'all_or_nothing' });
    expect(refused.statusCode).toBe(409);
    expect(await customersNamed(['春城商贸有限公司', '呈贡便利店'])).toEqual([]);

    const done = await s.postJson(`/api/imports/${r.body.id}/commit`, { mode: 'valid_only' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ importedRows: 2, invalidRows: 6 });
    const imported = await customersNamed(['春城商贸有限公司', '呈贡便利店', '翠湖烟酒行', '金马副食', '官渡批发部']);
    expect(imported.map((c) => [c.name, c.classification, c.source, c.ownerId, c.primaryPhone, c.taxId])).toEqual([
      ['春城商贸有限公司', 'vip', 'referral', rep.id, '13888001234', '91530100MA6K123456'],
      ['呈贡便利店', 'potential', 'walk_in', clerk.id, '087165123456', null],
    ]);
    const tags = await t.db.selectFrom('customerTags').select('tag').where('customerId', '=', imported[0].id).orderBy('tag').execute();
    expect(tags.map((x) => x.tag).sort()).toEqual(['重点', '餐饮'].sort());
    const audit = await t.db.selectFrom('auditLog').select(['action', 'entityId']).where('action', 'in', ['customer.import', 'import.commit']).where('userId', '=', clerk.id).execute();
    expect(audit.filter((a) => a.action === 'import.commit' && a.entityId === r.body.id)).toHaveLength(1);
    expect(audit.filter((a) => a.action === 'customer.import').map((a) => a.entityId)).toEqual(expect.arrayContaining(imported.map((c) => c.id)));

    // the error sheet: the bad rows, their original cells, and the reasons
    const sheet = await s.get(`/api/imports/${r.body.id}/errors.xlsx`);
    const rows = await readSheet(sheet.rawPayload);
    expect(rows[0][0]).toBe('行号');
    expect(rows[0][1]).toBe('客户名称');
    expect(rows[0][rows[0].length - 1]).toBe('错误原因');
    expect(rows.slice(1).map((x) => [x[0], x[rows[0].length - 1]])).toEqual(reasons(r.body).map(([n, m]: [number, string]) => [n, typeof m === 'string' ? m : expect.any(String)]));
    expect(rows[3][1]).toBe('金马副食');
    expect(rows[3][rows[0].indexOf('联系电话')]).toBe('12345');

    // the fixed error sheet imports back (extra columns 行号 and 错误原因 are ignored)
    const again = await s.upload('/api/imports/customers', 'fixed.xlsx', sheet.rawPayload);
    expect(again.json().totalRows).toBe(6);
  });

  it('maps header aliases (手机, 业务员, 统一社会信用代码, 公司名称) to the columns', async () => {
    const r = await uploadRows([['盘龙酒店', '13700000077', '业务员老王', '91530100MA6K777777']], ['公司名称', '手机', '业务员', '统一社会信用代码']);
    expect(r.body.errorRows.items).toEqual([]);
    expect(r.body).toMatchObject({ totalRows: 1, validRows: 1 });
    expect((await s.postJson(`/api/imports/${r.body.id}/commit`, { mode: 'valid_only' })).statusCode).toBe(200);
    const [c] = await customersNamed(['盘龙酒店']);
    expect(c).toMatchObject({ ownerId: rep.id, taxId: '91530100MA6K777777' });
  });

  it('within the file, a name, a phone and a tax id are told apart even when they are the same digits', async () => {
    const r = await uploadRows([
      ['13811112222', null, null, null, null, null, null, null, null], // 2 a name that is all digits
      ['数字客户甲', null, null, '甲', '13811112222', null, null, null, null], // 3 its digits as a phone: no clash
      ['数字客户乙', null, null, '乙', '0871-65123456-123', null, null, null, null], // 4 a phone of 15 digits
      ['数字客户丙', null, null, null, null, '087165123456123', null, null, null], // 5 the same digits as a tax id: no clash
      ['数字客户丁', null, null, '丁', '138 1111 2222', null, null, null, null], // 6 row 3's phone
      ['数字客户戊', null, null, null, null, '0871 6512 3456 123', null, null, null], // 7 row 5's tax id
      ['13811112222', null, null, null, null, null, null, null, null], // 8 row 2's name
    ]);
    expect(reasons(r.body)).toEqual([
      [6, '联系电话：与第 3 行的联系电话重复'],
      [7, '税号：与第 5 行的税号重复'],
      [8, '客户名称：与第 2 行的客户名称重复'],
    ]);
  });

  it('flags a phone or tax id that an existing customer has, naming that customer', async () => {
    const r = await uploadRows([['新客户甲', null, null, '甲', '13900000001', null, null, null, null], ['新客户乙', null, null, null, null, '91530100ma6k000001', null, null, null]]);
    expect(reasons(r.body)).toEqual([
      [2, expect.stringMatching(/^联系电话：与已有客户「滇池酒业有限公司」.*的联系电话相同$/)],
      [3, expect.stringMatching(/^税号：与已有客户「滇池酒业有限公司」.*的税号相同$/)],
    ]);
  });

  it('re-checks duplicates at commit: a customer entered since the preview is refused, nothing half-imported', async () => {
    const r = await uploadRows([['晚到客户甲', null, null, null, null, null, null, null, null], ['晚到客户乙', null, null, null, null, null, null, null, null]]);
    expect(r.body.validRows).toBe(2);
    const seed = await uploadRows([['晚到客户乙', null, null, null, null, null, null, null, null]]);
    expect((await s.postJson(`/api/imports/${seed.body.id}/commit`, { mode: 'all_or_nothing' })).statusCode).toBe(200);
    const refused = await s.postJson(`/api/imports/${r.body.id}/commit`, { mode: 'all_or_nothing' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/^预览后有 1 行与系统中的数据重复（如第 3 行：客户名称：与已有客户「晚到客户乙」/);
    expect(await customersNamed(['晚到客户甲'])).toEqual([]);
    const done = await s.postJson(`/api/imports/${r.body.id}/commit`, { mode: 'valid_only' });
    expect(done.json()).toMatchObject({ importedRows: 1, invalidRows: 1 });
    expect((await customersNamed(['晚到客户甲', '晚到客户乙'])).map((c) => c.name)).toEqual(['晚到客户乙', '晚到客户甲']);
    const bad = await s.get(`/api/imports/${r.body.id}/rows?invalidOnly=1`);
    expect(bad.json().items.map((i: any) => i.rowNumber)).toEqual([3]);
  });

  it('at commit, a row refused deep in a large batch is the one marked, and the others are imported', async () => {
    const file = path.join(os.tmpdir(), `sd-cust-late-${process.pid}.xlsx`);
    await writeCustomerImportFile(file, 450, { seed: 11 });
    const elsewhere = await makeCompany(t.db); // the fixture's phones and tax ids follow the row index: its own company
    const other = await makeUser(t.db, elsewhere, { roleCode: 'clerk' });
    const o = await rawSession(t.app, other.username, TEST_PASSWORD);
    const r = await o.upload('/api/imports/customers', '四百五十客户.xlsx', fs.readFileSync(file));
    fs.rmSync(file, { force: true });
    expect(r.json()).toMatchObject({ totalRows: 450, validRows: 450 });
    // row 302 of the sheet (its 301st customer) is entered by someone else after the preview
    const late = [...customerSheetRows(450, { seed: 11 })][300];
    const seed = await uploadRows([[late.name, null, null, null, null, null, null, null, null]], H, o);
    expect((await o.postJson(`/api/imports/${seed.body.id}/commit`, { mode: 'all_or_nothing' })).statusCode).toBe(200);
    const done = await o.postJson(`/api/imports/${r.json().id}/commit`, { mode: 'valid_only' });
    expect(done.json()).toMatchObject({ importedRows: 449, invalidRows: 1 });
    const bad = await o.get(`/api/imports/${r.json().id}/rows?invalidOnly=1`);
    expect(bad.json().items.map((i: any) => [i.rowNumber, i.errors[0].message])).toEqual([[302, expect.stringMatching(new RegExp(`^与已有客户「${late.name}」`))]]);
    const owned = await t.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).where('companyId', '=', elsewhere.id).executeTakeFirstOrThrow();
    expect(Number(owned.n)).toBe(450);
  });

  it('needs customer.import: a rep may not upload or download the template', async () => {
    const rs = await rawSession(t.app, rep.username, TEST_PASSWORD);
    const up = await rs.upload('/api/imports/customers', 'x.xlsx', await sheetBuffer(H, [['某客户']]));
    expect(up.statusCode).toBe(403);
    expect(up.json().error.code).toBe('FORBIDDEN');
    expect((await rs.get('/api/imports/templates/customers.xlsx')).statusCode).toBe(403);
  });

  it('imports a generated sheet with three bad rows: reports the three, imports the rest', async () => {
    const file = path.join(os.tmpdir(), `sd-cust-${process.pid}.xlsx`);
    await writeCustomerImportFile(file, 300, { seed: 7, badRows: [10, 150, 299] });
    const other = await makeUser(t.db, company, { roleCode: 'clerk' });
    const o = await rawSession(t.app, other.username, TEST_PASSWORD);
    const r = await o.upload('/api/imports/customers', '三百客户.xlsx', fs.readFileSync(file));
    fs.rmSync(file, { force: true });
    expect(r.json()).toMatchObject({ totalRows: 300, validRows: 297, invalidRows: 3 });
    expect(r.json().errorRows.items.map((i: any) => i.rowNumber)).toEqual([12, 152, 301]);
    const done = await o.postJson(`/api/imports/${r.json().id}/commit`, { mode: 'valid_only' });
    expect(done.json()).toMatchObject({ importedRows: 297 });
    const n = await t.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).where('companyId', '=', company.id).where('ownerId', '=', other.id).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(297);
  });
});

describe('customer export', () => {
  it('streams the filtered list with a Chinese file name, the row count, and formula injection escaped', async () => {
    const r = await uploadRows([
      ['=HYPERLINK("http://evil.example","点我")', '正式', null, '+攻击', null, null, null, null, '@SUM(A1)'],
      ['-2+3 商行', 'VIP', null, null, null, null, null, null, null],
    ]);
    expect(r.body.validRows).toBe(2);
    await s.postJson(`/api/imports/${r.body.id}/commit`, { mode: 'all_or_nothing' });
    const res = await s.get('/api/customers/export.xlsx?classification=vip');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toMatch(/filename\*=UTF-8''%E5%AE%A2%E6%88%B7%E5%88%97%E8%A1%A8-\d{8}\.xlsx/);
    const vip = await t.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).where('companyId', '=', company.id).where('classification', '=', 'vip').executeTakeFirstOrThrow();
    expect(res.headers['x-total-rows']).toBe(String(vip.n));
    const rows = await readSheet(res.rawPayload);
    expect(rows.length - 1).toBe(Number(vip.n));
    expect(rows[0].slice(0, 3)).toEqual(['客户编码', '客户名称', '简称']);
    const nameCol = 1;
    expect(rows.map((x) => x[nameCol])).toContain("'-2+3 商行");
    expect(rows.every((x) => x[rows[0].indexOf('客户分类')] === 'VIP' || x === rows[0])).toBe(true);

    const all = await readSheet((await s.get('/api/customers/export.xlsx?q=HYPERLINK')).rawPayload);
    const evil = all.find((x) => String(x[nameCol]).includes('HYPERLINK'))!;
    expect(evil[nameCol]).toBe('\'=HYPERLINK("http://evil.example","点我")');
    expect(evil[all[0].indexOf('联系人')]).toBe("'+攻击");
    expect(evil[all[0].indexOf('备注')]).toBe("'@SUM(A1)");
    for (const row of all.slice(1)) for (const cell of row) if (typeof cell === 'string') expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('exports only what the user may see, and needs customer.export', async () => {
    const rs = await rawSession(t.app, rep.username, TEST_PASSWORD);
    const res = await rs.get('/api/customers/export.xlsx');
    expect(res.statusCode).toBe(200);
    const rows = await readSheet(res.rawPayload);
    const own = await t.db.selectFrom('customers').select('name').where('companyId', '=', company.id).where('ownerId', '=', rep.id).execute();
    expect(rows.slice(1).map((x) => x[1]).sort()).toEqual(own.map((c) => c.name).sort());
    const warehouse = await makeUser(t.db, company, { roleCode: 'warehouse' });
    const ws = await rawSession(t.app, warehouse.username, TEST_PASSWORD);
    expect((await ws.get('/api/customers/export.xlsx')).statusCode).toBe(403);
  });

  it('an export imports back as duplicates of the exported customers (same titles)', async () => {
    const res = await s.get('/api/customers/export.xlsx?classification=formal');
    const back = await s.upload('/api/imports/customers', 'export.xlsx', res.rawPayload);
    expect(back.statusCode).toBe(200);
    expect(back.json().validRows).toBe(0);
    expect(back.json().errorRows.items[0].errors[0].message).toMatch(/^与已有客户/);
  });
});
