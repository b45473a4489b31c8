import { z } from 'zod';
import { optionalText, text } from '../../platform/schema-parts.ts';
import { allPermissions } from '../../platform/permissions/catalog.ts';

export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const versioned = z.object({ version: z.number().int().positive() });

/** Company-wide parameters (账套参数); every key has a default so old companies read new keys. */
const stageList = z
  .array(z.string().trim().min(1, '阶段名称不能为空').max(20, '阶段名称最多 20 个字'))
  .max(12, '最多 12 个阶段')
  .refine((names) => new Set(names).size === names.length, '阶段名称不能重复')
  .default([]);

export const companySettings = z.object({
  pool: z
    .object({
      noFollowupDays: z.number().int().min(1).max(3650).default(30),
      noDealDays: z.number().int().min(1).max(3650).default(90),
      claimLimit: z.number().int().min(0).max(100000).default(50),
      reclaimBlockDays: z.number().int().min(0).max(3650).default(30),
    })
    .prefault({}),
  ownershipRule: z.string().max(2000).default('先录入者优先：以系统中先建立客户档案并有有效跟进记录的业务员为归属人；有争议时由销售经理依据跟进记录裁决。'),
  // sales orders (orders module): which reviews an order of each type needs before it is confirmed
  // (直销 none: routine cash sales to shops — the credit check at submit still stops an over-limit
  // credit order; 二批 finance; 地州 and 商超 finance + logistics), and the company (账套) where
  // 商超 orders are booked (null: this company takes them)
  orders: z
    .object({
      reviews: z
        .object({
          direct: z.array(z.enum(['finance', 'logistics'])).max(2).default([]),
          wholesale: z.array(z.enum(['finance', 'logistics'])).max(2).default(['finance']),
          regional: z.array(z.enum(['finance', 'logistics'])).max(2).default(['finance', 'logistics']),
          supermarket: z.array(z.enum(['finance', 'logistics'])).max(2).default(['finance', 'logistics']),
        })
        .prefault({}),
      supermarketCompanyId: z.number().int().positive().nullable().default(null),
      // an order under the price list (让价: orders/concession.ts) goes to finance review whatever its type
      concessionReview: z.boolean().default(true),
      // made-to-order stages per order type (seed 004 印刷开单), gone through in order after confirmation
      // before any slip is issued; none by default (goods from stock)
      stages: z
        .object({
          direct: stageList,
          wholesale: stageList,
          regional: stageList,
          supermarket: stageList,
        })
        .prefault({}),
    })
    .prefault({}),
  // holds 留货 (holds module, seed 000): a 订金 hold lasts holdDays (its deadline is the end of that day);
  // a firm hold 定货 is to be signed and paid within signDays, which an approved extension may push to at
  // most extensionDays after the firm date (the seed's 定货后半个月内)
  holds: z
    .object({
      holdDays: z.number().int().min(1).max(30).default(3),
      signDays: z.number().int().min(1).max(90).default(7),
      extensionDays: z.number().int().min(1).max(180).default(15),
    })
    .refine((h) => h.extensionDays >= h.signDays, { message: '延期最晚天数不能少于签约付款天数', path: ['extensionDays'] })
    .prefault({}),
  // stock (inventory module): batches expiring within this many days are flagged (alerts page, keepers' daily notice)
  stock: z.object({ expiryAlertDays: z.number().int().min(1).max(3650).default(30) }).prefault({}),
  // invoices (invoices module): 商超 and 地州 orders may be invoiced on the confirmed order, before delivery (docs/decisions.md)
  invoices: z.object({ fromOrder: z.boolean().default(false) }).prefault({}),
  // receivables (receipts module): a customer's receipts are allocated against posted slips or against invoices
  receivables: z
    .object({
      basis: z.enum(['slip', 'invoice']).default('slip'),
      // receivables module: default credit terms of a customer whose credit profile names none (月结: due on
      // the settlement day, creditMonths after the document's month; 压单/滚单: creditDays after it), the
      // aging buckets (upper bounds in days; the last bucket is everything above) and what age counts from
      defaultSettlementDay: z.number().int().min(1).max(28).default(25),
      defaultCreditMonths: z.number().int().min(0).max(12).default(1),
      defaultCreditDays: z.number().int().min(0).max(365).default(30),
      agingBuckets: z
        .array(z.number().int().min(1).max(3650))
        .min(1)
        .max(10)
        .refine((b) => b.every((x, i) => i === 0 || x > b[i - 1]!), '账龄区间须逐级递增')
        .default([30, 60, 90, 180, 365]),
      agingFrom: z.enum(['due', 'document']).default('due'),
    })
    .prefault({}),
  // collections (collections module): the dunning action 催收方式 suggested from each days-overdue level
  // up (the highest level at or below the customer's most overdue days applies)
  collections: z
    .object({
      dunningLevels: z
        .array(z.object({ fromDays: z.number().int().min(1).max(3650), method: z.enum(['phone', 'sms', 'email', 'visit', 'lawyer_letter', 'lawsuit']) }))
        .min(1)
        .max(10)
        .refine((l) => l.every((x, i) => i === 0 || x.fromDays > l[i - 1]!.fromDays), '逾期天数须逐级递增')
        .default([
          { fromDays: 1, method: 'phone' },
          { fromDays: 31, method: 'sms' },
          { fromDays: 61, method: 'visit' },
          { fromDays: 91, method: 'lawyer_letter' },
          { fromDays: 181, method: 'lawsuit' },
        ]),
    })
    .prefault({}),
});
export type CompanySettings = z.infer<typeof companySettings>;

