import type { Kysely } from 'kysely';

// The customer list filters by city alone too (the province/city index needs the province first).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('customers_company_city').on('customers').columns(['company_id', 'city', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
