import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { cell, columnOf, readNumbers, readParallelism, type NumberTable } from '../../db/parallel-reads.ts';
import { addDays } from '../../platform/time.ts';
import { daysBetween } from './due-dates.ts';

// The aging engine 账龄: what each customer owes as at a business date D, bucketed by age.
// An item's open amount as at D is its open amount now plus the moves dated after D (moves lower it
// by their amount). So one index-only scan sums per customer the items that have not moved since D
// (their open amount now is their open amount then), and a second query sums per customer the items
// moved after D at their open amount then; the two are added up. As at today the second finds nothing
// and is not run. Dates are compared as day numbers (`due_day`, `doc_day`, `move_day`: integers kept
// from the text dates by the database), cheaper per row than text at a million items.

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
 * The figures of a group of items as at D, in SQL, one integer comparison each: the total, what is not
 * yet due, the oldest due day of a positive item, and cumulative sums S_k = the open amount whose base
 * day is on or after D − bound_k (age ≤ bound_k; cheaper per row than a range per bucket). Bucket k is
 * then S_k − S_(k−1), the first bucket S_0 less what is not yet due (aging from the due date), the last
 * the total less S_(n−1). FILTER rather than CASE: a row that fails the test skips the aggregate step.
 * The oldest overdue due day is the oldest due day when it is before D (a positive item due before D is
 * the oldest of them all), so one MIN does for both.
 */
function figures(setup: AgingSetup, day: number, amount: 'open_amount' | 'open_at', allPositive = false) {
  const a = sql.ref(amount);
  const base = sql.ref(setup.from === 'due' ? 'due_day' : 'doc_day');
  return sql.join([
    sql`sum(${a}) as ${sql.id('total')}`,
    sql`sum(${a}) filter (where due_day >= ${day}) as ${sql.id('notDue')}`,
    allPositive ? sql`min(due_day) as ${sql.id('oldestDue')}` : sql`min(due_day) filter (where ${a} > 0) as ${sql.id('oldestDue')}`,
    ...setup.bounds.map((b, k) => sql`sum(${a}) filter (where ${base} >= ${day - b}) as ${sql.id(`s${k}`)}`),
  ]);
}

export type AgingFilter = { customerIds?: number[]; where?: Expression<SqlBool>; withOwner?: boolean };

