import { sql, type Kysely } from 'kysely';

// The customer search indexes end in owner_id (engineer I, session 3): each prefix range of a search is
// an index-only scan that also tests "owned" (owner_id is not null) — SQLite evaluates that term inside
// every branch of its MULTI-INDEX OR — so the capped count of a common term no longer looks up 2,001
// table rows, and a search's page can come from the ranges' ids (src/modules/customers/repo.ts
// pageFromIndexes). The same prefix ranges still use them (company_id, column, …), so every other
// query keeps its plan. Rebuilt in place, one at a time: the import keeps the same number of indexes.
const columns = ['search_name', 'search_core', 'search_pinyin', 'search_initials', 'search_core_pinyin', 'search_core_initials'];

export async function up(db: Kysely<any>): Promise<void> {
  for (const col of columns) {
    const name = `customers_company_${col}`;
    await sql`drop index if exists ${sql.ref(name)}`.execute(db);
    await db.schema.createIndex(name).on('customers').columns(['company_id', col, 'owner_id']).execute();
  }
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
