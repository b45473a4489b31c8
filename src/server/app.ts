import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyInstance, type FastifyReply } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db, Dialect } from '../db/database.ts';
import { registerErrorHandler } from './plugins/errors.ts';
import { platformError } from '../platform/errors/app-error.ts';
import { pickLocale } from '../platform/i18n/locale.ts';
import { registerContext } from './plugins/context.ts';
import { registerSecurityHeaders } from './plugins/security-headers.ts';
import { trackRoutes, type RegisteredRoute } from './route-registry.ts';
import { authRoutes } from './auth/routes.ts';
import { moduleRoutes } from './modules.ts';

export type AppOptions = {
  db: Db;
  dialect: Dialect;
  logLevel?: string;
  /** built web UI to serve at / (skipped when missing) */
  webDir?: string;
  loginRateLimit?: number;
  secureCookies?: boolean;
};

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export async function buildApp(opts: AppOptions): Promise<{ app: FastifyInstance; routes: RegisteredRoute[] }> {
  const app = Fastify({
    logger: opts.logLevel === 'silent' ? false : { level: opts.logLevel ?? 'info' },
    genReqId: () => randomUUID().slice(0, 8),
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: false,
    logController: new LogController({ disableRequestLogging: true }), // one line per request instead, below
    // router errors (a malformed URL, an over-long id) leave in the one error shape too
    frameworkErrors: (error, req, reply) => {
      const e = platformError('BAD_REQUEST', { reason: error.message.slice(0, 100) });
      void (reply as unknown as FastifyReply).status(error.statusCode ?? 400).send({ error: { code: e.code, message: e.localized(pickLocale(undefined, req.headers['accept-language'])), fields: [], requestId: req.id } });
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const routes: RegisteredRoute[] = [];
  trackRoutes(app, routes);
  registerErrorHandler(app);

  await app.register(cookie);
  registerSecurityHeaders(app);
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
  await app.register(swagger, {
    openapi: { info: { title: 'SalesDesk 销售管理系统 API', version: '0.1.0' } },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  registerContext(app, opts.db);
  app.addHook('onResponse', async (req, reply) => {
    req.log.info(
      { method: req.method, url: req.url, status: reply.statusCode, userId: req.ctx?.userId, companyId: req.ctx?.companyId, ms: Math.round(reply.elapsedTime * 10) / 10 },
      'request',
    );
  });

  await app.register(authRoutes(opts.db, { secureCookies: opts.secureCookies ?? false, loginRateLimit: opts.loginRateLimit ?? 30 }));
  for (const plugin of moduleRoutes({ db: opts.db, dialect: opts.dialect })) await app.register(plugin);

  if (opts.webDir && fs.existsSync(path.join(opts.webDir, 'index.html'))) {
    // wildcard: files are looked up per request, so a rebuilt UI is served without a restart
    await app.register(fastifyStatic, { root: opts.webDir });
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/api/')) return reply.sendFile('index.html');
      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: '接口不存在', fields: [], requestId: req.id } });
    });
  }
  await app.ready();
  return { app, routes };
}
