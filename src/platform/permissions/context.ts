import type { Locale } from '../i18n/locale.ts';
import type { Actor } from '../audit/audit.ts';
import { forbidden } from '../errors/app-error.ts';
import type { DataScope, Permission } from './catalog.ts';

/** Who is asking, in which company, with what rights. Built once per request by the auth plugin. */
export type RequestContext = {
  userId: number;
  userName: string;
  companyId: number;
  roleId: number;
  roleCode: string;
  permissions: ReadonlySet<string>;
  dataScope: DataScope;
  departmentId: number | null;
  departmentPath: string | null;
  locale: Locale;
  requestId: string;
  /** The company's settings as the session read them at the start of the request (admin settingsFor); absent outside a request. */
  companySettings?: { text: string; version: number };
};

export const actorOf = (ctx: RequestContext): Actor => ({ userId: ctx.userId, companyId: ctx.companyId, requestId: ctx.requestId });

export function can(ctx: RequestContext, permission: Permission): boolean {
  return ctx.permissions.has(permission);
}

/** Services start with this: the access check before anything else. */
export function requirePermission(ctx: RequestContext, permission: Permission): void {
  if (!ctx.permissions.has(permission)) throw forbidden();
}
