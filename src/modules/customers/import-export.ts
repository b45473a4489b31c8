import { sql } from 'kysely';
import { z } from 'zod';
import type { Db, Executor, Tx } from '../../db/database.ts';
import type { XlsxColumn } from '../../platform/excel/index.ts';
import { shanghaiTime } from '../../platform/time.ts';
import { can, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import type { ImportColumn, ImportTarget, InsertResult, ParsedRow, RowError } from '../imports/target.ts';
import { importKeysOf } from './import-export-keys.ts';
import * as repo from './repo.ts';
import { customerCreateBody, type CustomerFilters, type CustomerInput } from './schema.ts';
import { customersForExport, insertCustomers, nameKey, parseCustomerBody, phoneNorm, taxIdNorm } from './service.ts';

// Customer import (客户导入) and export (客户导出) through the shared Excel mechanism (src/modules/imports).

export const classificationLabels = { potential: '潜在', formal: '正式', vip: 'VIP' } as const;
export const sourceLabels = { web: '官网', trade_show: '展会', referral: '转介绍', telemarketing: '电话营销', social: '社交媒体', walk_in: '上门', other: '其他' } as const;

/** What an import cell may say for a classification or a source (lower-cased), and what it means. */
export const classificationByText: Record<string, keyof typeof classificationLabels> = {
  潜在: 'potential', 潜在客户: 'potential', potential: 'potential',
  正式: 'formal', 正式客户: 'formal', formal: 'formal',
  vip: 'vip', vip客户: 'vip', 重要客户: 'vip',
};
export const sourceByText: Record<string, keyof typeof sourceLabels> = {
  官网: 'web', 网站: 'web', 网络: 'web', web: 'web',
  展会: 'trade_show', 展销会: 'trade_show', trade_show: 'trade_show',
  转介绍: 'referral', 介绍: 'referral', 客户介绍: 'referral', referral: 'referral',
  电话营销: 'telemarketing', 电销: 'telemarketing', telemarketing: 'telemarketing',
  社交媒体: 'social', 微信: 'social', social: 'social',
  上门: 'walk_in', 来访: 'walk_in', walk_in: 'walk_in',
  其他: 'other', 其它: 'other', other: 'other',
};

export const customerImportColumns: ImportColumn[] = [
  { key: 'name', header: '客户名称', aliases: ['客户名', '名称', '公司名称', '单位名称', '客户全称'], required: true, example: '昆明春城商贸有限公司', description: '客户全称，最多 100 字；与系统中已有客户或本表其他行同名的会被标出', width: 28 },
  { key: 'shortName', header: '简称', aliases: ['客户简称'], example: '春城商贸', description: '最多 50 字' },
  { key: 'industry', header: '行业', aliases: ['所属行业'], example: '酒水批发' },
  { key: 'province', header: '省份', aliases: ['省', '所在省份'], example: '云南省' },
  { key: 'city', header: '城市', aliases: ['市', '地市', '地州', '所在城市'], example: '昆明市' },
  { key: 'address', header: '地址', aliases: ['详细地址', '客户地址', '公司地址'], example: '五华区人民中路 100 号', width: 30 },
  { key: 'classification', header: '客户分类', aliases: ['分类', '客户类型', '客户等级'], example: '正式', description: '潜在 / 正式 / VIP，不填为“潜在”' },
  { key: 'source', header: '客户来源', aliases: ['来源', '渠道'], example: '展会', description: '官网 / 展会 / 转介绍 / 电话营销 / 社交媒体 / 上门 / 其他，不填为“其他”' },
  { key: 'contactName', header: '联系人', aliases: ['联系人姓名', '姓名'], example: '李明', description: '不填而填了联系电话时，以客户简称（或名称）作联系人' },
  { key: 'contactPhone', header: '联系电话', aliases: ['电话', '手机', '手机号', '联系方式', '电话号码'], example: '13888001234', description: '手机 11 位，或座机如 0871-65123456；与已有客户的电话相同会被标出', width: 16 },
  { key: 'contactPosition', header: '职位', aliases: ['职务'], example: '采购经理' },
  { key: 'contactEmail', header: '邮箱', aliases: ['电子邮箱', 'email', 'e-mail'], example: 'liming@example.com', width: 22 },
  { key: 'taxId', header: '税号', aliases: ['纳税人识别号', '统一社会信用代码', '信用代码'], example: '91530100MA6K123456', description: '15、18 或 20 位字母数字；与已有客户的税号相同会被标出', width: 22 },
  { key: 'invoiceTitle', header: '开票抬头', aliases: ['发票抬头'], example: '昆明春城商贸有限公司', width: 28 },
  { key: 'invoiceAddress', header: '开票地址', example: '昆明市五华区人民中路 100 号', width: 30 },
  { key: 'invoicePhone', header: '开票电话', example: '0871-65123456' },
  { key: 'invoiceBank', header: '开户银行', aliases: ['开户行'], example: '中国工商银行昆明分行', width: 24 },
  { key: 'invoiceAccount', header: '银行账号', aliases: ['账号', '开户账号', '银行帐号'], example: '2502012345678901234', width: 24 },
  { key: 'owner', header: '负责人', aliases: ['业务员', '归属业务员', '销售代表', '客户经理'], example: '', description: '本账套用户的姓名或用户名；不填为导入人自己' },
  { key: 'tags', header: '标签', aliases: ['客户标签'], example: '重点,餐饮', description: '多个标签用逗号分隔，每个最多 20 字' },
  { key: 'notes', header: '备注', aliases: ['说明', '备注信息'], example: '', width: 30 },
];

const hasCjk = (s: string) => /[\u4e00-\u9fff]/.test(s);

const ASCII = /^[\x00-\x7f]*$/;
/** NFKC normalisation, skipped for ASCII text (which it leaves as it is): phones and tax ids are mostly ASCII. */
const nfkc = (text: string) => (ASCII.test(text) ? text : text.normalize('NFKC'));

/** A Chinese phone as people write it: mobile 1xxxxxxxxxx (+86 allowed), landline 0xxx-xxxxxxx[-ext], 400/800. */
export function isPhone(text: string): boolean {
  const t = nfkc(text).replace(/[\s()\-—]/g, '');
  const digits = t.replace(/^\+?86(?=1\d{10}$)/, '');
  if (/^1[3-9]\d{9}$/.test(digits)) return true;
  if (/^0\d{2,3}\d{7,8}(?:转?\d{1,6})?$/.test(digits)) return true;
  if (/^[48]00\d{7}$/.test(digits)) return true;
  return /^\d{7,8}$/.test(digits); // a local number without area code
}

export type CustomerImportRow = { input: z.input<typeof customerCreateBody>; owner: string | null };

// ─── One row of the sheet ─────────────────────────────────────────────────────────────────
// The row's own checks are written out by hand instead of as a zod object: the import runs them on
// every row twice (preview and commit), and a 21-key zod object with transforms and refinements cost
// ~15 µs a row, a tenth of the preview. Messages, their order and the result are exactly what that zod
// schema gave (property-tested against it in import-export-row.test.ts). The customer file's own schema
// (customerCreateBody) is checked at preview by customerFileErrors and applied at commit by
// parseImportedCustomer (both property-tested equal to it).

const PHONE_MESSAGE = '电话号码格式不正确（手机 11 位，座机如 0871-65123456）';
const CLASSIFICATION_MESSAGE = '客户分类只能是：潜在、正式、VIP';
const SOURCE_MESSAGE = '客户来源只能是：官网、展会、转介绍、电话营销、社交媒体、上门、其他';
const TAX_ID = /^[0-9A-Z]{15}$|^[0-9A-Z]{18}$|^[0-9A-Z]{20}$/;
const ACCOUNT = /^[\d\s-]{5,40}$/;
const TAG_SPLIT = /[,，、;；\s]+/;

type Check = 'text' | 'phone' | 'email' | 'taxId' | 'account' | 'classification' | 'source' | 'tags';
/** The row's columns in the order their problems are listed, with their kind of check and length limit. */
const rowChecks: [key: string, check: Check, max: number][] = [
  ['name', 'text', 100], ['shortName', 'text', 50], ['industry', 'text', 50], ['province', 'text', 30], ['city', 'text', 30], ['address', 'text', 200],
  ['classification', 'classification', 0], ['source', 'source', 0], ['contactName', 'text', 50], ['contactPhone', 'phone', 30],
  ['contactPosition', 'text', 50], ['contactEmail', 'email', 100], ['taxId', 'taxId', 0], ['invoiceTitle', 'text', 100], ['invoiceAddress', 'text', 200],
  ['invoicePhone', 'phone', 30], ['invoiceBank', 'text', 100], ['invoiceAccount', 'account', 50], ['owner', 'text', 50], ['tags', 'tags', 0], ['notes', 'text', 2000],
];

// The few texts of a choice column (正式, VIP, 展会…) repeat on every row: their keys are kept.
const choiceKeys = new Map<string, string>();
function choiceKey(v: string): string {
  let key = choiceKeys.get(v);
  if (key === undefined) {
    key = nfkc(v).replace(/\s+/g, '').toLowerCase();
    if (choiceKeys.size >= 1000) choiceKeys.clear();
    choiceKeys.set(v, key);
  }
  return key;
}
const tooLong = (max: number) => `不能超过 ${max} 个字符`;
const splitTags = (v: string | undefined) => [...new Set((v ?? '').split(TAG_SPLIT).map((x) => x.trim()).filter(Boolean))];

/** The problems of one row's cells (column key → text as uploaded), in column order; empty when none. */
export function customerRowErrors(values: Record<string, unknown>): RowError[] {
  const errors: RowError[] = [];
  for (const [key, check, max] of rowChecks) {
    const v = values[key];
    if (v === undefined) {
      if (key === 'name') errors.push({ column: key, message: '必填' });
      continue;
    }
    if (typeof v !== 'string') {
      // zod's invalid_type: the zh message of src/modules/imports, or the email schema's own
      errors.push({ column: key, message: check === 'email' ? '邮箱格式不正确' : '格式不正确' });
      continue;
    }
    switch (check) {
      case 'text':
        if (v.length > max) errors.push({ column: key, message: tooLong(max) });
        break;
      case 'phone':
        if (v.length > max) errors.push({ column: key, message: tooLong(max) });
        if (v && !isPhone(v)) errors.push({ column: key, message: PHONE_MESSAGE });
        break;
      case 'email':
        // z.email({ message }) gives its own message to its length check too
        if (!z.regexes.email.test(v)) errors.push({ column: key, message: '邮箱格式不正确' });
        if (v.length > max) errors.push({ column: key, message: '邮箱格式不正确' });
        break;
      case 'taxId':
        if (v && !TAX_ID.test(nfkc(v).replace(/[\s-]/g, '').toUpperCase())) errors.push({ column: key, message: '税号应为 15、18 或 20 位字母或数字' });
        break;
      case 'account':
        if (v.length > max) errors.push({ column: key, message: tooLong(max) });
        if (v && !ACCOUNT.test(v)) errors.push({ column: key, message: '银行账号只能包含数字' });
        break;
      case 'classification':
        if (v && !classificationByText[choiceKey(v)]) errors.push({ column: key, message: CLASSIFICATION_MESSAGE });
        break;
      case 'source':
        if (v && !sourceByText[choiceKey(v)]) errors.push({ column: key, message: SOURCE_MESSAGE });
        break;
      case 'tags': {
        const tags = splitTags(v);
        if (!tags.every((t) => t.length <= 20)) errors.push({ column: key, message: '每个标签最多 20 个字' });
        if (tags.length > 20) errors.push({ column: key, message: '最多 20 个标签' });
        break;
      }
    }
  }
  return errors;
}

const contactColumns = ['contactPhone', 'contactPosition', 'contactEmail'] as const;

/** A row without problems (customerRowErrors empty) as the customer file's input and the 负责人 text. */
export function customerRowInput(values: Record<string, string | undefined>): CustomerImportRow {
  const r = values;
  const name = r.name!;
  return {
    owner: r.owner ?? null,
    input: {
      name, shortName: r.shortName ?? null, industry: r.industry ?? null, province: r.province ?? null, city: r.city ?? null, address: r.address ?? null,
      classification: r.classification ? classificationByText[choiceKey(r.classification)] : 'potential',
      source: r.source ? sourceByText[choiceKey(r.source)] : 'other',
      taxId: r.taxId ?? null, invoiceTitle: r.invoiceTitle ?? null, invoiceAddress: r.invoiceAddress ?? null, invoicePhone: r.invoicePhone ?? null,
      invoiceBank: r.invoiceBank ?? null, invoiceAccount: r.invoiceAccount ?? null, notes: r.notes ?? null,
      // a phone without a contact name is the shop's own line: the contact is named after the customer
      contacts: r.contactName || contactColumns.some((k) => r[k]) ? [{ name: r.contactName ?? (r.shortName ?? name).slice(0, 50), phone: r.contactPhone ?? null, position: r.contactPosition ?? null, email: r.contactEmail ?? null, isPrimary: true }] : [],
      addresses: [],
      tags: splitTags(r.tags),
    },
  };
}

/** The import target's row schema: customerRowErrors as zod issues (path = column key), else customerRowInput. */
export const customerRowSchema = z
  .custom<Record<string, string | undefined>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v))
  .transform((values, ctx): CustomerImportRow => {
    const errors = customerRowErrors(values);
    if (!errors.length) return customerRowInput(values);
    for (const e of errors) ctx.addIssue({ code: 'custom', message: e.message, path: [e.column!] });
    return z.NEVER;
  });

