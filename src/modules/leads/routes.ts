import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../server/modules.ts';
import * as s from './service.ts';
import * as sc from './schema.ts';

export function leadRoutes({ db }: ModuleDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/leads', { schema: { querystring: sc.leadListQuery, response: { 200: sc.leadPage } }, config: { access: 'lead.read' } }, (req) => s.listLeads(db, req.ctx, req.query));
    app.post('/api/leads', { schema: { body: sc.leadCreateBody, response: { 200: sc.leadDetailOut } }, config: { access: 'lead.create' } }, (req) => s.createLead(db, req.ctx, req.body));
    app.get('/api/leads/assignees', { schema: { response: { 200: sc.assigneeOut } }, config: { access: 'lead.read' } }, (req) => s.assignees(db, req.ctx));
    app.get('/api/leads/:id', { schema: { params: sc.idParams, response: { 200: sc.leadDetailOut } }, config: { access: 'lead.read' } }, (req) => s.getLead(db, req.ctx, req.params.id));
    app.put('/api/leads/:id', { schema: { params: sc.idParams, body: sc.leadUpdateBody, response: { 200: sc.leadDetailOut } }, config: { access: 'lead.update' } }, (req) => s.updateLead(db, req.ctx, req.params.id, req.body));
    app.post('/api/leads/:id/assign', { schema: { params: sc.idParams, body: sc.assignBody, response: { 200: sc.leadDetailOut } }, config: { access: 'lead.assign' } }, (req) => s.assignLead(db, req.ctx, req.params.id, req.body));
    app.get('/api/leads/:id/activities', { schema: { params: sc.idParams, response: { 200: sc.activityOut.array() } }, config: { access: 'lead.read' } }, (req) => s.listActivities(db, req.ctx, req.params.id));
    app.post('/api/leads/:id/activities', { schema: { params: sc.idParams, body: sc.activityBody, response: { 200: sc.activityOut } }, config: { access: 'lead.update' } }, (req) => s.addActivity(db, req.ctx, req.params.id, req.body));
    app.post('/api/leads/:id/void', { schema: { params: sc.idParams, body: sc.voidBody, response: { 200: sc.leadDetailOut } }, config: { access: 'lead.void' } }, (req) => s.voidLead(db, req.ctx, req.params.id, req.body));
    app.post('/api/leads/:id/duplicates', { schema: { params: sc.idParams, body: sc.duplicatesBody, response: { 200: sc.duplicatesOut } }, config: { access: 'lead.convert' } }, (req) => s.duplicatesForLead(db, req.ctx, req.params.id, req.body.customer));
    app.post('/api/leads/:id/convert', { schema: { params: sc.idParams, body: sc.convertBody, response: { 200: sc.convertOut } }, config: { access: 'lead.convert' } }, async (req) => {
      const r = await s.convertLead(db, req.ctx, req.params.id, req.body);
      return { ...r, lead: await s.getLead(db, req.ctx, req.params.id) };
    });
    app.get('/api/referrals/count', { schema: { querystring: sc.referralCountQuery, response: { 200: sc.referralCountOut } }, config: { access: 'customer.read' } }, (req) => s.referralCount(db, req.ctx, req.query.customerId));
    app.get('/api/leads/:id/history', { schema: { params: sc.idParams, response: { 200: sc.historyOut } }, config: { access: 'lead.read' } }, (req) => s.leadHistory(db, req.ctx, req.params.id));
  };
}
