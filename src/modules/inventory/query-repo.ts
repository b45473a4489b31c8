import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { addDays } from '../../platform/time.ts';
import { likeTerm, productMatches } from './repo.ts';
import type { AtDateQuery, BatchListQuery, LedgerQuery, StockListQuery } from './schema.ts';

// The read side of stock: levels, batches, on hand at a date, the ledger, and the check that the
// stock tables equal the ledger. Company-wide; every query filters by company.

const levelSort = {
  productCode: 'products.code',
  productName: 'products.name',
  warehouse: 'warehouses.code',
  onHand: 'stockLevels.onHand',
  available: sql`stock_levels.on_hand - stock_levels.reserved`,
} as const;

export async function listLevels(db: Executor, companyId: number, q: StockListQuery, today: string) {
  let query = db
    .selectFrom('stockLevels')
    .innerJoin('products', 'products.id', 'stockLevels.productId')
    .innerJoin('warehouses', 'warehouses.id', 'stockLevels.warehouseId')
    .where('stockLevels.companyId', '=', companyId);
  if (q.warehouseId) query = query.where('stockLevels.warehouseId', '=', q.warehouseId);
  if (q.productId) query = query.where('stockLevels.productId', '=', q.productId);
  const like = likeTerm(q.q);
  if (like) query = query.where(productMatches(like));
  if (q.category) query = query.where('products.category', '=', q.category);
  if (q.belowSafety === '1') query = query.where(sql<SqlBool>`stock_levels.on_hand < coalesce(stock_levels.safety_stock, products.safety_stock)`);
  if (q.nonZero === '1') query = query.where((eb) => eb.or([eb('stockLevels.onHand', '<>', 0), eb('stockLevels.reserved', '<>', 0)]));
  if (q.expiringDays !== undefined) {
    const until = addDays(today, q.expiringDays);
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('stockBatches as b')
          .select('b.id')
          .whereRef('b.warehouseId', '=', 'stockLevels.warehouseId')
          .whereRef('b.productId', '=', 'stockLevels.productId')
          .where('b.companyId', '=', companyId)
          .where('b.onHand', '>', 0)
          .where('b.expiryDate', 'is not', null)
          .where('b.expiryDate', '<=', until),
      ),
    );
  }
  const [rows, total] = await Promise.all([
    query
      .select((eb) => [
        'stockLevels.id', 'stockLevels.warehouseId', 'warehouses.name as warehouseName', 'stockLevels.productId',
        'products.code as productCode', 'products.name as productName', 'products.spec', 'products.unit', 'products.packUnit', 'products.packSize', 'products.category',
        'stockLevels.onHand', 'stockLevels.reserved',
        // the warehouse's own figures when it has them, else the product's
        sql<number>`coalesce(stock_levels.safety_stock, products.safety_stock)`.as('safetyStock'),
        sql<number>`coalesce(stock_levels.target_stock, products.target_stock)`.as('targetStock'),
        sql<number>`case when stock_levels.safety_stock is null and stock_levels.target_stock is null then 0 else 1 end`.as('ownLimits'),
        eb
          .selectFrom('stockBatches as b')
          .select((e) => e.fn.min('b.expiryDate').as('e'))
          .whereRef('b.warehouseId', '=', 'stockLevels.warehouseId')
          .whereRef('b.productId', '=', 'stockLevels.productId')
          .where('b.companyId', '=', companyId)
          .where('b.onHand', '>', 0)
          .as('nearestExpiry'),
      ])
      .orderBy(levelSort[q.sort], q.order)
      .orderBy('stockLevels.id', q.order)
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const items = rows.map((r) => ({
    ...r,
    nearestExpiry: (r.nearestExpiry as string | null) ?? null,
    safetyStock: Number(r.safetyStock),
    targetStock: Number(r.targetStock),
    ownLimits: Number(r.ownLimits) === 1,
    available: r.onHand - r.reserved,
    belowSafety: r.onHand < Number(r.safetyStock),
  }));
  return { items, total: Number(total.n) };
}

const batchSort = {
  expiryDate: sql`coalesce(stock_batches.expiry_date, '9999-12-31')`,
  batchNo: 'stockBatches.batchNo',
  productCode: 'products.code',
  onHand: 'stockBatches.onHand',
} as const;

export async function listBatches(db: Executor, companyId: number, q: BatchListQuery, today: string) {
  let query = db
    .selectFrom('stockBatches')
    .innerJoin('products', 'products.id', 'stockBatches.productId')
    .innerJoin('warehouses', 'warehouses.id', 'stockBatches.warehouseId')
    .where('stockBatches.companyId', '=', companyId);
  if (q.warehouseId) query = query.where('stockBatches.warehouseId', '=', q.warehouseId);
  if (q.productId) query = query.where('stockBatches.productId', '=', q.productId);
  if (q.batchNo) query = query.where('stockBatches.batchNo', '=', q.batchNo);
  const like = likeTerm(q.q);
  if (like) query = query.where(productMatches(like));
  if (q.category) query = query.where('products.category', '=', q.category);
  if (q.includeEmpty !== '1') query = query.where('stockBatches.onHand', '>', 0);
  if (q.expiringDays !== undefined) query = query.where('stockBatches.expiryDate', 'is not', null).where('stockBatches.expiryDate', '<=', addDays(today, q.expiringDays));
  const [rows, total] = await Promise.all([
    query
      .select([
        'stockBatches.id', 'stockBatches.warehouseId', 'warehouses.name as warehouseName', 'stockBatches.productId',
        'products.code as productCode', 'products.name as productName', 'products.spec', 'products.unit', 'products.packUnit', 'products.packSize',
        'stockBatches.batchNo', 'stockBatches.productionDate', 'stockBatches.expiryDate', 'stockBatches.onHand',
      ])
      .orderBy(batchSort[q.sort], q.order)
      .orderBy('stockBatches.id', q.order)
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const day = Date.parse(`${today}T00:00:00Z`);
  const items = rows.map((r) => ({ ...r, daysToExpiry: r.expiryDate ? Math.round((Date.parse(`${r.expiryDate}T00:00:00Z`) - day) / 86_400_000) : null }));
  return { items, total: Number(total.n) };
}

/** The most batches a picker lists (nearest expiry first); a product rarely holds more in one warehouse. */
export const BATCH_PICK_LIMIT = 200;

/**
 * The batches of one product in one warehouse that hold stock, in the order an issue without a batch takes
 * them (stock.ts pickBatches: nearest expiry first, no expiry last, then the oldest): the unique key
 * (company_id, warehouse_id, product_id, batch_no) finds them. With the product's packing and its level, whose
 * reserved units no batch may give: a batch can issue the lesser of its on hand and the level's available.
 * Null when the product or the warehouse is not the company's.
 */
export async function batchesToPick(db: Executor, companyId: number, warehouseId: number, productId: number, today: string) {
  const base = db
    .selectFrom('stockBatches')
    .where('stockBatches.companyId', '=', companyId)
    .where('stockBatches.warehouseId', '=', warehouseId)
    .where('stockBatches.productId', '=', productId)
    .where('stockBatches.onHand', '>', 0);
  const [product, warehouse, level, rows, total] = await Promise.all([
    db.selectFrom('products').select(['id', 'code', 'name', 'spec', 'unit', 'packUnit', 'packSize']).where('companyId', '=', companyId).where('id', '=', productId).executeTakeFirst(),
    db.selectFrom('warehouses').select('id').where('companyId', '=', companyId).where('id', '=', warehouseId).executeTakeFirst(),
    db.selectFrom('stockLevels').select(['onHand', 'reserved']).where('companyId', '=', companyId).where('warehouseId', '=', warehouseId).where('productId', '=', productId).executeTakeFirst(),
    base
      .select(['stockBatches.batchNo', 'stockBatches.productionDate', 'stockBatches.expiryDate', 'stockBatches.onHand'])
      .orderBy(sql`case when stock_batches.expiry_date is null then 1 else 0 end`)
      .orderBy('stockBatches.expiryDate')
      .orderBy('stockBatches.id')
      .limit(BATCH_PICK_LIMIT)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  // another company's product or warehouse (or none by that id): not found, as for any record outside the company
  if (!product || !warehouse) return null;
  const onHand = level?.onHand ?? 0;
  const reserved = level?.reserved ?? 0;
  const available = Math.max(0, onHand - reserved);
  const day = Date.parse(`${today}T00:00:00Z`);
  const items = rows.map((r) => {
    const daysToExpiry = r.expiryDate ? Math.round((Date.parse(`${r.expiryDate}T00:00:00Z`) - day) / 86_400_000) : null;
    return { ...r, available: Math.min(r.onHand, available), daysToExpiry, expired: daysToExpiry !== null && daysToExpiry < 0 };
  });
  return { product, onHand, reserved, available, items, total: Number(total.n) };
}

/**
 * On hand per warehouse × product at the end of a business date: the sum of the ledger up to it, read
 * from the ledger's monthly and daily nets (stock_month_moves, stock_day_moves, kept with every ledger
 * row by stock.ts): the months before the date's month plus the days of its month up to the date.
 */
export async function onHandAtDate(db: Executor, companyId: number, q: AtDateQuery) {
  const month = q.date.slice(0, 7);
  const byWarehouse = (column: string) => (q.warehouseId ? sql`and ${sql.ref(column)} = ${q.warehouseId}` : sql``);
  const moves = sql`(
    select warehouse_id, product_id, quantity from stock_month_moves
      where company_id = ${companyId} and month < ${month} ${byWarehouse('warehouse_id')}
    union all
    select warehouse_id, product_id, quantity from stock_day_moves
      where company_id = ${companyId} and day >= ${`${month}-01`} and day <= ${q.date} ${byWarehouse('warehouse_id')}
  )`;
  const sums = db
    .selectFrom(sql`${moves}`.as('m'))
    .select([sql<number>`m.warehouse_id`.as('warehouseId'), sql<number>`m.product_id`.as('productId'), sql<number>`sum(m.quantity)`.as('onHand')])
    .groupBy([sql`m.warehouse_id`, sql`m.product_id`])
    .having(sql`sum(m.quantity)`, '<>', 0);
  let query = db
    .selectFrom(sums.as('s'))
    .innerJoin('products', 'products.id', 's.productId')
    .innerJoin('warehouses', 'warehouses.id', 's.warehouseId')
    .where('products.companyId', '=', companyId);
  const like = likeTerm(q.q);
  if (like) query = query.where(productMatches(like));
  if (q.category) query = query.where('products.category', '=', q.category);
  const [rows, total] = await Promise.all([
    query
      .select([
        's.warehouseId', 'warehouses.name as warehouseName', 's.productId', 'products.code as productCode', 'products.name as productName',
        'products.spec', 'products.unit', 'products.packUnit', 'products.packSize', 's.onHand',
      ])
      .orderBy('products.code').orderBy('warehouses.code').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const items = rows.map((r) => ({ ...r, key: `${r.warehouseId}-${r.productId}`, onHand: Number(r.onHand) }));
  return { items, total: Number(total.n) };
}

/** Sum of the ledger of a product (one warehouse or all) over rows matching `where`. */
async function ledgerSum(db: Executor, companyId: number, productId: number, warehouseId: number | undefined, where: (q: any) => any): Promise<number> {
  let query = db.selectFrom('stockLedger').where('companyId', '=', companyId).where('productId', '=', productId);
  if (warehouseId) query = query.where('warehouseId', '=', warehouseId);
  const row = await where(query).select((eb: any) => eb.fn.sum('quantity').as('q')).executeTakeFirst();
  return Number(row?.q ?? 0);
}

/** A product's movements in business-date order with the running balance (台账). */
export async function ledgerPage(db: Executor, companyId: number, q: LedgerQuery) {
  let query = db
    .selectFrom('stockLedger')
    .innerJoin('warehouses', 'warehouses.id', 'stockLedger.warehouseId')
    .innerJoin('stockBatches', 'stockBatches.id', 'stockLedger.batchId')
    .leftJoin('users', 'users.id', 'stockLedger.createdBy')
    .where('stockLedger.companyId', '=', companyId)
    .where('stockLedger.productId', '=', q.productId);
  if (q.warehouseId) query = query.where('stockLedger.warehouseId', '=', q.warehouseId);
  if (q.from) query = query.where('stockLedger.businessDate', '>=', q.from);
  if (q.to) query = query.where('stockLedger.businessDate', '<=', q.to);
  const [rows, total, opening, closing] = await Promise.all([
    query
      .select([
        'stockLedger.id', 'stockLedger.businessDate', 'stockLedger.warehouseId', 'warehouses.name as warehouseName', 'stockBatches.batchNo',
        'stockLedger.quantity', 'stockLedger.docType', 'stockLedger.docId', 'stockLedger.docNo', 'stockLedger.reversesId',
        'users.displayName as createdByName', 'stockLedger.createdAt',
      ])
      .orderBy('stockLedger.businessDate')
      .orderBy('stockLedger.id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    q.from ? ledgerSum(db, companyId, q.productId, q.warehouseId, (x) => x.where('businessDate', '<', q.from)) : Promise.resolve(0),
    ledgerSum(db, companyId, q.productId, q.warehouseId, (x) => (q.to ? x.where('businessDate', '<=', q.to) : x)),
  ]);
  const first = rows[0];
  let balance = first
    ? await ledgerSum(db, companyId, q.productId, q.warehouseId, (x) =>
        x.where((eb: any) => eb.or([eb('businessDate', '<', first.businessDate), eb.and([eb('businessDate', '=', first.businessDate), eb('id', '<', first.id)])])),
      )
    : 0;
  const items = rows.map(({ reversesId, ...r }) => {
    balance += r.quantity;
    return { ...r, reversal: reversesId !== null, balance };
  });
  return { items, total: Number(total.n), opening, closing };
}

export const productBrief = (db: Executor, companyId: number, id: number) =>
  db.selectFrom('products').select(['id', 'code', 'name', 'spec', 'unit', 'packUnit', 'packSize']).where('companyId', '=', companyId).where('id', '=', id).executeTakeFirst();

const DIFF_LIMIT = 500;

/**
 * Differences between the stock tables and what they must equal: each level's on hand and each
 * batch's on hand against the sum of the ledger, the batches of a level against the level, and
 * each level's reserved against its reservations. Empty when the books agree.
 */
export async function stockDifferences(db: Executor, companyId: number) {
  const ledgerByLevel = db
    .selectFrom('stockLedger')
    .select((eb) => ['warehouseId', 'productId', eb.fn.sum<number>('quantity').as('q')])
    .where('companyId', '=', companyId)
    .groupBy(['warehouseId', 'productId']);
  const batchesByLevel = db
    .selectFrom('stockBatches')
    .select((eb) => ['warehouseId', 'productId', eb.fn.sum<number>('onHand').as('q')])
    .where('companyId', '=', companyId)
    .groupBy(['warehouseId', 'productId']);
  const reservedByLevel = db
    .selectFrom('stockReservations')
    .select((eb) => ['warehouseId', 'productId', eb.fn.sum<number>('quantity').as('q')])
    .where('companyId', '=', companyId)
    .groupBy(['warehouseId', 'productId']);
  // the ledger's monthly and daily nets (on hand at a date reads them) must sum to the same as the ledger
  const netsByLevel = (table: 'stockMonthMoves' | 'stockDayMoves') =>
    db
      .selectFrom(table as 'stockMonthMoves')
      .select((eb) => ['warehouseId', 'productId', eb.fn.sum<number>('quantity').as('q')])
      .where('companyId', '=', companyId)
      .groupBy(['warehouseId', 'productId']);
  const ledgerByBatch = db
    .selectFrom('stockLedger')
    .select((eb) => ['batchId', eb.fn.sum<number>('quantity').as('q')])
    .where('companyId', '=', companyId)
    .groupBy('batchId');

  const levelBase = db
    .selectFrom('stockLevels as l')
    .leftJoin('products as p', 'p.id', 'l.productId')
    .leftJoin('warehouses as w', 'w.id', 'l.warehouseId')
    .where('l.companyId', '=', companyId);
  const names = ['l.warehouseId', 'w.name as warehouseName', 'l.productId', 'p.code as productCode', 'p.name as productName'] as const;

  const versus = (sums: ReturnType<typeof netsByLevel>) =>
    levelBase
      .leftJoin(sums.as('g'), (j) => j.onRef('g.warehouseId', '=', 'l.warehouseId').onRef('g.productId', '=', 'l.productId'))
      .select([...names, 'l.onHand as table', sql<number>`coalesce(g.q, 0)`.as('expected')])
      .where(sql<SqlBool>`l.on_hand <> coalesce(g.q, 0)`)
      .limit(DIFF_LIMIT)
      .execute();
  const [levelVsLedger, orphanLedger, batchVsLedger, batchesVsLevel, reservedVsLevel, counts, monthsVsLevel, daysVsLevel] = await Promise.all([
    levelBase
      .leftJoin(ledgerByLevel.as('g'), (j) => j.onRef('g.warehouseId', '=', 'l.warehouseId').onRef('g.productId', '=', 'l.productId'))
      .select([...names, 'l.onHand as table', sql<number>`coalesce(g.q, 0)`.as('expected')])
      .where(sql<SqlBool>`l.on_hand <> coalesce(g.q, 0)`)
      .limit(DIFF_LIMIT)
      .execute(),
    // ledger movements of a warehouse × product that has no level row at all
    ledgerByLevel
      .having((eb) => eb.fn.sum('quantity'), '<>', 0)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('stockLevels as l2').select('l2.id').where('l2.companyId', '=', companyId).whereRef('l2.warehouseId', '=', 'stockLedger.warehouseId').whereRef('l2.productId', '=', 'stockLedger.productId'))),
      )
      .limit(DIFF_LIMIT)
      .execute(),
    db
      .selectFrom('stockBatches as b')
      .leftJoin(ledgerByBatch.as('g'), 'g.batchId', 'b.id')
      .leftJoin('products as p', 'p.id', 'b.productId')
      .leftJoin('warehouses as w', 'w.id', 'b.warehouseId')
      .select(['b.warehouseId', 'w.name as warehouseName', 'b.productId', 'p.code as productCode', 'p.name as productName', 'b.batchNo', 'b.onHand as table', sql<number>`coalesce(g.q, 0)`.as('expected')])
      .where('b.companyId', '=', companyId)
      .where(sql<SqlBool>`b.on_hand <> coalesce(g.q, 0)`)
      .limit(DIFF_LIMIT)
      .execute(),
    levelBase
      .leftJoin(batchesByLevel.as('g'), (j) => j.onRef('g.warehouseId', '=', 'l.warehouseId').onRef('g.productId', '=', 'l.productId'))
      .select([...names, 'l.onHand as table', sql<number>`coalesce(g.q, 0)`.as('expected')])
      .where(sql<SqlBool>`l.on_hand <> coalesce(g.q, 0)`)
      .limit(DIFF_LIMIT)
      .execute(),
    levelBase
      .leftJoin(reservedByLevel.as('g'), (j) => j.onRef('g.warehouseId', '=', 'l.warehouseId').onRef('g.productId', '=', 'l.productId'))
      .select([...names, 'l.reserved as table', sql<number>`coalesce(g.q, 0)`.as('expected')])
      .where(sql<SqlBool>`l.reserved <> coalesce(g.q, 0)`)
      .limit(DIFF_LIMIT)
      .execute(),
    Promise.all([
      db.selectFrom('stockLevels').select((eb) => eb.fn.countAll<number>().as('n')).where('companyId', '=', companyId).executeTakeFirstOrThrow(),
      db.selectFrom('stockBatches').select((eb) => eb.fn.countAll<number>().as('n')).where('companyId', '=', companyId).executeTakeFirstOrThrow(),
      db.selectFrom('stockLedger').select((eb) => eb.fn.countAll<number>().as('n')).where('companyId', '=', companyId).executeTakeFirstOrThrow(),
    ]),
    versus(netsByLevel('stockMonthMoves')),
    versus(netsByLevel('stockDayMoves')),
  ]);
  const num = (v: unknown) => Number(v ?? 0);
  const differences = [
    ...levelVsLedger.map((r) => ({ kind: 'level' as const, ...r, batchNo: null, table: num(r.table), expected: num(r.expected) })),
    ...orphanLedger.map((r) => ({ kind: 'level' as const, warehouseId: r.warehouseId, warehouseName: null, productId: r.productId, productCode: null, productName: null, batchNo: null, table: 0, expected: num(r.q) })),
    ...batchVsLedger.map((r) => ({ kind: 'batch' as const, ...r, table: num(r.table), expected: num(r.expected) })),
    ...batchesVsLevel.map((r) => ({ kind: 'batches_vs_level' as const, ...r, batchNo: null, table: num(r.table), expected: num(r.expected) })),
    ...reservedVsLevel.map((r) => ({ kind: 'reserved' as const, ...r, batchNo: null, table: num(r.table), expected: num(r.expected) })),
    ...[...monthsVsLevel, ...daysVsLevel].map((r) => ({ kind: 'period_moves' as const, ...r, batchNo: null, table: num(r.table), expected: num(r.expected) })),
  ];
  return { differences, levels: num(counts[0].n), batches: num(counts[1].n), ledgerRows: num(counts[2].n) };
}
