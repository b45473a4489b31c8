import type { z } from 'zod';
import type { Db, Tx } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError, notFound } from '../../platform/errors/app-error.ts';
import { readXlsxRows, SheetHeaderError, type SheetRow, type XlsxColumn, type XlsxSheet } from '../../platform/excel/index.ts';
import { memoryKeeper } from '../../platform/memory.ts';
import { actorOf, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { importError } from './errors.ts';
import * as repo from './repo.ts';
import type { ImportJobDetailOut, ImportJobOut, ImportMode, ImportRowOut } from './schema.ts';
import { importTarget, type ImportTarget, type ParsedRow, type RowAction, type RowChange, type RowError, type RowPlan } from './target.ts';

export const MAX_IMPORT_ROWS = 200_000;
const BATCH = repo.ROW_BATCH;
// Rows committed a batch at a time: a batch's parsed rows live until it is written, long enough to
// survive young-generation collections and be promoted; 200 rather than 1,000 keeps less of that
// garbage in the old generation (with platform/memory.ts, the peak RSS of a 100,000-row import).
const COMMIT_BATCH = 200;

function targetFor(ctx: RequestContext, kind: string): ImportTarget {
  const target = importTarget(kind);
  if (!target) throw importError('UNKNOWN_KIND', { kind });
  requirePermission(ctx, target.permission);
  return target;
}

/** The permission check of an upload, before the file is received. */
export function assertCanImport(ctx: RequestContext, kind: string): void {
  targetFor(ctx, kind);
}

/** Chinese messages for zod's generic issues, used where a target's schema gave none of its own. */
function zhIssue(iss: z.core.$ZodRawIssue): string | undefined {
  switch (iss.code) {
    case 'invalid_type':
      return iss.input === undefined || iss.input === '' ? '必填' : '格式不正确';
    case 'too_big':
      return iss.origin === 'string' ? `不能超过 ${String(iss.maximum)} 个字符` : `不能大于 ${String(iss.maximum)}`;
    case 'too_small':
      return iss.origin === 'string' ? (Number(iss.minimum) <= 1 ? '必填' : `至少 ${String(iss.minimum)} 个字符`) : `不能小于 ${String(iss.minimum)}`;
    case 'invalid_format':
      return iss.format === 'email' ? '邮箱格式不正确' : '格式不正确';
    case 'invalid_value':
      return `应为以下之一：${(iss.values as unknown[]).map(String).join('、')}`;
    default:
      return '格式不正确';
  }
}

export function parseRow<T>(target: ImportTarget<T>, values: Record<string, string>): { ok: true; data: T } | { ok: false; errors: RowError[] } {
  const res = target.rowSchema.safeParse(values, { error: zhIssue });
  if (res.success) return { ok: true, data: res.data };
  const keys = new Set(target.columns.map((c) => c.key));
  const errors = res.error.issues.map((i) => {
    const key = typeof i.path[0] === 'string' && keys.has(i.path[0]) ? i.path[0] : null;
    return { column: key, message: i.message };
  });
  return { ok: false, errors };
}

function jobOut(target: ImportTarget | undefined, j: repo.JobRow): ImportJobOut {
  return {
    id: j.id, kind: j.kind, label: target?.label ?? j.kind, fileName: j.fileName, status: j.status as ImportJobOut['status'],
    totalRows: j.totalRows, validRows: j.validRows, newRows: j.validRows - j.updatedRows - j.unchangedRows, updatedRows: j.updatedRows, unchangedRows: j.unchangedRows,
    invalidRows: j.invalidRows, importedRows: j.importedRows, updates: !!target?.classifyRows,
    mode: (j.mode as ImportMode | null) ?? null, error: j.error, createdAt: j.createdAt, committedAt: j.committedAt,
    columns: (target?.columns ?? []).map((c) => ({ key: c.key, header: c.header, required: !!c.required })),
  };
}

function rowOut(target: ImportTarget, r: repo.StoredRow): ImportRowOut {
  const headers = new Map(target.columns.map((c) => [c.key, c.header]));
  return {
    rowNumber: r.rowNumber, valid: r.valid, action: r.action, data: r.data,
    errors: r.errors.map((e) => ({ column: e.column, header: e.column ? (headers.get(e.column) ?? null) : null, message: e.message })),
    changes: r.changes.map((c) => ({ column: c.column, label: c.label ?? headers.get(c.column) ?? c.column, from: c.from, to: c.to })),
  };
}

/** "客户名称：必填；联系电话：手机号格式不正确" — the reasons of one row as one cell of text. */
export function reasonText(target: ImportTarget, errors: RowError[]): string {
  const headers = new Map(target.columns.map((c) => [c.key, c.header]));
  return errors.map((e) => (e.column ? `${headers.get(e.column) ?? e.column}：${e.message}` : e.message)).join('；');
}

const planOf = (plans: Map<number, RowPlan>, rowNumber: number): { action: RowAction; changes: RowChange[] } => {
  const plan = plans.get(rowNumber);
  return { action: plan?.action ?? 'new', changes: plan?.action === 'update' ? plan.changes : [] };
};

async function checkBatch(db: Db, ctx: RequestContext, target: ImportTarget, jobId: number, batch: SheetRow[], seen: Map<string, number>) {
  const parsed: ParsedRow<unknown>[] = [];
  const errors = new Map<number, RowError[]>();
  for (const r of batch) {
    const res = parseRow(target, r.values);
    if (res.ok) parsed.push({ rowNumber: r.rowNumber, data: res.data });
    else errors.set(r.rowNumber, res.errors);
  }
  if (parsed.length) {
    for (const [rowNumber, errs] of await target.checkRows(db, ctx, parsed, seen)) {
      if (errs.length) errors.set(rowNumber, [...(errors.get(rowNumber) ?? []), ...errs]);
    }
  }
  const valid = parsed.filter((p) => !errors.has(p.rowNumber));
  const plans = target.classifyRows && valid.length ? await target.classifyRows(db, ctx, valid) : new Map<number, RowPlan>();
  const stored: repo.StoredRow[] = batch.map((r) =>
    errors.has(r.rowNumber)
      ? { rowNumber: r.rowNumber, data: r.values, errors: errors.get(r.rowNumber)!, valid: false, action: null, changes: [] }
      : { rowNumber: r.rowNumber, data: r.values, errors: [], valid: true, ...planOf(plans, r.rowNumber) },
  );
  await repo.insertRows(db, jobId, stored);
  const count = (action: RowAction) => stored.filter((r) => r.action === action).length;
  return { total: batch.length, invalid: errors.size, updated: count('update'), unchanged: count('unchanged') };
}

/**
 * An uploaded sheet becomes a previewed job: rows are streamed from the file, checked in batches
 * (the target's schema, then duplicates within the file and against the database) and stored with
 * their errors, so the preview survives across requests and app instances. Nothing is imported yet.
 */
export async function uploadImport(db: Db, ctx: RequestContext, kind: string, file: { path: string; fileName: string }): Promise<ImportJobDetailOut> {
  const target = targetFor(ctx, kind);
  const jobId = await repo.createJob(db, ctx, kind, file.fileName.slice(0, 200));
  const seen = new Map<string, number>();
  const n = { total: 0, invalid: 0, updated: 0, unchanged: 0 };
  const add = (r: typeof n) => {
    for (const k of ['total', 'invalid', 'updated', 'unchanged'] as const) n[k] += r[k];
  };
  const memory = memoryKeeper();
  try {
    let batch: SheetRow[] = [];
    for await (const row of readXlsxRows(file.path, target.columns)) {
      batch.push(row);
      if (n.total + batch.length > MAX_IMPORT_ROWS) throw importError('TOO_MANY_ROWS', { max: MAX_IMPORT_ROWS });
      if (batch.length >= BATCH) {
        const r = await checkBatch(db, ctx, target, jobId, batch, seen);
        add(r);
        batch = [];
        memory.handled(r.total);
      }
    }
    if (batch.length) add(await checkBatch(db, ctx, target, jobId, batch, seen));
    if (n.total === 0) throw importError('EMPTY_FILE');
  } catch (err) {
    const appErr = toAppError(err);
    await repo.dropRows(db, jobId);
    await repo.updateJob(db, jobId, { status: 'failed', error: appErr.localized(ctx.locale) });
    throw appErr;
  }
  await repo.updateJob(db, jobId, { status: 'preview', totalRows: n.total, validRows: n.total - n.invalid, updatedRows: n.updated, unchangedRows: n.unchanged, invalidRows: n.invalid });
  return getImport(db, ctx, jobId);
}

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof SheetHeaderError) return importError('MISSING_COLUMNS', { columns: err.missing.map((c) => c.header).join('、') });
  return importError('UNREADABLE_FILE');
}

