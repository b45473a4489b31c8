import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client } from '../../../test/fixtures/app.ts';
import { makeCompany, makeProduct, makeUser, makeWarehouse, stockUp, type TestCompany, type TestProduct, type TestUser, type TestWarehouse } from '../../../test/fixtures/factories.ts';
import { lineAmounts, toChineseCapitals } from '../../platform/money.ts';
import { makeSlips } from '../../../test/fixtures/sales.ts';

// Sales slips 销货清单 over the API, on SQLite and PostgreSQL: issue from an order (partial deliveries,
// reservation consumed, 地州 refused before payment), walk-in cash sales, warehouse issue with
// codes and own-login signatures, prints, void, driver reconciliation with returns, posting.

const t = await createTestApp();
let co: TestCompany;
let wh: TestWarehouse;
let plain: TestProduct; // no codes
let coded: TestProduct; // box/bottle codes, 1 箱 = 12 瓶
let rep: TestUser, rep2: TestUser, clerk: TestUser, clerk2: TestUser, keeper: TestUser, finance: TestUser;
let asRep: Client, asRep2: Client, asClerk: Client, asClerk2: Client, asKeeper: Client, asFinance: Client;
let customerId: number;

beforeAll(async () => {
  co = await makeCompany(t.db, { name: '云岭酒业' });
  rep = await makeUser(t.db, co, { roleCode: 'rep', displayName: '张业务' });
  rep2 = await makeUser(t.db, co, { roleCode: 'rep', displayName: '李业务' });
  clerk = await makeUser(t.db, co, { roleCode: 'clerk', displayName: '王内勤' });
  clerk2 = await makeUser(t.db, co, { roleCode: 'clerk', displayName: '赵内勤' });
  keeper = await makeUser(t.db, co, { roleCode: 'warehouse', displayName: '刘仓管' });
  finance = await makeUser(t.db, co, { roleCode: 'finance', displayName: '陈会计' });
  [asRep, asRep2, asClerk, asClerk2, asKeeper, asFinance] = await Promise.all([rep, rep2, clerk, clerk2, keeper, finance].map((u) => t.login(u)));
  wh = await makeWarehouse(t.db, co, { name: '昆明总仓' });
  plain = await makeProduct(t.db, co, { name: '普洱茶饮', unit: '瓶', listPrice: 35_000, taxRateBp: 1300 }); // 3.50 元
  coded = await makeProduct(t.db, co, { name: '窖藏白酒', spec: '500ml×12', unit: '瓶', packUnit: '箱', packSize: 12, listPrice: 1_280_000, trackCodes: 1 }); // 128 元
  await stockUp(t.db, co, { warehouseId: wh.id, productId: plain.id, quantity: 1000, batchNo: 'B1', expiryDate: '2027-06-30' });
  await stockUp(t.db, co, { warehouseId: wh.id, productId: coded.id, quantity: 240, batchNo: 'J1' });
  const c = await asRep.post('/api/customers', { name: '春城便利店', contacts: [{ name: '周老板', phone: '13900001111', isPrimary: true }] });
  expect(c.status, JSON.stringify(c.body)).toBe(200);
  customerId = c.body.id;
}, 60_000);
afterAll(() => t.close());

const level = async (productId: number) =>
  t.db.selectFrom('stockLevels').select(['onHand', 'reserved']).where('warehouseId', '=', wh.id).where('productId', '=', productId).executeTakeFirstOrThrow();

async function confirmedOrder(lines: { productId: number; quantity: number }[], extra: Record<string, unknown> = {}) {
  const r = await asRep.post('/api/orders', { customerId, orderType: 'direct', paymentTerm: 'cash', warehouseId: wh.id, lines, submit: true, ...extra });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as { id: number; status: string; lines: { id: number; quantity: number }[] };
}

async function walkIn(lines: { productId: number; quantity: number; unitPrice?: number }[], extra: Record<string, unknown> = {}, as = asClerk) {
  return as.post('/api/slips', { customerName: '门市散客', warehouseId: wh.id, handlerId: rep.id, lines, ...extra });
}

