import type { Executor, Tx } from '../../db/database.ts';
import { prepared, type Params } from '../../db/prepared.ts';
import { notFound, staleVersion } from '../../platform/errors/app-error.ts';
import type { RequestContext } from '../../platform/permissions/context.ts';
import { isoNow } from '../../platform/time.ts';
import type { DB } from '../../db/types.ts';
import { sql, type Updateable } from 'kysely';
import { notify } from '../notifications/service.ts';
import type { OrderStatus, ReviewKind } from './labels.ts';
import { lineConcession } from './concession.ts';
import * as repo from './repo.ts';
import type { OrderOut } from './schema.ts';

/** The visible order, or 404; with `version`, 409 when it is stale. */
export async function loadOrder(db: Executor, ctx: RequestContext, id: number, version?: number): Promise<repo.OrderRow> {
  const row = await repo.orderRow(db, ctx, id);
  if (!row) throw notFound();
  if (version !== undefined && row.version !== version) throw staleVersion();
  return row;
}

/**
 * Locks the visible order for a change that does not depend on what the user last saw (a slip going
 * out or coming back): bumps its version unconditionally and returns the row as it is now; 404 when
 * not visible.
 */
export async function lockOrder(tx: Tx, ctx: RequestContext, id: number): Promise<repo.OrderRow> {
  const row = await tx
    .updateTable('salesOrders')
    .set({ version: sql`version + 1`, updatedAt: isoNow() })
    .where('companyId', '=', ctx.companyId)
    .where('id', '=', id)
    .where(repo.orderScope(ctx))
    .returningAll()
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/**
 * Writes the order's new header fields on the condition that nobody else changed it meanwhile
 * (version), bumping the version: the row lock also serialises concurrent actions on one order.
 */
export async function saveOrder(tx: Tx, order: { id: number; version: number }, set: Updateable<DB['salesOrders']>): Promise<number> {
  const values: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(set)) if (v !== undefined) values[k] = v; // undefined is left out, as Kysely does
  values.updatedAt = isoNow();
  values.version = order.version + 1;
  // plain values (every caller today): the update compiled once per set of columns (src/db/prepared.ts)
  const plain = Object.values(values).every((v) => v === null || typeof v !== 'object');
  const changed = plain
    ? Number((await saveOrderQuery(tx, { id: order.id, version: order.version, set: values as Record<string, Scalar> })).numAffectedRows)
    : Number((await tx.updateTable('salesOrders').set(values).where('id', '=', order.id).where('version', '=', order.version).executeTakeFirst()).numUpdatedRows);
  if (changed !== 1) throw staleVersion();
  return order.version + 1;
}

type Scalar = string | number | null;
const saveOrderQuery = prepared((db, p: Params<{ id: number; version: number; set: Record<string, Scalar> }>) =>
  db.updateTable('salesOrders').set(p.set as Updateable<DB['salesOrders']>).where('id', '=', p.id).where('version', '=', p.version),
);

export const parseReviews = (text: string | null): ReviewKind[] => (text ? (JSON.parse(text) as ReviewKind[]) : []);

/** what the caller already has (order entry: nothing is read back); the rest is read */
type Extras = { reviews?: OrderOut['reviews']; changes?: OrderOut['changes']; shortages?: OrderOut['shortages']; packs?: repo.Packs };

