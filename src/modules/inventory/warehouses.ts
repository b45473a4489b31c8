import type { Db, Tx } from '../../db/database.ts';
import { diff, writeAudit } from '../../platform/audit/audit.ts';
import { notFound, platformError, staleVersion } from '../../platform/errors/app-error.ts';
import { actorOf, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { isoNow } from '../../platform/time.ts';
import { inventoryError } from './errors.ts';
import * as repo from './repo.ts';
import type { WarehouseBody, WarehouseListQuery, WarehouseUpdateBody } from './schema.ts';

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
