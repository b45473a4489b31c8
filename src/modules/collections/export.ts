import type { Db } from '../../db/database.ts';
import type { XlsxColumn } from '../../platform/excel/index.ts';
import { requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { businessDate } from '../../platform/time.ts';
import { settingsFor } from '../admin/service.ts';
import { suggestedLevel } from './dunning.ts';
import { withProgress } from './plans.ts';
import { customerPositions } from './receivables-door.ts';
import * as repo from './repo.ts';
import { dunningMethodLabels, planProgressLabels, promiseStatusLabels, type DunningExportQuery, type PlanExportQuery } from './schema.ts';

// Excel exports of the two lists, "as filtered, streamed": the same filters and data scope as
// GET /api/collection-plans and GET /api/dunning-actions, read a chunk at a time in the list's
// order, so a large export holds one chunk in memory. Labels are the Chinese ones of the list pages.

const CHUNK = 200;
const stamp = (date: string) => date.replace(/-/g, '');

export const planExportColumns: XlsxColumn[] = [
  { header: '计划名称', key: 'title', width: 24 },
  { header: '客户', key: 'customerName', width: 28 },
  { header: '业务员', key: 'ownerName', width: 12 },
  { header: '订单号', key: 'orderNumber', width: 20 },
  { header: '起算日期', key: 'startDate', width: 12, format: 'date' },
  { header: '结束日期', key: 'endDate', width: 12, format: 'date' },
  { header: '计划总额（元）', key: 'totalAmount', width: 14, format: 'fen' },
  { header: '已回款（元）', key: 'collectedAmount', width: 14, format: 'fen' },
  { header: '回款进度（%）', key: 'progressPermille', width: 12, format: 'permille' },
  { header: '应回未回（元）', key: 'shortAmount', width: 14, format: 'fen' },
  { header: '下期回款日期', key: 'nextDueDate', width: 12, format: 'date' },
  { header: '下期应回金额（元）', key: 'nextDueAmount', width: 16, format: 'fen' },
  { header: '进度状态', key: 'progress', width: 10 },
  { header: '计划状态', key: 'status', width: 10 },
  { header: '备注', key: 'notes', width: 30 },
];

/** The plans of the filtered list (all pages), each with its progress as at `asAt` (default today). */
export async function planExport(db: Db, ctx: RequestContext, q: PlanExportQuery) {
  requirePermission(ctx, 'collection.read');
  const asAt = q.asAt ?? businessDate();
  const filter = { ...q, page: 1, pageSize: CHUNK };
  const first = await repo.listPlans(db, ctx, filter);
  async function* rows() {
    let page = first;
    for (let n = 1; ; n += 1) {
      const lines = await repo.linesOfPlans(db, ctx.companyId, page.items.map((p) => p.id));
      const progress = await withProgress(db, ctx, page.items, (id) => lines.get(id) ?? [], asAt);
      for (const [i, plan] of page.items.entries()) {
        const own = lines.get(plan.id) ?? [];
        const p = progress[i]!;
        const nextIdx = plan.status === 'active' ? p.lines.findIndex((l) => !l.met) : -1;
        const next = nextIdx >= 0 ? { date: own[nextIdx]!.dueDate, amount: own[nextIdx]!.amount - p.lines[nextIdx]!.coveredAmount } : null;
        yield {
          title: p.title, customerName: p.customerName, ownerName: p.ownerName, orderNumber: p.orderNumber,
          startDate: p.startDate, endDate: p.endDate, totalAmount: p.totalAmount, collectedAmount: p.collectedAmount,
          progressPermille: p.progressPermille,
          shortAmount: plan.status === 'active' ? Math.max(0, p.dueAmount - p.collectedAmount) : null,
          nextDueDate: next?.date ?? null, nextDueAmount: next?.amount ?? null,
          progress: planProgressLabels[p.progress].zh, status: plan.status === 'cancelled' ? '已取消' : '进行中', notes: p.notes,
        };
      }
      if (page.items.length < CHUNK) return;
      page = await repo.listPlans(db, ctx, { ...filter, page: n + 1 });
      if (!page.items.length) return;
    }
  }
  return { fileName: `回款计划-${stamp(asAt)}.xlsx`, columns: planExportColumns, totalRows: first.total, rows: rows() };
}

export const dunningExportColumns: XlsxColumn[] = [
  { header: '催收日期', key: 'actionDate', width: 12, format: 'date' },
  { header: '客户', key: 'customerName', width: 28 },
  { header: '业务员', key: 'ownerName', width: 12 },
  { header: '催收方式', key: 'method', width: 10 },
  { header: '联系人', key: 'contactName', width: 12 },
  { header: '催收结果', key: 'result', width: 40 },
  { header: '承诺还款日期', key: 'promisedDate', width: 12, format: 'date' },
  { header: '承诺还款金额（元）', key: 'promisedAmount', width: 16, format: 'fen' },
  { header: '承诺状态', key: 'promiseStatus', width: 10 },
  { header: '承诺期内已回款（元）', key: 'promiseCollected', width: 16, format: 'fen' },
  { header: '催收人', key: 'performedByName', width: 12 },
  { header: '当时逾期金额（元）', key: 'overdueAmount', width: 16, format: 'fen' },
  { header: '当时逾期天数', key: 'daysOverdue', width: 12, format: 'integer' },
  { header: '建议下一步', key: 'nextAction', width: 12 },
];

/**
 * The dunning actions of the filtered list (all pages). 建议下一步 is the action the company's dunning
 * levels suggest for the customer today (by its most overdue days now), blank when nothing is overdue.
 */
export async function dunningExport(db: Db, ctx: RequestContext, q: DunningExportQuery) {
  requirePermission(ctx, 'collection.read');
  const today = businessDate();
  const filter = { ...q, page: 1, pageSize: CHUNK };
  const first = await repo.listDunning(db, ctx, filter);
  const levels = (await settingsFor(db, ctx)).settings.collections.dunningLevels;
  async function* rows() {
    let page = first;
    for (let n = 1; ; n += 1) {
      const customerIds = [...new Set(page.items.map((r) => r.customerId))];
      const positions = customerIds.length ? await customerPositions(db, ctx.companyId, { customerIds, asAt: today }) : new Map();
      for (const r of page.items) {
        const pos = positions.get(r.customerId);
        const level = pos && pos.overdue > 0 ? suggestedLevel(levels, pos.maxDaysOverdue) : null;
        yield {
          actionDate: r.actionDate, customerName: r.customerName, ownerName: r.ownerName, method: dunningMethodLabels[r.method].zh,
          contactName: r.contactName, result: r.result, promisedDate: r.promisedDate, promisedAmount: r.promisedAmount,
          promiseStatus: promiseStatusLabels[r.promiseStatus].zh, promiseCollected: r.promiseCollected, performedByName: r.performedByName,
          overdueAmount: r.overdueAmount, daysOverdue: r.daysOverdue, nextAction: level ? dunningMethodLabels[level.method].zh : null,
        };
      }
      if (page.items.length < CHUNK) return;
      page = await repo.listDunning(db, ctx, { ...filter, page: n + 1 });
      if (!page.items.length) return;
    }
  }
  return { fileName: `催收记录-${stamp(today)}.xlsx`, columns: dunningExportColumns, totalRows: first.total, rows: rows() };
}
