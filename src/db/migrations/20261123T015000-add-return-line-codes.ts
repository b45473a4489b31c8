import type { Kysely } from 'kysely';

// Slips (issue 4): the box/bottle codes of units that came back on a return slip 退货单 are kept on
// its line (JSON list), so a code's way out (the slip) and back (the return) can both be read.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sales_return_lines').addColumn('codes', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