async function jobAndTarget(db: Db, ctx: RequestContext, id: number) {
  const job = await repo.jobFor(db, ctx, id);
  if (!job) throw notFound();
  const target = targetFor(ctx, job.kind);
  return { job, target };
}

export async function getImport(db: Db, ctx: RequestContext, id: number): Promise<ImportJobDetailOut> {
  const { job, target } = await jobAndTarget(db, ctx, id);
  return { ...jobOut(target, job), errorRows: await listImportRows(db, ctx, id, { invalidOnly: true, page: 1, pageSize: 50 }) };
}

/** A page of a job's rows: all, those with errors (invalidOnly), or those that would do one thing (action: the updates, with their changes). */
export async function listImportRows(db: Db, ctx: RequestContext, id: number, q: { invalidOnly: boolean; action?: RowAction; page: number; pageSize: number }) {
  const { job, target } = await jobAndTarget(db, ctx, id);
  const { items, total } = await repo.rowsPage(db, job.id, q, q.page, q.pageSize);
  return { items: items.map((r) => rowOut(target, r)), total, page: q.page, pageSize: q.pageSize };
}

/** The rows with errors, with their original columns and a 错误原因 column: fix them and upload this file again. */
export async function errorSheet(db: Db, ctx: RequestContext, id: number): Promise<{ fileName: string; columns: XlsxColumn[]; rows: AsyncIterable<Record<string, unknown>>; totalRows: number }> {
  const { job, target } = await jobAndTarget(db, ctx, id);
  const columns: XlsxColumn[] = [
    { header: '行号', key: '__row', width: 8, format: 'integer' },
    ...target.columns.map((c) => ({ header: c.header, key: c.key, width: c.width })),
    { header: '错误原因', key: '__reason', width: 60 },
  ];
  async function* rows() {
    let after = 0;
    for (;;) {
      const batch = await repo.rowsAfter(db, job.id, after, BATCH, false);
      for (const r of batch) yield { ...r.data, __row: r.rowNumber, __reason: reasonText(target, r.errors) };
      if (batch.length < BATCH) return;
      after = batch[batch.length - 1].rowNumber;
    }
  }
  const base = job.fileName.replace(/\.xlsx$/i, '');
  return { fileName: `${base}-错误明细.xlsx`, columns, rows: rows(), totalRows: job.invalidRows };
}

