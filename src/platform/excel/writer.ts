import { PassThrough } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { contentDisposition, escapeFormula } from './escape.ts';

/** fen: integer fen written as yuan (0.00); permille: an integer ‰ written as percent (0.0). */
export type ColumnFormat = 'text' | 'integer' | 'fen' | 'permille' | 'date';
export type XlsxColumn = { header: string; key: string; width?: number; format?: ColumnFormat };
export type XlsxSheet = { name: string; columns: XlsxColumn[]; rows: AsyncIterable<Record<string, unknown>> | Iterable<Record<string, unknown>> };

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_BUFFERED = 4 * 1024 * 1024; // pause reading rows while this much output waits for the client

/** One cell value as written: text escaped against formula injection, fen as yuan numbers. */
export function cellValue(value: unknown, format: ColumnFormat = 'text'): string | number | boolean | null {
  if (value === null || value === undefined || value === '') return null;
  if (format === 'fen' && typeof value === 'number') return value / 100; // display only; shown with 0.00
  if (format === 'permille' && typeof value === 'number') return value / 10; // shown with 0.0 under a (%) header
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return escapeFormula(value.toISOString());
  if (Array.isArray(value)) return escapeFormula(value.join(','));
  return escapeFormula(String(value));
}

const numFmtOf = (format?: ColumnFormat) => (format === 'fen' ? '0.00' : format === 'permille' ? '0.0' : format === 'integer' ? '0' : format === 'text' || !format ? '@' : undefined);

/**
 * Writes sheets to a stream with ExcelJS's streaming writer: rows are committed one by one, so a
 * million-row export holds only the current row (and what the client has not read yet) in memory.
 */
export async function writeXlsx(out: NodeJS.WritableStream, sheets: XlsxSheet[], onRow?: (n: number) => void): Promise<number> {
  // loaded on the first export, not at start: ExcelJS is ~25 MB of a process that may never write a sheet
  // (an import's peak memory is measured against 300 MB)
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out as never, useStyles: true, useSharedStrings: false });
  let count = 0;
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = sheet.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? Math.max(10, c.header.length * 2 + 4), style: { numFmt: numFmtOf(c.format) } }));
    const header = ws.getRow(1);
    header.font = { bold: true };
    header.commit();
    for await (const row of sheet.rows as AsyncIterable<Record<string, unknown>>) {
      const values: Record<string, unknown> = {};
      for (const c of sheet.columns) values[c.key] = cellValue(row[c.key], c.format);
      ws.addRow(values).commit();
      count += 1;
      onRow?.(count);
      if (count % 500 === 0) await waitForClient(out);
    }
    ws.commit();
  }
  await wb.commit();
  return count;
}

async function waitForClient(out: NodeJS.WritableStream) {
  const s = out as unknown as PassThrough;
  while (!s.destroyed && (s.readableLength ?? 0) + (s.writableLength ?? 0) > MAX_BUFFERED) {
    await new Promise((r) => setTimeout(r, 5));
  }
}

export type StreamXlsxOptions = {
  fileName: string;
  sheetName: string;
  columns: XlsxColumn[];
  rows: AsyncIterable<Record<string, unknown>> | Iterable<Record<string, unknown>>;
  /** known row count, sent as X-Total-Rows so the browser can show a progress bar */
  totalRows?: number;
  /** further sheets, e.g. column explanations in an import template */
  extraSheets?: XlsxSheet[];
};

/** Streams an .xlsx to the HTTP response (Chinese file name per RFC 5987). Return the reply from the handler. */
export function streamXlsx(reply: FastifyReply, opts: StreamXlsxOptions): FastifyReply {
  const out = new PassThrough();
  reply.header('content-type', XLSX_MIME);
  reply.header('content-disposition', contentDisposition(opts.fileName.endsWith('.xlsx') ? opts.fileName : `${opts.fileName}.xlsx`));
  reply.header('cache-control', 'no-store');
  if (opts.totalRows !== undefined) {
    reply.header('x-total-rows', String(opts.totalRows));
    reply.header('access-control-expose-headers', 'x-total-rows, content-disposition');
  }
  writeXlsx(out, [{ name: opts.sheetName, columns: opts.columns, rows: opts.rows }, ...(opts.extraSheets ?? [])]).catch((err) => {
    // headers are gone already: the client sees a broken download, the log has the cause
    reply.log.error({ err }, 'xlsx export failed');
    out.destroy(err as Error);
  });
  return reply.send(out);
}

/** Writes an .xlsx file to disk (fixtures, benchmarks). */
export async function writeXlsxFile(file: string, sheets: XlsxSheet[]): Promise<number> {
  const fs = await import('node:fs');
  const out = fs.createWriteStream(file);
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', () => resolve());
    out.on('error', reject);
  });
  const n = await writeXlsx(out, sheets);
  await done;
  return n;
}

/** An .xlsx in memory (small sheets: error reports in tests, templates). */
export async function xlsxBuffer(sheets: XlsxSheet[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((r) => out.on('end', () => r()));
  await writeXlsx(out, sheets);
  await ended;
  return Buffer.concat(chunks);
}
