import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { notFound, staleVersion } from '../../platform/errors/app-error.ts';
import { sumLines, type LineAmounts } from '../../platform/money.ts';
import { nextNumber } from '../../platform/numbering/numbering.ts';
import { actorOf, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { businessDate, isoNow } from '../../platform/time.ts';
import { recordInvoiceRed } from '../receivables/service.ts';
import { takeBackInvoiceExcess } from '../receipts/service.ts';
import { creditOrderSource } from './from-order.ts';
import { redLineFor } from './amounts.ts';
import { invoiceError } from './errors.ts';
import * as repo from './repo.ts';
import type { RedBody } from './schema.ts';
import { isPostgres } from '../../db/schema-helpers.ts';

/** What red-letter invoices already took back of each line of a blue invoice (positive figures). */
async function creditedByLine(tx: Tx, companyId: number, invoiceId: number) {
  const rows = await tx
    .selectFrom('invoiceLines')
    .innerJoin('invoices', 'invoices.id', 'invoiceLines.invoiceId')
    .where('invoices.companyId', '=', companyId)
    .where('invoices.originalInvoiceId', '=', invoiceId)
    .where('invoices.status', '<>', 'void')
    .select([
      'invoiceLines.originalLineId',
      sql<number>`-sum(invoice_lines.quantity)`.as('quantity'),
      sql<number>`-sum(invoice_lines.amount_ex_tax)`.as('amountExTax'),
      sql<number>`-sum(invoice_lines.tax_amount)`.as('taxAmount'),
      sql<number>`-sum(invoice_lines.amount)`.as('amount'),
    ])
    .groupBy('invoiceLines.originalLineId')
    .execute();
  return new Map(rows.map((r) => [Number(r.originalLineId), { quantity: Number(r.quantity), amountExTax: Number(r.amountExTax), taxAmount: Number(r.taxAmount), amount: Number(r.amount) }]));
}

type RedDraft = { blue: repo.InvoiceLineRow; quantity: number; amounts: LineAmounts };

function draftRedLines(lines: repo.InvoiceLineRow[], credited: Awaited<ReturnType<typeof creditedByLine>>, body: RedBody, includesTax: boolean): RedDraft[] {
  const none = { quantity: 0, amountExTax: 0, taxAmount: 0, amount: 0 };
  const byId = new Map(lines.map((l) => [l.id, l]));
  const asked = body.lines ?? lines.map((l) => ({ invoiceLineId: l.id, quantity: l.quantity - (credited.get(l.id) ?? none).quantity })).filter((l) => l.quantity > 0);
  const seen = new Set<number>();
  return asked.map((a, i) => {
    const blue = byId.get(a.invoiceLineId);
    if (!blue || seen.has(a.invoiceLineId)) throw invoiceError('INVOICE_RED_LINE_UNKNOWN', {}, [{ path: `lines.${i}.invoiceLineId`, message: blue ? '同一行不能重复红冲' : '原发票中没有该行' }]);
    seen.add(blue.id);
    const done = credited.get(blue.id) ?? none;
    const open = blue.quantity - done.quantity;
    if (a.quantity > open) throw invoiceError('INVOICE_RED_OVER', { product: blue.productName, quantity: a.quantity, remaining: open }, [{ path: `lines.${i}.quantity`, message: `可红冲数量只剩 ${open}` }]);
    return { blue, quantity: a.quantity, amounts: redLineFor(blue, done, a.quantity, includesTax) };
  });
}

const neg = (a: LineAmounts): LineAmounts => ({ amountExTax: -a.amountExTax, taxAmount: -a.taxAmount, amount: -a.amount });

/**
 * 红字发票: reverses a blue invoice in full (lines omitted) or in part (returns: some lines and
 * quantities). The red invoice carries negative figures and its reason; its sources give the slip
 * lines their amounts back, so they may be invoiced again. The original stays as it was, marked
 * 部分红冲 / 已红冲; its open amount (total − credited) is what receipts may still be allocated to.
 * The blue lines' credited quantities move by conditional updates, so two red-letter invoices at
 * once can never take back more than the line had.
 */
export async function issueRedInvoice(db: Db, ctx: RequestContext, id: number, body: RedBody) {
  requirePermission(ctx, 'invoice.red');
  return db.transaction().execute(async (tx) => {
    const inv = await repo.invoiceById(tx, ctx, id);
    if (!inv) throw notFound();
    if (inv.direction !== 'blue') throw invoiceError('INVOICE_NOT_BLUE');
    if (inv.status === 'reversed' || inv.status === 'void') throw invoiceError('INVOICE_ALREADY_REVERSED', { number: inv.number });
    if (isPostgres(tx)) await tx.selectFrom('invoices').select('id').where('id', '=', id).forUpdate().execute();
    const includesTax = inv.priceIncludesTax === 1;
    const lines = await repo.linesOf(tx, ctx.companyId, id);
    const drafts = draftRedLines(lines, await creditedByLine(tx, ctx.companyId, id), body, includesTax);
    if (drafts.length === 0) throw invoiceError('INVOICE_ALREADY_REVERSED', { number: inv.number });
    const totals = neg(sumLines(drafts.map((d) => d.amounts)));
    const date = body.businessDate ?? businessDate();
    const number = await nextNumber(tx, ctx.companyId, 'invoice', date);
    const now = isoNow();
    const issuer = await tx.selectFrom('users').select('displayName').where('id', '=', ctx.userId).executeTakeFirst();
    const red = await tx
      .insertInto('invoices')
      .values({
        companyId: ctx.companyId,
        number,
        kind: inv.kind,
        direction: 'red',
        status: 'issued',
        customerId: inv.customerId,
        businessDate: date,
        priceIncludesTax: inv.priceIncludesTax,
        buyerName: inv.buyerName,
        buyerTaxId: inv.buyerTaxId,
        buyerAddress: inv.buyerAddress,
        buyerPhone: inv.buyerPhone,
        buyerBank: inv.buyerBank,
        buyerAccount: inv.buyerAccount,
        amountExTax: totals.amountExTax,
        taxAmount: totals.taxAmount,
        totalAmount: totals.amount,
        originalInvoiceId: inv.id,
        redReason: body.reason,
        issuerId: ctx.userId,
        issuerName: issuer?.displayName ?? '',
        reviewerName: inv.reviewerName,
        payeeName: inv.payeeName,
        remarks: `对应正数发票 ${inv.number}${inv.taxInvoiceNo ? `（发票号码 ${inv.taxInvoiceNo}）` : ''}`,
        createdBy: ctx.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const sources = await repo.sourcesOf(tx, ctx.companyId, id);
    for (const [i, d] of drafts.entries()) {
      const b = d.blue;
      const moved = await tx
        .updateTable('invoiceLines')
        .set({ creditedQuantity: sql`credited_quantity + ${d.quantity}`, creditedAmount: sql`credited_amount + ${d.amounts.amount}` })
        .where('id', '=', b.id)
        .where(sql<boolean>`credited_quantity + ${d.quantity} <= quantity`)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) throw staleVersion();
      const a = neg(d.amounts);
      const row = await tx
        .insertInto('invoiceLines')
        .values({ companyId: ctx.companyId, invoiceId: red.id, lineNo: i + 1, productId: b.productId, productCode: b.productCode, productName: b.productName, spec: b.spec, unit: b.unit, quantity: -d.quantity, unitPrice: b.unitPrice, discountBp: b.discountBp, taxRateBp: b.taxRateBp, ...a, originalLineId: b.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      const src = sources.find((s) => s.invoiceLineId === b.id);
      if (src) await tx.insertInto('invoiceSources').values({ companyId: ctx.companyId, invoiceId: red.id, invoiceLineId: row.id, slipId: src.slipId, slipLineId: src.slipLineId, quantity: -d.quantity, ...a, createdAt: now }).execute();
      else await creditOrderSource(tx, ctx.companyId, { invoiceId: red.id, invoiceLineId: row.id, blueLineId: b.id, quantity: -d.quantity, ...a }); // an invoice issued from its order
    }
    // increments, not values read earlier: a concurrent red-letter invoice of other lines adds up
    const back = -totals.amount;
    await tx
      .updateTable('invoices')
      .set((eb) => ({
        creditedAmount: sql`credited_amount + ${back}`,
        status: sql`case when credited_amount + ${back} >= total_amount then 'reversed' else 'partly_reversed' end`,
        updatedAt: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', inv.id)
      .execute();
    const after = await tx.selectFrom('invoices').select(['status', 'creditedAmount']).where('id', '=', inv.id).executeTakeFirstOrThrow();
    const { status, creditedAmount: credited } = after;
    // receipts applied beyond what the invoice now asks go back to the customer's credit, in this transaction
    await takeBackInvoiceExcess(tx, ctx, { id: inv.id, customerId: inv.customerId, openAmount: inv.totalAmount - credited }, number);
    const payload = { invoiceId: red.id, number, originalInvoiceId: inv.id, customerId: inv.customerId, amount: totals.amount, taxAmount: totals.taxAmount, date, reason: body.reason };
    await recordInvoiceRed(tx, ctx.companyId, red.id);
    await tx.insertInto('businessEvents').values({ companyId: ctx.companyId, event: 'invoice.red', entity: 'invoice', entityId: red.id, payload: JSON.stringify(payload), createdAt: now }).execute();
    await writeAudit(tx, actorOf(ctx), { action: 'invoice.red', entity: 'invoice', entityId: red.id, after: { number, original: inv.number, reason: body.reason, ...totals } });
    await writeAudit(tx, actorOf(ctx), { action: 'invoice.reversed', entity: 'invoice', entityId: inv.id, before: { status: inv.status, creditedAmount: inv.creditedAmount }, after: { status, creditedAmount: credited, red: number } });
    return red.id;
  });
}
