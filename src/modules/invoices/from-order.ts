import { sql } from 'kysely';
import type { Db, Executor, Tx } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { notFound } from '../../platform/errors/app-error.ts';
import { sumLines } from '../../platform/money.ts';
import { nextNumber } from '../../platform/numbering/numbering.ts';
import { actorOf, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { businessDate, isoNow } from '../../platform/time.ts';
import { readSettings } from '../admin/service.ts';
import { orderStatusLabels, type OrderStatus } from '../orders/labels.ts';
import { recordInvoiceIssued } from '../receivables/service.ts';
import { orderTypeLabels, type OrderType } from '../slips/labels.ts';
import { invoiceError } from './errors.ts';
import { buyerOf } from './issue.ts';
import * as repo from './repo.ts';
import type { FromOrderBody } from './schema.ts';
import { isPostgres } from '../../db/schema-helpers.ts';

// 按订单开票 (company setting invoices.fromOrder). For this company: supermarket chains 商超 want the
// VAT invoice with the goods (their receiving checks goods against the invoice), and prefecture
// customers 地州 pay against the invoice before the carrier takes the goods. So a confirmed 商超 or 地州
// order may be invoiced on the order, before delivery: every line of the order in full, at the
// order's own amounts (the order lines were computed by the line rule already). The order's slips then
// count as invoiced by that invoice — they are never offered for invoicing and invoicing them is
// refused — so the goods are never invoiced twice; and an order whose slips were invoiced cannot be
// invoiced from the order. What is not delivered in the end is taken back by a red-letter invoice; a
// fully reversed order invoice gives the order's slips back to slip invoicing.

const ORDER_TYPES = ['supermarket', 'regional'] as const;
/** confirmed, or further along (goods out or arrived): not draft, submitted, returned, void, discarded */
const ORDER_STATES = ['confirmed', 'partially_shipped', 'shipped', 'delivered', 'completed', 'closed'] as const;

async function fromOrderOn(db: Executor, companyId: number) {
  return (await readSettings(db, companyId)).settings.invoices.fromOrder;
}

/** Serialises invoicing per order (PostgreSQL: the order row; SQLite has one writer). Slip invoicing of an order's slips takes the same lock. */
export async function lockOrders(tx: Tx, companyId: number, ids: number[]) {
  if (!isPostgres(tx) || ids.length === 0) return;
  await tx.selectFrom('salesOrders').select('id').where('companyId', '=', companyId).where('id', 'in', [...new Set(ids)].sort((a, b) => a - b)).orderBy('id').forUpdate().execute();
}

/** The order's slips already invoiced (net of red-letter invoices): a slip-invoiced order is not invoiced from the order. */
async function slipsInvoiced(tx: Executor, companyId: number, orderId: number) {
  const row = await tx
    .selectFrom('invoiceSources')
    .innerJoin('salesSlips', 'salesSlips.id', 'invoiceSources.slipId')
    .where('invoiceSources.companyId', '=', companyId)
    .where('salesSlips.orderId', '=', orderId)
    .select(sql<number>`coalesce(sum(invoice_sources.quantity), 0)`.as('q'))
    .executeTakeFirstOrThrow();
  return Number(row.q) > 0;
}

/** Issues the invoice of a confirmed 商超 / 地州 order (all its lines in full). Returns the invoice id. */
export async function issueInvoiceFromOrder(db: Db, ctx: RequestContext, body: FromOrderBody) {
  requirePermission(ctx, 'invoice.issue');
  return db.transaction().execute(async (tx) => {
    const head = await tx.selectFrom('salesOrders').select(['id', 'customerId']).where('companyId', '=', ctx.companyId).where('id', '=', body.orderId).executeTakeFirst();
    if (!head) throw notFound();
    const customer = await repo.visibleCustomer(tx, ctx, head.customerId);
    if (!customer) throw notFound(); // the order of a customer outside the caller's scope
    if (!(await fromOrderOn(tx, ctx.companyId))) throw invoiceError('INVOICE_FROM_ORDER_OFF');
    await lockOrders(tx, ctx.companyId, [head.id]);
    const order = await tx.selectFrom('salesOrders').selectAll().where('id', '=', head.id).executeTakeFirstOrThrow();
    const number = order.number ?? `#${order.id}`;
    if (!(ORDER_TYPES as readonly string[]).includes(order.orderType)) {
      const l = orderTypeLabels[order.orderType as OrderType] ?? { zh: order.orderType, en: order.orderType };
      throw invoiceError('INVOICE_ORDER_TYPE', { number, type: l.zh, typeEn: l.en }, [{ path: 'orderId', message: '只有商超和地州订单可以按订单开票' }]);
    }
    if (!(ORDER_STATES as readonly string[]).includes(order.status)) {
      const l = orderStatusLabels[order.status as OrderStatus] ?? { zh: order.status, en: order.status };
      throw invoiceError('INVOICE_ORDER_STATUS', { number, status: l.zh, statusEn: l.en }, [{ path: 'orderId', message: `「${l.zh}」的订单不能开票` }]);
    }
    const already = (await repo.orderInvoices(tx, ctx.companyId, [order.id])).get(order.id);
    if (already) throw invoiceError('INVOICE_ORDER_INVOICED', { number, invoice: already }, [{ path: 'orderId', message: `已开发票 ${already}` }]);
    if (await slipsInvoiced(tx, ctx.companyId, order.id)) throw invoiceError('INVOICE_ORDER_SLIPS_INVOICED', { number }, [{ path: 'orderId', message: '该订单的销货清单已开票' }]);

    const buyer = buyerOf(customer, body.buyer, body.kind);
    const lines = await tx.selectFrom('salesOrderLines').selectAll().where('companyId', '=', ctx.companyId).where('orderId', '=', order.id).orderBy('lineNo').execute();
    const totals = sumLines(lines);
    const date = body.businessDate ?? businessDate();
    const invNumber = await nextNumber(tx, ctx.companyId, 'invoice', date);
    const now = isoNow();
    const issuer = await tx.selectFrom('users').select('displayName').where('id', '=', ctx.userId).executeTakeFirst();
    const inv = await tx
      .insertInto('invoices')
      .values({
        companyId: ctx.companyId, number: invNumber, kind: body.kind, direction: 'blue', status: 'issued', customerId: customer.id, businessDate: date,
        priceIncludesTax: order.priceIncludesTax, buyerName: buyer.name, buyerTaxId: buyer.taxId, buyerAddress: buyer.address, buyerPhone: buyer.phone,
        buyerBank: buyer.bank, buyerAccount: buyer.account, amountExTax: totals.amountExTax, taxAmount: totals.taxAmount, totalAmount: totals.amount,
        orderId: order.id, issuerId: ctx.userId, issuerName: issuer?.displayName ?? '', reviewerName: body.reviewerName, payeeName: body.payeeName,
        remarks: body.remarks ?? `按订单 ${number} 开票`, createdBy: ctx.userId, createdAt: now, updatedAt: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [i, l] of lines.entries()) {
      const amounts = { amountExTax: l.amountExTax, taxAmount: l.taxAmount, amount: l.amount };
      const row = await tx
        .insertInto('invoiceLines')
        .values({ companyId: ctx.companyId, invoiceId: inv.id, lineNo: i + 1, productId: l.productId, productCode: l.productCode, productName: l.productName, spec: l.spec, unit: l.unit, quantity: l.quantity, unitPrice: l.unitPrice, discountBp: l.discountBp, taxRateBp: l.taxRateBp, ...amounts })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.insertInto('invoiceOrderSources').values({ companyId: ctx.companyId, invoiceId: inv.id, invoiceLineId: row.id, orderId: order.id, orderLineId: l.id, quantity: l.quantity, ...amounts, createdAt: now }).execute();
    }
    await recordInvoiceIssued(tx, ctx.companyId, inv.id);
    const payload = { invoiceId: inv.id, number: invNumber, customerId: customer.id, kind: body.kind, amount: totals.amount, taxAmount: totals.taxAmount, date, orderId: order.id };
    await tx.insertInto('businessEvents').values({ companyId: ctx.companyId, event: 'invoice.issued', entity: 'invoice', entityId: inv.id, payload: JSON.stringify(payload), createdAt: now }).execute();
    await writeAudit(tx, actorOf(ctx), { action: 'invoice.issue', entity: 'invoice', entityId: inv.id, after: { number: invNumber, kind: body.kind, buyer, ...totals, orderId: order.id, orderNumber: number } });
    return inv.id;
  });
}

/** A red-letter line of an order invoice gives back to its order line (negative row, like invoice_sources for slips). */
export async function creditOrderSource(tx: Tx, companyId: number, red: { invoiceId: number; invoiceLineId: number; blueLineId: number; quantity: number; amountExTax: number; taxAmount: number; amount: number }) {
  const src = await tx.selectFrom('invoiceOrderSources').select(['orderId', 'orderLineId']).where('companyId', '=', companyId).where('invoiceLineId', '=', red.blueLineId).executeTakeFirstOrThrow();
  await tx
    .insertInto('invoiceOrderSources')
    .values({ companyId, invoiceId: red.invoiceId, invoiceLineId: red.invoiceLineId, orderId: src.orderId, orderLineId: src.orderLineId, quantity: red.quantity, amountExTax: red.amountExTax, taxAmount: red.taxAmount, amount: red.amount, createdAt: isoNow() })
    .execute();
}

/** The customer's orders that may be invoiced from the order now (none when the setting is off). */
export async function invoiceableOrdersOf(db: Db, ctx: RequestContext, customerId: number) {
  requirePermission(ctx, 'invoice.read');
  const customer = await repo.visibleCustomer(db, ctx, customerId);
  if (!customer) throw notFound();
  if (!(await fromOrderOn(db, ctx.companyId))) return { enabled: false, orders: [] };
  const orders = await db
    .selectFrom('salesOrders')
    .where('companyId', '=', ctx.companyId)
    .where('customerId', '=', customerId)
    .where('orderType', 'in', [...ORDER_TYPES])
    .where('status', 'in', [...ORDER_STATES])
    .where(sql<boolean>`not exists (select 1 from invoices i where i.company_id = sales_orders.company_id and i.order_id = sales_orders.id and i.direction = 'blue' and i.status in ('issued', 'partly_reversed'))`)
    .where(sql<boolean>`coalesce((select sum(s.quantity) from invoice_sources s inner join sales_slips ss on ss.id = s.slip_id where ss.order_id = sales_orders.id), 0) <= 0`)
    .select(['id', 'number', 'orderType', 'businessDate', 'status', 'totalAmount'])
    .orderBy('businessDate', 'desc')
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
  return { enabled: true, orders: orders.map((o) => ({ ...o, number: o.number ?? `#${o.id}` })) };
}
