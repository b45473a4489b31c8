import type { z } from 'zod';
import type { Db, Tx } from '../src/db/database.ts';
import { insertCustomers, saveCredit } from '../src/modules/customers/service.ts';
import { releaseCustomer } from '../src/modules/customers/pool.ts';
import type { customerCreateBody } from '../src/modules/customers/schema.ts';
import { addActivity, createLead } from '../src/modules/leads/service.ts';
import { writeAuditMany } from '../src/platform/audit/audit.ts';
import type { RequestContext } from '../src/platform/permissions/context.ts';
import { addDays, businessDate } from '../src/platform/time.ts';
import { hashPassword } from '../src/server/auth/passwords.ts';
import { contextFor } from './context.ts';
import { customerSpec, genState, mobile, personName, type CustomerSpec } from './customer-gen.ts';
import { nameKey } from '../src/modules/customers/normalize.ts';
import { makeRng, type Rng } from './prng.ts';
import { DEMO_CODE, DEMO_PASSWORD, createDemoOrg, demoCompany, demoDepartments, demoStaff, warehousePeople, type DemoOrg } from './demo-staff.ts';
import { followupTemplates, notes, yunnan, PROVINCE } from './vocab.ts';
import { writeDemoProducts } from './demo-products.ts';
import { writeDemoSales } from './demo-sales.ts';
import { writeDemoHolds } from './demo-holds.ts';
import { writeDemoPurchaseRequests, writeDemoStock } from './demo-stock.ts';
import { writeDemoFinance } from './demo-finance.ts';
import { writeDemoCollections } from './demo-collections.ts';
import { writeDemoHistory } from './demo-history.ts';

// The demo company (MISSION.md: a 云南 beverage/liquor distributor): 3 sales departments, 12 reps,
// 2,000 customers across the province with contacts, delivery addresses, invoice details, tags,
// follow-ups over the last months, credit profiles, some customers in the public pool, and leads.
// Deterministic: a seeded PRNG, so every load gives the same names, codes and owners.
// Products, stock, orders and slips (demo-products.ts, demo-stock.ts, demo-sales.ts), invoices and
// receipts (demo-finance.ts), eight months of credit sales carried over from the old system
// (demo-history.ts) and collection plans and dunning (demo-collections.ts).

export { DEMO_CODE, DEMO_PASSWORD };
export const DEMO_SEED = 4004;
export const DEMO_CUSTOMERS = 2000;

export type DemoLogin = { username: string; displayName: string; title: string };
export type DemoResult = { created: boolean; companyId: number; password: string; logins: DemoLogin[]; counts?: Record<string, number> };

/** Who logs in to the demo (the same list whether or not this run created the company). */
export function demoLogins(): DemoLogin[] {
  return [
    ...demoStaff.map((s) => ({ username: s.username, displayName: s.displayName, title: s.title })),
    ...demoDepartments.flatMap((d) => [
      { username: d.manager.username, displayName: d.manager.displayName, title: `${d.name}经理` },
      ...d.reps.map((r) => ({ username: r.username, displayName: r.displayName, title: `${d.name}业务员` })),
    ]),
  ];
}

export function demoLoginsText(r: DemoResult): string {
  const lines = r.logins.map((l) => `  ${l.username.padEnd(12)} ${l.displayName}（${l.title}）`);
  return `演示账套「${demoCompany.name}」的登录账号 / demo logins (密码 password: ${r.password}):\n${lines.join('\n')}`;
}

type CustomerRaw = z.input<typeof customerCreateBody>;

