import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isPriceText, priceRule, priceToYuan, taxRateOptions, showPrice, showRate, yuanToPrice } from './shared.tsx';

describe('price text of the product and price list forms', () => {
  it('reads yuan with up to 4 decimals as 0.0001 yuan, and refuses anything else', () => {
    expect(yuanToPrice('12.5')).toBe(125_000);
    expect(yuanToPrice(' ¥1,280.0000 ')).toBe(12_800_000);
    expect(yuanToPrice('0.0001')).toBe(1);
    expect(yuanToPrice('')).toBeNull();
    expect(yuanToPrice(null)).toBeNull();
    expect(yuanToPrice('12.34567')).toBeNaN();
    expect(yuanToPrice('-1')).toBeNaN();
    expect(yuanToPrice('abc')).toBeNaN();
    expect(isPriceText('110.2550')).toBe(true);
    expect(isPriceText('1.23456')).toBe(false);
    expect(isPriceText(priceToYuan(1_000_000_000_000))).toBe(true); // the largest price the server takes
    expect(isPriceText(priceToYuan(1_000_000_000_001))).toBe(false);
    // what a clerk types: thousands separators, a full-width input method, ￥ or 元
    expect(yuanToPrice('1,280.00')).toBe(12_800_000);
    expect(yuanToPrice('１２８．５')).toBe(1_285_000);
    expect(yuanToPrice('￥12,345.5')).toBe(123_455_000);
    expect(yuanToPrice('128元')).toBe(1_280_000);
    // a comma that is not a thousands separator is a typo, not 1,234 yuan
    expect(yuanToPrice('12,34')).toBeNaN();
    expect(isPriceText('12,34')).toBe(false);
    const messages: Record<string, string> = { 'prod.badPrice': 'bad', 'prod.negativePrice': 'negative', 'prod.priceTooLarge': 'large' };
    const why = (v: string) => priceRule((k) => messages[k]!).validator(null, v).then(() => 'ok', (e: Error) => e.message);
    return Promise.all([why('1,280.00'), why('-5'), why('100000000.0001'), why('12.345678')]).then((r) => expect(r).toEqual(['ok', 'negative', 'large', 'bad']));
  });
  it('shows what it reads back exactly, for every price (no float drift)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000_000 }), (p) => {
        expect(yuanToPrice(priceToYuan(p))).toBe(p);
        expect(isPriceText(priceToYuan(p))).toBe(true);
      }),
    );
    expect(priceToYuan(125_000)).toBe('12.50');
    expect(priceToYuan(1_102_550)).toBe('110.255');
    expect(showPrice(null)).toBe('—');
    expect(showPrice(680_000)).toBe('¥68.00');
    expect(showPrice(14_990_000)).toBe('¥1,499.00'); // grouped as amounts are
    expect(priceToYuan(14_990_000)).toBe('1499.00'); // what a price input shows: no separators
  });
  it('shows tax rates in percent', () => {
    expect(showRate(1300)).toBe('13%');
    expect(showRate(950)).toBe('9.5%');
    expect(showRate(0)).toBe('0%');
    expect(showRate(1)).toBe('0.01%');
    expect(taxRateOptions.map((o) => o.label)).toEqual(['13%', '9%', '6%', '3%', '1%', '0%']);
  });
});
