import { sql, type Kysely } from 'kysely';

// How a slip's goods leave is a field of its own, sales_slips.delivery_mode: 'driver' (one of our
// drivers, named on the slip) or 'pickup' (客户自提, the customer takes them at the counter, no driver).
// Until now a pickup was written as the driver name 客户自提, so a real driver of that name was counted
// with the pickups. A driver's day of reconciliation 对单 carries the mode too: a pickup day is keyed by
// the mode, its driver_name '' (the column is NOT NULL, and no driver is named '': the API requires a name).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sales_slips').addColumn('delivery_mode', 'text', (c) => c.notNull().defaultTo('driver')).execute();
  await db.schema.alterTable('driver_reconciliations').addColumn('delivery_mode', 'text', (c) => c.notNull().defaultTo('driver')).execute();
  await convertPickups(db);
}

/**
 * The pickups written under the old name become mode 'pickup' with no driver — one UPDATE per table
 * (the migration runs on one connection outside a transaction on SQLite: no db.transaction() here).
 */
export async function convertPickups(db: Kysely<any>): Promise<void> {
  await sql`update sales_slips set delivery_mode = 'pickup', driver_name = null, driver_phone = null where driver_name = '客户自提'`.execute(db);
  await sql`update driver_reconciliations set delivery_mode = 'pickup', driver_name = '' where driver_name = '客户自提'`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
