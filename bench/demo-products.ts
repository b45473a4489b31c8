import type { Db } from '../src/db/database.ts';
import type { RequestContext } from '../src/platform/permissions/context.ts';
import { createPriceList, createProduct, setProductActive } from '../src/modules/products/service.ts';
import type { ProductInput } from '../src/modules/products/schema.ts';

// The demo company's products (滇源酒业: its own 白酒, the beer and water it distributes) and two
// price lists (二批价 for wholesale orders, 商超价 for supermarkets). Fixed data: every load gives the
// same codes, barcodes and prices. Written through the products service, so audit rows exist too.

/** GTIN check digit (EAN-13 / ITF-14) of the digits before it. */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10;
}
const ean13 = (item: number) => {
  const body = `690${String(5318)}${String(item).padStart(5, '0')}`; // 690 + company prefix 5318 + item
  return body + gtinCheckDigit(body);
};
const itf14 = (ean: string) => {
  const body = `1${ean.slice(0, 12)}`;
  return body + gtinCheckDigit(body);
};

/** yuan → 0.0001 yuan (fixed data, written as decimals for reading) */
const y = (yuan: number) => Math.round(yuan * 10000);

type Row = [code: string, name: string, spec: string, unit: string, packUnit: string | null, packSize: number | null, category: string, brand: string, price: number, cost: number, shelfLife: number | null, safety: number, target: number, trackCodes: boolean];

const rows: Row[] = [
  // 白酒 (own brand 滇源): bottles tracked by box/bottle codes at issue
  ['DY-LJ52-500', '滇源老窖 52度 浓香型', '500ml', '瓶', '箱', 12, '白酒', '滇源', 128, 76, null, 120, 600, true],
  ['DY-LJ42-500', '滇源老窖 42度 浓香型', '500ml', '瓶', '箱', 12, '白酒', '滇源', 98, 58, null, 120, 600, true],
  ['DY-LJ52-125', '滇源老窖 52度 小瓶装', '125ml', '瓶', '箱', 24, '白酒', '滇源', 25, 14, null, 240, 960, false],
  ['DY-LJ52-LH', '滇源老窖 52度 礼盒装', '500ml×2', '盒', '箱', 6, '白酒', '滇源', 298, 170, null, 30, 180, true],
  ['DY-LJ52-5L', '滇源老窖 52度 坛装', '5L', '坛', null, null, '白酒', '滇源', 580, 330, null, 5, 30, true],
  ['DY-QX42-500', '滇源清香 42度 清香型', '500ml', '瓶', '箱', 12, '白酒', '滇源', 68, 39, null, 120, 720, false],
  ['DY-QX53-500', '滇源清香 53度 清香型', '500ml', '瓶', '箱', 12, '白酒', '滇源', 78, 45, null, 120, 600, false],
  ['DY-QX42-LH', '滇源清香 42度 礼盒装', '500ml×2', '盒', '箱', 6, '白酒', '滇源', 188, 105, null, 30, 180, false],
  ['DY-JX53-500', '滇源酱香 53度 酱香型', '500ml', '瓶', '箱', 6, '白酒', '滇源', 398, 230, null, 60, 300, true],
  ['DY-JX53-LH', '滇源酱香 53度 典藏礼盒', '500ml×2', '盒', '箱', 4, '白酒', '滇源', 888, 510, null, 20, 100, true],
  ['DY-XJ45-100', '滇源小酒 45度 小瓶装', '100ml', '瓶', '箱', 48, '白酒', '滇源', 15, 8.2, null, 480, 1920, false],
  ['DY-GL50-2500', '滇源高粱酒 50度 桶装', '2.5L', '桶', '箱', 4, '白酒', '滇源', 120, 66, null, 20, 120, false],
  ['DY-MZ15-500', '滇源青梅酒 15度', '500ml', '瓶', '箱', 12, '果酒', '滇源', 58, 31, 720, 60, 360, false],
  ['DY-LJ52-500-J', '滇源老窖 52度 浓香型（旧包装）', '500ml', '瓶', '箱', 12, '白酒', '滇源', 118, 70, null, 0, 0, true],
  // 啤酒 (distributed)
  ['PJ-JX-330', '金星啤酒 经典', '330ml', '听', '箱', 24, '啤酒', '金星', 3.5, 2.3, 365, 480, 2400, false],
  ['PJ-JX-500', '金星啤酒 经典', '500ml', '瓶', '箱', 12, '啤酒', '金星', 4.5, 2.9, 365, 480, 2400, false],
  ['PJ-JX-JN-500', '金星精酿 原浆', '500ml', '听', '箱', 12, '啤酒', '金星', 8, 5.1, 180, 240, 1200, false],
  ['PJ-DL-330', '大理啤酒 苍洱', '330ml', '听', '箱', 24, '啤酒', '大理', 4, 2.6, 365, 480, 2400, false],
  ['PJ-DL-600', '大理啤酒 苍洱', '600ml', '瓶', '箱', 12, '啤酒', '大理', 5.5, 3.5, 365, 240, 1200, false],
  ['PJ-FH-330', '风花雪月啤酒', '330ml', '听', '箱', 24, '啤酒', '大理', 6.5, 4.2, 365, 240, 1200, false],
  ['PJ-XH-500', '雪花啤酒 勇闯天涯', '500ml', '听', '箱', 12, '啤酒', '雪花', 5, 3.3, 365, 480, 2400, false],
  // 饮用水 and 饮料
  ['SH-DQ-380', '滇泉天然饮用水', '380ml', '瓶', '箱', 24, '饮用水', '滇泉', 1.5, 0.8, 540, 960, 4800, false],
  ['SH-DQ-550', '滇泉天然饮用水', '550ml', '瓶', '箱', 24, '饮用水', '滇泉', 2, 1.05, 540, 960, 4800, false],
  ['SH-DQ-1500', '滇泉天然饮用水', '1.5L', '瓶', '箱', 12, '饮用水', '滇泉', 4, 2.1, 540, 480, 2400, false],
  ['SH-DQ-5L', '滇泉天然饮用水 家庭装', '5L', '桶', '箱', 4, '饮用水', '滇泉', 10, 5.6, 540, 120, 600, false],
  ['SH-DQ-189', '滇泉桶装水', '18.9L', '桶', null, null, '饮用水', '滇泉', 18, 9.5, 90, 60, 300, false],
  ['SH-SD-500', '滇泉苏打水 无糖', '500ml', '瓶', '箱', 15, '饮用水', '滇泉', 4.5, 2.4, 365, 300, 1500, false],
  ['YL-SJ-330', '滇源酸角汁', '330ml', '瓶', '箱', 24, '饮料', '滇源', 5, 2.8, 365, 240, 1200, false],
  ['YL-KF-250', '云南小粒咖啡 拿铁', '250ml', '罐', '箱', 24, '饮料', '滇源', 6, 3.3, 365, 240, 1200, false],
  ['YL-SMT-310', '滇源酸梅汤', '310ml', '罐', '箱', 24, '饮料', '滇源', 4.5, 2.4, 365, 240, 1200, false],
];

