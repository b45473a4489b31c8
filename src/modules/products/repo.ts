import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { prepared, type Params } from '../../db/prepared.ts';
import { isPostgres } from '../../db/schema-helpers.ts';
import type { DB, ProductsTable } from '../../db/types.ts';
import { escapeLike, normalizeForSearch } from '../../platform/pinyin.ts';
import type { ProductFilters, ProductListQuery } from './schema.ts';

// The only place with the products module's queries. Every query filters the company.

const productColumns = [
  'products.id', 'products.code', 'products.name', 'products.spec', 'products.unit', 'products.packUnit', 'products.packSize',
  'products.barcode', 'products.packBarcode', 'products.category', 'products.brand', 'products.taxRateBp', 'products.listPrice',
  'products.costPrice', 'products.shelfLifeDays', 'products.safetyStock', 'products.targetStock', 'products.trackCodes',
  'products.active', 'products.notes', 'products.createdAt', 'products.updatedAt', 'products.version',
] as const;

export type ProductRow = {
  id: number; code: string; name: string; spec: string | null; unit: string; packUnit: string | null; packSize: number | null;
  barcode: string | null; packBarcode: string | null; category: string | null; brand: string | null; taxRateBp: number; listPrice: number;
  costPrice: number | null; shelfLifeDays: number | null; safetyStock: number; targetStock: number; trackCodes: number; active: number;
  notes: string | null; createdAt: string; updatedAt: string; version: number;
};

/** The search condition of a user's term: name (characters, pinyin, initials), brand, code, barcodes; null when empty. */
export function productSearchCondition(q: string | undefined): Expression<SqlBool> | null {
  const t = q ? normalizeForSearch(q) : '';
  if (!t) return null;
  const like = (term: string) => sql<SqlBool>`products.search_key like ${'%' + escapeLike(term) + '%'} escape '\\'`;
  // ü is typed as v (女儿红: nverhong, 绿茶: lvcha) while the key spells it ü; v is no other pinyin letter,
  // but a code or barcode may hold one, so both spellings are looked for
  if (!t.includes('v')) return like(t);
  return sql<SqlBool>`(${like(t)} or ${like(t.replace(/v/g, 'ü'))})`;
}

function filtered(db: Executor, companyId: number, f: ProductFilters) {
  let q = db.selectFrom('products').where('products.companyId', '=', companyId);
  const search = productSearchCondition(f.q);
  if (search) q = q.where(search);
  if (f.category) q = q.where('products.category', '=', f.category);
  if (f.brand) q = q.where('products.brand', '=', f.brand);
  if (f.active !== 'all') q = q.where('products.active', '=', Number(f.active));
  return q;
}

const sortColumn = {
  code: 'products.code', name: 'products.name', category: 'products.category', brand: 'products.brand', listPrice: 'products.listPrice', updatedAt: 'products.updatedAt',
} as const;

/**
 * Names sort by their pinyin (大理 < 滇源 < 金星 < 云南), as a Chinese list is read, not by character code
 * (which puts 云 before 大): products.name_pinyin, then the name (homophones: 李 and 里), then the id, all
 * compared as bytes — SQLite's BINARY, PostgreSQL's "C" (the column's collation; the name's in the ORDER BY,
 * as in the index products_company_name_pinyin) — so both databases give one order.
 */
function byName(db: Executor) {
  return isPostgres(db) ? [sql`products.name_pinyin`, sql`products.name collate "C"`] : [sql`products.name_pinyin`, sql`products.name`];
}

export async function listProducts(db: Executor, companyId: number, query: ProductListQuery): Promise<{ items: ProductRow[]; total: number }> {
  const base = filtered(db, companyId, query);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let sorted = base.select([...productColumns]);
  for (const key of query.sort === 'name' ? byName(db) : [sortColumn[query.sort]]) sorted = sorted.orderBy(key, query.order);
  const items = await sorted
    .orderBy('products.id', query.order)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { items, total: Number(total.n) };
}

/** All products matching the filters, in code order (the export). */
export async function productsForExport(db: Executor, companyId: number, f: ProductFilters, limit: number): Promise<ProductRow[]> {
  return filtered(db, companyId, f).select([...productColumns]).orderBy('products.code').limit(limit).execute();
}

