import { z } from 'zod';
import { dateText, id, idParams, optionalText, page, pageSize, queryId, text, version, productOnLine, lineAmountsOut } from '../../platform/schema-parts.ts';

// VAT invoices 增值税发票: zod schemas of the API, imported by the web too (zod only, no server imports).

export const invoiceKinds = ['normal', 'special'] as const;
export type InvoiceKind = (typeof invoiceKinds)[number];
export const invoiceKindLabels: Record<InvoiceKind, { zh: string; en: string }> = {
  normal: { zh: '增值税普通发票', en: 'VAT normal invoice' },
  special: { zh: '增值税专用发票', en: 'VAT special invoice' },
};
export const invoiceDirections = ['blue', 'red'] as const;
export type InvoiceDirection = (typeof invoiceDirections)[number];
export const invoiceStatuses = ['issued', 'partly_reversed', 'reversed', 'void'] as const;
export type InvoiceStatus = (typeof invoiceStatuses)[number];
export const invoiceStatusLabels: Record<InvoiceStatus, { zh: string; en: string }> = {
  issued: { zh: '已开具', en: 'Issued' },
  partly_reversed: { zh: '部分红冲', en: 'Partly reversed' },
  reversed: { zh: '已红冲', en: 'Reversed' },
  void: { zh: '作废', en: 'Void' },
};

/** absent → undefined (the default applies); empty → null (cleared) */
const buyerText = (max: number) =>
  text(max)
    .nullish()
    .transform((v) => (v === '' ? null : v));
const qty = z.number().int('数量须为整数').positive('数量须大于 0').max(100_000_000);

export { idParams };

/** Issue an invoice from posted slips of one customer; lines omitted → every open line of the slips in full. */
export const issueBody = z.object({
  customerId: id,
  kind: z.enum(invoiceKinds),
  slipIds: z.array(id).min(1, '请至少选择一张已过账的销货清单').max(100),
  lines: z
    .array(z.object({ slipLineId: id, quantity: qty }))
    .max(1000)
    .nullish()
    .transform((v) => v ?? null),
  /** entry mode of the unit prices: true 含税单价, false 不含税单价; default: the slips' own */
  priceIncludesTax: z.boolean().nullish().transform((v) => v ?? null),
  businessDate: dateText.nullish().transform((v) => v ?? null),
  /** the buyer block as typed: a field left out takes the customer's invoice details, a field sent empty is cleared */
  buyer: z
    .object({
      name: buyerText(100),
      taxId: buyerText(30),
      address: buyerText(200),
      phone: buyerText(40),
      bank: buyerText(100),
      account: buyerText(50),
    })
    .nullish()
    .transform((v) => v ?? null),
  reviewerName: optionalText(30),
  payeeName: optionalText(30),
  remarks: optionalText(200),
});
export type IssueBody = z.infer<typeof issueBody>;

/** Invoice a confirmed 商超 / 地州 order before delivery (company setting invoices.fromOrder): every line of the order in full. */
export const fromOrderBody = z.object({
  orderId: id,
  kind: z.enum(invoiceKinds),
  businessDate: dateText.nullish().transform((v) => v ?? null),
  buyer: issueBody.shape.buyer,
  reviewerName: optionalText(30),
  payeeName: optionalText(30),
  remarks: optionalText(200),
});
export type FromOrderBody = z.infer<typeof fromOrderBody>;

/** A red-letter invoice 红字发票 against a blue one: lines omitted → the whole invoice (what is still open). */
export const redBody = z.object({
  reason: text(200).min(1, '请填写红冲原因'),
  lines: z
    .array(z.object({ invoiceLineId: id, quantity: qty }))
    .max(1000)
    .nullish()
    .transform((v) => v ?? null),
  businessDate: dateText.nullish().transform((v) => v ?? null),
});
export type RedBody = z.infer<typeof redBody>;

/** 发票代码 and 发票号码 from the tax software, typed after issuing there. */
export const taxNumberBody = z.object({
  version,
  taxInvoiceCode: optionalText(20),
  taxInvoiceNo: text(20).min(1, '请填写发票号码').regex(/^[0-9A-Za-z]+$/, '发票号码只能是数字或字母'),
});
export type TaxNumberBody = z.infer<typeof taxNumberBody>;

export const invoiceListQuery = z.object({
  customerId: queryId.optional(),
  kind: z.enum(invoiceKinds).optional(),
  direction: z.enum(invoiceDirections).optional(),
  status: z.enum(invoiceStatuses).optional(),
  from: dateText.optional(),
  to: dateText.optional(),
  q: text(50).optional(),
  page,
  pageSize,
});
export type InvoiceListQuery = z.infer<typeof invoiceListQuery>;

