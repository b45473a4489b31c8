import type { Db, Tx } from '../../db/database.ts';
import { diff, writeAudit } from '../../platform/audit/audit.ts';
import { notFound, platformError, staleVersion } from '../../platform/errors/app-error.ts';
import { actorOf, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { isoNow } from '../../platform/time.ts';
import { inventoryError } from './errors.ts';
import * as repo from './repo.ts';
import type { StockLimitsBody, WarehouseBody, WarehouseListQuery, WarehouseUpdateBody } from './schema.ts';
import { listLevels } from './query-repo.ts';
import { businessDate } from '../../platform/time.ts';

// Warehouses 仓库: code, name, address, keeper; company-wide master records, edited with a version.

export async function listWarehouses(db: Db, ctx: RequestContext, q: WarehouseListQuery) {
  requirePermission(ctx, 'stock.read');
  const { items, total } = await repo.listWarehouses(db, ctx.companyId, q);
  return { items, total, page: q.page, pageSize: q.pageSize };
}

export async function getWarehouse(db: Db, ctx: RequestContext, id: number) {
  requirePermission(ctx, 'stock.read');
  const w = await repo.warehouseById(db, ctx.companyId, id);
  if (!w) throw notFound();
  return w;
}

async function checkFields(tx: Tx, ctx: RequestContext, body: WarehouseBody, exceptId?: number) {
  if (await repo.warehouseCodeTaken(tx, ctx.companyId, body.code, exceptId)) {
    throw platformError('CODE_TAKEN', { code: body.code }, [{ path: 'code', message: `编码「${body.code}」已被使用` }]);
  }
  if (body.keeperId != null && !(await repo.isActiveMember(tx, ctx.companyId, body.keeperId))) {
    throw inventoryError('KEEPER_INVALID', {}, [{ path: 'keeperId', message: '仓管员须为本账套的在职用户' }]);
  }
}

/**
 * A warehouse's own safety and target stock of a product (a branch holds less than the central
 * warehouse); null falls back to the product's figures. Alerts, the daily notice to the keeper and
 * replenishment use the warehouse's figures. Audited; returns the stock row as the stock list shows it.
 */
export async function setStockLimits(db: Db, ctx: RequestContext, body: StockLimitsBody) {
  requirePermission(ctx, 'warehouse.manage');
  await db.transaction().execute(async (tx) => {
    if (!(await repo.warehouseById(tx, ctx.companyId, body.warehouseId))) throw notFound();
    if (!(await repo.productsByIds(tx, ctx.companyId, [body.productId])).length) throw notFound();
    const before = await repo.setStockLimits(tx, ctx.companyId, body, isoNow());
    await writeAudit(tx, actorOf(ctx), {
      action: 'stock.limits', entity: 'warehouse', entityId: body.warehouseId,
      before: { productId: body.productId, ...before }, after: { productId: body.productId, safetyStock: body.safetyStock, targetStock: body.targetStock },
    });
  });
  const { items } = await listLevels(db, ctx.companyId, { warehouseId: body.warehouseId, productId: body.productId, sort: 'productCode', order: 'asc', page: 1, pageSize: 1 }, businessDate());
  return items[0]!;
}

const fieldsOf = (b: WarehouseBody) => ({ code: b.code, name: b.name, address: b.address, keeperId: b.keeperId, active: b.active ? 1 : 0 });

export async function createWarehouse(db: Db, ctx: RequestContext, body: WarehouseBody) {
  requirePermission(ctx, 'warehouse.manage');
  const id = await db.transaction().execute(async (tx) => {
    await checkFields(tx, ctx, body);
    const now = isoNow();
    const row = await tx
      .insertInto('warehouses')
      .values({ companyId: ctx.companyId, ...fieldsOf(body), createdAt: now, updatedAt: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(tx, actorOf(ctx), { action: 'warehouse.create', entity: 'warehouse', entityId: row.id, after: fieldsOf(body) });
    return row.id;
  });
  return getWarehouse(db, ctx, id);
}

export async function updateWarehouse(db: Db, ctx: RequestContext, id: number, body: WarehouseUpdateBody) {
  requirePermission(ctx, 'warehouse.manage');
  await db.transaction().execute(async (tx) => {
    const before = await repo.warehouseById(tx, ctx.companyId, id);
    if (!before) throw notFound();
    if (before.version !== body.version) throw staleVersion();
    await checkFields(tx, ctx, body, id);
    const fields = fieldsOf(body);
    const res = await tx
      .updateTable('warehouses')
      .set({ ...fields, updatedAt: isoNow(), version: body.version + 1 })
      .where('id', '=', id)
      .where('companyId', '=', ctx.companyId)
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
    await writeAudit(tx, actorOf(ctx), { action: 'warehouse.update', entity: 'warehouse', entityId: id, ...diff({ ...before, active: before.active ? 1 : 0 } as Record<string, unknown>, fields) });
  });
  return getWarehouse(db, ctx, id);
}
