import type { Db, Executor, Tx } from '../../db/database.ts';
import { diff, historyOf, writeAudit } from '../../platform/audit/audit.ts';
import { notFound, staleVersion } from '../../platform/errors/app-error.ts';
import { actorOf, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { isoNow } from '../../platform/time.ts';
import { isUniqueViolation } from '../customers/shared.ts';
import { productError } from './errors.ts';
import * as repo from './repo.ts';
import type { ProductRow } from './repo.ts';
import {
  type PriceListDetail, type PriceListInput, type PriceListOut, type ProductBrief, type ProductInput,
  type ProductListQuery, type ProductOut, type ProductPricesOut, orderTypes,
} from './schema.ts';
import { classifications } from '../customers/schema.ts';
import { productNamePinyin, productSearchKey } from './search-key.ts';

// The products module's door: 商品档案 (products) and 价格表 (price lists). Other modules use
// productsByIds and resolvePrices (no permission check: they run inside the caller's own checked use case).

export { productSearchKey } from './search-key.ts';

// ─── for other modules ──────────────────────────────────────────────────────────────────────

/** What an order or slip line needs of a product. */
export type ProductForLine = ProductBrief;

/** The products of `ids` in the company (missing ids are simply absent), keyed by id. */
export async function productsByIds(db: Executor, companyId: number, ids: readonly number[]): Promise<Map<number, ProductForLine>> {
  const rows = await repo.productsByIds(db, companyId, ids);
  return new Map(rows.map((r) => [r.id, toBrief(r)]));
}

export type PriceSource = { zh: string; en: string };
export type ResolvedPrice = { unitPrice: number; source: PriceSource; priceListId?: number };

/**
 * The unit price (0.0001 yuan, tax included) an order of `orderType` for a customer of `customerClass`
 * gets for each product: the most specific active price list holding the product wins (type and
 * class > type > class), else the product's list price. Products not in the company are absent.
 */
export async function resolvePrices(
  db: Executor,
  companyId: number,
  who: { orderType?: string | null; customerClass?: string | null },
  productIds: readonly number[],
): Promise<Map<number, ResolvedPrice>> {
  return pricesFor(db, companyId, who, await repo.productsByIds(db, companyId, productIds));
}

/** resolvePrices for products the caller has read already. */
export async function pricesFor(
  db: Executor,
  companyId: number,
  who: { orderType?: string | null; customerClass?: string | null },
  products: readonly { id: number; listPrice: number }[],
): Promise<Map<number, ResolvedPrice>> {
  const prices = await repo.applicablePrices(db, companyId, who.orderType ?? null, who.customerClass ?? null, products.map((p) => p.id));
  return bestPrices(products, prices);
}

/**
 * Order entry's read: the products of `ids` in the company (keyed by id; missing ids are absent) with the
 * price resolvePrices would give each, in one statement.
 */
export async function productsForOrder(
  db: Executor,
  companyId: number,
  who: { orderType?: string | null; customerClass?: string | null },
  ids: readonly number[],
): Promise<{ products: Map<number, ProductForLine>; prices: Map<number, ResolvedPrice> }> {
  const read = await repo.productsWithPrices(db, companyId, { orderType: who.orderType ?? null, customerClass: who.customerClass ?? null }, ids);
  return { products: new Map(read.products.map((r) => [r.id, toBrief(r)])), prices: bestPrices(read.products, read.prices) };
}

/** The most specific applicable list's price of each product (type and class > type > class; then by list code), else its list price. */
function bestPrices(products: readonly { id: number; listPrice: number }[], prices: readonly repo.ApplicablePrice[]): Map<number, ResolvedPrice> {
  const rank = (p: { orderType: string | null; customerClass: string | null }) => (p.orderType && p.customerClass ? 3 : p.orderType ? 2 : 1);
  const best = new Map<number, repo.ApplicablePrice>();
  for (const p of prices) {
    const cur = best.get(p.productId);
    if (!cur || rank(p) > rank(cur) || (rank(p) === rank(cur) && p.code < cur.code)) best.set(p.productId, p);
  }
  const out = new Map<number, ResolvedPrice>();
  for (const prod of products) {
    const b = best.get(prod.id);
    out.set(
      prod.id,
      b
        ? { unitPrice: b.unitPrice, source: { zh: `价格表：${b.name}`, en: `Price list: ${b.name}` }, priceListId: b.priceListId }
        : { unitPrice: prod.listPrice, source: { zh: '商品标价', en: 'List price' } },
    );
  }
  return out;
}

// ─── products ───────────────────────────────────────────────────────────────────────────────

const toBrief = (r: repo.ProductBriefRow): ProductBrief => ({
  id: r.id, code: r.code, name: r.name, spec: r.spec, unit: r.unit, packUnit: r.packUnit, packSize: r.packSize, barcode: r.barcode,
  packBarcode: r.packBarcode, taxRateBp: r.taxRateBp, listPrice: r.listPrice, trackCodes: !!r.trackCodes, active: !!r.active,
});

export const toProductOut = (r: ProductRow): ProductOut => ({ ...r, trackCodes: !!r.trackCodes, active: !!r.active });

/** The stored row of an input (search key and name pinyin computed here, the one place). */
export function productWrite(p: ProductInput): repo.ProductWrite {
  return {
    code: p.code, name: p.name, spec: p.spec, unit: p.unit, packUnit: p.packUnit, packSize: p.packSize, barcode: p.barcode, packBarcode: p.packBarcode,
    category: p.category, brand: p.brand, taxRateBp: p.taxRateBp, listPrice: p.listPrice, costPrice: p.costPrice, shelfLifeDays: p.shelfLifeDays,
    safetyStock: p.safetyStock, targetStock: p.targetStock, trackCodes: p.trackCodes ? 1 : 0, notes: p.notes, searchKey: productSearchKey(p),
    namePinyin: productNamePinyin(p.name),
  };
}

/** What the audit log keeps of a product (no search key, name pinyin, ids or bookkeeping). */
const snapshot = (r: Record<string, unknown>): Record<string, unknown> => {
  const { searchKey: _k, namePinyin: _p, id: _i, createdAt: _c, updatedAt: _u, version: _v, ...fields } = r;
  return fields;
};

export async function listProducts(db: Db, ctx: RequestContext, query: ProductListQuery) {
  requirePermission(ctx, 'product.read');
  const { items, total } = await repo.listProducts(db, ctx.companyId, query);
  return { items: items.map(toProductOut), total, page: query.page, pageSize: query.pageSize };
}

export async function lookupProducts(db: Db, ctx: RequestContext, query: { q?: string; ids?: string; includeInactive: '0' | '1'; limit: number }): Promise<ProductBrief[]> {
  requirePermission(ctx, 'product.read');
  if (query.ids) {
    const ids = query.ids.split(',').map(Number).slice(0, 200);
    const rows = await repo.productsByIds(db, ctx.companyId, ids);
    return rows.map(toBrief);
  }
  const rows = await repo.lookupProducts(db, ctx.companyId, { q: query.q, includeInactive: query.includeInactive === '1', limit: query.limit });
  return rows.map(toBrief);
}

async function loadProduct(db: Executor, ctx: RequestContext, id: number): Promise<ProductRow> {
  const row = await repo.productById(db, ctx.companyId, id);
  if (!row) throw notFound();
  return row;
}

export async function getProduct(db: Db, ctx: RequestContext, id: number): Promise<ProductOut> {
  requirePermission(ctx, 'product.read');
  return toProductOut(await loadProduct(db, ctx, id));
}

export async function productFacets(db: Db, ctx: RequestContext) {
  requirePermission(ctx, 'product.read');
  return repo.facets(db, ctx.companyId);
}

/** 409 when the code or a barcode is already another product's (paths name the field). */
export async function checkProductUnique(tx: Executor, companyId: number, p: { code: string; barcode: string | null; packBarcode: string | null }, excludeId?: number) {
  const sameCode = (await repo.productsByCodes(tx, companyId, [p.code])).find((r) => r.id !== excludeId);
  if (sameCode) throw productError('DUPLICATE_CODE', { code: p.code, name: sameCode.name }, [{ path: 'code', message: `编码已被「${sameCode.name}」使用` }]);
  const codes = [p.barcode, p.packBarcode].filter((x): x is string => !!x);
  const clash = await repo.productsByBarcodes(tx, companyId, codes, excludeId);
  for (const field of ['barcode', 'packBarcode'] as const) {
    const value = p[field];
    const other = value ? clash.find((c) => c.barcode === value || c.packBarcode === value) : undefined;
    if (other) throw productError('DUPLICATE_BARCODE', { barcode: value, name: other.name, code: other.code }, [{ path: field, message: `条码已被「${other.name}」使用` }]);
  }
}

async function uniqueOr409<T>(db: Db, companyId: number, p: { code: string; barcode: string | null; packBarcode: string | null }, excludeId: number | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    // a concurrent write took the code first: say so as a sequential duplicate would
    if (isUniqueViolation(e)) await checkProductUnique(db, companyId, p, excludeId);
    throw e;
  }
}

