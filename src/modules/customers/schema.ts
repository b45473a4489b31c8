import { z } from 'zod';

// Request and response shapes of the customer file (客户档案). Imported by the web forms too.

export const classifications = ['potential', 'formal', 'vip'] as const;
export const sources = ['web', 'trade_show', 'referral', 'telemarketing', 'social', 'walk_in', 'other'] as const;
export const followupTypes = ['call', 'visit', 'message', 'meeting'] as const;
export const creditRatings = ['A', 'B', 'C', 'D'] as const;
export const paymentTermsList = ['cash', 'monthly', 'hold', 'rolling', 'transfer'] as const;
export const sortKeys = ['code', 'name', 'createdAt', 'lastFollowupAt'] as const;

export const classification = z.enum(classifications);
export const source = z.enum(sources);

const text = (max: number) => z.string().trim().max(max);
/** Optional text: '' and null both mean "none". */
const opt = (max: number) => text(max).nullish().transform((v) => (v === '' || v == null ? null : v));
const phone = z
  .string()
  .trim()
  .max(30)
  .regex(/^[+\d\s()（）\-—－０-９＋]*$/, '电话号码只能包含数字、空格、括号、+ 和 -')
  .nullish()
  .transform((v) => (v === '' || v == null ? null : v));
const maxFen = Number.MAX_SAFE_INTEGER;

export const idParams = z.object({ id: z.coerce.number().int().positive() });

export const contactIn = z.object({
  /** an existing contact's id keeps it (follow-ups point at it); without id a new contact */
  id: z.number().int().positive().optional(),
  name: text(50).min(1),
  phone,
  position: opt(50),
  email: z.union([z.literal(''), z.email().max(100)]).nullish().transform((v) => (v ? v : null)),
  isPrimary: z.boolean().default(false),
});
export const addressIn = z.object({
  id: z.number().int().positive().optional(),
  label: opt(30),
  province: opt(30),
  city: opt(30),
  address: text(200).min(1),
  receiver: opt(50),
  phone,
  isDefault: z.boolean().default(false),
});

export const customerFields = z.object({
  name: text(100).min(1),
  shortName: opt(50),
  industry: opt(50),
  province: opt(30),
  city: opt(30),
  address: opt(200),
  classification: classification.default('potential'),
  source: source.default('other'),
  taxId: z
    .string()
    .trim()
    .max(30)
    .regex(/^[0-9A-Za-z\s\-－０-９Ａ-Ｚａ-ｚ]*$/, '税号只能包含字母和数字')
    .nullish()
    .transform((v) => (v === '' || v == null ? null : v)),
  invoiceTitle: opt(100),
  invoiceAddress: opt(200),
  invoicePhone: phone,
  invoiceBank: opt(100),
  invoiceAccount: opt(50),
  referredByCustomerId: z.number().int().positive().nullish().transform((v) => v ?? null),
  notes: opt(2000),
  contacts: z.array(contactIn).max(50).default([]),
  addresses: z.array(addressIn).max(50).default([]),
  tags: z.array(text(20).min(1)).max(20).default([]),
});

/** POST /api/customers. ownerId: omitted = the creator; another user needs customer.transfer or company scope. */
export const customerCreateBody = customerFields.extend({ ownerId: z.number().int().positive().nullish() });
/** PUT /api/customers/:id: the whole file (contacts, addresses, tags replaced as sets). Owner changes go through transfer. */
export const customerUpdateBody = customerFields.extend({ version: z.number().int().positive() });
export type CustomerInput = z.infer<typeof customerCreateBody>;
export type CustomerUpdateInput = z.infer<typeof customerUpdateBody>;

export const duplicateCheckBody = z.object({
  name: text(100).optional(),
  phones: z.array(z.string().max(30)).max(50).optional(),
  taxId: z.string().max(30).optional(),
  excludeId: z.number().int().positive().optional(),
});
export const duplicateField = z.enum(['name', 'phone', 'taxId']);
export const duplicateOut = z.object({
  field: duplicateField,
  path: z.string(),
  customerId: z.number(),
  code: z.string(),
  name: z.string(),
  ownerId: z.number().nullable(),
  ownerName: z.string().nullable(),
});
export const duplicatesOut = z.object({ duplicates: z.array(duplicateOut) });
export type Duplicate = z.infer<typeof duplicateOut>;

