import { Input, type InputProps } from 'antd';
import { registerMessages } from '../../app/i18n.tsx';
import { formatPrice } from '../../../../src/platform/money.ts';
import { MAX_PRICE, readPrice, taxRates } from '../../../../src/modules/products/price-text.ts';
import type { PriceListDetail, PriceListOut, ProductOut } from '../../../../src/modules/products/schema.ts';
import { customerClassLabels, orderTypeLabels } from '../../../../src/modules/products/labels.ts';

export type { PriceListDetail, PriceListOut, ProductOut };
export { customerClassLabels, orderTypeLabels };

/**
 * "12.5", "¥1,280.00", "１２８．５" → 0.0001 yuan; null for empty; NaN for text that is not a price with ≤ 4
 * decimals (the server's import reads a cell the same way: readPrice).
 */
export function yuanToPrice(text: string | null | undefined): number | null {
  return readPrice(text);
}

/** 125000 → "12.50"; null → '' (what a price input shows). */
export const priceToYuan = (price: number | null | undefined) => (price === null || price === undefined ? '' : formatPrice(price, false));

/** ¥12.50 (unit prices: up to 4 decimals shown, at least 2). */
export const showPrice = (price: number | null | undefined) => (price === null || price === undefined ? '—' : `¥${formatPrice(price)}`);

/** 1300 → "13%" */
export const showRate = (bp: number) => `${bp % 100 === 0 ? bp / 100 : (bp / 100).toFixed(2).replace(/0$/, '')}%`;

/** Whether a price input's text is a price the server takes (empty counts: required is a rule of its own). */
export function isPriceText(text: string | null | undefined): boolean {
  const p = readPrice(text);
  return p === null || (!Number.isNaN(p) && p <= MAX_PRICE);
}

/** The form rule of a price input: a clear message for a negative, a typo or too many decimals. */
export function priceRule(t: (key: string) => string) {
  return {
    validator: (_: unknown, v: string | null | undefined) =>
      {
      if (isPriceText(v)) return Promise.resolve();
      const p = readPrice(v);
      const key = p !== null && p > MAX_PRICE ? 'prod.priceTooLarge' : /^\s*[-－]/.test(v ?? '') ? 'prod.negativePrice' : 'prod.badPrice';
      return Promise.reject(new Error(t(key)));
    },
  };
}

/** A yuan input for unit prices (up to 4 decimals); the form keeps the text, the submit converts with yuanToPrice. */
export function PriceInput(props: InputProps) {
  return <Input prefix="¥" inputMode="decimal" autoComplete="off" style={{ width: '100%', ...props.style }} {...props} />;
}

export const taxRateOptions = taxRates.map((bp) => ({ value: bp, label: showRate(bp) }));

