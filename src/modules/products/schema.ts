import { z } from 'zod';
import { classifications } from '../customers/schema.ts';
import { customerClassLabels, orderTypeLabels, orderTypes } from './labels.ts';
import { MAX_PRICE, taxRates, taxRatesText } from './price-text.ts';

// Request and response shapes of products (商品档案) and price lists (价格表). Imported by the web too.
// Prices are integers of 0.0001 yuan (list price tax included); rates in basis points (1300 = 13 %).

export { customerClassLabels, orderTypeLabels, orderTypes };
export const orderType = z.enum(orderTypes);
export const customerClass = z.enum(classifications);
export const productSortKeys = ['code', 'name', 'category', 'brand', 'listPrice', 'updatedAt'] as const;

export { MAX_PRICE };

const text = (max: number) => z.string().trim().max(max);
/** Optional text: '' and null both mean "none". */
const opt = (max: number) => text(max).nullish().transform((v) => (v === '' || v == null ? null : v));
const barcode = z
  .string()
  .trim()
  .max(32)
  .regex(/^[0-9A-Za-z-]*$/, '条码只能包含数字、字母和 -')
  .nullish()
  .transform((v) => (v === '' || v == null ? null : v));
const price = z.number().int('价格最多 4 位小数').min(0, '价格不能为负数').max(MAX_PRICE, '价格不能超过 1 亿元');
const count = (max: number) => z.number().int('必须是整数').min(0, '不能为负数').max(max);

export const idParams = z.object({ id: z.coerce.number().int().positive() });

export const productFields = z
  .object({
    code: text(30).min(1, '请填写商品编码').regex(/^[0-9A-Za-z_\-.]+$/, '商品编码只能包含字母、数字、_、- 和 .'),
    name: text(100).min(1, '请填写商品名称'),
    spec: opt(50),
    unit: text(10).min(1, '请填写计量单位'),
    packUnit: opt(10),
    packSize: z.number().int('必须是整数').min(2, '包装换算至少为 2').max(10000).nullish().transform((v) => v ?? null),
    barcode,
    packBarcode: barcode,
    category: opt(30),
    brand: opt(30),
    taxRateBp: z
      .number()
      .int()
      .refine((v) => (taxRates as readonly number[]).includes(v), `税率只能是 ${taxRatesText}`)
      .default(1300),
    listPrice: price,
    costPrice: price.nullish().transform((v) => v ?? null),
    shelfLifeDays: z.number().int('必须是整数').min(1, '保质期至少 1 天').max(36500).nullish().transform((v) => v ?? null),
    safetyStock: count(100_000_000).default(0),
    targetStock: count(100_000_000).default(0),
    trackCodes: z.boolean().default(false),
    notes: opt(1000),
  })
  .superRefine((p, ctx) => {
    if ((p.packUnit == null) !== (p.packSize == null))
      ctx.addIssue({ code: 'custom', path: [p.packUnit == null ? 'packUnit' : 'packSize'], message: '包装单位和换算数量须同时填写（如 1 箱 = 12 瓶）' });
    if (p.packUnit != null && p.packUnit === p.unit) ctx.addIssue({ code: 'custom', path: ['packUnit'], message: '包装单位不能与计量单位相同' });
    if (p.targetStock > 0 && p.targetStock < p.safetyStock) ctx.addIssue({ code: 'custom', path: ['targetStock'], message: '目标库存不能低于安全库存' });
    if (p.barcode && p.packBarcode && p.barcode === p.packBarcode) ctx.addIssue({ code: 'custom', path: ['packBarcode'], message: '箱条码不能与商品条码相同' });
  });
export type ProductInput = z.infer<typeof productFields>;

export const productCreateBody = productFields;
export const productUpdateBody = z.intersection(productFields, z.object({ version: z.number().int().positive() }));
export const versionBody = z.object({ version: z.number().int().positive() });

