import { z } from 'zod';
import type { Db, Executor, Tx } from '../../db/database.ts';
import { writeAuditMany } from '../../platform/audit/audit.ts';
import type { XlsxColumn } from '../../platform/excel/index.ts';
import { formatPrice, parsePrice } from '../../platform/money.ts';
import { actorOf, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { isoNow } from '../../platform/time.ts';
import type { ImportColumn, ImportTarget, ParsedRow, RowError } from '../imports/target.ts';
import * as repo from './repo.ts';
import { productFields, type ProductFilters, type ProductInput } from './schema.ts';
import { productWrite } from './service.ts';

// Product import (商品导入) and export (商品导出) through the shared Excel mechanism (src/modules/imports).
// An export imports back (same column titles); prices are written and read as yuan with up to 4 decimals.

export const productImportColumns: ImportColumn[] = [
  { key: 'code', header: '商品编码', aliases: ['编码', '商品代码', '货号', '物料编码'], required: true, example: 'DY52-500', description: '字母、数字、_、- 或 .，最多 30 位；与已有商品或本表其他行相同的会被标出', width: 14 },
  { key: 'name', header: '商品名称', aliases: ['名称', '品名', '商品'], required: true, example: '滇源老窖 52度', description: '最多 100 字', width: 24 },
  { key: 'spec', header: '规格', aliases: ['规格型号', '型号'], example: '500ml', description: '最多 50 字' },
  { key: 'unit', header: '单位', aliases: ['计量单位', '基本单位'], required: true, example: '瓶', description: '销售和库存的计量单位，如 瓶、听、桶' },
  { key: 'packUnit', header: '包装单位', aliases: ['大包装单位', '箱单位'], example: '箱', description: '如 箱；与“包装数量”同时填写' },
  { key: 'packSize', header: '包装数量', aliases: ['装箱数', '箱规', '每箱数量', '换算'], example: '12', description: '每个包装单位含多少个计量单位，如 1 箱 = 12 瓶 填 12' },
  { key: 'barcode', header: '条码', aliases: ['商品条码', '瓶条码', '69码'], example: '6901234567892', description: '数字或字母，最多 32 位；不能与其他商品的条码或箱条码相同', width: 16 },
  { key: 'packBarcode', header: '箱条码', aliases: ['包装条码', '外箱条码'], example: '16901234567899', width: 16 },
  { key: 'category', header: '分类', aliases: ['商品分类', '类别'], example: '白酒' },
  { key: 'brand', header: '品牌', example: '滇源' },
  { key: 'taxRate', header: '税率(%)', aliases: ['税率', '增值税率'], example: '13', description: '百分数，如 13 或 13%；不填为 13' },
  { key: 'listPrice', header: '标价(含税,元)', aliases: ['标价', '含税单价', '零售价', '单价', '价格'], required: true, example: '128.00', description: '每个计量单位的含税价，元，最多 4 位小数', width: 14 },
  { key: 'costPrice', header: '成本价(元)', aliases: ['成本价', '成本', '进价'], example: '80.00', description: '元，最多 4 位小数' },
  { key: 'shelfLifeDays', header: '保质期(天)', aliases: ['保质期', '保质期天数'], example: '3650', description: '整数天' },
  { key: 'safetyStock', header: '安全库存', aliases: ['最低库存'], example: '120', description: '计量单位数量；库存低于它时提醒' },
  { key: 'targetStock', header: '目标库存', aliases: ['补货目标', '最高库存'], example: '600', description: '补货建议补到这个数量；不低于安全库存' },
  { key: 'trackCodes', header: '扫码出库', aliases: ['箱码管理', '扫码'], example: '是', description: '是 / 否：出库时是否逐箱/逐瓶扫码；不填为 否' },
  { key: 'notes', header: '备注', aliases: ['说明'], width: 24 },
];

const hasCjk = (s: string) => /[\u4e00-\u9fff]/.test(s);
const yes = new Set(['是', 'y', 'yes', '1', 'true', '√', '需要']);
const no = new Set(['否', 'n', 'no', '0', 'false', '×', '不需要']);

/** "128" / "128.5" / "¥1,280.0000" → 0.0001 yuan; null when empty. */
function priceText(label: string, required = false) {
  return z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') {
        if (required) ctx.addIssue({ code: 'custom', message: '必填' });
        return null;
      }
      const text = v.normalize('NFKC').replace(/[¥,\s元]/g, '');
      try {
        return parsePrice(text);
      } catch {
        ctx.addIssue({ code: 'custom', message: `${label}应为不小于 0 的金额（元），最多 4 位小数` });
        return z.NEVER;
      }
    });
}

