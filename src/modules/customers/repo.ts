import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { isPostgres } from '../../db/schema-helpers.ts';
import { ownerInScope } from '../../platform/permissions/scope.ts';
import type { RequestContext } from '../../platform/permissions/context.ts';
import { searchTerm } from './normalize.ts';
import type { CustomerFilters, CustomerListQuery } from './schema.ts';

// ─── Prefix search that an index can answer ──────────────────────────────────────────────
// `col LIKE '%x%'` scans every row. A prefix written as a range, col >= x and col < x||U+10FFFF,
// is an index range scan on SQLite (BINARY collation is bytewise) and on PostgreSQL when the
// column (or the index expression) uses COLLATE "C". Other pickers reuse prefixRange.

const TOP = '\u{10FFFF}';

/**
 * `column` starts with `term`, as an index range. `bytewise`: the column is declared COLLATE "C"
 * on PostgreSQL; otherwise the comparison is made in "C" there (index it as `(col collate "C")`).
 */
export function prefixRange(db: Executor, column: string, term: string, bytewise = true): Expression<SqlBool> {
  const col = !bytewise && isPostgres(db) ? sql`${sql.ref(column)} collate "C"` : sql.ref(column);
  return sql<SqlBool>`(${col} >= ${term} and ${col} < ${term + TOP})`;
}

/**
 * The customer search condition for a user's term: name characters, the name without its region
 * prefix (华东 finds 北京华东贸易), full pinyin, initials (bjhd), the same two of the name without its
 * region prefix (huadong, hd), code, and phone digits (the primary
 * phone and every contact's phone). Each branch is an index range; null when the term is empty.
 */
export function customerSearchCondition(db: Executor, companyId: number, q: string, column = 'customers'): Expression<SqlBool> | null {
  const t = searchTerm(q);
  if (!t) return null;
  // the company is repeated inside each branch, so every branch is a complete index range on its own
  const inCompany = (c: string, term: string, bytewise = true) => sql<SqlBool>`(${sql.ref(`${column}.company_id`)} = ${companyId} and ${prefixRange(db, `${column}.${c}`, term, bytewise)})`;
  const branches: Expression<SqlBool>[] = [inCompany('search_name', t), inCompany('search_core', t)];
  if (/^[a-z0-9]+$/.test(t)) {
    branches.push(inCompany('search_pinyin', t), inCompany('search_initials', t), inCompany('search_core_pinyin', t), inCompany('search_core_initials', t));
    branches.push(inCompany('code', t.toUpperCase(), false));
  }
  if (/^\d{3,}$/.test(t)) {
    branches.push(inCompany('primary_phone', t, false));
    // any contact's phone; on PostgreSQL "= any(array(…))" so the branch is an index scan inside a BitmapOr
    const contactIds = sql`select cc.customer_id from customer_contacts cc where cc.company_id = ${companyId} and ${prefixRange(db, 'cc.phone_norm', t, false)}`;
    branches.push(
      isPostgres(db) ? sql<SqlBool>`${sql.ref(`${column}.id`)} = any(array(${contactIds}))` : sql<SqlBool>`${sql.ref(`${column}.id`)} in (${contactIds})`,
    );
  }
  return sql<SqlBool>`(${sql.join(branches, sql` or `)})`;
}

// ─── Lists ────────────────────────────────────────────────────────────────────────────────

/**
 * How a search is planned (the other filters are the same in every mode):
 * - 'ranges': the search's index ranges find the matches (company test written "+company_id" so the
 *   planner cannot prefer walking the whole company; the ranges carry the company themselves); the
 *   page is then sorted. Best when the term is rare.
 * - 'walk': the search is written so no index can serve it; the planner walks the sort order's index
 *   and tests rows until it has a page. Best when the term is common (thousands of matches).
 * - 'owner': as 'walk', for own scope: a rep's own rows via the owner index are the cheapest set.
 */
