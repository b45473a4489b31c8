import type { Db } from '../../db/database.ts';
import { businessDate } from '../../platform/time.ts';
import { readSettings } from '../admin/service.ts';
import { notify } from '../notifications/service.ts';
import * as pr from './purchase-repo.ts';
import * as q from './query-repo.ts';

/**
 * The keepers' daily stock notice (the bell): for each active warehouse with a keeper, how many
 * products are below their safety stock and how many batches expire within the company's alert
 * days. Once per warehouse and business day (a run that finds today's notice sends nothing), and
 * nothing when there is nothing to report.
 */
export async function notifyStockAlerts(db: Db, now: Date = new Date()): Promise<string> {
  const today = businessDate(now);
  const dayStart = new Date(Date.parse(`${today}T00:00:00+08:00`)).toISOString();
  const warehouses = await db
    .selectFrom('warehouses')
    .select(['id', 'companyId', 'name', 'keeperId'])
    .where('active', '=', 1)
    .where('keeperId', 'is not', null)
    .orderBy('id')
    .limit(10_000)
    .execute();
  const daysOf = new Map<number, number>();
  let sent = 0;
  for (const w of warehouses) {
    const keeperId = w.keeperId!;
    const seen = await db
      .selectFrom('notifications')
      .select('id')
      .where('userId', '=', keeperId).where('companyId', '=', w.companyId).where('kind', '=', 'stock.alert')
      .where('entity', '=', 'warehouse').where('entityId', '=', w.id).where('createdAt', '>=', dayStart)
      .executeTakeFirst();
    if (seen) continue;
    if (!daysOf.has(w.companyId)) daysOf.set(w.companyId, (await readSettings(db, w.companyId)).settings.stock.expiryAlertDays);
    const days = daysOf.get(w.companyId)!;
    const low = (await pr.lowStock(db, w.companyId, { warehouseId: w.id, page: 1, pageSize: 1 })).total;
    const expiring = (await q.listBatches(db, w.companyId, { warehouseId: w.id, expiringDays: days, sort: 'expiryDate', order: 'asc', page: 1, pageSize: 1 }, today)).total;
    if (!low && !expiring) continue;
    const parts = [low ? `${low} 种商品低于安全库存` : null, expiring ? `${expiring} 个批次 ${days} 天内到期（含已过期）` : null].filter(Boolean);
    await notify(db, {
      companyId: w.companyId,
      userId: keeperId,
      kind: 'stock.alert',
      title: `${w.name}库存预警：${parts.join('，')}`,
      body: `请到「库存预警」查看并安排补货或处理临期批次（${today}）。`,
      entity: 'warehouse',
      entityId: w.id,
    });
    sent++;
  }
  return `stock alerts sent ${sent}`;
}