/**
 * The picker's search: an exact code or barcode first (a scanner's input), then code order.
 * Inactive products only when asked.
 */
export async function lookupProducts(db: Executor, companyId: number, opts: { q?: string; includeInactive: boolean; limit: number }): Promise<ProductRow[]> {
  let q = db.selectFrom('products').select([...productColumns]).where('products.companyId', '=', companyId);
  const search = productSearchCondition(opts.q);
  if (search) q = q.where(search);
  if (!opts.includeInactive) q = q.where('products.active', '=', 1);
  const exact = (opts.q ?? '').trim();
  if (exact) {
    q = q.orderBy(
      sql`case when products.code = ${exact} or products.barcode = ${exact} or products.pack_barcode = ${exact} then 0 else 1 end`,
    );
  }
  return q.orderBy('products.code').limit(opts.limit).execute();
}

// what an order or slip line needs of a product: read on the hot path of order entry, so compiled once
// per number of ids (src/db/prepared.ts) and only these columns (better-sqlite3 builds a JS value per column)
const briefColumns = [
  'products.id', 'products.code', 'products.name', 'products.spec', 'products.unit', 'products.packUnit', 'products.packSize',
  'products.barcode', 'products.packBarcode', 'products.taxRateBp', 'products.listPrice', 'products.trackCodes', 'products.active',
] as const;
export type ProductBriefRow = Pick<ProductRow, 'id' | 'code' | 'name' | 'spec' | 'unit' | 'packUnit' | 'packSize' | 'barcode' | 'packBarcode' | 'taxRateBp' | 'listPrice' | 'trackCodes' | 'active'>;
const productsByIdsQuery = prepared((db, p: Params<{ companyId: number; ids: number[] }>) =>
  db.selectFrom('products').select([...briefColumns]).where('products.companyId', '=', p.companyId).where('products.id', 'in', p.ids as number[]),
);

/** The products of the company among ids (missing ids are absent), with what a document line shows of them. */
export async function productsByIds(db: Executor, companyId: number, ids: readonly number[]): Promise<ProductBriefRow[]> {
  if (!ids.length) return [];
  return (await productsByIdsQuery(db, { companyId, ids: [...new Set(ids)] })).rows as ProductBriefRow[];
}

export async function productById(db: Executor, companyId: number, id: number): Promise<ProductRow | undefined> {
  return db.selectFrom('products').select([...productColumns]).where('products.companyId', '=', companyId).where('products.id', '=', id).executeTakeFirst();
}

export async function productsByCodes(db: Executor, companyId: number, codes: readonly string[]): Promise<{ id: number; code: string; name: string; version: number }[]> {
  if (!codes.length) return [];
  return db.selectFrom('products').select(['id', 'code', 'name', 'version']).where('companyId', '=', companyId).where('code', 'in', [...new Set(codes)]).execute();
}

/** The whole rows of the company's products with any of `codes` (the import compares and updates them). */
export async function productsByCodesFull(db: Executor, companyId: number, codes: readonly string[]): Promise<ProductRow[]> {
  if (!codes.length) return [];
  return db.selectFrom('products').select([...productColumns]).where('products.companyId', '=', companyId).where('products.code', 'in', [...new Set(codes)]).execute();
}

/** The units and pack units the company's products use, each spelling with how many products use it. */
export async function unitsInUse(db: Executor, companyId: number): Promise<{ unit: string; n: number }[]> {
  const count = (eb: ExpressionBuilder<DB, 'products'>) => eb.fn.countAll<number>().as('n');
  const units = await db.selectFrom('products').select(['unit as u', count]).where('companyId', '=', companyId).groupBy('unit').limit(500).execute();
  const packs = await db.selectFrom('products').select(['packUnit as u', count]).where('companyId', '=', companyId).where('packUnit', 'is not', null).groupBy('packUnit').limit(500).execute();
  return [...units, ...packs].filter((r) => !!r.u).map((r) => ({ unit: r.u!, n: Number(r.n) }));
}

