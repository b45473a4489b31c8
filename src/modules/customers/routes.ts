import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../server/modules.ts';
import * as s from './service.ts';
import * as sc from './schema.ts';

/** The customer file (客户档案): create, read, update, list/search, follow-ups, credit, history. */
export function customerRoutes({ db }: ModuleDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/customers', { schema: { querystring: sc.customerListQuery, response: { 200: sc.customerListOut } }, config: { access: 'customer.read' } }, (req) => s.listCustomers(db, req.ctx, req.query));
    app.post('/api/customers', { schema: { body: sc.customerCreateBody, response: { 200: sc.customerOut } }, config: { access: 'customer.create' } }, (req) => s.createCustomer(db, req.ctx, req.body));
    app.post('/api/customers/check-duplicates', { schema: { body: sc.duplicateCheckBody, response: { 200: sc.duplicatesOut } }, config: { access: 'customer.read' } }, (req) => s.checkDuplicates(db, req.ctx, req.body));
    app.get('/api/customers/:id', { schema: { params: sc.idParams, response: { 200: sc.customerOut } }, config: { access: 'customer.read' } }, (req) => s.getCustomer(db, req.ctx, req.params.id));
    app.put('/api/customers/:id', { schema: { params: sc.idParams, body: sc.customerUpdateBody, response: { 200: sc.customerOut } }, config: { access: 'customer.update' } }, (req) => s.updateCustomer(db, req.ctx, req.params.id, req.body));
    app.get('/api/customers/:id/history', { schema: { params: sc.idParams, response: { 200: sc.historyOut } }, config: { access: 'customer.read' } }, (req) => s.customerHistory(db, req.ctx, req.params.id));
    app.get('/api/customers/:id/followups', { schema: { params: sc.idParams, querystring: sc.followupListQuery, response: { 200: sc.followupPageOut } }, config: { access: 'customer.read' } }, (req) =>
      s.listFollowups(db, req.ctx, req.params.id, req.query.page, req.query.pageSize),
    );
    app.post('/api/customers/:id/followups', { schema: { params: sc.idParams, body: sc.followupBody, response: { 200: sc.followupOut } }, config: { access: 'customer.followup' } }, (req) => s.addFollowup(db, req.ctx, req.params.id, req.body));
    app.put('/api/customers/:id/credit', { schema: { params: sc.idParams, body: sc.creditBody, response: { 200: sc.creditOut } }, config: { access: 'customer.credit' } }, (req) => s.saveCredit(db, req.ctx, req.params.id, req.body));
    app.get('/api/followups/due', { schema: { response: { 200: sc.dueFollowupsOut } }, config: { access: 'customer.read' } }, (req) => s.dueFollowupsForMe(db, req.ctx));
  };
}
