import { sql, type Kysely } from 'kysely';

// The order list's 让价 filter (orders under the price list, price_concession > 0): a few in a hundred
// orders, so walking the date index for a page of them would read thousands of rows at a million
// orders. A partial index holds only those orders, in the list's order (newest business date, then id),
// with the owner for a manager's or rep's scope and the figure itself (so the count reads the index alone). The list's condition is written with the literal 0 so
// both planners see the index's WHERE implied.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index sales_orders_concession on sales_orders (company_id, business_date, id, owner_id, price_concession) where price_concession > 0`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
