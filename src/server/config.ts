import { parseArgs } from 'node:util';
import path from 'node:path';

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  logLevel: string;
  demo: boolean;
};

/** Reads configuration from CLI flags first, then the environment (same names), then defaults. */
export function loadConfig(argv: string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): Config {
  const { values } = parseArgs({
    args: argv,
    strict: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      'log-level': { type: 'string' },
      demo: { type: 'boolean' },
    },
  });
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  return {
    port: Number(str(values.port) ?? env.PORT ?? 3000),
    host: str(values.host) ?? env.HOST ?? '127.0.0.1',
    dataDir: path.resolve(str(values['data-dir']) ?? env.DATA_DIR ?? './data'),
    databaseUrl: str(values['database-url']) ?? str(env.DATABASE_URL),
    logLevel: str(values['log-level']) ?? env.LOG_LEVEL ?? 'info',
    demo: values.demo === true || env.DEMO === '1',
  };
}
