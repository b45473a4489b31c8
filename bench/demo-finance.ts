import type { Db } from '../src/db/database.ts';
import { issueInvoice, issueRedInvoice } from '../src/modules/invoices/service.ts';
import { issueBody, redBody } from '../src/modules/invoices/schema.ts';
import { allocate, autoAllocate, confirmStatement, createReceipt, createStatement } from '../src/modules/receipts/service.ts';
import { receiptCreateBody, type ReceiptMethod } from '../src/modules/receipts/schema.ts';
import type { RequestContext } from '../src/platform/permissions/context.ts';
import { addDays } from '../src/platform/time.ts';
import type { DemoOrg } from './demo-staff.ts';
import type { Rng } from './prng.ts';

// Demo invoices and receipts (issue 5), written through the services by the people who do it, after
// the demo sales: the clerk invoices most posted slips (one invoice per customer, a few 增值税专用发票
// with the buyer's full invoice details), takes back a returned bottle with a partial red-letter
// invoice; finance records what customers paid — bank transfers (some in part, one more than owed:
// advance credit), WeChat, an acceptance bill — and allocates oldest first (one by hand, in part).
// Drivers' cash arrived already as receipts when the reconciliation was settled and was applied when
// the slips were posted. Two statements of this month (a customer still owing, one paid ahead); the
// first confirmed by the customer.
// Deterministic: the order of everything follows ids and the seeded generator.

type Ctx = RequestContext;

const BANKS = ['中国工商银行昆明分行营业部', '中国建设银行昆明城北支行', '中国农业银行曲靖麒麟支行', '富滇银行昆明盘龙支行'];