export async function createProduct(db: Db, ctx: RequestContext, input: ProductInput): Promise<ProductOut> {
  requirePermission(ctx, 'product.manage');
  const row = productWrite(input);
  const id = await uniqueOr409(db, ctx.companyId, row, undefined, () =>
    db.transaction().execute(async (tx) => {
      await repo.lockCatalog(tx, ctx.companyId);
      await checkProductUnique(tx, ctx.companyId, row);
      const id = await repo.insertProduct(tx, ctx.companyId, row, ctx.userId, isoNow());
      await writeAudit(tx, actorOf(ctx), { action: 'product.create', entity: 'product', entityId: id, after: snapshot(row) });
      return id;
    }),
  );
  return toProductOut((await repo.productById(db, ctx.companyId, id))!);
}

export async function updateProduct(db: Db, ctx: RequestContext, id: number, input: ProductInput & { version: number }): Promise<ProductOut> {
  requirePermission(ctx, 'product.manage');
  const { version, ...fields } = input;
  const row = productWrite(fields);
  await uniqueOr409(db, ctx.companyId, row, id, () =>
    db.transaction().execute(async (tx) => {
      await repo.lockCatalog(tx, ctx.companyId);
      const before = await loadProduct(tx, ctx, id);
      if (before.version !== version) throw staleVersion();
      await checkProductUnique(tx, ctx.companyId, row, id);
      if (!(await repo.updateProduct(tx, ctx.companyId, id, version, row, isoNow()))) throw staleVersion();
      const d = diff(snapshot(before), snapshot(row));
      await writeAudit(tx, actorOf(ctx), { action: 'product.update', entity: 'product', entityId: id, ...d });
    }),
  );
  return getProduct(db, ctx, id);
}

