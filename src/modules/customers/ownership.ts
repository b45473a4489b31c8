import { sql, type SqlBool } from 'kysely';
import type { z } from 'zod';
import type { Db, Executor } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { defineDocument, voidFields } from '../../platform/documents/status.ts';
import { notFound, staleVersion } from '../../platform/errors/app-error.ts';
import { nextNumber } from '../../platform/numbering/numbering.ts';
import { actorOf, can, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { ownerInScope } from '../../platform/permissions/scope.ts';
import { businessDate, isoNow } from '../../platform/time.ts';
import { ownershipError } from './ownership-errors.ts';
import { nameKey, phoneNorm, taxIdNorm } from './normalize.ts';
import { customerBrief, insertMoves, insertNotifications, managerOf, userNames, type NotificationRow } from './ownership-repo.ts';
import type { ownershipListQuery, OwnershipRequestOut, OwnershipStatus } from './ownership-schema.ts';

export { claimCustomer, customerMoves, listPool, ownershipSettings, releaseCustomer, returnStaleCustomersToPool, runPoolJob } from './pool.ts';
export { listTransferCustomers, listTransferReps, transferCustomers } from './transfer.ts';

/** 客户归属申请: submitted → approved | rejected, or withdrawn by the requester (void, with a reason). */
export const ownershipRequestDoc = defineDocument<'submitted' | 'approved' | 'rejected', 'approve' | 'reject'>({
  labels: {
    submitted: { zh: '待裁决', en: 'Submitted' },
    approved: { zh: '已批准', en: 'Approved' },
    rejected: { zh: '已驳回', en: 'Rejected' },
    void: { zh: '作废', en: 'Void' },
    discarded: { zh: '已丢弃', en: 'Discarded' },
  },
  transitions: {
    approve: { from: ['submitted'], to: 'approved', label: { zh: '批准', en: 'approve' } },
    reject: { from: ['submitted'], to: 'rejected', label: { zh: '驳回', en: 'reject' } },
  },
  voidableFrom: ['submitted'],
  voidLabel: { zh: '撤回', en: 'withdraw' },
});

const isUniqueViolation = (e: unknown) => {
  const err = e as { code?: string; message?: string };
  return err?.code === '23505' || /UNIQUE constraint failed/.test(err?.message ?? '');
};

function baseQuery(db: Executor, companyId: number) {
  return db
    .selectFrom('ownershipRequests as r')
    .innerJoin('customers as c', 'c.id', 'r.customerId')
    .leftJoin('users as req', 'req.id', 'r.requesterId')
    .leftJoin('users as own', 'own.id', 'r.ownerId')
    .leftJoin('users as cur', 'cur.id', 'c.ownerId')
    .leftJoin('users as dec', 'dec.id', 'r.decidedBy')
    .where('r.companyId', '=', companyId);
}
const columns = [
  'r.id', 'r.number', 'r.status', 'r.customerId', 'c.name as customerName', 'c.code as customerCode', 'r.requesterId', 'req.displayName as requesterName',
  'r.ownerId', 'own.displayName as ownerName', 'c.ownerId as currentOwnerId', 'cur.displayName as currentOwnerName', 'r.reason', 'r.decidedBy',
  'dec.displayName as deciderName', 'r.decidedAt', 'r.decisionNote', 'r.voidedAt', 'r.voidReason', 'r.createdAt', 'r.version',
] as const;

const out = (r: Record<string, unknown>) => ({ ...r, status: r.status as OwnershipStatus }) as OwnershipRequestOut;

/** A decider sees the requests whose requester or (then) owner is in their data scope. */
const decidable = (ctx: RequestContext) => sql<SqlBool>`(${ownerInScope(ctx, 'r.requester_id')} or ${ownerInScope(ctx, 'r.owner_id')})`;

/**
 * A rep asks for a customer owned by someone else. The rep may not see that customer's file; the request
 * names only the customer and its owner. The owner and the requester's manager are told.
 */
export async function submitOwnershipRequest(db: Db, ctx: RequestContext, body: { customerId: number; reason: string }) {
  requirePermission(ctx, 'ownership.request');
  const id = await db.transaction().execute(async (tx) => {
    const c = await customerBrief(tx, ctx.companyId, body.customerId);
    if (!c) throw notFound();
    if (c.ownerId === null) throw ownershipError('OWNERSHIP_IN_POOL');
    if (c.ownerId === ctx.userId) throw ownershipError('OWNERSHIP_ALREADY_MINE');
    const open = await tx
      .selectFrom('ownershipRequests')
      .select('number')
      .where('companyId', '=', ctx.companyId)
      .where('customerId', '=', c.id)
      .where('requesterId', '=', ctx.userId)
      .where('status', '=', 'submitted')
      .executeTakeFirst();
    if (open) throw ownershipError('OWNERSHIP_OPEN_REQUEST', { number: open.number });
    const now = isoNow();
    const number = await nextNumber(tx, ctx.companyId, 'ownership_request', businessDate());
    const row = await tx
      .insertInto('ownershipRequests')
      .values({ companyId: ctx.companyId, number, customerId: c.id, requesterId: ctx.userId, ownerId: c.ownerId, reason: body.reason, status: 'submitted', createdAt: now })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((e: unknown) => {
        // two submits at once: the one-open-request index lets one through (PostgreSQL; SQLite serialises writers)
        if (isUniqueViolation(e)) throw ownershipError('OWNERSHIP_OPEN_REQUEST', { number: '（刚提交的申请）' });
        throw e;
      });
    await writeAudit(tx, actorOf(ctx), { action: 'ownership_request.submit', entity: 'ownership_request', entityId: row.id, after: { number, customerId: c.id, ownerId: c.ownerId, reason: body.reason } });
    const manager = await managerOf(tx, ctx.companyId, ctx.userId);
    const note = (userId: number, title: string): NotificationRow => ({ userId, kind: 'ownership.request', title, body: `申请单 ${number}，理由：${body.reason}`, entity: 'ownership_request', entityId: row.id });
    const notes = [note(c.ownerId, `${ctx.userName} 申请客户「${c.name}」的归属`)];
    if (manager && manager !== c.ownerId) notes.push(note(manager, `待裁决：${ctx.userName} 申请客户「${c.name}」的归属`));
    await insertNotifications(tx, ctx.companyId, now, notes);
    return row.id;
  });
  return getOwnershipRequest(db, ctx, id);
}

/**
 * What a rep may know of any customer of the company before asking for it: its name, code and owner
 * (the duplicate warning led them here), and their own open request for it. Nothing else of the file.
 */
/**
 * A customer's name and owner, for the ownership request. Outside the caller's scope it answers
 * only to someone who already knows the customer — who has filed a request for it, or whose `match`
 * is its name, a phone or its tax id (what the duplicate warning showed them) — so ids cannot be
 * walked to list the company's customers and owners.
 */
export async function customerOwnerBrief(db: Db, ctx: RequestContext, customerId: number, match?: string) {
  requirePermission(ctx, 'ownership.request');
  const c = await customerBrief(db, ctx.companyId, customerId);
  if (!c) throw notFound();
  const known = async () => (await inScope(db, ctx, c.id)) || (await hasRequested(db, ctx, c.id)) || (!!match && (await knowsCustomer(db, ctx.companyId, c.id, match)));
  if (c.ownerId !== null && !(await known())) throw notFound();
  const names = await userNames(db, [c.ownerId]);
  const open = await db
    .selectFrom('ownershipRequests')
    .select(['id', 'number'])
    .where('companyId', '=', ctx.companyId)
    .where('customerId', '=', c.id)
    .where('requesterId', '=', ctx.userId)
    .where('status', '=', 'submitted')
    .executeTakeFirst();
  return { id: c.id, code: c.code, name: c.name, ownerId: c.ownerId, ownerName: c.ownerId ? names.get(c.ownerId) ?? null : null, openRequestId: open?.id ?? null, openRequestNumber: open?.number ?? null };
}

async function inScope(db: Executor, ctx: RequestContext, customerId: number): Promise<boolean> {
  const row = await db.selectFrom('customers').select('id').where('companyId', '=', ctx.companyId).where('id', '=', customerId).where(ownerInScope(ctx, 'customers.owner_id')).executeTakeFirst();
  return !!row;
}

/** The caller has filed an ownership request for it (they were shown it then). */
async function hasRequested(db: Executor, ctx: RequestContext, customerId: number): Promise<boolean> {
  const row = await db.selectFrom('ownershipRequests').select('id').where('companyId', '=', ctx.companyId).where('customerId', '=', customerId).where('requesterId', '=', ctx.userId).limit(1).executeTakeFirst();
  return !!row;
}

/** The text matches the customer's normalised name, one of its phones, or its tax id. */
async function knowsCustomer(db: Executor, companyId: number, customerId: number, match: string): Promise<boolean> {
  const phone = phoneNorm(match);
  const row = await db
    .selectFrom('customers')
    .select('customers.id')
    .where('customers.companyId', '=', companyId)
    .where('customers.id', '=', customerId)
    .where((eb) => {
      const alternatives = [eb('customers.nameKey', '=', nameKey(match)), eb('customers.taxId', '=', taxIdNorm(match) ?? '')];
      if (phone) {
        alternatives.push(eb('customers.primaryPhone', '=', phone));
        alternatives.push(eb.exists(eb.selectFrom('customerContacts').select('customerContacts.id').whereRef('customerContacts.customerId', '=', 'customers.id').where('customerContacts.phoneNorm', '=', phone)));
      }
      return eb.or(alternatives);
    })
    .executeTakeFirst();
  return !!row;
}

export async function listOwnershipRequests(db: Db, ctx: RequestContext, q: z.infer<typeof ownershipListQuery>) {
  requirePermission(ctx, 'ownership.request');
  let query = baseQuery(db, ctx.companyId);
  if (q.box === 'mine') query = query.where('r.requesterId', '=', ctx.userId);
  else if (q.box === 'against') query = query.where('r.ownerId', '=', ctx.userId);
  else {
    requirePermission(ctx, 'ownership.decide');
    query = query.where(decidable(ctx));
  }
  if (q.status) query = query.where('r.status', '=', q.status);
  const [items, total] = await Promise.all([
    query.select(columns).orderBy('r.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items.map(out), total: Number(total.n), page: q.page, pageSize: q.pageSize };
}

/** One request: to its requester, the owner it concerns, and deciders whose scope covers either. */
export async function getOwnershipRequest(db: Executor, ctx: RequestContext, id: number): Promise<OwnershipRequestOut> {
  requirePermission(ctx, 'ownership.request');
  const row = await baseQuery(db, ctx.companyId)
    .select(columns)
    .where('r.id', '=', id)
    .where((eb) => {
      const mine = eb.or([eb('r.requesterId', '=', ctx.userId), eb('r.ownerId', '=', ctx.userId)]);
      return can(ctx, 'ownership.decide') ? eb.or([mine, decidable(ctx)]) : mine;
    })
    .executeTakeFirst();
  if (!row) throw notFound();
  return out(row);
}

/** A request the decider may settle, or 404 (outside their scope); never their own. */
async function forDecision(tx: Executor, ctx: RequestContext, id: number) {
  requirePermission(ctx, 'ownership.decide');
  const r = await tx.selectFrom('ownershipRequests as r').selectAll('r').where('r.companyId', '=', ctx.companyId).where('r.id', '=', id).where(decidable(ctx)).executeTakeFirst();
  if (!r) throw notFound();
  if (r.requesterId === ctx.userId) throw ownershipError('OWNERSHIP_OWN_REQUEST');
  return r;
}

async function setStatus(tx: Executor, ctx: RequestContext, r: { id: number; version: number; status: string }, next: Record<string, unknown>) {
  const res = await tx
    .updateTable('ownershipRequests')
    .set({ ...next, version: r.version + 1 })
    .where('companyId', '=', ctx.companyId)
    .where('id', '=', r.id)
    .where('version', '=', r.version)
    .where('status', '=', r.status)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
}

/**
 * Approval moves the customer to the requester — only if its owner is still the one the request named
 * (else 409: the situation the manager judged no longer holds). Both reps are told; moves and audit record it.
 */
export async function approveOwnershipRequest(db: Db, ctx: RequestContext, id: number, note?: string) {
  await db.transaction().execute(async (tx) => {
    const r = await forDecision(tx, ctx, id);
    const status = ownershipRequestDoc.next(r.status as 'submitted', 'approve');
    const c = (await customerBrief(tx, ctx.companyId, r.customerId))!;
    if (c.ownerId !== r.ownerId) {
      const names = await userNames(tx, [r.ownerId, c.ownerId]);
      throw ownershipError('OWNERSHIP_OWNER_CHANGED', { then: names.get(r.ownerId!) ?? '公海', now: (c.ownerId && names.get(c.ownerId)) ?? '公海' });
    }
    const at = isoNow();
    await setStatus(tx, ctx, r, { status, decidedBy: ctx.userId, decidedAt: at, decisionNote: note ?? null });
    const moved = await tx
      .updateTable('customers')
      .set((eb) => ({ ownerId: r.requesterId, ownerSince: at, previousOwnerId: r.ownerId, poolEnteredAt: null, updatedAt: at, version: eb('version', '+', 1) }))
      .where('companyId', '=', ctx.companyId)
      .where('id', '=', r.customerId)
      .where('ownerId', '=', r.ownerId!)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) throw staleVersion();
    const reason = `归属申请 ${r.number} 批准${note ? `：${note}` : ''}`;
    await insertMoves(tx, ctx.companyId, at, [{ customerId: r.customerId, kind: 'ownership', fromUserId: r.ownerId, toUserId: r.requesterId, reason, byUserId: ctx.userId }]);
    await writeAudit(tx, actorOf(ctx), { action: 'ownership_request.approve', entity: 'ownership_request', entityId: r.id, before: { status: r.status }, after: { status, decisionNote: note ?? null } });
    await writeAudit(tx, actorOf(ctx), { action: 'customer.ownership', entity: 'customer', entityId: r.customerId, before: { ownerId: r.ownerId, ownerSince: c.ownerSince }, after: { ownerId: r.requesterId, ownerSince: at }, note: reason });
    const body = `申请单 ${r.number}，裁决人：${ctx.userName}${note ? `，意见：${note}` : ''}`;
    await insertNotifications(tx, ctx.companyId, at, [
      { userId: r.requesterId, kind: 'ownership.approved', title: `归属申请已批准：客户「${c.name}」已归属于您`, body, entity: 'ownership_request', entityId: r.id },
      { userId: r.ownerId!, kind: 'ownership.approved', title: `客户「${c.name}」已按归属申请转给他人`, body, entity: 'ownership_request', entityId: r.id },
    ]);
  });
  return getOwnershipRequest(db, ctx, id);
}

export async function rejectOwnershipRequest(db: Db, ctx: RequestContext, id: number, note?: string) {
  const text = (note ?? '').trim();
  await db.transaction().execute(async (tx) => {
    const r = await forDecision(tx, ctx, id);
    const status = ownershipRequestDoc.next(r.status as 'submitted', 'reject');
    if (!text) throw ownershipError('OWNERSHIP_NOTE_REQUIRED', {}, [{ path: 'note', message: '请填写驳回理由' }]);
    const at = isoNow();
    await setStatus(tx, ctx, r, { status, decidedBy: ctx.userId, decidedAt: at, decisionNote: text });
    await writeAudit(tx, actorOf(ctx), { action: 'ownership_request.reject', entity: 'ownership_request', entityId: r.id, before: { status: r.status }, after: { status, decisionNote: text } });
    const c = (await customerBrief(tx, ctx.companyId, r.customerId))!;
    const body = `申请单 ${r.number}，裁决人：${ctx.userName}，意见：${text}`;
    const notes: NotificationRow[] = [{ userId: r.requesterId, kind: 'ownership.rejected', title: `归属申请被驳回：客户「${c.name}」`, body, entity: 'ownership_request', entityId: r.id }];
    if (r.ownerId) notes.push({ userId: r.ownerId, kind: 'ownership.rejected', title: `对客户「${c.name}」的归属申请已驳回，客户仍归属于您`, body, entity: 'ownership_request', entityId: r.id });
    await insertNotifications(tx, ctx.companyId, at, notes);
  });
  return getOwnershipRequest(db, ctx, id);
}

/** The requester withdraws an open request: it stays, marked 作废 with who, when and why. */
export async function voidOwnershipRequest(db: Db, ctx: RequestContext, id: number, reason: string) {
  requirePermission(ctx, 'ownership.request');
  await db.transaction().execute(async (tx) => {
    const visible = await getOwnershipRequest(tx, ctx, id);
    if (visible.requesterId !== ctx.userId) throw ownershipError('OWNERSHIP_NOT_REQUESTER');
    ownershipRequestDoc.assertVoidable(visible.status);
    const fields = voidFields(actorOf(ctx), reason);
    await setStatus(tx, ctx, visible, fields);
    await writeAudit(tx, actorOf(ctx), { action: 'ownership_request.void', entity: 'ownership_request', entityId: id, before: { status: visible.status }, after: { status: 'void' }, note: fields.voidReason });
    if (visible.ownerId) {
      await insertNotifications(tx, ctx.companyId, fields.voidedAt, [
        { userId: visible.ownerId, kind: 'ownership.void', title: `${ctx.userName} 已撤回对客户「${visible.customerName}」的归属申请`, body: `申请单 ${visible.number}，原因：${fields.voidReason}`, entity: 'ownership_request', entityId: id },
      ]);
    }
  });
  return getOwnershipRequest(db, ctx, id);
}