/** Per customer with something open as at D: balance, not yet due, overdue, buckets, oldest due dates. */
export async function agingByCustomer(db: Executor, companyId: number, setup: AgingSetup, filter: AgingFilter = {}): Promise<Map<number, CustomerAging>> {
  const n = setup.bounds.length + 1;
  const docType = docTypeOf(setup.basis);
  if (filter.customerIds && filter.customerIds.length === 0) return new Map();
  const D = setup.asAt;
  const day = dayNumber(D);
  const only = sql.join([
    filter.customerIds ? sql`and customer_id in (${sql.join(filter.customerIds)})` : sql``,
    filter.where ? sql`and ${filter.where}` : sql``,
  ], sql` `);
  // Nothing dated or moved after D (as at today, the common case): the scan needs no test per item.
  // No item owing a negative amount (only a red-letter invoice above what is left makes one): the
  // oldest due day of a positive item is the oldest due day, without a test per item.
  // The customers with open items span ids lo..hi: the scan is cut into ranges read side by side.
  const latest = (await sql<{ doc: number | null; moved: number | null; negative: number | null; lo: number | null; hi: number | null }>`select
    (select max(doc_day) from receivable_items where company_id = ${companyId} and doc_type = ${docType}) as doc,
    (select max(move_day) from receivable_items where company_id = ${companyId} and doc_type = ${docType}) as moved,
    (select 1 from receivable_items where company_id = ${companyId} and doc_type = ${docType} and open_amount < 0 limit 1) as negative,
    (select min(customer_id) from receivable_items where company_id = ${companyId} and doc_type = ${docType} and open_amount <> 0) as lo,
    (select max(customer_id) from receivable_items where company_id = ${companyId} and doc_type = ${docType} and open_amount <> 0) as hi`.execute(db.withoutPlugins())).rows[0];
  const anyMoved = Number(latest?.moved ?? 0) > day;
  // One scan of the aging index sums the items not moved since D: their open amount now is their open
  // amount then. The items moved after D are summed by a second query, each at its open amount then
  // (now + the moves after D), and the two added up per customer.
  const main = (range: RawBuilder<unknown> | undefined) => {
    const sums = sql`select customer_id as ${sql.id('customerId')}, ${figures(setup, day, 'open_amount', latest?.negative == null)}
      from receivable_items
      where company_id = ${companyId} and doc_type = ${docType} and open_amount <> 0 ${range ?? sql``}
        ${Number(latest?.doc ?? 0) > day ? sql`and doc_day <= ${day}` : sql``} ${anyMoved ? sql`and move_day <= ${day}` : sql``} ${only}
      group by customer_id`;
    // the owner of each customer row joined to the sums (one key lookup per customer, not per item)
    return filter.withOwner ? sql`select a.*, c.owner_id as ${sql.id('ownerId')} from (${sums}) a join customers c on c.id = a.${sql.id('customerId')}` : sums;
  };
  // materialized: each moved item's open amount then is worked out once (a subquery flattened into the
  // sums ran the moves lookup once per aggregate), by the moved-items index rather than in customer order
  const moved = sql`with x as materialized (
      select customer_id, due_day, doc_day, open_amount + coalesce((select sum(m.amount) from receivable_moves m where m.item_id = i.id and m.move_date > ${D}), 0) as open_at
      from receivable_items i
      where i.company_id = ${companyId} and i.doc_type = ${docType} and i.move_day > ${day} and i.doc_day <= ${day} ${only})
    select customer_id as ${sql.id('customerId')}, ${figures(setup, day, 'open_at')} from x group by customer_id`;
  // the moved items first, then the ranges of the main scan: one more range than readers when there
  // are moved items, so that the readers finish together (a few named customers: one range)
  const parts = filter.customerIds ? 1 : readParallelism(db) + (anyMoved ? 1 : 0);
  const ranges = customerRanges(Number(latest?.lo ?? 0), Number(latest?.hi ?? 0), parts);
  const tables = await readNumbers(db, [...(anyMoved ? [moved] : []), ...ranges.map(main)]);
  const movedTable = anyMoved ? tables.shift()! : undefined;

  const out = new Map<number, CustomerAging>();
  const fromDue = setup.from === 'due';
  // one object per customer built in one go (95,000 customers at a million items: no spreads, no
  // intermediate arrays, no date parsing — the oldest due day is a number)
  const put = (sums: Sums, m: Sums | undefined) => {
    const total = sums.total + (m?.total ?? 0);
    const notDue = sums.notDue + (m?.notDue ?? 0);
    const buckets = new Array<number>(n);
    let prev = fromDue ? notDue : 0;
    for (let k = 0; k < n - 1; k++) {
      const s = sums.s[k]! + (m?.s[k] ?? 0);
      buckets[k] = s - prev;
      prev = s;
    }
    buckets[n - 1] = total - prev; // at least one bound (settings)
    let oldest = sums.oldestDue;
    if (m?.oldestDue != null && (oldest == null || m.oldestDue < oldest)) oldest = m.oldestDue;
    const overdueSince = oldest != null && oldest < day ? oldest : null;
    const row: CustomerAging = {
      customerId: sums.customerId,
      total,
      notDue,
      overdue: total - notDue,
      buckets,
      oldestDueDate: oldest == null ? null : dateOfDay(oldest),
      oldestOverdueDate: overdueSince == null ? null : dateOfDay(overdueSince),
      maxDaysOverdue: overdueSince == null ? 0 : day - overdueSince,
    };
    if (sums.ownerId !== undefined) row.ownerId = sums.ownerId;
    if (total !== 0 || buckets.some((b) => b !== 0)) out.set(row.customerId, row);
  };
  const moves = new Map<number, Sums>();
  if (movedTable) {
    const read = sumsReader(movedTable, n - 1);
    for (let i = 0; i < movedTable.rows; i++) { const m = read(i); moves.set(m.customerId, m); }
  }
  for (const t of tables) {
    const read = sumsReader(t, n - 1);
    for (let i = 0; i < t.rows; i++) {
      const sums = read(i);
      const m = moves.get(sums.customerId);
      if (m) moves.delete(sums.customerId);
      put(sums, m);
    }
  }
  // customers owing as at D only on items moved since (their owner is looked up by the report)
  for (const m of moves.values()) put(m, undefined);
  return out;
}

/** A customer's sums from one row of a figures table (the cumulative sums s0… in order). */
type Sums = { customerId: number; total: number; notDue: number; oldestDue: number | null; s: number[]; ownerId?: number | null };

/** Reads customers' sums off the rows of a figures table (its columns looked up once). */
function sumsReader(t: NumberTable, cumulative: number): (row: number) => Sums {
  const id = columnOf(t, 'customerId');
  const total = columnOf(t, 'total');
  const notDue = columnOf(t, 'notDue');
  const oldestDue = columnOf(t, 'oldestDue');
  const owner = columnOf(t, 'ownerId');
  const s = Array.from({ length: cumulative }, (_, k) => columnOf(t, `s${k}`));
  const num = (row: number, c: number) => { const v = cell(t, row, c); return Number.isNaN(v) ? 0 : v; };
  const orNull = (row: number, c: number) => { const v = cell(t, row, c); return Number.isNaN(v) ? null : v; };
  return (row) => {
    const sums: Sums = { customerId: cell(t, row, id), total: num(row, total), notDue: num(row, notDue), oldestDue: orNull(row, oldestDue), s: s.map((c) => num(row, c)) };
    if (owner >= 0) sums.ownerId = orNull(row, owner);
    return sums;
  };
}

/** Customer id ranges splitting lo..hi into `parts` (one open range when there is nothing to split). */
function customerRanges(lo: number, hi: number, parts: number) {
  if (parts <= 1 || hi - lo < parts) return [undefined];
  const step = Math.ceil((hi - lo + 1) / parts);
  return Array.from({ length: parts }, (_, k) => sql`and customer_id >= ${lo + k * step} and customer_id < ${lo + (k + 1) * step}`);
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
