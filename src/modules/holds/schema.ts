import { z } from 'zod';
import { dateText, id, optionalText, page, pageSize, text, version } from '../../platform/schema-parts.ts';
import { receiptMethods, receiptStatuses } from '../receipts/schema.ts';
import { depositOutcomes, holdRequestKinds, holdRequestStatuses, holdStatuses } from './labels.ts';

// Holds 留货 (订金/定金): zod schemas of the API, imported by the web too (so: zod only, no server imports).
// Deposits in fen, prices in 0.0001 yuan (as order lines), quantities integers.

export * from './labels.ts';

const phone = optionalText(30).refine((v) => v == null || /^[+\d][\d\s()-]{4,29}$/.test(v), '电话号码格式不正确');
const fen = (what: string) => z.number().int(`${what}须精确到分`).min(1, `${what}须大于 0`).max(100_000_000_00, `${what}过大`);
const maxPrice = 1_000_000_000_000;

export const holdCreateBody = z.object({
  customerId: id,
  productId: id,
  warehouseId: id,
  quantity: z.number().int('数量须为整数').min(1, '数量须大于 0').max(100_000_000),
  /** 订金, fen */
  deposit: fen('订金'),
  /** how it was paid: the deposit is recorded as a receipt 收款单 */
  depositMethod: z.enum(receiptMethods, '请选择收款方式').default('cash'),
  /** 保留人; omitted: the customer's primary contact */
  holderName: optionalText(50),
  holderPhone: phone,
  remarks: optionalText(500),
});
export type HoldCreateBody = z.infer<typeof holdCreateBody>;

export const holdFirmBody = z.object({
  version,
  /** 定金, fen */
  firmDeposit: fen('定金'),
  depositMethod: z.enum(receiptMethods, '请选择收款方式').default('cash'),
  agreementNo: text(50).min(1, '请填写订货协议编号'),
  remarks: optionalText(500),
});
export type HoldFirmBody = z.infer<typeof holdFirmBody>;

export const holdReleaseBody = z.object({
  version,
  reason: text(500).min(1, '请填写退订原因'),
  depositOutcome: z.enum(depositOutcomes),
});

/** An expired hold's deposit: given back or kept (the hold itself ended by the clock). */
export const holdDepositBody = z.object({
  version,
  reason: text(500).min(1, '请填写处理说明'),
  depositOutcome: z.enum(depositOutcomes),
});

export const holdVoidBody = z.object({ version, reason: text(500) });

export const holdRequestBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('special_price'), unitPrice: z.number().int().min(0).max(maxPrice), reason: text(500).min(1, '请填写申请理由') }),
  z.object({ kind: z.literal('extension'), signBy: dateText, reason: text(500).min(1, '请填写申请理由') }),
]);
export type HoldRequestBody = z.infer<typeof holdRequestBody>;

export const holdDecisionBody = z.object({
  decision: z.enum(['approved', 'rejected']),
  note: optionalText(500),
});

export const holdListQuery = z.object({
  status: z.enum(holdStatuses).optional(),
  /** number, customer or holder name, or phone */
  q: optionalText(50),
  customerId: z.coerce.number().int().positive().optional(),
  /** holds with a request waiting for a manager */
  pending: z.enum(['1']).optional(),
  page,
  pageSize,
});
export type HoldListQuery = z.infer<typeof holdListQuery>;

export const holdRequestOut = z.object({
  id: z.number(),
  kind: z.enum(holdRequestKinds),
  status: z.enum(holdRequestStatuses),
  unitPrice: z.number().nullable(),
  signBy: z.string().nullable(),
  reason: z.string(),
  requestedBy: z.number(),
  requestedByName: z.string().nullable(),
  requestedAt: z.string(),
  decidedBy: z.number().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
});

export const holdListItem = z.object({
  id: z.number(),
  number: z.string(),
  status: z.enum(holdStatuses),
  customerId: z.number(),
  customerName: z.string(),
  holderName: z.string(),
  holderPhone: z.string().nullable(),
  productId: z.number(),
  productCode: z.string(),
  productName: z.string(),
  spec: z.string().nullable(),
  unit: z.string(),
  /** the product's pack as the product file has it now (1 箱 = 12 瓶), for the quantity in cases: shown, never stored */
  packUnit: z.string().nullable(),
  packSize: z.number().nullable(),
  warehouseId: z.number(),
  warehouseName: z.string(),
  quantity: z.number(),
  listPrice: z.number(),
  agreedPrice: z.number().nullable(),
  deposit: z.number(),
  firmDeposit: z.number().nullable(),
  expiresAt: z.string(),
  signBy: z.string().nullable(),
  ownerId: z.number(),
  ownerName: z.string().nullable(),
  orderId: z.number().nullable(),
  orderNumber: z.string().nullable(),
  pendingRequests: z.number(),
  createdAt: z.string(),
});
export type HoldListItem = z.infer<typeof holdListItem>;

export const holdOut = holdListItem.extend({
  depositReceivedBy: z.number(),
  depositReceivedByName: z.string().nullable(),
  agreementNo: z.string().nullable(),
  firmAt: z.string().nullable(),
  firmByName: z.string().nullable(),
  endedAt: z.string().nullable(),
  endedByName: z.string().nullable(),
  endReason: z.string().nullable(),
  depositOutcome: z.enum([...depositOutcomes, 'to_order']).nullable(),
  remarks: z.string().nullable(),
  createdBy: z.number(),
  createdByName: z.string().nullable(),
  version: z.number(),
  voidedAt: z.string().nullable(),
  voidedByName: z.string().nullable(),
  voidReason: z.string().nullable(),
  /** the status of the order entered from the hold (a cancelled one leaves the hold open for another) */
  orderStatus: z.string().nullable(),
  /** prints of the order form so far: the next one is a reprint 补打 when this is above 0 */
  printCount: z.number(),
  /** the latest day a firm hold may be extended to */
  latestSignBy: z.string().nullable(),
  requests: z.array(holdRequestOut),
  /** the deposits as receipts 收款单 (finance) */
  receipts: z.array(z.object({ id: z.number(), number: z.string(), receiptDate: z.string(), method: z.enum(receiptMethods), amount: z.number(), status: z.enum(receiptStatuses) })),
});
export type HoldOut = z.infer<typeof holdOut>;

export const holdPage = z.object({ items: z.array(holdListItem), total: z.number(), page: z.number(), pageSize: z.number() });
