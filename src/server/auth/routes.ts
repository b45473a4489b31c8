import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { platformError } from '../../platform/errors/app-error.ts';
import { changePasswordBody, localeBody, loginBody, meResponse, switchCompanyBody } from './schema.ts';
import * as auth from './service.ts';
import type { SessionRow } from './repo.ts';

const ok = z.object({ ok: z.literal(true) });

export function authRoutes(db: Db, opts: { secureCookies: boolean; loginRateLimit: number }): FastifyPluginAsyncZod {
  return async (app) => {
    const cookie = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: opts.secureCookies };
    const session = (s: SessionRow | null): SessionRow => {
      if (!s) throw platformError('UNAUTHENTICATED');
      return s;
    };

    app.post('/api/auth/login', {
      schema: { body: loginBody, response: { 200: ok } },
      config: { access: 'public', rateLimit: { max: opts.loginRateLimit, timeWindow: '1 minute' } },
    }, async (req, reply) => {
      const { token } = await auth.login(db, req.body, req.id);
      reply.setCookie(auth.SESSION_COOKIE, token, { ...cookie, maxAge: auth.SESSION_HOURS * 3600 });
      return { ok: true as const };
    });

    app.post('/api/auth/logout', { schema: { response: { 200: ok } }, config: { access: 'session' } }, async (req, reply) => {
      await auth.logout(db, session(req.session).sessionId);
      reply.clearCookie(auth.SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    });

    app.get('/api/auth/me', { schema: { response: { 200: meResponse } }, config: { access: 'session' } }, async (req) => auth.me(db, session(req.session)));

    app.post('/api/auth/password', { schema: { body: changePasswordBody, response: { 200: ok } }, config: { access: 'session' } }, async (req) => {
      await auth.changePassword(db, session(req.session), req.body, req.id);
      return { ok: true as const };
    });

    app.post('/api/auth/company', { schema: { body: switchCompanyBody, response: { 200: ok } }, config: { access: 'session' } }, async (req) => {
      await auth.switchCompany(db, session(req.session), req.body.companyId);
      return { ok: true as const };
    });

    app.post('/api/auth/locale', { schema: { body: localeBody, response: { 200: ok } }, config: { access: 'session' } }, async (req, reply) => {
      await auth.setLocale(db, session(req.session).userId, req.body.locale);
      reply.setCookie('sd_locale', req.body.locale, { path: '/', sameSite: 'lax' });
      return { ok: true as const };
    });
  };
}
