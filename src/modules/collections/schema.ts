import { z } from 'zod';
import { dateText, flag, id, optionalText, page, pageSize, queryId, text, version } from '../../platform/schema-parts.ts';

// Collection plans 回款计划 and dunning 催收: zod schemas of the API, imported by the web too (zod only).

export type Label = { zh: string; en: string };

export const dunningMethods = ['phone', 'sms', 'email', 'visit', 'lawyer_letter', 'lawsuit'] as const;
export type DunningMethod = (typeof dunningMethods)[number];
export const dunningMethodLabels: Record<DunningMethod, Label> = {
  phone: { zh: '电话催收', en: 'Phone call' },
  sms: { zh: '短信', en: 'SMS' },
  email: { zh: '邮件', en: 'Email' },
  visit: { zh: '上门拜访', en: 'Visit' },
  lawyer_letter: { zh: '律师函', en: "Lawyer's letter" },
  lawsuit: { zh: '诉讼', en: 'Lawsuit' },
};

export const promiseStatuses = ['none', 'open', 'kept', 'broken'] as const;
export type PromiseStatus = (typeof promiseStatuses)[number];
export const promiseStatusLabels: Record<PromiseStatus, Label> = {
  none: { zh: '无承诺', en: 'No promise' },
  open: { zh: '待兑现', en: 'Open' },
  kept: { zh: '已兑现', en: 'Kept' },
  broken: { zh: '已违约', en: 'Broken' },
};

