import { describe, expect, it } from 'vitest';
import { builtinRoles } from '../../../src/platform/permissions/catalog.ts';
import { roleLabel } from './i18n.tsx';

describe('roleLabel: a role\u2019s name as shown', () => {
  it('gives a built-in role under its seeded name in both languages (t.l picks one)', () => {
    expect(roleLabel({ code: 'manager', name: '销售经理' })).toEqual({ zh: '销售经理', en: 'Sales manager' });
    expect(roleLabel({ code: 'clerk', name: '销售内勤' })).toEqual({ zh: '销售内勤', en: 'Sales assistant' });
    expect(roleLabel({ code: 'warehouse', name: '仓管' })).toEqual({ zh: '仓管', en: 'Warehouse keeper' });
  });
  it('keeps the company\u2019s own name: a built-in role renamed, a custom role, one named like a built-in', () => {
    expect(roleLabel({ code: 'manager', name: '区域经理' })).toBe('区域经理');
    expect(roleLabel({ code: 'manager_copy', name: '销售经理（副本）' })).toBe('销售经理（副本）');
    expect(roleLabel({ code: 'east_rep', name: '销售代表' })).toBe('销售代表');
    expect(roleLabel(null)).toBe('');
  });
  it('has an English name for every built-in role, each its own, with no Chinese in it', () => {
    const en = builtinRoles.map((r) => (roleLabel(r) as { en: string }).en);
    expect(en.every((s) => /^[A-Z][A-Za-z ]+$/.test(s))).toBe(true);
    expect(new Set(en).size).toBe(builtinRoles.length);
  });
});
