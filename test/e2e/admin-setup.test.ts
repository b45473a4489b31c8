import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, button, field, journey, login, pick, shot, startE2E, type E2E } from '../fixtures/e2e.ts';

// Journey 1: the administrator sets up a company, a sales department and a rep, in the web UI.

let e: E2E;
let page: Page;
beforeAll(async () => {
  e = await startE2E();
  page = await e.newPage();
});
afterAll(() => e?.close());

it('admin creates a company, a department and a rep', () => journey(page, 'admin-setup', async () => {
  await login(page, 'admin', ADMIN_PASSWORD);
  await page.getByText('系统管理员').first().waitFor();

  // a second company (账套), e.g. the books for supermarket orders
  await page.goto('/admin/companies');
  await button(page, '新建').click();
  const companyDialog = page.getByRole('dialog', { name: '新建账套' });
  await field(companyDialog, '账套编码').fill('KA');
  await field(companyDialog, '公司名称').fill('云岭酒业商超有限公司');
  await field(companyDialog, '简称').fill('商超公司');
  await button(companyDialog, '保存').click();
  await companyDialog.waitFor({ state: 'hidden' });
  await page.getByRole('cell', { name: '云岭酒业商超有限公司' }).waitFor();
  await shot(page, '01-admin-companies');
  const company = await e.db.selectFrom('companies').selectAll().where('code', '=', 'KA').executeTakeFirstOrThrow();
  expect(company.name).toBe('云岭酒业商超有限公司');

  // a sales department under the root of the current company
  await page.goto('/admin/departments');
  await button(page, '新建').click();
  const deptDialog = page.getByRole('dialog', { name: '新建部门' });
  await field(deptDialog, '部门名称').fill('销售一部');
  await field(deptDialog, '部门编码').fill('S1');
  await button(deptDialog, '保存').click();
  await deptDialog.waitFor({ state: 'hidden' });
  await page.getByRole('cell', { name: '销售一部' }).waitFor();
  await shot(page, '02-admin-departments');
  const dept = await e.db.selectFrom('departments').selectAll().where('name', '=', '销售一部').executeTakeFirstOrThrow();
  expect(dept.parentId).not.toBeNull();

  // a rep in that department, with a temporary password
  await page.goto('/admin/users');
  await button(page, '新建').click();
  const userDialog = page.getByRole('dialog', { name: '新建用户' });
  await field(userDialog, '用户名').fill('zhangwei');
  await field(userDialog, '姓名').fill('张伟');
  await field(userDialog, '初始密码').fill('Start2026');
  await field(userDialog, '角色').click();
  await pick(page, '销售代表');
  await field(userDialog, '部门').click();
  await pick(page, '销售一部');
  await shot(page, '03-admin-new-user-form');
  await button(userDialog, '保存').click();
  await userDialog.waitFor({ state: 'hidden' });
  await page.getByRole('cell', { name: '张伟' }).waitFor();
  await shot(page, '04-admin-users');

  const rep = await e.db
    .selectFrom('users')
    .innerJoin('memberships', 'memberships.userId', 'users.id')
    .innerJoin('roles', 'roles.id', 'memberships.roleId')
    .select(['users.mustChangePassword', 'roles.code', 'memberships.departmentId'])
    .where('users.username', '=', 'zhangwei')
    .executeTakeFirstOrThrow();
  expect(rep).toEqual({ mustChangePassword: 1, code: 'rep', departmentId: dept.id });

  // in English, a built-in role reads in English in its own form and in the copy's suggested name too
  await page.goto('/admin/roles');
  await button(page, 'English').click();
  await page.getByRole('heading', { name: 'Roles' }).waitFor();
  const repRow = page.getByRole('row').filter({ hasText: 'Sales rep' });
  await button(repRow, 'View').click();
  const view = page.getByRole('dialog', { name: 'Role · Sales rep' });
  await view.waitFor();
  expect(await field(view, 'Name').inputValue()).toBe('Sales rep');
  await view.getByRole('button', { name: 'Close' }).click();
  await view.waitFor({ state: 'hidden' });
  await page.getByRole('row').filter({ hasText: 'Legal' }).getByText('1 permission', { exact: true }).waitFor();
  await button(repRow, 'Copy').click();
  const copy = page.getByRole('dialog', { name: 'Copy role Sales rep' });
  expect(await field(copy, 'Name').inputValue()).toBe('Sales rep (copy)');
  await copy.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished))); // the dialog done opening
  await shot(page, '05-admin-role-copy-en');
  await button(copy, 'Cancel').click();
  await button(page, '中文').click();
  await page.getByRole('heading', { name: '角色与权限' }).waitFor();
}));
