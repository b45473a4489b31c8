import type { Tx } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { nextNumber } from '../../platform/numbering/numbering.ts';
import { actorOf, type RequestContext } from '../../platform/permissions/context.ts';
import { businessDate, isoNow } from '../../platform/time.ts';
import { readSettings } from '../admin/service.ts';
import { applyPiece, lockCustomerAllocations } from './allocation.ts';

// Drivers' cash 司机交款 (seed 004 §5: cash slips 现款 come back with the cash at the driver
// reconciliation 对单). When the reconciliation is settled the cash is in finance's hands: one cash
// receipt 收款单 per customer is recorded in the settling transaction, source = the DZ- number,
// received by the user who settles (finance takes the money). The slips are only 已对单 then — not yet
// receivables — so the money is applied to them when they are posted (in the posting transaction):
// each slip gets what the driver handed in for it, up to what is still owed on it. Until then, and
// when the company keeps receivables by invoice (the cash waits for the invoice, applied by the clerk),
// the receipt is the customer's advance credit 预收. Short cash stays short on the slip; over cash
// stays as credit.

export type DriverCash = { customerId: number; amount: number; slipNumbers: string[] };

/**
 * Records the cash a driver handed in at settlement (driverName null: the customers paid as they collected,
 * 客户自提), one cash receipt per customer (no permission of
 * its own: a consequence of settling, which the caller was allowed to do). Returns the receipt ids.
 */
export async function recordDriverCash(tx: Tx, ctx: RequestContext, rec: { number: string; driverName: string | null }, cash: DriverCash[]): Promise<number[]> {
  const ids: number[] = [];
  const date = businessDate();
  const now = isoNow();
  for (const c of cash.filter((x) => x.amount > 0)) {
    const number = await nextNumber(tx, ctx.companyId, 'receipt', date);
    const values = {
      companyId: ctx.companyId, number, status: 'confirmed', customerId: c.customerId, receiptDate: date, method: 'cash', amount: c.amount, allocatedAmount: 0,
      bankAccount: null, reference: null, receivedBy: ctx.userId, source: rec.number,
      remarks: `${rec.driverName ? `司机 ${rec.driverName} 对单交款` : '客户自提 现款交款'}（${c.slipNumbers.join('、')}）`, createdBy: ctx.userId, createdAt: now, updatedAt: now,
    };
    const row = await tx.insertInto('receipts').values(values).returning('id').executeTakeFirstOrThrow();
    await writeAudit(tx, actorOf(ctx), { action: 'receipt.create', entity: 'receipt', entityId: row.id, after: { number, customerId: c.customerId, method: 'cash', amount: c.amount, source: rec.number, receivedBy: ctx.userId } });
    ids.push(row.id);
  }
  return ids;
}

/**
 * At posting: applies the cash the driver handed in for this slip (kept on its reconciliation row)
 * from the reconciliation's cash receipt of the customer, up to what the slip and the receipt still
 * have. Nothing on the invoice basis (receipts go to invoices there), nothing without cash.
 */
export async function applyDriverCash(tx: Tx, ctx: RequestContext, slipId: number) {
  const row = await tx
    .selectFrom('salesSlips as s')
    .innerJoin('driverReconciliationSlips as r', (j) => j.onRef('r.slipId', '=', 's.id').onRef('r.reconciliationId', '=', 's.reconciliationId'))
    .innerJoin('driverReconciliations as d', 'd.id', 'r.reconciliationId')
    .where('s.id', '=', slipId)
    .where('s.companyId', '=', ctx.companyId)
    .where('d.status', '=', 'settled')
    .select(['s.customerId', 's.totalAmount', 's.returnedAmount', 's.receivedAmount', 'r.cashReceived', 'd.number as reconciliationNumber'])
    .executeTakeFirst();
  if (!row || row.cashReceived <= 0 || row.customerId === null) return;
  if ((await readSettings(tx, ctx.companyId)).settings.receivables.basis !== 'slip') return;
  await lockCustomerAllocations(tx, row.customerId);
  const receipt = await tx
    .selectFrom('receipts')
    .select(['id', 'number', 'customerId', 'amount', 'allocatedAmount'])
    .where('companyId', '=', ctx.companyId)
    .where('customerId', '=', row.customerId)
    .where('source', '=', row.reconciliationNumber)
    .where('method', '=', 'cash')
    .where('status', '=', 'confirmed')
    .orderBy('id')
    .executeTakeFirst();
  if (!receipt) return; // voided meanwhile: the cash is no longer on record
  const amount = Math.min(row.cashReceived, receipt.amount - receipt.allocatedAmount, row.totalAmount - row.returnedAmount - row.receivedAmount);
  if (amount > 0) await applyPiece(tx, ctx, receipt, { targetType: 'sales_slip', targetId: slipId, amount });
}
