// The app as `npm start` runs it (same buildApp, same database settings), on the benchmark's database
// copy, in its own process so that the load generator does not share its event loop.
// Prints {"port": n} on stdout once listening; stops on SIGTERM. With SD_SQL_PROFILE=<file> it writes
// the time per SQL statement to that file on exit (bench/sql-profile.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { openPostgres, openSqlite } from '../src/db/database.ts';
import { buildApp } from '../src/server/app.ts';
import { profileSqlTo } from './sql-profile.ts';

// a SQLite file, or a postgres:// URL (the pool size of `npm start` on PostgreSQL)
const target = process.argv[2]!;
if (process.env.SD_SQL_PROFILE) profileSqlTo(process.env.SD_SQL_PROFILE);
const handle = target.startsWith('postgres') ? openPostgres(target) : openSqlite(target);
const { app } = await buildApp({ db: handle.db, dialect: handle.dialect, logLevel: 'silent', loginRateLimit: 1_000_000 });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }) + '\n');
// what the failed requests were, by status and error code (printed on stop: a run's failures explained)
const failures = new Map<string, number>();
app.server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
  const end = res.end;
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    if (res.statusCode >= 400) {
      const key = `${res.statusCode} ${/"code":"([A-Z_0-9]+)"/.exec(String(args[0] ?? ''))?.[1] ?? '?'}`;
      failures.set(key, (failures.get(key) ?? 0) + 1);
    }
    return (end as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse['end'];
});
process.on('SIGTERM', async () => {
  if (failures.size) console.error(`失败的请求 / failed requests: ${[...failures].map(([k, n]) => `${k} ×${n}`).join(', ')}`);
  await app.close();
  await handle.close();
  process.exit(0);
});
