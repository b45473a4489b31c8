import type { Kysely } from 'kysely';

// The stock documents list is in business-date order, then number, newest first (all kinds, or one
// kind): the page is read from these indexes in order. They supersede (company, doc_type, business_date, id).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('stock_documents_date').on('stock_documents').columns(['company_id', 'business_date', 'number', 'id']).execute();
  await db.schema.createIndex('stock_documents_type_date').on('stock_documents').columns(['company_id', 'doc_type', 'business_date', 'number', 'id']).execute();
  await db.schema.dropIndex('stock_documents_list').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
