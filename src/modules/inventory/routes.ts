import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../server/modules.ts';
import * as s from './service.ts';
import * as sc from './schema.ts';

export function inventoryRoutes({ db }: ModuleDeps): FastifyPluginAsyncZod {
  return async (app) => {
    // ── warehouses ──
    app.get('/api/warehouses', { schema: { querystring: sc.warehouseListQuery, response: { 200: sc.pageOf(sc.warehouseOut) } }, config: { access: 'stock.read' } }, (req) => s.listWarehouses(db, req.ctx, req.query));
    app.post('/api/warehouses', { schema: { body: sc.warehouseBody, response: { 200: sc.warehouseOut } }, config: { access: 'warehouse.manage' } }, (req) => s.createWarehouse(db, req.ctx, req.body));
    app.get('/api/warehouses/:id', { schema: { params: sc.idParams, response: { 200: sc.warehouseOut } }, config: { access: 'stock.read' } }, (req) => s.getWarehouse(db, req.ctx, req.params.id));
    app.put('/api/warehouses/:id', { schema: { params: sc.idParams, body: sc.warehouseUpdateBody, response: { 200: sc.warehouseOut } }, config: { access: 'warehouse.manage' } }, (req) => s.updateWarehouse(db, req.ctx, req.params.id, req.body));

    // ── stock ──
    app.get('/api/stock', { schema: { querystring: sc.stockListQuery, response: { 200: sc.pageOf(sc.stockLevelOut) } }, config: { access: 'stock.read' } }, (req) => s.listStock(db, req.ctx, req.query));
    app.put('/api/stock/limits', { schema: { body: sc.stockLimitsBody, response: { 200: sc.stockLevelOut } }, config: { access: 'warehouse.manage' } }, (req) => s.setStockLimits(db, req.ctx, req.body));
    app.get('/api/stock/batches', { schema: { querystring: sc.batchListQuery, response: { 200: sc.pageOf(sc.batchOut) } }, config: { access: 'stock.read' } }, (req) => s.listBatches(db, req.ctx, req.query));
    app.get('/api/stock/batches/in-stock', { schema: { querystring: sc.batchPickQuery, response: { 200: sc.batchPickOut } }, config: { access: 'stock.read' } }, (req) => s.batchesToPick(db, req.ctx, req.query));
    app.get('/api/stock/at-date', { schema: { querystring: sc.atDateQuery, response: { 200: sc.pageOf(sc.atDateOut) } }, config: { access: 'stock.read' } }, (req) => s.stockAtDate(db, req.ctx, req.query));
    app.get('/api/stock/ledger', { schema: { querystring: sc.ledgerQuery, response: { 200: sc.ledgerPage } }, config: { access: 'stock.read' } }, (req) => s.productLedger(db, req.ctx, req.query));
    app.get('/api/stock/check', { schema: { response: { 200: sc.checkOut } }, config: { access: 'stock.read' } }, (req) => s.checkStock(db, req.ctx));
    app.get('/api/stock/alerts/low', { schema: { querystring: sc.lowStockQuery, response: { 200: sc.pageOf(sc.lowStockOut) } }, config: { access: 'stock.read' } }, (req) => s.lowStockAlerts(db, req.ctx, req.query));
    app.get('/api/stock/alerts/expiring', { schema: { querystring: sc.expiringQuery, response: { 200: sc.expiringPage } }, config: { access: 'stock.read' } }, (req) => s.expiringBatches(db, req.ctx, req.query));
    app.get('/api/stock/replenishment', { schema: { querystring: sc.lowStockQuery, response: { 200: sc.pageOf(sc.replenishmentOut) } }, config: { access: 'stock.read' } }, (req) => s.replenishmentSuggestions(db, req.ctx, req.query));

    // ── stock documents: read and sign any kind; write each kind with its own permission ──
    app.get('/api/stock-documents', { schema: { querystring: sc.documentListQuery, response: { 200: sc.pageOf(sc.documentListItem) } }, config: { access: 'stock.read' } }, (req) => s.listDocuments(db, req.ctx, req.query));
    app.get('/api/stock-documents/:id', { schema: { params: sc.idParams, response: { 200: sc.documentOut } }, config: { access: 'stock.read' } }, (req) => s.getDocument(db, req.ctx, req.params.id));
    app.post('/api/stock-documents/:id/sign', { schema: { params: sc.idParams, body: sc.signBody, response: { 200: sc.documentOut } }, config: { access: 'stock.read' } }, (req) => s.signDocument(db, req.ctx, req.params.id, req.body.role));
    for (const docType of sc.stockDocTypes) {
      const access = sc.stockDocPermission[docType];
      const base = `/api/stock-documents/${docType}`;
      app.post(base, { schema: { body: sc.documentBody, response: { 200: sc.documentOut } }, config: { access } }, (req) => s.createDocument(db, req.ctx, docType, req.body));
      app.put(`${base}/:id`, { schema: { params: sc.idParams, body: sc.documentUpdateBody, response: { 200: sc.documentOut } }, config: { access } }, (req) => s.updateDocument(db, req.ctx, docType, req.params.id, req.body));
      app.post(`${base}/:id/submit`, { schema: { params: sc.idParams, body: sc.versionBody, response: { 200: sc.documentOut } }, config: { access } }, (req) => s.submitDocument(db, req.ctx, docType, req.params.id, req.body.version));
      app.post(`${base}/:id/discard`, { schema: { params: sc.idParams, body: sc.versionBody, response: { 200: sc.documentOut } }, config: { access } }, (req) => s.discardDocument(db, req.ctx, docType, req.params.id, req.body.version));
      app.post(`${base}/:id/void`, { schema: { params: sc.idParams, body: sc.voidBody, response: { 200: sc.documentOut } }, config: { access } }, (req) => s.voidDocument(db, req.ctx, docType, req.params.id, req.body));
    }

    // ── purchase requests 请购单 ──
    app.get('/api/purchase-requests', { schema: { querystring: sc.purchaseListQuery, response: { 200: sc.pageOf(sc.purchaseRequestOut) } }, config: { access: 'stock.read' } }, (req) => s.listPurchaseRequests(db, req.ctx, req.query));
    app.post('/api/purchase-requests', { schema: { body: sc.purchaseRequestBody, response: { 200: sc.purchaseRequestOut } }, config: { access: 'purchase.request' } }, (req) => s.createPurchaseRequest(db, req.ctx, req.body));
    app.get('/api/purchase-requests/:id', { schema: { params: sc.idParams, response: { 200: sc.purchaseRequestOut } }, config: { access: 'stock.read' } }, (req) => s.getPurchaseRequest(db, req.ctx, req.params.id));
    app.post('/api/purchase-requests/:id/ordered', { schema: { params: sc.idParams, body: sc.versionBody, response: { 200: sc.purchaseRequestOut } }, config: { access: 'purchase.request' } }, (req) => s.markPurchaseOrdered(db, req.ctx, req.params.id, req.body.version));
    app.post('/api/purchase-requests/:id/close', { schema: { params: sc.idParams, body: sc.versionBody, response: { 200: sc.purchaseRequestOut } }, config: { access: 'purchase.request' } }, (req) => s.closePurchaseRequest(db, req.ctx, req.params.id, req.body.version));
    app.post('/api/purchase-requests/:id/void', { schema: { params: sc.idParams, body: sc.voidBody, response: { 200: sc.purchaseRequestOut } }, config: { access: 'purchase.request' } }, (req) => s.voidPurchaseRequest(db, req.ctx, req.params.id, req.body));
  };
}
