import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { isPostgres } from '../../db/schema-helpers.ts';
import { escapeLike } from '../../platform/pinyin.ts';
import { ownerInScope } from '../../platform/permissions/scope.ts';
import type { RequestContext } from '../../platform/permissions/context.ts';
import type { InvoiceListQuery } from './schema.ts';

// Queries of the invoices module. Every query filters the company; an invoice is visible in the
// scope of its customer's owner (customers.owner_id), the whole company for clerks and finance.


export function customerInScope(ctx: RequestContext): Expression<SqlBool> {
  return ownerInScope(ctx, 'customers.owner_id');
}

export async function visibleCustomer(db: Executor, ctx: RequestContext, customerId: number) {
  return db
    .selectFrom('customers')
    .where('customers.companyId', '=', ctx.companyId)
    .where('customers.id', '=', customerId)
    .where(customerInScope(ctx))
    .select(['id', 'name', 'ownerId', 'taxId', 'invoiceTitle', 'invoiceAddress', 'invoicePhone', 'invoiceBank', 'invoiceAccount'])
    .executeTakeFirst();
}

const headColumns = [
  'invoices.id',
  'invoices.number',
  'invoices.kind',
  'invoices.direction',
  'invoices.status',
  'invoices.customerId',
  'customers.name as customerName',
  'invoices.businessDate',
  'invoices.buyerName',
  'invoices.buyerTaxId',
  'invoices.amountExTax',
  'invoices.taxAmount',
  'invoices.totalAmount',
  'invoices.creditedAmount',
  'invoices.taxInvoiceCode',
  'invoices.taxInvoiceNo',
  'invoices.originalInvoiceId',
  'invoices.issuerName',
] as const;

function scopedInvoices(db: Executor, ctx: RequestContext) {
  return db
    .selectFrom('invoices')
    .innerJoin('customers', 'customers.id', 'invoices.customerId')
    .where('invoices.companyId', '=', ctx.companyId)
    .where(customerInScope(ctx));
}

export async function invoiceById(db: Executor, ctx: RequestContext, id: number) {
  return scopedInvoices(db, ctx).where('invoices.id', '=', id).selectAll('invoices').select('customers.name as customerName').executeTakeFirst();
}
export type InvoiceRow = NonNullable<Awaited<ReturnType<typeof invoiceById>>>;

export async function linesOf(db: Executor, companyId: number, invoiceId: number) {
  return db.selectFrom('invoiceLines').selectAll().where('companyId', '=', companyId).where('invoiceId', '=', invoiceId).orderBy('lineNo').execute();
}
export type InvoiceLineRow = Awaited<ReturnType<typeof linesOf>>[number];

export async function sourcesOf(db: Executor, companyId: number, invoiceId: number) {
  return db
    .selectFrom('invoiceSources')
    .innerJoin('salesSlips', 'salesSlips.id', 'invoiceSources.slipId')
    .where('invoiceSources.companyId', '=', companyId)
    .where('invoiceSources.invoiceId', '=', invoiceId)
    .select(['invoiceSources.invoiceLineId', 'invoiceSources.slipId', 'salesSlips.number as slipNumber', 'invoiceSources.slipLineId', 'invoiceSources.quantity', 'invoiceSources.amountExTax', 'invoiceSources.taxAmount', 'invoiceSources.amount'])
    .orderBy('invoiceSources.id')
    .execute();
}

export async function redInvoicesOf(db: Executor, companyId: number, invoiceId: number) {
  return db
    .selectFrom('invoices')
    .where('companyId', '=', companyId)
    .where('originalInvoiceId', '=', invoiceId)
    .select(['id', 'number', 'businessDate', 'totalAmount', 'redReason'])
    .orderBy('id')
    .execute();
}

function listFilters(db: Executor, ctx: RequestContext, q: Omit<InvoiceListQuery, 'page' | 'pageSize'>) {
  let qb = scopedInvoices(db, ctx);
  if (q.customerId) qb = qb.where('invoices.customerId', '=', q.customerId);
  if (q.kind) qb = qb.where('invoices.kind', '=', q.kind);
  if (q.direction) qb = qb.where('invoices.direction', '=', q.direction);
  if (q.status) qb = qb.where('invoices.status', '=', q.status);
  if (q.from) qb = qb.where('invoices.businessDate', '>=', q.from);
  if (q.to) qb = qb.where('invoices.businessDate', '<=', q.to);
  if (q.q) {
    const prefix = `${escapeLike(q.q)}%`;
    const inside = `%${escapeLike(q.q)}%`;
    qb = qb.where(sql<SqlBool>`(invoices.number like ${prefix} escape '\\' or invoices.tax_invoice_no like ${prefix} escape '\\' or invoices.buyer_name like ${inside} escape '\\')`);
  }
  return qb;
}

