import { sql } from 'kysely';
import type { Db, Executor } from '../../db/database.ts';
import { diff, historyOf, writeAudit } from '../../platform/audit/audit.ts';
import { notFound, staleVersion } from '../../platform/errors/app-error.ts';
import { toChineseCapitals } from '../../platform/money.ts';
import { actorOf, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { isoNow } from '../../platform/time.ts';
import { remainingOf } from './amounts.ts';
import { invoiceError } from './errors.ts';
import * as repo from './repo.ts';
import type { InvoiceKind, InvoiceListQuery, InvoiceStatus, PeriodQuery, TaxNumberBody } from './schema.ts';

// The invoices module's door 发票. Tables (migration 20261123T001000-create-invoices):
//   invoices        (company_id, number, kind normal|special, direction blue|red, status
//                    issued|partly_reversed|reversed|void, customer_id, business_date, total_amount,
//                    credited_amount, original_invoice_id, …) — a blue invoice's open amount is
//                    total_amount − credited_amount;
//   invoice_lines   (invoice_id, quantity, unit_price, tax_rate_bp, amount_ex_tax, tax_amount, amount, …);
//   invoice_sources (invoice_id, invoice_line_id, slip_id, slip_line_id, quantity, amount…): what
//                    each line drew from which slip line (negative for red-letter lines).
export { issueInvoice } from './issue.ts';
export { issueRedInvoice } from './red.ts';
export { issueInvoiceFromOrder, invoiceableOrdersOf } from './from-order.ts';

/**
 * The customer's blue invoices with something still open, net of red-letter invoices, oldest
 * first — what the receipts module may allocate to. No scope check: the caller (a service that has
 * already checked the customer) passes its own company.
 */
export async function openInvoicesOf(db: Executor, companyId: number, customerId: number): Promise<{ id: number; number: string; date: string; totalAmount: number }[]> {
  const rows = await db
    .selectFrom('invoices')
    .where('companyId', '=', companyId)
    .where('customerId', '=', customerId)
    .where('direction', '=', 'blue')
    .where('status', 'in', ['issued', 'partly_reversed'])
    .where(sql<boolean>`total_amount > credited_amount`)
    .select(['id', 'number', 'businessDate', 'totalAmount', 'creditedAmount'])
    .orderBy('businessDate')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, number: r.number, date: r.businessDate, totalAmount: r.totalAmount - r.creditedAmount }));
}

/**
 * What the customer's invoices add up to before a date: blue invoices less red-letter ones (their
 * figures are negative), void ones left out — the invoice side of a statement's opening balance when
 * the company's receivables are kept by invoice. Caller checks the customer.
 */
