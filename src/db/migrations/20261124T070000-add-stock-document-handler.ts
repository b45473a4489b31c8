import type { Kysely } from 'kysely';

// Stock documents name their handler 经手人 at entry (the recipient of an outbound slip, the person who
// brought or took the goods): only that user signs as handler, as on sales slips. Documents submitted
// before this have none; their handler's place stays open to anyone who holds no other role on them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('stock_documents').addColumn('handler_id', 'bigint', (c) => c.references('users.id')).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
