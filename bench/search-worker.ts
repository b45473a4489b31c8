// Computes the customers module's search columns (pinyin: the costly part of generating a million
// customers) for the benchmark generator, off the main thread. Same function as the service uses.
import { parentPort } from 'node:worker_threads';
import { searchColumns } from '../src/modules/customers/normalize.ts';

export type SearchJob = { id: number; items: [name: string, province: string | null, city: string | null][] };
export type SearchDone = { id: number; cols: [key: string, name: string, core: string | null, pinyin: string, initials: string][] };

parentPort!.on('message', (job: SearchJob) => {
  const cols = job.items.map(([n, p, c]) => {
    const s = searchColumns(n, p, c);
    return [s.searchKey, s.searchName, s.searchCore, s.searchPinyin, s.searchInitials] as SearchDone['cols'][number];
  });
  parentPort!.postMessage({ id: job.id, cols } satisfies SearchDone);
});
