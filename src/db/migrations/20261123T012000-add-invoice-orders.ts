import type { Kysely } from 'kysely';
import { withId } from '../schema-helpers.ts';

// Invoices from an order (company setting invoices.fromOrder, see docs/decisions.md): a 商超 or 地州
// order is invoiced on the confirmed order, before its goods go out. The invoice names its order
// (invoices.order_id) and each of its lines the order line it draws from (invoice_order_sources,
// negative rows for red-letter lines), like invoice_sources does for slip lines.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('invoices').addColumn('order_id', 'bigint', (c) => c.references('sales_orders.id')).execute();
  await db.schema.createIndex('invoices_order').on('invoices').columns(['company_id', 'order_id']).execute();
  await withId(db, db.schema.createTable('invoice_order_sources'))
    .addColumn('company_id', 'bigint', (c) => c.notNull())
    .addColumn('invoice_id', 'bigint', (c) => c.notNull().references('invoices.id'))
    .addColumn('invoice_line_id', 'bigint', (c) => c.notNull().references('invoice_lines.id'))
    .addColumn('order_id', 'bigint', (c) => c.notNull().references('sales_orders.id'))
    .addColumn('order_line_id', 'bigint', (c) => c.notNull().references('sales_order_lines.id'))
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addColumn('amount_ex_tax', 'bigint', (c) => c.notNull())
    .addColumn('tax_amount', 'bigint', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('invoice_order_sources_order').on('invoice_order_sources').columns(['company_id', 'order_id']).execute();
  await db.schema.createIndex('invoice_order_sources_invoice').on('invoice_order_sources').columns(['invoice_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('restore from a backup instead');
}
