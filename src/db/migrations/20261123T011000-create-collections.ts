import type { Kysely } from 'kysely';
import { withId } from '../schema-helpers.ts';

// Collection plans 回款计划 and dunning 催收 (issue 5, collections module). Money in fen (bigint),
// dates YYYY-MM-DD, instants ISO text. A plan is an editable record (version; its lines are replaced
// on edit and the audit entry keeps the old ones); it is cancelled with a reason, never deleted. A
// dunning action is a log entry: written once, never edited; its promise (amount by a date) is
// judged by the daily job — kept or broken — and the judgement is stored on the row.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('collection_plans'))
    .addColumn('company_id', 'bigint', (c) => c.notNull().references('companies.id'))
    .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id'))
    .addColumn('order_id', 'bigint') // a plan for one sales order (null: for the customer)
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull()) // receipts from this date count toward the plan
    .addColumn('total_amount', 'bigint', (c) => c.notNull()) // sum of the lines
    .addColumn('end_date', 'text', (c) => c.notNull()) // the last line's date
    .addColumn('status', 'text', (c) => c.notNull()) // active | cancelled
    .addColumn('notes', 'text')
    .addColumn('created_by', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('cancelled_at', 'text')
    .addColumn('cancelled_by', 'bigint')
    .addColumn('cancel_reason', 'text')
    .execute();
  await db.schema.createIndex('collection_plans_customer').on('collection_plans').columns(['company_id', 'customer_id', 'id']).execute();
  await db.schema.createIndex('collection_plans_list').on('collection_plans').columns(['company_id', 'status', 'end_date', 'id']).execute();
  await db.schema.createIndex('collection_plans_order').on('collection_plans').columns(['company_id', 'order_id']).execute();

  await withId(db, db.schema.createTable('collection_plan_lines'))
    .addColumn('company_id', 'bigint', (c) => c.notNull())
    .addColumn('plan_id', 'bigint', (c) => c.notNull().references('collection_plans.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('method', 'text') // how the customer intends to pay (收款方式), optional
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('collection_plan_lines_plan').on('collection_plan_lines').columns(['plan_id', 'line_no']).execute();

  await withId(db, db.schema.createTable('dunning_actions'))
    .addColumn('company_id', 'bigint', (c) => c.notNull().references('companies.id'))
    .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id'))
    .addColumn('action_date', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull()) // phone | sms | email | visit | lawyer_letter | lawsuit
    .addColumn('performed_by', 'bigint', (c) => c.notNull()) // who made the call / visit
    .addColumn('contact_name', 'text') // whom they spoke to at the customer
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('promised_amount', 'bigint')
    .addColumn('promised_date', 'text')
    .addColumn('promise_status', 'text', (c) => c.notNull()) // none | open | kept | broken
    .addColumn('promise_collected', 'bigint') // received from action_date to promised_date when judged
    .addColumn('promise_judged_at', 'text')
    .addColumn('overdue_amount', 'bigint') // the customer's position when the action was logged
    .addColumn('days_overdue', 'integer')
    .addColumn('created_by', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dunning_actions_customer').on('dunning_actions').columns(['company_id', 'customer_id', 'action_date', 'id']).execute();
  await db.schema.createIndex('dunning_actions_promise').on('dunning_actions').columns(['company_id', 'promise_status', 'promised_date', 'id']).execute();

  // One overdue alert per customer per business day: the job inserts here first (unique), so a rerun
  // or a second instance never sends the day's alert twice.
  await withId(db, db.schema.createTable('collection_alert_days'))
    .addColumn('company_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('alert_date', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('collection_alert_days_unique', ['company_id', 'customer_id', 'alert_date'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('collection records are never dropped; restore from a backup instead');
}
