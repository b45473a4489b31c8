import { describe, expect, it } from 'vitest';
import { linesOf, paginate, textEm } from './paged-print.ts';

describe('printed pages of a long list', () => {
  it('measures CJK characters as 1 em and the rest as 0.6', () => {
    expect(textEm('门市散客')).toBe(4);
    expect(textEm('XS-1')).toBeCloseTo(2.4);
    expect(textEm('（大理）')).toBe(4);
  });

  it('counts the lines a text takes in a cell, keeping one character spare a line', () => {
    // 36 mm at 3 mm: 12 characters, 11 counted
    expect(linesOf('门市散客', 36, 3)).toBe(1);
    expect(linesOf('云南老字号5号贸易有限公司', 36, 3)).toBe(2);
    expect(linesOf('', 36, 3)).toBe(1);
    expect(linesOf(null, 36, 3)).toBe(1);
  });

  it('fills pages up to their height, never past it, and keeps room for the closing block on the last', () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({ n: i + 1, mm: i === 4 ? 20 : 6 }));
    const pages = paginate(rows, (r) => r.mm, 30);
    expect(pages.map((p) => p.map((r) => r.n))).toEqual([[1, 2, 3, 4], [5, 6], [7, 8, 9, 10]]);
    for (const p of pages) expect(p.reduce((n, r) => n + r.mm, 0)).toBeLessThanOrEqual(30);
    // 16 mm of totals after the rows: the last page gives up rows to a page of their own
    const closing = paginate(rows, (r) => r.mm, 30, 16);
    expect(closing.map((p) => p.map((r) => r.n))).toEqual([[1, 2, 3, 4], [5, 6], [7, 8], [9, 10]]);
    expect(closing.at(-1)!.reduce((n, r) => n + r.mm, 0) + 16).toBeLessThanOrEqual(30);
    // rows that leave no room even on a page of their own: the totals go on a page without rows
    expect(paginate([{ mm: 2 }, { mm: 27 }], (r) => r.mm, 30, 5).map((p) => p.map((r) => r.mm))).toEqual([[2], [27], []]);
    expect(paginate([{ mm: 28 }], (r) => r.mm, 30, 5).map((p) => p.length)).toEqual([1, 0]);
  });

  it('gives a row taller than a page a page of its own, and an empty list one empty page', () => {
    expect(paginate([{ mm: 5 }, { mm: 50 }, { mm: 5 }], (r) => r.mm, 30).map((p) => p.length)).toEqual([1, 1, 1]);
    expect(paginate([], () => 5, 30)).toEqual([[]]);
    expect(paginate([], () => 5, 30, 10)).toEqual([[]]);
  });
});
