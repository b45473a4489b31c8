import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseRow } from '../imports/service.ts';
import type { ImportTarget } from '../imports/target.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { classificationByText, customerFileErrors, parseImportedCustomer, customerImportColumns, customerImportTarget, isPhone, sourceByText, type CustomerImportRow } from './import-export.ts';
import { customerCreateBody } from './schema.ts';

// The customer import's row checks are hand-written for speed (customerRowSchema). This is the zod
// schema they replaced, kept here as the reference: for any row, the import mechanism's parseRow must
// give exactly the same result (the parsed row, or the same messages on the same columns in the same order).

function choice<T extends string>(map: Record<string, T>, message: string, fallback: T) {
  return z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return fallback;
      const hit = map[v.normalize('NFKC').replace(/\s+/g, '').toLowerCase()];
      if (!hit) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return hit;
    });
}
const opt = (max: number) => z.string().max(max).optional();
const phone = z
  .string()
  .max(30)
  .optional()
  .refine((v) => !v || isPhone(v), { message: '电话号码格式不正确（手机 11 位，座机如 0871-65123456）' });
const contactColumns = ['contactPhone', 'contactPosition', 'contactEmail'] as const;
const referenceSchema = z
  .object({
    name: z.string().max(100),
    shortName: opt(50),
    industry: opt(50),
    province: opt(30),
    city: opt(30),
    address: opt(200),
    classification: choice(classificationByText, '客户分类只能是：潜在、正式、VIP', 'potential'),
    source: choice(sourceByText, '客户来源只能是：官网、展会、转介绍、电话营销、社交媒体、上门、其他', 'other'),
    contactName: opt(50),
    contactPhone: phone,
    contactPosition: opt(50),
    contactEmail: z.email({ message: '邮箱格式不正确' }).max(100).optional(),
    taxId: z
      .string()
      .optional()
      .refine((v) => !v || /^[0-9A-Z]{15}$|^[0-9A-Z]{18}$|^[0-9A-Z]{20}$/.test(v.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase()), { message: '税号应为 15、18 或 20 位字母或数字' }),
    invoiceTitle: opt(100),
    invoiceAddress: opt(200),
    invoicePhone: phone,
    invoiceBank: opt(100),
    invoiceAccount: z.string().max(50).optional().refine((v) => !v || /^[\d\s-]{5,40}$/.test(v), { message: '银行账号只能包含数字' }),
    owner: opt(50),
    tags: z
      .string()
      .optional()
      .transform((v) => [...new Set((v ?? '').split(/[,，、;；\s]+/).map((x) => x.trim()).filter(Boolean))])
      .refine((tags) => tags.every((t) => t.length <= 20), { message: '每个标签最多 20 个字' })
      .refine((tags) => tags.length <= 20, { message: '最多 20 个标签' }),
    notes: opt(2000),
  })
  .transform(
    (r): CustomerImportRow => ({
      owner: r.owner ?? null,
      input: {
        name: r.name, shortName: r.shortName ?? null, industry: r.industry ?? null, province: r.province ?? null, city: r.city ?? null, address: r.address ?? null,
        classification: r.classification, source: r.source,
        taxId: r.taxId ?? null, invoiceTitle: r.invoiceTitle ?? null, invoiceAddress: r.invoiceAddress ?? null, invoicePhone: r.invoicePhone ?? null,
        invoiceBank: r.invoiceBank ?? null, invoiceAccount: r.invoiceAccount ?? null, notes: r.notes ?? null,
        contacts: r.contactName || contactColumns.some((k) => r[k]) ? [{ name: r.contactName ?? (r.shortName ?? r.name).slice(0, 50), phone: r.contactPhone ?? null, position: r.contactPosition ?? null, email: r.contactEmail ?? null, isPrimary: true }] : [],
        addresses: [],
        tags: r.tags,
      },
    }),
  );
const referenceTarget: ImportTarget<CustomerImportRow> = { ...customerImportTarget, rowSchema: referenceSchema };

