import type { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { platformError } from '../../platform/errors/app-error.ts';
import { defaultNumberRules, isValidPattern, MAX_SEQ_WIDTH, renderNumber, ruleFor } from '../../platform/numbering/numbering.ts';
import { actorOf, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { businessDate, isoNow } from '../../platform/time.ts';
import type { numberRuleBody } from './schema.ts';

export async function listNumberRules(db: Db, ctx: RequestContext) {
  requirePermission(ctx, 'admin.settings');
  const custom = new Set((await db.selectFrom('numberRules').select('docType').where('companyId', '=', ctx.companyId).execute()).map((r) => r.docType));
  const today = businessDate();
  return Promise.all(
    Object.keys(defaultNumberRules).map(async (docType) => {
      const rule = await ruleFor(db, ctx.companyId, docType);
      return { docType, pattern: rule.pattern, reset: rule.reset, example: renderNumber(rule.pattern, today, 1), custom: custom.has(docType) };
    }),
  );
}

export async function updateNumberRule(db: Db, ctx: RequestContext, docType: string, body: z.infer<typeof numberRuleBody>) {
  requirePermission(ctx, 'admin.settings');
  if (!defaultNumberRules[docType]) throw platformError('NOT_FOUND');
  if (!isValidPattern(body.pattern)) {
    throw platformError('VALIDATION_FAILED', {}, [{ path: 'pattern', message: `格式须包含一个（且只能一个）{SEQ:n}，n 不超过 ${MAX_SEQ_WIDTH}，其余只能用 {YYYY} {YY} {MM} {DD}` }]);
  }
  await db.transaction().execute(async (tx) => {
    const before = await ruleFor(tx, ctx.companyId, docType);
    await tx
      .insertInto('numberRules')
      .values({ companyId: ctx.companyId, docType, pattern: body.pattern, reset: body.reset, createdAt: isoNow() })
      .onConflict((oc) => oc.columns(['companyId', 'docType']).doUpdateSet({ pattern: body.pattern, reset: body.reset }))
      .execute();
    await writeAudit(tx, actorOf(ctx), { action: 'numbering.update', entity: 'number_rule', entityId: null, before, after: { docType, ...body } });
  });
}
