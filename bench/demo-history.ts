import type { Db } from '../src/db/database.ts';
import { createDocument, signDocument } from '../src/modules/inventory/service.ts';
import { documentBody } from '../src/modules/inventory/schema.ts';
import { logDunning } from '../src/modules/collections/service.ts';
import { dunningCreateBody } from '../src/modules/collections/schema.ts';
import { allocate } from '../src/modules/receipts/allocation.ts';
import { createReceipt } from '../src/modules/receipts/service.ts';
import { receiptCreateBody } from '../src/modules/receipts/schema.ts';
import { createReconciliation, createWalkIn, deliverSlip, postSlips, settleReconciliation, signSlip, updateReconciliation } from '../src/modules/slips/service.ts';
import { walkInBody } from '../src/modules/slips/schema.ts';
import { nextNumber, periodOf, renderNumber, ruleFor } from '../src/platform/numbering/numbering.ts';
import { actorOf, type RequestContext } from '../src/platform/permissions/context.ts';
import { writeAudit } from '../src/platform/audit/audit.ts';
import { addDays } from '../src/platform/time.ts';
import { warehousePeople, type DemoOrg } from './demo-staff.ts';
import type { Rng } from './prng.ts';

// The demo company's credit sales of the last eight months (账龄 and 催收 need a past): the demo's
// other slips are all of today, since the services date what they issue by the clock. Here ~25
// customers whose credit profiles allow 月结 / 滚单 buy on credit every few weeks; the slips are
// written through the slips service (stock, numbering, signatures, the driver's reconciliation,
// posting and so the receivable open items the normal way) month by month as "slips carried over
// from the old system": right after issue each slip takes its original business date and a number
// of that date (the numbering service, for that day), before it is reconciled and posted — so the
// receivables module dates its open item and computes its due date from the customer's terms
// itself. Then the customers pay the way customers pay: the good ones about the due date, the slow
// ones part and late, a few hardly at all — receipts through the receipts service with their past
// dates, allocated to the slip they pay; each allocation is dated to its receipt's day, as are the
// ledger moves it made (the open amount as at a day = open amount now + the moves after that day).
// And the calls of those months, logged with their days through the collections service: a slow
// payer's promise it kept, a bad payer's promise it broke (judged by demo-collections' job run).
// The goods they took come in first with one inbound 期初结转 of today and leave with the slips today
// (the stock ledger keeps its own day totals): the warehouse count ends where it was. Deterministic: customers in id order, the seeded generator.

type Ctx = RequestContext;

const DRIVERS: [string, string][] = [['李建华', '13987112201'], ['王志强', '13987112202'], ['赵德明', '13987112203']];
const BANKS = ['中国工商银行昆明分行营业部', '中国建设银行昆明城北支行', '中国农业银行曲靖麒麟支行', '富滇银行昆明盘龙支行'];
const EXPIRING_CODE = 'DY-MZ15-500';

