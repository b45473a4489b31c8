import { z } from 'zod';
import { commaList, dateText, flag, id, idParams, optionalText, page, pageSize, queryId, text, version } from '../../platform/schema-parts.ts';

// Receipts 收款单, allocation 核销 and customer statements 对账单: zod schemas of the API, imported by
// the web too (zod only, no server imports).

export type Label = { zh: string; en: string };

export const receiptMethods = ['cash', 'bank_transfer', 'acceptance_bill', 'wechat_alipay', 'other'] as const;
export type ReceiptMethod = (typeof receiptMethods)[number];
export const receiptMethodLabels: Record<ReceiptMethod, Label> = {
  cash: { zh: '现金', en: 'Cash' },
  bank_transfer: { zh: '银行转账', en: 'Bank transfer' },
  acceptance_bill: { zh: '承兑汇票', en: 'Acceptance bill' },
  wechat_alipay: { zh: '微信/支付宝', en: 'WeChat/Alipay' },
  other: { zh: '其他', en: 'Other' },
};

// on_hold, refund_due, refunded and forfeited are a hold's deposits 订金/定金 (receipts/deposits.ts): only a
// confirmed receipt is the customer's money toward what they owe (credit, allocation, statements, collections)
export const receiptStatuses = ['confirmed', 'on_hold', 'refund_due', 'refunded', 'forfeited', 'void'] as const;
export type ReceiptStatus = (typeof receiptStatuses)[number];
export const receiptStatusLabels: Record<ReceiptStatus, Label> = {
  confirmed: { zh: '已登记', en: 'Recorded' },
  on_hold: { zh: '留货中', en: 'With a hold' },
  refund_due: { zh: '待退款', en: 'Refund due' },
  refunded: { zh: '已退还', en: 'Refunded' },
  forfeited: { zh: '不予退还', en: 'Forfeited' },
  void: { zh: '作废', en: 'Void' },
};

export const targetTypes = ['sales_slip', 'invoice'] as const;
export type TargetType = (typeof targetTypes)[number];
export const targetTypeLabels: Record<TargetType, Label> = {
  sales_slip: { zh: '销货清单', en: 'Sales slip' },
  invoice: { zh: '发票', en: 'Invoice' },
};

export const statementStatuses = ['issued', 'confirmed', 'void'] as const;
export type StatementStatus = (typeof statementStatuses)[number];
export const statementStatusLabels: Record<StatementStatus, Label> = {
  issued: { zh: '待确认', en: 'Awaiting confirmation' },
  confirmed: { zh: '客户已确认', en: 'Confirmed by customer' },
  void: { zh: '作废', en: 'Void' },
};

const fen = z.number().int('金额以分为单位，须为整数').positive('金额须大于 0').max(1e13, '金额过大');

export { idParams };

export const receiptCreateBody = z.object({
  customerId: id,
  receiptDate: z.iso.date('请填写收款日期'),
  method: z.enum(receiptMethods, '请选择收款方式'),
  amount: fen,
  bankAccount: optionalText(60),
  /** 流水号 / 票号 */
  reference: optionalText(60),
  /** who took the money (default: the user recording it) */
  receivedBy: id.nullish().transform((v) => v ?? null),
  /** where the money came from, e.g. the driver reconciliation number DZ-… */
  source: optionalText(60),
  remarks: optionalText(500),
});
export type ReceiptCreateBody = z.infer<typeof receiptCreateBody>;

export const receiptListQuery = z.object({
  page,
  pageSize,
  customerId: queryId.optional(),
  status: z.enum(receiptStatuses).optional(),
  /** one method or several ("cash,wechat_alipay") */
  method: z.preprocess(commaList, z.union([z.enum(receiptMethods), z.array(z.enum(receiptMethods)).max(receiptMethods.length)])).optional(),
  dateFrom: dateText.optional(),
  dateTo: dateText.optional(),
  /** only receipts with something left to allocate (预收) */
  open: flag.optional(),
  q: text(60).optional(),
});
export type ReceiptListQuery = z.infer<typeof receiptListQuery>;

export const voidBody = z.object({ reason: text(200).min(1, '作废必须填写原因'), version });
/** Finance records a deposit given back: how the money went back, and any note (who took it, the transfer's reference). */
export const refundBody = z.object({ method: z.enum(receiptMethods), note: optionalText(200), version });
export const reverseBody = z.object({ reason: text(200).min(1, '撤销核销必须填写原因') });

export const allocateBody = z.object({
  allocations: z
    .array(z.object({ targetType: z.enum(targetTypes), targetId: id, amount: fen }))
    .min(1, '请至少核销一张单据')
    .max(200),
});
export type AllocateBody = z.infer<typeof allocateBody>;

const allocationOut = z.object({
  id: z.number(),
  receiptId: z.number(),
  receiptNumber: z.string(),
  targetType: z.enum(targetTypes),
  targetId: z.number(),
  targetNumber: z.string().nullable(),
  targetDate: z.string().nullable(),
  amount: z.number(),
  allocatedByName: z.string().nullable(),
  allocatedAt: z.string(),
  reversedAt: z.string().nullable(),
  reversedByName: z.string().nullable(),
  reverseReason: z.string().nullable(),
});
export type AllocationOut = z.infer<typeof allocationOut>;

