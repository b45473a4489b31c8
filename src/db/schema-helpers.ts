import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely';

/** Migrations are written once for both dialects; these helpers hide the few differences. */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Surrogate key: SQLite rowid alias, PostgreSQL bigserial. */
export function withId<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, any>): CreateTableBuilder<T, any> {
  return isPostgres(db)
    ? table.addColumn('id', 'bigserial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey());
}

export const nowDefault = (c: ColumnDefinitionBuilder) => c.notNull();

/** A case-insensitive index expression works the same on both: lower(column). */
export const lowerOf = (column: string) => sql`lower(${sql.ref(column)})`;
