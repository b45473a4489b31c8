import { z } from 'zod';
import { commaList, dateText, flag, id, optionalText, text, version, productOnLine, lineAmountsOut } from '../../platform/schema-parts.ts';

// Sales orders 销售订单: zod schemas of the API, imported by the web too (so: zod only, no server imports).
// Money in fen, unit prices in 0.0001 yuan, rates in basis points, quantities integers (see the migration).
import { deliveryMethods, orderStatuses, orderTypes, paymentTerms, reviewKinds } from './labels.ts';

export * from './labels.ts';

const phone = optionalText(30).refine((v) => v == null || /^[+\d][\d\s()-]{4,29}$/.test(v), '电话号码格式不正确');
const maxQuantity = 100_000_000;
const maxPrice = 1_000_000_000_000; // 1 亿元 per unit, in 0.0001 yuan

export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const orderType = z.enum(orderTypes);
export const paymentTerm = z.enum(paymentTerms);
export const orderStatus = z.enum(orderStatuses);
export const reviewKind = z.enum(reviewKinds);

export const orderLineBody = z.object({
  productId: id,
  quantity: z.number().int('数量须为整数').min(1, '数量须大于 0').max(maxQuantity),
  /** 0.0001 yuan; omitted: the price list's price for this customer and order type */
  unitPrice: z.number().int().min(0).max(maxPrice).nullish().transform((v) => v ?? null),
  discountBp: z.number().int().min(0, '折扣须在 0–100% 之间').max(10000, '折扣须在 0–100% 之间').default(0),
  /** 商超: the barcode on the chain's order, checked against the product's barcode or pack barcode */
  barcode: optionalText(40),
  remarks: optionalText(200),
});
export type OrderLineBody = z.infer<typeof orderLineBody>;

const orderFields = {
  customerId: id,
  orderType,
  paymentTerm,
  warehouseId: id,
  /** the rep; omitted: the customer's owner */
  ownerId: id.nullish().transform((v) => v ?? null),
  /** omitted: from the customer file */
  contactName: optionalText(50),
  contactPhone: phone,
  deliveryAddress: optionalText(200),
  /** omitted: true (商超 always tax-inclusive) */
  priceIncludesTax: z.boolean().nullish().transform((v) => v ?? null),
  businessDate: dateText.nullish().transform((v) => v ?? null),
  deliveryDate: dateText.nullish().transform((v) => v ?? null),
  deliveryMethod: z.enum(deliveryMethods).nullish().transform((v) => v ?? null),
  carrierName: optionalText(100),
  carrierPhone: phone,
  remarks: optionalText(500),
  /** reserve what is in stock and raise a purchase request for the rest, instead of refusing */
  backorder: z.boolean().default(false),
  lines: z.array(orderLineBody).min(1, '请至少录入一行商品').max(200),
};

export const orderCreateBody = z.object({
  ...orderFields,
  /** number the order at once (and confirm it with stock reserved when no review applies to its type) */
  submit: z.boolean().default(false),
  /** with order.credit_override: let an order past the credit check through, with this reason */
  creditOverrideReason: optionalText(500),
  /** entered from a hold 留货单 (holds module): the hold's stock passes to the order when it is confirmed */
  holdId: id.nullish().transform((v) => v ?? null),
});
export type OrderCreateBody = z.infer<typeof orderCreateBody>;

export const orderUpdateBody = z.object({ ...orderFields, version });
export type OrderUpdateBody = z.infer<typeof orderUpdateBody>;

export const submitBody = z.object({ version, creditOverrideReason: optionalText(500) });
export const reviewBody = z
  .object({
    decision: z.enum(['approved', 'returned']),
    reason: optionalText(500),
    version,
    creditOverrideReason: optionalText(500),
  })
  .refine((b) => b.decision === 'approved' || !!b.reason, { message: '退回必须填写原因', path: ['reason'] });
export type ReviewBody = z.infer<typeof reviewBody>;
export const reasonBody = z.object({ reason: text(500), version });
export const versionBody = z.object({ version });