export const planStatuses = ['active', 'cancelled'] as const;
export type PlanStatus = (typeof planStatuses)[number];
/** Progress of an active plan as at a date: done (all collected), behind (less than was due by then), on track. */
export const planProgressStatuses = ['on_track', 'behind', 'done', 'cancelled'] as const;
export type PlanProgressStatus = (typeof planProgressStatuses)[number];
export const planProgressLabels: Record<PlanProgressStatus, Label> = {
  on_track: { zh: '正常', en: 'On track' },
  behind: { zh: '滞后', en: 'Behind' },
  done: { zh: '已完成', en: 'Done' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

const fen = z.number().int('金额以分为单位，须为整数').positive('金额须大于 0').max(1e13, '金额过大');

// ── plans ──
export const planLineBody = z.object({
  dueDate: z.iso.date('请填写计划回款日期'),
  amount: fen,
  method: optionalText(30),
  note: optionalText(200),
});
const planFields = {
  title: text(100).min(1, '请填写计划名称'),
  /** receipts from this date on count toward the plan (default: the first line's date or today, whichever is earlier) */
  startDate: z.iso.date('请填写起算日期'),
  notes: optionalText(1000),
  lines: z
    .array(planLineBody)
    .min(1, '至少一期回款')
    .max(60, '最多 60 期')
    .superRefine((lines, ctx) => {
      lines.forEach((l, i) => {
        if (i > 0 && l.dueDate <= lines[i - 1]!.dueDate) ctx.addIssue({ code: 'custom', path: [i, 'dueDate'], message: '各期日期须逐期递增' });
      });
    }),
};
export const planCreateBody = z.object({ customerId: id, orderId: id.nullish().transform((v) => v ?? null), ...planFields });
export type PlanCreateBody = z.infer<typeof planCreateBody>;
export const planUpdateBody = z.object({ ...planFields, version });
export type PlanUpdateBody = z.infer<typeof planUpdateBody>;
export const cancelBody = z.object({ reason: text(200).min(1, '请填写取消原因'), version });

export const planListQuery = z.object({
  page,
  pageSize,
  customerId: queryId.optional(),
  orderId: queryId.optional(),
  /** active plans only (default) or also the cancelled ones */
  all: flag.optional(),
  q: z.string().trim().max(60).optional(),
});
export type PlanListQuery = z.infer<typeof planListQuery>;
/** the Excel export: the list's filters (every page), progress as at a date (default today) */
export const planExportQuery = planListQuery.omit({ page: true, pageSize: true }).extend({ asAt: dateText.optional() });
export type PlanExportQuery = z.infer<typeof planExportQuery>;

export const planLineOut = z.object({
  id: z.number(), lineNo: z.number(), dueDate: z.string(), amount: z.number(), method: z.string().nullable(), note: z.string().nullable(),
  /** the plan's amount due up to and including this line */
  cumulativeAmount: z.number(),
  /** what of this line is covered by the receipts so far (oldest line first) */
  coveredAmount: z.number(),
  met: z.boolean(),
  overdue: z.boolean(),
});
export const planOut = z.object({
  id: z.number(), customerId: z.number(), customerName: z.string(), ownerName: z.string().nullable(),
  orderId: z.number().nullable(), orderNumber: z.string().nullable(),
  title: z.string(), startDate: z.string(), endDate: z.string(), totalAmount: z.number(), status: z.enum(planStatuses), notes: z.string().nullable(),
  createdByName: z.string().nullable(), createdAt: z.string(), updatedAt: z.string(), version: z.number(),
  cancelledAt: z.string().nullable(), cancelReason: z.string().nullable(),
  asAt: z.string(),
  /** what the plan expected by asAt (lines due on or before it) */
  dueAmount: z.number(),
  /** received from the customer from startDate to asAt */
  collectedAmount: z.number(),
  progress: z.enum(planProgressStatuses),
  /** collected ÷ total, in per mille (0–1000, capped) */
  progressPermille: z.number(),
  lines: z.array(planLineOut),
});
export type PlanOut = z.infer<typeof planOut>;
export const planPage = z.object({ items: z.array(planOut.omit({ lines: true })), total: z.number(), page: z.number(), pageSize: z.number() });

// ── dunning ──
export const dunningCreateBody = z
  .object({
    customerId: id,
    actionDate: z.iso.date('请填写催收日期'),
    method: z.enum(dunningMethods, '请选择催收方式'),
    /** who made the call or visit (default: the user logging it) */
    performedBy: id.nullish().transform((v) => v ?? null),
    contactName: optionalText(50),
    result: text(1000).min(1, '请填写催收结果'),
    promisedAmount: fen.nullish().transform((v) => v ?? null),
    promisedDate: z.iso.date().nullish().transform((v) => v ?? null),
  })
  .superRefine((b, ctx) => {
    if ((b.promisedAmount === null) !== (b.promisedDate === null)) {
      const path = b.promisedAmount === null ? 'promisedAmount' : 'promisedDate';
      ctx.addIssue({ code: 'custom', path: [path], message: '承诺还款金额与承诺日期须同时填写' });
    }
    if (b.promisedDate !== null && b.promisedDate < b.actionDate) ctx.addIssue({ code: 'custom', path: ['promisedDate'], message: '承诺日期不能早于催收日期' });
  });
export type DunningCreateBody = z.infer<typeof dunningCreateBody>;

export const dunningOut = z.object({
  id: z.number(), customerId: z.number(), customerName: z.string(), ownerId: z.number().nullable(), ownerName: z.string().nullable(),
  actionDate: z.string(), method: z.enum(dunningMethods), performedBy: z.number(), performedByName: z.string().nullable(), contactName: z.string().nullable(),
  result: z.string(), promisedAmount: z.number().nullable(), promisedDate: z.string().nullable(), promiseStatus: z.enum(promiseStatuses),
  promiseCollected: z.number().nullable(), promiseJudgedAt: z.string().nullable(),
  overdueAmount: z.number().nullable(), daysOverdue: z.number().nullable(), createdByName: z.string().nullable(), createdAt: z.string(),
});
export type DunningOut = z.infer<typeof dunningOut>;
export const dunningPage = z.object({ items: z.array(dunningOut), total: z.number(), page: z.number(), pageSize: z.number() });

export const dunningListQuery = z.object({
  page,
  pageSize,
  customerId: queryId.optional(),
  promiseStatus: z.enum(promiseStatuses).optional(),
  method: z.enum(dunningMethods).optional(),
  dateFrom: dateText.optional(),
  dateTo: dateText.optional(),
});
export type DunningListQuery = z.infer<typeof dunningListQuery>;
/** the Excel export: the list's filters, every page */
export const dunningExportQuery = dunningListQuery.omit({ page: true, pageSize: true });
export type DunningExportQuery = z.infer<typeof dunningExportQuery>;

/** A customer's 催收 tab: position, suggested next action, open promises and plans. */
export const customerCollectionOut = z.object({
  customerId: z.number(), customerName: z.string(), ownerName: z.string().nullable(), asAt: z.string(),
  balance: z.number(), overdue: z.number(), maxDaysOverdue: z.number(), oldestDueDate: z.string().nullable(),
  suggestedMethod: z.enum(dunningMethods).nullable(),
  /** the dunning level the suggestion comes from (fromDays of the company setting) */
  suggestedFromDays: z.number().nullable(),
  lastAction: dunningOut.nullable(),
  openPromises: z.array(dunningOut),
  brokenPromises: z.number(),
  plans: z.array(planOut.omit({ lines: true })),
});

/** progress as at a business date (default today) */
export const asAtQuery = z.object({ asAt: dateText.optional() });
export const customerParams = z.object({ customerId: queryId });
export { idParams } from '../../platform/schema-parts.ts';
export const historyOut = z.array(z.object({ id: z.number(), action: z.string(), before: z.string().nullable(), after: z.string().nullable(), note: z.string().nullable(), at: z.string(), userName: z.string().nullable() }));

/** 待催收: the customers in scope with something overdue as at a date, most overdue first. */
export const worklistQuery = z.object({
  page,
  pageSize,
  asAt: dateText.optional(),
  sort: z.enum(['maxDaysOverdue', 'overdue']).default('maxDaysOverdue'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type WorklistQuery = z.infer<typeof worklistQuery>;
export const worklistItem = z.object({
  customerId: z.number(), customerName: z.string(), ownerName: z.string().nullable(),
  balance: z.number(), overdue: z.number(), maxDaysOverdue: z.number(), oldestDueDate: z.string().nullable(),
  suggestedMethod: z.enum(dunningMethods).nullable(),
  lastActionDate: z.string().nullable(), lastMethod: z.enum(dunningMethods).nullable(),
  openPromiseDate: z.string().nullable(), openPromiseAmount: z.number().nullable(),
  brokenPromises: z.number(),
});
export type WorklistItem = z.infer<typeof worklistItem>;
export const worklistPage = z.object({ items: z.array(worklistItem), total: z.number(), page: z.number(), pageSize: z.number(), asAt: z.string() });
