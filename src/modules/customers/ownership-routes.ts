import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../server/modules.ts';
import * as s from './ownership.ts';
import * as sc from './ownership-schema.ts';

const ok = z.object({ ok: z.literal(true) });

/** Ownership requests, the public pool, owner-change history and transfers (HTTP mapping only). */
export function customerOwnershipRoutes({ db }: ModuleDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/ownership-requests', { schema: { querystring: sc.ownershipListQuery, response: { 200: sc.pageOf(sc.ownershipRequestOut) } }, config: { access: 'ownership.request' } }, (req) =>
      s.listOwnershipRequests(db, req.ctx, req.query),
    );
    app.post('/api/ownership-requests', { schema: { body: sc.ownershipRequestBody, response: { 200: sc.ownershipRequestOut } }, config: { access: 'ownership.request' } }, (req) =>
      s.submitOwnershipRequest(db, req.ctx, req.body),
    );
    app.get('/api/ownership-requests/:id', { schema: { params: sc.idParams, response: { 200: sc.ownershipRequestOut } }, config: { access: 'ownership.request' } }, (req) =>
      s.getOwnershipRequest(db, req.ctx, req.params.id),
    );
    app.post('/api/ownership-requests/:id/approve', { schema: { params: sc.idParams, body: sc.ownershipDecisionBody, response: { 200: sc.ownershipRequestOut } }, config: { access: 'ownership.decide' } }, (req) =>
      s.approveOwnershipRequest(db, req.ctx, req.params.id, req.body.note),
    );
    app.post('/api/ownership-requests/:id/reject', { schema: { params: sc.idParams, body: sc.ownershipDecisionBody, response: { 200: sc.ownershipRequestOut } }, config: { access: 'ownership.decide' } }, (req) =>
      s.rejectOwnershipRequest(db, req.ctx, req.params.id, req.body.note),
    );
    app.post('/api/ownership-requests/:id/void', { schema: { params: sc.idParams, body: sc.voidBody, response: { 200: sc.ownershipRequestOut } }, config: { access: 'ownership.request' } }, (req) =>
      s.voidOwnershipRequest(db, req.ctx, req.params.id, req.body.reason),
    );

    // the written rule and pool figures: company policy, readable by every member
    app.get('/api/customers/ownership-settings', { schema: { response: { 200: sc.ownershipSettingsOut } }, config: { access: 'authenticated' } }, (req) => s.ownershipSettings(db, req.ctx));
    app.get('/api/customers/pool', { schema: { querystring: sc.poolListQuery, response: { 200: sc.pageOf(sc.poolCustomerOut) } }, config: { access: 'pool.claim' } }, (req) => s.listPool(db, req.ctx, req.query));
    app.post('/api/customers/:id/claim', { schema: { params: sc.idParams, response: { 200: sc.claimOut } }, config: { access: 'pool.claim' } }, (req) => s.claimCustomer(db, req.ctx, req.params.id));
    app.post('/api/customers/:id/release', { schema: { params: sc.idParams, body: sc.releaseBody, response: { 200: ok } }, config: { access: 'pool.release' } }, (req) =>
      s.releaseCustomer(db, req.ctx, req.params.id, req.body.reason),
    );
    app.get('/api/customers/:id/owner', { schema: { params: sc.idParams, querystring: sc.customerOwnerQuery, response: { 200: sc.customerOwnerOut } }, config: { access: 'ownership.request' } }, (req) =>
      s.customerOwnerBrief(db, req.ctx, req.params.id, req.query.match),
    );
    app.get('/api/customers/:id/moves', { schema: { params: sc.idParams, response: { 200: z.array(sc.moveOut) } }, config: { access: 'customer.read' } }, (req) => s.customerMoves(db, req.ctx, req.params.id));

    app.get('/api/customers/transfer/reps', { schema: { response: { 200: z.array(sc.transferRepOut) } }, config: { access: 'customer.transfer' } }, (req) => s.listTransferReps(db, req.ctx));
    app.get('/api/customers/transfer/customers', { schema: { querystring: sc.transferCustomersQuery, response: { 200: sc.pageOf(sc.transferCustomerOut) } }, config: { access: 'customer.transfer' } }, (req) =>
      s.listTransferCustomers(db, req.ctx, req.query),
    );
    app.post('/api/customers/transfer', { schema: { body: sc.transferBody, response: { 200: sc.transferOut } }, config: { access: 'customer.transfer' } }, (req) => s.transferCustomers(db, req.ctx, req.body));
  };
}
