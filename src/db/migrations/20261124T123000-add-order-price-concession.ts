import type { Kysely } from 'kysely';

// 让价: an order line keeps the price-list price it was entered against (the customer's price for the
// order type, else the product's list price), and the order the amount by which its lines come under
// those prices. An order under the price list goes to finance review (company setting), and the review
// shows which lines and by how much. Orders entered before this have no list price on their lines and
// a concession of 0.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sales_order_lines').addColumn('list_price', 'bigint').execute(); // 0.0001 yuan
  await db.schema.alterTable('sales_orders').addColumn('price_concession', 'bigint', (c) => c.notNull().defaultTo(0)).execute(); // fen
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
