import type { Db, Executor, Tx } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { actorOf, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { isoNow } from '../../platform/time.ts';
import type { CompanySettings } from '../admin/schema.ts';
import { orderError } from './errors.ts';
import { orderStatusLabels, type OrderStatus, type OrderType } from './labels.ts';
import type { OrderStageOut } from './schema.ts';
import { loadOrder, lockOrder, notifyPeople } from './shared.ts';

// Made-to-order stages 生产阶段 (MISSION.md §4, seed 004 印刷开单): design draft → customer review →
// production preparation → production → quality check → packing, as the company sets them per order
// type (settings.orders.stages). They start when the order is confirmed, are done one after another
// (who, when, a note), the last one done can be sent back with a reason (a draft the customer
// rejects, a batch failing the check), and no slip goes out while one is open.

const STAGE_STATUSES: readonly OrderStatus[] = ['confirmed'];

/** The stages an order of this type goes through (the company's settings). */
export const stagesFor = (settings: CompanySettings, orderType: string): readonly string[] => settings.orders.stages[orderType as OrderType] ?? [];

/** Called when an order is confirmed: its stages as pending rows (copied, so later settings do not rewrite it). */
export async function startStages(tx: Tx, companyId: number, orderId: number, names: readonly string[]): Promise<void> {
  if (!names.length) return;
  await tx.insertInto('salesOrderStages').values(names.map((name, i) => ({ companyId, orderId, seq: i + 1, name, status: 'pending', doneBy: null, doneAt: null, note: null }))).execute();
}

type StageRow = { id: number; seq: number; name: string; status: string; doneBy: number | null; doneByName: string | null; doneAt: string | null; note: string | null };

async function stageRows(db: Executor, companyId: number, orderId: number): Promise<StageRow[]> {
  return db
    .selectFrom('salesOrderStages as s')
    .leftJoin('users as u', 'u.id', 's.doneBy')
    .select(['s.id', 's.seq', 's.name', 's.status', 's.doneBy', 'u.displayName as doneByName', 's.doneAt', 's.note'])
    .where('s.companyId', '=', companyId)
    .where('s.orderId', '=', orderId)
    .orderBy('s.seq')
    .execute();
}

const stageOut = (r: StageRow): OrderStageOut => ({ seq: r.seq, name: r.name, status: r.status as OrderStageOut['status'], doneBy: r.doneBy, doneByName: r.doneByName, doneAt: r.doneAt, note: r.note });

/** The first stage not done yet (null: none, or all done): a slip waits for it. */
export async function openStage(db: Executor, companyId: number, orderId: number): Promise<string | null> {
  const row = await db
    .selectFrom('salesOrderStages')
    .select('name')
    .where('companyId', '=', companyId)
    .where('orderId', '=', orderId)
    .where('status', '=', 'pending')
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
  return row?.name ?? null;
}

/** The stage each of these orders waits at (orders with none open are absent): for a list page. */
export async function openStagesOf(db: Executor, companyId: number, orderIds: readonly number[]): Promise<Map<number, string>> {
  const open = new Map<number, string>();
  if (!orderIds.length) return open;
  const rows = await db
    .selectFrom('salesOrderStages')
    .select(['orderId', 'name'])
    .where('companyId', '=', companyId)
    .where('orderId', 'in', [...orderIds])
    .where('status', '=', 'pending')
    .orderBy('orderId')
    .orderBy('seq', 'desc')
    .execute();
  for (const r of rows) open.set(r.orderId, r.name); // the lowest seq of each order comes last
  return open;
}

export async function orderStages(db: Db, ctx: RequestContext, orderId: number): Promise<OrderStageOut[]> {
  requirePermission(ctx, 'order.read');
  await loadOrder(db, ctx, orderId);
  return (await stageRows(db, ctx.companyId, orderId)).map(stageOut);
}

/** The order, locked, in a state whose stages may still move. */
async function lockedForStages(tx: Tx, ctx: RequestContext, orderId: number) {
  const order = await lockOrder(tx, ctx, orderId);
  if (!STAGE_STATUSES.includes(order.status as OrderStatus)) {
    const s = orderStatusLabels[order.status as OrderStatus] ?? { zh: order.status, en: order.status };
    throw orderError('ORDER_STAGE_CLOSED', { status: s.zh, statusEn: s.en });
  }
  return order;
}

/** Marks the current stage done (only the current one: stages go in order). */
export async function completeStage(db: Db, ctx: RequestContext, orderId: number, seq: number, body: { note: string | null }): Promise<OrderStageOut[]> {
  requirePermission(ctx, 'order.stage');
  return db.transaction().execute(async (tx) => {
    const order = await lockedForStages(tx, ctx, orderId);
    const rows = await stageRows(tx, ctx.companyId, orderId);
    const current = rows.find((r) => r.status === 'pending');
    if (!current) throw orderError('ORDER_STAGES_DONE');
    if (current.seq !== seq) throw orderError('ORDER_STAGE_NOT_CURRENT', { current: current.name });
    const now = isoNow();
    await tx.updateTable('salesOrderStages').set({ status: 'done', doneBy: ctx.userId, doneAt: now, note: body.note }).where('id', '=', current.id).execute();
    await writeAudit(tx, actorOf(ctx), { action: 'order.stage_done', entity: 'sales_order', entityId: orderId, before: { stage: current.name, doneBy: null }, after: { stage: current.name, doneBy: ctx.userName, doneAt: now }, note: body.note });
    const last = current.seq === rows[rows.length - 1]!.seq;
    const who = { id: orderId, number: order.number, customerName: order.customerName };
    if (last) await notifyPeople(tx, ctx, [order.ownerId, order.createdBy], who, 'order.stages_done', `订单 ${order.number} 生产阶段已全部完成`, `${ctx.userName} 完成了「${current.name}」，可以开单发货`);
    return (await stageRows(tx, ctx.companyId, orderId)).map(stageOut);
  });
}

/** Sends the last stage done back to pending, with the reason (a rejected draft, a failed check). */
export async function returnStage(db: Db, ctx: RequestContext, orderId: number, seq: number, body: { reason: string }): Promise<OrderStageOut[]> {
  requirePermission(ctx, 'order.stage');
  return db.transaction().execute(async (tx) => {
    const order = await lockedForStages(tx, ctx, orderId);
    const rows = await stageRows(tx, ctx.companyId, orderId);
    const done = rows.filter((r) => r.status === 'done');
    const last = done[done.length - 1];
    if (!last) throw orderError('ORDER_STAGE_NONE_DONE');
    if (last.seq !== seq) throw orderError('ORDER_STAGE_NOT_RETURNABLE', { last: last.name });
    await tx.updateTable('salesOrderStages').set({ status: 'pending', doneBy: null, doneAt: null, note: null }).where('id', '=', last.id).execute();
    await writeAudit(tx, actorOf(ctx), {
      action: 'order.stage_return', entity: 'sales_order', entityId: orderId,
      before: { stage: last.name, doneBy: last.doneByName, doneAt: last.doneAt }, after: { stage: last.name, doneBy: null, doneAt: null }, note: body.reason,
    });
    if (last.doneBy != null) await notifyPeople(tx, ctx, [last.doneBy], { id: orderId, number: order.number, customerName: order.customerName }, 'order.stage_returned', `订单 ${order.number}「${last.name}」被退回`, `${ctx.userName}：${body.reason}`);
    return (await stageRows(tx, ctx.companyId, orderId)).map(stageOut);
  });
}