// made-to-order stages 生产阶段 (stages.ts)
export const stageParams = z.object({ id: z.coerce.number().int().positive(), seq: z.coerce.number().int().min(1).max(12) });
export const stageDoneBody = z.object({ note: optionalText(200) });
export const stageReturnBody = z.object({ reason: text(200).min(1, '退回必须填写原因') });
export const orderStageOut = z.object({
  seq: z.number(),
  name: z.string(),
  status: z.enum(['pending', 'done']),
  doneBy: z.number().nullable(),
  doneByName: z.string().nullable(),
  doneAt: z.string().nullable(),
  note: z.string().nullable(),
});
export type OrderStageOut = z.infer<typeof orderStageOut>;
export const orderStagesOut = z.array(orderStageOut);
export const paymentBody = z.object({
  amount: z.number().int('金额以分为单位，须为整数').min(1, '金额须大于 0').max(1e15),
  version,
});

export const changeLineBody = z.object({
  orderLineId: id,
  quantity: z.number().int('数量须为整数').min(0).max(maxQuantity).optional(),
  unitPrice: z.number().int().min(0).max(maxPrice).optional(),
  discountBp: z.number().int().min(0).max(10000).optional(),
});
export const changeBody = z.object({
  version,
  reason: text(500).min(1, '请填写变更原因'),
  lines: z.array(changeLineBody).max(200).default([]),
  deliveryDate: dateText.nullish(),
  deliveryMethod: z.enum(deliveryMethods).nullish(),
  deliveryAddress: optionalText(200).optional(),
  contactName: optionalText(50).optional(),
  contactPhone: phone.optional(),
  carrierName: optionalText(100).optional(),
  carrierPhone: phone.optional(),
  /** when the change takes the order past the customer's credit: a manager's reason to let it through */
  creditOverrideReason: optionalText(500),
});
export type ChangeBody = z.infer<typeof changeBody>;

