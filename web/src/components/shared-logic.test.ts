import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDateTime, formatMoney, fromNow } from './format.tsx';
import { actionLabel, diffRows } from './history-drawer.tsx';
import { withQuery, ApiError } from '../app/api.ts';
import { applyFormErrors } from './form-errors.ts';

describe('formatMoney', () => {
  it('shows fen as yuan with thousands separators and two decimals', () => {
    expect(formatMoney(123456)).toBe('¥1,234.56');
    expect(formatMoney(5)).toBe('¥0.05');
    expect(formatMoney(-100)).toBe('-¥1.00');
    expect(formatMoney(0)).toBe('¥0.00');
    expect(formatMoney(9_000_000_000_000_00)).toBe('¥9,000,000,000,000.00');
    expect(formatMoney(null)).toBe('');
    expect(formatMoney(1234, { symbol: false })).toBe('12.34');
  });
  it('round-trips every safe amount exactly (no float drift)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (fen) => {
        const s = formatMoney(fen).replace(/[¥,]/g, '');
        const [yuan, cents] = s.replace('-', '').split('.');
        const back = BigInt(yuan) * 100n + BigInt(cents);
        expect(s.startsWith('-') ? -back : back).toBe(BigInt(fen));
      }),
    );
  });
});

describe('formatDateTime', () => {
  it('shows UTC instants in Asia/Shanghai', () => {
    expect(formatDateTime('2026-11-22T16:30:00.000Z')).toBe('2026-11-23 00:30');
    expect(formatDateTime('2026-11-22T06:05:09Z', true)).toBe('2026-11-22 14:05:09');
    expect(formatDateTime(null)).toBe('');
  });
  it('says how long ago', () => {
    const now = Date.parse('2026-11-22T12:00:00Z');
    expect(fromNow('2026-11-22T11:59:40Z', 'zh-CN', now)).toBe('刚刚');
    expect(fromNow('2026-11-22T11:15:00Z', 'zh-CN', now)).toBe('45 分钟前');
    expect(fromNow('2026-11-22T09:00:00Z', 'en-US', now)).toBe('3 h ago');
    expect(fromNow('2026-11-01T00:00:00Z', 'zh-CN', now)).toBe('2026-11-01 08:00');
  });
});

describe('audit diffs', () => {
  it('lists changed fields with Chinese labels and readable values', () => {
    const rows = diffRows({ before: JSON.stringify({ name: '昆明春城', active: true, phone: null, version: 1 }), after: JSON.stringify({ name: '昆明春城酒业', active: false, phone: null, version: 2 }) }, 'zh-CN');
    expect(rows).toEqual([
      { field: 'name', label: '名称', before: '昆明春城', after: '昆明春城酒业' },
      { field: 'active', label: '启用', before: '是', after: '否' },
    ]);
  });
  it('leaves out empty fields of a new record and uses page labels and formatters', () => {
    const rows = diffRows({ before: null, after: JSON.stringify({ displayName: '张伟', email: null, roleId: 2 }) }, 'zh-CN', { roleId: '角色' }, { roleId: (v) => (v === 2 ? '销售经理' : String(v)) });
    expect(rows).toEqual([
      { field: 'displayName', label: '姓名', before: '', after: '张伟' },
      { field: 'roleId', label: '角色', before: '', after: '销售经理' },
    ]);
  });
  it('leaves out an id whose name is shown beside it, not one whose name did not change', () => {
    const created = diffRows({ before: null, after: JSON.stringify({ customerId: 465, customerName: '翠湖宾馆', ownerId: 7 }) }, 'zh-CN', { customerName: '客户', customerId: '客户 ID', ownerId: '业务员' });
    expect(created.map((r) => r.field)).toEqual(['customerName', 'ownerId']);
    // the same name on another customer: the id is what changed, so it stays
    const moved = diffRows({ before: JSON.stringify({ customerId: 465, customerName: '翠湖宾馆' }), after: JSON.stringify({ customerId: 466, customerName: '翠湖宾馆' }) }, 'zh-CN');
    expect(moved.map((r) => r.field)).toEqual(['customerId']);
  });
  it('names actions by their verb', () => {
    expect(actionLabel('customer.update', 'zh-CN')).toBe('修改');
    expect(actionLabel('slip.void', 'en-US')).toBe('Voided');
    expect(actionLabel('user.reset_password', 'zh-CN')).toBe('重置密码');
    expect(actionLabel('x.unknown_verb', 'zh-CN')).toBe('x.unknown_verb');
  });
});

describe('API helpers', () => {
  it('builds query strings without empty values', () => {
    expect(withQuery('/api/x', { q: '张 三', page: 2, empty: '', none: undefined, flag: true, ids: [1, 2] })).toBe('/api/x?q=%E5%BC%A0+%E4%B8%89&page=2&flag=1&ids=1&ids=2');
    expect(withQuery('/api/x?a=1', { b: 2 })).toBe('/api/x?a=1&b=2');
    expect(withQuery('/api/x', {})).toBe('/api/x');
  });
  it('maps API field paths onto form fields and returns what matched none', () => {
    const set: unknown[] = [];
    const form = {
      getFieldsError: () => [{ name: ['username'] }, { name: ['contacts', 0, 'phone'] }],
      setFields: (f: unknown[]) => set.push(...f),
    };
    const err = new ApiError(400, 'VALIDATION_FAILED', '输入有误', [
      { path: 'username', message: '用户名已被使用' },
      { path: 'contacts.0.phone', message: '电话格式不正确' },
      { path: 'body.other', message: '别的问题' },
    ]);
    const rest = applyFormErrors(form as never, err);
    expect(set).toEqual([
      { name: ['username'], errors: ['用户名已被使用'] },
      { name: ['contacts', 0, 'phone'], errors: ['电话格式不正确'] },
    ]);
    expect(rest).toEqual(['别的问题']);
  });
});
