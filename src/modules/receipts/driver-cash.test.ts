import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client } from '../../../test/fixtures/app.ts';
import { makeCompany, makeProduct, makeUser, makeWarehouse, stockUp, type TestCompany } from '../../../test/fixtures/factories.ts';
import { makeSlips, type SalesActors } from '../../../test/fixtures/sales.ts';

// Drivers' cash → receipts, on SQLite and PostgreSQL: settling a driver reconciliation records one
// cash receipt 收款单 per customer (source = the DZ- number, received by the settling finance user) in
// the same transaction; posting the slips applies to each what the driver handed in for it (short
// stays owed, over stays as credit); on the invoice basis the cash waits as credit.

const t = await createTestApp();
let co: TestCompany;
let asClerk: Client, asFinance: Client;
let actors: SalesActors;
let productId = 0; // 100.00 元 a bottle
let financeId = 0;

async function customer(as: Client, name: string) {
  const c = await as.post('/api/customers', { name: `${name}${Math.random().toString(36).slice(2, 6)}`, contacts: [{ name: '李老板', phone: `138${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`, isPrimary: true }] });
  expect(c.status, JSON.stringify(c.body)).toBe(200);
  return { id: c.body.id as number, name: c.body.name as string };
}

async function withBasis<T>(basis: 'slip' | 'invoice', fn: () => Promise<T>): Promise<T> {
  const settings = JSON.parse((await t.db.selectFrom('companies').select('settings').where('id', '=', co.id).executeTakeFirstOrThrow()).settings);
  await t.db.updateTable('companies').set({ settings: JSON.stringify({ ...settings, receivables: { ...settings.receivables, basis } }) }).where('id', '=', co.id).execute();
  try {
    return await fn();
  } finally {
    await t.db.updateTable('companies').set({ settings: JSON.stringify(settings) }).where('id', '=', co.id).execute();
  }
}

const receiptsOf = (source: string) =>
  t.db.selectFrom('receipts').select(['id', 'customerId', 'method', 'amount', 'allocatedAmount', 'receivedBy', 'source', 'status', 'remarks']).where('source', '=', source).orderBy('id').execute();
const received = async (slipId: number) => (await t.db.selectFrom('salesSlips').select('receivedAmount').where('id', '=', slipId).executeTakeFirstOrThrow()).receivedAmount;

let rep: Client;
beforeAll(async () => {
  co = await makeCompany(t.db, { name: '云岭酒业' });
  const repU = await makeUser(t.db, co, { roleCode: 'rep', displayName: '张业务' });
  const clerk = await makeUser(t.db, co, { roleCode: 'clerk', displayName: '王内勤' });
  const keeper = await makeUser(t.db, co, { roleCode: 'warehouse', displayName: '刘仓管' });
  const finance = await makeUser(t.db, co, { roleCode: 'finance', displayName: '陈会计' });
  financeId = finance.id;
  let asKeeper: Client;
  [rep, asClerk, asKeeper, asFinance] = await Promise.all([repU, clerk, keeper, finance].map((u) => t.login(u)));
  const wh = await makeWarehouse(t.db, co, { name: '昆明总仓' });
  productId = (await makeProduct(t.db, co, { name: '滇红茶饮', listPrice: 1_000_000 })).id;
  await stockUp(t.db, co, { warehouseId: wh.id, productId, quantity: 10_000, batchNo: 'B1' });
  actors = { clerk: asClerk, keeper: asKeeper, handler: rep, finance: asFinance, handlerId: repU.id, warehouseId: wh.id };
}, 60_000);
afterAll(() => t.close());

