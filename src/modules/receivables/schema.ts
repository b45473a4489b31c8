import { z } from 'zod';
import { idParams, page, pageSize, queryId, text } from '../../platform/schema-parts.ts';

// Receivables 应收账款, aging 账龄分析 and collection rate 回款率: zod schemas of the API, imported by
// the web too (zod only, no server imports).

export type Label = { zh: string; en: string };
export { idParams };

export const agingGroups = ['customer', 'rep', 'department'] as const;
export type AgingGroup = (typeof agingGroups)[number];
export const agingGroupLabels: Record<AgingGroup, Label> = {
  customer: { zh: '按客户', en: 'By customer' },
  rep: { zh: '按业务员', en: 'By rep' },
  department: { zh: '按部门', en: 'By department' },
};

export const agingSorts = ['total', 'notDue', 'overdue', 'maxDaysOverdue', 'name'] as const;

const asAt = z.iso.date('请填写日期（YYYY-MM-DD）').optional();

export const agingQuery = z.object({
  asAt,
  by: z.enum(agingGroups).default('customer'),
  page,
  pageSize,
  /** default: the chosen bucket's amount when a bucket is given, else the balance */
  sort: z.enum(agingSorts).optional(),
  order: z.enum(['asc', 'desc']).default('desc'),
  /** only rows with an amount in this bucket (-1: not yet due; 0…n: the bucket's key) — the chart's drill-down */
  bucket: z.coerce.number().int().min(-1).max(10).optional(),
  /** customer name, code or pinyin initials (contains) */
  q: text(50).optional(),
  ownerId: queryId.optional(),
  overdueOnly: z.enum(['1', '0']).optional(),
});
export type AgingQuery = z.infer<typeof agingQuery>;
export const agingExportQuery = agingQuery.omit({ page: true, pageSize: true });
export type AgingExportQuery = z.infer<typeof agingExportQuery>;

export const bucketOut = z.object({ key: z.number(), label: z.string(), labelEn: z.string(), fromDays: z.number(), toDays: z.number().nullable() });
export type BucketOut = z.infer<typeof bucketOut>;

const figures = {
  total: z.number(),
  notDue: z.number(),
  overdue: z.number(),
  buckets: z.array(z.number()),
  maxDaysOverdue: z.number(),
  oldestDueDate: z.string().nullable(),
};

export const agingRowOut = z.object({
  /** customer, rep (user) or department id; null: customers with no owner / owners with no department */
  id: z.number().nullable(),
  name: z.string(),
  code: z.string().nullable(),
  ownerName: z.string().nullable(),
  customerCount: z.number(),
  ...figures,
});
export type AgingRow = z.infer<typeof agingRowOut>;

export const agingReportOut = z.object({
  asAt: z.string(),
  basis: z.enum(['slip', 'invoice']),
  agingFrom: z.enum(['due', 'document']),
  by: z.enum(agingGroups),
  buckets: z.array(bucketOut),
  totals: z.object({ customerCount: z.number(), ...figures }),
  items: z.array(agingRowOut),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type AgingReport = z.infer<typeof agingReportOut>;

export const openItemsQuery = z.object({
  asAt,
  /** -1: not yet due; 0…n: the bucket's key */
  bucket: z.coerce.number().int().min(-1).max(10).optional(),
});
export type OpenItemsQuery = z.infer<typeof openItemsQuery>;

export const openItemOut = z.object({
  id: z.number(),
  docType: z.enum(['sales_slip', 'invoice']),
  docId: z.number(),
  docNumber: z.string(),
  docDate: z.string(),
  paymentTerm: z.string(),
  dueDate: z.string(),
  amount: z.number(),
  openAmount: z.number(),
  daysOverdue: z.number(),
  bucket: z.number(),
});
export type OpenItemOut = z.infer<typeof openItemOut>;

export const customerItemsOut = z.object({
  asAt: z.string(),
  basis: z.enum(['slip', 'invoice']),
  agingFrom: z.enum(['due', 'document']),
  customer: z.object({ id: z.number(), name: z.string(), code: z.string().nullable(), ownerName: z.string().nullable() }),
  buckets: z.array(bucketOut),
  summary: z.object(figures),
  items: z.array(openItemOut),
});
export type CustomerItems = z.infer<typeof customerItemsOut>;

export const collectionRateQuery = z
  .object({
    from: z.iso.date('请填写开始日期'),
    to: z.iso.date('请填写结束日期'),
    by: z.enum(['rep', 'department']).default('rep'),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], message: '结束日期不能早于开始日期' });
export type CollectionRateQuery = z.infer<typeof collectionRateQuery>;

export const collectionRateRowOut = z.object({
  id: z.number().nullable(),
  name: z.string(),
  /** 应收: what fell due by the period's end and was still open when it began */
  due: z.number(),
  /** 实收: what was allocated to those documents within the period (net of reversals) */
  collected: z.number(),
  /** collected ÷ due in basis points (10000 = 100%); null when nothing was due */
  rateBp: z.number().nullable(),
});
export type CollectionRateRow = z.infer<typeof collectionRateRowOut>;

export const collectionRateOut = z.object({
  from: z.string(),
  to: z.string(),
  by: z.enum(['rep', 'department']),
  totals: collectionRateRowOut,
  items: z.array(collectionRateRowOut),
});
export type CollectionRateOut = z.infer<typeof collectionRateOut>;

export const paymentTermLabels: Record<string, Label> = {
  cash: { zh: '现款', en: 'Cash' },
  monthly: { zh: '月结', en: 'Monthly' },
  hold: { zh: '压单', en: 'Hold-order' },
  rolling: { zh: '滚单', en: 'Rolling' },
  transfer: { zh: '汇款', en: 'Transfer' },
};
