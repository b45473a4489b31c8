import { sql, type SqlBool } from 'kysely';
import type { Db, Executor } from '../../db/database.ts';
import { notFound } from '../../platform/errors/app-error.ts';
import type { XlsxColumn } from '../../platform/excel/index.ts';
import { requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { businessDate } from '../../platform/time.ts';
import { readSettings } from '../admin/service.ts';
import { agingByCustomer, openItemsAt, type AgingSetup, type CustomerAging } from './aging.ts';
import * as repo from './repo.ts';
import type { AgingExportQuery, AgingGroup, AgingQuery, AgingRow, BucketOut, OpenItemsQuery } from './schema.ts';

/** The company's aging setup as at a date (default today). */
export async function setupOf(db: Executor, companyId: number, asAt?: string): Promise<AgingSetup> {
  const r = (await readSettings(db, companyId)).settings.receivables;
  return { asAt: asAt ?? businessDate(), basis: r.basis, bounds: r.agingBuckets, from: r.agingFrom };
}

/** Bucket headings: 1–30天 … 365天以上 from the due date (0–30天 … from the document date). */
export function bucketsOf(setup: AgingSetup): BucketOut[] {
  const first = setup.from === 'due' ? 1 : 0;
  const out: BucketOut[] = setup.bounds.map((b, k) => {
    const lo = k === 0 ? first : setup.bounds[k - 1]! + 1;
    return { key: k, label: `${lo}–${b}天`, labelEn: `${lo}–${b} days`, fromDays: lo, toDays: b };
  });
  const last = setup.bounds[setup.bounds.length - 1]!;
  out.push({ key: setup.bounds.length, label: `${last}天以上`, labelEn: `over ${last} days`, fromDays: last + 1, toDays: null });
  return out;
}

type Figures = Omit<AgingRow, 'id' | 'name' | 'code' | 'ownerName'>;

const zero = (n: number): Figures => ({ customerCount: 0, total: 0, notDue: 0, overdue: 0, buckets: new Array(n).fill(0), maxDaysOverdue: 0, oldestDueDate: null });

function addInto(acc: Figures, r: CustomerAging | Figures) {
  acc.customerCount += 'customerCount' in r ? r.customerCount : 1;
  acc.total += r.total;
  acc.notDue += r.notDue;
  acc.overdue += r.overdue;
  for (let k = 0; k < r.buckets.length; k++) acc.buckets[k]! += r.buckets[k]!;
  acc.maxDaysOverdue = Math.max(acc.maxDaysOverdue, r.maxDaysOverdue);
  if (r.oldestDueDate && (!acc.oldestDueDate || r.oldestDueDate < acc.oldestDueDate)) acc.oldestDueDate = r.oldestDueDate;
}

/** Every row of a report (before paging): per customer, per rep (the customer's owner now) or per department (rolled up the tree). */
async function reportRows(db: Db, ctx: RequestContext, q: AgingExportQuery, limit?: number) {
  const setup = await setupOf(db, ctx.companyId, q.asAt);
  const n = setup.bounds.length + 1;
  // scope, owner and name filters go into the aging queries (customers by subquery); the rest on the sums
  const where = [repo.customerScopeFilter(ctx), q.ownerId ? repo.customerOwnedBy(ctx.companyId, q.ownerId) : undefined, q.q ? repo.customerNamed(ctx.companyId, q.q) : undefined].filter((w) => w !== undefined);
  const byCustomer = await agingByCustomer(db, ctx.companyId, setup, { where: where.length ? sql<SqlBool>`${sql.join(where, sql` and `)}` : undefined, withOwner: q.by !== 'customer' });
  const customers = [...byCustomer.values()].filter((r) => {
    if (q.overdueOnly === '1' && r.overdue <= 0) return false;
    if (q.bucket !== undefined && amountIn(r, q.bucket) === 0) return false;
    return true;
  });
  const totals = zero(n);
  for (const r of customers) addInto(totals, r);
  const { members, departments } = await repo.membersAndDepartments(db, ctx.companyId);
  if (q.by === 'customer') {
    const toRow = (r: CustomerAging): AgingRow => ({ id: r.customerId, name: '', code: null, ownerName: null, customerCount: 1, total: r.total, notDue: r.notDue, overdue: r.overdue, buckets: r.buckets, maxDaysOverdue: r.maxDaysOverdue, oldestDueDate: r.oldestDueDate });
    // names only where they are needed: for a name sort, every row; otherwise the rows shown (named later)
    if (q.sort === 'name') {
      const rows = customers.map(toRow);
      await nameRows(db, ctx.companyId, rows, members);
      return { setup, totals, rows: sortRows(rows, q, (r) => r.id ?? 0), count: rows.length, members };
    }
    // a page of 95,000 customers: only the rows up to the page are ordered and made report rows
    return { setup, totals, rows: sortRows(customers, q, (r) => r.customerId, limit).map(toRow), count: customers.length, members };
  }
  // owners came with the sums; customers known only from items moved after the date are looked up
  const owners = await repo.ownersOf(db, ctx.companyId, customers.filter((r) => r.ownerId === undefined).map((r) => r.customerId));
  for (const r of customers) if (r.ownerId !== undefined) owners.set(r.customerId, r.ownerId);
  const byRep = new Map<number | null, Figures>();
  for (const r of customers) {
    const owner = owners.get(r.customerId) ?? null;
    const acc = byRep.get(owner) ?? zero(n);
    byRep.set(owner, acc);
    addInto(acc, r);
  }
  const rows = q.by === 'rep' ? repRows(byRep, members) : departmentRows(byRep, members, departments, n);
  return { setup, totals, rows: sortRows(rows, q, (r) => r.id ?? 0), count: rows.length, members };
}

/** Fills in the customers' names, codes and owners of report rows (customer rows without a name yet). */
async function nameRows(db: Db, companyId: number, rows: AgingRow[], members: Map<number, repo.MemberInfo>) {
  const todo = rows.filter((r) => r.name === '' && r.id != null);
  const info = await repo.customersInfo(db, companyId, todo.map((r) => r.id!));
  for (const r of todo) {
    const c = info.get(r.id!);
    r.name = c?.name ?? `#${r.id}`;
    r.code = c?.code ?? null;
    r.ownerName = c?.ownerId ? (members.get(c.ownerId)?.name ?? null) : null;
  }
  return rows;
}

function repRows(byRep: Map<number | null, Figures>, members: Map<number, repo.MemberInfo>): AgingRow[] {
  return [...byRep].map(([userId, f]) => ({ id: userId, name: userId == null ? '（无归属：公海客户）' : (members.get(userId)?.name ?? `#${userId}`), code: null, ownerName: null, ...f }));
}

/** A department's figures include every department below it (paths nest: /1/ ⊃ /1/4/). */
function departmentRows(byRep: Map<number | null, Figures>, members: Map<number, repo.MemberInfo>, departments: repo.DepartmentInfo[], n: number): AgingRow[] {
  const pathOf = new Map(departments.map((d) => [d.id, d.path]));
  const rows: AgingRow[] = [];
  const none = zero(n);
  const repPaths: { path: string | null; f: Figures }[] = [...byRep].map(([userId, f]) => {
    const dept = userId == null ? null : (members.get(userId)?.departmentId ?? null);
    return { path: dept == null ? null : (pathOf.get(dept) ?? null), f };
  });
  for (const d of departments) {
    const acc = zero(n);
    for (const r of repPaths) if (r.path?.startsWith(d.path)) addInto(acc, r.f);
    if (acc.customerCount > 0) rows.push({ id: d.id, name: d.name, code: d.path, ownerName: null, ...acc });
  }
  for (const r of repPaths) if (r.path == null) addInto(none, r.f);
  if (none.customerCount > 0) rows.push({ id: null, name: '（未分配部门）', code: null, ownerName: null, ...none });
  return rows;
}

/** What a row holds in one bucket (-1: not yet due). */
const amountIn = (r: { notDue: number; buckets: number[] }, bucket: number) => (bucket === -1 ? r.notDue : (r.buckets[bucket] ?? 0));

type Sortable = { total: number; notDue: number; overdue: number; maxDaysOverdue: number; buckets: number[]; name?: string };

/**
 * Rows in the report's order (ties by id), all of them or, given a limit, the first `limit` only: a
 * bounded insertion keeps the best rows seen (page 1 of 95,000 customers: no full sort).
 */
function sortRows<T extends Sortable>(rows: T[], q: { sort?: AgingQuery['sort']; order: AgingQuery['order']; bucket?: number }, idOf: (r: T) => number, limit?: number): T[] {
  const dir = q.order === 'asc' ? 1 : -1;
  const key = q.sort ?? (q.bucket !== undefined ? 'bucket' : 'total');
  if (key === 'name') return rows.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'zh-CN') * dir || idOf(a) - idOf(b));
  // numbers: the sort key of each row read once
  const keys = new Float64Array(rows.length);
  const ids = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    keys[i] = key === 'bucket' ? amountIn(r, q.bucket!) : r[key];
    ids[i] = idOf(r);
  }
  const cmp = (a: number, b: number) => (keys[a]! - keys[b]!) * dir || ids[a]! - ids[b]!;
  if (limit !== undefined && limit < rows.length / 4) {
    const best: number[] = [];
    for (let i = 0; i < rows.length; i++) {
      if (best.length === limit && cmp(i, best[limit - 1]!) >= 0) continue;
      let lo = 0;
      let hi = best.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cmp(best[mid]!, i) <= 0) lo = mid + 1;
        else hi = mid;
      }
      best.splice(lo, 0, i);
      if (best.length > limit) best.pop();
    }
    return best.map((i) => rows[i]!);
  }
  const order = Array.from({ length: rows.length }, (_, i) => i).sort(cmp);
  return order.map((i) => rows[i]!);
}

