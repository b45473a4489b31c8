import type { Kysely } from 'kysely';

// Sales slips by driver (the slip list's driver filter, the driver reconciliation 对单 of a day):
// (company, driver, business date, id) answers both from the index.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('sales_slips_driver').on('sales_slips').columns(['company_id', 'driver_name', 'business_date', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('indexes of documents are not dropped; restore from a backup instead');
}