/** Deactivate (停用) or reactivate a product; products are never deleted (orders and slips point at them). */
export async function setProductActive(db: Db, ctx: RequestContext, id: number, version: number, active: boolean): Promise<ProductOut> {
  requirePermission(ctx, 'product.manage');
  await db.transaction().execute(async (tx) => {
    const before = await loadProduct(tx, ctx, id);
    if (before.version !== version) throw staleVersion();
    if (!!before.active === active) throw productError(active ? 'ALREADY_ACTIVE' : 'ALREADY_INACTIVE', { what: '商品' });
    if (!(await repo.updateProduct(tx, ctx.companyId, id, version, { active: active ? 1 : 0 }, isoNow()))) throw staleVersion();
    await writeAudit(tx, actorOf(ctx), { action: active ? 'product.activate' : 'product.deactivate', entity: 'product', entityId: id, before: { active: !!before.active }, after: { active } });
  });
  return getProduct(db, ctx, id);
}

/**
 * Which price applies to whom (a clerk asked for 滇源老窖's price for a VIP 二批 customer): for each order
 * type and customer class — and no class (客户未分类: only lists for any class apply) — the price an order
 * gets, asked of the database with the rule order entry prices by (pricesFor: the repo's listApplies, then
 * bestPrices), one prepared statement per cell; and the active lists holding the product.
 */
export async function productPrices(db: Db, ctx: RequestContext, id: number): Promise<ProductPricesOut> {
  requirePermission(ctx, 'product.read');
  const product = await loadProduct(db, ctx, id);
  const pairs = orderTypes.flatMap((orderType) => [...classifications, null].map((customerClass) => ({ orderType, customerClass })));
  // the cells side by side (PostgreSQL runs them on the pool's connections at once)
  const [lists, ...prices] = await Promise.all([repo.activePricesOfProduct(db, ctx.companyId, id), ...pairs.map((who) => pricesFor(db, ctx.companyId, who, [product]))]);
  const cells: ProductPricesOut['cells'] = pairs.map((who, i) => {
    const r = prices[i]!.get(id)!;
    return { orderType: who.orderType, customerClass: who.customerClass, unitPrice: r.unitPrice, source: r.source, priceListId: r.priceListId ?? null };
  });
  return {
    productId: id,
    listPrice: product.listPrice,
    lists: lists.map((l) => ({ priceListId: l.priceListId, code: l.code, name: l.name, orderType: l.orderType as never, customerClass: l.customerClass as never, unitPrice: l.unitPrice })),
    cells,
  };
}