/**
 * Imports a previewed job in ONE transaction, once. all_or_nothing refuses while any row is invalid;
 * valid_only imports the valid rows. Duplicates are checked again against the database, because
 * others may have entered the same customer since the preview, and the rows classified again: the
 * rows that were unchanged at preview are not written (the user was told so), a new or updated row
 * that has become unchanged meanwhile is not written either, and counted as unchanged.
 */
export async function commitImport(db: Db, ctx: RequestContext, id: number, mode: ImportMode): Promise<ImportJobOut> {
  const { job, target } = await jobAndTarget(db, ctx, id);
  if (job.status === 'committed') throw importError('ALREADY_COMMITTED');
  if (job.status !== 'preview') throw importError('NOT_PREVIEW', { status: job.status });
  if (mode === 'all_or_nothing' && job.invalidRows > 0) throw importError('HAS_INVALID_ROWS', { count: job.invalidRows });
  if (job.validRows - job.unchangedRows <= 0) throw nothingToDo(job.unchangedRows);
  await db.transaction().execute(async (tx) => {
    if (!(await repo.claimForCommit(tx, job.id, mode))) throw importError('ALREADY_COMMITTED');
    let after = 0;
    const n = { imported: 0, updated: 0, unchanged: 0, turnedInvalid: 0 };
    const memory = memoryKeeper();
    for (;;) {
      const batch = await repo.rowsAfter(tx, job.id, after, COMMIT_BATCH, 'to-write');
      if (!batch.length) break;
      after = batch[batch.length - 1].rowNumber;
      const r = await commitBatch(tx, ctx, target, job.id, batch, mode);
      for (const k of ['imported', 'updated', 'unchanged', 'turnedInvalid'] as const) n[k] += r[k];
      memory.handled(batch.length);
      if (batch.length < COMMIT_BATCH) break;
    }
    if (n.imported === 0) throw n.turnedInvalid ? importError('NOTHING_TO_IMPORT') : nothingToDo(job.unchangedRows + n.unchanged);
    const counts = {
      totalRows: job.totalRows, validRows: job.validRows - n.turnedInvalid, updatedRows: n.updated, unchangedRows: job.unchangedRows + n.unchanged,
      invalidRows: job.invalidRows + n.turnedInvalid, importedRows: n.imported,
    };
    const newRows = counts.validRows - counts.updatedRows - counts.unchangedRows;
    await writeAudit(tx, actorOf(ctx), { action: 'import.commit', entity: 'import_job', entityId: job.id, after: { kind: job.kind, fileName: job.fileName, mode, ...counts, newRows } });
    await repo.updateJob(tx, job.id, counts);
  });
  const done = await repo.jobFor(db, ctx, id);
  return jobOut(target, done!);
}

