import { z } from 'zod';
import { commaList, id, optionalText, text, version, productOnLine, lineAmountsOut } from '../../platform/schema-parts.ts';
import { codeKinds, deliveryModes, orderTypes, papers, paymentTerms, signRoles, slipStatuses } from './labels.ts';

// Sales slips 销货清单: zod schemas of the API, imported by the web too (zod only, no server imports).
export * from './labels.ts';

const qty = z.number().int('数量须为整数').positive('数量须大于 0').max(100_000_000);
const fen = z.number().int('金额以分为单位，须为整数').min(0).max(1e13);

export const idParams = z.object({ id: z.coerce.number().int().positive() });

const driverFields = {
  driverName: optionalText(30),
  driverPhone: optionalText(30),
};

/** A slip issued from a confirmed order: which lines and how much of each (up to what remains). */
export const fromOrderBody = z.object({
  orderId: id,
  lines: z
    .array(z.object({ orderLineId: id, quantity: qty }))
    .min(1, '请至少选择一行')
    .max(200),
  handlerId: id.nullish().transform((v) => v ?? null),
  ...driverFields,
  remarks: optionalText(500),
  /** true: number it and issue the stock now; false: keep it as a draft */
  issue: z.boolean().default(true),
});
export type FromOrderBody = z.infer<typeof fromOrderBody>;

/** A walk-in cash sale 门市现款: no order; unreserved stock must be available. */
export const walkInBody = z.object({
  customerId: id.nullish().transform((v) => v ?? null),
  customerName: text(100).min(1, '请填写客户单位'),
  contactName: optionalText(50),
  contactPhone: optionalText(30),
  deliveryAddress: optionalText(200),
  warehouseId: id,
  handlerId: id,
  paymentTerm: z.enum(paymentTerms).default('cash'),
  orderType: z.enum(orderTypes).default('direct'),
  priceIncludesTax: z.boolean().default(true),
  lines: z
    .array(
      z.object({
        productId: id,
        quantity: qty,
        /** 0.0001 yuan; default: the product's list price */
        unitPrice: z.number().int().min(0).max(1e12).nullish().transform((v) => v ?? null),
        discountBp: z.number().int().min(0).max(10000).default(0),
        batchNo: optionalText(50),
      }),
    )
    .min(1, '请至少录入一行商品')
    .max(200),
  ...driverFields,
  remarks: optionalText(500),
  /**
   * 实收现金: what the customer handed over for a cash sale, in fen (optional; the service refuses less than the
   * slip's total, and any on a sale not paid in cash). The change 找零 is derived: cashTendered − totalAmount.
   */
  cashTendered: z.number().int('实收现金以分为单位，须为整数').min(0, '实收现金不能为负数').max(1e13).nullish().transform((v) => v ?? null),
  issue: z.boolean().default(true),
});
export type WalkInBody = z.infer<typeof walkInBody>;

export const versionBody = z.object({ version });
export const voidBody = z.object({ reason: text(500), version });
export const signBody = z.object({ as: z.enum(signRoles) });
/**
 * 出车 / 客户自提: the mode, and for our driver their name (here, or the one named at issue) and phone;
 * a pickup names no driver (the service's rule, SLIP_PICKUP_DRIVER / SLIP_NO_DRIVER: it needs the slip's own driver).
 */
export const deliverBody = z.object({ deliveryMode: z.enum(deliveryModes).default('driver'), driverName: optionalText(30), driverPhone: optionalText(30), version });
export type DeliverBody = z.input<typeof deliverBody>;
export const codesBody = z.object({
  productId: id,
  kind: z.enum(codeKinds),
  codes: z.array(text(64).min(1, '码不能为空')).min(1).max(500),
});
export const removeCodeBody = z.object({ code: text(64).min(1) });
export { printBody } from '../../platform/documents/paper.ts';

export const slipListQuery = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  q: z.string().trim().max(50).optional(),
  status: z.preprocess(commaList, z.union([z.enum(slipStatuses), z.array(z.enum(slipStatuses)).max(10)])).optional(),
  customerId: z.coerce.number().int().positive().optional(),
  orderId: z.coerce.number().int().positive().optional(),
  driver: z.string().trim().max(30).optional(),
  deliveryMode: z.enum(deliveryModes).optional(),
  paymentTerm: z.enum(paymentTerms).optional(),
  /**
   * written slips (已开单) waiting for a signature: keeper — the keeper's place (the warehouse's to-do: scan
   * and sign); me — the places that are the caller's (the slips they wrote, and those they are the handler of)
   */
  awaitingSignature: z.enum(['keeper', 'me']).optional(),
  dateFrom: z.iso.date().optional(),
  dateTo: z.iso.date().optional(),
  sort: z.enum(['number', 'businessDate', 'totalAmount', 'status']).optional(),
  order: z.enum(['asc', 'desc']).optional(),
});
export type SlipListQuery = z.infer<typeof slipListQuery>;
/** The export takes the list's filters; it runs along the list's default order over every page. */
export const slipExportQuery = slipListQuery.omit({ page: true, pageSize: true, sort: true, order: true });
export type SlipListFilter = z.infer<typeof slipExportQuery>;

