import type { Kysely } from 'kysely';

// The customer list of a manager or a rep is read owner by owner (see listCustomers in
// src/modules/customers/repo.ts): the city and classification filters as an index range per owner,
// and, per sort key, the owner's rows in sort order (ties by id, so the index gives the list's whole
// order) with the two filters in the index, so walking an owner's rows until a page is found reads
// no table rows.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('customers_owner_city_class').on('customers').columns(['company_id', 'owner_id', 'city', 'classification']).execute();
  await db.schema.createIndex('customers_owner_walk_id').on('customers').columns(['company_id', 'owner_id', 'id', 'city', 'classification']).execute();
  await db.schema.createIndex('customers_owner_walk_code').on('customers').columns(['company_id', 'owner_id', 'code', 'id', 'city', 'classification']).execute();
  await db.schema.createIndex('customers_owner_walk_pinyin').on('customers').columns(['company_id', 'owner_id', 'search_pinyin', 'id', 'city', 'classification']).execute();
  await db.schema.createIndex('customers_owner_walk_followup').on('customers').columns(['company_id', 'owner_id', 'last_followup_at', 'id', 'city', 'classification']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