async function signAll(slipId: number) {
  for (const [c, as] of [[asKeeper, 'keeper'], [asClerk, 'preparer'], [asRep, 'handler']] as const) {
    const r = await c.post(`/api/slips/${slipId}/sign`, { as });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
}

describe('issuing from an order', () => {
  it('partial delivery consumes the reservation, keeps the order open, and refuses more than remains', async () => {
    const order = await confirmedOrder([{ productId: plain.id, quantity: 10 }]);
    expect(order.status).toBe('confirmed');
    const before = await level(plain.id);
    const lineId = order.lines[0]!.id;

    const s1 = await asClerk.post('/api/slips/from-order', { orderId: order.id, lines: [{ orderLineId: lineId, quantity: 4 }] });
    expect(s1.status, JSON.stringify(s1.body)).toBe(200);
    expect(s1.body.status).toBe('issued');
    expect(s1.body.number).toMatch(/^XS-\d{6}-\d{6}$/);
    expect(s1.body.customerName).toBe('春城便利店');
    expect(s1.body.contactName).toBe('周老板');
    expect(s1.body.ownerId).toBe(rep.id);
    expect(s1.body.handlerId).toBe(rep.id);
    const amounts = lineAmounts({ quantity: 4, unitPrice: 35_000, taxRateBp: 1300, priceIncludesTax: true });
    expect(s1.body.totalAmount).toBe(amounts.amount);
    expect(s1.body.totalInCapitals).toBe(toChineseCapitals(amounts.amount));
    expect(await level(plain.id)).toEqual({ onHand: before.onHand - 4, reserved: before.reserved - 4 });
    let o = (await asRep.get(`/api/orders/${order.id}`)).body;
    expect(o.status).toBe('partially_shipped');

    const over = await asClerk.post('/api/slips/from-order', { orderId: order.id, lines: [{ orderLineId: lineId, quantity: 7 }] });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('SLIP_OVER_REMAINING');
    expect(over.body.error.message).toContain('6');

    const s2 = await asClerk.post('/api/slips/from-order', { orderId: order.id, lines: [{ orderLineId: lineId, quantity: 6 }] });
    expect(s2.status).toBe(200);
    expect(s2.body.number).not.toBe(s1.body.number);
    expect(await level(plain.id)).toEqual({ onHand: before.onHand - 10, reserved: before.reserved - 10 });
    o = (await asRep.get(`/api/orders/${order.id}`)).body;
    expect(o.status).toBe('shipped');
  });

  it('a draft holds no number and no stock; issuing it does', async () => {
    const order = await confirmedOrder([{ productId: plain.id, quantity: 3 }]);
    const before = await level(plain.id);
    const d = await asClerk.post('/api/slips/from-order', { orderId: order.id, lines: [{ orderLineId: order.lines[0]!.id, quantity: 3 }], issue: false });
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({ status: 'draft', number: null });
    expect(await level(plain.id)).toEqual(before);
    const p = await asClerk.post(`/api/slips/${d.body.id}/prints`, { paper: 'a4' });
    expect(p.status).toBe(409);
    const i = await asClerk.post(`/api/slips/${d.body.id}/issue`, { version: d.body.version });
    expect(i.status, JSON.stringify(i.body)).toBe(200);
    expect(i.body.status).toBe('issued');
    expect(await level(plain.id)).toEqual({ onHand: before.onHand - 3, reserved: before.reserved - 3 });
  });

  it('a 地州 order gets no slip before its payment is recorded in full', async () => {
    const settings = JSON.stringify({ orders: { reviews: { regional: [] } } });
    await t.db.updateTable('companies').set({ settings }).where('id', '=', co.id).execute();
    const order = await confirmedOrder([{ productId: plain.id, quantity: 2 }], { orderType: 'regional', paymentTerm: 'transfer', carrierName: '滇运物流', carrierPhone: '0871-65550000', deliveryMethod: 'carrier' });
    expect(order.status).toBe('confirmed');
    const body = { orderId: order.id, lines: [{ orderLineId: order.lines[0]!.id, quantity: 2 }] };
    const refused = await asClerk.post('/api/slips/from-order', body);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('ORDER_REGIONAL_UNPAID');
    const full = (await asRep.get(`/api/orders/${order.id}`)).body;
    const paid = await asFinance.post(`/api/orders/${order.id}/payment`, { amount: full.totalAmount, version: full.version });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    const ok = await asClerk.post('/api/slips/from-order', body);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.orderType).toBe('regional');
  });

  it('a rep sees their own slips only; another rep gets 404', async () => {
    const s = await walkIn([{ productId: plain.id, quantity: 1 }]);
    expect((await asRep.get(`/api/slips/${s.body.id}`)).status).toBe(200);
    expect((await asRep2.get(`/api/slips/${s.body.id}`)).status).toBe(404);
    const list = await asRep2.get('/api/slips?pageSize=200');
    expect(list.body.items.some((i: { id: number }) => i.id === s.body.id)).toBe(false);
  });
});

