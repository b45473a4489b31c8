import type { Executor } from '../../db/database.ts';
import { agingByCustomer } from './aging.ts';
import { setupOf } from './report.ts';
import * as repo from './repo.ts';

// Receivables 应收账款: open items per posted slip / issued invoice (ledger.ts, kept by the door
// functions the slips, invoices and receipts modules call in their own transactions), aging as at any
// date (aging.ts), the reports (report.ts) and collection rate (collection.ts). This file is the door.

export { recordSlipPosted, recordInvoiceIssued, recordInvoiceRed, recordAllocation, recordAllocationReversed, creditTermsOf } from './ledger.ts';
export { agingReport, customerItems, agingExport } from './report.ts';
export { collectionRate, collectionByRep, type CollectionFigures } from './collection.ts';
export { dueDateOf, type CreditTerms } from './due-dates.ts';

export type CustomerPosition = { balance: number; overdue: number; maxDaysOverdue: number; oldestDueDate: string | null };

/**
 * What each customer owes as at a business date (default today), on the company's receivables
 * basis: balance, the overdue part, the days since the oldest overdue due date, the oldest due date
 * of what is open. Only customers with a balance are in the map. Fen.
 */
export async function customerPositions(db: Executor, companyId: number, opts: { customerIds?: number[]; asAt?: string } = {}): Promise<Map<number, CustomerPosition>> {
  const setup = await setupOf(db, companyId, opts.asAt);
  const rows = await agingByCustomer(db, companyId, setup, { customerIds: opts.customerIds });
  const out = new Map<number, CustomerPosition>();
  for (const r of rows.values()) out.set(r.customerId, { balance: r.total, overdue: r.overdue, maxDaysOverdue: r.maxDaysOverdue, oldestDueDate: r.oldestDueDate });
  return out;
}

/** Fen the customer paid within [from, to]: its confirmed (not voided) receipts by receipt date. */
export async function collectedBetween(db: Executor, companyId: number, customerId: number, from: string, to: string): Promise<number> {
  return (await collectedInWindows(db, companyId, [{ customerId, from, to }]))[0]!;
}

export type CollectionWindow = { customerId: number; from: string; to: string };

/**
 * What each customer paid within each window (a page of collection plans) in one query: its confirmed
 * receipts summed per day over the span of all windows, then per window. In the windows' order.
 */
export async function collectedInWindows(db: Executor, companyId: number, windows: CollectionWindow[]): Promise<number[]> {
  const open = windows.filter((w) => w.from <= w.to);
  if (!open.length) return windows.map(() => 0);
  const from = open.reduce((m, w) => (w.from < m ? w.from : m), open[0]!.from);
  const to = open.reduce((m, w) => (w.to > m ? w.to : m), open[0]!.to);
  const days = new Map<number, { date: string; amount: number }[]>();
  for (const d of await repo.receiptsByDay(db, companyId, [...new Set(open.map((w) => w.customerId))], from, to)) {
    const list = days.get(d.customerId) ?? [];
    list.push({ date: d.receiptDate, amount: d.amount });
    days.set(d.customerId, list);
  }
  return windows.map((w) => (days.get(w.customerId) ?? []).reduce((sum, d) => (d.date >= w.from && d.date <= w.to ? sum + d.amount : sum), 0));
}