// ─── Checks ───────────────────────────────────────────────────────────────────────────────

const pathColumn: Record<string, string> = { 'contacts.0.name': 'contactName', 'contacts.0.phone': 'contactPhone', 'contacts.0.position': 'contactPosition', 'contacts.0.email': 'contactEmail' };
const columnOfPath = (path: string) => pathColumn[path] ?? (path.startsWith('tags') ? 'tags' : customerImportColumns.some((c) => c.key === path) ? path : null);

// The customer file's own rules (customerCreateBody) as they apply to a row that passed customerRowErrors,
// written out by hand: zod's parse of the nested body cost ~20 µs and a few kB of garbage a row at
// preview. Same problems, columns and order as customerCreateBody.safeParse mapped through columnOfPath
// (property-tested against it in import-export-row.test.ts); parseImportedCustomer below is its parse.
const FILE_PHONE = /^[+\d\s()（）\-—－０-９＋]*$/;
const FILE_TAX_ID = /^[0-9A-Za-z\s\-－０-９Ａ-Ｚａ-ｚ]*$/;
const FORMAT = '格式不正确';
const fileTextMax: [key: 'shortName' | 'industry' | 'province' | 'city' | 'address', max: number][] = [['shortName', 50], ['industry', 50], ['province', 30], ['city', 30], ['address', 200]];
const invoiceTextMax: [key: 'invoiceTitle' | 'invoiceAddress', max: number][] = [['invoiceTitle', 100], ['invoiceAddress', 200]];

