import type { Db, Executor } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { notFound, staleVersion } from '../../platform/errors/app-error.ts';
import { toChineseCapitals } from '../../platform/money.ts';
import { nextNumber } from '../../platform/numbering/numbering.ts';
import { actorOf, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { businessDate, isoNow } from '../../platform/time.ts';
import { receiptError } from './errors.ts';
import * as repo from './repo.ts';
import { invoiceKindLabels } from '../invoices/schema.ts';
import { invoicedBefore, invoicesBetween } from '../invoices/service.ts';
import { settingsFor } from '../admin/service.ts';
import { receiptMethodLabels, statementRowLabels, type ReceiptMethod, type StatementComputed, type StatementRow } from './schema.ts';

// Customer statement 对账单 for a period: the opening balance (what the customer was charged less
// receipts, all dated before the period), the period's documents in date order with the running
// balance, and the closing balance = opening + debits − credits. What the customer is charged by
// follows the company's receivables basis: posted slips less their returns (slip basis), or issued
// invoices less red-letter invoices (invoice basis: the customer is billed by the invoice, so slips
// and returns do not appear). A saved statement (DZD-) keeps its rows and figures as sent and records
// the customer's confirmation (signed date, who recorded it).

type Entry = Omit<StatementRow, 'balance'> & { order: number; id: number };

async function chargesOf(db: Executor, companyId: number, basis: 'slip' | 'invoice', customerId: number, from: string, to: string): Promise<{ before: number; entries: Entry[] }> {
  if (basis === 'invoice') {
    const [before, invoices] = await Promise.all([invoicedBefore(db, companyId, customerId, from), invoicesBetween(db, companyId, customerId, from, to)]);
    const entries = invoices.map((i): Entry => {
      const tax = i.taxInvoiceNo ? ` 发票号码 ${i.taxInvoiceNo}` : '';
      return i.direction === 'blue'
        ? { date: i.businessDate, kind: 'invoice', number: i.number, description: `${invoiceKindLabels[i.kind].zh}${tax}`, debit: i.totalAmount, credit: 0, order: 0, id: i.id }
        : { date: i.businessDate, kind: 'red_invoice', number: i.number, description: `红冲 ${i.originalNumber ?? ''}${i.redReason ? `：${i.redReason}` : ''}${tax}`, debit: 0, credit: -i.totalAmount, order: 1, id: i.id };
    });
    return { before, entries };
  }
  const [before, docs] = await Promise.all([repo.chargedBefore(db, companyId, customerId, from), repo.periodCharges(db, companyId, customerId, from, to)]);
  return {
    before,
    entries: [
      ...docs.slips.map((s): Entry => ({ date: s.businessDate, kind: 'slip', number: s.number ?? `#${s.id}`, description: `销货 ${s.totalQuantity} 件`, debit: s.totalAmount, credit: 0, order: 0, id: s.id })),
      ...docs.returns.map((r): Entry => ({ date: r.businessDate, kind: 'return', number: r.number, description: `退货（${r.slipNumber ?? ''}）${r.reason}`, debit: 0, credit: r.totalAmount, order: 1, id: r.id })),
    ],
  };
}

/** Computes the statement from the documents (customer already checked in scope). */
export async function computeStatement(db: Executor, ctx: RequestContext, customer: { id: number; name: string }, from: string, to: string): Promise<StatementComputed> {
  const basis = (await settingsFor(db, ctx)).settings.receivables.basis;
  const [charges, receivedBefore, receipts, companyName] = await Promise.all([
    chargesOf(db, ctx.companyId, basis, customer.id, from, to),
    repo.receivedBefore(db, ctx.companyId, customer.id, from),
    repo.periodReceipts(db, ctx.companyId, customer.id, from, to),
    repo.companyName(db, ctx.companyId),
  ]);
  const openingBalance = charges.before - receivedBefore;
  // same day: sales (invoices) first, then returns (red-letter invoices), then receipts
  const entries: Entry[] = [
    ...charges.entries,
    ...receipts.map((r): Entry => ({
      date: r.receiptDate, kind: 'receipt', number: r.number,
      description: `收款 ${receiptMethodLabels[r.method as ReceiptMethod]?.zh ?? r.method}${r.reference ? ` ${r.reference}` : ''}`, debit: 0, credit: r.amount, order: 2, id: r.id,
    })),
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.order - b.order || a.id - b.id));
  let balance = openingBalance;
  let debitTotal = 0;
  let creditTotal = 0;
  // one plain object per row, no spreads (10,000-document statements: src/modules/receipts bench)
  const rows: StatementRow[] = new Array(entries.length);
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    balance += e.debit - e.credit;
    debitTotal += e.debit;
    creditTotal += e.credit;
    rows[i] = { date: e.date, kind: e.kind, number: e.number, description: e.description, debit: e.debit, credit: e.credit, balance };
  }
  return {
    basis, customerId: customer.id, customerName: customer.name, companyName, from, to, openingBalance, rows, debitTotal, creditTotal,
    closingBalance: balance, closingInCapitals: toChineseCapitals(balance),
  };
}

