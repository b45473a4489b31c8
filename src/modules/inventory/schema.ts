import { z } from 'zod';
import { dateText, flag, id, optionalText, page, pageSize, queryId as qid, text, version, productOnLine } from '../../platform/schema-parts.ts';
import { normalizeUnitCode } from '../../platform/unit-code.ts';
import { purchaseStatuses, signRoles, stockDocStatuses, stockDocTypes } from './labels.ts';

// Inventory 库存: zod schemas of the API, imported by the web too (so: zod only, no server imports).
export * from './labels.ts';

/** quantities are integers of the product's unit */
export const MAX_QUANTITY = 1_000_000_000;

export const idParams = z.object({ id: qid });
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });

// ── warehouses ──
export const warehouseBody = z.object({
  code: text(20).min(1, '请填写仓库编码').regex(/^[A-Za-z0-9_-]+$/, '编码只能包含字母、数字、- 和 _'),
  name: text(50).min(1, '请填写仓库名称'),
  address: optionalText(200),
  keeperId: id.nullish().transform((v) => v ?? null),
  active: z.boolean().default(true),
});
export type WarehouseBody = z.infer<typeof warehouseBody>;
export const warehouseUpdateBody = warehouseBody.extend({ version });
export type WarehouseUpdateBody = z.infer<typeof warehouseUpdateBody>;
export const warehouseListQuery = z.object({
  q: z.string().max(50).optional(),
  active: flag.optional(),
  page,
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type WarehouseListQuery = z.infer<typeof warehouseListQuery>;
export const warehouseOut = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  keeperId: z.number().nullable(),
  keeperName: z.string().nullable(),
  active: z.boolean(),
  version: z.number(),
  updatedAt: z.string(),
});
export type WarehouseOut = z.infer<typeof warehouseOut>;

