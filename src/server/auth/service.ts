import { createHash, randomBytes } from 'node:crypto';
import type { Db, Executor } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { platformError } from '../../platform/errors/app-error.ts';
import { isoNow } from '../../platform/time.ts';
import { assertStrongPassword, hashPassword, verifyPassword } from './passwords.ts';
import { companiesOfUser, findSession, findUserById, findUserByUsername, type SessionRow } from './repo.ts';
import type { ChangePasswordBody, LoginBody, Me } from './schema.ts';

export const SESSION_COOKIE = 'sd_session';
export const SESSION_HOURS = 12;
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

export const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** Checks the password, counts failures (locking the account after MAX_FAILED_LOGINS) and opens a session. */
export async function login(db: Db, body: LoginBody, requestId: string): Promise<{ token: string }> {
  const user = await findUserByUsername(db, body.username);
  const now = new Date();
  if (!user) {
    await verifyPassword('$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$ZmFrZWhhc2hmYWtlaGFzaGZha2VoYXNoZmFrZWg', body.password); // same time as a real check
    throw platformError('LOGIN_FAILED');
  }
  if (user.lockedUntil && user.lockedUntil > now.toISOString()) {
    throw platformError('ACCOUNT_LOCKED', { until: new Date(user.lockedUntil).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }) });
  }
  if (!(await verifyPassword(user.passwordHash, body.password))) {
    const failed = user.failedLogins + 1;
    const lock = failed >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : null;
    await db.transaction().execute(async (tx) => {
      await tx.updateTable('users').set({ failedLogins: lock ? 0 : failed, lockedUntil: lock }).where('id', '=', user.id).execute();
      if (lock) await writeAudit(tx, { userId: user.id, companyId: null, requestId }, { action: 'user.locked', entity: 'user', entityId: user.id, note: `连续 ${failed} 次登录失败` });
    });
    throw platformError('LOGIN_FAILED');
  }
  if (!user.active) throw platformError('ACCOUNT_DISABLED');
  const companies = await companiesOfUser(db, user.id);
  const token = randomBytes(32).toString('base64url');
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('users').set({ failedLogins: 0, lockedUntil: null }).where('id', '=', user.id).execute();
    await tx
      .insertInto('sessions')
      .values({
        id: sessionIdOf(token),
        userId: user.id,
        companyId: companies[0]?.id ?? null,
        csrfToken: randomBytes(24).toString('base64url'),
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString(),
      })
      .execute();
    await tx.deleteFrom('sessions').where('expiresAt', '<', now.toISOString()).execute();
    await writeAudit(tx, { userId: user.id, companyId: companies[0]?.id ?? null, requestId }, { action: 'user.login', entity: 'user', entityId: user.id });
  });
  return { token };
}

export const loadSession = (db: Db, token: string) => findSession(db, sessionIdOf(token), isoNow());

export async function logout(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/**
 * Ends a user's sessions (all, or those in one company): a disabled member, a changed role or a
 * reset password takes effect at once. The auth plumbing owns the sessions table.
 */
export async function endSessionsOf(tx: Executor, userId: number, companyId?: number): Promise<void> {
  let q = tx.deleteFrom('sessions').where('userId', '=', userId);
  if (companyId !== undefined) q = q.where('companyId', '=', companyId);
  await q.execute();
}

export async function changePassword(db: Db, session: SessionRow, body: ChangePasswordBody, requestId: string): Promise<void> {
  const user = await findUserById(db, session.userId);
  if (!user || !(await verifyPassword(user.passwordHash, body.currentPassword))) {
    throw platformError('PASSWORD_WRONG', {}, [{ path: 'currentPassword', message: '原密码不正确' }]);
  }
  assertStrongPassword(body.newPassword);
  const passwordHash = await hashPassword(body.newPassword);
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('users').set({ passwordHash, mustChangePassword: 0, version: user.version + 1 }).where('id', '=', user.id).execute();
    // other sessions of this user end: a changed password must lock out whoever knew the old one
    await tx.deleteFrom('sessions').where('userId', '=', user.id).where('id', '!=', session.sessionId).execute();
    await writeAudit(tx, { userId: user.id, companyId: session.companyId, requestId }, { action: 'user.password', entity: 'user', entityId: user.id });
  });
}

export async function switchCompany(db: Db, session: SessionRow, companyId: number): Promise<void> {
  const companies = await companiesOfUser(db, session.userId);
  if (!companies.some((c) => c.id === companyId)) throw platformError('NOT_FOUND');
  await db.updateTable('sessions').set({ companyId }).where('id', '=', session.sessionId).execute();
}

export async function setLocale(db: Db, userId: number, locale: string): Promise<void> {
  await db.updateTable('users').set({ locale }).where('id', '=', userId).execute();
}

export async function me(db: Db, session: SessionRow): Promise<Me> {
  const companies = await companiesOfUser(db, session.userId);
  const hasCompany = session.membershipId != null && session.companyId != null;
  return {
    user: { id: session.userId, username: session.username, displayName: session.displayName, locale: session.locale, mustChangePassword: session.mustChangePassword === 1 },
    company: hasCompany ? { id: session.companyId!, name: session.companyName!, code: session.companyCode! } : null,
    companies,
    role: hasCompany ? { id: session.roleId!, code: session.roleCode!, name: session.roleName!, dataScope: session.dataScope! } : null,
    department: session.departmentId ? { id: session.departmentId, name: session.departmentName ?? '' } : null,
    permissions: hasCompany ? (JSON.parse(session.permissions ?? '[]') as string[]) : [],
    csrfToken: session.csrfToken,
  };
}
