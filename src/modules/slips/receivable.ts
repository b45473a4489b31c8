import type { Executor } from '../../db/database.ts';
import { depositPaidOnSlip, holdDepositCredit } from '../receipts/service.ts';

// What the customer still owes on a slip 应收 — the one way the server computes it, for the slip's
// detail and print, the posting queue 待过账 and the driver reconciliation 对单 (cash due on a cash
// slip): the amount net of returns, less what the deposits 订金/定金 of the hold its order was made from
// pay of it — applied once posted, due before (receipts/deposits.ts). A void slip owes nothing and
// counts no deposit.

export type SlipFigures = { netAmount: number; paidByDeposit: number; receivable: number };
type SlipAmounts = { id: number; status: string; totalAmount: number; returnedAmount: number };

/** The slip's amount net of returns (what its posting makes a receivable of). */
export const netAmountOf = (s: { totalAmount: number; returnedAmount: number }) => s.totalAmount - s.returnedAmount;

const figures = (s: SlipAmounts, paidByDeposit: number): SlipFigures => ({ netAmount: netAmountOf(s), paidByDeposit, receivable: netAmountOf(s) - paidByDeposit });

/** The figures of several slips, by id: the deposits of unposted slips are shared out in one pass (holdDepositCredit). */
export async function receivablesOf(db: Executor, companyId: number, slips: SlipAmounts[]): Promise<Map<number, SlipFigures>> {
  const open = slips.filter((s) => s.status !== 'posted' && s.status !== 'void');
  const credit = await holdDepositCredit(db, companyId, open.map((s) => s.id));
  const held = await postedFromHolds(db, companyId, slips.filter((s) => s.status === 'posted').map((s) => s.id));
  const out = new Map<number, SlipFigures>();
  for (const s of slips) {
    const paid = s.status === 'void' ? 0 : s.status === 'posted' ? (held.has(s.id) ? await depositPaidOnSlip(db, companyId, s) : 0) : (credit.get(s.id) ?? 0);
    out.set(s.id, figures(s, paid));
  }
  return out;
}

/** Of the posted slips given, those of orders made from a hold (the others had no deposit applied): one query. */
async function postedFromHolds(db: Executor, companyId: number, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom('salesSlips as s')
    .innerJoin('salesOrders as o', 'o.id', 's.orderId')
    .where('s.companyId', '=', companyId)
    .where('s.id', 'in', ids)
    .where('o.holdId', 'is not', null)
    .select('s.id')
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** The figures of one slip. */
export async function receivableOf(db: Executor, companyId: number, slip: SlipAmounts): Promise<SlipFigures> {
  return (await receivablesOf(db, companyId, [slip])).get(slip.id)!;
}