describe('walk-in cash sales', () => {
  it('take available stock only: reserved units are not sold over the counter', async () => {
    const p = await makeProduct(t.db, co, { name: '紧俏新品', listPrice: 100_000 });
    await stockUp(t.db, co, { warehouseId: wh.id, productId: p.id, quantity: 5 });
    await confirmedOrder([{ productId: p.id, quantity: 4 }]);
    const short = await walkIn([{ productId: p.id, quantity: 2 }]);
    expect(short.status).toBe(409);
    expect(short.body.error.code).toBe('STOCK_SHORT');
    expect(short.body.error.fields[0].path).toBe('lines.0.quantity');
    const ok = await walkIn([{ productId: p.id, quantity: 1, unitPrice: 95_000 }]);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ paymentTerm: 'cash', orderId: null, customerName: '门市散客', totalAmount: 950 });
    expect(await level(p.id)).toEqual({ onHand: 4, reserved: 4 });
  });

  it('two counters selling the last units at once: one slip is issued, the other refused, nothing oversold', async () => {
    const p = await makeProduct(t.db, co, { name: '限量礼盒', listPrice: 500_000 });
    await stockUp(t.db, co, { warehouseId: wh.id, productId: p.id, quantity: 5 });
    const results = await Promise.all([asClerk, asClerk2, asClerk].map((c) => walkIn([{ productId: p.id, quantity: 3 }], {}, c)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(await level(p.id)).toEqual({ onHand: 2, reserved: 0 });
    // the refused ones gave their numbers back: the issued slip's number is the only one taken
    const issued = results.find((r) => r.status === 200)!.body;
    const drafts = await t.db.selectFrom('salesSlips').select(['number']).where('customerName', '=', '门市散客').where('totalAmount', '=', issued.totalAmount).execute();
    expect(drafts.map((d) => d.number)).toEqual([issued.number]);
  });

  it('keep the cash handed over 实收现金 and give the change; less than the total is refused with both figures; without it the sale is written as before', async () => {
    const before = await level(plain.id);
    // 10 × ¥3.50 = ¥35.00; the customer hands over ¥50.00
    const kept = await walkIn([{ productId: plain.id, quantity: 10 }], { cashTendered: 5000 });
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    expect(kept.body).toMatchObject({ totalAmount: 3500, cashTendered: 5000, cashChange: 1500 });
    expect((await asClerk.get(`/api/slips/${kept.body.id}`)).body).toMatchObject({ cashTendered: 5000, cashChange: 1500 });
    const row = await t.db.selectFrom('salesSlips').select(['cashTendered']).where('id', '=', kept.body.id).executeTakeFirstOrThrow();
    expect(row.cashTendered).toBe(5000);
    // exactly the total: no change
    const exact = await walkIn([{ productId: plain.id, quantity: 10 }], { cashTendered: 3500 });
    expect(exact.body).toMatchObject({ cashTendered: 3500, cashChange: 0 });

    // ¥34.99 for ¥35.00: refused, naming both figures and what is missing; no number taken, no stock out
    const numbered = await t.db.selectFrom('salesSlips').select((eb) => eb.fn.countAll<number>().as('n')).where('number', 'is not', null).executeTakeFirstOrThrow();
    const short = await walkIn([{ productId: plain.id, quantity: 10 }], { cashTendered: 3499 });
    expect(short.status).toBe(400);
    expect(short.body.error.code).toBe('SLIP_CASH_SHORT');
    expect(short.body.error.message).toBe('实收现金 ¥34.99 少于本单合计 ¥35.00，还差 ¥0.01；请按合计收足现金，或不填实收现金');
    expect(short.body.error.fields[0].path).toBe('cashTendered');
    expect(await level(plain.id)).toEqual({ onHand: before.onHand - 20, reserved: before.reserved });
    const after = await t.db.selectFrom('salesSlips').select((eb) => eb.fn.countAll<number>().as('n')).where('number', 'is not', null).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(numbered.n));
    // a draft checks it too
    const shortDraft = await walkIn([{ productId: plain.id, quantity: 10 }], { cashTendered: 1000, issue: false });
    expect(shortDraft.body.error.code).toBe('SLIP_CASH_SHORT');
    // a sale on credit takes no cash at the counter
    const credit = await walkIn([{ productId: plain.id, quantity: 1 }], { paymentTerm: 'monthly', cashTendered: 500 });
    expect(credit.status).toBe(400);
    expect(credit.body.error.code).toBe('SLIP_CASH_NOT_CASH_SALE');
    expect(credit.body.error.message).toBe('本单付款方式为「月结」，不是现款销售：实收现金只在现款销售时填写');
    // a clerk working in English reads it in English, the term's label lower-case mid-sentence
    const asEnglish = await t.login(await makeUser(t.db, co, { roleCode: 'clerk', displayName: 'Clerk EN' }));
    expect((await asEnglish.post('/api/auth/locale', { locale: 'en-US' })).status).toBe(200);
    const en = await walkIn([{ productId: plain.id, quantity: 1 }], { paymentTerm: 'transfer', cashTendered: 500 }, asEnglish);
    expect(en.body.error.message).toBe("Cash handed over is only entered on a cash sale; this slip's payment term is bank transfer (汇款)");
    // not an amount in fen: refused by the schema
    for (const bad of [-100, 12.5, '50']) {
      const r = await walkIn([{ productId: plain.id, quantity: 1 }], { cashTendered: bad });
      expect(r.status, String(bad)).toBe(400);
      expect(r.body.error.fields[0].path).toBe('cashTendered');
    }

    // absent (or null): written without it, and it stays absent
    const none = await walkIn([{ productId: plain.id, quantity: 1 }]);
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ cashTendered: null, cashChange: null });
    const nullSent = await walkIn([{ productId: plain.id, quantity: 1 }], { cashTendered: null, paymentTerm: 'monthly' });
    expect(nullSent.body).toMatchObject({ cashTendered: null, cashChange: null });
    expect((await asClerk.get(`/api/slips/${none.body.id}`)).body.cashTendered).toBeNull();
    // a slip from an order never has it
    const order = await confirmedOrder([{ productId: plain.id, quantity: 2 }]);
    const fromOrder = await asClerk.post('/api/slips/from-order', { orderId: order.id, lines: [{ orderLineId: order.lines[0]!.id, quantity: 2 }] });
    expect(fromOrder.body).toMatchObject({ cashTendered: null, cashChange: null });
  });

  it('refuses an unknown handler and another company\'s product', async () => {
    const other = await makeCompany(t.db);
    const foreign = await makeProduct(t.db, other);
    const r = await walkIn([{ productId: foreign.id, quantity: 1 }]);
    expect(r.status).toBe(400);
    expect(r.body.error.fields[0].path).toBe('lines.0.productId');
    const outsider = await makeUser(t.db, other, { roleCode: 'rep' });
    const h = await walkIn([{ productId: plain.id, quantity: 1 }], { handlerId: outsider.id });
    expect(h.status).toBe(400);
    expect(h.body.error.code).toBe('SLIP_HANDLER_INVALID');
  });
});

