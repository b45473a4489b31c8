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
  return repo.receiptsBetween(db, companyId, customerId, from, to);
}