export async function productHistory(db: Db, ctx: RequestContext, id: number) {
  requirePermission(ctx, 'product.read');
  await loadProduct(db, ctx, id);
  return { items: await historyOf(db, ctx.companyId, 'product', id) };
}

// ─── price lists ────────────────────────────────────────────────────────────────────────────

const toPriceListOut = (r: repo.PriceListRow): PriceListOut => ({
  ...r, orderType: r.orderType as PriceListOut['orderType'], customerClass: r.customerClass as PriceListOut['customerClass'], active: !!r.active,
});

export async function listPriceLists(db: Db, ctx: RequestContext, active: '1' | '0' | 'all'): Promise<PriceListOut[]> {
  requirePermission(ctx, 'product.read');
  return (await repo.listPriceLists(db, ctx.companyId, active)).map(toPriceListOut);
}

async function loadPriceList(db: Executor, ctx: RequestContext, id: number) {
  const row = await repo.priceListById(db, ctx.companyId, id);
  if (!row) throw notFound();
  return row;
}

export async function getPriceList(db: Db, ctx: RequestContext, id: number): Promise<PriceListDetail> {
  requirePermission(ctx, 'product.read');
  const head = await loadPriceList(db, ctx, id);
  const items = (await repo.priceListItems(db, ctx.companyId, id)).map((i) => ({ ...i, productActive: !!i.productActive }));
  return { ...toPriceListOut({ ...head, itemCount: items.length }), items };
}

/** One active list per (order type, customer class): otherwise which price applies would be a guess. */
async function checkNoConflict(tx: Executor, companyId: number, p: { orderType: string | null; customerClass: string | null }, excludeId?: number) {
  const other = (await repo.listPriceLists(tx, companyId, '1')).find((l) => l.id !== excludeId && l.orderType === p.orderType && l.customerClass === p.customerClass);
  if (other) throw productError('CONFLICTING_PRICE_LIST', { name: other.name, code: other.code }, [{ path: 'orderType', message: `与启用的价格表「${other.name}」适用范围相同` }]);
}

/** Checks the list's products; returns the items as product code → price (what the audit log keeps). */
async function checkItems(tx: Executor, companyId: number, items: PriceListInput['items'], keep: Set<number>): Promise<Record<string, number>> {
  const found = new Map((await repo.productsByIds(tx, companyId, items.map((i) => i.productId))).map((p) => [p.id, p]));
  const byCode: Record<string, number> = {};
  items.forEach((it, i) => {
    const p = found.get(it.productId);
    if (!p) throw productError('PRODUCT_NOT_FOUND', { row: i + 1 }, [{ path: `items.${i}.productId`, message: '商品不存在' }]);
    if (!p.active && !keep.has(p.id)) throw productError('PRODUCT_INACTIVE', { name: p.name }, [{ path: `items.${i}.productId`, message: '商品已停用' }]);
    byCode[p.code] = it.unitPrice;
  });
  return byCode;
}

async function priceListUnique<T>(run: () => Promise<T>, code: string): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (isUniqueViolation(e)) throw productError('DUPLICATE_PRICE_LIST', { code }, [{ path: 'code', message: '编码已存在' }]);
    throw e;
  }
}

export async function createPriceList(db: Db, ctx: RequestContext, input: PriceListInput): Promise<PriceListDetail> {
  requirePermission(ctx, 'price.manage');
  const id = await priceListUnique(
    () =>
      db.transaction().execute(async (tx) => {
        await repo.lockCatalog(tx, ctx.companyId);
        if (await repo.priceListByCode(tx, ctx.companyId, input.code)) throw productError('DUPLICATE_PRICE_LIST', { code: input.code }, [{ path: 'code', message: '编码已存在' }]);
        await checkNoConflict(tx, ctx.companyId, input);
        const byCode = await checkItems(tx, ctx.companyId, input.items, new Set());
        const { items, ...head } = input;
        const id = await repo.insertPriceList(tx, ctx.companyId, head, ctx.userId, isoNow());
        await repo.replacePriceListItems(tx, ctx.companyId, id, items);
        await writeAudit(tx, actorOf(ctx), { action: 'price_list.create', entity: 'price_list', entityId: id, after: { ...head, items: byCode } });
        return id;
      }),
    input.code,
  );
  return getPriceList(db, ctx, id);
}

