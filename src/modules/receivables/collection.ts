import type { Db, Executor } from '../../db/database.ts';
import { requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { docTypeOf } from './aging.ts';
import { setupOf } from './report.ts';
import * as repo from './repo.ts';
import type { CollectionRateQuery, CollectionRateRow } from './schema.ts';

// 回款率 for a period [from, to] (see docs/decisions.md, "Issue 5 — receivables"):
//   应收 due       = Σ over the documents due by `to` (and dated by then) of what was still open at the
//                    start of `from` — their amount less allocations before `from` (net of reversals
//                    before it) and less red-letter invoices dated by `to`;
//   实收 collected = Σ over the same documents of the allocations dated within the period, net of the
//                    reversals dated within it;
//   回款率 = collected ÷ due (none when nothing was due). Money paid early on documents due after `to`
//   counts in the period they fall due in, not this one.

export type CollectionFigures = { due: number; collected: number; rateBp: number | null };

const rateOf = (due: number, collected: number) => (due > 0 ? Math.round((collected * 10000) / due) : null);

/** Per rep (the customers' owner now; null: no owner), for the performance module: due, collected, rate. */
export async function collectionByRep(db: Executor, companyId: number, from: string, to: string): Promise<Map<number | null, CollectionFigures>> {
  const setup = await setupOf(db, companyId);
  return groupByRep(db, companyId, await repo.collectionFigures(db, companyId, docTypeOf(setup.basis), from, to));
}

async function groupByRep(db: Executor, companyId: number, rows: { customerId: number; due: number; collected: number }[]) {
  const owners = await repo.ownersOf(db, companyId, rows.map((r) => r.customerId));
  const out = new Map<number | null, CollectionFigures>();
  for (const r of rows) {
    const owner = owners.get(r.customerId) ?? null;
    const acc = out.get(owner) ?? { due: 0, collected: 0, rateBp: null };
    acc.due += r.due;
    acc.collected += r.collected;
    out.set(owner, acc);
  }
  for (const f of out.values()) f.rateBp = rateOf(f.due, f.collected);
  return out;
}

/** 回款率 page: per rep or per department (rolled up the tree), in the caller's scope. */
export async function collectionRate(db: Db, ctx: RequestContext, q: CollectionRateQuery) {
  requirePermission(ctx, 'receivable.read');
  const setup = await setupOf(db, ctx.companyId);
  const rows = await repo.collectionFigures(db, ctx.companyId, docTypeOf(setup.basis), q.from, q.to, repo.customerScopeFilter(ctx));
  const byRep = await groupByRep(db, ctx.companyId, rows);
  const { members, departments } = await repo.membersAndDepartments(db, ctx.companyId);
  const totalDue = rows.reduce((n, r) => n + r.due, 0);
  const totalCollected = rows.reduce((n, r) => n + r.collected, 0);
  const row = (id: number | null, name: string, due: number, collected: number): CollectionRateRow => ({ id, name, due, collected, rateBp: rateOf(due, collected) });
  let items: CollectionRateRow[];
  if (q.by === 'rep') {
    items = [...byRep].map(([userId, f]) => row(userId, userId == null ? '（无归属：公海客户）' : (members.get(userId)?.name ?? `#${userId}`), f.due, f.collected));
    items.sort((a, b) => b.due - a.due || (a.id ?? 0) - (b.id ?? 0));
  } else {
    const pathOf = new Map(departments.map((d) => [d.id, d.path]));
    const reps = [...byRep].map(([userId, f]) => {
      const dept = userId == null ? null : (members.get(userId)?.departmentId ?? null);
      return { path: dept == null ? null : (pathOf.get(dept) ?? null), f };
    });
    items = [];
    for (const d of departments) {
      const mine = reps.filter((r) => r.path?.startsWith(d.path));
      if (mine.length) items.push(row(d.id, d.name, mine.reduce((n, r) => n + r.f.due, 0), mine.reduce((n, r) => n + r.f.collected, 0)));
    }
    const none = reps.filter((r) => r.path == null);
    if (none.length) items.push(row(null, '（未分配部门）', none.reduce((n, r) => n + r.f.due, 0), none.reduce((n, r) => n + r.f.collected, 0)));
  }
  return { from: q.from, to: q.to, by: q.by, totals: row(null, '合计', totalDue, totalCollected), items };
}
