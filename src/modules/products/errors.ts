import { defineErrors } from '../../platform/errors/app-error.ts';

/** The products module's error codes (商品档案 and 价格表). */
export const productError = defineErrors({
  DUPLICATE_CODE: { status: 409, zh: '商品编码「{code}」已被商品「{name}」使用', en: 'Product code {code} is already used by {name}' },
  DUPLICATE_BARCODE: { status: 409, zh: '条码「{barcode}」已被商品「{name}」（编码 {code}）使用', en: 'Barcode {barcode} is already used by {name} ({code})' },
  DUPLICATE_PRICE_LIST: { status: 409, zh: '价格表编码「{code}」已存在', en: 'Price list code {code} already exists' },
  CONFLICTING_PRICE_LIST: {
    status: 409,
    zh: '已有启用的价格表「{name}」（{code}）适用于相同的订单类型和客户类别；请先停用它，或改选适用范围',
    en: 'The active price list {name} ({code}) already applies to the same order type and customer class',
  },
  PRODUCT_NOT_FOUND: { status: 400, zh: '商品不存在或不属于本账套（第 {row} 行）', en: 'Product on line {row} does not exist' },
  PRODUCT_INACTIVE: { status: 400, zh: '商品「{name}」已停用，不能加入价格表', en: 'Product {name} is inactive and cannot be priced' },
  ALREADY_INACTIVE: { status: 409, zh: '该{what}已经是停用状态', en: 'It is already inactive' },
  ALREADY_ACTIVE: { status: 409, zh: '该{what}已经是启用状态', en: 'It is already active' },
});
export type ProductErrorCode = keyof typeof productError.defs;
