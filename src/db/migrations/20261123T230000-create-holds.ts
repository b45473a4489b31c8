import type { Kysely } from 'kysely';
import { withId } from '../schema-helpers.ts';

// Holds and deposits 留货 订金/定金 (MISSION.md §4, seed 000): a customer holds goods against a small
// deposit 订金 for a few days (once per customer and product, no extensions), or firms them up with a
// larger deposit 定金 and a signed subscription agreement 认购协议. Special prices and later signing
// dates are requests a manager approves. A hold keeps its stock reserved (stock_reservations,
// source 'hold') until it expires, is released or voided, or the order made from it is confirmed.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('holds'))
    .addColumn('company_id', 'bigint', (c) => c.notNull().references('companies.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // held | firm | converted | released | expired | void
    .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id'))
    .addColumn('customer_name', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'bigint', (c) => c.notNull()) // the rep
    .addColumn('holder_name', 'text', (c) => c.notNull()) // 保留人
    .addColumn('holder_phone', 'text')
    .addColumn('product_id', 'bigint', (c) => c.notNull().references('products.id'))
    .addColumn('warehouse_id', 'bigint', (c) => c.notNull().references('warehouses.id'))
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('list_price', 'bigint', (c) => c.notNull()) // 0.0001 yuan, the price list's at the hold
    .addColumn('agreed_price', 'bigint') // 0.0001 yuan, a special price a manager approved
    .addColumn('deposit', 'bigint', (c) => c.notNull()) // 订金, fen
    .addColumn('deposit_received_by', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull()) // a 订金 hold ends by itself after this instant
    .addColumn('firm_deposit', 'bigint') // 定金, fen
    .addColumn('agreement_no', 'text') // 认购协议编号
    .addColumn('firm_at', 'text')
    .addColumn('firm_by', 'bigint')
    .addColumn('sign_by', 'text') // a firm hold's date to sign and pay by (YYYY-MM-DD)
    .addColumn('order_id', 'bigint', (c) => c.references('sales_orders.id')) // the order made from it
    .addColumn('ended_at', 'text') // released, expired or converted
    .addColumn('ended_by', 'bigint')
    .addColumn('end_reason', 'text')
    .addColumn('deposit_outcome', 'text') // refunded | forfeited | to_order
    .addColumn('remarks', 'text')
    .addColumn('created_by', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('voided_at', 'text')
    .addColumn('voided_by', 'bigint')
    .addColumn('void_reason', 'text')
    .addUniqueConstraint('holds_company_number', ['company_id', 'number'])
    .execute();
  await db.schema.createIndex('holds_company_status').on('holds').columns(['company_id', 'status', 'id']).execute();
  await db.schema.createIndex('holds_customer_product').on('holds').columns(['company_id', 'customer_id', 'product_id']).execute();
  await db.schema.createIndex('holds_phone_product').on('holds').columns(['company_id', 'holder_phone', 'product_id']).execute();
  await db.schema.createIndex('holds_expiry').on('holds').columns(['status', 'expires_at']).execute();

  await withId(db, db.schema.createTable('hold_requests'))
    .addColumn('company_id', 'bigint', (c) => c.notNull())
    .addColumn('hold_id', 'bigint', (c) => c.notNull().references('holds.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // special_price 特别优惠 | extension 延期
    .addColumn('status', 'text', (c) => c.notNull()) // pending | approved | rejected
    .addColumn('unit_price', 'bigint') // special_price: 0.0001 yuan
    .addColumn('sign_by', 'text') // extension: the new date
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'bigint', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'bigint')
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .execute();
  await db.schema.createIndex('hold_requests_hold').on('hold_requests').columns(['hold_id', 'id']).execute();
  await db.schema.createIndex('hold_requests_pending').on('hold_requests').columns(['company_id', 'status', 'id']).execute();

  // an order entered from a hold takes the hold's stock when it is confirmed (orders/flow.ts reserveFor)
  await db.schema.alterTable('sales_orders').addColumn('hold_id', 'bigint').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
