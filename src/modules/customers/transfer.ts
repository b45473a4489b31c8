import { sql, type SqlBool } from 'kysely';
import type { z } from 'zod';
import type { Db, Executor } from '../../db/database.ts';
import { writeAuditMany } from '../../platform/audit/audit.ts';
import { requirePermission, actorOf, type RequestContext } from '../../platform/permissions/context.ts';
import { ownerInScope } from '../../platform/permissions/scope.ts';
import { escapeLike, normalizeForSearch } from '../../platform/pinyin.ts';
import { isoNow } from '../../platform/time.ts';
import { ownershipError } from './ownership-errors.ts';
import { insertMoves, insertNotifications } from './ownership-repo.ts';
import type { transferBody, transferCustomersQuery } from './ownership-schema.ts';

const CHUNK = 500;

/** The company members in the manager's scope, with how many customers each owns: the picker of the transfer page. */
export async function listTransferReps(db: Db, ctx: RequestContext) {
  requirePermission(ctx, 'customer.transfer');
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.userId')
    .leftJoin('departments', 'departments.id', 'memberships.departmentId')
    .select(['users.id', 'users.displayName', 'users.username', 'departments.name as departmentName', 'memberships.active'])
    .select((eb) =>
      eb.selectFrom('customers').whereRef('customers.ownerId', '=', 'users.id').where('customers.companyId', '=', ctx.companyId).select(eb.fn.countAll<number>().as('n')).as('customerCount'),
    )
    .where('memberships.companyId', '=', ctx.companyId)
    .where(ownerInScope(ctx, 'memberships.user_id'))
    .orderBy('users.id')
    .limit(2000)
    .execute();
  return rows.map((r) => ({ ...r, active: r.active === 1, customerCount: Number(r.customerCount ?? 0) }));
}

/** A leaving rep's customers, paged and searchable, to pick some of them. */
export async function listTransferCustomers(db: Db, ctx: RequestContext, q: z.infer<typeof transferCustomersQuery>) {
  requirePermission(ctx, 'customer.transfer');
  await memberInScope(db, ctx, q.fromUserId, 'fromUserId');
  let query = db.selectFrom('customers').where('companyId', '=', ctx.companyId).where('ownerId', '=', q.fromUserId);
  if (q.q) query = query.where(sql<SqlBool>`search_key like ${'%' + escapeLike(normalizeForSearch(q.q)) + '%'} escape '\\'`);
  const [items, total] = await Promise.all([
    query.select(['id', 'code', 'name', 'classification', 'province', 'city', 'ownerSince', 'lastFollowupAt']).orderBy('id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n), page: q.page, pageSize: q.pageSize };
}

async function memberInScope(db: Executor, ctx: RequestContext, userId: number, path: string) {
  const m = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.userId')
    .select(['users.id', 'users.displayName', 'memberships.active', 'users.active as userActive'])
    .where('memberships.companyId', '=', ctx.companyId)
    .where('memberships.userId', '=', userId)
    .where(ownerInScope(ctx, 'memberships.user_id'))
    .executeTakeFirst();
  if (!m) throw ownershipError('TRANSFER_USER_OUT_OF_SCOPE', {}, [{ path, message: '所选业务员不在您的管理范围内' }]);
  return m;
}

/**
 * Hands customers from one rep (usually one who leaves) to another in one transaction: all of them, or
 * the listed ones, which must all still belong to the leaving rep. Set-based: the owner changes in one
 * UPDATE per 500 ids; moves and audit entries go in multi-row inserts; each rep gets one notification.
 */
export async function transferCustomers(db: Db, ctx: RequestContext, body: z.infer<typeof transferBody>) {
  requirePermission(ctx, 'customer.transfer');
  if (body.fromUserId === body.toUserId) throw ownershipError('TRANSFER_SAME_USER', {}, [{ path: 'toUserId', message: '接收人不能与转出人相同' }]);
  return db.transaction().execute(async (tx) => {
    const from = await memberInScope(tx, ctx, body.fromUserId, 'fromUserId');
    const to = await memberInScope(tx, ctx, body.toUserId, 'toUserId');
    if (to.active !== 1 || to.userActive !== 1) throw ownershipError('TRANSFER_RECEIVER_INACTIVE', {}, [{ path: 'toUserId', message: '接收人已停用' }]);
    const at = isoNow();
    const change = (ids?: number[]) => {
      let q = tx
        .updateTable('customers')
        .set((eb) => ({ ownerId: body.toUserId, previousOwnerId: body.fromUserId, ownerSince: at, updatedAt: at, version: eb('version', '+', 1) }))
        .where('companyId', '=', ctx.companyId)
        .where('ownerId', '=', body.fromUserId);
      if (ids) q = q.where('id', 'in', ids);
      return q.returning(['id', 'name']).execute();
    };
    let moved: { id: number; name: string }[] = [];
    if (!body.customerIds) moved = await change();
    else {
      const ids = [...new Set(body.customerIds)];
      for (let i = 0; i < ids.length; i += CHUNK) moved.push(...(await change(ids.slice(i, i + CHUNK))));
      if (moved.length !== ids.length) {
        const got = new Set(moved.map((r) => r.id));
        const missing = ids.filter((id) => !got.has(id));
        const names = await tx.selectFrom('customers').select('name').where('companyId', '=', ctx.companyId).where('id', 'in', missing.slice(0, 3)).execute();
        // throwing rolls back the owners already changed in this transaction
        throw ownershipError('TRANSFER_NOT_OWNED', { count: missing.length, from: from.displayName, names: names.map((n) => n.name).join('、') || missing.slice(0, 3).join('、') });
      }
    }
    if (moved.length === 0) throw ownershipError('TRANSFER_NOTHING', { from: from.displayName });
    await insertMoves(tx, ctx.companyId, at, moved.map((r) => ({ customerId: r.id, kind: 'transfer', fromUserId: body.fromUserId, toUserId: body.toUserId, reason: body.reason, byUserId: ctx.userId })));
    await writeAuditMany(
      tx,
      actorOf(ctx),
      moved.map((r) => ({ action: 'customer.transfer', entity: 'customer', entityId: r.id, before: { ownerId: body.fromUserId }, after: { ownerId: body.toUserId, ownerSince: at }, note: body.reason })),
    );
    const sample = moved.slice(0, 10).map((r) => r.name).join('、') + (moved.length > 10 ? ` 等 ${moved.length} 个` : '');
    await insertNotifications(tx, ctx.companyId, at, [
      { userId: body.fromUserId, kind: 'customer.transfer', title: `${moved.length} 个客户已转给 ${to.displayName}`, body: `操作人：${ctx.userName}，原因：${body.reason}。${sample}`, entity: null, entityId: null },
      { userId: body.toUserId, kind: 'customer.transfer', title: `${from.displayName} 的 ${moved.length} 个客户已转给您`, body: `操作人：${ctx.userName}，原因：${body.reason}。${sample}`, entity: null, entityId: null },
    ]);
    return { moved: moved.length, fromUserId: body.fromUserId, toUserId: body.toUserId };
  });
}