function customerInput(rng: Rng, spec: CustomerSpec): CustomerRaw {
  const primary = spec.contacts[0]!;
  return {
    name: spec.name,
    industry: spec.industry,
    province: spec.province,
    city: spec.city,
    address: spec.address,
    classification: spec.classification,
    source: spec.source,
    taxId: spec.taxId,
    invoiceTitle: spec.invoice?.title ?? null,
    invoiceAddress: spec.invoice?.address ?? null,
    invoicePhone: spec.invoice?.phone ?? null,
    invoiceBank: spec.invoice?.bank ?? null,
    invoiceAccount: spec.invoice?.account ?? null,
    notes: rng.chance(0.25) ? rng.pick(notes) : null,
    contacts: spec.contacts.map((c) => ({ name: c.name, phone: c.phone, position: c.position, email: c.email, isPrimary: c.isPrimary })),
    addresses: [{ label: '送货地址', province: spec.province, city: spec.city, address: spec.address, receiver: primary.name, phone: primary.phone, isDefault: true }],
    tags: spec.tags,
  };
}

type Planned = { input: CustomerRaw; ownerId: number | null; deptIndex: number; referrerIndex: number | null };

/** Every customer, in one fixed order, with its owner (a rep mostly, sometimes the manager) or none (the pool). */
function planCustomers(rng: Rng, org: DemoOrg): Planned[] {
  const state = genState(rng, nameKey);
  const planned: Planned[] = [];
  for (let i = 0; i < DEMO_CUSTOMERS; i++) {
    const deptIndex = i % org.departments.length;
    const dept = org.departments[deptIndex]!;
    const spec = customerSpec(state, dept.channel);
    const input = customerInput(rng, spec);
    const r = rng.next();
    const ownerId = r < 0.02 ? null : r < 0.08 ? dept.managerId : rng.pick(dept.repIds);
    const referrerIndex = spec.source === 'referral' && i > 50 && rng.chance(0.6) ? rng.int(0, i - 1) : null;
    planned.push({ input, ownerId, deptIndex, referrerIndex });
  }
  return planned;
}

/**
 * Writes the customers through the customers module's batch path (numbers, name keys, search
 * columns, contacts, addresses, tags, 'create' moves, audit), grouped by owner so each is created by
 * its owner. Referrers point at customers of earlier groups (ids known by then).
 */
async function writeCustomers(tx: Tx, org: DemoOrg, planned: Planned[], ctxOf: (userId: number) => Promise<RequestContext>): Promise<number[]> {
  const ids: number[] = new Array(planned.length).fill(0);
  const owners = [...new Set(planned.map((p) => p.ownerId ?? 0))];
  for (const owner of owners) {
    const group = planned.map((p, index) => ({ p, index })).filter(({ p }) => (p.ownerId ?? 0) === owner);
    const ctx = await ctxOf(owner === 0 ? org.clerkId : owner);
    const inputs = group.map(({ p }) => ({ ...p.input, referredByCustomerId: p.referrerIndex != null && ids[p.referrerIndex] ? ids[p.referrerIndex] : null, ownerId: undefined }));
    const res = await insertCustomers(tx, ctx, inputs, { ownerId: owner === 0 ? null : owner, auditAction: 'customer.create' });
    if (res.duplicates.length || res.invalid.length) {
      throw new Error(`demo customers refused: ${JSON.stringify({ duplicates: res.duplicates.slice(0, 3), invalid: res.invalid.slice(0, 3) })}`);
    }
    for (const r of res.inserted) ids[group[r.index]!.index] = r.id;
  }
  return ids;
}

const DAY = 86_400_000;

/**
 * Follow-up history over the last four months, written in bulk with its past dates (the service's
 * addFollowup stamps "now", one transaction each). Same rows addFollowup writes: the follow-up, the
 * customer's last_followup_at, and an audit entry per follow-up. About one customer in six has a
 * planned next date around today, so reps find due follow-ups on their home page.
 */
