import type { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { notFound } from '../../platform/errors/app-error.ts';
import { actorOf, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { businessDate, isoNow } from '../../platform/time.ts';
import { customerError } from './errors.ts';
import * as repo from './repo.ts';
import type { followupBody } from './schema.ts';
import { notifyWorkers } from './shared.ts';

const typeLabel: Record<string, string> = { call: '电话', visit: '拜访', message: '消息', meeting: '会议' };

/**
 * Logs a follow-up (call, visit, message, meeting) on a customer in scope: sets the customer's
 * last follow-up time, writes the audit entry and tells the others who work the customer.
 */
export async function addFollowup(db: Db, ctx: RequestContext, customerId: number, body: z.infer<typeof followupBody>) {
  requirePermission(ctx, 'customer.followup');
  const id = await db.transaction().execute(async (tx) => {
    const c = await repo.customerInScope(tx, ctx, customerId);
    if (!c) throw notFound();
    let contactName: string | null = null;
    if (body.contactId) {
      const contact = await tx.selectFrom('customerContacts').select(['id', 'name']).where('id', '=', body.contactId).where('customerId', '=', customerId).executeTakeFirst();
      if (!contact) throw customerError('CONTACT_NOT_FOUND', {}, [{ path: 'contactId', message: '联系人不属于该客户' }]);
      contactName = contact.name;
    }
    const at = isoNow();
    const row = await tx
      .insertInto('customerFollowups')
      .values({ companyId: ctx.companyId, customerId, userId: ctx.userId, type: body.type, content: body.content, contactId: body.contactId, nextDate: body.nextDate, at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.updateTable('customers').set({ lastFollowupAt: at }).where('id', '=', customerId).where('companyId', '=', ctx.companyId).execute();
    await writeAudit(tx, actorOf(ctx), { action: 'customer.followup', entity: 'customer', entityId: customerId, after: { followupId: row.id, ...body, contactName } });
    const excerpt = body.content.length > 80 ? body.content.slice(0, 80) + '…' : body.content;
    await notifyWorkers(tx, ctx, { id: customerId, name: c.name, ownerId: c.ownerId }, `${ctx.userName} 跟进了客户「${c.name}」（${typeLabel[body.type]}）`, excerpt);
    return row.id;
  });
  const page = await repo.followupsOf(db, ctx.companyId, customerId, 1, 50);
  return page.items.find((f) => f.id === id)!;
}

export async function listFollowups(db: Db, ctx: RequestContext, customerId: number, page: number, pageSize: number) {
  requirePermission(ctx, 'customer.read');
  if (!(await repo.customerInScope(db, ctx, customerId))) throw notFound();
  return { ...(await repo.followupsOf(db, ctx.companyId, customerId, page, pageSize)), page, pageSize };
}

/** My follow-ups whose planned next date is today or past (the latest per customer). */
export async function dueFollowupsForMe(db: Db, ctx: RequestContext) {
  requirePermission(ctx, 'customer.read');
  return { items: await repo.dueFollowups(db, ctx, businessDate()) };
}
