import type { Db, Tx } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { staleVersion } from '../../platform/errors/app-error.ts';
import { toChineseCapitals } from '../../platform/money.ts';
import { actorOf, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { businessDate, isoNow } from '../../platform/time.ts';
import { recordSlipPosted } from '../receivables/service.ts';
import { applyDriverCash, applyHoldDeposits } from '../receipts/service.ts';
import { slipError } from './errors.ts';
import { netAmountOf, receivablesOf } from './receivable.ts';
import * as repo from './repo.ts';
import { slipStatusLabels, type SlipStatus } from './schema.ts';
import { loadSlip, slipDetail } from './service.ts';

/**
 * 过账: a slip whose goods and amounts are confirmed (reconciled) is posted. The posting writes a
 * `slip.posted` business event in the same transaction — what the receivables module reads: the
 * customer, the amount net of returns, the payment term and the date.
 */
async function postOne(tx: Tx, ctx: RequestContext, id: number, path?: string) {
  const slip = await loadSlip(tx, ctx, id);
  if (slip.status !== 'reconciled') {
    const l = slipStatusLabels[slip.status];
    throw slipError('SLIP_NOT_POSTABLE', { number: slip.number ?? `#${id}`, status: l.zh, statusEn: l.en }, path ? [{ path, message: `「${l.zh}」不能过账` }] : []);
  }
  const now = isoNow();
  const res = await tx
    .updateTable('salesSlips')
    .set((eb) => ({ status: 'posted', postedAt: now, postedBy: ctx.userId, updatedAt: now, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('companyId', '=', ctx.companyId)
    .where('status', '=', 'reconciled')
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
  const payload = {
    slipId: id,
    number: slip.number,
    customerId: slip.customerId,
    customerName: slip.customerName,
    ownerId: slip.ownerId,
    orderId: slip.orderId,
    amount: netAmountOf(slip),
    grossAmount: slip.totalAmount,
    returnedAmount: slip.returnedAmount,
    paymentTerm: slip.paymentTerm,
    date: slip.businessDate,
  };
  await recordSlipPosted(tx, ctx.companyId, id);
  await tx.insertInto('businessEvents').values({ companyId: ctx.companyId, event: 'slip.posted', entity: 'sales_slip', entityId: id, payload: JSON.stringify(payload), createdAt: now }).execute();
  await writeAudit(tx, actorOf(ctx), { action: 'slip.post', entity: 'sales_slip', entityId: id, before: { status: slip.status }, after: { status: 'posted', amount: payload.amount } });
  await applyDriverCash(tx, ctx, id); // cash the driver handed in for it (receipts module, decisions.md)
  await applyHoldDeposits(tx, ctx, id); // the deposits of the hold its order was made from
  return { id, number: slip.number };
}

export async function postSlip(db: Db, ctx: RequestContext, id: number) {
  requirePermission(ctx, 'slip.post');
  await db.transaction().execute((tx) => postOne(tx, ctx, id));
  return slipDetail(db, ctx, id);
}

/** Posts several slips at once: all or none (a slip not ready is named, the batch is not half-posted). */
export async function postSlips(db: Db, ctx: RequestContext, body: { slipIds: number[] }) {
  requirePermission(ctx, 'slip.post');
  const ids = [...new Set(body.slipIds)];
  const posted = await db.transaction().execute(async (tx) => {
    const out: { id: number; number: string | null }[] = [];
    for (const [i, id] of ids.entries()) out.push(await postOne(tx, ctx, id, `slipIds.${i}`));
    return out;
  });
  return { posted };
}

/** The posting queue 待过账: reconciled slips in number order, each with what it still owes (the figures its detail shows). */
export async function slipsToPost(db: Db, ctx: RequestContext) {
  requirePermission(ctx, 'slip.read');
  const { items, total } = await repo.listSlips(db, ctx, { status: 'reconciled', page: 1, pageSize: 200, sort: 'number', order: 'asc' });
  const figures = await receivablesOf(db, ctx.companyId, items);
  return { items: items.map((i) => ({ ...i, ...figures.get(i.id)! })), total };
}

/**
 * 月度装订: every numbered slip of a month in number order — voided ones included and marked 作废 —
 * with the month's total of the valid ones, for the binder.
 */
export async function monthlyBinding(db: Db, ctx: RequestContext, monthGiven: string | undefined) {
  requirePermission(ctx, 'slip.read');
  const month = monthGiven ?? businessDate().slice(0, 7);
  const from = `${month}-01`;
  const to = `${month}-31`;
  const items = await db
    .selectFrom('salesSlips')
    .where('companyId', '=', ctx.companyId)
    .where(repo.slipInScope(ctx))
    .where('number', 'is not', null)
    .where('businessDate', '>=', from)
    .where('businessDate', '<=', to)
    .select(['id', 'number', 'businessDate', 'customerName', 'paymentTerm', 'totalAmount', 'returnedAmount', 'status', 'voidReason'])
    .orderBy('number')
    .limit(20000)
    .execute();
  const valid = items.filter((i) => i.status !== 'void');
  const totalAmount = valid.reduce((n, i) => n + netAmountOf(i), 0);
  return {
    month,
    companyName: await repo.companyName(db, ctx.companyId),
    items: items.map((i) => ({ ...i, number: i.number!, status: i.status as SlipStatus })),
    count: items.length,
    voidCount: items.length - valid.length,
    totalAmount,
    totalInCapitals: toChineseCapitals(totalAmount),
  };
}