const slipHead = {
  id: z.number(),
  number: z.string().nullable(),
  status: z.enum(slipStatuses),
  orderId: z.number().nullable(),
  orderNumber: z.string().nullable(),
  orderType: z.string(),
  paymentTerm: z.string(),
  customerId: z.number().nullable(),
  customerName: z.string(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  deliveryAddress: z.string().nullable(),
  ownerId: z.number(),
  ownerName: z.string().nullable(),
  handlerId: z.number(),
  handlerName: z.string().nullable(),
  warehouseId: z.number(),
  warehouseName: z.string().nullable(),
  businessDate: z.string(),
  /** driver: with the driver named below; pickup: the customer took the goods (no driver) */
  deliveryMode: z.enum(deliveryModes),
  driverName: z.string().nullable(),
  driverPhone: z.string().nullable(),
  totalQuantity: z.number(),
  amountExTax: z.number(),
  taxAmount: z.number(),
  totalAmount: z.number(),
  returnedAmount: z.number(),
  printCount: z.number(),
  createdBy: z.number(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  issuedAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  postedAt: z.string().nullable(),
  voidedAt: z.string().nullable(),
  voidedByName: z.string().nullable(),
  voidReason: z.string().nullable(),
  version: z.number(),
};
export const slipListItem = z.object(slipHead);
export type SlipListItem = z.infer<typeof slipListItem>;
export const slipPage = z.object({ items: z.array(slipListItem), total: z.number(), page: z.number(), pageSize: z.number() });

/** A slip waiting to be posted 待过账: its amount net of returns and what the hold's deposits pay of it (as on its detail). */
export const slipToPost = z.object({ ...slipHead, netAmount: z.number(), paidByDeposit: z.number(), receivable: z.number() });
export type SlipToPost = z.infer<typeof slipToPost>;
export const slipsToPostOut = z.object({ items: z.array(slipToPost), total: z.number() });

export const slipLineOut = z.object({
  id: z.number(),
  lineNo: z.number(),
  orderLineId: z.number().nullable(),
  ...productOnLine,
  packUnit: z.string().nullable(),
  packSize: z.number().nullable(),
  trackCodes: z.boolean(),
  batchNo: z.string().nullable(),
  quantity: z.number(),
  ...lineAmountsOut,
  returnedQuantity: z.number(),
});
export type SlipLineOut = z.infer<typeof slipLineOut>;

const signatureOut = z.object({ userId: z.number().nullable(), name: z.string().nullable(), at: z.string().nullable() });

export const slipDetailOut = z.object({
  ...slipHead,
  remarks: z.string().nullable(),
  /** how the order asked the goods to go (orders' deliveryMethod; null for a walk-in): 出车 starts on 客户自提 for self_pickup */
  orderDeliveryMethod: z.string().nullable(),
  postedByName: z.string().nullable(),
  reconciliationId: z.number().nullable(),
  reconciliationNumber: z.string().nullable(),
  totalInCapitals: z.string(),
  /** a walk-in cash sale's cash handed over 实收现金 (fen), and the change given 找零 (cashTendered − totalAmount); null when not entered */
  cashTendered: z.number().nullable(),
  cashChange: z.number().nullable(),
  netAmount: z.number(),
  /** paid by the deposits 订金/定金 of the hold the slip's order was made from (applied at posting) */
  paidByDeposit: z.number(),
  /** what the customer still owes of it: netAmount − paidByDeposit (slips/receivable.ts, the one figure) */
  receivable: z.number(),
  lines: z.array(slipLineOut),
  signatures: z.object({ keeper: signatureOut, preparer: signatureOut, handler: signatureOut }),
  codes: z.array(z.object({ code: z.string(), kind: z.enum(codeKinds), productId: z.number(), at: z.string().nullable() })),
  /** per product with track_codes: units issued and units covered by codes */
  codeProgress: z.array(z.object({ productId: z.number(), productName: z.string(), unit: z.string(), quantity: z.number(), scanned: z.number(), boxes: z.number(), bottles: z.number() })),
  prints: z.array(z.object({ printNo: z.number(), paper: z.enum(papers), printedByName: z.string().nullable(), printedAt: z.string() })),
  returns: z.array(z.object({ id: z.number(), number: z.string(), reason: z.string(), totalAmount: z.number(), businessDate: z.string(), createdByName: z.string().nullable() })),
  companyName: z.string(),
});
export type SlipDetail = z.infer<typeof slipDetailOut>;

export const historyOut = z.array(
  z.object({ id: z.number(), action: z.string(), before: z.string().nullable(), after: z.string().nullable(), note: z.string().nullable(), at: z.string(), userName: z.string().nullable() }),
);

export const printOut = z.object({ printNo: z.number(), printCount: z.number(), reprint: z.boolean(), paper: z.enum(papers) });

// ── returns 退货单 ──
export const returnBody = z.object({
  reason: text(200).min(1, '请填写退货原因'),
  lines: z
    .array(
      z.object({
        slipLineId: id,
        quantity: qty,
        /** box/bottle codes of the units that came back (products that track codes): they return to stock */
        codes: z.array(z.string().trim().min(1).max(64)).max(2000).optional(),
      }),
    )
    .min(1, '请至少退回一行')
    .max(200),
});
export const returnOut = z.object({ id: z.number(), number: z.string(), totalAmount: z.number() });

// ── driver reconciliation 对单 ──
/** Opens a day: a driver's (by name) or the day's pickups 客户自提 (no driver; the service's rule, as for 出车). */
export const reconciliationCreateBody = z.object({ deliveryMode: z.enum(deliveryModes).default('driver'), driverName: optionalText(30), businessDate: z.iso.date() });
export type ReconciliationCreateBody = z.input<typeof reconciliationCreateBody>;
export const reconciliationUpdateBody = z.object({
  version,
  remarks: optionalText(500),
  slips: z
    .array(z.object({ slipId: id, cashReceived: fen, signedCopyReceived: z.boolean() }))
    .max(500),
});
/** 结清: the version seen, and why the cash is short or over (required when it is). */
export const reconciliationSettleBody = z.object({ version, reason: optionalText(500) });
export const reconciliationListQuery = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  driver: z.string().trim().max(30).optional(),
  deliveryMode: z.enum(deliveryModes).optional(),
  dateFrom: z.iso.date().optional(),
  dateTo: z.iso.date().optional(),
  status: z.enum(['open', 'settled']).optional(),
});
export type ReconciliationListQuery = z.infer<typeof reconciliationListQuery>;