// ── stock ──
export const stockSortKeys = ['productCode', 'productName', 'warehouse', 'onHand', 'available'] as const;
export const stockListQuery = z.object({
  warehouseId: qid.optional(),
  productId: qid.optional(),
  /** product code, name (characters, pinyin, initials) or barcode */
  q: z.string().max(50).optional(),
  category: z.string().max(50).optional(),
  /** on hand below the product's safety stock */
  belowSafety: flag.optional(),
  /** holding a batch that expires within this many days (expired ones included) */
  expiringDays: z.coerce.number().int().min(0).max(3650).optional(),
  /** leave out rows with nothing on hand and nothing reserved */
  nonZero: flag.optional(),
  sort: z.enum(stockSortKeys).default('productCode'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page,
  pageSize,
});
export type StockListQuery = z.infer<typeof stockListQuery>;
/** The warehouse × product a stock row is about (every stock list shows these). */
const productInWarehouse = {
  warehouseId: z.number(),
  warehouseName: z.string(),
  ...productOnLine,
  /** the product's case (1 箱 = 12 瓶), for the case figure shown beside a quantity; null: none */
  packUnit: z.string().nullable(),
  packSize: z.number().nullable(),
};
export const stockLevelOut = z.object({
  id: z.number(),
  ...productInWarehouse,
  category: z.string().nullable(),
  onHand: z.number(),
  reserved: z.number(),
  available: z.number(),
  /** the warehouse's own figures when set (ownLimits), else the product's */
  safetyStock: z.number(),
  targetStock: z.number(),
  ownLimits: z.boolean(),
  belowSafety: z.boolean(),
  nearestExpiry: z.string().nullable(),
});
export type StockLevelOut = z.infer<typeof stockLevelOut>;

/** A warehouse's own safety and target stock of a product; null: the product's figures apply. */
export const stockLimitsBody = z.object({
  warehouseId: id,
  productId: id,
  safetyStock: z.number().int('须为整数').min(0).max(MAX_QUANTITY).nullable(),
  targetStock: z.number().int('须为整数').min(0).max(MAX_QUANTITY).nullable(),
});
export type StockLimitsBody = z.infer<typeof stockLimitsBody>;

export const batchListQuery = z.object({
  warehouseId: qid.optional(),
  productId: qid.optional(),
  q: z.string().max(50).optional(),
  category: z.string().max(50).optional(),
  batchNo: z.string().max(50).optional(),
  expiringDays: z.coerce.number().int().min(0).max(3650).optional(),
  /** also list batches that are used up */
  includeEmpty: flag.optional(),
  sort: z.enum(['expiryDate', 'batchNo', 'productCode', 'onHand']).default('expiryDate'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page,
  pageSize,
});
export type BatchListQuery = z.infer<typeof batchListQuery>;
export const batchOut = z.object({
  id: z.number(),
  ...productInWarehouse,
  batchNo: z.string(),
  productionDate: z.string().nullable(),
  expiryDate: z.string().nullable(),
  onHand: z.number(),
  /** days from today to the expiry date (negative: expired) */
  daysToExpiry: z.number().nullable(),
});
export type BatchOut = z.infer<typeof batchOut>;

/** A batch picker's question: the batches with stock of one product in one warehouse. */
export const batchPickQuery = z.object({ warehouseId: qid, productId: qid });
export type BatchPickQuery = z.infer<typeof batchPickQuery>;
export const batchPickOut = z.object({
  product: z.object({ id: z.number(), code: z.string(), name: z.string(), spec: z.string().nullable(), unit: z.string(), packUnit: z.string().nullable(), packSize: z.number().nullable() }),
  /** the warehouse's level of the product: reserved units (orders) are not the batches' to give */
  onHand: z.number(),
  reserved: z.number(),
  available: z.number(),
  /** nearest expiry first, no expiry last (the order of first-expiry-first-out); at most BATCH_PICK_LIMIT */
  items: z.array(z.object({
    batchNo: z.string(),
    productionDate: z.string().nullable(),
    expiryDate: z.string().nullable(),
    onHand: z.number(),
    /** what an issue may take from this batch: its on hand, at most the level's available */
    available: z.number(),
    daysToExpiry: z.number().nullable(),
    expired: z.boolean(),
  })),
  /** batches with stock in all (more than items when over the limit) */
  total: z.number(),
});
export type BatchPickOut = z.infer<typeof batchPickOut>;

export const atDateQuery = z.object({
  date: dateText,
  warehouseId: qid.optional(),
  q: z.string().max(50).optional(),
  category: z.string().max(50).optional(),
  page,
  pageSize,
});
export type AtDateQuery = z.infer<typeof atDateQuery>;
export const atDateOut = z.object({
  key: z.string(),
  ...productInWarehouse,
  onHand: z.number(),
});

export const ledgerQuery = z.object({
  productId: qid,
  warehouseId: qid.optional(),
  from: dateText.optional(),
  to: dateText.optional(),
  page,
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type LedgerQuery = z.infer<typeof ledgerQuery>;
export const ledgerRowOut = z.object({
  id: z.number(),
  businessDate: z.string(),
  warehouseId: z.number(),
  warehouseName: z.string(),
  batchNo: z.string(),
  quantity: z.number(),
  /** on hand (of the filtered warehouse, or all) after this movement */
  balance: z.number(),
  docType: z.string(),
  docId: z.number(),
  docNo: z.string(),
  /** this row takes back an earlier one (a void) */
  reversal: z.boolean(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export const ledgerPage = pageOf(ledgerRowOut).extend({
  product: z.object({ id: z.number(), code: z.string(), name: z.string(), spec: z.string().nullable(), unit: z.string(), packUnit: z.string().nullable(), packSize: z.number().nullable() }),
  /** on hand before `from` (0 without it) and at `to` (or now) */
  opening: z.number(),
  closing: z.number(),
});

export const checkDifference = z.object({
  kind: z.enum(['level', 'batch', 'batches_vs_level', 'reserved', 'period_moves']),
  warehouseId: z.number(),
  warehouseName: z.string().nullable(),
  productId: z.number(),
  productCode: z.string().nullable(),
  productName: z.string().nullable(),
  batchNo: z.string().nullable(),
  /** what the stock table says */
  table: z.number(),
  /** what the ledger (or the batches, or the reservations) sum to */
  expected: z.number(),
});
export const checkOut = z.object({
  checkedAt: z.string(),
  levels: z.number(),
  batches: z.number(),
  ledgerRows: z.number(),
  ok: z.boolean(),
  differences: z.array(checkDifference),
});
export type CheckOut = z.infer<typeof checkOut>;

// ── stock documents ──
export const stockDocType = z.enum(stockDocTypes);
export const stockDocStatus = z.enum(stockDocStatuses);
// stored as every module stores unit codes (platform/unit-code.ts): a full-width or lower-case scan is the same code
export const boxCode = z.string().transform(normalizeUnitCode).pipe(text(64).min(1).regex(/^[\x21-\x7e]+$/, '箱码只能包含字母、数字和符号，不能有空格'));

export const documentLineIn = z.object({
  productId: id,
  batchNo: optionalText(50),
  productionDate: dateText.nullish().transform((v) => v ?? null),
  expiryDate: dateText.nullish().transform((v) => v ?? null),
  /** moved; for a count: the counted quantity (0 allowed) */
  quantity: z.number().int('数量须为整数').min(0).max(MAX_QUANTITY),
  remarks: optionalText(200),
  /** box codes 箱码: inbound — of the goods received (registered in stock); outbound — of the boxes issued (must be in stock there) */
  boxCodes: z.array(boxCode).max(1000).nullish().transform((v) => v ?? []),
});
export type DocumentLineIn = z.infer<typeof documentLineIn>;

export const documentFields = z.object({
  warehouseId: id,
  /** transfer: the receiving warehouse */
  toWarehouseId: id.nullish().transform((v) => v ?? null),
  businessDate: dateText.nullish().transform((v) => v ?? null),
  /** supplier (inbound) or recipient unit / person (outbound) */
  counterparty: optionalText(100),
  reason: optionalText(200),
  remarks: optionalText(500),
  /** the handler 经手人 (recipient, deliverer): a member who signs with their own login; needed to submit */
  handlerId: id.nullish().transform((v) => v ?? null),
  lines: z.array(documentLineIn).min(1, '请至少填写一行').max(200),
  /** submit at once (number assigned, stock moved) */
  submit: z.boolean().default(false),
});
export type DocumentBody = z.infer<typeof documentFields>;
export const MAX_BOX_CODES = 5000;
const boxCodeLimit = (b: { lines: { boxCodes: string[] }[] }, c: z.RefinementCtx) => {
  if (b.lines.reduce((n, l) => n + l.boxCodes.length, 0) > MAX_BOX_CODES) c.addIssue({ code: 'custom', path: ['lines'], message: `一张单据最多登记 ${MAX_BOX_CODES} 个箱码，请分单录入` });
};
export const documentBody = documentFields.superRefine(boxCodeLimit);
export const documentUpdateBody = documentFields.extend({ version }).superRefine(boxCodeLimit);
export type DocumentUpdateBody = z.infer<typeof documentUpdateBody>;
export const versionBody = z.object({ version });
export const voidBody = z.object({ reason: text(500), version });
export const signBody = z.object({ role: z.enum(signRoles) });

export const documentListQuery = z.object({
  docType: stockDocType.optional(),
  status: stockDocStatus.optional(),
  warehouseId: qid.optional(),
  from: dateText.optional(),
  to: dateText.optional(),
  /** number, supplier / recipient, reason */
  q: z.string().max(50).optional(),
  /** business date (then number), newest first, unless asked otherwise */
  sort: z.enum(['businessDate', 'number', 'id']).default('businessDate'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page,
  pageSize,
});
export type DocumentListQuery = z.infer<typeof documentListQuery>;

const signatureOut = {
  keeperSignedBy: z.number().nullable(),
  keeperSignedByName: z.string().nullable(),
  keeperSignedAt: z.string().nullable(),
  preparerSignedBy: z.number().nullable(),
  preparerSignedByName: z.string().nullable(),
  preparerSignedAt: z.string().nullable(),
  handlerSignedBy: z.number().nullable(),
  handlerSignedByName: z.string().nullable(),
  handlerSignedAt: z.string().nullable(),
};

export const documentListItem = z.object({
  id: z.number(),
  docType: stockDocType,
  number: z.string().nullable(),
  status: stockDocStatus,
  warehouseId: z.number(),
  warehouseName: z.string(),
  toWarehouseId: z.number().nullable(),
  toWarehouseName: z.string().nullable(),
  businessDate: z.string(),
  counterparty: z.string().nullable(),
  reason: z.string().nullable(),
  totalQuantity: z.number(),
  lineCount: z.number(),
  preparerName: z.string().nullable(),
  handlerId: z.number().nullable(),
  handlerName: z.string().nullable(),
  submittedAt: z.string().nullable(),
  keeperSignedAt: z.string().nullable(),
  preparerSignedAt: z.string().nullable(),
  handlerSignedAt: z.string().nullable(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
  createdAt: z.string(),
});
export type DocumentListItem = z.infer<typeof documentListItem>;

export const documentLineOut = z.object({
  id: z.number(),
  lineNo: z.number(),
  ...productOnLine,
  /** the product's case, for the case figure under a quantity; null: none */
  packUnit: z.string().nullable(),
  packSize: z.number().nullable(),
  batchNo: z.string().nullable(),
  productionDate: z.string().nullable(),
  expiryDate: z.string().nullable(),
  quantity: z.number(),
  bookQuantity: z.number().nullable(),
  /** count: counted − book (after submit) */
  difference: z.number().nullable(),
  remarks: z.string().nullable(),
  boxCodes: z.array(z.string()),
});
export type DocumentLineOut = z.infer<typeof documentLineOut>;

export const movementOut = z.object({
  id: z.number(),
  warehouseName: z.string(),
  productCode: z.string(),
  productName: z.string(),
  spec: z.string().nullable(),
  unit: z.string(),
  batchNo: z.string(),
  quantity: z.number(),
  businessDate: z.string(),
  reversal: z.boolean(),
});

export const documentOut = documentListItem.extend({
  remarks: z.string().nullable(),
  version: z.number(),
  preparerId: z.number(),
  submittedByName: z.string().nullable(),
  voidedByName: z.string().nullable(),
  ...signatureOut,
  /** the places the logged-in user may sign now (each role by its own person; nobody fills two) */
  mySignRoles: z.array(z.enum(signRoles)),
  lines: z.array(documentLineOut),
  /** the ledger rows of this document (its stock movements and, after a void, their reversal) */
  movements: z.array(movementOut),
});
export type DocumentOut = z.infer<typeof documentOut>;

// ── alerts, replenishment, purchase requests ──
export const lowStockQuery = z.object({ warehouseId: qid.optional(), q: z.string().max(50).optional(), page, pageSize });
/** batches expiring within `days` (default: the company's setting, 30 unless changed); expired ones included */
export const expiringQuery = lowStockQuery.extend({ days: z.coerce.number().int().min(0).max(3650).optional() });
export const expiringPage = pageOf(batchOut).extend({ days: z.number() });
export const lowStockOut = z.object({
  key: z.string(),
  ...productInWarehouse,
  onHand: z.number(),
  reserved: z.number(),
  available: z.number(),
  safetyStock: z.number(),
  shortBy: z.number(),
});
export const replenishmentOut = lowStockOut.omit({ shortBy: true }).extend({
  targetStock: z.number(),
  /** open and ordered purchase requests */
  incoming: z.number(),
  /** on hand − reserved + incoming */
  projected: z.number(),
  /** to order so that the projection reaches the target (or the safety stock when no target is set) */
  suggested: z.number(),
});
export type ReplenishmentOut = z.infer<typeof replenishmentOut>;

export const purchaseStatus = z.enum(purchaseStatuses);
export const purchaseRequestBody = z.object({
  productId: id,
  warehouseId: id,
  quantity: z.number().int('数量须为整数').min(1, '数量须大于 0').max(MAX_QUANTITY),
  /** raised by a user: from a replenishment suggestion or by hand (orders raise theirs through the service) */
  sourceType: z.enum(['replenishment', 'manual']).default('manual'),
  reason: optionalText(500),
});
export type PurchaseRequestBody = z.infer<typeof purchaseRequestBody>;
export const purchaseListQuery = z.object({
  status: purchaseStatus.optional(),
  warehouseId: qid.optional(),
  productId: qid.optional(),
  q: z.string().max(50).optional(),
  page,
  pageSize,
});
export type PurchaseListQuery = z.infer<typeof purchaseListQuery>;
export const purchaseRequestOut = z.object({
  id: z.number(),
  number: z.string(),
  status: purchaseStatus,
  ...productOnLine,
  warehouseId: z.number(),
  warehouseName: z.string(),
  quantity: z.number(),
  sourceType: z.string().nullable(),
  sourceId: z.number().nullable(),
  /** the number of the source document (a sales order), when there is one */
  sourceNo: z.string().nullable(),
  reason: z.string().nullable(),
  requestedByName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
  voidedAt: z.string().nullable(),
  voidedByName: z.string().nullable(),
  voidReason: z.string().nullable(),
});
export type PurchaseRequestOut = z.infer<typeof purchaseRequestOut>;
