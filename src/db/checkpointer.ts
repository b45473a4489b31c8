import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

// WAL checkpoints off the event loop (docs/decisions.md "Checkpoints on a worker thread").
//
// In WAL mode every commit appends pages to the -wal file; a checkpoint copies them back into the
// database file and syncs it. By default the connection that commits past 1,000 WAL pages runs that
// checkpoint itself, inside its COMMIT: on the server's one event loop that is a stall of tens of ms for
// every request in flight, every few hundred orders (the p99 of order entry). Here the main connection
// only checkpoints as a safety net (SAFETY_PAGES, should the worker stop or fall behind), and a worker
// thread with its own connection runs a PASSIVE checkpoint every INTERVAL_MS: it copies what is committed
// without blocking the writer, on the other core. The writer restarts the WAL from its beginning at its
// next transaction once everything has been copied back (SQLite does that itself).

const INTERVAL_MS = 250;
/** The main connection's own auto-checkpoint: far above what the worker lets the WAL reach. */
export const SAFETY_PAGES = 20_000;

export type CheckpointStats = { runs: number; lastLog: number; lastCheckpointed: number; error: string | null };

/** Starts checkpointing `file` on a worker thread; returns its stats and stopper. */
export function startCheckpointer(sqlite: BetterSqlite3.Database, file: string, intervalMs = INTERVAL_MS) {
  sqlite.pragma(`wal_autocheckpoint = ${SAFETY_PAGES}`);
  const stats: CheckpointStats = { runs: 0, lastLog: 0, lastCheckpointed: 0, error: null };
  const worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), { workerData: { file, intervalMs } });
  worker.unref(); // never keeps the process alive
  worker.on('message', (m: { log?: number; checkpointed?: number; error?: string }) => {
    stats.runs++;
    if (m.error) {
      stats.error = m.error;
      return;
    }
    stats.error = null;
    stats.lastLog = m.log ?? 0;
    stats.lastCheckpointed = m.checkpointed ?? 0;
  });
  let stopped = false;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('error', (e) => {
    // the safety net takes over: the main connection checkpoints at the old threshold again
    stats.error = e.message;
    if (!stopped && sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
  });
  return {
    stats,
    /** Asks for a checkpoint now (tests). */
    now: () => worker.postMessage('now'),
    stop: async () => {
      stopped = true;
      worker.ref(); // waiting for its exit keeps the process alive (a script's top-level await would not settle)
      worker.postMessage('stop');
      await exited;
    },
  };
}
