import { sql } from 'kysely';
import type { Tx } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { formatYuan } from '../../platform/money.ts';
import { actorOf, type RequestContext } from '../../platform/permissions/context.ts';
import { reserve } from '../inventory/service.ts';
import { orderError } from './errors.ts';
import { orderStatusLabels, type OrderStatus } from './labels.ts';
import { orderDocument } from './machine.ts';
import * as repo from './repo.ts';
import { loadOrder, lockOrder } from './shared.ts';
import { openStage } from './stages.ts';

// Orders → slips (spec.md): the slips module calls these inside its own transaction. The slip itself
// consumes the order's reservation through issueStock(…, reservation: { sourceType: 'sales_order',
// sourceLineId: orderLineId }); the order keeps its lines' shipped and reserved figures here.

const SOURCE = 'sales_order';
export type SalesOrderRow = repo.OrderRow;
export type SalesOrderLineRow = repo.OrderLineRow;

/**
 * The order a slip is issued from, with its lines (quantity, shippedQuantity, reservedQuantity …).
 * 404 outside the user's company or scope; 409 unless confirmed or partly shipped; 409
 * ORDER_REGIONAL_UNPAID for a 地州 order whose payment is not recorded in full; 409 ORDER_STAGES_OPEN
 * while a made-to-order stage is not done.
 */
export async function orderForSlip(tx: Tx, ctx: RequestContext, orderId: number): Promise<{ order: SalesOrderRow; lines: SalesOrderLineRow[] }> {
  const order = await loadOrder(tx, ctx, orderId);
  if (order.status !== 'confirmed' && order.status !== 'partially_shipped') {
    const s = orderStatusLabels[order.status as OrderStatus] ?? { zh: order.status, en: order.status };
    throw orderError('ORDER_NOT_SHIPPABLE', { number: order.number ?? '', status: s.zh, statusEn: s.en });
  }
  if (order.orderType === 'regional' && order.paymentReceived < order.totalAmount) {
    throw orderError('ORDER_REGIONAL_UNPAID', { total: formatYuan(order.totalAmount), received: formatYuan(order.paymentReceived), missing: formatYuan(order.totalAmount - order.paymentReceived) });
  }
  const stage = await openStage(tx, ctx.companyId, orderId);
  if (stage) throw orderError('ORDER_STAGES_OPEN', { number: order.number ?? '', stage });
  return { order, lines: await repo.linesOf(tx, orderId) };
}

/** Status from the lines' shipped figures: nothing shipped → confirmed, some → partially_shipped, all → shipped. */
async function statusFromLines(tx: Tx, orderId: number): Promise<OrderStatus> {
  const lines = await repo.linesOf(tx, orderId);
  const shipped = lines.reduce((s, l) => s + l.shippedQuantity, 0);
  if (shipped === 0) return 'confirmed';
  return lines.every((l) => l.shippedQuantity >= l.quantity) ? 'shipped' : 'partially_shipped';
}

/**
 * A slip went out: shipped += quantity per line (409 when more than ordered), the line's reserved
 * figure follows the reservation the slip consumed, status partially_shipped or shipped.
 */
export async function recordShipment(tx: Tx, ctx: RequestContext, orderId: number, lines: { orderLineId: number; quantity: number }[]): Promise<void> {
  const order = await lockOrder(tx, ctx, orderId); // one slip at a time per order
  orderDocument.next(order.status, 'shipPart');
  const rows = await repo.linesOf(tx, orderId);
  for (const l of lines) {
    const row = rows.find((r) => r.id === l.orderLineId);
    if (!row) throw orderError('ORDER_LINE_NOT_FOUND', { lineId: l.orderLineId });
    if (!(l.quantity > 0)) continue;
    const r = await tx
      .updateTable('salesOrderLines')
      .set({
        shippedQuantity: sql`shipped_quantity + ${l.quantity}`,
        reservedQuantity: sql`case when reserved_quantity > ${l.quantity} then reserved_quantity - ${l.quantity} else 0 end`,
      })
      .where('id', '=', row.id)
      .where(sql<boolean>`shipped_quantity + ${l.quantity} <= quantity`)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) {
      throw orderError('ORDER_OVER_SHIPPED', { line: row.lineNo, product: row.productName, ordered: row.quantity, shipped: row.shippedQuantity, quantity: l.quantity });
    }
  }
  const status = await statusFromLines(tx, orderId);
  await tx.updateTable('salesOrders').set({ status }).where('id', '=', orderId).execute();
  await writeAudit(tx, actorOf(ctx), { action: 'order.ship', entity: 'sales_order', entityId: orderId, before: { status: order.status }, after: { status, lines } });
}

/**
 * A slip of the order was voided: shipped −= quantity per line, the reservation restored for what the
 * order still needs (the goods are back in stock by then), status back to confirmed / partially_shipped.
 */
export async function reverseShipment(tx: Tx, ctx: RequestContext, orderId: number, lines: { orderLineId: number; quantity: number }[]): Promise<void> {
  const order = await lockOrder(tx, ctx, orderId);
  orderDocument.next(order.status === 'delivered' ? 'shipped' : order.status, 'unshipPart');
  const rows = await repo.linesOf(tx, orderId);
  const toReserve: { warehouseId: number; productId: number; quantity: number; sourceType: string; sourceId: number; sourceLineId: number }[] = [];
  for (const l of lines) {
    const row = rows.find((r) => r.id === l.orderLineId);
    if (!row) throw orderError('ORDER_LINE_NOT_FOUND', { lineId: l.orderLineId });
    if (!(l.quantity > 0)) continue;
    if (l.quantity > row.shippedQuantity) throw orderError('ORDER_UNSHIP_TOO_MANY', { line: row.lineNo, quantity: l.quantity, shipped: row.shippedQuantity });
    await tx.updateTable('salesOrderLines').set({ shippedQuantity: sql`shipped_quantity - ${l.quantity}` }).where('id', '=', row.id).execute();
    const stillNeeded = row.quantity - (row.shippedQuantity - l.quantity) - row.reservedQuantity;
    const back = Math.min(l.quantity, stillNeeded);
    if (back > 0) toReserve.push({ warehouseId: order.warehouseId, productId: row.productId, quantity: back, sourceType: SOURCE, sourceId: orderId, sourceLineId: row.id });
  }
  if (toReserve.length) {
    const got = await reserve(tx, ctx.companyId, toReserve, { partial: true });
    for (const g of got) {
      if (g.reserved > 0) await tx.updateTable('salesOrderLines').set({ reservedQuantity: sql`reserved_quantity + ${g.reserved}` }).where('id', '=', g.sourceLineId).execute();
    }
  }
  const status = await statusFromLines(tx, orderId);
  await tx.updateTable('salesOrders').set({ status, deliveredAt: null }).where('id', '=', orderId).execute();
  await writeAudit(tx, actorOf(ctx), { action: 'order.unship', entity: 'sales_order', entityId: orderId, before: { status: order.status }, after: { status, lines } });
}
