import { CompiledQuery } from 'kysely';
import type { z } from 'zod';
import type { Db, Tx } from '../../db/database.ts';
import { isPostgres } from '../../db/schema-helpers.ts';
import { writeAuditMany } from '../../platform/audit/audit.ts';
import { AppError, type FieldError } from '../../platform/errors/app-error.ts';
import { nextNumbers } from '../../platform/numbering/numbering.ts';
import { requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { businessDate, isoNow } from '../../platform/time.ts';
import * as repo from './repo.ts';
import type { CustomerFilters, CustomerInput, customerCreateBody, Duplicate } from './schema.ts';
import type { NormalizedCustomer } from './service.ts';

export type BatchResult = {
  inserted: { index: number; id: number; code: string }[];
  /** rows refused because they clash with an existing customer, or with an earlier row of the same batch (customerId 0, code '') */
  duplicates: { index: number; duplicates: Duplicate[] }[];
  /** rows refused by validation, with field paths */
  invalid: { index: number; fields: FieldError[] }[];
};

const CHUNK = 200; // rows per multi-row INSERT (≈ 40 parameters a row; well under SQLite's limit)

/**
 * Creates many customers inside the caller's transaction — NO permission check (the import checks
 * customer.import). Like insertCustomer for each row, but with multi-row INSERTs and one counter bump
 * for the numbers of the accepted rows (gap-free: numbers go only to rows that are written). Rows that
 * are invalid or duplicate (against the database or an earlier row of the batch) are skipped and
 * reported by index; the others are written with their contacts, addresses, tags, search columns,
 * 'create' moves (when owned) and one audit entry each. `opts.ownerId`: as in insertCustomer, for all
 * rows; a row's own ownerId wins when given (the caller validates it). `opts.parse`: how a row is
 * parsed (default: the customer file's schema, a refusal reported as invalid).
 */
export async function insertCustomers(
  tx: Tx,
  ctx: RequestContext,
  inputs: z.input<typeof customerCreateBody>[],
  opts: { ownerId?: number | null; auditAction?: string; parse?: (raw: z.input<typeof customerCreateBody>) => CustomerInput } = {},
): Promise<BatchResult> {
  const { normalizeCustomerInput, customerRow, contactRows, addressRows } = await import('./service.ts');
  const result: BatchResult = { inserted: [], duplicates: [], invalid: [] };
  const accepted: { index: number; n: NormalizedCustomer }[] = [];
  const seen = { name: new Map<string, number>(), phone: new Map<string, number>(), tax: new Map<string, number>() };
  for (const [index, raw] of inputs.entries()) {
    let n: NormalizedCustomer;
    try {
      n = normalizeCustomerInput(raw, opts.parse);
    } catch (e) {
      if (e instanceof AppError) {
        result.invalid.push({ index, fields: e.fields });
        continue;
      }
      throw e;
    }
    const inBatch = batchClash(seen, n);
    if (inBatch) {
      result.duplicates.push({ index, duplicates: [{ ...inBatch, customerId: 0, code: '', name: inputs[inBatch.index].name ?? '', ownerId: null, ownerName: null }] });
      continue;
    }
    remember(seen, n, index);
    accepted.push({ index, n });
  }
  const clashes = await databaseClashes(tx, ctx.companyId, accepted);
  const clean: typeof accepted = [];
  for (const a of accepted) {
    const dups = clashes.get(a.index);
    if (dups) result.duplicates.push({ index: a.index, duplicates: dups });
    else clean.push(a);
  }
  result.duplicates.sort((x, y) => x.index - y.index);
  const codes = await nextNumbers(tx, ctx.companyId, 'customer', businessDate(), clean.length);
  const now = isoNow();
  for (let i = 0; i < clean.length; i += CHUNK) {
    const part = clean.slice(i, i + CHUNK);
    const rows = part.map((a, j) => {
      const ownerId = a.n.ownerId !== undefined && a.n.ownerId !== null ? a.n.ownerId : opts.ownerId === undefined ? ctx.userId : opts.ownerId;
      return customerRow(a.n, ctx, codes[i + j], ownerId, now);
    });
    const ids = (await insertMany(tx, 'customers', rows, () => tx.insertInto('customers').values(rows).returning(['id', 'code']).execute(), 'id, code')) as { id: number; code: string }[];
    const idOf = new Map(ids.map((r) => [r.code, Number(r.id)]));
    const contacts = part.flatMap((a, j) => contactRows(ctx.companyId, idOf.get(codes[i + j])!, a.n, now));
    const addresses = part.flatMap((a, j) => addressRows(ctx.companyId, idOf.get(codes[i + j])!, a.n, now));
    const tags = part.flatMap((a, j) => a.n.tags.map((tag) => ({ companyId: ctx.companyId, customerId: idOf.get(codes[i + j])!, tag })));
    for (let k = 0; k < contacts.length; k += CHUNK) {
      const c = contacts.slice(k, k + CHUNK);
      await insertMany(tx, 'customer_contacts', c, () => tx.insertInto('customerContacts').values(c).execute());
    }
    for (let k = 0; k < addresses.length; k += CHUNK) {
      const a = addresses.slice(k, k + CHUNK);
      await insertMany(tx, 'customer_addresses', a, () => tx.insertInto('customerAddresses').values(a).execute());
    }
    for (let k = 0; k < tags.length; k += CHUNK * 2) {
      const t = tags.slice(k, k + CHUNK * 2);
      await insertMany(tx, 'customer_tags', t, () => tx.insertInto('customerTags').values(t).execute());
    }
    const moves = rows
      .map((r, j) => ({ r, id: idOf.get(codes[i + j])! }))
      .filter(({ r }) => r.ownerId)
      .map(({ r, id }) => ({ companyId: ctx.companyId, customerId: id, kind: 'create', fromUserId: null, toUserId: r.ownerId, reason: null, byUserId: ctx.userId, at: now }));
    if (moves.length) await insertMany(tx, 'customer_moves', moves, () => tx.insertInto('customerMoves').values(moves).execute());
    await writeAuditMany(
      tx,
      { userId: ctx.userId, companyId: ctx.companyId, requestId: ctx.requestId },
      part.map((a, j) => ({ action: opts.auditAction ?? 'customer.import', entity: 'customer', entityId: idOf.get(codes[i + j])!, after: { code: codes[i + j], ownerId: rows[j].ownerId, name: a.n.name } })),
    );
    part.forEach((a, j) => result.inserted.push({ index: a.index, id: idOf.get(codes[i + j])!, code: codes[i + j] }));
  }
  return result;
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const insertSql = new Map<string, string>();

/**
 * A multi-row INSERT of rows with the same keys (camelCase, as Kysely takes them), its SQL text built
 * once per table, column list and row count and run with the values bound — the statement Kysely would
 * compile, without building and compiling its query tree for every chunk (an import of 100,000 customers
 * runs ~2,000 of them). Rows with an undefined value (a column Kysely would leave to its default) or a
 * different set of keys go through `viaKysely`.
 */
async function insertMany(tx: Tx, table: string, rows: Record<string, unknown>[], viaKysely: () => Promise<unknown>, returning?: string): Promise<Record<string, unknown>[]> {
  if (!rows.length) return [];
  const keys = Object.keys(rows[0]);
  const params: unknown[] = [];
  for (const row of rows) {
    if (Object.keys(row).length !== keys.length) return (await viaKysely()) as Record<string, unknown>[];
    for (const k of keys) {
      const v = row[k];
      if (v === undefined) return (await viaKysely()) as Record<string, unknown>[];
      params.push(v);
    }
  }
  const pg = isPostgres(tx);
  const cacheKey = `${pg ? 'pg' : 'sqlite'} ${table} ${rows.length} ${returning ?? ''} ${keys.join(',')}`;
  let text = insertSql.get(cacheKey);
  if (!text) {
    let n = 0;
    const tuple = () => `(${keys.map(() => (pg ? `$${++n}` : '?')).join(', ')})`;
    text = `insert into "${table}" (${keys.map((k) => `"${snake(k)}"`).join(', ')}) values ${rows.map(tuple).join(', ')}${returning ? ` returning ${returning}` : ''}`;
    if (insertSql.size > 200) insertSql.clear();
    insertSql.set(cacheKey, text);
  }
  const res = await tx.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, params));
  return res.rows;
}

