import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { packsInBrackets, packsTotal, packText, type Packing } from './pack-quantity.tsx';

const bottles: Packing = { unit: '瓶', packUnit: '箱', packSize: 12 };

describe('packText: a quantity in cases and loose units, for reading only', () => {
  it('writes whole cases and the loose units beyond them; nothing under a case or without a pack', () => {
    expect(packText(49, bottles)).toBe('4箱1瓶');
    expect(packText(48, bottles)).toBe('4箱');
    expect(packText(12, bottles)).toBe('1箱');
    expect(packText(11, bottles)).toBeNull();
    expect(packText(0, bottles)).toBeNull();
    expect(packText(49, { unit: '斤', packUnit: null, packSize: null })).toBeNull();
    expect(packText(49, { unit: '瓶', packUnit: '箱', packSize: 1 })).toBeNull();
    expect(packText(49, bottles, ' ')).toBe('4 箱 1 瓶');
  });
  it('comes back to the quantity it was made from (cases × size + loose)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 10000 }), fc.integer({ min: 0, max: 10_000_000 }), (size, q) => {
        const text = packText(q, { unit: '瓶', packUnit: '箱', packSize: size });
        if (q < size) {
          expect(text).toBeNull();
          return;
        }
        const m = /^(\d+)箱(?:(\d+)瓶)?$/.exec(text!)!;
        expect(Number(m[1]) * size + Number(m[2] ?? 0)).toBe(q);
        expect(Number(m[2] ?? 0)).toBeLessThan(size);
      }),
    );
  });
});

describe('packsInBrackets: the cases after a figure in running text (hints, alerts, a hold\'s quantity)', () => {
  it('brackets them full-width in Chinese, spaced in English; nothing under a case or without a pack', () => {
    expect(`可用库存 58${packsInBrackets(58, bottles, 'zh-CN')}`).toBe('可用库存 58（4箱10瓶）');
    expect(`49瓶${packsInBrackets(49, bottles, 'en-US')}`).toBe('49瓶 (4 箱 1 瓶)');
    expect(packsInBrackets(48, bottles, 'zh-CN')).toBe('（4箱）');
    expect(packsInBrackets(11, bottles, 'zh-CN')).toBe('');
    expect(packsInBrackets(11, bottles, 'en-US')).toBe('');
    expect(packsInBrackets(30, { unit: '斤', packUnit: null, packSize: null }, 'zh-CN')).toBe('');
  });
});

describe('packsTotal: a printed form\'s 件数 total', () => {
  const line = (quantity: number, over: Partial<Packing> = {}) => ({ ...bottles, quantity, ...over });
  it('adds cases, and loose units beside them (never made up into a case across products), where every line is in the same pack and unit', () => {
    expect(packsTotal([line(24), line(48, { packSize: 24 })])).toBe('4箱');
    expect(packsTotal([line(13), line(23)])).toBe('2箱12瓶');
    expect(packsTotal([line(5), line(7)])).toBe('12瓶');
  });
  it('leaves it blank where the packs differ or a line has none', () => {
    expect(packsTotal([line(24), line(6, { packUnit: '件', packSize: 6 })])).toBeNull();
    expect(packsTotal([line(24), line(7, { unit: '斤', packUnit: null, packSize: null })])).toBeNull();
    expect(packsTotal([])).toBeNull();
  });
});