function filePhoneErrors(column: string, v: string | null | undefined, errors: RowError[]) {
  if (v == null) return;
  const t = v.trim();
  if (t.length > 30) errors.push({ column, message: FORMAT });
  if (!FILE_PHONE.test(t)) errors.push({ column, message: '电话号码只能包含数字、空格、括号、+ 和 -' });
}
const tooLongTrimmed = (v: string | null | undefined, max: number) => v != null && v.trim().length > max;

/** What customerCreateBody would refuse in an import row's input, by column (empty: it would accept it). */
export function customerFileErrors(input: CustomerImportRow['input']): RowError[] {
  const errors: RowError[] = [];
  const name = input.name.trim();
  if (name.length > 100 || name.length < 1) errors.push({ column: 'name', message: FORMAT });
  for (const [key, max] of fileTextMax) if (tooLongTrimmed(input[key], max)) errors.push({ column: key, message: FORMAT });
  if (input.taxId != null) {
    const t = input.taxId.trim();
    if (t.length > 30) errors.push({ column: 'taxId', message: FORMAT });
    if (!FILE_TAX_ID.test(t)) errors.push({ column: 'taxId', message: '税号只能包含字母和数字' });
  }
  for (const [key, max] of invoiceTextMax) if (tooLongTrimmed(input[key], max)) errors.push({ column: key, message: FORMAT });
  filePhoneErrors('invoicePhone', input.invoicePhone, errors);
  if (tooLongTrimmed(input.invoiceBank, 100)) errors.push({ column: 'invoiceBank', message: FORMAT });
  if (tooLongTrimmed(input.invoiceAccount, 50)) errors.push({ column: 'invoiceAccount', message: FORMAT });
  if (tooLongTrimmed(input.notes, 2000)) errors.push({ column: 'notes', message: FORMAT });
  for (const c of input.contacts ?? []) {
    const contactName = c.name.trim();
    if (contactName.length > 50 || contactName.length < 1) errors.push({ column: 'contactName', message: FORMAT });
    filePhoneErrors('contactPhone', c.phone, errors);
    if (tooLongTrimmed(c.position, 50)) errors.push({ column: 'contactPosition', message: FORMAT });
    if (c.email && (!z.regexes.email.test(c.email) || c.email.length > 100)) errors.push({ column: 'contactEmail', message: FORMAT });
  }
  const tags = input.tags ?? [];
  for (const tag of tags) {
    const t = tag.trim();
    if (t.length > 20 || t.length < 1) errors.push({ column: 'tags', message: FORMAT });
  }
  if (tags.length > 20) errors.push({ column: 'tags', message: FORMAT });
  return errors;
}

