import type { Kysely } from 'kysely';

// Collections (issue 5): the company-wide 催收记录 list reads the newest actions first.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('dunning_actions_date').on('dunning_actions').columns(['company_id', 'action_date', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
