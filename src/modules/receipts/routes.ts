import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { streamXlsx } from '../../platform/excel/index.ts';
import type { ModuleDeps } from '../../server/modules.ts';
import * as s from './service.ts';
import * as sc from './schema.ts';

export function receiptRoutes({ db }: ModuleDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const detail = { 200: sc.receiptOut };
    app.get('/api/receipts', { schema: { querystring: sc.receiptListQuery, response: { 200: sc.receiptPage } }, config: { access: 'receipt.read' } }, (req) => s.listReceipts(db, req.ctx, req.query));
    app.post('/api/receipts', { schema: { body: sc.receiptCreateBody, response: detail }, config: { access: 'receipt.create' } }, (req) => s.createReceipt(db, req.ctx, req.body));
    app.get('/api/receipts/:id', { schema: { params: sc.idParams, response: detail }, config: { access: 'receipt.read' } }, (req) => s.getReceipt(db, req.ctx, req.params.id));
    app.get('/api/receipts/:id/history', { schema: { params: sc.idParams, response: { 200: sc.historyOut } }, config: { access: 'receipt.read' } }, (req) => s.receiptHistory(db, req.ctx, req.params.id));
    app.get('/api/receipts/:id/open-items', { schema: { params: sc.idParams, response: { 200: sc.openItemsOut } }, config: { access: 'receipt.read' } }, (req) => s.openItems(db, req.ctx, req.params.id));
    app.post('/api/receipts/:id/void', { schema: { params: sc.idParams, body: sc.voidBody, response: detail }, config: { access: 'receipt.void' } }, (req) => s.voidReceipt(db, req.ctx, req.params.id, req.body));
    app.post('/api/receipts/:id/refund', { schema: { params: sc.idParams, body: sc.refundBody, response: detail }, config: { access: 'receipt.void' } }, (req) => s.refundDeposit(db, req.ctx, req.params.id, req.body));
    app.post('/api/receipts/:id/allocations', { schema: { params: sc.idParams, body: sc.allocateBody, response: detail }, config: { access: 'receipt.allocate' } }, (req) => s.allocate(db, req.ctx, req.params.id, req.body));
    app.post('/api/receipts/:id/auto-allocate', { schema: { params: sc.idParams, response: detail }, config: { access: 'receipt.allocate' } }, (req) => s.autoAllocate(db, req.ctx, req.params.id));
    app.post('/api/receipt-allocations/:id/reverse', { schema: { params: sc.idParams, body: sc.reverseBody, response: detail }, config: { access: 'receipt.allocate' } }, (req) => s.reverseAllocation(db, req.ctx, req.params.id, req.body));

    app.get('/api/customer-statements/preview', { schema: { querystring: sc.statementQuery, response: { 200: sc.statementComputedOut } }, config: { access: 'statement.manage' } }, (req) => s.previewStatement(db, req.ctx, req.query));
    app.get('/api/customer-statements/export', { schema: { querystring: sc.statementQuery }, config: { access: 'statement.manage' } }, async (req, reply) => {
      const x = await s.statementRowsForExport(db, req.ctx, req.query);
      return streamXlsx(reply, {
        fileName: x.fileName,
        sheetName: '对账单',
        columns: [
          { header: '日期', key: 'date', width: 12, format: 'date' },
          { header: '类型', key: 'kind', width: 8 },
          { header: '单号', key: 'number', width: 20 },
          { header: '摘要', key: 'description', width: 36 },
          { header: '应收（借方）', key: 'debit', width: 14, format: 'fen' },
          { header: '已收/退货（贷方）', key: 'credit', width: 16, format: 'fen' },
          { header: '余额', key: 'balance', width: 14, format: 'fen' },
        ],
        rows: x.rows,
        totalRows: x.rows.length,
      });
    });
    app.get('/api/customer-statements', { schema: { querystring: sc.statementListQuery, response: { 200: sc.statementPage } }, config: { access: 'statement.manage' } }, (req) => s.listStatements(db, req.ctx, req.query));
    app.post('/api/customer-statements', { schema: { body: sc.statementCreateBody, response: { 200: sc.statementOut } }, config: { access: 'statement.manage' } }, (req) => s.createStatement(db, req.ctx, req.body));
    app.get('/api/customer-statements/:id', { schema: { params: sc.idParams, response: { 200: sc.statementOut } }, config: { access: 'statement.manage' } }, (req) => s.getStatement(db, req.ctx, req.params.id));
    app.post('/api/customer-statements/:id/confirm', { schema: { params: sc.idParams, body: sc.confirmBody, response: { 200: sc.statementOut } }, config: { access: 'statement.manage' } }, (req) => s.confirmStatement(db, req.ctx, req.params.id, req.body));
  };
}
