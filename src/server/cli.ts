import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadConfig } from './config.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { optimizeStatistics } from '../db/maintenance.ts';
import { buildApp } from './app.ts';
import { bootstrapFirstAdmin } from './bootstrap.ts';
import { syncBuiltinRoles } from '../modules/admin/service.ts';
import { startJobs } from '../platform/jobs/jobs.ts';
import { appJobs } from './jobs.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const webDir = path.join(root, 'web/dist');

function ensureWebBuilt(): void {
  if (fs.existsSync(path.join(webDir, 'index.html'))) return;
  console.log('正在构建网页界面（首次启动，约 30 秒）… / building the web UI (first start)…');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('web build failed');
}

async function main(): Promise<void> {
  const config = loadConfig();
  ensureWebBuilt();
  const handle = openDatabase(config);
  const applied = await migrateToLatest(handle.db);
  await optimizeStatistics(handle.db);
  await syncBuiltinRoles(handle.db);
  if (applied.length) console.log(`数据库迁移完成 / migrations applied: ${applied.length}`);
  const admin = await bootstrapFirstAdmin(handle.db);
  // the demo company (bench/demo.ts), loaded only when asked for; a second start finds it and adds nothing
  const demoModule = config.demo ? await import('../../bench/demo.ts') : null;
  const demo = demoModule ? await demoModule.loadDemo(handle.db, { log: console.log }) : null;
  const { app } = await buildApp({ db: handle.db, dialect: handle.dialect, logLevel: config.logLevel, webDir });
  const stopJobs = startJobs(handle.db, appJobs(), app.log);
  await app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  console.log(`\nSalesDesk 销售管理系统 已启动：${url}  (${handle.dialect === 'sqlite' ? path.join(config.dataDir, 'salesdesk.sqlite') : 'PostgreSQL'})`);
  if (admin) console.log(`首次登录 / first login:  用户名 ${admin.username}  初始密码 ${admin.password}${admin.mustChange ? '  （首次登录须修改密码 / change it at first login）' : ''}\n`);
  if (demoModule && demo) console.log(`${demoModule.demoLoginsText(demo)}\n`);
  const shutdown = async () => {
    stopJobs();
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
