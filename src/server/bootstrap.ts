import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { bootstrapCompany } from '../modules/admin/service.ts';
import { searchKey } from '../platform/pinyin.ts';
import { isoNow } from '../platform/time.ts';
import { hashPassword } from './auth/passwords.ts';

/**
 * On an empty database: one company and its administrator, so that someone can log in.
 * Returns the credentials to print, or null when there are users already.
 */
export async function bootstrapFirstAdmin(db: Db, password = process.env.SALESDESK_ADMIN_PASSWORD): Promise<{ username: string; password: string; mustChange: boolean } | null> {
  const any = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (any) return null;
  const initial = password ?? `Sd${randomBytes(6).toString('base64url')}9`;
  const passwordHash = await hashPassword(initial);
  await db.transaction().execute(async (tx) => {
    const user = await tx
      .insertInto('users')
      .values({ username: 'admin', displayName: '系统管理员', passwordHash, mustChangePassword: password ? 0 : 1, searchKey: searchKey('系统管理员', 'admin'), createdAt: isoNow() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { companyId, roleIds, rootDepartmentId } = await bootstrapCompany(tx, { code: 'HQ', name: '我的公司', shortName: '总部', taxId: null, address: null, phone: null }, { userId: user.id, companyId: null });
    await tx.insertInto('memberships').values({ userId: user.id, companyId, roleId: roleIds.admin, departmentId: rootDepartmentId, createdAt: isoNow() }).execute();
  });
  return { username: 'admin', password: initial, mustChange: !password };
}