async function writeFollowupHistory(tx: Tx, rng: Rng, org: DemoOrg, planned: Planned[], ids: number[], now: Date): Promise<number> {
  const contacts = await tx.selectFrom('customerContacts').select(['id', 'customerId']).where('companyId', '=', org.companyId).where('isPrimary', '=', 1).execute();
  const primaryOf = new Map(contacts.map((c) => [c.customerId, c.id]));
  const rows: { companyId: number; customerId: number; userId: number; type: string; content: string; contactId: number | null; nextDate: string | null; at: string }[] = [];
  const today = businessDate(now);
  planned.forEach((p, i) => {
    if (p.ownerId == null) return;
    const n = rng.weighted([[0, 10], [1, 30], [2, 30], [3, 20], [5, 10]] as const);
    const times = Array.from({ length: n }, () => now.getTime() - rng.int(1, 120) * DAY - rng.int(0, 9 * 3600) * 1000).sort((a, b) => a - b);
    const dept = org.departments[p.deptIndex]!;
    times.forEach((t, k) => {
      const type = rng.weighted([['call', 45], ['visit', 35], ['message', 15], ['meeting', 5]] as const);
      const last = k === times.length - 1;
      rows.push({
        companyId: org.companyId,
        customerId: ids[i]!,
        userId: type === 'meeting' && rng.chance(0.5) ? dept.managerId : p.ownerId!,
        type,
        content: rng.pick(followupTemplates[type]!),
        contactId: rng.chance(0.8) ? (primaryOf.get(ids[i]!) ?? null) : null,
        nextDate: last && rng.chance(0.18) ? addDays(today, rng.int(-3, 7)) : null,
        at: new Date(t).toISOString(),
      });
    });
  });
  rows.sort((a, b) => a.at.localeCompare(b.at));
  for (let k = 0; k < rows.length; k += 300) await tx.insertInto('customerFollowups').values(rows.slice(k, k + 300)).execute();
  await tx
    .updateTable('customers')
    .set((eb) => ({ lastFollowupAt: eb.selectFrom('customerFollowups').select((f) => f.fn.max('customerFollowups.at').as('m')).whereRef('customerFollowups.customerId', '=', 'customers.id') }))
    .where('companyId', '=', org.companyId)
    .execute();
  const byUser = new Map<number, typeof rows>();
  for (const r of rows) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r]);
  for (const [userId, list] of byUser) {
    await writeAuditMany(tx, { userId, companyId: org.companyId, requestId: 'demo' }, list.map((r) => ({ action: 'customer.followup', entity: 'customer', entityId: r.customerId, after: { type: r.type, content: r.content, contactId: r.contactId, nextDate: r.nextDate, at: r.at }, note: '演示数据' })));
  }
  return rows.length;
}

const releaseReasons = ['店铺已转让，新老板暂无合作意向', '长期联系不上', '客户只看价格，暂不合作', '已改从厂家直接进货', '区域调整，交回公海'];
const creditTexts = {
  assets: ['自有门面两间，配送车一辆', '租赁仓库约 300 平方米，常备库存 20 万元左右', '门店一间，装修较新', '连锁门店 5 家，自有物流'],
  salesCapacity: ['月销量约 200 件', '旺季月销 500 件以上', '月销售额约 8 万元', '覆盖周边乡镇 30 多家小店'],
  debts: ['无其他欠款', '有银行经营贷约 20 万元', '欠其他供应商货款约 3 万元'],
  creditHistory: ['近一年回款及时', '曾有一次逾期两周，已结清', '新客户，无历史记录'],
};

