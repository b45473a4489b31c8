import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SAFETY_PAGES, startCheckpointer } from './checkpointer.ts';

// WAL checkpoints on a worker thread (src/db/checkpointer.ts): the writer no longer checkpoints in its
// own commits, the worker copies committed pages back and the WAL starts over, and nothing committed is
// lost. SQLite-only by nature; it runs in both projects on a file database of its own.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-ckpt-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const walPages = (file: string) => {
  const bytes = fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0;
  return Math.max(0, (bytes - 32) / (4096 + 24));
};
const until = async (what: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('WAL checkpointer', () => {
  it('checkpoints beside the writer, lets the WAL start over, and loses nothing', async () => {
    const file = path.join(dir, 'ckpt.sqlite');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('create table t (id integer primary key, body text not null)');
    const ckpt = startCheckpointer(db, file, 50);
    try {
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(SAFETY_PAGES);
      const ins = db.prepare('insert into t (body) values (?)');
      const write = db.transaction((n: number) => { for (let i = 0; i < n; i++) ins.run('x'.repeat(2000)); });
      // ~1,500 pages: past SQLite's default threshold, so the writer would have checkpointed by itself
      write(3000);
      const grown = walPages(file);
      expect(grown).toBeGreaterThan(1000);
      await until(() => ckpt.stats.runs > 0 && ckpt.stats.lastCheckpointed >= ckpt.stats.lastLog && ckpt.stats.lastLog > 1000);
      expect(ckpt.stats.error).toBeNull();
      // everything copied back: the next write starts the WAL from its beginning instead of growing it
      write(10);
      const before = fs.statSync(`${file}-wal`).size;
      write(10);
      expect(fs.statSync(`${file}-wal`).size).toBe(before); // frames rewritten from the start, file not longer
      const raw = new Database(file, { readonly: true });
      expect((raw.prepare('select count(*) as n from t').get() as { n: number }).n).toBe(3020);
      raw.close();
    } finally {
      await ckpt.stop();
      db.close();
    }
    // reopened after a clean close: all rows there
    const again = new Database(file, { readonly: true });
    expect((again.prepare('select count(*) as n from t').get() as { n: number }).n).toBe(3020);
    again.close();
  });

  it('lets a script that opens and closes a database end by itself (top-level await)', () => {
    const script = path.join(dir, 'open-close.mts'); // an ES module outside the project's package.json
    const database = fileURLToPath(new URL('./database.ts', import.meta.url));
    fs.writeFileSync(script, `import { openSqlite } from ${JSON.stringify(database)};\nconst h = openSqlite(${JSON.stringify(path.join(dir, 'script.sqlite'))});\nawait h.close();\nconsole.log('closed');\n`);
    const r = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 30_000 });
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.stdout.trim()).toBe('closed');
    expect(r.status).toBe(0);
  });
});
