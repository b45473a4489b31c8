import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client } from '../../../test/fixtures/app.ts';
import { makeCompany, makeProduct, makeUser, makeWarehouse, stockUp, TEST_PASSWORD, type TestCompany, type TestUser } from '../../../test/fixtures/factories.ts';
import { lineAmounts, sumLines, toChineseCapitals } from '../../platform/money.ts';
import { rawSession, readSheet } from '../imports/test-helpers.ts';
import { convertPrice } from './amounts.ts';
import { openInvoicesOf } from './service.ts';
import { makePostedSlip, type SalesActors } from '../../../test/fixtures/sales.ts';

// Invoices 发票 over the API, on SQLite and PostgreSQL: issued from posted slips (built through the
// slips API), totals and tax exact by the line rule in both entry modes (property test), partial
// invoicing never beyond the slip (also two clerks at once), red-letter invoices net to zero and
// free the slip again, 专用发票 needs the complete buyer block, scope → 404, export for the tax software.

const t = await createTestApp();
let co: TestCompany;
let rep: TestUser, rep2: TestUser, clerk: TestUser;
let asRep: Client, asRep2: Client, asClerk: Client, asClerk2: Client, asFinance: Client;
let actors: SalesActors;
let whId = 0;
const products: { id: number; taxRateBp: number }[] = [];
let customerId = 0; // rep's customer, complete invoice details
let bareCustomerId = 0; // rep's customer without tax id and bank

beforeAll(async () => {
  co = await makeCompany(t.db, { name: '云岭酒业' });
  rep = await makeUser(t.db, co, { roleCode: 'rep', displayName: '张业务' });
  rep2 = await makeUser(t.db, co, { roleCode: 'rep', displayName: '李业务' });
  clerk = await makeUser(t.db, co, { roleCode: 'clerk', displayName: '王内勤' });
  const clerk2 = await makeUser(t.db, co, { roleCode: 'clerk', displayName: '赵内勤' });
  const keeper = await makeUser(t.db, co, { roleCode: 'warehouse', displayName: '刘仓管' });
  const finance = await makeUser(t.db, co, { roleCode: 'finance', displayName: '陈会计' });
  let asKeeper: Client;
  [asRep, asRep2, asClerk, asClerk2, asKeeper, asFinance] = await Promise.all([rep, rep2, clerk, clerk2, keeper, finance].map((u) => t.login(u)));
  const wh = await makeWarehouse(t.db, co, { name: '昆明总仓' });
  whId = wh.id;
  actors = { clerk: asClerk, keeper: asKeeper, handler: asRep, finance: asFinance, handlerId: rep.id, warehouseId: wh.id };
  for (const [i, rate] of [1300, 900, 600, 0].entries()) {
    const p = await makeProduct(t.db, co, { name: `商品${i}`, spec: `${i}00ml`, unit: '瓶', listPrice: 35_000 + i * 1111, taxRateBp: rate });
    await stockUp(t.db, co, { warehouseId: wh.id, productId: p.id, quantity: 1_000_000, batchNo: `B${i}` });
    products.push({ id: p.id, taxRateBp: rate });
  }
  const c = await asRep.post('/api/customers', {
    name: '春城商贸有限公司',
    taxId: '91530100MA6K123456',
    invoiceTitle: '春城商贸有限公司',
    invoiceAddress: '昆明市盘龙区北京路100号',
    invoicePhone: '0871-63100000',
    invoiceBank: '中国工商银行昆明北京路支行',
    invoiceAccount: '2502012345678901234',
    contacts: [{ name: '周老板', phone: '13900001111', isPrimary: true }],
  });
  expect(c.status, JSON.stringify(c.body)).toBe(200);
  customerId = c.body.id;
  const b = await asRep.post('/api/customers', { name: '翠湖小卖部', contacts: [{ name: '钱老板', phone: '13900002222', isPrimary: true }] });
  expect(b.status, JSON.stringify(b.body)).toBe(200);
  bareCustomerId = b.body.id;
}, 120_000);
afterAll(() => t.close());

