import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellValue, contentDisposition, escapeFormula, mapHeader, readXlsxRows, unescapeFormula, writeXlsxFile, xlsxBuffer } from './index.ts';

const tmp = (name: string) => path.join(os.tmpdir(), `sd-excel-${process.pid}-${name}`);
const columns = [
  { key: 'name', header: '客户名称', aliases: ['名称'], required: true },
  { key: 'addr', header: '地址' },
  { key: 'n', header: '数量' },
];

async function readAll(file: string, cols = columns) {
  const out = [];
  for await (const r of readXlsxRows(file, cols)) out.push(r);
  return out;
}

describe('formula injection', () => {
  it('prefixes text that a spreadsheet would run as a formula, and only that; the reader strips it again', () => {
    for (const bad of ['=1+1', '+86 138', '-2', '@SUM(A1)', '\t=x', '\r=x']) {
      expect(escapeFormula(bad)).toBe(`'${bad}`);
      expect(unescapeFormula(escapeFormula(bad))).toBe(bad);
    }
    for (const ok of ['昆明', 'a=b', '13800138000', "'quoted", '']) expect(escapeFormula(ok)).toBe(ok);
    // text that itself starts with an apostrophe before a formula character survives the round trip
    for (const quoted of ["'=", "'=1+1", "''-2"]) {
      expect(escapeFormula(quoted)).toBe(`'${quoted}`);
      expect(unescapeFormula(escapeFormula(quoted))).toBe(quoted);
    }
    fc.assert(fc.property(fc.string(), (s) => unescapeFormula(escapeFormula(s)) === s && !/^[=+\-@\t\r]/.test(escapeFormula(s))));
  });

  it('writes numbers as numbers, fen as yuan, text escaped', () => {
    expect(cellValue(123456, 'fen')).toBe(1234.56);
    expect(cellValue(-5)).toBe(-5);
    expect(cellValue('=cmd|calc')).toBe("'=cmd|calc");
    expect(cellValue(['a', '=b'])).toBe("'a,=b".replace("'", '')); // joined text starting with "a" needs no prefix
    expect(cellValue(null)).toBeNull();
  });

  it('names the file in Content-Disposition per RFC 5987 with an ASCII fallback', () => {
    expect(contentDisposition('客户列表.xlsx')).toBe(`attachment; filename="____.xlsx"; filename*=UTF-8''%E5%AE%A2%E6%88%B7%E5%88%97%E8%A1%A8.xlsx`);
  });
});

describe('streamed writer and reader', () => {
  it('refuses a file that is not a workbook', async () => {
    const file = tmp('junk.xlsx');
    fs.writeFileSync(file, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(300, 9)]));
    await expect(readAll(file)).rejects.toThrow();
    fs.rmSync(file, { force: true });
  });

  it('round-trips thousands of Chinese rows exactly (characters split across zip chunks stay whole)', async () => {
    const file = tmp('cjk.xlsx');
    const rows = Array.from({ length: 4000 }, (_, i) => ({ name: `云南省昆明市第${i}号酒水批发商行（滇池路分店）`, addr: `五华区人民中路${i}号，邮编 650000 —「测试」`, n: i }));
    await writeXlsxFile(file, [{ name: '客户', columns: columns.map((c) => ({ header: c.header, key: c.key })), rows }]);
    const back = await readAll(file);
    fs.rmSync(file, { force: true });
    expect(back).toHaveLength(4000);
    back.forEach((r, i) => {
      expect(r.rowNumber).toBe(i + 2);
      expect(r.values).toEqual({ name: rows[i].name, addr: rows[i].addr, n: String(i) });
    });
    expect(back.some((r) => Object.values(r.values).some((v) => v.includes('\uFFFD')))).toBe(false);
  });

  it('reads a workbook saved the usual way (shared strings), with the header found below a title row', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addRow(['2026 年客户清单']);
    ws.addRow(['名称', '其他', '数量', '地址']);
    for (let i = 0; i < 3000; i++) ws.addRow([`滇西${i}号烟酒行`, 'x', i, i % 2 ? null : `大理市${i}号`]);
    ws.addRow([]);
    ws.addRow([{ richText: [{ text: '富文本' }, { text: '客户' }] }, null, { formula: '1+1', result: 2 }]);
    ws.addRow(['A&B <商行> "引号" \'单\'', 'y', 3.5, '  两边空格  ']);
    const file = tmp('shared.xlsx');
    await wb.xlsx.writeFile(file);
    const back = await readAll(file);
    fs.rmSync(file, { force: true });
    expect(back).toHaveLength(3002);
    expect(back[0]).toEqual({ rowNumber: 3, values: { name: '滇西0号烟酒行', n: '0', addr: '大理市0号' } });
    expect(back[2999].values).toEqual({ name: '滇西2999号烟酒行', n: '2999' });
    expect(back[3000]).toEqual({ rowNumber: 3004, values: { name: '富文本客户', n: '2' } });
    expect(back[3001]).toEqual({ rowNumber: 3005, values: { name: 'A&B <商行> "引号" \'单\'', n: '3.5', addr: '两边空格' } });
  });

  it('maps headers by title, alias and key, ignoring marks like * and （必填）', () => {
    const cells = new Map([[1, '客户名称（必填）*'], [2, ' 地 址 '], [3, '无关']]);
    const m = mapHeader(cells, columns);
    expect([...m.byIndex]).toEqual([[1, 'name'], [2, 'addr']]);
    expect(m.unknown).toEqual(['无关']);
    expect(mapHeader(new Map([[1, '名称']]), columns).missingRequired).toEqual([]);
    expect(mapHeader(new Map([[1, '地址']]), columns).missingRequired.map((c) => c.header)).toEqual(['客户名称']);
  });

  it('writes an escaped sheet that Excel reads as text, with frozen header and yuan format', async () => {
    const buf = await xlsxBuffer([{ name: '金额', columns: [{ header: '名称', key: 'name' }, { header: '金额', key: 'amount', format: 'fen' }], rows: [{ name: '=EVIL()', amount: 123456 }] }]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as never);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A2').value).toBe("'=EVIL()");
    expect(ws.getCell('B2').value).toBe(1234.56);
    expect(ws.getCell('B2').numFmt).toBe('0.00');
    expect(ws.getCell('A1').value).toBe('名称');
  });
});
