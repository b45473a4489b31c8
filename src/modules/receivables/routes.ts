import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { streamXlsx } from '../../platform/excel/index.ts';
import type { ModuleDeps } from '../../server/modules.ts';
import * as s from './service.ts';
import * as sc from './schema.ts';

export function receivableRoutes({ db }: ModuleDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/receivables/aging', { schema: { querystring: sc.agingQuery, response: { 200: sc.agingReportOut } }, config: { access: 'receivable.read' } }, (req) => s.agingReport(db, req.ctx, req.query));
    app.get('/api/receivables/aging/export.xlsx', { schema: { querystring: sc.agingExportQuery }, config: { access: 'receivable.export' } }, async (req, reply) => {
      const x = await s.agingExport(db, req.ctx, req.query);
      return streamXlsx(reply, { fileName: x.fileName, sheetName: '账龄分析', columns: x.columns, rows: x.rows, totalRows: x.rows.length });
    });
    app.get('/api/receivables/customers/:id/items', { schema: { params: sc.idParams, querystring: sc.openItemsQuery, response: { 200: sc.customerItemsOut } }, config: { access: 'receivable.read' } }, (req) => s.customerItems(db, req.ctx, req.params.id, req.query));
    app.get('/api/receivables/collection-rate', { schema: { querystring: sc.collectionRateQuery, response: { 200: sc.collectionRateOut } }, config: { access: 'receivable.read' } }, (req) => s.collectionRate(db, req.ctx, req.query));
  };
}