describe('warehouse issue: codes and signatures', () => {
  it('codes must cover every unit (boxes or bottles), and a code leaves only once', async () => {
    const s = (await walkIn([{ productId: coded.id, quantity: 14 }])).body; // 1 箱 + 2 瓶
    const early = await asKeeper.post(`/api/slips/${s.id}/sign`, { as: 'keeper' });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('SLIP_CODES_INCOMPLETE');
    const tooMany = await asKeeper.post(`/api/slips/${s.id}/codes`, { productId: coded.id, kind: 'box', codes: ['BX-1', 'BX-2'] });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error.code).toBe('SLIP_CODES_OVER');
    const box = await asKeeper.post(`/api/slips/${s.id}/codes`, { productId: coded.id, kind: 'box', codes: ['BX-1'] });
    expect(box.status, JSON.stringify(box.body)).toBe(200);
    expect(box.body.codeProgress[0]).toMatchObject({ quantity: 14, scanned: 12, boxes: 1 });
    // a code nobody registered at inbound is registered now, as issued with this slip
    const fresh = await t.db.selectFrom('unitCodes').select(['status', 'productId', 'kind', 'issuedDocNo']).where('code', '=', 'BX-1').executeTakeFirstOrThrow();
    expect(fresh).toEqual({ status: 'issued', productId: coded.id, kind: 'box', issuedDocNo: s.number });
    const bottles = await asKeeper.post(`/api/slips/${s.id}/codes`, { productId: coded.id, kind: 'bottle', codes: ['PZ-1', 'PZ-2'] });
    expect(bottles.body.codeProgress[0]).toMatchObject({ scanned: 14, bottles: 2 });

    // the same code on another slip: refused, naming the slip it left with
    const s2 = (await walkIn([{ productId: coded.id, quantity: 12 }])).body;
    const twice = await asKeeper.post(`/api/slips/${s2.id}/codes`, { productId: coded.id, kind: 'box', codes: ['BX-1'] });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('SLIP_CODE_ALREADY_ISSUED');
    expect(twice.body.error.message).toContain(s.number);

    // a code registered in stock for another product is refused
    const now = new Date().toISOString();
    await t.db.insertInto('unitCodes').values({ companyId: co.id, code: 'OTHER-1', kind: 'box', productId: plain.id, warehouseId: wh.id, status: 'in_stock', createdAt: now, updatedAt: now }).execute();
    const wrong = await asKeeper.post(`/api/slips/${s2.id}/codes`, { productId: coded.id, kind: 'box', codes: ['OTHER-1'] });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error.code).toBe('SLIP_CODE_OTHER_PRODUCT');
    // a code received in stock for this product is issued
    await t.db.insertInto('unitCodes').values({ companyId: co.id, code: 'IN-1', kind: 'box', productId: coded.id, warehouseId: wh.id, status: 'in_stock', createdAt: now, updatedAt: now }).execute();
    const known = await asKeeper.post(`/api/slips/${s2.id}/codes`, { productId: coded.id, kind: 'box', codes: ['IN-1'] });
    expect(known.status).toBe(200);
    const row = await t.db.selectFrom('unitCodes').select(['status', 'issuedDocNo']).where('code', '=', 'IN-1').executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'issued', issuedDocNo: s2.number });
    // a product without codes takes none
    const s3 = (await walkIn([{ productId: plain.id, quantity: 1 }])).body;
    expect((await asKeeper.post(`/api/slips/${s3.id}/codes`, { productId: plain.id, kind: 'bottle', codes: ['X'] })).status).toBe(400);
  });

  it('codes are one code whatever the case, width or spaces they are typed in: P001 and p001 are not both issued', async () => {
    const s = (await walkIn([{ productId: coded.id, quantity: 3 }])).body;
    const first = await asKeeper.post(`/api/slips/${s.id}/codes`, { productId: coded.id, kind: 'bottle', codes: [' ｐｚ－ｃａｓｅ１ ', 'pz-case2'] });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.codes.map((c: { code: string }) => c.code).sort()).toEqual(['PZ-CASE1', 'PZ-CASE2']);
    // the same codes in another case on the same slip, or twice in one scan: one code, not another unit
    const again = await asKeeper.post(`/api/slips/${s.id}/codes`, { productId: coded.id, kind: 'bottle', codes: ['PZ-case1'] });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('SLIP_CODE_ALREADY_ISSUED');
    const dup = await asKeeper.post(`/api/slips/${s.id}/codes`, { productId: coded.id, kind: 'bottle', codes: ['pz-case3', 'PZ-CASE3'] });
    expect(dup.body.codeProgress[0]).toMatchObject({ scanned: 3, bottles: 3 });
    const stored = await t.db.selectFrom('unitCodes').select('code').where('companyId', '=', co.id).where('issuedDocId', '=', s.id).execute();
    expect(stored.map((c) => c.code).sort()).toEqual(['PZ-CASE1', 'PZ-CASE2', 'PZ-CASE3']);
    // taken back by any spelling of it
    const removed = await asKeeper.post(`/api/slips/${s.id}/codes/remove`, { code: 'pz-case2' });
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    expect(removed.body.codes.map((c: { code: string }) => c.code).sort()).toEqual(['PZ-CASE1', 'PZ-CASE3']);
  });

  it('two slips scanning the same new code at once: exactly one gets it', async () => {
    const a = (await walkIn([{ productId: coded.id, quantity: 12 }])).body;
    const b = (await walkIn([{ productId: coded.id, quantity: 12 }])).body;
    const results = await Promise.all([a, b].map((s) => asKeeper.post(`/api/slips/${s.id}/codes`, { productId: coded.id, kind: 'box', codes: ['RACE-1'] })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const rows = await t.db.selectFrom('unitCodes').select(['issuedDocId']).where('code', '=', 'RACE-1').execute();
    expect(rows).toHaveLength(1);
  });

  it('each signs with their own login; nobody signs for another', async () => {
    const s = (await walkIn([{ productId: plain.id, quantity: 2 }])).body;
    const note = await t.db.selectFrom('notifications').select(['kind', 'title']).where('userId', '=', rep.id).where('entity', '=', 'sales_slip').where('entityId', '=', s.id).executeTakeFirstOrThrow();
    expect(note).toEqual({ kind: 'slip.to_sign', title: `销货清单 ${s.number} 请经手人签字` });
    const history = await asClerk.get(`/api/slips/${s.id}/history`);
    expect(history.body.map((h: { action: string }) => h.action)).toEqual(['slip.issue', 'slip.create']);
    const asKeeperByClerk = await asClerk.post(`/api/slips/${s.id}/sign`, { as: 'keeper' });
    expect(asKeeperByClerk.status).toBe(403);
    expect(asKeeperByClerk.body.error.code).toBe('SLIP_SIGN_NOT_KEEPER');
    const preparerByOther = await asClerk2.post(`/api/slips/${s.id}/sign`, { as: 'preparer' });
    expect(preparerByOther.status).toBe(403);
    expect(preparerByOther.body.error.message).toContain('王内勤');
    const handlerByClerk = await asClerk.post(`/api/slips/${s.id}/sign`, { as: 'handler' });
    expect(handlerByClerk.status).toBe(403);
    expect(handlerByClerk.body.error.message).toContain('张业务');

    // the warehouse's to-do lists written slips until the keeper has signed them
    const awaitingKeeper = async () => (await asKeeper.get('/api/slips?awaitingSignature=keeper&pageSize=200')).body.items.map((i: { id: number }) => i.id);
    expect(await awaitingKeeper()).toContain(s.id);
    expect((await asKeeper.post(`/api/slips/${s.id}/sign`, { as: 'keeper' })).body.status).toBe('issued');
    expect(await awaitingKeeper()).not.toContain(s.id);
    const again = await asKeeper.post(`/api/slips/${s.id}/sign`, { as: 'keeper' });
    expect(again.status).toBe(409);
    // 待我签字: the preparer's and the handler's own places, each until signed
    const awaitingMe = async (c: typeof asClerk) => (await c.get('/api/slips?awaitingSignature=me&pageSize=200')).body.items.map((i: { id: number }) => i.id);
    expect(await awaitingMe(asClerk)).toContain(s.id);
    expect(await awaitingMe(asClerk2)).not.toContain(s.id);
    expect((await asClerk.post(`/api/slips/${s.id}/sign`, { as: 'preparer' })).body.status).toBe('issued');
    expect(await awaitingMe(asClerk)).not.toContain(s.id);
    expect(await awaitingMe(asRep)).toContain(s.id);
    const done = await asRep.post(`/api/slips/${s.id}/sign`, { as: 'handler' });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('signed');
    expect(await awaitingMe(asRep)).not.toContain(s.id);
    expect(done.body.signatures).toMatchObject({ keeper: { userId: keeper.id, name: '刘仓管' }, preparer: { userId: clerk.id, name: '王内勤' }, handler: { userId: rep.id, name: '张业务' } });
  });

  it('the keeper who lets the goods out is not the one who takes them', async () => {
    const s = (await walkIn([{ productId: plain.id, quantity: 1 }], { handlerId: keeper.id })).body;
    const asBoth = await asKeeper.post(`/api/slips/${s.id}/sign`, { as: 'keeper' });
    expect(asBoth.status).toBe(409);
    expect(asBoth.body.error).toMatchObject({ code: 'SLIP_SIGN_KEEPER_NOT_PARTY', message: '您是本单的经手人，不能再签「仓管」栏：发货的仓管须是制单人、经手人以外的人' });
    expect((await asKeeper.post(`/api/slips/${s.id}/sign`, { as: 'handler' })).status).toBe(200);
  });
});

