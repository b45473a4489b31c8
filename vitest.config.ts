import { defineConfig } from 'vitest/config';

// API and unit tests run on SQLite always and on PostgreSQL when TEST_DATABASE_URL is set;
// browser journeys (test/e2e) run once, against a server on SQLite.
const api = { include: ['src/**/*.test.ts', 'test/api/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 };
// Two workers for the API and unit tests: vitest's default on a 2-core machine is one (cores − 1), and
// much of a test's time is spent waiting on PostgreSQL rather than on its own CPU. The browser
// journeys run after them (groupOrder 1), one at a time, on a machine no other test is loading: their
// waits are for a page a user would see, and a starved server made one miss its 30 s.
export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      { test: { ...api, name: 'sqlite', env: { TEST_DB: 'sqlite' } } },
      ...(process.env.TEST_DATABASE_URL ? [{ test: { ...api, name: 'pg', env: { TEST_DB: 'pg' } } }] : []),
      { test: { name: 'web', include: ['web/src/**/*.test.ts'] } },
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 300_000, fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
