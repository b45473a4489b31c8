import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../server/modules.ts';
import { streamXlsx } from '../../platform/excel/index.ts';
import { orderExport } from './export.ts';
import * as s from './service.ts';
import * as sc from './schema.ts';

export function orderRoutes({ db }: ModuleDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const params = sc.idParams;
    const one = { 200: sc.orderOut };
    const then = (id: number, ctx: Parameters<typeof s.getOrder>[1]) => s.getOrder(db, ctx, id);
    app.get('/api/orders', { schema: { querystring: sc.orderListQuery, response: { 200: sc.orderPage } }, config: { access: 'order.read' } }, (req) => s.listOrders(db, req.ctx, req.query));
    app.get('/api/orders/export.xlsx', { schema: { querystring: sc.orderExportQuery }, config: { access: 'order.export' } }, async (req, reply) =>
      streamXlsx(reply, { sheetName: '销售订单', ...(await orderExport(db, req.ctx, req.query)) }),
    );
    app.post('/api/orders', { schema: { body: sc.orderCreateBody, response: one }, config: { access: 'order.create' } }, (req) => s.createOrder(db, req.ctx, req.body));
    app.get('/api/orders/summary', { schema: { querystring: sc.orderSummaryQuery, response: { 200: sc.orderSummaryOut } }, config: { access: 'order.read' } }, (req) => s.orderSummary(db, req.ctx, req.query));
    app.get('/api/orders/defaults', { schema: { querystring: sc.orderDefaultsQuery, response: { 200: sc.orderDefaultsOut } }, config: { access: 'order.create' } }, (req) => s.orderDefaults(db, req.ctx, req.query));
    app.get('/api/orders/:id', { schema: { params, response: one }, config: { access: 'order.read' } }, (req) => s.getOrder(db, req.ctx, req.params.id));
    app.put('/api/orders/:id', { schema: { params, body: sc.orderUpdateBody, response: one }, config: { access: 'order.create' } }, (req) => s.updateOrder(db, req.ctx, req.params.id, req.body));
    app.post('/api/orders/:id/submit', { schema: { params, body: sc.submitBody, response: one }, config: { access: 'order.create' } }, async (req) => {
      await s.submitOrder(db, req.ctx, req.params.id, req.body);
      return then(req.params.id, req.ctx);
    });
    for (const kind of ['finance', 'logistics'] as const) {
      app.post(`/api/orders/:id/review/${kind}`, { schema: { params, body: sc.reviewBody, response: one }, config: { access: `order.review_${kind}` } }, async (req) => {
        await s.reviewOrder(db, req.ctx, req.params.id, kind, req.body);
        return then(req.params.id, req.ctx);
      });
    }
    app.post('/api/orders/:id/cancel', { schema: { params, body: sc.reasonBody, response: one }, config: { access: 'order.cancel' } }, async (req) => {
      await s.cancelOrder(db, req.ctx, req.params.id, req.body);
      return then(req.params.id, req.ctx);
    });
    app.post('/api/orders/:id/discard', { schema: { params, body: sc.versionBody, response: one }, config: { access: 'order.create' } }, async (req) => {
      await s.discardOrder(db, req.ctx, req.params.id, req.body);
      return then(req.params.id, req.ctx);
    });
    app.post('/api/orders/:id/change', { schema: { params, body: sc.changeBody, response: one }, config: { access: 'order.change' } }, async (req) => {
      await s.changeOrder(db, req.ctx, req.params.id, req.body);
      return then(req.params.id, req.ctx);
    });
    app.post('/api/orders/:id/reserve', { schema: { params, body: sc.versionBody, response: one }, config: { access: 'order.change' } }, async (req) => {
      await s.reserveRest(db, req.ctx, req.params.id, req.body);
      return then(req.params.id, req.ctx);
    });
    app.post('/api/orders/:id/payment', { schema: { params, body: sc.paymentBody, response: one }, config: { access: 'order.payment' } }, async (req) => {
      await s.recordPayment(db, req.ctx, req.params.id, req.body);
      return then(req.params.id, req.ctx);
    });
    for (const step of ['deliver', 'complete', 'close'] as const) {
      app.post(`/api/orders/:id/${step}`, { schema: { params, body: sc.versionBody, response: one }, config: { access: step === 'close' ? 'order.change' : 'order.create' } }, async (req) => {
        await s.advanceOrder(db, req.ctx, req.params.id, step, req.body);
        return then(req.params.id, req.ctx);
      });
    }
    app.get('/api/orders/:id/stages', { schema: { params, response: { 200: sc.orderStagesOut } }, config: { access: 'order.read' } }, (req) => s.orderStages(db, req.ctx, req.params.id));
    app.post('/api/orders/:id/stages/:seq/done', { schema: { params: sc.stageParams, body: sc.stageDoneBody, response: { 200: sc.orderStagesOut } }, config: { access: 'order.stage' } }, (req) =>
      s.completeStage(db, req.ctx, req.params.id, req.params.seq, req.body),
    );
    app.post('/api/orders/:id/stages/:seq/return', { schema: { params: sc.stageParams, body: sc.stageReturnBody, response: { 200: sc.orderStagesOut } }, config: { access: 'order.stage' } }, (req) =>
      s.returnStage(db, req.ctx, req.params.id, req.params.seq, req.body),
    );
    app.get('/api/orders/:id/credit', { schema: { params, response: { 200: sc.orderCreditOut } }, config: { access: 'order.read' } }, (req) => s.orderCredit(db, req.ctx, req.params.id));
    app.get('/api/orders/:id/history', { schema: { params, response: { 200: sc.historyOut } }, config: { access: 'order.read' } }, (req) => s.orderHistory(db, req.ctx, req.params.id));
  };
}
