import { z } from 'zod';
import type { Db, Executor, Tx } from '../../db/database.ts';
import { writeAuditMany, type AuditEntry } from '../../platform/audit/audit.ts';
import { staleVersion } from '../../platform/errors/app-error.ts';
import type { XlsxColumn } from '../../platform/excel/index.ts';
import { formatPrice } from '../../platform/money.ts';
import { actorOf, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { isoNow } from '../../platform/time.ts';
import type { ImportColumn, ImportTarget, ParsedRow, RowChange, RowError, RowPlan } from '../imports/target.ts';
import * as repo from './repo.ts';
import { productFields, type ProductFilters, type ProductInput } from './schema.ts';
import { productWrite } from './service.ts';
import { readPrice, taxRates, taxRatesText } from './price-text.ts';

// Product import (商品导入) and export (商品导出) through the shared Excel mechanism (src/modules/imports).
// An export imports back (same column titles); prices are written and read as yuan with up to 4 decimals.

export const productImportColumns: ImportColumn[] = [
  { key: 'code', header: '商品编码', aliases: ['编码', '商品代码', '货号', '物料编码'], required: true, example: 'DY52-500', description: '字母、数字、_、- 或 .，最多 30 位；与本表其他行相同的会被标出。编码和名称都与已有商品相同的行会修改该商品（导出的商品列表改好后可直接导入），完全相同的行算作“无变化”，不做改动', width: 14 },
  { key: 'name', header: '商品名称', aliases: ['名称', '品名', '商品'], required: true, example: '滇源老窖 52度', description: '最多 100 字', width: 24 },
  { key: 'spec', header: '规格', aliases: ['规格型号', '型号'], example: '500ml', description: '最多 50 字' },
  { key: 'unit', header: '单位', aliases: ['计量单位', '基本单位'], required: true, example: '瓶', description: '销售和库存的计量单位，如 瓶、听、罐、盒、桶；须是常用单位或已有商品用过的单位；大小写或全角不同（ML、ｍｌ）算同一单位，按已有商品的写法保存' },
  { key: 'packUnit', header: '包装单位', aliases: ['大包装单位', '箱单位'], example: '箱', description: '如 箱；与“包装数量”同时填写' },
  { key: 'packSize', header: '包装数量', aliases: ['装箱数', '箱规', '每箱数量', '换算'], example: '12', description: '每个包装单位含多少个计量单位，如 1 箱 = 12 瓶 填 12' },
  { key: 'barcode', header: '条码', aliases: ['商品条码', '瓶条码', '69码'], example: '6901234567892', description: '数字或字母，最多 32 位；不能与其他商品的条码或箱条码相同', width: 16 },
  { key: 'packBarcode', header: '箱条码', aliases: ['包装条码', '外箱条码'], example: '16901234567899', width: 16 },
  { key: 'category', header: '分类', aliases: ['商品分类', '类别'], example: '白酒' },
  { key: 'brand', header: '品牌', example: '滇源' },
  { key: 'taxRate', header: '税率(%)', aliases: ['税率', '增值税率'], example: '13', description: '增值税率：13、9、6、3、1 或 0（可带 %）；不填为 13' },
  { key: 'listPrice', header: '标价(含税,元)', aliases: ['标价', '含税单价', '零售价', '单价', '价格'], required: true, example: '128.00', description: '每个计量单位的含税价，元，最多 4 位小数', width: 14 },
  { key: 'costPrice', header: '成本价(元)', aliases: ['成本价', '成本', '进价'], example: '80.00', description: '元，最多 4 位小数' },
  { key: 'shelfLifeDays', header: '保质期(天)', aliases: ['保质期', '保质期天数'], example: '3650', description: '整数天' },
  { key: 'safetyStock', header: '安全库存', aliases: ['最低库存'], example: '120', description: '计量单位数量；库存低于它时提醒' },
  { key: 'targetStock', header: '目标库存', aliases: ['补货目标', '最高库存'], example: '600', description: '补货建议补到这个数量；不低于安全库存' },
  { key: 'trackCodes', header: '扫码出库', aliases: ['箱码管理', '扫码'], example: '是', description: '是 / 否：出库时是否逐箱/逐瓶扫码；不填为 否' },
  { key: 'notes', header: '备注', aliases: ['说明'], width: 24 },
  { key: 'status', header: '状态', aliases: ['启用状态'], example: '启用', description: '启用 / 停用；不填：新商品为启用，已有商品不变（停用的商品不能再下单）', width: 8 },
];

const hasCjk = (s: string) => /[\u4e00-\u9fff]/.test(s);
const yes = new Set(['是', 'y', 'yes', '1', 'true', '√', '需要']);
const no = new Set(['否', 'n', 'no', '0', 'false', '×', '不需要']);

/** Full-width letters and digits (ＤＹ－００１, １２) as typed by a Chinese input method, made half-width; trimmed. */
const half = (v: string | undefined) => (v === undefined ? undefined : v.normalize('NFKC').trim());

/**
 * The units of measure a sales department uses (计量单位). A unit outside them and outside the company's
 * own products is refused on import: "pcs", "瓶子" or a shifted column would otherwise become a unit
 * that no order, slip or stock count can add up with the others.
 */
export const knownUnits = new Set([
  '瓶', '听', '罐', '盒', '桶', '坛', '箱', '件', '袋', '包', '个', '只', '支', '条', '提', '板', '托', '套', '台', '把', '张', '本', '卷',
  '双', '对', '打', '杯', '壶', '份', '块', '根', '粒', '片', '组', '盘', '扎', '捆', '筒', '枚', '斤', '公斤', '千克', 'kg', '克', 'g', '吨',
  '升', 'l', '毫升', 'ml', '米', 'm', '平方米', '立方米',
]);
const unitKey = (u: string) => u.normalize('NFKC').trim().toLowerCase();

/**
 * How the company spells each unit, by unitKey: the spelling most of its products use (one already
 * half-width before a full-width one), else the common unit's own. An import row's 'ML' is stored as the
 * company's 'ml', so orders, slips and stock counts add it up with the rest; a key absent is no unit.
 */
type UnitSpellings = Map<string, string>;
async function unitSpellings(db: Executor, companyId: number): Promise<UnitSpellings> {
  const rank = (u: { unit: string; n: number }) => [u.unit === u.unit.normalize('NFKC').trim() ? 0 : 1, -u.n] as const;
  const used = (await repo.unitsInUse(db, companyId)).sort((a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    return ra[0] - rb[0] || ra[1] - rb[1] || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0);
  });
  const spellings: UnitSpellings = new Map();
  for (const u of used) if (!spellings.has(unitKey(u.unit))) spellings.set(unitKey(u.unit), u.unit);
  for (const u of knownUnits) if (!spellings.has(u)) spellings.set(u, u);
  return spellings;
}
/** The preview's unit spellings, read at its first batch and kept for the rest (keyed by the preview's own duplicate map). */
const previewUnits = new WeakMap<Map<string, number>, UnitSpellings>();

