import { afterAll, beforeAll, expect, it } from 'vitest';
import { contextFor } from '../../../bench/context.ts';
import { writeDemoStock } from '../../../bench/demo-stock.ts';
import { createTestDb } from '../../../test/fixtures/db.ts';
import { makeCompany, makeProduct, makeUser } from '../../../test/fixtures/factories.ts';
import type { DbHandle } from '../../db/database.ts';
import { checkStock, expiringBatches, listDocuments, lowStockAlerts } from './service.ts';

// The demo company's stock (bench/demo-stock.ts), written through the inventory service: submitted
// documents of every kind, a voided one, box codes, an expiring batch, products below safety stock,
// and stock tables equal to the ledger.

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(() => h.close());

it('stocks two warehouses with documents of every kind, signed by preparer, keeper and handler, and leaves the books consistent', async () => {
  const db = h.db;
  const company = await makeCompany(db);
  const keeperUser = await makeUser(db, company, { roleCode: 'warehouse', displayName: '罗刚' });
  const clerkUser = await makeUser(db, company, { roleCode: 'clerk', displayName: '何雪' });
  const supervisor = await contextFor(db, (await makeUser(db, company, { roleCode: 'warehouse', displayName: '周敏' })).id, company.id);
  const keeper = await contextFor(db, keeperUser.id, company.id);
  const clerk = await contextFor(db, clerkUser.id, company.id);
  const specs = [
    { code: 'DY-GL50-2500', category: '白酒', packSize: 4, trackCodes: 1, safetyStock: 20, targetStock: 120, shelfLifeDays: null },
    { code: 'DY-LJ52-500', category: '白酒', packSize: 12, trackCodes: 1, safetyStock: 120, targetStock: 600, shelfLifeDays: null },
    { code: 'PJ-JX-330', category: '啤酒', packSize: 24, trackCodes: 0, safetyStock: 480, targetStock: 2400, shelfLifeDays: 365 },
    { code: 'PJ-JX-500', category: '啤酒', packSize: 12, trackCodes: 0, safetyStock: 480, targetStock: 2400, shelfLifeDays: 365 },
    { code: 'SH-DQ-380', category: '饮用水', packSize: 24, trackCodes: 0, safetyStock: 960, targetStock: 4800, shelfLifeDays: 540 },
  ];
  for (const s of specs) await makeProduct(db, company, s);
  const r = await writeDemoStock(db, keeper, clerk, supervisor);
  expect(r).toEqual({ warehouses: 2, stockDocuments: 6 });

  expect((await checkStock(db, keeper)).differences).toEqual([]);
  const docs = (await listDocuments(db, keeper, { sort: 'id', order: 'asc', page: 1, pageSize: 50 })).items;
  // three places, three people: the keeper prepared them, the supervisor signed as 仓管, the clerk is the handler
  expect(docs.map((d) => [d.docType, d.status])).toEqual([
    ['inbound', 'signed'], ['inbound', 'signed'], ['transfer', 'signed'], ['outbound', 'void'], ['outbound', 'signed'], ['count', 'signed'],
  ]);
  expect(docs.filter((d) => d.status === 'signed').every((d) => d.preparerSignedAt && d.keeperSignedAt && d.handlerSignedAt && d.handlerName === '何雪')).toBe(true);
  expect(docs.every((d) => d.number)).toBe(true);
  // the fifth product came in short (below its safety stock); the old beer batch expires within 30 days
  const low = (await lowStockAlerts(db, keeper, { page: 1, pageSize: 50 })).items.map((x) => x.productCode);
  expect(low).toContain('SH-DQ-380');
  const expiring = (await expiringBatches(db, keeper, { page: 1, pageSize: 50 })).items.map((b) => [b.productCode, b.batchNo]);
  expect(expiring).toEqual([['PJ-JX-330', 'OLD-TAIL']]);
  // the count found one broken bottle of the first product
  const count = await db.selectFrom('stockDocumentLines').innerJoin('stockDocuments', 'stockDocuments.id', 'stockDocumentLines.documentId')
    .select(['stockDocumentLines.quantity', 'stockDocumentLines.bookQuantity']).where('stockDocuments.docType', '=', 'count').where('stockDocuments.companyId', '=', company.id).executeTakeFirstOrThrow();
  expect(count.bookQuantity! - count.quantity).toBe(1);
  // box codes of the tracked liquor are registered in stock
  expect(Number((await db.selectFrom('unitCodes').select((eb) => eb.fn.countAll<number>().as('n')).where('companyId', '=', company.id).where('status', '=', 'in_stock').executeTakeFirstOrThrow()).n)).toBeGreaterThan(0);
});
