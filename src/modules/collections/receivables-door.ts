import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';

// What collections reads of receivables: the money a customer paid in a period. Until the
// receivables module's door lands this is the receipts in force (not void) by receipt date.

/** Fen received from the customer with a receipt dated from `from` to `to` (both inclusive). */
export async function collectedBetween(db: Executor, companyId: number, customerId: number, from: string, to: string): Promise<number> {
  if (to < from) return 0;
  const r = await db
    .selectFrom('receipts')
    .where('companyId', '=', companyId)
    .where('customerId', '=', customerId)
    .where('status', '=', 'confirmed')
    .where('receiptDate', '>=', from)
    .where('receiptDate', '<=', to)
    .select(sql<number>`coalesce(sum(amount), 0)`.as('total'))
    .executeTakeFirstOrThrow();
  return Number(r.total);
}

export type Position = { balance: number; overdue: number; maxDaysOverdue: number; oldestDueDate: string | null };

/**
 * What customers owe as at a date (only customers with a balance). Until the receivables module's
 * door lands: posted slips less returns and receipts allocated, each due on its business date.
 */
export async function customerPositions(db: Executor, companyId: number, opts: { customerIds?: number[]; asAt?: string } = {}): Promise<Map<number, Position>> {
  const asAt = opts.asAt ?? new Date().toISOString().slice(0, 10);
  let q = db
    .selectFrom('salesSlips')
    .where('companyId', '=', companyId)
    .where('status', '=', 'posted')
    .where('customerId', 'is not', null)
    .where('businessDate', '<=', asAt)
    .where(sql<boolean>`received_amount < total_amount - returned_amount`);
  if (opts.customerIds) {
    if (!opts.customerIds.length) return new Map();
    q = q.where('customerId', 'in', opts.customerIds);
  }
  const rows = await q
    .select(['customerId', sql<number>`sum(total_amount - returned_amount - received_amount)`.as('balance'), sql<string>`min(business_date)`.as('oldest')])
    .groupBy('customerId')
    .execute();
  const out = new Map<number, Position>();
  for (const r of rows) {
    const days = Math.round((Date.parse(asAt) - Date.parse(r.oldest)) / 86_400_000);
    out.set(r.customerId!, { balance: Number(r.balance), overdue: days > 0 ? Number(r.balance) : 0, maxDaysOverdue: Math.max(0, days), oldestDueDate: r.oldest });
  }
  return out;
}
