import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiAs, button, journey, login, seedTeam, shot, startE2E, type E2E } from '../fixtures/e2e.ts';

// Journey 5: the sales clerk imports a customer list from Excel. Three rows are bad (no name, a
// customer that exists already, an owner who is not a user); the wizard shows them with their
// reasons, and the clerk imports the other five.

let e: E2E;
let page: Page;
let file: string;
let linaId: number;
const good = ['昆明春城商贸有限公司', '曲靖麒麟烟酒批发部', '玉溪聂耳大酒店', '楚雄彝人古镇酒坊', '红河蒙自过桥米线店'];

beforeAll(async () => {
  e = await startE2E();
  const team = await seedTeam(e, ['销售一部'], [
    { username: 'chenjing', displayName: '陈静', role: 'clerk', department: '销售一部', password: 'Chen2026j' },
    { username: 'lina', displayName: '李娜', role: 'rep', department: '销售一部', password: 'Lina2026a' },
  ]);
  linaId = team.userIds.lina!;
  await (await apiAs(e, 'lina', 'Lina2026a')).post('/api/customers', { name: '昆明福满楼餐饮有限公司', city: '昆明市' });

  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('客户');
  ws.addRow(['客户名称', '城市', '客户分类', '联系人', '联系电话', '负责人']);
  ws.addRow([good[0], '昆明市', '正式', '李明', '13888001234', '李娜']);
  ws.addRow([good[1], '曲靖市', '潜在', '赵强', '13987001111', '李娜']);
  ws.addRow(['', '大理市', '潜在', '无名氏', '13987002222', '李娜']); // bad: no name
  ws.addRow([good[2], '玉溪市', 'VIP', '钱芳', '13987003333', '李娜']);
  ws.addRow(['昆明福满楼餐饮（有限公司）', '昆明市', '正式', '王经理', '13987004444', '李娜']); // bad: exists already
  ws.addRow([good[3], '楚雄州', '潜在', '孙丽', '13987005555', '']);
  ws.addRow(['丽江古城客栈', '丽江市', '潜在', '周杰', '13987006666', '不存在的人']); // bad: no such owner
  ws.addRow([good[4], '蒙自市', '潜在', '吴刚', '13987007777', '李娜']);
  file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'salesdesk-import-')), '客户导入.xlsx');
  await wb.xlsx.writeFile(file);
  page = await e.newPage();
});
afterAll(() => e?.close());

it('an Excel import reports three bad rows and imports the rest', () => journey(page, 'customer-import', async () => {
  await login(page, 'chenjing', 'Chen2026j');
  await page.goto('/customers');
  await button(page, '导入').click();
  const wizard = page.getByTestId('import-wizard').or(page.getByRole('dialog', { name: '导入客户档案' })).first();
  await wizard.locator('input[type=file]').setInputFiles(file);

  await page.getByTestId('import-counts').waitFor({ timeout: 30_000 });
  const summary = (await page.getByTestId('import-counts').getAttribute('aria-label'))!;
  expect(summary.replace(/\s+/g, '')).toContain('共8行/新增5/有错误3');
  const errors = page.getByTestId('import-error-rows');
  await errors.getByText('丽江古城客栈').waitFor();
  const errorText = await errors.innerText();
  expect(errorText).toContain('昆明福满楼餐饮（有限公司）');
  for (const row of ['4', '6', '8']) expect(errorText).toMatch(new RegExp(`(^|\\s)${row}(\\s|$)`));
  await shot(page, '40-import-preview');

  await page.getByTestId('import-mode').getByText('只导入有效行').click();
  await page.getByTestId('import-commit').click();
  await page.getByTestId('import-result').waitFor({ timeout: 30_000 });
  expect(await page.getByTestId('import-result').innerText()).toBe('新增 5 条；3 行有错误未导入');
  await shot(page, '41-import-done');
  await page.getByTestId('import-close').click();

  // the list shows them, owned as the sheet said
  await page.getByText(good[4]).first().waitFor();
  await shot(page, '42-import-customer-list');
  const rows = await e.db.selectFrom('customers').select(['name', 'ownerId']).where('name', 'in', good).orderBy('name').execute();
  expect(rows).toHaveLength(5);
  const chen = await e.db.selectFrom('users').select('id').where('username', '=', 'chenjing').executeTakeFirstOrThrow();
  expect(rows.find((r) => r.name === good[3])!.ownerId).toBe(chen.id); // no owner in the sheet: the importer
  expect(rows.filter((r) => r.name !== good[3]).every((r) => r.ownerId === linaId)).toBe(true);
  expect(await e.db.selectFrom('customers').select('id').where('name', '=', '丽江古城客栈').execute()).toHaveLength(0);
}));
