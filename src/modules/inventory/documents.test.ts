import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client } from '../../../test/fixtures/app.ts';
import { makeCompany, makeProduct, makeUser, makeWarehouse, stockUp, type TestCompany, type TestProduct, type TestUser, type TestWarehouse } from '../../../test/fixtures/factories.ts';
import { addDays, businessDate } from '../../platform/time.ts';
import { reserve } from './stock.ts';
import { inventoryError } from './errors.ts';

// Stock documents through their life over HTTP, on both databases: draft → submit → sign → void,
// stock restored exactly on void, FEFO picking, transfers, counts posting their differences,
// box codes registered once, signatures by each signer's own login.

const t = await createTestApp();
let company: TestCompany;
let keeperUser: TestUser;
let keeper: Client; // 仓管: writes documents, signs as keeper
let keeper2: Client;
let clerkUser: TestUser;
let clerk: Client; // 销售内勤: reads stock, may sign as handler, raises purchase requests
let rep: Client;
let wA: TestWarehouse;
let wB: TestWarehouse;
const today = businessDate();

beforeAll(async () => {
  company = await makeCompany(t.db);
  keeperUser = await makeUser(t.db, company, { roleCode: 'warehouse', displayName: '王仓管' });
  keeper = await t.login(keeperUser);
  keeper2 = await t.login(await makeUser(t.db, company, { roleCode: 'warehouse', displayName: '李仓管' }));
  clerkUser = await makeUser(t.db, company, { roleCode: 'clerk', displayName: '赵内勤' });
  clerk = await t.login(clerkUser);
  rep = await t.login(await makeUser(t.db, company, { roleCode: 'rep' }));
  wA = await makeWarehouse(t.db, company, { name: '昆明总仓' });
  wB = await makeWarehouse(t.db, company, { name: '大理分仓' });
});
afterAll(() => t.close());

const level = async (warehouseId: number, productId: number) =>
  (await t.db.selectFrom('stockLevels').select(['onHand', 'reserved']).where('warehouseId', '=', warehouseId).where('productId', '=', productId).executeTakeFirst()) ?? { onHand: 0, reserved: 0 };
const batches = async (warehouseId: number, productId: number) =>
  (await t.db.selectFrom('stockBatches').select(['batchNo', 'onHand', 'expiryDate']).where('warehouseId', '=', warehouseId).where('productId', '=', productId).orderBy('batchNo').execute()).map((b) => [b.batchNo, b.onHand]);
const check = async () => (await clerk.get('/api/stock/check')).body;

async function product(overrides: Partial<TestProduct> = {}) {
  return makeProduct(t.db, company, overrides);
}

describe('warehouses', () => {
  it('are kept by warehouse.manage with a version; codes are unique; others only read them', async () => {
    const created = await keeper.post('/api/warehouses', { code: 'QJ01', name: '曲靖仓', address: '曲靖市麒麟区', keeperId: keeperUser.id });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ code: 'QJ01', name: '曲靖仓', keeperName: '王仓管', active: true, version: 1 });
    expect((await keeper.post('/api/warehouses', { code: 'QJ01', name: '又一个' })).body.error.code).toBe('CODE_TAKEN');
    const badKeeper = await keeper.post('/api/warehouses', { code: 'QJ02', name: '曲靖二仓', keeperId: 99999999 });
    expect(badKeeper.status).toBe(400);
    expect(badKeeper.body.error.fields[0].path).toBe('keeperId');
    const upd = await keeper.put(`/api/warehouses/${created.body.id}`, { code: 'QJ01', name: '曲靖中心仓', active: false, version: 1 });
    expect(upd.body).toMatchObject({ name: '曲靖中心仓', active: false, version: 2 });
    expect((await keeper.put(`/api/warehouses/${created.body.id}`, { code: 'QJ01', name: 'x', version: 1 })).status).toBe(409);
    expect((await rep.post('/api/warehouses', { code: 'X1', name: 'x' })).status).toBe(403);
    const list = await rep.get('/api/warehouses?active=0');
    expect(list.body.items.map((w: { code: string }) => w.code)).toEqual(['QJ01']);
  });
});

