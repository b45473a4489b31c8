import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, type TestApp } from '../../../test/fixtures/app.ts';
import { makeCompany, makeUser, TEST_PASSWORD, type TestCompany, type TestUser } from '../../../test/fixtures/factories.ts';
import { isoNow } from '../../platform/time.ts';
import type { Executor } from '../../db/database.ts';
import { registerImportTarget, type ImportTarget, type RowError, type RowPlan } from './target.ts';
import { rawSession, readSheet, sheetBuffer } from './test-helpers.ts';

// The import mechanism with a small target of its own (notes to oneself, stored as notifications), so
// the platform is proven independently of any business module.
type Note = { title: string; body: string | null; level: 'low' | 'high' };
const noteTarget: ImportTarget<Note> = {
  kind: 'test-notes',
  label: '便签',
  permission: 'customer.import',
  columns: [
    { key: 'title', header: '标题', aliases: ['主题'], required: true, example: '周一例会' },
    { key: 'body', header: '内容', example: '带上报表' },
    { key: 'level', header: '级别', example: '高', description: '高 / 低' },
  ],
  rowSchema: z.object({
    title: z.string().max(20), // messages from the mechanism's Chinese fallbacks
    body: z.string().optional().transform((v) => v ?? null),
    level: z.enum(['高', '低'], { error: '只能填“高”或“低”' }).optional().transform((v) => (v === '高' ? 'high' : 'low') as Note['level']),
  }),
  async checkRows(tx, ctx, rows, seen) {
    const errors = new Map<number, RowError[]>();
    const existing = new Set(
      (await tx.selectFrom('notifications').select('title').where('companyId', '=', ctx.companyId).where('userId', '=', ctx.userId).where('kind', '=', 'note').where('title', 'in', rows.map((r) => r.data.title)).execute()).map((r) => r.title),
    );
    for (const r of rows) {
      if (existing.has(r.data.title)) errors.set(r.rowNumber, [{ column: 'title', message: '与已有便签重复' }]);
      else if (seen) {
        const first = seen.get(r.data.title);
        if (first) errors.set(r.rowNumber, [{ column: 'title', message: `与第 ${first} 行重复` }]);
        else seen.set(r.data.title, r.rowNumber);
      }
    }
    return errors;
  },
  async insertRows(tx, ctx, rows) {
    await tx.insertInto('notifications').values(rows.map((r) => ({ companyId: ctx.companyId, userId: ctx.userId, kind: 'note', title: r.data.title, body: r.data.body, entity: r.data.level, entityId: r.rowNumber, createdAt: isoNow() }))).execute();
    return rows.length;
  },
};

// A target that also updates: a memo whose title exists gets the row's body ('update', its change listed),
// or is 'unchanged' when the body is the same.
const memoTarget: ImportTarget<Note> = {
  ...noteTarget,
  kind: 'test-memos',
  label: '备忘',
  async checkRows(_tx, _ctx, rows, seen) {
    const errors = new Map<number, RowError[]>();
    for (const r of rows) {
      const first = seen?.get(r.data.title);
      if (first) errors.set(r.rowNumber, [{ column: 'title', message: `与第 ${first} 行重复` }]);
      else seen?.set(r.data.title, r.rowNumber);
    }
    return errors;
  },
  async classifyRows(tx, ctx, rows) {
    const existing = new Map((await memosByTitle(tx, ctx.userId, rows.map((r) => r.data.title))).map((m) => [m.title, m]));
    const plans = new Map<number, RowPlan>();
    for (const r of rows) {
      const m = existing.get(r.data.title);
      if (!m) continue;
      plans.set(r.rowNumber, m.body === r.data.body ? { action: 'unchanged' } : { action: 'update', changes: [{ column: 'body', from: m.body ?? '（空）', to: r.data.body ?? '（空）' }] });
    }
    return plans;
  },
  async insertRows(tx, ctx, rows) {
    const existing = new Map((await memosByTitle(tx, ctx.userId, rows.map((r) => r.data.title))).map((m) => [m.title, m]));
    for (const r of rows) {
      const m = existing.get(r.data.title);
      if (m && m.body === r.data.body) throw new Error(`row ${r.rowNumber} is unchanged and was passed to insertRows`);
      if (m) await tx.updateTable('notifications').set({ body: r.data.body }).where('id', '=', m.id).execute();
      else await tx.insertInto('notifications').values({ companyId: ctx.companyId, userId: ctx.userId, kind: 'memo', title: r.data.title, body: r.data.body, createdAt: isoNow() }).execute();
    }
    return rows.length;
  },
};
const memosByTitle = (tx: Executor, userId: number, titles: string[]) =>
  tx.selectFrom('notifications').select(['id', 'title', 'body']).where('userId', '=', userId).where('kind', '=', 'memo').where('title', 'in', titles).execute();