const slipFor = (lines: { productId: number; quantity: number; unitPrice?: number; discountBp?: number }[], priceIncludesTax = true, cid = customerId) =>
  makePostedSlip(actors, { customer: { id: cid, name: cid === customerId ? '春城商贸有限公司' : '翠湖小卖部' }, priceIncludesTax, lines });

async function remainingOfSlip(slipId: number, cid = customerId) {
  const r = await asClerk.get(`/api/invoices/invoiceable/${cid}`);
  expect(r.status).toBe(200);
  const s = r.body.slips.find((x: { id: number }) => x.id === slipId);
  return s ? (s.lines as { id: number; remainingQuantity: number; remainingAmount: number }[]) : [];
}

describe('issuing', () => {
  it('invoices two posted slips in full: buyer from the customer, lines by the line rule, totals and capitals, number FP-', async () => {
    const s1 = await slipFor([{ productId: products[0]!.id, quantity: 12 }, { productId: products[1]!.id, quantity: 5, unitPrice: 123_457 }]);
    const s2 = await slipFor([{ productId: products[2]!.id, quantity: 7, discountBp: 500 }]);
    const r = await asClerk.post('/api/invoices', { customerId, kind: 'special', slipIds: [s1.id, s2.id], reviewerName: '陈会计' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const inv = r.body;
    expect(inv.number).toMatch(/^FP-\d{6}-\d{5}$/);
    expect(inv).toMatchObject({ kind: 'special', direction: 'blue', status: 'issued', buyerName: '春城商贸有限公司', buyerTaxId: '91530100MA6K123456', buyerBank: '中国工商银行昆明北京路支行', buyerAccount: '2502012345678901234', issuerName: '王内勤', reviewerName: '陈会计', priceIncludesTax: true });
    expect(inv.lines).toHaveLength(3);
    const slipLines = [...s1.lines, ...s2.lines];
    for (const [i, l] of inv.lines.entries()) {
      const sl = slipLines[i]!;
      expect(l).toMatchObject({ quantity: sl.quantity, unitPrice: sl.unitPrice, amountExTax: sl.amountExTax, taxAmount: sl.taxAmount, amount: sl.amount });
      expect(l.sources).toEqual([expect.objectContaining({ slipLineId: sl.id, quantity: sl.quantity, amount: sl.amount })]);
    }
    expect(inv.totalAmount).toBe(s1.totalAmount + s2.totalAmount);
    expect(inv.amountExTax + inv.taxAmount).toBe(inv.totalAmount);
    expect(inv.totalInCapitals).toBe(toChineseCapitals(inv.totalAmount));
    // fully invoiced: the slips no longer offer anything
    expect(await remainingOfSlip(s1.id)).toEqual([]);
    const again = await asClerk.post('/api/invoices', { customerId, kind: 'normal', slipIds: [s1.id] });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVOICE_NOTHING_OPEN');
    // the tax software's numbers typed in afterwards; the same number twice is refused
    const tn = await asClerk.put(`/api/invoices/${inv.id}/tax-number`, { version: inv.version, taxInvoiceCode: '053001900111', taxInvoiceNo: '01234567' });
    expect(tn.status, JSON.stringify(tn.body)).toBe(200);
    expect(tn.body).toMatchObject({ taxInvoiceCode: '053001900111', taxInvoiceNo: '01234567' });
    expect((await asClerk.put(`/api/invoices/${inv.id}/tax-number`, { version: inv.version, taxInvoiceNo: '1' })).status).toBe(409);
    // the receipts module's door: the open invoice with its total
    const open = await openInvoicesOf(t.db, co.id, customerId);
    expect(open).toContainEqual({ id: inv.id, number: inv.number, date: inv.businessDate, totalAmount: inv.totalAmount });
  });

  it('refuses slips that are not posted, of another customer, and 专用发票 without the complete buyer block', async () => {
    const draft = (await asClerk.post('/api/slips', { customerId, customerName: '春城商贸有限公司', warehouseId: whId, handlerId: rep.id, lines: [{ productId: products[0]!.id, quantity: 1 }] })).body;
    const notPosted = await asClerk.post('/api/invoices', { customerId, kind: 'normal', slipIds: [draft.id] });
    expect(notPosted.status).toBe(409);
    expect(notPosted.body.error.code).toBe('INVOICE_SLIP_NOT_POSTED');
    expect(notPosted.body.error.message).toContain('尚未过账');

    const bare = await slipFor([{ productId: products[0]!.id, quantity: 2 }], true, bareCustomerId);
    const other = await asClerk.post('/api/invoices', { customerId, kind: 'normal', slipIds: [bare.id] });
    expect(other.status).toBe(400);
    expect(other.body.error.code).toBe('INVOICE_SLIP_OTHER_CUSTOMER');

    const special = await asClerk.post('/api/invoices', { customerId: bareCustomerId, kind: 'special', slipIds: [bare.id] });
    expect(special.status).toBe(400);
    expect(special.body.error.code).toBe('INVOICE_BUYER_INCOMPLETE');
    expect(special.body.error.message).toContain('纳税人识别号');
    const paths = special.body.error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['buyer.taxId', 'buyer.address', 'buyer.phone', 'buyer.bank', 'buyer.account']));
    expect(special.body.error.fields[0].message).toMatch(/^开具专用发票须填写购买方/);
    const badTaxId = await asClerk.post('/api/invoices', { customerId: bareCustomerId, kind: 'special', slipIds: [bare.id], buyer: { taxId: 'abc', address: '昆明', phone: '0871-1', bank: '农行', account: '123' } });
    expect(badTaxId.status).toBe(400);
    expect(badTaxId.body.error.fields).toEqual([{ path: 'buyer.taxId', message: '纳税人识别号应为 15–20 位数字或大写字母' }]);
    // a buyer field cleared on the form is not filled back from the customer: a special one is refused
    const cleared = await asClerk.post('/api/invoices', { customerId, kind: 'special', slipIds: [(await slipFor([{ productId: products[0]!.id, quantity: 1 }])).id], buyer: { taxId: '' } });
    expect(cleared.status).toBe(400);
    expect(cleared.body.error.fields).toEqual([{ path: 'buyer.taxId', message: '开具专用发票须填写购买方纳税人识别号' }]);
    // a normal invoice needs no tax id; typed buyer details complete a special one
    expect((await asClerk.post('/api/invoices', { customerId: bareCustomerId, kind: 'normal', slipIds: [bare.id], lines: [{ slipLineId: bare.lines[0]!.id, quantity: 1 }] })).status).toBe(200);
    const typed = await asClerk.post('/api/invoices', { customerId: bareCustomerId, kind: 'special', slipIds: [bare.id], buyer: { taxId: '91530100MA6K654321', address: '昆明市翠湖', phone: '0871-65000000', bank: '农行翠湖支行', account: '6228480000000000' } });
    expect(typed.status, JSON.stringify(typed.body)).toBe(200);
    expect(typed.body.lines[0].quantity).toBe(1);
  });

  it('partial invoicing adds up to exactly the slip, and never beyond it', async () => {
    const s = await slipFor([{ productId: products[0]!.id, quantity: 10, unitPrice: 33_333 }]);
    const line = s.lines[0]!;
    const a = await asClerk.post('/api/invoices', { customerId, kind: 'normal', slipIds: [s.id], lines: [{ slipLineId: line.id, quantity: 3 }] });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(a.body.lines[0]).toMatchObject(lineAmounts({ quantity: 3, unitPrice: 33_333, taxRateBp: 1300, priceIncludesTax: true }));
    const over = await asClerk.post('/api/invoices', { customerId, kind: 'normal', slipIds: [s.id], lines: [{ slipLineId: line.id, quantity: 8 }] });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('INVOICE_OVER_SLIP');
    expect(over.body.error.message).toContain('7');
    expect(over.body.error.fields[0].path).toBe('lines.0.quantity');
    const b = await asClerk.post('/api/invoices', { customerId, kind: 'normal', slipIds: [s.id], lines: [{ slipLineId: line.id, quantity: 7 }] });
    expect(b.status).toBe(200);
    expect(a.body.lines[0].amount + b.body.lines[0].amount).toBe(line.amount);
    expect(a.body.lines[0].taxAmount + b.body.lines[0].taxAmount).toBe(line.taxAmount);
    expect(await remainingOfSlip(s.id)).toEqual([]);
  });

  it('a slip with goods returned at the door is invoiced for what the customer kept, exactly', async () => {
    const s = await makePostedSlip(actors, { customer: { id: customerId, name: '春城商贸有限公司' }, lines: [{ productId: products[0]!.id, quantity: 10, unitPrice: 33_333 }, { productId: products[1]!.id, quantity: 3 }], returns: [{ lineNo: 0, quantity: 3 }] });
    expect(s.returnedAmount).toBeGreaterThan(0);
    const rest = await remainingOfSlip(s.id);
    expect(rest[0]).toMatchObject({ remainingQuantity: 7, remainingAmount: s.lines[0]!.amount - s.returnedAmount });
    const over = await asClerk.post('/api/invoices', { customerId, kind: 'normal', slipIds: [s.id], lines: [{ slipLineId: s.lines[0]!.id, quantity: 8 }] });
    expect(over.body.error.code).toBe('INVOICE_OVER_SLIP');
    const r = await asClerk.post('/api/invoices', { customerId, kind: 'normal', slipIds: [s.id] });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.lines[0].quantity).toBe(7);
    expect(r.body.totalAmount).toBe(s.totalAmount - s.returnedAmount);
    expect(r.body.lines[0].amountExTax + r.body.lines[0].taxAmount).toBe(r.body.lines[0].amount);
  });

  it('two clerks invoicing the same slip at once: one wins, the slip is invoiced once', async () => {
    const s = await slipFor([{ productId: products[1]!.id, quantity: 6 }, { productId: products[0]!.id, quantity: 4 }]);
    const body = { customerId, kind: 'normal', slipIds: [s.id] };
    // two ask for "what is left", one names every line in full: whichever order they run in, one wins
    // (a request for only part of the slip could rightly win beside a "what is left" one)
    const everything = { ...body, lines: s.lines.map((l) => ({ slipLineId: l.id, quantity: l.quantity })) };
    const results = await Promise.all([asClerk.post('/api/invoices', body), asClerk2.post('/api/invoices', body), asClerk.post('/api/invoices', everything)]);
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 200)) {
      expect(r.status).toBe(409);
      expect(['INVOICE_NOTHING_OPEN', 'INVOICE_OVER_SLIP']).toContain(r.body.error.code);
    }
    const drawn = await t.db.selectFrom('invoiceSources').select((eb) => eb.fn.sum<number>('amount').as('a')).where('slipId', '=', s.id).executeTakeFirstOrThrow();
    expect(Number(drawn.a)).toBeLessThanOrEqual(s.totalAmount);
  });
});

