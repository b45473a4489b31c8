import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { streamXlsx } from '../../platform/excel/index.ts';
import type { ModuleDeps } from '../../server/modules.ts';
import * as s from './service.ts';
import * as sc from './schema.ts';

export function collectionRoutes({ db }: ModuleDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const plan = { 200: sc.planOut };
    app.get('/api/collection-plans', { schema: { querystring: sc.planListQuery, response: { 200: sc.planPage } }, config: { access: 'collection.read' } }, (req) => s.listPlans(db, req.ctx, req.query));
    app.get('/api/collection-plans/export.xlsx', { schema: { querystring: sc.planExportQuery }, config: { access: 'collection.read' } }, async (req, reply) => {
      const x = await s.planExport(db, req.ctx, req.query);
      return streamXlsx(reply, { fileName: x.fileName, sheetName: '回款计划', columns: x.columns, rows: x.rows, totalRows: x.totalRows });
    });
    app.post('/api/collection-plans', { schema: { body: sc.planCreateBody, response: plan }, config: { access: 'collection.manage' } }, (req) => s.createPlan(db, req.ctx, req.body));
    app.get('/api/collection-plans/:id', { schema: { params: sc.idParams, querystring: sc.asAtQuery, response: plan }, config: { access: 'collection.read' } }, (req) => s.getPlan(db, req.ctx, req.params.id, req.query.asAt));
    app.put('/api/collection-plans/:id', { schema: { params: sc.idParams, body: sc.planUpdateBody, response: plan }, config: { access: 'collection.manage' } }, (req) => s.updatePlan(db, req.ctx, req.params.id, req.body));
    app.post('/api/collection-plans/:id/cancel', { schema: { params: sc.idParams, body: sc.cancelBody, response: plan }, config: { access: 'collection.manage' } }, (req) => s.cancelPlan(db, req.ctx, req.params.id, req.body));
    app.get('/api/collection-plans/:id/history', { schema: { params: sc.idParams, response: { 200: sc.historyOut } }, config: { access: 'collection.read' } }, (req) => s.planHistory(db, req.ctx, req.params.id));

    app.get('/api/dunning-actions', { schema: { querystring: sc.dunningListQuery, response: { 200: sc.dunningPage } }, config: { access: 'collection.read' } }, (req) => s.listDunning(db, req.ctx, req.query));
    app.get('/api/dunning-actions/export.xlsx', { schema: { querystring: sc.dunningExportQuery }, config: { access: 'collection.read' } }, async (req, reply) => {
      const x = await s.dunningExport(db, req.ctx, req.query);
      return streamXlsx(reply, { fileName: x.fileName, sheetName: '催收记录', columns: x.columns, rows: x.rows, totalRows: x.totalRows });
    });
    app.post('/api/dunning-actions', { schema: { body: sc.dunningCreateBody, response: { 200: sc.dunningOut } }, config: { access: 'collection.dun' } }, (req) => s.logDunning(db, req.ctx, req.body));
    app.get('/api/dunning-actions/:id', { schema: { params: sc.idParams, response: { 200: sc.dunningOut } }, config: { access: 'collection.read' } }, (req) => s.getDunning(db, req.ctx, req.params.id));
    app.get('/api/collections/worklist', { schema: { querystring: sc.worklistQuery, response: { 200: sc.worklistPage } }, config: { access: 'collection.read' } }, (req) => s.worklist(db, req.ctx, req.query));
    app.get('/api/customers/:customerId/collection', { schema: { params: sc.customerParams, response: { 200: sc.customerCollectionOut } }, config: { access: 'collection.read' } }, (req) => s.customerCollection(db, req.ctx, req.params.customerId));
  };
}