/** Credit profiles (信用调查) for most wholesale and supermarket customers and the VIPs, through the customers service. */
async function writeCredit(db: Db, rng: Rng, planned: Planned[], ids: number[], financeCtx: RequestContext, today: string): Promise<number> {
  let n = 0;
  for (const [i, p] of planned.entries()) {
    const tags = p.input.tags ?? [];
    const candidate = p.ownerId != null && (tags.includes('二批') || tags.includes('商超') || p.input.classification === 'vip');
    if (!candidate || !rng.chance(0.15)) continue;
    const rating = rng.weighted([['A', 30], ['B', 45], ['C', 20], ['D', 5]] as const);
    const limit = { A: rng.int(10, 50) * 1_000_000, B: rng.int(3, 15) * 1_000_000, C: rng.int(1, 5) * 500_000, D: 0 }[rating]; // fen
    const terms = { A: ['cash', 'monthly', 'rolling', 'transfer'], B: ['cash', 'monthly', 'transfer'], C: ['cash', 'transfer'], D: ['cash'] }[rating] as ('cash' | 'monthly' | 'rolling' | 'transfer')[];
    await saveCredit(db, financeCtx, ids[i]!, {
      rating, creditLimit: limit, paymentTerms: terms, prepayRequired: rating === 'D',
      assets: rng.pick(creditTexts.assets), salesCapacity: rng.pick(creditTexts.salesCapacity), debts: rng.pick(creditTexts.debts), creditHistory: rng.pick(creditTexts.creditHistory),
      conclusion: rating === 'D' ? '风险较高，须预付款后发货' : rating === 'C' ? '控制额度，现款为主' : '可给予账期',
      checkedAt: addDays(today, -rng.int(5, 90)),
    });
    n++;
  }
  return n;
}

const leadNeeds = ['想做我们的地州代理，了解拿货政策', '新开的餐馆，需要宴席用酒和啤酒饮料', '超市新店开业，想进一批白酒和饮料', '公司年会用酒，约 50 箱', '看到展会宣传，想了解新品价格', '朋友介绍，想做二批'];

/** Leads from the usual channels, entered by the clerk, most assigned to reps, some already contacted. */
async function writeLeads(db: Db, rng: Rng, org: DemoOrg, ctxOf: (userId: number) => Promise<RequestContext>): Promise<number> {
  const clerk = await ctxOf(org.clerkId);
  const count = 40;
  for (let i = 0; i < count; i++) {
    const dept = org.departments[i % org.departments.length]!;
    const city = rng.weighted(yunnan.map((c) => [c, c.weight] as const));
    const assignee = rng.chance(0.75) ? rng.pick(dept.repIds) : null;
    const shop = `${rng.pick(city.districts)}${rng.pick(['新开', '老'])}${rng.pick(['烟酒店', '餐馆', '超市', '副食店', '酒楼'])}`;
    const lead = await createLead(db, clerk, {
      contactName: personName(rng),
      companyName: rng.chance(0.7) ? shop : null,
      phone: mobile(rng),
      email: null,
      channel: rng.weighted([['web', 15], ['trade_show', 20], ['referral', 25], ['telemarketing', 25], ['social', 15]] as const),
      province: PROVINCE,
      city: city.city,
      need: rng.pick(leadNeeds),
      referredByCustomerId: null,
      assigneeId: assignee,
    });
    if (assignee && rng.chance(0.5)) await addActivity(db, await ctxOf(assignee), lead.id, { type: rng.pick(['call', 'visit', 'message'] as const), content: rng.pick(['电话联系，约了下周上门', '已加微信，发了价目表', '上门看了店面，客户考虑中']) });
  }
  return count;
}

/**
 * Loads the demo company into `db` unless a company with code DEMO exists already (then nothing
 * changes). Takes a few seconds; returns the logins to print.
 */
