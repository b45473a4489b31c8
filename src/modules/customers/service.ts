import type { z } from 'zod';
import { ZodError } from 'zod';
import type { Db, Executor, Tx } from '../../db/database.ts';
import { diff, historyOf, writeAudit } from '../../platform/audit/audit.ts';
import { notFound, staleVersion, validationFailed } from '../../platform/errors/app-error.ts';
import { nextNumber } from '../../platform/numbering/numbering.ts';
import { actorOf, can, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { ownerInScope } from '../../platform/permissions/scope.ts';
import { businessDate, isoNow } from '../../platform/time.ts';
import { customerError } from './errors.ts';
import { nameKey, phoneNorm, searchColumns, taxIdNorm } from './normalize.ts';
import * as repo from './repo.ts';
import {
  customerCreateBody, type CustomerFilters, type CustomerInput, type CustomerListQuery, type CustomerOut, type CustomerUpdateInput, type Duplicate,
} from './schema.ts';
import { isUniqueViolation, notifyWorkers, rethrowAsDuplicate } from './shared.ts';

export { addFollowup, dueFollowupsForMe, listFollowups } from './followups.ts';
export { saveCredit } from './credit.ts';
export { insertCustomers, customersForExport } from './batch.ts';
export { prefixRange, customerSearchCondition } from './repo.ts';
export { nameKey, phoneNorm, taxIdNorm, searchColumns } from './normalize.ts';
// ownership requests, the public pool and transfers (engineer C); ownership.ts re-exports pool.ts and transfer.ts
export * from './ownership.ts';

// ─── Normalisation and duplicates (also used by import, lead conversion and the demo) ──────

/** A customer input with its derived, normalised values: what is stored and what duplicates compare. */
export type NormalizedCustomer = Omit<CustomerInput, 'contacts' | 'taxId'> & {
  nameKey: string;
  taxId: string | null;
  contacts: (CustomerInput['contacts'][number] & { phoneNorm: string | null })[];
  primaryContact: string | null;
  primaryPhone: string | null;
  search: ReturnType<typeof searchColumns>;
};

/**
 * Parses (zod: trims, defaults) and normalises one input. Throws VALIDATION_FAILED (400) with field
 * paths on bad input. One primary contact and one default address at most (the first flagged, else
 * the first); tags de-duplicated. Idempotent: normalising a normalised input gives the same.
 */
/** The customer file's body checked and shaped by its schema; a 400 with field paths when it is refused. */
export function parseCustomerBody(raw: z.input<typeof customerCreateBody>): CustomerInput {
  try {
    return customerCreateBody.parse(raw);
  } catch (e) {
    if (e instanceof ZodError) throw validationFailed(e.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    throw e;
  }
}

/**
 * A customer body as it is stored: parsed (by default with the schema; the import passes its own
 * parse of rows it has already checked), contacts and addresses with one primary/default, keys for
 * duplicates and the search columns.
 */
export function normalizeCustomerInput(raw: z.input<typeof customerCreateBody>, parse: (raw: z.input<typeof customerCreateBody>) => CustomerInput = parseCustomerBody): NormalizedCustomer {
  const input = parse(raw);
  const primaryIdx = Math.max(0, input.contacts.findIndex((c) => c.isPrimary));
  const contacts = input.contacts.map((c, i) => ({ ...c, isPrimary: i === primaryIdx, phoneNorm: phoneNorm(c.phone) }));
  const defaultIdx = Math.max(0, input.addresses.findIndex((a) => a.isDefault));
  const addresses = input.addresses.map((a, i) => ({ ...a, isDefault: i === defaultIdx }));
  const primary = contacts[primaryIdx];
  return {
    ...input,
    contacts,
    addresses,
    tags: [...new Set(input.tags)],
    nameKey: nameKey(input.name),
    taxId: taxIdNorm(input.taxId),
    primaryContact: primary?.name ?? null,
    primaryPhone: primary?.phoneNorm ?? null,
    search: searchColumns(input.name, input.province, input.city),
  };
}

export type DuplicateCandidate = { nameKey?: string | null; phones?: (string | null)[]; taxId?: string | null; excludeId?: number };

/**
 * Every existing customer of the company (whatever its owner or the caller's scope) that clashes with
 * the candidate: same name key, any same phone (normalised), or same tax id (normalised). Returns only
 * id, code, name and owner — enough to say who owns it, nothing more. Phones' paths are
 * `contacts.<i>.phone` (index in candidate.phones).
 */
export async function findDuplicates(tx: Executor, companyId: number, candidate: DuplicateCandidate): Promise<Duplicate[]> {
  const phones = (candidate.phones ?? []).map((p) => p ?? null);
  const uniquePhones = [...new Set(phones.filter((p): p is string => !!p))];
  const rows = await repo.duplicateRows(tx, companyId, { nameKey: candidate.nameKey ?? null, phones: uniquePhones, taxId: candidate.taxId ?? null, excludeId: candidate.excludeId });
  const out: Duplicate[] = [];
  const pick = (r: { customerId: number; code: string; name: string; ownerId: number | null; ownerName: string | null }) => ({
    customerId: r.customerId, code: r.code, name: r.name, ownerId: r.ownerId, ownerName: r.ownerId ? r.ownerName : null,
  });
  if (rows.byName) out.push({ field: 'name', path: 'name', ...pick(rows.byName) });
  for (const r of rows.byPhone) out.push({ field: 'phone', path: `contacts.${phones.indexOf(r.phoneNorm)}.phone`, ...pick(r) });
  if (rows.byTax) out.push({ field: 'taxId', path: 'taxId', ...pick(rows.byTax) });
  return out;
}

const fieldLabel = { name: { zh: '名称', en: 'name' }, phone: { zh: '电话', en: 'phone' }, taxId: { zh: '税号', en: 'tax id' } } as const;

/** The 409 a user sees: the existing customer, its code and its owner (或 公海), pointing at the clashing fields. */
export function duplicateError(dups: Duplicate[]) {
  const d = dups[0];
  return customerError(
    'DUPLICATE_CUSTOMER',
    {
      field: fieldLabel[d.field].zh, fieldEn: fieldLabel[d.field].en, name: d.name, code: d.code,
      owner: d.ownerName ? `归属业务员：${d.ownerName}` : '当前在公海中', ownerEn: d.ownerName ? `owned by ${d.ownerName}` : 'in the public pool',
    },
    dups.filter((x) => x.customerId === d.customerId).map((x) => ({ path: x.path, message: `与客户「${x.name}」（${x.code}）的${fieldLabel[x.field].zh}相同` })),
  );
}

// ─── Writing one customer ─────────────────────────────────────────────────────────────────

export type InsertOptions = {
  /** the owner; undefined = the acting user; null = straight into the public pool (no 'create' move) */
  ownerId?: number | null;
  /** audit action (default 'customer.create'); e.g. 'customer.import', 'lead.convert' */
  auditAction?: string;
  auditNote?: string | null;
};

/**
 * Creates one customer inside the caller's transaction — NO permission check (callers check theirs):
 * validates and normalises the input, takes the next number (which also serialises concurrent creation
 * in the company, so the duplicate check that follows sees every committed customer), refuses a
 * duplicate with 409 DUPLICATE_CUSTOMER, then writes the file, contacts, addresses, tags, search
 * columns, the 'create' move (when owned) and the audit entry. Returns the new id and code.
 */
export async function insertCustomer(tx: Tx, ctx: RequestContext, raw: z.input<typeof customerCreateBody>, opts: InsertOptions = {}): Promise<{ id: number; code: string }> {
  const n = normalizeCustomerInput(raw);
  const code = await nextNumber(tx, ctx.companyId, 'customer', businessDate());
  const dups = await findDuplicates(tx, ctx.companyId, { nameKey: n.nameKey, phones: n.contacts.map((c) => c.phoneNorm), taxId: n.taxId });
  if (dups.length) throw duplicateError(dups);
  await checkReferrer(tx, ctx.companyId, n.referredByCustomerId);
  const ownerId = opts.ownerId === undefined ? (n.ownerId ?? ctx.userId) : opts.ownerId;
  const now = isoNow();
  const row = await tx.insertInto('customers').values(customerRow(n, ctx, code, ownerId, now)).returning('id').executeTakeFirstOrThrow();
  await writeChildren(tx, ctx.companyId, row.id, n, now);
  if (ownerId) await tx.insertInto('customerMoves').values({ companyId: ctx.companyId, customerId: row.id, kind: 'create', fromUserId: null, toUserId: ownerId, reason: null, byUserId: ctx.userId, at: now }).execute();
  await writeAudit(tx, actorOf(ctx), { action: opts.auditAction ?? 'customer.create', entity: 'customer', entityId: row.id, after: { code, ownerId, ownerName: await repo.userName(tx, ownerId), ...snapshotOf(n) }, note: opts.auditNote ?? null });
  return { id: row.id, code };
}

export function customerRow(n: NormalizedCustomer, ctx: RequestContext, code: string, ownerId: number | null, now: string) {
  return {
    companyId: ctx.companyId, code, name: n.name, shortName: n.shortName, nameKey: n.nameKey, searchKey: n.search.searchKey,
    searchName: n.search.searchName, searchCore: n.search.searchCore, searchPinyin: n.search.searchPinyin, searchInitials: n.search.searchInitials,
    searchCorePinyin: n.search.searchCorePinyin, searchCoreInitials: n.search.searchCoreInitials,
    industry: n.industry, province: n.province, city: n.city, address: n.address, classification: n.classification, source: n.source,
    ownerId, ownerSince: ownerId ? now : null, poolEnteredAt: ownerId ? null : now, taxId: n.taxId,
    invoiceTitle: n.invoiceTitle, invoiceAddress: n.invoiceAddress, invoicePhone: n.invoicePhone, invoiceBank: n.invoiceBank, invoiceAccount: n.invoiceAccount,
    referredByCustomerId: n.referredByCustomerId, notes: n.notes, primaryContact: n.primaryContact, primaryPhone: n.primaryPhone,
    createdBy: ctx.userId, createdAt: now, updatedAt: now,
  };
}

export function contactRows(companyId: number, customerId: number, n: NormalizedCustomer, now: string) {
  return n.contacts.map((c) => ({ companyId, customerId, name: c.name, phone: c.phone, phoneNorm: c.phoneNorm, position: c.position, email: c.email, isPrimary: c.isPrimary ? 1 : 0, createdAt: now }));
}
export function addressRows(companyId: number, customerId: number, n: NormalizedCustomer, now: string) {
  return n.addresses.map((a) => ({ companyId, customerId, label: a.label, province: a.province, city: a.city, address: a.address, receiver: a.receiver, phone: a.phone, isDefault: a.isDefault ? 1 : 0, createdAt: now }));
}

async function writeChildren(tx: Tx, companyId: number, customerId: number, n: NormalizedCustomer, now: string) {
  if (n.contacts.length) await tx.insertInto('customerContacts').values(contactRows(companyId, customerId, n, now)).execute();
  if (n.addresses.length) await tx.insertInto('customerAddresses').values(addressRows(companyId, customerId, n, now)).execute();
  if (n.tags.length) await tx.insertInto('customerTags').values(n.tags.map((tag) => ({ companyId, customerId, tag }))).execute();
}

export async function checkReferrer(tx: Executor, companyId: number, referrerId: number | null, selfId?: number) {
  if (!referrerId) return;
  const ok = referrerId !== selfId && (await tx.selectFrom('customers').select('id').where('companyId', '=', companyId).where('id', '=', referrerId).executeTakeFirst());
  if (!ok) throw customerError('REFERRER_NOT_FOUND', {}, [{ path: 'referredByCustomerId', message: '推荐客户不存在' }]);
}

/** The file as the audit log shows it: fields, contacts, addresses and tags (no derived columns). */
function snapshotOf(n: Omit<NormalizedCustomer, 'ownerId' | 'search' | 'nameKey' | 'primaryContact' | 'primaryPhone'> & { ownerId?: unknown }) {
  return {
    name: n.name, shortName: n.shortName, industry: n.industry, province: n.province, city: n.city, address: n.address,
    classification: n.classification, source: n.source, taxId: n.taxId, invoiceTitle: n.invoiceTitle, invoiceAddress: n.invoiceAddress,
    invoicePhone: n.invoicePhone, invoiceBank: n.invoiceBank, invoiceAccount: n.invoiceAccount, referredByCustomerId: n.referredByCustomerId, notes: n.notes,
    contacts: n.contacts.map((c) => ({ name: c.name, phone: c.phone, position: c.position, email: c.email, isPrimary: c.isPrimary })),
    addresses: n.addresses.map((a) => ({ label: a.label, province: a.province, city: a.city, address: a.address, receiver: a.receiver, phone: a.phone, isDefault: a.isDefault })),
    tags: [...n.tags].sort(),
  };
}

// ─── Use cases behind the routes ──────────────────────────────────────────────────────────

/** Whether ctx may give a new customer to `ownerId`: oneself always; others with customer.transfer or company scope, inside the data scope. */
async function assertOwnerAllowed(tx: Executor, ctx: RequestContext, ownerId: number) {
  if (ownerId === ctx.userId) return;
  const mayAssign = can(ctx, 'customer.transfer') || ctx.dataScope === 'company';
  const member = mayAssign
    ? await tx
        .selectFrom('memberships')
        .select('memberships.userId')
        .where('memberships.companyId', '=', ctx.companyId)
        .where('memberships.userId', '=', ownerId)
        .where('memberships.active', '=', 1)
        .where(ownerInScope(ctx, 'memberships.user_id'))
        .executeTakeFirst()
    : undefined;
  if (!member) throw customerError('OWNER_NOT_ALLOWED', {}, [{ path: 'ownerId', message: '不能分配给该用户' }]);
}

export async function createCustomer(db: Db, ctx: RequestContext, body: CustomerInput): Promise<CustomerOut> {
  requirePermission(ctx, 'customer.create');
  try {
    const id = await db.transaction().execute(async (tx) => {
      const ownerId = body.ownerId ?? ctx.userId;
      await assertOwnerAllowed(tx, ctx, ownerId);
      return (await insertCustomer(tx, ctx, body, { ownerId })).id;
    });
    return await getCustomer(db, ctx, id);
  } catch (e) {
    if (isUniqueViolation(e)) await rethrowAsDuplicate(db, ctx.companyId, normalizeCustomerInput(body), e);
    throw e;
  }
}

export async function checkDuplicates(db: Db, ctx: RequestContext, body: { name?: string; phones?: string[]; taxId?: string; excludeId?: number }) {
  requirePermission(ctx, 'customer.read');
  const phones = (body.phones ?? []).map(phoneNorm);
  return { duplicates: await findDuplicates(db, ctx.companyId, { nameKey: body.name?.trim() ? nameKey(body.name) : null, phones, taxId: taxIdNorm(body.taxId), excludeId: body.excludeId }) };
}

async function loadCustomer(db: Executor, ctx: RequestContext, id: number): Promise<CustomerOut> {
  const c = await repo.customerInScope(db, ctx, id);
  if (!c) throw notFound();
  const [contacts, addresses, credit, tags, ownerName, referredByName, referralCount] = await Promise.all([
    repo.contactsOf(db, id), repo.addressesOf(db, id), repo.creditOf(db, id), repo.tagsOf(db, ctx.companyId, [id]),
    repo.userName(db, c.ownerId),
    c.referredByCustomerId ? db.selectFrom('customers').select('name').where('id', '=', c.referredByCustomerId).where('companyId', '=', ctx.companyId).executeTakeFirst().then((r) => r?.name ?? null) : null,
    repo.referralCount(db, ctx.companyId, id),
  ]);
  return {
    id: c.id, code: c.code, name: c.name, shortName: c.shortName, classification: c.classification, source: c.source, industry: c.industry,
    province: c.province, city: c.city, address: c.address, ownerId: c.ownerId, ownerName, ownerSince: c.ownerSince,
    primaryContact: c.primaryContact, primaryPhone: c.primaryPhone, lastFollowupAt: c.lastFollowupAt, lastDealAt: c.lastDealAt,
    createdAt: c.createdAt, createdBy: c.createdBy, updatedAt: c.updatedAt, version: c.version, tags: tags.get(id) ?? [],
    taxId: c.taxId, invoiceTitle: c.invoiceTitle, invoiceAddress: c.invoiceAddress, invoicePhone: c.invoicePhone, invoiceBank: c.invoiceBank,
    invoiceAccount: c.invoiceAccount, referredByCustomerId: c.referredByCustomerId, referredByName, notes: c.notes, referralCount,
    contacts: contacts.map((x) => ({ ...x, isPrimary: x.isPrimary === 1 })),
    addresses: addresses.map((x) => ({ ...x, isDefault: x.isDefault === 1 })),
    credit: credit ? creditOutOf(credit) : null,
  };
}

export function creditOutOf(c: NonNullable<Awaited<ReturnType<typeof repo.creditOf>>>) {
  return {
    rating: c.rating as 'A' | 'B' | 'C' | 'D', creditLimit: Number(c.creditLimit), paymentTerms: JSON.parse(c.paymentTerms), prepayRequired: c.prepayRequired === 1,
    assets: c.assets, salesCapacity: c.salesCapacity, debts: c.debts, creditHistory: c.creditHistory, conclusion: c.conclusion,
    checkedAt: c.checkedAt, checkedBy: c.checkedBy, checkedByName: c.checkedByName, updatedAt: c.updatedAt, version: c.version,
    settlementDay: c.settlementDay, creditMonths: c.creditMonths, creditDays: c.creditDays,
  };
}

/** One customer with its contacts, addresses, tags, credit, owner and referral count; 404 outside company or scope. */
export async function getCustomer(db: Executor, ctx: RequestContext, id: number): Promise<CustomerOut> {
  requirePermission(ctx, 'customer.read');
  return loadCustomer(db, ctx, id);
}

/** Replaces the file (contacts/addresses by id: kept, changed, added or removed; tags as a set); 409 when stale. */
export async function updateCustomer(db: Db, ctx: RequestContext, id: number, body: CustomerUpdateInput): Promise<CustomerOut> {
  requirePermission(ctx, 'customer.update');
  const { version, ...fields } = body;
  const n = normalizeCustomerInput({ ...fields, ownerId: undefined });
  try {
    await db.transaction().execute(async (tx) => {
      const before = await loadCustomer(tx, ctx, id);
      if (before.version !== version) throw staleVersion();
      const dups = await findDuplicates(tx, ctx.companyId, { nameKey: n.nameKey, phones: n.contacts.map((c) => c.phoneNorm), taxId: n.taxId, excludeId: id });
      if (dups.length) throw duplicateError(dups);
      await checkReferrer(tx, ctx.companyId, n.referredByCustomerId, id);
      const now = isoNow();
      const { companyId: _c, code: _code, ownerId: _o, ownerSince: _s, poolEnteredAt: _p, createdBy: _b, createdAt: _a, ...row } = customerRow(n, ctx, before.code, before.ownerId, now);
      const res = await tx.updateTable('customers').set({ ...row, version: version + 1 }).where('id', '=', id).where('companyId', '=', ctx.companyId).where('version', '=', version).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
      await replaceChildren(tx, ctx.companyId, id, n, before, now);
      const d = diff(snapshotOf({ ...before, contacts: before.contacts.map((c) => ({ ...c, phoneNorm: null })), ownerId: undefined } as never), snapshotOf(n));
      await writeAudit(tx, actorOf(ctx), { action: 'customer.update', entity: 'customer', entityId: id, ...d });
      const changed = Object.keys(d.after).map((k) => changedLabel[k] ?? k);
      if (changed.length) await notifyWorkers(tx, ctx, { id, name: n.name, ownerId: before.ownerId }, `${ctx.userName} 修改了客户「${n.name}」的档案`, `修改内容：${changed.join('、')}`);
    });
  } catch (e) {
    if (isUniqueViolation(e)) await rethrowAsDuplicate(db, ctx.companyId, n, e, id);
    throw e;
  }
  return getCustomer(db, ctx, id);
}

const changedLabel: Record<string, string> = {
  name: '名称', shortName: '简称', industry: '行业', province: '省份', city: '城市', address: '地址', classification: '客户分类', source: '来源',
  taxId: '税号', invoiceTitle: '开票抬头', invoiceAddress: '开票地址', invoicePhone: '开票电话', invoiceBank: '开户银行', invoiceAccount: '银行账号',
  referredByCustomerId: '推荐客户', notes: '备注', contacts: '联系人', addresses: '收货地址', tags: '标签',
};

async function replaceChildren(tx: Tx, companyId: number, id: number, n: NormalizedCustomer, before: CustomerOut, now: string) {
  const contactRowsNew = contactRows(companyId, id, n, now);
  const keepContacts = new Set<number>();
  for (const [i, c] of n.contacts.entries()) {
    const { createdAt: _ca, ...values } = contactRowsNew[i];
    if (c.id && before.contacts.some((x) => x.id === c.id)) {
      keepContacts.add(c.id);
      await tx.updateTable('customerContacts').set(values).where('id', '=', c.id).where('customerId', '=', id).execute();
    } else {
      await tx.insertInto('customerContacts').values(contactRowsNew[i]).execute();
    }
  }
  const goneContacts = before.contacts.filter((c) => !keepContacts.has(c.id)).map((c) => c.id);
  // contacts and addresses are parts of the editable file (not documents): a removed one goes, the audit keeps it
  if (goneContacts.length) await tx.deleteFrom('customerContacts').where('customerId', '=', id).where('id', 'in', goneContacts).execute();
  const addressRowsNew = addressRows(companyId, id, n, now);
  const keepAddresses = new Set<number>();
  for (const [i, a] of n.addresses.entries()) {
    const { createdAt: _ca, ...values } = addressRowsNew[i];
    if (a.id && before.addresses.some((x) => x.id === a.id)) {
      keepAddresses.add(a.id);
      await tx.updateTable('customerAddresses').set(values).where('id', '=', a.id).where('customerId', '=', id).execute();
    } else {
      await tx.insertInto('customerAddresses').values(addressRowsNew[i]).execute();
    }
  }
  const goneAddresses = before.addresses.filter((a) => !keepAddresses.has(a.id)).map((a) => a.id);
  if (goneAddresses.length) await tx.deleteFrom('customerAddresses').where('customerId', '=', id).where('id', 'in', goneAddresses).execute();
  await tx.deleteFrom('customerTags').where('customerId', '=', id).execute();
  if (n.tags.length) await tx.insertInto('customerTags').values(n.tags.map((tag) => ({ companyId, customerId: id, tag }))).execute();
}

/** GET /api/customers: the owned customers in scope, paged, sorted and filtered in SQL. */
export async function listCustomers(db: Db, ctx: RequestContext, q: CustomerListQuery) {
  requirePermission(ctx, 'customer.read');
  const { items, total, totalCapped } = await repo.listCustomers(db, ctx, q);
  const tags = await repo.tagsOf(db, ctx.companyId, items.map((i) => i.id));
  return { items: items.map((i) => ({ ...i, tags: tags.get(i.id) ?? [] })), total, totalCapped, page: q.page, pageSize: q.pageSize };
}

/** The change log of one customer (after the scope check), newest first. */
export async function customerHistory(db: Db, ctx: RequestContext, id: number) {
  requirePermission(ctx, 'customer.read');
  const c = await repo.customerInScope(db, ctx, id);
  if (!c) throw notFound();
  return { items: await historyOf(db, ctx.companyId, 'customer', id) };
}

export type { CustomerFilters };
