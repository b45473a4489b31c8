import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.ts';

export type Job = { name: string; everyMs: number; run: (db: Db) => Promise<string | void> };

const instanceId = randomUUID();

/**
 * Runs a job under a lease row in the database, so that with several app instances on one
 * PostgreSQL only one runs it at a time. Returns false when another instance holds the lease.
 */
export async function runExclusive(db: Db, job: Pick<Job, 'name' | 'run'>, leaseMs = 10 * 60_000): Promise<boolean> {
  const now = new Date();
  await db.insertInto('jobLocks').values({ name: job.name, lockedBy: null, lockedUntil: null, lastRunAt: null, lastResult: null }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const taken = await db
    .updateTable('jobLocks')
    .set({ lockedBy: instanceId, lockedUntil: new Date(now.getTime() + leaseMs).toISOString() })
    .where('name', '=', job.name)
    .where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<', now.toISOString())]))
    .executeTakeFirst();
  if (Number(taken.numUpdatedRows) !== 1) return false;
  let result = 'ok';
  try {
    result = (await job.run(db)) ?? 'ok';
  } catch (e) {
    result = `error: ${(e as Error).message}`;
    throw e;
  } finally {
    await db.updateTable('jobLocks').set({ lockedBy: null, lockedUntil: null, lastRunAt: new Date().toISOString(), lastResult: result.slice(0, 500) }).where('name', '=', job.name).execute();
  }
  return true;
}

/** Starts the timers of the given jobs; returns a stop function. Errors are logged, never thrown. */
export function startJobs(db: Db, jobs: Job[], log: { error: (obj: unknown, msg: string) => void }): () => void {
  const timers = jobs.map((job) =>
    setInterval(() => {
      runExclusive(db, job).catch((err) => log.error({ err, job: job.name }, 'job failed'));
    }, job.everyMs),
  );
  for (const t of timers) t.unref();
  return () => timers.forEach(clearInterval);
}
