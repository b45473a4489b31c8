import type { Tx, Executor } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { forbidden } from '../../platform/errors/app-error.ts';
import { formatYuan } from '../../platform/money.ts';
import { actorOf, can, type RequestContext } from '../../platform/permissions/context.ts';
import { orderError } from './errors.ts';
import { creditTerms, paymentTermLabels, paymentTerms, type PaymentTerm } from './labels.ts';
import * as repo from './repo.ts';
import type { CreditCheck } from './schema.ts';

/**
 * The credit check of an order (at submit and at finance approval):
 * - the payment term must be one the customer's credit profile allows; a customer without a profile
 *   may buy for cash (现款) or against a transfer (汇款) only — credit terms need a credit check first;
 * - on a credit term (月结 / 压单 / 滚单) the customer's outstanding plus this order may not pass the
 *   limit. Outstanding = what the customer owes now (posted slips net of returns less every receipt —
 *   an advance lowers it) + what of their other credit-term orders is not posted yet (submitted,
 *   confirmed, (partly) shipped or delivered, until the customer confirms receipt).
 */
export async function creditFigures(
  db: Executor,
  companyId: number,
  order: { id: number; customerId: number; paymentTerm: string; totalAmount: number },
  /** the customer's profile when the caller has read it already (null: none) */
  known?: repo.CreditProfile | null,
): Promise<CreditCheck> {
  const profile = known !== undefined ? known : await repo.creditOf(db, companyId, order.customerId);
  const allowedTerms: PaymentTerm[] = profile ? (JSON.parse(profile.paymentTerms) as PaymentTerm[]) : ['cash', 'transfer'];
  const creditTerm = (creditTerms as readonly string[]).includes(order.paymentTerm);
  const termAllowed = allowedTerms.includes(order.paymentTerm as PaymentTerm);
  const limit = profile ? Number(profile.creditLimit) : null;
  const [owed, openOrders] = creditTerm
    ? await Promise.all([repo.accountBalance(db, companyId, order.customerId), repo.openOrdersOnCredit(db, companyId, order.customerId, order.id)])
    : [0, 0];
  const outstanding = owed + openOrders;
  const excess = creditTerm && limit !== null ? Math.max(0, outstanding + order.totalAmount - limit) : 0;
  return { hasProfile: !!profile, creditTerm, termAllowed, allowedTerms: paymentTerms.filter((t) => allowedTerms.includes(t)), limit, owed, openOrders, outstanding, orderAmount: order.totalAmount, excess, passed: termAllowed && excess === 0 };
}

/**
 * Stops an order that fails the credit check with a 409 showing the figures, unless the user holds
 * order.credit_override and gives a reason: then the order goes through and the override is logged.
 * Returns the override fields to store on the order (or {} when the check passed).
 */
export async function enforceCredit(
  tx: Tx,
  ctx: RequestContext,
  order: { id: number; number: string | null; customerId: number; paymentTerm: string; totalAmount: number },
  overrideReason: string | null | undefined,
  known?: repo.CreditProfile | null,
): Promise<{ creditOverrideBy?: number; creditOverrideReason?: string }> {
  const f = await creditFigures(tx, ctx.companyId, order, known);
  if (f.passed) return {};
  const reason = overrideReason?.trim();
  if (!reason) {
    if (!f.termAllowed) {
      const term = paymentTermLabels[order.paymentTerm as PaymentTerm];
      throw orderError('ORDER_TERM_NOT_ALLOWED', {
        term: term.zh, termEn: term.en,
        allowed: f.allowedTerms.map((t) => paymentTermLabels[t].zh).join('、') || '无', allowedEn: f.allowedTerms.map((t) => paymentTermLabels[t].en).join(', ') || 'none',
      }, [{ path: 'paymentTerm', message: `客户不允许使用「${term.zh}」` }]);
    }
    throw orderError('ORDER_CREDIT_LIMIT', { limit: formatYuan(f.limit ?? 0), owed: formatYuan(f.owed), openOrders: formatYuan(f.openOrders), order: formatYuan(f.orderAmount), excess: formatYuan(f.excess) });
  }
  if (!can(ctx, 'order.credit_override')) throw forbidden();
  await writeAudit(tx, actorOf(ctx), {
    action: 'order.credit_override', entity: 'sales_order', entityId: order.id,
    after: { number: order.number, reason, paymentTerm: order.paymentTerm, termAllowed: f.termAllowed, limit: f.limit, owed: f.owed, openOrders: f.openOrders, outstanding: f.outstanding, orderAmount: f.orderAmount, excess: f.excess },
    note: reason,
  });
  return { creditOverrideBy: ctx.userId, creditOverrideReason: reason };
}
