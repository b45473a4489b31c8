import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../server/modules.ts';
import { streamXlsx } from '../../platform/excel/index.ts';
import { businessDate } from '../../platform/time.ts';
import { registerImportTarget } from '../imports/target.ts';
import { customerExportColumns, customerExportCount, customerExportRows, customerImportTarget } from './import-export.ts';
import { customerListQuery } from './schema.ts';

export const customerExportQuery = customerListQuery.omit({ page: true, pageSize: true, sort: true, order: true });

/** Customer import (through /api/imports/customers) and the streamed export of the filtered list. */
export function customerImportExportRoutes({ db }: ModuleDeps): FastifyPluginAsyncZod {
  registerImportTarget(customerImportTarget);
  return async (app) => {
    app.get('/api/customers/export.xlsx', { schema: { querystring: customerExportQuery }, config: { access: 'customer.export' } }, async (req, reply) => {
      const totalRows = await customerExportCount(db, req.ctx, req.query);
      return streamXlsx(reply, {
        fileName: `客户列表-${businessDate().replace(/-/g, '')}.xlsx`,
        sheetName: '客户',
        columns: customerExportColumns,
        rows: customerExportRows(db, req.ctx, req.query),
        totalRows,
      });
    });
  };
}
