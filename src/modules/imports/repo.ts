import { CompiledQuery, sql } from 'kysely';
import { isPostgres } from '../../db/schema-helpers.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/permissions/context.ts';
import { isoNow } from '../../platform/time.ts';
import type { RowAction, RowChange, RowError } from './target.ts';

/** action: null for a row with errors; changes: those of an update */
export type StoredRow = { rowNumber: number; data: Record<string, string>; errors: RowError[]; valid: boolean; action: RowAction | null; changes: RowChange[] };

/** A job is visible only to the user who uploaded it, in the company where they did. */
export function jobFor(db: Executor, ctx: RequestContext, id: number) {
  return db.selectFrom('importJobs').selectAll().where('id', '=', id).where('companyId', '=', ctx.companyId).where('userId', '=', ctx.userId).executeTakeFirst();
}
export type JobRow = NonNullable<Awaited<ReturnType<typeof jobFor>>>;

export async function createJob(db: Executor, ctx: RequestContext, kind: string, fileName: string): Promise<number> {
  const now = isoNow();
  const row = await db
    .insertInto('importJobs')
    .values({ companyId: ctx.companyId, userId: ctx.userId, kind, fileName, status: 'parsing', createdAt: now, updatedAt: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

// 7 parameters a row: 1000 rows stay far below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters
export const ROW_BATCH = 1000;

const insertText = new Map<string, string>();

/** The multi-row INSERT of n staged rows, its text built once per size and dialect (Kysely would build and compile a 7,000-value query tree per batch). */
function insertRowsSql(n: number, pg: boolean): string {
  const key = `${pg ? 'pg' : 'sqlite'}:${n}`;
  let text = insertText.get(key);
  if (!text) {
    let p = 0;
    const tuple = () => `(${[1, 2, 3, 4, 5, 6, 7].map(() => (pg ? `$${++p}` : '?')).join(', ')})`;
    text = `insert into "import_rows" ("job_id", "row_number", "data", "errors", "valid", "action", "changes") values ${Array.from({ length: n }, tuple).join(', ')}`;
    if (insertText.size > 50) insertText.clear();
    insertText.set(key, text);
  }
  return text;
}

export async function insertRows(db: Executor, jobId: number, rows: StoredRow[]): Promise<void> {
  const pg = isPostgres(db);
  for (let i = 0; i < rows.length; i += ROW_BATCH) {
    const chunk = rows.slice(i, i + ROW_BATCH);
    const params: unknown[] = [];
    for (const r of chunk) {
      params.push(jobId, r.rowNumber, JSON.stringify(r.data), r.errors.length ? JSON.stringify(r.errors) : null, r.valid ? 1 : 0, r.action, r.changes.length ? JSON.stringify(r.changes) : null);
    }
    await db.executeQuery(CompiledQuery.raw(insertRowsSql(chunk.length, pg), params));
  }
}

const rowColumns = ['rowNumber', 'data', 'errors', 'valid', 'action', 'changes'] as const;
const toStored = (r: { rowNumber: number; data: string; errors: string | null; valid: number; action: string | null; changes: string | null }): StoredRow => ({
  rowNumber: r.rowNumber,
  data: JSON.parse(r.data) as Record<string, string>,
  errors: r.errors ? (JSON.parse(r.errors) as RowError[]) : [],
  valid: r.valid === 1,
  // rows staged before actions were stored are new ones
  action: r.valid === 1 ? ((r.action as RowAction | null) ?? 'new') : null,
  changes: r.changes ? (JSON.parse(r.changes) as RowChange[]) : [],
});

/**
 * Keyset page of a job's rows after `afterRow` (for batch work: commit, error sheet). `valid`: only the
 * valid (true) or invalid (false) rows; 'to-write': the valid rows that are not unchanged (commit).
 */
export async function rowsAfter(db: Executor, jobId: number, afterRow: number, limit: number, valid?: boolean | 'to-write'): Promise<StoredRow[]> {
  let q = db.selectFrom('importRows').select(rowColumns).where('jobId', '=', jobId).where('rowNumber', '>', afterRow);
  if (valid !== undefined) q = q.where('valid', '=', valid === false ? 0 : 1);
  if (valid === 'to-write') q = q.where((eb) => eb.or([eb('action', 'is', null), eb('action', '<>', 'unchanged')]));
  return (await q.orderBy('rowNumber').limit(limit).execute()).map(toStored);
}

export async function rowsPage(db: Executor, jobId: number, filter: { invalidOnly: boolean; action?: RowAction }, page: number, pageSize: number) {
  let base = db.selectFrom('importRows').where('jobId', '=', jobId);
  if (filter.invalidOnly) base = base.where('valid', '=', 0);
  if (filter.action) base = base.where('action', '=', filter.action);
  const [items, total] = await Promise.all([
    base.select(rowColumns).orderBy('rowNumber').limit(pageSize).offset((page - 1) * pageSize).execute(),
    base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items.map(toStored), total: Number(total.n) };
}

export async function markInvalid(db: Executor, jobId: number, rowNumber: number, errors: RowError[]): Promise<void> {
  await db.updateTable('importRows').set({ valid: 0, errors: JSON.stringify(errors), action: null, changes: null }).where('jobId', '=', jobId).where('rowNumber', '=', rowNumber).execute();
}

/** A row whose action changed between preview and commit (an update someone else made meanwhile): what it did. */
export async function setAction(db: Executor, jobId: number, rowNumber: number, action: RowAction, changes: RowChange[]): Promise<void> {
  await db.updateTable('importRows').set({ action, changes: changes.length ? JSON.stringify(changes) : null }).where('jobId', '=', jobId).where('rowNumber', '=', rowNumber).execute();
}

export type JobCounts = { totalRows: number; validRows: number; updatedRows: number; unchangedRows: number; invalidRows: number; importedRows: number };
export async function updateJob(db: Executor, id: number, values: Partial<JobCounts & { status: string; mode: string; error: string | null; committedAt: string }>) {
  return db.updateTable('importJobs').set({ ...values, updatedAt: isoNow() }).where('id', '=', id).executeTakeFirst();
}

/** The job moves from preview to committed once: the conditional update is the lock (409 for a second commit). */
export async function claimForCommit(db: Executor, id: number, mode: string): Promise<boolean> {
  const now = isoNow();
  const r = await db.updateTable('importJobs').set({ status: 'committed', mode, committedAt: now, updatedAt: now }).where('id', '=', id).where('status', '=', 'preview').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Staging rows of a job whose upload failed half-way are scratch data, not records: removed. */
export async function dropRows(db: Executor, jobId: number): Promise<void> {
  await db.deleteFrom('importRows').where('jobId', '=', jobId).execute();
}
