import type { Rng } from './prng.ts';
import {
  PROVINCE, areaCodes, banks, brandWords, givenNames, kindIndustry, kindTag, kindWords, mobilePrefixes, positions, streets, yunnan,
  type CustomerKind,
} from './vocab.ts';

// Plain, deterministic customer records (no database): the demo loader writes them through the
// customers service, the benchmark generator writes a million of them with bare SQL.

export type CitySpec = (typeof yunnan)[number];
export type ContactSpec = { name: string; phone: string; position: string; email: string | null; isPrimary: boolean };
export type CustomerSpec = {
  name: string;
  shortName: string | null;
  kind: CustomerKind;
  industry: string;
  province: string;
  city: string;
  district: string;
  address: string;
  classification: 'potential' | 'formal' | 'vip';
  source: 'web' | 'trade_show' | 'referral' | 'telemarketing' | 'social' | 'walk_in' | 'other';
  contacts: ContactSpec[];
  tags: string[];
  taxId: string | null;
  invoice: { title: string; address: string; phone: string; bank: string; account: string } | null;
};

export const cityWeights = yunnan.map((c) => [c, c.weight] as const);

export function personName(rng: Rng): string {
  return rng.pick(['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴', '段', '普', '和', '字', '尹', '马', '罗', '高']) + rng.pick(givenNames);
}

export function mobile(rng: Rng): string {
  return rng.pick(mobilePrefixes) + rng.digits(8);
}

/** Mobiles that never repeat within one generator run (duplicate checks would refuse a repeat). */
export function uniqueMobile(rng: Rng, used: Set<string>): string {
  for (;;) {
    const m = mobile(rng);
    if (!used.has(m)) {
      used.add(m);
      return m;
    }
  }
}

const chineseOrdinals = ['二', '三', '四', '五', '六', '七', '八', '九', '十'];

/**
 * A name not used yet (compared by `keyOf`, e.g. the customers module's nameKey), built from the
 * district, maybe a street, a shop word and the kind of business; a branch number when taken.
 */
export function customerName(rng: Rng, kind: CustomerKind, city: CitySpec, district: string, used: Set<string>, keyOf: (n: string) => string): string {
  const word = rng.pick(kindWords[kind]);
  const brand = rng.pick(brandWords);
  const companyStyle = word.endsWith('公司');
  const prefix = companyStyle ? rng.pick(['云南', city.short, district]) : rng.chance(0.5) ? district : city.short + rng.pick(streets);
  const base = `${prefix}${brand}${word}`;
  for (let n = 0; ; n++) {
    const name = n === 0 ? base : companyStyle ? `${prefix}${brand}${n + 1}号${word}` : `${base}${n <= chineseOrdinals.length ? chineseOrdinals[n - 1] + '店' : `第${n + 1}分店`}`;
    const key = keyOf(name);
    if (!used.has(key)) {
      used.add(key);
      return name;
    }
  }
}

const kindWeights: Record<'direct' | 'wholesale' | 'prefecture' | 'any', readonly (readonly [CustomerKind, number])[]> = {
  direct: [['tobacco_liquor', 45], ['restaurant', 40], ['hotel_ktv', 15]],
  wholesale: [['wholesale', 80], ['tobacco_liquor', 20]],
  prefecture: [['supermarket', 45], ['wholesale', 30], ['tobacco_liquor', 15], ['restaurant', 10]],
  any: [['tobacco_liquor', 35], ['restaurant', 25], ['wholesale', 20], ['supermarket', 12], ['hotel_ktv', 8]],
};

/** Which line of business a department serves: 直销 in 昆明, 二批 near it, 地州商超 across the prefectures. */
export type Channel = keyof typeof kindWeights;

function cityFor(rng: Rng, channel: Channel): CitySpec {
  if (channel === 'direct') return rng.chance(0.85) ? yunnan[0]! : rng.pick(yunnan.slice(1, 3));
  if (channel === 'wholesale') return rng.weighted(cityWeights.slice(0, 5));
  if (channel === 'prefecture') return rng.weighted(cityWeights.slice(1));
  return rng.weighted(cityWeights);
}

/** What one generator run has handed out already: names (by key), mobiles, tax ids. */
export type GenState = { rng: Rng; usedNames: Set<string>; usedPhones: Set<string>; taxSeq: number; keyOf: (name: string) => string };
export const genState = (rng: Rng, keyOf: (name: string) => string): GenState => ({ rng, usedNames: new Set(), usedPhones: new Set(), taxSeq: 0, keyOf });

/** A 统一社会信用代码 lookalike: 18 characters, 91 + 5301xx region, unique within a run by a counter. */
function taxId(s: GenState): string {
  s.taxSeq++;
  return `915301${s.rng.int(10, 99)}MA${String(s.taxSeq).padStart(7, '0')}${s.rng.pick(['X', 'Y', '1', '2', '3'])}`;
}

export function customerSpec(s: GenState, channel: Channel, opts: { contacts?: boolean } = {}): CustomerSpec {
  const { rng, usedNames, usedPhones, keyOf } = s;
  const kind = rng.weighted(kindWeights[channel]);
  const city = cityFor(rng, channel);
  const district = rng.pick(city.districts);
  const name = customerName(rng, kind, city, district, usedNames, keyOf);
  const address = `${district}${rng.pick(streets)}${rng.int(1, 388)}号`;
  const classification = rng.weighted([['potential', 30], ['formal', 58], ['vip', 12]] as const);
  const source = rng.weighted([['walk_in', 25], ['referral', 25], ['telemarketing', 15], ['trade_show', 12], ['web', 8], ['social', 10], ['other', 5]] as const);
  const contactCount = opts.contacts === false ? 1 : rng.weighted([[1, 55], [2, 35], [3, 10]] as const);
  const contacts: ContactSpec[] = [];
  for (let i = 0; i < contactCount; i++) {
    const landline = i > 0 && rng.chance(0.2);
    contacts.push({
      name: personName(rng),
      phone: landline ? `${areaCodes[city.short]}-${rng.int(2, 8)}${rng.digits(6)}` : uniqueMobile(rng, usedPhones),
      position: i === 0 ? rng.pick(['老板', '老板', '老板娘', '店长', '经理']) : rng.pick(positions),
      email: rng.chance(0.1) ? `${rng.pick(['sales', 'cg', 'boss', 'info'])}${rng.digits(4)}@${rng.pick(['qq.com', '163.com', '126.com'])}` : null,
      isPrimary: i === 0,
    });
  }
  const tags = [kindTag[kind]];
  if (classification === 'vip') tags.push('重点客户');
  if (channel === 'prefecture' && city.short !== '昆明') tags.push('地州');
  if (rng.chance(0.2)) tags.push(rng.pick(['月结', '现款', '宴席用酒', '春节备货', '需开专票', '新开业']));
  const invoiced = kind === 'wholesale' || kind === 'supermarket' ? rng.chance(0.7) : rng.chance(0.1);
  const tax = invoiced ? taxId(s) : null;
  return {
    name,
    shortName: null,
    kind,
    industry: kindIndustry[kind],
    province: PROVINCE,
    city: city.city,
    district,
    address,
    classification,
    source,
    contacts,
    tags: [...new Set(tags)],
    taxId: tax,
    invoice: invoiced
      ? { title: name, address: `${PROVINCE}${city.city}${address}`, phone: `${areaCodes[city.short]}-${rng.int(2, 8)}${rng.digits(6)}`, bank: `${rng.pick(banks)}${city.short}${rng.pick(['分行', '支行'])}`, account: rng.digits(19) }
      : null,
  };
}
