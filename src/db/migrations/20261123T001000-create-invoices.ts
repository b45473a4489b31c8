import type { Kysely } from 'kysely';
import { withId } from '../schema-helpers.ts';

// VAT invoices 增值税发票 (issue 5): normal 普通发票 and special 专用发票, issued from posted sales
// slips of one customer. Money in fen (bigint, signed: a red-letter invoice 红字发票 carries negative
// quantities and amounts); unit prices in 0.0001 yuan; tax rates in basis points.
// An invoice is never edited or deleted: a wrong one is reversed by a red-letter invoice that
// references it (original_invoice_id, red_reason). invoices.credited_amount is what red-letter
// invoices took back from a blue one, so total_amount − credited_amount is what is still open.
// invoice_sources records which slip line each invoice line draws from and how much (negative for
// red-letter lines): the sum per slip line never exceeds the slip line's quantity and amount.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('invoices'))
    .addColumn('company_id', 'bigint', (c) => c.notNull().references('companies.id'))
    .addColumn('number', 'text', (c) => c.notNull()) // FP-202611-00001 (ours)
    .addColumn('kind', 'text', (c) => c.notNull()) // normal 普通发票 | special 专用发票
    .addColumn('direction', 'text', (c) => c.notNull()) // blue 蓝字 | red 红字
    .addColumn('status', 'text', (c) => c.notNull()) // issued | partly_reversed | reversed | void
    .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id'))
    .addColumn('business_date', 'text', (c) => c.notNull()) // 开票日期
    .addColumn('price_includes_tax', 'integer', (c) => c.notNull().defaultTo(1)) // entry mode of the unit prices
    .addColumn('buyer_name', 'text', (c) => c.notNull())
    .addColumn('buyer_tax_id', 'text')
    .addColumn('buyer_address', 'text')
    .addColumn('buyer_phone', 'text')
    .addColumn('buyer_bank', 'text')
    .addColumn('buyer_account', 'text')
    .addColumn('amount_ex_tax', 'bigint', (c) => c.notNull())
    .addColumn('tax_amount', 'bigint', (c) => c.notNull())
    .addColumn('total_amount', 'bigint', (c) => c.notNull())
    .addColumn('credited_amount', 'bigint', (c) => c.notNull().defaultTo(0)) // blue: taken back by red-letter invoices (positive)
    .addColumn('original_invoice_id', 'bigint', (c) => c.references('invoices.id')) // red: the invoice it reverses
    .addColumn('red_reason', 'text')
    .addColumn('tax_invoice_code', 'text') // 发票代码, typed after issuing in the tax software
    .addColumn('tax_invoice_no', 'text') // 发票号码
    .addColumn('issuer_id', 'bigint', (c) => c.notNull()) // 开票人
    .addColumn('issuer_name', 'text', (c) => c.notNull())
    .addColumn('reviewer_name', 'text') // 复核
    .addColumn('payee_name', 'text') // 收款人
    .addColumn('remarks', 'text')
    .addColumn('created_by', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('voided_at', 'text')
    .addColumn('voided_by', 'bigint')
    .addColumn('void_reason', 'text')
    .addUniqueConstraint('invoices_number', ['company_id', 'number'])
    .execute();
  await db.schema.createIndex('invoices_customer').on('invoices').columns(['company_id', 'customer_id', 'business_date', 'id']).execute();
  await db.schema.createIndex('invoices_date').on('invoices').columns(['company_id', 'business_date', 'id']).execute();
  await db.schema.createIndex('invoices_original').on('invoices').columns(['company_id', 'original_invoice_id']).execute();

  await withId(db, db.schema.createTable('invoice_lines'))
    .addColumn('company_id', 'bigint', (c) => c.notNull())
    .addColumn('invoice_id', 'bigint', (c) => c.notNull().references('invoices.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'bigint', (c) => c.notNull())
    .addColumn('product_code', 'text', (c) => c.notNull())
    .addColumn('product_name', 'text', (c) => c.notNull())
    .addColumn('spec', 'text')
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addColumn('unit_price', 'bigint', (c) => c.notNull()) // 0.0001 yuan, in the invoice's entry mode
    .addColumn('discount_bp', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('tax_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('amount_ex_tax', 'bigint', (c) => c.notNull())
    .addColumn('tax_amount', 'bigint', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('original_line_id', 'bigint') // red: the blue line it reverses
    .addColumn('credited_quantity', 'bigint', (c) => c.notNull().defaultTo(0)) // blue: reversed so far
    .addColumn('credited_amount', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('invoice_lines_invoice').on('invoice_lines').columns(['invoice_id']).execute();

  await withId(db, db.schema.createTable('invoice_sources'))
    .addColumn('company_id', 'bigint', (c) => c.notNull())
    .addColumn('invoice_id', 'bigint', (c) => c.notNull().references('invoices.id'))
    .addColumn('invoice_line_id', 'bigint', (c) => c.notNull().references('invoice_lines.id'))
    .addColumn('slip_id', 'bigint', (c) => c.notNull().references('sales_slips.id'))
    .addColumn('slip_line_id', 'bigint', (c) => c.notNull().references('sales_slip_lines.id'))
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addColumn('amount_ex_tax', 'bigint', (c) => c.notNull())
    .addColumn('tax_amount', 'bigint', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('invoice_sources_slip').on('invoice_sources').columns(['company_id', 'slip_id']).execute();
  await db.schema.createIndex('invoice_sources_slip_line').on('invoice_sources').columns(['slip_line_id']).execute();
  await db.schema.createIndex('invoice_sources_invoice').on('invoice_sources').columns(['invoice_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('invoice_sources').execute();
  await db.schema.dropTable('invoice_lines').execute();
  await db.schema.dropTable('invoices').execute();
}
