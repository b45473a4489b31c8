import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client } from '../../../test/fixtures/app.ts';
import { makeCompany, makeProduct, makeUser, makeWarehouse, stockUp } from '../../../test/fixtures/factories.ts';
import { makeCustomer } from '../customers/ownership.fixtures.ts';
import { makePostedSlips } from '../../../test/fixtures/sales.ts';
import { backfill } from '../../db/migrations/20261123T010000-create-receivables.ts';
import { backfillDays } from '../../db/migrations/20261123T040000-add-receivable-day-numbers.ts';
import { dayNumber } from './aging.ts';

// The receivables migration builds the open items of the documents already there. It runs through
// the app's Kysely (CamelCase plugin) on a database that has posted slips and allocations, and must
// give the same items and moves the live hooks give.

const t = await createTestApp();
let finance: Client;
let companyId = 0;
beforeAll(async () => {
  const co = await makeCompany(t.db);
  companyId = co.id;
  const wh = await makeWarehouse(t.db, co);
  const beer = await makeProduct(t.db, co, { listPrice: 600_000 });
  await stockUp(t.db, co, { warehouseId: wh.id, productId: beer.id, quantity: 100 });
  const rep = await makeUser(t.db, co, { roleCode: 'rep' });
  const [clerk, keeper, handler] = await Promise.all([makeUser(t.db, co, { roleCode: 'clerk' }), makeUser(t.db, co, { roleCode: 'warehouse' }), Promise.resolve(rep)].map(async (u) => t.login(await u)));
  finance = await t.login(await makeUser(t.db, co, { roleCode: 'finance' }));
  const cust = await makeCustomer(t.db, co, { ownerId: rep.id });
  await makePostedSlips({ clerk, keeper, handler, finance, handlerId: rep.id, warehouseId: wh.id }, { id: cust.id, name: cust.name }, [[{ productId: beer.id, quantity: 10 }], [{ productId: beer.id, quantity: 5 }]]);
  const r = (await finance.post('/api/receipts', { customerId: cust.id, receiptDate: '2026-11-20', method: 'bank_transfer', amount: 70_000 })).body;
  expect((await finance.post(`/api/receipts/${r.id}/auto-allocate`)).status).toBe(200);
}, 120_000);
afterAll(() => t.close());

const snapshot = async () => ({
  items: await t.db.selectFrom('receivableItems').select(['companyId', 'customerId', 'docType', 'docId', 'docNumber', 'docDate', 'paymentTerm', 'dueDate', 'amount', 'openAmount', 'lastMoveDate', 'settledDate']).where('companyId', '=', companyId).orderBy('docType').orderBy('docId').execute(),
  moves: await t.db.selectFrom('receivableMoves').select(['customerId', 'kind', 'amount', 'moveDate', 'sourceType', 'sourceId']).where('companyId', '=', companyId).orderBy('sourceId').orderBy('kind').execute(),
});

describe('receivables migration backfill', () => {
  it('rebuilds, through the app Kysely, the items and moves the live hooks made', async () => {
    const live = await snapshot();
    expect(live.items).toHaveLength(2);
    expect(live.moves.length).toBeGreaterThan(0);
    await t.db.deleteFrom('receivableMoves').where('companyId', '=', companyId).execute();
    await t.db.deleteFrom('receivableItems').where('companyId', '=', companyId).execute();
    await backfill(t.db);
    expect(await snapshot()).toEqual(live);
  });

  // the aging scan reads day numbers kept by the database from the text dates (a trigger per dialect)
  const days = () => t.db.selectFrom('receivableItems').select(['id', 'docDate', 'dueDate', 'lastMoveDate', 'docDay', 'dueDay', 'moveDay']).where('companyId', '=', companyId).orderBy('id').execute();
  const expectDaysOfDates = async () => {
    const rows = await days();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect([r.docDay, r.dueDay, r.moveDay]).toEqual([dayNumber(r.docDate), dayNumber(r.dueDate), r.lastMoveDate ? dayNumber(r.lastMoveDate) : 0]);
  };
  it('keeps the day numbers equal to the dates: rows inserted, dates changed by any writer, and the backfill', async () => {
    expect([dayNumber('1970-01-01'), dayNumber('2026-11-20'), dayNumber('2028-02-29')]).toEqual([0, 20777, 21243]);
    await expectDaysOfDates();
    expect((await days()).some((r) => r.moveDay > 0)).toBe(true); // the allocation moved an item
    const [first, second] = await days();
    await t.db.updateTable('receivableItems').set({ docDate: '2025-02-28', dueDate: '2025-03-25', lastMoveDate: '2025-12-31' }).where('id', '=', first!.id).execute();
    await t.db.updateTable('receivableItems').set({ lastMoveDate: null }).where('id', '=', second!.id).execute();
    const after = await days();
    expect(after[0]).toMatchObject({ docDay: dayNumber('2025-02-28'), dueDay: dayNumber('2025-03-25'), moveDay: dayNumber('2025-12-31') });
    expect(after[1]!.moveDay).toBe(0);
    await expectDaysOfDates();
    // the migration's backfill over rows whose day numbers are off gives the same numbers
    await t.db.updateTable('receivableItems').set({ docDay: 1, dueDay: 2, moveDay: 3 }).where('companyId', '=', companyId).execute();
    await backfillDays(t.db);
    expect(await days()).toEqual(after);
  });
});
