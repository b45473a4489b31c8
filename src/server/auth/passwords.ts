import { hash, verify } from '@node-rs/argon2';
import { platformError } from '../../platform/errors/app-error.ts';

export const hashPassword = (password: string) => hash(password) // @node-rs/argon2 defaults to argon2id (m=19456, t=2, p=1);
export const verifyPassword = (stored: string, password: string) => verify(stored, password).catch(() => false);

export function assertStrongPassword(password: string): void {
  if (password.length < 8 || !/[A-Za-z]/.test(password) || !/\d/.test(password)) {
    throw platformError('PASSWORD_WEAK', {}, [{ path: 'newPassword', message: '密码至少 8 位，且须同时包含字母和数字' }]);
  }
}
