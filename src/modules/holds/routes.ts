import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { printBody } from '../../platform/documents/paper.ts';
import type { ModuleDeps } from '../../server/modules.ts';
import { historyOut } from '../orders/schema.ts';
import * as s from './service.ts';
import * as sc from './schema.ts';

const params = z.object({ id: z.coerce.number().int().positive() });
const requestParams = params.extend({ requestId: z.coerce.number().int().positive() });

export function holdRoutes({ db }: ModuleDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const one = { 200: sc.holdOut };
    app.get('/api/holds', { schema: { querystring: sc.holdListQuery, response: { 200: sc.holdPage } }, config: { access: 'hold.read' } }, (req) => s.listHolds(db, req.ctx, req.query));
    app.post('/api/holds', { schema: { body: sc.holdCreateBody, response: one }, config: { access: 'hold.create' } }, (req) => s.createHold(db, req.ctx, req.body));
    app.get('/api/holds/:id', { schema: { params, response: one }, config: { access: 'hold.read' } }, (req) => s.getHold(db, req.ctx, req.params.id));
    app.get('/api/holds/:id/history', { schema: { params, response: { 200: historyOut } }, config: { access: 'hold.read' } }, (req) => s.holdHistory(db, req.ctx, req.params.id));
    app.post('/api/holds/:id/firm', { schema: { params, body: sc.holdFirmBody, response: one }, config: { access: 'hold.create' } }, (req) => s.firmHold(db, req.ctx, req.params.id, req.body));
    app.post('/api/holds/:id/requests', { schema: { params, body: sc.holdRequestBody, response: one }, config: { access: 'hold.create' } }, (req) => s.requestOnHold(db, req.ctx, req.params.id, req.body));
    app.post('/api/holds/:id/requests/:requestId/decide', { schema: { params: requestParams, body: sc.holdDecisionBody, response: one }, config: { access: 'hold.approve' } }, (req) =>
      s.decideHoldRequest(db, req.ctx, req.params.id, req.params.requestId, req.body),
    );
    app.post('/api/holds/:id/release', { schema: { params, body: sc.holdReleaseBody, response: one }, config: { access: 'hold.create' } }, (req) => s.releaseHold(db, req.ctx, req.params.id, req.body));
    app.post('/api/holds/:id/deposit', { schema: { params, body: sc.holdDepositBody, response: one }, config: { access: 'hold.create' } }, (req) => s.settleExpiredDeposit(db, req.ctx, req.params.id, req.body));
    app.post('/api/holds/:id/prints', { schema: { params, body: printBody, response: { 200: z.object({ printNo: z.number() }) } }, config: { access: 'hold.create' } }, (req) => s.recordHoldPrint(db, req.ctx, req.params.id, req.body));
    app.post('/api/holds/:id/void', { schema: { params, body: sc.holdVoidBody, response: one }, config: { access: 'hold.approve' } }, (req) => s.voidHold(db, req.ctx, req.params.id, req.body));
  };
}