export const DEMO_PRODUCT_COUNT = rows.length;
/** the old packaging is no longer sold */
const INACTIVE = new Set(['DY-LJ52-500-J']);

function inputOf(r: Row, i: number): ProductInput {
  const [code, name, spec, unit, packUnit, packSize, category, brand, price, cost, shelfLifeDays, safetyStock, targetStock, trackCodes] = r;
  const barcode = ean13(101 + i);
  return {
    code, name, spec, unit, packUnit, packSize, category, brand, barcode, packBarcode: packUnit ? itf14(barcode) : null,
    taxRateBp: 1300, listPrice: y(price), costPrice: y(cost), shelfLifeDays, safetyStock, targetStock, trackCodes, notes: null,
  };
}

/** A price rounded to the fen: list × ratio, in 0.0001 yuan. */
const discounted = (list: number, ratio: number) => Math.round((list * ratio) / 100) * 100;

/** Writes the products and price lists as `ctx` (a member with product.manage and price.manage). */
export async function writeDemoProducts(db: Db, ctx: RequestContext): Promise<{ products: number; priceLists: number }> {
  const made: { id: number; code: string; listPrice: number; category: string | null; unit: string }[] = [];
  for (const [i, r] of rows.entries()) {
    const p = await createProduct(db, ctx, inputOf(r, i));
    made.push(p);
    if (INACTIVE.has(p.code)) await setProductActive(db, ctx, p.id, p.version, false);
  }
  const sold = made.filter((p) => !INACTIVE.has(p.code));
  // 二批价: wholesalers buy by the case at 12 % (liquor) / 8 % (beer, water, drinks) under list
  await createPriceList(db, ctx, {
    code: 'EP', name: '二批价', orderType: 'wholesale', customerClass: null,
    items: sold.map((p) => ({ productId: p.id, unitPrice: discounted(p.listPrice, p.category === '白酒' || p.category === '果酒' ? 0.88 : 0.92) })),
  });
  // 商超价: supermarkets get 5 % off, and not the bulk items (坛, 桶装水)
  await createPriceList(db, ctx, {
    code: 'SC', name: '商超价', orderType: 'supermarket', customerClass: null,
    items: sold.filter((p) => p.code !== 'DY-LJ52-5L' && p.code !== 'SH-DQ-189').map((p) => ({ productId: p.id, unitPrice: discounted(p.listPrice, 0.95) })),
  });
  return { products: made.length, priceLists: 2 };
}
