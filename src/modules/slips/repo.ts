import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { DB } from '../../db/types.ts';
import type { RequestContext } from '../../platform/permissions/context.ts';
import { ownerInScope } from '../../platform/permissions/scope.ts';
import { escapeLike } from '../../platform/pinyin.ts';
import type { CodeKind, DeliveryMode, Paper, SlipListFilter, SlipListQuery, SlipStatus } from './schema.ts';

// The queries of the slips module. Every query filters by the caller's company; slip reads add the
// data scope: the slip's owner (the rep of the order, or the walk-in slip's handler) is in the
// caller's scope, or the caller is the slip's handler 经手人 (who must reach it to sign).

export function slipInScope(ctx: RequestContext): Expression<SqlBool> {
  if (ctx.dataScope === 'company') return sql<SqlBool>`1 = 1`;
  return sql<SqlBool>`(${ownerInScope(ctx, 'sales_slips.owner_id')} or sales_slips.handler_id = ${ctx.userId})`;
}

function scopedSlips(db: Executor, ctx: RequestContext) {
  return db.selectFrom('salesSlips').where('salesSlips.companyId', '=', ctx.companyId).where(slipInScope(ctx));
}

function withNames<Q extends ReturnType<typeof scopedSlips>>(q: Q) {
  return q
    .leftJoin('users as owner', 'owner.id', 'salesSlips.ownerId')
    .leftJoin('users as handler', 'handler.id', 'salesSlips.handlerId')
    .leftJoin('users as creator', 'creator.id', 'salesSlips.createdBy')
    .leftJoin('users as voider', 'voider.id', 'salesSlips.voidedBy')
    .leftJoin('warehouses', 'warehouses.id', 'salesSlips.warehouseId')
    .leftJoin('salesOrders', 'salesOrders.id', 'salesSlips.orderId');
}

const headColumns = [
  'salesSlips.id', 'salesSlips.number', 'salesSlips.status', 'salesSlips.orderId', 'salesOrders.number as orderNumber',
  'salesSlips.orderType', 'salesSlips.paymentTerm', 'salesSlips.customerId', 'salesSlips.customerName', 'salesSlips.contactName',
  'salesSlips.contactPhone', 'salesSlips.deliveryAddress', 'salesSlips.ownerId', 'owner.displayName as ownerName',
  'salesSlips.handlerId', 'handler.displayName as handlerName', 'salesSlips.warehouseId', 'warehouses.name as warehouseName',
  'salesSlips.businessDate', 'salesSlips.deliveryMode', 'salesSlips.driverName', 'salesSlips.driverPhone', 'salesSlips.totalQuantity', 'salesSlips.amountExTax',
  'salesSlips.taxAmount', 'salesSlips.totalAmount', 'salesSlips.returnedAmount', 'salesSlips.printCount', 'salesSlips.createdBy',
  'creator.displayName as createdByName', 'salesSlips.createdAt', 'salesSlips.issuedAt', 'salesSlips.deliveredAt', 'salesSlips.postedAt',
  'salesSlips.voidedAt', 'voider.displayName as voidedByName', 'salesSlips.voidReason', 'salesSlips.version',
] as const;

const typed = <T extends { status: string; deliveryMode: string }>(row: T) => ({ ...row, status: row.status as SlipStatus, deliveryMode: row.deliveryMode as DeliveryMode });

/** One slip visible to ctx (head and names), or undefined. */
export async function slipById(db: Executor, ctx: RequestContext, id: number) {
  const row = await withNames(scopedSlips(db, ctx).where('salesSlips.id', '=', id))
    .leftJoin('users as poster', 'poster.id', 'salesSlips.postedBy')
    .leftJoin('users as keeperU', 'keeperU.id', 'salesSlips.keeperSignedBy')
    .leftJoin('users as preparerU', 'preparerU.id', 'salesSlips.preparerSignedBy')
    .leftJoin('users as handlerU', 'handlerU.id', 'salesSlips.handlerSignedBy')
    .leftJoin('driverReconciliations', 'driverReconciliations.id', 'salesSlips.reconciliationId')
    .select(headColumns)
    .select([
      'salesSlips.remarks', 'poster.displayName as postedByName', 'salesSlips.reconciliationId', 'driverReconciliations.number as reconciliationNumber',
      'salesSlips.keeperSignedBy', 'salesSlips.keeperSignedAt', 'keeperU.displayName as keeperSignedName',
      'salesSlips.preparerSignedBy', 'salesSlips.preparerSignedAt', 'preparerU.displayName as preparerSignedName',
      'salesSlips.handlerSignedBy', 'salesSlips.handlerSignedAt', 'handlerU.displayName as handlerSignedName',
      'salesSlips.priceIncludesTax', 'salesOrders.deliveryMethod as orderDeliveryMethod', 'salesSlips.cashTendered',
    ])
    .executeTakeFirst();
  return row && typed(row);
}
export type SlipRow = NonNullable<Awaited<ReturnType<typeof slipById>>>;

