import type { Kysely } from 'kysely';

// The cash a walk-in customer hands over at the counter 实收现金, in fen, kept on the slip: the change
// 找零 is derived (cash_tendered − total_amount) and printed with it. Null when the counter did not
// enter it (a sale may be written without it) and on every slip from an order.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sales_slips').addColumn('cash_tendered', 'bigint').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
