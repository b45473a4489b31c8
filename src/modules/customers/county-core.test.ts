import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDb } from '../../../test/fixtures/db.ts';
import { makeCompany } from '../../../test/fixtures/factories.ts';
import type { DbHandle } from '../../db/database.ts';
import { up } from '../../db/migrations/20261124T073000-customer-core-without-county.ts';
import { makeCustomer } from './ownership.fixtures.ts';
import { compactText, regionCore, searchColumns } from './normalize.ts';

// The migration that gives existing customers a core without their county (宜良县普家酒水店 → 普家酒水店):
// only the customers whose core changes are written, with the core's pinyin and initials.

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(() => h.close());

it('recomputes the core of the customers whose name starts with a county, and leaves the others', async () => {
  const company = await makeCompany(h.db);
  const names = ['宜良县普家酒水店', '昆明市西山区裕丰酒水商行', '北京华东贸易有限公司', '华润万家超市'];
  // as the old rule left them: the county kept in the core, or no core at all
  const oldCore = new Map<string, string | null>([['宜良县普家酒水店', null], ['昆明市西山区裕丰酒水商行', '西山区裕丰酒水商行']]);
  const ids: number[] = [];
  for (const name of names) {
    const c = await makeCustomer(h.db, company, { name });
    const old = oldCore.has(name) ? { searchCore: oldCore.get(name)!, searchCorePinyin: null, searchCoreInitials: null } : {};
    await h.db.updateTable('customers').set({ ...searchColumns(name), ...old }).where('id', '=', c.id).execute();
    ids.push(c.id);
  }
  await up(h.db);
  const rows = await h.db.selectFrom('customers').select(['name', 'searchCore', 'searchCorePinyin', 'searchCoreInitials']).where('id', 'in', ids).orderBy('id').execute();
  expect(rows).toEqual([
    { name: '宜良县普家酒水店', searchCore: '普家酒水店', searchCorePinyin: 'pujiajiushuidian', searchCoreInitials: 'pjjsd' },
    { name: '昆明市西山区裕丰酒水商行', searchCore: '裕丰酒水商行', searchCorePinyin: 'yufengjiushuishanghang', searchCoreInitials: 'yfjssh' },
    { name: '北京华东贸易有限公司', searchCore: '华东贸易有限公司', searchCorePinyin: 'huadongmaoyiyouxiangongsi', searchCoreInitials: 'hdmyyxgs' },
    { name: '华润万家超市', searchCore: null, searchCorePinyin: null, searchCoreInitials: null },
  ]);
});

it('drops a county or district once, and never a shop word that looks like one', () => {
  const core = (name: string) => regionCore(compactText(name), '云南省', '昆明市');
  expect(core('宜良县普家酒水店')).toBe('普家酒水店');
  expect(core('石林彝族自治县阿诗玛商店')).toBe('阿诗玛商店');
  expect(core('昆明市五华区翠湖宾馆')).toBe('翠湖宾馆');
  expect(core('高新区创新酒业')).toBe('创新酒业');
  // 市 is left alone (超市, 市场), as is the 区 of a 社区 or 小区; one county only
  for (const name of ['华联超市昆明店', '万家超市便利店', '金三角市场批发部', '阳光社区便利店', '幸福小区超市', '新区酒业']) expect(core(name), name).toBeNull();
  expect(core('西山区马街区酒水批发')).toBe('马街区酒水批发');
});
