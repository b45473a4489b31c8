import type { Db, Executor, Tx } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError, notFound, staleVersion } from '../../platform/errors/app-error.ts';
import { actorOf, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { isoNow } from '../../platform/time.ts';
import { findDuplicates, getCustomer, insertCustomer, nameKey, phoneNorm, taxIdNorm } from '../customers/service.ts';
import { leadError } from './errors.ts';
import { nextStatus } from './machine.ts';
import * as repo from './repo.ts';
import type { ConvertBody, DuplicateOut } from './schema.ts';

// Converting a lead: it becomes a customer (through the customers module, which numbers the file and
// refuses duplicates), or — when that customer is already on file — it is linked to it. An optional
// opportunity placeholder opens in the same transaction. The lead records the customer and is final.

type Lead = repo.LeadRow;
type CustomerDraft = NonNullable<ConvertBody['customer']>;

/** The customer the lead becomes: the dialog's fields, and the lead's own where the dialog left one empty. */
function draftOf(lead: Lead, c: ConvertBody['customer']): CustomerDraft {
  return {
    name: c?.name ?? lead.companyName ?? lead.contactName,
    classification: c?.classification ?? 'potential',
    contactName: c?.contactName ?? lead.contactName,
    phone: c?.phone ?? lead.phone,
    email: c?.email ?? lead.email,
    industry: c?.industry ?? null,
    province: c?.province ?? lead.province,
    city: c?.city ?? lead.city,
    address: c?.address ?? null,
    taxId: c?.taxId ?? null,
  };
}

const matchLabels: Record<string, string> = { name: '名称', phone: '电话', taxId: '税号' };

async function isVisible(db: Executor, ctx: RequestContext, customerId: number): Promise<boolean> {
  try {
    await getCustomer(db, ctx, customerId);
    return true;
  } catch (e) {
    if (e instanceof AppError && (e.status === 404 || e.status === 403)) return false;
    throw e;
  }
}

/** Customers already on file that the draft would duplicate, one entry per customer, with whether the caller may see it. */
async function duplicatesOf(db: Executor, ctx: RequestContext, draft: CustomerDraft): Promise<DuplicateOut[]> {
  const dups = await findDuplicates(db, ctx.companyId, { nameKey: nameKey(draft.name), phones: [phoneNorm(draft.phone)], taxId: taxIdNorm(draft.taxId) });
  const byCustomer = new Map<number, DuplicateOut>();
  for (const d of dups) {
    const entry = byCustomer.get(d.customerId) ?? { customerId: d.customerId, name: d.name, ownerId: d.ownerId, ownerName: d.ownerName, matchedBy: [], visible: false };
    if (!entry.matchedBy.includes(d.field)) entry.matchedBy.push(d.field);
    byCustomer.set(d.customerId, entry);
  }
  const out = [...byCustomer.values()];
  for (const d of out) d.visible = await isVisible(db, ctx, d.customerId);
  return out;
}

function duplicateError(dups: DuplicateOut[]) {
  const d = dups[0]!;
  const owner = d.ownerName ?? '公海（暂无负责人）';
  return leadError(
    'LEAD_DUPLICATE_CUSTOMER',
    { name: d.name, owner },
    dups.flatMap((x) =>
      x.matchedBy.map((m) => ({ path: `customer.${m}`, message: `与已有客户「${x.name}」的${matchLabels[m] ?? m}相同（负责人：${x.ownerName ?? '公海'}）` })),
    ),
  );
}

const isUniqueViolation = (e: unknown) => {
  const err = e as { code?: string; message?: string } | null;
  return !!err && (err.code === '23505' || err.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(err.message ?? ''));
};

/** POST /api/leads/:id/duplicates: who is already on file for this lead (or for the dialog's edited draft). */
export async function duplicatesForLead(db: Db, ctx: RequestContext, id: number, customer?: CustomerDraft) {
  requirePermission(ctx, 'lead.convert');
  const lead = await repo.leadById(db, ctx, id);
  if (!lead) throw notFound();
  return duplicatesOf(db, ctx, draftOf(lead, customer));
}

export async function convertLead(db: Db, ctx: RequestContext, id: number, body: ConvertBody) {
  requirePermission(ctx, 'lead.convert');
  let draft: CustomerDraft | null = null;
  try {
    return await db.transaction().execute(async (tx) => {
      const lead = await repo.leadById(tx, ctx, id);
      if (!lead) throw notFound();
      const status = nextStatus(lead.status, 'convert');
      if (lead.version !== body.version) throw staleVersion();
      // the customer belongs to whoever works the lead
      const ownerId = lead.assigneeId ?? ctx.userId;
      let customerId: number;
      if (body.mode === 'link') {
        customerId = body.customerId!;
        if (!(await isVisible(tx, ctx, customerId))) throw leadError('LEAD_LINK_NOT_VISIBLE', {}, [{ path: 'customerId', message: '要关联的客户不存在或无权查看' }]);
      } else {
        draft = draftOf(lead, body.customer);
        const dups = await duplicatesOf(tx, ctx, draft);
        if (dups.length) throw duplicateError(dups);
        const created = await insertCustomer(
          tx,
          ctx,
          {
            name: draft.name,
            classification: draft.classification,
            source: lead.channel as 'web',
            industry: draft.industry,
            province: draft.province,
            city: draft.city,
            address: draft.address,
            taxId: draft.taxId,
            referredByCustomerId: lead.referredByCustomerId,
            notes: lead.need,
            contacts: draft.contactName ? [{ name: draft.contactName, phone: draft.phone, email: draft.email, isPrimary: true }] : [],
          },
          { ownerId, auditAction: 'customer.create', auditNote: `由线索 ${lead.number} 转化` },
        );
        customerId = created.id;
      }
      const opportunityId = body.opportunity ? await openOpportunity(tx, ctx, lead, customerId, ownerId, body.opportunity) : null;
      const now = isoNow();
      const res = await tx
        .updateTable('leads')
        .set({ status, convertedCustomerId: customerId, convertedAt: now, updatedAt: now, version: body.version + 1 })
        .where('id', '=', id)
        .where('companyId', '=', ctx.companyId)
        .where('version', '=', body.version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
      await writeAudit(tx, actorOf(ctx), {
        action: 'lead.convert',
        entity: 'lead',
        entityId: id,
        before: { status: lead.status },
        after: { status, mode: body.mode, convertedCustomerId: customerId, opportunityId },
      });
      return { customerId, opportunityId };
    });
  } catch (e) {
    // two conversions racing for the same new customer: the loser gets the same 409 as a sequential duplicate
    if (isUniqueViolation(e) && draft) {
      const dups = await duplicatesOf(db, ctx, draft);
      if (dups.length) throw duplicateError(dups);
    }
    throw e;
  }
}

async function openOpportunity(tx: Tx, ctx: RequestContext, lead: Lead, customerId: number, ownerId: number, o: NonNullable<ConvertBody['opportunity']>) {
  const row = await tx
    .insertInto('opportunities')
    .values({
      companyId: ctx.companyId,
      customerId,
      leadId: lead.id,
      name: o.name,
      expectedAmount: o.expectedAmount,
      expectedDate: o.expectedDate,
      rating: o.rating,
      stage: 'initial',
      ownerId,
      createdAt: isoNow(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeAudit(tx, actorOf(ctx), { action: 'opportunity.create', entity: 'opportunity', entityId: row.id, after: { ...o, customerId, leadId: lead.id, stage: 'initial', ownerId }, note: `由线索 ${lead.number} 转化` });
  return row.id;
}
