import type { Executor } from '../../db/database.ts';
import { isPostgres } from '../../db/schema-helpers.ts';
import { notify } from '../notifications/service.ts';

// Queries shared by ownership requests, the pool and transfers. Every query filters company_id.

export type MoveKind = 'create' | 'claim' | 'release' | 'auto_pool' | 'transfer' | 'ownership';
export type MoveRow = { customerId: number; kind: MoveKind; fromUserId: number | null; toUserId: number | null; reason: string | null; byUserId: number | null };
export type NotificationRow = { userId: number; kind: string; title: string; body: string | null; entity: string | null; entityId: number | null };

const CHUNK = 500; // rows per multi-row insert: 8 columns × 500 stays far below both databases' parameter limits

/** One customer_moves row per owner change, in multi-row inserts. */
export async function insertMoves(tx: Executor, companyId: number, at: string, rows: MoveRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx.insertInto('customerMoves').values(rows.slice(i, i + CHUNK).map((r) => ({ ...r, companyId, at }))).execute();
  }
}

/** In-app notifications through the notifications module, in the caller's transaction (they go with the change or not at all). */
export async function insertNotifications(tx: Executor, companyId: number, _at: string, rows: NotificationRow[]): Promise<void> {
  if (rows.length) await notify(tx, rows.map((r) => ({ ...r, companyId })));
}

export async function userNames(db: Executor, ids: (number | null | undefined)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((x): x is number => typeof x === 'number'))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'displayName']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.displayName]));
}

export async function ownedCount(db: Executor, companyId: number, userId: number): Promise<number> {
  const row = await db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).where('companyId', '=', companyId).where('ownerId', '=', userId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Serialises one user's ownership changes (claims against the claim limit) inside a transaction:
 * PostgreSQL locks the membership row; SQLite's write transactions are serialised already (BEGIN IMMEDIATE).
 */
export async function lockMember(tx: Executor, companyId: number, userId: number): Promise<void> {
  if (!isPostgres(tx)) return;
  await tx.selectFrom('memberships').select('id').where('companyId', '=', companyId).where('userId', '=', userId).forUpdate().execute();
}

export const customerBrief = (db: Executor, companyId: number, id: number) =>
  db
    .selectFrom('customers')
    .select(['id', 'code', 'name', 'ownerId', 'ownerSince', 'poolEnteredAt', 'previousOwnerId', 'version'])
    .where('companyId', '=', companyId)
    .where('id', '=', id)
    .executeTakeFirst();

/** The member's department manager, or the nearest manager above (excluding the member); null when none. */
export async function managerOf(db: Executor, companyId: number, userId: number): Promise<number | null> {
  const m = await db
    .selectFrom('memberships')
    .innerJoin('departments', 'departments.id', 'memberships.departmentId')
    .select('departments.path')
    .where('memberships.companyId', '=', companyId)
    .where('memberships.userId', '=', userId)
    .executeTakeFirst();
  if (!m) return null;
  const ancestorIds = m.path.split('/').filter(Boolean).map(Number);
  if (ancestorIds.length === 0) return null;
  const rows = await db
    .selectFrom('departments')
    .select(['id', 'managerUserId'])
    .where('companyId', '=', companyId)
    .where('id', 'in', ancestorIds)
    .where('managerUserId', 'is not', null)
    .where('managerUserId', '!=', userId)
    .execute();
  // nearest first: the deepest department on the member's path
  const byId = new Map(rows.map((r) => [r.id, r.managerUserId!]));
  for (const id of ancestorIds.reverse()) if (byId.has(id)) return byId.get(id)!;
  return null;
}

/** The latest move that took this customer away from the user into the pool (release or auto_pool). */
export const lastLossToPool = (db: Executor, companyId: number, customerId: number, userId: number) =>
  db
    .selectFrom('customerMoves')
    .select(['at', 'kind'])
    .where('companyId', '=', companyId)
    .where('customerId', '=', customerId)
    .where('fromUserId', '=', userId)
    .where('kind', 'in', ['auto_pool', 'release'])
    .orderBy('at', 'desc')
    .limit(1)
    .executeTakeFirst();
