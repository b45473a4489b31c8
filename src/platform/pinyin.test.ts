import fc from 'fast-check';
import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { customerSheetRows } from '../modules/customers/import-export-fixture.ts';
import { compactText, searchColumns } from '../modules/customers/normalize.ts';
import { pinyinWithInitials, searchKey } from './pinyin.ts';

// pinyinWithInitials makes one pinyin-pro call where there were two: it must give exactly what the
// two calls give, for every character and for mixed text.
const reference = (text: string, v: boolean) => ({
  full: pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v }).join(''),
  initials: pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' }).join(''),
});

const pieces = ['重庆', '长沙', '银行', '行长', '了', '乐', '女', '绿', '嗯', '一', '不', '瓩', '〇', '𠀀', 'ü', 'abc', 'A1', '7', '号', '商贸', '有限公司', '呣', 'ㄅ', 'é', '_', ' ', '-'];

describe('pinyinWithInitials', () => {
  it('equals the two pinyin-pro calls for every CJK character (basic block and extension A)', () => {
    const diffs: string[] = [];
    for (let cp = 0x3400; cp <= 0x9fff; cp++) {
      const ch = String.fromCodePoint(cp);
      for (const v of [true, false]) {
        const got = pinyinWithInitials(ch, v);
        const want = reference(ch, v);
        if (got.full !== want.full || got.initials !== want.initials) diffs.push(`${ch} ${JSON.stringify(got)} ${JSON.stringify(want)}`);
      }
    }
    expect(diffs.slice(0, 5)).toEqual([]);
  });

  it('equals the two calls for mixed text (Chinese, polyphones in words, letters, digits, symbols)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 12 }), fc.boolean(), (parts, v) => {
        const text = parts.join('');
        expect(pinyinWithInitials(text, v)).toEqual(reference(text, v));
      }),
      { numRuns: 2000 },
    );
  });

  it('equals the two calls for the names of the import fixture and their search columns', () => {
    for (const row of customerSheetRows(3000)) {
      const compact = compactText(row.name);
      expect(pinyinWithInitials(compact, true)).toEqual(reference(compact, true));
      const cols = searchColumns(row.name, row.province, row.city);
      expect(cols.searchPinyin).toBe(reference(compact, true).full.toLowerCase());
      expect(cols.searchInitials).toBe(reference(compact, true).initials.toLowerCase());
      if (cols.searchCore) {
        expect(cols.searchCorePinyin).toBe(reference(cols.searchCore, true).full.toLowerCase());
        expect(cols.searchCoreInitials).toBe(reference(cols.searchCore, true).initials.toLowerCase());
      }
    }
  });

  it('keeps the search key of a name: characters, full pinyin and initials', () => {
    expect(searchKey('北京华东', null)).toBe('北京华东|beijinghuadong|bjhd');
    expect(searchKey('重庆 ABC 绿色')).toBe('重庆abc绿色|chongqingabclüse|cqabcls');
    // a cached answer is the same answer
    expect(searchKey('重庆 ABC 绿色')).toBe('重庆abc绿色|chongqingabclüse|cqabcls');
  });
});
