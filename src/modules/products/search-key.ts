import { searchKey } from '../../platform/pinyin.ts';

/** What a product is found by: name (characters, full pinyin, initials), code, barcodes and brand. */
export function productSearchKey(p: { name: string; code: string; barcode?: string | null; packBarcode?: string | null; brand?: string | null }): string {
  const key = searchKey(p.name, p.brand);
  const extra = [p.code, p.barcode, p.packBarcode].filter((x): x is string => !!x && x.trim() !== '').map((x) => x.toLowerCase().replace(/\s+/g, ''));
  return [key, ...extra].join('|');
}

/**
 * What a list sorted by name sorts by (products.name_pinyin): the full pinyin of the name alone, lower case,
 * as the search key spells it (大理 dali < 滇源 dianyuan < 云南 yunnan; latin and digits kept whole,
 * full-width made half-width). Compared byte by byte on both databases (repo.ts), then the name, then the id.
 */
export function productNamePinyin(name: string): string {
  return searchKey(name).split('|')[1] ?? '';
}
