import { describe, expect, it } from 'vitest';
import { blankLine, placeProduct, type WalkInLine } from './walk-in-lines.ts';

type P = { id: number; name: string; listPrice: number };
const tea: P = { id: 1, name: '普洱茶饮料', listPrice: 35_000 };
const liquor: P = { id: 2, name: '窖藏白酒', listPrice: 1_280_000 };
const maotai: P = { id: 3, name: '飞天茅台 53度', listPrice: 14_990_000 };
const names = (rows: WalkInLine<P>[]) => rows.map((r) => [r.product?.name ?? null, r.quantity]);

/** the counter's lines after picking products one after another on the empty last line */
function counter(...picks: [P, number][]) {
  let rows: WalkInLine<P>[] = [blankLine<P>()];
  for (const [p, q] of picks) rows = placeProduct(rows, rows.at(-1)!.key, p, q).rows;
  return rows;
}

describe('门市开单: a product picked on a line', () => {
  it('fills the empty last line, opens the next and puts the cursor in it', () => {
    const start = [blankLine<P>()];
    const r = placeProduct(start, start[0]!.key, tea, 24);
    expect(names(r.rows)).toEqual([['普洱茶饮料', 24], [null, 1]]);
    expect(r.rows[0]!.price).toBe('3.50');
    expect(r.focusKey).toBe(r.rows[1]!.key);
  });

  it('fills the price field with what parsePrice reads back: no thousands separators', () => {
    const start = [blankLine<P>()];
    expect(placeProduct(start, start[0]!.key, maotai, 1).rows[0]!.price).toBe('1499.00');
  });

  it('scanned again on the empty line adds to its line; the empty line stays for the next scan', () => {
    const rows = counter([tea, 24]);
    const r = placeProduct(rows, rows[1]!.key, tea, 24);
    expect(names(r.rows)).toEqual([['普洱茶饮料', 48], [null, 1]]);
    expect(r.focusKey).toBe(r.rows[1]!.key);
  });

  it('a line changed to a product already listed keeps the choice: nothing vanishes, the other line is untouched', () => {
    const rows = counter([tea, 24], [liquor, 1]);
    expect(names(rows)).toEqual([['普洱茶饮料', 24], ['窖藏白酒', 1], [null, 1]]);
    const r = placeProduct(rows, rows[1]!.key, tea, 1);
    expect(names(r.rows)).toEqual([['普洱茶饮料', 24], ['普洱茶饮料', 1], [null, 1]]);
    expect(r.rows.map((x) => x.key)).toEqual(rows.map((x) => x.key));
    expect(r.rows[1]!.price).toBe('3.50');
    expect(r.focusKey).toBeNull();
    // the first line changed to the second's product, too
    const back = placeProduct(rows, rows[0]!.key, liquor, 1);
    expect(names(back.rows)).toEqual([['窖藏白酒', 1], ['窖藏白酒', 1], [null, 1]]);
  });

  it('a line cleared keeps its place, empty', () => {
    const rows = counter([tea, 24], [liquor, 1]);
    const r = placeProduct(rows, rows[0]!.key, null, 1);
    expect(names(r.rows)).toEqual([[null, 1], ['窖藏白酒', 1], [null, 1]]);
  });
});