type Seen = { name: Map<string, number>; phone: Map<string, number>; tax: Map<string, number> };

/** The first earlier row of the batch this one clashes with (by name key, a phone, or tax id). */
function batchClash(seen: Seen, n: NormalizedCustomer) {
  const byName = seen.name.get(n.nameKey);
  if (byName !== undefined) return { field: 'name' as const, path: 'name', index: byName };
  for (const [i, c] of n.contacts.entries()) {
    const at = c.phoneNorm ? seen.phone.get(c.phoneNorm) : undefined;
    if (at !== undefined) return { field: 'phone' as const, path: `contacts.${i}.phone`, index: at };
  }
  const byTax = n.taxId ? seen.tax.get(n.taxId) : undefined;
  if (byTax !== undefined) return { field: 'taxId' as const, path: 'taxId', index: byTax };
  return null;
}

function remember(seen: Seen, n: NormalizedCustomer, index: number) {
  seen.name.set(n.nameKey, index);
  for (const c of n.contacts) if (c.phoneNorm) seen.phone.set(c.phoneNorm, index);
  if (n.taxId) seen.tax.set(n.taxId, index);
}

/** Clashes of many candidates with the database, in a few IN (...) queries per chunk instead of three per row. */
async function databaseClashes(tx: Tx, companyId: number, rows: { index: number; n: NormalizedCustomer }[]): Promise<Map<number, Duplicate[]>> {
  const out = new Map<number, Duplicate[]>();
  for (let i = 0; i < rows.length; i += 500) {
    const part = rows.slice(i, i + 500);
    const found = await repo.duplicateRowsBulk(tx, companyId, {
      nameKeys: part.map((r) => r.n.nameKey),
      phones: part.flatMap((r) => r.n.contacts.map((c) => c.phoneNorm).filter((p): p is string => !!p)),
      taxIds: part.map((r) => r.n.taxId).filter((t): t is string => !!t),
    });
    for (const r of part) {
      const dups: Duplicate[] = [];
      const hit = (x: { customerId: number; code: string; name: string; ownerId: number | null; ownerName: string | null }) => ({ customerId: x.customerId, code: x.code, name: x.name, ownerId: x.ownerId, ownerName: x.ownerId ? x.ownerName : null });
      const byName = found.byName.find((x) => x.nameKey === r.n.nameKey);
      if (byName) dups.push({ field: 'name', path: 'name', ...hit(byName) });
      r.n.contacts.forEach((c, ci) => {
        const byPhone = c.phoneNorm ? found.byPhone.find((x) => x.phoneNorm === c.phoneNorm) : undefined;
        if (byPhone) dups.push({ field: 'phone', path: `contacts.${ci}.phone`, ...hit(byPhone) });
      });
      const byTax = r.n.taxId ? found.byTax.find((x) => x.taxId === r.n.taxId) : undefined;
      if (byTax) dups.push({ field: 'taxId', path: 'taxId', ...hit(byTax) });
      if (dups.length) out.set(r.index, dups);
    }
  }
  return out;
}