/** The API shape of an order from its rows (names looked up unless given). */
export async function orderOut(db: Executor, row: repo.OrderRow, lines: repo.OrderLineRow[], extras: Extras & { names?: Map<number, string>; warehouseName?: string | null } = {}): Promise<OrderOut> {
  const names = extras.names ?? (await repo.userNames(db, [row.ownerId, row.createdBy, row.creditOverrideBy, row.voidedBy]));
  const warehouseName = extras.warehouseName !== undefined ? extras.warehouseName : ((await repo.warehouseOf(db, row.companyId, row.warehouseId))?.name ?? null);
  const [reviews, changes, shortages, packs] = await Promise.all([
    extras.reviews ?? repo.reviewsOf(db, row.id),
    extras.changes ?? repo.changesOf(db, row.id),
    extras.shortages ?? (row.backorder ? repo.shortagesOf(db, row.companyId, row.id) : []),
    extras.packs ?? repo.packsOf(db, row.companyId, lines.map((l) => l.productId)),
  ]);
  return {
    id: row.id, number: row.number, status: row.status as OrderStatus, orderType: row.orderType as OrderOut['orderType'], paymentTerm: row.paymentTerm as OrderOut['paymentTerm'],
    customerId: row.customerId, customerName: row.customerName, ownerId: row.ownerId, ownerName: names.get(row.ownerId) ?? null,
    warehouseId: row.warehouseId, warehouseName, businessDate: row.businessDate, deliveryDate: row.deliveryDate,
    totalQuantity: row.totalQuantity, totalAmount: row.totalAmount, amountExTax: row.amountExTax, taxAmount: row.taxAmount, priceConcession: row.priceConcession,
    pendingReviews: parseReviews(row.pendingReviews), backorder: row.backorder === 1, createdAt: row.createdAt,
    contactName: row.contactName, contactPhone: row.contactPhone, deliveryAddress: row.deliveryAddress, priceIncludesTax: row.priceIncludesTax === 1,
    deliveryMethod: row.deliveryMethod, carrierName: row.carrierName, carrierPhone: row.carrierPhone, remarks: row.remarks,
    paymentReceived: row.paymentReceived, paymentReceivedAt: row.paymentReceivedAt,
    creditOverrideBy: row.creditOverrideBy, creditOverrideByName: row.creditOverrideBy ? (names.get(row.creditOverrideBy) ?? null) : null, creditOverrideReason: row.creditOverrideReason,
    submittedAt: row.submittedAt, confirmedAt: row.confirmedAt, deliveredAt: row.deliveredAt, customerConfirmedAt: row.customerConfirmedAt, closedAt: row.closedAt,
    voidedAt: row.voidedAt, voidedBy: row.voidedBy, voidedByName: row.voidedBy ? (names.get(row.voidedBy) ?? null) : null, voidReason: row.voidReason, createdBy: row.createdBy, createdByName: names.get(row.createdBy) ?? null,
    updatedAt: row.updatedAt, version: row.version, holdId: row.holdId,
    lines: lines.map((l) => ({
      id: l.id, lineNo: l.lineNo, productId: l.productId, productCode: l.productCode, productName: l.productName, spec: l.spec, unit: l.unit, barcode: l.barcode,
      packUnit: packs.get(l.productId)?.packUnit ?? null, packSize: packs.get(l.productId)?.packSize ?? null,
      quantity: l.quantity, unitPrice: l.unitPrice, discountBp: l.discountBp, taxRateBp: l.taxRateBp, amountExTax: l.amountExTax, taxAmount: l.taxAmount, amount: l.amount,
      reservedQuantity: l.reservedQuantity, shippedQuantity: l.shippedQuantity, remarks: l.remarks, listPrice: l.listPrice, concession: lineConcession(l),
    })),
    reviews: reviews.map((r) => ({ ...r, kind: r.kind as ReviewKind, decision: r.decision as 'approved' | 'returned' })),
    changes,
    shortages,
  };
}

/** Notifies the given users about an order (never the acting user). */
export async function notifyPeople(tx: Tx, ctx: RequestContext, userIds: number[], order: { id: number; number: string | null; customerName: string }, kind: string, title: string, body: string) {
  const to = [...new Set(userIds)].filter((u) => u !== ctx.userId);
  if (!to.length) return;
  await notify(tx, to.map((userId) => ({ companyId: ctx.companyId, userId, kind, title, body, entity: 'sales_order', entityId: order.id })));
}

/** Members of the company whose role holds `permission` (the reviewers a submitted order waits for). */
export async function holdersOf(db: Executor, companyId: number, permission: string): Promise<number[]> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('roles', 'roles.id', 'memberships.roleId')
    .innerJoin('users', 'users.id', 'memberships.userId')
    .select('memberships.userId')
    .where('memberships.companyId', '=', companyId)
    .where('memberships.active', '=', 1)
    .where('users.active', '=', 1)
    .where('roles.permissions', 'like', `%"${permission}"%`)
    .limit(50)
    .execute();
  return rows.map((r) => r.userId);
}

export const orderLabel = (o: { number: string | null; customerName: string }) => `${o.number ?? '草稿订单'}（${o.customerName}）`;
