import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatYuan, parseYuan, toChineseCapitals } from './money.ts';

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

  it('refuses non-integer fen', () => {
    expect(() => formatYuan(1.5)).toThrow();
    expect(() => toChineseCapitals(Number.MAX_SAFE_INTEGER + 2)).toThrow();
  });
});
