import { sql, type Kysely } from 'kysely';

// The stock documents list takes a draft (no number yet) as the newest of its business date on both
// databases, by ordering on (number is null) before the number: PostgreSQL and SQLite put NULLs at
// opposite ends otherwise. These indexes carry that expression, so the list's page is still read from
// an index in order on both (an expression both dialects index and match in ORDER BY). They supersede
// stock_documents_date and stock_documents_type_date.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index stock_documents_date_draft on stock_documents (company_id, business_date, (number is null), number, id)`.execute(db);
  await sql`create index stock_documents_type_date_draft on stock_documents (company_id, doc_type, business_date, (number is null), number, id)`.execute(db);
  await db.schema.dropIndex('stock_documents_date').execute();
  await db.schema.dropIndex('stock_documents_type_date').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
