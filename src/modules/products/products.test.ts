import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/fixtures/app.ts';
import { makeCompany, makeProduct, makeUser, type TestCompany } from '../../../test/fixtures/factories.ts';
import { productsByIds, productsForOrder, resolvePrices } from './service.ts';

let t: TestApp;
let company: TestCompany;
let admin: Client;
let clerk: Client;
let rep: Client;
let seq = 0;
const uniq = () => `${Date.now().toString(36).slice(-4)}${++seq}`;

function body(over: Record<string, unknown> = {}) {
  return {
    code: `P${uniq()}`,
    name: '滇源老窖 52度',
    spec: '500ml',
    unit: '瓶',
    packUnit: '箱',
    packSize: 12,
    category: '白酒',
    brand: '滇源',
    taxRateBp: 1300,
    listPrice: 1_280_000,
    costPrice: 800_000,
    shelfLifeDays: 3650,
    safetyStock: 120,
    targetStock: 600,
    trackCodes: true,
    ...over,
  };
}

beforeAll(async () => {
  t = await createTestApp();
  company = await makeCompany(t.db);
  admin = await t.login(await makeUser(t.db, company, { roleCode: 'admin' }));
  clerk = await t.login(await makeUser(t.db, company, { roleCode: 'clerk' }));
  rep = await t.login(await makeUser(t.db, company, { roleCode: 'rep' }));
});
afterAll(() => t.close());

