import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { likeTerm, productMatches } from './repo.ts';
import type { PurchaseListQuery, PurchaseStatus } from './schema.ts';

// Alerts, replenishment and purchase requests 请购单: queries. Company-wide.

/**
 * Active products × the active warehouses that carry them (hold a stock row for them), with the
 * level. A product no warehouse has ever held is planned in every active warehouse, so that a new
 * product with a safety stock is not missed; the user requests it for the warehouse they choose.
 */
function stockPlan(db: Executor, companyId: number, f: { warehouseId?: number; q?: string }) {
  let query = db
    .selectFrom('products as p')
    .innerJoin('warehouses as w', (j) => j.onTrue())
    .leftJoin('stockLevels as l', (j) => j.onRef('l.warehouseId', '=', 'w.id').onRef('l.productId', '=', 'p.id').on('l.companyId', '=', companyId))
    .where('p.companyId', '=', companyId)
    .where('w.companyId', '=', companyId)
    .where('p.active', '=', 1)
    .where('w.active', '=', 1)
    .where((eb) =>
      eb.or([
        eb('l.id', 'is not', null),
        // (a row made only to carry a warehouse's own figures does not count as holding it)
        eb.not(
          eb.exists(
            eb
              .selectFrom('stockLevels as l2')
              .select('l2.id')
              .where('l2.companyId', '=', companyId)
              .whereRef('l2.productId', '=', 'p.id')
              .where(sql<SqlBool>`(l2.on_hand <> 0 or l2.reserved <> 0 or (l2.safety_stock is null and l2.target_stock is null))`),
          ),
        ),
      ]),
    );
  if (f.warehouseId) query = query.where('w.id', '=', f.warehouseId);
  const like = likeTerm(f.q);
  if (like) query = query.where(productMatches(like, 'p'));
  return query;
}

/** The warehouse's own safety and target stock of the product, else the product's. */
const safetySql = sql<number>`coalesce(l.safety_stock, p.safety_stock)`;
const targetSql = sql<number>`coalesce(l.target_stock, p.target_stock)`;

const planColumns = [
  'w.id as warehouseId', 'w.name as warehouseName', 'p.id as productId', 'p.code as productCode', 'p.name as productName', 'p.spec', 'p.unit', 'p.packUnit', 'p.packSize',
  safetySql.as('safetyStock'), targetSql.as('targetStock'),
  sql<number>`coalesce(l.on_hand, 0)`.as('onHand'),
  sql<number>`coalesce(l.reserved, 0)`.as('reserved'),
] as const;

