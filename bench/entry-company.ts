import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openSqlite, type DbHandle } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { bootstrapCompany } from '../src/modules/admin/service.ts';
import { searchKey } from '../src/platform/pinyin.ts';
import { hashPassword } from '../src/server/auth/passwords.ts';
import { BENCH_PASSWORD } from './gen-bench-db.ts';
import type { OrdersBenchInfo } from './gen-orders-db.ts';
import type { EntryPlan } from './orders-bench.ts';

// The company order entry is measured in when it starts empty: one company, an admin, 20,000 customers
// and the 300 products copied from the SQLite orders bench database, and ample stock in one warehouse.
// PostgreSQL's entry runs on it (bench/pg-orders.ts), and SQLite's second entry figure (a company's
// first orders, beside the one at a million orders) so that the two databases are compared on the same data.

export type EntryCompany = { plan: EntryPlan; companyId: number; adminId: number };

export const ENTRY_CUSTOMERS = 20_000;

/** Migrates `h` and writes the company into it; `sqliteFile` is the orders bench database the rows come from. */
export async function seedEntryCompany(h: DbHandle, sqliteFile: string, info: OrdersBenchInfo): Promise<EntryCompany> {
  const src = new Database(sqliteFile, { readonly: true });
  try {
    await migrateToLatest(h.db);
    const now = new Date().toISOString();
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    const org = await h.db.transaction().execute(async (tx) => {
      const c = await bootstrapCompany(tx, { code: 'BENCH', name: '滇源酒业（基准测试）', shortName: '基准', taxId: null, address: null, phone: null }, { userId: null, companyId: null });
      const u = await tx.insertInto('users').values({ username: info.adminUsername, displayName: '基准管理员', passwordHash, mustChangePassword: 0, searchKey: searchKey('基准管理员', info.adminUsername), createdAt: now }).returning('id').executeTakeFirstOrThrow();
      await tx.insertInto('memberships').values({ userId: u.id, companyId: c.companyId, roleId: c.roleIds.admin!, departmentId: c.rootDepartmentId, createdAt: now }).execute();
      return { companyId: c.companyId, adminId: u.id };
    });
    const camel = (k: string) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    const copied = (r: Record<string, unknown>) => {
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(r)) if (k !== 'id') o[camel(k)] = v;
      return o;
    };
    // customers: the bench's first owned ones, every column, owned by the admin here
    const rows = src.prepare(`select * from customers where company_id = ? and owner_id is not null order by id limit ?`).all(info.companyId, ENTRY_CUSTOMERS) as Record<string, unknown>[];
    const customers: number[] = [];
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500).map((r) => ({ ...copied(r), companyId: org.companyId, ownerId: org.adminId, createdBy: org.adminId, previousOwnerId: null, referredByCustomerId: null }));
      const ids = await h.db.insertInto('customers').values(chunk as never).returning('id').execute();
      customers.push(...ids.map((r) => r.id));
    }
    const warehouse = await h.db.insertInto('warehouses').values({ companyId: org.companyId, code: 'KM', name: '昆明总仓', createdAt: now, updatedAt: now }).returning('id').executeTakeFirstOrThrow();
    const productIds: number[] = [];
    for (const p of src.prepare(`select * from products where company_id = ? order by id`).all(info.companyId) as Record<string, unknown>[]) {
      const row = await h.db.insertInto('products').values({ ...copied(p), companyId: org.companyId, createdBy: org.adminId } as never).returning('id').executeTakeFirstOrThrow();
      productIds.push(row.id);
      await h.db.insertInto('stockLevels').values({ companyId: org.companyId, warehouseId: warehouse.id, productId: row.id, onHand: 10_000_000, reserved: 0, updatedAt: now }).execute();
    }
    return { companyId: org.companyId, adminId: org.adminId, plan: { customers, productIds, warehouseId: warehouse.id } };
  } finally {
    src.close();
  }
}

/** The same company in a new SQLite file under `dir` (closed again: the app opens it in its own process). */
export async function freshSqliteEntryDb(dir: string, sqliteFile: string, info: OrdersBenchInfo, log: (s: string) => void): Promise<EntryCompany & { file: string }> {
  const file = path.join(dir, 'entry-fresh.sqlite');
  for (const x of ['', '-wal', '-shm']) fs.rmSync(file + x, { force: true });
  const h = openSqlite(file);
  try {
    const company = await seedEntryCompany(h, sqliteFile, info);
    log(`  SQLite 新账套 / fresh company: ${company.plan.customers.length.toLocaleString()} customers, ${company.plan.productIds.length} products`);
    return { ...company, file };
  } finally {
    await h.close();
  }
}
