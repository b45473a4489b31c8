import type { Db, Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/permissions/context.ts';
import { daysBefore } from '../../platform/time.ts';
import { notify } from '../notifications/service.ts';
import * as repo from './repo.ts';

// Helpers shared by the customer use-case files (service, follow-ups, credit, batch).

/** A unique-constraint violation: SQLite "UNIQUE constraint failed", PostgreSQL SQLSTATE 23505. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string } | null;
  return !!err && (err.code === '23505' || err.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(err.message ?? ''));
}

/**
 * After a concurrent creation lost the race on a unique index (the transaction is gone), looks the
 * winner up and throws the same 409 DUPLICATE_CUSTOMER a sequential duplicate gets.
 */
export async function rethrowAsDuplicate(
  db: Db,
  companyId: number,
  n: { nameKey: string; taxId: string | null; contacts: { phoneNorm: string | null }[] },
  original: unknown,
  excludeId?: number,
): Promise<never> {
  const { findDuplicates, duplicateError } = await import('./service.ts');
  const dups = await findDuplicates(db, companyId, { nameKey: n.nameKey, phones: n.contacts.map((c) => c.phoneNorm), taxId: n.taxId, excludeId });
  if (dups.length) throw duplicateError(dups);
  throw original;
}

/** Who works a customer: its owner and everyone who logged a follow-up in the last 90 days. */
export const WORKER_WINDOW_DAYS = 90;

/**
 * Tells everyone who works the customer (except the actor) that its file changed: one
 * notification each, kind 'customer.changed', in the caller's transaction.
 */
export async function notifyWorkers(tx: Executor, ctx: RequestContext, customer: { id: number; name: string; ownerId: number | null }, title: string, body: string | null) {
  const users = (await repo.workersOf(tx, ctx.companyId, customer.id, customer.ownerId, daysBefore(new Date(), WORKER_WINDOW_DAYS))).filter((u) => u !== ctx.userId);
  if (!users.length) return;
  await notify(tx, users.map((userId) => ({ companyId: ctx.companyId, userId, kind: 'customer.changed', title, body, entity: 'customer', entityId: customer.id })));
}
