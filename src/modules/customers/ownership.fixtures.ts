// Test data builders for the ownership, pool and transfer tests (defaults plus overrides).
import type { Db } from '../../db/database.ts';
import { searchKey } from '../../platform/pinyin.ts';
import type { TestCompany } from '../../../test/fixtures/factories.ts';

let seq = 0;

export type CustomerOverrides = {
  name?: string;
  ownerId?: number | null;
  ownerSince?: string | null;
  lastFollowupAt?: string | null;
  lastDealAt?: string | null;
  createdAt?: string;
  province?: string | null;
  city?: string | null;
  classification?: 'potential' | 'formal' | 'vip';
  poolEnteredAt?: string | null;
};

function row(company: TestCompany, o: CustomerOverrides, createdBy: number) {
  const n = ++seq;
  const name = o.name ?? `测试客户${n}${Math.random().toString(36).slice(2, 6)}`;
  const createdAt = o.createdAt ?? new Date().toISOString();
  const ownerId = o.ownerId === undefined ? null : o.ownerId;
  return {
    companyId: company.id, code: `T${Date.now().toString(36)}${n}`, name, nameKey: `${name}#${n}`, searchKey: searchKey(name),
    classification: o.classification ?? 'potential', source: 'other', ownerId, ownerSince: o.ownerSince === undefined ? (ownerId ? createdAt : null) : o.ownerSince,
    poolEnteredAt: o.poolEnteredAt ?? null, lastFollowupAt: o.lastFollowupAt ?? null, lastDealAt: o.lastDealAt ?? null,
    province: o.province ?? null, city: o.city ?? null, createdBy, createdAt, updatedAt: createdAt,
  };
}

export async function makeCustomer(db: Db, company: TestCompany, o: CustomerOverrides = {}, createdBy = 1): Promise<{ id: number; name: string }> {
  const r = row(company, o, createdBy);
  const { id } = await db.insertInto('customers').values(r).returning('id').executeTakeFirstOrThrow();
  return { id, name: r.name };
}

/** Many customers of one owner, in multi-row inserts. */
export async function makeCustomers(db: Db, company: TestCompany, count: number, o: CustomerOverrides = {}): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i += 500) {
    const rows = Array.from({ length: Math.min(500, count - i) }, () => row(company, o, 1));
    ids.push(...(await db.insertInto('customers').values(rows).returning('id').execute()).map((r) => r.id));
  }
  return ids;
}

export async function setPoolSettings(db: Db, companyId: number, pool: Partial<{ noFollowupDays: number; noDealDays: number; claimLimit: number; reclaimBlockDays: number }>) {
  const c = await db.selectFrom('companies').select('settings').where('id', '=', companyId).executeTakeFirstOrThrow();
  const settings = JSON.parse(c.settings);
  settings.pool = { ...(settings.pool ?? {}), ...pool };
  await db.updateTable('companies').set({ settings: JSON.stringify(settings) }).where('id', '=', companyId).execute();
}

export async function setDepartmentManager(db: Db, departmentId: number, userId: number) {
  await db.updateTable('departments').set({ managerUserId: userId }).where('id', '=', departmentId).execute();
}

export const daysAgo = (now: Date, days: number, plusMs = 0) => new Date(now.getTime() - days * 86_400_000 + plusMs).toISOString();
