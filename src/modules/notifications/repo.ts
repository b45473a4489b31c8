import type { Executor } from '../../db/database.ts';
import type { NewNotification, NotificationListQuery } from './schema.ts';

// Every query is bound to one user in one company: a notification is only ever its recipient's.
const mine = (db: Executor, userId: number, companyId: number) =>
  db.selectFrom('notifications').where('userId', '=', userId).where('companyId', '=', companyId);

const columns = ['id', 'kind', 'title', 'body', 'entity', 'entityId', 'readAt', 'createdAt'] as const;

export async function listFor(db: Executor, userId: number, companyId: number, q: NotificationListQuery) {
  let query = mine(db, userId, companyId);
  if (q.unread === '1') query = query.where('readAt', 'is', null);
  if (q.unread === '0') query = query.where('readAt', 'is not', null);
  const [items, total] = await Promise.all([
    query.select(columns).orderBy('id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function unreadCount(db: Executor, userId: number, companyId: number): Promise<number> {
  const r = await mine(db, userId, companyId).where('readAt', 'is', null).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export const findMine = (db: Executor, userId: number, companyId: number, id: number) =>
  mine(db, userId, companyId).where('id', '=', id).select(columns).executeTakeFirst();

export async function markRead(db: Executor, userId: number, companyId: number, id: number, at: string): Promise<void> {
  await db.updateTable('notifications').set({ readAt: at }).where('id', '=', id).where('userId', '=', userId).where('companyId', '=', companyId).where('readAt', 'is', null).execute();
}

export async function markAllRead(db: Executor, userId: number, companyId: number, at: string): Promise<number> {
  const r = await db.updateTable('notifications').set({ readAt: at }).where('userId', '=', userId).where('companyId', '=', companyId).where('readAt', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Unread notifications of these kinds about one record read at `at`, whoever got them. */
export async function settle(db: Executor, where: { companyId: number; kinds: readonly string[]; entity: string; entityId: number }, at: string): Promise<void> {
  if (where.kinds.length === 0) return;
  await db.updateTable('notifications').set({ readAt: at })
    .where('companyId', '=', where.companyId).where('entity', '=', where.entity).where('entityId', '=', where.entityId)
    .where('kind', 'in', where.kinds).where('readAt', 'is', null)
    .execute();
}

export async function insertMany(db: Executor, rows: NewNotification[], at: string): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('notifications')
    .values(rows.map((r) => ({ companyId: r.companyId, userId: r.userId, kind: r.kind, title: r.title, body: r.body ?? null, entity: r.entity ?? null, entityId: r.entityId ?? null, createdAt: at })))
    .execute();
}
