import type { Db, Tx } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { signRefusal, type SignRule } from '../../platform/documents/signatures.ts';
import { staleVersion } from '../../platform/errors/app-error.ts';
import { actorOf, can, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { isoNow } from '../../platform/time.ts';
import { normalizeUnitCode, normalizeUnitCodes } from '../../platform/unit-code.ts';
import { slipError } from './errors.ts';
import { slipDocument } from './machine.ts';
import * as repo from './repo.ts';
import type { CodeKind, DeliverBody, DeliveryMode, SignRole } from './schema.ts';
import { signRoleLabels } from './schema.ts';
import { codeProgress, loadSlip, slipDetail } from './service.ts';

// The warehouse issue 仓库发货: the keeper records the box 箱码 / bottle 瓶码 code of every unit that
// leaves, confirms the quantities and signs; the preparer 开单人 and the handler 经手人 sign too —
// each with their own login, nobody for another (seed 004: 不得代签).

/** Product of the slip that tracks codes, or a 400 naming why a code cannot be recorded for it. */
function trackedLine(lines: repo.SlipLineRow[], productId: number, kind: CodeKind) {
  const line = lines.find((l) => l.productId === productId);
  if (!line) throw slipError('SLIP_PRODUCT_UNKNOWN', {}, [{ path: 'productId', message: '本单没有该商品' }]);
  if (line.trackCodes !== 1) throw slipError('SLIP_CODE_NOT_TRACKED', { product: line.productName }, [{ path: 'productId', message: '该商品不需要录码' }]);
  if (kind === 'box' && !(line.packSize && line.packSize > 1)) throw slipError('SLIP_CODE_BOX_NO_PACK', { product: line.productName }, [{ path: 'kind', message: '只能录瓶码' }]);
  return line;
}

/**
 * Records codes scanned for one product of an issued slip. A code leaves once: an issued code is
 * refused naming the document it left with; a code registered in stock for another product is
 * refused; a code registered in stock for this product is issued by a conditional update (two
 * slips racing for it: one wins); an unknown code is registered as issued (the unique key decides a race).
 */
export async function recordCodes(db: Db, ctx: RequestContext, id: number, body: { productId: number; kind: CodeKind; codes: string[] }) {
  requirePermission(ctx, 'slip.warehouse');
  await db.transaction().execute(async (tx) => {
    const slip = await loadSlip(tx, ctx, id);
    slipDocument.next(slip.status, 'sign');
    if (slip.keeperSignedBy != null) throw slipError('SLIP_ALREADY_SIGNED', { role: '仓管', roleEn: 'Keeper', name: slip.keeperSignedName ?? '', at: slip.keeperSignedAt ?? '' });
    const lines = await repo.linesOf(tx, ctx.companyId, id);
    const line = trackedLine(lines, body.productId, body.kind);
    const codes = normalizeUnitCodes(body.codes);
    const progress = codeProgress(lines, await repo.codesOf(tx, ctx.companyId, id)).find((p) => p.productId === body.productId)!;
    const adding = codes.length * (body.kind === 'box' ? (line.packSize ?? 1) : 1);
    if (progress.scanned + adding > progress.quantity) {
      throw slipError('SLIP_CODES_OVER', { product: line.productName, scanned: progress.scanned + adding, quantity: progress.quantity, unit: line.unit }, [{ path: 'codes', message: '录码数量超过出库数量' }]);
    }
    const now = isoNow();
    for (const code of codes) await issueCode(tx, ctx, { id, number: slip.number!, warehouseId: slip.warehouseId }, line, body.kind, code, now);
    await writeAudit(tx, actorOf(ctx), { action: 'slip.codes', entity: 'sales_slip', entityId: id, after: { productId: body.productId, kind: body.kind, codes } });
  });
  return slipDetail(db, ctx, id);
}

async function issueCode(tx: Tx, ctx: RequestContext, slip: { id: number; number: string; warehouseId: number }, line: repo.SlipLineRow, kind: CodeKind, code: string, now: string) {
  const issued = { status: 'issued', issuedDocType: 'sales_slip', issuedDocId: slip.id, issuedDocNo: slip.number, issuedAt: now, updatedAt: now };
  const inserted = await tx
    .insertInto('unitCodes')
    .values({ companyId: ctx.companyId, code, kind, productId: line.productId, warehouseId: slip.warehouseId, batchNo: null, inboundDocId: null, createdAt: now, ...issued })
    .onConflict((oc) => oc.columns(['companyId', 'code']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return;
  const existing = await tx.selectFrom('unitCodes').select(['status', 'productId', 'issuedDocNo']).where('companyId', '=', ctx.companyId).where('code', '=', code).executeTakeFirstOrThrow();
  const refuse = async () => {
    const now2 = await tx.selectFrom('unitCodes').select(['issuedDocNo']).where('companyId', '=', ctx.companyId).where('code', '=', code).executeTakeFirst();
    return slipError('SLIP_CODE_ALREADY_ISSUED', { code, docNo: now2?.issuedDocNo ?? existing.issuedDocNo ?? '—' }, [{ path: 'codes', message: `码 ${code} 已出库` }]);
  };
  if (existing.status === 'issued') throw await refuse();
  if (existing.productId !== line.productId) {
    const p = await tx.selectFrom('products').select('name').where('id', '=', existing.productId).executeTakeFirst();
    throw slipError('SLIP_CODE_OTHER_PRODUCT', { code, product: p?.name ?? existing.productId }, [{ path: 'codes', message: `码 ${code} 属于其他商品` }]);
  }
  const res = await tx
    .updateTable('unitCodes')
    .set(issued)
    .where('companyId', '=', ctx.companyId)
    .where('code', '=', code)
    .where('status', '=', 'in_stock')
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw await refuse();
}

/** Takes back a code scanned by mistake (before the keeper signs): it is in stock again. */
export async function removeCode(db: Db, ctx: RequestContext, id: number, body: { code: string }) {
  requirePermission(ctx, 'slip.warehouse');
  const code = normalizeUnitCode(body.code);
  await db.transaction().execute(async (tx) => {
    const slip = await loadSlip(tx, ctx, id);
    slipDocument.next(slip.status, 'sign');
    if (slip.keeperSignedBy != null) throw slipError('SLIP_ALREADY_SIGNED', { role: '仓管', roleEn: 'Keeper', name: slip.keeperSignedName ?? '', at: slip.keeperSignedAt ?? '' });
    const now = isoNow();
    const res = await tx
      .updateTable('unitCodes')
      .set({ status: 'in_stock', warehouseId: slip.warehouseId, issuedDocType: null, issuedDocId: null, issuedDocNo: null, issuedAt: null, updatedAt: now })
      .where('companyId', '=', ctx.companyId)
      .where('code', '=', code)
      .where('issuedDocType', '=', 'sales_slip')
      .where('issuedDocId', '=', id)
      .where('status', '=', 'issued')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw slipError('SLIP_CODE_NOT_ON_SLIP', { code });
    await writeAudit(tx, actorOf(ctx), { action: 'slip.code_removed', entity: 'sales_slip', entityId: id, before: { code } });
  });
  return slipDetail(db, ctx, id);
}

const signColumns = {
  keeper: { by: 'keeperSignedBy', at: 'keeperSignedAt' },
  preparer: { by: 'preparerSignedBy', at: 'preparerSignedAt' },
  handler: { by: 'handlerSignedBy', at: 'handlerSignedAt' },
} as const;

/** At the counter the clerk who writes a slip may also hand the goods over; the keeper is never either of them. */
const COUNTER: SignRule = { together: [['preparer', 'handler']] };

type SlipSigns = { createdByName: string | null; handlerName: string | null; keeperSignedName: string | null; preparerSignedName: string | null; handlerSignedName: string | null } & Record<(typeof signColumns)[SignRole]['at'], string | null>;

/** The platform's refusal (src/platform/documents/signatures.ts) as the slip's own error. */
function slipSignError(refusal: NonNullable<ReturnType<typeof signRefusal>>, slip: SlipSigns, role: SignRole) {
  switch (refusal.kind) {
    case 'taken': {
      const name = role === 'keeper' ? slip.keeperSignedName : role === 'preparer' ? slip.preparerSignedName : slip.handlerSignedName;
      return slipError('SLIP_ALREADY_SIGNED', { role: signRoleLabels[role].zh, roleEn: signRoleLabels[role].en, name: name ?? '', at: slip[signColumns[role].at] ?? '' });
    }
    case 'not_keeper':
      return slipError('SLIP_SIGN_NOT_KEEPER');
    case 'not_preparer':
      return slipError('SLIP_SIGN_NOT_PREPARER', { name: slip.createdByName ?? '' });
    case 'not_handler':
      return slipError('SLIP_SIGN_NOT_HANDLER', { name: slip.handlerName ?? '' });
    case 'two_places': {
      // the one who lets the goods out is neither who wrote the slip nor who takes the goods (as on stock documents)
      const place = role === 'keeper' ? refusal.mine : role;
      return slipError('SLIP_SIGN_KEEPER_NOT_PARTY', { place: place === 'preparer' ? '制单人' : '经手人', placeEn: place === 'preparer' ? 'preparer' : 'handler' });
    }
  }
}

/**
 * Signs the slip as keeper, preparer or handler — always as the logged-in user: the keeper is a user
 * with the warehouse-issue right (and every coded unit is recorded), the preparer is the slip's
 * creator, the handler the slip's handler. When all three have signed the slip is 已出库签字.
 */
export async function signSlip(db: Db, ctx: RequestContext, id: number, body: { as: SignRole }) {
  requirePermission(ctx, 'slip.read');
  await db.transaction().execute(async (tx) => {
    const slip = await loadSlip(tx, ctx, id);
    const done = slipDocument.next(slip.status, 'sign');
    const role = body.as;
    const cols = signColumns[role];
    const refusal = signRefusal(
      { signedBy: { keeper: slip.keeperSignedBy, preparer: slip.preparerSignedBy, handler: slip.handlerSignedBy }, preparerId: slip.createdBy, handlerId: slip.handlerId },
      { id: ctx.userId, mayKeep: can(ctx, 'slip.warehouse') },
      role,
      COUNTER,
    );
    if (refusal) throw slipSignError(refusal, slip, role);
    if (role === 'keeper') {
      const lines = await repo.linesOf(tx, ctx.companyId, id);
      for (const p of codeProgress(lines, await repo.codesOf(tx, ctx.companyId, id))) {
        if (p.scanned !== p.quantity) throw slipError('SLIP_CODES_INCOMPLETE', { product: p.productName, quantity: p.quantity, scanned: p.scanned, unit: p.unit });
      }
    }
    const now = isoNow();
    const res = await tx
      .updateTable('salesSlips')
      .set((eb) => ({ [cols.by]: ctx.userId, [cols.at]: now, updatedAt: now, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('companyId', '=', ctx.companyId)
      .where('status', '=', 'issued')
      .where(cols.by, 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
    // the last of the three signatures completes the warehouse issue
    const complete = await tx
      .updateTable('salesSlips')
      .set({ status: done })
      .where('id', '=', id)
      .where('status', '=', 'issued')
      .where('keeperSignedBy', 'is not', null)
      .where('preparerSignedBy', 'is not', null)
      .where('handlerSignedBy', 'is not', null)
      .executeTakeFirst();
    const after = Number(complete.numUpdatedRows) === 1 ? { [cols.by]: ctx.userId, status: done } : { [cols.by]: ctx.userId };
    await writeAudit(tx, actorOf(ctx), { action: `slip.sign_${role}`, entity: 'sales_slip', entityId: id, before: { status: slip.status }, after });
  });
  return slipDetail(db, ctx, id);
}

/**
 * 出车 / 客户自提: the signed slip goes out with its driver (named here or at issue), or is handed to
 * the customer (mode pickup: no driver; its cash is reconciled with the day's other pickups).
 */
export async function deliverSlip(db: Db, ctx: RequestContext, id: number, body: DeliverBody) {
  requirePermission(ctx, 'slip.issue');
  const mode: DeliveryMode = body.deliveryMode ?? 'driver';
  if (mode === 'pickup' && (body.driverName || body.driverPhone)) {
    throw slipError('SLIP_PICKUP_DRIVER', {}, [{ path: body.driverName ? 'driverName' : 'driverPhone', message: '客户自提不填司机' }]);
  }
  await db.transaction().execute(async (tx) => {
    const slip = await loadSlip(tx, ctx, id);
    const status = slipDocument.next(slip.status, 'deliver');
    if (slip.version !== body.version) throw staleVersion();
    const driverName = mode === 'pickup' ? null : (body.driverName ?? slip.driverName);
    if (mode === 'driver' && !driverName) throw slipError('SLIP_NO_DRIVER', {}, [{ path: 'driverName', message: '请填写送货司机' }]);
    const driverPhone = mode === 'pickup' ? null : (body.driverPhone ?? slip.driverPhone);
    const now = isoNow();
    const res = await tx
      .updateTable('salesSlips')
      .set({ status, deliveryMode: mode, driverName, driverPhone, deliveredAt: now, updatedAt: now, version: body.version + 1 })
      .where('id', '=', id)
      .where('companyId', '=', ctx.companyId)
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
    await writeAudit(tx, actorOf(ctx), {
      action: 'slip.deliver', entity: 'sales_slip', entityId: id,
      before: { status: slip.status, deliveryMode: slip.deliveryMode, driverName: slip.driverName }, after: { status, deliveryMode: mode, driverName, driverPhone },
    });
  });
  return slipDetail(db, ctx, id);
}