describe('amounts are exact (property test)', () => {
  it('random lines and quantities, both entry modes: every line by the line rule, totals the sums, parts add up to the slip', async () => {
    const lineArb = fc.record({ product: fc.integer({ min: 0, max: 3 }), quantity: fc.integer({ min: 1, max: 500 }), unitPrice: fc.integer({ min: 1, max: 99_999_999 }), discountBp: fc.constantFrom(0, 0, 250, 1000) });
    await fc.assert(
      fc.asyncProperty(fc.array(lineArb, { minLength: 1, maxLength: 4 }), fc.boolean(), fc.boolean(), fc.integer({ min: 1, max: 99 }), async (lines, slipMode, invoiceMode, pct) => {
        const s = await slipFor(lines.map((l) => ({ productId: products[l.product]!.id, quantity: l.quantity, unitPrice: l.unitPrice, discountBp: l.discountBp })), slipMode);
        // first invoice: a part of each line, in the chosen entry mode
        const parts = s.lines.map((l) => ({ slipLineId: l.id, quantity: Math.max(1, Math.floor((l.quantity * pct) / 100)) }));
        const r = await asClerk.post('/api/invoices', { customerId, kind: 'normal', slipIds: [s.id], lines: parts, priceIncludesTax: invoiceMode });
        const expected = s.lines.map((l, i) => {
          const q = parts[i]!.quantity;
          if (q === l.quantity) return { amountExTax: l.amountExTax, taxAmount: l.taxAmount, amount: l.amount };
          return lineAmounts({ quantity: q, unitPrice: convertPrice(l.unitPrice, l.taxRateBp, slipMode, invoiceMode), discountBp: l.discountBp, taxRateBp: l.taxRateBp, priceIncludesTax: invoiceMode });
        });
        // a tiny price converted to the other mode can round a part above the whole line: that part is refused, naming the line
        const overLine = expected.findIndex((e, i) => e.amount > s.lines[i]!.amount);
        if (overLine >= 0) {
          expect(slipMode).not.toBe(invoiceMode);
          expect(r.status, JSON.stringify(r.body)).toBe(409);
          expect(r.body.error.code).toBe('INVOICE_OVER_SLIP_AMOUNT');
          expect(r.body.error.fields[0].path).toBe(`lines.${overLine}.quantity`);
          return;
        }
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        r.body.lines.forEach((l: { amountExTax: number; taxAmount: number; amount: number }, i: number) => expect({ amountExTax: l.amountExTax, taxAmount: l.taxAmount, amount: l.amount }).toEqual(expected[i]));
        const totals = sumLines(expected);
        expect({ amountExTax: r.body.amountExTax, taxAmount: r.body.taxAmount, totalAmount: r.body.totalAmount }).toEqual({ amountExTax: totals.amountExTax, taxAmount: totals.taxAmount, totalAmount: totals.amount });
        expect(r.body.totalInCapitals).toBe(toChineseCapitals(totals.amount));
        // the rest in the slip's own mode: the two invoices add up to exactly the slip
        const rest = await remainingOfSlip(s.id);
        if (rest.length > 0) {
          const r2 = await asClerk.post('/api/invoices', { customerId, kind: 'normal', slipIds: [s.id], priceIncludesTax: slipMode });
          expect(r2.status, JSON.stringify(r2.body)).toBe(200);
          if (slipMode === invoiceMode) expect(r.body.totalAmount + r2.body.totalAmount).toBe(s.totalAmount);
          else expect(r.body.totalAmount + r2.body.totalAmount).toBeLessThanOrEqual(s.totalAmount + s.lines.length); // converted prices: at most the rounding
        }
        expect(await remainingOfSlip(s.id)).toEqual([]);
      }),
      // the counterexample CI found once: 88 of 93 at 0.0004 元 converted to ex-tax rounds above the line
      { numRuns: 12, examples: [[[{ product: 0, quantity: 93, unitPrice: 4, discountBp: 0 }, { product: 0, quantity: 1, unitPrice: 1, discountBp: 0 }], true, false, 95]] },
    );
  }, 240_000);
});