const reconciliationHead = {
  id: z.number(),
  number: z.string(),
  status: z.string(),
  deliveryMode: z.enum(deliveryModes),
  /** null for the day's pickups 客户自提 */
  driverName: z.string().nullable(),
  businessDate: z.string(),
  cashExpected: z.number(),
  cashReceived: z.number(),
  cashDifference: z.number(),
  remarks: z.string().nullable(),
  settledByName: z.string().nullable(),
  settledAt: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
};
export const reconciliationListItem = z.object({ ...reconciliationHead, slipCount: z.number() });
export const reconciliationPage = z.object({ items: z.array(reconciliationListItem), total: z.number(), page: z.number(), pageSize: z.number() });
export const reconciliationOut = z.object({
  ...reconciliationHead,
  /** the company's name, for the printed 对单表 */
  companyName: z.string(),
  slips: z.array(
    z.object({
      slipId: z.number(),
      number: z.string().nullable(),
      customerName: z.string(),
      paymentTerm: z.string(),
      totalAmount: z.number(),
      returnedAmount: z.number(),
      netAmount: z.number(),
      /** paid by the deposits of the hold its order was made from; receivable = netAmount − paidByDeposit (as on the slip) */
      paidByDeposit: z.number(),
      receivable: z.number(),
      cashExpected: z.number(),
      cashReceived: z.number(),
      signedCopyReceived: z.boolean(),
      handedToFinanceAt: z.string().nullable(),
      outcome: z.string(),
      lines: z.array(
        z.object({
          id: z.number(), productName: z.string(), spec: z.string().nullable(), unit: z.string(), quantity: z.number(), returnedQuantity: z.number(), unitPrice: z.number(), amount: z.number(),
          /** the product's pack (箱) and units in it, as on the slip's lines: a return may be typed in cases */
          packUnit: z.string().nullable(),
          packSize: z.number().nullable(),
          /** the product tracks box/bottle codes: the return takes the codes of the units that came back */
          trackCodes: z.boolean(),
        }),
      ),
    }),
  ),
});
export type ReconciliationOut = z.infer<typeof reconciliationOut>;
/** Slips waiting for a reconciliation: drivers and days (and the days' pickups, driverName null) with delivered slips not yet reconciled. */
export const pendingDriversOut = z.array(z.object({ deliveryMode: z.enum(deliveryModes), driverName: z.string().nullable(), businessDate: z.string(), slipCount: z.number(), cashExpected: z.number() }));

// ── posting 过账 and monthly binding ──
export const postBatchBody = z.object({ slipIds: z.array(id).min(1, '请选择要过账的销货清单').max(500) });
export const postOut = z.object({ posted: z.array(z.object({ id: z.number(), number: z.string().nullable() })) });
/** month YYYY-MM; omitted: this month */
export const bindingQuery = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式为 YYYY-MM').optional() });
export const bindingOut = z.object({
  month: z.string(),
  companyName: z.string(),
  items: z.array(
    z.object({
      id: z.number(),
      number: z.string(),
      businessDate: z.string(),
      customerName: z.string(),
      paymentTerm: z.string(),
      totalAmount: z.number(),
      returnedAmount: z.number(),
      status: z.enum(slipStatuses),
      voidReason: z.string().nullable(),
    }),
  ),
  count: z.number(),
  voidCount: z.number(),
  totalAmount: z.number(),
  totalInCapitals: z.string(),
});
