import type { Db } from '../../db/database.ts';
import { notFound } from '../../platform/errors/app-error.ts';
import { requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { businessDate, isoNow } from '../../platform/time.ts';
import { settingsFor } from '../admin/service.ts';
import * as q from './query-repo.ts';
import type { AtDateQuery, BatchListQuery, BatchPickQuery, BatchPickOut, CheckOut, LedgerQuery, StockListQuery } from './schema.ts';

// Stock queries 库存查询: on hand / reserved / available per warehouse × product and per batch, on
// hand at a date from the ledger, a product's ledger, and the check of the stock tables against it.

export async function listStock(db: Db, ctx: RequestContext, query: StockListQuery) {
  requirePermission(ctx, 'stock.read');
  const { items, total } = await q.listLevels(db, ctx.companyId, query, businessDate());
  return { items, total, page: query.page, pageSize: query.pageSize };
}

export async function listBatches(db: Db, ctx: RequestContext, query: BatchListQuery) {
  requirePermission(ctx, 'stock.read');
  const { items, total } = await q.listBatches(db, ctx.companyId, query, businessDate());
  return { items, total, page: query.page, pageSize: query.pageSize };
}

/** The batches a keeper picks from on an outbound, transfer or count line: a product's in one warehouse, with stock. */
export async function batchesToPick(db: Db, ctx: RequestContext, query: BatchPickQuery): Promise<BatchPickOut> {
  requirePermission(ctx, 'stock.read');
  const r = await q.batchesToPick(db, ctx.companyId, query.warehouseId, query.productId, businessDate());
  if (!r) throw notFound();
  return r;
}

/** 临期批次: batches expiring within `days` (the company's setting when not given). */
export async function expiringBatches(db: Db, ctx: RequestContext, query: { warehouseId?: number; q?: string; days?: number; page: number; pageSize: number }) {
  requirePermission(ctx, 'stock.read');
  const days = query.days ?? (await settingsFor(db, ctx)).settings.stock.expiryAlertDays;
  const { items, total } = await q.listBatches(db, ctx.companyId, { warehouseId: query.warehouseId, q: query.q, expiringDays: days, sort: 'expiryDate', order: 'asc', page: query.page, pageSize: query.pageSize }, businessDate());
  return { items, total, page: query.page, pageSize: query.pageSize, days };
}

export async function stockAtDate(db: Db, ctx: RequestContext, query: AtDateQuery) {
  requirePermission(ctx, 'stock.read');
  const { items, total } = await q.onHandAtDate(db, ctx.companyId, query);
  return { items, total, page: query.page, pageSize: query.pageSize };
}

export async function productLedger(db: Db, ctx: RequestContext, query: LedgerQuery) {
  requirePermission(ctx, 'stock.read');
  const product = await q.productBrief(db, ctx.companyId, query.productId);
  if (!product) throw notFound();
  const r = await q.ledgerPage(db, ctx.companyId, query);
  return { ...r, product, page: query.page, pageSize: query.pageSize };
}

/** 库存与台账核对: the stock tables against the ledger (and batches, reservations); lists every difference. */
export async function checkStock(db: Db, ctx: RequestContext): Promise<CheckOut> {
  requirePermission(ctx, 'stock.read');
  const r = await q.stockDifferences(db, ctx.companyId);
  return { checkedAt: isoNow(), ...r, ok: r.differences.length === 0 };
}
