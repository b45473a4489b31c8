import type { Db } from '../../db/database.ts';
import { notFound } from '../../platform/errors/app-error.ts';
import type { XlsxColumn } from '../../platform/excel/index.ts';
import { formatPrice } from '../../platform/money.ts';
import { requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import * as repo from './repo.ts';
import { invoiceKindLabels, type InvoiceKind, type PeriodQuery } from './schema.ts';

/**
 * 开票数据导出: the layout a clerk keys (or imports) into the tax invoicing software — one row per
 * item, the buyer block (名称, 税号, 地址电话, 开户行及账号) repeated on every row of its invoice,
 * red-letter rows negative with the original invoice's number and the reason.
 */
export const exportColumns: XlsxColumn[] = [
  { header: '单据号', key: 'number', width: 18 },
  { header: '发票种类', key: 'kind', width: 16 },
  { header: '红蓝字', key: 'direction', width: 8 },
  { header: '开票日期', key: 'date', width: 12 },
  { header: '购方名称', key: 'buyerName', width: 28 },
  { header: '购方税号', key: 'buyerTaxId', width: 22 },
  { header: '购方地址电话', key: 'buyerAddressPhone', width: 36 },
  { header: '购方开户行及账号', key: 'buyerBankAccount', width: 36 },
  { header: '序号', key: 'lineNo', width: 6, format: 'integer' },
  { header: '商品编码', key: 'productCode', width: 14 },
  { header: '货物或应税劳务名称', key: 'productName', width: 24 },
  { header: '规格型号', key: 'spec', width: 14 },
  { header: '计量单位', key: 'unit', width: 8 },
  { header: '数量', key: 'quantity', width: 10, format: 'integer' },
  { header: '单价', key: 'unitPrice', width: 12 },
  { header: '含税标志', key: 'priceIncludesTax', width: 8 },
  { header: '金额', key: 'amountExTax', width: 14, format: 'fen' },
  { header: '税率', key: 'taxRate', width: 8 },
  { header: '税额', key: 'taxAmount', width: 12, format: 'fen' },
  { header: '价税合计', key: 'amount', width: 14, format: 'fen' },
  { header: '对应蓝字发票', key: 'originalNumber', width: 18 },
  { header: '红冲原因', key: 'redReason', width: 20 },
  { header: '发票代码', key: 'taxInvoiceCode', width: 14 },
  { header: '发票号码', key: 'taxInvoiceNo', width: 12 },
  { header: '复核', key: 'reviewerName', width: 10 },
  { header: '收款人', key: 'payeeName', width: 10 },
  { header: '开票人', key: 'issuerName', width: 10 },
  { header: '备注', key: 'remarks', width: 30 },
];

const join = (...parts: (string | null)[]) => parts.filter(Boolean).join(' ');
const rate = (bp: number) => `${bp / 100}%`;

/** The rows of the export for a period (and customer), in invoice and line order. */
export async function exportRows(db: Db, ctx: RequestContext, q: PeriodQuery) {
  requirePermission(ctx, 'invoice.export');
  if (q.customerId && !(await repo.visibleCustomer(db, ctx, q.customerId))) throw notFound();
  const heads = (await repo.invoicesOfPeriod(db, ctx, q, 5000)).filter((h) => h.status !== 'void');
  if (heads.length === 0) return [];
  const ids = heads.map((h) => h.id);
  const [full, lines] = await Promise.all([
    db.selectFrom('invoices').selectAll().where('companyId', '=', ctx.companyId).where('id', 'in', ids).execute(),
    db.selectFrom('invoiceLines').selectAll().where('companyId', '=', ctx.companyId).where('invoiceId', 'in', ids).orderBy('invoiceId').orderBy('lineNo').execute(),
  ]);
  const byId = new Map(full.map((f) => [f.id, f]));
  const numberOf = new Map(full.map((f) => [f.id, f.number]));
  const rows: Record<string, unknown>[] = [];
  for (const h of heads) {
    const inv = byId.get(h.id)!;
    const originalNumber = inv.originalInvoiceId ? (numberOf.get(inv.originalInvoiceId) ?? (await db.selectFrom('invoices').select('number').where('id', '=', inv.originalInvoiceId).executeTakeFirst())?.number ?? null) : null;
    for (const l of lines.filter((x) => x.invoiceId === h.id)) {
      rows.push({
        number: inv.number,
        kind: invoiceKindLabels[inv.kind as InvoiceKind]?.zh ?? inv.kind,
        direction: inv.direction === 'red' ? '红字' : '蓝字',
        date: inv.businessDate,
        buyerName: inv.buyerName,
        buyerTaxId: inv.buyerTaxId,
        buyerAddressPhone: join(inv.buyerAddress, inv.buyerPhone),
        buyerBankAccount: join(inv.buyerBank, inv.buyerAccount),
        lineNo: l.lineNo,
        productCode: l.productCode,
        productName: l.productName,
        spec: l.spec,
        unit: l.unit,
        quantity: l.quantity,
        unitPrice: formatPrice(l.unitPrice, false),
        priceIncludesTax: inv.priceIncludesTax === 1 ? '含税' : '不含税',
        amountExTax: l.amountExTax,
        taxRate: rate(l.taxRateBp),
        taxAmount: l.taxAmount,
        amount: l.amount,
        originalNumber,
        redReason: inv.redReason,
        taxInvoiceCode: inv.taxInvoiceCode,
        taxInvoiceNo: inv.taxInvoiceNo,
        reviewerName: inv.reviewerName,
        payeeName: inv.payeeName,
        issuerName: inv.issuerName,
        remarks: inv.remarks,
      });
    }
  }
  return rows;
}
