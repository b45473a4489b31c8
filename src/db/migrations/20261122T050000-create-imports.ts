import type { Kysely } from 'kysely';
import { withId } from '../schema-helpers.ts';

// Excel imports (src/modules/imports): an upload is parsed and checked into import_rows, previewed, then
// committed in one transaction. Kept in the database so a preview survives restarts and other instances.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('import_jobs'))
    .addColumn('company_id', 'bigint', (c) => c.notNull().references('companies.id'))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // the ImportTarget, e.g. 'customers'
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // preview | committed | failed | discarded
    .addColumn('total_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('valid_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('invalid_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('imported_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('mode', 'text') // all_or_nothing | valid_only, set at commit
    .addColumn('error', 'text') // why a job failed
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('committed_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('import_jobs_company_user').on('import_jobs').columns(['company_id', 'user_id', 'id']).execute();

  await db.schema
    .createTable('import_rows')
    .addColumn('job_id', 'bigint', (c) => c.notNull().references('import_jobs.id'))
    .addColumn('row_number', 'integer', (c) => c.notNull()) // the row in the uploaded sheet
    .addColumn('data', 'text', (c) => c.notNull()) // JSON: column key → text as uploaded
    .addColumn('errors', 'text') // JSON: [{ column, message }] or null
    .addColumn('valid', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_rows_pk', ['job_id', 'row_number'])
    .execute();
  await db.schema.createIndex('import_rows_job_valid').on('import_rows').columns(['job_id', 'valid', 'row_number']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('import_rows').execute();
  await db.schema.dropTable('import_jobs').execute();
}