/** 应收账款 / 账龄分析: the page of rows, the bucket headings and the totals of everything in scope. */
export async function agingReport(db: Db, ctx: RequestContext, q: AgingQuery) {
  requirePermission(ctx, 'receivable.read');
  const { setup, totals, rows, count, members } = await reportRows(db, ctx, q, q.page * q.pageSize);
  const items = rows.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  if (q.by === 'customer') await nameRows(db, ctx.companyId, items, members);
  return {
    asAt: setup.asAt,
    basis: setup.basis,
    agingFrom: setup.from,
    by: q.by,
    buckets: bucketsOf(setup),
    totals,
    items,
    total: count,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** Drill-down: a customer's documents open as at the date (optionally one bucket's), 404 outside scope. */
export async function customerItems(db: Db, ctx: RequestContext, customerId: number, q: OpenItemsQuery) {
  requirePermission(ctx, 'receivable.read');
  const c = await repo.visibleCustomer(db, ctx, customerId);
  if (!c) throw notFound();
  const setup = await setupOf(db, ctx.companyId, q.asAt);
  const all = await openItemsAt(db, ctx.companyId, customerId, setup);
  const summary = zero(setup.bounds.length + 1);
  const agg = (await agingByCustomer(db, ctx.companyId, setup, { customerIds: [customerId] })).get(customerId);
  if (agg) addInto(summary, agg);
  const { customerCount: _n, ...figures } = summary;
  return {
    asAt: setup.asAt,
    basis: setup.basis,
    agingFrom: setup.from,
    customer: { id: c.id, name: c.name, code: c.code, ownerName: c.ownerName ?? null },
    buckets: bucketsOf(setup),
    summary: figures,
    items: (q.bucket === undefined ? all : all.filter((i) => i.bucket === q.bucket)).map((i) => ({ ...i, docType: i.docType as 'sales_slip' | 'invoice' })),
  };
}

/** The export: every row of the report as on screen (no paging), buckets as columns. */
export async function agingExport(db: Db, ctx: RequestContext, q: AgingExportQuery) {
  requirePermission(ctx, 'receivable.export');
  const { setup, rows, totals, members } = await reportRows(db, ctx, q);
  if (q.by === 'customer') await nameRows(db, ctx.companyId, rows, members);
  const buckets = bucketsOf(setup);
  const head = q.by === 'customer' ? '客户' : q.by === 'rep' ? '业务员' : '部门';
  const columns: XlsxColumn[] = [
    { header: head, key: 'name', width: 28 },
    ...(q.by === 'customer' ? [{ header: '客户编码', key: 'code', width: 14 }, { header: '业务员', key: 'ownerName', width: 12 }] : [{ header: '客户数', key: 'customerCount', width: 8, format: 'integer' as const }]),
    { header: '应收余额', key: 'total', width: 14, format: 'fen' },
    { header: '未到期', key: 'notDue', width: 14, format: 'fen' },
    { header: '已逾期', key: 'overdue', width: 14, format: 'fen' },
    ...buckets.map((b) => ({ header: b.label, key: `b${b.key}`, width: 14, format: 'fen' as const })),
    { header: '最长逾期天数', key: 'maxDaysOverdue', width: 12, format: 'integer' },
    { header: '最早到期日', key: 'oldestDueDate', width: 12 },
  ];
  const flat = (r: Omit<AgingRow, 'id'>) => ({ ...r, ...Object.fromEntries(r.buckets.map((b, k) => [`b${k}`, b])) });
  const out = rows.map(flat);
  out.push(flat({ name: '合计', code: null, ownerName: null, ...totals }));
  const by = q.by === 'customer' ? '客户' : q.by === 'rep' ? '业务员' : '部门';
  return { fileName: `账龄分析-${by}-${setup.asAt.replace(/-/g, '')}.xlsx`, columns, rows: out };
}
