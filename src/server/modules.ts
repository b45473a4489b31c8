import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db, Dialect } from '../db/database.ts';
import { adminRoutes } from '../modules/admin/routes.ts';
import { importRoutes } from '../modules/imports/routes.ts';
import { customerImportExportRoutes } from '../modules/customers/import-export-routes.ts';
import { customerOwnershipRoutes } from '../modules/customers/ownership-routes.ts';
import { customerRoutes } from '../modules/customers/routes.ts';
import { leadRoutes } from '../modules/leads/routes.ts';
import { notificationRoutes } from '../modules/notifications/routes.ts';
import { directoryRoutes } from '../modules/directory/routes.ts';
import { inventoryRoutes } from '../modules/inventory/routes.ts';
import { slipRoutes } from '../modules/slips/routes.ts';
import { invoiceRoutes } from '../modules/invoices/routes.ts';
import { receiptRoutes } from '../modules/receipts/routes.ts';
import { receivableRoutes } from '../modules/receivables/routes.ts';
import { collectionRoutes } from '../modules/collections/routes.ts';
import { holdRoutes } from '../modules/holds/routes.ts';
import { orderRoutes } from '../modules/orders/routes.ts';
import { productRoutes } from '../modules/products/routes.ts';
import { productImportExportRoutes } from '../modules/products/import-export-routes.ts';

export type ModuleDeps = { db: Db; dialect: Dialect };

/** Every business module's routes. A module registered here is covered by the whole-API tests. */
export function moduleRoutes(deps: ModuleDeps): FastifyPluginAsyncZod[] {
  return [adminRoutes(deps), importRoutes(deps), customerImportExportRoutes(deps), customerOwnershipRoutes(deps), customerRoutes(deps), leadRoutes(deps), notificationRoutes(deps), directoryRoutes(deps), productImportExportRoutes(deps), productRoutes(deps), orderRoutes(deps), holdRoutes(deps), slipRoutes(deps), receiptRoutes(deps), receivableRoutes(deps), inventoryRoutes(deps), invoiceRoutes(deps), collectionRoutes(deps)];
}
