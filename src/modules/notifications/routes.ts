import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../server/modules.ts';
import * as s from './service.ts';
import * as robots from './robots.ts';
import { deliveriesPage, deliveriesQuery, robotsBody, robotsOut, robotTestIn, robotTestOut } from './robots-schema.ts';
import { notificationIdParams, notificationListQuery, notificationOut, notificationPage, readAllOut, unreadCountOut } from './schema.ts';

export function notificationRoutes({ db }: ModuleDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const access = { access: 'authenticated' as const };
    app.get('/api/notifications', { schema: { querystring: notificationListQuery, response: { 200: notificationPage } }, config: access }, (req) => s.listNotifications(db, req.ctx, req.query));
    app.get('/api/notifications/count', { schema: { response: { 200: unreadCountOut } }, config: access }, (req) => s.countUnread(db, req.ctx));
    app.post('/api/notifications/read-all', { schema: { response: { 200: readAllOut } }, config: access }, (req) => s.markAllRead(db, req.ctx));
    // 群机器人推送 (WeCom / DingTalk group robots): company settings, a test message, the delivery log
    const settings = { access: 'admin.settings' as const };
    app.get('/api/notifications/robots', { schema: { response: { 200: robotsOut } }, config: settings }, (req) => robots.listRobots(db, req.ctx));
    app.put('/api/notifications/robots', { schema: { body: robotsBody, response: { 200: robotsOut } }, config: settings }, (req) => robots.saveRobots(db, req.ctx, req.body.items));
    app.post('/api/notifications/robots/test', { schema: { body: robotTestIn, response: { 200: robotTestOut } }, config: settings }, (req) => robots.testRobot(db, req.ctx, req.body));
    app.get('/api/notifications/robots/deliveries', { schema: { querystring: deliveriesQuery, response: { 200: deliveriesPage } }, config: settings }, (req) => robots.listDeliveries(db, req.ctx, req.query));
    app.post('/api/notifications/:id/read', { schema: { params: notificationIdParams, response: { 200: notificationOut } }, config: access }, (req) => s.markRead(db, req.ctx, req.params.id));
  };
}
