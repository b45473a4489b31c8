import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import { diff, historyOf, writeAudit } from '../../platform/audit/audit.ts';
import { voidFields } from '../../platform/documents/status.ts';
import { forbidden, notFound, staleVersion } from '../../platform/errors/app-error.ts';
import { nextNumber } from '../../platform/numbering/numbering.ts';
import { actorOf, can, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { searchKey, toHalfWidth } from '../../platform/pinyin.ts';
import { businessDate, isoNow } from '../../platform/time.ts';
import { notify } from '../notifications/service.ts';
import { leadError } from './errors.ts';
import { assertVoidable, nextStatus } from './machine.ts';
import * as repo from './repo.ts';
import type { LeadCreateBody, LeadListQuery, LeadUpdateBody } from './schema.ts';
import { getCustomer } from '../customers/service.ts';

export { convertLead, duplicatesForLead } from './convert.ts';


/** Digits of a phone number, +86 / 0086 removed: what phone search compares. */
export function phoneDigits(phone: string | null | undefined): string | null {
  if (!phone) return null;
  let digits = toHalfWidth(phone).replace(/\D/g, '');
  if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.length === 13 && digits.startsWith('861')) digits = digits.slice(2);
  return digits || null;
}

/** The visible lead or 404 (other company, or outside the caller's scope). */
export async function loadLead(db: Db | Tx, ctx: RequestContext, id: number) {
  const lead = await repo.leadById(db, ctx, id);
  if (!lead) throw notFound();
  return lead;
}

const editableFields = (b: Omit<LeadCreateBody, 'assigneeId'> | LeadUpdateBody) => ({
  contactName: b.contactName,
  companyName: b.companyName,
  phone: b.phone,
  phoneNorm: phoneDigits(b.phone),
  email: b.email,
  channel: b.channel,
  province: b.province,
  city: b.city,
  need: b.need,
  referredByCustomerId: b.referredByCustomerId,
  searchKey: searchKey(b.contactName, b.companyName),
});

async function assertReferrer(tx: Tx, ctx: RequestContext, customerId: number | null) {
  if (customerId == null) return;
  if (!(await repo.customerExists(tx, ctx.companyId, customerId))) {
    throw leadError('LEAD_REFERRER_INVALID', {}, [{ path: 'referredByCustomerId', message: '推荐客户不存在' }]);
  }
}

/** The assignee must be an active member of the company, inside the assigner's scope, who may work leads. */
async function assertAssignee(tx: Tx, ctx: RequestContext, userId: number) {
  const [member] = await repo.assignableMembers(tx, ctx, userId);
  if (member) return member;
  const m = await repo.membershipOf(tx, ctx.companyId, userId);
  const reason = !m ? '该用户不是本账套的成员' : m.active !== 1 || m.userActive !== 1 ? '该用户已停用' : '该用户不在您的管理范围内或无线索权限';
  throw leadError('LEAD_ASSIGNEE_INVALID', { reason }, [{ path: 'assigneeId', message: reason }]);
}

async function notifyAssignee(tx: Tx, ctx: RequestContext, lead: { id: number; number: string; contactName: string; companyName: string | null }, assigneeId: number) {
  if (assigneeId === ctx.userId) return;
  await notify(tx, {
    companyId: ctx.companyId,
    userId: assigneeId,
    kind: 'lead.assigned',
    title: `新线索 ${lead.number} 已分配给您`,
    body: `${ctx.userName} 将线索「${lead.contactName}${lead.companyName ? '（' + lead.companyName + '）' : ''}」分配给您，请及时联系。`,
    entity: 'lead',
    entityId: lead.id,
  });
}

export async function listLeads(db: Db, ctx: RequestContext, q: LeadListQuery) {
  requirePermission(ctx, 'lead.read');
  const { items, total } = await repo.listLeads(db, ctx, q);
  return { items, total, page: q.page, pageSize: q.pageSize };
}

