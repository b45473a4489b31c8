import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { staleVersion } from '../../platform/errors/app-error.ts';
import { lineAmounts } from '../../platform/money.ts';
import { nextNumber } from '../../platform/numbering/numbering.ts';
import { actorOf, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { normalizeUnitCodes } from '../../platform/unit-code.ts';
import { businessDate, isoNow } from '../../platform/time.ts';
import { receiveStock, type ReceiveLine } from '../inventory/stock.ts';
import { slipError } from './errors.ts';
import { slipDocument } from './machine.ts';
import * as repo from './repo.ts';
import { refreshReconciliation } from './reconcile.ts';
import { loadSlip } from './service.ts';

/**
 * The amount of the first n units of a line, by the one line rule. The whole line is its stored
 * amount, so a line returned bit by bit adds up to exactly what it was.
 */
function amountOf(line: repo.SlipLineRow, n: number, priceIncludesTax: boolean): number {
  if (n === line.quantity) return line.amount;
  if (n === 0) return 0;
  return lineAmounts({ quantity: n, unitPrice: line.unitPrice, discountBp: line.discountBp, taxRateBp: line.taxRateBp, priceIncludesTax }).amount;
}

/** The batches a line left from (its ledger rows), latest first: a return goes back to them. */
async function batchesOfLine(tx: Tx, companyId: number, slipId: number, lineId: number) {
  return tx
    .selectFrom('stockLedger')
    .innerJoin('stockBatches', 'stockBatches.id', 'stockLedger.batchId')
    .where('stockLedger.companyId', '=', companyId)
    .where('stockLedger.docType', '=', 'sales_slip')
    .where('stockLedger.docId', '=', slipId)
    .where('stockLedger.docLineId', '=', lineId)
    .where('stockLedger.quantity', '<', 0)
    .select(['stockBatches.batchNo', 'stockBatches.productionDate', 'stockBatches.expiryDate', sql<number>`-stock_ledger.quantity`.as('quantity')])
    .orderBy('stockLedger.id', 'desc')
    .execute();
}

/**
 * The codes scanned on returned units: each must have left with this slip as the line's product, and
 * together they may not cover more units than the line returns (a box code counts its pack size).
 * Returns the ids of the code rows to put back in stock.
 */
async function returningCodes(tx: Tx, companyId: number, slipId: number, lines: { line: repo.SlipLineRow; quantity: number; codes: string[] }[]) {
  const all = lines.flatMap((l) => l.codes);
  if (!all.length) return [];
  const found = new Map(
    (await tx.selectFrom('unitCodes').select(['id', 'code', 'kind', 'productId', 'issuedDocType', 'issuedDocId']).where('companyId', '=', companyId).where('code', 'in', all).execute()).map((c) => [c.code, c]),
  );
  const ids: number[] = [];
  lines.forEach((l, i) => {
    let units = 0;
    for (const code of l.codes) {
      const c = found.get(code);
      if (!c || c.issuedDocType !== 'sales_slip' || c.issuedDocId !== slipId || c.productId !== l.line.productId) {
        throw slipError('SLIP_RETURN_CODE_NOT_ON_SLIP', { code, product: l.line.productName }, [{ path: `lines.${i}.codes`, message: `码 ${code} 不是随本单出库的本行商品` }]);
      }
      units += c.kind === 'box' ? (l.line.packSize ?? 1) : 1;
      ids.push(c.id);
    }
    if (units > l.quantity) {
      throw slipError('SLIP_RETURN_CODES_OVER', { product: l.line.productName, units, quantity: l.quantity, unit: l.line.unit }, [{ path: `lines.${i}.codes`, message: '退回的码超过退回数量' }]);
    }
  });
  return ids;
}

/**
 * 退货单 TH-: goods refused or changed at the door go back into the slip's warehouse (to the batches
 * they left from). The slip lines record the returned quantity, the slip the returned amount; the
 * open driver reconciliation's cash due follows. The codes scanned on the returned units go back in
 * stock with them (and are kept on the return line).
 */
export async function createReturn(db: Db, ctx: RequestContext, slipId: number, body: { reason: string; lines: { slipLineId: number; quantity: number; codes?: string[] }[] }) {
  requirePermission(ctx, 'slip.reconcile');
  return db.transaction().execute(async (tx) => {
    const slip = await loadSlip(tx, ctx, slipId);
    slipDocument.next(slip.status, 'return');
    if (slip.reconciliationId == null) throw slipError('SLIP_RETURN_STATUS');
    const rec = await tx.selectFrom('driverReconciliations').select(['status', 'number']).where('id', '=', slip.reconciliationId).executeTakeFirstOrThrow();
    if (rec.status !== 'open') throw slipError('RECON_CLOSED', { number: rec.number });
    const lines = await repo.linesOf(tx, ctx.companyId, slipId);
    const byId = new Map(lines.map((l) => [l.id, l]));
    const taking = new Map<number, number>();
    const out: { line: repo.SlipLineRow; quantity: number; amount: number; codes: string[] }[] = [];
    body.lines.forEach((r, i) => {
      const line = byId.get(r.slipLineId);
      if (!line) throw slipError('SLIP_PRODUCT_UNKNOWN', {}, [{ path: `lines.${i}.slipLineId`, message: '本单没有该行' }]);
      const before = line.returnedQuantity + (taking.get(line.id) ?? 0);
      const remaining = line.quantity - before;
      if (r.quantity > remaining) throw slipError('SLIP_RETURN_OVER', { product: line.productName, quantity: r.quantity, remaining }, [{ path: `lines.${i}.quantity`, message: `最多可退 ${remaining}` }]);
      taking.set(line.id, (taking.get(line.id) ?? 0) + r.quantity);
      const pit = slip.priceIncludesTax === 1;
      out.push({ line, quantity: r.quantity, amount: amountOf(line, before + r.quantity, pit) - amountOf(line, before, pit), codes: normalizeUnitCodes(r.codes ?? []) });
    });
    const codeIds = await returningCodes(tx, ctx.companyId, slipId, out);
    const total = out.reduce((n, r) => n + r.amount, 0);
    const date = businessDate();
    const number = await nextNumber(tx, ctx.companyId, 'sales_return', date);
    const now = isoNow();
    const ret = await tx
      .insertInto('salesReturns')
      .values({ companyId: ctx.companyId, number, status: 'submitted', slipId, warehouseId: slip.warehouseId, businessDate: date, reason: body.reason, totalAmount: total, createdBy: ctx.userId, createdAt: now, updatedAt: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const receive: ReceiveLine[] = [];
    for (const r of out) {
      const retLine = await tx
        .insertInto('salesReturnLines')
        .values({ companyId: ctx.companyId, returnId: ret.id, slipLineId: r.line.id, productId: r.line.productId, quantity: r.quantity, amount: r.amount, codes: r.codes.length ? JSON.stringify(r.codes) : null })
        .returning('id')
        .executeTakeFirstOrThrow();
      const upd = await tx
        .updateTable('salesSlipLines')
        .set((eb) => ({ returnedQuantity: eb('returnedQuantity', '+', r.quantity) }))
        .where('id', '=', r.line.id)
        .where(sql<boolean>`returned_quantity + ${r.quantity} <= quantity`)
        .executeTakeFirst();
      if (Number(upd.numUpdatedRows) !== 1) throw staleVersion();
      let left = r.quantity;
      for (const b of await batchesOfLine(tx, ctx.companyId, slipId, r.line.id)) {
        if (left <= 0) break;
        const q = Math.min(left, b.quantity);
        receive.push({ warehouseId: slip.warehouseId, productId: r.line.productId, quantity: q, batchNo: b.batchNo, productionDate: b.productionDate, expiryDate: b.expiryDate, docLineId: retLine.id });
        left -= q;
      }
      if (left > 0) receive.push({ warehouseId: slip.warehouseId, productId: r.line.productId, quantity: left, docLineId: retLine.id });
    }
    await receiveStock(tx, ctx.companyId, { docType: 'sales_return', docId: ret.id, docNo: number, businessDate: date, userId: ctx.userId }, receive);
    if (codeIds.length) {
      // the units are back on the shelf: their codes may leave again with another slip
      const back = await tx
        .updateTable('unitCodes')
        .set({ status: 'in_stock', warehouseId: slip.warehouseId, issuedDocType: null, issuedDocId: null, issuedDocNo: null, issuedAt: null, updatedAt: now })
        .where('companyId', '=', ctx.companyId)
        .where('id', 'in', codeIds)
        .where('issuedDocType', '=', 'sales_slip')
        .where('issuedDocId', '=', slipId)
        .executeTakeFirst();
      if (Number(back.numUpdatedRows) !== codeIds.length) throw staleVersion();
    }
    await tx
      .updateTable('salesSlips')
      .set((eb) => ({ returnedAmount: eb('returnedAmount', '+', total), updatedAt: now, version: eb('version', '+', 1) }))
      .where('id', '=', slipId)
      .execute();
    await refreshReconciliation(tx, ctx.companyId, slip.reconciliationId);
    await writeAudit(tx, actorOf(ctx), {
      action: 'slip.return',
      entity: 'sales_slip',
      entityId: slipId,
      after: { returnNumber: number, reason: body.reason, totalAmount: total, lines: out.map((r) => ({ slipLineId: r.line.id, quantity: r.quantity, amount: r.amount, ...(r.codes.length ? { codes: r.codes } : {}) })) },
    });
    return { id: ret.id, number, totalAmount: total };
  });
}