/** One row of a customer export: the file's fields with owner name, primary contact and tags. */
export type ExportRow = Awaited<ReturnType<typeof exportBatch>>[number] & { tags: string[] };

function exportBatch(db: Db, ctx: RequestContext, filters: CustomerFilters, afterId: number, size: number) {
  return repo
    .filteredCustomers(db, ctx, { ...filters, q: filters.q })
    .leftJoin('users', 'users.id', 'customers.ownerId')
    .select([
      'customers.id', 'customers.code', 'customers.name', 'customers.shortName', 'customers.industry', 'customers.province', 'customers.city',
      'customers.address', 'customers.classification', 'customers.source', 'customers.ownerId', 'users.displayName as ownerName',
      'customers.primaryContact', 'customers.primaryPhone', 'customers.taxId', 'customers.invoiceTitle', 'customers.invoiceAddress',
      'customers.invoicePhone', 'customers.invoiceBank', 'customers.invoiceAccount', 'customers.notes', 'customers.lastFollowupAt', 'customers.createdAt',
    ])
    .where('customers.id', '>', afterId)
    .orderBy('customers.id')
    .limit(size)
    .execute();
}

/**
 * Every customer the list would show for `filters` (same scope, company and filters; owned customers
 * only), in id order, read in keyset batches of `batchSize` so memory stays flat at any size.
 * Checks customer.export. Use: `for await (const row of customersForExport(db, ctx, filters)) …`.
 */
export async function* customersForExport(db: Db, ctx: RequestContext, filters: CustomerFilters, batchSize = 1000): AsyncGenerator<ExportRow> {
  requirePermission(ctx, 'customer.export');
  let afterId = 0;
  for (;;) {
    const rows = await exportBatch(db, ctx, filters, afterId, batchSize);
    if (!rows.length) return;
    const tags = await repo.tagsOf(db, ctx.companyId, rows.map((r) => r.id));
    for (const r of rows) yield { ...r, tags: tags.get(r.id) ?? [] };
    if (rows.length < batchSize) return;
    afterId = rows[rows.length - 1].id;
  }
}
