import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// `npm test`: the whole suite (API and unit tests on SQLite, and on PostgreSQL when
// TEST_DATABASE_URL is set; then the browser journeys), ending with one totals line.
const report = path.join(os.tmpdir(), `salesdesk-vitest-${process.pid}.json`);
const args = ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)];
const run = spawnSync(process.execPath, [path.resolve('node_modules/vitest/vitest.mjs'), ...args], { stdio: 'inherit', env: process.env });
let passed = 0;
let failed = 0;
if (fs.existsSync(report)) {
  const json = JSON.parse(fs.readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numFailedTestSuites: number };
  passed = json.numPassedTests;
  failed = json.numFailedTests + (json.numFailedTests === 0 ? json.numFailedTestSuites : 0);
  fs.rmSync(report);
} else {
  failed = 1;
}
if (run.status !== 0 && failed === 0) failed = 1;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