/** an ISO timestamp at a Shanghai wall-clock hour of a business day */
const at = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, '0')}:${String((hour * 17) % 60).padStart(2, '0')}:00+08:00`).toISOString();

export async function writeDemoHistory(db: Db, rng: Rng, org: DemoOrg, ctxOf: (userId: number) => Promise<Ctx>, today: string): Promise<Record<string, number>> {
  const companyId = org.companyId;
  const userOf = (role: string) => org.users.find((u) => u.roleCode === role)!.id;
  const keeper = await ctxOf(warehousePeople(org).keeperId);
  const supervisor = await ctxOf(warehousePeople(org).supervisorId);
  const finance = await ctxOf(userOf('finance'));
  const clerk = await ctxOf(org.clerkId);
  const counts: Record<string, number> = { historySlips: 0, historyReceipts: 0, historyReconciliations: 0 };

  // ── who: owned customers with a credit profile (A or B) that allows 月结 or 滚单, every other one, 25 at most ──
  const rows = await db
    .selectFrom('customerCredit as cc')
    .innerJoin('customers as c', 'c.id', 'cc.customerId')
    .where('cc.companyId', '=', companyId)
    .where('c.ownerId', 'is not', null)
    .where('cc.rating', 'in', ['A', 'B'])
    .select(['c.id', 'c.name', 'c.ownerId', 'cc.paymentTerms', 'cc.creditLimit'])
    .orderBy('c.id')
    .execute();
  const customers = rows
    .map((r) => ({ id: r.id, name: r.name, ownerId: r.ownerId!, limit: Number(r.creditLimit), terms: (JSON.parse(r.paymentTerms) as string[]).filter((t) => t === 'monthly' || t === 'hold' || t === 'rolling') }))
    .filter((c) => c.terms.length > 0)
    .filter((_, k) => k % 2 === 0)
    .slice(0, 25);
  if (!customers.length) return counts;

  // ── what: products without code tracking, from 昆明总仓, never more than a tenth of what is free ──
  const wh = await db.selectFrom('warehouses').select('id').where('companyId', '=', companyId).orderBy('id').executeTakeFirstOrThrow();
  const products = await db
    .selectFrom('products')
    .select(['id', 'code', 'packSize', 'listPrice', 'category'])
    .where('companyId', '=', companyId)
    .where('active', '=', 1)
    .where('trackCodes', '=', 0)
    .where('code', '!=', EXPIRING_CODE)
    .orderBy('code')
    .execute();
  // ── when: 2–5 slips per customer over the last 8 months; a payer profile per customer ──
  type Plan = { customer: (typeof customers)[number]; date: string; term: string; lines: { productId: number; quantity: number }[] };
  const plans: Plan[] = [];
  const profile = new Map<number, 'good' | 'slow' | 'bad'>();
  for (const [k, c] of customers.entries()) {
    profile.set(c.id, k % 4 === 3 ? 'bad' : k % 4 === 1 ? 'slow' : rng.chance(0.5) ? 'slow' : 'good');
    const n = rng.int(2, 5);
    for (let i = 0; i < n; i++) {
      const lines: { productId: number; quantity: number }[] = [];
      const kinds = rng.weighted([[1, 30], [2, 40], [3, 30]] as const);
      for (let k = 0; k < kinds; k++) {
        const prod = rng.pick(products);
        const liquor = prod.category === '白酒' || prod.category === '果酒';
        const packs = prod.packSize && prod.packSize > 1 ? prod.packSize : 1;
        if (!lines.some((l) => l.productId === prod.id)) lines.push({ productId: prod.id, quantity: rng.int(liquor ? 3 : 20, liquor ? 15 : 120) * packs });
      }
      plans.push({ customer: c, date: addDays(today, -rng.int(8, 240)), term: rng.pick(c.terms), lines });
    }
  }
  plans.sort((a, b) => a.date.localeCompare(b.date) || a.customer.id - b.customer.id);

  // ── the goods: what these slips took came in with the old system's stock, one inbound today (the warehouse ends where it was) ──
  const need = new Map<number, number>();
  for (const p of plans) for (const l of p.lines) need.set(l.productId, (need.get(l.productId) ?? 0) + l.quantity);
  const doc = await createDocument(db, keeper, 'inbound', documentBody.parse({
    warehouseId: wh.id, businessDate: today, counterparty: '旧系统结转', reason: '期初结转', remarks: '旧系统结转的销货清单所出的货，随单据一并结转',
    lines: [...need].map(([productId, quantity]) => ({ productId, quantity, batchNo: `${today.replaceAll('-', '')}-JZ`, productionDate: addDays(today, -10) })),
    handlerId: clerk.userId, submit: true,
  }));
  await signDocument(db, keeper, doc.id, 'preparer');
  await signDocument(db, supervisor, doc.id, 'keeper');
  await signDocument(db, clerk, doc.id, 'handler');

  // ── month by month: issue, date back, sign, deliver, the driver's reconciliation, posting ──
  type Made = { id: number; customerId: number; date: string; amount: number };
  const made: Made[] = [];
  const months = [...new Set(plans.map((p) => p.date.slice(0, 7)))];
  for (const [m, month] of months.entries()) {
    const [driver, phone] = DRIVERS[m % DRIVERS.length]!;
    const batch: { id: number; version: number; date: string; customerId: number }[] = [];
    for (const p of plans.filter((x) => x.date.startsWith(month))) {
      const lines = p.lines;
      if (!lines.length) continue;
      const slip = await createWalkIn(db, clerk, walkInBody.parse({
        customerId: p.customer.id, customerName: p.customer.name, warehouseId: wh.id, handlerId: p.customer.ownerId, paymentTerm: p.term,
        orderType: 'wholesale', lines, driverName: driver, driverPhone: phone, remarks: `旧系统结转（原单日期 ${p.date}）`, issue: true,
      }));
      // the slip's original date and a number of that day; its notes to the keeper and handler are long done
      const oldNumber = slip.number!;
      await db.transaction().execute(async (tx) => {
        // today's number goes back to the counter (numbers stay gap-free: the next slip of today takes it again)
        const rule = await ruleFor(tx, companyId, 'sales_slip');
        const period = periodOf(rule.reset, today);
        const seq = await tx.selectFrom('numberSequences').select('lastValue').where('companyId', '=', companyId).where('docType', '=', 'sales_slip').where('period', '=', period).executeTakeFirstOrThrow();
        if (renderNumber(rule.pattern, today, Number(seq.lastValue)) !== oldNumber) throw new Error(`demo history: ${oldNumber} is not the last number of ${period}`);
        await tx.updateTable('numberSequences').set({ lastValue: Number(seq.lastValue) - 1 }).where('companyId', '=', companyId).where('docType', '=', 'sales_slip').where('period', '=', period).execute();
        const number = await nextNumber(tx, companyId, 'sales_slip', p.date);
        await tx.updateTable('salesSlips').set({ businessDate: p.date, number, issuedAt: at(p.date, 9), createdAt: at(p.date, 9), updatedAt: at(p.date, 9) }).where('id', '=', slip.id).execute();
        await writeAudit(tx, actorOf(clerk), { action: 'slip.carry_over', entity: 'sales_slip', entityId: slip.id, before: { number: oldNumber, businessDate: today }, after: { number, businessDate: p.date }, note: '旧系统结转：按原单日期编号' });
        await tx.updateTable('stockLedger').set({ docNo: number }).where('companyId', '=', companyId).where('docType', '=', 'sales_slip').where('docId', '=', slip.id).execute();
        const notes = await tx.selectFrom('notifications').select(['id', 'title']).where('companyId', '=', companyId).where('entity', '=', 'sales_slip').where('entityId', '=', slip.id).execute();
        for (const note of notes) await tx.updateTable('notifications').set({ title: note.title.replace(oldNumber, number), readAt: at(p.date, 10), createdAt: at(p.date, 9) }).where('id', '=', note.id).execute();
      });
      await signSlip(db, keeper, slip.id, { as: 'keeper' });
      await signSlip(db, clerk, slip.id, { as: 'preparer' });
      const signed = await signSlip(db, await ctxOf(p.customer.ownerId), slip.id, { as: 'handler' });
      const d = await deliverSlip(db, clerk, slip.id, { driverName: driver, driverPhone: phone, version: signed.version });
      batch.push({ id: slip.id, version: d.version, date: p.date, customerId: p.customer.id });
    }
    if (!batch.length) continue;
    const last = batch.map((b) => b.date).sort().at(-1)!;
    const recDate = addDays(last, 1) < today ? addDays(last, 1) : last;
    const rec = await createReconciliation(db, finance, { driverName: driver, businessDate: recDate });
    const upd = await updateReconciliation(db, finance, rec.id, { version: rec.version, remarks: '旧系统结转：客户签收联已交回', slips: rec.slips.map((s) => ({ slipId: s.slipId, cashReceived: 0, signedCopyReceived: true })) });
    await settleReconciliation(db, finance, rec.id, { version: upd.version });
    await postSlips(db, finance, { slipIds: batch.map((b) => b.id) });
    counts.historyReconciliations!++;
    for (const b of batch) {
      await db.updateTable('salesSlips').set({ keeperSignedAt: at(b.date, 10), preparerSignedAt: at(b.date, 10), handlerSignedAt: at(b.date, 11), deliveredAt: at(b.date, 11), postedAt: at(recDate, 16), updatedAt: at(recDate, 16) }).where('id', '=', b.id).execute();
    }
    await db.updateTable('driverReconciliations').set({ createdAt: at(recDate, 15), settledAt: at(recDate, 16), updatedAt: at(recDate, 16) }).where('id', '=', rec.id).execute();
    const amounts = await db.selectFrom('salesSlips').select(['id', 'totalAmount']).where('id', 'in', batch.map((b) => b.id)).execute();
    const amountOf = new Map(amounts.map((a) => [a.id, a.totalAmount]));
    for (const b of batch) made.push({ id: b.id, customerId: b.customerId, date: b.date, amount: amountOf.get(b.id)! });
    counts.historySlips! += batch.length;
  }

  // ── payments: good payers about the due date, slow ones part and late, bad ones a little once ──
  const items = new Map(
    (await db.selectFrom('receivableItems').select(['docId', 'dueDate']).where('companyId', '=', companyId).where('docType', '=', 'sales_slip').where('docId', 'in', made.map((s) => s.id)).execute()).map((i) => [i.docId, i.dueDate]),
  );
  type Pay = { slip: Made; date: string; amount: number };
  const pays: Pay[] = [];
  const paidOnce = new Set<number>();
  for (const s of made) {
    const due = items.get(s.id)!;
    const kind = profile.get(s.customerId)!;
    const pay = (date: string, share: number) => {
      if (date >= today || date < s.date) return;
      const amount = share >= 1 ? s.amount : Math.floor((s.amount * share) / 100) * 100;
      if (amount > 0) pays.push({ slip: s, date, amount });
    };
    if (kind === 'good') pay(addDays(due, rng.int(-6, 8)), 1);
    else if (kind === 'slow') {
      const late = addDays(due, rng.int(15, 50));
      if (late < today) pay(late, rng.int(40, 70) / 100);
    } else if (!paidOnce.has(s.customerId)) {
      const late = addDays(due, rng.int(20, 40));
      if (late < today) {
        paidOnce.add(s.customerId);
        pay(late, 0.3);
      }
    }
  }
  pays.sort((a, b) => a.date.localeCompare(b.date) || a.slip.id - b.slip.id);
  for (const [k, p] of pays.entries()) {
    const r = await createReceipt(db, finance, receiptCreateBody.parse({
      customerId: p.slip.customerId, receiptDate: p.date, method: 'bank_transfer', amount: p.amount,
      bankAccount: BANKS[k % BANKS.length], reference: `HD${p.date.replaceAll('-', '')}${String(k + 1).padStart(4, '0')}`, remarks: '旧系统结转的回款',
    }));
    await allocate(db, finance, r.id, { allocations: [{ targetType: 'sales_slip', targetId: p.slip.id, amount: p.amount }] });
    // the allocation and the ledger move it made take the receipt's day
    const allocs = await db.selectFrom('receiptAllocations').select('id').where('companyId', '=', companyId).where('receiptId', '=', r.id).execute();
    const ids = allocs.map((a) => a.id);
    await db.updateTable('receiptAllocations').set({ allocatedAt: at(p.date, 15) }).where('id', 'in', ids).execute();
    await db.updateTable('receivableMoves').set({ moveDate: p.date, createdAt: at(p.date, 15) }).where('companyId', '=', companyId).where('sourceType', '=', 'receipt_allocation').where('sourceId', 'in', ids).execute();
    await db.updateTable('receipts').set({ createdAt: at(p.date, 14), updatedAt: at(p.date, 15) }).where('id', '=', r.id).execute();
    counts.historyReceipts!++;
  }
  // each item's latest move day and settled day follow its moves' days
  const moved = await db
    .selectFrom('receivableMoves as m')
    .innerJoin('receivableItems as i', 'i.id', 'm.itemId')
    .where('i.companyId', '=', companyId)
    .where('i.docType', '=', 'sales_slip')
    .where('i.docId', 'in', made.map((s) => s.id))
    .select(['i.id', 'i.openAmount', (eb) => eb.fn.max<string>('m.moveDate').as('last')])
    .groupBy(['i.id', 'i.openAmount'])
    .execute();
  for (const i of moved) {
    await db.updateTable('receivableItems').set({ lastMoveDate: i.last, settledDate: Number(i.openAmount) === 0 ? i.last : null }).where('id', '=', i.id).execute();
  }

  // ── the calls of those months: a slow payer promised the part it then paid (kept); a bad one promised half of
  // its oldest debt and paid nothing (the overnight job of demo-collections finds the promise broken) ──
  counts.historyDunning = 0;
  const called = new Set<number>();
  for (const p of pays) {
    const c = p.slip.customerId;
    if (profile.get(c) !== 'slow' || called.has(c)) continue;
    called.add(c);
    const owner = customers.find((x) => x.id === c)!.ownerId;
    await logDunning(db, await ctxOf(owner), dunningCreateBody.parse({
      customerId: c, actionDate: addDays(p.date, -7), method: 'phone', contactName: '老板', result: '电话催款，老板说下周先付一部分，余款等资金回笼',
      promisedAmount: p.amount, promisedDate: p.date,
    }));
    counts.historyDunning++;
  }
  for (const c of customers.filter((x) => profile.get(x.id) === 'bad')) {
    const unpaid = made.filter((s) => s.customerId === c.id && !pays.some((p) => p.slip.id === s.id)).map((s) => ({ s, due: items.get(s.id)! }));
    const oldest = unpaid.filter((u) => addDays(u.due, 40) < today).sort((a, b) => a.due.localeCompare(b.due))[0];
    if (!oldest) continue;
    const day = addDays(oldest.due, 12);
    await logDunning(db, await ctxOf(c.ownerId), dunningCreateBody.parse({
      customerId: c.id, actionDate: day, method: 'visit', contactName: '老板', result: '上门催收，核对了欠款明细，老板答应两周内先付一半',
      promisedAmount: Math.max(100, Math.floor(oldest.s.amount / 2 / 100) * 100), promisedDate: addDays(day, 14),
    }));
    counts.historyDunning++;
  }
  return counts;
}
