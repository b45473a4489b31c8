import { defineConfig } from 'vitest/config';

// API and unit tests run on SQLite always and on PostgreSQL when TEST_DATABASE_URL is set;
// browser journeys (test/e2e) run once, against a server on SQLite.
const api = { include: ['src/**/*.test.ts', 'test/api/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 };
export default defineConfig({
  test: {
    projects: [
      { test: { ...api, name: 'sqlite', env: { TEST_DB: 'sqlite' } } },
      ...(process.env.TEST_DATABASE_URL ? [{ test: { ...api, name: 'pg', env: { TEST_DB: 'pg' } } }] : []),
      { test: { name: 'web', include: ['web/src/**/*.test.ts'] } },
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 300_000, fileParallelism: false } },
    ],
  },
});
