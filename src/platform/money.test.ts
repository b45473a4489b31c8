import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatPrice, formatYuan, lineAmounts, parsePrice, parseYuan, sumLines, toChineseCapitals } from './money.ts';

describe('money', () => {
  it('writes amounts in Chinese capitals as on a slip', () => {
    expect(toChineseCapitals(1234567)).toBe('壹万贰仟叁佰肆拾伍元陆角柒分');
    expect(toChineseCapitals(100)).toBe('壹元整');
    expect(toChineseCapitals(0)).toBe('零元整');
    expect(toChineseCapitals(10000000)).toBe('壹拾万元整');
    expect(toChineseCapitals(100000005)).toBe('壹佰万元零伍分');
    expect(toChineseCapitals(1000001)).toBe('壹万元零壹分');
    expect(toChineseCapitals(10500)).toBe('壹佰零伍元整');
    expect(toChineseCapitals(1000000000)).toBe('壹仟万元整');
    expect(toChineseCapitals(10000010000)).toBe('壹亿零壹佰元整');
    expect(toChineseCapitals(50)).toBe('伍角整');
    expect(toChineseCapitals(-250)).toBe('负贰元伍角整');
  });

  it('parses and formats yuan exactly, round trip for any fen amount', () => {
    expect(parseYuan('12345.67')).toBe(1234567);
    expect(parseYuan('0.5')).toBe(50);
    expect(formatYuan(1234567)).toBe('12,345.67');
    expect(() => parseYuan('1.234')).toThrow();
    expect(() => parseYuan('1e5')).toThrow();
    fc.assert(fc.property(fc.integer({ min: -1e15, max: 1e15 }), (fen) => parseYuan(formatYuan(fen, false)) === fen));
  });

  it('parses amounts as people type them: full-width digits, thousands separators, ¥ and 元', () => {
    expect(parseYuan('７３６８．７２')).toBe(736872);
    expect(parseYuan('１２３')).toBe(12300);
    expect(parseYuan('1,234.00')).toBe(123400);
    expect(parseYuan('１，２３４．５')).toBe(123450);
    expect(parseYuan('7368.72元')).toBe(736872);
    expect(parseYuan(' ￥1,234.5 ')).toBe(123450);
    expect(parseYuan('¥ 88 元')).toBe(8800);
    expect(parseYuan('-1,000')).toBe(-100000);
    fc.assert(fc.property(fc.integer({ min: -1e15, max: 1e15 }), (fen) => parseYuan(`¥${formatYuan(fen)}元`) === fen));
    // separators out of place, two units, words, empty: refused rather than guessed
    for (const bad of ['1,23', '12,34.00', '1,2345', '¥¥5', '5元元', '五元', '', '元', '1.2.3', '1 234']) expect(() => parseYuan(bad), bad).toThrow(RangeError);
  });

  it('refuses non-integer fen', () => {
    expect(() => formatYuan(1.5)).toThrow();
    expect(() => toChineseCapitals(Number.MAX_SAFE_INTEGER + 2)).toThrow();
  });
});

describe('line amounts', () => {
  it('rounds tax-inclusive and tax-exclusive lines half-up to the fen', () => {
    // 3 × 33.3333 元 = 99.9999 → 100.00 incl. 13 %: ex tax 100/1.13 = 88.495… → 88.50, tax 11.50
    expect(lineAmounts({ quantity: 3, unitPrice: 333333, taxRateBp: 1300, priceIncludesTax: true })).toEqual({ amountExTax: 8850, taxAmount: 1150, amount: 10000 });
    // 10 × 12.5 元 with 5 % off = 118.75, excl. 13 %: tax 15.4375 → 15.44
    expect(lineAmounts({ quantity: 10, unitPrice: 125000, discountBp: 500, taxRateBp: 1300, priceIncludesTax: false })).toEqual({ amountExTax: 11875, taxAmount: 1544, amount: 13419 });
  });
  it('keeps amount = amount ex tax + tax for any line, and totals are sums', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ quantity: fc.integer({ min: 1, max: 100000 }), unitPrice: fc.integer({ min: 0, max: 100_000_000 }), discountBp: fc.integer({ min: 0, max: 10000 }), taxRateBp: fc.constantFrom(0, 300, 600, 900, 1300), priceIncludesTax: fc.boolean() }), { minLength: 1, maxLength: 20 }),
        (lines) => {
          const amounts = lines.map(lineAmounts);
          for (const a of amounts) expect(a.amount).toBe(a.amountExTax + a.taxAmount);
          const total = sumLines(amounts);
          expect(total.amount).toBe(amounts.reduce((s, a) => s + a.amount, 0));
        },
      ),
    );
  });
  it('parses and formats unit prices exactly', () => {
    expect(parsePrice('12.3456')).toBe(123456);
    expect(parsePrice('8')).toBe(80000);
    expect(formatPrice(123456)).toBe('12.3456');
    expect(formatPrice(125000)).toBe('12.50');
    expect(formatPrice(80000)).toBe('8.00');
    expect(formatPrice(14_990_000)).toBe('1,499.00'); // grouped as amounts are (¥1,499.00)
    expect(formatPrice(12_345_678_912)).toBe('1,234,567.8912');
    expect(formatPrice(14_990_000, false)).toBe('1499.00'); // what is typed back into a price field
    expect(parsePrice(formatPrice(12_345_678_912, false))).toBe(12_345_678_912);
    expect(() => parsePrice('1.23456')).toThrow();
  });
});