describe('red-letter invoices', () => {
  it('a full red-letter invoice nets the original to zero and frees the slip; a partial one takes back some lines', async () => {
    const s = await slipFor([{ productId: products[0]!.id, quantity: 9, unitPrice: 12_345 }, { productId: products[1]!.id, quantity: 4 }]);
    const blue = (await asClerk.post('/api/invoices', { customerId, kind: 'normal', slipIds: [s.id] })).body;
    // partial: 2 of the first line (goods returned)
    const part = await asFinance.post(`/api/invoices/${blue.id}/red`, { reason: '客户退货两瓶', lines: [{ invoiceLineId: blue.lines[0].id, quantity: 2 }] });
    expect(part.status, JSON.stringify(part.body)).toBe(200);
    expect(part.body).toMatchObject({ direction: 'red', originalInvoiceId: blue.id, originalNumber: blue.number, redReason: '客户退货两瓶', buyerName: blue.buyerName });
    const two = lineAmounts({ quantity: 2, unitPrice: 12_345, taxRateBp: 1300, priceIncludesTax: true });
    expect(part.body.lines[0]).toMatchObject({ quantity: -2, amountExTax: -two.amountExTax, taxAmount: -two.taxAmount, amount: -two.amount });
    let orig = (await asClerk.get(`/api/invoices/${blue.id}`)).body;
    expect(orig).toMatchObject({ status: 'partly_reversed', creditedAmount: two.amount, openAmount: blue.totalAmount - two.amount });
    expect(orig.redInvoices.map((r: { id: number }) => r.id)).toEqual([part.body.id]);
    // the 2 are invoiceable again
    expect((await remainingOfSlip(s.id)).map((l) => l.remainingQuantity)).toEqual([2, 0]);
    expect((await openInvoicesOf(t.db, co.id, customerId)).find((o) => o.id === blue.id)?.totalAmount).toBe(blue.totalAmount - two.amount);
    // more than is open is refused
    const over = await asFinance.post(`/api/invoices/${blue.id}/red`, { reason: '再退', lines: [{ invoiceLineId: blue.lines[0].id, quantity: 8 }] });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('INVOICE_RED_OVER');
    // the rest: nets to zero exactly
    const rest = await asFinance.post(`/api/invoices/${blue.id}/red`, { reason: '开票信息有误，全额红冲' });
    expect(rest.status, JSON.stringify(rest.body)).toBe(200);
    expect(part.body.totalAmount + rest.body.totalAmount + blue.totalAmount).toBe(0);
    expect(part.body.taxAmount + rest.body.taxAmount + blue.taxAmount).toBe(0);
    expect(part.body.amountExTax + rest.body.amountExTax + blue.amountExTax).toBe(0);
    orig = (await asClerk.get(`/api/invoices/${blue.id}`)).body;
    expect(orig).toMatchObject({ status: 'reversed', openAmount: 0 });
    expect((await openInvoicesOf(t.db, co.id, customerId)).find((o) => o.id === blue.id)).toBeUndefined();
    expect((await remainingOfSlip(s.id)).map((l) => l.remainingQuantity)).toEqual([9, 4]);
    expect((await asFinance.post(`/api/invoices/${blue.id}/red`, { reason: '又一次' })).body.error.code).toBe('INVOICE_ALREADY_REVERSED');
    expect((await asFinance.post(`/api/invoices/${rest.body.id}/red`, { reason: '红冲红字' })).body.error.code).toBe('INVOICE_NOT_BLUE');
    // the slip is invoiced again, correctly, for its whole amount
    const re = await asClerk.post('/api/invoices', { customerId, kind: 'normal', slipIds: [s.id] });
    expect(re.status).toBe(200);
    expect(re.body.totalAmount).toBe(s.totalAmount);
    // the history records the reversal; a red letter needs a reason
    const h = (await asClerk.get(`/api/invoices/${blue.id}/history`)).body;
    expect(h.map((x: { action: string }) => x.action)).toEqual(['invoice.reversed', 'invoice.reversed', 'invoice.issue']);
    const noReason = await asFinance.post(`/api/invoices/${re.body.id}/red`, { reason: '' });
    expect(noReason.status).toBe(400);
  });

  it('two red-letter invoices of the same lines at once: the second takes back only what is left, never more', async () => {
    const s = await slipFor([{ productId: products[0]!.id, quantity: 5 }]);
    const blue = (await asClerk.post('/api/invoices', { customerId, kind: 'normal', slipIds: [s.id] })).body;
    const body = { reason: '退货', lines: [{ invoiceLineId: blue.lines[0].id, quantity: 4 }] };
    const results = await Promise.all([asFinance.post(`/api/invoices/${blue.id}/red`, body), asClerk.post(`/api/invoices/${blue.id}/red`, body)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const orig = (await asClerk.get(`/api/invoices/${blue.id}`)).body;
    expect(orig.lines[0].creditedQuantity).toBe(4);
    expect(orig.status).toBe('partly_reversed');
  });
});

describe('scope, lists, print and export', () => {
  it('a rep sees the invoices of their customers only; another rep gets 404; a rep cannot issue', async () => {
    const list = await asRep.get(`/api/invoices?customerId=${customerId}&pageSize=200`);
    expect(list.status).toBe(200);
    expect(list.body.total).toBeGreaterThan(0);
    const id = list.body.items[0].id;
    expect((await asRep.get(`/api/invoices/${id}`)).status).toBe(200);
    expect((await asRep2.get(`/api/invoices/${id}`)).status).toBe(404);
    expect((await asRep2.get(`/api/invoices/${id}/history`)).status).toBe(404);
    expect((await asRep2.get(`/api/invoices/invoiceable/${customerId}`)).status).toBe(404);
    expect((await asRep2.get(`/api/invoices?customerId=${customerId}`)).body.total).toBe(0);
    expect((await asRep.post('/api/invoices', { customerId, kind: 'normal', slipIds: [1] })).status).toBe(403);
    const other = await makeCompany(t.db);
    const outsider = await makeUser(t.db, other, { roleCode: 'clerk' });
    const asOutsider = await t.login(outsider);
    expect((await asOutsider.get(`/api/invoices/${id}`)).status).toBe(404);
    expect((await asOutsider.post(`/api/invoices/${id}/red`, { reason: '越权' })).status).toBe(404);
  });

  it('lists by kind and direction, prints the period list with totals, exports one row per item with the buyer block', async () => {
    const special = await asClerk.get(`/api/invoices?kind=special&customerId=${customerId}`);
    expect(special.body.items.every((i: { kind: string }) => i.kind === 'special')).toBe(true);
    const reds = await asClerk.get('/api/invoices?direction=red');
    expect(reds.body.items.every((i: { totalAmount: number }) => i.totalAmount < 0)).toBe(true);
    const from = '2000-01-01';
    const to = '2100-12-31';
    const p = await asClerk.get(`/api/invoices/print-list?from=${from}&to=${to}&customerId=${customerId}`);
    expect(p.status).toBe(200);
    const all = await t.db.selectFrom('invoices').select(['totalAmount', 'taxAmount']).where('customerId', '=', customerId).execute();
    expect(p.body.count).toBe(all.length);
    expect(p.body.totalAmount).toBe(all.reduce((n, i) => n + i.totalAmount, 0));
    expect(p.body.totalInCapitals).toBe(toChineseCapitals(p.body.totalAmount));
    expect(p.body.customerName).toBe('春城商贸有限公司');
    const raw = await rawSession(t.app, clerk.username, TEST_PASSWORD);
    const x = await raw.get(`/api/invoices/export.xlsx?from=${from}&to=${to}&customerId=${customerId}`);
    expect(x.statusCode).toBe(200);
    expect(String(x.headers['content-type'])).toContain('spreadsheetml');
    const [header, ...rows] = await readSheet(x.rawPayload);
    expect(header!.slice(0, 8)).toEqual(['单据号', '发票种类', '红蓝字', '开票日期', '购方名称', '购方税号', '购方地址电话', '购方开户行及账号']);
    const lines = await t.db.selectFrom('invoiceLines').innerJoin('invoices', 'invoices.id', 'invoiceLines.invoiceId').where('invoices.customerId', '=', customerId).select(['invoices.number', 'invoices.direction', 'invoiceLines.amount']).execute();
    expect(rows).toHaveLength(lines.length); // one row per item
    const col = (name: string) => header!.indexOf(name);
    for (const r of rows) {
      expect(r[col('购方名称')]).toBe('春城商贸有限公司'); // the buyer block on every row
      expect(r[col('购方开户行及账号')]).toBe('中国工商银行昆明北京路支行 2502012345678901234');
    }
    const sum = rows.reduce((n, r) => n + Math.round(Number(r[col('价税合计')]) * 100), 0);
    expect(sum).toBe(lines.reduce((n, l) => n + l.amount, 0));
    expect(rows.some((r) => r[col('红蓝字')] === '红字' && Number(r[col('价税合计')]) < 0 && r[col('红冲原因')])).toBe(true);
    expect((await asRep.get(`/api/invoices/export.xlsx?from=${from}&to=${to}`)).status).toBe(403);
  });
});