export const productMessages = registerMessages({
  zh: {
    'prod.title': '商品档案',
    'prod.new': '新建商品',
    'prod.edit': '编辑商品',
    'prod.search': '编码、名称、拼音（全拼或首字母）或条码',
    'prod.code': '商品编码',
    'prod.codeHelp': '字母、数字、_ - .，不能重复',
    'prod.name': '商品名称',
    'prod.spec': '规格',
    'prod.unit': '单位',
    'prod.pack': '包装',
    'prod.packUnit': '包装单位',
    'prod.packSize': '包装数量',
    'prod.packHelp': '如 1 箱 = 12 瓶：包装单位填“箱”，包装数量填 12',
    'prod.packText': '1{packUnit} = {packSize}{unit}',
    'prod.barcode': '条码',
    'prod.packBarcode': '箱条码',
    'prod.category': '分类',
    'prod.brand': '品牌',
    'prod.taxRate': '税率',
    'prod.listPrice': '标价（含税）',
    'prod.listPriceHelp': '每{unit}的含税价，元，最多 4 位小数',
    'prod.costPrice': '成本价',
    'prod.shelfLife': '保质期（天）',
    'prod.safetyStock': '安全库存',
    'prod.targetStock': '目标库存',
    'prod.stockHelp': '以计量单位计；低于安全库存时提醒，补货建议补到目标库存',
    'prod.trackCodes': '扫码出库',
    'prod.trackCodesHelp': '出库时逐箱/逐瓶扫描箱码、瓶码',
    'prod.notes': '备注',
    'prod.active': '状态',
    'prod.deactivate': '停用',
    'prod.activate': '启用',
    'prod.deactivateConfirm': '停用商品「{name}」？停用后不能再下单，历史单据不受影响。',
    'prod.deactivated': '已停用',
    'prod.deactivatedName': '已停用「{name}」；它不再出现在默认列表和商品选择中，可在“仅停用”中查看或重新启用',
    'prod.activated': '已启用',
    'prod.allCategories': '全部分类',
    'prod.allBrands': '全部品牌',
    'prod.activeOnly': '仅启用',
    'prod.inactiveOnly': '仅停用',
    'prod.both': '全部状态',
    'prod.badPrice': '请输入金额（元），最多 4 位小数，如 128、128.5 或 1,280.00',
    'prod.negativePrice': '价格不能为负数',
    'prod.priceTooLarge': '价格不能超过 1 亿元',
    'prod.updatedAt': '修改时间',
    'prod.historyTitle': '商品「{name}」的修改记录',
    'prod.priceLists': '价格表',
    'prod.prices': '价格',
    'prod.pricesTitle': '「{name}」各类客户的价格',
    'prod.pricesHelp': '下单时按订单类型和客户类别取价：最具体的启用价格表优先（类型+类别 > 类型 > 类别），没有则用商品标价。“客户未分类”指没有客户类别的客户，只适用不限客户类别的价格表。价格均为含税单价。',
    'prod.pricesLists': '启用的价格表中有此商品的 {n} 个：',
    'prod.perPack': '每{packUnit} {price}',
    'prod.inactiveNoOrders': '此商品已停用：不能再下单、开单，也不在商品选择中出现；历史单据不受影响。',
    'pl.title': '价格表',
    'pl.sub': '按订单类型和/或客户类别定价；下单时取最具体的启用价格表（类型+类别 > 类型 > 类别），没有则用商品标价',
    'pl.new': '新建价格表',
    'pl.code': '编码',
    'pl.name': '名称',
    'pl.orderType': '订单类型',
    'pl.customerClass': '客户类别',
    'pl.scope': '适用于',
    'pl.allTypes': '所有订单类型',
    'pl.allClasses': '所有客户类别',
    'pl.anyType': '所有订单类型',
    'pl.anyClass': '所有客户类别',
    'pl.items': '商品价格',
    'pl.itemCount': '商品数',
    'pl.product': '商品',
    'pl.unitPrice': '价格（元，含税）',
    'pl.listPrice': '标价',
    'pl.diff': '较标价',
    'pl.price': '价格（含税）',
    'prod.trackCodesTag': '扫码出库',
    'pl.addRow': '添加商品',
    'pl.removeRow': '移除',
    'pl.pick': '请先在左侧选择一个价格表，或新建价格表',
    'pl.pickView': '请在左侧选择一个价格表查看其中的商品和价格',
    'pl.scopeRequired': '订单类型和客户类别至少选一项',
    'pl.priceRequired': '请填写价格',
    'pl.productRequired': '请选择商品',
    'pl.unsaved': '有未保存的修改',
    'prod.discardConfirm': '这个商品的修改还没有保存，关闭后将丢失。确定放弃这些修改吗？',
    'pl.discardConfirm': '这个价格表的修改还没有保存，离开后将丢失。确定放弃这些修改吗？',
    'pl.discard': '放弃修改',
    'pl.keepEditing': '继续编辑',
    'pl.historyTitle': '价格表「{name}」的修改记录',
    'pl.deactivateConfirm': '停用价格表「{name}」？停用后下单不再使用其价格。',
  },
  en: {
    'prod.title': 'Products',
    'prod.new': 'New product',
    'prod.edit': 'Edit product',
    'prod.search': 'Code, name, pinyin (full or initials) or barcode',
    'prod.code': 'Code',
    'prod.codeHelp': 'Letters, digits, _, - or .; unique in the company',
    'prod.name': 'Name',
    'prod.spec': 'Spec',
    'prod.unit': 'Unit',
    'prod.pack': 'Packing',
    'prod.packUnit': 'Pack unit',
    'prod.packSize': 'Units per pack',
    'prod.packHelp': 'E.g. 1 case = 12 bottles: pack unit 箱, units per pack 12',
    'prod.packText': '1 {packUnit} = {packSize} {unit}',
    'prod.barcode': 'Barcode',
    'prod.packBarcode': 'Pack barcode',
    'prod.category': 'Category',
    'prod.brand': 'Brand',
    'prod.taxRate': 'Tax rate',
    'prod.listPrice': 'List price (tax incl.)',
    'prod.listPriceHelp': 'Per {unit}, tax included, yuan, up to 4 decimals',
    'prod.costPrice': 'Cost',
    'prod.shelfLife': 'Shelf life (days)',
    'prod.safetyStock': 'Safety stock',
    'prod.targetStock': 'Target stock',
    'prod.stockHelp': 'In units; alert below safety stock, replenish up to target',
    'prod.trackCodes': 'Scan codes at issue',
    'prod.trackCodesHelp': 'Box/bottle codes are scanned when goods leave',
    'prod.notes': 'Notes',
    'prod.active': 'Status',
    'prod.deactivate': 'Deactivate',
    'prod.activate': 'Activate',
    'prod.deactivateConfirm': 'Deactivate {name}? It can no longer be ordered; past documents are unaffected.',
    'prod.deactivated': 'Deactivated',
    'prod.deactivatedName': '{name} deactivated; it is no longer listed or offered by pickers — see “Inactive” to find or reactivate it',
    'prod.activated': 'Activated',
    'prod.allCategories': 'All categories',
    'prod.allBrands': 'All brands',
    'prod.activeOnly': 'Active',
    'prod.inactiveOnly': 'Inactive',
    'prod.both': 'Any status',
    'prod.badPrice': 'Enter an amount in yuan, up to 4 decimals, e.g. 128, 128.5 or 1,280.00',
    'prod.negativePrice': 'A price cannot be negative',
    'prod.priceTooLarge': 'A price cannot exceed ¥100,000,000',
    'prod.updatedAt': 'Updated',
    'prod.historyTitle': 'History of {name}',
    'prod.priceLists': 'Price lists',
    'prod.prices': 'Prices',
    'prod.pricesTitle': 'Prices of {name} by customer',
    'prod.pricesHelp': 'An order takes the most specific active price list for its order type and customer class (type+class > type > class), else the list price. An unclassified customer gets only lists for every class. All prices include tax.',
    'prod.pricesLists': 'Active price lists holding this product ({n}):',
    'prod.perPack': '{price} per {packUnit}',
    'prod.inactiveNoOrders': 'This product is inactive: it cannot be ordered or sold and pickers do not offer it; past documents are unaffected.',
    'pl.title': 'Price lists',
    'pl.sub': 'Prices per order type and/or customer class; an order takes the most specific active list (type+class > type > class), else the list price',
    'pl.new': 'New price list',
    'pl.code': 'Code',
    'pl.name': 'Name',
    'pl.orderType': 'Order type',
    'pl.customerClass': 'Customer class',
    'pl.scope': 'Applies to',
    'pl.allTypes': 'Any type',
    'pl.allClasses': 'Any class',
    'pl.anyType': 'Any type',
    'pl.anyClass': 'Any class',
    'pl.items': 'Prices',
    'pl.itemCount': 'Products',
    'pl.product': 'Product',
    'pl.unitPrice': 'Price (yuan, tax incl.)',
    'pl.listPrice': 'List price',
    'pl.diff': 'vs list',
    'pl.price': 'Price (tax incl.)',
    'prod.trackCodesTag': 'Scanned',
    'pl.addRow': 'Add product',
    'pl.removeRow': 'Remove',
    'pl.pick': 'Choose a price list on the left, or create one',
    'pl.pickView': 'Choose a price list on the left to see its products and prices',
    'pl.scopeRequired': 'Choose an order type or a customer class (at least one)',
    'pl.priceRequired': 'Enter a price',
    'pl.productRequired': 'Choose a product',
    'pl.unsaved': 'Unsaved changes',
    'prod.discardConfirm': 'The changes to this product are not saved and will be lost. Discard them?',
    'pl.discardConfirm': 'The changes to this price list are not saved and will be lost. Discard them?',
    'pl.discard': 'Discard changes',
    'pl.keepEditing': 'Keep editing',
    'pl.historyTitle': 'History of {name}',
    'pl.deactivateConfirm': 'Deactivate {name}? Orders stop using its prices.',
  },
});

