import fs from 'node:fs';
import { openSqlite } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { generateTypes } from '../src/db/generate-types.ts';

// `npm run db:types`: migrates an empty in-memory database and writes src/db/types.ts from it.
const handle = openSqlite(':memory:');
await migrateToLatest(handle.db);
fs.writeFileSync(new URL('../src/db/types.ts', import.meta.url), await generateTypes(handle.db));
await handle.close();
console.log('src/db/types.ts written');
