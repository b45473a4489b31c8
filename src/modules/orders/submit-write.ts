import { sql } from 'kysely';
import type { Tx } from '../../db/database.ts';
import { prepared, type Params } from '../../db/prepared.ts';
import { COMMITS } from '../../db/pg-exchange.ts';
import { isPostgres } from '../../db/schema-helpers.ts';
import { auditRow, writeAuditMany, type AuditEntry, type AuditRow } from '../../platform/audit/audit.ts';
import { staleVersion } from '../../platform/errors/app-error.ts';
import { nextNumber, numberingCtes } from '../../platform/numbering/numbering.ts';
import { actorOf, type RequestContext } from '../../platform/permissions/context.ts';
import { isoNow } from '../../platform/time.ts';
import type { OrderStatus } from './labels.ts';
import { saveOrder } from './shared.ts';

/** The header fields a submit sets besides the number and the version. */
export type SubmitFields = {
  status: OrderStatus;
  submittedAt: string;
  pendingReviews: string | null;
  confirmedAt: string | null;
  creditOverrideBy?: number;
  creditOverrideReason?: string;
};

/**
 * A submit's writes: the order's number when it has none (gap-free, src/platform/numbering), its header
 * fields on its version (saveOrder's rule: 409 when someone changed it meanwhile) and its audit rows —
 * the entry's when the order is entered and submitted at once, then the submit's, whose `after` starts
 * with the number. Returns the number and the new version.
 *
 * A new number's counter row stays locked from its bump to the COMMIT. On PostgreSQL the bump, the
 * header and the audit rows are therefore one statement: as three, each waited its turn on a busy event
 * loop with the row held, and every other submit of the company queued behind it (BENCHMARKS.md,
 * session 17). With `last` (nothing follows in the caller's transaction) its COMMIT goes behind it in the
 * same exchange (src/db/pg-exchange.ts): the row is held only while PostgreSQL works (session 18).
 * SQLite has one writer and nothing queues on the row: there they are the three statements.
 */
export async function writeSubmit(
  tx: Tx,
  ctx: RequestContext,
  order: { id: number; number: string | null; version: number; status: string; businessDate: string },
  fields: SubmitFields,
  audit: { entry?: AuditEntry; after: Record<string, unknown> },
  opts: { last?: boolean } = {},
): Promise<{ number: string; version: number }> {
  const before = { status: order.status };
  if (order.number == null && isPostgres(tx)) {
    const actor = actorOf(ctx);
    const now = isoNow();
    // the submit's row as writeAuditMany would write it, its `after` without the number: the statement puts it first
    const submit = auditRow(actor, { action: 'order.submit', entity: 'sales_order', entityId: order.id, before, after: audit.after }, now);
    const row = (
      await numberAndSave(tx, {
        last: opts.last ?? false,
        companyId: ctx.companyId, date: order.businessDate, id: order.id, version: order.version, now,
        status: fields.status, submittedAt: fields.submittedAt, pendingReviews: fields.pendingReviews, confirmedAt: fields.confirmedAt,
        overrideBy: fields.creditOverrideBy ?? null, overrideReason: fields.creditOverrideReason ?? null,
        submit: { ...submit, after: afterTail(submit.after!) },
        entries: audit.entry ? [auditRow(actor, audit.entry, now)] : [],
      }).catch((e: { code?: string }) => {
        throw e.code === DIVISION_BY_ZERO ? staleVersion() : e;
      })
    ).rows[0]!;
    return { number: row.number, version: order.version + 1 };
  }
  const number = order.number ?? (await nextNumber(tx, ctx.companyId, 'sales_order', order.businessDate));
  const version = await saveOrder(tx, order, { number, ...fields });
  const submitted: AuditEntry = { action: 'order.submit', entity: 'sales_order', entityId: order.id, before, after: { number, ...audit.after } };
  await writeAuditMany(tx, actorOf(ctx), audit.entry ? [audit.entry, submitted] : [submitted]);
  return { number, version };
}

/** '{"status":…}' → ',"status":…}' (or '}'): what follows '{"number":"…"' in the same JSON text JSON.stringify writes. */
const afterTail = (json: string) => (json === '{}' ? '}' : `,${json.slice(1)}`);

type SubmitArgs = {
  last: boolean;
  companyId: number; date: string; id: number; version: number; now: string;
  status: string; submittedAt: string; pendingReviews: string | null; confirmedAt: string | null;
  overrideBy: number | null; overrideReason: string | null;
  submit: AuditRow;
  entries: AuditRow[];
};

/** What PostgreSQL answers numberAndSave on a stale version. */
const DIVISION_BY_ZERO = '22012';

/**
 * PostgreSQL: numbering's CTEs, then the header and the audit rows from them. A stale version fails the
 * statement (1 / 0 saved headers), for its COMMIT may be behind it (`last`): it must not commit the rest.
 */
const numberAndSave = prepared((db, p: Params<SubmitArgs>, args) => {
  const row = (r: Params<AuditRow>, after: unknown) =>
    sql`cast(${r.companyId} as bigint), cast(${r.userId} as bigint), cast(${r.action} as text), cast(${r.entity} as text), cast(${r.entityId} as bigint),
      cast(${r.before} as text), ${after}, cast(${r.note} as text), cast(${r.requestId} as text), cast(${r.at} as text)`;
  // every audit row is read through `saved`: a header not on its version gets none, not only by the rollback
  const entries = p.entries.map((e) => sql`select ${row(e, sql`cast(${e.after} as text)`)} from saved union all `);
  return {
    compile: () =>
      sql<{ number: string; saved: number | string }>`${sql.raw(args.last ? COMMITS : '')}with ${numberingCtes('sales_order', { companyId: p.companyId, date: p.date })},
        saved as (
          update sales_orders set number = numbering.number, status = cast(${p.status} as text), submitted_at = cast(${p.submittedAt} as text),
            pending_reviews = cast(${p.pendingReviews} as text), confirmed_at = cast(${p.confirmedAt} as text),
            credit_override_by = coalesce(cast(${p.overrideBy} as bigint), credit_override_by),
            credit_override_reason = coalesce(cast(${p.overrideReason} as text), credit_override_reason),
            updated_at = cast(${p.now} as text), version = version + 1
          from numbering where id = cast(${p.id} as bigint) and version = cast(${p.version} as integer)
          returning sales_orders.id),
        audited as (
          insert into audit_log (company_id, user_id, action, entity, entity_id, before, after, note, request_id, at)
          ${entries.length ? sql.join(entries, sql``) : sql``}select ${row(p.submit, sql`'{"number":' || cast(to_json(numbering.number) as text) || cast(${p.submit.after} as text)`)} from numbering, saved)
        select numbering.number, 1 / (select count(*) from saved) as saved from numbering`.compile(db),
  };
}, (args) => (args.last ? 'last' : ''));
