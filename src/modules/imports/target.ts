import type { z } from 'zod';
import type { Executor, Tx } from '../../db/database.ts';
import type { Permission } from '../../platform/permissions/catalog.ts';
import type { RequestContext } from '../../platform/permissions/context.ts';

/** One column of an import sheet: matched by its Chinese title or an alias; explained in the template. */
export type ImportColumn = {
  key: string;
  header: string;
  aliases?: string[];
  required?: boolean;
  example?: string;
  description?: string;
  width?: number;
};

/** A problem with one row, on one column (null: the row as a whole). Messages are for the user (zh-CN). */
export type RowError = { column: string | null; message: string };
export type ParsedRow<T> = { rowNumber: number; data: T };

/**
 * What importing a valid row does: creates a record ('new'), changes an existing one ('update', with what
 * changes) or nothing, the row being the same as the record ('unchanged': not an error, nothing written).
 */
export type RowAction = 'new' | 'update' | 'unchanged';
/** One changed field of an update, as the user reads it: 标价 128.00 → 130.00 (label: the column's title unless given). */
export type RowChange = { column: string; label?: string; from: string; to: string };
export type RowPlan = { action: 'update'; changes: RowChange[] } | { action: 'unchanged' };

/**
 * What an importable list provides. The import mechanism (parse, preview, error sheet, commit in one
 * transaction, audit) is the same for every kind; a module registers its target once.
 */
export type ImportTarget<T = any> = {
  kind: string;
  /** what is imported, for messages and file names: '客户' */
  label: string;
  permission: Permission;
  columns: ImportColumn[];
  /** parses one row (column key → text as uploaded) into the input of insertRows; Chinese messages */
  rowSchema: z.ZodType<T, any>;
  /**
   * Errors of rows that passed rowSchema, keyed by row number: duplicates within the file (`seen` carries
   * keys across batches: key → first row number; null at commit time) and against the database.
   */
  checkRows(tx: Executor, ctx: RequestContext, rows: ParsedRow<T>[], seen: Map<string, number> | null): Promise<Map<number, RowError[]>>;
  /**
   * What each row that passed checkRows would do, keyed by row number; a row not in the map is 'new'.
   * Called at preview and again inside the commit transaction (after checkRows), where 'unchanged' rows
   * are left out of insertRows. A target that only creates records leaves it out.
   */
  classifyRows?(tx: Executor, ctx: RequestContext, rows: ParsedRow<T>[]): Promise<Map<number, RowPlan>>;
  /**
   * Writes a batch inside the commit transaction: the rows classified 'new' and 'update', never 'unchanged'.
   * Returns how many records were created or changed, and the rows it refused (e.g. a duplicate entered by
   * someone else since the preview) with their reasons: the mechanism rolls everything back in
   * all_or_nothing mode, or marks them invalid in valid_only mode.
   */
  insertRows(tx: Tx, ctx: RequestContext, rows: ParsedRow<T>[]): Promise<number | InsertResult>;
  /**
   * Run checkRows again (against the database) inside the commit transaction before insertRows
   * (default true). A target whose insertRows checks duplicates itself and reports them as refused sets false.
   */
  recheckOnCommit?: boolean;
};

export type InsertResult = { inserted: number; refused: Map<number, RowError[]> };

const targets = new Map<string, ImportTarget>();

/** Modules register their import targets when their routes are built (idempotent). */
export function registerImportTarget(target: ImportTarget): void {
  targets.set(target.kind, target);
}

export function importTarget(kind: string): ImportTarget | undefined {
  return targets.get(kind);
}

export function importTargets(): ImportTarget[] {
  return [...targets.values()];
}
