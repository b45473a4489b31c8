import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { elements, entryText, firstSheetPath, runsText, sharedStrings, sheetRows, xmlText, zipEntries } from './xlsx-zip.ts';

// sheetRows scans the worksheet XML with indexOf. This is the regular-expression reader it replaced,
// kept as the reference: on any sheet ExcelJS writes (streamed or not, shared or inline strings, rich
// text, formulas, booleans, numbers, gaps, text long enough to cross the zip's chunks) both give the same rows.

const C_RE = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
const V_RE = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>/;
const colIndex = (letters: string) => {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
};
async function* referenceRows(file: string, entries: Awaited<ReturnType<typeof zipEntries>>, part: string, strings: string[]) {
  let rowNumber = 0;
  for await (const row of elements(entryText(file, entries.get(part)!), 'row')) {
    const r = /\br="(\d+)"/.exec(row.attrs);
    rowNumber = r ? Number(r[1]) : rowNumber + 1;
    const cells = new Map<number, string | number | boolean>();
    let col = 0;
    C_RE.lastIndex = 0;
    for (let m = C_RE.exec(row.body); m; m = C_RE.exec(row.body)) {
      const attrs = m[1];
      const ref = /\br="([A-Z]+)\d*"/.exec(attrs);
      col = ref ? colIndex(ref[1]) : col + 1;
      const body = m[2];
      if (!body) continue;
      const type = /\bt="(\w+)"/.exec(attrs)?.[1] ?? 'n';
      if (type === 'inlineStr') {
        cells.set(col, runsText(body));
        continue;
      }
      const v = V_RE.exec(body)?.[1];
      if (v === undefined) continue;
      if (type === 's') cells.set(col, strings[Number(v)] ?? '');
      else if (type === 'str') cells.set(col, xmlText(v));
      else if (type === 'b') cells.set(col, v === '1');
      else if (type === 'e') continue;
      else cells.set(col, Number(v));
    }
    yield { rowNumber, cells };
  }
}

async function bothReaders(file: string) {
  const entries = await zipEntries(file);
  const part = await firstSheetPath(file, entries);
  const strings = await sharedStrings(file, entries);
  const got: unknown[] = [];
  for await (const r of sheetRows(file, entries, part, strings)) got.push([r.rowNumber, [...r.cells]]);
  const want: unknown[] = [];
  for await (const r of referenceRows(file, entries, part, strings)) want.push([r.rowNumber, [...r.cells]]);
  return { got, want };
}

const plain = { noNullPrototype: true } as const; // ExcelJS calls hasOwnProperty on cell values
const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('昆明市五华区人民中路 100 号', 'A&B <商行> "引号" \'单\'', '  两边空格  ', '=SUM(A1)', "'=1", '_x000D_', '\t', '云'.repeat(3000), 'x'.repeat(20000), '&amp;&lt;'),
);
const value = fc.oneof(
  { weight: 5, arbitrary: text },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.record({ richText: fc.array(fc.record({ text: fc.string({ minLength: 1, maxLength: 8 }) }, plain), { minLength: 1, maxLength: 3 }) }, plain) },
  { weight: 1, arbitrary: fc.record({ formula: fc.constantFrom('1+1', 'A1&"x"'), result: fc.oneof(fc.integer(), fc.string({ maxLength: 6 })) }, plain) },
);
const sheet = fc.record({
  rows: fc.array(fc.record({ gap: fc.nat(3), cells: fc.array(fc.option(value, { nil: undefined }), { maxLength: 30 }) }), { maxLength: 40 }),
  streamed: fc.boolean(),
  sharedStrings: fc.boolean(),
});

async function writeSheet(file: string, s: { rows: { gap: number; cells: unknown[] }[]; streamed: boolean; sharedStrings: boolean }) {
  let rowNumber = 0;
  if (s.streamed) {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: s.sharedStrings });
    const ws = wb.addWorksheet('S');
    for (const r of s.rows) {
      rowNumber += r.gap + 1;
      const row = ws.getRow(rowNumber);
      r.cells.forEach((c, i) => {
        if (c !== undefined) row.getCell(i + 1).value = c as ExcelJS.CellValue;
      });
      row.commit();
    }
    ws.commit();
    await wb.commit();
  } else {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    for (const r of s.rows) {
      rowNumber += r.gap + 1;
      r.cells.forEach((c, i) => {
        if (c !== undefined) ws.getRow(rowNumber).getCell(i + 1).value = c as ExcelJS.CellValue;
      });
    }
    await wb.xlsx.writeFile(file);
  }
}

describe('worksheet rows', () => {
  it('the indexOf scanner reads every sheet exactly as the regular-expression reader did', async () => {
    const file = path.join(os.tmpdir(), `sd-xlsx-rows-${process.pid}.xlsx`);
    try {
      await fc.assert(
        fc.asyncProperty(sheet, async (s) => {
          await writeSheet(file, s);
          const { got, want } = await bothReaders(file);
          expect(got).toEqual(want);
        }),
        { numRuns: 150 },
      );
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});
