import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import { platformError } from '../../platform/errors/app-error.ts';
import { pickLocale } from '../../platform/i18n/locale.ts';
import type { DataScope } from '../../platform/permissions/catalog.ts';
import type { RequestContext } from '../../platform/permissions/context.ts';
import type { SessionRow } from '../auth/repo.ts';
import { loadSession, SESSION_COOKIE } from '../auth/service.ts';
import type { RouteAccess } from '../route-registry.ts';

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionRow | null;
    ctx: RequestContext;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

// a role's permissions as a set, parsed once per distinct list (there are few roles; the cap only guards memory)
const permissionSets = new Map<string, ReadonlySet<string>>();
function permissionSet(json: string | null): ReadonlySet<string> {
  const key = json ?? '[]';
  let set = permissionSets.get(key);
  if (!set) {
    if (permissionSets.size >= 500) permissionSets.clear();
    permissionSets.set(key, (set = new Set(JSON.parse(key) as string[])));
  }
  return set;
}

function contextOf(req: FastifyRequest, s: SessionRow): RequestContext {
  return {
    userId: s.userId,
    userName: s.displayName,
    companyId: s.companyId!,
    roleId: s.roleId!,
    roleCode: s.roleCode!,
    permissions: permissionSet(s.permissions),
    dataScope: s.dataScope as DataScope,
    departmentId: s.departmentId,
    departmentPath: s.departmentPath,
    locale: pickLocale(req.cookies.sd_locale ?? s.locale, req.headers['accept-language']),
    requestId: req.id,
    companySettings: s.companySettings != null ? { text: s.companySettings, version: s.companyVersion! } : undefined,
  };
}

/**
 * Authentication, CSRF and the access check of every /api route, before its input is even parsed:
 * 401 without a session, 403 without the route's permission. Services then apply the data scope.
 */
export function registerContext(app: FastifyInstance, db: Db): void {
  app.decorateRequest('session', null);
  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.addHook('onRequest', async (req) => {
    const access = (req.routeOptions.config as { access?: RouteAccess }).access;
    if (!access) return; // static files and the docs
    const token = req.cookies[SESSION_COOKIE];
    req.session = token ? ((await loadSession(db, token)) ?? null) : null;
    if (access === 'public') return;
    const s = req.session;
    if (!s || s.userActive !== 1) throw platformError('UNAUTHENTICATED');
    if (!SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== s.csrfToken) throw platformError('CSRF_INVALID');
    if (access === 'session') return;
    if (s.mustChangePassword === 1) throw platformError('PASSWORD_CHANGE_REQUIRED');
    if (s.membershipId == null || s.companyActive !== 1) throw platformError('NO_COMPANY');
    req.ctx = contextOf(req, s);
    if (access !== 'authenticated' && !req.ctx.permissions.has(access)) throw platformError('FORBIDDEN');
  });
}
