import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/fixtures/app.ts';
import { makeCompany, makeUser, type TestCompany } from '../../../test/fixtures/factories.ts';
import type { RequestContext } from '../../platform/permissions/context.ts';
import { customersForExport, insertCustomer, insertCustomers } from './service.ts';

let t: TestApp;
let company: TestCompany;
let ctx: RequestContext;
beforeAll(async () => {
  t = await createTestApp();
  company = await makeCompany(t.db);
  const clerk = await makeUser(t.db, company, { roleCode: 'clerk', displayName: '导入员' });
  ctx = {
    userId: clerk.id, userName: '导入员', companyId: company.id, roleId: company.roleIds.clerk, roleCode: 'clerk',
    permissions: new Set(['customer.read', 'customer.export']), dataScope: 'company', departmentId: null, departmentPath: null, locale: 'zh-CN', requestId: 'batch',
  };
});
afterAll(() => t.close());

describe('insertCustomers (imports)', () => {
  it('writes the clean rows with consecutive numbers, and reports invalid and duplicate rows by index', async () => {
    const existing = await t.db.transaction().execute((tx) => insertCustomer(tx, ctx, { name: '已有商贸有限公司', contacts: [{ name: '甲', phone: '13800000001' }] }));
    const result = await t.db.transaction().execute((tx) =>
      insertCustomers(tx, ctx, [
        { name: '导入一号酒行', contacts: [{ name: '张', phone: '13900000001' }], tags: ['二批'], addresses: [{ address: '北京路 1 号' }] },
        { name: '' }, // invalid
        { name: '已有商贸', contacts: [] }, // same name key as the existing customer
        { name: '导入二号酒行', contacts: [{ name: '李', phone: '+86 139 0000 0001' }] }, // same phone as row 0
        { name: '导入三号酒行', taxId: '91530100ma6k0000zz' },
        { name: '导入四号酒行', ownerId: null },
      ], { ownerId: ctx.userId }),
    );
    expect(result.invalid.map((r) => r.index)).toEqual([1]);
    expect(result.invalid[0].fields[0].path).toBe('name');
    expect(result.duplicates.map((d) => [d.index, d.duplicates[0].field])).toEqual([[2, 'name'], [3, 'phone']]);
    expect(result.duplicates[0].duplicates[0]).toMatchObject({ customerId: existing.id, code: existing.code, ownerName: '导入员' });
    expect(result.inserted.map((r) => r.index)).toEqual([0, 4, 5]);
    const seqOf = (code: string) => Number(code.slice(-6));
    expect(result.inserted.map((r) => seqOf(r.code))).toEqual([seqOf(existing.code) + 1, seqOf(existing.code) + 2, seqOf(existing.code) + 3]);
    const rows = await t.db.selectFrom('customers').selectAll().where('id', 'in', result.inserted.map((r) => r.id)).orderBy('id').execute();
    expect(rows.map((r) => r.ownerId)).toEqual([ctx.userId, ctx.userId, ctx.userId]);
    expect(rows[1].taxId).toBe('91530100MA6K0000ZZ');
    expect(rows[0].searchInitials).toBe('dryhjx');
    expect(await t.db.selectFrom('customerTags').select('tag').where('customerId', '=', result.inserted[0].id).execute()).toEqual([{ tag: '二批' }]);
    expect(await t.db.selectFrom('customerMoves').select('kind').where('customerId', 'in', result.inserted.map((r) => r.id)).execute()).toHaveLength(3);
    expect(await t.db.selectFrom('auditLog').select('action').where('entity', '=', 'customer').where('entityId', 'in', result.inserted.map((r) => r.id)).execute()).toEqual([
      { action: 'customer.import' }, { action: 'customer.import' }, { action: 'customer.import' },
    ]);
  });

  it('customersForExport yields every listed customer in id order across keyset batches', async () => {
    await t.db.transaction().execute((tx) => insertCustomers(tx, ctx, Array.from({ length: 7 }, (_, i) => ({ name: `批量导出客户${i}号`, classification: 'vip' as const }))));
    const rows: { id: number; name: string }[] = [];
    for await (const r of customersForExport(t.db, ctx, { classification: 'vip' }, 3)) rows.push(r);
    expect(rows.map((r) => r.name)).toEqual(Array.from({ length: 7 }, (_, i) => `批量导出客户${i}号`));
    expect(rows.every((r, i) => i === 0 || r.id > rows[i - 1].id)).toBe(true);
    const searched: string[] = [];
    for await (const r of customersForExport(t.db, ctx, { q: 'pldckh' }, 3)) searched.push(r.name);
    expect(searched).toHaveLength(7);
  });
});