let t: TestApp;
let company: TestCompany;
let clerk: TestUser;
let other: TestUser;
let s: Awaited<ReturnType<typeof rawSession>>;
beforeAll(async () => {
  registerImportTarget(noteTarget);
  registerImportTarget(memoTarget);
  t = await createTestApp();
  company = await makeCompany(t.db);
  clerk = await makeUser(t.db, company, { roleCode: 'clerk' });
  other = await makeUser(t.db, company, { roleCode: 'clerk' });
  s = await rawSession(t.app, clerk.username, TEST_PASSWORD);
});
afterAll(() => t.close());

const notesOf = (userId: number) => t.db.selectFrom('notifications').select(['title', 'body', 'entity']).where('userId', '=', userId).where('kind', '=', 'note').orderBy('id').execute();

async function upload(rows: (string | null)[][], headers = ['标题*', '内容', '级别'], session = s) {
  const res = await session.upload('/api/imports/test-notes', 'notes.xlsx', await sheetBuffer(headers, rows));
  return { status: res.statusCode, body: res.json() };
}

describe('import preview', () => {
  it('reports bad rows with their Excel row numbers and Chinese reasons, and stores nothing yet', async () => {
    const r = await upload([
      ['A1', '正文', '高'],
      [null, '没有标题', null],
      ['A3', null, '中'],
      ['A1', '又一个A1', null],
      ['A5-this-title-is-far-too-long', null, null],
      ['A6', null, null],
    ]);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'preview', totalRows: 6, validRows: 2, invalidRows: 4, importedRows: 0, label: '便签' });
    const bad = r.body.errorRows.items.map((i: any) => [i.rowNumber, i.errors.map((e: any) => `${e.header}：${e.message}`).join('；')]);
    expect(bad).toEqual([
      [3, '标题：必填'],
      [4, '级别：只能填“高”或“低”'],
      [5, '标题：与第 2 行重复'],
      [6, '标题：不能超过 20 个字符'],
    ]);
    expect(await notesOf(clerk.id)).toEqual([]);
    const page = await s.get(`/api/imports/${r.body.id}/rows?invalidOnly=0&page=1&pageSize=2`);
    expect(page.json()).toMatchObject({ total: 6, page: 1, pageSize: 2 });
    expect(page.json().items.map((i: any) => i.rowNumber)).toEqual([2, 3]);
  });

  it('maps headers by alias and ignores unknown columns; refuses a sheet without a required column', async () => {
    const r = await upload([['x', '无关', '低']], ['主题', '其它列', '级别']);
    expect(r.status).toBe(200);
    expect(r.body.validRows).toBe(1);
    const rows = await s.get(`/api/imports/${r.body.id}/rows`);
    expect(rows.json().items[0].data).toEqual({ title: 'x', level: '低' });
    const missing = await upload([['正文']], ['内容']);
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('MISSING_COLUMNS');
    expect(missing.body.error.message).toContain('缺少必填列：标题');
  });

  it('refuses a file that is not an .xlsx with 400 UNSUPPORTED_FILE in Chinese, by extension and by content', async () => {
    const csv = await s.upload('/api/imports/test-notes', 'notes.csv', Buffer.from('标题\nA\n'), 'text/csv');
    expect(csv.statusCode).toBe(400);
    expect(csv.json().error).toMatchObject({ code: 'UNSUPPORTED_FILE', message: '不支持的文件类型，请上传 .xlsx 文件' });
    const renamed = await s.upload('/api/imports/test-notes', 'notes.xlsx', Buffer.from('标题,内容\nA,B\n'));
    expect(renamed.statusCode).toBe(400);
    expect(renamed.json().error.code).toBe('UNSUPPORTED_FILE');
    const brokenZip = await s.upload('/api/imports/test-notes', 'notes.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]));
    expect(brokenZip.statusCode).toBe(400);
    expect(brokenZip.json().error.code).toBe('UNREADABLE_FILE');
  });

  it('refuses an upload over the size limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const big = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(21 * 1024 * 1024, 1)]);
    const r = await s.upload('/api/imports/test-notes', 'big.xlsx', big);
    expect(r.statusCode).toBe(413);
    expect(r.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: '上传的文件太大' });
  });

  it('refuses an empty sheet', async () => {
    const r = await upload([]);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toBe('表格中没有数据行');
  });
});