describe('products', () => {
  it('creates a product with its packing conversion, prices and flags, and an audit entry', async () => {
    const res = await admin.post('/api/products', body({ code: 'DY-52-500', barcode: '6901000000017', packBarcode: '16901000000014' }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ code: 'DY-52-500', unit: '瓶', packUnit: '箱', packSize: 12, listPrice: 1_280_000, taxRateBp: 1300, trackCodes: true, active: true, version: 1 });
    const audit = await t.db.selectFrom('auditLog').selectAll().where('entity', '=', 'product').where('entityId', '=', res.body.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['product.create']);
    expect(JSON.parse(audit[0].after!)).toMatchObject({ code: 'DY-52-500', listPrice: 1_280_000 });
    expect(audit[0].after).not.toContain('searchKey');
  });

  it('refuses bad input with Chinese messages and field paths', async () => {
    const res = await admin.post('/api/products', body({ code: '', packSize: null, listPrice: 12.34567, targetStock: 10, safetyStock: 50 }));
    expect(res.status).toBe(400);
    const paths = res.body.error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['code', 'listPrice']));
    expect(res.body.error.fields.find((f: { path: string }) => f.path === 'listPrice').message).toBe('价格最多 4 位小数');
    const pack = await admin.post('/api/products', body({ packSize: null }));
    expect(pack.status).toBe(400);
    expect(pack.body.error.fields).toEqual([expect.objectContaining({ path: 'packSize', message: expect.stringContaining('1 箱 = 12 瓶') })]);
    const target = await admin.post('/api/products', body({ targetStock: 10, safetyStock: 50 }));
    expect(target.body.error.fields).toEqual([expect.objectContaining({ path: 'targetStock', message: '目标库存不能低于安全库存' })]);
    // a VAT rate that does not exist (13.5 %, or 130 % for 13 % typed with a zero too many) is named, with the rates there are
    for (const taxRateBp of [1350, 13000, 1700]) {
      const tax = await admin.post('/api/products', body({ taxRateBp }));
      expect(tax.status).toBe(400);
      expect(tax.body.error.fields).toEqual([expect.objectContaining({ path: 'taxRateBp', message: '税率只能是 13%、9%、6%、3%、1% 或 0%' })]);
    }
    expect((await admin.post('/api/products', body({ taxRateBp: 300 }))).status).toBe(200);
    const huge = await admin.post('/api/products', body({ listPrice: 1_000_000_000_001 }));
    expect(huge.body.error.fields).toEqual([expect.objectContaining({ path: 'listPrice', message: '价格不能超过 1 亿元' })]);
  });

  it('catches a duplicate code or barcode (also between barcode and pack barcode) with 409', async () => {
    const a = await admin.post('/api/products', body({ code: 'DUP-1', name: '清香型白酒', barcode: '6902000000015' }));
    expect(a.status).toBe(200);
    const sameCode = await admin.post('/api/products', body({ code: 'DUP-1' }));
    expect(sameCode.status).toBe(409);
    expect(sameCode.body.error.code).toBe('DUPLICATE_CODE');
    expect(sameCode.body.error.message).toContain('清香型白酒');
    const sameBarcode = await admin.post('/api/products', body({ packBarcode: '6902000000015' }));
    expect(sameBarcode.status).toBe(409);
    expect(sameBarcode.body.error).toMatchObject({ code: 'DUPLICATE_BARCODE', fields: [expect.objectContaining({ path: 'packBarcode' })] });
    // editing a product keeps its own code and barcode
    const edit = await admin.put(`/api/products/${a.body.id}`, { ...body({ code: 'DUP-1', name: '清香型白酒 42度', barcode: '6902000000015' }), version: 1 });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ name: '清香型白酒 42度', version: 2 });
  });

  it('concurrent creations of one code: exactly one product, the others get the same 409 as a sequential duplicate', async () => {
    const replies = await Promise.all(Array.from({ length: 6 }, (_, i) => admin.post('/api/products', body({ code: 'RACE-1', name: `并发商品${i}` }))));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    expect(replies.filter((r) => r.status === 409).every((r) => r.body.error.code === 'DUPLICATE_CODE')).toBe(true);
    const rows = await t.db.selectFrom('products').select('id').where('companyId', '=', company.id).where('code', '=', 'RACE-1').execute();
    expect(rows).toHaveLength(1);
  });

  it('concurrent creations with one barcode under different codes: one product, the others 409', async () => {
    const replies = await Promise.all(Array.from({ length: 5 }, (_, i) => admin.post('/api/products', body({ code: `BAR-${i}`, barcode: '6909999999994' }))));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    expect(replies.filter((r) => r.status === 409).every((r) => r.body.error.code === 'DUPLICATE_BARCODE')).toBe(true);
  });

  it('edits with the version: a stale edit is 409 and the audit keeps only what changed', async () => {
    const p = (await admin.post('/api/products', body({ name: '酱香型 53度' }))).body;
    const ok = await admin.put(`/api/products/${p.id}`, { ...body({ code: p.code, name: '酱香型 53度', listPrice: 1_580_000 }), version: p.version });
    expect(ok.status).toBe(200);
    expect(ok.body.listPrice).toBe(1_580_000);
    const stale = await admin.put(`/api/products/${p.id}`, { ...body({ code: p.code, listPrice: 1 }), version: p.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');
    const hist = await admin.get(`/api/products/${p.id}/history`);
    expect(hist.status).toBe(200);
    expect(hist.body.items.map((i: { action: string }) => i.action)).toEqual(['product.update', 'product.create']);
    expect(JSON.parse(hist.body.items[0].after)).toEqual({ listPrice: 1_580_000 });
    expect(JSON.parse(hist.body.items[0].before)).toEqual({ listPrice: 1_280_000 });
  });

  it('deactivates (never deletes): gone from the default list and the picker, still readable and resolvable by id', async () => {
    const p = (await admin.post('/api/products', body({ name: '停用测试酒' }))).body;
    const off = await admin.post(`/api/products/${p.id}/deactivate`, { version: p.version });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    const again = await admin.post(`/api/products/${p.id}/deactivate`, { version: off.body.version });
    expect(again.status).toBe(409);
    expect((await admin.get('/api/products?q=tycsj')).body.items).toHaveLength(0);
    expect((await admin.get('/api/products?q=tycsj&active=0')).body.items.map((i: { id: number }) => i.id)).toEqual([p.id]);
    expect((await rep.get('/api/products/lookup?q=tycsj')).body).toHaveLength(0);
    expect((await rep.get(`/api/products/lookup?ids=${p.id}`)).body).toEqual([expect.objectContaining({ id: p.id, active: false })]);
    expect((await t.db.selectFrom('products').select('id').where('id', '=', p.id).execute()).length).toBe(1);
    const on = await admin.post(`/api/products/${p.id}/activate`, { version: off.body.version });
    expect(on.body.active).toBe(true);
  });

  it('only product.manage may write: a rep and a warehouse keeper read, but cannot create or edit', async () => {
    const keeper = await t.login(await makeUser(t.db, company, { roleCode: 'warehouse' }));
    expect((await rep.post('/api/products', body())).status).toBe(403);
    expect((await keeper.post('/api/products', body())).status).toBe(403);
    expect((await keeper.get('/api/products')).status).toBe(200);
    expect((await rep.get('/api/products')).status).toBe(200);
  });
});

