import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTestDb } from '../../test/fixtures/db.ts';
import { generateTypes } from './generate-types.ts';

describe('table types', () => {
  it('are what the migrations make, on this database (run `npm run db:types` after adding a migration)', async () => {
    const handle = await createTestDb();
    try {
      const committed = fs.readFileSync(new URL('./types.ts', import.meta.url), 'utf8');
      expect(await generateTypes(handle.db)).toBe(committed);
    } finally {
      await handle.close();
    }
  });
});
