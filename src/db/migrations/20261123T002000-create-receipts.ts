import type { Kysely } from 'kysely';
import { withId } from '../schema-helpers.ts';

// Receipts 收款单, their allocations 核销 to posted slips or invoices, and customer statements
// 对账单 (issue 5). Money in fen (bigint). Documents carry status, number, version and the void
// fields; nothing is deleted: an allocation taken back keeps its row with reversed_at/by/reason.
// What has been applied is kept as running totals — receipts.allocated_amount and
// sales_slips.received_amount — changed only by conditional updates, so two clerks allocating at
// once can never take either side beyond its amount.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('receipts'))
    .addColumn('company_id', 'bigint', (c) => c.notNull().references('companies.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // confirmed | void
    .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id'))
    .addColumn('receipt_date', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull()) // cash | bank_transfer | acceptance_bill | wechat_alipay | other
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('allocated_amount', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bank_account', 'text')
    .addColumn('reference', 'text') // 流水号 / 票号
    .addColumn('received_by', 'bigint', (c) => c.notNull()) // who took the money
    .addColumn('source', 'text') // e.g. the driver reconciliation number (DZ-…) the cash came in with
    .addColumn('remarks', 'text')
    .addColumn('created_by', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('voided_at', 'text')
    .addColumn('voided_by', 'bigint')
    .addColumn('void_reason', 'text')
    .addUniqueConstraint('receipts_number', ['company_id', 'number'])
    .execute();
  await db.schema.createIndex('receipts_customer').on('receipts').columns(['company_id', 'customer_id', 'receipt_date', 'id']).execute();
  await db.schema.createIndex('receipts_date').on('receipts').columns(['company_id', 'receipt_date', 'id']).execute();

  await withId(db, db.schema.createTable('receipt_allocations'))
    .addColumn('company_id', 'bigint', (c) => c.notNull())
    .addColumn('receipt_id', 'bigint', (c) => c.notNull().references('receipts.id'))
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull()) // sales_slip | invoice
    .addColumn('target_id', 'bigint', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('allocated_by', 'bigint', (c) => c.notNull())
    .addColumn('allocated_at', 'text', (c) => c.notNull())
    .addColumn('reversed_at', 'text')
    .addColumn('reversed_by', 'bigint')
    .addColumn('reverse_reason', 'text')
    .execute();
  await db.schema.createIndex('receipt_allocations_receipt').on('receipt_allocations').columns(['receipt_id']).execute();
  await db.schema.createIndex('receipt_allocations_target').on('receipt_allocations').columns(['company_id', 'target_type', 'target_id']).execute();

  await db.schema.alterTable('sales_slips').addColumn('received_amount', 'bigint', (c) => c.notNull().defaultTo(0)).execute();

  await withId(db, db.schema.createTable('customer_statements'))
    .addColumn('company_id', 'bigint', (c) => c.notNull().references('companies.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // issued | confirmed | void
    .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id'))
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('opening_balance', 'bigint', (c) => c.notNull())
    .addColumn('debit_total', 'bigint', (c) => c.notNull()) // slips less returns in the period
    .addColumn('credit_total', 'bigint', (c) => c.notNull()) // receipts in the period
    .addColumn('closing_balance', 'bigint', (c) => c.notNull())
    .addColumn('confirmed_date', 'text') // the date the customer signed
    .addColumn('confirmed_by', 'bigint') // who recorded the confirmation
    .addColumn('confirmed_at', 'text')
    .addColumn('confirmation_note', 'text')
    .addColumn('created_by', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('voided_at', 'text')
    .addColumn('voided_by', 'bigint')
    .addColumn('void_reason', 'text')
    .addUniqueConstraint('customer_statements_number', ['company_id', 'number'])
    .execute();
  await db.schema.createIndex('customer_statements_customer').on('customer_statements').columns(['company_id', 'customer_id', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('documents are never dropped; restore from a backup instead');
}