const trimmedOrNull = (v: string | null | undefined) => {
  if (v == null) return null;
  const t = v.trim();
  return t === '' ? null : t;
};

/**
 * What customerCreateBody.parse gives for an import row's input, written out by hand for the commit
 * (the zod parse of the nested body was ~25 µs a row, a tenth of the commit): texts trimmed, empty as
 * null, defaults filled. Only for the rows an import makes (one contact without id, no addresses) that
 * customerFileErrors passes; anything else goes through the schema itself. Property-tested equal to the
 * schema's parse in import-export-row.test.ts.
 */
export function parseImportedCustomer(raw: CustomerImportRow['input']): CustomerInput {
  const contacts = raw.contacts ?? [];
  if ((raw.addresses?.length ?? 0) > 0 || contacts.some((c) => c.id !== undefined) || customerFileErrors(raw).length > 0) return parseCustomerBody(raw);
  const out: CustomerInput = {
    name: raw.name.trim(), shortName: trimmedOrNull(raw.shortName), industry: trimmedOrNull(raw.industry), province: trimmedOrNull(raw.province),
    city: trimmedOrNull(raw.city), address: trimmedOrNull(raw.address), classification: raw.classification ?? 'potential', source: raw.source ?? 'other',
    taxId: trimmedOrNull(raw.taxId), invoiceTitle: trimmedOrNull(raw.invoiceTitle), invoiceAddress: trimmedOrNull(raw.invoiceAddress),
    invoicePhone: trimmedOrNull(raw.invoicePhone), invoiceBank: trimmedOrNull(raw.invoiceBank), invoiceAccount: trimmedOrNull(raw.invoiceAccount),
    referredByCustomerId: raw.referredByCustomerId ?? null, notes: trimmedOrNull(raw.notes),
    contacts: contacts.map((c) => ({ name: c.name.trim(), phone: trimmedOrNull(c.phone), position: trimmedOrNull(c.position), email: c.email ? c.email : null, isPrimary: c.isPrimary ?? false })),
    addresses: [],
    tags: (raw.tags ?? []).map((t) => t.trim()),
  };
  if (raw.ownerId !== undefined) out.ownerId = raw.ownerId;
  return out;
}