export const productListQuery = z.object({
  q: z.string().max(50).optional(),
  category: z.string().max(30).optional(),
  brand: z.string().max(30).optional(),
  /** '1' active only (default), '0' inactive only, 'all' both */
  active: z.enum(['1', '0', 'all']).default('1'),
  sort: z.enum(productSortKeys).default('code'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ProductListQuery = z.infer<typeof productListQuery>;
export type ProductFilters = Omit<ProductListQuery, 'page' | 'pageSize' | 'sort' | 'order'>;

export const productOut = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  spec: z.string().nullable(),
  unit: z.string(),
  packUnit: z.string().nullable(),
  packSize: z.number().nullable(),
  barcode: z.string().nullable(),
  packBarcode: z.string().nullable(),
  category: z.string().nullable(),
  brand: z.string().nullable(),
  taxRateBp: z.number(),
  listPrice: z.number(),
  costPrice: z.number().nullable(),
  shelfLifeDays: z.number().nullable(),
  safetyStock: z.number(),
  targetStock: z.number(),
  trackCodes: z.boolean(),
  active: z.boolean(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type ProductOut = z.infer<typeof productOut>;
export const productListOut = z.object({ items: z.array(productOut), total: z.number(), page: z.number(), pageSize: z.number() });

/** GET /api/products/lookup: what a picker shows and what an order/slip line needs of a product. */
export const productLookupQuery = z.object({
  q: z.string().max(50).optional(),
  /** comma-separated ids: the picker resolving its current value(s); inactive ones included */
  ids: z
    .string()
    .max(2000)
    .regex(/^\d+(,\d+)*$/, 'ids 应为逗号分隔的数字')
    .optional(),
  /** include inactive products in a search (default no) */
  includeInactive: z.enum(['0', '1']).default('0'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const productBrief = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  spec: z.string().nullable(),
  unit: z.string(),
  packUnit: z.string().nullable(),
  packSize: z.number().nullable(),
  barcode: z.string().nullable(),
  packBarcode: z.string().nullable(),
  taxRateBp: z.number(),
  listPrice: z.number(),
  trackCodes: z.boolean(),
  active: z.boolean(),
});
export type ProductBrief = z.infer<typeof productBrief>;
export const productLookupOut = z.array(productBrief);

export const facetsOut = z.object({ categories: z.array(z.string()), brands: z.array(z.string()) });

export const historyOut = z.object({
  items: z.array(z.object({ id: z.number(), action: z.string(), before: z.string().nullable(), after: z.string().nullable(), note: z.string().nullable(), at: z.string(), userName: z.string().nullable() })),
});

// ── price lists ──

export const priceListItemIn = z.object({ productId: z.number().int().positive(), unitPrice: price });
export const priceListFields = z
  .object({
    code: text(30).min(1, '请填写价格表编码').regex(/^[0-9A-Za-z_\-.]+$/, '编码只能包含字母、数字、_、- 和 .'),
    name: text(50).min(1, '请填写价格表名称'),
    orderType: orderType.nullish().transform((v) => v ?? null),
    customerClass: customerClass.nullish().transform((v) => v ?? null),
    items: z.array(priceListItemIn).max(5000).default([]),
  })
  .superRefine((p, ctx) => {
    if (p.orderType == null && p.customerClass == null)
      ctx.addIssue({ code: 'custom', path: ['orderType'], message: '请选择适用的订单类型或客户类别（至少一项）' });
    const seen = new Map<number, number>();
    p.items.forEach((it, i) => {
      const first = seen.get(it.productId);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['items', i, 'productId'], message: `与第 ${first + 1} 行商品重复` });
      else seen.set(it.productId, i);
    });
  });
export const priceListCreateBody = priceListFields;
export const priceListUpdateBody = z.intersection(priceListFields, z.object({ version: z.number().int().positive() }));
export type PriceListInput = z.infer<typeof priceListFields>;

export const priceListQuery = z.object({ active: z.enum(['1', '0', 'all']).default('all') });
export const priceListOut = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  orderType: orderType.nullable(),
  customerClass: customerClass.nullable(),
  active: z.boolean(),
  itemCount: z.number(),
  updatedAt: z.string(),
  version: z.number(),
});
export type PriceListOut = z.infer<typeof priceListOut>;
export const priceListItemOut = z.object({
  productId: z.number(),
  code: z.string(),
  name: z.string(),
  spec: z.string().nullable(),
  unit: z.string(),
  listPrice: z.number(),
  productActive: z.boolean(),
  unitPrice: z.number(),
});
export const priceListDetailOut = priceListOut.extend({ items: z.array(priceListItemOut) });
export type PriceListDetail = z.infer<typeof priceListDetailOut>;

/** GET /api/prices/resolve: the unit prices an order of this type for this class of customer gets. */
export const resolveQuery = z.object({
  orderType: orderType.optional(),
  customerClass: customerClass.optional(),
  productIds: z.string().max(2000).regex(/^\d+(,\d+)*$/, 'productIds 应为逗号分隔的数字'),
});
export const resolvedPriceOut = z.object({
  productId: z.number(),
  unitPrice: z.number(),
  source: z.object({ zh: z.string(), en: z.string() }),
});
export const resolveOut = z.array(resolvedPriceOut);
export const priceListsOut = z.object({ items: z.array(priceListOut) });

/**
 * GET /api/products/:id/prices: which price applies to whom — each order type × customer class (null: a
 * customer with no class, 客户未分类), as order entry prices it, and the lists holding the product.
 */
export const productPricesOut = z.object({
  productId: z.number(),
  listPrice: z.number(),
  lists: z.array(z.object({ priceListId: z.number(), code: z.string(), name: z.string(), orderType: orderType.nullable(), customerClass: customerClass.nullable(), unitPrice: z.number() })),
  cells: z.array(z.object({ orderType, customerClass: customerClass.nullable(), unitPrice: z.number(), source: z.object({ zh: z.string(), en: z.string() }), priceListId: z.number().nullable() })),
});
export type ProductPricesOut = z.infer<typeof productPricesOut>;