export async function writeDemoFinance(db: Db, rng: Rng, org: DemoOrg, ctxOf: (userId: number) => Promise<Ctx>, today: string): Promise<Record<string, number>> {
  const companyId = org.companyId;
  const userOf = (role: string) => org.users.find((u) => u.roleCode === role)!.id;
  const clerk = await ctxOf(org.clerkId);
  const finance = await ctxOf(userOf('finance'));
  const counts: Record<string, number> = { invoices: 0, specialInvoices: 0, redInvoices: 0, receipts: 0, allocations: 0, statements: 0 };

  const posted = await db
    .selectFrom('salesSlips as s')
    .innerJoin('customers as c', 'c.id', 's.customerId')
    .where('s.companyId', '=', companyId)
    .where('s.status', '=', 'posted')
    .select(['s.id', 's.customerId', 'c.name', 'c.taxId', 'c.invoiceTitle', 'c.invoiceAddress', 'c.invoicePhone', 'c.invoiceBank', 'c.invoiceAccount'])
    .orderBy('s.id')
    .execute();
  const byCustomer = new Map<number, typeof posted>();
  for (const s of posted) byCustomer.set(s.customerId!, [...(byCustomer.get(s.customerId!) ?? []), s]);
  const customers = [...byCustomer.keys()];

  // ── invoices: every customer's posted slips but the last customer's (not invoiced yet) ──
  const invoiceIds: number[] = [];
  for (const [k, customerId] of customers.entries()) {
    if (k === customers.length - 1 && customers.length > 2) break;
    const slips = byCustomer.get(customerId)!;
    const c = slips[0]!;
    // a few customers ask for 专用发票: their invoice details, completed where the file lacks some
    const special = k % 4 === 1;
    const buyer = special
      ? {
          name: c.invoiceTitle ?? c.name,
          taxId: c.taxId ?? `91530${String(100 + k).padStart(3, '0')}MA6${rng.digits(7)}`,
          address: c.invoiceAddress ?? `云南省昆明市五华区人民中路${10 + k}号`,
          phone: c.invoicePhone ?? `0871-6${rng.digits(7)}`,
          bank: c.invoiceBank ?? rng.pick(BANKS),
          account: c.invoiceAccount ?? `2502${rng.digits(15)}`,
        }
      : undefined;
    const id = await issueInvoice(db, clerk, issueBody.parse({ customerId, kind: special ? 'special' : 'normal', slipIds: slips.map((s) => s.id), buyer, reviewerName: '陈会计', payeeName: '赵出纳', remarks: special ? '客户要求开具专用发票' : null }));
    invoiceIds.push(id);
    counts.invoices! += 1;
    if (special) counts.specialInvoices! += 1;
  }
  // one bottle came back broken after invoicing: a partial red-letter invoice 红字发票
  if (invoiceIds.length) {
    const line = await db.selectFrom('invoiceLines').select(['id']).where('invoiceId', '=', invoiceIds[0]!).orderBy('lineNo').executeTakeFirstOrThrow();
    await issueRedInvoice(db, clerk, invoiceIds[0]!, redBody.parse({ reason: '客户退回破损 1 瓶，红冲', lines: [{ invoiceLineId: line.id, quantity: 1 }] }));
    counts.redInvoices! += 1;
  }

  // ── receipts: what each customer still owes on its slips, paid in the ways customers pay ──
  const owed = async (customerId: number) => {
    const row = await db
      .selectFrom('salesSlips')
      .where('companyId', '=', companyId)
      .where('customerId', '=', customerId)
      .where('status', '=', 'posted')
      .select((eb) => eb.fn.sum<number>(eb(eb(eb.ref('totalAmount'), '-', eb.ref('returnedAmount')), '-', eb.ref('receivedAmount'))).as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n ?? 0);
  };
  const record = async (customerId: number, method: ReceiptMethod, amount: number, daysAgo: number, extra: { bankAccount?: string; reference?: string; remarks?: string } = {}) => {
    const r = await createReceipt(db, finance, receiptCreateBody.parse({ customerId, receiptDate: addDays(today, -daysAgo), method, amount, ...extra }));
    counts.receipts! += 1;
    return r;
  };
  const plan: { method: ReceiptMethod; share: number; extra: (k: number) => { bankAccount?: string; reference?: string; remarks?: string } }[] = [
    { method: 'bank_transfer', share: 1, extra: (k) => ({ bankAccount: rng.pick(BANKS), reference: `HD${today.replaceAll('-', '')}${String(k).padStart(4, '0')}` }) },
    { method: 'bank_transfer', share: 0.6, extra: (k) => ({ bankAccount: rng.pick(BANKS), reference: `HD${today.replaceAll('-', '')}${String(k).padStart(4, '0')}`, remarks: '先付六成，余款月底结清' }) },
    { method: 'wechat_alipay', share: 1, extra: (k) => ({ reference: `4200001${rng.digits(8)}${k}`, remarks: '微信转账' }) },
    { method: 'acceptance_bill', share: 1, extra: () => ({ reference: `银承 3130 0051 ${rng.digits(8)}`, remarks: '六个月银行承兑汇票' }) },
    { method: 'bank_transfer', share: 1.25, extra: (k) => ({ bankAccount: rng.pick(BANKS), reference: `HD${today.replaceAll('-', '')}${String(k).padStart(4, '0')}`, remarks: '多付部分作预收，下批货抵扣' }) },
  ];
  const forStatement: number[] = []; // one customer paying in part, one paying ahead
  let bills = 0;
  for (const [k, customerId] of customers.entries()) {
    const due = await owed(customerId);
    if (due <= 0) continue; // paid in cash to the driver
    let p = plan[k % plan.length]!;
    if (p.method === 'acceptance_bill' && bills++ > 0) p = plan[0]!; // one acceptance bill is enough for the demo
    if ((p.share < 1 && !forStatement[0]) || (p.share > 1 && !forStatement[1])) forStatement[p.share < 1 ? 0 : 1] = customerId;
    const amount = Math.max(100, Math.round((due * p.share) / 100) * 100);
    const r = await record(customerId, p.method, amount, rng.int(0, 5), p.extra(k));
    if (k % 7 === 3) {
      // allocated by hand, in part: finance applies half and keeps the rest until the customer says what it pays
      const slip = await db
        .selectFrom('salesSlips')
        .where('companyId', '=', companyId)
        .where('customerId', '=', customerId)
        .where('status', '=', 'posted')
        .where((eb) => eb(eb.ref('receivedAmount'), '<', eb(eb.ref('totalAmount'), '-', eb.ref('returnedAmount'))))
        .select(['id', 'totalAmount', 'returnedAmount', 'receivedAmount'])
        .orderBy('businessDate', 'desc')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      const part = Math.min(Math.floor(amount / 2), slip.totalAmount - slip.returnedAmount - slip.receivedAmount);
      const back = await allocate(db, finance, r.id, { allocations: [{ targetType: 'sales_slip', targetId: slip.id, amount: part }] });
      counts.allocations! += back.allocations.length;
    } else {
      const back = await autoAllocate(db, finance, r.id);
      counts.allocations! += back.allocations.length;
    }
  }

  // ── statements 对账单 of this month: the customer still owing part (signed back) and the one paid ahead ──
  const from = `${today.slice(0, 7)}-01`;
  for (const [k, customerId] of forStatement.filter(Boolean).entries()) {
    const st = await createStatement(db, clerk, { customerId, from, to: today });
    counts.statements! += 1;
    if (k === 0) await confirmStatement(db, clerk, st.id, { confirmedDate: today, note: '客户财务已核对，签字盖章寄回', version: st.version });
  }
  return counts;
}
