import type { Db } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { actorOf, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { isoNow } from '../../platform/time.ts';
import { slipError } from './errors.ts';
import type { Paper } from './schema.ts';
import { loadSlip } from './service.ts';

/**
 * Records one print of the four-copy form. The first print is the original; every later one is a
 * reprint (补打), shown on the paper as 副本 with its count. A void slip still prints (with 作废).
 */
export async function recordPrint(db: Db, ctx: RequestContext, id: number, body: { paper: Paper }) {
  requirePermission(ctx, 'slip.print');
  return db.transaction().execute(async (tx) => {
    const slip = await loadSlip(tx, ctx, id);
    if (slip.status === 'draft' || slip.status === 'discarded' || !slip.number) throw slipError('SLIP_PRINT_DRAFT');
    const now = isoNow();
    // the count is taken by the update itself: two prints at once get 1 and 2, never 1 and 1
    const row = await tx
      .updateTable('salesSlips')
      .set((eb) => ({ printCount: eb('printCount', '+', 1) }))
      .where('id', '=', id)
      .where('companyId', '=', ctx.companyId)
      .returning('printCount')
      .executeTakeFirstOrThrow();
    const printNo = row.printCount;
    await tx.insertInto('salesSlipPrints').values({ companyId: ctx.companyId, slipId: id, printNo, paper: body.paper, printedBy: ctx.userId, printedAt: now }).execute();
    await writeAudit(tx, actorOf(ctx), { action: printNo > 1 ? 'slip.reprint' : 'slip.print', entity: 'sales_slip', entityId: id, after: { printNo, paper: body.paper } });
    return { printNo, printCount: printNo, reprint: printNo > 1, paper: body.paper };
  });
}
