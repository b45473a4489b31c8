import type { Kysely } from 'kysely';
import { withId } from '../schema-helpers.ts';

// Made-to-order stages (MISSION.md §4, seed 004 印刷开单): an order of a type the company configures
// goes through its stages after confirmation — design draft, customer review, production preparation,
// production, quality check, packing — each done by someone at some time, in order. The stages are
// copied from the settings when the order is confirmed, so a later change of the settings does not
// rewrite orders under way. Rows are never deleted; a stage sent back is pending again (the audit log
// keeps who did and undid what).
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('sales_order_stages'))
    .addColumn('company_id', 'bigint', (c) => c.notNull())
    .addColumn('order_id', 'bigint', (c) => c.notNull().references('sales_orders.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // pending | done
    .addColumn('done_by', 'bigint')
    .addColumn('done_at', 'text')
    .addColumn('note', 'text')
    .addUniqueConstraint('sales_order_stages_order_seq', ['order_id', 'seq'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
