import type { Kysely } from 'kysely';

// What an import will do with each valid row, and did: 'new' (created), 'update' (an existing record
// changed, its changes listed) or 'unchanged' (the same as the record: nothing to write, not an error).
// import_rows.action is null for a row with errors (and for rows staged before this column: read as new);
// changes is JSON [{ column, label?, from, to }]. A job counts its updates and unchanged rows; its new
// rows are the valid rows less those.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('import_rows').addColumn('action', 'text').execute();
  await db.schema.alterTable('import_rows').addColumn('changes', 'text').execute();
  await db.schema.createIndex('import_rows_job_action').on('import_rows').columns(['job_id', 'action', 'row_number']).execute();
  await db.schema.alterTable('import_jobs').addColumn('updated_rows', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('import_jobs').addColumn('unchanged_rows', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
