import { searchKey } from '../../platform/pinyin.ts';

/** What a product is found by: name (characters, full pinyin, initials), code, barcodes and brand. */
export function productSearchKey(p: { name: string; code: string; barcode?: string | null; packBarcode?: string | null; brand?: string | null }): string {
  const key = searchKey(p.name, p.brand);
  const extra = [p.code, p.barcode, p.packBarcode].filter((x): x is string => !!x && x.trim() !== '').map((x) => x.toLowerCase().replace(/\s+/g, ''));
  return [key, ...extra].join('|');
}
