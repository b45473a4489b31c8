import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../schema-helpers.ts';
import { productNamePinyin } from '../../modules/products/search-key.ts';

// Products sorted by name sort by the full pinyin of the name (products.name_pinyin), then the name, then
// the id, compared byte by byte on both databases: SQLite's BINARY collation, PostgreSQL's "C" (on the
// column, and on the name in the ORDER BY and the index), so a list is in the same order on either.
// Before, the pinyin was cut out of the search key (PostgreSQL split_part under the database's collation,
// SQLite substr in bytes) and held the brand too. Existing rows are filled in pages by id, written by one
// UPDATE … FROM a derived table per page (no transaction: SQLite migrations run outside one).
const PAGE = 500;

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  if (pg) await sql`alter table products add column name_pinyin text collate "C" not null default ''`.execute(db);
  else await sql`alter table products add column name_pinyin text not null default ''`.execute(db);
  for (let after = 0; ; ) {
    const rows = (await sql<{ id: number; name: string }>`select id, name from products where id > ${after} order by id limit ${PAGE}`.execute(db)).rows;
    if (!rows.length) break;
    after = Number(rows[rows.length - 1]!.id);
    const values = rows.map((r, i) =>
      i === 0
        ? sql`select cast(${Number(r.id)} as bigint) as id, cast(${productNamePinyin(r.name)} as text) as value`
        : sql`select cast(${Number(r.id)} as bigint), cast(${productNamePinyin(r.name)} as text)`,
    );
    await sql`update products set name_pinyin = v.value from (${sql.join(values, sql` union all `)}) as v where products.id = v.id`.execute(db);
  }
  if (pg) await sql`create index products_company_name_pinyin on products (company_id, name_pinyin, name collate "C", id)`.execute(db);
  else await db.schema.createIndex('products_company_name_pinyin').on('products').columns(['company_id', 'name_pinyin', 'name', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