export const companyBody = z.object({
  code: text(20).min(1).regex(/^[A-Za-z0-9_-]+$/),
  name: text(100).min(1),
  shortName: optionalText(50),
  taxId: optionalText(30),
  address: optionalText(200),
  phone: optionalText(30),
});
export const companyUpdateBody = companyBody.omit({ code: true }).extend({ version: z.number().int().positive(), active: z.boolean().optional() });
export const companyOut = z.object({
  id: z.number(), code: z.string(), name: z.string(), shortName: z.string().nullable(), taxId: z.string().nullable(),
  address: z.string().nullable(), phone: z.string().nullable(), active: z.boolean(), version: z.number(),
});

export const settingsUpdateBody = z.object({ settings: companySettings, version: z.number().int().positive() });

export const departmentBody = z.object({ name: text(50).min(1), code: optionalText(20), parentId: z.number().int().positive().nullish(), managerUserId: z.number().int().positive().nullish() });
export const departmentUpdateBody = departmentBody.extend({ version: z.number().int().positive(), active: z.boolean().optional() });
export const departmentOut = z.object({
  id: z.number(), name: z.string(), code: z.string().nullable(), parentId: z.number().nullable(), path: z.string(),
  managerUserId: z.number().nullable(), managerName: z.string().nullable(), active: z.boolean(), version: z.number(), memberCount: z.number(),
});

const permission = z.enum(allPermissions as [string, ...string[]]);
export const dataScope = z.enum(['own', 'dept', 'company']);
export const roleBody = z.object({ code: text(30).min(1).regex(/^[A-Za-z0-9_-]+$/), name: text(50).min(1), dataScope, permissions: z.array(permission).max(200), copyFromRoleId: z.number().int().positive().optional() });
export const roleUpdateBody = z.object({ name: text(50).min(1), dataScope, permissions: z.array(permission).max(200), version: z.number().int().positive() });
export const roleOut = z.object({ id: z.number(), code: z.string(), name: z.string(), dataScope, permissions: z.array(z.string()), builtin: z.boolean(), version: z.number(), memberCount: z.number() });

export const userListQuery = z.object({
  q: z.string().max(50).optional(),
  roleId: z.coerce.number().int().positive().optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  active: z.enum(['1', '0']).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const userCreateBody = z.object({
  username: text(64).min(2).regex(/^[A-Za-z0-9_.@-]+$/),
  displayName: text(50).min(1),
  password: z.string().min(8).max(200),
  phone: optionalText(30),
  email: z.email().max(100).nullish(),
  roleId: z.number().int().positive(),
  departmentId: z.number().int().positive().nullish(),
});
export const userUpdateBody = z.object({
  displayName: text(50).min(1),
  phone: optionalText(30),
  email: z.email().max(100).nullish(),
  roleId: z.number().int().positive(),
  departmentId: z.number().int().positive().nullish(),
  active: z.boolean(),
  version: z.number().int().positive(),
});
export const resetPasswordBody = z.object({ password: z.string().min(8).max(200) });
export const memberOut = z.object({
  id: z.number(), username: z.string(), displayName: z.string(), phone: z.string().nullable(), email: z.string().nullable(),
  roleId: z.number(), roleCode: z.string(), roleName: z.string(), departmentId: z.number().nullable(), departmentName: z.string().nullable(),
  active: z.boolean(), lockedUntil: z.string().nullable(), version: z.number(),
});
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });

export const numberRuleBody = z.object({ pattern: text(60).min(1), reset: z.enum(['never', 'year', 'month', 'day']) });
export const numberRuleOut = z.object({ docType: z.string(), pattern: z.string(), reset: z.string(), example: z.string(), custom: z.boolean() });
export const docTypeParams = z.object({ docType: z.string().regex(/^[a-z_]{1,40}$/) });

export const auditQuery = z.object({
  entity: z.string().max(40).optional(),
  entityId: z.coerce.number().int().positive().optional(),
  userId: z.coerce.number().int().positive().optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const auditOut = z.object({
  id: z.number(), action: z.string(), entity: z.string(), entityId: z.number().nullable(), before: z.string().nullable(), after: z.string().nullable(),
  note: z.string().nullable(), at: z.string(), userName: z.string().nullable(), sealed: z.boolean(),
});
export const historyOut = z.array(z.object({ id: z.number(), action: z.string(), before: z.string().nullable(), after: z.string().nullable(), note: z.string().nullable(), at: z.string(), userName: z.string().nullable() }));
