import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';

// The few pieces of an .xlsx (a ZIP of XML parts) that an import needs, read straight from the uploaded
// file: the central directory gives each part's place, a part is inflated as a stream and decoded to
// text across chunk boundaries. ExcelJS's streaming reader builds a Row and a Cell object per cell and
// split Chinese characters at chunk edges; for 100,000-row uploads this reader is several times
// cheaper in CPU and memory. Writing stays with ExcelJS.

type ZipEntry = { name: string; method: number; compressedSize: number; localOffset: number };

export class XlsxFormatError extends Error {}

export async function zipEntries(file: string): Promise<Map<string, ZipEntry>> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const { size } = await fh.stat();
    const tailLen = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new XlsxFormatError('no zip directory');
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset + cdSize > size) throw new XlsxFormatError('bad zip directory');
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const entries = new Map<string, ZipEntry>();
    let p = 0;
    while (p + 46 <= cd.length && cd.readUInt32LE(p) === 0x02014b50) {
      const nameLen = cd.readUInt16LE(p + 28);
      const name = cd.toString('utf8', p + 46, p + 46 + nameLen);
      entries.set(name, { name, method: cd.readUInt16LE(p + 10), compressedSize: cd.readUInt32LE(p + 20), localOffset: cd.readUInt32LE(p + 42) });
      p += 46 + nameLen + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
    }
    return entries;
  } finally {
    await fh.close();
  }
}

async function entryStream(file: string, e: ZipEntry): Promise<Readable> {
  const fh = await fs.promises.open(file, 'r');
  const head = Buffer.alloc(30);
  try {
    await fh.read(head, 0, 30, e.localOffset);
  } finally {
    await fh.close();
  }
  if (head.readUInt32LE(0) !== 0x04034b50) throw new XlsxFormatError('bad zip entry');
  const start = e.localOffset + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
  if (e.compressedSize === 0) return fs.createReadStream(file, { start, end: start - 1 });
  const raw = fs.createReadStream(file, { start, end: start + e.compressedSize - 1 });
  if (e.method === 0) return raw;
  if (e.method !== 8) throw new XlsxFormatError(`zip method ${e.method}`);
  const inflate = zlib.createInflateRaw();
  raw.on('error', (err) => inflate.destroy(err));
  return raw.pipe(inflate);
}

/** A part of the archive as decoded text chunks (whole characters only). */
export async function* entryText(file: string, e: ZipEntry): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of await entryStream(file, e)) {
    const text = decoder.write(chunk as Buffer);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** Yields every complete `<tag …>…</tag>` (or `<tag …/>`) element of a streamed part, in order. */
export async function* elements(chunks: AsyncIterable<string>, tag: string): AsyncGenerator<{ attrs: string; body: string }> {
  const close = `</${tag}>`;
  const re = new RegExp(`<${tag}\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${tag}>)`, 'g');
  let buf = '';
  const drain = function* (text: string) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) yield { attrs: m[1], body: m[2] ?? '' };
  };
  for await (const chunk of chunks) {
    buf += chunk;
    const end = buf.lastIndexOf(close);
    if (end < 0) continue;
    yield* drain(buf.slice(0, end + close.length));
    buf = buf.slice(end + close.length);
  }
  yield* drain(buf);
}

const ENTITY = /&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);|_x([0-9A-Fa-f]{4})_/g;
const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function xmlText(s: string): string {
  if (s.indexOf('&') < 0 && s.indexOf('_x') < 0) return s;
  return s.replace(ENTITY, (_, ent: string | undefined, hex: string | undefined) => {
    if (hex) return String.fromCharCode(parseInt(hex, 16));
    if (ent![0] === '#') return String.fromCodePoint(ent![1] === 'x' ? parseInt(ent!.slice(2), 16) : parseInt(ent!.slice(1), 10));
    return named[ent!];
  });
}

const T_RE = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g;
const PHONETIC = /<rPh\b[\s\S]*?<\/rPh>/g;

/** The text of a shared or inline string: its <t> runs (rich text), without phonetic guides. */
export function runsText(body: string): string {
  const clean = body.indexOf('<rPh') >= 0 ? body.replace(PHONETIC, '') : body;
  let out = '';
  T_RE.lastIndex = 0;
  for (let m = T_RE.exec(clean); m; m = T_RE.exec(clean)) out += m[1];
  return xmlText(out);
}

/** The first worksheet's part name, by the workbook's sheet order. */
export async function firstSheetPath(file: string, entries: Map<string, ZipEntry>): Promise<string> {
  const wb = entries.get('xl/workbook.xml');
  const rels = entries.get('xl/_rels/workbook.xml.rels');
  if (wb && rels) {
    let firstId: string | null = null;
    for await (const s of elements(entryText(file, wb), 'sheet')) {
      firstId = /\br:id="([^"]+)"/.exec(s.attrs)?.[1] ?? null;
      break;
    }
    if (firstId) {
      for await (const r of elements(entryText(file, rels), 'Relationship')) {
        if (/\bId="([^"]+)"/.exec(r.attrs)?.[1] !== firstId) continue;
        const target = /\bTarget="([^"]+)"/.exec(r.attrs)?.[1] ?? '';
        const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
        if (entries.has(path)) return path;
      }
    }
  }
  const sheets = [...entries.keys()].filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).sort((a, b) => Number(/\d+/.exec(a)) - Number(/\d+/.exec(b)));
  if (!sheets.length) throw new XlsxFormatError('no worksheet');
  return sheets[0];
}