describe('inbound slip 入库单', () => {
  it('goes draft → submitted (numbered, stock in, box codes registered) → signed by three logins → void (stock back exactly)', async () => {
    const p = await product({ name: '滇源老窖 52度', shelfLifeDays: 365 });
    const draft = await keeper.post('/api/stock-documents/inbound', {
      warehouseId: wA.id, counterparty: '滇源酒厂', remarks: '第一批',
      lines: [
        { productId: p.id, batchNo: 'B2026-01', productionDate: '2026-01-10', quantity: 24, boxCodes: ['BX0001', 'BX0002'] },
        { productId: p.id, batchNo: 'B2026-02', productionDate: '2026-02-01', expiryDate: '2026-12-01', quantity: 12 },
      ],
    });
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ status: 'draft', number: null, docType: 'inbound', preparerName: '王仓管', totalQuantity: 36 });
    // the shelf life gives the expiry date when only the production date was typed
    expect(draft.body.lines[0]).toMatchObject({ expiryDate: '2027-01-10', boxCodes: ['BX0001', 'BX0002'] });
    expect(await level(wA.id, p.id)).toEqual({ onHand: 0, reserved: 0 });

    // no handler named yet: it cannot be submitted; the handler is a member, not the preparer
    const noHandler = await keeper.post(`/api/stock-documents/inbound/${draft.body.id}/submit`, { version: 1 });
    expect(noHandler.status).toBe(400);
    expect(noHandler.body.error).toMatchObject({ code: 'HANDLER_REQUIRED', fields: [{ path: 'handlerId' }] });
    const selfHandler = await keeper.put(`/api/stock-documents/inbound/${draft.body.id}`, { warehouseId: wA.id, handlerId: keeperUser.id, version: 1, lines: [{ productId: p.id, quantity: 1 }] });
    expect(selfHandler.status).toBe(400);
    expect(selfHandler.body.error.fields).toEqual([{ path: 'handlerId', message: '经手人不能是制单人本人，须由另一人签字' }]);
    expect((await keeper.put(`/api/stock-documents/inbound/${draft.body.id}`, { warehouseId: wA.id, handlerId: 99999999, version: 1, lines: [{ productId: p.id, quantity: 1 }] })).body.error.fields[0].path).toBe('handlerId');

    // a draft can still be edited; stale versions are refused
    const edited = await keeper.put(`/api/stock-documents/inbound/${draft.body.id}`, {
      warehouseId: wA.id, counterparty: '滇源酒厂', handlerId: clerkUser.id, version: 1,
      lines: [
        { productId: p.id, batchNo: 'B2026-01', productionDate: '2026-01-10', quantity: 24, boxCodes: ['BX0001', 'BX0002'] },
        { productId: p.id, batchNo: 'B2026-02', productionDate: '2026-02-01', expiryDate: '2026-12-01', quantity: 10 },
      ],
    });
    expect(edited.body).toMatchObject({ version: 2, totalQuantity: 34, handlerId: clerkUser.id, handlerName: '赵内勤' });
    expect((await keeper.post(`/api/stock-documents/inbound/${draft.body.id}/submit`, { version: 1 })).status).toBe(409);

    const submitted = await keeper.post(`/api/stock-documents/inbound/${draft.body.id}/submit`, { version: 2 });
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('submitted');
    expect(submitted.body.number).toMatch(/^RK-\d{6}-\d{5}$/);
    expect(await level(wA.id, p.id)).toEqual({ onHand: 34, reserved: 0 });
    expect(await batches(wA.id, p.id)).toEqual([['B2026-01', 24], ['B2026-02', 10]]);
    const codes = await t.db.selectFrom('unitCodes').select(['code', 'status', 'batchNo']).where('inboundDocId', '=', draft.body.id).orderBy('code').execute();
    expect(codes).toEqual([{ code: 'BX0001', status: 'in_stock', batchNo: 'B2026-01' }, { code: 'BX0002', status: 'in_stock', batchNo: 'B2026-01' }]);
    expect(submitted.body.movements.map((m: { batchNo: string; quantity: number }) => [m.batchNo, m.quantity])).toEqual([['B2026-01', 24], ['B2026-02', 10]]);
    // a submitted document is not edited
    expect((await keeper.put(`/api/stock-documents/inbound/${draft.body.id}`, { warehouseId: wA.id, lines: [{ productId: p.id, quantity: 1 }], version: 3 })).status).toBe(409);

    // signatures: each place by its own person — keeper (another keeper), preparer (the creator), handler (the one named)
    const id = draft.body.id;
    const mine = async (c: Client) => (await c.get(`/api/stock-documents/${id}`)).body.mySignRoles;
    expect([await mine(keeper), await mine(keeper2), await mine(clerk), await mine(rep)]).toEqual([['preparer'], ['keeper'], ['handler'], []]);
    const repKeeper = await rep.post(`/api/stock-documents/${id}/sign`, { role: 'keeper' });
    expect(repKeeper.body.error).toMatchObject({ code: 'SIGN_NOT_KEEPER' });
    expect(repKeeper.status).toBe(403);
    const notPreparer = await keeper2.post(`/api/stock-documents/${id}/sign`, { role: 'preparer' });
    expect(notPreparer.status).toBe(403);
    expect(notPreparer.body.error.code).toBe('SIGN_NOT_PREPARER');
    expect(notPreparer.body.error.message).toContain('王仓管');
    // a keeper is not the handler; nor is a stranger
    for (const c of [keeper2, keeper, rep]) {
      const notHandler = await c.post(`/api/stock-documents/${id}/sign`, { role: 'handler' });
      expect(notHandler.status).toBe(403);
      expect(notHandler.body.error).toMatchObject({ code: 'SIGN_NOT_HANDLER', message: '只有经手人赵内勤本人可以在「经手人」栏签字，不得代签' });
    }
    // the preparer, a keeper too, does not also sign as keeper
    const preparerAsKeeper = await keeper.post(`/api/stock-documents/${id}/sign`, { role: 'keeper' });
    expect(preparerAsKeeper.status).toBe(409);
    expect(preparerAsKeeper.body.error).toMatchObject({ code: 'SIGN_TWO_ROLES', message: '您是本单的制单人，不能再签「仓管」栏：仓管、制单人、经手人须由三个不同的人签字' });
    expect((await keeper2.post(`/api/stock-documents/${id}/sign`, { role: 'keeper' })).body.keeperSignedByName).toBe('李仓管');
    const twice = await keeper.post(`/api/stock-documents/${id}/sign`, { role: 'keeper' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toContain('李仓管');
    expect((await keeper.post(`/api/stock-documents/${id}/sign`, { role: 'preparer' })).body.status).toBe('submitted');
    const signed = await clerk.post(`/api/stock-documents/${id}/sign`, { role: 'handler' });
    expect(signed.body).toMatchObject({ status: 'signed', handlerSignedByName: '赵内勤', preparerSignedByName: '王仓管', keeperSignedByName: '李仓管' });
    expect(signed.body.keeperSignedAt).toBeTruthy();

    // void: reason required; stock back exactly; the document stays, marked void, its number kept
    expect((await keeper.post(`/api/stock-documents/inbound/${id}/void`, { reason: ' ', version: signed.body.version })).status).toBe(400);
    const voided = await keeper.post(`/api/stock-documents/inbound/${id}/void`, { reason: '供应商送错货', version: signed.body.version });
    expect(voided.status).toBe(200);
    expect(voided.body).toMatchObject({ status: 'void', voidReason: '供应商送错货', voidedByName: '王仓管', number: submitted.body.number });
    expect(await level(wA.id, p.id)).toEqual({ onHand: 0, reserved: 0 });
    expect(await batches(wA.id, p.id)).toEqual([['B2026-01', 0], ['B2026-02', 0]]);
    expect(voided.body.movements.filter((m: { reversal: boolean }) => m.reversal).map((m: { quantity: number }) => m.quantity)).toEqual([-24, -10]);
    expect((await t.db.selectFrom('unitCodes').select('status').where('inboundDocId', '=', id).execute()).map((c) => c.status)).toEqual(['void', 'void']);
    expect((await keeper.post(`/api/stock-documents/inbound/${id}/void`, { reason: 'again', version: voided.body.version })).status).toBe(409);
    const listed = await clerk.get(`/api/stock-documents?docType=inbound&q=${submitted.body.number}`);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).toMatchObject({ status: 'void', voidReason: '供应商送错货' });
    expect((await check()).ok).toBe(true);

    // the voided slip's codes may be registered again by the corrected slip
    const again = await keeper.post('/api/stock-documents/inbound', { warehouseId: wA.id, submit: true, handlerId: clerkUser.id, lines: [{ productId: p.id, batchNo: 'B2026-01', quantity: 24, boxCodes: ['BX0001'] }] });
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('submitted');
  });

  it('refuses a box code registered twice, and moves nothing', async () => {
    const p = await product();
    const first = await keeper.post('/api/stock-documents/inbound', { warehouseId: wA.id, submit: true, handlerId: clerkUser.id, lines: [{ productId: p.id, quantity: 12, boxCodes: ['DUP-0001'] }] });
    expect(first.status).toBe(200);
    const second = await keeper.post('/api/stock-documents/inbound', { warehouseId: wA.id, submit: true, handlerId: clerkUser.id, lines: [{ productId: p.id, quantity: 6, boxCodes: ['NEW-1'] }, { productId: p.id, quantity: 12, boxCodes: ['DUP-0001'] }] });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('BOX_CODE_TAKEN');
    expect(second.body.error.message).toContain('DUP-0001');
    expect(second.body.error.fields[0].path).toBe('lines.1.boxCodes');
    expect(await level(wA.id, p.id)).toEqual({ onHand: 12, reserved: 0 });
    expect(await t.db.selectFrom('unitCodes').select('code').where('code', '=', 'NEW-1').executeTakeFirst()).toBeUndefined();
    // the same code twice on one slip is a field error
    const dupInSlip = await keeper.post('/api/stock-documents/inbound', { warehouseId: wA.id, lines: [{ productId: p.id, quantity: 2, boxCodes: ['Z1', 'Z1'] }] });
    expect(dupInSlip.status).toBe(400);
    // a lower-case or full-width scan is the same code, stored as the slips store it
    const caseDup = await keeper.post('/api/stock-documents/inbound', { warehouseId: wA.id, submit: true, handlerId: clerkUser.id, lines: [{ productId: p.id, quantity: 12, boxCodes: [' dup-0001'] }] });
    expect(caseDup.status).toBe(409);
    const wide = await keeper.post('/api/stock-documents/inbound', { warehouseId: wA.id, submit: true, handlerId: clerkUser.id, lines: [{ productId: p.id, quantity: 12, boxCodes: ['ｗｉｄｅ－７'] }] });
    expect(wide.status).toBe(200);
    expect(wide.body.lines[0].boxCodes).toEqual(['WIDE-7']);
  });

  it('registers many box codes at once (in chunks), and caps a slip at 5,000', async () => {
    const p = await product();
    const codes = Array.from({ length: 1200 }, (_, i) => `BULK${String(i).padStart(5, '0')}`);
    const ok = await keeper.post('/api/stock-documents/inbound', { warehouseId: wA.id, submit: true, handlerId: clerkUser.id, lines: [{ productId: p.id, quantity: 1200, boxCodes: codes.slice(0, 700) }, { productId: p.id, quantity: 1, boxCodes: codes.slice(700) }] });
    expect(ok.status).toBe(200);
    expect(Number((await t.db.selectFrom('unitCodes').select((eb) => eb.fn.countAll<number>().as('n')).where('inboundDocId', '=', ok.body.id).executeTakeFirstOrThrow()).n)).toBe(1200);
    // one of them again, far down the list: refused, nothing registered
    const again = await keeper.post('/api/stock-documents/inbound', { warehouseId: wA.id, submit: true, handlerId: clerkUser.id, lines: [{ productId: p.id, quantity: 1, boxCodes: [...Array.from({ length: 900 }, (_, i) => `NEWBULK${i}`), 'BULK01150'] }] });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('BULK01150');
    const tooMany = await keeper.post('/api/stock-documents/inbound', { warehouseId: wA.id, lines: Array.from({ length: 6 }, (_, l) => ({ productId: p.id, quantity: 1, boxCodes: Array.from({ length: 900 }, (_, i) => `X${l}-${i}`) })) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.fields[0].message).toContain('5000');
  });

  it('cannot be voided once its goods have left, and says so', async () => {
    const p = await product({ name: '普洱熟茶' });
    const inbound = await keeper.post('/api/stock-documents/inbound', { warehouseId: wA.id, submit: true, handlerId: clerkUser.id, lines: [{ productId: p.id, batchNo: 'L1', quantity: 10 }] });
    const out = await keeper.post('/api/stock-documents/outbound', { warehouseId: wA.id, counterparty: '春城酒店', reason: '样品', submit: true, handlerId: clerkUser.id, lines: [{ productId: p.id, quantity: 8 }] });
    expect(out.status).toBe(200);
    const v = await keeper.post(`/api/stock-documents/inbound/${inbound.body.id}/void`, { reason: '录错', version: inbound.body.version });
    expect(v.status).toBe(409);
    expect(v.body.error.code).toBe('REVERSAL_SHORT');
    expect(v.body.error.message).toContain('普洱熟茶');
    expect(v.body.error.message).toContain('不能作废');
    expect((await clerk.get(`/api/stock-documents/${inbound.body.id}`)).body.status).toBe('submitted');
    expect(await level(wA.id, p.id)).toEqual({ onHand: 2, reserved: 0 });
  });

  it('needs stock.inbound to write and a real warehouse and product', async () => {
    const p = await product();
    expect((await clerk.post('/api/stock-documents/inbound', { warehouseId: wA.id, lines: [{ productId: p.id, quantity: 1 }] })).status).toBe(403);
    const bad = await keeper.post('/api/stock-documents/inbound', { warehouseId: 99999999, businessDate: addDays(today, 2), lines: [{ productId: 99999999, quantity: 0 }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['businessDate', 'lines.0.productId', 'lines.0.quantity', 'warehouseId']);
    const other = await makeCompany(t.db);
    const foreign = await makeProduct(t.db, other);
    expect((await keeper.post('/api/stock-documents/inbound', { warehouseId: wA.id, lines: [{ productId: foreign.id, quantity: 1 }] })).status).toBe(400);
  });

  it('a draft may be discarded (kept, marked), not submitted afterwards', async () => {
    const p = await product();
    const d = await keeper.post('/api/stock-documents/inbound', { warehouseId: wA.id, lines: [{ productId: p.id, quantity: 3 }] });
    const x = await keeper.post(`/api/stock-documents/inbound/${d.body.id}/discard`, { version: 1 });
    expect(x.body.status).toBe('discarded');
    expect((await keeper.post(`/api/stock-documents/inbound/${d.body.id}/submit`, { version: 2 })).status).toBe(409);
    // another kind's route does not find it
    expect((await keeper.post(`/api/stock-documents/outbound/${d.body.id}/submit`, { version: 2 })).status).toBe(404);
  });
});

describe('outbound slip 出库单', () => {
  it('picks first-expiry-first-out unless a batch is named, and a void puts each unit back in its batch', async () => {
    const p = await product({ name: '玫瑰蜜酒' });
    await stockUp(t.db, company, { warehouseId: wA.id, productId: p.id, quantity: 10, batchNo: 'LATE', expiryDate: '2028-01-01' });
    await stockUp(t.db, company, { warehouseId: wA.id, productId: p.id, quantity: 5, batchNo: 'EARLY', expiryDate: '2027-03-01' });
    await stockUp(t.db, company, { warehouseId: wA.id, productId: p.id, quantity: 4, batchNo: 'NOEXP' });
    const missing = await keeper.post('/api/stock-documents/outbound', { warehouseId: wA.id, lines: [{ productId: p.id, quantity: 1 }] });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['counterparty', 'reason']);

    const out = await keeper.post('/api/stock-documents/outbound', {
      warehouseId: wA.id, counterparty: '昆明春城大酒店 张经理', reason: '赠品', submit: true, handlerId: clerkUser.id,
      lines: [{ productId: p.id, quantity: 8 }, { productId: p.id, quantity: 2, batchNo: 'NOEXP' }],
    });
    expect(out.status).toBe(200);
    expect(out.body.number).toMatch(/^CK-/);
    expect(out.body.movements.map((m: { batchNo: string; quantity: number }) => [m.batchNo, m.quantity])).toEqual([['EARLY', -5], ['LATE', -3], ['NOEXP', -2]]);
    expect(await batches(wA.id, p.id)).toEqual([['EARLY', 0], ['LATE', 7], ['NOEXP', 2]]);

    const short = await keeper.post('/api/stock-documents/outbound', { warehouseId: wA.id, counterparty: 'x', reason: '样品', submit: true, handlerId: clerkUser.id, lines: [{ productId: p.id, quantity: 100 }] });
    expect(short.status).toBe(409);
    expect(short.body.error.code).toBe('STOCK_SHORT');
    expect(short.body.error.fields[0].path).toBe('lines.0.quantity');
    expect(short.body.error.message).toContain('玫瑰蜜酒');
    // the failed submit left nothing behind: no draft, no number used
    expect((await clerk.get('/api/stock-documents?docType=outbound&q=x')).body.total).toBe(0);

    const v = await keeper.post(`/api/stock-documents/outbound/${out.body.id}/void`, { reason: '客户未领取', version: out.body.version });
    expect(v.status).toBe(200);
    expect(await batches(wA.id, p.id)).toEqual([['EARLY', 5], ['LATE', 10], ['NOEXP', 4]]);
    expect(await level(wA.id, p.id)).toEqual({ onHand: 19, reserved: 0 });
    expect((await check()).ok).toBe(true);
  });
  it('refuses more than a picked batch can give, naming the batch and its figures: what it holds, or what reservations leave of it', async () => {
    const p = await product({ name: '桂花陈酒', spec: '750ml' });
    await stockUp(t.db, company, { warehouseId: wA.id, productId: p.id, quantity: 10, batchNo: 'GH-01', expiryDate: '2027-06-01' });
    await stockUp(t.db, company, { warehouseId: wA.id, productId: p.id, quantity: 20, batchNo: 'GH-02', expiryDate: '2028-06-01' });
    const slip = (quantity: number, batchNo: string) => keeper.post('/api/stock-documents/outbound', {
      warehouseId: wA.id, counterparty: '品鉴会', reason: '样品', submit: true, handlerId: clerkUser.id, lines: [{ productId: p.id, quantity: 1, batchNo: 'GH-02' }, { productId: p.id, quantity, batchNo }],
    });
    const more = await slip(11, 'GH-01');
    expect(more.status).toBe(409);
    expect(more.body.error).toMatchObject({ code: 'BATCH_SHORT', message: '批次不足：「桂花陈酒（750ml）」批号 GH-01 在昆明总仓只有 10 瓶，需要 11 瓶' });
    expect(more.body.error.fields).toEqual([{ path: 'lines.1.quantity', message: '批次不足：「桂花陈酒（750ml）」批号 GH-01 在昆明总仓只有 10 瓶，需要 11 瓶' }]);
    const none = await slip(1, 'GH-09');
    expect(none.body.error.message).toBe('批次不足：「桂花陈酒（750ml）」批号 GH-09 在昆明总仓只有 0 瓶，需要 1 瓶');

    // an order holds 20 of the 30 and a customer's deposit hold 订金留货 5: GH-01 holds 10, but the slip may take 5 of the product in all (1 of them from GH-02)
    await t.db.transaction().execute((tx) => reserve(tx, company.id, [
      { warehouseId: wA.id, productId: p.id, quantity: 20, sourceType: 'sales_order', sourceId: 901, sourceLineId: 901 },
      { warehouseId: wA.id, productId: p.id, quantity: 5, sourceType: 'hold', sourceId: 902, sourceLineId: 902 },
    ]));
    const reserved = await slip(6, 'GH-01');
    expect(reserved.status).toBe(409);
    expect(reserved.body.error.code).toBe('BATCH_RESERVED');
    expect(reserved.body.error.message).toBe('批次可用不足：「桂花陈酒（750ml）」批号 GH-01 在昆明总仓现存 10 瓶，但本商品已有 25 瓶被订单或留货预留，此批次最多可出 4 瓶，需要 6 瓶');
    expect(reserved.body.error.fields[0].path).toBe('lines.1.quantity');
    // nothing moved; what it may give, it gives
    expect(await batches(wA.id, p.id)).toEqual([['GH-01', 10], ['GH-02', 20]]);
    const ok = await slip(4, 'GH-01');
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(await batches(wA.id, p.id)).toEqual([['GH-01', 6], ['GH-02', 19]]);
    // its lines carry the product's case, for the case figure under a quantity
    expect(ok.body.lines[1]).toMatchObject({ batchNo: 'GH-01', quantity: 4, unit: '瓶', packUnit: '箱', packSize: 12 });
    expect(await level(wA.id, p.id)).toEqual({ onHand: 25, reserved: 25 });
  });
});

describe('transfer 调拨单', () => {
  it('moves batches with their dates to the other warehouse; a void brings them back', async () => {
    const p = await product();
    await stockUp(t.db, company, { warehouseId: wA.id, productId: p.id, quantity: 6, batchNo: 'T1', productionDate: '2026-05-01', expiryDate: '2027-05-01' });
    const same = await keeper.post('/api/stock-documents/transfer', { warehouseId: wA.id, toWarehouseId: wA.id, lines: [{ productId: p.id, quantity: 1 }] });
    expect(same.status).toBe(400);
    expect(same.body.error.fields[0].path).toBe('toWarehouseId');
    const tr = await keeper.post('/api/stock-documents/transfer', { warehouseId: wA.id, toWarehouseId: wB.id, submit: true, handlerId: clerkUser.id, lines: [{ productId: p.id, quantity: 4 }] });
    expect(tr.status).toBe(200);
    expect(tr.body).toMatchObject({ number: expect.stringMatching(/^DB-/), toWarehouseName: '大理分仓' });
    expect(await level(wA.id, p.id)).toEqual({ onHand: 2, reserved: 0 });
    expect(await level(wB.id, p.id)).toEqual({ onHand: 4, reserved: 0 });
    const inB = await t.db.selectFrom('stockBatches').select(['batchNo', 'productionDate', 'expiryDate']).where('warehouseId', '=', wB.id).where('productId', '=', p.id).executeTakeFirstOrThrow();
    expect(inB).toEqual({ batchNo: 'T1', productionDate: '2026-05-01', expiryDate: '2027-05-01' });
    const v = await keeper.post(`/api/stock-documents/transfer/${tr.body.id}/void`, { reason: '调错仓', version: tr.body.version });
    expect(v.status).toBe(200);
    expect(await level(wA.id, p.id)).toEqual({ onHand: 6, reserved: 0 });
    expect(await level(wB.id, p.id)).toEqual({ onHand: 0, reserved: 0 });
  });
});

describe('stock count 盘点单', () => {
  it('keeps the book figure and posts the differences as adjustments; a void takes them back', async () => {
    const p = await product();
    const q = await product();
    await stockUp(t.db, company, { warehouseId: wA.id, productId: p.id, quantity: 10, batchNo: 'C1', expiryDate: '2027-01-01' });
    await stockUp(t.db, company, { warehouseId: wA.id, productId: p.id, quantity: 5, batchNo: 'C2', expiryDate: '2027-06-01' });
    await stockUp(t.db, company, { warehouseId: wA.id, productId: q.id, quantity: 7 });
    const dup = await keeper.post('/api/stock-documents/count', { warehouseId: wA.id, lines: [{ productId: p.id, batchNo: 'C1', quantity: 1 }, { productId: p.id, quantity: 1 }] });
    expect(dup.status).toBe(400);
    const count = await keeper.post('/api/stock-documents/count', {
      warehouseId: wA.id, reason: '月末盘点', submit: true, handlerId: clerkUser.id,
      lines: [{ productId: p.id, batchNo: 'C1', quantity: 8 }, { productId: p.id, batchNo: 'C2', quantity: 6 }, { productId: q.id, quantity: 7 }],
    });
    expect(count.status).toBe(200);
    expect(count.body.number).toMatch(/^PD-/);
    expect(count.body.lines.map((l: { bookQuantity: number; difference: number }) => [l.bookQuantity, l.difference])).toEqual([[10, -2], [5, 1], [7, 0]]);
    expect(await batches(wA.id, p.id)).toEqual([['C1', 8], ['C2', 6]]);
    expect(await level(wA.id, p.id)).toEqual({ onHand: 14, reserved: 0 });
    expect(await level(wA.id, q.id)).toEqual({ onHand: 7, reserved: 0 });
    const v = await keeper.post(`/api/stock-documents/count/${count.body.id}/void`, { reason: '重盘', version: count.body.version });
    expect(v.status).toBe(200);
    expect(await batches(wA.id, p.id)).toEqual([['C1', 10], ['C2', 5]]);
    expect((await check()).ok).toBe(true);
  });

  it('may not write off units reserved for orders and holds, and says so in the keeper\'s words; the draft stays to be submitted later', async () => {
    const p = await product({ name: '风花雪月啤酒', spec: '330ml', unit: '听' });
    await stockUp(t.db, company, { warehouseId: wA.id, productId: p.id, quantity: 360 });
    // an order holds 240 of the 360 and a customer's deposit hold 订金留货 60: 300 reserved
    await t.db.transaction().execute((tx) => reserve(tx, company.id, [
      { warehouseId: wA.id, productId: p.id, quantity: 240, sourceType: 'sales_order', sourceId: 1, sourceLineId: 1 },
      { warehouseId: wA.id, productId: p.id, quantity: 60, sourceType: 'hold', sourceId: 2, sourceLineId: 2 },
    ]));
    const count = await keeper.post('/api/stock-documents/count', { warehouseId: wA.id, handlerId: clerkUser.id, lines: [{ productId: p.id, quantity: 100 }] });
    const refused = await keeper.post(`/api/stock-documents/count/${count.body.id}/submit`, { version: count.body.version });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('COUNT_BELOW_RESERVED');
    expect(refused.body.error.message).toBe(
      '盘点单不能提交：「风花雪月啤酒（330ml）」盘亏 260 听，但昆明总仓账面 360 听，其中 300 听已被订单或留货预留，最多只能盘亏 60 听。请先取消或调整占用这些库存的订单、退订相应的留货（释放预留），再提交盘点',
    );
    expect(refused.body.error.fields).toEqual([{ path: 'lines.0.quantity', message: '已有 300 听被订单或留货预留，盘点后不能少于 300 听' }]);
    expect(inventoryError('COUNT_BELOW_RESERVED', { product: '风花雪月啤酒（330ml）', loss: 260, unit: '听', warehouse: '昆明总仓', onHand: 360, reserved: 300, available: 60 }).localized('en-US')).toBe(
      'The count cannot be submitted: 风花雪月啤酒（330ml） is 260 听 short, but 300 of the 360 听 on the books in 昆明总仓 are reserved for orders and holds, so at most 60 听 can be written off. Release those reservations (cancel or change the orders, release the holds) first',
    );
    expect(await level(wA.id, p.id)).toEqual({ onHand: 360, reserved: 300 });
    expect((await keeper.get(`/api/stock-documents/${count.body.id}`)).body).toMatchObject({ status: 'draft', number: null });
    // what is not reserved may be written off
    await keeper.put(`/api/stock-documents/count/${count.body.id}`, { warehouseId: wA.id, handlerId: clerkUser.id, version: count.body.version, lines: [{ productId: p.id, quantity: 300 }] });
    const ok = await keeper.post(`/api/stock-documents/count/${count.body.id}/submit`, { version: count.body.version + 1 });
    expect(ok.status).toBe(200);
    expect(ok.body.lines[0]).toMatchObject({ bookQuantity: 360, quantity: 300, difference: -60 });
    expect(await level(wA.id, p.id)).toEqual({ onHand: 300, reserved: 300 });
  });
});

describe('every kind of document', () => {
  it('goes draft → submitted → signed → void, and the void leaves stock exactly as before the document', async () => {
    const p = await product();
    await stockUp(t.db, company, { warehouseId: wA.id, productId: p.id, quantity: 30, batchNo: 'K1', expiryDate: '2027-03-01' });
    // batches used up keep their (empty) row: compare what is in them
    const held = async (w: number) => (await batches(w, p.id)).filter(([, q]) => q !== 0);
    const snapshot = async () => [await level(wA.id, p.id), await level(wB.id, p.id), await held(wA.id), await held(wB.id)];
    const clerkUser = await makeUser(t.db, company, { roleCode: 'clerk', displayName: '钱经手' });
    const handler = await t.login(clerkUser);
    const handlerId = clerkUser.id;
    const bodies: Record<string, object> = {
      inbound: { warehouseId: wA.id, counterparty: '酒厂', handlerId, lines: [{ productId: p.id, batchNo: 'K2', quantity: 12 }] },
      outbound: { warehouseId: wA.id, counterparty: '品鉴会', reason: '样品', handlerId, lines: [{ productId: p.id, quantity: 5 }] },
      transfer: { warehouseId: wA.id, toWarehouseId: wB.id, handlerId, lines: [{ productId: p.id, quantity: 7 }] },
      count: { warehouseId: wA.id, reason: '抽盘', handlerId, lines: [{ productId: p.id, batchNo: 'K1', quantity: 26 }] },
    };
    for (const [docType, body] of Object.entries(bodies)) {
      const before = await snapshot();
      const draft = await keeper.post(`/api/stock-documents/${docType}`, body);
      expect(draft.body.status, docType).toBe('draft');
      expect(await snapshot(), `${docType} draft moves nothing`).toEqual(before);
      const sub = await keeper.post(`/api/stock-documents/${docType}/${draft.body.id}/submit`, { version: draft.body.version });
      expect(sub.body.status, docType).toBe('submitted');
      expect(await snapshot(), `${docType} submitted moves stock`).not.toEqual(before);
      await keeper2.post(`/api/stock-documents/${draft.body.id}/sign`, { role: 'keeper' });
      await keeper.post(`/api/stock-documents/${draft.body.id}/sign`, { role: 'preparer' });
      const signed = await handler.post(`/api/stock-documents/${draft.body.id}/sign`, { role: 'handler' });
      expect(signed.body).toMatchObject({ status: 'signed', keeperSignedByName: '李仓管', preparerSignedByName: '王仓管', handlerSignedByName: '钱经手' });
      const v = await keeper.post(`/api/stock-documents/${docType}/${draft.body.id}/void`, { reason: '测试作废', version: signed.body.version });
      expect(v.body.status, docType).toBe('void');
      expect(await snapshot(), `${docType} void restores`).toEqual(before);
    }
    expect((await check()).ok).toBe(true);
  });
});

describe('signatures 签字', () => {
  const submitted = async (handlerId: number) => {
    const p = await product();
    const r = await keeper.post('/api/stock-documents/inbound', { warehouseId: wA.id, counterparty: '酒厂', handlerId, submit: true, lines: [{ productId: p.id, quantity: 1 }] });
    expect(r.body.status).toBe('submitted');
    return r.body.id as number;
  };
  const keeper2User = async () => (await t.db.selectFrom('users').select('id').where('displayName', '=', '李仓管').executeTakeFirstOrThrow()).id;

  it('one person fills one place: a keeper named as handler signs as handler, not also as keeper', async () => {
    const id = await submitted(await keeper2User());
    expect((await keeper2.get(`/api/stock-documents/${id}`)).body.mySignRoles).toEqual(['handler']);
    const asKeeper = await keeper2.post(`/api/stock-documents/${id}/sign`, { role: 'keeper' });
    expect(asKeeper.status).toBe(409);
    expect(asKeeper.body.error.code).toBe('SIGN_TWO_ROLES');
    expect((await keeper2.post(`/api/stock-documents/${id}/sign`, { role: 'handler' })).body.handlerSignedByName).toBe('李仓管');
    // with no other keeper the keeper's place waits: nobody present may fill it
    expect((await keeper.post(`/api/stock-documents/${id}/sign`, { role: 'keeper' })).status).toBe(409);
    expect((await keeper2.post(`/api/stock-documents/${id}/sign`, { role: 'keeper' })).status).toBe(409);
    const keeper3 = await t.login(await makeUser(t.db, company, { roleCode: 'warehouse', displayName: '周仓管' }));
    await keeper3.post(`/api/stock-documents/${id}/sign`, { role: 'keeper' });
    const done = await keeper.post(`/api/stock-documents/${id}/sign`, { role: 'preparer' });
    expect(done.body).toMatchObject({ status: 'signed', keeperSignedByName: '周仓管', preparerSignedByName: '王仓管', handlerSignedByName: '李仓管' });
    const audit = await t.db.selectFrom('auditLog').select('action').where('entity', '=', 'stock_document').where('entityId', '=', id).where('action', '=', 'stock_inbound.sign').execute();
    expect(audit).toHaveLength(3);
  });

  it('a document from before handlers were named: anyone may sign as handler, but not one who holds another place', async () => {
    const id = await submitted(clerkUser.id);
    await t.db.updateTable('stockDocuments').set({ handlerId: null }).where('id', '=', id).execute();
    await keeper2.post(`/api/stock-documents/${id}/sign`, { role: 'keeper' });
    const keeperAgain = await keeper2.post(`/api/stock-documents/${id}/sign`, { role: 'handler' });
    expect(keeperAgain.status).toBe(409);
    expect(keeperAgain.body.error.message).toContain('您是本单的仓管');
    expect((await keeper.post(`/api/stock-documents/${id}/sign`, { role: 'handler' })).body.error.code).toBe('SIGN_TWO_ROLES');
    expect((await rep.post(`/api/stock-documents/${id}/sign`, { role: 'handler' })).body.handlerSignedByName).toBeTruthy();
  });
});

describe('the documents list', () => {
  it('is in business-date order, then number, newest first — not in the order entered', async () => {
    const w = await makeWarehouse(t.db, company, { name: '曲靖仓' });
    const p = await product();
    const enter = async (businessDate: string) =>
      (await keeper.post('/api/stock-documents/inbound', { warehouseId: w.id, businessDate, handlerId: clerkUser.id, submit: true, lines: [{ productId: p.id, quantity: 1 }] })).body.number as string;
    const older = await enter(addDays(today, -3));
    const newer = await enter(addDays(today, -1));
    const olderLater = await enter(addDays(today, -3)); // entered last, for the older day: a later number
    const list = await clerk.get(`/api/stock-documents?warehouseId=${w.id}`);
    expect(list.body.items.map((d: { number: string }) => d.number)).toEqual([newer, olderLater, older]);
    const oldestFirst = await clerk.get(`/api/stock-documents?warehouseId=${w.id}&sort=businessDate&order=asc`);
    expect(oldestFirst.body.items.map((d: { number: string }) => d.number)).toEqual([older, olderLater, newer]);
  });
});

describe('box codes on an outbound slip 出库单录箱码', () => {
  it('issues the codes of the boxes that leave: each in stock, once; a void puts them back', async () => {
    const p = await product({ name: '滇源老窖 礼盒', trackCodes: 1, packSize: 6 });
    const inbound = async (warehouseId: number, boxCodes: string[]) =>
      (await keeper.post('/api/stock-documents/inbound', { warehouseId, handlerId: clerkUser.id, submit: true, lines: [{ productId: p.id, batchNo: 'OB', quantity: boxCodes.length * 6, boxCodes }] })).body;
    const inA = await inbound(wA.id, ['OB-1', 'OB-2', 'OB-3']);
    await inbound(wB.id, ['OB-B1']);
    const outbound = (quantity: number, boxCodes: string[], productId = p.id) =>
      keeper.post('/api/stock-documents/outbound', { warehouseId: wA.id, counterparty: '品鉴会', reason: '样品', handlerId: clerkUser.id, submit: true, lines: [{ productId, quantity, boxCodes }] });
    const codes = async () => Object.fromEntries((await t.db.selectFrom('unitCodes').select(['code', 'status', 'issuedDocNo']).where('code', 'like', 'OB-%').execute()).map((c) => [c.code, [c.status, c.issuedDocNo]]));

    const out = await outbound(12, ['OB-1', 'OB-2']);
    expect(out.status).toBe(200);
    expect(out.body.lines[0].boxCodes).toEqual(['OB-1', 'OB-2']);
    expect(await codes()).toEqual({ 'OB-1': ['issued', out.body.number], 'OB-2': ['issued', out.body.number], 'OB-3': ['in_stock', null], 'OB-B1': ['in_stock', null] });

    // a code leaves once; a code never received does not leave (its warehouse is where it came in: a
    // transfer records no codes, so a code is not held to a warehouse, as on slips)
    const before = await level(wA.id, p.id);
    const refused = async (boxCodes: string[], message: string) => {
      const r = await outbound(6, boxCodes);
      expect(r.status).toBe(409);
      expect(r.body.error).toMatchObject({ code: 'BOX_CODE_UNAVAILABLE', message, fields: [{ path: 'lines.0.boxCodes' }] });
    };
    await refused(['OB-1'], `箱码「OB-1」不能出库：已随 ${out.body.number} 出库`);
    await refused(['NOPE-1'], '箱码「NOPE-1」不能出库：未入库登记');
    expect(await level(wA.id, p.id)).toEqual(before);
    // no more boxes than the quantity; codes only for products tracked by code
    const over = await outbound(6, ['OB-3', 'OB-2']);
    expect(over.status).toBe(400);
    expect(over.body.error.fields).toEqual([{ path: 'lines.0.boxCodes', message: '箱码 2 箱共 12 瓶，超过出库数量 6 瓶' }]);
    const plain = await product({ name: '普通啤酒' });
    await stockUp(t.db, company, { warehouseId: wA.id, productId: plain.id, quantity: 10 });
    expect((await outbound(1, ['OB-3'], plain.id)).body.error.fields[0].message).toBe('商品「普通啤酒」不按箱码管理，不用录箱码');

    // voided: the boxes are in stock again and may leave on another slip; the inbound they came on cannot be voided while one is out
    await keeper.post(`/api/stock-documents/outbound/${out.body.id}/void`, { reason: '取消品鉴会', version: out.body.version });
    expect((await codes())['OB-1']).toEqual(['in_stock', null]);
    const again = await outbound(6, ['OB-1']);
    expect(again.status).toBe(200);
    const voidIn = await keeper.post(`/api/stock-documents/inbound/${inA.id}/void`, { reason: '错', version: inA.version });
    expect(voidIn.body.error).toMatchObject({ code: 'BOX_CODE_ISSUED' });
    expect((await check()).ok).toBe(true);
  });
});