export async function updatePriceList(db: Db, ctx: RequestContext, id: number, input: PriceListInput & { version: number }): Promise<PriceListDetail> {
  requirePermission(ctx, 'price.manage');
  const { version, items, ...head } = input;
  await priceListUnique(
    () =>
      db.transaction().execute(async (tx: Tx) => {
        await repo.lockCatalog(tx, ctx.companyId);
        const before = await loadPriceList(tx, ctx, id);
        if (before.version !== version) throw staleVersion();
        const other = await repo.priceListByCode(tx, ctx.companyId, head.code);
        if (other && other.id !== id) throw productError('DUPLICATE_PRICE_LIST', { code: head.code }, [{ path: 'code', message: '编码已存在' }]);
        if (before.active) await checkNoConflict(tx, ctx.companyId, head, id);
        const beforeItems = await repo.priceListItems(tx, ctx.companyId, id);
        const byCode = await checkItems(tx, ctx.companyId, items, new Set(beforeItems.map((i) => i.productId)));
        if (!(await repo.updatePriceList(tx, ctx.companyId, id, version, head, isoNow()))) throw staleVersion();
        await repo.replacePriceListItems(tx, ctx.companyId, id, items);
        const { id: _i, active: _a, updatedAt: _u, version: _v, ...headBefore } = before;
        const d = diff(headBefore as Record<string, unknown>, head);
        // item changes by product code (a removed product: null after)
        const was = new Map(beforeItems.map((i) => [i.code, i.unitPrice]));
        const itemsBefore: Record<string, number | null> = {};
        const itemsAfter: Record<string, number | null> = {};
        for (const [code, price] of Object.entries(byCode)) {
          if (was.get(code) !== price) {
            itemsBefore[code] = was.get(code) ?? null;
            itemsAfter[code] = price;
          }
        }
        for (const [code, price] of was) {
          if (!(code in byCode)) {
            itemsBefore[code] = price;
            itemsAfter[code] = null;
          }
        }
        const b: Record<string, unknown> = { ...d.before };
        const a: Record<string, unknown> = { ...d.after };
        if (Object.keys(itemsAfter).length) {
          b.items = itemsBefore;
          a.items = itemsAfter;
        }
        await writeAudit(tx, actorOf(ctx), { action: 'price_list.update', entity: 'price_list', entityId: id, before: b, after: a });
      }),
    head.code,
  );
  return getPriceList(db, ctx, id);
}

export async function setPriceListActive(db: Db, ctx: RequestContext, id: number, version: number, active: boolean): Promise<PriceListDetail> {
  requirePermission(ctx, 'price.manage');
  await db.transaction().execute(async (tx) => {
    await repo.lockCatalog(tx, ctx.companyId);
    const before = await loadPriceList(tx, ctx, id);
    if (before.version !== version) throw staleVersion();
    if (!!before.active === active) throw productError(active ? 'ALREADY_ACTIVE' : 'ALREADY_INACTIVE', { what: '价格表' });
    if (active) await checkNoConflict(tx, ctx.companyId, before, id);
    if (!(await repo.updatePriceList(tx, ctx.companyId, id, version, { active: active ? 1 : 0 }, isoNow()))) throw staleVersion();
    await writeAudit(tx, actorOf(ctx), { action: active ? 'price_list.activate' : 'price_list.deactivate', entity: 'price_list', entityId: id, before: { active: !!before.active }, after: { active } });
  });
  return getPriceList(db, ctx, id);
}

export async function priceListHistory(db: Db, ctx: RequestContext, id: number) {
  requirePermission(ctx, 'product.read');
  await loadPriceList(db, ctx, id);
  return { items: await historyOf(db, ctx.companyId, 'price_list', id) };
}

/** GET /api/prices/resolve: the prices an order form shows for its lines. */
export async function resolvePricesFor(db: Db, ctx: RequestContext, q: { orderType?: string; customerClass?: string; productIds: string }) {
  requirePermission(ctx, 'product.read');
  const ids = q.productIds.split(',').map(Number).slice(0, 500);
  const map = await resolvePrices(db, ctx.companyId, q, ids);
  return [...map].map(([productId, r]) => ({ productId, ...r }));
}