export async function listInvoices(db: Executor, ctx: RequestContext, q: InvoiceListQuery) {
  const base = listFilters(db, ctx, q);
  const [items, count] = await Promise.all([
    base.select([...headColumns]).orderBy('invoices.businessDate', 'desc').orderBy('invoices.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

/** Every invoice of a period (and customer), oldest first, for the printed list and the export; capped. */
export async function invoicesOfPeriod(db: Executor, ctx: RequestContext, q: { customerId?: number; from: string; to: string }, limit = 20000) {
  return listFilters(db, ctx, q).select([...headColumns]).orderBy('invoices.businessDate').orderBy('invoices.id').limit(limit).execute();
}

/**
 * Posted slips of a customer with some quantity not yet invoiced, oldest first (company-wide: the
 * customer's scope was checked by the caller). Fully invoiced slips are left out in SQL, so a
 * customer's long history does not push the open ones past the limit.
 */
export async function postedSlipsOf(db: Executor, companyId: number, customerId: number, limit = 300) {
  return db
    .selectFrom('salesSlips')
    .where('companyId', '=', companyId)
    .where('customerId', '=', customerId)
    .where('status', '=', 'posted')
    .where(
      sql<SqlBool>`exists (select 1 from sales_slip_lines l where l.slip_id = sales_slips.id
        and l.quantity - l.returned_quantity > coalesce((select sum(s.quantity) from invoice_sources s where s.slip_line_id = l.id), 0))`,
    )
    // the goods of an order invoiced from the order are invoiced already
    .where(sql<SqlBool>`not exists (select 1 from invoices i where i.company_id = sales_slips.company_id and i.order_id = sales_slips.order_id
        and i.direction = 'blue' and i.status in ('issued', 'partly_reversed'))`)
    .select(['id', 'number', 'status', 'customerId', 'orderId', 'businessDate', 'priceIncludesTax', 'totalAmount', 'returnedAmount'])
    .orderBy('businessDate')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function slipsByIds(db: Executor, companyId: number, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('salesSlips')
    .where('companyId', '=', companyId)
    .where('id', 'in', ids)
    .select(['id', 'number', 'status', 'customerId', 'orderId', 'businessDate', 'priceIncludesTax', 'totalAmount', 'returnedAmount'])
    .orderBy('id')
    .execute();
}
export type SlipRow = Awaited<ReturnType<typeof slipsByIds>>[number];

/**
 * Serialises invoicing per slip: on PostgreSQL the slip rows are locked (FOR UPDATE, in id order so
 * two clerks never deadlock) until the transaction ends; SQLite runs one write transaction at a
 * time (BEGIN IMMEDIATE), so the remaining amounts read next cannot change under us there either.
 */
export async function lockSlips(db: Executor, companyId: number, ids: number[]) {
  if (!isPostgres(db) || ids.length === 0) return;
  await db.selectFrom('salesSlips').select('id').where('companyId', '=', companyId).where('id', 'in', ids).orderBy('id').forUpdate().execute();
}

/** The slips' lines with what was returned and what has been invoiced (net of red-letter invoices). */
export async function slipLinesWithDraws(db: Executor, companyId: number, slipIds: number[]) {
  if (slipIds.length === 0) return [];
  const returned = db
    .selectFrom('salesReturnLines')
    .innerJoin('salesReturns', 'salesReturns.id', 'salesReturnLines.returnId')
    .where('salesReturns.status', '<>', 'void')
    .where('salesReturnLines.companyId', '=', companyId)
    .select(['salesReturnLines.slipLineId', sql<number>`sum(sales_return_lines.amount)`.as('returnedAmount')])
    .groupBy('salesReturnLines.slipLineId')
    .as('ret');
  const drawn = db
    .selectFrom('invoiceSources')
    .where('invoiceSources.companyId', '=', companyId)
    .where('invoiceSources.slipId', 'in', slipIds)
    .select([
      'invoiceSources.slipLineId',
      sql<number>`sum(invoice_sources.quantity)`.as('q'),
      sql<number>`sum(invoice_sources.amount_ex_tax)`.as('e'),
      sql<number>`sum(invoice_sources.tax_amount)`.as('t'),
      sql<number>`sum(invoice_sources.amount)`.as('a'),
    ])
    .groupBy('invoiceSources.slipLineId')
    .as('drawn');
  const rows = await db
    .selectFrom('salesSlipLines')
    .leftJoin(returned, 'ret.slipLineId', 'salesSlipLines.id')
    .leftJoin(drawn, 'drawn.slipLineId', 'salesSlipLines.id')
    .where('salesSlipLines.companyId', '=', companyId)
    .where('salesSlipLines.slipId', 'in', slipIds)
    .selectAll('salesSlipLines')
    .select(['ret.returnedAmount', 'drawn.q as drawnQuantity', 'drawn.e as drawnExTax', 'drawn.t as drawnTax', 'drawn.a as drawnAmount'])
    .orderBy('salesSlipLines.slipId')
    .orderBy('salesSlipLines.lineNo')
    .execute();
  return rows.map((r) => ({
    ...r,
    returnedAmount: Number(r.returnedAmount ?? 0),
    drawnQuantity: Number(r.drawnQuantity ?? 0),
    drawnExTax: Number(r.drawnExTax ?? 0),
    drawnTax: Number(r.drawnTax ?? 0),
    drawnAmount: Number(r.drawnAmount ?? 0),
  }));
}
export type SlipLineDraw = Awaited<ReturnType<typeof slipLinesWithDraws>>[number];

export async function companyName(db: Executor, companyId: number) {
  const row = await db.selectFrom('companies').select('name').where('id', '=', companyId).executeTakeFirst();
  return row?.name ?? '';
}

/**
 * The blue invoices in force (not fully reversed) issued from these orders, by order: an order
 * invoiced from the order counts its slips as invoiced by that invoice.
 */
export async function orderInvoices(db: Executor, companyId: number, orderIds: number[]): Promise<Map<number, string>> {
  if (orderIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('invoices')
    .where('companyId', '=', companyId)
    .where('orderId', 'in', orderIds)
    .where('direction', '=', 'blue')
    .where('status', 'in', ['issued', 'partly_reversed'])
    .select(['orderId', 'number'])
    .execute();
  return new Map(rows.map((r) => [r.orderId!, r.number]));
}
