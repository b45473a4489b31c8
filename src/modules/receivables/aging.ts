import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { addDays } from '../../platform/time.ts';
import { daysBetween } from './due-dates.ts';

// The aging engine 账龄: what each customer owes as at a business date D, bucketed by age.
// An item's open amount as at D is its open amount now plus the moves dated after D (moves lower it
// by their amount). So one index-only scan sums the items that have not moved since D (their open
// amount now is their open amount then), and a second, small query takes the few items moved after D
// one by one. As at today the second query finds nothing.

export type AgingSetup = {
  asAt: string;
  basis: 'slip' | 'invoice';
  /** upper bounds of the buckets in days; one more bucket takes everything above the last */
  bounds: number[];
  /** age counted from the due date (overdue days; not yet due items apart) or from the document date */
  from: 'due' | 'document';
};

export type CustomerAging = {
  customerId: number;
  total: number;
  notDue: number;
  overdue: number;
  buckets: number[];
  oldestDueDate: string | null;
  oldestOverdueDate: string | null;
  maxDaysOverdue: number;
  /** the customer's owner now (only when asked for with `withOwner`; undefined otherwise) */
  ownerId?: number | null;
};

export const docTypeOf = (basis: 'slip' | 'invoice') => (basis === 'invoice' ? 'invoice' : 'sales_slip');

/** The bucket of one item as at D (-1: not yet due, when aging from the due date). */
export function bucketOf(setup: AgingSetup, dueDate: string, docDate: string): number {
  if (setup.from === 'due' && dueDate >= setup.asAt) return -1;
  const age = daysBetween(setup.from === 'due' ? dueDate : docDate, setup.asAt);
  const k = setup.bounds.findIndex((b) => age <= b);
  return k === -1 ? setup.bounds.length : k;
}

/** Days since 1970-01-01 of a business date (the items' `due_day`, `doc_day`, `move_day`). */
export const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / 86400_000);

const dates = new Map<number, string>();
/** The business date of a day number (a report turns a few hundred distinct days back into dates). */
export function dateOfDay(day: number): string {
  let d = dates.get(day);
  if (d === undefined) {
    d = new Date(day * 86400_000).toISOString().slice(0, 10);
    if (dates.size < 100_000) dates.set(day, d);
  }
  return d;
}

/**
 * Cumulative sums in SQL, one integer comparison each (cheaper per row than a range per bucket): S_k =
 * the open amount whose base day is on or after D − bound_k (age ≤ bound_k). Bucket k is then
 * S_k − S_(k−1), the first bucket S_0 less what is not yet due (aging from the due date), the last
 * the total less S_(n−1). FILTER rather than CASE: a row that fails the test skips the aggregate step.
 */
function cumulativeSums(setup: AgingSetup, day: number) {
  const base = sql.ref(setup.from === 'due' ? 'due_day' : 'doc_day');
  return setup.bounds.map((b, k) => sql<number>`sum(open_amount) filter (where ${base} >= ${day - b})`.as(`s${k}`));
}

export type AgingFilter = { customerIds?: number[]; where?: Expression<SqlBool>; withOwner?: boolean };

function emptyRow(customerId: number, n: number): CustomerAging {
  return { customerId, total: 0, notDue: 0, overdue: 0, buckets: new Array(n).fill(0), oldestDueDate: null, oldestOverdueDate: null, maxDaysOverdue: 0 };
}

const minDate = (a: string | null, b: string | null) => (a == null ? b : b == null ? a : a < b ? a : b);

