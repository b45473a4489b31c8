import type { Db, Executor, Tx } from '../../db/database.ts';
import { historyOf, writeAudit } from '../../platform/audit/audit.ts';
import { notFound, staleVersion } from '../../platform/errors/app-error.ts';
import { formatYuan, lineAmounts, sumLines, toChineseCapitals } from '../../platform/money.ts';
import { nextNumber } from '../../platform/numbering/numbering.ts';
import { actorOf, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { businessDate, isoNow } from '../../platform/time.ts';
import { getCustomer } from '../customers/service.ts';
import { notify } from '../notifications/service.ts';
import { issueStock } from '../inventory/stock.ts';
import { productsByIds } from '../products/service.ts';
import { orderForSlip, recordShipment } from '../orders/fulfilment.ts';
import { slipError } from './errors.ts';
import { slipDocument } from './machine.ts';
import { receivableOf } from './receivable.ts';
import * as repo from './repo.ts';
import { paymentTermLabels, type FromOrderBody, type PaymentTerm, type SlipListQuery, type WalkInBody } from './schema.ts';

export { recordCodes, removeCode, signSlip, deliverSlip } from './warehouse.ts';
export { voidSlip, discardSlip } from './void.ts';
export { recordPrint } from './prints.ts';
export { createReturn } from './returns.ts';
export { createReconciliation, getReconciliation, listReconciliations, pendingReconciliations, settleReconciliation, updateReconciliation } from './reconcile.ts';
export { postSlip, postSlips, monthlyBinding, slipsToPost } from './posting.ts';

/** The visible slip or 404 (other company, or outside the caller's scope). */
export async function loadSlip(db: Executor, ctx: RequestContext, id: number) {
  const slip = await repo.slipById(db, ctx, id);
  if (!slip) throw notFound();
  return slip;
}

/** The slip as a document the user reads: head, lines, signatures, codes, prints, returns. */
export async function slipDetail(db: Executor, ctx: RequestContext, id: number) {
  const s = await loadSlip(db, ctx, id);
  const [lines, codes, prints, returns, companyName, amounts] = await Promise.all([
    repo.linesOf(db, ctx.companyId, id),
    repo.codesOf(db, ctx.companyId, id),
    repo.printsOf(db, ctx.companyId, id),
    repo.returnsOf(db, ctx.companyId, id),
    repo.companyName(db, ctx.companyId),
    receivableOf(db, ctx.companyId, s),
  ]);
  const { keeperSignedBy, keeperSignedAt, keeperSignedName, preparerSignedBy, preparerSignedAt, preparerSignedName, handlerSignedBy, handlerSignedAt, handlerSignedName, priceIncludesTax: _p, ...head } = s;
  return {
    ...head,
    totalInCapitals: toChineseCapitals(s.totalAmount),
    // the change given at the counter is derived from the cash handed over, never stored
    cashChange: s.cashTendered === null ? null : s.cashTendered - s.totalAmount,
    ...amounts,
    lines: lines.map((l) => ({ ...l, trackCodes: l.trackCodes === 1 })),
    signatures: {
      keeper: { userId: keeperSignedBy, name: keeperSignedName, at: keeperSignedAt },
      preparer: { userId: preparerSignedBy, name: preparerSignedName, at: preparerSignedAt },
      handler: { userId: handlerSignedBy, name: handlerSignedName, at: handlerSignedAt },
    },
    codes,
    codeProgress: codeProgress(lines, codes),
    prints,
    returns,
    companyName,
  };
}
export type SlipDetailOut = Awaited<ReturnType<typeof slipDetail>>;

/**
 * Per product that tracks codes: the units the slip issues and the units its codes cover — a box
 * code covers a pack (箱 = pack_size 瓶), a bottle code one unit.
 */
export function codeProgress(lines: repo.SlipLineRow[], codes: { kind: string; productId: number }[]) {
  const out = new Map<number, { productId: number; productName: string; unit: string; quantity: number; scanned: number; boxes: number; bottles: number }>();
  for (const l of lines) {
    if (l.trackCodes !== 1) continue;
    const p = out.get(l.productId) ?? { productId: l.productId, productName: l.productName, unit: l.unit, quantity: 0, scanned: 0, boxes: 0, bottles: 0 };
    p.quantity += l.quantity;
    out.set(l.productId, p);
  }
  const packOf = new Map(lines.map((l) => [l.productId, l.packSize ?? 1]));
  for (const c of codes) {
    const p = out.get(c.productId);
    if (!p) continue;
    if (c.kind === 'box') {
      p.boxes += 1;
      p.scanned += packOf.get(c.productId) ?? 1;
    } else {
      p.bottles += 1;
      p.scanned += 1;
    }
  }
  return [...out.values()];
}

export async function getSlip(db: Db, ctx: RequestContext, id: number) {
  requirePermission(ctx, 'slip.read');
  return slipDetail(db, ctx, id);
}

/** Who did what to the slip, newest first (the audit trail). */
export async function slipHistory(db: Db, ctx: RequestContext, id: number) {
  requirePermission(ctx, 'slip.read');
  await loadSlip(db, ctx, id);
  return historyOf(db, ctx.companyId, 'sales_slip', id);
}

export async function listSlips(db: Db, ctx: RequestContext, q: SlipListQuery) {
  requirePermission(ctx, 'slip.read');
  const { items, total } = await repo.listSlips(db, ctx, q);
  return { items, total, page: q.page, pageSize: q.pageSize };
}

async function assertHandler(tx: Executor, ctx: RequestContext, userId: number) {
  const m = await repo.activeMember(tx, ctx.companyId, userId);
  if (!m) throw slipError('SLIP_HANDLER_INVALID', {}, [{ path: 'handlerId', message: '经手人必须是本账套在职的成员' }]);
  return m;
}

type NewLine = {
  orderLineId: number | null;
  productId: number;
  productCode: string;
  productName: string;
  spec: string | null;
  unit: string;
  batchNo: string | null;
  quantity: number;
  unitPrice: number;
  discountBp: number;
  taxRateBp: number;
};

type NewSlip = {
  orderId: number | null;
  orderType: string;
  paymentTerm: string;
  customerId: number | null;
  customerName: string;
  contactName: string | null;
  contactPhone: string | null;
  deliveryAddress: string | null;
  ownerId: number;
  handlerId: number;
  warehouseId: number;
  priceIncludesTax: boolean;
  driverName: string | null;
  driverPhone: string | null;
  remarks: string | null;
  /** a walk-in cash sale's cash handed over (fen), checked against the total by insertDraft */
  cashTendered: number | null;
};

/**
 * 实收现金 on a walk-in sale: only a cash sale takes it, and never less than the slip's total (the figures
 * the counter sees: what was handed over, the total, what is missing). Absent, the sale is written without it.
 */
function assertCashTendered(head: NewSlip, total: number) {
  if (head.cashTendered === null) return;
  if (head.paymentTerm !== 'cash') {
    const term = paymentTermLabels[head.paymentTerm as PaymentTerm] ?? { zh: head.paymentTerm, en: head.paymentTerm };
    throw slipError('SLIP_CASH_NOT_CASH_SALE', { term: term.zh, termEn: term.en.toLowerCase() }, [{ path: 'cashTendered', message: '非现款销售不填实收现金' }]);
  }
  if (head.cashTendered < total) {
    const figures = { tendered: formatYuan(head.cashTendered), total: formatYuan(total), short: formatYuan(total - head.cashTendered) };
    throw slipError('SLIP_CASH_SHORT', figures, [{ path: 'cashTendered', message: `少于合计 ¥${figures.total}` }]);
  }
}

/** Inserts a draft slip and its lines; amounts by the one line rule (lineAmounts), totals the sums of the lines. */
async function insertDraft(tx: Tx, ctx: RequestContext, head: NewSlip, lines: NewLine[]): Promise<number> {
  if (!lines.length) throw slipError('SLIP_NO_LINES');
  const now = isoNow();
  const amounts = lines.map((l) => lineAmounts({ quantity: l.quantity, unitPrice: l.unitPrice, discountBp: l.discountBp, taxRateBp: l.taxRateBp, priceIncludesTax: head.priceIncludesTax }));
  const totals = sumLines(amounts);
  assertCashTendered(head, totals.amount);
  const row = await tx
    .insertInto('salesSlips')
    .values({
      companyId: ctx.companyId, number: null, status: 'draft', ...head, priceIncludesTax: head.priceIncludesTax ? 1 : 0,
      businessDate: businessDate(), totalQuantity: lines.reduce((n, l) => n + l.quantity, 0),
      amountExTax: totals.amountExTax, taxAmount: totals.taxAmount, totalAmount: totals.amount,
      createdBy: ctx.userId, createdAt: now, updatedAt: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('salesSlipLines')
    .values(lines.map((l, i) => ({ companyId: ctx.companyId, slipId: row.id, lineNo: i + 1, ...l, ...amounts[i]! })))
    .execute();
  await writeAudit(tx, actorOf(ctx), { action: 'slip.create', entity: 'sales_slip', entityId: row.id, after: { ...head, lines, totals } });
  return row.id;
}

/** The order's lines still to ship, checked against what this slip takes (409 names the product). */
function checkRemaining(orderLines: { id: number; productName: string; quantity: number; shippedQuantity: number }[], wanted: { orderLineId: number; quantity: number }[]) {
  const byId = new Map(orderLines.map((l) => [l.id, l]));
  const taken = new Map<number, number>();
  wanted.forEach((w, i) => {
    const line = byId.get(w.orderLineId);
    if (!line) throw slipError('SLIP_ORDER_LINE_UNKNOWN', { line: i + 1 }, [{ path: `lines.${i}.orderLineId`, message: '订单中没有该行' }]);
    const total = (taken.get(w.orderLineId) ?? 0) + w.quantity;
    const remaining = line.quantity - line.shippedQuantity;
    if (total > remaining) {
      throw slipError('SLIP_OVER_REMAINING', { product: line.productName, quantity: total, remaining }, [{ path: `lines.${i}.quantity`, message: `超过未发数量 ${remaining}` }]);
    }
    taken.set(w.orderLineId, total);
  });
}

/**
 * A slip from a confirmed order: the chosen lines and quantities, up to what remains to ship
 * (partial deliveries make several slips). The order module refuses orders outside the caller's
 * scope, not confirmed, or 地州 orders whose payment is not recorded in full.
 */
export async function createFromOrder(db: Db, ctx: RequestContext, body: FromOrderBody) {
  requirePermission(ctx, 'slip.issue');
  const id = await db.transaction().execute(async (tx) => {
    const { order, lines } = await orderForSlip(tx, ctx, body.orderId);
    checkRemaining(lines, body.lines);
    const handlerId = body.handlerId ?? order.ownerId;
    await assertHandler(tx, ctx, handlerId);
    const byId = new Map(lines.map((l) => [l.id, l]));
    const slipLines: NewLine[] = body.lines.map((w) => {
      const l = byId.get(w.orderLineId)!;
      return {
        orderLineId: l.id, productId: l.productId, productCode: l.productCode, productName: l.productName, spec: l.spec, unit: l.unit,
        batchNo: null, quantity: w.quantity, unitPrice: l.unitPrice, discountBp: l.discountBp, taxRateBp: l.taxRateBp,
      };
    });
    const slipId = await insertDraft(
      tx,
      ctx,
      {
        orderId: order.id, orderType: order.orderType, paymentTerm: order.paymentTerm, customerId: order.customerId, customerName: order.customerName,
        contactName: order.contactName, contactPhone: order.contactPhone, deliveryAddress: order.deliveryAddress, ownerId: order.ownerId, handlerId,
        warehouseId: order.warehouseId, priceIncludesTax: order.priceIncludesTax === 1, driverName: body.driverName, driverPhone: body.driverPhone, remarks: body.remarks,
        cashTendered: null,
      },
      slipLines,
    );
    if (body.issue) await issueDraft(tx, ctx, slipId);
    return slipId;
  });
  return slipDetail(db, ctx, id);
}

/** A walk-in cash sale 门市现款: no order, no reservation — the stock must be available. */
export async function createWalkIn(db: Db, ctx: RequestContext, body: WalkInBody) {
  requirePermission(ctx, 'slip.issue');
  const id = await db.transaction().execute(async (tx) => {
    if (body.customerId != null) await getCustomer(tx, ctx, body.customerId);
    if (!(await repo.activeWarehouse(tx, ctx.companyId, body.warehouseId))) {
      throw slipError('SLIP_WAREHOUSE_UNKNOWN', {}, [{ path: 'warehouseId', message: '仓库不存在或已停用' }]);
    }
    await assertHandler(tx, ctx, body.handlerId);
    const products = await productsByIds(tx, ctx.companyId, body.lines.map((l) => l.productId));
    const slipLines: NewLine[] = body.lines.map((l, i) => {
      const p = products.get(l.productId);
      if (!p || !p.active) throw slipError('SLIP_PRODUCT_UNKNOWN', {}, [{ path: `lines.${i}.productId`, message: '商品不存在或已停用' }]);
      return {
        orderLineId: null, productId: p.id, productCode: p.code, productName: p.name, spec: p.spec, unit: p.unit, batchNo: l.batchNo,
        quantity: l.quantity, unitPrice: l.unitPrice ?? p.listPrice, discountBp: l.discountBp, taxRateBp: p.taxRateBp,
      };
    });
    const slipId = await insertDraft(
      tx,
      ctx,
      {
        orderId: null, orderType: body.orderType, paymentTerm: body.paymentTerm, customerId: body.customerId, customerName: body.customerName,
        contactName: body.contactName, contactPhone: body.contactPhone, deliveryAddress: body.deliveryAddress, ownerId: body.handlerId, handlerId: body.handlerId,
        warehouseId: body.warehouseId, priceIncludesTax: body.priceIncludesTax, driverName: body.driverName, driverPhone: body.driverPhone, remarks: body.remarks,
        cashTendered: body.cashTendered,
      },
      slipLines,
    );
    if (body.issue) await issueDraft(tx, ctx, slipId);
    return slipId;
  });
  return slipDetail(db, ctx, id);
}

/** 开单: a draft gets its number and the stock leaves in the same transaction. */
export async function issueSlip(db: Db, ctx: RequestContext, id: number, body: { version: number }) {
  requirePermission(ctx, 'slip.issue');
  await db.transaction().execute(async (tx) => {
    const slip = await loadSlip(tx, ctx, id);
    slipDocument.next(slip.status, 'issue');
    if (slip.version !== body.version) throw staleVersion();
    await issueDraft(tx, ctx, id);
  });
  return slipDetail(db, ctx, id);
}

/**
 * Numbers a draft (XS-…), issues its stock — an order's slip consumes the order's reservation, a
 * walk-in slip takes available stock — and records the shipment on the order. One transaction:
 * a shortage or a refused order gives the number back.
 */
async function issueDraft(tx: Tx, ctx: RequestContext, id: number) {
  const slip = await loadSlip(tx, ctx, id);
  const status = slipDocument.next(slip.status, 'issue');
  const lines = await repo.linesOf(tx, ctx.companyId, id);
  if (slip.orderId != null) {
    const order = await orderForSlip(tx, ctx, slip.orderId);
    checkRemaining(order.lines, lines.map((l) => ({ orderLineId: l.orderLineId!, quantity: l.quantity })));
  }
  const date = businessDate();
  const number = await nextNumber(tx, ctx.companyId, 'sales_slip', date);
  const now = isoNow();
  const res = await tx
    .updateTable('salesSlips')
    .set((eb) => ({ status, number, businessDate: date, issuedAt: now, updatedAt: now, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('companyId', '=', ctx.companyId)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
  await issueStock(
    tx,
    ctx.companyId,
    { docType: 'sales_slip', docId: id, docNo: number, businessDate: date, userId: ctx.userId },
    lines.map((l, i) => ({
      warehouseId: slip.warehouseId, productId: l.productId, quantity: l.quantity, batchNo: l.batchNo, docLineId: l.id, path: `lines.${i}.quantity`,
      ...(l.orderLineId != null ? { reservation: { sourceType: 'sales_order', sourceLineId: l.orderLineId } } : {}),
    })),
  );
  if (slip.orderId != null) {
    await recordShipment(tx, ctx, slip.orderId, lines.map((l) => ({ orderLineId: l.orderLineId!, quantity: l.quantity })));
  }
  await writeAudit(tx, actorOf(ctx), { action: 'slip.issue', entity: 'sales_slip', entityId: id, before: { status: slip.status }, after: { status, number, businessDate: date } });
  // 交销货清单给仓管出货: the warehouse's keeper gets the slip to pick; the handler is asked to sign
  const keeper = await tx.selectFrom('warehouses').select('keeperId').where('id', '=', slip.warehouseId).executeTakeFirst();
  const notes = [];
  if (keeper?.keeperId && keeper.keeperId !== ctx.userId) {
    notes.push({ companyId: ctx.companyId, userId: keeper.keeperId, kind: 'slip.to_pick', title: `销货清单 ${number} 待出库`, body: `${slip.customerName}，共 ${slip.totalQuantity} 件，请扫码出库并签字。`, entity: 'sales_slip', entityId: id });
  }
  if (slip.handlerId !== ctx.userId) {
    notes.push({ companyId: ctx.companyId, userId: slip.handlerId, kind: 'slip.to_sign', title: `销货清单 ${number} 请经手人签字`, body: `${slip.customerName}：${ctx.userName} 已开单，请登录本人账号签字（不得代签）。`, entity: 'sales_slip', entityId: id });
  }
  if (notes.length) await notify(tx, notes);
}