describe('search and list', () => {
  let other: TestCompany;
  beforeAll(async () => {
    await makeProduct(t.db, company, { code: 'S-001', name: '昆明啤酒 330ml', category: '啤酒', brand: '金星', barcode: '6903000000013', listPrice: 45_000 });
    await makeProduct(t.db, company, { code: 'S-002', name: '山泉饮用水', category: '饮用水', brand: '滇泉', barcode: '6903000000020', listPrice: 15_000 });
    await makeProduct(t.db, company, { code: 'S-003', name: '昆明小粮酒 小瓶装', category: '白酒', brand: '金星', listPrice: 200_000 });
    other = await makeCompany(t.db);
    await makeProduct(t.db, other, { code: 'S-004', name: '昆明啤酒 别家', barcode: '6903000000013' });
  });

  it('finds by pinyin initials, full pinyin, characters, code and barcode; never another company', async () => {
    const names = async (q: string) => (await clerk.get(`/api/products?q=${encodeURIComponent(q)}`)).body.items.map((i: { name: string }) => i.name).sort();
    expect(await names('kmpj')).toEqual(['昆明啤酒 330ml']);
    expect(await names('kunming')).toEqual(['昆明啤酒 330ml', '昆明小粮酒 小瓶装']);
    expect(await names('饮用水')).toEqual(['山泉饮用水']);
    expect(await names('s-002')).toEqual(['山泉饮用水']);
    expect(await names('6903000000013')).toEqual(['昆明啤酒 330ml']);
    expect(await names('%')).toEqual([]);
  });

  it('sorts names by pinyin, as a Chinese list is read (大理 < 滇源 < 金星 < 雪花 < 云南), both ways', async () => {
    const c = await makeCompany(t.db);
    const a = await t.login(await makeUser(t.db, c, { roleCode: 'admin' }));
    for (const [code, name] of [['N1', '云南小粒咖啡'], ['N2', '金星啤酒'], ['N3', '大理啤酒'], ['N4', '雪花啤酒'], ['N5', '滇源老窖']]) {
      expect((await a.post('/api/products', body({ code, name, barcode: null, packBarcode: null }))).status).toBe(200);
    }
    const asc = await a.get('/api/products?sort=name&order=asc');
    expect(asc.body.items.map((i: { name: string }) => i.name)).toEqual(['大理啤酒', '滇源老窖', '金星啤酒', '雪花啤酒', '云南小粒咖啡']);
    const desc = await a.get('/api/products?sort=name&order=desc&pageSize=2&page=2');
    expect(desc.body.items.map((i: { name: string }) => i.name)).toEqual(['金星啤酒', '滇源老窖']);
  });

  it('sorts names by (pinyin, name, id) compared as bytes, the same on SQLite and PostgreSQL: homophones, latin case, digits, full width, ü', async () => {
    const c = await makeCompany(t.db);
    const a = await t.login(await makeUser(t.db, c, { roleCode: 'admin' }));
    const names = ['里子酒', 'abc啤酒', '李子酒', 'ABC啤酒', '52度白酒', 'Ｚ全角', '绿茶', '路易酒', '滇源老窖', '滇源老窖', 'Beer 啤酒', 'beer啤酒'];
    for (const [i, name] of names.entries()) {
      expect((await a.post('/api/products', body({ code: `S${i}`, name, brand: i % 2 ? '滇源' : 'Zzz', barcode: null, packBarcode: null }))).status).toBe(200);
    }
    // the pinyin (brand left out), then the name byte by byte (A < a, 李 U+674E < 里 U+91CC; lü after lu), then the id
    const expected = ['52度白酒', 'ABC啤酒', 'abc啤酒', 'Beer 啤酒', 'beer啤酒', '滇源老窖', '滇源老窖', '李子酒', '里子酒', '路易酒', '绿茶', 'Ｚ全角'];
    const codes = (items: { code: string; name: string }[]) => items.map((i) => i.code);
    const asc = (await a.get('/api/products?sort=name&order=asc&pageSize=50')).body.items;
    expect(asc.map((i: { name: string }) => i.name)).toEqual(expected);
    expect(codes(asc).slice(5, 7)).toEqual(['S8', 'S9']); // the same name: by id
    const desc = (await a.get('/api/products?sort=name&order=desc&pageSize=50')).body.items;
    expect(codes(desc)).toEqual(codes(asc).reverse());
    // a page boundary inside a tie holds: pages of 3 give the same sequence
    const paged: string[] = [];
    for (let page = 1; page <= 4; page++) paged.push(...codes((await a.get(`/api/products?sort=name&order=asc&pageSize=3&page=${page}`)).body.items));
    expect(paged).toEqual(codes(asc));
    const stored = await t.db.selectFrom('products').select(['name', 'namePinyin']).where('companyId', '=', c.id).where('code', 'in', ['S4', 'S5', 'S6']).orderBy('code').execute();
    expect(stored).toEqual([{ name: '52度白酒', namePinyin: '52dubaijiu' }, { name: 'Ｚ全角', namePinyin: 'zquanjiao' }, { name: '绿茶', namePinyin: 'lücha' }]);
    // renaming rewrites it
    const p = asc.find((i: { code: string }) => i.code === 'S7');
    expect((await a.put(`/api/products/${p.id}`, { ...body({ code: 'S7', name: '阿里酒', barcode: null, packBarcode: null }), version: p.version })).status).toBe(200);
    const renamed = (await a.get('/api/products?sort=name&order=asc&pageSize=5')).body.items.map((i: { name: string }) => i.name);
    expect(renamed).toEqual(['52度白酒', 'ABC啤酒', 'abc啤酒', '阿里酒', 'Beer 啤酒']); // alijiu
    if (t.dialect === 'postgres') {
      const col = await sql<{ c: string }>`select collation_name as c from information_schema.columns where table_name = 'products' and column_name = 'name_pinyin'`.execute(t.db);
      expect(col.rows[0]!.c).toBe('C');
    }
  });

  it('ü is found as typed on a keyboard, v (女儿红: nverhong, 绿茶: lvc), in the list and the picker; a code with a v still is', async () => {
    await admin.post('/api/products', body({ code: 'HJ-NEH-500', name: '女儿红 黄酒', barcode: null, packBarcode: null }));
    await admin.post('/api/products', body({ code: 'LC-500', name: '绿茶 冰红茶', barcode: null, packBarcode: null }));
    await admin.post('/api/products', body({ code: 'DV-LV-1', name: '滇源果酒', barcode: null, packBarcode: null }));
    const names = async (q: string) => (await clerk.get(`/api/products?q=${encodeURIComponent(q)}`)).body.items.map((i: { name: string }) => i.name).sort();
    expect(await names('nverhong')).toEqual(['女儿红 黄酒']);
    expect(await names('lvcha')).toEqual(['绿茶 冰红茶']);
    expect(await names('NVER')).toEqual(['女儿红 黄酒']);
    expect(await names('dv-lv')).toEqual(['滇源果酒']);
    const picked = (await clerk.get(`/api/products/lookup?q=lvcha`)).body.map((p: { code: string }) => p.code);
    expect(picked).toEqual(['LC-500']);
  });

  it('filters by category, brand and active; sorts and pages on the server', async () => {
    const r = await clerk.get('/api/products?brand=' + encodeURIComponent('金星') + '&sort=listPrice&order=desc');
    expect(r.body.items.map((i: { code: string }) => i.code)).toEqual(['S-003', 'S-001']);
    expect(r.body.total).toBe(2);
    const cat = await clerk.get('/api/products?category=' + encodeURIComponent('啤酒'));
    expect(cat.body.items.map((i: { code: string }) => i.code)).toEqual(['S-001']);
    const page = await clerk.get('/api/products?q=S-00&pageSize=2&page=2&sort=code');
    expect(page.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page.body.items.map((i: { code: string }) => i.code)).toEqual(['S-003']);
    const facets = await clerk.get('/api/products/facets');
    expect(facets.body.categories).toEqual(expect.arrayContaining(['啤酒', '饮用水', '白酒']));
    expect(facets.body.brands).not.toContain(undefined);
  });

  it('the picker lookup puts an exact barcode first and reads products by ids within the company only', async () => {
    const r = await rep.get('/api/products/lookup?q=6903000000020');
    expect(r.body[0]).toMatchObject({ code: 'S-002', unit: '瓶', taxRateBp: 1300, listPrice: 15_000 });
    const foreign = await makeProduct(t.db, other, { code: 'S-X' });
    expect((await rep.get(`/api/products/lookup?ids=${foreign.id}`)).body).toEqual([]);
    expect((await rep.get(`/api/products/${foreign.id}`)).status).toBe(404);
  });
});