describe('printing', () => {
  it('counts prints; later ones are reprints', async () => {
    const s = (await walkIn([{ productId: plain.id, quantity: 1 }])).body;
    const p1 = await asClerk.post(`/api/slips/${s.id}/prints`, { paper: 'a4' });
    expect(p1.body).toEqual({ printNo: 1, printCount: 1, reprint: false, paper: 'a4' });
    const p2 = await asKeeper.post(`/api/slips/${s.id}/prints`, { paper: 'continuous241' });
    expect(p2.body).toEqual({ printNo: 2, printCount: 2, reprint: true, paper: 'continuous241' });
    const d = (await asClerk.get(`/api/slips/${s.id}`)).body;
    expect(d.printCount).toBe(2);
    expect(d.prints.map((p: { printedByName: string }) => p.printedByName)).toEqual(['王内勤', '刘仓管']);
    expect((await asRep.post(`/api/slips/${s.id}/prints`, { paper: 'a4' })).status).toBe(403);
  });
});

describe('void', () => {
  it('restores stock and the order exactly, frees the codes, keeps the number; still listed and printable', async () => {
    const order = await confirmedOrder([{ productId: coded.id, quantity: 24 }, { productId: plain.id, quantity: 5 }]);
    const before = { coded: await level(coded.id), plain: await level(plain.id) };
    const s = (await asClerk.post('/api/slips/from-order', { orderId: order.id, lines: [{ orderLineId: order.lines[0]!.id, quantity: 12 }, { orderLineId: order.lines[1]!.id, quantity: 5 }] })).body;
    expect(s.status).toBe('issued');
    await asKeeper.post(`/api/slips/${s.id}/codes`, { productId: coded.id, kind: 'box', codes: ['VOID-BX'] });
    expect((await asClerk.post(`/api/slips/${s.id}/void`, { reason: '', version: s.version + 1 })).status).toBe(400);
    const cur = (await asClerk.get(`/api/slips/${s.id}`)).body;
    expect((await asRep.post(`/api/slips/${s.id}/void`, { reason: '开错客户', version: cur.version })).status).toBe(403);
    const v = await asClerk.post(`/api/slips/${s.id}/void`, { reason: '开错客户', version: cur.version });
    expect(v.status, JSON.stringify(v.body)).toBe(200);
    expect(v.body).toMatchObject({ status: 'void', number: s.number, voidReason: '开错客户', voidedByName: '王内勤' });
    expect(await level(coded.id)).toEqual(before.coded);
    expect(await level(plain.id)).toEqual(before.plain);
    const o = (await asRep.get(`/api/orders/${order.id}`)).body;
    expect(o.status).toBe('confirmed');
    const code = await t.db.selectFrom('unitCodes').select(['status', 'issuedDocId']).where('code', '=', 'VOID-BX').executeTakeFirstOrThrow();
    expect(code).toEqual({ status: 'in_stock', issuedDocId: null });
    const list = await asClerk.get('/api/slips?status=void&pageSize=200');
    expect(list.body.items.map((i: { id: number }) => i.id)).toContain(s.id);
    expect((await asClerk.post(`/api/slips/${s.id}/prints`, { paper: 'a4' })).status).toBe(200);
    // the voided code can leave again with another slip
    const s2 = (await walkIn([{ productId: coded.id, quantity: 12 }])).body;
    expect((await asKeeper.post(`/api/slips/${s2.id}/codes`, { productId: coded.id, kind: 'box', codes: ['VOID-BX'] })).status).toBe(200);
    // the ledger nets to zero for the voided slip
    const net = await t.db.selectFrom('stockLedger').select((eb) => eb.fn.sum<number>('quantity').as('q')).where('docType', '=', 'sales_slip').where('docId', '=', s.id).executeTakeFirstOrThrow();
    expect(Number(net.q)).toBe(0);
    expect((await asClerk.post(`/api/slips/${s.id}/void`, { reason: '再作废', version: v.body.version })).status).toBe(409);
  });
});