type Owners = { byText: Map<string, number[]> };

/** The users of the company named in the rows' 负责人 column, by display name or username. */
async function resolveOwners(db: Executor, ctx: RequestContext, rows: ParsedRow<CustomerImportRow>[]): Promise<Owners> {
  const names = [...new Set(rows.map((r) => r.data.owner).filter((o): o is string => !!o))];
  const byText = new Map<string, number[]>();
  if (!names.length) return { byText };
  const users = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.userId')
    .select(['users.id', 'users.username', 'users.displayName'])
    .where('memberships.companyId', '=', ctx.companyId)
    .where('users.active', '=', 1)
    .where((eb) => eb.or([eb('users.displayName', 'in', names), eb('users.username', 'in', names)]))
    .execute();
  for (const name of names) {
    const byUsername = users.filter((u) => u.username === name);
    byText.set(name, byUsername.length ? byUsername.map((u) => u.id) : users.filter((u) => u.displayName === name).map((u) => u.id));
  }
  return { byText };
}

function ownerOf(ctx: RequestContext, owners: Owners, row: CustomerImportRow): { id: number } | { error: string } {
  if (!row.owner) return { id: ctx.userId };
  const ids = owners.byText.get(row.owner) ?? [];
  if (ids.length === 0) return { error: `「${row.owner}」不是本账套的在职用户` };
  if (ids.length > 1) return { error: `有多位用户叫「${row.owner}」，请填写用户名` };
  if (ids[0] !== ctx.userId && !can(ctx, 'customer.transfer') && ctx.dataScope !== 'company') return { error: '您无权把客户分配给其他负责人' };
  return { id: ids[0] };
}

