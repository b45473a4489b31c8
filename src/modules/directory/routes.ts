import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../server/modules.ts';
import * as s from './service.ts';
import { departmentNode, directoryUserOut, directoryUserQuery } from './schema.ts';

export function directoryRoutes({ db }: ModuleDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/directory/users', { schema: { querystring: directoryUserQuery, response: { 200: z.array(directoryUserOut) } }, config: { access: 'authenticated' } }, (req) => s.findColleagues(db, req.ctx, req.query));
    app.get('/api/directory/departments', { schema: { response: { 200: z.array(departmentNode) } }, config: { access: 'authenticated' } }, (req) => s.departmentTree(db, req.ctx));
  };
}
