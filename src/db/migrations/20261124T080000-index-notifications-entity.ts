import type { Kysely } from 'kysely';

// A to-do settled for everyone who got it (a review decided, an order cancelled: notifications
// settleNotifications) finds the notifications about one record by this index, not by a scan of all.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('notifications_entity').on('notifications').columns(['entity', 'entity_id', 'kind']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
