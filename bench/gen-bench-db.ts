import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import { openSqlite } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { bootstrapCompany, syncBuiltinRoles } from '../src/modules/admin/service.ts';
import { nameKey, phoneNorm, searchColumns } from '../src/modules/customers/normalize.ts';
import { defaultNumberRules, renderNumber } from '../src/platform/numbering/numbering.ts';
import { searchKey } from '../src/platform/pinyin.ts';
import { hashPassword } from '../src/server/auth/passwords.ts';
import { customerSpec, genState, type Channel, type CustomerSpec } from './customer-gen.ts';
import type { SearchDone, SearchJob } from './search-worker.ts';
import { makeRng } from './prng.ts';

// The benchmark database: one company, 8 sales departments of 12 reps and a manager each, and N
// customers (1,000,000 by default) with one primary contact each, written with bare better-sqlite3
// prepared statements in large transactions. Every column the customers service derives on create
// is filled the same way (code from the numbering rule, name_key, every search column from
// normalize.ts, primary contact/phone); moves and tags are left out (no benchmarked query reads them).
// Cached under .bench/, keyed by the generator version (bump GEN_VERSION when the data changes);
// migrations that land later are applied to the cached file.

export const GEN_VERSION = 3;
export const BENCH_PASSWORD = 'Bench1234';
export const BENCH_DEPTS = 8;
export const REPS_PER_DEPT = 12;

export type BenchInfo = { builtSeconds?: number; builtAt?: string; file: string; companyId: number; customers: number; managerIds: number[]; repIds: number[]; adminUsername: string; managerUsername: string; repUsername: string };

export function benchDbFile(dir: string, n: number): string {
  return path.join(dir, `customers-${n}-v${GEN_VERSION}.sqlite`);
}

const channels: Channel[] = ['direct', 'wholesale', 'prefecture', 'any'];
const YEAR = '2026';