export const orderListQuery = z.object({
  /** customer name (characters, pinyin, initials), customer code or order number */
  q: z.string().max(50).optional(),
  status: z.preprocess(commaList, z.union([orderStatus, z.array(orderStatus)])).optional(),
  orderType: z.preprocess(commaList, z.union([orderType, z.array(orderType)])).optional(),
  customerId: z.coerce.number().int().positive().optional(),
  ownerId: z.coerce.number().int().positive().optional(),
  /** orders waiting for this review */
  pendingReview: reviewKind.optional(),
  /** '1': only orders under the price list 让价 (price_concession > 0) */
  concession: flag.optional(),
  dateFrom: dateText.optional(),
  dateTo: dateText.optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type OrderListQuery = z.infer<typeof orderListQuery>;
/** the sales of a period in the user's scope (the dashboard): confirmed orders by business date */
export const orderSummaryQuery = z.object({ dateFrom: dateText, dateTo: dateText });
export const orderSummaryOut = z.object({ orders: z.number(), amount: z.number() });
/** the export: the list's filters, every page */
export const orderExportQuery = orderListQuery.omit({ page: true, pageSize: true });

export const orderListItem = z.object({
  id: z.number(),
  number: z.string().nullable(),
  status: orderStatus,
  orderType,
  paymentTerm,
  customerId: z.number(),
  customerName: z.string(),
  ownerId: z.number(),
  ownerName: z.string().nullable(),
  warehouseId: z.number(),
  businessDate: z.string(),
  deliveryDate: z.string().nullable(),
  totalQuantity: z.number(),
  totalAmount: z.number(),
  /** 让价: fen the order comes under the price list */
  priceConcession: z.number(),
  pendingReviews: z.array(reviewKind),
  backorder: z.boolean(),
  createdAt: z.string(),
});
export type OrderListItem = z.infer<typeof orderListItem>;
/** totalCapped: the count stopped at total (a million orders are not counted for one page) */
/** a list row: the order, and the made-to-order stage it waits at (null: none open) */
export const orderPageItem = orderListItem.extend({ currentStage: z.string().nullable() });
export type OrderPageItem = z.infer<typeof orderPageItem>;
export const orderPage = z.object({ items: z.array(orderPageItem), total: z.number(), totalCapped: z.boolean(), page: z.number(), pageSize: z.number() });

export const orderLineOut = z.object({
  id: z.number(),
  lineNo: z.number(),
  ...productOnLine,
  barcode: z.string().nullable(),
  /** the product's pack (箱) and units in it, as its file has them now; null without one: for showing 49瓶 as 4箱1瓶, never stored */
  packUnit: z.string().nullable(),
  packSize: z.number().nullable(),
  quantity: z.number(),
  ...lineAmountsOut,
  reservedQuantity: z.number(),
  shippedQuantity: z.number(),
  remarks: z.string().nullable(),
  /** the price-list price the line was entered against (null: entered before list prices were kept) */
  listPrice: z.number().nullable(),
  /** 让价: fen the line comes under its price-list price (orders/concession.ts) */
  concession: z.number(),
});
export const reviewOut = z.object({ id: z.number(), kind: reviewKind, decision: z.enum(['approved', 'returned']), reason: z.string().nullable(), reviewerId: z.number(), reviewerName: z.string().nullable(), createdAt: z.string() });
export const changeOut = z.object({
  id: z.number(), number: z.string(), reason: z.string(), changes: z.string(), requestedBy: z.number(), requestedByName: z.string().nullable(),
  approvedBy: z.number().nullable(), approvedByName: z.string().nullable(), createdAt: z.string(),
});
export const orderOut = orderListItem.extend({
  holdId: z.number().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  deliveryAddress: z.string().nullable(),
  warehouseName: z.string().nullable(),
  priceIncludesTax: z.boolean(),
  deliveryMethod: z.string().nullable(),
  carrierName: z.string().nullable(),
  carrierPhone: z.string().nullable(),
  remarks: z.string().nullable(),
  amountExTax: z.number(),
  taxAmount: z.number(),
  paymentReceived: z.number(),
  paymentReceivedAt: z.string().nullable(),
  creditOverrideBy: z.number().nullable(),
  creditOverrideByName: z.string().nullable(),
  creditOverrideReason: z.string().nullable(),
  submittedAt: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  customerConfirmedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  voidedAt: z.string().nullable(),
  voidedBy: z.number().nullable(),
  voidedByName: z.string().nullable(),
  voidReason: z.string().nullable(),
  createdBy: z.number(),
  createdByName: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number(),
  lines: z.array(orderLineOut),
  reviews: z.array(reviewOut),
  changes: z.array(changeOut),
  /** purchase requests raised for the shortfall of a back-ordered order */
  shortages: z.array(z.object({ productId: z.number(), productName: z.string(), quantity: z.number() })),
});
export type OrderOut = z.infer<typeof orderOut>;

/** The figures of the credit check (shown in the credit-stop dialog). */
export const creditCheckOut = z.object({
  hasProfile: z.boolean(),
  creditTerm: z.boolean(),
  termAllowed: z.boolean(),
  allowedTerms: z.array(paymentTerm),
  limit: z.number().nullable(),
  /** owed now: posted slips net of returns less receipts (negative: paid ahead) */
  owed: z.number(),
  /** the customer's other credit-term orders not yet posted */
  openOrders: z.number(),
  /** owed + openOrders */
  outstanding: z.number(),
  orderAmount: z.number(),
  excess: z.number(),
  passed: z.boolean(),
});
export type CreditCheck = z.infer<typeof creditCheckOut>;
/** what the credit dialogs show: the check, and what of the customer's debt is past its due date today */
export const orderCreditOut = creditCheckOut.extend({
  overdue: z.number(),
  /** days since the oldest overdue due date (0: nothing overdue) */
  maxDaysOverdue: z.number(),
});
export type OrderCredit = z.infer<typeof orderCreditOut>;

export const historyOut = z.array(
  z.object({ id: z.number(), action: z.string(), before: z.string().nullable(), after: z.string().nullable(), note: z.string().nullable(), at: z.string(), userName: z.string().nullable() }),
);

/** What the entry form fills in when a customer is picked. */
export const orderDefaultsQuery = z.object({ customerId: z.coerce.number().int().positive(), orderType: orderType.default('direct'), productIds: z.string().max(2000).optional() });
export const orderDefaultsOut = z.object({
  customerId: z.number(),
  customerName: z.string(),
  ownerId: z.number().nullable(),
  ownerName: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  deliveryAddress: z.string().nullable(),
  allowedTerms: z.array(paymentTerm).nullable(),
  creditLimit: z.number().nullable(),
  prices: z.array(z.object({ productId: z.number(), unitPrice: z.number(), taxRateBp: z.number() })),
  reviews: z.array(reviewKind),
  /** an order under the price list (让价) goes to finance review (the company setting) */
  concessionReview: z.boolean(),
});
