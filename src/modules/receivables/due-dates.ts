import { addDays } from '../../platform/time.ts';

/** A customer's credit terms: their own (credit profile) or the company's defaults. */
export type CreditTerms = { settlementDay: number; creditMonths: number; creditDays: number };

/**
 * 到期日 of a receivable by its payment term:
 * - 现款 cash / 汇款 transfer: due on the document's date;
 * - 月结 monthly: due on the settlement day (1–28) of the month `creditMonths` after the document's
 *   month (settlement day 25 and one month: everything of November is due on 25 December);
 * - 压单 hold / 滚单 rolling: due `creditDays` after the document's date.
 * The terms are read when the item is made (posting, issuing) and stay with it.
 */
export function dueDateOf(term: string, docDate: string, t: CreditTerms): string {
  if (term === 'monthly') {
    const y = Number(docDate.slice(0, 4));
    const m = Number(docDate.slice(5, 7)) - 1 + t.creditMonths;
    return new Date(Date.UTC(y, m, t.settlementDay)).toISOString().slice(0, 10);
  }
  if (term === 'hold' || term === 'rolling') return addDays(docDate, t.creditDays);
  return docDate;
}

/** Whole days from one business date to a later one (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400_000);
}