const dateText = z.iso.date();
export const customerListQuery = z.object({
  q: z.string().max(50).optional(),
  ownerId: z.coerce.number().int().positive().optional(),
  classification: classification.optional(),
  province: z.string().max(30).optional(),
  city: z.string().max(30).optional(),
  source: source.optional(),
  tag: z.string().max(20).optional(),
  lastFollowupBefore: dateText.optional(),
  lastFollowupAfter: dateText.optional(),
  sort: z.enum(sortKeys).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type CustomerListQuery = z.infer<typeof customerListQuery>;
/** The filters of the list without paging: also what an export takes. */
export type CustomerFilters = Omit<CustomerListQuery, 'page' | 'pageSize' | 'sort' | 'order'>;

export const customerListItem = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  classification: z.string(),
  source: z.string(),
  industry: z.string().nullable(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  ownerId: z.number().nullable(),
  ownerName: z.string().nullable(),
  primaryContact: z.string().nullable(),
  primaryPhone: z.string().nullable(),
  lastFollowupAt: z.string().nullable(),
  createdAt: z.string(),
  tags: z.array(z.string()),
});
export const customerListOut = z.object({
  items: z.array(customerListItem),
  total: z.number(),
  /** true when there are more than `total` matches (counting stops at a cap to stay fast at 1M rows) */
  totalCapped: z.boolean(),
  page: z.number(),
  pageSize: z.number(),
});

export const contactOut = z.object({ id: z.number(), name: z.string(), phone: z.string().nullable(), position: z.string().nullable(), email: z.string().nullable(), isPrimary: z.boolean() });
export const addressOut = z.object({
  id: z.number(), label: z.string().nullable(), province: z.string().nullable(), city: z.string().nullable(), address: z.string(),
  receiver: z.string().nullable(), phone: z.string().nullable(), isDefault: z.boolean(),
});
export const paymentTerm = z.enum(paymentTermsList);
export const creditOut = z.object({
  rating: z.enum(creditRatings),
  creditLimit: z.number(),
  paymentTerms: z.array(paymentTerm),
  prepayRequired: z.boolean(),
  assets: z.string().nullable(),
  salesCapacity: z.string().nullable(),
  debts: z.string().nullable(),
  creditHistory: z.string().nullable(),
  conclusion: z.string().nullable(),
  checkedAt: z.string(),
  settlementDay: z.number().nullable(),
  creditMonths: z.number().nullable(),
  creditDays: z.number().nullable(),
  checkedBy: z.number(),
  checkedByName: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number(),
});
export type CreditOut = z.infer<typeof creditOut>;

export const customerOut = customerListItem.extend({
  address: z.string().nullable(),
  taxId: z.string().nullable(),
  invoiceTitle: z.string().nullable(),
  invoiceAddress: z.string().nullable(),
  invoicePhone: z.string().nullable(),
  invoiceBank: z.string().nullable(),
  invoiceAccount: z.string().nullable(),
  referredByCustomerId: z.number().nullable(),
  referredByName: z.string().nullable(),
  notes: z.string().nullable(),
  ownerSince: z.string().nullable(),
  lastDealAt: z.string().nullable(),
  createdBy: z.number(),
  updatedAt: z.string(),
  version: z.number(),
  contacts: z.array(contactOut),
  addresses: z.array(addressOut),
  credit: creditOut.nullable(),
  referralCount: z.number(),
});
export type CustomerOut = z.infer<typeof customerOut>;

export const followupBody = z.object({
  type: z.enum(followupTypes),
  content: text(2000).min(1),
  contactId: z.number().int().positive().nullish().transform((v) => v ?? null),
  nextDate: dateText.nullish().transform((v) => v ?? null),
});
export const followupOut = z.object({
  id: z.number(), customerId: z.number(), userId: z.number(), userName: z.string().nullable(), type: z.string(), content: z.string(),
  contactId: z.number().nullable(), contactName: z.string().nullable(), nextDate: z.string().nullable(), at: z.string(),
});
export const followupListQuery = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const followupPageOut = z.object({ items: z.array(followupOut), total: z.number(), page: z.number(), pageSize: z.number() });
export const dueFollowupOut = followupOut.extend({ customerCode: z.string(), customerName: z.string() });
export const dueFollowupsOut = z.object({ items: z.array(dueFollowupOut) });

export const creditBody = z.object({
  rating: z.enum(creditRatings),
  creditLimit: z.number().int().min(0).max(maxFen),
  paymentTerms: z.array(paymentTerm).min(1).max(5).refine((a) => new Set(a).size === a.length, '付款方式不能重复'),
  prepayRequired: z.boolean().default(false),
  assets: opt(2000),
  salesCapacity: opt(2000),
  debts: opt(2000),
  creditHistory: opt(2000),
  conclusion: opt(2000),
  checkedAt: dateText,
  /** 月结: the day of the month the account is settled (1–28) and how many months after the document's
   * month it falls due; 压单/滚单: days after the document. Empty (null): the company's defaults. */
  settlementDay: z.number().int().min(1, '结算日为每月 1–28 日').max(28, '结算日为每月 1–28 日').nullish().transform((v) => v ?? null),
  creditMonths: z.number().int().min(0).max(12, '月结账期最多 12 个月').nullish().transform((v) => v ?? null),
  creditDays: z.number().int().min(0).max(365, '账期最多 365 天').nullish().transform((v) => v ?? null),
  /** the credit profile's version when editing one; omitted for the first check */
  version: z.number().int().positive().optional(),
});
type AccountTerms = 'settlementDay' | 'creditMonths' | 'creditDays';
/** A credit profile to save; the account terms may be left out (the company's defaults). */
export type CreditInput = Omit<z.infer<typeof creditBody>, AccountTerms> & Partial<Pick<z.infer<typeof creditBody>, AccountTerms>>;

export const historyOut = z.object({
  /** before/after are JSON text, as the audit log keeps them (the web's history components parse them) */
  items: z.array(z.object({ id: z.number(), action: z.string(), before: z.string().nullable(), after: z.string().nullable(), note: z.string().nullable(), at: z.string(), userName: z.string().nullable() })),
});
