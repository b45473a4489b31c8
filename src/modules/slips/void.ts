import type { Db } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { voidFields } from '../../platform/documents/status.ts';
import { staleVersion } from '../../platform/errors/app-error.ts';
import { actorOf, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { businessDate, isoNow } from '../../platform/time.ts';
import { reverseStock } from '../inventory/stock.ts';
import { reverseShipment } from '../orders/fulfilment.ts';
import { slipError } from './errors.ts';
import { slipDocument } from './machine.ts';
import * as repo from './repo.ts';
import { loadSlip, slipDetail } from './service.ts';

/**
 * 作废: a wrong slip is marked void with who, when and why — never deleted, its number kept. In the
 * same transaction its stock comes back exactly (every ledger row reversed), the order's shipment
 * is taken back and its reservation restored, and the codes it issued are in stock again.
 * A posted slip is corrected by a return slip or a red-letter invoice instead; a slip already in a
 * driver reconciliation by a return slip.
 */
export async function voidSlip(db: Db, ctx: RequestContext, id: number, body: { reason: string; version: number }) {
  requirePermission(ctx, 'slip.void');
  await db.transaction().execute(async (tx) => {
    const slip = await loadSlip(tx, ctx, id);
    if (slip.status === 'posted') throw slipError('SLIP_POSTED_NO_VOID', { number: slip.number });
    if (slip.reconciliationId != null || slip.status === 'reconciled') {
      throw slipError('SLIP_RECONCILED_NO_VOID', { number: slip.number, reconciliation: slip.reconciliationNumber ?? '' });
    }
    slipDocument.assertVoidable(slip.status);
    const fields = voidFields(actorOf(ctx), body.reason);
    if (slip.version !== body.version) throw staleVersion();
    const res = await tx
      .updateTable('salesSlips')
      .set({ ...fields, updatedAt: fields.voidedAt, version: body.version + 1 })
      .where('id', '=', id)
      .where('companyId', '=', ctx.companyId)
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
    const date = businessDate();
    await reverseStock(tx, ctx.companyId, { docType: 'sales_slip', docId: id, docNo: slip.number!, businessDate: date, userId: ctx.userId }, { businessDate: date, userId: ctx.userId });
    const lines = await repo.linesOf(tx, ctx.companyId, id);
    if (slip.orderId != null) {
      await reverseShipment(tx, ctx, slip.orderId, lines.map((l) => ({ orderLineId: l.orderLineId!, quantity: l.quantity })));
    }
    const freed = await tx
      .updateTable('unitCodes')
      .set({ status: 'in_stock', warehouseId: slip.warehouseId, issuedDocType: null, issuedDocId: null, issuedDocNo: null, issuedAt: null, updatedAt: isoNow() })
      .where('companyId', '=', ctx.companyId)
      .where('issuedDocType', '=', 'sales_slip')
      .where('issuedDocId', '=', id)
      .executeTakeFirst();
    await tx
      .insertInto('businessEvents')
      .values({ companyId: ctx.companyId, event: 'slip.voided', entity: 'sales_slip', entityId: id, payload: JSON.stringify({ number: slip.number, reason: fields.voidReason }), createdAt: fields.voidedAt })
      .execute();
    await writeAudit(tx, actorOf(ctx), {
      action: 'slip.void',
      entity: 'sales_slip',
      entityId: id,
      before: { status: slip.status },
      after: { ...fields, codesFreed: Number(freed.numUpdatedRows) },
      note: fields.voidReason,
    });
  });
  return slipDetail(db, ctx, id);
}

/** A draft that will not be issued is discarded (recorded; it held no number and no stock). */
export async function discardSlip(db: Db, ctx: RequestContext, id: number, body: { version: number }) {
  requirePermission(ctx, 'slip.issue');
  await db.transaction().execute(async (tx) => {
    const slip = await loadSlip(tx, ctx, id);
    const status = slipDocument.next(slip.status, 'discard');
    const now = isoNow();
    const res = await tx
      .updateTable('salesSlips')
      .set({ status, updatedAt: now, version: body.version + 1 })
      .where('id', '=', id)
      .where('companyId', '=', ctx.companyId)
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
    await writeAudit(tx, actorOf(ctx), { action: 'slip.discard', entity: 'sales_slip', entityId: id, before: { status: slip.status }, after: { status } });
  });
  return slipDetail(db, ctx, id);
}