describe("drivers' cash", () => {
  it('settling records a cash receipt per customer; posting applies to each slip what was handed in for it', async () => {
    const a = await customer(rep, '西坝小卖部');
    const b = await customer(rep, '大观楼餐厅');
    const line = (quantity: number) => [{ productId, quantity }];
    const { slips, reconciliationId } = await makeSlips(actors, [
      { customer: a, paymentTerm: 'cash', lines: line(3) }, // 300 元, all handed in
      { customer: a, paymentTerm: 'cash', lines: line(2), cashReceived: 15_000 }, // 200 元, 50 元 short
      { customer: b, paymentTerm: 'cash', lines: line(1), cashReceived: 12_000 }, // 100 元, 20 元 over
      { customer: a, lines: line(4) }, // 月结: signed copy, no cash
    ], { until: 'settled' });
    const [a1, a2, b1, a3] = slips;
    const rec = (await asFinance.get(`/api/slip-reconciliations/${reconciliationId}`)).body;
    expect(rec).toMatchObject({ status: 'settled', cashExpected: 60_000, cashReceived: 57_000, cashDifference: -3_000 });

    const made = await receiptsOf(rec.number);
    expect(made.map((r) => [r.customerId, r.method, r.amount, r.allocatedAmount, r.receivedBy, r.status])).toEqual([
      [a.id, 'cash', 45_000, 0, financeId, 'confirmed'],
      [b.id, 'cash', 12_000, 0, financeId, 'confirmed'],
    ]);
    expect(made[0]!.remarks).toContain(a1!.number);
    expect(made[0]!.remarks).toContain(a2!.number);
    const shown = (await asClerk.get(`/api/receipts/${made[0]!.id}`)).body;
    expect(shown).toMatchObject({ number: expect.stringMatching(/^SK-/), source: rec.number, receivedByName: '陈会计', unallocatedAmount: 45_000 });
    const audit = await t.db.selectFrom('auditLog').select('action').where('entity', '=', 'receipt').where('entityId', '=', made[0]!.id).execute();
    expect(audit.map((x) => x.action)).toEqual(['receipt.create']);

    // posting one slip applies its cash; the others wait for theirs
    expect((await asFinance.post(`/api/slips/${a1!.id}/post`)).status).toBe(200);
    expect([await received(a1!.id), await received(a2!.id)]).toEqual([30_000, 0]);
    expect((await receiptsOf(rec.number))[0]!.allocatedAmount).toBe(30_000);

    expect((await asFinance.post('/api/slips/post', { slipIds: [a2!.id, b1!.id, a3!.id] })).status).toBe(200);
    expect([await received(a1!.id), await received(a2!.id), await received(b1!.id), await received(a3!.id)]).toEqual([30_000, 15_000, 10_000, 0]);
    const after = await receiptsOf(rec.number);
    expect(after.map((r) => [r.amount, r.allocatedAmount])).toEqual([[45_000, 45_000], [12_000, 10_000]]); // b's 20 元 over stays as credit
    const allocations = await t.db.selectFrom('receiptAllocations').select(['receiptId', 'targetId', 'amount']).where('receiptId', 'in', after.map((r) => r.id)).orderBy('id').execute();
    expect(allocations).toEqual([
      { receiptId: after[0]!.id, targetId: a1!.id, amount: 30_000 },
      { receiptId: after[0]!.id, targetId: a2!.id, amount: 15_000 },
      { receiptId: after[1]!.id, targetId: b1!.id, amount: 10_000 },
    ]);
  });

  it('a voided cash receipt is not applied at posting; on the invoice basis the cash waits as credit', async () => {
    const a = await customer(rep, '篆新农贸');
    const first = await makeSlips(actors, [{ customer: a, paymentTerm: 'cash', lines: [{ productId, quantity: 1 }] }], { until: 'settled' });
    const recNo = (await asFinance.get(`/api/slip-reconciliations/${first.reconciliationId}`)).body.number;
    const [r] = await receiptsOf(recNo);
    const v = (await asFinance.get(`/api/receipts/${r!.id}`)).body;
    expect((await asFinance.post(`/api/receipts/${r!.id}/void`, { reason: '现金已退回司机', version: v.version })).status).toBe(200);
    expect((await asFinance.post(`/api/slips/${first.slips[0]!.id}/post`)).status).toBe(200);
    expect(await received(first.slips[0]!.id)).toBe(0);

    await withBasis('invoice', async () => {
      const second = await makeSlips(actors, [{ customer: a, paymentTerm: 'cash', lines: [{ productId, quantity: 2 }] }]);
      const no = (await asFinance.get(`/api/slip-reconciliations/${second.reconciliationId}`)).body.number;
      const made = await receiptsOf(no);
      expect(made.map((x) => [x.amount, x.allocatedAmount, x.status])).toEqual([[20_000, 0, 'confirmed']]);
      expect(await received(second.slips[0]!.id)).toBe(0);
    });
  });

  it('a driver who brings no cash leaves no receipt', async () => {
    const a = await customer(rep, '书林街便利店');
    const { reconciliationId } = await makeSlips(actors, [{ customer: a, paymentTerm: 'cash', lines: [{ productId, quantity: 1 }], cashReceived: 0 }, { customer: a, lines: [{ productId, quantity: 1 }] }]);
    const no = (await asFinance.get(`/api/slip-reconciliations/${reconciliationId}`)).body.number;
    expect(await receiptsOf(no)).toEqual([]);
  });
});