/** Field names of the audit log, for the history drawers. */
export const productFieldLabels: Record<string, { zh: string; en: string }> = {
  code: { zh: '商品编码', en: 'Code' }, name: { zh: '商品名称', en: 'Name' }, spec: { zh: '规格', en: 'Spec' }, unit: { zh: '单位', en: 'Unit' },
  packUnit: { zh: '包装单位', en: 'Pack unit' }, packSize: { zh: '包装数量', en: 'Units per pack' }, barcode: { zh: '条码', en: 'Barcode' },
  packBarcode: { zh: '箱条码', en: 'Pack barcode' }, category: { zh: '分类', en: 'Category' }, brand: { zh: '品牌', en: 'Brand' },
  taxRateBp: { zh: '税率', en: 'Tax rate' }, listPrice: { zh: '标价（含税）', en: 'List price' }, costPrice: { zh: '成本价', en: 'Cost' },
  shelfLifeDays: { zh: '保质期（天）', en: 'Shelf life' }, safetyStock: { zh: '安全库存', en: 'Safety stock' }, targetStock: { zh: '目标库存', en: 'Target stock' },
  trackCodes: { zh: '扫码出库', en: 'Scan codes' }, active: { zh: '状态', en: 'Status' }, notes: { zh: '备注', en: 'Notes' },
  orderType: { zh: '订单类型', en: 'Order type' }, customerClass: { zh: '客户类别', en: 'Customer class' }, items: { zh: '商品价格', en: 'Prices' },
};

