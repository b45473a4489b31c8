import type { FastifyInstance, RouteOptions } from 'fastify';
import type { ZodType } from 'zod';
import type { Permission } from '../platform/permissions/catalog.ts';

/** What a route needs: 'public' (no login), 'authenticated' (any logged-in member), or one permission. */
export type RouteAccess = 'public' | 'authenticated' | 'session' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export type RegisteredRoute = {
  method: string;
  url: string;
  access: RouteAccess;
  schema: { body?: ZodType; querystring?: ZodType; params?: ZodType };
};

/**
 * Every /api route must say who may call it (config.access); the app refuses to start otherwise.
 * The registry is what the whole-API tests (access matrix, bad input) walk.
 */
export function trackRoutes(app: FastifyInstance, registry: RegisteredRoute[]): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const access = (route.config as { access?: RouteAccess } | undefined)?.access;
    if (!access) throw new Error(`route ${route.method} ${route.url} has no config.access`);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      registry.push({ method, url: route.url, access, schema: (route.schema ?? {}) as RegisteredRoute['schema'] });
    }
  });
}
