import type { Db } from '../src/db/database.ts';
import { readSettings } from '../src/modules/admin/service.ts';
import { createPlan, logDunning, runCollectionsJob, suggestedLevel } from '../src/modules/collections/service.ts';
import { dunningCreateBody, planCreateBody } from '../src/modules/collections/schema.ts';
import { customerPositions } from '../src/modules/receivables/service.ts';
import type { RequestContext } from '../src/platform/permissions/context.ts';
import { addDays } from '../src/platform/time.ts';
import type { DemoOrg } from './demo-staff.ts';
import type { Rng } from './prng.ts';

// Demo collection plans 回款计划 and dunning 催收 (issue 5), written through the services by the people
// who do it, after the demo invoices and receipts: each rep calls their customers that owe — who they
// spoke to, what was said, often a promise (amount by a date) — and the departments' managers put the
// largest debts on instalment plans (one for a single order). The credit sales carried over from the old
// system (demo-history.ts) are overdue by up to months: those customers get today the action their level
// suggests — but at most a visit, and one lawyer's letter for the worst (a demo sues nobody); today's
// debts get a reminder before the due date. The daily job (run once here) judges the past promises.
// Deterministic: customers in id order, choices from the seeded generator.

type Ctx = RequestContext;

const CONTACTS = ['老板', '老板娘', '财务', '采购经理', '店长'];
const RESULTS: Record<string, string[]> = {
  phone: ['电话联系上，答应尽快安排付款', '对方说月底资金回笼后付款', '电话无人接听，稍后再打', '财务说已提交付款申请，等老板签字'],
  sms: ['已发短信提醒对账及付款，对方回复收到', '短信告知逾期金额和账期，暂未回复'],
  email: ['已发邮件附对账单，请对方核对后付款'],
  visit: ['上门拜访老板，核对了欠款明细，答应分批付款', '到店见到店长，老板不在，留下对账单'],
  lawyer_letter: ['已委托律师发出律师函，限期十五日内付清'],
  lawsuit: ['已向人民法院提起诉讼，等待立案'],
};

const REMINDERS: Record<string, string[]> = {
  phone: ['电话提醒本期账款和到期日，对方核对金额无误，答应到期付款', '财务确认已收到对账单，到期前安排转账', '老板说这批货卖得好，到期一次付清'],
  sms: ['短信发送本期应付金额和到期日，对方回复收到'],
};

export async function writeDemoCollections(db: Db, rng: Rng, org: DemoOrg, ctxOf: (userId: number) => Promise<Ctx>, today: string, now: Date): Promise<Record<string, number>> {
  const companyId = org.companyId;
  const counts: Record<string, number> = { dunningActions: 0, promises: 0, collectionPlans: 0 };
  const levels = (await readSettings(db, companyId)).settings.collections.dunningLevels;
  const positions = await customerPositions(db, companyId, { asAt: today });
  const owing = [...positions].sort(([a], [b]) => a - b);
  if (!owing.length) return counts;
  const customers = await db.selectFrom('customers').select(['id', 'name', 'ownerId']).where('companyId', '=', companyId).where('id', 'in', owing.map(([id]) => id)).execute();
  const ownerOf = new Map(customers.map((c) => [c.id, c.ownerId]));
  const managerOf = (userId: number) => org.departments.find((d) => d.repIds.includes(userId) || d.managerId === userId)?.managerId ?? org.gmId;

  // ── dunning: each rep calls the customers that owe (up to 40, in id order). The demo's documents are
  // all of today, so most debts are not due yet: a reminder before the due date (到期提醒), with the
  // customer's promise to pay by then; a debt already overdue gets the action its level suggests ──
  const chased = owing.filter(([id]) => ownerOf.get(id)).slice(0, 40);
  let lettersSent = 0;
  for (const [k, [customerId, p]] of chased.entries()) {
    const ctx = await ctxOf(ownerOf.get(customerId)!);
    const overdue = p.overdue > 0;
    const suggested = overdue ? (suggestedLevel(levels, p.maxDaysOverdue)?.method ?? 'phone') : null;
    const heavy = suggested === 'lawsuit' || suggested === 'lawyer_letter';
    const method = suggested ? (heavy ? (lettersSent++ === 0 ? 'lawyer_letter' : 'visit') : suggested) : k % 3 === 2 ? 'sms' : 'phone';
    const promise = method !== 'lawyer_letter' && k % 5 !== 4;
    const dueBy = p.oldestDueDate && p.oldestDueDate > today ? p.oldestDueDate : addDays(today, 7);
    const body = dunningCreateBody.parse({
      customerId, actionDate: today, method, contactName: rng.pick(CONTACTS),
      result: overdue ? rng.pick(RESULTS[method]!) : rng.pick(REMINDERS[method] ?? REMINDERS.phone!),
      promisedAmount: promise ? Math.max(100, Math.round(((overdue ? p.overdue : p.balance) * (5 + (k % 6))) / 10 / 100) * 100) : null,
      promisedDate: promise ? dueBy : null,
    });
    await logDunning(db, ctx, body);
    counts.dunningActions!++;
    if (promise) counts.promises!++;
  }

  // ── plans: the managers put the ten largest balances on three instalments; one order gets its own plan ──
  const largest = owing.filter(([id]) => ownerOf.get(id)).sort(([, a], [, b]) => b.balance - a.balance).slice(0, 10);
  for (const [customerId, p] of largest) {
    const manager = await ctxOf(managerOf(ownerOf.get(customerId)!));
    const part = Math.floor(p.balance / 3 / 100) * 100;
    if (part < 100) continue;
    const body = planCreateBody.parse({
      customerId, title: `货款分期回款（${today.slice(0, 7)}）`, startDate: today, notes: '经与客户协商，分三期结清本期货款',
      lines: [
        { dueDate: addDays(today, 15), amount: part, method: '银行转账' },
        { dueDate: addDays(today, 45), amount: part, method: '银行转账' },
        { dueDate: addDays(today, 75), amount: p.balance - 2 * part, method: '银行转账', note: '结清' },
      ],
    });
    await createPlan(db, manager, body);
    counts.collectionPlans!++;
  }
  const order = await db
    .selectFrom('salesOrders')
    .innerJoin('customers', 'customers.id', 'salesOrders.customerId')
    .where('salesOrders.companyId', '=', companyId)
    .where('salesOrders.status', '!=', 'draft')
    .where('customers.ownerId', 'is not', null)
    .select(['salesOrders.id', 'salesOrders.customerId', 'salesOrders.totalAmount', 'salesOrders.number', 'customers.ownerId'])
    .orderBy('salesOrders.totalAmount', 'desc')
    .orderBy('salesOrders.id')
    .executeTakeFirst();
  if (order && order.totalAmount > 0) {
    const half = Math.floor(order.totalAmount / 2 / 100) * 100;
    await createPlan(db, await ctxOf(managerOf(order.ownerId!)), planCreateBody.parse({
      customerId: order.customerId, orderId: order.id, title: `订单 ${order.number ?? order.id} 回款`, startDate: today,
      lines: [{ dueDate: addDays(today, 10), amount: half }, { dueDate: addDays(today, 40), amount: order.totalAmount - half }],
    }));
    counts.collectionPlans!++;
  }

  // ── overnight: promises judged, today's overdue alerts sent ──
  await runCollectionsJob(db, now);
  const judged = await db.selectFrom('dunningActions').select(['promiseStatus']).where('companyId', '=', companyId).where('promiseStatus', '=', 'broken').execute();
  counts.brokenPromises = judged.length;
  return counts;
}
