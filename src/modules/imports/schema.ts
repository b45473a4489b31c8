import { z } from 'zod';

export const importModes = ['all_or_nothing', 'valid_only'] as const;
export const importMode = z.enum(importModes);
export type ImportMode = z.infer<typeof importMode>;

export const kindParams = z.object({ kind: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/) });
export const jobParams = z.object({ id: z.coerce.number().int().positive() });
export const commitBody = z.object({ mode: importMode });
export const rowsQuery = z.object({
  invalidOnly: z.union([z.literal('1'), z.literal('0'), z.literal('true'), z.literal('false')]).optional().transform((v) => v === '1' || v === 'true'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const rowErrorOut = z.object({ column: z.string().nullable(), header: z.string().nullable(), message: z.string() });
export const importRowOut = z.object({
  rowNumber: z.number(),
  valid: z.boolean(),
  data: z.record(z.string(), z.string()),
  errors: z.array(rowErrorOut),
});
export type ImportRowOut = z.infer<typeof importRowOut>;

export const importJobOut = z.object({
  id: z.number(),
  kind: z.string(),
  label: z.string(),
  fileName: z.string(),
  status: z.enum(['parsing', 'preview', 'committed', 'failed', 'discarded']),
  totalRows: z.number(),
  validRows: z.number(),
  invalidRows: z.number(),
  importedRows: z.number(),
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
