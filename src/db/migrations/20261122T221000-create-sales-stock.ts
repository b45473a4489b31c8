import type { CreateTableBuilder, Kysely } from 'kysely';
import { withId } from '../schema-helpers.ts';

// Products, stock, sales orders and sales slips (MISSION.md §4, §5; issue 4).
// Money: amounts in fen (bigint); unit prices in 0.0001 yuan (bigint, columns named *_price);
// tax and discount rates in basis points (1300 = 13 %). Quantities: integers of the product's unit.
// Documents carry status, number (assigned at submit), version and the void fields; no document
// row is ever deleted.

const documentColumns = <T extends string>(t: CreateTableBuilder<T, any>) =>
  t
    .addColumn('created_by', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('voided_at', 'text')
    .addColumn('voided_by', 'bigint')
    .addColumn('void_reason', 'text');

/** who signed, when: keeper 仓管, preparer 开单人, handler 经手人 — each by their own login */
const signatureColumns = <T extends string>(t: CreateTableBuilder<T, any>) =>
  t
    .addColumn('keeper_signed_by', 'bigint')
    .addColumn('keeper_signed_at', 'text')
    .addColumn('preparer_signed_by', 'bigint')
    .addColumn('preparer_signed_at', 'text')
    .addColumn('handler_signed_by', 'bigint')
    .addColumn('handler_signed_at', 'text');

export async function up(db: Kysely<any>): Promise<void> {
  // ── products ──
  await withId(db, db.schema.createTable('products'))
    .addColumn('company_id', 'bigint', (c) => c.notNull().references('companies.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('spec', 'text')
    .addColumn('unit', 'text', (c) => c.notNull()) // 瓶
    .addColumn('pack_unit', 'text') // 箱
    .addColumn('pack_size', 'integer') // 1 箱 = 12 瓶
    .addColumn('barcode', 'text')
    .addColumn('pack_barcode', 'text')
    .addColumn('category', 'text')
    .addColumn('brand', 'text')
    .addColumn('tax_rate_bp', 'integer', (c) => c.notNull()) // 1300 = 13 %
    .addColumn('list_price', 'bigint', (c) => c.notNull()) // 0.0001 yuan, tax included
    .addColumn('cost_price', 'bigint')
    .addColumn('shelf_life_days', 'integer')
    .addColumn('safety_stock', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('target_stock', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('track_codes', 'integer', (c) => c.notNull().defaultTo(0)) // box/bottle codes scanned at issue
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('search_key', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('created_by', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('products_company_code', ['company_id', 'code'])
    .execute();
  await db.schema.createIndex('products_company_search').on('products').columns(['company_id', 'search_key']).execute();
  await db.schema.createIndex('products_company_barcode').on('products').columns(['company_id', 'barcode']).execute();
  await db.schema.createIndex('products_company_category').on('products').columns(['company_id', 'category', 'id']).execute();

  // price lists per channel (order type) and/or customer class; the most specific active one wins
  await withId(db, db.schema.createTable('price_lists'))
    .addColumn('company_id', 'bigint', (c) => c.notNull().references('companies.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('order_type', 'text') // direct | wholesale | regional | supermarket; null = any
    .addColumn('customer_class', 'text') // potential | formal | vip; null = any
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('price_lists_company_code', ['company_id', 'code'])
    .execute();
  await withId(db, db.schema.createTable('price_list_items'))
    .addColumn('company_id', 'bigint', (c) => c.notNull())
    .addColumn('price_list_id', 'bigint', (c) => c.notNull().references('price_lists.id'))
    .addColumn('product_id', 'bigint', (c) => c.notNull().references('products.id'))
    .addColumn('unit_price', 'bigint', (c) => c.notNull()) // 0.0001 yuan
    .addUniqueConstraint('price_list_items_list_product', ['price_list_id', 'product_id'])
    .execute();
  await db.schema.createIndex('price_list_items_product').on('price_list_items').columns(['company_id', 'product_id']).execute();

  // ── warehouses and stock ──
  await withId(db, db.schema.createTable('warehouses'))
    .addColumn('company_id', 'bigint', (c) => c.notNull().references('companies.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('keeper_id', 'bigint', (c) => c.references('users.id'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('warehouses_company_code', ['company_id', 'code'])
    .execute();

  // one row per warehouse × product: on hand and reserved; available = on_hand − reserved.
  // Reservations and issues are conditional updates on this row (never read-then-write).
  await withId(db, db.schema.createTable('stock_levels'))
    .addColumn('company_id', 'bigint', (c) => c.notNull())
    .addColumn('warehouse_id', 'bigint', (c) => c.notNull().references('warehouses.id'))
    .addColumn('product_id', 'bigint', (c) => c.notNull().references('products.id'))
    .addColumn('on_hand', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('reserved', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('stock_levels_key', ['company_id', 'warehouse_id', 'product_id'])
    .execute();
  await db.schema.createIndex('stock_levels_product').on('stock_levels').columns(['company_id', 'product_id']).execute();

  // per batch ('' when the goods carry no batch number)
  await withId(db, db.schema.createTable('stock_batches'))
    .addColumn('company_id', 'bigint', (c) => c.notNull())
    .addColumn('warehouse_id', 'bigint', (c) => c.notNull().references('warehouses.id'))
    .addColumn('product_id', 'bigint', (c) => c.notNull().references('products.id'))
    .addColumn('batch_no', 'text', (c) => c.notNull())
    .addColumn('production_date', 'text')
    .addColumn('expiry_date', 'text')
    .addColumn('on_hand', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('stock_batches_key', ['company_id', 'warehouse_id', 'product_id', 'batch_no'])
    .execute();
  await db.schema.createIndex('stock_batches_expiry').on('stock_batches').columns(['company_id', 'expiry_date']).execute();

  // every movement with its source document; on hand at a date = sum of the ledger up to it
  await withId(db, db.schema.createTable('stock_ledger'))
    .addColumn('company_id', 'bigint', (c) => c.notNull())
    .addColumn('warehouse_id', 'bigint', (c) => c.notNull())
    .addColumn('product_id', 'bigint', (c) => c.notNull())
    .addColumn('batch_id', 'bigint', (c) => c.notNull().references('stock_batches.id'))
    .addColumn('quantity', 'bigint', (c) => c.notNull()) // + in, − out
    .addColumn('doc_type', 'text', (c) => c.notNull()) // inbound | outbound | transfer | count | sales_slip | sales_return …
    .addColumn('doc_id', 'bigint', (c) => c.notNull())
    .addColumn('doc_no', 'text', (c) => c.notNull())
    .addColumn('doc_line_id', 'bigint')
    .addColumn('reverses_id', 'bigint') // the ledger row a void takes back
    .addColumn('business_date', 'text', (c) => c.notNull())
    .addColumn('created_by', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stock_ledger_product_date').on('stock_ledger').columns(['company_id', 'product_id', 'warehouse_id', 'business_date']).execute();
  await db.schema.createIndex('stock_ledger_doc').on('stock_ledger').columns(['company_id', 'doc_type', 'doc_id']).execute();

  // what a confirmed order holds; quantity is what is still reserved (decreases as slips issue)
  await withId(db, db.schema.createTable('stock_reservations'))
    .addColumn('company_id', 'bigint', (c) => c.notNull())
    .addColumn('warehouse_id', 'bigint', (c) => c.notNull())
    .addColumn('product_id', 'bigint', (c) => c.notNull())
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addColumn('source_type', 'text', (c) => c.notNull()) // sales_order
    .addColumn('source_id', 'bigint', (c) => c.notNull())
    .addColumn('source_line_id', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('stock_reservations_source_line', ['company_id', 'source_type', 'source_line_id'])
    .execute();
  await db.schema.createIndex('stock_reservations_source').on('stock_reservations').columns(['company_id', 'source_type', 'source_id']).execute();
  await db.schema.createIndex('stock_reservations_product').on('stock_reservations').columns(['company_id', 'product_id', 'warehouse_id']).execute();

  // inbound 入库单, outbound 出库单 (gifts, samples, other issues), transfer 调拨单, count 盘点单
  await documentColumns(signatureColumns(withId(db, db.schema.createTable('stock_documents'))
    .addColumn('company_id', 'bigint', (c) => c.notNull().references('companies.id'))
    .addColumn('doc_type', 'text', (c) => c.notNull()) // inbound | outbound | transfer | count
    .addColumn('number', 'text')
    .addColumn('status', 'text', (c) => c.notNull()) // draft | submitted | signed | void | discarded
    .addColumn('warehouse_id', 'bigint', (c) => c.notNull().references('warehouses.id'))
    .addColumn('to_warehouse_id', 'bigint', (c) => c.references('warehouses.id'))
    .addColumn('business_date', 'text', (c) => c.notNull())
    .addColumn('counterparty', 'text') // supplier (inbound) or recipient unit / person (outbound)
    .addColumn('reason', 'text') // gift, sample, … (outbound), count note
    .addColumn('remarks', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by', 'bigint')))
    .addUniqueConstraint('stock_documents_number', ['company_id', 'doc_type', 'number'])
    .execute();
  await db.schema.createIndex('stock_documents_list').on('stock_documents').columns(['company_id', 'doc_type', 'business_date', 'id']).execute();
  await withId(db, db.schema.createTable('stock_document_lines'))
    .addColumn('company_id', 'bigint', (c) => c.notNull())
    .addColumn('document_id', 'bigint', (c) => c.notNull().references('stock_documents.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'bigint', (c) => c.notNull().references('products.id'))
    .addColumn('batch_no', 'text')
    .addColumn('production_date', 'text')
    .addColumn('expiry_date', 'text')
    .addColumn('quantity', 'bigint', (c) => c.notNull()) // moved; for a count: the counted quantity
    .addColumn('book_quantity', 'bigint') // count: the book figure when counted
    .addColumn('remarks', 'text')
    .execute();
  await db.schema.createIndex('stock_document_lines_doc').on('stock_document_lines').columns(['document_id']).execute();

  // box 箱码 / bottle 瓶码 codes: registered at inbound (or first seen at issue); a code leaves once
  await withId(db, db.schema.createTable('unit_codes'))
    .addColumn('company_id', 'bigint', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // box | bottle
    .addColumn('product_id', 'bigint', (c) => c.notNull().references('products.id'))
    .addColumn('warehouse_id', 'bigint')
    .addColumn('batch_no', 'text')
    .addColumn('status', 'text', (c) => c.notNull()) // in_stock | issued
    .addColumn('inbound_doc_id', 'bigint')
    .addColumn('issued_doc_type', 'text')
    .addColumn('issued_doc_id', 'bigint')
    .addColumn('issued_doc_no', 'text')
    .addColumn('issued_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('unit_codes_company_code', ['company_id', 'code'])
    .execute();
  await db.schema.createIndex('unit_codes_issued_doc').on('unit_codes').columns(['company_id', 'issued_doc_type', 'issued_doc_id']).execute();

  // a buyer's to-do when an order cannot be filled or stock falls below the safety level
  await withId(db, db.schema.createTable('purchase_requests'))
    .addColumn('company_id', 'bigint', (c) => c.notNull().references('companies.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // open | ordered | closed | void
    .addColumn('product_id', 'bigint', (c) => c.notNull().references('products.id'))
    .addColumn('warehouse_id', 'bigint', (c) => c.notNull().references('warehouses.id'))
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addColumn('source_type', 'text') // sales_order | replenishment
    .addColumn('source_id', 'bigint')
    .addColumn('reason', 'text')
    .addColumn('created_by', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('purchase_requests_number', ['company_id', 'number'])
    .execute();
  await db.schema.createIndex('purchase_requests_list').on('purchase_requests').columns(['company_id', 'status', 'id']).execute();

  // ── sales orders ──
  await documentColumns(withId(db, db.schema.createTable('sales_orders'))
    .addColumn('company_id', 'bigint', (c) => c.notNull().references('companies.id'))
    .addColumn('number', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('order_type', 'text', (c) => c.notNull()) // direct 直销 | wholesale 二批 | regional 地州 | supermarket 商超
    .addColumn('payment_term', 'text', (c) => c.notNull()) // cash 现款 | monthly 月结 | hold 压单 | rolling 滚单 | transfer 汇款
    .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id'))
    .addColumn('customer_name', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('delivery_address', 'text')
    .addColumn('owner_id', 'bigint', (c) => c.notNull().references('users.id')) // the rep
    .addColumn('warehouse_id', 'bigint', (c) => c.notNull().references('warehouses.id'))
    .addColumn('price_includes_tax', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('business_date', 'text', (c) => c.notNull())
    .addColumn('delivery_date', 'text')
    .addColumn('delivery_method', 'text') // self_pickup | our_delivery | carrier | express
    .addColumn('carrier_name', 'text')
    .addColumn('carrier_phone', 'text')
    .addColumn('remarks', 'text')
    .addColumn('total_quantity', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('amount_ex_tax', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('tax_amount', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('total_amount', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('pending_reviews', 'text') // JSON list of reviews still to give: ["finance","logistics"]
    .addColumn('backorder', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('payment_received', 'bigint', (c) => c.notNull().defaultTo(0)) // 地州: recorded before a slip
    .addColumn('payment_received_at', 'text')
    .addColumn('payment_recorded_by', 'bigint')
    .addColumn('credit_override_by', 'bigint')
    .addColumn('credit_override_reason', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('confirmed_at', 'text')
    .addColumn('delivered_at', 'text')
    .addColumn('customer_confirmed_at', 'text')
    .addColumn('closed_at', 'text'))
    .addUniqueConstraint('sales_orders_number', ['company_id', 'number'])
    .execute();
  await db.schema.createIndex('sales_orders_owner').on('sales_orders').columns(['company_id', 'owner_id', 'id']).execute();
  await db.schema.createIndex('sales_orders_customer').on('sales_orders').columns(['company_id', 'customer_id', 'id']).execute();
  await db.schema.createIndex('sales_orders_status').on('sales_orders').columns(['company_id', 'status', 'id']).execute();
  await db.schema.createIndex('sales_orders_date').on('sales_orders').columns(['company_id', 'business_date', 'id']).execute();

  await withId(db, db.schema.createTable('sales_order_lines'))
    .addColumn('company_id', 'bigint', (c) => c.notNull())
    .addColumn('order_id', 'bigint', (c) => c.notNull().references('sales_orders.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'bigint', (c) => c.notNull().references('products.id'))
    .addColumn('product_code', 'text', (c) => c.notNull())
    .addColumn('product_name', 'text', (c) => c.notNull())
    .addColumn('spec', 'text')
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('barcode', 'text')
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addColumn('unit_price', 'bigint', (c) => c.notNull()) // 0.0001 yuan
    .addColumn('discount_bp', 'integer', (c) => c.notNull().defaultTo(0)) // 500 = 5 % off
    .addColumn('tax_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('amount_ex_tax', 'bigint', (c) => c.notNull())
    .addColumn('tax_amount', 'bigint', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull()) // with tax
    .addColumn('reserved_quantity', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('shipped_quantity', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('remarks', 'text')
    .execute();
  await db.schema.createIndex('sales_order_lines_order').on('sales_order_lines').columns(['order_id']).execute();

  // finance / logistics reviews: each approves or returns with a reason
  await withId(db, db.schema.createTable('sales_order_reviews'))
    .addColumn('company_id', 'bigint', (c) => c.notNull())
    .addColumn('order_id', 'bigint', (c) => c.notNull().references('sales_orders.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // finance | logistics
    .addColumn('decision', 'text', (c) => c.notNull()) // approved | returned
    .addColumn('reason', 'text')
    .addColumn('reviewer_id', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sales_order_reviews_order').on('sales_order_reviews').columns(['order_id']).execute();

  // change orders 变更单: what changed (JSON before/after), why, who approved
  await withId(db, db.schema.createTable('sales_order_changes'))
    .addColumn('company_id', 'bigint', (c) => c.notNull())
    .addColumn('order_id', 'bigint', (c) => c.notNull().references('sales_orders.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'bigint', (c) => c.notNull())
    .addColumn('approved_by', 'bigint')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sales_order_changes_order').on('sales_order_changes').columns(['order_id']).execute();

  // ── sales slips 销货清单 ──
  await documentColumns(signatureColumns(withId(db, db.schema.createTable('sales_slips'))
    .addColumn('company_id', 'bigint', (c) => c.notNull().references('companies.id'))
    .addColumn('number', 'text')
    .addColumn('status', 'text', (c) => c.notNull()) // draft | issued | signed | delivered | reconciled | posted | void
    .addColumn('order_id', 'bigint', (c) => c.references('sales_orders.id')) // null: walk-in cash sale
    .addColumn('order_type', 'text', (c) => c.notNull())
    .addColumn('payment_term', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.references('customers.id'))
    .addColumn('customer_name', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('delivery_address', 'text')
    .addColumn('owner_id', 'bigint', (c) => c.notNull()) // the rep (scope)
    .addColumn('handler_id', 'bigint', (c) => c.notNull()) // 经手人
    .addColumn('warehouse_id', 'bigint', (c) => c.notNull().references('warehouses.id'))
    .addColumn('price_includes_tax', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('business_date', 'text', (c) => c.notNull())
    .addColumn('driver_name', 'text')
    .addColumn('driver_phone', 'text')
    .addColumn('remarks', 'text')
    .addColumn('total_quantity', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('amount_ex_tax', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('tax_amount', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('total_amount', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('returned_amount', 'bigint', (c) => c.notNull().defaultTo(0)) // refused at the door
    .addColumn('print_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('issued_at', 'text')
    .addColumn('delivered_at', 'text')
    .addColumn('reconciliation_id', 'bigint')
    .addColumn('posted_at', 'text')
    .addColumn('posted_by', 'bigint')))
    .addUniqueConstraint('sales_slips_number', ['company_id', 'number'])
    .execute();
  await db.schema.createIndex('sales_slips_owner').on('sales_slips').columns(['company_id', 'owner_id', 'id']).execute();
  await db.schema.createIndex('sales_slips_order').on('sales_slips').columns(['company_id', 'order_id']).execute();
  await db.schema.createIndex('sales_slips_customer').on('sales_slips').columns(['company_id', 'customer_id', 'id']).execute();
  await db.schema.createIndex('sales_slips_date').on('sales_slips').columns(['company_id', 'business_date', 'id']).execute();
  await db.schema.createIndex('sales_slips_status').on('sales_slips').columns(['company_id', 'status', 'id']).execute();

  await withId(db, db.schema.createTable('sales_slip_lines'))
    .addColumn('company_id', 'bigint', (c) => c.notNull())
    .addColumn('slip_id', 'bigint', (c) => c.notNull().references('sales_slips.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('order_line_id', 'bigint')
    .addColumn('product_id', 'bigint', (c) => c.notNull().references('products.id'))
    .addColumn('product_code', 'text', (c) => c.notNull())
    .addColumn('product_name', 'text', (c) => c.notNull())
    .addColumn('spec', 'text')
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('batch_no', 'text') // the user's pick; otherwise batches go first-expiry-first-out
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addColumn('unit_price', 'bigint', (c) => c.notNull())
    .addColumn('discount_bp', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('tax_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('amount_ex_tax', 'bigint', (c) => c.notNull())
    .addColumn('tax_amount', 'bigint', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('returned_quantity', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('sales_slip_lines_slip').on('sales_slip_lines').columns(['slip_id']).execute();

  // every print of a slip: the first is the original, later ones are marked 补打 (copy)
  await withId(db, db.schema.createTable('sales_slip_prints'))
    .addColumn('company_id', 'bigint', (c) => c.notNull())
    .addColumn('slip_id', 'bigint', (c) => c.notNull().references('sales_slips.id'))
    .addColumn('print_no', 'integer', (c) => c.notNull())
    .addColumn('paper', 'text', (c) => c.notNull()) // a4 | continuous241
    .addColumn('printed_by', 'bigint', (c) => c.notNull())
    .addColumn('printed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sales_slip_prints_slip').on('sales_slip_prints').columns(['slip_id']).execute();

  // returns 退货单: goods refused or changed at the door go back to stock
  await documentColumns(withId(db, db.schema.createTable('sales_returns'))
    .addColumn('company_id', 'bigint', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // submitted | void
    .addColumn('slip_id', 'bigint', (c) => c.notNull().references('sales_slips.id'))
    .addColumn('warehouse_id', 'bigint', (c) => c.notNull())
    .addColumn('business_date', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('total_amount', 'bigint', (c) => c.notNull()))
    .addUniqueConstraint('sales_returns_number', ['company_id', 'number'])
    .execute();
  await db.schema.createIndex('sales_returns_slip').on('sales_returns').columns(['company_id', 'slip_id']).execute();
  await withId(db, db.schema.createTable('sales_return_lines'))
    .addColumn('company_id', 'bigint', (c) => c.notNull())
    .addColumn('return_id', 'bigint', (c) => c.notNull().references('sales_returns.id'))
    .addColumn('slip_line_id', 'bigint', (c) => c.notNull())
    .addColumn('product_id', 'bigint', (c) => c.notNull())
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sales_return_lines_return').on('sales_return_lines').columns(['return_id']).execute();

  // driver reconciliation 对单: per driver and day
  await documentColumns(withId(db, db.schema.createTable('driver_reconciliations'))
    .addColumn('company_id', 'bigint', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // open | settled | void
    .addColumn('driver_name', 'text', (c) => c.notNull())
    .addColumn('business_date', 'text', (c) => c.notNull())
    .addColumn('cash_expected', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('cash_received', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('cash_difference', 'bigint', (c) => c.notNull().defaultTo(0)) // received − expected: < 0 short, > 0 over
    .addColumn('remarks', 'text')
    .addColumn('settled_by', 'bigint')
    .addColumn('settled_at', 'text'))
    .addUniqueConstraint('driver_reconciliations_number', ['company_id', 'number'])
    .execute();
  await db.schema.createIndex('driver_reconciliations_day').on('driver_reconciliations').columns(['company_id', 'business_date', 'driver_name']).execute();
  await withId(db, db.schema.createTable('driver_reconciliation_slips'))
    .addColumn('company_id', 'bigint', (c) => c.notNull())
    .addColumn('reconciliation_id', 'bigint', (c) => c.notNull().references('driver_reconciliations.id'))
    .addColumn('slip_id', 'bigint', (c) => c.notNull().references('sales_slips.id'))
    .addColumn('cash_expected', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('cash_received', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('signed_copy_received', 'integer', (c) => c.notNull().defaultTo(0)) // credit slips: customer-signed copy back
    .addColumn('handed_to_finance_at', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull()) // delivered | partly_returned | refused
    .execute();
  await db.schema.createIndex('driver_reconciliation_slips_rec').on('driver_reconciliation_slips').columns(['reconciliation_id']).execute();

  // ── events other modules read (e.g. slip.posted → receivables in issue 5) ──
  await withId(db, db.schema.createTable('business_events'))
    .addColumn('company_id', 'bigint', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull()) // slip.posted | slip.voided | …
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'bigint', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull()) // JSON
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('business_events_event').on('business_events').columns(['company_id', 'event', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('documents are never dropped; restore from a backup instead');
}
