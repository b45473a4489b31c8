// The value lists of the inventory module and their zh/en labels: plain data, imported by the
// server schema and by the pages (no zod here, so pages import them cheaply).

export type Label = { zh: string; en: string };

export const stockDocTypes = ['inbound', 'outbound', 'transfer', 'count'] as const;
export type StockDocType = (typeof stockDocTypes)[number];
export const stockDocTypeLabels: Record<StockDocType, Label> = {
  inbound: { zh: '入库单', en: 'Goods received' },
  outbound: { zh: '出库单', en: 'Other issue' },
  transfer: { zh: '调拨单', en: 'Transfer' },
  count: { zh: '盘点单', en: 'Stock count' },
};
/** the permission that writes each kind of document */
export const stockDocPermission: Record<StockDocType, 'stock.inbound' | 'stock.outbound' | 'stock.transfer' | 'stock.count'> = {
  inbound: 'stock.inbound',
  outbound: 'stock.outbound',
  transfer: 'stock.transfer',
  count: 'stock.count',
};
/** the numbering rule of each kind (RK- CK- DB- PD-) */
export const stockDocNumbering: Record<StockDocType, string> = {
  inbound: 'stock_inbound',
  outbound: 'stock_outbound',
  transfer: 'stock_transfer',
  count: 'stock_count',
};

export const stockDocStatuses = ['draft', 'submitted', 'signed', 'void', 'discarded'] as const;
export type StockDocStatus = (typeof stockDocStatuses)[number];
export const stockDocStatusLabels: Record<StockDocStatus, Label> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已提交', en: 'Submitted' },
  signed: { zh: '已签字', en: 'Signed' },
  void: { zh: '作废', en: 'Void' },
  discarded: { zh: '已丢弃', en: 'Discarded' },
};

import type { SignRole } from '../../platform/documents/signatures.ts';
// the three places of a goods document and who may sign them: src/platform/documents/signatures.ts
export { signRoles, type SignRole } from '../../platform/documents/signatures.ts';
export const signRoleLabels: Record<SignRole, Label> = {
  keeper: { zh: '仓管', en: 'Warehouse keeper' },
  preparer: { zh: '制单人', en: 'Preparer' },
  handler: { zh: '经手人', en: 'Handler' },
};

/** common reasons of an outbound slip (the field is free text; these are offered) */
export const outboundReasons: Label[] = [
  { zh: '赠品', en: 'Gift' },
  { zh: '样品', en: 'Sample' },
  { zh: '内部领用', en: 'Internal use' },
  { zh: '报损', en: 'Write-off' },
  { zh: '其他', en: 'Other' },
];

export const purchaseStatuses = ['open', 'ordered', 'closed', 'void'] as const;
export type PurchaseStatus = (typeof purchaseStatuses)[number];
export const purchaseStatusLabels: Record<PurchaseStatus, Label> = {
  open: { zh: '待采购', en: 'Open' },
  ordered: { zh: '已下单', en: 'Ordered' },
  closed: { zh: '已关闭', en: 'Closed' },
  void: { zh: '作废', en: 'Void' },
};

/** where a purchase request came from */
export const purchaseSources = ['replenishment', 'sales_order', 'manual'] as const;
export const purchaseSourceLabels: Record<(typeof purchaseSources)[number], Label> = {
  replenishment: { zh: '补货建议', en: 'Restocking' }, // one word that fits the 请购单 list's 来源 column
  sales_order: { zh: '销售订单缺货', en: 'Sales order shortage' },
  manual: { zh: '手工请购', en: 'Manual' },
};

/** what a ledger row's document is, for the ledger page (other modules' documents too) */
export const ledgerDocLabels: Record<string, Label> = {
  ...stockDocTypeLabels,
  sales_slip: { zh: '销货清单', en: 'Sales slip' },
  sales_return: { zh: '退货单', en: 'Return' },
};

export const DEFAULT_EXPIRY_DAYS = 30;
