import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { streamXlsx } from '../../platform/excel/index.ts';
import type { ModuleDeps } from '../../server/modules.ts';
import * as s from './service.ts';
import * as sc from './schema.ts';

const historyOut = z.array(
  z.object({ id: z.number(), action: z.string(), before: z.string().nullable(), after: z.string().nullable(), note: z.string().nullable(), at: z.string(), userName: z.string().nullable() }),
);

export function invoiceRoutes({ db }: ModuleDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const detail = { 200: sc.invoiceDetailOut };
    app.get('/api/invoices', { schema: { querystring: sc.invoiceListQuery, response: { 200: sc.invoicePage } }, config: { access: 'invoice.read' } }, (req) => s.listInvoices(db, req.ctx, req.query));
    app.post('/api/invoices', { schema: { body: sc.issueBody, response: detail }, config: { access: 'invoice.issue' } }, async (req) => s.invoiceDetail(db, req.ctx, await s.issueInvoice(db, req.ctx, req.body)));
    app.get('/api/invoices/print-list', { schema: { querystring: sc.periodQuery, response: { 200: sc.printListOut } }, config: { access: 'invoice.read' } }, (req) => s.printList(db, req.ctx, req.query));
    app.get('/api/invoices/export.xlsx', { schema: { querystring: sc.periodQuery }, config: { access: 'invoice.export' } }, async (req, reply) => {
      const rows = await s.exportRows(db, req.ctx, req.query);
      return streamXlsx(reply, { fileName: `开票数据-${req.query.from.replace(/-/g, '')}-${req.query.to.replace(/-/g, '')}.xlsx`, sheetName: '开票数据', columns: s.exportColumns, rows, totalRows: rows.length });
    });
    app.post('/api/invoices/from-order', { schema: { body: sc.fromOrderBody, response: detail }, config: { access: 'invoice.issue' } }, async (req) => s.invoiceDetail(db, req.ctx, await s.issueInvoiceFromOrder(db, req.ctx, req.body)));
    app.get('/api/invoices/orders/:customerId', { schema: { params: sc.customerParams, response: { 200: sc.invoiceableOrdersOut } }, config: { access: 'invoice.read' } }, (req) => s.invoiceableOrdersOf(db, req.ctx, req.params.customerId));
    app.get('/api/invoices/invoiceable/:customerId', { schema: { params: sc.customerParams, response: { 200: sc.invoiceableOut } }, config: { access: 'invoice.read' } }, (req) => s.invoiceableOf(db, req.ctx, req.params.customerId));
    app.get('/api/invoices/:id', { schema: { params: sc.idParams, response: detail }, config: { access: 'invoice.read' } }, (req) => s.getInvoice(db, req.ctx, req.params.id));
    app.get('/api/invoices/:id/history', { schema: { params: sc.idParams, response: { 200: historyOut } }, config: { access: 'invoice.read' } }, (req) => s.invoiceHistory(db, req.ctx, req.params.id));
    app.post('/api/invoices/:id/red', { schema: { params: sc.idParams, body: sc.redBody, response: detail }, config: { access: 'invoice.red' } }, async (req) => s.invoiceDetail(db, req.ctx, await s.issueRedInvoice(db, req.ctx, req.params.id, req.body)));
    app.put('/api/invoices/:id/tax-number', { schema: { params: sc.idParams, body: sc.taxNumberBody, response: detail }, config: { access: 'invoice.issue' } }, (req) => s.recordTaxNumber(db, req.ctx, req.params.id, req.body));
  };
}
