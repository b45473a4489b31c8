import type { Db, Executor, Tx } from '../../db/database.ts';
import { diff, historyOf, writeAudit } from '../../platform/audit/audit.ts';
import { notFound, staleVersion } from '../../platform/errors/app-error.ts';
import { actorOf, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { businessDate, isoNow } from '../../platform/time.ts';
import { collectionError } from './errors.ts';
import { collectedInWindows } from './receivables-door.ts';
import * as repo from './repo.ts';
import type { PlanCreateBody, PlanListQuery, PlanOut, PlanProgressStatus, PlanUpdateBody } from './schema.ts';

// Collection plans 回款计划: what a customer (or one of its orders) is to pay, in dated instalments.
// Progress is what the customer paid from the plan's start date up to the day asked about, set
// against the instalments oldest first; a plan is behind when that is less than the instalments
// whose date has passed (an instalment due on D may be paid on D), done when it covers them all.

type Line = { dueDate: string; amount: number };

/** The progress of a plan's lines given what was collected by `asAt` (pure; the rule above). */
export function planProgress(lines: Line[], collected: number, asAt: string, cancelled = false) {
  let cumulative = 0;
  let dueAmount = 0;
  const out = lines.map((l) => {
    const before = cumulative;
    cumulative += l.amount;
    if (l.dueDate < asAt) dueAmount += l.amount;
    const coveredAmount = Math.max(0, Math.min(l.amount, collected - before));
    const met = coveredAmount === l.amount;
    return { cumulativeAmount: cumulative, coveredAmount, met, overdue: !met && l.dueDate < asAt };
  });
  const total = cumulative;
  const progress: PlanProgressStatus = cancelled ? 'cancelled' : collected >= total ? 'done' : collected < dueAmount ? 'behind' : 'on_track';
  const progressPermille = total > 0 ? Math.min(1000, Math.floor((collected * 1000) / total)) : 0;
  return { lines: out, dueAmount, progress, progressPermille };
}

/** Plans with their progress as at `asAt`: what each customer paid from the plan's start, one query for all. */
export async function withProgress(db: Executor, ctx: RequestContext, plans: repo.PlanRow[], linesOf: (planId: number) => Line[], asAt: string) {
  const collected = await collectedInWindows(db, ctx.companyId, plans.map((plan) => ({ customerId: plan.customerId, from: plan.startDate, to: asAt })));
  return plans.map((plan, i) => {
    const collectedAmount = collected[i]!;
    const p = planProgress(linesOf(plan.id), collectedAmount, asAt, plan.status === 'cancelled');
    return { ...plan, asAt, collectedAmount, dueAmount: p.dueAmount, progress: p.progress, progressPermille: p.progressPermille, lines: p.lines };
  });
}

export async function planDetail(db: Executor, ctx: RequestContext, id: number, asAt = businessDate()): Promise<PlanOut> {
  const plan = await repo.planById(db, ctx, id);
  if (!plan) throw notFound();
  const lines = await repo.planLines(db, ctx.companyId, id);
  const [p] = await withProgress(db, ctx, [plan], () => lines, asAt);
  return { ...p, lines: lines.map((l, i) => ({ ...l, ...p.lines[i]! })) };
}

export async function getPlan(db: Db, ctx: RequestContext, id: number, asAt?: string) {
  requirePermission(ctx, 'collection.read');
  return planDetail(db, ctx, id, asAt);
}

/** A page of plans, each with its progress as at `asAt` (default today). */
export async function listPlans(db: Db, ctx: RequestContext, q: PlanListQuery, asAt = businessDate()) {
  requirePermission(ctx, 'collection.read');
  const { items, total } = await repo.listPlans(db, ctx, q);
  const lines = await repo.linesOfPlans(db, ctx.companyId, items.map((p) => p.id));
  const out = (await withProgress(db, ctx, items, (id) => lines.get(id) ?? [], asAt)).map(({ lines: _l, ...rest }) => rest);
  return { items: out, total, page: q.page, pageSize: q.pageSize };
}

export async function planHistory(db: Db, ctx: RequestContext, id: number) {
  requirePermission(ctx, 'collection.read');
  if (!(await repo.planById(db, ctx, id))) throw notFound();
  return historyOf(db, ctx.companyId, 'collection_plan', id);
}

async function writeLines(tx: Tx, companyId: number, planId: number, lines: PlanCreateBody['lines']) {
  await tx.deleteFrom('collectionPlanLines').where('companyId', '=', companyId).where('planId', '=', planId).execute();
  await tx
    .insertInto('collectionPlanLines')
    .values(lines.map((l, i) => ({ companyId, planId, lineNo: i + 1, dueDate: l.dueDate, amount: l.amount, method: l.method, note: l.note })))
    .execute();
}

const totals = (lines: PlanCreateBody['lines']) => ({ totalAmount: lines.reduce((s, l) => s + l.amount, 0), endDate: lines[lines.length - 1]!.dueDate });

function checkStart(body: { startDate: string; lines: PlanCreateBody['lines'] }) {
  if (body.startDate > body.lines[0]!.dueDate) {
    throw collectionError('PLAN_START_AFTER_FIRST', { date: body.lines[0]!.dueDate }, [{ path: 'startDate', message: '起算日期不能晚于第一期回款日期' }]);
  }
}

export async function createPlan(db: Db, ctx: RequestContext, body: PlanCreateBody) {
  requirePermission(ctx, 'collection.manage');
  checkStart(body);
  const id = await db.transaction().execute(async (tx) => {
    const customer = await repo.customerInScope(tx, ctx, body.customerId);
    if (!customer) throw notFound();
    if (body.orderId !== null) {
      const order = await repo.orderOfCustomer(tx, ctx.companyId, customer.id, body.orderId);
      if (!order) throw collectionError('PLAN_ORDER_UNKNOWN', {}, [{ path: 'orderId', message: '该客户没有这张订单' }]);
    }
    const now = isoNow();
    const row = await tx
      .insertInto('collectionPlans')
      .values({
        companyId: ctx.companyId, customerId: customer.id, orderId: body.orderId, title: body.title, startDate: body.startDate, ...totals(body.lines),
        status: 'active', notes: body.notes, createdBy: ctx.userId, createdAt: now, updatedAt: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeLines(tx, ctx.companyId, row.id, body.lines);
    await writeAudit(tx, actorOf(ctx), { action: 'collection_plan.create', entity: 'collection_plan', entityId: row.id, after: body });
    return row.id;
  });
  return planDetail(db, ctx, id);
}

export async function updatePlan(db: Db, ctx: RequestContext, id: number, body: PlanUpdateBody) {
  requirePermission(ctx, 'collection.manage');
  checkStart(body);
  await db.transaction().execute(async (tx) => {
    const plan = await repo.planById(tx, ctx, id);
    if (!plan) throw notFound();
    if (plan.status === 'cancelled') throw collectionError('PLAN_CANCELLED', { title: plan.title });
    if (plan.version !== body.version) throw staleVersion();
    const res = await tx
      .updateTable('collectionPlans')
      .set((eb) => ({ title: body.title, startDate: body.startDate, notes: body.notes, ...totals(body.lines), updatedAt: isoNow(), version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('companyId', '=', ctx.companyId)
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
    const oldLines = await repo.planLines(tx, ctx.companyId, id);
    await writeLines(tx, ctx.companyId, id, body.lines);
    const before = { title: plan.title, startDate: plan.startDate, notes: plan.notes, lines: oldLines.map(({ dueDate, amount, method, note }) => ({ dueDate, amount, method, note })) };
    const d = diff(before, { title: body.title, startDate: body.startDate, notes: body.notes, lines: body.lines });
    await writeAudit(tx, actorOf(ctx), { action: 'collection_plan.update', entity: 'collection_plan', entityId: id, before: d.before, after: d.after });
  });
  return planDetail(db, ctx, id);
}

/** 取消: the plan stays, marked cancelled with who, when and why; it no longer counts as behind. */
export async function cancelPlan(db: Db, ctx: RequestContext, id: number, body: { reason: string; version: number }) {
  requirePermission(ctx, 'collection.manage');
  await db.transaction().execute(async (tx) => {
    const plan = await repo.planById(tx, ctx, id);
    if (!plan) throw notFound();
    if (plan.status === 'cancelled') throw collectionError('PLAN_CANCELLED', { title: plan.title });
    const now = isoNow();
    const res = await tx
      .updateTable('collectionPlans')
      .set((eb) => ({ status: 'cancelled', cancelledAt: now, cancelledBy: ctx.userId, cancelReason: body.reason, updatedAt: now, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('companyId', '=', ctx.companyId)
      .where('status', '=', 'active')
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
    await writeAudit(tx, actorOf(ctx), { action: 'collection_plan.cancel', entity: 'collection_plan', entityId: id, before: { status: 'active' }, after: { status: 'cancelled', reason: body.reason } });
  });
  return planDetail(db, ctx, id);
}
