import type { Kysely } from 'kysely';

// Inventory (issue 4): box codes 箱码 typed on a draft inbound line are kept on the line (JSON list)
// until submit registers them in unit_codes; purchase requests are voided with who, when and why
// like every other document; lookups of the codes of an inbound slip and of the requests an order raised.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('stock_document_lines').addColumn('box_codes', 'text').execute();
  await db.schema.alterTable('purchase_requests').addColumn('voided_at', 'text').execute();
  await db.schema.alterTable('purchase_requests').addColumn('voided_by', 'bigint').execute();
  await db.schema.alterTable('purchase_requests').addColumn('void_reason', 'text').execute();
  await db.schema.createIndex('unit_codes_inbound_doc').on('unit_codes').columns(['company_id', 'inbound_doc_id']).execute();
  await db.schema.createIndex('purchase_requests_source').on('purchase_requests').columns(['company_id', 'source_type', 'source_id']).execute();
  await db.schema.createIndex('stock_documents_status').on('stock_documents').columns(['company_id', 'status', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
