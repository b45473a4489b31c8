import type { Db } from '../../db/database.ts';
import { diff, writeAudit } from '../../platform/audit/audit.ts';
import { notFound, staleVersion } from '../../platform/errors/app-error.ts';
import { formatYuan } from '../../platform/money.ts';
import { actorOf, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { isoNow } from '../../platform/time.ts';
import * as repo from './repo.ts';
import { managerOf } from './ownership-repo.ts';
import type { CreditInput } from './schema.ts';
import { notifyWorkers } from './shared.ts';
import { notify } from '../notifications/service.ts';
import { paymentTermLabels, type PaymentTerm } from '../orders/labels.ts';

/**
 * Saves a customer's credit profile (信用调查): rating, limit (fen), allowed payment terms, prepay,
 * the account terms (月结 settlement day and months, 压单/滚单 days — receivables' due dates; empty: the
 * company's defaults), and the check report (assets, sales capacity, debts, credit history, conclusion) with its date;
 * checked_by is the acting user. The report goes to the owner's department manager (the nearest
 * department up the tree that has one) and to the others who work the customer. Orders enforce it.
 */
export async function saveCredit(db: Db, ctx: RequestContext, customerId: number, body: CreditInput) {
  requirePermission(ctx, 'customer.credit');
  await db.transaction().execute(async (tx) => {
    const c = await repo.customerInScope(tx, ctx, customerId);
    if (!c) throw notFound();
    const existing = await tx.selectFrom('customerCredit').selectAll().where('customerId', '=', customerId).executeTakeFirst();
    if (existing && existing.version !== body.version) throw staleVersion();
    const now = isoNow();
    const values = {
      rating: body.rating, creditLimit: body.creditLimit, paymentTerms: JSON.stringify(body.paymentTerms), prepayRequired: body.prepayRequired ? 1 : 0,
      assets: body.assets, salesCapacity: body.salesCapacity, debts: body.debts, creditHistory: body.creditHistory, conclusion: body.conclusion,
      checkedAt: body.checkedAt, checkedBy: ctx.userId, updatedAt: now,
      settlementDay: body.settlementDay ?? null, creditMonths: body.creditMonths ?? null, creditDays: body.creditDays ?? null,
    };
    if (existing) {
      const res = await tx.updateTable('customerCredit').set({ ...values, version: existing.version + 1 }).where('customerId', '=', customerId).where('version', '=', existing.version).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
    } else {
      await tx.insertInto('customerCredit').values({ customerId, companyId: ctx.companyId, ...values }).execute();
    }
    // the audit shows terms as a list, the flag as a boolean and who checked by name (ids stay for machines)
    const checkerName = async (id: number) => (await repo.userName(tx, id)) ?? String(id);
    const shown = async (v: typeof values) => ({ ...v, paymentTerms: JSON.parse(v.paymentTerms), prepayRequired: v.prepayRequired === 1, checkedByName: await checkerName(v.checkedBy) });
    const d = existing ? diff(await shown(existing as typeof values), await shown(values)) : { after: await shown(values) };
    await writeAudit(tx, actorOf(ctx), { action: 'customer.credit', entity: 'customer', entityId: customerId, ...d });
    const summary = `评级 ${body.rating}，信用额度 ¥${formatYuan(body.creditLimit)}，付款方式 ${body.paymentTerms.map((t) => paymentTermLabels[t as PaymentTerm]?.zh ?? t).join('/')}${body.prepayRequired ? '，须预付款' : ''}`;
    const manager = c.ownerId ? await managerOf(tx, ctx.companyId, c.ownerId) : null;
    if (manager && manager !== ctx.userId) {
      await notify(tx, { companyId: ctx.companyId, userId: manager, kind: 'customer.credit', title: `${ctx.userName} 报告了客户「${c.name}」的信用调查`, body: summary, entity: 'customer', entityId: customerId });
    }
    await notifyWorkers(tx, ctx, { id: customerId, name: c.name, ownerId: c.ownerId }, `${ctx.userName} 更新了客户「${c.name}」的信用档案`, summary);
  });
  const credit = await repo.creditOf(db, customerId);
  const { creditOutOf } = await import('./service.ts');
  return creditOutOf(credit!);
}
