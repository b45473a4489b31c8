import { sql, type Expression, type SqlBool } from 'kysely';
import type { z } from 'zod';
import type { Db, Executor } from '../../db/database.ts';
import { writeAudit, writeAuditMany } from '../../platform/audit/audit.ts';
import { notFound } from '../../platform/errors/app-error.ts';
import { actorOf, can, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { ownerInScope } from '../../platform/permissions/scope.ts';
import { escapeLike, normalizeForSearch } from '../../platform/pinyin.ts';
import { businessDate, isoNow } from '../../platform/time.ts';
import { readSettings, settingsFor } from '../admin/service.ts';
import { ownershipError } from './ownership-errors.ts';
import { customerBrief, insertMoves, insertNotifications, lastLossToPool, lockMember, ownedCount, userNames } from './ownership-repo.ts';
import type { poolListQuery } from './ownership-schema.ts';

const DAY_MS = 86_400_000;

/**
 * The instant a rep last "worked" a customer for a rule: the later of the last event (follow-up or deal)
 * and the day the rep got the customer (owner_since), else its creation. Taking the later of the two
 * (not coalesce(last event, owner_since)) gives a rep who just claimed or received a customer the full
 * N/M days, instead of the old owner's stale follow-up date sending it straight back to the pool.
 */
function workedSince(eventColumn: 'last_followup_at' | 'last_deal_at') {
  const ev = sql.ref(`customers.${eventColumn}`);
  return sql<string>`coalesce(case when customers.owner_since is not null and (${ev} is null or customers.owner_since > ${ev}) then customers.owner_since else ${ev} end, customers.created_at)`;
}

export type PoolRunResult = { moved: number; byFollowup: number; byDeal: number };

const BATCH = 1000;

/**
 * The pool rule of one company, set-based: one SELECT names every owned customer not worked for N days
 * (follow-ups) or M days (deals); then short write transactions of 1000 each take them back to the pool
 * (the UPDATE re-checks the rule, so a customer followed up or moved meanwhile stays) and write their
 * moves and audit entries in multi-row inserts. Short transactions keep SQLite's single writer free for
 * the users. Each old owner then gets one notification. Customers already in the pool are not touched,
 * so a second run moves nothing (idempotent).
 */
export async function returnStaleCustomersToPool(db: Db, companyId: number, now: Date): Promise<PoolRunResult> {
  const { settings } = await readSettings(db, companyId);
  const { noFollowupDays: n, noDealDays: m } = settings.pool;
  const at = now.toISOString();
  const noFollowup = sql<SqlBool>`${workedSince('last_followup_at')} < ${new Date(now.getTime() - n * DAY_MS).toISOString()}`;
  const noDeal = sql<SqlBool>`${workedSince('last_deal_at')} < ${new Date(now.getTime() - m * DAY_MS).toISOString()}`;
  const stale = sql<SqlBool>`(${noFollowup} or ${noDeal})`;
  const candidates = await db.selectFrom('customers').select('id').where('companyId', '=', companyId).where('ownerId', 'is not', null).where(stale).orderBy('id').execute();
  const reasonOf = (r: { byFollowup: number; byDeal: number }) =>
    [Number(r.byFollowup) ? `超过 ${n} 天未跟进` : null, Number(r.byDeal) ? `超过 ${m} 天未成交` : null].filter(Boolean).join('；');
  const perOwner = new Map<number, { id: number; name: string; reason: string }[]>();
  const result: PoolRunResult = { moved: 0, byFollowup: 0, byDeal: 0 };
  for (let i = 0; i < candidates.length; i += BATCH) {
    const ids = candidates.slice(i, i + BATCH).map((c) => c.id);
    const moved = await db.transaction().execute(async (tx) => {
      const rows = await tx
        .updateTable('customers')
        .set((eb) => ({ previousOwnerId: eb.ref('ownerId'), ownerId: null, poolEnteredAt: at, updatedAt: at, version: eb('version', '+', 1) }))
        .where('companyId', '=', companyId)
        .where('id', 'in', ids)
        .where('ownerId', 'is not', null)
        .where(stale)
        .returning(['id', 'name', 'previousOwnerId', sql<number>`case when ${noFollowup} then 1 else 0 end`.as('byFollowup'), sql<number>`case when ${noDeal} then 1 else 0 end`.as('byDeal')])
        .execute();
      await insertMoves(tx, companyId, at, rows.map((r) => ({ customerId: r.id, kind: 'auto_pool', fromUserId: r.previousOwnerId, toUserId: null, reason: reasonOf(r), byUserId: null })));
      await writeAuditMany(
        tx,
        { userId: null, companyId },
        rows.map((r) => ({ action: 'customer.auto_pool', entity: 'customer', entityId: r.id, before: { ownerId: r.previousOwnerId }, after: { ownerId: null, poolEnteredAt: at }, note: reasonOf(r) })),
      );
      return rows;
    });
    for (const r of moved) {
      const list = perOwner.get(r.previousOwnerId!) ?? [];
      if (list.length === 0) perOwner.set(r.previousOwnerId!, list);
      list.push({ id: r.id, name: r.name, reason: reasonOf(r) });
      result.moved += 1;
      result.byFollowup += Number(r.byFollowup);
      result.byDeal += Number(r.byDeal);
    }
  }
  // best effort after the moves committed: one notice per old owner for the whole run
  await notifyOldOwners(db, companyId, at, perOwner);
  return result;
}

async function notifyOldOwners(db: Db, companyId: number, at: string, perOwner: Map<number, { id: number; name: string; reason: string }[]>) {
  if (perOwner.size === 0) return;
  await insertNotifications(
    db,
    companyId,
    at,
    [...perOwner].map(([userId, rows]) => ({
      userId,
      kind: 'customer.auto_pool',
      title: `${rows.length} 个客户已退回公海`,
      body: `${rows.slice(0, 10).map((r) => `${r.name}（${r.reason}）`).join('、')}${rows.length > 10 ? ` 等 ${rows.length} 个` : ''}`,
      // no link to the customer: the old owner may no longer open it (it is in the pool now)
      entity: null,
      entityId: null,
    })),
  );
}

/** The scheduled job: every active company's pool rule. */
export async function runPoolJob(db: Db, now: Date = new Date()): Promise<string> {
  const companies = await db.selectFrom('companies').select('id').where('active', '=', 1).orderBy('id').execute();
  let total = 0;
  for (const c of companies) total += (await returnStaleCustomersToPool(db, c.id, now)).moved;
  return `returned ${total} customers to the pool in ${companies.length} companies`;
}

const poolReasonSql = sql<string | null>`(select m.reason from customer_moves m where m.customer_id = customers.id order by m.at desc, m.id desc limit 1)`;
const poolKindSql = sql<string | null>`(select m.kind from customer_moves m where m.customer_id = customers.id order by m.at desc, m.id desc limit 1)`;

/** The public pool: customers without an owner, open to everyone who may claim in the company. */
export async function listPool(db: Db, ctx: RequestContext, q: z.infer<typeof poolListQuery>) {
  requirePermission(ctx, 'pool.claim');
  let query = db.selectFrom('customers').where('customers.companyId', '=', ctx.companyId).where('customers.ownerId', 'is', null);
  if (q.q) query = query.where(sql<SqlBool>`customers.search_key like ${'%' + escapeLike(normalizeForSearch(q.q)) + '%'} escape '\\'`);
  if (q.province) query = query.where('customers.province', '=', q.province);
  if (q.city) query = query.where('customers.city', '=', q.city);
  if (q.classification) query = query.where('customers.classification', '=', q.classification);
  const [items, total] = await Promise.all([
    query
      .leftJoin('users as prev', 'prev.id', 'customers.previousOwnerId')
      .select([
        'customers.id', 'customers.code', 'customers.name', 'customers.classification', 'customers.industry', 'customers.province', 'customers.city',
        'customers.poolEnteredAt', 'customers.previousOwnerId', 'prev.displayName as previousOwnerName', 'customers.lastFollowupAt', 'customers.lastDealAt',
      ])
      .select([poolReasonSql.as('poolReason'), poolKindSql.as('poolKind')])
      .orderBy('customers.poolEnteredAt', 'desc')
      .orderBy('customers.id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n), page: q.page, pageSize: q.pageSize };
}

/**
 * The written rule and the pool figures, for every member of the company (GET /api/admin/settings is
 * admin-only): the rule is company policy that reps, managers and clerks all work by.
 */
export async function ownershipSettings(db: Db, ctx: RequestContext) {
  const { settings } = await settingsFor(db, ctx);
  return { ownershipRule: settings.ownershipRule, ...settings.pool, owned: await ownedCount(db, ctx.companyId, ctx.userId) };
}

/**
 * Claims a pool customer. The owner is set with `… where owner_id is null`, so of two reps claiming the
 * same customer one wins and the other gets 409; the claim limit and the reclaim block are checked first,
 * under the rep's lock, with the figures in the message.
 */
export async function claimCustomer(db: Db, ctx: RequestContext, id: number) {
  requirePermission(ctx, 'pool.claim');
  const { settings } = await settingsFor(db, ctx);
  const { claimLimit, reclaimBlockDays } = settings.pool;
  return db.transaction().execute(async (tx) => {
    const c = await customerBrief(tx, ctx.companyId, id);
    if (!c) throw notFound();
    if (c.ownerId !== null) await refuseOwned(tx, ctx, id, c.ownerId);
    await lockMember(tx, ctx.companyId, ctx.userId);
    const owned = await ownedCount(tx, ctx.companyId, ctx.userId);
    if (owned >= claimLimit) throw ownershipError('POOL_CLAIM_LIMIT', { owned, limit: claimLimit });
    await refuseReclaim(tx, ctx, id, reclaimBlockDays);
    const at = isoNow();
    const res = await tx
      .updateTable('customers')
      .set((eb) => ({ ownerId: ctx.userId, ownerSince: at, poolEnteredAt: null, updatedAt: at, version: eb('version', '+', 1) }))
      .where('companyId', '=', ctx.companyId)
      .where('id', '=', id)
      .where('ownerId', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) {
      const now = await customerBrief(tx, ctx.companyId, id);
      await refuseOwned(tx, ctx, id, now?.ownerId ?? null);
    }
    await insertMoves(tx, ctx.companyId, at, [{ customerId: id, kind: 'claim', fromUserId: null, toUserId: ctx.userId, reason: '从公海领取', byUserId: ctx.userId }]);
    await writeAudit(tx, actorOf(ctx), { action: 'customer.claim', entity: 'customer', entityId: id, before: { ownerId: null, poolEnteredAt: c.poolEnteredAt }, after: { ownerId: ctx.userId, ownerSince: at } });
    return { id, name: c.name, ownerId: ctx.userId, ownerSince: at, owned: owned + 1, claimLimit };
  });
}

/** How long "someone claimed it just now" is told as such; after that an owned customer is simply not in the pool. */
const RECENT_CLAIM_MS = 24 * 3600_000;

/**
 * A claim on a customer that has an owner. Only a customer claimed from the pool in the last day
 * (the pool page was stale) gets 409 naming who took it; any other id answers 404, so guessing
 * ids tells nothing about customers outside the caller's scope.
 */
async function refuseOwned(db: Executor, ctx: RequestContext, customerId: number, ownerId: number | null): Promise<never> {
  if (ownerId === ctx.userId) throw ownershipError('POOL_ALREADY_MINE');
  const recent = await db
    .selectFrom('customerMoves')
    .select('id')
    .where('companyId', '=', ctx.companyId)
    .where('customerId', '=', customerId)
    .where('kind', '=', 'claim')
    .where('at', '>', new Date(Date.now() - RECENT_CLAIM_MS).toISOString())
    .limit(1)
    .executeTakeFirst();
  if (!recent) throw notFound();
  const names = await userNames(db, [ownerId]);
  throw ownershipError('POOL_ALREADY_CLAIMED', { owner: (ownerId && names.get(ownerId)) ?? '其他业务员' });
}

async function refuseReclaim(db: Executor, ctx: RequestContext, customerId: number, days: number): Promise<void> {
  if (days <= 0) return;
  const lost = await lastLossToPool(db, ctx.companyId, customerId, ctx.userId);
  if (!lost) return;
  const until = new Date(new Date(lost.at).getTime() + days * DAY_MS);
  if (until.getTime() > Date.now()) {
    throw ownershipError('POOL_RECLAIM_BLOCKED', { lostOn: businessDate(new Date(lost.at)), days, until: businessDate(until) });
  }
}

/** The owner gives a customer back to the pool, with a reason. */
export async function releaseCustomer(db: Db, ctx: RequestContext, id: number, reason: string) {
  requirePermission(ctx, 'pool.release');
  return db.transaction().execute(async (tx) => {
    const c = await tx
      .selectFrom('customers')
      .select(['id', 'name', 'ownerId'])
      .where('companyId', '=', ctx.companyId)
      .where('id', '=', id)
      .where(ownerInScope(ctx, 'customers.owner_id'))
      .executeTakeFirst();
    if (!c) throw notFound();
    if (c.ownerId !== ctx.userId) throw ownershipError('POOL_NOT_OWNER');
    const at = isoNow();
    const res = await tx
      .updateTable('customers')
      .set((eb) => ({ ownerId: null, previousOwnerId: ctx.userId, poolEnteredAt: at, updatedAt: at, version: eb('version', '+', 1) }))
      .where('companyId', '=', ctx.companyId)
      .where('id', '=', id)
      .where('ownerId', '=', ctx.userId)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw ownershipError('POOL_NOT_OWNER');
    await insertMoves(tx, ctx.companyId, at, [{ customerId: id, kind: 'release', fromUserId: ctx.userId, toUserId: null, reason, byUserId: ctx.userId }]);
    await writeAudit(tx, actorOf(ctx), { action: 'customer.release', entity: 'customer', entityId: id, before: { ownerId: ctx.userId }, after: { ownerId: null, poolEnteredAt: at }, note: reason });
    return { ok: true as const };
  });
}

/**
 * The owner-change history of one customer. Visible to whoever may see the customer (its owner in my
 * scope), and for a pool customer to whoever may claim from the pool.
 */
export async function customerMoves(db: Db, ctx: RequestContext, id: number) {
  requirePermission(ctx, 'customer.read');
  const visible: Expression<SqlBool> = can(ctx, 'pool.claim')
    ? sql<SqlBool>`(customers.owner_id is null or ${ownerInScope(ctx, 'customers.owner_id')})`
    : ownerInScope(ctx, 'customers.owner_id');
  const c = await db.selectFrom('customers').select('id').where('companyId', '=', ctx.companyId).where('id', '=', id).where(visible).executeTakeFirst();
  if (!c) throw notFound();
  return db
    .selectFrom('customerMoves')
    .leftJoin('users as f', 'f.id', 'customerMoves.fromUserId')
    .leftJoin('users as t', 't.id', 'customerMoves.toUserId')
    .leftJoin('users as b', 'b.id', 'customerMoves.byUserId')
    .select([
      'customerMoves.id', 'customerMoves.kind', 'customerMoves.fromUserId', 'f.displayName as fromUserName', 'customerMoves.toUserId', 't.displayName as toUserName',
      'customerMoves.reason', 'customerMoves.byUserId', 'b.displayName as byUserName', 'customerMoves.at',
    ])
    .where('customerMoves.companyId', '=', ctx.companyId)
    .where('customerMoves.customerId', '=', id)
    .orderBy('customerMoves.id', 'desc')
    .limit(500)
    .execute();
}