export async function sharedStrings(file: string, entries: Map<string, ZipEntry>): Promise<string[]> {
  const e = entries.get('xl/sharedStrings.xml');
  if (!e) return [];
  const out: string[] = [];
  for await (const si of elements(entryText(file, e), 'si')) out.push(runsText(si.body));
  return out;
}

/** The value of attribute `name` in the tag text buf[from, to), or undefined (`name` is matched whole: preceded by whitespace). */
function attr(buf: string, from: number, to: number, name: string): string | undefined {
  const probe = `${name}="`;
  for (let i = buf.indexOf(probe, from); i >= 0 && i < to; i = buf.indexOf(probe, i + 1)) {
    if (buf.charCodeAt(i - 1) > 32) continue; // the tail of a longer attribute name
    const start = i + probe.length;
    const end = buf.indexOf('"', start);
    return end < 0 || end > to ? undefined : buf.slice(start, end);
  }
  return undefined;
}

/** Where the element `<tag …>` that starts at or after `from` begins (its name matched whole), or -1. */
function openTag(buf: string, tag: string, from: number, to: number): number {
  for (let i = buf.indexOf(tag, from); i >= 0 && i < to; i = buf.indexOf(tag, i + 1)) {
    const next = buf.charCodeAt(i + tag.length);
    if (next === 62 /* > */ || next === 47 /* / */ || next <= 32) return i;
    if (Number.isNaN(next)) return i; // at the end of the text read so far: the caller waits for more
  }
  return -1;
}

/** The column number of a cell reference ("AB12" → 28: capital letters, then digits only), or 0 when it is not one. */
function colOfRef(ref: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 48 || c > 57) return 0;
  }
  return n;
}

type CellValue = string | number | boolean;

/** The cells of one row's XML (buf[from, to)): 1-based column → value, by the rules of sheetRows. */
function rowCells(buf: string, from: number, to: number, strings: string[]): Map<number, CellValue> {
  const cells = new Map<number, CellValue>();
  let col = 0;
  for (let p = openTag(buf, '<c', from, to); p >= 0; p = openTag(buf, '<c', p, to)) {
    const cellStart = p;
    const tagEnd = buf.indexOf('>', p);
    if (tagEnd < 0 || tagEnd >= to) break;
    const ref = attr(buf, p, tagEnd, 'r');
    const refCol = ref === undefined ? 0 : colOfRef(ref);
    col = refCol > 0 ? refCol : col + 1;
    if (buf.charCodeAt(tagEnd - 1) === 47 /* / */) {
      p = tagEnd + 1;
      continue; // <c …/>: no value
    }
    const close = buf.indexOf('</c>', tagEnd + 1);
    if (close < 0 || close > to) break;
    p = close + 4;
    if (close === tagEnd + 1) continue; // <c …></c>
    const type = attr(buf, cellStart, tagEnd, 't') ?? 'n';
    if (type === 'inlineStr') {
      cells.set(col, runsText(buf.slice(tagEnd + 1, close)));
      continue;
    }
    const v = openTag(buf, '<v', tagEnd + 1, close);
    if (v < 0) continue;
    const vOpenEnd = buf.indexOf('>', v);
    if (vOpenEnd < 0 || vOpenEnd >= close) continue;
    if (buf.charCodeAt(vOpenEnd - 1) === 47) continue; // <v/>: no value
    const vClose = buf.indexOf('</v>', vOpenEnd + 1);
    if (vClose < 0 || vClose > close) continue;
    const text = buf.slice(vOpenEnd + 1, vClose);
    if (type === 's') cells.set(col, strings[Number(text)] ?? '');
    else if (type === 'str') cells.set(col, xmlText(text));
    else if (type === 'b') cells.set(col, text === '1');
    else if (type === 'e') continue;
    else cells.set(col, Number(text));
  }
  return cells;
}

/**
 * Streams the rows of a worksheet part: row number and cell values (1-based column → string | number | boolean).
 * The XML is scanned with indexOf (no regular expression and no match object per cell: a 100,000-row
 * upload has two million cells). A row's number is its r attribute, else the one after the previous row;
 * a cell's column is its reference's letters, else the one after the previous cell; cells without a
 * value (or of type e, an error) are left out.
 */
export async function* sheetRows(file: string, entries: Map<string, ZipEntry>, path: string, strings: string[]): AsyncGenerator<{ rowNumber: number; cells: Map<number, CellValue> }> {
  const e = entries.get(path);
  if (!e) throw new XlsxFormatError('no worksheet');
  let rowNumber = 0;
  let buf = '';
  for await (const chunk of entryText(file, e)) {
    buf = buf ? buf + chunk : chunk;
    let pos = 0;
    for (;;) {
      const start = openTag(buf, '<row', pos, buf.length);
      if (start < 0) {
        pos = Math.max(pos, buf.length - 8); // a tag cut at the chunk's end is kept for the next chunk
        break;
      }
      const tagEnd = buf.indexOf('>', start);
      if (tagEnd < 0 || start + 4 >= buf.length) {
        pos = start;
        break;
      }
      let bodyEnd = tagEnd + 1;
      let next = tagEnd + 1;
      if (buf.charCodeAt(tagEnd - 1) !== 47 /* / */) {
        bodyEnd = buf.indexOf('</row>', tagEnd + 1);
        if (bodyEnd < 0) {
          pos = start;
          break;
        }
        next = bodyEnd + 6;
      }
      const r = attr(buf, start, tagEnd, 'r');
      rowNumber = r !== undefined && /^\d+$/.test(r) ? Number(r) : rowNumber + 1;
      yield { rowNumber, cells: rowCells(buf, tagEnd + 1, bodyEnd, strings) };
      pos = next;
    }
    buf = pos >= buf.length ? '' : buf.slice(pos);
  }
}
