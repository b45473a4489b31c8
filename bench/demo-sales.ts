import type { Db } from '../src/db/database.ts';
import { AppError } from '../src/platform/errors/app-error.ts';
import type { RequestContext } from '../src/platform/permissions/context.ts';
import { addDays } from '../src/platform/time.ts';
import { availability, createDocument, signDocument } from '../src/modules/inventory/service.ts';
import { documentBody } from '../src/modules/inventory/schema.ts';
import { advanceOrder, cancelOrder, createOrder, recordPayment, reviewOrder } from '../src/modules/orders/service.ts';
import { orderCreateBody, reviewBody, type OrderType, type PaymentTerm } from '../src/modules/orders/schema.ts';
import { createFromOrder, createReconciliation, deliverSlip, getReconciliation, postSlips, recordCodes, settleReconciliation, signSlip, updateReconciliation, voidSlip } from '../src/modules/slips/service.ts';
import { fromOrderBody } from '../src/modules/slips/schema.ts';
import { warehousePeople, type DemoOrg } from './demo-staff.ts';
import type { Rng } from './prng.ts';

// The demo company's sales department in full swing (issue 4). On top of the warehouses and stock of
// demo-stock.ts: a restocking delivery (signed inbound slips with batches and box codes, a batch
// expiring soon; the products demo-stock left short stay below safety stock); ~150 sales orders over the last 60 days entered by the reps and
// the clerk and taken through the company's reviews (some still waiting, one returned, one cancelled,
// one over the credit limit let through by a manager); slips issued for most confirmed orders (some
// partial), codes scanned, three signatures, delivered, one driver reconciliation settled with a
// short cash amount, some posted, one slip voided. Everything through the modules' services, as the
// people who would do it; deterministic with the demo's seeded PRNG.
// The services stamp slips (开单) with today's date: the orders carry their own dates.

type Ctx = RequestContext;
type Product = { id: number; code: string; name: string; category: string | null; brand: string | null; listPrice: number; packSize: number | null; trackCodes: number; safetyStock: number; targetStock: number; shelfLifeDays: number | null; barcode: string | null };
type Customer = { id: number; ownerId: number; city: string | null; name: string };
type Credit = { rating: string; creditLimit: number; terms: PaymentTerm[] };

export const DEMO_ORDER_COUNT = 150;
/** a product with a batch expiring within 30 days, not sold in the orders below (so the expiry alert stays) */
const EXPIRING_CODE = 'DY-MZ15-500';
const DRIVERS: [string, string][] = [['李建华', '13987112201'], ['王志强', '13987112202'], ['赵德明', '13987112203']];
const CARRIERS: [string, string][] = [['云南顺达物流', '0871-65123456'], ['滇运通物流', '0871-63398877'], ['昆明安达货运', '0871-67151234']];
const suppliers: Record<string, string> = { 滇源: '滇源酒厂（自产）', 金星: '云南金星啤酒有限公司', 大理: '大理啤酒有限公司', 雪花: '华润雪花啤酒（云南）', 滇泉: '滇泉饮用水有限公司' };
const returnReasons = ['客户本月月结款未回，请改现款或先回款再提交', '送货日期与客户确认的不一致，请核实后重新提交'];

function codeErr(e: unknown): string | null {
  return e instanceof AppError ? e.code : null;
}

