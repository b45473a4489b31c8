import type { Db } from '../../db/database.ts';
import { requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { ownerInScope } from '../../platform/permissions/scope.ts';
import { businessDate } from '../../platform/time.ts';
import { settingsFor } from '../admin/service.ts';
import { suggestedLevel } from './dunning.ts';
import { customerPositions } from './receivables-door.ts';
import type { DunningMethod, WorklistQuery } from './schema.ts';

// 待催收 worklist: the customers in the caller's scope with an overdue balance as at a date, most
// overdue first, each with the action its level suggests, its last dunning action, its nearest open
// promise and how many promises it broke. Positions come from the receivables door for the whole
// company (one aggregate); the scope is applied by the customers the caller may see.

export async function worklist(db: Db, ctx: RequestContext, q: WorklistQuery) {
  requirePermission(ctx, 'collection.read');
  const asAt = q.asAt ?? businessDate();
  const positions = await customerPositions(db, ctx.companyId, { asAt });
  let rows = [...positions].filter(([, p]) => p.overdue > 0);
  if (ctx.dataScope !== 'company') {
    const visible = await db.selectFrom('customers').select('id').where('companyId', '=', ctx.companyId).where(ownerInScope(ctx, 'customers.owner_id')).execute();
    const ids = new Set(visible.map((c) => c.id));
    rows = rows.filter(([id]) => ids.has(id));
  }
  const key = q.sort;
  const dir = q.order === 'asc' ? -1 : 1;
  rows.sort(([ia, a], [ib, b]) => dir * (b[key] - a[key]) || b.overdue - a.overdue || ia - ib);
  const pageRows = rows.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  const ids = pageRows.map(([id]) => id);
  if (!ids.length) return { items: [], total: rows.length, page: q.page, pageSize: q.pageSize, asAt };

  const levels = (await settingsFor(db, ctx)).settings.collections.dunningLevels;
  const customers = await db
    .selectFrom('customers')
    .leftJoin('users as owner', 'owner.id', 'customers.ownerId')
    .where('customers.companyId', '=', ctx.companyId)
    .where('customers.id', 'in', ids)
    .select(['customers.id', 'customers.name', 'owner.displayName as ownerName'])
    .execute();
  const actions = await db
    .selectFrom('dunningActions')
    .where('companyId', '=', ctx.companyId)
    .where('customerId', 'in', ids)
    .select(['customerId', 'actionDate', 'method', 'promiseStatus', 'promisedDate', 'promisedAmount', 'id'])
    .orderBy('actionDate')
    .orderBy('id')
    .execute();
  const byId = new Map(customers.map((c) => [c.id, c]));
  const items = pageRows.map(([customerId, p]) => {
    const mine = actions.filter((a) => a.customerId === customerId);
    const last = mine.at(-1);
    const open = mine.filter((a) => a.promiseStatus === 'open').sort((a, b) => (a.promisedDate! < b.promisedDate! ? -1 : 1))[0];
    return {
      customerId, customerName: byId.get(customerId)?.name ?? `#${customerId}`, ownerName: byId.get(customerId)?.ownerName ?? null, ...p,
      suggestedMethod: suggestedLevel(levels, p.maxDaysOverdue)?.method ?? null,
      lastActionDate: last?.actionDate ?? null, lastMethod: (last?.method as DunningMethod | undefined) ?? null,
      openPromiseDate: open?.promisedDate ?? null, openPromiseAmount: open?.promisedAmount ?? null,
      brokenPromises: mine.filter((a) => a.promiseStatus === 'broken').length,
    };
  });
  return { items, total: rows.length, page: q.page, pageSize: q.pageSize, asAt };
}