export async function invoicedBefore(db: Executor, companyId: number, customerId: number, date: string): Promise<number> {
  const row = await db
    .selectFrom('invoices')
    .where('companyId', '=', companyId)
    .where('customerId', '=', customerId)
    .where('businessDate', '<', date)
    .where('status', '<>', 'void')
    .select(sql<number>`coalesce(sum(total_amount), 0)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The customer's invoices of a period (blue and red-letter, not void) in date order, for statements. */
export async function invoicesBetween(db: Executor, companyId: number, customerId: number, from: string, to: string) {
  const rows = await db
    .selectFrom('invoices')
    .leftJoin('invoices as original', 'original.id', 'invoices.originalInvoiceId')
    .where('invoices.companyId', '=', companyId)
    .where('invoices.customerId', '=', customerId)
    .where('invoices.businessDate', '>=', from)
    .where('invoices.businessDate', '<=', to)
    .where('invoices.status', '<>', 'void')
    .select(['invoices.id', 'invoices.number', 'invoices.kind', 'invoices.direction', 'invoices.businessDate', 'invoices.totalAmount', 'invoices.taxInvoiceNo', 'invoices.redReason', 'original.number as originalNumber'])
    .orderBy('invoices.businessDate')
    .orderBy('invoices.id')
    .limit(20000)
    .execute();
  return rows.map((r) => ({ ...r, kind: r.kind as InvoiceKind, direction: r.direction as 'blue' | 'red' }));
}

function head<T extends { kind: string; direction: string; status: string }>(r: T) {
  return { ...r, kind: r.kind as InvoiceKind, direction: r.direction as 'blue' | 'red', status: r.status as InvoiceStatus };
}

export async function invoiceDetail(db: Executor, ctx: RequestContext, id: number) {
  const inv = await repo.invoiceById(db, ctx, id);
  if (!inv) throw notFound();
  const [lines, sources, reds, companyName, original, order] = await Promise.all([
    repo.linesOf(db, ctx.companyId, id),
    repo.sourcesOf(db, ctx.companyId, id),
    repo.redInvoicesOf(db, ctx.companyId, id),
    repo.companyName(db, ctx.companyId),
    inv.originalInvoiceId ? db.selectFrom('invoices').select('number').where('id', '=', inv.originalInvoiceId).executeTakeFirst() : Promise.resolve(undefined),
    inv.orderId ? db.selectFrom('salesOrders').select('number').where('id', '=', inv.orderId).executeTakeFirst() : Promise.resolve(undefined),
  ]);
  const { companyId: _c, issuerId: _i, createdBy: _b, updatedAt: _u, voidedAt: _va, voidedBy: _vb, voidReason: _vr, priceIncludesTax, ...rest } = inv;
  return {
    ...head(rest),
    priceIncludesTax: priceIncludesTax === 1,
    originalNumber: original?.number ?? null,
    orderNumber: order?.number ?? null,
    openAmount: inv.direction === 'blue' ? inv.totalAmount - inv.creditedAmount : 0,
    totalInCapitals: toChineseCapitals(inv.totalAmount),
    companyName,
    lines: lines.map(({ companyId: _lc, invoiceId: _li, ...l }) => ({
      ...l,
      sources: sources.filter((s) => s.invoiceLineId === l.id).map((s) => ({ slipId: s.slipId, slipNumber: s.slipNumber, slipLineId: s.slipLineId, quantity: s.quantity, amount: s.amount })),
    })),
    redInvoices: reds,
  };
}

export async function getInvoice(db: Db, ctx: RequestContext, id: number) {
  requirePermission(ctx, 'invoice.read');
  return invoiceDetail(db, ctx, id);
}

export async function invoiceHistory(db: Db, ctx: RequestContext, id: number) {
  requirePermission(ctx, 'invoice.read');
  if (!(await repo.invoiceById(db, ctx, id))) throw notFound();
  return historyOf(db, ctx.companyId, 'invoice', id);
}

export async function listInvoices(db: Db, ctx: RequestContext, q: InvoiceListQuery) {
  requirePermission(ctx, 'invoice.read');
  const { items, total } = await repo.listInvoices(db, ctx, q);
  return { items: items.map(head), total, page: q.page, pageSize: q.pageSize };
}

/** The customer's invoice details and its posted slips with something left to invoice, line by line. */
export async function invoiceableOf(db: Db, ctx: RequestContext, customerId: number) {
  requirePermission(ctx, 'invoice.read');
  const customer = await repo.visibleCustomer(db, ctx, customerId);
  if (!customer) throw notFound();
  const slips = await repo.postedSlipsOf(db, ctx.companyId, customerId);
  const lines = await repo.slipLinesWithDraws(db, ctx.companyId, slips.map((s) => s.id));
  const out = slips.map((s) => {
    const includesTax = s.priceIncludesTax === 1;
    const own = lines.filter((l) => l.slipId === s.id).map((l) => ({ l, rest: remainingOf(l, includesTax) }));
    return {
      id: s.id,
      number: s.number,
      businessDate: s.businessDate,
      priceIncludesTax: includesTax,
      netAmount: s.totalAmount - s.returnedAmount,
      invoicedAmount: own.reduce((n, x) => n + x.l.drawnAmount, 0),
      lines: own.map(({ l, rest }) => ({ id: l.id, productName: l.productName, spec: l.spec, unit: l.unit, unitPrice: l.unitPrice, taxRateBp: l.taxRateBp, quantity: l.quantity - l.returnedQuantity, remainingQuantity: rest.quantity, remainingAmount: rest.amount })),
    };
  });
  const { ownerId: _o, ...c } = customer;
  return { customer: c, slips: out.filter((s) => s.lines.some((l) => l.remainingQuantity > 0)) };
}

/** 发票代码/发票号码 typed in after the invoice was issued in the tax software; recorded, audited. */
export async function recordTaxNumber(db: Db, ctx: RequestContext, id: number, body: TaxNumberBody) {
  requirePermission(ctx, 'invoice.issue');
  await db.transaction().execute(async (tx) => {
    const inv = await repo.invoiceById(tx, ctx, id);
    if (!inv) throw notFound();
    const taken = await tx
      .selectFrom('invoices')
      .select('number')
      .where('companyId', '=', ctx.companyId)
      .where('taxInvoiceNo', '=', body.taxInvoiceNo)
      .where((eb) => (body.taxInvoiceCode ? eb('taxInvoiceCode', '=', body.taxInvoiceCode) : eb('taxInvoiceCode', 'is', null)))
      .where('id', '<>', id)
      .executeTakeFirst();
    if (taken) throw invoiceError('INVOICE_TAX_NUMBER_TAKEN', { no: body.taxInvoiceNo, number: taken.number }, [{ path: 'taxInvoiceNo', message: `已登记在发票 ${taken.number} 上` }]);
    const after = { taxInvoiceCode: body.taxInvoiceCode, taxInvoiceNo: body.taxInvoiceNo };
    const res = await tx
      .updateTable('invoices')
      .set((eb) => ({ ...after, updatedAt: isoNow(), version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
    await writeAudit(tx, actorOf(ctx), { action: 'invoice.tax_number', entity: 'invoice', entityId: id, ...diff({ taxInvoiceCode: inv.taxInvoiceCode, taxInvoiceNo: inv.taxInvoiceNo }, after) });
  });
  return invoiceDetail(db, ctx, id);
}

/** The printable invoice list 发票清单 of a period (and customer), with its totals in figures and capitals. */
export async function printList(db: Db, ctx: RequestContext, q: PeriodQuery) {
  requirePermission(ctx, 'invoice.read');
  let customerName: string | null = null;
  if (q.customerId) {
    const c = await repo.visibleCustomer(db, ctx, q.customerId);
    if (!c) throw notFound();
    customerName = c.name;
  }
  const items = (await repo.invoicesOfPeriod(db, ctx, q)).map(head);
  const live = items.filter((i) => i.status !== 'void');
  const sum = (k: 'amountExTax' | 'taxAmount' | 'totalAmount') => live.reduce((n, i) => n + i[k], 0);
  const totalAmount = sum('totalAmount');
  return { companyName: await repo.companyName(db, ctx.companyId), from: q.from, to: q.to, customerName, items, count: items.length, amountExTax: sum('amountExTax'), taxAmount: sum('taxAmount'), totalAmount, totalInCapitals: toChineseCapitals(totalAmount) };
}

export { exportColumns, exportRows } from './export.ts';
