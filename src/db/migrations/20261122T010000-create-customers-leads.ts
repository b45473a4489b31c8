import type { Kysely } from 'kysely';
import { withId } from '../schema-helpers.ts';

// Customers and leads (MISSION.md §1). Money in fen (bigint); phones and tax ids also kept normalised
// for duplicate checks; search_key holds characters + full pinyin + initials for list search.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('customers'))
    .addColumn('company_id', 'bigint', (c) => c.notNull().references('companies.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text')
    // normalised name for duplicate matching: half-width, lower-case, company suffixes removed
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('search_key', 'text', (c) => c.notNull())
    .addColumn('industry', 'text')
    .addColumn('province', 'text')
    .addColumn('city', 'text')
    .addColumn('address', 'text')
    .addColumn('classification', 'text', (c) => c.notNull()) // potential | formal | vip
    .addColumn('source', 'text', (c) => c.notNull()) // web | trade_show | referral | telemarketing | social | walk_in | other
    .addColumn('owner_id', 'bigint', (c) => c.references('users.id')) // null: in the public pool
    .addColumn('owner_since', 'text')
    .addColumn('pool_entered_at', 'text')
    .addColumn('previous_owner_id', 'bigint')
    .addColumn('tax_id', 'text')
    .addColumn('invoice_title', 'text')
    .addColumn('invoice_address', 'text')
    .addColumn('invoice_phone', 'text')
    .addColumn('invoice_bank', 'text')
    .addColumn('invoice_account', 'text')
    .addColumn('referred_by_customer_id', 'bigint')
    .addColumn('notes', 'text')
    .addColumn('primary_contact', 'text')
    .addColumn('primary_phone', 'text')
    .addColumn('last_followup_at', 'text')
    .addColumn('last_deal_at', 'text')
    .addColumn('created_by', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('customers_company_code', ['company_id', 'code'])
    .addUniqueConstraint('customers_company_name_key', ['company_id', 'name_key'])
    .addUniqueConstraint('customers_company_tax_id', ['company_id', 'tax_id'])
    .execute();
  await db.schema.createIndex('customers_company_owner').on('customers').columns(['company_id', 'owner_id', 'id']).execute();
  await db.schema.createIndex('customers_company_search').on('customers').columns(['company_id', 'search_key']).execute();
  await db.schema.createIndex('customers_company_phone').on('customers').columns(['company_id', 'primary_phone']).execute();
  await db.schema.createIndex('customers_company_class').on('customers').columns(['company_id', 'classification', 'id']).execute();
  await db.schema.createIndex('customers_company_region').on('customers').columns(['company_id', 'province', 'city', 'id']).execute();
  await db.schema.createIndex('customers_company_followup').on('customers').columns(['company_id', 'last_followup_at']).execute();

  await withId(db, db.schema.createTable('customer_contacts'))
    .addColumn('company_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('phone_norm', 'text') // digits only, +86 removed
    .addColumn('position', 'text')
    .addColumn('email', 'text')
    .addColumn('is_primary', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contacts_customer').on('customer_contacts').columns(['customer_id']).execute();
  await db.schema.createIndex('contacts_company_phone').on('customer_contacts').columns(['company_id', 'phone_norm']).execute();

  await withId(db, db.schema.createTable('customer_addresses'))
    .addColumn('company_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id'))
    .addColumn('label', 'text')
    .addColumn('province', 'text')
    .addColumn('city', 'text')
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('receiver', 'text')
    .addColumn('phone', 'text')
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('addresses_customer').on('customer_addresses').columns(['customer_id']).execute();

  await db.schema
    .createTable('customer_tags')
    .addColumn('company_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_tags_pk', ['customer_id', 'tag'])
    .execute();
  await db.schema.createIndex('customer_tags_company_tag').on('customer_tags').columns(['company_id', 'tag', 'customer_id']).execute();

  await withId(db, db.schema.createTable('customer_followups'))
    .addColumn('company_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id'))
    .addColumn('user_id', 'bigint', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull()) // call | visit | message | meeting
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'bigint')
    .addColumn('next_date', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('followups_customer').on('customer_followups').columns(['customer_id', 'at']).execute();
  await db.schema.createIndex('followups_company_next').on('customer_followups').columns(['company_id', 'user_id', 'next_date']).execute();

  await db.schema
    .createTable('customer_credit')
    .addColumn('customer_id', 'bigint', (c) => c.primaryKey().notNull().references('customers.id'))
    .addColumn('company_id', 'bigint', (c) => c.notNull())
    .addColumn('rating', 'text', (c) => c.notNull()) // A | B | C | D
    .addColumn('credit_limit', 'bigint', (c) => c.notNull()) // fen
    .addColumn('payment_terms', 'text', (c) => c.notNull()) // JSON array of allowed terms
    .addColumn('prepay_required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('assets', 'text')
    .addColumn('sales_capacity', 'text')
    .addColumn('debts', 'text')
    .addColumn('credit_history', 'text')
    .addColumn('conclusion', 'text')
    .addColumn('checked_at', 'text', (c) => c.notNull()) // business date of the check
    .addColumn('checked_by', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  // every change of owner: create, claim, release, automatic return to the pool, transfer, ownership decision
  await withId(db, db.schema.createTable('customer_moves'))
    .addColumn('company_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_user_id', 'bigint')
    .addColumn('to_user_id', 'bigint')
    .addColumn('reason', 'text')
    .addColumn('by_user_id', 'bigint')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('moves_customer').on('customer_moves').columns(['customer_id', 'at']).execute();
  await db.schema.createIndex('moves_company_from').on('customer_moves').columns(['company_id', 'from_user_id', 'at']).execute();

  // a document: submitted → approved | rejected, or void
  await withId(db, db.schema.createTable('ownership_requests'))
    .addColumn('company_id', 'bigint', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id'))
    .addColumn('requester_id', 'bigint', (c) => c.notNull())
    .addColumn('owner_id', 'bigint')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'bigint')
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('voided_at', 'text')
    .addColumn('voided_by', 'bigint')
    .addColumn('void_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('ownership_requests_number', ['company_id', 'number'])
    .execute();
  await db.schema.createIndex('ownership_requests_company_status').on('ownership_requests').columns(['company_id', 'status', 'id']).execute();

  await withId(db, db.schema.createTable('leads'))
    .addColumn('company_id', 'bigint', (c) => c.notNull().references('companies.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('company_name', 'text')
    .addColumn('phone', 'text')
    .addColumn('phone_norm', 'text')
    .addColumn('email', 'text')
    .addColumn('channel', 'text', (c) => c.notNull()) // web | trade_show | referral | telemarketing | social | other
    .addColumn('province', 'text')
    .addColumn('city', 'text')
    .addColumn('need', 'text')
    .addColumn('referred_by_customer_id', 'bigint')
    .addColumn('search_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // new | assigned | contacted | converted | void
    .addColumn('assignee_id', 'bigint')
    .addColumn('last_contact_at', 'text')
    .addColumn('converted_customer_id', 'bigint')
    .addColumn('converted_at', 'text')
    .addColumn('voided_at', 'text')
    .addColumn('voided_by', 'bigint')
    .addColumn('void_reason', 'text')
    .addColumn('created_by', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('leads_company_number', ['company_id', 'number'])
    .execute();
  await db.schema.createIndex('leads_company_status').on('leads').columns(['company_id', 'status', 'id']).execute();
  await db.schema.createIndex('leads_company_assignee').on('leads').columns(['company_id', 'assignee_id', 'id']).execute();

  await withId(db, db.schema.createTable('lead_activities'))
    .addColumn('company_id', 'bigint', (c) => c.notNull())
    .addColumn('lead_id', 'bigint', (c) => c.notNull().references('leads.id'))
    .addColumn('user_id', 'bigint', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lead_activities_lead').on('lead_activities').columns(['lead_id', 'at']).execute();

  // the placeholder a converted lead may open; the opportunities module grows it
  await withId(db, db.schema.createTable('opportunities'))
    .addColumn('company_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id'))
    .addColumn('lead_id', 'bigint')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('expected_amount', 'bigint') // fen
    .addColumn('expected_date', 'text')
    .addColumn('rating', 'text') // high | medium | low
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'bigint')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('opportunities_company_customer').on('opportunities').columns(['company_id', 'customer_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