/** Per customer with something open as at D: balance, not yet due, overdue, buckets, oldest due dates. */
export async function agingByCustomer(db: Executor, companyId: number, setup: AgingSetup, filter: AgingFilter = {}): Promise<Map<number, CustomerAging>> {
  const n = setup.bounds.length + 1;
  const docType = docTypeOf(setup.basis);
  if (filter.customerIds && filter.customerIds.length === 0) return new Map();
  const D = setup.asAt;
  const day = dayNumber(D);
  // one scan of the aging index; an item that moved after D is left to the second query. The oldest
  // open due date is the smallest due day of a positive item; the oldest overdue one is that same day
  // when it is before D (a positive item due before D is the oldest of them all), so one MIN does.
  let main = db
    .selectFrom('receivableItems')
    .where('companyId', '=', companyId)
    .where('docType', '=', docType)
    .where(sql<SqlBool>`open_amount <> 0`) // literal: the partial index's condition
    .where('docDay', '<=', day)
    .where('moveDay', '<=', day)
    .select([
      'customerId',
      sql<number>`sum(open_amount)`.as('total'),
      sql<number | null>`sum(open_amount) filter (where due_day >= ${day})`.as('notDue'),
      sql<number | null>`min(due_day) filter (where open_amount > 0)`.as('oldestDue'),
      ...cumulativeSums(setup, day),
    ])
    .groupBy('customerId');
  if (filter.customerIds) main = main.where('customerId', 'in', filter.customerIds);
  if (filter.where) main = main.where(filter.where);
  let moved = db
    .selectFrom('receivableItems as i')
    .where('i.companyId', '=', companyId)
    .where('i.docType', '=', docType)
    .where('i.lastMoveDate', '>', D)
    .where('i.docDate', '<=', D)
    .select(['i.customerId', 'i.dueDate', 'i.docDate', sql<number>`i.open_amount + coalesce((select sum(m.amount) from receivable_moves m where m.item_id = i.id and m.move_date > ${D}), 0)`.as('openAt')]);
  if (filter.customerIds) moved = moved.where('i.customerId', 'in', filter.customerIds);
  if (filter.where) moved = moved.where(filter.where);
  // the owner of each customer row joined to the sums (one key lookup per customer, not per item)
  const mainRows = filter.withOwner
    ? db.selectFrom(main.as('a')).innerJoin('customers as c', 'c.id', 'a.customerId').selectAll('a').select('c.ownerId').execute()
    : main.execute();
  const [rows, extra] = await Promise.all([mainRows, moved.execute()]);
  const out = new Map<number, CustomerAging>();
  const sumKeys = setup.bounds.map((_, k) => `s${k}`);
  const fromDue = setup.from === 'due';
  // one object per customer built in one go (95,000 customers at a million items: no spreads, no
  // intermediate arrays, no date parsing — the oldest due day is a number)
  for (const r of rows as (Record<string, number | null> & { customerId: number; ownerId?: number | null })[]) {
    const total = Number(r.total);
    const notDue = Number(r.notDue ?? 0);
    const buckets = new Array<number>(n);
    let prev = fromDue ? notDue : 0;
    for (let k = 0; k < sumKeys.length; k++) {
      const s = Number(r[sumKeys[k]!] ?? 0);
      buckets[k] = s - prev;
      prev = s;
    }
    buckets[n - 1] = total - prev; // at least one bound (settings)
    const oldest = r.oldestDue == null ? null : Number(r.oldestDue);
    const overdueSince = oldest != null && oldest < day ? oldest : null;
    const row: CustomerAging = {
      customerId: Number(r.customerId),
      total,
      notDue,
      overdue: total - notDue,
      buckets,
      oldestDueDate: oldest == null ? null : dateOfDay(oldest),
      oldestOverdueDate: overdueSince == null ? null : dateOfDay(overdueSince),
      maxDaysOverdue: overdueSince == null ? 0 : day - overdueSince,
    };
    if (filter.withOwner) row.ownerId = r.ownerId ?? null;
    if (total !== 0 || buckets.some((b) => b !== 0)) out.set(row.customerId, row);
  }
  // the items moved after D, one by one (none as at today)
  const touched = new Set<number>();
  for (const e of extra) {
    const openAt = Number(e.openAt);
    if (openAt === 0) continue;
    const row = out.get(Number(e.customerId)) ?? emptyRow(Number(e.customerId), n);
    out.set(row.customerId, row);
    touched.add(row.customerId);
    row.total += openAt;
    if (e.dueDate >= D) row.notDue += openAt;
    const k = bucketOf(setup, e.dueDate, e.docDate);
    if (k >= 0) row.buckets[k]! += openAt;
    if (openAt > 0) {
      row.oldestDueDate = minDate(row.oldestDueDate, e.dueDate);
      if (e.dueDate < D) row.oldestOverdueDate = minDate(row.oldestOverdueDate, e.dueDate);
    }
  }
  for (const id of touched) {
    const row = out.get(id)!;
    if (row.total === 0 && row.buckets.every((b) => b === 0)) {
      out.delete(id);
      continue;
    }
    row.overdue = row.total - row.notDue;
    row.maxDaysOverdue = row.oldestOverdueDate ? day - dayNumber(row.oldestOverdueDate) : 0;
  }
  return out;
}

export type OpenItemAt = { id: number; docType: string; docId: number; docNumber: string; docDate: string; paymentTerm: string; dueDate: string; amount: number; openAmount: number; daysOverdue: number; bucket: number };

/** One customer's items open as at D, oldest due first. */
export async function openItemsAt(db: Executor, companyId: number, customerId: number, setup: AgingSetup): Promise<OpenItemAt[]> {
  const D = setup.asAt;
  const rows = await db
    .selectFrom('receivableItems as i')
    .where('i.companyId', '=', companyId)
    .where('i.customerId', '=', customerId)
    .where('i.docType', '=', docTypeOf(setup.basis))
    .where('i.docDate', '<=', D)
    .where((eb) => eb.or([eb('i.settledDate', 'is', null), eb('i.settledDate', '>', D)]))
    .select(['i.id', 'i.docType', 'i.docId', 'i.docNumber', 'i.docDate', 'i.paymentTerm', 'i.dueDate', 'i.amount',
      sql<number>`i.open_amount + coalesce((select sum(m.amount) from receivable_moves m where m.item_id = i.id and m.move_date > ${D}), 0)`.as('openAt')])
    .orderBy('i.dueDate')
    .orderBy('i.id')
    .execute();
  return rows
    .map((r) => ({ id: r.id, docType: r.docType, docId: r.docId, docNumber: r.docNumber, docDate: r.docDate, paymentTerm: r.paymentTerm, dueDate: r.dueDate, amount: Number(r.amount), openAmount: Number(r.openAt), daysOverdue: Math.max(0, daysBetween(r.dueDate, D)), bucket: bucketOf(setup, r.dueDate, r.docDate) }))
    .filter((r) => r.openAmount !== 0);
}