const manyTags = (n: number) => Array.from({ length: n }, (_, i) => `标签${i}`).join(',');
const samples = [
  '', ' ', '昆明春城商贸有限公司', '春城', '潜在', '正式客户', ' VIP ', 'ｖｉｐ', 'Vip客户', '重要客户', '大客户', 'potential',
  '官网', '微信', 'walk_in', '其它', '展 会', '抖音',
  '13888001234', '138 8800 1234', '+8613888001234', '0871-65123456', '0871-65123456转123', '4008001234', '65123456', '12345', '1'.repeat(31), '１３８８８００１２３４',
  'liming@example.com', 'a@b.co', 'not-an-email', 'li ming@example.com', `${'x'.repeat(95)}@a.com`, `${'x'.repeat(101)}`,
  '91530100MA6K123456', '91530100ma6k123456', '9153-0100-MA6K-1234-56', '９１５３０１００ＭＡ６Ｋ１２３４５６', '123456789012345', '12345678901234567890', '1234567890123456',
  '2502012345678901234', '2502 0123 4567', '1234', '2502-0123-4567-8901-2345-6789-0123-4567-89', 'abc123',
  '重点,餐饮', '重点，餐饮、 a;b；c', '重点,重点', 'x'.repeat(21), manyTags(20), manyTags(21), `${manyTags(21)},${'y'.repeat(21)}`,
  '内勤小周', 'x'.repeat(51), 'x'.repeat(101), 'x'.repeat(201), '=SUM(A1)', "'=1+2",
];
const cell = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...samples) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ minLength: 25, maxLength: 220 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 7, true, ['a']) },
);
const row = fc.dictionary(fc.constantFrom(...customerImportColumns.map((c) => c.key)), cell, { maxKeys: 21 });

// The customer file's schema as the preview applied it before customerFileErrors: its issues, with paths mapped to columns.
const pathColumn: Record<string, string> = { 'contacts.0.name': 'contactName', 'contacts.0.phone': 'contactPhone', 'contacts.0.position': 'contactPosition', 'contacts.0.email': 'contactEmail' };
const columnOfPath = (path: string) => pathColumn[path] ?? (path.startsWith('tags') ? 'tags' : customerImportColumns.some((c) => c.key === path) ? path : null);
function referenceFileErrors(input: CustomerImportRow['input']) {
  const parsed = customerCreateBody.safeParse(input);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => ({ column: columnOfPath(i.path.join('.')), message: /[\u4e00-\u9fff]/.test(i.message) ? i.message : '格式不正确' }));
}
// per column, cells that pass the row checks but not always the customer file's own (转 in a phone,
// ① in a tax id, spaced-out long values, a contact named after a long name)
const text = (max: number) => fc.constantFrom('春城', '昆明春城商贸有限公司', 'x'.repeat(max), `${'云'.repeat(max - 2)} y`, `${'x'.repeat(Math.min(max, 50) - 1)} y`);
const phones = fc.constantFrom('13888001234', '0871-65123456转123', '0871-65123456', '（0871）65123456', '+86 138 8800 1234', '１３８８８００１２３４', '138﹣8800﹣1234', '400 800 1234');
const maybe = <T,>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const fileRow = fc.record(
  {
    name: text(100), shortName: maybe(text(50)), industry: maybe(text(50)), province: maybe(text(30)), city: maybe(text(30)), address: maybe(text(200)),
    classification: maybe(fc.constantFrom('潜在', 'VIP')), source: maybe(fc.constantFrom('官网', '微信')), contactName: maybe(text(50)), contactPhone: maybe(phones),
    contactPosition: maybe(text(50)), contactEmail: maybe(fc.constantFrom('liming@example.com', 'a@b.co', `${'x'.repeat(90)}@example.com`)),
    taxId: maybe(fc.constantFrom('91530100MA6K123456', '９１５３０１００ＭＡ６Ｋ１２３４５６', '①23456789012345', '9 1 5 3 0 1 0 0 M A 6 K 1 2 3 4 5 6', '9153-0100-MA6K-1234-56', '9153 0100 MA6K 1234 56 7890 12')),
    invoiceTitle: maybe(text(100)), invoiceAddress: maybe(text(200)), invoicePhone: maybe(phones), invoiceBank: maybe(text(100)),
    invoiceAccount: maybe(fc.constantFrom('2502012345678901234', '2502 0123 4567', `${'1 '.repeat(20)}1`)), owner: maybe(text(50)),
    tags: maybe(fc.constantFrom('重点,餐饮', '重点，餐饮、 a;b；c', manyTags(20), 'x'.repeat(20))), notes: maybe(text(2000)),
  },
  { requiredKeys: ['name'], noNullPrototype: true },
);

