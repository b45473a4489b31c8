import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client } from '../../../test/fixtures/app.ts';
import { contextOf, makeCompany, makeProduct, makeUser, makeWarehouse, stockUp, TEST_PASSWORD, type TestCompany, type TestUser } from '../../../test/fixtures/factories.ts';
import { rawSession, readSheet } from '../imports/test-helpers.ts';
import { slipExport } from './export.ts';
import { slipListQuery } from './schema.ts';
import { listSlips } from './service.ts';

// 销货清单导出 on SQLite and PostgreSQL: the filtered list, every page newest first, voided slips kept
// with their reason, the user's scope, Chinese labels, yuan and Beijing time.

const t = await createTestApp();
let co: TestCompany;
let rep: TestUser, rep2: TestUser, clerk: TestUser, finance: TestUser;
let asClerk: Client;
let voidedNumber: string;

beforeAll(async () => {
  co = await makeCompany(t.db, { name: '滇池酒业' });
  rep = await makeUser(t.db, co, { roleCode: 'rep', displayName: '张业务' });
  rep2 = await makeUser(t.db, co, { roleCode: 'rep', displayName: '李业务' });
  clerk = await makeUser(t.db, co, { roleCode: 'clerk', displayName: '王内勤' });
  finance = await makeUser(t.db, co, { roleCode: 'finance', displayName: '陈会计' });
  asClerk = await t.login(clerk);
  const wh = await makeWarehouse(t.db, co, { name: '昆明总仓' });
  const product = await makeProduct(t.db, co, { name: '滇红茶', unit: '盒', listPrice: 1_280_000, taxRateBp: 1300 }); // 128 元
  await stockUp(t.db, co, { warehouseId: wh.id, productId: product.id, quantity: 1000 });
  // 7 walk-in slips: 5 handled by 张业务 (one of them monthly, one voided), 2 by 李业务
  for (const [i, handler] of [rep, rep, rep, rep2, rep, rep2, rep].entries()) {
    const r = await asClerk.post('/api/slips', { customerName: `门市散客${i + 1}`, contactPhone: '13900001111', warehouseId: wh.id, handlerId: handler.id, paymentTerm: i === 2 ? 'monthly' : 'cash', lines: [{ productId: product.id, quantity: i + 1 }] });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
  // spread them over three days: the keyset must order by day and break ties on a day by id
  const ids = (await t.db.selectFrom('salesSlips').select('id').where('companyId', '=', co.id).orderBy('id').execute()).map((r) => r.id);
  for (const [k, date] of ['2026-11-01', '2026-11-03', '2026-11-01', '2026-11-02', '2026-11-03', '2026-11-01', '2026-11-02'].entries()) {
    await t.db.updateTable('salesSlips').set({ businessDate: date }).where('id', '=', ids[k]!).execute();
  }
  const slip = (await asClerk.get(`/api/slips/${ids[4]}`)).body;
  const v = await asClerk.post(`/api/slips/${slip.id}/void`, { reason: '开错客户', version: slip.version });
  expect(v.status, JSON.stringify(v.body)).toBe(200);
  voidedNumber = slip.number;
}, 60_000);
afterAll(() => t.close());

const ctxOf = (user: TestUser) => contextOf(co, user);

describe('slip export', () => {
  it('writes the filtered list with Chinese labels, yuan, Beijing time, and voided slips with their reason', async () => {
    const raw = await rawSession(t.app, finance.username, TEST_PASSWORD);
    const x = await raw.get('/api/slips/export.xlsx?status=void');
    expect(x.statusCode).toBe(200);
    expect(String(x.headers['content-type'])).toContain('spreadsheetml');
    expect(String(x.headers['content-disposition'])).toContain(encodeURIComponent('销货清单'));
    expect(x.headers['x-total-rows']).toBe('1');
    const [header, ...rows] = await readSheet(x.rawPayload);
    expect(header).toEqual(['单号', '开单日期', '客户', '联系人', '电话', '订单号', '订单类型', '付款方式', '业务员', '经手人', '仓库', '提货方式', '司机', '数量', '不含税金额（元）', '税额（元）', '金额（元）', '退货金额（元）', '状态', '作废原因', '打印次数', '开单人', '开单时间', '过账时间']);
    expect(rows).toHaveLength(1);
    const col = (name: string) => header!.indexOf(name);
    const row = rows[0]!;
    expect([row[col('单号')], row[col('客户')], row[col('订单号')], row[col('订单类型')], row[col('付款方式')], row[col('经手人')], row[col('仓库')], row[col('状态')], row[col('作废原因')], row[col('开单人')]])
      .toEqual([voidedNumber, '门市散客5', '门市散客', '直销', '现款', '张业务', '昆明总仓', '作废', '开错客户', '王内勤']);
    expect(row[col('提货方式')]).toBe('司机送货'); // not delivered yet: the mode is a driver's until handed over
    expect(row[col('金额（元）')]).toBe(640); // 5 × 128 元, tax included
    expect(row[col('不含税金额（元）')] as number + (row[col('税额（元）')] as number)).toBeCloseTo(640, 2);
    const issuedAt = (await t.db.selectFrom('salesSlips').select('issuedAt').where('number', '=', voidedNumber).executeTakeFirstOrThrow()).issuedAt!;
    expect(row[col('开单时间')]).toBe(new Date(new Date(issuedAt).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' '));

    const monthly = await readSheet((await raw.get('/api/slips/export.xlsx?paymentTerm=monthly')).rawPayload);
    expect(monthly.slice(1).map((r) => r[col('付款方式')])).toEqual(['月结']);
  });

  it('reads every page newest first, ties on a day broken by id, none twice', async () => {
    const clerkCtx = ctxOf(clerk);
    const all = await listSlips(t.db, clerkCtx, slipListQuery.parse({ pageSize: 100 }));
    expect(all.items).toHaveLength(7);
    const exp = await slipExport(t.db, clerkCtx, {}, 2); // batches of 2 over 7 slips
    const numbers: unknown[] = [];
    for await (const r of exp.rows) numbers.push(r.number);
    expect(numbers).toEqual(all.items.map((s) => s.number));
    expect(new Set(numbers).size).toBe(7);
    expect(exp.totalRows).toBe(7);
  });

  it('keeps to the user’s scope and needs slip.export', async () => {
    const withExport = { ...ctxOf(rep2), permissions: new Set([...ctxOf(rep2).permissions, 'slip.export']) };
    const exp = await slipExport(t.db, withExport, {}, 1);
    const mine: unknown[] = [];
    for await (const r of exp.rows) mine.push(r.handlerName);
    expect(mine).toEqual(['李业务', '李业务']); // a rep reaches only the slips he handles
    const raw = await rawSession(t.app, rep.username, TEST_PASSWORD);
    expect((await raw.get('/api/slips/export.xlsx')).statusCode).toBe(403);
  });
});