const nothingToDo = (unchanged: number) => (unchanged > 0 ? importError('NOTHING_TO_CHANGE', { count: unchanged }) : importError('NOTHING_TO_IMPORT'));

/** One batch of a commit: checked and classified again, the new and updated rows written; what became of them. */
async function commitBatch(tx: Tx, ctx: RequestContext, target: ImportTarget, jobId: number, batch: repo.StoredRow[], mode: ImportMode) {
  const parsed: ParsedRow<unknown>[] = [];
  for (const r of batch) {
    const res = parseRow(target, r.data);
    if (!res.ok) throw new Error(`row ${r.rowNumber} of import ${jobId} no longer parses`); // stored valid: a bug
    parsed.push({ rowNumber: r.rowNumber, data: res.data });
  }
  const changed = target.recheckOnCommit === false ? new Map<number, RowError[]>() : await target.checkRows(tx, ctx, parsed, null);
  const good = parsed.filter((p) => !changed.get(p.rowNumber)?.length);
  const plans = target.classifyRows && good.length ? await target.classifyRows(tx, ctx, good) : new Map<number, RowPlan>();
  const stored = new Map(batch.map((r) => [r.rowNumber, r]));
  const actions = new Map<number, RowAction>();
  for (const p of good) {
    const plan = planOf(plans, p.rowNumber);
    const was = stored.get(p.rowNumber)!;
    actions.set(p.rowNumber, plan.action);
    // someone changed the record since the preview: the row says what the commit did with it
    if (plan.action !== was.action || JSON.stringify(plan.changes) !== JSON.stringify(was.changes)) await repo.setAction(tx, jobId, p.rowNumber, plan.action, plan.changes);
  }
  const toWrite = good.filter((p) => actions.get(p.rowNumber) !== 'unchanged');
  const result = toWrite.length ? await target.insertRows(tx, ctx, toWrite) : 0;
  const imported = typeof result === 'number' ? result : result.inserted;
  if (typeof result !== 'number') for (const [rowNumber, errs] of result.refused) if (errs.length) changed.set(rowNumber, errs);
  const refused = [...changed].filter(([, errs]) => errs.length).sort((a, b) => a[0] - b[0]);
  if (refused.length) {
    if (mode === 'all_or_nothing') {
      throw importError('ROWS_CHANGED', { count: refused.length, first: refused[0][0], reason: reasonText(target, refused[0][1]) });
    }
    for (const [rowNumber, errs] of refused) await repo.markInvalid(tx, jobId, rowNumber, errs);
  }
  const refusedRows = new Set(refused.map(([rowNumber]) => rowNumber));
  return {
    imported,
    updated: toWrite.filter((p) => actions.get(p.rowNumber) === 'update' && !refusedRows.has(p.rowNumber)).length,
    unchanged: good.length - toWrite.length,
    turnedInvalid: refused.length,
  };
}

