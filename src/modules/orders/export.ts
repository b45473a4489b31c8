import type { Db } from '../../db/database.ts';
import type { XlsxColumn } from '../../platform/excel/index.ts';
import { requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { businessDate, shanghaiTime } from '../../platform/time.ts';
import { orderStatusLabels, orderTypeLabels, paymentTermLabels, reviewKindLabels, type OrderStatus, type OrderType, type PaymentTerm, type ReviewKind } from './labels.ts';
import * as repo from './repo.ts';
import type { OrderListQuery } from './schema.ts';
import { openStagesOf } from './stages.ts';

// 订单导出: the order list as the user filtered it (same scope, filters and order, every page) for the
// month-end checks and performance sheets clerks keep in Excel. Read in keyset batches along the list's
// own order (business date, then id, newest first), so the rows neither repeat nor go missing while
// others enter orders, and memory stays flat.

const BATCH = 500;

export const orderExportColumns: XlsxColumn[] = [
  { header: '订单号', key: 'number', width: 18 },
  { header: '订单日期', key: 'businessDate', width: 12, format: 'date' },
  { header: '客户', key: 'customerName', width: 30 },
  { header: '订单类型', key: 'orderType', width: 8 },
  { header: '付款方式', key: 'paymentTerm', width: 8 },
  { header: '业务员', key: 'ownerName', width: 10 },
  { header: '数量', key: 'totalQuantity', width: 10, format: 'integer' },
  { header: '金额（元）', key: 'totalAmount', width: 14, format: 'fen' },
  { header: '让价（元）', key: 'priceConcession', width: 12, format: 'fen' },
  { header: '状态', key: 'status', width: 10 },
  { header: '待审核', key: 'pendingReviews', width: 14 },
  { header: '生产阶段', key: 'currentStage', width: 12 },
  { header: '缺货订单', key: 'backorder', width: 8 },
  { header: '送货日期', key: 'deliveryDate', width: 12, format: 'date' },
  { header: '录入时间', key: 'createdAt', width: 17 },
];

const zh = <K extends string>(labels: Record<K, { zh: string }>, key: string) => labels[key as K]?.zh ?? key;

export async function orderExport(db: Db, ctx: RequestContext, q: Omit<OrderListQuery, 'page' | 'pageSize'>, batch = BATCH) {
  requirePermission(ctx, 'order.export');
  const filter = { ...q, page: 1, pageSize: batch };
  const first = await repo.listOrders(db, ctx, filter);
  async function* rows() {
    for (let page = first; page.rows.length; ) {
      const stages = await openStagesOf(db, ctx.companyId, page.rows.filter((r) => r.status === 'confirmed').map((r) => r.id));
      for (const r of page.rows) {
        yield {
          number: r.number ?? `草稿 #${r.id}`, businessDate: r.businessDate, customerName: r.customerName,
          orderType: zh(orderTypeLabels, r.orderType as OrderType), paymentTerm: zh(paymentTermLabels, r.paymentTerm as PaymentTerm), ownerName: r.ownerName,
          totalQuantity: r.totalQuantity, totalAmount: r.totalAmount, priceConcession: r.priceConcession || null, status: zh(orderStatusLabels, r.status as OrderStatus),
          pendingReviews: r.status === 'submitted' && r.pendingReviews ? (JSON.parse(r.pendingReviews) as ReviewKind[]).map((k) => reviewKindLabels[k].zh).join('、') : null,
          currentStage: stages.get(r.id) ?? null, backorder: r.backorder === 1 ? '是' : null, deliveryDate: r.deliveryDate, createdAt: shanghaiTime(r.createdAt),
        };
      }
      if (page.rows.length < batch) return;
      const last = page.rows[page.rows.length - 1]!;
      page = await repo.listOrders(db, ctx, { ...filter, before: { businessDate: last.businessDate, id: last.id } });
    }
  }
  return {
    fileName: `销售订单-${businessDate().replace(/-/g, '')}.xlsx`,
    columns: orderExportColumns,
    // the list counts up to its cap; beyond it the download shows its size instead of a row count
    totalRows: first.totalCapped ? undefined : first.total,
    rows: rows(),
  };
}
