import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCompany } from '../../../test/fixtures/factories.ts';
import type { DbHandle } from '../../db/database.ts';
import { sql } from 'kysely';
import { createTestDb, testDialect } from '../../../test/fixtures/db.ts';
import { nextNumber, nextNumbers, numberingCtes, periodOf, renderNumber, isValidPattern, type ResetPeriod } from './numbering.ts';

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(() => h.close());

describe('numbering', () => {
  it('renders patterns', () => {
    expect(renderNumber('XS-{YYYY}{MM}-{SEQ:6}', '2026-11-22', 123)).toBe('XS-202611-000123');
    expect(renderNumber('KH{YY}{DD}{SEQ}', '2026-11-02', 7)).toBe('KH26027');
    expect(isValidPattern('A{SEQ:4}')).toBe(true);
    expect(isValidPattern('A{YYYY}')).toBe(false);
    expect(isValidPattern('A{SEQ:4}{XX}')).toBe(false);
    // one running number: the SQL rendering (numberingCtes) places exactly one
    expect(isValidPattern('A{SEQ:4}-{SEQ:2}')).toBe(false);
    // a width past twelve digits is a slip of the keyboard, and would pad every number to it
    expect(isValidPattern('A{SEQ:12}')).toBe(true);
    expect(isValidPattern('A{SEQ:13}')).toBe(false);
    expect(isValidPattern('A{SEQ:99999999}')).toBe(false);
  });

  it('stays gap-free and unique under concurrent submits, some of which roll back', async () => {
    const company = await makeCompany(h.db);
    const attempts = Array.from({ length: 60 }, (_, i) => i);
    const results = await Promise.allSettled(
      attempts.map((i) =>
        h.db.transaction().execute(async (tx) => {
          const n = await nextNumber(tx, company.id, 'sales_slip', '2026-11-22');
          if (i % 4 === 0) throw new Error('submit failed after numbering'); // rolled back: gives its number back
          return n;
        }),
      ),
    );
    const numbers = results.filter((r): r is PromiseFulfilledResult<string> => r.status === 'fulfilled').map((r) => r.value);
    expect(numbers).toHaveLength(45);
    expect(new Set(numbers).size).toBe(45);
    const seqs = numbers.map((n) => Number(n.slice(-6))).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
    expect(numbers[0]).toMatch(/^XS-202611-\d{6}$/);
  });

  it('restarts per period and per company', async () => {
    const a = await makeCompany(h.db);
    const b = await makeCompany(h.db);
    const take = (companyId: number, date: string) => h.db.transaction().execute((tx) => nextNumber(tx, companyId, 'sales_slip', date));
    expect(await take(a.id, '2026-11-30')).toBe('XS-202611-000001');
    expect(await take(a.id, '2026-12-01')).toBe('XS-202612-000001');
    expect(await take(b.id, '2026-11-30')).toBe('XS-202611-000001');
    expect(await take(a.id, '2026-11-30')).toBe('XS-202611-000002');
  });

  it("follows the company's own rule: its pattern, and a counter per period of its reset (the periods periodOf names)", async () => {
    const company = await makeCompany(h.db);
    const resets: [string, ResetPeriod, string][] = [
      ['stock_inbound', 'never', 'R{SEQ:3}'],
      ['stock_outbound', 'year', 'C{YYYY}-{SEQ:3}'],
      ['stock_transfer', 'day', 'T{YYYY}{MM}{DD}-{SEQ:2}'],
    ];
    for (const [docType, reset, pattern] of resets) await h.db.insertInto('numberRules').values({ companyId: company.id, docType, pattern, reset, createdAt: '2026-11-01T00:00:00.000Z' }).execute();
    const take = (docType: string, date: string, count = 1) => h.db.transaction().execute((tx) => nextNumbers(tx, company.id, docType, date, count));
    expect(await take('stock_inbound', '2026-11-30', 2)).toEqual(['R001', 'R002']);
    expect(await take('stock_inbound', '2027-01-01')).toEqual(['R003']);
    expect(await take('stock_outbound', '2026-11-30')).toEqual(['C2026-001']);
    expect(await take('stock_outbound', '2026-12-31')).toEqual(['C2026-002']);
    expect(await take('stock_outbound', '2027-01-01')).toEqual(['C2027-001']);
    expect(await take('stock_transfer', '2026-11-30')).toEqual(['T20261130-01']);
    expect(await take('stock_transfer', '2026-11-30')).toEqual(['T20261130-02']);
    expect(await take('stock_transfer', '2026-12-01')).toEqual(['T20261201-01']);
    // a type without a rule of its own: the default (monthly)
    expect(await take('stock_count', '2026-11-30')).toEqual(['PD-202611-0001']);
    const periods = await h.db.selectFrom('numberSequences').select(['docType', 'period']).where('companyId', '=', company.id).orderBy('docType').orderBy('period').execute();
    const expected = [
      ['stock_count', periodOf('month', '2026-11-30')],
      ['stock_inbound', periodOf('never', '2026-11-30')],
      ['stock_outbound', periodOf('year', '2026-11-30')],
      ['stock_outbound', periodOf('year', '2027-01-01')],
      ['stock_transfer', periodOf('day', '2026-11-30')],
      ['stock_transfer', periodOf('day', '2026-12-01')],
    ];
    expect(periods.map((r) => [r.docType, r.period])).toEqual(expected);
  });

  it.runIf(testDialect === 'postgres')('renders in SQL (numberingCtes) as renderNumber does, on the counter bumpCounter keeps', async () => {
    const company = await makeCompany(h.db);
    const next = async (date: string) =>
      (await sql<{ number: string }>`with ${numberingCtes('sales_order', { companyId: company.id, date })} select number from numbering`.execute(h.db)).rows[0]!.number;
    // no rule of its own: the default pattern and its monthly counter, shared with nextNumber
    expect(await next('2026-11-30')).toBe('DD-202611-000001');
    expect(await h.db.transaction().execute((tx) => nextNumber(tx, company.id, 'sales_order', '2026-11-02'))).toBe('DD-202611-000002');
    expect(await next('2026-11-02')).toBe('DD-202611-000003');
    const rules: [string, ResetPeriod, string][] = [
      ['{YY}{MM}{DD}{SEQ}', 'day', '2026-01-05'],
      ['X{SEQ:2}-{YYYY}.{DD}', 'never', '2027-12-31'],
      ['{SEQ:4}', 'year', '2026-07-09'],
      ['单{YYYY}年{MM}月第{SEQ:3}号', 'month', '2026-11-24'],
    ];
    for (const [pattern, reset, date] of rules) {
      await h.db.deleteFrom('numberRules').where('companyId', '=', company.id).execute();
      await h.db.insertInto('numberRules').values({ companyId: company.id, docType: 'sales_order', pattern, reset, createdAt: '2026-11-01T00:00:00.000Z' }).execute();
      const period = periodOf(reset, date);
      const before = await h.db.selectFrom('numberSequences').select('lastValue').where('companyId', '=', company.id).where('docType', '=', 'sales_order').where('period', '=', period).executeTakeFirst();
      const seq = Number(before?.lastValue ?? 0) + 1;
      expect(await next(date)).toBe(renderNumber(pattern, date, seq));
    }
    // a counter past the width is not cut
    await h.db.updateTable('numberSequences').set({ lastValue: 999 }).where('companyId', '=', company.id).where('docType', '=', 'sales_order').where('period', '=', '2026-11').execute();
    expect(await next('2026-11-24')).toBe('单2026年11月第1000号');
  });
});