/** The user drops a preview: nothing was imported; the job stays, marked discarded. */
export async function discardImport(db: Db, ctx: RequestContext, id: number): Promise<ImportJobOut> {
  const { job, target } = await jobAndTarget(db, ctx, id);
  if (job.status === 'committed') throw importError('ALREADY_COMMITTED');
  if (job.status !== 'preview') throw importError('NOT_PREVIEW', { status: job.status });
  await db.transaction().execute(async (tx) => {
    const r = await tx.updateTable('importJobs').set({ status: 'discarded', updatedAt: new Date().toISOString() }).where('id', '=', job.id).where('status', '=', 'preview').executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw importError('ALREADY_COMMITTED');
    await writeAudit(tx, actorOf(ctx), { action: 'import.discard', entity: 'import_job', entityId: job.id, after: { kind: job.kind, fileName: job.fileName } });
  });
  return jobOut(target, (await repo.jobFor(db, ctx, id))!);
}

/** The template: titles (required ones marked *), one example row, and a sheet explaining each column. */
export function templateFor(ctx: RequestContext, kind: string): { fileName: string; sheets: XlsxSheet[] } {
  const target = targetFor(ctx, kind);
  const columns = target.columns.map((c) => ({ header: c.required ? `${c.header}*` : c.header, key: c.key, width: c.width }));
  const example = Object.fromEntries(target.columns.map((c) => [c.key, c.example ?? '']));
  const help = target.columns.map((c) => ({ header: c.header, required: c.required ? '是' : '否', description: c.description ?? '', aliases: (c.aliases ?? []).join('、'), example: c.example ?? '' }));
  return {
    fileName: `${target.label}导入模板.xlsx`,
    sheets: [
      { name: `${target.label}`, columns, rows: [example] },
      {
        name: '填写说明',
        columns: [
          { header: '列名', key: 'header', width: 14 },
          { header: '必填', key: 'required', width: 6 },
          { header: '说明', key: 'description', width: 60 },
          { header: '也可用的列名', key: 'aliases', width: 24 },
          { header: '示例', key: 'example', width: 24 },
        ],
        rows: help,
      },
    ],
  };
}

const KEEP_ROWS_DAYS = 7;

/**
 * Scheduled: the staged rows of imports older than a week are scratch data (a preview of 100,000 rows
 * is 100,000 rows): they are removed, and a preview nobody committed is marked discarded. The job
 * record itself stays, with its counts, as the trace of what was uploaded.
 */
export async function purgeOldImports(db: Db, now: Date = new Date()): Promise<string> {
  const before = new Date(now.getTime() - KEEP_ROWS_DAYS * 86_400_000).toISOString();
  const stale = await db.selectFrom('importJobs').select(['id', 'status']).where('updatedAt', '<', before).where('status', 'in', ['preview', 'committed', 'failed', 'discarded', 'parsing']).execute();
  let purged = 0;
  for (const job of stale) {
    const hasRows = await db.selectFrom('importRows').select('rowNumber').where('jobId', '=', job.id).limit(1).executeTakeFirst();
    if (!hasRows && job.status !== 'preview' && job.status !== 'parsing') continue;
    await db.transaction().execute(async (tx) => {
      await repo.dropRows(tx, job.id);
      if (job.status === 'preview' || job.status === 'parsing') await repo.updateJob(tx, job.id, { status: job.status === 'preview' ? 'discarded' : 'failed' });
    });
    purged += 1;
  }
  return `purged ${purged}`;
}