export async function ensureBenchDb(dir: string, n: number, log: (s: string) => void): Promise<BenchInfo> {
  const file = benchDbFile(dir, n);
  const infoFile = `${file}.json`;
  if (fs.existsSync(file) && fs.existsSync(infoFile)) {
    // Migrations added since it was generated are applied to it, as an upgrade would — with
    // synchronous=OFF (a throwaway cache: a row-by-row backfill of a million rows would otherwise
    // fsync every autocommitted row). One that fails: the cache is rebuilt.
    const raw = new Database(file);
    raw.pragma('synchronous = OFF');
    const cached = new Kysely<any>({ dialect: new SqliteDialect({ database: raw }), plugins: [new CamelCasePlugin()] });
    try {
      const t = Date.now();
      const applied = await migrateToLatest(cached);
      await syncBuiltinRoles(cached); // as a start of the app would
      log(`使用缓存的基准数据库 / cached bench database: ${file}${applied.length ? ` (+${applied.length} new migrations applied in ${((Date.now() - t) / 1000).toFixed(0)} s)` : ''}`);
      return { ...(JSON.parse(fs.readFileSync(infoFile, 'utf8')) as BenchInfo), file };
    } catch (e) {
      log(`缓存的基准数据库无法迁移，重新生成 / cached bench database does not migrate (${(e as Error).message}); rebuilding`);
    } finally {
      await cached.destroy();
    }
  }
  fs.mkdirSync(dir, { recursive: true });
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const t0 = Date.now();

  // schema and people through the app's own code
  const handle = openSqlite(file);
  await migrateToLatest(handle.db);
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const org = await handle.db.transaction().execute(async (tx) => {
    const c = await bootstrapCompany(tx, { code: 'BENCH', name: '滇源酒业（基准测试）', shortName: '基准', taxId: null, address: null, phone: null }, { userId: null, companyId: null });
    const now = new Date().toISOString();
    const addUser = async (username: string, displayName: string, roleCode: string, departmentId: number) => {
      const u = await tx.insertInto('users').values({ username, displayName, passwordHash, mustChangePassword: 0, searchKey: searchKey(displayName, username), createdAt: now }).returning('id').executeTakeFirstOrThrow();
      await tx.insertInto('memberships').values({ userId: u.id, companyId: c.companyId, roleId: c.roleIds[roleCode]!, departmentId, createdAt: now }).execute();
      return u.id;
    };
    await addUser('benchadmin', '基准管理员', 'admin', c.rootDepartmentId);
    const managerIds: number[] = [];
    const repIds: number[][] = [];
    for (let d = 0; d < BENCH_DEPTS; d++) {
      const dept = await tx.insertInto('departments').values({ companyId: c.companyId, parentId: c.rootDepartmentId, name: `销售${d + 1}部`, path: 'tmp', createdAt: now }).returning('id').executeTakeFirstOrThrow();
      await tx.updateTable('departments').set({ path: `/${c.rootDepartmentId}/${dept.id}/` }).where('id', '=', dept.id).execute();
      const m = await addUser(`benchmgr${d + 1}`, `经理${d + 1}`, 'manager', dept.id);
      await tx.updateTable('departments').set({ managerUserId: m }).where('id', '=', dept.id).execute();
      managerIds.push(m);
      const reps: number[] = [];
      for (let r = 0; r < REPS_PER_DEPT; r++) reps.push(await addUser(`benchrep${d + 1}_${r + 1}`, `业务员${d + 1}-${r + 1}`, 'rep', dept.id));
      repIds.push(reps);
    }
    return { companyId: c.companyId, managerIds, repIds };
  });
  await handle.close();

  // customers through bare prepared statements
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = OFF');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -400000');
  // secondary indexes are dropped and rebuilt after the load (their definitions read back from the schema)
  const indexes = sqlite.prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in ('customers', 'customer_contacts')`).all() as { name: string; sql: string }[];
  for (const ix of indexes) sqlite.exec(`drop index ${ix.name}`);
  // every column searchColumns() derives (search_key, search_name, search_core, …), whatever the customers module adds
  const searchKeys = Object.keys(searchColumns('昆明华东商贸', '云南省', '昆明市'));
  const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const insCustomer = sqlite.prepare(`insert into customers (id, company_id, code, name, short_name, name_key, ${searchKeys.map(snake).join(', ')},
    industry, province, city, address, classification, source, owner_id, owner_since, pool_entered_at, previous_owner_id, tax_id,
    invoice_title, invoice_address, invoice_phone, invoice_bank, invoice_account, notes, primary_contact, primary_phone,
    last_followup_at, created_by, created_at, updated_at, version)
    values (?, ?, ?, ?, null, ?, ${searchKeys.map(() => '?').join(', ')}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, ?, ?, ?, ?, ?, ?, 1)`);
  const insContact = sqlite.prepare(`insert into customer_contacts (id, company_id, customer_id, name, phone, phone_norm, position, email, is_primary, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`);
  const rng = makeRng(20261122);
  const state = genState(rng, nameKey);
  const rule = defaultNumberRules.customer!;
  const nowMs = Date.parse('2026-11-20T08:00:00Z');
  const baseId = (sqlite.prepare('select coalesce(max(id), 0) as m from customers').get() as { m: number }).m;
  const contactBase = (sqlite.prepare('select coalesce(max(id), 0) as m from customer_contacts').get() as { m: number }).m;
  const BATCH = 50_000;
  type Planned = { spec: CustomerSpec; inPool: boolean; owner: number; created: string; followup: string | null };
  // every random choice in one fixed order (so the data never depends on worker timing)
  const plan = (from: number, to: number): Planned[] => {
    const out: Planned[] = [];
    for (let i = from; i < to; i++) {
      const d = i % BENCH_DEPTS;
      const spec = customerSpec(state, channels[d % channels.length]!, { contacts: false });
      const inPool = rng.chance(0.05);
      const owner = org.repIds[d]![rng.int(0, REPS_PER_DEPT - 1)]!;
      const created = new Date(nowMs - rng.int(0, 3 * 365 * 86400) * 1000).toISOString();
      const followup = rng.chance(0.7) ? new Date(nowMs - rng.int(0, 180 * 86400) * 1000).toISOString() : null;
      out.push({ spec, inPool, owner, created, followup });
    }
    return out;
  };
  const writeBatch = sqlite.transaction((from: number, planned: Planned[], cols: SearchDone['cols']) => {
    planned.forEach(({ spec, inPool, owner, created, followup }, k) => {
      const i = from + k;
      const c = spec.contacts[0]!;
      const id = baseId + i + 1;
      const inv = spec.invoice;
      insCustomer.run(id, org.companyId, renderNumber(rule.pattern, `${YEAR}-01-01`, i + 1), spec.name, nameKey(spec.name), ...cols[k]!,
        spec.industry, spec.province, spec.city, spec.address, spec.classification, spec.source, inPool ? null : owner, inPool ? null : created, inPool ? followup ?? created : null, inPool ? owner : null, spec.taxId,
        inv?.title ?? null, inv?.address ?? null, inv?.phone ?? null, inv?.bank ?? null, inv?.account ?? null, c.name, phoneNorm(c.phone), followup, owner, created, created);
      insContact.run(contactBase + i + 1, org.companyId, id, c.name, c.phone, phoneNorm(c.phone), c.position, c.email, created);
    });
  });
  // search columns (pinyin) are computed by two workers while this thread plans and writes
  const workers = [0, 1].map(() => new Worker(new URL('./search-worker.mjs', import.meta.url)));
  let jobId = 0;
  const pending = new Map<number, (cols: SearchDone['cols']) => void>();
  for (const w of workers) w.on('message', (m: SearchDone) => pending.get(m.id)!(m.cols));
  const columnsOf = (planned: Planned[]): Promise<SearchDone['cols']> => {
    const half = Math.ceil(planned.length / 2);
    const parts = [planned.slice(0, half), planned.slice(half)].map((part, w) => {
      const id = ++jobId;
      return new Promise<SearchDone['cols']>((resolve) => {
        pending.set(id, resolve);
        workers[w]!.postMessage({ id, keys: searchKeys, items: part.map((p) => [p.spec.name, p.spec.province, p.spec.city]) } satisfies SearchJob);
      });
    });
    return Promise.all(parts).then(([a, b]) => [...a!, ...b!]);
  };
  try {
    let planned = plan(0, Math.min(n, BATCH));
    let cols = columnsOf(planned);
    for (let from = 0; from < n; from += BATCH) {
      const nextFrom = from + BATCH;
      const nextPlanned = nextFrom < n ? plan(nextFrom, Math.min(n, nextFrom + BATCH)) : [];
      const nextCols = nextPlanned.length ? columnsOf(nextPlanned) : null;
      writeBatch(from, planned, await cols);
      log(`  生成客户 / customers ${Math.min(n, nextFrom).toLocaleString()} / ${n.toLocaleString()}  (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
      planned = nextPlanned;
      if (nextCols) cols = nextCols;
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  // the next customer created through the app continues the year's sequence
  sqlite.prepare(`insert into number_sequences (company_id, doc_type, period, last_value) values (?, 'customer', ?, ?)
    on conflict (company_id, doc_type, period) do update set last_value = excluded.last_value`).run(org.companyId, YEAR, n);
  log('  重建索引 / rebuilding indexes…');
  for (const ix of indexes) sqlite.exec(ix.sql);
  sqlite.pragma('journal_mode = WAL');
  sqlite.close();
  const info: BenchInfo = {
    builtSeconds: Math.round((Date.now() - t0) / 1000), builtAt: new Date().toISOString(), file, companyId: org.companyId, customers: n, managerIds: org.managerIds, repIds: org.repIds.flat(),
    adminUsername: 'benchadmin', managerUsername: 'benchmgr1', repUsername: 'benchrep1_1',
  };
  fs.writeFileSync(infoFile, JSON.stringify(info, null, 2));
  log(`基准数据库已生成 / bench database built in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${file}`);
  return info;
}