/** The row with its units spelt as the company spells them. */
const spelt = (p: ProductInput, units: UnitSpellings): ProductInput => ({
  ...p, unit: units.get(unitKey(p.unit)) ?? p.unit, packUnit: p.packUnit == null ? p.packUnit : (units.get(unitKey(p.packUnit)) ?? p.packUnit),
});

/**
 * A number cell reaches the row as its float's text (cellText): 98 × 0.92 is 90.16000000000001, 0.1 + 0.2 is
 * 0.30000000000000004, a tiny value 1e-7. It is read back to 15 significant digits — as many as a double
 * holds exactly, so the noise is gone and nothing a person typed is — and written as plain decimal text
 * (string arithmetic, no rounding to a number of decimals): the price reader then takes it or, with more
 * than 4 decimals, the row says so. Text that is not a number in JavaScript's notation is left as it is.
 */
export function numberCellText(v: string | undefined): string | undefined {
  const t = v?.trim();
  if (!t || !/^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return v;
  const n = Number(t);
  return Number.isFinite(n) ? plainDecimal(n.toPrecision(15)) : v;
}

/** "1.00000000000000e-7" → "0.0000001", "90.1600000000000" → "90.16", "1.20000000000000e+16" → "12000000000000000". */
function plainDecimal(text: string): string {
  const m = /^(-?)(\d+)(?:\.(\d*))?(?:e([-+]?\d+))?$/i.exec(text);
  if (!m) return text;
  let digits = m[2]! + (m[3] ?? '');
  let point = m[2]!.length + Number(m[4] ?? 0);
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const frac = digits.slice(point).replace(/0+$/, '');
  return `${m[1]}${whole}${frac ? `.${frac}` : ''}`;
}

/** "128" / "128.5" / "¥1,280.0000" / "１２８．５" / a number cell → 0.0001 yuan; null when empty. */
function priceText(label: string, required = false) {
  return z
    .string()
    .optional()
    .transform((v, ctx) => {
      const text = numberCellText(v);
      const price = readPrice(text);
      if (price === null) {
        if (required) ctx.addIssue({ code: 'custom', message: '必填' });
        return null;
      }
      if (Number.isNaN(price)) {
        const negative = /^\s*[-－]/.test(v ?? '');
        const decimals = /^\d*\.(\d{5,})$/.exec(text?.trim() ?? '')?.[1]?.length;
        ctx.addIssue({
          code: 'custom',
          message: negative
            ? `${label}不能为负数`
            : decimals
              ? `${label}「${text}」有 ${decimals} 位小数：价格最多 4 位小数（精确到 0.0001 元），请在表格中改为 4 位以内`
              : `${label}「${v!.trim()}」不是金额：应为元，最多 4 位小数，如 128、128.5 或 ¥1,280.00`,
        });
        return z.NEVER;
      }
      return price;
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

/**
 * "13" / "13%" / "9" → basis points; empty → 13 %. A cell formatted as a percentage holds 0.13 for 13 %:
 * read as 13 % (no fraction of a percent is a VAT rate). Only the rates of taxRates.
 */
const taxText = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === '') return 1300;
    const t = v.normalize('NFKC').replace(/\s/g, '');
    const m = /^(\d{1,3}(?:\.\d{1,4})?)(%?)$/.exec(t);
    const n = m ? Number(m[1]) : NaN;
    const bp = m && !m[2] && n > 0 && n < 1 ? Math.round(n * 10000) : Math.round(n * 100);
    if (!(taxRates as readonly number[]).includes(bp)) {
      ctx.addIssue({ code: 'custom', message: `税率「${v.trim()}」不对：只能是 ${taxRatesText}（填 13 或 13%）` });
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
const halfStr = z.string().optional().transform(half);

/** A row: the product file's fields, and 状态 when filled (true 启用, false 停用). */
export type ProductImportRow = z.input<typeof productFields> & { active?: boolean | null };

const statusText = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const t = (v ?? '').trim();
    if (t === '') return null;
    if (['启用', '正常', '在售', 'active'].includes(t.toLowerCase())) return true;
    if (['停用', '禁用', '停售', 'inactive'].includes(t.toLowerCase())) return false;
    ctx.addIssue({ code: 'custom', message: '状态只能填“启用”或“停用”' });
    return z.NEVER;
  });

export const productRowSchema = z
  .object({
    code: z.string().transform((v) => half(v)!), name: z.string(), spec: str, unit: z.string().transform((v) => half(v)!), packUnit: halfStr, packSize: intText('包装数量'),
    barcode: halfStr, packBarcode: halfStr, category: str, brand: str, taxRate: taxText, listPrice: priceText('标价', true), costPrice: priceText('成本价'),
    shelfLifeDays: intText('保质期'), safetyStock: intText('安全库存'), targetStock: intText('目标库存'), trackCodes: boolText, notes: str, status: statusText,
  })
  .transform(
    (r): ProductImportRow => ({
      code: r.code, name: r.name, spec: r.spec ?? null, unit: r.unit, packUnit: r.packUnit ?? null, packSize: r.packSize, barcode: r.barcode ?? null,
      packBarcode: r.packBarcode ?? null, category: r.category ?? null, brand: r.brand ?? null, taxRateBp: r.taxRate, listPrice: r.listPrice as number,
      costPrice: r.costPrice, shelfLifeDays: r.shelfLifeDays, safetyStock: r.safetyStock ?? 0, targetStock: r.targetStock ?? 0, trackCodes: r.trackCodes, notes: r.notes ?? null, active: r.status,
    }),
  );

const columnOfPath: Record<string, string> = { taxRateBp: 'taxRate' };
const columnOf = (path: string) => columnOfPath[path] ?? (productImportColumns.some((c) => c.key === path) ? path : null);

/** A product-file rule's message in Chinese: its own, or for zod's generic limits the limit ("不能超过 100 个字"). */
function zhMessage(i: z.core.$ZodIssue): string {
  if (hasCjk(i.message)) return i.message;
  if (i.code === 'too_big') return i.origin === 'string' ? `不能超过 ${String(i.maximum)} 个字` : `不能大于 ${String(i.maximum)}`;
  if (i.code === 'too_small') return i.origin === 'string' ? '必填' : `不能小于 ${String(i.minimum)}`;
  return '格式不正确';
}

/** The fields an import row sets; a row whose fields all equal the product's changes nothing. */
const comparedFields = [
  'name', 'spec', 'unit', 'packUnit', 'packSize', 'barcode', 'packBarcode', 'category', 'brand', 'taxRateBp', 'listPrice', 'costPrice', 'shelfLifeDays',
  'safetyStock', 'targetStock', 'trackCodes', 'notes',
] as const;
type Written = repo.ProductWrite & { active: number | null };
const written = (p: ProductInput, active: boolean | null | undefined): Written => ({ ...productWrite(p), active: active == null ? null : active ? 1 : 0 });
function changedFields(current: repo.ProductRow, row: Written): string[] {
  const fields: string[] = comparedFields.filter((k) => (current[k] ?? null) !== (row[k] ?? null));
  if (row.active !== null && row.active !== current.active) fields.push('active');
  return fields;
}

/**
 * Per-row errors: the product file's own rules, units nobody uses, duplicate codes and barcodes within the
 * file (`seen` carries them across batches) and against the company's products (one query per kind per batch).
 * A row with the code of an existing product of the same name is no error: it updates that product, or is
 * unchanged (classifyProductRows), so an exported list edited in Excel imports back.
 */
export async function checkProductRows(db: Executor, ctx: RequestContext, rows: ParsedRow<ProductImportRow>[], seen: Map<string, number> | null): Promise<Map<number, RowError[]>> {
  // at commit (seen = null, inside the commit transaction) no other catalogue writer may run between check and insert
  if (!seen) await repo.lockCatalog(db, ctx.companyId);
  const errors = new Map<number, RowError[]>();
  const add = (row: number, e: RowError) => errors.set(row, [...(errors.get(row) ?? []), e]);
  const ok: { rowNumber: number; p: ProductInput; active: boolean | null | undefined }[] = [];
  for (const r of rows) {
    const parsed = productFields.safeParse(r.data);
    if (!parsed.success) {
      for (const i of parsed.error.issues) add(r.rowNumber, { column: columnOf(i.path.join('.')), message: zhMessage(i) });
      continue;
    }
    ok.push({ rowNumber: r.rowNumber, p: parsed.data, active: r.data.active });
  }
  // the company's units: read once per preview (its batches share `seen`) and once per commit batch
  let units = seen ? previewUnits.get(seen) : undefined;
  if (!units) {
    units = await unitSpellings(db, ctx.companyId);
    if (seen) previewUnits.set(seen, units);
  }
  for (const { rowNumber, p } of ok) {
    for (const [column, label, u] of [['unit', '计量单位', p.unit], ['packUnit', '包装单位', p.packUnit]] as const) {
      if (u && !units.has(unitKey(u)))
        add(rowNumber, { column, message: `${label}「${u}」不是常用单位，请改为 瓶、听、罐、盒、桶、箱 等；确需新单位，请先在商品档案中新建一个用它的商品` });
    }
    if (p.packUnit && unitKey(p.packUnit) === unitKey(p.unit)) add(rowNumber, { column: 'packUnit', message: '包装单位不能与计量单位相同' });
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
  const byCode = new Map((await repo.productsByCodesFull(db, ctx.companyId, ok.map((o) => o.p.code))).map((e) => [e.code, e]));
  const barcodes = [...new Set(ok.flatMap((o) => [o.p.barcode, o.p.packBarcode]).filter((b): b is string => !!b))];
  const clashes = await repo.productsByBarcodes(db, ctx.companyId, barcodes);
  for (const { rowNumber, p } of ok) {
    const c = byCode.get(p.code);
    if (c && c.name !== p.name) add(rowNumber, { column: 'code', message: `商品编码已被已有商品「${c.name}」使用（名称不同，不会改动它；改名请在商品档案里编辑）` });
    for (const field of ['barcode', 'packBarcode'] as const) {
      const v = p[field];
      const other = v ? clashes.find((x) => (x.barcode === v || x.packBarcode === v) && x.id !== c?.id) : undefined;
      if (other) add(rowNumber, { column: field, message: `条码已被已有商品「${other.name}」（${other.code}）使用` });
    }
  }
  return errors;
}

/** The column of a changed field, and how the preview names it: 标价 128.00 → 130.00, 税率 13% → 9%, 状态 启用 → 停用. */
const changeColumn: Record<string, string> = { taxRateBp: 'taxRate', active: 'status' };
const changeLabel: Record<string, string> = { listPrice: '标价', costPrice: '成本价', taxRateBp: '税率' };
function shown(field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (field === 'listPrice' || field === 'costPrice') return formatPrice(v as number);
  if (field === 'taxRateBp') return `${bpText(v as number)}%`;
  if (field === 'trackCodes') return v ? '是' : '否';
  if (field === 'active') return v ? '启用' : '停用';
  const text = String(v);
  return text.length > 20 ? `${text.slice(0, 20)}…` : text;
}

/**
 * What each checked row does: a code the company has (with the same name: others are errors) updates that
 * product, its changed fields listed, or changes nothing ('unchanged'); any other code is a new product.
 */
export async function classifyProductRows(db: Executor, ctx: RequestContext, rows: ParsedRow<ProductImportRow>[]): Promise<Map<number, RowPlan>> {
  const plans = new Map<number, RowPlan>();
  const units = await unitSpellings(db, ctx.companyId);
  const parsed = rows.map((r) => ({ rowNumber: r.rowNumber, w: written(spelt(productFields.parse(r.data), units), r.data.active) }));
  const byCode = new Map((await repo.productsByCodesFull(db, ctx.companyId, parsed.map((x) => x.w.code))).map((e) => [e.code, e]));
  for (const { rowNumber, w } of parsed) {
    const c = byCode.get(w.code);
    if (!c || c.name !== w.name) continue;
    const fields = changedFields(c, w);
    const changes: RowChange[] = fields.map((f) => ({
      column: changeColumn[f] ?? f, ...(changeLabel[f] ? { label: changeLabel[f] } : {}),
      from: shown(f, c[f as keyof repo.ProductRow]), to: shown(f, w[f as keyof Written]),
    }));
    plans.set(rowNumber, fields.length ? { action: 'update', changes } : { action: 'unchanged' });
  }
  return plans;
}

/**
 * Writes a checked batch (checkRows ran again in this transaction): new codes in multi-row inserts, one audit
 * entry per product; a code of an existing product (same name, something changed) updates that product,
 * its version moved on and the changed fields audited as 导入修改.
 */
export async function insertProductRows(tx: Tx, ctx: RequestContext, rows: ParsedRow<ProductImportRow>[]): Promise<number> {
  const now = isoNow();
  const units = await unitSpellings(tx, ctx.companyId);
  const all = rows.map((r) => written(spelt(productFields.parse(r.data), units), r.data.active));
  const existing = new Map((await repo.productsByCodesFull(tx, ctx.companyId, all.map((v) => v.code))).map((e) => [e.code, e]));
  const values = all.filter((v) => !existing.has(v.code));
  const ids: number[] = [];
  for (let i = 0; i < values.length; i += 200) {
    const chunk = values.slice(i, i + 200).map((v) => ({ ...v, companyId: ctx.companyId, active: v.active ?? 1, createdBy: ctx.userId, createdAt: now, updatedAt: now }));
    const inserted = await tx.insertInto('products').values(chunk).returning('id').execute();
    ids.push(...inserted.map((r) => r.id));
  }
  const audit: AuditEntry[] = values.map((v, i) => {
    const { searchKey: _k, namePinyin: _p, active, ...after } = v;
    return { action: 'product.import', entity: 'product', entityId: ids[i]!, after: { ...after, active: active !== 0 } };
  });
  for (const v of all) {
    const before = existing.get(v.code);
    if (!before) continue;
    const fields = changedFields(before, v);
    if (!fields.length) continue; // classified unchanged: the mechanism passes none, this keeps it so
    const { active, ...set } = v;
    if (!(await repo.updateProduct(tx, ctx.companyId, before.id, before.version, active === null ? set : { ...set, active }, now))) throw staleVersion();
    const pick = (r: Record<string, unknown>) => Object.fromEntries(fields.map((f) => [f, f === 'active' ? !!r[f] : (r[f] ?? null)]));
    audit.push({ action: 'product.import_update', entity: 'product', entityId: before.id, before: pick(before), after: pick(v) });
  }
  await writeAuditMany(tx, actorOf(ctx), audit);
  return all.length;
}

export const productImportTarget: ImportTarget<ProductImportRow> = {
  kind: 'products',
  label: '商品',
  permission: 'product.import',
  columns: productImportColumns,
  rowSchema: productRowSchema,
  checkRows: checkProductRows,
  classifyRows: classifyProductRows,
  insertRows: insertProductRows,
};

// ─── Export ───────────────────────────────────────────────────────────────────────────────

export const productExportColumns: XlsxColumn[] = productImportColumns.map((c) => ({ header: c.header, key: c.key, width: c.width }));

const EXPORT_LIMIT = 100_000;

/** The products of the list as filtered, as rows with the import's titles (an export imports back). */
export async function productExportRows(db: Db, ctx: RequestContext, filters: ProductFilters): Promise<Record<string, unknown>[]> {
  requirePermission(ctx, 'product.export');
  const rows = await repo.productsForExport(db, ctx.companyId, filters, EXPORT_LIMIT);
  return rows.map((p) => ({
    code: p.code, name: p.name, spec: p.spec, unit: p.unit, packUnit: p.packUnit, packSize: p.packSize, barcode: p.barcode, packBarcode: p.packBarcode,
    category: p.category, brand: p.brand, taxRate: bpText(p.taxRateBp), listPrice: formatPrice(p.listPrice, false), costPrice: p.costPrice == null ? null : formatPrice(p.costPrice, false),
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