export async function writeDemoSales(db: Db, rng: Rng, org: DemoOrg, ctxOf: (userId: number) => Promise<Ctx>, today: string): Promise<Record<string, number>> {
  const companyId = org.companyId;
  const userOf = (role: string) => org.users.find((u) => u.roleCode === role)!.id;
  const keeper = await ctxOf(warehousePeople(org).keeperId);
  const supervisor = await ctxOf(warehousePeople(org).supervisorId);
  const finance = await ctxOf(userOf('finance'));
  const clerk = await ctxOf(org.clerkId);
  const counts: Record<string, number> = {};
  const bump = (k: string, n = 1) => (counts[k] = (counts[k] ?? 0) + n);

  // ── the warehouses and stock of demo-stock.ts; a restocking delivery so the orders below can be filled ──
  const warehouses = await db.selectFrom('warehouses').select(['id', 'code']).where('companyId', '=', companyId).orderBy('id').execute();
  if (warehouses.length < 2) throw new Error('demo sales: the demo stock (two warehouses) must be loaded first');
  const whId = { KM: warehouses[0]!.id, QJ: warehouses[1]!.id };

  const products: Product[] = await db
    .selectFrom('products')
    .select(['id', 'code', 'name', 'category', 'brand', 'listPrice', 'packSize', 'trackCodes', 'safetyStock', 'targetStock', 'shelfLifeDays', 'barcode'])
    .where('companyId', '=', companyId)
    .where('active', '=', 1)
    .orderBy('code')
    .execute();
  const byCode = new Map(products.map((p) => [p.code, p]));
  const pack = (p: Product) => p.packSize ?? 1;
  const boxes = (p: Product, n: number) => n * pack(p);
  /** box codes 箱码 registered at inbound and still in stock, handed out in order when the keeper scans a slip */
  const boxPool = new Map<number, string[]>();
  for (const c of await db.selectFrom('unitCodes').select(['code', 'productId']).where('companyId', '=', companyId).where('status', '=', 'in_stock').where('kind', '=', 'box').orderBy('id').execute()) {
    boxPool.set(c.productId, [...(boxPool.get(c.productId) ?? []), c.code]);
  }
  let looseCode = 0;

  type InLine = { productId: number; quantity: number; batchNo: string; productionDate: string; expiryDate?: string; boxCodes?: string[] };
  const batchLine = (p: Product, quantity: number, received: string): InLine => {
    const produced = addDays(received, -(p.shelfLifeDays ? rng.int(3, 20) : rng.int(20, 120)));
    const line: InLine = { productId: p.id, quantity, batchNo: `${produced.replaceAll('-', '')}-R`, productionDate: produced };
    if (p.trackCodes === 1 && p.packSize && p.packSize > 1) {
      const n = Math.floor(quantity / p.packSize);
      const codes = Array.from({ length: n }, (_, i) => `XS${p.code.replace(/[^A-Z0-9]/g, '')}${line.batchNo.replace('-', '')}${String(i + 1).padStart(4, '0')}`);
      line.boxCodes = codes;
      boxPool.set(p.id, [...(boxPool.get(p.id) ?? []), ...codes]);
    }
    return line;
  };
  const bySupplier = (list: Product[]) => {
    const groups = new Map<string, Product[]>();
    for (const p of list) {
      const s = suppliers[p.brand ?? ''] ?? '其他供应商';
      groups.set(s, [...(groups.get(s) ?? []), p]);
    }
    return groups;
  };
  // 30 days ago, per supplier: the products not left short on purpose (those stay below safety stock for the
  // alerts), about the target level again, signed by the keeper as preparer and the clerk as handler; 滇源's delivery
  // brings a batch of 青梅酒 near its expiry date (the expiry alert)
  const onHand = await availability(db, companyId, whId.KM, products.map((p) => p.id));
  const restock = products.filter((p) => p.targetStock > 0 && (onHand.get(p.id)?.onHand ?? 0) >= p.safetyStock);
  const short = new Set(products.filter((p) => !restock.includes(p)).map((p) => p.id));
  for (const [supplier, list] of bySupplier(restock)) {
    const date = addDays(today, -30);
    const lines = list.map((p) => batchLine(p, boxes(p, Math.max(1, Math.round((p.targetStock * (p.category === '啤酒' || p.category === '饮用水' ? 1.5 : 1)) / pack(p)))), date));
    if (list.some((p) => p.code === EXPIRING_CODE)) {
      const p = byCode.get(EXPIRING_CODE)!;
      const produced = addDays(today, 21 - (p.shelfLifeDays ?? 365));
      lines.push({ productId: p.id, quantity: 48, batchNo: `${produced.replaceAll('-', '')}-T`, productionDate: produced, expiryDate: addDays(today, 21) });
    }
    const doc = await createDocument(db, keeper, 'inbound', documentBody.parse({ warehouseId: whId.KM, businessDate: date, counterparty: supplier, reason: '采购入库', remarks: '月中补货', handlerId: clerk.userId, lines, submit: true }));
    await signDocument(db, keeper, doc.id, 'preparer');
    await signDocument(db, supervisor, doc.id, 'keeper');
    await signDocument(db, clerk, doc.id, 'handler');
    bump('restockInbound');
  }

  // ── sales orders ──
  const customers: Customer[] = await db.selectFrom('customers').select(['id', 'ownerId', 'city', 'name']).where('companyId', '=', companyId).where('ownerId', 'is not', null).orderBy('id').execute() as Customer[];
  const credits = new Map(
    (await db.selectFrom('customerCredit').select(['customerId', 'rating', 'creditLimit', 'paymentTerms']).where('companyId', '=', companyId).execute()).map((c) => [c.customerId, { rating: c.rating, creditLimit: Number(c.creditLimit), terms: JSON.parse(c.paymentTerms) as PaymentTerm[] } satisfies Credit]),
  );
  const deptOfUser = new Map(org.users.map((u) => [u.id, u.departmentId]));
  const deptIndexOf = (userId: number) => org.departments.findIndex((d) => d.id === deptOfUser.get(userId));
  const customersOfDept = org.departments.map((_, i) => customers.filter((c) => deptIndexOf(c.ownerId) === i));
  const inBranch = new Set([...(await availability(db, companyId, whId.QJ, products.map((p) => p.id)))].filter(([, a]) => a.available > 0).map(([id]) => id));
  // the short products sell rarely (their stock stays below safety); the 大理 branch sells what it holds
  const sellable = (type: OrderType, wh: 'KM' | 'QJ') =>
    products.filter((p) => p.targetStock > 0 && p.code !== EXPIRING_CODE && !short.has(p.id) && (type !== 'supermarket' || (p.code !== 'DY-LJ52-5L' && p.code !== 'SH-DQ-189')) && (wh === 'KM' || inBranch.has(p.id)));

  type Made = { id: number; number: string; type: OrderType; term: PaymentTerm; ownerId: number; date: string; total: number; lines: { id: number; productId: number; quantity: number }[]; managerId: number };
  const confirmed: Made[] = [];
  const version = async (table: 'salesOrders' | 'salesSlips', id: number) => (await db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
  const days = Array.from({ length: DEMO_ORDER_COUNT }, () => rng.int(0, 60)).sort((a, b) => b - a);
  const pendingFrom = DEMO_ORDER_COUNT - 12; // the newest reviewed orders are still waiting
  let returned = 0;
  let halfReviewed = 0;

  // one order over the customer's credit limit, let through by the department manager with a reason (entered in date order)
  let overridden = false;
  const overrideOrder = async (date: string) => {
    overridden = true;
    const candidates = customers
      .filter((c) => { const cr = credits.get(c.id); return cr && cr.creditLimit > 0 && cr.terms.includes('monthly') && deptIndexOf(c.ownerId) >= 0; })
      .sort((a, b) => credits.get(a.id)!.creditLimit - credits.get(b.id)!.creditLimit);
    const c = candidates[0];
    if (c) {
      const dept = org.departments[deptIndexOf(c.ownerId)]!;
      const p = byCode.get('DY-JX53-500')!; // 酱香 398 元/瓶
      const limitFen = credits.get(c.id)!.creditLimit;
      const units = Math.ceil((limitFen * 1.1) / (p.listPrice / 100) / pack(p)) * pack(p);
      const free = (await availability(db, companyId, whId.KM, [p.id])).get(p.id)?.available ?? 0;
      if (units <= free) {
        const manager = await ctxOf(dept.managerId);
        const order = await createOrder(db, manager, orderCreateBody.parse({
          customerId: c.id, orderType: 'direct', paymentTerm: 'monthly', warehouseId: whId.KM, businessDate: date, deliveryDate: addDays(date, 2), deliveryMethod: 'our_delivery',
          lines: [{ productId: p.id, quantity: units }], submit: true,
          creditOverrideReason: '老客户中秋备货，已承诺月底前回款，经理担保放行',
        }));
        bump('orders');
        bump('creditOverrides');
        confirmed.push({ id: order.id, number: order.number!, type: 'direct', term: 'monthly', ownerId: order.ownerId, date, total: order.totalAmount, lines: order.lines.map((l) => ({ id: l.id, productId: l.productId, quantity: l.quantity })), managerId: dept.managerId });
      }
    }
  };

  for (let i = 0; i < DEMO_ORDER_COUNT; i++) {
    const date = addDays(today, -days[i]!);
    if (!overridden && days[i]! <= 6) await overrideOrder(date);
    const deptIndex = rng.weighted([[0, 40], [1, 35], [2, 25]] as const);
    const dept = org.departments[deptIndex]!;
    const customer = rng.pick(customersOfDept[deptIndex]!);
    const type: OrderType = dept.channel === 'direct' ? 'direct' : dept.channel === 'wholesale' ? 'wholesale' : customer.city !== '昆明市' && rng.chance(0.6) ? 'regional' : 'supermarket';
    const credit = credits.get(customer.id);
    const term: PaymentTerm = type === 'regional' ? 'transfer' : credit ? rng.pick(credit.terms) : rng.chance(0.75) ? 'cash' : 'transfer';
    let wh: 'KM' | 'QJ' = customer.city === '大理白族自治州' || (type !== 'supermarket' && rng.chance(0.06)) ? 'QJ' : 'KM';
    let lines: { productId: number; quantity: number; barcode: string | null }[] = [];
    // what the warehouse can still give (confirmed orders before this one hold their reservations); sold out: other products
    for (let attempt = 0; attempt < 6 && !lines.length; attempt++) {
      // the 大理 branch sold out: 昆明总仓 ships
      if (attempt === 3) wh = 'KM';
      const pool = sellable(type, wh);
      const picked = new Map<number, number>();
      const n = rng.weighted([[1, 25], [2, 35], [3, 25], [4, 15]] as const);
      for (let k = 0; k < n; k++) {
        const p = rng.pick(pool);
        const liquor = p.category === '白酒' || p.category === '果酒';
        const nBoxes = type === 'direct' ? rng.int(1, liquor ? 3 : 8) : rng.int(liquor ? 1 : 3, liquor ? 6 : 25);
        picked.set(p.id, p.packSize && p.packSize > 1 ? boxes(p, nBoxes) : rng.int(1, 6));
      }
      const avail = await availability(db, companyId, whId[wh], [...picked.keys()]);
      lines = [...picked]
        .map(([productId, want]) => {
          const p = products.find((x) => x.id === productId)!;
          // the 大理 branch keeps some of everything on its shelves (it gives at most half of what it has)
          const free = Math.floor((avail.get(productId)?.available ?? 0) / (wh === 'QJ' ? 2 : 1));
          return { productId, quantity: Math.min(want, free - (free % pack(p))), barcode: type === 'supermarket' ? p.barcode : null };
        })
        .filter((l) => l.quantity > 0);
    }
    if (!lines.length) continue;
    const ownerIsRep = dept.repIds.includes(customer.ownerId);
    const enteredBy = await ctxOf(ownerIsRep && rng.chance(0.6) ? customer.ownerId : rng.chance(0.5) ? org.clerkId : customer.ownerId);
    const carrier = rng.pick(CARRIERS);
    const body = {
      customerId: customer.id, orderType: type, paymentTerm: term, warehouseId: whId[wh], businessDate: date,
      deliveryDate: addDays(date, rng.int(1, 3)), deliveryMethod: type === 'regional' ? 'carrier' : rng.chance(0.2) ? 'self_pickup' : 'our_delivery',
      carrierName: type === 'regional' ? carrier[0] : null, carrierPhone: type === 'regional' ? carrier[1] : null,
      remarks: rng.chance(0.15) ? rng.pick(['请上午送到', '货到付款，司机收现', '送货前先电话联系', '开增值税专用发票']) : null,
      // every 17th 直销 order a shop gets 3 % off its first line: under the price list (让价), so finance checks it
      lines: type === 'direct' && i % 17 === 5 ? lines.map((l, k) => (k === 0 ? { ...l, discountBp: 300 } : l)) : lines, submit: true,
    };
    let order;
    try {
      order = await createOrder(db, enteredBy, orderCreateBody.parse(body));
    } catch (e) {
      // a credit term the customer has used up: the clerk enters it for cash instead, as in real life
      if (!['ORDER_CREDIT_LIMIT', 'ORDER_TERM_NOT_ALLOWED'].includes(codeErr(e) ?? '')) throw e;
      order = await createOrder(db, enteredBy, orderCreateBody.parse({ ...body, paymentTerm: 'cash' }));
    }
    bump('orders');
    const made: Made = { id: order.id, number: order.number!, type, term: order.paymentTerm, ownerId: order.ownerId, date, total: order.totalAmount, lines: order.lines.map((l) => ({ id: l.id, productId: l.productId, quantity: l.quantity })), managerId: dept.managerId };
    if (order.status === 'confirmed') {
      confirmed.push(made);
      continue;
    }
    // the reviews the company wants for this type: finance by 高燕, logistics by the keeper
    const pending = order.pendingReviews ?? [];
    if (i >= pendingFrom) {
      // still waiting; one of them has its finance review done and waits for logistics
      if (pending.length === 2 && !halfReviewed && pending[0] === 'finance') {
        await reviewOrder(db, finance, order.id, 'finance', reviewBody.parse({ decision: 'approved', version: await version('salesOrders', order.id) }));
        halfReviewed++;
      }
      continue;
    }
    if (!returned && i > 60 && pending.includes('finance') && order.paymentTerm !== 'cash') {
      await reviewOrder(db, finance, order.id, 'finance', reviewBody.parse({ decision: 'returned', reason: returnReasons[0], version: await version('salesOrders', order.id) }));
      returned++;
      continue;
    }
    let ok = true;
    for (const kind of pending) {
      try {
        await reviewOrder(db, kind === 'finance' ? finance : keeper, order.id, kind, reviewBody.parse({ decision: 'approved', version: await version('salesOrders', order.id) }));
      } catch (e) {
        // stock taken meanwhile: the order waits for goods (shown as waiting for review)
        if (codeErr(e) !== 'STOCK_SHORT') throw e;
        ok = false;
        break;
      }
    }
    if (ok) confirmed.push(made);
  }

  // one confirmed order cancelled by its manager (reservation released)
  {
    const victim = confirmed.find((o, k) => k > 20 && o.type === 'direct');
    if (victim) {
      await cancelOrder(db, await ctxOf(victim.managerId), victim.id, { reason: '客户店面装修暂停营业，电话确认取消本单', version: await version('salesOrders', victim.id) });
      confirmed.splice(confirmed.indexOf(victim), 1);
      bump('cancelled');
    }
  }

  // ── slips 销货清单 for the confirmed orders older than a few days (地州: once the payment is recorded) ──
  type Slip = { id: number; orderId: number; term: string; status: string; version: number; handlerId: number; progress: { productId: number; quantity: number }[] };
  const slips: Slip[] = [];
  const toShip = confirmed.filter((o) => o.date <= addDays(today, -3));
  let partial = 0;
  for (const [k, o] of toShip.entries()) {
    if (o.type === 'regional') {
      if (k % 3 === 2) continue; // 地州 orders whose transfer has not arrived yet wait
      await recordPayment(db, finance, o.id, { amount: o.total, version: await version('salesOrders', o.id) });
      bump('regionalPaid');
    }
    const half = k % 9 === 4 && o.lines.some((l) => l.quantity >= 2 * (pack(products.find((p) => p.id === l.productId)!)));
    const lines = o.lines
      .map((l) => {
        const p = pack(products.find((x) => x.id === l.productId)!);
        return { orderLineId: l.id, quantity: half ? Math.floor(l.quantity / p / 2) * p : l.quantity };
      })
      .filter((l) => l.quantity > 0);
    if (half) partial++;
    const slip = await createFromOrder(db, clerk, fromOrderBody.parse({ orderId: o.id, lines, issue: true }));
    slips.push({ id: slip.id, orderId: o.id, term: slip.paymentTerm, status: slip.status, version: slip.version, handlerId: slip.handlerId, progress: slip.codeProgress });
    bump('slips');
  }
  counts.partialSlips = partial;

  // one slip written wrong: voided with a reason (stock and reservation back), then issued again
  const wrong = slips.find((s, k) => k > 10 && s.term === 'cash');
  if (wrong) {
    await voidSlip(db, clerk, wrong.id, { reason: '送货地址开错（客户已搬到新店），作废重开', version: wrong.version });
    bump('voidedSlips');
    const o = confirmed.find((x) => x.id === wrong.orderId)!;
    const again = await createFromOrder(db, clerk, fromOrderBody.parse({ orderId: o.id, lines: o.lines.map((l) => ({ orderLineId: l.id, quantity: l.quantity })), remarks: '重开（原单作废）', issue: true }));
    slips.splice(slips.indexOf(wrong), 1, { id: again.id, orderId: o.id, term: again.paymentTerm, status: again.status, version: again.version, handlerId: again.handlerId, progress: again.codeProgress });
    bump('slips');
  }

  // the warehouse issue: the keeper scans the codes and signs, the preparer (the clerk) and the handler (the rep) sign;
  // the newest few wait for the warehouse
  const signed: Slip[] = [];
  for (const [k, s] of slips.entries()) {
    if (k >= slips.length - 6) continue;
    for (const p of s.progress) {
      const prod = products.find((x) => x.id === p.productId)!;
      const nBoxes = prod.packSize && prod.packSize > 1 ? Math.floor(p.quantity / prod.packSize) : 0;
      const pool = boxPool.get(p.productId) ?? [];
      const boxCodes = pool.splice(0, nBoxes);
      while (boxCodes.length < nBoxes) boxCodes.push(`${prod.code.replaceAll('-', '')}-X-${String(++looseCode).padStart(5, '0')}`);
      if (boxCodes.length) await recordCodes(db, keeper, s.id, { productId: p.productId, kind: 'box', codes: boxCodes });
      const loose = p.quantity - nBoxes * (prod.packSize ?? 1);
      if (loose > 0) await recordCodes(db, keeper, s.id, { productId: p.productId, kind: 'bottle', codes: Array.from({ length: loose }, () => `${prod.code.replaceAll('-', '')}-P-${String(++looseCode).padStart(5, '0')}`) });
    }
    await signSlip(db, keeper, s.id, { as: 'keeper' });
    await signSlip(db, clerk, s.id, { as: 'preparer' });
    const last = await signSlip(db, await ctxOf(s.handlerId), s.id, { as: 'handler' });
    signed.push({ ...s, status: last.status, version: last.version });
  }
  counts.signedSlips = signed.length;

  // out with the drivers: 李建华's round is reconciled today; the others' wait for their reconciliation
  const delivered: (Slip & { driver: string })[] = [];
  const cashFirst = [...signed.slice(0, Math.floor(signed.length * 0.7))];
  for (const [k, s] of cashFirst.entries()) {
    const [driver, phone] = DRIVERS[k % 7 < 3 ? 0 : k % 7 < 5 ? 1 : 2]!;
    const d = await deliverSlip(db, clerk, s.id, { driverName: driver, driverPhone: phone, version: s.version });
    delivered.push({ ...s, status: d.status, version: d.version, driver });
  }
  counts.deliveredSlips = delivered.length;
  // orders whose goods arrived: delivered, the older ones confirmed by the customer
  for (const s of delivered) {
    const o = confirmed.find((x) => x.id === s.orderId)!;
    const row = await db.selectFrom('salesOrders').select(['status', 'version']).where('id', '=', o.id).executeTakeFirstOrThrow();
    if (row.status !== 'shipped' || o.date > addDays(today, -15)) continue;
    await advanceOrder(db, clerk, o.id, 'deliver', { version: row.version });
    if (o.date <= addDays(today, -30)) await advanceOrder(db, clerk, o.id, 'complete', { version: row.version + 1 });
  }

  // driver reconciliation 对单 of 李建华: cash handed in (one slip 50 元 short), signed copies of the credit slips back; settled
  if (delivered.some((s) => s.driver === DRIVERS[0]![0])) {
    const rec = await createReconciliation(db, clerk, { driverName: DRIVERS[0]![0], businessDate: today });
    let short = false;
    const rows = rec.slips.map((s) => {
      const shortHere = !short && s.cashExpected > 5000;
      if (shortHere) short = true;
      return { slipId: s.slipId, cashReceived: shortHere ? s.cashExpected - 5000 : s.cashExpected, signedCopyReceived: s.paymentTerm !== 'cash' };
    });
    const updated = await updateReconciliation(db, clerk, rec.id, { version: rec.version, remarks: short ? '现款少收 50 元：客户抹零，司机已签字说明' : null, slips: rows });
    await settleReconciliation(db, clerk, rec.id, { version: updated.version });
    bump('reconciliations');
    // finance posts what the reconciliation confirmed (all but the newest two, still being checked)
    const back = await getReconciliation(db, finance, rec.id);
    const ids = back.slips.map((s) => s.slipId).slice(0, Math.max(1, back.slips.length - 2));
    await postSlips(db, finance, { slipIds: ids });
    counts.postedSlips = ids.length;
  }
  return counts;
}
