import { sql, type Kysely } from 'kysely';
import { searchColumns } from '../../modules/customers/normalize.ts';

// The region-less core of a customer's name now also drops a county-level place (宜良县普家酒水店 →
// 普家酒水店), so a rep typing 普家 finds it. Recomputes the core and its pinyin for the customers
// whose core changes, in pages by id (a million customers: read once, a fraction written). Each
// page's changes are one UPDATE … FROM (the migration runs on one connection, outside a transaction
// on SQLite: a statement a row would be a commit and an fsync each).
const PAGE = 5000;
const WRITE = 500;

type Changed = { id: number; core: string | null; pinyin: string | null; initials: string | null };

export async function up(db: Kysely<any>): Promise<void> {
  for (let after = 0; ; ) {
    const rows = (await db.selectFrom('customers').select(['id', 'name', 'province', 'city', 'search_core'])
      .where('id', '>', after).orderBy('id').limit(PAGE).execute()) as { id: number; name: string; province: string | null; city: string | null; search_core: string | null }[];
    if (!rows.length) return;
    after = rows[rows.length - 1]!.id;
    const changed: Changed[] = [];
    for (const r of rows) {
      const s = searchColumns(r.name, r.province, r.city);
      if (s.searchCore !== r.search_core) changed.push({ id: r.id, core: s.searchCore, pinyin: s.searchCorePinyin, initials: s.searchCoreInitials });
    }
    for (let i = 0; i < changed.length; i += WRITE) await write(db, changed.slice(i, i + WRITE));
  }
}

async function write(db: Kysely<any>, rows: Changed[]): Promise<void> {
  // the new values as a derived table both dialects read (no VALUES column aliases on SQLite)
  const values = rows.map((r, i) =>
    i === 0
      ? sql`select cast(${r.id} as bigint) as id, cast(${r.core} as text) as core, cast(${r.pinyin} as text) as pinyin, cast(${r.initials} as text) as initials`
      : sql`select cast(${r.id} as bigint), cast(${r.core} as text), cast(${r.pinyin} as text), cast(${r.initials} as text)`,
  );
  await sql`update customers set search_core = v.core, search_core_pinyin = v.pinyin, search_core_initials = v.initials
    from (${sql.join(values, sql` union all `)}) as v where customers.id = v.id`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
