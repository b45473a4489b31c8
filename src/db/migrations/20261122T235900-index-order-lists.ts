import type { Kysely } from 'kysely';

// The order list sorts by business date, newest first (src/modules/orders/list-repo.ts): every list
// index of sales_orders ends in (business_date, id), so each filter's page is one index walk; the
// status and type indexes also carry the owner, so a rep's or manager's count reads the index only.
const lists: Record<string, string[]> = {
  sales_orders_owner: ['company_id', 'owner_id', 'business_date', 'id'],
  sales_orders_status: ['company_id', 'status', 'business_date', 'id', 'owner_id'],
  sales_orders_customer: ['company_id', 'customer_id', 'business_date', 'id'],
  sales_orders_type: ['company_id', 'order_type', 'business_date', 'id', 'owner_id'],
};

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, columns] of Object.entries(lists)) {
    await db.schema.dropIndex(name).ifExists().execute();
    await db.schema.createIndex(name).on('sales_orders').columns(columns).execute();
  }
}

export async function down(): Promise<void> {
  throw new Error('restore from a backup instead');
}
