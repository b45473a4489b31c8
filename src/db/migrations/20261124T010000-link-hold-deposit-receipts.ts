import type { Kysely } from 'kysely';

// A hold's deposits 订金/定金 are money in finance's hands (seed 000: 收款人——行助): each is recorded as
// a receipt 收款单 when it is taken, linked to its hold. While the hold is open the receipt is a hold
// deposit (status on_hold): not the customer's credit and not to be allocated. It becomes an ordinary
// receipt when the order made from the hold is confirmed (applied to the order's slips at posting), or
// ends refunded / forfeited with the hold, or void with a voided hold (src/modules/receipts/deposits.ts).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('receipts').addColumn('hold_id', 'bigint', (c) => c.references('holds.id')).execute();
  await db.schema.createIndex('receipts_hold').on('receipts').columns(['hold_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
