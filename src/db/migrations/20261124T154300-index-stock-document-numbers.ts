import { sql, type Kysely } from 'kysely';

// The stock documents list sorted by number puts drafts (no number yet) as the newest, by ordering on
// (number is null) before the number, the same on both databases. The unique (company_id, doc_type,
// number) constraint cannot give that order, so a sort by number read every document and sorted it.
// These carry the expression as stock_documents_date_draft does: the page is read from an index in
// order, for all kinds and for one kind, on SQLite and PostgreSQL alike.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index stock_documents_number_draft on stock_documents (company_id, (number is null), number, id)`.execute(db);
  await sql`create index stock_documents_type_number_draft on stock_documents (company_id, doc_type, (number is null), number, id)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
