import type { Kysely } from 'kysely';

// Generates src/db/types.ts from a migrated database (`npm run db:types`). A test regenerates it on
// SQLite and on PostgreSQL and fails when either differs from the committed file: the types are
// always what the migrations made, and the migrations make the same schema on both.
const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const pascal = (s: string) => camel(s).replace(/^./, (c) => c.toUpperCase());

function tsType(dataType: string): string {
  const t = dataType.toLowerCase();
  if (/int|serial|numeric|real|double|float/.test(t)) return 'number';
  return 'string';
}

export async function generateTypes(db: Kysely<any>): Promise<string> {
  const tables = (await db.introspection.getTables()).filter((t) => !t.name.startsWith('kysely_') && !t.isView).sort((a, b) => a.name.localeCompare(b.name));
  const out: string[] = [
    '// Generated from the migrated database by `npm run db:types` — do not edit by hand.',
    "import type { Generated } from 'kysely';",
    '',
  ];
  for (const table of tables) {
    out.push(`export type ${pascal(table.name)}Table = {`);
    for (const col of table.columns) {
      let type = tsType(col.dataType);
      if (col.isNullable && !(col.name === 'id')) type += ' | null';
      const generated = col.hasDefaultValue || col.isAutoIncrementing || col.name === 'id' && type === 'number';
      out.push(`  ${camel(col.name)}: ${generated ? `Generated<${type}>` : type};`);
    }
    out.push('};', '');
  }
  out.push('export type DB = {');
  for (const table of tables) out.push(`  ${camel(table.name)}: ${pascal(table.name)}Table;`);
  out.push('};', '');
  return out.join('\n');
}
