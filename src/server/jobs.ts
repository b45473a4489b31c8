import type { Job } from '../platform/jobs/jobs.ts';
import { sealAudit } from '../platform/audit/audit.ts';

/** The scheduled jobs of the app; modules add theirs here. */
export function appJobs(): Job[] {
  return [{ name: 'audit.seal', everyMs: 5_000, run: async (db) => `sealed ${await sealAudit(db)}` }];
}