export async function getLead(db: Db, ctx: RequestContext, id: number) {
  requirePermission(ctx, 'lead.read');
  const lead = await loadLead(db, ctx, id);
  return { ...lead, opportunities: await repo.opportunitiesOfLead(db, ctx.companyId, id) };
}

/**
 * Enters a lead. Leads are submitted on entry: the number is taken in the same transaction as the
 * insert, so a creation that fails (bad referrer, invalid assignee) gives its number back.
 */
export async function createLead(db: Db, ctx: RequestContext, body: LeadCreateBody) {
  requirePermission(ctx, 'lead.create');
  if (body.assigneeId != null && !can(ctx, 'lead.assign')) throw forbidden();
  const id = await db.transaction().execute(async (tx) => {
    const number = await nextNumber(tx, ctx.companyId, 'lead', businessDate());
    const now = isoNow();
    const fields = editableFields(body);
    const row = await tx
      .insertInto('leads')
      .values({ companyId: ctx.companyId, number, ...fields, status: 'new', createdBy: ctx.userId, createdAt: now, updatedAt: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await assertReferrer(tx, ctx, body.referredByCustomerId);
    let status = 'new';
    if (body.assigneeId != null) {
      await assertAssignee(tx, ctx, body.assigneeId);
      status = nextStatus('new', 'assign');
      await tx.updateTable('leads').set({ status, assigneeId: body.assigneeId }).where('id', '=', row.id).execute();
      await notifyAssignee(tx, ctx, { id: row.id, number, contactName: body.contactName, companyName: body.companyName }, body.assigneeId);
    }
    const { searchKey: _k, phoneNorm: _p, ...after } = fields;
    await writeAudit(tx, actorOf(ctx), { action: 'lead.create', entity: 'lead', entityId: row.id, after: { number, ...after, status, assigneeId: body.assigneeId } });
    return row.id;
  });
  return getLead(db, ctx, id);
}

export async function updateLead(db: Db, ctx: RequestContext, id: number, body: LeadUpdateBody) {
  requirePermission(ctx, 'lead.update');
  await db.transaction().execute(async (tx) => {
    const lead = await loadLead(tx, ctx, id);
    nextStatus(lead.status, 'edit');
    if (lead.version !== body.version) throw staleVersion();
    await assertReferrer(tx, ctx, body.referredByCustomerId);
    const fields = editableFields(body);
    const res = await tx
      .updateTable('leads')
      .set({ ...fields, updatedAt: isoNow(), version: body.version + 1 })
      .where('id', '=', id)
      .where('companyId', '=', ctx.companyId)
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
    const { searchKey: _k, phoneNorm: _p, ...changed } = fields;
    await writeAudit(tx, actorOf(ctx), { action: 'lead.update', entity: 'lead', entityId: id, ...diff(lead as Record<string, unknown>, changed) });
  });
  return getLead(db, ctx, id);
}

export async function assignLead(db: Db, ctx: RequestContext, id: number, body: { assigneeId: number; version: number; note?: string | null }) {
  requirePermission(ctx, 'lead.assign');
  await db.transaction().execute(async (tx) => {
    const lead = await loadLead(tx, ctx, id);
    const status = nextStatus(lead.status, lead.status === 'contacted' ? 'reassign' : 'assign');
    if (lead.version !== body.version) throw staleVersion();
    const member = await assertAssignee(tx, ctx, body.assigneeId);
    const res = await tx
      .updateTable('leads')
      .set({ status, assigneeId: body.assigneeId, updatedAt: isoNow(), version: body.version + 1 })
      .where('id', '=', id)
      .where('companyId', '=', ctx.companyId)
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
    await notifyAssignee(tx, ctx, lead, body.assigneeId);
    await writeAudit(tx, actorOf(ctx), {
      action: 'lead.assign',
      entity: 'lead',
      entityId: id,
      before: { status: lead.status, assigneeId: lead.assigneeId, assigneeName: lead.assigneeName },
      after: { status, assigneeId: body.assigneeId, assigneeName: member.displayName },
      note: body.note ?? null,
    });
  });
  return getLead(db, ctx, id);
}

/** Records a call, visit, message, meeting or e-mail with the lead: the lead becomes 已联系. */
export async function addActivity(db: Db, ctx: RequestContext, id: number, body: { type: string; content: string }) {
  requirePermission(ctx, 'lead.update');
  return db.transaction().execute(async (tx) => {
    const lead = await loadLead(tx, ctx, id);
    const status = nextStatus(lead.status, 'contact');
    const at = isoNow();
    const row = await tx
      .insertInto('leadActivities')
      .values({ companyId: ctx.companyId, leadId: id, userId: ctx.userId, type: body.type, content: body.content, at })
      .returning('id')
      .executeTakeFirstOrThrow();
    // no version from the client (a contact is an addition, not an edit), but the lead must still be
    // open: a conversion or void committed since we read it wins, and this contact is refused
    const res = await tx
      .updateTable('leads')
      .set({ status, lastContactAt: at, updatedAt: at, version: sql`version + 1` })
      .where('id', '=', id)
      .where('companyId', '=', ctx.companyId)
      .where('status', 'in', ['new', 'assigned', 'contacted'])
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
    await writeAudit(tx, actorOf(ctx), {
      action: 'lead.contact',
      entity: 'lead',
      entityId: id,
      before: { status: lead.status, lastContactAt: lead.lastContactAt },
      after: { status, lastContactAt: at, activity: body },
    });
    return { id: row.id, type: body.type, content: body.content, at, userId: ctx.userId, userName: ctx.userName };
  });
}

export async function listActivities(db: Db, ctx: RequestContext, id: number) {
  requirePermission(ctx, 'lead.read');
  await loadLead(db, ctx, id);
  return repo.activitiesOf(db, ctx.companyId, id);
}

/** 关闭为无效: the lead stays, marked 作废 with who, when and why. */
export async function voidLead(db: Db, ctx: RequestContext, id: number, body: { reason: string; version: number }) {
  requirePermission(ctx, 'lead.void');
  await db.transaction().execute(async (tx) => {
    const lead = await loadLead(tx, ctx, id);
    assertVoidable(lead.status);
    const fields = voidFields(actorOf(ctx), body.reason);
    if (lead.version !== body.version) throw staleVersion();
    const res = await tx
      .updateTable('leads')
      .set({ ...fields, updatedAt: fields.voidedAt, version: body.version + 1 })
      .where('id', '=', id)
      .where('companyId', '=', ctx.companyId)
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
    await writeAudit(tx, actorOf(ctx), { action: 'lead.void', entity: 'lead', entityId: id, before: { status: lead.status }, after: fields, note: fields.voidReason });
  });
  return getLead(db, ctx, id);
}

export async function leadHistory(db: Db, ctx: RequestContext, id: number) {
  requirePermission(ctx, 'lead.read');
  await loadLead(db, ctx, id);
  return historyOf(db, ctx.companyId, 'lead', id);
}

/** Who the caller may hand leads to (also the assignee filter of the list). */
export async function assignees(db: Db, ctx: RequestContext) {
  requirePermission(ctx, 'lead.read');
  return repo.assignableMembers(db, ctx);
}


/**
 * Referrals 转介绍 of one customer: the customers and the (not voided) leads that name it as their
 * referrer. A converted lead carried its referrer to its customer, so `total` counts it once.
 * The customer must be visible to the caller (404 otherwise).
 */
export async function referralCount(db: Db, ctx: RequestContext, customerId: number) {
  requirePermission(ctx, 'customer.read');
  await getCustomer(db, ctx, customerId);
  const c = await repo.referralCounts(db, ctx.companyId, customerId);
  return { customerId, customers: c.customers, leads: c.leads, total: c.customers + c.openLeads };
}
