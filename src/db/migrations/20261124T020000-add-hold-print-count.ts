import type { Kysely } from 'kysely';

// The hold's order form 留货单（订购单）is counted like a sales slip: the first print is the original, every
// later one a reprint 补打 marked 副本 with its number on both copies (the customer's copy is their
// receipt for the deposit; a second one must not pass for an original).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('holds').addColumn('print_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
