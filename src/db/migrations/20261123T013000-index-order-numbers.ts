import type { Kysely } from 'kysely';

// The order list's slow searches at a million orders (BENCHMARKS.md, issue 4; src/modules/orders/list-repo.ts):
// - an order-number prefix in a rep's or manager's scope: (company, owner, number) finds their matches
//   without reading each of the rep's orders; with (business_date, id) the page sorts from the index;
// - a broad number prefix (a month: DD-202604-) in company scope: the page's ids are sorted from
//   (company, number, business_date, id, owner) alone — a manager's scope tested in it too — and only the page's rows are read.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('sales_orders_owner_number').ifNotExists().on('sales_orders').columns(['company_id', 'owner_id', 'number', 'business_date', 'id']).execute();
  await db.schema.createIndex('sales_orders_number_date').ifNotExists().on('sales_orders').columns(['company_id', 'number', 'business_date', 'id', 'owner_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('restore from a backup instead');
}
