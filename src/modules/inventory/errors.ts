import { defineErrors } from '../../platform/errors/app-error.ts';

/** The inventory module's error codes (the union is the keys). */
export const inventoryError = defineErrors({
  STOCK_SHORT: {
    status: 409,
    zh: '库存不足：{product} 在{warehouse}可用 {available}{unit}，需要 {requested}{unit}',
    en: 'Not enough stock of {product} in {warehouse}: {available} {unit} available, {requested} requested',
  },
  BATCH_SHORT: {
    status: 409,
    zh: '批次不足：{product} 批号 {batchNo} 在{warehouse}只有 {available}{unit}，需要 {requested}{unit}',
    en: 'Batch {batchNo} of {product} in {warehouse} holds {available} {unit}, {requested} requested',
  },
  REVERSAL_SHORT: {
    status: 409,
    zh: '不能作废：{product} 已有 {missing}{unit} 出库或被预留，在{warehouse}可冲回的只有 {available}{unit}',
    en: 'Cannot void: {missing} {unit} of {product} have already left or are reserved; only {available} {unit} can be taken back in {warehouse}',
  },
  ALREADY_REVERSED: { status: 409, zh: '该单据的库存已冲回，不能重复作废', en: 'The stock of this document has already been taken back' },
  RESERVATION_SHORT: {
    status: 409,
    zh: '预留不足：{product} 仅预留 {reserved}{unit}，不能释放 {requested}{unit}',
    en: 'Only {reserved} {unit} of {product} are reserved; cannot release {requested}',
  },
});
export type InventoryErrorCode = keyof typeof inventoryError.defs;
