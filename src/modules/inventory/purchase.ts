import type { Db, Tx } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { defineDocument, voidFields } from '../../platform/documents/status.ts';
import { notFound, staleVersion, validationFailed } from '../../platform/errors/app-error.ts';
import { nextNumber } from '../../platform/numbering/numbering.ts';
import { actorOf, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { businessDate, isoNow } from '../../platform/time.ts';
import { notify } from '../notifications/service.ts';
import * as pr from './purchase-repo.ts';
import * as repo from './repo.ts';
import { purchaseStatusLabels, type PurchaseListQuery, type PurchaseRequestBody } from './schema.ts';

// Alerts 库存预警, replenishment suggestions 补货建议 and purchase requests 请购单 (QG-…): raised by a
// user from a suggestion, or by an order that cannot be filled (raisePurchaseRequest, for the orders
// module, inside its transaction). open 待采购 → ordered 已下单 → closed 已关闭; void with a reason.

export const purchaseRequestDocument = defineDocument<'open' | 'ordered' | 'closed', 'order' | 'close'>({
  labels: { ...purchaseStatusLabels, discarded: { zh: '已丢弃', en: 'Discarded' } },
  transitions: {
    order: { from: ['open'], to: 'ordered', label: { zh: '标记已下单', en: 'mark as ordered' } },
    close: { from: ['open', 'ordered'], to: 'closed', label: { zh: '关闭', en: 'close' } },
  },
  voidableFrom: ['open', 'ordered'],
});

export async function lowStockAlerts(db: Db, ctx: RequestContext, q: { warehouseId?: number; q?: string; page: number; pageSize: number }) {
  requirePermission(ctx, 'stock.read');
  const { items, total } = await pr.lowStock(db, ctx.companyId, q);
  return { items, total, page: q.page, pageSize: q.pageSize };
}

export async function replenishmentSuggestions(db: Db, ctx: RequestContext, q: { warehouseId?: number; q?: string; page: number; pageSize: number }) {
  requirePermission(ctx, 'stock.read');
  const { items, total } = await pr.replenishment(db, ctx.companyId, q);
  return { items, total, page: q.page, pageSize: q.pageSize };
}

export async function listPurchaseRequests(db: Db, ctx: RequestContext, q: PurchaseListQuery) {
  requirePermission(ctx, 'stock.read');
  const { items, total } = await pr.listRequests(db, ctx.companyId, q);
  return { items, total, page: q.page, pageSize: q.pageSize };
}

export async function getPurchaseRequest(db: Db, ctx: RequestContext, id: number) {
  requirePermission(ctx, 'stock.read');
  const row = await pr.requestById(db, ctx.companyId, id);
  if (!row) throw notFound();
  return row;
}

export type RaisePurchaseRequest = {
  productId: number;
  warehouseId: number;
  quantity: number;
  /** 'sales_order' (an order that cannot be filled), 'replenishment', 'manual' */
  sourceType: string;
  sourceId?: number | null;
  reason?: string | null;
};

/**
 * Raises a purchase request 请购单 inside the caller's transaction and tells the warehouse's keeper.
 * The door for other modules (an order that cannot be filled raises one for the buyer): the caller
 * has checked its own permission; product and warehouse must be the company's (else 400 with the
 * field). Returns the new request's id and number.
 */
export async function raisePurchaseRequest(tx: Tx, ctx: RequestContext, r: RaisePurchaseRequest): Promise<{ id: number; number: string }> {
  if (!Number.isSafeInteger(r.quantity) || r.quantity <= 0) throw validationFailed([{ path: 'quantity', message: '请购数量须为正整数' }]);
  const [product] = await repo.productsByIds(tx, ctx.companyId, [r.productId]);
  if (!product) throw validationFailed([{ path: 'productId', message: '商品不存在' }]);
  const [warehouse] = await repo.activeWarehouses(tx, ctx.companyId, [r.warehouseId]);
  if (!warehouse) throw validationFailed([{ path: 'warehouseId', message: '仓库不存在或已停用' }]);
  const number = await nextNumber(tx, ctx.companyId, 'purchase_request', businessDate());
  const now = isoNow();
  const row = await tx
    .insertInto('purchaseRequests')
    .values({
      companyId: ctx.companyId, number, status: 'open', productId: r.productId, warehouseId: r.warehouseId, quantity: r.quantity,
      sourceType: r.sourceType, sourceId: r.sourceId ?? null, reason: r.reason ?? null, createdBy: ctx.userId, createdAt: now, updatedAt: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeAudit(tx, actorOf(ctx), { action: 'purchase_request.create', entity: 'purchase_request', entityId: row.id, after: { number, ...r } });
  if (warehouse.keeperId && warehouse.keeperId !== ctx.userId) {
    await notify(tx, {
      companyId: ctx.companyId,
      userId: warehouse.keeperId,
      kind: 'purchase_request.raised',
      title: `请购单 ${number}：${product.name} ${r.quantity}${product.unit}`,
      body: `${ctx.userName} 为${warehouse.name}请购「${product.name}」${r.quantity}${product.unit}${r.reason ? `，原因：${r.reason}` : ''}。`,
      entity: 'purchase_request',
      entityId: row.id,
    });
  }
  return { id: row.id, number };
}

export async function createPurchaseRequest(db: Db, ctx: RequestContext, body: PurchaseRequestBody) {
  requirePermission(ctx, 'purchase.request');
  const { id } = await db.transaction().execute((tx) => raisePurchaseRequest(tx, ctx, { ...body, sourceId: null }));
  return getPurchaseRequest(db, ctx, id);
}

async function move(db: Db, ctx: RequestContext, id: number, version: number, action: 'order' | 'close' | 'void', reason?: string) {
  requirePermission(ctx, 'purchase.request');
  await db.transaction().execute(async (tx) => {
    const row = await pr.requestById(tx, ctx.companyId, id);
    if (!row) throw notFound();
    let set: Record<string, unknown>;
    if (action === 'void') {
      purchaseRequestDocument.assertVoidable(row.status);
      set = voidFields(actorOf(ctx), reason);
    } else set = { status: purchaseRequestDocument.next(row.status, action) };
    if (row.version !== version) throw staleVersion();
    const res = await tx
      .updateTable('purchaseRequests')
      .set({ ...set, updatedAt: isoNow(), version: version + 1 })
      .where('id', '=', id).where('companyId', '=', ctx.companyId).where('version', '=', version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
    await writeAudit(tx, actorOf(ctx), { action: `purchase_request.${action}`, entity: 'purchase_request', entityId: id, before: { status: row.status }, after: set });
  });
  return getPurchaseRequest(db, ctx, id);
}

export const markPurchaseOrdered = (db: Db, ctx: RequestContext, id: number, version: number) => move(db, ctx, id, version, 'order');
export const closePurchaseRequest = (db: Db, ctx: RequestContext, id: number, version: number) => move(db, ctx, id, version, 'close');
export const voidPurchaseRequest = (db: Db, ctx: RequestContext, id: number, body: { reason: string; version: number }) => move(db, ctx, id, body.version, 'void', body.reason);
