import type { Kysely } from 'kysely';

// Inventory (issue 4): a warehouse may keep its own safety and target stock of a product (a branch
// warehouse holds less than the central one); null means the product's own figures apply. A level
// row may exist with nothing on hand just to carry them (the ledger check sees 0 = 0).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('stock_levels').addColumn('safety_stock', 'bigint').execute();
  await db.schema.alterTable('stock_levels').addColumn('target_stock', 'bigint').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
