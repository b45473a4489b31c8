import type { Kysely } from 'kysely';

// A deposit 订金/定金 given back is money paid out, so finance records it: a hold released with a refund
// leaves its deposit receipts 待退款 (refund_due) until the cashier has paid the customer back and
// records how (the method), when and by whom; only then are they 已退还 (refunded). The rep decides on
// the hold; the money moves through finance (src/modules/receipts/deposits.ts).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('receipts').addColumn('refund_method', 'text').execute();
  await db.schema.alterTable('receipts').addColumn('refund_note', 'text').execute();
  await db.schema.alterTable('receipts').addColumn('refunded_at', 'text').execute();
  await db.schema.alterTable('receipts').addColumn('refunded_by', 'bigint', (c) => c.references('users.id')).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
