import { sql, type Kysely } from 'kysely';

// On hand at a date without summing the whole ledger (src/modules/inventory/query-repo.ts onHandAtDate):
// the ledger's net movement per warehouse × product is also kept per month and per day, written with
// each ledger row (src/modules/inventory/stock.ts). On hand at D = the months before D's month + the
// days of D's month up to D — a few rows per product, whatever the size of the ledger. Back-dated
// documents simply add to the bucket of their date. Filled here from the existing ledger.
export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, period] of [['stock_month_moves', 'month'], ['stock_day_moves', 'day']] as const) {
    await db.schema
      .createTable(table)
      .addColumn('company_id', 'bigint', (c) => c.notNull())
      .addColumn(period, 'text', (c) => c.notNull()) // YYYY-MM or YYYY-MM-DD
      .addColumn('warehouse_id', 'bigint', (c) => c.notNull())
      .addColumn('product_id', 'bigint', (c) => c.notNull())
      .addColumn('quantity', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ['company_id', period, 'warehouse_id', 'product_id'])
      .execute();
    // the sums read (period range → pair, quantity) from the index alone
    await db.schema.createIndex(`${table}_sum`).on(table).columns(['company_id', period, 'warehouse_id', 'product_id', 'quantity']).execute();
  }
  await sql`insert into stock_month_moves (company_id, month, warehouse_id, product_id, quantity)
    select company_id, substr(business_date, 1, 7), warehouse_id, product_id, sum(quantity) from stock_ledger
    group by company_id, substr(business_date, 1, 7), warehouse_id, product_id`.execute(db);
  await sql`insert into stock_day_moves (company_id, day, warehouse_id, product_id, quantity)
    select company_id, business_date, warehouse_id, product_id, sum(quantity) from stock_ledger
    group by company_id, business_date, warehouse_id, product_id`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('restore from a backup instead');
}