export type SearchMode = 'ranges' | 'walk' | 'owner';

/** Owned customers of the company that the context may see (pool customers are the pool's list). */
export function scopedCustomers(db: Executor, ctx: RequestContext, rangesSearch = false) {
  return db
    .selectFrom('customers')
    .where(rangesSearch && ctx.dataScope === 'company' ? sql<SqlBool>`+customers.company_id = ${ctx.companyId}` : sql<SqlBool>`customers.company_id = ${ctx.companyId}`)
    // "+" keeps the planner from treating "owned" (95% of rows) as an index range
    .where(sql<SqlBool>`+customers.owner_id is not null`)
    .where(ownerInScope(ctx, 'customers.owner_id'));
}

export function filteredCustomers(db: Executor, ctx: RequestContext, f: CustomerFilters, mode: SearchMode = 'ranges') {
  const search = f.q ? customerSearchCondition(db, ctx.companyId, f.q) : null;
  let q = scopedCustomers(db, ctx, !!search && mode === 'ranges');
  if (f.ownerId) q = q.where('customers.ownerId', '=', f.ownerId);
  if (f.classification) q = q.where('customers.classification', '=', f.classification);
  if (f.province) q = q.where('customers.province', '=', f.province);
  if (f.city) q = q.where('customers.city', '=', f.city);
  if (f.source) q = q.where('customers.source', '=', f.source);
  if (f.tag) {
    const tag = f.tag;
    q = q.where((eb) =>
      eb('customers.id', 'in', eb.selectFrom('customerTags').select('customerTags.customerId').where('customerTags.companyId', '=', ctx.companyId).where('customerTags.tag', '=', tag)),
    );
  }
  // dates are business dates (Asia/Shanghai); last_followup_at is a UTC instant. After: on or after
  // that day; before: strictly before it, or never followed up.
  if (f.lastFollowupAfter) q = q.where('customers.lastFollowupAt', '>=', shanghaiDayStart(f.lastFollowupAfter));
  // one expression, not an OR of two index ranges: "not followed up lately" is most rows, so walking the sort index is cheaper
  if (f.lastFollowupBefore) q = q.where(sql<SqlBool>`coalesce(customers.last_followup_at, '') < ${shanghaiDayStart(f.lastFollowupBefore)}`);
  // a CASE hides the search from the index planner (see SearchMode)
  if (search) q = q.where(mode === 'ranges' ? search : sql<SqlBool>`(case when ${search} then 1 else 0 end) = 1`);
  return q;
}

