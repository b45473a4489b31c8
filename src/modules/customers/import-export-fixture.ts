import { writeXlsxFile } from '../../platform/excel/index.ts';
import { customerImportColumns } from './import-export.ts';

// A deterministic customer import sheet of any size, for tests and `npm run bench` (100,000 rows):
// realistic Yunnan distributor customers with unique names, mobiles and tax ids.

const cities = [['云南省', '昆明市'], ['云南省', '曲靖市'], ['云南省', '玉溪市'], ['云南省', '大理白族自治州'], ['云南省', '红河哈尼族彝族自治州'], ['云南省', '楚雄彝族自治州'], ['云南省', '丽江市'], ['云南省', '昭通市']];
const trades = ['商贸', '酒业', '副食品', '餐饮', '超市', '便利店', '烟酒行', '批发部'];
const industries = ['酒水批发', '餐饮', '商超', '便利店', '二批商', '酒店'];
const classes = ['潜在', '正式', 'VIP'];
const sourcesZh = ['官网', '展会', '转介绍', '电话营销', '社交媒体', '上门', '其他'];
const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const given = ['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超'];
const digitsZh = '零一二三四五六七八九';

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** A number as Chinese characters, so generated names stay distinct after normalisation (digits would too, but read oddly). */
const zhNumber = (n: number) => String(n).split('').map((d) => digitsZh[Number(d)]).join('');

export type CustomerSheetOptions = {
  seed?: number;
  /** 0-based indexes of rows to spoil, each in a different way (missing name, bad class, bad phone, duplicate name) */
  badRows?: number[];
  /** usernames or display names to spread as 负责人 (empty: left blank = the importer) */
  owners?: string[];
};

/** Rows keyed by import column key, as a person would fill the template. */
export function* customerSheetRows(count: number, opts: CustomerSheetOptions = {}): Generator<Record<string, string>> {
  const rand = rng(opts.seed ?? 20261122);
  const bad = new Set(opts.badRows ?? []);
  let spoiled = 0;
  let firstName = '';
  for (let i = 0; i < count; i++) {
    const [province, city] = cities[i % cities.length];
    const trade = trades[Math.floor(rand() * trades.length)];
    const name = `${city.slice(0, 2)}${zhNumber(i + 1)}号${trade}有限公司`;
    if (i === 0) firstName = name;
    const contact = surnames[Math.floor(rand() * surnames.length)] + given[Math.floor(rand() * given.length)];
    const row: Record<string, string> = {
      name,
      shortName: `${city.slice(0, 2)}${trade}${i + 1}`,
      industry: industries[i % industries.length],
      province,
      city,
      address: `${city}${['五华区', '盘龙区', '官渡区', '西山区'][i % 4]}人民路 ${(i % 900) + 1} 号`,
      classification: classes[i % 3],
      source: sourcesZh[i % sourcesZh.length],
      contactName: contact,
      contactPhone: `13${String(100000000 + i).slice(-9)}`,
      contactPosition: i % 2 ? '采购经理' : '老板',
      taxId: `9153${String(i).padStart(14, '0')}`,
      invoiceTitle: name,
      invoiceBank: '中国工商银行昆明分行',
      invoiceAccount: `2502${String(i).padStart(15, '0')}`,
      tags: i % 5 === 0 ? '重点,餐饮' : '',
      notes: i % 7 === 0 ? '月结客户' : '',
    };
    if (opts.owners?.length) row.owner = opts.owners[i % opts.owners.length];
    if (bad.has(i)) {
      switch (spoiled++ % 4) {
        case 0: row.name = ''; break;
        case 1: row.classification = '大客户'; break;
        case 2: row.contactPhone = '12345'; break;
        case 3: row.name = firstName; row.taxId = ''; row.contactPhone = ''; break;
      }
    }
    yield row;
  }
}

/** Writes the sheet (template titles in the first row) with ExcelJS's streaming writer; returns the row count. */
export async function writeCustomerImportFile(file: string, count: number, opts: CustomerSheetOptions = {}): Promise<number> {
  const columns = customerImportColumns.map((c) => ({ header: c.required ? `${c.header}*` : c.header, key: c.key, width: c.width }));
  return writeXlsxFile(file, [{ name: '客户', columns, rows: customerSheetRows(count, opts) }]);
}
