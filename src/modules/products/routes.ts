import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../server/modules.ts';
import * as s from './service.ts';
import * as sc from './schema.ts';

/** 商品档案 (products) and 价格表 (price lists). */
export function productRoutes({ db }: ModuleDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/products', { schema: { querystring: sc.productListQuery, response: { 200: sc.productListOut } }, config: { access: 'product.read' } }, (req) => s.listProducts(db, req.ctx, req.query));
    app.get('/api/products/lookup', { schema: { querystring: sc.productLookupQuery, response: { 200: sc.productLookupOut } }, config: { access: 'product.read' } }, (req) => s.lookupProducts(db, req.ctx, req.query));
    app.get('/api/products/facets', { schema: { response: { 200: sc.facetsOut } }, config: { access: 'product.read' } }, (req) => s.productFacets(db, req.ctx));
    app.post('/api/products', { schema: { body: sc.productCreateBody, response: { 200: sc.productOut } }, config: { access: 'product.manage' } }, (req) => s.createProduct(db, req.ctx, req.body));
    app.get('/api/products/:id', { schema: { params: sc.idParams, response: { 200: sc.productOut } }, config: { access: 'product.read' } }, (req) => s.getProduct(db, req.ctx, req.params.id));
    app.put('/api/products/:id', { schema: { params: sc.idParams, body: sc.productUpdateBody, response: { 200: sc.productOut } }, config: { access: 'product.manage' } }, (req) => s.updateProduct(db, req.ctx, req.params.id, req.body));
    app.post('/api/products/:id/deactivate', { schema: { params: sc.idParams, body: sc.versionBody, response: { 200: sc.productOut } }, config: { access: 'product.manage' } }, (req) =>
      s.setProductActive(db, req.ctx, req.params.id, req.body.version, false),
    );
    app.post('/api/products/:id/activate', { schema: { params: sc.idParams, body: sc.versionBody, response: { 200: sc.productOut } }, config: { access: 'product.manage' } }, (req) =>
      s.setProductActive(db, req.ctx, req.params.id, req.body.version, true),
    );
    app.get('/api/products/:id/prices', { schema: { params: sc.idParams, response: { 200: sc.productPricesOut } }, config: { access: 'product.read' } }, (req) => s.productPrices(db, req.ctx, req.params.id));
    app.get('/api/products/:id/history', { schema: { params: sc.idParams, response: { 200: sc.historyOut } }, config: { access: 'product.read' } }, (req) => s.productHistory(db, req.ctx, req.params.id));

    app.get('/api/price-lists', { schema: { querystring: sc.priceListQuery, response: { 200: sc.priceListsOut } }, config: { access: 'product.read' } }, async (req) => ({ items: await s.listPriceLists(db, req.ctx, req.query.active) }));
    app.post('/api/price-lists', { schema: { body: sc.priceListCreateBody, response: { 200: sc.priceListDetailOut } }, config: { access: 'price.manage' } }, (req) => s.createPriceList(db, req.ctx, req.body));
    app.get('/api/price-lists/:id', { schema: { params: sc.idParams, response: { 200: sc.priceListDetailOut } }, config: { access: 'product.read' } }, (req) => s.getPriceList(db, req.ctx, req.params.id));
    app.put('/api/price-lists/:id', { schema: { params: sc.idParams, body: sc.priceListUpdateBody, response: { 200: sc.priceListDetailOut } }, config: { access: 'price.manage' } }, (req) => s.updatePriceList(db, req.ctx, req.params.id, req.body));
    app.post('/api/price-lists/:id/deactivate', { schema: { params: sc.idParams, body: sc.versionBody, response: { 200: sc.priceListDetailOut } }, config: { access: 'price.manage' } }, (req) =>
      s.setPriceListActive(db, req.ctx, req.params.id, req.body.version, false),
    );
    app.post('/api/price-lists/:id/activate', { schema: { params: sc.idParams, body: sc.versionBody, response: { 200: sc.priceListDetailOut } }, config: { access: 'price.manage' } }, (req) =>
      s.setPriceListActive(db, req.ctx, req.params.id, req.body.version, true),
    );
    app.get('/api/price-lists/:id/history', { schema: { params: sc.idParams, response: { 200: sc.historyOut } }, config: { access: 'product.read' } }, (req) => s.priceListHistory(db, req.ctx, req.params.id));
    app.get('/api/prices/resolve', { schema: { querystring: sc.resolveQuery, response: { 200: sc.resolveOut } }, config: { access: 'product.read' } }, (req) => s.resolvePricesFor(db, req.ctx, req.query));
  };
}
