import { sql } from 'kysely';
import type { Executor, Tx } from '../../db/database.ts';
import { businessDate, isoNow } from '../../platform/time.ts';
import { readSettings } from '../admin/service.ts';
import { dueDateOf, type CreditTerms } from './due-dates.ts';

// The receivables ledger: one open item per posted slip and per issued blue invoice, and the moves
// that change what is open on it. Other modules call these door functions with their own transaction
// (one line each where the document changes), so an item never disagrees with its document.

/** The customer's credit terms, their own where the credit profile sets them, else the company's. */
export async function creditTermsOf(db: Executor, companyId: number, customerId: number): Promise<CreditTerms> {
  const d = (await readSettings(db, companyId)).settings.receivables;
  const own = await db.selectFrom('customerCredit').select(['settlementDay', 'creditMonths', 'creditDays']).where('companyId', '=', companyId).where('customerId', '=', customerId).executeTakeFirst();
  return {
    settlementDay: own?.settlementDay ?? d.defaultSettlementDay,
    creditMonths: own?.creditMonths ?? d.defaultCreditMonths,
    creditDays: own?.creditDays ?? d.defaultCreditDays,
  };
}

type NewItem = { companyId: number; customerId: number; docType: 'sales_slip' | 'invoice'; docId: number; docNumber: string; docDate: string; paymentTerm: string; amount: number };

async function addItem(tx: Tx, it: NewItem) {
  const terms = await creditTermsOf(tx, it.companyId, it.customerId);
  await tx
    .insertInto('receivableItems')
    .values({ ...it, dueDate: dueDateOf(it.paymentTerm, it.docDate, terms), openAmount: it.amount, lastMoveDate: null, settledDate: it.amount === 0 ? it.docDate : null, createdAt: isoNow() })
    .execute();
}

/** 过账: a posted slip becomes an open item for what is left after returns, due by its payment term. */
export async function recordSlipPosted(tx: Tx, companyId: number, slipId: number) {
  const s = await tx.selectFrom('salesSlips').select(['customerId', 'number', 'businessDate', 'paymentTerm', 'totalAmount', 'returnedAmount']).where('id', '=', slipId).where('companyId', '=', companyId).executeTakeFirstOrThrow();
  if (s.customerId == null) return; // a walk-in slip without a customer file: nobody to owe it
  await addItem(tx, { companyId, customerId: s.customerId, docType: 'sales_slip', docId: slipId, docNumber: s.number ?? `#${slipId}`, docDate: s.businessDate, paymentTerm: s.paymentTerm, amount: s.totalAmount - s.returnedAmount });
}

/** 开票: an issued blue invoice is an open item dated the invoice date, due by the payment term of the first slip it draws from. */
export async function recordInvoiceIssued(tx: Tx, companyId: number, invoiceId: number) {
  const inv = await tx.selectFrom('invoices').select(['customerId', 'number', 'businessDate', 'totalAmount', 'direction']).where('id', '=', invoiceId).where('companyId', '=', companyId).executeTakeFirstOrThrow();
  if (inv.direction !== 'blue') return;
  const src = await tx
    .selectFrom('invoiceSources')
    .innerJoin('salesSlips', 'salesSlips.id', 'invoiceSources.slipId')
    .where('invoiceSources.invoiceId', '=', invoiceId)
    .select('salesSlips.paymentTerm')
    .orderBy('invoiceSources.id')
    .executeTakeFirst();
  await addItem(tx, { companyId, customerId: inv.customerId, docType: 'invoice', docId: invoiceId, docNumber: inv.number, docDate: inv.businessDate, paymentTerm: src?.paymentTerm ?? 'cash', amount: inv.totalAmount });
}

type Move = { kind: 'receipt' | 'reversal' | 'red'; amount: number; date: string; sourceType: 'receipt_allocation' | 'invoice'; sourceId: number };

/**
 * One move on an item: the row, and the item's open amount, latest move date and settled date in
 * one conditional-free update (increments, so concurrent moves on one item add up). `settled_date`
 * is the latest move's date when nothing is left open: from then on the item owes nothing.
 */
async function applyMove(tx: Tx, companyId: number, docType: 'sales_slip' | 'invoice', docId: number, m: Move) {
  const item = await tx.selectFrom('receivableItems').select(['id', 'customerId']).where('companyId', '=', companyId).where('docType', '=', docType).where('docId', '=', docId).executeTakeFirst();
  if (!item) throw new Error(`receivables: no open item for ${docType} ${docId}`);
  await tx.insertInto('receivableMoves').values({ companyId, itemId: item.id, customerId: item.customerId, kind: m.kind, amount: m.amount, moveDate: m.date, sourceType: m.sourceType, sourceId: m.sourceId, createdAt: isoNow() }).execute();
  const last = sql<string>`case when last_move_date is null or last_move_date < ${m.date} then ${m.date} else last_move_date end`;
  await tx
    .updateTable('receivableItems')
    .set({
      openAmount: sql`open_amount - ${m.amount}`,
      lastMoveDate: last,
      settledDate: sql`case when open_amount - ${m.amount} = 0 then ${last} else null end`,
    })
    .where('id', '=', item.id)
    .execute();
}

const dayOf = (iso: string) => businessDate(new Date(iso));

/** 核销: an allocation lowers its slip's or invoice's open amount from the day it was made. */
export async function recordAllocation(tx: Tx, companyId: number, allocationId: number) {
  const a = await tx.selectFrom('receiptAllocations').select(['targetType', 'targetId', 'amount', 'allocatedAt']).where('id', '=', allocationId).where('companyId', '=', companyId).executeTakeFirstOrThrow();
  await applyMove(tx, companyId, a.targetType as 'sales_slip' | 'invoice', a.targetId, { kind: 'receipt', amount: a.amount, date: dayOf(a.allocatedAt), sourceType: 'receipt_allocation', sourceId: allocationId });
}

/** 撤销核销 / 收款单作废: the allocation's amount is owed again from the day it was taken back. */
export async function recordAllocationReversed(tx: Tx, companyId: number, allocationId: number) {
  const a = await tx.selectFrom('receiptAllocations').select(['targetType', 'targetId', 'amount', 'reversedAt']).where('id', '=', allocationId).where('companyId', '=', companyId).executeTakeFirstOrThrow();
  await applyMove(tx, companyId, a.targetType as 'sales_slip' | 'invoice', a.targetId, { kind: 'reversal', amount: -a.amount, date: dayOf(a.reversedAt ?? isoNow()), sourceType: 'receipt_allocation', sourceId: allocationId });
}

/** 红字发票: lowers what the original invoice asks from the red invoice's date. */
export async function recordInvoiceRed(tx: Tx, companyId: number, redInvoiceId: number) {
  const r = await tx.selectFrom('invoices').select(['originalInvoiceId', 'totalAmount', 'businessDate']).where('id', '=', redInvoiceId).where('companyId', '=', companyId).executeTakeFirstOrThrow();
  if (r.originalInvoiceId == null) return;
  await applyMove(tx, companyId, 'invoice', r.originalInvoiceId, { kind: 'red', amount: -r.totalAmount, date: r.businessDate, sourceType: 'invoice', sourceId: redInvoiceId });
}