describe('import commit', () => {
  it('all_or_nothing refuses while any row is invalid and imports nothing; valid_only imports exactly the valid rows', async () => {
    const r = await upload([['B1', null, null], ['B1', null, null], ['B3', null, '高']]);
    expect(r.body.invalidRows).toBe(1);
    const refused = await s.postJson(`/api/imports/${r.body.id}/commit`, { mode: 'all_or_nothing' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('HAS_INVALID_ROWS');
    expect(refused.json().error.message).toContain('有 1 行数据有错误');
    expect((await notesOf(clerk.id)).filter((n) => n.title.startsWith('B'))).toEqual([]);

    const done = await s.postJson(`/api/imports/${r.body.id}/commit`, { mode: 'valid_only' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'committed', mode: 'valid_only', importedRows: 2, invalidRows: 1 });
    expect((await notesOf(clerk.id)).filter((n) => n.title.startsWith('B'))).toEqual([
      { title: 'B1', body: null, entity: 'low' },
      { title: 'B3', body: null, entity: 'high' },
    ]);
    const audit = await t.db.selectFrom('auditLog').select(['action', 'after', 'userId']).where('entity', '=', 'import_job').where('entityId', '=', r.body.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].userId).toBe(clerk.id);
    expect(JSON.parse(audit[0].after!)).toMatchObject({ kind: 'test-notes', mode: 'valid_only', totalRows: 3, validRows: 2, invalidRows: 1, importedRows: 2 });

    const again = await s.postJson(`/api/imports/${r.body.id}/commit`, { mode: 'valid_only' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'ALREADY_COMMITTED', message: '该导入已执行过，不能重复导入' });
    expect((await notesOf(clerk.id)).filter((n) => n.title.startsWith('B'))).toHaveLength(2);
  });

  it('all_or_nothing imports every row when all are valid', async () => {
    const r = await upload([['C1', '一', null], ['C2', '二', null]]);
    const done = await s.postJson(`/api/imports/${r.body.id}/commit`, { mode: 'all_or_nothing' });
    expect(done.json()).toMatchObject({ status: 'committed', importedRows: 2 });
  });

  it('checks duplicates again at commit: a record entered since the preview is not imported twice', async () => {
    const r = await upload([['D1', null, null], ['D2', null, null]]);
    expect(r.body.invalidRows).toBe(0);
    await t.db.insertInto('notifications').values({ companyId: company.id, userId: clerk.id, kind: 'note', title: 'D2', body: null, entity: null, entityId: null, createdAt: isoNow() }).execute();
    const refused = await s.postJson(`/api/imports/${r.body.id}/commit`, { mode: 'all_or_nothing' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('第 3 行');
    expect((await notesOf(clerk.id)).filter((n) => n.title === 'D1')).toEqual([]);
    expect((await s.get(`/api/imports/${r.body.id}`)).json().status).toBe('preview'); // rolled back: still previewable
    const done = await s.postJson(`/api/imports/${r.body.id}/commit`, { mode: 'valid_only' });
    expect(done.json()).toMatchObject({ importedRows: 1, invalidRows: 1 });
    expect((await notesOf(clerk.id)).filter((n) => n.title.startsWith('D')).map((n) => n.title)).toEqual(['D2', 'D1']);
  });

  it('lists the invalid rows in a downloadable sheet with their original columns and a 错误原因 column', async () => {
    const r = await upload([['E1', '好', null], [null, '无标题', '低'], ['E3', null, '中']]);
    const res = await s.get(`/api/imports/${r.body.id}/errors.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain(`filename*=UTF-8''notes-${encodeURIComponent('错误明细')}.xlsx`);
    expect(res.headers['x-total-rows']).toBe('2');
    const rows = await readSheet(res.rawPayload);
    expect(rows).toEqual([
      ['行号', '标题', '内容', '级别', '错误原因'],
      [3, undefined, '无标题', '低', '标题：必填'],
      [4, 'E3', undefined, '中', '级别：只能填“高”或“低”'],
    ]);
  });

  it('hides a job from everyone but its creator (404 to see, commit or download), and needs the permission', async () => {
    const r = await upload([['F1', null, null]]);
    const o = await rawSession(t.app, other.username, TEST_PASSWORD);
    expect((await o.get(`/api/imports/${r.body.id}`)).statusCode).toBe(404);
    expect((await o.get(`/api/imports/${r.body.id}/rows`)).statusCode).toBe(404);
    expect((await o.get(`/api/imports/${r.body.id}/errors.xlsx`)).statusCode).toBe(404);
    const commit = await o.postJson(`/api/imports/${r.body.id}/commit`, { mode: 'valid_only' });
    expect(commit.statusCode).toBe(404);
    expect((await notesOf(other.id))).toEqual([]);
    expect((await s.get(`/api/imports/${r.body.id}`)).json().status).toBe('preview');

    const rep = await makeUser(t.db, company, { roleCode: 'rep' }); // reps have no customer.import
    const rs = await rawSession(t.app, rep.username, TEST_PASSWORD);
    const denied = await rs.upload('/api/imports/test-notes', 'notes.xlsx', await sheetBuffer(['标题'], [['G']]));
    expect(denied.statusCode).toBe(403);
    expect((await rs.get('/api/imports/templates/test-notes.xlsx')).statusCode).toBe(403);
    expect((await s.upload('/api/imports/nothing-here', 'x.xlsx', await sheetBuffer(['标题'], [['G']]))).statusCode).toBe(404);
  });

  it('discards a preview: nothing imported and it can no longer be committed', async () => {
    const r = await upload([['H1', null, null]]);
    expect((await s.postJson(`/api/imports/${r.body.id}/discard`, {})).json().status).toBe('discarded');
    expect((await s.postJson(`/api/imports/${r.body.id}/commit`, { mode: 'valid_only' })).statusCode).toBe(409);
    expect((await notesOf(clerk.id)).filter((n) => n.title === 'H1')).toEqual([]);
  });
});

describe('rows that update or change nothing', () => {
  const memos = () => t.db.selectFrom('notifications').select(['title', 'body']).where('userId', '=', clerk.id).where('kind', '=', 'memo').orderBy('title').execute();
  const addMemo = (title: string, body: string | null) => t.db.insertInto('notifications').values({ companyId: company.id, userId: clerk.id, kind: 'memo', title, body, createdAt: isoNow() }).execute();
  const uploadMemos = async (rows: (string | null)[][]) => (await s.upload('/api/imports/test-memos', 'memos.xlsx', await sheetBuffer(['标题', '内容'], rows))).json();

  it('a target that only creates says every valid row is new, and cannot update', async () => {
    const r = await upload([['N1', null, null], [null, '无标题', null]]);
    expect(r.body).toMatchObject({ validRows: 1, newRows: 1, updatedRows: 0, unchangedRows: 0, invalidRows: 1, updates: false });
    expect((await s.get(`/api/imports/${r.body.id}/rows`)).json().items.map((i: any) => [i.rowNumber, i.action])).toEqual([[2, 'new'], [3, null]]);
  });

  it('previews 新增 / 修改 (with the changes) / 无变化 / 有错误; commits only the new and changed rows, counted so and audited', async () => {
    await addMemo('M1', '旧内容');
    await addMemo('M2', '不变');
    const r = await uploadMemos([['M1', '新内容'], ['M2', '不变'], ['M3', '新的'], ['M3', '重复'], ['M4', null]]);
    expect(r).toMatchObject({ totalRows: 5, validRows: 4, newRows: 2, updatedRows: 1, unchangedRows: 1, invalidRows: 1, updates: true });
    expect(r.errorRows.items.map((i: any) => i.rowNumber)).toEqual([5]);
    const updates = (await s.get(`/api/imports/${r.id}/rows?action=update`)).json();
    expect(updates).toMatchObject({ total: 1, items: [{ rowNumber: 2, valid: true, action: 'update', changes: [{ column: 'body', label: '内容', from: '旧内容', to: '新内容' }] }] });
    expect((await s.get(`/api/imports/${r.id}/rows?action=unchanged`)).json().items.map((i: any) => i.rowNumber)).toEqual([3]);
    expect((await s.get(`/api/imports/${r.id}/rows?action=new`)).json().items.map((i: any) => i.rowNumber)).toEqual([4, 6]);
    // unchanged rows are not errors: only the duplicate blocks all_or_nothing
    expect((await s.postJson(`/api/imports/${r.id}/commit`, { mode: 'all_or_nothing' })).json().error.code).toBe('HAS_INVALID_ROWS');
    const done = (await s.postJson(`/api/imports/${r.id}/commit`, { mode: 'valid_only' })).json();
    expect(done).toMatchObject({ status: 'committed', validRows: 4, newRows: 2, updatedRows: 1, unchangedRows: 1, invalidRows: 1, importedRows: 3 });
    expect(await memos()).toEqual([{ title: 'M1', body: '新内容' }, { title: 'M2', body: '不变' }, { title: 'M3', body: '新的' }, { title: 'M4', body: null }]);
    const audit = await t.db.selectFrom('auditLog').select('after').where('entity', '=', 'import_job').where('entityId', '=', r.id).executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after!)).toMatchObject({ kind: 'test-memos', newRows: 2, updatedRows: 1, unchangedRows: 1, invalidRows: 1, importedRows: 3 });
  });

  it('a file of unchanged rows only has nothing to change: said so, not as an error of the file', async () => {
    const r = await uploadMemos([['M1', '新内容'], ['M2', '不变']]);
    expect(r).toMatchObject({ validRows: 2, newRows: 0, updatedRows: 0, unchangedRows: 2, invalidRows: 0 });
    const res = await s.postJson(`/api/imports/${r.id}/commit`, { mode: 'all_or_nothing' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'NOTHING_TO_CHANGE', message: '没有需要新增或修改的内容：2 行与系统中的数据完全相同' });
    expect((await s.get(`/api/imports/${r.id}`)).json().status).toBe('preview');
  });

  it('classifies again at commit: an update made meanwhile by someone else counts as unchanged; a row previewed unchanged is not written', async () => {
    await addMemo('R1', '一');
    await addMemo('R2', '二');
    const r = await uploadMemos([['R1', '一改'], ['R2', '二'], ['R3', '三']]);
    expect(r).toMatchObject({ newRows: 1, updatedRows: 1, unchangedRows: 1 });
    await t.db.updateTable('notifications').set({ body: '一改' }).where('userId', '=', clerk.id).where('title', '=', 'R1').execute();
    await t.db.updateTable('notifications').set({ body: '二由他人改' }).where('userId', '=', clerk.id).where('title', '=', 'R2').execute();
    const done = (await s.postJson(`/api/imports/${r.id}/commit`, { mode: 'all_or_nothing' })).json();
    expect(done).toMatchObject({ status: 'committed', newRows: 1, updatedRows: 0, unchangedRows: 2, importedRows: 1 });
    expect((await memos()).filter((m) => m.title.startsWith('R'))).toEqual([{ title: 'R1', body: '一改' }, { title: 'R2', body: '二由他人改' }, { title: 'R3', body: '三' }]);
    expect((await s.get(`/api/imports/${r.id}/rows`)).json().items.map((i: any) => [i.rowNumber, i.action])).toEqual([[2, 'unchanged'], [3, 'unchanged'], [4, 'new']]);
  });
});

describe('import template', () => {
  it('has the titles (required marked *), an example row and a sheet explaining each column; it imports as is', async () => {
    const res = await s.get('/api/imports/templates/test-notes.xlsx');
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('便签导入模板'));
    expect(await readSheet(res.rawPayload)).toEqual([['标题*', '内容', '级别'], ['周一例会', '带上报表', '高']]);
    const help = await readSheet(res.rawPayload, 1);
    expect(help[0]).toEqual(['列名', '必填', '说明', '也可用的列名', '示例']);
    expect(help[1]).toEqual(['标题', '是', undefined, '主题', '周一例会']);
    const back = await s.upload('/api/imports/test-notes', 'template.xlsx', res.rawPayload);
    expect(back.json()).toMatchObject({ totalRows: 1, validRows: 1 });
  });
});

describe('old imports', () => {
  it('removes the staged rows of week-old imports and marks an uncommitted preview discarded', async () => {
    const { purgeOldImports } = await import('./service.ts');
    const r = await upload([['P1', null, null], ['P2', null, null]]);
    const fresh = await upload([['P3', null, null]]);
    const rowsOf = async (id: number) => Number((await t.db.selectFrom('importRows').select((eb) => eb.fn.countAll<number>().as('n')).where('jobId', '=', id).executeTakeFirstOrThrow()).n);
    expect(await rowsOf(r.body.id)).toBe(2);
    await t.db.updateTable('importJobs').set({ updatedAt: new Date(Date.now() - 8 * 86_400_000).toISOString() }).where('id', '=', r.body.id).execute();
    await purgeOldImports(t.db);
    expect(await rowsOf(r.body.id)).toBe(0);
    expect(await rowsOf(fresh.body.id)).toBe(1);
    const job = (await s.get(`/api/imports/${r.body.id}`)).json();
    expect(job).toMatchObject({ status: 'discarded', totalRows: 2 });
    expect((await s.postJson(`/api/imports/${r.body.id}/commit`, { mode: 'valid_only' })).statusCode).toBe(409);
  });
});
