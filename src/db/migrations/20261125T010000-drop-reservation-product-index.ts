import type { Kysely } from 'kysely';

// stock_reservations_product (company, product, warehouse) served no query: reservations are read by their
// document (stock_reservations_source) or line (the unique key), and what a level holds is its own
// `reserved` column. The check against the ledger sums a company's reservations whole, by a scan. Every
// order line still paid for it: one more index entry, on a page of its own on SQLite (the reservations
// INSERT 14 against 22–27 µs an order, the COMMIT 55–58 against 64–75 µs: BENCHMARKS.md, session 18).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('stock_reservations_product').ifExists().execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
