import type { Db, Executor, Tx } from '../../db/database.ts';
import { historyOf, writeAudit } from '../../platform/audit/audit.ts';
import { notFound, staleVersion } from '../../platform/errors/app-error.ts';
import { voidFields } from '../../platform/documents/status.ts';
import { toChineseCapitals } from '../../platform/money.ts';
import { nextNumber } from '../../platform/numbering/numbering.ts';
import { actorOf, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { isoNow } from '../../platform/time.ts';
import { lockCustomerAllocations, reverseOne } from './allocation.ts';
import { assertConfirmedReceipt, recordDepositRefund } from './deposits.ts';
import { receiptError } from './errors.ts';
import * as repo from './repo.ts';
import type { ReceiptCreateBody, ReceiptListQuery, ReceiptMethod } from './schema.ts';

// Receipts 收款单: the money a customer paid — by cash (drivers' cash from the reconciliation 对单
// too, named in `source`), bank transfer, acceptance bill, WeChat/Alipay. A receipt is numbered SK-
// when saved, is applied to posted slips (allocation.ts) and is never edited or deleted: a wrong one
// is voided with a reason, which takes back its allocations in the same transaction.

export { allocate, autoAllocate, reverseAllocation, openItems, takeBackInvoiceExcess } from './allocation.ts';
export { recordDriverCash, applyDriverCash, type DriverCash } from './driver-cash.ts';
export { recordHoldDeposit, endHoldDeposits, applyHoldDeposits, depositPaidOnSlip, holdDepositCredit, holdDepositReceipts } from './deposits.ts';
export { previewStatement, createStatement, getStatement, listStatements, confirmStatement, statementRowsForExport } from './statements.ts';

/** The visible receipt or 404 (other company, or a customer outside the caller's scope). */
export async function loadReceipt(db: Executor, ctx: RequestContext, id: number) {
  const r = await repo.receiptById(db, ctx, id);
  if (!r) throw notFound();
  return r;
}

export async function receiptDetail(db: Executor, ctx: RequestContext, id: number) {
  const r = await loadReceipt(db, ctx, id);
  const allocations = await repo.allocationsOf(db, ctx.companyId, { receiptId: id });
  return { ...r, amountInCapitals: toChineseCapitals(r.amount), allocations };
}

export async function getReceipt(db: Db, ctx: RequestContext, id: number) {
  requirePermission(ctx, 'receipt.read');
  return receiptDetail(db, ctx, id);
}

export async function listReceipts(db: Db, ctx: RequestContext, q: ReceiptListQuery) {
  requirePermission(ctx, 'receipt.read');
  const { items, total } = await repo.listReceipts(db, ctx, q);
  return { items, total, page: q.page, pageSize: q.pageSize };
}

export async function receiptHistory(db: Db, ctx: RequestContext, id: number) {
  requirePermission(ctx, 'receipt.read');
  await loadReceipt(db, ctx, id);
  return historyOf(db, ctx.companyId, 'receipt', id);
}

/** Records a receipt: numbered SK- on save, nothing allocated yet (all of it is the customer's credit). */
export async function createReceipt(db: Db, ctx: RequestContext, body: ReceiptCreateBody) {
  requirePermission(ctx, 'receipt.create');
  const id = await db.transaction().execute(async (tx) => {
    const customer = await repo.customerInScope(tx, ctx, body.customerId);
    if (!customer) throw notFound();
    const receivedBy = body.receivedBy ?? ctx.userId;
    if (!(await repo.activeMember(tx, ctx.companyId, receivedBy))) {
      throw receiptError('RECEIPT_RECEIVER_INVALID', {}, [{ path: 'receivedBy', message: '收款人必须是本账套在职的成员' }]);
    }
    const number = await nextNumber(tx, ctx.companyId, 'receipt', body.receiptDate);
    const now = isoNow();
    const row = await tx
      .insertInto('receipts')
      .values({
        companyId: ctx.companyId, number, status: 'confirmed', customerId: customer.id, receiptDate: body.receiptDate, method: body.method,
        amount: body.amount, allocatedAmount: 0, bankAccount: body.bankAccount, reference: body.reference, receivedBy, source: body.source,
        remarks: body.remarks, createdBy: ctx.userId, createdAt: now, updatedAt: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(tx, actorOf(ctx), { action: 'receipt.create', entity: 'receipt', entityId: row.id, after: { ...body, number, receivedBy } });
    return row.id;
  });
  return receiptDetail(db, ctx, id);
}

/**
 * 作废: the receipt stays, marked void with who, when and why; every allocation still in force is
 * reversed (recorded, with the void's reason) in the same transaction, so the slips it paid are
 * owed again and nothing of it remains as credit.
 */
export async function voidReceipt(db: Db, ctx: RequestContext, id: number, body: { reason: string; version: number }) {
  requirePermission(ctx, 'receipt.void');
  await db.transaction().execute(async (tx) => {
    await lockCustomerAllocations(tx, (await loadReceipt(tx, ctx, id)).customerId);
    const r = await loadReceipt(tx, ctx, id);
    assertConfirmedReceipt(r);
    if (r.version !== body.version) throw staleVersion();
    const fields = voidFields(actorOf(ctx), body.reason);
    const res = await tx
      .updateTable('receipts')
      .set((eb) => ({ ...fields, updatedAt: fields.voidedAt, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('companyId', '=', ctx.companyId)
      .where('status', '=', 'confirmed')
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
    await reverseActive(tx, ctx, id, `收款单作废：${fields.voidReason}`);
    await writeAudit(tx, actorOf(ctx), { action: 'receipt.void', entity: 'receipt', entityId: id, before: { status: r.status, allocatedAmount: r.allocatedAmount }, after: { status: 'void', reason: fields.voidReason } });
  });
  return receiptDetail(db, ctx, id);
}

/** 登记退款: a hold's deposit due back (待退款) has been paid back to the customer; finance records how. */
export async function refundDeposit(db: Db, ctx: RequestContext, id: number, body: { method: ReceiptMethod; note?: string | null; version: number }) {
  requirePermission(ctx, 'receipt.void'); // money going back out is finance's act, as is voiding what came in
  await db.transaction().execute(async (tx) => recordDepositRefund(tx, ctx, await loadReceipt(tx, ctx, id), body));
  return receiptDetail(db, ctx, id);
}

async function reverseActive(tx: Tx, ctx: RequestContext, receiptId: number, reason: string) {
  const active = await tx.selectFrom('receiptAllocations').select('id').where('companyId', '=', ctx.companyId).where('receiptId', '=', receiptId).where('reversedAt', 'is', null).execute();
  for (const a of active) await reverseOne(tx, ctx, a.id, reason);
}