const fieldName = { name: '客户名称', phone: '联系电话', taxId: '税号' } as const;
const clashText = (field: keyof typeof fieldName, x: { code: string; name: string; ownerId: number | null; ownerName: string | null }) =>
  `与已有客户「${x.name}」（${x.code}，${x.ownerId ? `负责人：${x.ownerName ?? ''}` : '在公海中'}）的${fieldName[field]}相同`;

// The in-file keys (300,000 of them for 100,000 rows, held for the whole preview, in the compact map of
// import-export-keys.ts) are the normalised values themselves, without a 'n:'/'p:'/'t:' prefix: the three kinds
// cannot meet. A phone is digits only; a name key is lower-case letters and digits (compactText), so a
// tax id (upper-case A–Z and digits) with a letter never equals one; an all-digit name key or tax id
// gets a mark that neither can contain.
const ALL_DIGITS = /^\d*$/;
const seenName = (nameKey: string) => (ALL_DIGITS.test(nameKey) ? `~${nameKey}` : nameKey);
const seenTaxId = (taxId: string) => (ALL_DIGITS.test(taxId) ? `#${taxId}` : taxId);

/**
 * Per-row errors: the customer file's own rules (B's schema), the owner, duplicates within the file
 * (name key / phone / tax id → first row, kept across the batches of one upload by importKeysOf(seen)) and
 * duplicates of existing customers of the company,
 * whoever owns them (one IN query per kind per batch).
 */
export async function checkCustomerRows(db: Executor, ctx: RequestContext, rows: ParsedRow<CustomerImportRow>[], seen: Map<string, number> | null): Promise<Map<number, RowError[]>> {
  const errors = new Map<number, RowError[]>();
  const add = (row: number, e: RowError) => errors.set(row, [...(errors.get(row) ?? []), e]);
  const owners = await resolveOwners(db, ctx, rows);
  const keyed: { row: ParsedRow<CustomerImportRow>; nameKey: string; phone: string | null; taxId: string | null }[] = [];
  for (const r of rows) {
    const fileErrors = customerFileErrors(r.data.input);
    if (fileErrors.length) {
      for (const e of fileErrors) add(r.rowNumber, e);
      continue;
    }
    const owner = ownerOf(ctx, owners, r.data);
    if ('error' in owner) add(r.rowNumber, { column: 'owner', message: owner.error });
    keyed.push({ row: r, nameKey: nameKey(r.data.input.name), phone: phoneNorm(r.data.input.contacts?.[0]?.phone), taxId: taxIdNorm(r.data.input.taxId) });
  }
  if (seen) {
    const inFile = importKeysOf(seen);
    for (const k of keyed) {
      const keys = [['name', seenName(k.nameKey)], ['contactPhone', k.phone], ['taxId', k.taxId && seenTaxId(k.taxId)]] as const;
      let clash = false;
      for (const [column, key] of keys) {
        if (!key) continue;
        const first = inFile.get(key);
        if (first !== undefined) {
          add(k.row.rowNumber, { column, message: `与第 ${first} 行的${column === 'name' ? '客户名称' : column === 'taxId' ? '税号' : '联系电话'}重复` });
          clash = true;
        }
      }
      if (!clash) for (const [, key] of keys) if (key) inFile.set(key, k.row.rowNumber);
    }
  }
  const found = await repo.duplicateRowsBulk(db, ctx.companyId, {
    nameKeys: keyed.map((k) => k.nameKey),
    phones: [...new Set(keyed.map((k) => k.phone).filter((p): p is string => !!p))],
    taxIds: [...new Set(keyed.map((k) => k.taxId).filter((t): t is string => !!t))],
  });
  const byName = new Map(found.byName.map((x) => [x.nameKey, x]));
  const byPhone = new Map(found.byPhone.map((x) => [x.phoneNorm, x]));
  const byTax = new Map(found.byTax.map((x) => [x.taxId, x]));
  for (const k of keyed) {
    const n = byName.get(k.nameKey);
    if (n) add(k.row.rowNumber, { column: 'name', message: clashText('name', n) });
    const p = k.phone ? byPhone.get(k.phone) : undefined;
    if (p) add(k.row.rowNumber, { column: 'contactPhone', message: clashText('phone', p) });
    const t = k.taxId ? byTax.get(k.taxId) : undefined;
    if (t) add(k.row.rowNumber, { column: 'taxId', message: clashText('taxId', t) });
  }
  return errors;
}

