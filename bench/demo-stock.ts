import type { Db } from '../src/db/database.ts';
import type { RequestContext } from '../src/platform/permissions/context.ts';
import { addDays, businessDate } from '../src/platform/time.ts';
import { createDocument, createPurchaseRequest, createWarehouse, markPurchaseOrdered, replenishmentSuggestions, signDocument, voidDocument } from '../src/modules/inventory/service.ts';
import type { DocumentBody } from '../src/modules/inventory/schema.ts';

// The demo company's stock (滇源酒业): 昆明总仓 and 大理分仓, kept by the warehouse keeper. Goods came in
// on inbound slips 入库单 over the last two months (batches with production dates; beer and water
// with expiry dates from their shelf life, one batch of beer close to expiry), some went to 大理 on a
// transfer 调拨单, gifts went out on an outbound slip 出库单 (and a wrong one was voided), and a count
// 盘点单 found a broken bottle. A few products sit below their safety stock, so the alerts and the
// replenishment page have something to show. Everything goes through the inventory service (audit,
// numbers, ledger), and the slips are signed by keeper, preparer and handler with their own logins.

type DemoProduct = { id: number; code: string; unit: string; packSize: number | null; safetyStock: number; targetStock: number; trackCodes: number; shelfLifeDays: number | null; category: string | null };

const line = (productId: number, quantity: number, extra: Partial<DocumentBody['lines'][number]> = {}): DocumentBody['lines'][number] => ({
  productId, quantity, batchNo: null, productionDate: null, expiryDate: null, remarks: null, boxCodes: [], ...extra,
});
const doc = (b: Partial<DocumentBody> & Pick<DocumentBody, 'warehouseId' | 'lines'>): DocumentBody => ({
  toWarehouseId: null, businessDate: null, counterparty: null, reason: null, remarks: null, handlerId: null, submit: true, ...b,
});

