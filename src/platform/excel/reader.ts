import { StringDecoder } from 'node:string_decoder';
import { Transform, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { unescapeFormula } from './escape.ts';

// ExcelJS 4.4's streaming reader decodes every zip chunk to text on its own (utils/parse-sax.js), so a
// Chinese character whose three UTF-8 bytes straddle two chunks turns into U+FFFD — silently, in
// names and addresses. We hand its parser text that is already decoded across chunk boundaries
// (StringDecoder), for worksheets and for the shared-strings table. Proven by the round-trip test.
async function* decodedChunks(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}
function decodingStream(): Transform {
  const decoder = new StringDecoder('utf8');
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      const text = decoder.write(chunk);
      cb(null, text ? Buffer.from(text) : undefined); // whole characters only: decoded alone, they decode right
    },
    flush(cb) {
      const rest = decoder.end();
      cb(null, rest ? Buffer.from(rest) : undefined);
    },
  });
}
type ReaderInternals = {
  _parseWorksheet: (iterator: AsyncIterable<Buffer | string>, sheetNo: string) => unknown;
  _parseSharedStrings: (entry: Readable) => unknown;
  __utf8Safe?: boolean;
};
const readerProto = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as ReaderInternals;
if (!readerProto.__utf8Safe) {
  const parseWorksheet = readerProto._parseWorksheet;
  const parseSharedStrings = readerProto._parseSharedStrings;
  readerProto._parseWorksheet = function (this: unknown, iterator, sheetNo) {
    return parseWorksheet.call(this, decodedChunks(iterator), sheetNo);
  };
  readerProto._parseSharedStrings = function (this: unknown, entry) {
    return parseSharedStrings.call(this, entry.pipe(decodingStream()));
  };
  readerProto.__utf8Safe = true;
}

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
 * Streams the first worksheet of an .xlsx (path or stream): finds the header row among the first ten
 * rows, maps it to column keys, and yields each non-empty data row with its Excel row number.
 * Throws SheetHeaderError when a required column is missing (or no header row is found).
 */
export async function* readXlsxRows(input: string | Readable, columns: HeaderColumn[], onHeader?: (h: HeaderMap) => void): AsyncGenerator<SheetRow> {
  const wb = new ExcelJS.stream.xlsx.WorkbookReader(input as never, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  let header: HeaderMap | null = null;
  let best: { map: HeaderMap; cells: string[] } | null = null;
  for await (const ws of wb) {
    for await (const row of ws) {
      const raw = (row as unknown as { values: unknown[] }).values; // 1-based sparse array
      if (!header) {
        const cells = new Map<number, string>();
        raw.forEach((v, i) => cells.set(i, cellText(v)));
        const map = mapHeader(cells, columns);
        if (map.byIndex.size > 0 && map.missingRequired.length === 0) {
          header = map;
          onHeader?.(map);
          continue;
        }
        if (!best || map.byIndex.size > best.map.byIndex.size) best = { map, cells: [...cells.values()].filter(Boolean) };
        if (row.number >= 10) throw new SheetHeaderError(best.map.byIndex.size ? best.map.missingRequired : columns.filter((c) => c.required), best.cells);
        continue;
      }
      const values: Record<string, string> = {};
      let any = false;
      for (const [index, key] of header.byIndex) {
        const text = cellText(raw[index]);
        if (text) {
          values[key] = text;
          any = true;
        }
      }
      if (any) yield { rowNumber: row.number, values };
    }
    break; // the first worksheet only
  }
  if (!header) throw new SheetHeaderError(best ? best.map.missingRequired.length ? best.map.missingRequired : columns.filter((c) => c.required) : columns.filter((c) => c.required), best?.cells ?? []);
}
