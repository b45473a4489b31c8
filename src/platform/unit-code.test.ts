import { describe, expect, it } from 'vitest';
import { normalizeUnitCode, normalizeUnitCodes } from './unit-code.ts';

describe('unit codes', () => {
  it('are stored in one form: half-width, trimmed, upper case', () => {
    expect(normalizeUnitCode('p001')).toBe('P001');
    expect(normalizeUnitCode(' ｐ００１\u3000')).toBe('P001');
    expect(normalizeUnitCode('ＪＣ－ＢＯＸ－０００１')).toBe('JC-BOX-0001');
    expect(normalizeUnitCodes(['P001', 'p001', ' Ｐ００１ ', '', '  ', 'p002'])).toEqual(['P001', 'P002']);
  });
});