async function scopedCustomer(db: Executor, ctx: RequestContext, customerId: number) {
  const c = await repo.customerInScope(db, ctx, customerId);
  if (!c) throw notFound();
  return c;
}

export async function previewStatement(db: Db, ctx: RequestContext, q: { customerId: number; from: string; to: string }) {
  requirePermission(ctx, 'statement.manage');
  return computeStatement(db, ctx, await scopedCustomer(db, ctx, q.customerId), q.from, q.to);
}

/** Rows for the .xlsx export: opening line, the period's documents, closing line. */
export async function statementRowsForExport(db: Db, ctx: RequestContext, q: { customerId: number; from: string; to: string }) {
  const s = await previewStatement(db, ctx, q);
  const rows = [
    { date: s.from, kind: '', number: '', description: '期初余额', debit: null, credit: null, balance: s.openingBalance },
    ...s.rows.map((r) => ({ ...r, kind: statementRowLabels[r.kind].zh })),
    { date: s.to, kind: '', number: '', description: '期末余额', debit: s.debitTotal, credit: s.creditTotal, balance: s.closingBalance },
  ];
  return { statement: s, rows, fileName: `对账单-${s.customerName}-${s.from}至${s.to}` };
}

/** Saves the statement (DZD-) with its figures, to be sent and confirmed by the customer. */
export async function createStatement(db: Db, ctx: RequestContext, body: { customerId: number; from: string; to: string }) {
  requirePermission(ctx, 'statement.manage');
  const id = await db.transaction().execute(async (tx) => {
    const customer = await scopedCustomer(tx, ctx, body.customerId);
    const s = await computeStatement(tx, ctx, customer, body.from, body.to);
    const number = await nextNumber(tx, ctx.companyId, 'customer_statement', businessDate());
    const now = isoNow();
    const row = await tx
      .insertInto('customerStatements')
      .values({
        companyId: ctx.companyId, number, status: 'issued', customerId: customer.id, periodFrom: body.from, periodTo: body.to,
        openingBalance: s.openingBalance, debitTotal: s.debitTotal, creditTotal: s.creditTotal, closingBalance: s.closingBalance,
        snapshot: JSON.stringify(s), createdBy: ctx.userId, createdAt: now, updatedAt: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(tx, actorOf(ctx), { action: 'statement.create', entity: 'customer_statement', entityId: row.id, after: { number, customerId: customer.id, from: body.from, to: body.to, openingBalance: s.openingBalance, closingBalance: s.closingBalance } });
    return row.id;
  });
  return getStatement(db, ctx, id);
}

/**
 * A saved statement as it was sent: its rows as saved (statements saved before snapshots were kept are
 * computed now), and the period's closing balance as the documents give it today — a document posted,
 * returned or voided in the period after saving shows as a difference, never as a changed statement.
 */
export async function getStatement(db: Db, ctx: RequestContext, id: number) {
  requirePermission(ctx, 'statement.manage');
  const found = await repo.statementById(db, ctx, id);
  if (!found) throw notFound();
  const { snapshot, ...head } = found;
  const now = await computeStatement(db, ctx, { id: head.customerId, name: head.customerName }, head.periodFrom, head.periodTo);
  const statement = snapshot ? (JSON.parse(snapshot) as StatementComputed) : now;
  return { ...head, statement, currentClosingBalance: now.closingBalance };
}

export async function listStatements(db: Db, ctx: RequestContext, q: { page: number; pageSize: number; customerId?: number | undefined }) {
  requirePermission(ctx, 'statement.manage');
  const { items, total } = await repo.listStatements(db, ctx, q);
  return { items, total, page: q.page, pageSize: q.pageSize };
}

/** 客户确认: the date the customer signed, who recorded it, a note. Once only. */
export async function confirmStatement(db: Db, ctx: RequestContext, id: number, body: { confirmedDate: string; note: string | null; version: number }) {
  requirePermission(ctx, 'statement.manage');
  await db.transaction().execute(async (tx) => {
    const head = await repo.statementById(tx, ctx, id);
    if (!head) throw notFound();
    if (head.status !== 'issued') throw receiptError('STATEMENT_CONFIRMED', { number: head.number });
    const now = isoNow();
    const res = await tx
      .updateTable('customerStatements')
      .set((eb) => ({ status: 'confirmed', confirmedDate: body.confirmedDate, confirmedBy: ctx.userId, confirmedAt: now, confirmationNote: body.note, updatedAt: now, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('companyId', '=', ctx.companyId)
      .where('status', '=', 'issued')
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
    await writeAudit(tx, actorOf(ctx), { action: 'statement.confirm', entity: 'customer_statement', entityId: id, before: { status: head.status }, after: { status: 'confirmed', confirmedDate: body.confirmedDate, note: body.note } });
  });
  return getStatement(db, ctx, id);
}
