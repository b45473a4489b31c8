import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../schema-helpers.ts';
import { searchColumns } from '../../modules/customers/normalize.ts';

// The pinyin and initials of the name without its region prefix, so `huadong` and `hd` find
// 昆明华东贸易 as 华东 does (engineer B; same prefix-range scheme as 20261122T020000). Named after
// the migrations other engineers landed meanwhile, so existing databases migrate in order.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  for (const col of ['search_core_pinyin', 'search_core_initials']) {
    if (pg) await sql`alter table customers add column ${sql.ref(col)} text collate "C"`.execute(db);
    else await sql`alter table customers add column ${sql.ref(col)} text`.execute(db);
  }
  const rows = await db.selectFrom('customers').select(['id', 'name', 'province', 'city']).where('search_core', 'is not', null).execute();
  for (const r of rows as { id: number; name: string; province: string | null; city: string | null }[]) {
    const s = searchColumns(r.name, r.province, r.city);
    await db.updateTable('customers').set({ search_core_pinyin: s.searchCorePinyin, search_core_initials: s.searchCoreInitials }).where('id', '=', r.id).execute();
  }
  await db.schema.createIndex('customers_company_search_core_pinyin').on('customers').columns(['company_id', 'search_core_pinyin']).execute();
  await db.schema.createIndex('customers_company_search_core_initials').on('customers').columns(['company_id', 'search_core_initials']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
