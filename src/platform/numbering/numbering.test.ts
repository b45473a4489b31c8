import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/fixtures/db.ts';
import { makeCompany } from '../../../test/fixtures/factories.ts';
import type { DbHandle } from '../../db/database.ts';
import { nextNumber, renderNumber, isValidPattern } from './numbering.ts';

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
});
