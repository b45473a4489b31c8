import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImportKeyMap, importKeysOf } from './import-export-keys.ts';

describe('ImportKeyMap (the preview in-file duplicate keys)', () => {
  it('answers like a Map for any keys and rows, through growth (short, long, CJK, astral, empty, near-equal keys)', () => {
    const key = fc.oneof(fc.string({ maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 12 }), fc.constantFrom('', '~', '昆明一号商贸', '昆明一号商贸 ', '13800000001', '#123456789012345', '𠀀𠀁', 'a'.repeat(300)));
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.integer({ min: 1, max: 2_000_000 })), { maxLength: 3000 }), fc.array(key, { maxLength: 200 }), (writes, probes) => {
        const keys = new ImportKeyMap(2); // grows many times
        const reference = new Map<string, number>();
        for (const [k, row] of writes) {
          expect(keys.get(k)).toBe(reference.get(k));
          keys.set(k, row);
          reference.set(k, row);
        }
        expect(keys.size).toBe(reference.size);
        for (const [k] of writes) expect(keys.get(k)).toBe(reference.get(k));
        for (const k of probes) expect(keys.get(k)).toBe(reference.get(k));
      }),
      { numRuns: 200 },
    );
  });

  it('holds 300,000 distinct keys (a 100,000-row preview) and finds each, and no other', () => {
    const keys = new ImportKeyMap();
    for (let i = 1; i <= 100_000; i++) {
      keys.set(`昆明${i}号商贸`, i);
      keys.set(String(13_000_000_000 + i), i);
      keys.set(`9153${String(i).padStart(14, '0')}`, i);
    }
    expect(keys.size).toBe(300_000);
    for (let i = 1; i <= 100_000; i += 997) {
      expect(keys.get(`昆明${i}号商贸`)).toBe(i);
      expect(keys.get(String(13_000_000_000 + i))).toBe(i);
      expect(keys.get(`9153${String(i).padStart(14, '0')}`)).toBe(i);
    }
    expect(keys.get('昆明100001号商贸')).toBeUndefined();
    expect(keys.get('13000000000')).toBeUndefined();
  });

  it('refuses a row number that is not a positive 32-bit integer', () => {
    const keys = new ImportKeyMap();
    for (const bad of [0, -1, 1.5, 2 ** 31, Number.NaN]) expect(() => keys.set('x', bad)).toThrow(RangeError);
  });

  it('gives one map per upload: the same for the same seen, another for another', () => {
    const seen = new Map<string, number>();
    expect(importKeysOf(seen)).toBe(importKeysOf(seen));
    expect(importKeysOf(seen)).not.toBe(importKeysOf(new Map()));
  });
});
