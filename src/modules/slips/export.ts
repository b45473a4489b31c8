import type { Db } from '../../db/database.ts';
import type { XlsxColumn } from '../../platform/excel/index.ts';
import { requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { businessDate, shanghaiTime } from '../../platform/time.ts';
import { deliveryModeLabels, orderTypeLabels, paymentTermLabels, slipStatusLabels, type OrderType, type PaymentTerm } from './labels.ts';
import * as repo from './repo.ts';
import type { SlipListFilter } from './schema.ts';

// 销货清单导出: the slip list as the user filtered it (scope, filters, every page) for the month's
// sales sheets and the checks finance keeps in Excel. Voided slips stay in (marked 作废 with the reason),
// as on the list and the monthly binding. Read in keyset batches newest first, so rows neither repeat
// nor go missing while others write slips, and memory stays flat.

const BATCH = 500;

export const slipExportColumns: XlsxColumn[] = [
  { header: '单号', key: 'number', width: 18 },
  { header: '开单日期', key: 'businessDate', width: 12, format: 'date' },
  { header: '客户', key: 'customerName', width: 28 },
  { header: '联系人', key: 'contactName', width: 10 },
  { header: '电话', key: 'contactPhone', width: 14 },
  { header: '订单号', key: 'orderNumber', width: 18 },
  { header: '订单类型', key: 'orderType', width: 8 },
  { header: '付款方式', key: 'paymentTerm', width: 8 },
  { header: '业务员', key: 'ownerName', width: 10 },
  { header: '经手人', key: 'handlerName', width: 10 },
  { header: '仓库', key: 'warehouseName', width: 12 },
  { header: '提货方式', key: 'deliveryMode', width: 9 },
  { header: '司机', key: 'driverName', width: 10 },
  { header: '数量', key: 'totalQuantity', width: 10, format: 'integer' },
  { header: '不含税金额（元）', key: 'amountExTax', width: 14, format: 'fen' },
  { header: '税额（元）', key: 'taxAmount', width: 12, format: 'fen' },
  { header: '金额（元）', key: 'totalAmount', width: 14, format: 'fen' },
  { header: '退货金额（元）', key: 'returnedAmount', width: 14, format: 'fen' },
  { header: '状态', key: 'status', width: 10 },
  { header: '作废原因', key: 'voidReason', width: 24 },
  { header: '打印次数', key: 'printCount', width: 8, format: 'integer' },
  { header: '开单人', key: 'createdByName', width: 10 },
  { header: '开单时间', key: 'issuedAt', width: 17 },
  { header: '过账时间', key: 'postedAt', width: 17 },
];

const zh = <K extends string>(labels: Record<K, { zh: string }>, key: string) => labels[key as K]?.zh ?? key;
const beijing = (at: string | null) => (at ? shanghaiTime(at) : null);

export async function slipExport(db: Db, ctx: RequestContext, q: SlipListFilter, batch = BATCH) {
  requirePermission(ctx, 'slip.export');
  const totalRows = await repo.countSlips(db, ctx, q);
  async function* rows() {
    for (let page = await repo.slipsForExport(db, ctx, q, batch); page.length; ) {
      for (const r of page) {
        yield {
          number: r.number ?? `草稿 #${r.id}`, businessDate: r.businessDate, customerName: r.customerName, contactName: r.contactName, contactPhone: r.contactPhone,
          orderNumber: r.orderNumber ?? (r.orderId ? null : '门市散客'), orderType: zh(orderTypeLabels, r.orderType as OrderType), paymentTerm: zh(paymentTermLabels, r.paymentTerm as PaymentTerm),
          ownerName: r.ownerName, handlerName: r.handlerName, warehouseName: r.warehouseName, deliveryMode: deliveryModeLabels[r.deliveryMode].zh, driverName: r.driverName,
          totalQuantity: r.totalQuantity, amountExTax: r.amountExTax, taxAmount: r.taxAmount, totalAmount: r.totalAmount, returnedAmount: r.returnedAmount || null,
          status: slipStatusLabels[r.status].zh, voidReason: r.voidReason, printCount: r.printCount, createdByName: r.createdByName,
          issuedAt: beijing(r.issuedAt), postedAt: beijing(r.postedAt),
        };
      }
      if (page.length < batch) return;
      const last = page[page.length - 1]!;
      page = await repo.slipsForExport(db, ctx, q, batch, { businessDate: last.businessDate, id: last.id });
    }
  }
  return { fileName: `销货清单-${businessDate().replace(/-/g, '')}.xlsx`, columns: slipExportColumns, totalRows, rows: rows() };
}
