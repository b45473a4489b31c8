import { z } from 'zod';

export const importModes = ['all_or_nothing', 'valid_only'] as const;
export const importMode = z.enum(importModes);
export type ImportMode = z.infer<typeof importMode>;

export const kindParams = z.object({ kind: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/) });
export const jobParams = z.object({ id: z.coerce.number().int().positive() });
export const commitBody = z.object({ mode: importMode });
export const rowActions = ['new', 'update', 'unchanged'] as const;
export const rowsQuery = z.object({
  /** only the rows that would do this (update: the rows that change a record, with their changes) */
  action: z.enum(rowActions).optional(),
  invalidOnly: z.union([z.literal('1'), z.literal('0'), z.literal('true'), z.literal('false')]).optional().transform((v) => v === '1' || v === 'true'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const rowErrorOut = z.object({ column: z.string().nullable(), header: z.string().nullable(), message: z.string() });
/** one changed field of an update: label 标价, from 128.00, to 130.00 */
export const rowChangeOut = z.object({ column: z.string(), label: z.string(), from: z.string(), to: z.string() });
export const importRowOut = z.object({
  rowNumber: z.number(),
  valid: z.boolean(),
  /** what importing the row does (null: it has errors) */
  action: z.enum(rowActions).nullable(),
  data: z.record(z.string(), z.string()),
  errors: z.array(rowErrorOut),
  changes: z.array(rowChangeOut),
});
export type ImportRowOut = z.infer<typeof importRowOut>;

export const importJobOut = z.object({
  id: z.number(),
  kind: z.string(),
  label: z.string(),
  fileName: z.string(),
  status: z.enum(['parsing', 'preview', 'committed', 'failed', 'discarded']),
  totalRows: z.number(),
  /** rows without errors: newRows + updatedRows + unchangedRows */
  validRows: z.number(),
  /** of the valid rows, those that create a record (after commit: that did) */
  newRows: z.number(),
  /** … that change an existing record */
  updatedRows: z.number(),
  /** … that are the same as the record: nothing to write, not an error */
  unchangedRows: z.number(),
  invalidRows: z.number(),
  /** records created or changed by the commit (newRows + updatedRows) */
  importedRows: z.number(),
  /** whether this kind can update existing records (its preview shows 修改 and 无变化) */
  updates: z.boolean(),
  mode: importMode.nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  committedAt: z.string().nullable(),
  columns: z.array(z.object({ key: z.string(), header: z.string(), required: z.boolean() })),
});
export type ImportJobOut = z.infer<typeof importJobOut>;

export const rowsPage = z.object({ items: z.array(importRowOut), total: z.number(), page: z.number(), pageSize: z.number() });
export const importJobDetailOut = importJobOut.extend({ errorRows: rowsPage });
export type ImportJobDetailOut = z.infer<typeof importJobDetailOut>;
