import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';

/** An .xlsx in memory from a header row and data rows (cells as a person would type them). */
export async function sheetBuffer(headers: string[], rows: (string | number | null)[][], sheetName = 'Sheet1'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A multipart/form-data body with one file (field "file"), for Fastify inject. */
export function multipartBody(fileName: string, content: Buffer, contentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') {
  const boundary = `----salesdesk${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** All rows of the first sheet of an .xlsx as arrays of cell values (1-based columns dropped to 0-based). */
export async function readSheet(content: Buffer, sheet = 0): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(content as never);
  const ws = wb.worksheets[sheet];
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

type InjectApp = { inject: (opts: any) => Promise<{ statusCode: number; body: string; rawPayload: Buffer; headers: Record<string, unknown>; json: () => any; cookies: { name: string; value: string }[] }> };

/** A logged-in session that keeps raw bodies (downloads) and can send multipart uploads. */
export async function rawSession(app: InjectApp, username: string, password: string) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const cookie = `sd_session=${res.cookies.find((c) => c.name === 'sd_session')!.value}`;
  const csrf = (await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).json().csrfToken as string;
  return {
    get: (url: string) => app.inject({ method: 'GET', url, headers: { cookie } }),
    postJson: (url: string, body: unknown) => app.inject({ method: 'POST', url, payload: body as object, headers: { cookie, 'x-csrf-token': csrf } }),
    upload: (url: string, fileName: string, content: Buffer, contentType?: string) => {
      const m = multipartBody(fileName, content, contentType);
      return app.inject({ method: 'POST', url, payload: m.payload, headers: { ...m.headers, cookie, 'x-csrf-token': csrf } });
    },
  };
}
