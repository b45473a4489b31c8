import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../server/modules.ts';
import { receiveXlsx, streamXlsx, writeXlsx, contentDisposition, XLSX_MIME } from '../../platform/excel/index.ts';
import { PassThrough } from 'node:stream';
import * as s from './service.ts';
import { commitBody, importJobDetailOut, importJobOut, jobParams, kindParams, rowsPage, rowsQuery } from './schema.ts';

// Access: each kind names its own permission (customer.import for customers), checked by the service
// before anything is read; the routes themselves only need a logged-in member.
export function importRoutes({ db }: ModuleDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/imports/templates/:file', { schema: { params: z.object({ file: z.string().regex(/^[a-z][a-z0-9_-]{0,39}\.xlsx$/) }) }, config: { access: 'authenticated' } }, (req, reply) => {
      const t = s.templateFor(req.ctx, req.params.file.replace(/\.xlsx$/, ''));
      const out = new PassThrough();
      reply.header('content-type', XLSX_MIME).header('content-disposition', contentDisposition(t.fileName)).header('cache-control', 'no-store');
      writeXlsx(out, t.sheets).catch((err) => out.destroy(err as Error));
      return reply.send(out);
    });

    app.post('/api/imports/:kind', { schema: { params: kindParams, response: { 200: importJobDetailOut } }, config: { access: 'authenticated' } }, async (req) => {
      s.assertCanImport(req.ctx, req.params.kind); // before the upload is received
      const upload = await receiveXlsx(req);
      try {
        return await s.uploadImport(db, req.ctx, req.params.kind, upload);
      } finally {
        await upload.remove();
      }
    });

    app.get('/api/imports/:id', { schema: { params: jobParams, response: { 200: importJobDetailOut } }, config: { access: 'authenticated' } }, (req) => s.getImport(db, req.ctx, req.params.id));
    app.get('/api/imports/:id/rows', { schema: { params: jobParams, querystring: rowsQuery, response: { 200: rowsPage } }, config: { access: 'authenticated' } }, (req) =>
      s.listImportRows(db, req.ctx, req.params.id, req.query),
    );
    app.get('/api/imports/:id/errors.xlsx', { schema: { params: jobParams }, config: { access: 'authenticated' } }, async (req, reply) => {
      const sheet = await s.errorSheet(db, req.ctx, req.params.id);
      return streamXlsx(reply, { fileName: sheet.fileName, sheetName: '错误明细', columns: sheet.columns, rows: sheet.rows, totalRows: sheet.totalRows });
    });
    app.post('/api/imports/:id/commit', { schema: { params: jobParams, body: commitBody, response: { 200: importJobOut } }, config: { access: 'authenticated' } }, (req) =>
      s.commitImport(db, req.ctx, req.params.id, req.body.mode),
    );
    app.post('/api/imports/:id/discard', { schema: { params: jobParams, response: { 200: importJobOut } }, config: { access: 'authenticated' } }, (req) => s.discardImport(db, req.ctx, req.params.id));
  };
}