export async function loadDemo(db: Db, opts: { log?: (line: string) => void; now?: Date } = {}): Promise<DemoResult> {
  const log = opts.log ?? (() => {});
  const now = opts.now ?? new Date();
  const existing = await db.selectFrom('companies').select('id').where('code', '=', DEMO_CODE).executeTakeFirst();
  if (existing) {
    log(`演示账套已存在，跳过 / demo company exists, nothing loaded`);
    return { created: false, companyId: existing.id, password: DEMO_PASSWORD, logins: demoLogins() };
  }
  const t0 = Date.now();
  const rng = makeRng(DEMO_SEED);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const contexts = new Map<number, RequestContext>();
  const { org, planned, ids, followups } = await db.transaction().execute(async (tx) => {
    const org = await createDemoOrg(tx, passwordHash);
    const ctxOf = async (userId: number) => contexts.get(userId) ?? contexts.set(userId, await contextFor(tx, userId, org.companyId)).get(userId)!;
    log(`演示数据：公司、3 个销售部门和 ${org.users.length} 名员工已建好，正在写入 ${DEMO_CUSTOMERS} 个客户…`);
    const planned = planCustomers(rng, org);
    const ids = await writeCustomers(tx, org, planned, ctxOf);
    const followups = await writeFollowupHistory(tx, rng, org, planned, ids, now);
    return { org, planned, ids, followups };
  });
  const ctxOf = async (userId: number) => contexts.get(userId) ?? contexts.set(userId, await contextFor(db, userId, org.companyId)).get(userId)!;
  log(`演示数据：客户 ${ids.length} 个、跟进记录 ${followups} 条（${((Date.now() - t0) / 1000).toFixed(1)} 秒），正在写入信用档案、公海和线索…`);
  const finance = await ctxOf(org.users.find((u) => u.roleCode === 'finance')!.id);
  const credits = await writeCredit(db, rng, planned, ids, finance, businessDate(now));
  let released = 0;
  for (const [i, p] of planned.entries()) {
    if (p.ownerId == null || !rng.chance(0.05)) continue;
    await releaseCustomer(db, await ctxOf(p.ownerId), ids[i]!, rng.pick(releaseReasons));
    released++;
  }
  const leads = await writeLeads(db, rng, org, ctxOf);
  // products and price lists (issue 4), written as the general manager (product.manage, price.manage)
  const productCounts = await writeDemoProducts(db, await ctxOf(org.gmId));
  // warehouses and stock (issue 4): slips written and signed by the keeper, the clerk signs as handler
  const warehouse = warehousePeople(org);
  const stockCounts = await writeDemoStock(db, await ctxOf(warehouse.keeperId), await ctxOf(org.clerkId), await ctxOf(warehouse.supervisorId), now);
  // orders and slips (issue 4): entered, reviewed, issued, signed, delivered, reconciled and posted by the people who do it
  const t1 = Date.now();
  log(`演示数据：商品和库存已建好，正在写入销售订单和销货清单…`);
  const salesCounts = await writeDemoSales(db, rng, org, ctxOf, businessDate(now));
  // holds 留货 (订金/定金): reps hold cases for banquets, managers decide their requests, one becomes an order
  const holdCounts = await writeDemoHolds(db, org, ctxOf, businessDate(now));
  // the day's sales leave some products below safety stock: the clerk raises purchase requests from the suggestions
  const purchaseCounts = await writeDemoPurchaseRequests(db, await ctxOf(org.clerkId));
  // invoices and receipts (issue 5): the clerk invoices, finance records and allocates what customers paid
  const financeCounts = await writeDemoFinance(db, rng, org, ctxOf, businessDate(now));
  // credit sales of the last 8 months carried over from the old system, with their late and partial payments (after the
  // finance step, which invoices and pays every posted slip of today's demo): the aging and dunning pages have a past
  const t2 = Date.now();
  const historyCounts = await writeDemoHistory(db, rng, org, ctxOf, businessDate(now));
  historyCounts.historySeconds = Math.round((Date.now() - t2) / 100) / 10;
  // collection plans and dunning (issue 5): reps call the customers that owe, managers set instalment plans; the daily job runs once
  const collectionCounts = await writeDemoCollections(db, rng, org, ctxOf, businessDate(now), now);
  const counts = { customers: ids.length, followups, credits, released, poolTotal: released + planned.filter((p) => p.ownerId == null).length, leads, ...productCounts, ...stockCounts, ...salesCounts, ...holdCounts, ...purchaseCounts, ...financeCounts, ...historyCounts, ...collectionCounts, salesSeconds: Math.round((Date.now() - t1) / 100) / 10 };
  log(`演示数据已载入（${((Date.now() - t0) / 1000).toFixed(1)} 秒）：${JSON.stringify(counts)}`);
  return { created: true, companyId: org.companyId, password: DEMO_PASSWORD, logins: demoLogins(), counts };
}