/** The slip's lines with what the warehouse needs of each product (pack, code tracking). */
export function linesOf(db: Executor, companyId: number, slipId: number) {
  return db
    .selectFrom('salesSlipLines')
    .innerJoin('products', 'products.id', 'salesSlipLines.productId')
    .where('salesSlipLines.companyId', '=', companyId)
    .where('salesSlipLines.slipId', '=', slipId)
    .select([
      'salesSlipLines.id', 'salesSlipLines.lineNo', 'salesSlipLines.orderLineId', 'salesSlipLines.productId', 'salesSlipLines.productCode',
      'salesSlipLines.productName', 'salesSlipLines.spec', 'salesSlipLines.unit', 'products.packUnit', 'products.packSize', 'products.trackCodes',
      'salesSlipLines.batchNo', 'salesSlipLines.quantity', 'salesSlipLines.unitPrice', 'salesSlipLines.discountBp', 'salesSlipLines.taxRateBp',
      'salesSlipLines.amountExTax', 'salesSlipLines.taxAmount', 'salesSlipLines.amount', 'salesSlipLines.returnedQuantity',
    ])
    .orderBy('salesSlipLines.lineNo')
    .execute();
}
export type SlipLineRow = Awaited<ReturnType<typeof linesOf>>[number];

export function codesOf(db: Executor, companyId: number, slipId: number) {
  return db
    .selectFrom('unitCodes')
    .where('companyId', '=', companyId)
    .where('issuedDocType', '=', 'sales_slip')
    .where('issuedDocId', '=', slipId)
    .where('status', '=', 'issued')
    .select(['code', 'kind', 'productId', 'issuedAt as at'])
    .orderBy('id')
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, kind: r.kind as CodeKind })));
}

export function printsOf(db: Executor, companyId: number, slipId: number) {
  return db
    .selectFrom('salesSlipPrints')
    .leftJoin('users', 'users.id', 'salesSlipPrints.printedBy')
    .where('salesSlipPrints.companyId', '=', companyId)
    .where('salesSlipPrints.slipId', '=', slipId)
    .select(['salesSlipPrints.printNo', 'salesSlipPrints.paper', 'users.displayName as printedByName', 'salesSlipPrints.printedAt'])
    .orderBy('salesSlipPrints.printNo')
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, paper: r.paper as Paper })));
}

export function returnsOf(db: Executor, companyId: number, slipId: number) {
  return db
    .selectFrom('salesReturns')
    .leftJoin('users', 'users.id', 'salesReturns.createdBy')
    .where('salesReturns.companyId', '=', companyId)
    .where('salesReturns.slipId', '=', slipId)
    .select(['salesReturns.id', 'salesReturns.number', 'salesReturns.reason', 'salesReturns.totalAmount', 'salesReturns.businessDate', 'users.displayName as createdByName'])
    .orderBy('salesReturns.id')
    .execute();
}

export async function companyName(db: Executor, companyId: number): Promise<string> {
  const row = await db.selectFrom('companies').select(['name']).where('id', '=', companyId).executeTakeFirst();
  return row?.name ?? '';
}

/** An active member of the company (the handler 经手人), with their name. */
export function activeMember(db: Executor, companyId: number, userId: number) {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.userId')
    .where('memberships.companyId', '=', companyId)
    .where('memberships.userId', '=', userId)
    .where('memberships.active', '=', 1)
    .where('users.active', '=', 1)
    .select(['users.id', 'users.displayName'])
    .executeTakeFirst();
}

export function activeWarehouse(db: Executor, companyId: number, warehouseId: number) {
  return db.selectFrom('warehouses').select(['id', 'name']).where('companyId', '=', companyId).where('id', '=', warehouseId).where('active', '=', 1).executeTakeFirst();
}

