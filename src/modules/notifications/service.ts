import type { Db, Executor } from '../../db/database.ts';
import { notFound } from '../../platform/errors/app-error.ts';
import type { RequestContext } from '../../platform/permissions/context.ts';
import { isoNow } from '../../platform/time.ts';
import * as repo from './repo.ts';
import { queueRobotPush } from './robots.ts';
import type { NewNotification, NotificationListQuery, NotificationOut } from './schema.ts';

// In-app notifications (the bell). Every user may read and mark read only their own, in the
// company they are working in; there is no permission beyond being logged in, and ids of other
// users' notifications answer 404 like any record out of reach.

const MAX_BATCH = 500;

export async function listNotifications(db: Db, ctx: RequestContext, q: NotificationListQuery) {
  const { items, total } = await repo.listFor(db, ctx.userId, ctx.companyId, q);
  return { items: items as NotificationOut[], total, page: q.page, pageSize: q.pageSize };
}

export async function countUnread(db: Db, ctx: RequestContext) {
  return { unread: await repo.unreadCount(db, ctx.userId, ctx.companyId) };
}

export async function markRead(db: Db, ctx: RequestContext, id: number): Promise<NotificationOut> {
  const n = await repo.findMine(db, ctx.userId, ctx.companyId, id);
  if (!n) throw notFound();
  // reading twice keeps the first read time
  if (!n.readAt) await repo.markRead(db, ctx.userId, ctx.companyId, id, isoNow());
  return (await repo.findMine(db, ctx.userId, ctx.companyId, id)) as NotificationOut;
}

export async function markAllRead(db: Db, ctx: RequestContext) {
  return { updated: await repo.markAllRead(db, ctx.userId, ctx.companyId, isoNow()) };
}

/**
 * For other modules: a to-do that is done (a review decided, an order cancelled) — its unread
 * notifications of these kinds about the record are marked read for everyone who got them, so no
 * one's bell still asks for it. Inside the caller's transaction. A record with several to-dos gives
 * each its own kind, so that one can be settled without the others.
 */
export async function settleNotifications(tx: Executor, where: { companyId: number; kinds: readonly string[]; entity: string; entityId: number }): Promise<void> {
  await repo.settle(tx, where, isoNow());
}

/**
 * For other modules: tell users about something, inside the caller's transaction (pass `tx`),
 * so the notification exists exactly when the change it reports does. Duplicate recipients are
 * sent once; titles and bodies are cut to what the bell shows.
 */
export async function notify(tx: Executor, rows: NewNotification | NewNotification[]): Promise<void> {
  const list = Array.isArray(rows) ? rows : [rows];
  const seen = new Set<string>();
  const clean: NewNotification[] = [];
  for (const r of list) {
    const key = `${r.companyId}:${r.userId}:${r.kind}:${r.entity ?? ''}:${r.entityId ?? ''}:${r.title}`;
    if (seen.has(key)) continue;
    seen.add(key);
    clean.push({ ...r, title: r.title.slice(0, 200), body: r.body ? r.body.slice(0, 1000) : null });
  }
  for (let i = 0; i < clean.length; i += MAX_BATCH) await repo.insertMany(tx, clean.slice(i, i + MAX_BATCH), isoNow());
  // the company's group robots get the same news, queued in this transaction, posted after it commits
  if (clean.length) await queueRobotPush(tx, clean);
}
