import { sql, type Kysely } from 'kysely';

// Ownership requests: at most one open (submitted) request per customer and requester, enforced by the
// database so two quick clicks cannot file two; and indexes for the "mine" and "against my customers" lists.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('ownership_requests_one_open')
    .on('ownership_requests')
    .columns(['company_id', 'customer_id', 'requester_id'])
    .unique()
    .where(sql.ref('status'), '=', sql.lit('submitted'))
    .execute();
  await db.schema.createIndex('ownership_requests_requester').on('ownership_requests').columns(['company_id', 'requester_id', 'id']).execute();
  await db.schema.createIndex('ownership_requests_owner').on('ownership_requests').columns(['company_id', 'owner_id', 'id']).execute();
  // the pool list: customers without owner, newest in the pool first
  await db.schema.createIndex('customers_company_pool').on('customers').columns(['company_id', 'owner_id', 'pool_entered_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
