// The WAL checkpointer of a SQLite file (src/db/checkpointer.ts), on a worker thread with its own
// connection: copies committed WAL frames back into the database file while the main connection goes on
// writing (a PASSIVE checkpoint never blocks the writer, nor waits for it). Plain JavaScript so that it
// starts the same under tsx, vitest and node.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = FULL'); // the database file is synced after a checkpoint, as the main connection would
db.pragma('wal_autocheckpoint = 0'); // this connection only checkpoints when told (it writes nothing)
const checkpoint = db.prepare('pragma wal_checkpoint(PASSIVE)');

function tick() {
  try {
    const r = checkpoint.get(); // { busy, log, checkpointed }
    parentPort.postMessage({ log: r.log, checkpointed: r.checkpointed });
  } catch (e) {
    parentPort.postMessage({ error: e.message });
  }
}
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m === 'now') tick();
  if (m === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
