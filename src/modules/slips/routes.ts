import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../server/modules.ts';
import { streamXlsx } from '../../platform/excel/index.ts';
import { slipExport } from './export.ts';
import * as s from './service.ts';
import * as sc from './schema.ts';

export function slipRoutes({ db }: ModuleDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const detail = { 200: sc.slipDetailOut };
    app.get('/api/slips', { schema: { querystring: sc.slipListQuery, response: { 200: sc.slipPage } }, config: { access: 'slip.read' } }, (req) => s.listSlips(db, req.ctx, req.query));
    app.get('/api/slips/export.xlsx', { schema: { querystring: sc.slipExportQuery }, config: { access: 'slip.export' } }, async (req, reply) =>
      streamXlsx(reply, { sheetName: '销货清单', ...(await slipExport(db, req.ctx, req.query)) }),
    );
    app.post('/api/slips', { schema: { body: sc.walkInBody, response: detail }, config: { access: 'slip.issue' } }, (req) => s.createWalkIn(db, req.ctx, req.body));
    app.post('/api/slips/from-order', { schema: { body: sc.fromOrderBody, response: detail }, config: { access: 'slip.issue' } }, (req) => s.createFromOrder(db, req.ctx, req.body));
    app.get('/api/slips/binding', { schema: { querystring: sc.bindingQuery, response: { 200: sc.bindingOut } }, config: { access: 'slip.read' } }, (req) => s.monthlyBinding(db, req.ctx, req.query.month));
    app.get('/api/slips/to-post', { schema: { response: { 200: sc.slipsToPostOut } }, config: { access: 'slip.read' } }, (req) => s.slipsToPost(db, req.ctx));
    app.post('/api/slips/post', { schema: { body: sc.postBatchBody, response: { 200: sc.postOut } }, config: { access: 'slip.post' } }, (req) => s.postSlips(db, req.ctx, req.body));
    app.get('/api/slips/:id', { schema: { params: sc.idParams, response: detail }, config: { access: 'slip.read' } }, (req) => s.getSlip(db, req.ctx, req.params.id));
    app.get('/api/slips/:id/history', { schema: { params: sc.idParams, response: { 200: sc.historyOut } }, config: { access: 'slip.read' } }, (req) => s.slipHistory(db, req.ctx, req.params.id));
    app.post('/api/slips/:id/issue', { schema: { params: sc.idParams, body: sc.versionBody, response: detail }, config: { access: 'slip.issue' } }, (req) => s.issueSlip(db, req.ctx, req.params.id, req.body));
    app.post('/api/slips/:id/discard', { schema: { params: sc.idParams, body: sc.versionBody, response: detail }, config: { access: 'slip.issue' } }, (req) => s.discardSlip(db, req.ctx, req.params.id, req.body));
    app.post('/api/slips/:id/codes', { schema: { params: sc.idParams, body: sc.codesBody, response: detail }, config: { access: 'slip.warehouse' } }, (req) => s.recordCodes(db, req.ctx, req.params.id, req.body));
    app.post('/api/slips/:id/codes/remove', { schema: { params: sc.idParams, body: sc.removeCodeBody, response: detail }, config: { access: 'slip.warehouse' } }, (req) => s.removeCode(db, req.ctx, req.params.id, req.body));
    app.post('/api/slips/:id/sign', { schema: { params: sc.idParams, body: sc.signBody, response: detail }, config: { access: 'slip.read' } }, (req) => s.signSlip(db, req.ctx, req.params.id, req.body));
    app.post('/api/slips/:id/deliver', { schema: { params: sc.idParams, body: sc.deliverBody, response: detail }, config: { access: 'slip.issue' } }, (req) => s.deliverSlip(db, req.ctx, req.params.id, req.body));
    app.post('/api/slips/:id/void', { schema: { params: sc.idParams, body: sc.voidBody, response: detail }, config: { access: 'slip.void' } }, (req) => s.voidSlip(db, req.ctx, req.params.id, req.body));
    app.post('/api/slips/:id/prints', { schema: { params: sc.idParams, body: sc.printBody, response: { 200: sc.printOut } }, config: { access: 'slip.print' } }, (req) => s.recordPrint(db, req.ctx, req.params.id, req.body));
    app.post('/api/slips/:id/returns', { schema: { params: sc.idParams, body: sc.returnBody, response: { 200: sc.returnOut } }, config: { access: 'slip.reconcile' } }, (req) => s.createReturn(db, req.ctx, req.params.id, req.body));
    app.post('/api/slips/:id/post', { schema: { params: sc.idParams, response: detail }, config: { access: 'slip.post' } }, (req) => s.postSlip(db, req.ctx, req.params.id));

    app.get('/api/slip-reconciliations', { schema: { querystring: sc.reconciliationListQuery, response: { 200: sc.reconciliationPage } }, config: { access: 'slip.reconcile' } }, (req) => s.listReconciliations(db, req.ctx, req.query));
    app.get('/api/slip-reconciliations/pending', { schema: { response: { 200: sc.pendingDriversOut } }, config: { access: 'slip.reconcile' } }, (req) => s.pendingReconciliations(db, req.ctx));
    app.post('/api/slip-reconciliations', { schema: { body: sc.reconciliationCreateBody, response: { 200: sc.reconciliationOut } }, config: { access: 'slip.reconcile' } }, (req) => s.createReconciliation(db, req.ctx, req.body));
    app.get('/api/slip-reconciliations/:id', { schema: { params: sc.idParams, response: { 200: sc.reconciliationOut } }, config: { access: 'slip.reconcile' } }, (req) => s.getReconciliation(db, req.ctx, req.params.id));
    app.put('/api/slip-reconciliations/:id', { schema: { params: sc.idParams, body: sc.reconciliationUpdateBody, response: { 200: sc.reconciliationOut } }, config: { access: 'slip.reconcile' } }, (req) => s.updateReconciliation(db, req.ctx, req.params.id, req.body));
    app.post('/api/slip-reconciliations/:id/settle', { schema: { params: sc.idParams, body: sc.reconciliationSettleBody, response: { 200: sc.reconciliationOut } }, config: { access: 'slip.reconcile' } }, (req) => s.settleReconciliation(db, req.ctx, req.params.id, req.body));
  };
}
