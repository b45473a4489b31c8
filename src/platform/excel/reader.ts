import { unescapeFormula } from './escape.ts';
import { firstSheetPath, sharedStrings, sheetRows, zipEntries } from './xlsx-zip.ts';

export type HeaderColumn = { key: string; header: string; aliases?: string[]; required?: boolean };
export type SheetRow = { rowNumber: number; values: Record<string, string> };
export type HeaderMap = { byIndex: Map<number, string>; unknown: string[]; missingRequired: HeaderColumn[] };

/** "客户名称*" / " 客户名称 " / "客户名称（必填）" → "客户名称": headers as people type them. */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[*＊]/g, '')
    .replace(/[(（][^)）]*[)）]/g, '')
    .replace(/\s+/g, '')
    .toLowerCase();
}

/** Maps the header row's cells (column index → text) to column keys by title and aliases. */
export function mapHeader(cells: Map<number, string>, columns: HeaderColumn[]): HeaderMap {
  const lookup = new Map<string, string>();
  for (const c of columns) {
    for (const name of [c.header, c.key, ...(c.aliases ?? [])]) lookup.set(normalizeHeader(name), c.key);
  }
  const byIndex = new Map<number, string>();
  const unknown: string[] = [];
  const seen = new Set<string>();
  for (const [index, text] of cells) {
    const key = lookup.get(normalizeHeader(text));
    if (!key) {
      if (text.trim()) unknown.push(text.trim());
      continue;
    }
    if (seen.has(key)) continue; // the first of two same-named columns wins
    seen.add(key);
    byIndex.set(index, key);
  }
  const missingRequired = columns.filter((c) => c.required && !seen.has(c.key));
  return { byIndex, unknown, missingRequired };
}

function pad(n: number) {
  return String(n).padStart(2, '0');
}

/** A cell as the text a person sees: numbers without exponent, dates as YYYY-MM-DD, rich text flattened. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return unescapeFormula(value).trim();
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    const d = value;
    const time = d.getUTCHours() || d.getUTCMinutes() || d.getUTCSeconds() ? ` ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` : '';
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}${time}`;
  }
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (v.richText) return v.richText.map((r) => r.text).join('').trim();
    if (v.text !== undefined) return cellText(v.text);
    if (v.result !== undefined) return cellText(v.result);
    if (v.error) return '';
  }
  return String(value).trim();
}

export class SheetHeaderError extends Error {
  constructor(readonly missing: HeaderColumn[], readonly found: string[]) {
    super(`missing columns: ${missing.map((c) => c.header).join(', ')}`);
  }
}

/**
 * Streams the first worksheet of an .xlsx file: finds the header row among the first ten rows, maps it
 * to column keys, and yields each non-empty data row with its Excel row number. Throws
 * SheetHeaderError when a required column is missing (or no header row is found), XlsxFormatError
 * when the file is not a readable workbook.
 */
export async function* readXlsxRows(file: string, columns: HeaderColumn[], onHeader?: (h: HeaderMap) => void): AsyncGenerator<SheetRow> {
  const entries = await zipEntries(file);
  const sheet = await firstSheetPath(file, entries);
  const strings = await sharedStrings(file, entries);
  let header: HeaderMap | null = null;
  let best: { map: HeaderMap; cells: string[] } | null = null;
  for await (const row of sheetRows(file, entries, sheet, strings)) {
    if (!header) {
      const cells = new Map<number, string>();
      for (const [i, v] of row.cells) cells.set(i, cellText(v));
      const map = mapHeader(cells, columns);
      if (map.byIndex.size > 0 && map.missingRequired.length === 0) {
        header = map;
        onHeader?.(map);
        continue;
      }
      if (!best || map.byIndex.size > best.map.byIndex.size) best = { map, cells: [...cells.values()].filter(Boolean) };
      if (row.rowNumber >= 10) break;
      continue;
    }
    const values: Record<string, string> = {};
    let any = false;
    for (const [index, key] of header.byIndex) {
      const text = cellText(row.cells.get(index));
      if (text) {
        values[key] = text;
        any = true;
      }
    }
    if (any) yield { rowNumber: row.rowNumber, values };
  }
  if (!header) {
    const missing = best && best.map.byIndex.size ? best.map.missingRequired : columns.filter((c) => c.required);
    throw new SheetHeaderError(missing, best?.cells ?? []);
  }
}