/** Writes warehouses and stock as the keeper (stock.*), `supervisor` signing as 仓管 and `handler` as 经手人. */
export async function writeDemoStock(db: Db, keeper: RequestContext, handler: RequestContext, supervisor: RequestContext, now: Date = new Date()): Promise<{ warehouses: number; stockDocuments: number }> {
  const today = businessDate(now);
  const km = await createWarehouse(db, keeper, { code: 'CK01', name: '昆明总仓', address: '昆明市官渡区金马路 18 号 滇源物流园', keeperId: keeper.userId, active: true });
  const dl = await createWarehouse(db, keeper, { code: 'CK02', name: '大理分仓', address: '大理市下关镇苍山路 66 号', keeperId: keeper.userId, active: true });
  const products: DemoProduct[] = await db
    .selectFrom('products')
    .select(['id', 'code', 'unit', 'packSize', 'safetyStock', 'targetStock', 'trackCodes', 'shelfLifeDays', 'category'])
    .where('companyId', '=', keeper.companyId).where('active', '=', 1)
    .orderBy('code')
    .execute();
  const ids: { id: number; type: string }[] = [];
  const submit = async (type: 'inbound' | 'outbound' | 'transfer' | 'count', body: DocumentBody) => {
    const d = await createDocument(db, keeper, type, { ...body, handlerId: handler.userId });
    ids.push({ id: d.id, type });
    return d;
  };
  // three places, three people: the keeper wrote the documents and signs as preparer, the warehouse
  // supervisor as 仓管, the clerk as handler
  const signAll = async (id: number) => {
    await signDocument(db, keeper, id, 'preparer');
    await signDocument(db, supervisor, id, 'keeper');
    await signDocument(db, handler, id, 'handler');
  };

  // 1. two months ago: the main delivery, one batch per product; every fifth product only partly
  const produced = addDays(today, -75);
  const batchA = produced.replaceAll('-', '');
  const first = await submit('inbound', doc({
    warehouseId: km.id, businessDate: addDays(today, -60), counterparty: '滇源酒厂 / 金星啤酒昆明经销处', remarks: '月初到货',
    lines: products.map((p, i) => {
      const full = Math.max(p.targetStock, p.packSize ?? 12);
      const quantity = i % 5 === 4 ? Math.max(1, Math.floor(p.safetyStock / 2)) : full;
      const boxes = p.trackCodes && p.packSize ? Math.min(10, Math.floor(quantity / p.packSize)) : 0;
      return line(p.id, quantity, {
        batchNo: `${batchA}-A`,
        productionDate: produced,
        boxCodes: Array.from({ length: boxes }, (_, n) => `XM${p.code.replace(/[^A-Z0-9]/g, '')}${batchA}${String(n + 1).padStart(3, '0')}`),
      });
    }),
  }));
  await signAll(first.id);

  // 2. a week ago: beer again, and one old beer batch that expires in under three weeks
  const beers = products.filter((p) => p.category === '啤酒');
  const second = await submit('inbound', doc({
    warehouseId: km.id, businessDate: addDays(today, -7), counterparty: '金星啤酒昆明经销处',
    lines: beers.flatMap((p, i) => [
      line(p.id, p.packSize ? p.packSize * 20 : 240, { batchNo: `${addDays(today, -10).replaceAll('-', '')}-B`, productionDate: addDays(today, -10) }),
      ...(i === 0 && p.shelfLifeDays ? [line(p.id, p.packSize ? p.packSize * 5 : 60, { batchNo: 'OLD-TAIL', productionDate: addDays(today, 18 - p.shelfLifeDays) })] : []),
    ]),
  }));
  await signAll(second.id);

  // 3. five days ago: 大理分仓 is stocked from 昆明 (a fifth of the beer and water)
  const forDali = products.filter((p) => p.category === '啤酒' || p.category === '饮用水').slice(0, 6);
  const transfer = await submit('transfer', doc({
    warehouseId: km.id, toWarehouseId: dl.id, businessDate: addDays(today, -5), remarks: '大理片区备货',
    lines: forDali.map((p) => line(p.id, (p.packSize ?? 12) * 10)),
  }));
  await signAll(transfer.id);

  // 4. gifts for a tasting at a restaurant; a wrong slip (the quantity) was voided and written again
  const liquor = products.filter((p) => p.category === '白酒').slice(0, 2);
  const wrong = await submit('outbound', doc({
    warehouseId: km.id, businessDate: addDays(today, -3), counterparty: '昆明春城大酒店 张经理', reason: '赠品',
    lines: liquor.map((p) => line(p.id, 24)),
  }));
  await voidDocument(db, keeper, 'outbound', wrong.id, { reason: '数量开错，应为每种 2 瓶', version: wrong.version });
  const gifts = await submit('outbound', doc({
    warehouseId: km.id, businessDate: addDays(today, -3), counterparty: '昆明春城大酒店 张经理', reason: '赠品', remarks: '品鉴会用酒',
    lines: liquor.map((p) => line(p.id, 2)),
  }));
  await signAll(gifts.id);

  // 5. yesterday: the count of the first product found one short (broken), in its own unit (a 桶 is not a 瓶)
  const counted = products[0]!;
  const batch = await db.selectFrom('stockBatches').select('onHand')
    .where('companyId', '=', keeper.companyId).where('warehouseId', '=', km.id).where('productId', '=', counted.id).where('batchNo', '=', `${batchA}-A`)
    .executeTakeFirstOrThrow();
  const book = batch.onHand;
  const count = await submit('count', doc({
    warehouseId: km.id, businessDate: addDays(today, -1), reason: `月中抽盘：破损 1 ${counted.unit}`,
    lines: [line(counted.id, Math.max(0, book - 1), { batchNo: `${batchA}-A` })],
  }));
  await signAll(count.id);

  return { warehouses: 2, stockDocuments: ids.length };
}

/**
 * After the day's sales some products are below their safety stock: the clerk raises purchase requests 请购单
 * from the replenishment suggestions (the three largest gaps), and the first is already ordered from the
 * supplier, so the buyer's page has requests in both states.
 */
export async function writeDemoPurchaseRequests(db: Db, clerk: RequestContext): Promise<{ purchaseRequests: number }> {
  const { items } = await replenishmentSuggestions(db, clerk, { page: 1, pageSize: 3 });
  let made = 0;
  for (const s of items.filter((x) => x.suggested > 0)) {
    const r = await createPurchaseRequest(db, clerk, { productId: s.productId, warehouseId: s.warehouseId, quantity: s.suggested, sourceType: 'replenishment', reason: '低于安全库存，按补货建议请购' });
    if (made === 0) await markPurchaseOrdered(db, clerk, r.id, r.version);
    made++;
  }
  return { purchaseRequests: made };
}
