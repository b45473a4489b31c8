// Computes the customers module's search columns (pinyin: the costly part of generating a million
// customers) for the benchmark generator, off the main thread. Same function as the service uses.
import { parentPort } from 'node:worker_threads';
import { searchColumns } from '../src/modules/customers/normalize.ts';

export type SearchJob = { id: number; keys: string[]; items: [name: string, province: string | null, city: string | null][] };
/** per item, the values of searchColumns() in the order of job.keys */
export type SearchDone = { id: number; cols: (string | null)[][] };

parentPort!.on('message', (job: SearchJob) => {
  const cols = job.items.map(([n, p, c]) => {
    const s = searchColumns(n, p, c) as Record<string, string | null>;
    return job.keys.map((k) => s[k] ?? null);
  });
  parentPort!.postMessage({ id: job.id, cols } satisfies SearchDone);
});
