import { z } from 'zod';
import { commaList, dateText, id, optionalText, text } from '../../platform/schema-parts.ts';

// Leads 线索: zod schemas of the API, imported by the web too (so: zod only, no server imports).
// The value lists and their zh/en labels live in labels.ts (no zod: the pages import them cheaply).
import { activityTypes, leadChannels, leadStatuses, opportunityRatings } from './labels.ts';

export * from './labels.ts';

export const leadChannel = z.enum(leadChannels);
export type LeadChannel = z.infer<typeof leadChannel>;

export const leadStatus = z.enum(leadStatuses);
export type LeadStatus = z.infer<typeof leadStatus>;

export const activityType = z.enum(activityTypes);


export const idParams = z.object({ id: z.coerce.number().int().positive() });

const leadFields = {
  contactName: text(50).min(1, '请填写联系人'),
  companyName: optionalText(100),
  phone: optionalText(30).refine((v) => v == null || /^[+\d][\d\s()-]{4,29}$/.test(v), '电话号码格式不正确'),
  email: z
    .union([z.literal(''), z.email('邮箱格式不正确').max(100)])
    .nullish()
    .transform((v) => (v ? v : null)),
  channel: leadChannel,
  province: optionalText(30),
  city: optionalText(30),
  need: optionalText(2000),
  referredByCustomerId: id.nullish().transform((v) => v ?? null),
};

export const leadCreateBody = z
  .object({ ...leadFields, assigneeId: id.nullish().transform((v) => v ?? null) })
  .refine((b) => b.phone || b.email, { message: '电话和邮箱至少填写一项', path: ['phone'] });
export type LeadCreateBody = z.infer<typeof leadCreateBody>;

export const leadUpdateBody = z
  .object({ ...leadFields, version: z.number().int().positive() })
  .refine((b) => b.phone || b.email, { message: '电话和邮箱至少填写一项', path: ['phone'] });
export type LeadUpdateBody = z.infer<typeof leadUpdateBody>;

export const assignBody = z.object({ assigneeId: id, version: z.number().int().positive(), note: optionalText(500) });
export const activityBody = z.object({ type: activityType, content: text(2000).min(1, '请填写联系内容') });
export const voidBody = z.object({ reason: text(500), version: z.number().int().positive() });

/** The optional opportunity placeholder opened on conversion (the opportunities module grows it). */
export const opportunityDraft = z.object({
  name: text(100).min(1, '请填写机会名称'),
  expectedAmount: z.number().int('金额以分为单位，须为整数').min(0).max(1e15).nullish().transform((v) => v ?? null),
  expectedDate: z.iso.date().nullish().transform((v) => v ?? null),
  rating: z.enum(opportunityRatings).nullish().transform((v) => v ?? null),
});

/** The customer a lead becomes; fields default to the lead's own. */
export const convertCustomer = z.object({
  name: text(100).min(1, '请填写客户名称'),
  classification: z.enum(['potential', 'formal', 'vip']).default('potential'),
  contactName: optionalText(50),
  phone: optionalText(30),
  email: z
    .union([z.literal(''), z.email('邮箱格式不正确').max(100)])
    .nullish()
    .transform((v) => (v ? v : null)),
  industry: optionalText(50),
  province: optionalText(30),
  city: optionalText(30),
  address: optionalText(200),
  taxId: optionalText(30),
});

export const convertBody = z
  .object({
    version: z.number().int().positive(),
    /** create: a new customer; link: the lead belongs to a customer who is already on file (e.g. a duplicate). */
    mode: z.enum(['create', 'link']).default('create'),
    customer: convertCustomer.optional(),
    customerId: id.optional(),
    opportunity: opportunityDraft.nullish().transform((v) => v ?? null),
  })
  .superRefine((b, c) => {
    if (b.mode === 'link' && !b.customerId) c.addIssue({ code: 'custom', path: ['customerId'], message: '请选择要关联的客户' });
  });
export type ConvertBody = z.infer<typeof convertBody>;

export const leadListQuery = z.object({
  q: z.string().max(50).optional(),
  /** one value, repeated keys, or comma-separated (status=new,assigned) */
  status: z.preprocess(commaList, z.union([leadStatus, z.array(leadStatus)])).optional(),
  channel: z.preprocess(commaList, z.union([leadChannel, z.array(leadChannel)])).optional(),
  /** a user id, or "none" for unassigned leads */
  assignee: z.union([z.literal('none'), z.coerce.number().int().positive()]).optional(),
  createdFrom: dateText.optional(),
  createdTo: dateText.optional(),
  referredBy: z.coerce.number().int().positive().optional(),
  sort: z.enum(['createdAt', 'number', 'lastContactAt', 'status', 'contactName']).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type LeadListQuery = z.infer<typeof leadListQuery>;

export const leadOut = z.object({
  id: z.number(),
  number: z.string(),
  contactName: z.string(),
  companyName: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  channel: z.string(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  need: z.string().nullable(),
  referredByCustomerId: z.number().nullable(),
  referredByName: z.string().nullable(),
  status: leadStatus,
  assigneeId: z.number().nullable(),
  assigneeName: z.string().nullable(),
  lastContactAt: z.string().nullable(),
  convertedCustomerId: z.number().nullable(),
  convertedCustomerName: z.string().nullable(),
  convertedAt: z.string().nullable(),
  voidedAt: z.string().nullable(),
  voidedBy: z.number().nullable(),
  voidedByName: z.string().nullable(),
  voidReason: z.string().nullable(),
  createdBy: z.number(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type LeadOut = z.infer<typeof leadOut>;

export const opportunityOut = z.object({
  id: z.number(),
  customerId: z.number(),
  name: z.string(),
  expectedAmount: z.number().nullable(),
  expectedDate: z.string().nullable(),
  rating: z.string().nullable(),
  stage: z.string(),
  ownerId: z.number().nullable(),
  createdAt: z.string(),
});

export const leadDetailOut = leadOut.extend({ opportunities: z.array(opportunityOut) });
export const leadPage = z.object({ items: z.array(leadOut), total: z.number(), page: z.number(), pageSize: z.number() });

export const activityOut = z.object({ id: z.number(), type: z.string(), content: z.string(), at: z.string(), userId: z.number(), userName: z.string().nullable() });
export const historyOut = z.array(
  z.object({ id: z.number(), action: z.string(), before: z.string().nullable(), after: z.string().nullable(), note: z.string().nullable(), at: z.string(), userName: z.string().nullable() }),
);
export const assigneeOut = z.array(z.object({ id: z.number(), displayName: z.string(), departmentName: z.string().nullable() }));

export const duplicateOut = z.object({
  customerId: z.number(),
  name: z.string(),
  ownerId: z.number().nullable(),
  ownerName: z.string().nullable(),
  matchedBy: z.array(z.string()),
  /** whether the caller may see (and so link to) this customer */
  visible: z.boolean(),
});
export const duplicatesOut = z.array(duplicateOut);
export type DuplicateOut = z.infer<typeof duplicateOut>;

export const duplicatesBody = z.object({ customer: convertCustomer.optional() });
export const convertOut = z.object({ lead: leadDetailOut, customerId: z.number(), opportunityId: z.number().nullable() });

export const referralCountQuery = z.object({ customerId: z.coerce.number().int().positive() });
export const referralCountOut = z.object({ customerId: z.number(), customers: z.number(), leads: z.number(), total: z.number() });
