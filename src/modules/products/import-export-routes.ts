import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../server/modules.ts';
import { streamXlsx } from '../../platform/excel/index.ts';
import { businessDate } from '../../platform/time.ts';
import { registerImportTarget } from '../imports/target.ts';
import { productExportColumns, productExportRows, productImportTarget } from './import-export.ts';
import { productListQuery } from './schema.ts';

export const productExportQuery = productListQuery.omit({ page: true, pageSize: true, sort: true, order: true });

/** Product import (through /api/imports/products) and the export of the filtered list. */
export function productImportExportRoutes({ db }: ModuleDeps): FastifyPluginAsyncZod {
  registerImportTarget(productImportTarget);
  return async (app) => {
    app.get('/api/products/export.xlsx', { schema: { querystring: productExportQuery }, config: { access: 'product.export' } }, async (req, reply) => {
      const rows = await productExportRows(db, req.ctx, req.query);
      return streamXlsx(reply, { fileName: `商品列表-${businessDate().replace(/-/g, '')}.xlsx`, sheetName: '商品', columns: productExportColumns, rows, totalRows: rows.length });
    });
  };
}