describe('customer import rows', () => {
  it('the hand-written customer file checks of a row give what customerCreateBody gave (same problems, columns and order)', () => {
    let checked = 0;
    fc.assert(
      fc.property(fileRow, (values) => {
        const row = parseRow(customerImportTarget, values as Record<string, string>);
        if (!row.ok) return;
        checked++;
        expect(customerFileErrors(row.data.input)).toEqual(referenceFileErrors(row.data.input));
      }),
      { numRuns: 5000 },
    );
    expect(checked).toBeGreaterThan(500);
  });

  it('the hand-written parse at commit of a row gives what customerCreateBody.parse gives (or its refusal)', () => {
    let parsed = 0;
    fc.assert(
      fc.property(fileRow, fc.option(fc.integer({ min: 1, max: 99 }), { nil: undefined }), (values, ownerId) => {
        const row = parseRow(customerImportTarget, values as Record<string, string>);
        if (!row.ok) return;
        const input = ownerId === undefined ? row.data.input : { ...row.data.input, ownerId };
        const want = customerCreateBody.safeParse(input);
        if (want.success) {
          parsed++;
          expect(parseImportedCustomer(input)).toEqual(want.data);
        } else expect(() => parseImportedCustomer(input)).toThrow(AppError);
      }),
      { numRuns: 5000 },
    );
    expect(parsed).toBeGreaterThan(300);
  });

  it('the customer file refuses what its schema refuses even after the row checks passed: 转 in a phone, ① in a tax id', () => {
    const row = parseRow(customerImportTarget, { name: '甲商行', contactPhone: '0871-65123456转123', taxId: '①23456789012345' });
    expect(row.ok).toBe(true);
    expect(customerFileErrors((row as { data: CustomerImportRow }).data.input)).toEqual([
      { column: 'taxId', message: '税号只能包含字母和数字' },
      { column: 'contactPhone', message: '电话号码只能包含数字、空格、括号、+ 和 -' },
    ]);
  });

  it('the hand-written row checks give exactly what the zod row schema gave (parsed row, or the same messages on the same columns)', () => {
    fc.assert(
      fc.property(row, (values) => {
        expect(parseRow(customerImportTarget, values as Record<string, string>)).toEqual(parseRow(referenceTarget, values as Record<string, string>));
      }),
      { numRuns: 5000 },
    );
  });

  it('checks every column: each bad cell gets its own message on its own column', () => {
    const res = parseRow(customerImportTarget, {
      shortName: 'x'.repeat(51), classification: '大客户', source: '抖音', contactPhone: '12345', contactEmail: 'not-an-email',
      taxId: '123', invoiceAccount: 'abc', tags: manyTags(21), notes: 'x'.repeat(2001),
    });
    expect(res).toEqual({
      ok: false,
      errors: [
        { column: 'name', message: '必填' },
        { column: 'shortName', message: '不能超过 50 个字符' },
        { column: 'classification', message: '客户分类只能是：潜在、正式、VIP' },
        { column: 'source', message: '客户来源只能是：官网、展会、转介绍、电话营销、社交媒体、上门、其他' },
        { column: 'contactPhone', message: '电话号码格式不正确（手机 11 位，座机如 0871-65123456）' },
        { column: 'contactEmail', message: '邮箱格式不正确' },
        { column: 'taxId', message: '税号应为 15、18 或 20 位字母或数字' },
        { column: 'invoiceAccount', message: '银行账号只能包含数字' },
        { column: 'tags', message: '最多 20 个标签' },
        { column: 'notes', message: '不能超过 2000 个字符' },
      ],
    });
  });

  it('turns a good row into the customer file input: choices mapped, contact named after the customer, tags split', () => {
    const res = parseRow(customerImportTarget, { name: '昆明春城商贸有限公司', shortName: '春城', classification: ' VIP ', source: '微信', contactPhone: '13888001234', tags: '重点，餐饮、重点' });
    expect(res).toEqual({
      ok: true,
      data: {
        owner: null,
        input: {
          name: '昆明春城商贸有限公司', shortName: '春城', industry: null, province: null, city: null, address: null, classification: 'vip', source: 'social',
          taxId: null, invoiceTitle: null, invoiceAddress: null, invoicePhone: null, invoiceBank: null, invoiceAccount: null, notes: null,
          contacts: [{ name: '春城', phone: '13888001234', position: null, email: null, isPrimary: true }], addresses: [], tags: ['重点', '餐饮'],
        },
      },
    });
  });
});