describe('driver reconciliation, returns and posting', () => {
  it('balances a day: cash short recorded, refused goods back to stock, signed copies to finance; posting writes the event; a posted slip is not voided', async () => {
    const driver = `司机${Date.now() % 100000}`;
    const cash = (await walkIn([{ productId: plain.id, quantity: 10 }], { customerName: '翠湖餐厅', driverName: driver })).body;
    const credit = (await walkIn([{ productId: plain.id, quantity: 4 }], { customerName: '滇池超市', paymentTerm: 'monthly', driverName: driver })).body;
    for (const s of [cash, credit]) {
      await signAll(s.id);
      const cur = (await asClerk.get(`/api/slips/${s.id}`)).body;
      const d = await asClerk.post(`/api/slips/${s.id}/deliver`, { version: cur.version });
      expect(d.status, JSON.stringify(d.body)).toBe(200);
      expect(d.body.status).toBe('delivered');
    }
    // not reconciled yet: not postable
    const early = await asFinance.post(`/api/slips/${cash.id}/post`);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('SLIP_NOT_POSTABLE');

    const pending = (await asClerk.get('/api/slip-reconciliations/pending')).body;
    expect(pending.find((p: { driverName: string }) => p.driverName === driver)).toMatchObject({ slipCount: 2, cashExpected: cash.totalAmount });
    const rec = await asClerk.post('/api/slip-reconciliations', { driverName: driver, businessDate: cash.businessDate });
    expect(rec.status, JSON.stringify(rec.body)).toBe(200);
    expect(rec.body.number).toMatch(/^DZ-/);
    expect(rec.body.slips).toHaveLength(2);
    expect(rec.body.cashExpected).toBe(cash.totalAmount);

    // 2 bottles refused at the door: return slip, stock back, amount off the cash due
    const stockBefore = await level(plain.id);
    const line = cash.lines[0];
    const ret = await asClerk.post(`/api/slips/${cash.id}/returns`, { reason: '客户拒收两瓶', lines: [{ slipLineId: line.id, quantity: 2 }] });
    expect(ret.status, JSON.stringify(ret.body)).toBe(200);
    expect(ret.body.number).toMatch(/^TH-/);
    const returned = line.amount - lineAmounts({ quantity: 8, unitPrice: line.unitPrice, taxRateBp: line.taxRateBp, priceIncludesTax: true }).amount;
    expect(ret.body.totalAmount).toBe(returned);
    expect(await level(plain.id)).toEqual({ onHand: stockBefore.onHand + 2, reserved: stockBefore.reserved });
    const over = await asClerk.post(`/api/slips/${cash.id}/returns`, { reason: '再退', lines: [{ slipLineId: line.id, quantity: 9 }] });
    expect(over.status).toBe(409);
    const afterReturn = (await asClerk.get(`/api/slips/${cash.id}`)).body;
    expect(afterReturn.returnedAmount).toBe(returned);
    expect(afterReturn.lines[0].returnedQuantity).toBe(2);
    expect(afterReturn.netAmount).toBe(cash.totalAmount - returned);

    // a slip in a reconciliation is not voided
    const noVoid = await asClerk.post(`/api/slips/${cash.id}/void`, { reason: 'x', version: afterReturn.version });
    expect(noVoid.body.error.code).toBe('SLIP_RECONCILED_NO_VOID');

    // the driver hands in 1 元 less than due; the credit slip's signed copy not yet back
    const due = cash.totalAmount - returned;
    let r = (await asClerk.get(`/api/slip-reconciliations/${rec.body.id}`)).body;
    expect(r.cashExpected).toBe(due);
    // the return dialog reads each line in cases too (the product's pack, 1 箱 = 12 瓶)
    expect(r.slips.find((s: { slipId: number }) => s.slipId === cash.id).lines[0]).toMatchObject({ quantity: 10, returnedQuantity: 2, unit: '瓶', packUnit: '箱', packSize: 12 });
    const upd = await asClerk.put(`/api/slip-reconciliations/${r.id}`, { version: r.version, remarks: '少交一元', slips: [{ slipId: cash.id, cashReceived: due - 100, signedCopyReceived: false }, { slipId: credit.id, cashReceived: 0, signedCopyReceived: false }] });
    expect(upd.status, JSON.stringify(upd.body)).toBe(200);
    expect(upd.body).toMatchObject({ cashExpected: due, cashReceived: due - 100, cashDifference: -100 });
    expect(upd.body.slips.find((s: { slipId: number }) => s.slipId === cash.id).outcome).toBe('partly_returned');
    const missing = await asClerk.post(`/api/slip-reconciliations/${r.id}/settle`, { version: upd.body.version });
    expect(missing.status).toBe(409);
    expect(missing.body.error.code).toBe('RECON_SIGNED_COPY_MISSING');
    expect(missing.body.error.message).toContain(credit.number);
    r = (await asClerk.put(`/api/slip-reconciliations/${r.id}`, { version: upd.body.version, remarks: null, slips: [{ slipId: credit.id, cashReceived: 0, signedCopyReceived: true }] })).body;
    // short by 1 元: settled only with the reason, which stays on the reconciliation and in its audit
    const noReason = await asFinance.post(`/api/slip-reconciliations/${r.id}/settle`, { version: r.version });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error).toMatchObject({ code: 'RECON_REASON_REQUIRED', message: '本次对单短款 ¥1.00，请填写短款原因后再结清' });
    expect(noReason.body.error.fields).toEqual([{ path: 'reason', message: '请填写短款原因' }]);
    expect((await asFinance.post(`/api/slip-reconciliations/${r.id}/settle`, { version: r.version, reason: '   ' })).body.error.code).toBe('RECON_REASON_REQUIRED');
    const settled = await asFinance.post(`/api/slip-reconciliations/${r.id}/settle`, { version: r.version, reason: '司机找零少收一元' });
    expect(settled.status, JSON.stringify(settled.body)).toBe(200);
    // what its printed 对单表 shows: the company, who settled it and when, and why the cash is short
    expect(settled.body).toMatchObject({ status: 'settled', cashDifference: -100, settledByName: '陈会计', remarks: '司机找零少收一元', companyName: '云岭酒业' });
    expect(settled.body.settledAt).toBeTruthy();
    const audit = await t.db.selectFrom('auditLog').select('after').where('action', '=', 'reconciliation.settle').where('entityId', '=', r.id).executeTakeFirstOrThrow();
    expect(JSON.parse(String(audit.after))).toMatchObject({ cashDifference: -100, reason: '司机找零少收一元' });
    expect(settled.body.slips.find((s: { slipId: number }) => s.slipId === credit.id).handedToFinanceAt).toBeTruthy();
    for (const s of [cash, credit]) expect((await asClerk.get(`/api/slips/${s.id}`)).body.status).toBe('reconciled');
    expect((await asClerk.put(`/api/slip-reconciliations/${r.id}`, { version: settled.body.version, remarks: null, slips: [] })).status).toBe(409);

    // posting: batch, the event for receivables carries the amount net of returns
    expect((await asClerk.post('/api/slips/post', { slipIds: [cash.id] })).status).toBe(403);
    const posted = await asFinance.post('/api/slips/post', { slipIds: [cash.id, credit.id] });
    expect(posted.status, JSON.stringify(posted.body)).toBe(200);
    expect(posted.body.posted).toHaveLength(2);
    const ev = await t.db.selectFrom('businessEvents').selectAll().where('event', '=', 'slip.posted').where('entityId', '=', cash.id).executeTakeFirstOrThrow();
    expect(ev).toMatchObject({ companyId: co.id, entity: 'sales_slip' });
    expect(JSON.parse(ev.payload)).toMatchObject({ customerId: null, amount: due, paymentTerm: 'cash', date: cash.businessDate });
    const again = await asFinance.post(`/api/slips/${cash.id}/post`);
    expect(again.status).toBe(409);
    const cur = (await asClerk.get(`/api/slips/${cash.id}`)).body;
    expect(cur.status).toBe('posted');
    const v = await asClerk.post(`/api/slips/${cash.id}/void`, { reason: '开错', version: cur.version });
    expect(v.status).toBe(409);
    expect(v.body.error.code).toBe('SLIP_POSTED_NO_VOID');
    expect(v.body.error.message).toContain('退货单');
  });

  it('records cash over when the driver hands in more than due', async () => {
    const driver = `司机${Date.now() % 100000}b`;
    const s = (await walkIn([{ productId: plain.id, quantity: 3 }], { driverName: driver })).body;
    await signAll(s.id);
    const cur = (await asClerk.get(`/api/slips/${s.id}`)).body;
    await asClerk.post(`/api/slips/${s.id}/deliver`, { version: cur.version });
    const rec = (await asFinance.post('/api/slip-reconciliations', { driverName: driver, businessDate: s.businessDate })).body;
    const upd = await asFinance.put(`/api/slip-reconciliations/${rec.id}`, { version: rec.version, remarks: null, slips: [{ slipId: s.id, cashReceived: s.totalAmount + 50, signedCopyReceived: false }] });
    expect(upd.body).toMatchObject({ cashExpected: s.totalAmount, cashReceived: s.totalAmount + 50, cashDifference: 50 });
    const refused = await asFinance.post(`/api/slip-reconciliations/${rec.id}/settle`, { version: upd.body.version });
    expect(refused.body.error).toMatchObject({ code: 'RECON_REASON_REQUIRED', message: '本次对单长款 ¥0.50，请填写长款原因后再结清' });
    // the reason may also be saved beforehand as the remarks
    const withRemarks = await asFinance.put(`/api/slip-reconciliations/${rec.id}`, { version: upd.body.version, remarks: '客户多付五角，下次抵扣', slips: [] });
    const settled = await asFinance.post(`/api/slip-reconciliations/${rec.id}/settle`, { version: withRemarks.body.version });
    expect(settled.body).toMatchObject({ status: 'settled', cashDifference: 50, remarks: '客户多付五角，下次抵扣' });
    // nothing more is waiting for this driver
    const again = await asFinance.post('/api/slip-reconciliations', { driverName: driver, businessDate: s.businessDate });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('RECON_NO_SLIPS');
  });

  it('a cash slip with no cash entered is not settled as if it were paid: named, and settled only with the reason', async () => {
    const driver = `司机${Date.now() % 100000}m`;
    const s = (await walkIn([{ productId: plain.id, quantity: 2 }], { driverName: driver })).body;
    await signAll(s.id);
    await asClerk.post(`/api/slips/${s.id}/deliver`, { version: (await asClerk.get(`/api/slips/${s.id}`)).body.version });
    const rec = (await asFinance.post('/api/slip-reconciliations', { driverName: driver, businessDate: s.businessDate })).body;
    const refused = await asFinance.post(`/api/slip-reconciliations/${rec.id}/settle`, { version: rec.version });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('RECON_CASH_MISSING');
    expect(refused.body.error.message).toContain(s.number);
    expect((await asFinance.get(`/api/slip-reconciliations/${rec.id}`)).body.status).toBe('open');
    expect((await asClerk.get(`/api/slips/${s.id}`)).body.status).toBe('delivered');
    const settled = await asFinance.post(`/api/slip-reconciliations/${rec.id}/settle`, { version: rec.version, reason: '客户未付款，司机未收到现金' });
    expect(settled.body).toMatchObject({ status: 'settled', cashReceived: 0, cashDifference: -s.totalAmount });
  });

  it('codes of returned units go back in stock with them, only codes that left with the slip and no more than the units returned', async () => {
    const driver = `司机${Date.now() % 100000}c`;
    const s = (await walkIn([{ productId: coded.id, quantity: 14 }], { driverName: driver })).body; // 1 箱 + 2 瓶
    await asKeeper.post(`/api/slips/${s.id}/codes`, { productId: coded.id, kind: 'box', codes: ['RET-BX'] });
    await asKeeper.post(`/api/slips/${s.id}/codes`, { productId: coded.id, kind: 'bottle', codes: ['RET-PZ1', 'RET-PZ2'] });
    await signAll(s.id);
    const cur = (await asClerk.get(`/api/slips/${s.id}`)).body;
    await asClerk.post(`/api/slips/${s.id}/deliver`, { version: cur.version });
    await asClerk.post('/api/slip-reconciliations', { driverName: driver, businessDate: s.businessDate });
    // a code issued with another slip does not come back with this one
    const other = (await walkIn([{ productId: coded.id, quantity: 1 }])).body;
    await asKeeper.post(`/api/slips/${other.id}/codes`, { productId: coded.id, kind: 'bottle', codes: ['RET-ELSE'] });
    const lineId = s.lines[0].id;
    const foreign = await asClerk.post(`/api/slips/${s.id}/returns`, { reason: '客户拒收', lines: [{ slipLineId: lineId, quantity: 1, codes: ['RET-ELSE'] }] });
    expect(foreign.status).toBe(409);
    expect(foreign.body.error).toMatchObject({ code: 'SLIP_RETURN_CODE_NOT_ON_SLIP', fields: [{ path: 'lines.0.codes' }] });
    // a box code covers 12 bottles: more than the 2 returned
    const over = await asClerk.post(`/api/slips/${s.id}/returns`, { reason: '客户拒收', lines: [{ slipLineId: lineId, quantity: 2, codes: ['RET-BX'] }] });
    expect(over.status).toBe(409);
    expect(over.body.error.message).toBe('「窖藏白酒」退回的码共 12瓶，超过本次退回数量 2瓶');
    // the box and one bottle come back: 13 bottles, their codes in stock again, kept on the return line
    const ret = await asClerk.post(`/api/slips/${s.id}/returns`, { reason: '客户拒收一箱一瓶（码按任何写法都认）', lines: [{ slipLineId: lineId, quantity: 13, codes: ['ret-bx', 'ＲＥＴ－ＰＺ１'] }] });
    expect(ret.status, JSON.stringify(ret.body)).toBe(200);
    const codes = await t.db.selectFrom('unitCodes').select(['code', 'status', 'warehouseId', 'issuedDocNo']).where('companyId', '=', co.id).where('code', 'in', ['RET-BX', 'RET-PZ1', 'RET-PZ2']).orderBy('code').execute();
    expect(codes).toEqual([
      { code: 'RET-BX', status: 'in_stock', warehouseId: wh.id, issuedDocNo: null },
      { code: 'RET-PZ1', status: 'in_stock', warehouseId: wh.id, issuedDocNo: null },
      { code: 'RET-PZ2', status: 'issued', warehouseId: wh.id, issuedDocNo: s.number },
    ]);
    const kept = await t.db.selectFrom('salesReturnLines').select('codes').where('returnId', '=', ret.body.id).executeTakeFirstOrThrow();
    expect(JSON.parse(kept.codes!)).toEqual(['RET-BX', 'RET-PZ1']);
    // the box may leave again with the next slip
    const next = (await walkIn([{ productId: coded.id, quantity: 12 }])).body;
    expect((await asKeeper.post(`/api/slips/${next.id}/codes`, { productId: coded.id, kind: 'box', codes: ['RET-BX'] })).status).toBe(200);
  });

  it('a slip paid partly by its hold\'s deposit owes one figure: on its detail, to the driver\'s day, in the reconciliation, the posting queue, and once posted', async () => {
    const h = await asRep.post('/api/holds', { customerId, productId: plain.id, warehouseId: wh.id, quantity: 10, deposit: 2_000, holderPhone: '13900002222' });
    expect(h.status, JSON.stringify(h.body)).toBe(200);
    const order = await confirmedOrder([{ productId: plain.id, quantity: 10 }], { holdId: h.body.id });
    const driverName = `订金司机${Date.now() % 100000}`;
    const { slips } = await makeSlips(
      { clerk: asClerk, keeper: asKeeper, handler: asRep, finance: asFinance, handlerId: rep.id, warehouseId: wh.id },
      [{ customer: { id: customerId, name: '春城便利店' }, lines: [], order: { id: order.id, lines: [{ orderLineId: order.lines[0]!.id, quantity: 10 }] } }],
      { until: 'delivered', driverName },
    );
    const slip = slips[0]!;
    const owed = slip.totalAmount - 2_000; // ¥35.00 of goods, ¥20.00 of it paid by the deposit
    const figures = { netAmount: slip.totalAmount, paidByDeposit: 2_000, receivable: owed };
    expect((await asFinance.get(`/api/slips/${slip.id}`)).body).toMatchObject({ paymentTerm: 'cash', ...figures });
    // the driver's day waiting: the cash the driver brings is what the slip still owes
    const pending = (await asFinance.get('/api/slip-reconciliations/pending')).body as { driverName: string | null; cashExpected: number }[];
    expect(pending.find((p) => p.driverName === driverName)).toMatchObject({ deliveryMode: 'driver', slipCount: 1, cashExpected: owed });
    const rec = (await asFinance.post('/api/slip-reconciliations', { driverName, businessDate: slip.businessDate })).body;
    expect(rec.slips).toEqual([expect.objectContaining({ slipId: slip.id, ...figures, cashExpected: owed })]);
    expect(rec.cashExpected).toBe(owed);
    const upd = (await asFinance.put(`/api/slip-reconciliations/${rec.id}`, { version: rec.version, remarks: null, slips: [{ slipId: slip.id, cashReceived: owed, signedCopyReceived: false }] })).body;
    const settled = await asFinance.post(`/api/slip-reconciliations/${rec.id}/settle`, { version: upd.version });
    expect(settled.status, JSON.stringify(settled.body)).toBe(200);
    expect(settled.body).toMatchObject({ cashExpected: owed, cashReceived: owed, cashDifference: 0 });
    // the posting queue: the same figures as the detail
    const queue = await asFinance.get('/api/slips/to-post');
    expect(queue.status, JSON.stringify(queue.body)).toBe(200);
    const row = queue.body.items.find((i: { id: number }) => i.id === slip.id);
    expect(row).toMatchObject({ status: 'reconciled', ...figures });
    expect((await asFinance.get(`/api/slips/${slip.id}`)).body).toMatchObject({ status: 'reconciled', ...figures });
    // another rep sees only their own slips in the queue too
    expect((await asRep2.get('/api/slips/to-post')).body.items.some((i: { id: number }) => i.id === slip.id)).toBe(false);
    // posted: the deposit is applied, and every page still says the same
    expect((await asFinance.post(`/api/slips/${slip.id}/post`)).status).toBe(200);
    expect((await asFinance.get(`/api/slips/${slip.id}`)).body).toMatchObject({ status: 'posted', ...figures });
    expect((await asFinance.get(`/api/slip-reconciliations/${rec.id}`)).body.slips[0]).toMatchObject(figures);
  });

  it('monthly binding lists the month\'s slips in number order, voided ones included', async () => {
    const a = (await walkIn([{ productId: plain.id, quantity: 1 }])).body;
    const b = (await walkIn([{ productId: plain.id, quantity: 1 }])).body;
    await asClerk.post(`/api/slips/${a.id}/void`, { reason: '重复开单', version: a.version });
    const month = a.businessDate.slice(0, 7);
    const r = await asClerk.get(`/api/slips/binding?month=${month}`);
    expect(r.status).toBe(200);
    const numbers = r.body.items.map((i: { number: string }) => i.number);
    expect(numbers).toEqual([...numbers].sort());
    expect(r.body.items.find((i: { id: number }) => i.id === a.id)).toMatchObject({ status: 'void', voidReason: '重复开单' });
    expect(r.body.items.find((i: { id: number }) => i.id === b.id).status).toBe('issued');
    expect(r.body.voidCount).toBeGreaterThanOrEqual(1);
    expect((await asClerk.get('/api/slips/binding?month=2026-13')).status).toBe(400);
  });
});
