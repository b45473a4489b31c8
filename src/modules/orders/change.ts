import type { Db } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { formatYuan, lineAmounts, sumLines } from '../../platform/money.ts';
import { nextNumber } from '../../platform/numbering/numbering.ts';
import { actorOf, can, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { businessDate, isoNow } from '../../platform/time.ts';
import { releaseReservations, reserve } from '../inventory/service.ts';
import { orderError } from './errors.ts';
import { orderDocument } from './machine.ts';
import * as repo from './repo.ts';
import type { ChangeBody } from './schema.ts';
import { SOURCE } from './flow.ts';
import { orderConcession } from './concession.ts';
import { enforceCredit } from './credit.ts';
import { holdersOf, loadOrder, notifyPeople, orderLabel, saveOrder } from './shared.ts';
import { settingsFor } from '../admin/service.ts';

type Change = { field: string; line?: number; product?: string; before: unknown; after: unknown };
const headerFields = ['deliveryDate', 'deliveryMethod', 'deliveryAddress', 'contactName', 'contactPhone', 'carrierName', 'carrierPhone'] as const;

/**
 * A change order 变更单 (BG-) after confirmation: quantities, prices, discounts, delivery date, method,
 * address, contact, carrier — with a reason. The user holding order.change approves it by making it;
 * the reservation follows the new quantities in the same transaction (more reserved, or the
 * difference released), amounts are recomputed by the line rule, everyone on the order is notified.
 * A change that raises the order's amount is credit-checked again like a submit: stopped with the
 * figures, or let through by a manager's logged override (creditOverrideReason).
 */
export async function changeOrder(db: Db, ctx: RequestContext, id: number, body: ChangeBody) {
  requirePermission(ctx, 'order.change');
  return db.transaction().execute(async (tx) => {
    const order = await loadOrder(tx, ctx, id, body.version);
    orderDocument.next(order.status, 'change');
    const lines = await repo.linesOf(tx, id);
    const changes: Change[] = [];
    const header: Record<string, unknown> = {};
    for (const f of headerFields) {
      const v = body[f];
      if (v === undefined) continue;
      if ((order[f] ?? null) !== (v ?? null)) {
        changes.push({ field: f, before: order[f], after: v ?? null });
        header[f] = v ?? null;
      }
    }
    if (order.orderType === 'regional' && (('carrierName' in header && !header.carrierName) || ('carrierPhone' in header && !header.carrierPhone))) {
      throw orderError('ORDER_CARRIER_REQUIRED', {}, [{ path: 'carrierName', message: '地州订单必须填写托运部及电话' }]);
    }
    const toReserve: { warehouseId: number; productId: number; quantity: number; sourceType: string; sourceId: number; sourceLineId: number; path: string }[] = [];
    const toRelease: { sourceLineId: number; quantity: number }[] = [];
    const newLines = lines.map((l) => ({ ...l }));
    body.lines.forEach((c, i) => {
      const l = newLines.find((x) => x.id === c.orderLineId);
      if (!l) throw orderError('ORDER_LINE_NOT_FOUND', { lineId: c.orderLineId }, [{ path: `lines.${i}.orderLineId`, message: '订单行不存在' }]);
      const quantity = c.quantity ?? l.quantity;
      if (quantity < l.shippedQuantity) throw orderError('ORDER_CHANGE_BELOW_SHIPPED', { line: l.lineNo, shipped: l.shippedQuantity }, [{ path: `lines.${i}.quantity`, message: `不能少于已发货数量 ${l.shippedQuantity}` }]);
      const unitPrice = c.unitPrice ?? l.unitPrice;
      const discountBp = c.discountBp ?? l.discountBp;
      if (quantity !== l.quantity) changes.push({ field: 'quantity', line: l.lineNo, product: l.productName, before: l.quantity, after: quantity });
      if (unitPrice !== l.unitPrice) changes.push({ field: 'unitPrice', line: l.lineNo, product: l.productName, before: l.unitPrice, after: unitPrice });
      if (discountBp !== l.discountBp) changes.push({ field: 'discountBp', line: l.lineNo, product: l.productName, before: l.discountBp, after: discountBp });
      // what the line must still hold: ordered − shipped
      const need = quantity - l.shippedQuantity;
      if (need > l.reservedQuantity && quantity !== l.quantity) toReserve.push({ warehouseId: order.warehouseId, productId: l.productId, quantity: need - l.reservedQuantity, sourceType: SOURCE, sourceId: id, sourceLineId: l.id, path: `lines.${i}.quantity` });
      if (need < l.reservedQuantity) toRelease.push({ sourceLineId: l.id, quantity: l.reservedQuantity - need });
      Object.assign(l, { quantity, unitPrice, discountBp, reservedQuantity: Math.min(l.reservedQuantity, need) }, lineAmounts({ quantity, unitPrice, discountBp, taxRateBp: l.taxRateBp, priceIncludesTax: order.priceIncludesTax === 1 }));
    });
    if (!changes.length) throw orderError('ORDER_CHANGE_EMPTY');
    if (toRelease.length) await releaseReservations(tx, ctx.companyId, SOURCE, id, toRelease);
    if (toReserve.length) {
      const got = await reserve(tx, ctx.companyId, toReserve, { partial: order.backorder === 1 });
      for (const g of got) newLines.find((l) => l.id === g.sourceLineId)!.reservedQuantity += g.reserved;
    }
    for (const l of newLines) {
      const old = lines.find((x) => x.id === l.id)!;
      if (old.quantity === l.quantity && old.unitPrice === l.unitPrice && old.discountBp === l.discountBp && old.reservedQuantity === l.reservedQuantity) continue;
      await tx
        .updateTable('salesOrderLines')
        .set({ quantity: l.quantity, unitPrice: l.unitPrice, discountBp: l.discountBp, amountExTax: l.amountExTax, taxAmount: l.taxAmount, amount: l.amount, reservedQuantity: l.reservedQuantity })
        .where('id', '=', l.id)
        .execute();
    }
    const totals = sumLines(newLines);
    if (totals.amount > order.totalAmount) await enforceCredit(tx, ctx, { ...order, totalAmount: totals.amount }, body.creditOverrideReason);
    const totalQuantity = newLines.reduce((s, l) => s + l.quantity, 0);
    const shippedAll = newLines.every((l) => l.shippedQuantity >= l.quantity);
    const status = order.status === 'partially_shipped' && shippedAll ? 'shipped' : order.status;
    const number = await nextNumber(tx, ctx.companyId, 'sales_order_change', businessDate());
    const now = isoNow();
    // what the change does to the order's total is part of the record (the change log shows it)
    // a price or discount changed under the price list: the order's 让价 follows (the change record shows it).
    // Going further under the list is for those who set prices or check them (the submit sends such an order
    // to finance; a change after confirmation must not be the way round it), and finance hears of it.
    const priceConcession = orderConcession(newLines);
    const moreConcession = priceConcession > order.priceConcession;
    if (moreConcession && (await settingsFor(tx, ctx)).settings.orders.concessionReview && !can(ctx, 'price.manage') && !can(ctx, 'order.review_finance')) {
      throw orderError('ORDER_CHANGE_CONCESSION', { before: `¥${formatYuan(order.priceConcession)}`, after: `¥${formatYuan(priceConcession)}` });
    }
    if (priceConcession !== order.priceConcession) changes.push({ field: 'priceConcession', before: order.priceConcession, after: priceConcession });
    if (totals.amount !== order.totalAmount) changes.push({ field: 'totalAmount', before: order.totalAmount, after: totals.amount });
    await tx.insertInto('salesOrderChanges').values({ companyId: ctx.companyId, orderId: id, number, reason: body.reason, changes: JSON.stringify(changes), requestedBy: ctx.userId, approvedBy: ctx.userId, createdAt: now }).execute();
    await saveOrder(tx, order, { ...header, status, totalQuantity, amountExTax: totals.amountExTax, taxAmount: totals.taxAmount, totalAmount: totals.amount, priceConcession });
    await writeAudit(tx, actorOf(ctx), { action: 'order.change', entity: 'sales_order', entityId: id, before: { totalAmount: order.totalAmount }, after: { number, changes, totalAmount: totals.amount }, note: body.reason });
    const people = await repo.peopleOn(tx, order);
    await notifyPeople(tx, ctx, people, order, 'order.changed', `订单 ${orderLabel(order)} 已变更（${number}）`, `${ctx.userName}：${body.reason}`);
    if (moreConcession) {
      await notifyPeople(tx, ctx, await holdersOf(tx, ctx.companyId, 'order.review_finance'), order, 'order.concession_changed', `订单 ${orderLabel(order)} 变更后让价 ¥${formatYuan(priceConcession)}`, `${ctx.userName}（${number}）：${body.reason}`);
    }
    return { number };
  });
}
