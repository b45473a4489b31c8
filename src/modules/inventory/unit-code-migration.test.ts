import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDb } from '../../../test/fixtures/db.ts';
import { makeCompany, makeProduct, makeUser, makeWarehouse, type TestCompany } from '../../../test/fixtures/factories.ts';
import type { DbHandle } from '../../db/database.ts';
import { up } from '../../db/migrations/20261124T124000-normalise-stored-unit-codes.ts';
import { isoNow } from '../../platform/time.ts';

// The migration that puts box/bottle codes stored before the normaliser in its form (half-width,
// trimmed, upper case): unit_codes and the JSON copies on inbound and return lines. Codes that would
// become one code are left and reported in the audit log, never merged or failed on.

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(() => h.close());

async function unitCode(company: TestCompany, productId: number, code: string) {
  const now = isoNow();
  const r = await h.db.insertInto('unitCodes')
    .values({ companyId: company.id, code, kind: 'box', productId, status: 'in_stock', createdAt: now, updatedAt: now })
    .returning('id').executeTakeFirstOrThrow();
  return r.id;
}

it('normalises stored codes and their JSON copies, and leaves a clash in place, reported', async () => {
  const a = await makeCompany(h.db);
  const b = await makeCompany(h.db);
  const user = await makeUser(h.db, a, { roleCode: 'warehouse' });
  const wa = await makeWarehouse(h.db, a);
  const pa = await makeProduct(h.db, a, { trackCodes: 1 });
  const pb = await makeProduct(h.db, b, { trackCodes: 1 });
  const now = isoNow();

  const ids = {
    lower: await unitCode(a, pa.id, 'p001'), // clashes with P001 below
    upper: await unitCode(a, pa.id, 'P001'),
    wide: await unitCode(a, pa.id, 'ｐ００２'),
    padded: await unitCode(a, pa.id, ' box-3 '),
    q1: await unitCode(a, pa.id, 'q1'), // q1 and ｑ１ both become Q1: a clash with no normalised row yet
    wq1: await unitCode(a, pa.id, 'ｑ１'),
    otherCompany: await unitCode(b, pb.id, 'p001'), // company B has no P001: no clash
  };

  const doc = await h.db.insertInto('stockDocuments')
    .values({ companyId: a.id, docType: 'inbound', number: 'RK-202611-000001', status: 'submitted', warehouseId: wa.id, businessDate: '2026-11-20', createdBy: user.id, createdAt: now, updatedAt: now })
    .returning('id').executeTakeFirstOrThrow();
  const draft = await h.db.insertInto('stockDocuments')
    .values({ companyId: a.id, docType: 'inbound', status: 'draft', warehouseId: wa.id, businessDate: '2026-11-21', createdBy: user.id, createdAt: now, updatedAt: now })
    .returning('id').executeTakeFirstOrThrow();
  const line = await h.db.insertInto('stockDocumentLines')
    .values({ companyId: a.id, documentId: doc.id, lineNo: 1, productId: pa.id, quantity: 5, boxCodes: JSON.stringify(['p001', 'P001', 'ｐ００２', ' box-3 ', 'q1']) })
    .returning('id').executeTakeFirstOrThrow();
  const repeating = await h.db.insertInto('stockDocumentLines')
    .values({ companyId: a.id, documentId: draft.id, lineNo: 1, productId: pa.id, quantity: 2, boxCodes: JSON.stringify(['a7', 'Ａ７']) })
    .returning('id').executeTakeFirstOrThrow();
  const plain = await h.db.insertInto('stockDocumentLines')
    .values({ companyId: a.id, documentId: draft.id, lineNo: 2, productId: pa.id, quantity: 1, boxCodes: null })
    .returning('id').executeTakeFirstOrThrow();

  const slip = await h.db.insertInto('salesSlips')
    .values({ companyId: a.id, status: 'reconciled', orderType: 'direct', paymentTerm: 'monthly', customerName: '测试客户', ownerId: user.id, handlerId: user.id, warehouseId: wa.id, businessDate: '2026-11-22', createdBy: user.id, createdAt: now, updatedAt: now })
    .returning('id').executeTakeFirstOrThrow();
  const ret = await h.db.insertInto('salesReturns')
    .values({ companyId: a.id, number: 'TH-202611-000001', status: 'submitted', slipId: slip.id, warehouseId: wa.id, businessDate: '2026-11-22', reason: '客户拒收', totalAmount: 0, createdBy: user.id, createdAt: now, updatedAt: now })
    .returning('id').executeTakeFirstOrThrow();
  const retLine = await h.db.insertInto('salesReturnLines')
    .values({ companyId: a.id, returnId: ret.id, slipLineId: 1, productId: pa.id, quantity: 2, amount: 0, codes: JSON.stringify(['ｐ００２', 'p001']) })
    .returning('id').executeTakeFirstOrThrow();

  await up(h.db);

  const codes = new Map((await h.db.selectFrom('unitCodes').select(['id', 'code']).execute()).map((r) => [r.id, r.code]));
  expect(codes.get(ids.wide)).toBe('P002');
  expect(codes.get(ids.padded)).toBe('BOX-3');
  expect(codes.get(ids.otherCompany)).toBe('P001');
  // the clashes stay as they were: no merge, no failure
  expect(codes.get(ids.lower)).toBe('p001');
  expect(codes.get(ids.upper)).toBe('P001');
  expect(codes.get(ids.q1)).toBe('q1');
  expect(codes.get(ids.wq1)).toBe('ｑ１');

  const lines = new Map((await h.db.selectFrom('stockDocumentLines').select(['id', 'boxCodes']).execute()).map((r) => [r.id, r.boxCodes]));
  // a copy of a clashing code still names the row it named
  expect(JSON.parse(lines.get(line.id)!)).toEqual(['p001', 'P001', 'P002', 'BOX-3', 'q1']);
  expect(JSON.parse(lines.get(repeating.id)!)).toEqual(['a7', 'Ａ７']);
  expect(lines.get(plain.id)).toBeNull();
  const retCodes = await h.db.selectFrom('salesReturnLines').select('codes').where('id', '=', retLine.id).executeTakeFirstOrThrow();
  expect(JSON.parse(retCodes.codes!)).toEqual(['P002', 'p001']);

  // what an admin reads on the audit page: each clash left, each change made, by the system
  const audit = await h.db.selectFrom('auditLog').select(['companyId', 'userId', 'action', 'entity', 'entityId', 'before', 'after', 'note'])
    .where('action', 'like', '%normalize_clash').orderBy('id').execute();
  expect(audit.map((r) => [r.companyId, r.entity, r.entityId, r.userId])).toEqual([
    [a.id, 'unit_code', ids.lower, null],
    [a.id, 'unit_code', ids.q1, null],
    [a.id, 'unit_code', ids.wq1, null],
    [a.id, 'stock_document', draft.id, null],
  ]);
  expect(audit[0]!.note).toContain(`箱码/瓶码「p001」统一格式后为「P001」，与本账套的 「P001」(#${ids.upper}) 重复，未改动`);
  expect(audit[1]!.note).toContain(`「ｑ１」(#${ids.wq1})`);
  expect(audit[3]!.note).toContain(`行 #${repeating.id} 的箱码/瓶码统一格式后有重复`);
  const changes = await h.db.selectFrom('auditLog').select(['companyId', 'entity', 'entityId', 'before', 'after'])
    .where('action', 'in', ['unit_code.update', 'stock_document.update', 'sales_return.update']).orderBy('id').execute();
  expect(changes.map((r) => [r.companyId, r.entity, r.entityId, JSON.parse(r.before!), JSON.parse(r.after!)])).toEqual([
    [a.id, 'unit_code', ids.wide, { code: 'ｐ００２' }, { code: 'P002' }],
    [a.id, 'unit_code', ids.padded, { code: ' box-3 ' }, { code: 'BOX-3' }],
    [b.id, 'unit_code', ids.otherCompany, { code: 'p001' }, { code: 'P001' }],
    [a.id, 'stock_document', doc.id, { lineId: line.id, boxCodes: ['p001', 'P001', 'ｐ００２', ' box-3 ', 'q1'] }, { lineId: line.id, boxCodes: ['p001', 'P001', 'P002', 'BOX-3', 'q1'] }],
    [a.id, 'sales_return', ret.id, { lineId: retLine.id, codes: ['ｐ００２', 'p001'] }, { lineId: retLine.id, codes: ['P002', 'p001'] }],
  ]);

});