export const userName = async (db: Executor, userId: number) =>
  (await db.selectFrom('users').select('displayName').where('id', '=', userId).executeTakeFirst())?.displayName ?? '';

/** Asia/Shanghai business date → the UTC instant its day starts at. */
export const dayStartUtc = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`)).toISOString();
export const nextDay = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

const sortColumns = {
  number: 'salesSlips.number',
  businessDate: 'salesSlips.businessDate',
  totalAmount: 'salesSlips.totalAmount',
  status: 'salesSlips.status',
} as const;

/** A written slip's places still to sign: the keeper's, or those of the caller (as the preparer who wrote it, or its handler). */
const awaitingSignature = (ctx: RequestContext, who: 'keeper' | 'me') => (eb: ExpressionBuilder<DB, 'salesSlips'>) =>
  who === 'keeper'
    ? eb('salesSlips.keeperSignedBy', 'is', null)
    : eb.or([
        eb.and([eb('salesSlips.createdBy', '=', ctx.userId), eb('salesSlips.preparerSignedBy', 'is', null)]),
        eb.and([eb('salesSlips.handlerId', '=', ctx.userId), eb('salesSlips.handlerSignedBy', 'is', null)]),
      ]);

/** The slips visible to ctx that match the list's filters (without paging or order). */
function filteredSlips(db: Executor, ctx: RequestContext, q: SlipListFilter) {
  let query = scopedSlips(db, ctx);
  const statuses = q.status === undefined ? [] : ([] as string[]).concat(q.status);
  if (statuses.length) query = query.where('salesSlips.status', 'in', statuses);
  else query = query.where('salesSlips.status', '!=', 'discarded');
  if (q.customerId) query = query.where('salesSlips.customerId', '=', q.customerId);
  if (q.orderId) query = query.where('salesSlips.orderId', '=', q.orderId);
  if (q.driver) query = query.where('salesSlips.driverName', '=', q.driver);
  if (q.deliveryMode) query = query.where('salesSlips.deliveryMode', '=', q.deliveryMode);
  if (q.paymentTerm) query = query.where('salesSlips.paymentTerm', '=', q.paymentTerm);
  if (q.awaitingSignature) query = query.where('salesSlips.status', '=', 'issued').where(awaitingSignature(ctx, q.awaitingSignature));
  if (q.dateFrom) query = query.where('salesSlips.businessDate', '>=', q.dateFrom);
  if (q.dateTo) query = query.where('salesSlips.businessDate', '<=', q.dateTo);
  if (q.q) {
    const like = '%' + escapeLike(q.q.toLowerCase()) + '%';
    query = query.where(sql<SqlBool>`(lower(sales_slips.number) like ${like} escape '\\' or lower(sales_slips.customer_name) like ${like} escape '\\')`);
  }
  return query;
}

export async function listSlips(db: Executor, ctx: RequestContext, q: SlipListQuery) {
  const query = filteredSlips(db, ctx, q);
  const totalRow = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const col = sortColumns[q.sort ?? 'businessDate'];
  const dir = q.order ?? 'desc';
  const items = await withNames(query)
    .select(headColumns)
    .orderBy(col, dir)
    .orderBy('salesSlips.id', dir)
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items: items.map(typed), total: Number(totalRow.n) };
}

/** How many slips match the filters (for the export's row count). */
export async function countSlips(db: Executor, ctx: RequestContext, q: SlipListFilter) {
  const row = await filteredSlips(db, ctx, q).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * One batch of the export: the matching slips newest first (business date, then id), starting after
 * `before` — a keyset, so batches neither repeat nor skip rows while others write slips.
 */
export async function slipsForExport(db: Executor, ctx: RequestContext, q: SlipListFilter, limit: number, before?: { businessDate: string; id: number }) {
  let query = filteredSlips(db, ctx, q);
  if (before) {
    query = query.where((eb) => eb.or([
      eb('salesSlips.businessDate', '<', before.businessDate),
      eb.and([eb('salesSlips.businessDate', '=', before.businessDate), eb('salesSlips.id', '<', before.id)]),
    ]));
  }
  const rows = await withNames(query).select(headColumns).orderBy('salesSlips.businessDate', 'desc').orderBy('salesSlips.id', 'desc').limit(limit).execute();
  return rows.map(typed);
}

