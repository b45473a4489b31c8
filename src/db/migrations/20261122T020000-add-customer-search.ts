import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../schema-helpers.ts';
import { searchColumns } from '../../modules/customers/normalize.ts';

// Customer search that stays fast at a million rows (engineer B). `LIKE '%x%'` over search_key is a
// full scan; instead four lower-case columns are matched by PREFIX with a range condition
// (col >= term and col < term || U+10FFFF), which both SQLite and PostgreSQL answer from an index:
//   search_name     compact name (characters)            北京华东 …
//   search_core     the name without leading region words 华东 … (so a middle word finds it)
//   search_pinyin   full pinyin                           beijinghuadong …
//   search_initials pinyin initials                       bjhd …
// On PostgreSQL the columns are COLLATE "C" so ordering (and the range) is bytewise, as in SQLite.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  for (const col of ['search_name', 'search_core', 'search_pinyin', 'search_initials']) {
    if (pg) await sql`alter table customers add column ${sql.ref(col)} text collate "C"`.execute(db);
    else await sql`alter table customers add column ${sql.ref(col)} text`.execute(db);
  }
  // backfill rows written before this migration (none on a fresh install)
  const rows = await db.selectFrom('customers').select(['id', 'name', 'province', 'city']).execute();
  for (const r of rows as { id: number; name: string; province: string | null; city: string | null }[]) {
    const s = searchColumns(r.name, r.province, r.city);
    await db
      .updateTable('customers')
      .set({ search_name: s.searchName, search_core: s.searchCore, search_pinyin: s.searchPinyin, search_initials: s.searchInitials })
      .where('id', '=', r.id)
      .execute();
  }
  await db.schema.createIndex('customers_company_search_name').on('customers').columns(['company_id', 'search_name']).execute();
  await db.schema.createIndex('customers_company_search_core').on('customers').columns(['company_id', 'search_core']).execute();
  await db.schema.createIndex('customers_company_search_pinyin').on('customers').columns(['company_id', 'search_pinyin']).execute();
  await db.schema.createIndex('customers_company_search_initials').on('customers').columns(['company_id', 'search_initials']).execute();
  if (pg) {
    // the phone column compared bytewise as well (digits only, so the order is the same either way)
    await sql`create index customers_company_phone_c on customers (company_id, primary_phone collate "C")`.execute(db);
    await sql`create index contacts_company_phone_c on customer_contacts (company_id, phone_norm collate "C")`.execute(db);
    await sql`create index customers_company_code_c on customers (company_id, code collate "C")`.execute(db);
  }
  await db.schema.createIndex('customers_company_source').on('customers').columns(['company_id', 'source', 'id']).execute();
  await db.schema.createIndex('customers_company_referrer').on('customers').columns(['company_id', 'referred_by_customer_id']).execute();
  await db.schema.createIndex('leads_company_referrer').on('leads').columns(['company_id', 'referred_by_customer_id']).execute();
  await db.schema.createIndex('customers_company_id').on('customers').columns(['company_id', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