/**
 * Inserts a checked batch through the customer module's batch insert (multi-row INSERTs, one audit entry
 * per customer). The batch insert checks duplicates against the database again itself, inside the
 * commit transaction: a customer entered by someone else since the preview comes back as refused.
 */
const INSERT_CALL = 200;

export async function insertCustomerRows(tx: Tx, ctx: RequestContext, rows: ParsedRow<CustomerImportRow>[]): Promise<InsertResult> {
  const owners = await resolveOwners(tx, ctx, rows);
  const refused = new Map<number, RowError[]>();
  const accepted: { rowNumber: number; input: CustomerImportRow['input'] }[] = [];
  for (const r of rows) {
    const owner = ownerOf(ctx, owners, r.data);
    if ('error' in owner) refused.set(r.rowNumber, [{ column: 'owner', message: owner.error }]);
    else {
      r.data.input.ownerId = owner.id; // the row's parse is the commit's own: no copy of it per row
      accepted.push({ rowNumber: r.rowNumber, input: r.data.input });
    }
  }
  let inserted = 0;
  // 200 rows a call (the batch insert's own chunk): a call's normalised customers and statement values
  // die before the next call instead of living through the whole 1,000-row batch, so far fewer of them
  // outlive a young-generation collection into the old one (the import's peak memory). The rows of a
  // preview are distinct by name key, phone and tax id, so splitting cannot turn an in-batch duplicate
  // into a different report.
  for (let i = 0; i < accepted.length; i += INSERT_CALL) {
    const part = accepted.slice(i, i + INSERT_CALL);
    const result = await insertCustomers(tx, ctx, part.map((a) => a.input), { auditAction: 'customer.import', parse: parseImportedCustomer });
    for (const d of result.duplicates) {
      refused.set(
        part[d.index].rowNumber,
        d.duplicates.map((x) => ({ column: x.field === 'name' ? 'name' : x.field === 'taxId' ? 'taxId' : 'contactPhone', message: clashText(x.field, x) })),
      );
    }
    for (const v of result.invalid) {
      refused.set(part[v.index].rowNumber, v.fields.map((f) => ({ column: columnOfPath(f.path), message: hasCjk(f.message) ? f.message : '格式不正确' })));
    }
    inserted += result.inserted.length;
  }
  return { inserted, refused };
}

export const customerImportTarget: ImportTarget<CustomerImportRow> = {
  kind: 'customers',
  label: '客户',
  permission: 'customer.import',
  columns: customerImportColumns,
  rowSchema: customerRowSchema,
  checkRows: checkCustomerRows,
  insertRows: insertCustomerRows,
  recheckOnCommit: false, // insertCustomers checks duplicates in the commit transaction and reports them
};

// ─── Export ───────────────────────────────────────────────────────────────────────────────


export const customerExportColumns: XlsxColumn[] = [
  { header: '客户编码', key: 'code', width: 16 },
  ...customerImportColumns
    .filter((c) => c.key !== 'contactPosition' && c.key !== 'contactEmail')
    .map((c) => ({ header: c.header, key: c.key, width: c.width })),
  { header: '最近跟进', key: 'lastFollowupAt', width: 18 },
  { header: '创建时间', key: 'createdAt', width: 18 },
];

/** The customers of the list as filtered, as export rows (same titles as the import: an export imports back). */
export async function* customerExportRows(db: Db, ctx: RequestContext, filters: CustomerFilters): AsyncGenerator<Record<string, unknown>> {
  for await (const c of customersForExport(db, ctx, filters)) {
    yield {
      ...c,
      classification: classificationLabels[c.classification as keyof typeof classificationLabels] ?? c.classification,
      source: sourceLabels[c.source as keyof typeof sourceLabels] ?? c.source,
      contactName: c.primaryContact,
      contactPhone: c.primaryPhone,
      owner: c.ownerName,
      tags: c.tags.join(','),
      lastFollowupAt: shanghaiTime(c.lastFollowupAt),
      createdAt: shanghaiTime(c.createdAt),
    };
  }
}

/** How many rows the export will have (for the progress bar); checks customer.export. */
export async function customerExportCount(db: Db, ctx: RequestContext, filters: CustomerFilters): Promise<number> {
  requirePermission(ctx, 'customer.export');
  const r = await repo.filteredCustomers(db, ctx, filters).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
