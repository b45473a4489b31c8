// A read connection on a worker thread (src/db/parallel-reads.ts): runs the read-only queries it is
// sent against the SQLite file and answers each with its numbers in one Float64Array, handed over
// without a copy. Plain JavaScript so that it starts the same under tsx, vitest and node.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('temp_store = MEMORY');
const statements = new Map();

function run(sql, parameters) {
  let st = statements.get(sql);
  if (!st) {
    st = db.prepare(sql).raw(true);
    if (statements.size < 200) statements.set(sql, st);
  }
  const columns = st.columns().map((c) => c.name);
  const rows = st.all(parameters);
  const width = columns.length;
  const values = new Float64Array(rows.length * width);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    for (let j = 0; j < width; j++) {
      const v = r[j];
      values[i * width + j] = v === null ? NaN : Number(v);
    }
  }
  return { columns, rows: rows.length, values };
}

parentPort.on('message', ({ id, sql, parameters }) => {
  try {
    const table = run(sql, parameters);
    parentPort.postMessage({ id, table }, [table.values.buffer]);
  } catch (e) {
    parentPort.postMessage({ id, error: { message: e instanceof Error ? e.message : String(e), code: e?.code } });
  }
});
