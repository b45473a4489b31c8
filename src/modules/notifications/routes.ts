import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../server/modules.ts';
import * as s from './service.ts';
import { notificationIdParams, notificationListQuery, notificationOut, notificationPage, readAllOut, unreadCountOut } from './schema.ts';

export function notificationRoutes({ db }: ModuleDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const access = { access: 'authenticated' as const };
    app.get('/api/notifications', { schema: { querystring: notificationListQuery, response: { 200: notificationPage } }, config: access }, (req) => s.listNotifications(db, req.ctx, req.query));
    app.get('/api/notifications/count', { schema: { response: { 200: unreadCountOut } }, config: access }, (req) => s.countUnread(db, req.ctx));
    app.post('/api/notifications/read-all', { schema: { response: { 200: readAllOut } }, config: access }, (req) => s.markAllRead(db, req.ctx));
    app.post('/api/notifications/:id/read', { schema: { params: notificationIdParams, response: { 200: notificationOut } }, config: access }, (req) => s.markRead(db, req.ctx, req.params.id));
  };
}
