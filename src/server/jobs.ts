import type { Job } from '../platform/jobs/jobs.ts';
import { sealAudit } from '../platform/audit/audit.ts';
import { runPoolJob } from '../modules/customers/service.ts';
import { optimizeStatistics } from '../db/maintenance.ts';
import { purgeOldImports } from '../modules/imports/service.ts';
import { notifyStockAlerts } from '../modules/inventory/service.ts';
import { runCollectionsJob } from '../modules/collections/service.ts';
import { expireHolds } from '../modules/holds/service.ts';
import { deliverRobotPushes } from '../modules/notifications/robots.ts';

/** The scheduled jobs of the app; modules add theirs here. */
export function appJobs(): Job[] {
  return [
    { name: 'audit.seal', everyMs: 5_000, run: async (db) => `sealed ${await sealAudit(db)}` },
    { name: 'db.optimize', everyMs: 6 * 3_600_000, run: (db) => optimizeStatistics(db) },
    // 公海: customers not worked for N/M days (company settings) go back to the pool
    { name: 'customers.pool', everyMs: 3_600_000, run: (db) => runPoolJob(db) },
    // Excel imports: staged rows of week-old imports are removed; stale previews marked discarded
    { name: 'imports.purge', everyMs: 3_600_000, run: (db) => purgeOldImports(db) },
    // 库存预警: each warehouse keeper's daily notice of low stock and batches near expiry
    { name: 'stock.alerts', everyMs: 3_600_000, run: (db) => notifyStockAlerts(db) },
    // 留货: 订金 holds past their deadline expire and give their stock back
    { name: 'holds.expire', everyMs: 60_000, run: (db) => expireHolds(db) },
    // 催收: broken promises flagged, and each overdue customer's daily alert to its rep and manager
    { name: 'collections.daily', everyMs: 3_600_000, run: (db) => runCollectionsJob(db) },
    // 群机器人推送: queued WeCom / DingTalk robot messages posted after their transaction, retried with back-off
    { name: 'notifications.robots', everyMs: 5_000, run: (db) => deliverRobotPushes(db) },
  ];
}
