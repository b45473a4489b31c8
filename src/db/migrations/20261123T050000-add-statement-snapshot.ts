import type { Kysely } from 'kysely';

// Customer statements 对账单 (issue 5): a saved statement keeps the rows the customer was sent and
// signs (JSON of the statement as computed when it was saved), not only its totals. Statements saved
// before this have none and are shown as computed now, as before.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('customer_statements').addColumn('snapshot', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