function intText(label: string) {
  return z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return null;
      const t = v.normalize('NFKC').replace(/[,\s]/g, '');
      if (!/^\d{1,9}$/.test(t)) {
        ctx.addIssue({ code: 'custom', message: `${label}应为不小于 0 的整数` });
        return z.NEVER;
      }
      return Number(t);
    });
}

/** "13" / "13%" / "9.5" → basis points; empty → 13 %. */
const taxText = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === '') return 1300;
    const m = /^(\d{1,3})(?:\.(\d{1,2}))?%?$/.exec(v.normalize('NFKC').replace(/\s/g, ''));
    const bp = m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : NaN;
    if (!m || bp > 10000) {
      ctx.addIssue({ code: 'custom', message: '税率应为 0 到 100 的百分数，如 13 或 13%' });
      return z.NEVER;
    }
    return bp;
  });

const boolText = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === '') return false;
    const t = v.trim().toLowerCase();
    if (yes.has(t)) return true;
    if (no.has(t)) return false;
    ctx.addIssue({ code: 'custom', message: '扫码出库只能填“是”或“否”' });
    return z.NEVER;
  });

const str = z.string().optional();

export type ProductImportRow = z.input<typeof productFields>;

export const productRowSchema = z
  .object({
    code: z.string(), name: z.string(), spec: str, unit: z.string(), packUnit: str, packSize: intText('包装数量'), barcode: str, packBarcode: str,
    category: str, brand: str, taxRate: taxText, listPrice: priceText('标价', true), costPrice: priceText('成本价'), shelfLifeDays: intText('保质期'),
    safetyStock: intText('安全库存'), targetStock: intText('目标库存'), trackCodes: boolText, notes: str,
  })
  .transform(
    (r): ProductImportRow => ({
      code: r.code, name: r.name, spec: r.spec ?? null, unit: r.unit, packUnit: r.packUnit ?? null, packSize: r.packSize, barcode: r.barcode ?? null,
      packBarcode: r.packBarcode ?? null, category: r.category ?? null, brand: r.brand ?? null, taxRateBp: r.taxRate, listPrice: r.listPrice as number,
      costPrice: r.costPrice, shelfLifeDays: r.shelfLifeDays, safetyStock: r.safetyStock ?? 0, targetStock: r.targetStock ?? 0, trackCodes: r.trackCodes, notes: r.notes ?? null,
    }),
  );

const columnOfPath: Record<string, string> = { taxRateBp: 'taxRate' };
const columnOf = (path: string) => columnOfPath[path] ?? (productImportColumns.some((c) => c.key === path) ? path : null);

/**
 * Per-row errors: the product file's own rules, duplicate codes and barcodes within the file (`seen`
 * carries them across batches) and against the company's products (one query per kind per batch).
 */
