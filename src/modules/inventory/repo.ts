import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { escapeLike, normalizeForSearch } from '../../platform/pinyin.ts';
import type { WarehouseListQuery } from './schema.ts';

// Queries of warehouses and the lookups every inventory use case shares. Warehouses, stock and
// stock documents belong to the company as a whole: every query filters by company, no owner scope.

/** `like` on a lower-case search column for what the user typed (characters, pinyin, initials). */
export function likeTerm(q: string | undefined): string | null {
  const term = q ? normalizeForSearch(q) : '';
  return term ? '%' + escapeLike(term) + '%' : null;
}

/** A product matching q by search key (name, pinyin, initials, code, barcodes) or code. */
export function productMatches(like: string, alias = 'products') {
  return sql<SqlBool>`(${sql.ref(`${alias}.search_key`)} like ${like} escape '\\' or lower(${sql.ref(`${alias}.code`)}) like ${like} escape '\\')`;
}

const warehouseColumns = [
  'warehouses.id', 'warehouses.code', 'warehouses.name', 'warehouses.address', 'warehouses.keeperId', 'keeper.displayName as keeperName',
  'warehouses.active', 'warehouses.version', 'warehouses.updatedAt',
] as const;

const toWarehouse = <T extends { active: number }>(r: T): Omit<T, 'active'> & { active: boolean } => ({ ...r, active: r.active === 1 });

export async function warehouseById(db: Executor, companyId: number, id: number) {
  const row = await db
    .selectFrom('warehouses')
    .leftJoin('users as keeper', 'keeper.id', 'warehouses.keeperId')
    .select(warehouseColumns)
    .where('warehouses.companyId', '=', companyId)
    .where('warehouses.id', '=', id)
    .executeTakeFirst();
  return row && toWarehouse(row);
}

export async function listWarehouses(db: Executor, companyId: number, q: WarehouseListQuery) {
  let query = db.selectFrom('warehouses').where('warehouses.companyId', '=', companyId);
  if (q.active) query = query.where('warehouses.active', '=', Number(q.active));
  const like = likeTerm(q.q);
  if (like) query = query.where(sql<SqlBool>`(lower(warehouses.name) like ${like} escape '\\' or lower(warehouses.code) like ${like} escape '\\')`);
  const [items, total] = await Promise.all([
    query
      .leftJoin('users as keeper', 'keeper.id', 'warehouses.keeperId')
      .select(warehouseColumns)
      .orderBy('warehouses.active', 'desc')
      .orderBy('warehouses.code')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items.map(toWarehouse), total: Number(total.n) };
}

export const warehouseCodeTaken = async (db: Executor, companyId: number, code: string, exceptId?: number) => {
  let q = db.selectFrom('warehouses').select('id').where('companyId', '=', companyId).where('code', '=', code);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return !!(await q.executeTakeFirst());
};

/** Is the user an active member of the company (an account that can log in and sign)? */
export const isActiveMember = async (db: Executor, companyId: number, userId: number) =>
  !!(await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.userId')
    .select('users.id')
    .where('memberships.companyId', '=', companyId)
    .where('memberships.userId', '=', userId)
    .where('memberships.active', '=', 1)
    .where('users.active', '=', 1)
    .executeTakeFirst());

/** Active warehouses of the company among ids (the ones found). */
export const activeWarehouses = (db: Executor, companyId: number, ids: number[]) =>
  db.selectFrom('warehouses').select(['id', 'name', 'keeperId']).where('companyId', '=', companyId).where('id', 'in', ids).where('active', '=', 1).execute();

/**
 * Sets a warehouse's own safety and target stock of a product on its level row (made with nothing
 * on hand when the warehouse never held the product). Returns the figures before.
 */
export async function setStockLimits(db: Executor, companyId: number, b: { warehouseId: number; productId: number; safetyStock: number | null; targetStock: number | null }, now: string) {
  const before = await db
    .selectFrom('stockLevels')
    .select(['safetyStock', 'targetStock'])
    .where('companyId', '=', companyId)
    .where('warehouseId', '=', b.warehouseId)
    .where('productId', '=', b.productId)
    .executeTakeFirst();
  await db
    .insertInto('stockLevels')
    .values({ companyId, warehouseId: b.warehouseId, productId: b.productId, onHand: 0, reserved: 0, safetyStock: b.safetyStock, targetStock: b.targetStock, updatedAt: now })
    .onConflict((oc) => oc.columns(['companyId', 'warehouseId', 'productId']).doUpdateSet({ safetyStock: b.safetyStock, targetStock: b.targetStock, updatedAt: now }))
    .execute();
  return { safetyStock: before?.safetyStock ?? null, targetStock: before?.targetStock ?? null };
}

/** Products of the company among ids, with what documents show of them. */
export const productsByIds = (db: Executor, companyId: number, ids: number[]) =>
  ids.length
    ? db.selectFrom('products').select(['id', 'code', 'name', 'spec', 'unit', 'active', 'shelfLifeDays', 'packSize', 'trackCodes']).where('companyId', '=', companyId).where('id', 'in', [...new Set(ids)]).execute()
    : Promise.resolve([]);
