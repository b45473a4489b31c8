import type { Kysely } from 'kysely';

// Leads (engineer D): indexes for the list filters and sorts (created range, channel, creator scope)

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('leads_company_created').on('leads').columns(['company_id', 'created_at']).execute();
  await db.schema.createIndex('leads_company_channel').on('leads').columns(['company_id', 'channel', 'id']).execute();
  await db.schema.createIndex('leads_company_creator').on('leads').columns(['company_id', 'created_by', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
