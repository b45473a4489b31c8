import type { Db } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { notFound } from '../../platform/errors/app-error.ts';
import { actorOf, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { businessDate, isoNow } from '../../platform/time.ts';
import { settingsFor } from '../admin/service.ts';
import { collectionError } from './errors.ts';
import { listPlans } from './plans.ts';
import { customerPositions } from './receivables-door.ts';
import * as repo from './repo.ts';
import type { DunningCreateBody, DunningListQuery, DunningMethod } from './schema.ts';

// Dunning 催收: each call, message, visit, lawyer's letter or lawsuit is logged once — date, who,
// whom they reached, the result and any promise (amount by a date) — and never edited. The
// customer's position (overdue amount, days overdue) when the action was logged is kept with it.
// The action suggested next follows the company's dunning levels by the customer's most overdue days.

export type DunningLevel = { fromDays: number; method: DunningMethod };

/** The level whose fromDays is the highest at or below `daysOverdue` (none when nothing is overdue). */
export function suggestedLevel(levels: DunningLevel[], daysOverdue: number): DunningLevel | null {
  let pick: DunningLevel | null = null;
  for (const l of levels) if (daysOverdue >= l.fromDays && (!pick || l.fromDays > pick.fromDays)) pick = l;
  return pick;
}

export async function logDunning(db: Db, ctx: RequestContext, body: DunningCreateBody) {
  requirePermission(ctx, 'collection.dun');
  const today = businessDate();
  if (body.actionDate > today) throw collectionError('DUNNING_FUTURE_DATE', {}, [{ path: 'actionDate', message: '催收日期不能晚于今天' }]);
  const id = await db.transaction().execute(async (tx) => {
    const customer = await repo.customerInScope(tx, ctx, body.customerId);
    if (!customer) throw notFound();
    const performedBy = body.performedBy ?? ctx.userId;
    if (!(await repo.activeMember(tx, ctx.companyId, performedBy))) {
      throw collectionError('DUNNING_PERFORMER_INVALID', {}, [{ path: 'performedBy', message: '催收人必须是本账套在职的成员' }]);
    }
    const pos = (await customerPositions(tx, ctx.companyId, { customerIds: [customer.id], asAt: body.actionDate })).get(customer.id);
    const row = await tx
      .insertInto('dunningActions')
      .values({
        companyId: ctx.companyId, customerId: customer.id, actionDate: body.actionDate, method: body.method, performedBy, contactName: body.contactName,
        result: body.result, promisedAmount: body.promisedAmount, promisedDate: body.promisedDate, promiseStatus: body.promisedDate ? 'open' : 'none',
        overdueAmount: pos?.overdue ?? 0, daysOverdue: pos?.maxDaysOverdue ?? 0, createdBy: ctx.userId, createdAt: isoNow(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(tx, actorOf(ctx), { action: 'dunning.log', entity: 'customer', entityId: customer.id, after: { dunningActionId: row.id, ...body, performedBy } });
    return row.id;
  });
  return (await repo.dunningById(db, ctx, id))!;
}

export async function getDunning(db: Db, ctx: RequestContext, id: number) {
  requirePermission(ctx, 'collection.read');
  const row = await repo.dunningById(db, ctx, id);
  if (!row) throw notFound();
  return row;
}

/** Dunning actions in scope; `promiseStatus=broken` is the broken-promises list (newest promised date first). */
export async function listDunning(db: Db, ctx: RequestContext, q: DunningListQuery) {
  requirePermission(ctx, 'collection.read');
  const { items, total } = await repo.listDunning(db, ctx, q);
  return { items, total, page: q.page, pageSize: q.pageSize };
}

/** A customer's 催收 tab: what it owes and how overdue, the action suggested next, the last action, open promises, plans. */
export async function customerCollection(db: Db, ctx: RequestContext, customerId: number) {
  requirePermission(ctx, 'collection.read');
  const customer = await repo.customerInScope(db, ctx, customerId);
  if (!customer) throw notFound();
  const asAt = businessDate();
  const pos = (await customerPositions(db, ctx.companyId, { customerIds: [customerId], asAt })).get(customerId) ?? { balance: 0, overdue: 0, maxDaysOverdue: 0, oldestDueDate: null };
  const { settings } = await settingsFor(db, ctx);
  const level = pos.overdue > 0 ? suggestedLevel(settings.collections.dunningLevels, pos.maxDaysOverdue) : null;
  const plans = await listPlans(db, ctx, { customerId, page: 1, pageSize: 20 });
  return {
    customerId, customerName: customer.name, ownerName: customer.ownerName, asAt, ...pos,
    suggestedMethod: level?.method ?? null, suggestedFromDays: level?.fromDays ?? null,
    lastAction: await repo.lastActionOf(db, ctx, customerId),
    openPromises: await repo.openPromisesOf(db, ctx, customerId),
    brokenPromises: await repo.countBroken(db, ctx.companyId, customerId),
    plans: plans.items,
  };
}