/** The price list's own names for the fields it shares with products. */
export const priceListFieldLabels: Record<string, { zh: string; en: string }> = {
  ...productFieldLabels, code: { zh: '价格表编码', en: 'Code' }, name: { zh: '价格表名称', en: 'Name' },
};

const priceFmt = (v: unknown) => (typeof v === 'number' ? `¥${formatPrice(v)}` : v === null || v === undefined ? '—' : String(v));
/** How the history drawers show prices, rates and flags. */
export function productFormatters(en: boolean): Record<string, (v: unknown) => string> {
  const flag = (v: unknown) => (v === true || v === 1 ? (en ? 'Yes' : '是') : v === false || v === 0 ? (en ? 'No' : '否') : String(v ?? '—'));
  return {
    listPrice: priceFmt,
    costPrice: priceFmt,
    taxRateBp: (v) => (typeof v === 'number' ? showRate(v) : String(v ?? '—')),
    trackCodes: flag,
    active: (v) => (v === true || v === 1 ? (en ? 'Active' : '启用') : en ? 'Inactive' : '停用'),
    orderType: (v) => (v ? (en ? orderTypeLabels[v as keyof typeof orderTypeLabels]?.en : orderTypeLabels[v as keyof typeof orderTypeLabels]?.zh) ?? String(v) : en ? 'Any' : '任意'),
    customerClass: (v) => (v ? (en ? customerClassLabels[v as keyof typeof customerClassLabels]?.en : customerClassLabels[v as keyof typeof customerClassLabels]?.zh) ?? String(v) : en ? 'Any' : '任意'),
    items: (v) =>
      v && typeof v === 'object'
        ? Object.entries(v as Record<string, unknown>)
            .map(([code, p]) => `${code}: ${p === null ? (en ? '(none)' : '（无）') : priceFmt(p)}`)
            .join('；')
        : '—',
  };
}

export const productActionLabels: Record<string, { zh: string; en: string }> = {
  'product.create': { zh: '新建', en: 'Created' },
  'product.update': { zh: '修改', en: 'Edited' },
  'product.import': { zh: '导入', en: 'Imported' },
  'product.import_update': { zh: '导入修改', en: 'Updated by import' },
  'product.deactivate': { zh: '停用', en: 'Deactivated' },
  'product.activate': { zh: '启用', en: 'Activated' },
  'price_list.create': { zh: '新建', en: 'Created' },
  'price_list.update': { zh: '修改', en: 'Edited' },
  'price_list.deactivate': { zh: '停用', en: 'Deactivated' },
  'price_list.activate': { zh: '启用', en: 'Activated' },
};
