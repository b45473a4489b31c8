import type { Db, Tx } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { notFound, type FieldError } from '../../platform/errors/app-error.ts';
import { formatYuan, sumLines, type LineAmounts } from '../../platform/money.ts';
import { nextNumber } from '../../platform/numbering/numbering.ts';
import { actorOf, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { businessDate, isoNow } from '../../platform/time.ts';
import { recordInvoiceIssued } from '../receivables/service.ts';
import { invoiceLineFor, remainingOf } from './amounts.ts';
import { invoiceError } from './errors.ts';
import { lockOrders } from './from-order.ts';
import * as repo from './repo.ts';
import type { IssueBody } from './schema.ts';

const slipStatusZh: Record<string, [string, string]> = {
  draft: ['草稿', 'draft'],
  issued: ['已开单', 'issued'],
  signed: ['已签字', 'signed'],
  delivered: ['已送达', 'delivered'],
  reconciled: ['已对单', 'reconciled'],
  void: ['作废', 'void'],
};

type Buyer = { name: string; taxId: string | null; address: string | null; phone: string | null; bank: string | null; account: string | null };

const buyerFields: { key: keyof Buyer; zh: string; en: string }[] = [
  { key: 'name', zh: '购买方名称', en: 'buyer name' },
  { key: 'taxId', zh: '纳税人识别号', en: 'tax id' },
  { key: 'address', zh: '地址', en: 'address' },
  { key: 'phone', zh: '电话', en: 'phone' },
  { key: 'bank', zh: '开户行', en: 'bank' },
  { key: 'account', zh: '账号', en: 'account' },
];

/**
 * The buyer block: the customer's invoice details (开票资料) unless the clerk typed others. A 专用发票
 * (special invoice, the buyer deducts its input tax) needs all six fields and a plausible tax id.
 */
export function buyerOf(customer: NonNullable<Awaited<ReturnType<typeof repo.visibleCustomer>>>, given: IssueBody['buyer'], kind: IssueBody['kind']): Buyer {
  const pickOf = (typed: string | null | undefined, dflt: string | null) => (typed === undefined ? dflt : typed);
  const buyer: Buyer = {
    name: given?.name ?? customer.invoiceTitle ?? customer.name,
    taxId: pickOf(given?.taxId, customer.taxId),
    address: pickOf(given?.address, customer.invoiceAddress),
    phone: pickOf(given?.phone, customer.invoicePhone),
    bank: pickOf(given?.bank, customer.invoiceBank),
    account: pickOf(given?.account, customer.invoiceAccount),
  };
  if (kind === 'special') {
    const missing = buyerFields.filter((f) => !buyer[f.key]?.trim());
    const fields: FieldError[] = missing.map((f) => ({ path: `buyer.${f.key}`, message: `开具专用发票须填写购买方${f.zh}` }));
    if (buyer.taxId && !/^[0-9A-Z]{15,20}$/.test(buyer.taxId)) fields.push({ path: 'buyer.taxId', message: '纳税人识别号应为 15–20 位数字或大写字母' });
    if (fields.length > 0) {
      const names = missing.length ? missing : [buyerFields[1]!];
      throw invoiceError('INVOICE_BUYER_INCOMPLETE', { missing: names.map((f) => f.zh).join('、'), missingEn: names.map((f) => f.en).join(', ') }, fields);
    }
  }
  return buyer;
}

type Draft = { slip: repo.SlipRow; line: repo.SlipLineDraw; quantity: number; unitPrice: number; amounts: LineAmounts };

/** The lines asked for (or every open line in full), each checked against what its slip line has left. */
function draftLines(slips: repo.SlipRow[], lines: repo.SlipLineDraw[], body: IssueBody, includesTax: boolean): Draft[] {
  const slipById = new Map(slips.map((s) => [s.id, s]));
  const lineById = new Map(lines.map((l) => [l.id, l]));
  const asked = body.lines ?? lines.map((l) => ({ slipLineId: l.id, quantity: remainingOf(l, slipById.get(l.slipId)!.priceIncludesTax === 1).quantity })).filter((l) => l.quantity > 0);
  if (asked.length === 0) throw invoiceError('INVOICE_NOTHING_OPEN');
  const seen = new Set<number>();
  return asked.map((a, i) => {
    const line = lineById.get(a.slipLineId);
    if (!line || seen.has(a.slipLineId)) throw invoiceError('INVOICE_LINE_NOT_IN_SLIPS', {}, [{ path: `lines.${i}.slipLineId`, message: line ? '同一行不能重复开票' : '所选销货清单中没有该行' }]);
    seen.add(a.slipLineId);
    const slip = slipById.get(line.slipId)!;
    const slipIncludesTax = slip.priceIncludesTax === 1;
    const rest = remainingOf(line, slipIncludesTax);
    if (a.quantity > rest.quantity) {
      throw invoiceError('INVOICE_OVER_SLIP', { product: line.productName, number: slip.number ?? '', quantity: a.quantity, remaining: rest.quantity }, [{ path: `lines.${i}.quantity`, message: `未开票数量只剩 ${rest.quantity}` }]);
    }
    const l = invoiceLineFor(line, a.quantity, slipIncludesTax, includesTax);
    if (l.amount > rest.amount) {
      throw invoiceError('INVOICE_OVER_SLIP_AMOUNT', { product: line.productName, number: slip.number ?? '', amount: formatYuan(l.amount), remaining: formatYuan(rest.amount) }, [{ path: `lines.${i}.quantity`, message: '超过未开票金额' }]);
    }
    return { slip, line, quantity: a.quantity, unitPrice: l.unitPrice, amounts: { amountExTax: l.amountExTax, taxAmount: l.taxAmount, amount: l.amount } };
  });
}

async function loadSlipsForInvoice(tx: Tx, ctx: RequestContext, body: IssueBody) {
  const ids = [...new Set(body.slipIds)].sort((a, b) => a - b);
  await repo.lockSlips(tx, ctx.companyId, ids);
  const slips = await repo.slipsByIds(tx, ctx.companyId, ids);
  if (slips.length !== ids.length) throw notFound();
  body.slipIds.forEach((id, i) => {
    const s = slips.find((x) => x.id === id)!;
    if (s.customerId !== body.customerId) throw invoiceError('INVOICE_SLIP_OTHER_CUSTOMER', { number: s.number ?? `#${s.id}` }, [{ path: `slipIds.${i}`, message: '不是该客户的销货清单' }]);
    if (s.status !== 'posted') {
      const [zh, en] = slipStatusZh[s.status] ?? [s.status, s.status];
      throw invoiceError('INVOICE_SLIP_NOT_POSTED', { number: s.number ?? `#${s.id}`, status: zh, statusEn: en }, [{ path: `slipIds.${i}`, message: `「${zh}」的销货清单不能开票` }]);
    }
  });
  // goods of an order invoiced from the order (invoices.fromOrder) are invoiced already: refused
  const orderIds = slips.map((s) => s.orderId).filter((x): x is number => x !== null);
  await lockOrders(tx, ctx.companyId, orderIds);
  const byOrder = await repo.orderInvoices(tx, ctx.companyId, orderIds);
  body.slipIds.forEach((id, i) => {
    const s = slips.find((x) => x.id === id)!;
    const invoice = s.orderId === null ? undefined : byOrder.get(s.orderId);
    if (invoice) throw invoiceError('INVOICE_SLIP_ORDER_INVOICED', { number: s.number ?? `#${s.id}`, invoice }, [{ path: `slipIds.${i}`, message: `订单已开发票 ${invoice}` }]);
  });
  return slips;
}

/**
 * 开具发票: one invoice from posted slips of one customer, in full or in part. The slips are locked
 * for the transaction (repo.lockSlips), so two clerks invoicing the same slip at once are served one
 * after the other and the second sees what the first drew: a slip is never invoiced beyond its amount.
 */
export async function issueInvoice(db: Db, ctx: RequestContext, body: IssueBody) {
  requirePermission(ctx, 'invoice.issue');
  return db.transaction().execute(async (tx) => {
    const customer = await repo.visibleCustomer(tx, ctx, body.customerId);
    if (!customer) throw notFound();
    const buyer = buyerOf(customer, body.buyer, body.kind);
    const slips = await loadSlipsForInvoice(tx, ctx, body);
    const includesTax = body.priceIncludesTax ?? slips[0]!.priceIncludesTax === 1;
    const lines = await repo.slipLinesWithDraws(tx, ctx.companyId, slips.map((s) => s.id));
    const drafts = draftLines(slips, lines, body, includesTax);
    const totals = sumLines(drafts.map((d) => d.amounts));
    const date = body.businessDate ?? businessDate();
    const number = await nextNumber(tx, ctx.companyId, 'invoice', date);
    const now = isoNow();
    const issuer = await tx.selectFrom('users').select('displayName').where('id', '=', ctx.userId).executeTakeFirst();
    const inv = await tx
      .insertInto('invoices')
      .values({
        companyId: ctx.companyId,
        number,
        kind: body.kind,
        direction: 'blue',
        status: 'issued',
        customerId: customer.id,
        businessDate: date,
        priceIncludesTax: includesTax ? 1 : 0,
        buyerName: buyer.name,
        buyerTaxId: buyer.taxId,
        buyerAddress: buyer.address,
        buyerPhone: buyer.phone,
        buyerBank: buyer.bank,
        buyerAccount: buyer.account,
        amountExTax: totals.amountExTax,
        taxAmount: totals.taxAmount,
        totalAmount: totals.amount,
        issuerId: ctx.userId,
        issuerName: issuer?.displayName ?? '',
        reviewerName: body.reviewerName,
        payeeName: body.payeeName,
        remarks: body.remarks,
        createdBy: ctx.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [i, d] of drafts.entries()) {
      const l = d.line;
      const row = await tx
        .insertInto('invoiceLines')
        .values({ companyId: ctx.companyId, invoiceId: inv.id, lineNo: i + 1, productId: l.productId, productCode: l.productCode, productName: l.productName, spec: l.spec, unit: l.unit, quantity: d.quantity, unitPrice: d.unitPrice, discountBp: l.discountBp, taxRateBp: l.taxRateBp, ...d.amounts })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.insertInto('invoiceSources').values({ companyId: ctx.companyId, invoiceId: inv.id, invoiceLineId: row.id, slipId: d.slip.id, slipLineId: l.id, quantity: d.quantity, ...d.amounts, createdAt: now }).execute();
    }
    const payload = { invoiceId: inv.id, number, customerId: customer.id, kind: body.kind, amount: totals.amount, taxAmount: totals.taxAmount, date, slipIds: slips.map((s) => s.id) };
    await recordInvoiceIssued(tx, ctx.companyId, inv.id);
    await tx.insertInto('businessEvents').values({ companyId: ctx.companyId, event: 'invoice.issued', entity: 'invoice', entityId: inv.id, payload: JSON.stringify(payload), createdAt: now }).execute();
    await writeAudit(tx, actorOf(ctx), { action: 'invoice.issue', entity: 'invoice', entityId: inv.id, after: { number, kind: body.kind, buyer, ...totals, lines: drafts.map((d) => ({ slipLineId: d.line.id, quantity: d.quantity, amount: d.amounts.amount })) } });
    return inv.id;
  });
}