export async function checkProductRows(db: Executor, ctx: RequestContext, rows: ParsedRow<ProductImportRow>[], seen: Map<string, number> | null): Promise<Map<number, RowError[]>> {
  // at commit (seen = null, inside the commit transaction) no other catalogue writer may run between check and insert
  if (!seen) await repo.lockCatalog(db, ctx.companyId);
  const errors = new Map<number, RowError[]>();
  const add = (row: number, e: RowError) => errors.set(row, [...(errors.get(row) ?? []), e]);
  const ok: { rowNumber: number; p: ProductInput }[] = [];
  for (const r of rows) {
    const parsed = productFields.safeParse(r.data);
    if (!parsed.success) {
      for (const i of parsed.error.issues) add(r.rowNumber, { column: columnOf(i.path.join('.')), message: hasCjk(i.message) ? i.message : '格式不正确' });
      continue;
    }
    ok.push({ rowNumber: r.rowNumber, p: parsed.data });
  }
  if (seen) {
    for (const { rowNumber, p } of ok) {
      const keys: [string, string | null, string][] = [
        ['code', `c:${p.code.toLowerCase()}`, '商品编码'],
        ['barcode', p.barcode && `b:${p.barcode}`, '条码'],
        ['packBarcode', p.packBarcode && `b:${p.packBarcode}`, '箱条码'],
      ];
      let clash = false;
      for (const [column, key, label] of keys) {
        if (!key) continue;
        const first = seen.get(key);
        if (first !== undefined) {
          add(rowNumber, { column, message: `${label}与第 ${first} 行重复` });
          clash = true;
        }
      }
      if (!clash) for (const [, key] of keys) if (key) seen.set(key, rowNumber);
    }
  }
  const existingCodes = await repo.productsByCodes(db, ctx.companyId, ok.map((o) => o.p.code));
  const byCode = new Map(existingCodes.map((e) => [e.code, e]));
  const barcodes = [...new Set(ok.flatMap((o) => [o.p.barcode, o.p.packBarcode]).filter((b): b is string => !!b))];
  const clashes = await repo.productsByBarcodes(db, ctx.companyId, barcodes);
  for (const { rowNumber, p } of ok) {
    const c = byCode.get(p.code);
    if (c) add(rowNumber, { column: 'code', message: `商品编码已被已有商品「${c.name}」使用` });
    for (const field of ['barcode', 'packBarcode'] as const) {
      const v = p[field];
      const other = v ? clashes.find((x) => x.barcode === v || x.packBarcode === v) : undefined;
      if (other) add(rowNumber, { column: field, message: `条码已被已有商品「${other.name}」（${other.code}）使用` });
    }
  }
  return errors;
}

/** Inserts a checked batch (checkRows ran again in this transaction): multi-row inserts, one audit entry per product. */
export async function insertProductRows(tx: Tx, ctx: RequestContext, rows: ParsedRow<ProductImportRow>[]): Promise<number> {
  const now = isoNow();
  const values = rows.map((r) => productWrite(productFields.parse(r.data)));
  const ids: number[] = [];
  for (let i = 0; i < values.length; i += 200) {
    const chunk = values.slice(i, i + 200).map((v) => ({ ...v, companyId: ctx.companyId, active: 1, createdBy: ctx.userId, createdAt: now, updatedAt: now }));
    const inserted = await tx.insertInto('products').values(chunk).returning('id').execute();
    ids.push(...inserted.map((r) => r.id));
  }
  await writeAuditMany(
    tx,
    actorOf(ctx),
    values.map((v, i) => {
      const { searchKey: _k, ...after } = v;
      return { action: 'product.import', entity: 'product', entityId: ids[i]!, after };
    }),
  );
  return ids.length;
}

export const productImportTarget: ImportTarget<ProductImportRow> = {
  kind: 'products',
  label: '商品',
  permission: 'product.import',
  columns: productImportColumns,
  rowSchema: productRowSchema,
  checkRows: checkProductRows,
  insertRows: insertProductRows,
};

// ─── Export ───────────────────────────────────────────────────────────────────────────────

export const productExportColumns: XlsxColumn[] = [
  ...productImportColumns.map((c) => ({ header: c.header, key: c.key, width: c.width })),
  { header: '状态', key: 'status', width: 8 },
];

const EXPORT_LIMIT = 100_000;

/** The products of the list as filtered, as rows with the import's titles (an export imports back). */
export async function productExportRows(db: Db, ctx: RequestContext, filters: ProductFilters): Promise<Record<string, unknown>[]> {
  requirePermission(ctx, 'product.export');
  const rows = await repo.productsForExport(db, ctx.companyId, filters, EXPORT_LIMIT);
  return rows.map((p) => ({
    code: p.code, name: p.name, spec: p.spec, unit: p.unit, packUnit: p.packUnit, packSize: p.packSize, barcode: p.barcode, packBarcode: p.packBarcode,
    category: p.category, brand: p.brand, taxRate: bpText(p.taxRateBp), listPrice: formatPrice(p.listPrice), costPrice: p.costPrice == null ? null : formatPrice(p.costPrice),
    shelfLifeDays: p.shelfLifeDays, safetyStock: p.safetyStock, targetStock: p.targetStock, trackCodes: p.trackCodes ? '是' : '否', notes: p.notes,
    status: p.active ? '启用' : '停用',
  }));
}

/** 1300 → "13", 950 → "9.5" */
const bpText = (bp: number) => {
  const whole = Math.trunc(bp / 100);
  const frac = bp % 100;
  return frac ? `${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}` : String(whole);
};