/** The UTC instant at which a Shanghai business date (plus `days`) starts. */
function shanghaiDayStart(date: string, days = 0): string {
  const d = new Date(`${date}T00:00:00+08:00`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString();
}

const listColumns = [
  'customers.id', 'customers.code', 'customers.name', 'customers.shortName', 'customers.classification', 'customers.source',
  'customers.industry', 'customers.province', 'customers.city', 'customers.ownerId', 'customers.primaryContact',
  'customers.primaryPhone', 'customers.lastFollowupAt', 'customers.createdAt',
] as const;

// Sorting by name means pinyin order (what a Chinese user expects), which is indexed; createdAt is id order.
const sortColumn = { code: 'customers.code', name: 'customers.searchPinyin', createdAt: 'customers.id', lastFollowupAt: 'customers.lastFollowupAt' } as const;

/** Counting stops here: an exact count of 1M rows costs more than the page itself. */
export const COUNT_CAP = 2_000;

/**
 * Above `denseMatches` matches a search walks the sort index instead of sorting all matches; above
 * `ownerSortMax` matches an owner-scoped list walks each owner's sort index instead of sorting them.
 * A search walks only past the count cap: with fewer matches the bounded walk (walkRows of 1M rows)
 * rarely holds a page, and sorting ≤ 2,000 matches costs less than walking 20,000 rows first.
 */
export const listTuning = { denseMatches: COUNT_CAP, walkRows: 20_000, ownerSortMax: COUNT_CAP };

/** The page query of the list, for a search planned as `mode` (see SearchMode). */
export function listPageQuery(db: Executor, ctx: RequestContext, q: CustomerListQuery, mode: SearchMode = 'ranges') {
  const col = sortColumn[q.sort];
  const ranges = !!(q.q && searchTerm(q.q)) && mode === 'ranges';
  // with index ranges the ORDER BY is made non-indexable (col || '', id + 0), or the planner may still walk the sort index
  const order = (c: string) => (ranges ? (c === 'customers.id' ? sql`${sql.ref(c)} + 0` : sql`${sql.ref(c)} || ''`) : sql.ref(c));
  return filteredCustomers(db, ctx, q, mode)
    .leftJoin('users', 'users.id', 'customers.ownerId')
    .select([...listColumns, 'users.displayName as ownerName'])
    .orderBy(order(col), q.order)
    .orderBy(order('customers.id'), q.order)
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
}

/**
 * One page and a capped count. A search is counted first through its index ranges (or a rep's own
 * rows); a rare term then sorts its few matches, a common one walks the sort index ('walk'), which
 * finds a page after a few hundred rows instead of sorting tens of thousands.
 */
type ListResult = { items: Awaited<ReturnType<ReturnType<typeof listPageQuery>['execute']>>; total: number; totalCapped: boolean };

export async function listCustomers(db: Executor, ctx: RequestContext, q: CustomerListQuery): Promise<ListResult> {
  const searching = !!(q.q && searchTerm(q.q));
  if (!searching && ctx.dataScope !== 'company' && ownerListable(q)) return listByOwners(db, ctx, q);
  const countMode: SearchMode = searching && ctx.dataScope === 'own' ? 'owner' : 'ranges';
  const counted = await db
    .selectFrom(filteredCustomers(db, ctx, q, countMode).select('customers.id').limit(COUNT_CAP + 1).as('m'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const n = Number(counted.n);
  if (searching && n > 0 && n <= COUNT_CAP) {
    const page = await pageFromIndexes(db, ctx, q);
    if (page) return { items: page, total: n, totalCapped: false };
  }
  // Walking pays only where matches are spread over the sort order. A prefix search's matches cluster
  // in name and code order, and may cluster in id order too (numbers issued in sequence), so the walk
  // is bounded to the newest WALK_ROWS rows; when that does not fill the page, the matches are sorted.
  const mode: SearchMode = !searching ? 'ranges' : ctx.dataScope === 'own' ? 'owner' : q.sort === 'createdAt' && n > listTuning.denseMatches ? 'walk' : 'ranges';
  if (n === 0) return { items: [], total: 0, totalCapped: false };
  let items: Awaited<ReturnType<ReturnType<typeof listPageQuery>['execute']>> | null = null;
  if (mode === 'walk') {
    const bound = await db
      .selectFrom('customers')
      .select('id')
      .where('companyId', '=', ctx.companyId)
      .orderBy('id', q.order)
      .offset(listTuning.walkRows)
      .limit(1)
      .executeTakeFirst();
    const walk = listPageQuery(db, ctx, q, 'walk');
    const walked = await (bound ? walk.where('customers.id', q.order === 'desc' ? '>' : '<', bound.id) : walk).execute();
    const expected = n > COUNT_CAP ? q.pageSize : Math.max(0, Math.min(q.pageSize, n - (q.page - 1) * q.pageSize));
    if (walked.length >= expected) items = walked;
  }
  items ??= await listPageQuery(db, ctx, q, mode === 'walk' ? 'ranges' : mode).execute();
  return { items, total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP };
}

// ─── A search's page from the search indexes alone ────────────────────────────────────────
// The search indexes end in owner_id (migration 20261123T014000): every prefix range of a search is an
// index-only scan that also tests "owned", so the capped count reads no table row. A company-wide search
// with no other filter and at most the cap in matches takes its page the same way when it is newest
// first: the ids of the UNION of the ranges (index entries only) in id order, then just the page's rows.
// Otherwise (filters, scopes, phone digits, other orders, more matches) the general path pages.

/** The search's ranges, each as its own select of owned customers' ids; null when the general path must answer. */
function searchBranches(db: Executor, ctx: RequestContext, q: CustomerListQuery) {
  if (ctx.dataScope !== 'company' || q.sort !== 'createdAt' || q.ownerId || q.classification || q.province || q.city || q.source || q.tag || q.lastFollowupAfter || q.lastFollowupBefore) return null;
  const t = searchTerm(q.q ?? '');
  if (!t || /^\d{3,}$/.test(t)) return null; // phone digits: the phone branches (another table) stay with the general path
  const latin = /^[a-z0-9]+$/.test(t);
  const columns = latin ? (['search_name', 'search_core', 'search_pinyin', 'search_initials', 'search_core_pinyin', 'search_core_initials'] as const) : (['search_name', 'search_core'] as const);
  const branch = (col: string, term: string, bytewise: boolean) =>
    db
      .selectFrom('customers')
      .select('customers.id')
      .where('customers.companyId', '=', ctx.companyId)
      .where(prefixRange(db, `customers.${col}`, term, bytewise))
      .where('customers.ownerId', 'is not', null);
  const branches = columns.map((c) => branch(c, t, true));
  if (latin) branches.push(branch('code', t.toUpperCase(), false));
  return branches;
}

/** The page of a search with `n` (≤ COUNT_CAP) matches from the search indexes; null when the general path must page. */
async function pageFromIndexes(db: Executor, ctx: RequestContext, q: CustomerListQuery): Promise<ListResult['items'] | null> {
  const branches = searchBranches(db, ctx, q);
  if (!branches) return null;
  const matches = branches.slice(1).reduce((u, b) => u.union(b), branches[0]!);
  const page = await db.selectFrom(matches.as('m')).select('m.id').orderBy('m.id', q.order).limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  if (!page.length) return [];
  return db
    .selectFrom('customers')
    .leftJoin('users', 'users.id', 'customers.ownerId')
    .select([...listColumns, 'users.displayName as ownerName'])
    .where('customers.companyId', '=', ctx.companyId)
    .where('customers.id', 'in', page.map((r) => Number(r.id)))
    .orderBy('customers.id', q.order)
    .execute();
}

// ─── The list of a manager or a rep, owner by owner ───────────────────────────────────────
// A manager sees a department subtree (~1/8 of the company, a dozen owners). Driving the list by the
// scope's owner ids (looked up first) lets per-owner indexes answer it: (company, owner, city,
// classification) finds a filtered set directly, and (company, owner, <sort key>, city,
// classification) walks one owner's rows in sort order testing the filters inside the index.

/** The most rows (page × page size) the owner-by-owner path gathers per owner. */
const OWNER_WALK_MAX = 1_000;

/** Only the scope, owner, classification and city filter this list: the path below serves it. */
function ownerListable(q: CustomerListQuery): boolean {
  return !q.province && !q.source && !q.tag && !q.lastFollowupAfter && !q.lastFollowupBefore && q.page * q.pageSize <= OWNER_WALK_MAX;
}

/** The owner ids a non-company scope sees (the same set as ownerInScope), narrowed by an owner filter. */
async function scopeOwnerIds(db: Executor, ctx: RequestContext, ownerFilter: number | undefined): Promise<number[]> {
  let ids = [ctx.userId];
  if (ctx.dataScope === 'dept' && ctx.departmentPath) {
    const rows = await db
      .selectFrom('memberships as m')
      .innerJoin('departments as d', 'd.id', 'm.departmentId')
      .select('m.userId')
      .where('m.companyId', '=', ctx.companyId)
      .where('d.path', 'like', ctx.departmentPath + '%')
      .execute();
    ids = [...new Set([ctx.userId, ...rows.map((r) => r.userId)])].sort((a, b) => a - b);
  }
  return ownerFilter ? ids.filter((id) => id === ownerFilter) : ids;
}

/**
 * Customers of these owners with the classification and city filters. `indexable` says which
 * filters the planner may use as index columns; the others are written `col || ''` so it cannot,
 * and tests them inside whichever owner index it walks.
 */
function ownersFiltered(db: Executor, ctx: RequestContext, owners: number[], q: CustomerListQuery, indexable: { city: boolean; classification: boolean }) {
  let r = db.selectFrom('customers').where('customers.companyId', '=', ctx.companyId);
  r = owners.length === 1 ? r.where('customers.ownerId', '=', owners[0]!) : r.where('customers.ownerId', 'in', owners);
  const eq = (col: 'city' | 'classification', v: string, indexed: boolean) =>
    r.where(indexed ? sql<SqlBool>`${sql.ref(`customers.${col}`)} = ${v}` : sql<SqlBool>`${sql.ref(`customers.${col}`)} || '' = ${v}`);
  if (q.city) r = eq('city', q.city, indexable.city);
  if (q.classification) r = eq('classification', q.classification, indexable.classification);
  return r;
}

async function listByOwners(db: Executor, ctx: RequestContext, q: CustomerListQuery) {
  const owners = await scopeOwnerIds(db, ctx, q.ownerId);
  if (owners.length === 0) return { items: [], total: 0, totalCapped: false };
  // the count: the (owner, city, classification) index; without a city the classification is
  // tested inside that index (the class index alone would look up every row of the class)
  const countIndexable = { city: true, classification: !!q.city };
  const counted = await db
    .selectFrom(ownersFiltered(db, ctx, owners, q, countIndexable).select('customers.id').limit(COUNT_CAP + 1).as('m'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const n = Number(counted.n);
  if (n === 0) return { items: [], total: 0, totalCapped: false };
  const col = sortColumn[q.sort];
  // a sort the planner cannot take from an index: the rows are found first, then sorted
  const unindexedOrder = (r: ReturnType<typeof ownersFiltered>) =>
    r
      .leftJoin('users', 'users.id', 'customers.ownerId')
      .select([...listColumns, 'users.displayName as ownerName'])
      .orderBy(col === 'customers.id' ? sql`customers.id + 0` : sql`${sql.ref(col)} || ''`, q.order)
      .orderBy(sql`customers.id + 0`, q.order)
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize);
  let items;
  if (n <= listTuning.ownerSortMax) {
    // few matches: the (owner, city, classification) index finds them all, and they are sorted
    items = await unindexedOrder(ownersFiltered(db, ctx, owners, q, countIndexable)).execute();
  } else {
    // many matches: each owner's first page × size rows in sort order (their union holds the page),
    // walking that owner's sort-key index; then those candidates are sorted
    const k = q.page * q.pageSize;
    const candidates: number[] = [];
    for (const owner of owners) {
      const rows = await ownersFiltered(db, ctx, [owner], q, { city: false, classification: false })
        .select('customers.id')
        .orderBy(sql.ref(col), q.order)
        .orderBy('customers.id', q.order)
        .limit(k)
        .execute();
      for (const r of rows) candidates.push(r.id);
    }
    items =
      candidates.length === 0
        ? []
        : await unindexedOrder(db.selectFrom('customers').where('customers.companyId', '=', ctx.companyId).where('customers.id', 'in', candidates)).execute();
  }
  return { items, total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP };
}

export async function tagsOf(db: Executor, companyId: number, customerIds: number[]): Promise<Map<number, string[]>> {
  const map = new Map<number, string[]>();
  if (customerIds.length === 0) return map;
  const rows = await db.selectFrom('customerTags').select(['customerId', 'tag']).where('companyId', '=', companyId).where('customerId', 'in', customerIds).orderBy('tag').execute();
  for (const r of rows) map.set(r.customerId, [...(map.get(r.customerId) ?? []), r.tag]);
  return map;
}

// ─── One customer ─────────────────────────────────────────────────────────────────────────

/** A customer the context may see (owned and in scope; pool customers only with company scope). Else undefined. */
export function customerInScope(db: Executor, ctx: RequestContext, id: number) {
  return db
    .selectFrom('customers')
    .selectAll('customers')
    .where('customers.companyId', '=', ctx.companyId)
    .where('customers.id', '=', id)
    .where(ctx.dataScope === 'company' ? sql<SqlBool>`1 = 1` : ownerInScope(ctx, 'customers.owner_id'))
    .executeTakeFirst();
}

export const contactsOf = (db: Executor, customerId: number) =>
  db.selectFrom('customerContacts').select(['id', 'name', 'phone', 'position', 'email', 'isPrimary']).where('customerId', '=', customerId).orderBy('id').execute();

export const addressesOf = (db: Executor, customerId: number) =>
  db
    .selectFrom('customerAddresses')
    .select(['id', 'label', 'province', 'city', 'address', 'receiver', 'phone', 'isDefault'])
    .where('customerId', '=', customerId)
    .orderBy('id')
    .execute();

export const creditOf = (db: Executor, customerId: number) =>
  db
    .selectFrom('customerCredit')
    .leftJoin('users', 'users.id', 'customerCredit.checkedBy')
    .selectAll('customerCredit')
    .select('users.displayName as checkedByName')
    .where('customerCredit.customerId', '=', customerId)
    .executeTakeFirst();

export async function referralCount(db: Executor, companyId: number, customerId: number): Promise<number> {
  const [c, l] = await Promise.all([
    db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).where('companyId', '=', companyId).where('referredByCustomerId', '=', customerId).executeTakeFirstOrThrow(),
    db.selectFrom('leads').select((eb) => eb.fn.countAll<number>().as('n')).where('companyId', '=', companyId).where('referredByCustomerId', '=', customerId).executeTakeFirstOrThrow(),
  ]);
  return Number(c.n) + Number(l.n);
}

export const userName = async (db: Executor, userId: number | null) =>
  userId == null ? null : ((await db.selectFrom('users').select('displayName').where('id', '=', userId).executeTakeFirst())?.displayName ?? null);

// ─── Duplicates ───────────────────────────────────────────────────────────────────────────

const clashColumns = ['customers.id as customerId', 'customers.code', 'customers.name', 'customers.ownerId', 'users.displayName as ownerName'] as const;

/** Customers of the company (any owner, any scope) sharing the name key, a phone or the tax id. */
export async function duplicateRows(db: Executor, companyId: number, c: { nameKey: string | null; phones: string[]; taxId: string | null; excludeId?: number }) {
  const base = () => {
    let q = db.selectFrom('customers').leftJoin('users', 'users.id', 'customers.ownerId').where('customers.companyId', '=', companyId);
    if (c.excludeId) q = q.where('customers.id', '!=', c.excludeId);
    return q;
  };
  const [byName, byTax, byPhone] = await Promise.all([
    c.nameKey ? base().select(clashColumns).where('customers.nameKey', '=', c.nameKey).limit(1).execute() : [],
    c.taxId ? base().select(clashColumns).where('customers.taxId', '=', c.taxId).limit(1).execute() : [],
    c.phones.length
      ? base()
          .innerJoin('customerContacts', 'customerContacts.customerId', 'customers.id')
          .select([...clashColumns, 'customerContacts.phoneNorm'])
          .where('customerContacts.companyId', '=', companyId)
          .where('customerContacts.phoneNorm', 'in', c.phones)
          .limit(c.phones.length)
          .execute()
      : [],
  ]);
  return { byName: byName[0], byTax: byTax[0], byPhone };
}

/** The same for many candidates at once (imports): every customer matching any of the keys. */
export async function duplicateRowsBulk(db: Executor, companyId: number, c: { nameKeys: string[]; phones: string[]; taxIds: string[] }) {
  const base = () => db.selectFrom('customers').leftJoin('users', 'users.id', 'customers.ownerId').where('customers.companyId', '=', companyId);
  const [byName, byTax, byPhone] = await Promise.all([
    c.nameKeys.length ? base().select([...clashColumns, 'customers.nameKey']).where('customers.nameKey', 'in', c.nameKeys).execute() : [],
    c.taxIds.length ? base().select([...clashColumns, 'customers.taxId']).where('customers.taxId', 'in', c.taxIds).execute() : [],
    c.phones.length
      ? base()
          .innerJoin('customerContacts', 'customerContacts.customerId', 'customers.id')
          .select([...clashColumns, 'customerContacts.phoneNorm'])
          .where('customerContacts.companyId', '=', companyId)
          .where('customerContacts.phoneNorm', 'in', c.phones)
          .execute()
      : [],
  ]);
  return { byName, byTax, byPhone };
}

// ─── Follow-ups ───────────────────────────────────────────────────────────────────────────

const followupColumns = [
  'customerFollowups.id', 'customerFollowups.customerId', 'customerFollowups.userId', 'users.displayName as userName',
  'customerFollowups.type', 'customerFollowups.content', 'customerFollowups.contactId', 'customerContacts.name as contactName',
  'customerFollowups.nextDate', 'customerFollowups.at',
] as const;

export async function followupsOf(db: Executor, companyId: number, customerId: number, page: number, pageSize: number) {
  const base = db.selectFrom('customerFollowups').where('customerFollowups.companyId', '=', companyId).where('customerFollowups.customerId', '=', customerId);
  const [items, total] = await Promise.all([
    base
      .leftJoin('users', 'users.id', 'customerFollowups.userId')
      .leftJoin('customerContacts', 'customerContacts.id', 'customerFollowups.contactId')
      .select(followupColumns)
      .orderBy('customerFollowups.at', 'desc')
      .orderBy('customerFollowups.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** The user's follow-ups whose next date has come (on customers they may still see), oldest first. */
export function dueFollowups(db: Executor, ctx: RequestContext, today: string) {
  return db
    .selectFrom('customerFollowups')
    .innerJoin('customers', 'customers.id', 'customerFollowups.customerId')
    .leftJoin('users', 'users.id', 'customerFollowups.userId')
    .leftJoin('customerContacts', 'customerContacts.id', 'customerFollowups.contactId')
    .select([...followupColumns, 'customers.code as customerCode', 'customers.name as customerName'])
    .where('customerFollowups.companyId', '=', ctx.companyId)
    .where('customerFollowups.userId', '=', ctx.userId)
    .where('customerFollowups.nextDate', '<=', today)
    .where(ownerInScope(ctx, 'customers.owner_id'))
    // only the latest follow-up of each customer counts: a newer one replaces the plan
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('customerFollowups as later')
            .select('later.id')
            .whereRef('later.customerId', '=', 'customerFollowups.customerId')
            .whereRef('later.id', '>', 'customerFollowups.id'),
        ),
      ),
    )
    .orderBy('customerFollowups.nextDate')
    .limit(200)
    .execute();
}

/** Who works this customer: the owner and whoever logged a follow-up since `since`. */
export async function workersOf(db: Executor, companyId: number, customerId: number, ownerId: number | null, since: string): Promise<number[]> {
  const rows = await db
    .selectFrom('customerFollowups')
    .select('userId')
    .distinct()
    .where('companyId', '=', companyId)
    .where('customerId', '=', customerId)
    .where('at', '>=', since)
    .execute();
  return [...new Set([...(ownerId ? [ownerId] : []), ...rows.map((r) => r.userId)])];
}