export const periodQuery = z.object({
  customerId: queryId.optional(),
  from: dateText,
  to: dateText,
});
export type PeriodQuery = z.infer<typeof periodQuery>;

export const customerParams = z.object({ customerId: queryId });

const invoiceHead = z.object({
  id: z.number(),
  number: z.string(),
  kind: z.enum(invoiceKinds),
  direction: z.enum(invoiceDirections),
  status: z.enum(invoiceStatuses),
  customerId: z.number(),
  customerName: z.string(),
  businessDate: z.string(),
  buyerName: z.string(),
  buyerTaxId: z.string().nullable(),
  amountExTax: z.number(),
  taxAmount: z.number(),
  totalAmount: z.number(),
  creditedAmount: z.number(),
  taxInvoiceCode: z.string().nullable(),
  taxInvoiceNo: z.string().nullable(),
  originalInvoiceId: z.number().nullable(),
  issuerName: z.string(),
});
export type InvoiceHead = z.infer<typeof invoiceHead>;

export const invoicePage = z.object({ items: z.array(invoiceHead), total: z.number(), page: z.number(), pageSize: z.number() });

const invoiceLineOut = z.object({
  id: z.number(),
  lineNo: z.number(),
  ...productOnLine,
  quantity: z.number(),
  ...lineAmountsOut,
  originalLineId: z.number().nullable(),
  creditedQuantity: z.number(),
  creditedAmount: z.number(),
  sources: z.array(z.object({ slipId: z.number(), slipNumber: z.string().nullable(), slipLineId: z.number(), quantity: z.number(), amount: z.number() })),
});

export const invoiceDetailOut = invoiceHead.extend({
  version: z.number(),
  priceIncludesTax: z.boolean(),
  buyerAddress: z.string().nullable(),
  buyerPhone: z.string().nullable(),
  buyerBank: z.string().nullable(),
  buyerAccount: z.string().nullable(),
  redReason: z.string().nullable(),
  originalNumber: z.string().nullable(),
  /** issued from a confirmed order (invoices.fromOrder): the order */
  orderId: z.number().nullable(),
  orderNumber: z.string().nullable(),
  reviewerName: z.string().nullable(),
  payeeName: z.string().nullable(),
  remarks: z.string().nullable(),
  createdAt: z.string(),
  openAmount: z.number(),
  totalInCapitals: z.string(),
  companyName: z.string(),
  lines: z.array(invoiceLineOut),
  redInvoices: z.array(z.object({ id: z.number(), number: z.string(), businessDate: z.string(), totalAmount: z.number(), redReason: z.string().nullable() })),
});
export type InvoiceDetail = z.infer<typeof invoiceDetailOut>;

/** A posted slip of the customer with what is still to invoice, line by line. */
export const invoiceableOut = z.object({
  customer: z.object({
    id: z.number(),
    name: z.string(),
    taxId: z.string().nullable(),
    invoiceTitle: z.string().nullable(),
    invoiceAddress: z.string().nullable(),
    invoicePhone: z.string().nullable(),
    invoiceBank: z.string().nullable(),
    invoiceAccount: z.string().nullable(),
  }),
  slips: z.array(
    z.object({
      id: z.number(),
      number: z.string().nullable(),
      businessDate: z.string(),
      priceIncludesTax: z.boolean(),
      netAmount: z.number(),
      invoicedAmount: z.number(),
      lines: z.array(
        z.object({
          id: z.number(),
          productName: z.string(),
          spec: z.string().nullable(),
          unit: z.string(),
          unitPrice: z.number(),
          taxRateBp: z.number(),
          quantity: z.number(),
          remainingQuantity: z.number(),
          remainingAmount: z.number(),
        }),
      ),
    }),
  ),
});
export type Invoiceable = z.infer<typeof invoiceableOut>;

/** Confirmed 商超 / 地州 orders of the customer that may be invoiced from the order. */
export const invoiceableOrdersOut = z.object({
  enabled: z.boolean(),
  orders: z.array(z.object({ id: z.number(), number: z.string(), orderType: z.string(), businessDate: z.string(), status: z.string(), totalAmount: z.number() })),
});
export type InvoiceableOrders = z.infer<typeof invoiceableOrdersOut>;

export const printListOut = z.object({
  companyName: z.string(),
  from: z.string(),
  to: z.string(),
  customerName: z.string().nullable(),
  items: z.array(invoiceHead),
  count: z.number(),
  amountExTax: z.number(),
  taxAmount: z.number(),
  totalAmount: z.number(),
  totalInCapitals: z.string(),
});
export type PrintList = z.infer<typeof printListOut>;

export const openInvoicesOut = z.array(z.object({ id: z.number(), number: z.string(), date: z.string(), totalAmount: z.number() }));