describe('price lists and resolvePrices', () => {
  let p1: number, p2: number, p3: number;
  beforeAll(async () => {
    p1 = (await makeProduct(t.db, company, { code: 'R-1', listPrice: 1_000_000 })).id;
    p2 = (await makeProduct(t.db, company, { code: 'R-2', listPrice: 500_000 })).id;
    p3 = (await makeProduct(t.db, company, { code: 'R-3', listPrice: 300_000 })).id;
  });

  it('the most specific active list holding the product wins: type+class > type > class > list price', async () => {
    const byType = await admin.post('/api/price-lists', { code: 'WS', name: '二批价', orderType: 'wholesale', items: [{ productId: p1, unitPrice: 900_000 }, { productId: p2, unitPrice: 450_000 }] });
    expect(byType.status).toBe(200);
    expect(byType.body).toMatchObject({ orderType: 'wholesale', customerClass: null, active: true, itemCount: 2 });
    const both = await admin.post('/api/price-lists', { code: 'WS-VIP', name: '二批VIP价', orderType: 'wholesale', customerClass: 'vip', items: [{ productId: p1, unitPrice: 850_000 }] });
    expect(both.status).toBe(200);
    const byClass = await admin.post('/api/price-lists', { code: 'VIP', name: 'VIP价', customerClass: 'vip', items: [{ productId: p3, unitPrice: 250_000 }, { productId: p2, unitPrice: 400_000 }] });
    expect(byClass.status).toBe(200);

    const r = await resolvePrices(t.db, company.id, { orderType: 'wholesale', customerClass: 'vip' }, [p1, p2, p3]);
    expect(r.get(p1)).toEqual({ unitPrice: 850_000, source: { zh: '价格表：二批VIP价', en: 'Price list: 二批VIP价' }, priceListId: both.body.id });
    expect(r.get(p2)!.unitPrice).toBe(450_000); // type beats class
    expect(r.get(p3)!.unitPrice).toBe(250_000); // only the class list has it
    const formal = await resolvePrices(t.db, company.id, { orderType: 'wholesale', customerClass: 'formal' }, [p1, p3]);
    expect(formal.get(p1)!.unitPrice).toBe(900_000);
    expect(formal.get(p3)).toEqual({ unitPrice: 300_000, source: { zh: '商品标价', en: 'List price' } });
    const direct = await resolvePrices(t.db, company.id, { orderType: 'direct', customerClass: null }, [p1]);
    expect(direct.get(p1)!.unitPrice).toBe(1_000_000);
    // over HTTP for order forms
    const http = await rep.get(`/api/prices/resolve?orderType=wholesale&customerClass=vip&productIds=${p1},${p3}`);
    expect(http.body).toEqual(expect.arrayContaining([expect.objectContaining({ productId: p1, unitPrice: 850_000 }), expect.objectContaining({ productId: p3, unitPrice: 250_000 })]));

    // a deactivated list stops applying
    const off = await admin.post(`/api/price-lists/${both.body.id}/deactivate`, { version: both.body.version });
    expect(off.status).toBe(200);
    expect((await resolvePrices(t.db, company.id, { orderType: 'wholesale', customerClass: 'vip' }, [p1])).get(p1)!.unitPrice).toBe(900_000);
  });

  it('a product\'s prices for each order type and customer class are what an order of them gets (the clerk\'s 价格 drawer)', async () => {
    const res = await clerk.get(`/api/products/${p2}/prices`);
    expect(res.status).toBe(200);
    expect(res.body.listPrice).toBe(500_000);
    expect(res.body.lists.map((l: { code: string; unitPrice: number }) => [l.code, l.unitPrice])).toEqual([['VIP', 400_000], ['WS', 450_000]]);
    expect(res.body.cells).toHaveLength(16); // 4 order types × (3 classes and none)
    for (const cell of res.body.cells) {
      // order entry's own read (productsForOrder: products and their applicable prices in one statement)
      const r = (await productsForOrder(t.db, company.id, { orderType: cell.orderType, customerClass: cell.customerClass }, [p2])).prices.get(p2)!;
      expect([cell.orderType, cell.customerClass, cell.unitPrice, cell.source.zh]).toEqual([cell.orderType, cell.customerClass, r.unitPrice, r.source.zh]);
    }
    const at = (orderType: string, customerClass: string | null) => res.body.cells.find((c: { orderType: string; customerClass: string }) => c.orderType === orderType && c.customerClass === customerClass);
    expect(at('wholesale', 'vip')).toMatchObject({ unitPrice: 450_000, source: { zh: '价格表：二批价' } }); // type beats class
    expect(at('direct', 'vip')).toMatchObject({ unitPrice: 400_000, source: { zh: '价格表：VIP价' } });
    expect(at('direct', 'formal')).toMatchObject({ unitPrice: 500_000, source: { zh: '商品标价' }, priceListId: null });
    // a customer with no class: the class list (VIP价) does not apply, the type list (二批价) does
    expect(at('direct', null)).toMatchObject({ unitPrice: 500_000, source: { zh: '商品标价' }, priceListId: null });
    expect(at('wholesale', null)).toMatchObject({ unitPrice: 450_000, source: { zh: '价格表：二批价' } });
    // another company's product is not found
    const other = await makeProduct(t.db, await makeCompany(t.db), { code: 'R-X' });
    expect((await clerk.get(`/api/products/${other.id}/prices`)).status).toBe(404);
  });

  it('edits items as a table (add, change, remove) with the version; the history names the products', async () => {
    const pl = (await admin.post('/api/price-lists', { code: 'SM', name: '商超价', orderType: 'supermarket', items: [{ productId: p1, unitPrice: 1_100_000 }, { productId: p2, unitPrice: 520_000 }] })).body;
    const res = await admin.put(`/api/price-lists/${pl.id}`, { code: 'SM', name: '商超价', orderType: 'supermarket', items: [{ productId: p1, unitPrice: 1_050_000 }, { productId: p3, unitPrice: 320_000 }], version: pl.version });
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { code: string; unitPrice: number }) => [i.code, i.unitPrice])).toEqual([['R-1', 1_050_000], ['R-3', 320_000]]);
    const stale = await admin.put(`/api/price-lists/${pl.id}`, { code: 'SM', name: '商超价', orderType: 'supermarket', items: [], version: pl.version });
    expect(stale.status).toBe(409);
    const hist = (await clerk.get(`/api/price-lists/${pl.id}/history`)).body.items;
    expect(hist[0].action).toBe('price_list.update');
    expect(JSON.parse(hist[0].after).items).toEqual({ 'R-1': 1_050_000, 'R-3': 320_000, 'R-2': null });
    expect(JSON.parse(hist[0].before).items).toEqual({ 'R-1': 1_100_000, 'R-3': null, 'R-2': 520_000 });
  });

  it('refuses a second active list for the same scope, duplicate rows, unknown products and a list with no scope', async () => {
    const clash = await admin.post('/api/price-lists', { code: 'WS2', name: '二批价二', orderType: 'wholesale', items: [] });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('CONFLICTING_PRICE_LIST');
    expect(clash.body.error.message).toContain('二批价');
    const dupRows = await admin.post('/api/price-lists', { code: 'X1', name: 'x', orderType: 'regional', items: [{ productId: p1, unitPrice: 1 }, { productId: p1, unitPrice: 2 }] });
    expect(dupRows.status).toBe(400);
    expect(dupRows.body.error.fields).toEqual([expect.objectContaining({ path: 'items.1.productId', message: '与第 1 行商品重复' })]);
    const foreign = await makeProduct(t.db, await makeCompany(t.db));
    const unknown = await admin.post('/api/price-lists', { code: 'X2', name: 'x', orderType: 'regional', items: [{ productId: p1, unitPrice: 1 }, { productId: foreign.id, unitPrice: 2 }] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'PRODUCT_NOT_FOUND', fields: [expect.objectContaining({ path: 'items.1.productId' })] });
    const noScope = await admin.post('/api/price-lists', { code: 'X3', name: 'x', items: [] });
    expect(noScope.status).toBe(400);
    const dupCode = await admin.post('/api/price-lists', { code: 'WS', name: 'x', orderType: 'regional', items: [] });
    expect(dupCode.status).toBe(409);
    expect(dupCode.body.error.code).toBe('DUPLICATE_PRICE_LIST');
    expect((await clerk.post('/api/price-lists', { code: 'X4', name: 'x', orderType: 'regional', items: [] })).status).toBe(403);
  });

  it('concurrent creations for one scope: one active list, the others refused with 409', async () => {
    const replies = await Promise.all(Array.from({ length: 5 }, (_, i) => admin.post('/api/price-lists', { code: `RG${i}`, name: `地州价${i}`, orderType: 'regional', customerClass: 'formal', items: [{ productId: p1, unitPrice: 700_000 + i }] })));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    expect(replies.filter((r) => r.status === 409).every((r) => r.body.error.code === 'CONFLICTING_PRICE_LIST')).toBe(true);
    const active = await t.db.selectFrom('priceLists').select('id').where('companyId', '=', company.id).where('orderType', '=', 'regional').where('customerClass', '=', 'formal').where('active', '=', 1).execute();
    expect(active).toHaveLength(1);
  });

  it('productsByIds gives what order and slip lines need', async () => {
    const m = await productsByIds(t.db, company.id, [p1, p2, 999999]);
    expect([...m.keys()].sort()).toEqual([p1, p2].sort());
    expect(m.get(p1)).toMatchObject({ code: 'R-1', unit: '瓶', taxRateBp: 1300, listPrice: 1_000_000, active: true, trackCodes: false, barcode: null, packBarcode: null });
  });
});
