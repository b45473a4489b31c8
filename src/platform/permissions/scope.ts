import { sql, type Expression, type SqlBool } from 'kysely';
import type { RequestContext } from './context.ts';

/**
 * The data-scope condition for a row owned by a user (owner column given as "table.column"):
 * own → the owner is me; dept → the owner is a member of my department or one below it;
 * company → every row of the company. The company filter itself is applied by the repo
 * (`where companyId = ctx.companyId`), always, before this.
 */
export function ownerInScope(ctx: RequestContext, ownerColumn: string): Expression<SqlBool> {
  const owner = sql.ref(ownerColumn);
  switch (ctx.dataScope) {
    case 'company':
      return sql<SqlBool>`1 = 1`;
    case 'own':
      return sql<SqlBool>`${owner} = ${ctx.userId}`;
    case 'dept':
      if (!ctx.departmentPath) return sql<SqlBool>`${owner} = ${ctx.userId}`;
      return sql<SqlBool>`(${owner} = ${ctx.userId} or ${owner} in (
        select m.user_id from memberships m join departments d on d.id = m.department_id
        where m.company_id = ${ctx.companyId} and d.path like ${ctx.departmentPath + '%'}))`;
  }
}

/** The user ids whose records this context may see (null = all of the company). For pickers and reports. */
export function scopeUserFilterSql(ctx: RequestContext): Expression<SqlBool> {
  return ownerInScope(ctx, 'memberships.user_id');
}
