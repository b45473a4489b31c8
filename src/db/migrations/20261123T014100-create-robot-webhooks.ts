import type { Kysely } from 'kysely';
import { withId } from '../schema-helpers.ts';

// Group-robot push (企业微信 / 钉钉 webhooks, notifications module; engineer I, session 3). A company keeps
// a few robots, each with the notification kinds it pushes (none listed: all). A notification written in
// a transaction queues one delivery per robot in the same transaction; a job posts it after the commit,
// with retries, and the row is the delivery log (sent / failed, attempts, last error).
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('robot_webhooks'))
    .addColumn('company_id', 'bigint', (c) => c.notNull().references('companies.id'))
    .addColumn('channel', 'text', (c) => c.notNull()) // wecom | dingtalk
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret', 'text') // DingTalk 加签 secret (SEC…), null: none
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('kinds', 'text', (c) => c.notNull()) // JSON array of notification kinds; [] = all
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('robot_webhooks_company').on('robot_webhooks').columns(['company_id', 'position']).execute();

  await withId(db, db.schema.createTable('robot_deliveries'))
    .addColumn('company_id', 'bigint', (c) => c.notNull().references('companies.id'))
    .addColumn('robot_id', 'bigint') // null for a test message of an unsaved robot
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('robot_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull()) // the markdown posted
    .addColumn('status', 'text', (c) => c.notNull()) // pending | sent | failed
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('response_status', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('robot_deliveries_due').on('robot_deliveries').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('robot_deliveries_company').on('robot_deliveries').columns(['company_id', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