const receiptHead = z.object({
  id: z.number(),
  number: z.string(),
  status: z.enum(receiptStatuses),
  customerId: z.number(),
  customerName: z.string(),
  receiptDate: z.string(),
  method: z.enum(receiptMethods),
  amount: z.number(),
  allocatedAmount: z.number(),
  unallocatedAmount: z.number(),
  bankAccount: z.string().nullable(),
  reference: z.string().nullable(),
  receivedBy: z.number(),
  receivedByName: z.string().nullable(),
  source: z.string().nullable(),
  remarks: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  voidedAt: z.string().nullable(),
  voidedByName: z.string().nullable(),
  voidReason: z.string().nullable(),
  version: z.number(),
  /** the hold 留货单 whose deposit this is */
  holdId: z.number().nullable(),
  holdNumber: z.string().nullable(),
  /** a deposit given back: how, the note, when and by whom finance recorded it */
  refundMethod: z.enum(receiptMethods).nullable(),
  refundNote: z.string().nullable(),
  refundedAt: z.string().nullable(),
  refundedByName: z.string().nullable(),
});
export type ReceiptHead = z.infer<typeof receiptHead>;

export const receiptOut = receiptHead.extend({ amountInCapitals: z.string(), allocations: z.array(allocationOut) });
export type ReceiptOut = z.infer<typeof receiptOut>;
export const receiptPage = z.object({ items: z.array(receiptHead), total: z.number(), page: z.number(), pageSize: z.number() });

/** A posted slip (or invoice) of the customer with what is still to be received on it. */
const openItem = z.object({
  targetType: z.enum(targetTypes),
  targetId: z.number(),
  number: z.string(),
  date: z.string(),
  amount: z.number(),
  received: z.number(),
  remaining: z.number(),
});
export type OpenItem = z.infer<typeof openItem>;
export const openItemsOut = z.object({
  basis: z.enum(['slip', 'invoice']),
  items: z.array(openItem),
  /** the customer's receipts not yet applied: advance credit 预收 */
  advanceCredit: z.number(),
});

// ── customer statements 对账单 ──
export const statementQuery = z
  .object({ customerId: queryId, from: z.iso.date('请选择开始日期'), to: z.iso.date('请选择结束日期') })
  .refine((v) => v.from <= v.to, { message: '开始日期不能晚于结束日期', path: ['to'] });
export type StatementQuery = z.infer<typeof statementQuery>;
export const statementCreateBody = z
  .object({ customerId: id, from: z.iso.date('请选择开始日期'), to: z.iso.date('请选择结束日期') })
  .refine((v) => v.from <= v.to, { message: '开始日期不能晚于结束日期', path: ['to'] });
export const statementListQuery = z.object({ page, pageSize, customerId: queryId.optional() });
export const confirmBody = z.object({ confirmedDate: z.iso.date('请填写客户签字日期'), note: optionalText(500), version });

/** Rows of a statement: on the slip basis sales and returns, on the invoice basis invoices and red-letter invoices; receipts on both. */
export const statementRowKinds = ['slip', 'return', 'invoice', 'red_invoice', 'receipt'] as const;
export type StatementRowKind = (typeof statementRowKinds)[number];
export const statementRowLabels: Record<StatementRowKind, Label> = {
  slip: { zh: '销货', en: 'Sale' },
  return: { zh: '退货', en: 'Return' },
  invoice: { zh: '发票', en: 'Invoice' },
  red_invoice: { zh: '红字发票', en: 'Red-letter invoice' },
  receipt: { zh: '收款', en: 'Receipt' },
};
export const statementBases = ['slip', 'invoice'] as const;
export const statementBasisLabels: Record<(typeof statementBases)[number], Label> = {
  slip: { zh: '按销货清单', en: 'By sales slips' },
  invoice: { zh: '按发票', en: 'By invoices' },
};
const statementRow = z.object({
  date: z.string(),
  kind: z.enum(statementRowKinds),
  number: z.string(),
  description: z.string(),
  /** what the customer owes more (a sale) */
  debit: z.number(),
  /** what the customer owes less (a return, a receipt) */
  credit: z.number(),
  balance: z.number(),
});
export type StatementRow = z.infer<typeof statementRow>;
export const statementComputedOut = z.object({
  /** what the customer is charged by: posted slips or issued invoices (company setting receivables.basis) */
  basis: z.enum(statementBases),
  customerId: z.number(),
  customerName: z.string(),
  companyName: z.string(),
  from: z.string(),
  to: z.string(),
  openingBalance: z.number(),
  rows: z.array(statementRow),
  debitTotal: z.number(),
  creditTotal: z.number(),
  closingBalance: z.number(),
  closingInCapitals: z.string(),
});
export type StatementComputed = z.infer<typeof statementComputedOut>;

const statementHead = z.object({
  id: z.number(),
  number: z.string(),
  status: z.enum(statementStatuses),
  customerId: z.number(),
  customerName: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  openingBalance: z.number(),
  debitTotal: z.number(),
  creditTotal: z.number(),
  closingBalance: z.number(),
  confirmedDate: z.string().nullable(),
  confirmedByName: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  confirmationNote: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
});
export const statementOut = statementHead.extend({
  /** as saved: what the customer was sent and signs */
  statement: statementComputedOut,
  /** the period's closing balance as the documents give it now (differs when one changed after saving) */
  currentClosingBalance: z.number(),
});
export type StatementOut = z.infer<typeof statementOut>;
export const statementPage = z.object({ items: z.array(statementHead), total: z.number(), page: z.number(), pageSize: z.number() });

/** Who did what to a receipt (the audit trail), newest first. */
export const historyOut = z.array(
  z.object({ id: z.number(), action: z.string(), before: z.string().nullable(), after: z.string().nullable(), note: z.string().nullable(), at: z.string(), userName: z.string().nullable() }),
);