/** On hand below the safety stock (the warehouse's own, else the product's), in each warehouse (products never stocked included). */
export async function lowStock(db: Executor, companyId: number, f: { warehouseId?: number; q?: string; page: number; pageSize: number }) {
  const query = stockPlan(db, companyId, f).where(sql<SqlBool>`${safetySql} > 0`).where(sql<SqlBool>`coalesce(l.on_hand, 0) < ${safetySql}`);
  const [rows, total] = await Promise.all([
    query.select(planColumns).orderBy(sql`${safetySql} - coalesce(l.on_hand, 0)`, 'desc').orderBy('p.code').orderBy('w.code').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const items = rows.map((r) => {
    const onHand = Number(r.onHand);
    const reserved = Number(r.reserved);
    return { ...r, safetyStock: Number(r.safetyStock), targetStock: Number(r.targetStock), key: `${r.warehouseId}-${r.productId}`, onHand, reserved, available: onHand - reserved, shortBy: Number(r.safetyStock) - onHand };
  });
  return { items, total: Number(total.n) };
}

const incomingSql = (companyId: number) => sql<number>`coalesce((select sum(pr.quantity) from purchase_requests pr
  where pr.company_id = ${companyId} and pr.product_id = p.id and pr.warehouse_id = w.id and pr.status in ('open', 'ordered')), 0)`;

/**
 * Replenishment: where on hand − reserved + incoming (open purchase requests) falls below the
 * reorder point (the safety stock; the target when no safety stock is set), the quantity that
 * brings it up to the target (or the safety stock, whichever is higher).
 */
export async function replenishment(db: Executor, companyId: number, f: { warehouseId?: number; q?: string; page: number; pageSize: number }) {
  const projected = sql<number>`(coalesce(l.on_hand, 0) - coalesce(l.reserved, 0) + ${incomingSql(companyId)})`;
  const reorderPoint = sql<number>`(case when ${safetySql} > 0 then ${safetySql} else ${targetSql} end)`;
  const level = sql<number>`(case when ${targetSql} > ${safetySql} then ${targetSql} else ${safetySql} end)`;
  const query = stockPlan(db, companyId, f)
    .where(sql<SqlBool>`(${safetySql} > 0 or ${targetSql} > 0)`)
    .where(sql<SqlBool>`${projected} < ${reorderPoint}`);
  const [rows, total] = await Promise.all([
    query
      .select([...planColumns, incomingSql(companyId).as('incoming'), sql<number>`${level} - ${projected}`.as('suggested')])
      .orderBy(sql`${level} - ${projected}`, 'desc')
      .orderBy('p.code')
      .orderBy('w.code')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const items = rows.map((r) => {
    const onHand = Number(r.onHand);
    const reserved = Number(r.reserved);
    const incoming = Number(r.incoming);
    return { ...r, safetyStock: Number(r.safetyStock), targetStock: Number(r.targetStock), key: `${r.warehouseId}-${r.productId}`, onHand, reserved, incoming, available: onHand - reserved, projected: onHand - reserved + incoming, suggested: Number(r.suggested) };
  });
  return { items, total: Number(total.n) };
}

function requests(db: Executor, companyId: number) {
  return db
    .selectFrom('purchaseRequests as r')
    .innerJoin('products as p', 'p.id', 'r.productId')
    .innerJoin('warehouses as w', 'w.id', 'r.warehouseId')
    .where('r.companyId', '=', companyId);
}

const requestColumns = [
  'r.id', 'r.number', 'r.status', 'r.productId', 'p.code as productCode', 'p.name as productName', 'p.spec', 'p.unit', 'r.warehouseId', 'w.name as warehouseName',
  'r.quantity', 'r.sourceType', 'r.sourceId', 'so.number as sourceNo', 'r.reason', 'u.displayName as requestedByName', 'r.createdAt', 'r.updatedAt', 'r.version',
  'r.voidedAt', 'voider.displayName as voidedByName', 'r.voidReason',
] as const;

function withNames<Q extends ReturnType<typeof requests>>(q: Q, companyId: number) {
  return q
    .leftJoin('users as u', 'u.id', 'r.createdBy')
    .leftJoin('users as voider', 'voider.id', 'r.voidedBy')
    .leftJoin('salesOrders as so', (j) => j.onRef('so.id', '=', 'r.sourceId').on('r.sourceType', '=', 'sales_order').on('so.companyId', '=', companyId));
}

const typed = <T extends { status: string }>(r: T) => ({ ...r, status: r.status as PurchaseStatus });

export async function requestById(db: Executor, companyId: number, id: number) {
  const row = await withNames(requests(db, companyId).where('r.id', '=', id), companyId).select(requestColumns).executeTakeFirst();
  return row && typed(row);
}

export async function listRequests(db: Executor, companyId: number, q: PurchaseListQuery) {
  let query = requests(db, companyId);
  if (q.status) query = query.where('r.status', '=', q.status);
  if (q.warehouseId) query = query.where('r.warehouseId', '=', q.warehouseId);
  if (q.productId) query = query.where('r.productId', '=', q.productId);
  const like = likeTerm(q.q);
  if (like) query = query.where((eb) => eb.or([productMatches(like, 'p'), sql<SqlBool>`lower(r.number) like ${like} escape '\\'`]));
  const [rows, total] = await Promise.all([
    withNames(query, companyId).select(requestColumns).orderBy('r.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(typed), total: Number(total.n) };
}