/** Products (other than `excludeId`) carrying any of `codes` as their barcode or pack barcode. */
export async function productsByBarcodes(db: Executor, companyId: number, codes: readonly string[], excludeId?: number) {
  if (!codes.length) return [];
  let q = db
    .selectFrom('products')
    .select(['id', 'code', 'name', 'barcode', 'packBarcode'])
    .where('companyId', '=', companyId)
    .where((eb) => eb.or([eb('barcode', 'in', [...codes]), eb('packBarcode', 'in', [...codes])]));
  if (excludeId !== undefined) q = q.where('id', '!=', excludeId);
  return q.execute();
}

export type ProductWrite = Omit<ProductsTable, 'id' | 'companyId' | 'createdBy' | 'createdAt' | 'updatedAt' | 'version' | 'active' | 'safetyStock' | 'targetStock' | 'trackCodes' | 'namePinyin'> & {
  safetyStock: number; targetStock: number; trackCodes: number; namePinyin: string;
};

export async function insertProduct(db: Executor, companyId: number, row: ProductWrite, userId: number, now: string): Promise<number> {
  const r = await db
    .insertInto('products')
    .values({ ...row, companyId, active: 1, createdBy: userId, createdAt: now, updatedAt: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Conditional on the version; false when the row moved on (stale). */
export async function updateProduct(db: Executor, companyId: number, id: number, version: number, set: Partial<ProductWrite> & { active?: number }, now: string): Promise<boolean> {
  const r = await db
    .updateTable('products')
    .set({ ...set, updatedAt: now, version: version + 1 })
    .where('companyId', '=', companyId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function facets(db: Executor, companyId: number) {
  const cats = await db.selectFrom('products').select('category').distinct().where('companyId', '=', companyId).where('category', 'is not', null).orderBy('category').limit(500).execute();
  const brands = await db.selectFrom('products').select('brand').distinct().where('companyId', '=', companyId).where('brand', 'is not', null).orderBy('brand').limit(500).execute();
  return { categories: cats.map((r) => r.category!), brands: brands.map((r) => r.brand!) };
}

// ─── price lists ───────────────────────────────────────────────────────────────────────────

const priceListColumns = ['priceLists.id', 'priceLists.code', 'priceLists.name', 'priceLists.orderType', 'priceLists.customerClass', 'priceLists.active', 'priceLists.updatedAt', 'priceLists.version'] as const;

export type PriceListRow = { id: number; code: string; name: string; orderType: string | null; customerClass: string | null; active: number; updatedAt: string; version: number; itemCount: number };

export async function listPriceLists(db: Executor, companyId: number, active: '1' | '0' | 'all'): Promise<PriceListRow[]> {
  let q = db
    .selectFrom('priceLists')
    .select([...priceListColumns])
    .select((eb) =>
      eb.selectFrom('priceListItems').select((e) => e.fn.countAll<number>().as('n')).whereRef('priceListItems.priceListId', '=', 'priceLists.id').as('itemCount'),
    )
    .where('priceLists.companyId', '=', companyId);
  if (active !== 'all') q = q.where('priceLists.active', '=', Number(active));
  const rows = await q.orderBy('priceLists.code').execute();
  return rows.map((r) => ({ ...r, itemCount: Number(r.itemCount ?? 0) }));
}

export async function priceListById(db: Executor, companyId: number, id: number): Promise<Omit<PriceListRow, 'itemCount'> | undefined> {
  return db.selectFrom('priceLists').select([...priceListColumns]).where('priceLists.companyId', '=', companyId).where('priceLists.id', '=', id).executeTakeFirst();
}

/**
 * Serialises the company's catalogue writers (product barcodes unique across products and the
 * one-active-list-per-scope rule are read, then written). PostgreSQL: the company row FOR NO KEY
 * UPDATE, which does not block rows that merely reference the company. SQLite: writers are serialised already.
 */
export async function lockCatalog(tx: Executor, companyId: number): Promise<void> {
  if (isPostgres(tx)) await sql`select id from companies where id = ${companyId} for no key update`.execute(tx);
}

export async function priceListByCode(db: Executor, companyId: number, code: string) {
  return db.selectFrom('priceLists').select(['id', 'code', 'name']).where('companyId', '=', companyId).where('code', '=', code).executeTakeFirst();
}

export async function priceListItems(db: Executor, companyId: number, priceListId: number) {
  return db
    .selectFrom('priceListItems')
    .innerJoin('products', 'products.id', 'priceListItems.productId')
    .select(['priceListItems.productId', 'products.code', 'products.name', 'products.spec', 'products.unit', 'products.listPrice', 'products.active as productActive', 'priceListItems.unitPrice'])
    .where('priceListItems.companyId', '=', companyId)
    .where('priceListItems.priceListId', '=', priceListId)
    .orderBy('products.code')
    .execute();
}

export async function insertPriceList(
  db: Executor, companyId: number, row: { code: string; name: string; orderType: string | null; customerClass: string | null }, userId: number, now: string,
): Promise<number> {
  const r = await db.insertInto('priceLists').values({ ...row, companyId, active: 1, createdBy: userId, createdAt: now, updatedAt: now }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updatePriceList(
  db: Executor, companyId: number, id: number, version: number,
  set: Partial<{ code: string; name: string; orderType: string | null; customerClass: string | null; active: number }>, now: string,
): Promise<boolean> {
  const r = await db
    .updateTable('priceLists')
    .set({ ...set, updatedAt: now, version: version + 1 })
    .where('companyId', '=', companyId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Makes the list's items exactly `items`: changed prices updated, new products inserted, products no
 * longer on the list removed (items are the list's own lines, like a customer's contacts).
 */
export async function replacePriceListItems(db: Executor, companyId: number, priceListId: number, items: { productId: number; unitPrice: number }[]) {
  const current = await db.selectFrom('priceListItems').select(['id', 'productId', 'unitPrice']).where('companyId', '=', companyId).where('priceListId', '=', priceListId).execute();
  const byProduct = new Map(current.map((c) => [c.productId, c]));
  const wanted = new Set(items.map((i) => i.productId));
  const gone = current.filter((c) => !wanted.has(c.productId)).map((c) => c.id);
  if (gone.length) await db.deleteFrom('priceListItems').where('priceListId', '=', priceListId).where('id', 'in', gone).execute();
  const fresh = items.filter((i) => !byProduct.has(i.productId));
  for (const i of items) {
    const c = byProduct.get(i.productId);
    if (c && c.unitPrice !== i.unitPrice) await db.updateTable('priceListItems').set({ unitPrice: i.unitPrice }).where('id', '=', c.id).execute();
  }
  for (let k = 0; k < fresh.length; k += 500) {
    await db.insertInto('priceListItems').values(fresh.slice(k, k + 500).map((i) => ({ companyId, priceListId, productId: i.productId, unitPrice: i.unitPrice }))).execute();
  }
}

/** The product's prices on the company's active price lists (every scope), in list code order. */
export async function activePricesOfProduct(db: Executor, companyId: number, productId: number): Promise<ApplicablePrice[]> {
  return db
    .selectFrom('priceListItems')
    .innerJoin('priceLists', 'priceLists.id', 'priceListItems.priceListId')
    .select(['priceListItems.productId', 'priceListItems.unitPrice', 'priceLists.id as priceListId', 'priceLists.name', 'priceLists.code', 'priceLists.orderType', 'priceLists.customerClass'])
    .where('priceListItems.companyId', '=', companyId)
    .where('priceListItems.productId', '=', productId)
    .where('priceLists.active', '=', 1)
    .orderBy('priceLists.code')
    .execute();
}

type PriceArgs = { companyId: number; orderType: string | null; customerClass: string | null; productIds: number[] };
type PriceWho = { orderType: string | null; customerClass: string | null };
/** The price lists that apply to an order of the type for a customer of the class (see applicablePrices). */
const listApplies = (eb: ExpressionBuilder<DB, 'priceLists'>, p: Params<PriceArgs>, args: PriceWho) => {
  const typeOk = args.orderType ? eb.or([eb('priceLists.orderType', '=', p.orderType), eb('priceLists.orderType', 'is', null)]) : eb('priceLists.orderType', 'is', null);
  const classOk = args.customerClass ? eb.or([eb('priceLists.customerClass', '=', p.customerClass), eb('priceLists.customerClass', 'is', null)]) : eb('priceLists.customerClass', 'is', null);
  return eb.and([eb('priceLists.companyId', '=', p.companyId), eb('priceLists.active', '=', 1), typeOk, classOk]);
};
const priceVariant = (args: PriceWho) => `${args.orderType ? 't' : '-'}${args.customerClass ? 'c' : '-'}`;
// compiled once per (type given?, class given?, number of products)
const applicablePricesQuery = prepared(
  (db, p: Params<PriceArgs>, args) =>
    db
      .selectFrom('priceListItems')
      .innerJoin('priceLists', 'priceLists.id', 'priceListItems.priceListId')
      .select(['priceListItems.productId', 'priceListItems.unitPrice', 'priceLists.id as priceListId', 'priceLists.name', 'priceLists.code', 'priceLists.orderType', 'priceLists.customerClass'])
      .where('priceListItems.companyId', '=', p.companyId)
      .where('priceListItems.productId', 'in', p.productIds as number[])
      .where((eb) => listApplies(eb, p, args)),
  priceVariant,
);

/**
 * The active price lists' prices of `productIds` that apply to an order of `orderType` for a customer
 * of `customerClass`: lists for exactly that type and class, that type (any class) or that class (any
 * type). The caller picks the most specific.
 */
export async function applicablePrices(db: Executor, companyId: number, orderType: string | null, customerClass: string | null, productIds: readonly number[]): Promise<ApplicablePrice[]> {
  if (!productIds.length || (!orderType && !customerClass)) return [];
  return (await applicablePricesQuery(db, { companyId, orderType, customerClass, productIds: [...new Set(productIds)] })).rows;
}
export type ApplicablePrice = { productId: number; unitPrice: number; priceListId: number; name: string; code: string; orderType: string | null; customerClass: string | null };

// order entry reads its products and the prices that apply to them in one statement (one row per
// product and applicable list; a product without one comes once, its list columns null)
const productsWithPricesQuery = prepared(
  (db, p: Params<PriceArgs>, args) =>
    db
      .selectFrom('products')
      .leftJoin(
        (eb) =>
          eb
            .selectFrom('priceListItems')
            .innerJoin('priceLists', 'priceLists.id', 'priceListItems.priceListId')
            .select(['priceListItems.productId', 'priceListItems.unitPrice', 'priceLists.id as priceListId', 'priceLists.name', 'priceLists.code', 'priceLists.orderType', 'priceLists.customerClass'])
            .where('priceListItems.companyId', '=', p.companyId)
            .where('priceListItems.productId', 'in', p.productIds as number[])
            .where((w) => (args.orderType || args.customerClass ? listApplies(w, p, args) : sql<SqlBool>`1 = 0`))
            .as('price'),
        (j) => j.onRef('price.productId', '=', 'products.id'),
      )
      .select([...briefColumns, 'price.unitPrice as priceUnitPrice', 'price.priceListId', 'price.name as priceListName', 'price.code as priceListCode', 'price.orderType as priceOrderType', 'price.customerClass as priceCustomerClass'])
      .where('products.companyId', '=', p.companyId)
      .where('products.id', 'in', p.productIds as number[]),
  priceVariant,
);

/**
 * The products of the company among ids (as productsByIds) and the active price lists' prices of them
 * that apply to an order of `orderType` for a customer of `customerClass` (as applicablePrices).
 */
export async function productsWithPrices(db: Executor, companyId: number, who: PriceWho, ids: readonly number[]) {
  const products = new Map<number, ProductBriefRow>();
  const prices: ApplicablePrice[] = [];
  if (!ids.length) return { products: [...products.values()], prices };
  const rows = (await productsWithPricesQuery(db, { companyId, ...who, productIds: [...new Set(ids)] })).rows;
  for (const r of rows) {
    if (!products.has(r.id)) products.set(r.id, r as ProductBriefRow); // its price columns ride along unread
    if (r.priceListId != null) {
      prices.push({ productId: r.id, unitPrice: r.priceUnitPrice!, priceListId: r.priceListId, name: r.priceListName!, code: r.priceListCode!, orderType: r.priceOrderType, customerClass: r.priceCustomerClass });
    }
  }
  return { products: [...products.values()], prices };
}
