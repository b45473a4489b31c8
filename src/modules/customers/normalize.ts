import { pinyinWithInitials, toHalfWidth } from '../../platform/pinyin.ts';

// Normalisation of what identifies a customer (duplicate checks) and of what a user searches by.
// Pure functions, shared by entry, import and the search columns.

// Legal-form suffixes ignored when matching names; stripped repeatedly from the end
// (北京华东贸易（集团）有限公司 → 北京华东贸易). 分公司 is NOT stripped: a branch is its own
// customer (own address, own invoices), so 华东贸易昆明分公司 stays distinct from 华东贸易.
const LEGAL_SUFFIXES = ['股份有限公司', '有限责任公司', '有限公司', '集团公司', '集团', '公司', '商行', '经营部', '门市部', 'coltd', 'co', 'ltd', 'inc', 'limited'];

/** Lower-case, half-width, letters/digits/CJK only (spaces, punctuation and brackets removed). */
export function compactText(text: string): string {
  return toHalfWidth(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** The key duplicate checks compare: compact text without trailing legal-form suffixes. */
export function nameKey(name: string): string {
  const compact = compactText(name);
  let key = compact;
  for (let changed = true; changed; ) {
    changed = false;
    if (key.endsWith('分公司')) break;
    for (const suffix of LEGAL_SUFFIXES) {
      if (key.length > suffix.length && key.endsWith(suffix)) {
        key = key.slice(0, -suffix.length);
        changed = true;
        break;
      }
    }
  }
  return key || compact;
}

/** Digits only; +86 / 0086 / 86 before an 11-digit mobile removed. Null when no digits. */
export function phoneNorm(phone: string | null | undefined): string | null {
  if (!phone) return null;
  let digits = toHalfWidth(phone).replace(/\D/g, '');
  if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.length === 13 && digits.startsWith('861')) digits = digits.slice(2);
  return digits || null;
}

/** Upper-case, no spaces or hyphens (统一社会信用代码 is 18 characters). Null when empty. */
export function taxIdNorm(taxId: string | null | undefined): string | null {
  if (!taxId) return null;
  const t = toHalfWidth(taxId).toUpperCase().replace(/[\s-]/g, '');
  return t || null;
}

// Region words that often lead a company name (省/市 names, with or without their suffix). The
// customer's own province/city are stripped too, so any prefecture works, not only these.
const REGION_WORDS = (
  '北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 四川 贵州 云南 陕西 甘肃 青海 台湾 ' +
  '内蒙古 广西 西藏 宁夏 新疆 香港 澳门 石家庄 太原 沈阳 大连 长春 哈尔滨 南京 苏州 无锡 杭州 宁波 温州 合肥 福州 厦门 南昌 济南 青岛 郑州 武汉 ' +
  '长沙 广州 深圳 东莞 佛山 海口 三亚 成都 贵阳 遵义 昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧 楚雄 红河 文山 西双版纳 大理 德宏 怒江 迪庆 ' +
  '西安 兰州 西宁 银川 乌鲁木齐 拉萨 南宁 桂林 呼和浩特 包头'
).split(' ');
const REGION_SUFFIX = /^(?:省|市|自治区|自治州|地区|州|县|区)/;
// a county or district at the front of a name, whatever it is called: 宜良县 / 西山区 / 石林彝族自治县
// (the words a rep does not type when looking for 普家酒水 or 裕丰商行). Not 市: too many shop names
// have one (华联超市, 金三角市场); nor the 区 of a 社区, 小区, 园区 … (阳光社区便利店 keeps its name).
const COUNTY = /^(?:[\u4e00-\u9fff]{2,8}?自治县|[\u4e00-\u9fff]{2,3}?县|[\u4e00-\u9fff]{2}(?<![社小园景厂校商片营库矿街城])区)/u;

/**
 * The compact name without its leading region words and county: 北京华东贸易 → 华东贸易,
 * 云南省昆明市华东商行 → 华东商行, 宜良县普家酒水店 → 普家酒水店. Indexed so a user typing the
 * distinctive middle of a name (华东, 普家) finds it by prefix. Null when nothing was stripped (the
 * full name column covers it).
 */
export function regionCore(compactName: string, province?: string | null, city?: string | null): string | null {
  const words = [province, city]
    .filter((w): w is string => !!w)
    .map((w) => compactText(w).replace(/(?:省|市|自治区|自治州|地区)$/, ''))
    .filter((w) => w.length >= 2)
    .concat(REGION_WORDS);
  let core = compactName;
  let countyDone = false;
  for (let changed = true; changed; ) {
    changed = false;
    for (const w of words) {
      if (core.startsWith(w) && core.length > w.length + 1) {
        core = core.slice(w.length);
        const m = REGION_SUFFIX.exec(core);
        if (m && core.length > m[0].length + 1) core = core.slice(m[0].length);
        changed = true;
        break;
      }
    }
    // once: after the province and city words, never a second "county" out of the shop's own name
    const county = changed || countyDone ? null : COUNTY.exec(core);
    if (county && core.length > county[0].length + 1) {
      core = core.slice(county[0].length);
      countyDone = changed = true;
    }
  }
  return core === compactName ? null : core;
}

export type SearchColumns = {
  searchName: string; searchCore: string | null; searchPinyin: string; searchInitials: string;
  searchCorePinyin: string | null; searchCoreInitials: string | null; searchKey: string;
};

// full pinyin (ü as v) and initials of a text from one pinyin-pro call, cached per distinct text
const pinyinOf = (text: string) => {
  const p = pinyinWithInitials(text, true);
  return { full: p.full.toLowerCase(), initials: p.initials.toLowerCase() };
};

/** The indexed search columns of a customer (prefix-matched; see repo.ts customerSearchCondition). */
export function searchColumns(name: string, province?: string | null, city?: string | null): SearchColumns {
  const compact = compactText(name);
  const { full, initials } = pinyinOf(compact);
  const core = regionCore(compact, province, city);
  const corePinyin = core ? pinyinOf(core) : null;
  return {
    searchName: compact, searchCore: core, searchPinyin: full, searchInitials: initials,
    searchCorePinyin: corePinyin?.full ?? null, searchCoreInitials: corePinyin?.initials ?? null,
    searchKey: `${compact}|${full}|${initials}`,
  };
}

/** A user's search term as the columns store it: compact, half-width, lower-case. */
export function searchTerm(q: string): string {
  return compactText(q);
}
