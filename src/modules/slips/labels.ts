// Value lists of sales slips and their zh/en labels (no zod: the print page imports them cheaply).

export type Label = { zh: string; en: string };

export const slipStatuses = ['draft', 'issued', 'signed', 'delivered', 'reconciled', 'posted', 'void', 'discarded'] as const;
export type SlipStatus = (typeof slipStatuses)[number];
export const slipStatusLabels: Record<SlipStatus, Label> = {
  draft: { zh: '草稿', en: 'Draft' },
  issued: { zh: '已开单', en: 'Issued' },
  signed: { zh: '已出库签字', en: 'Signed out' },
  delivered: { zh: '送货中', en: 'Out for delivery' },
  reconciled: { zh: '已对单', en: 'Reconciled' },
  posted: { zh: '已过账', en: 'Posted' },
  void: { zh: '作废', en: 'Void' },
  discarded: { zh: '已丢弃', en: 'Discarded' },
};

// a slip's payment term and order type are its order's: one list each, the orders module's
export { orderTypeLabels, orderTypes, paymentTermLabels, paymentTerms, type OrderType, type PaymentTerm } from '../orders/labels.ts';

import type { SignRole } from '../../platform/documents/signatures.ts';
// the three places of a goods document and who may sign them: src/platform/documents/signatures.ts
export { signRoles, type SignRole } from '../../platform/documents/signatures.ts';
export const signRoleLabels: Record<SignRole, Label> = {
  keeper: { zh: '仓管', en: 'Warehouse keeper' },
  preparer: { zh: '开单人', en: 'Preparer' },
  handler: { zh: '经手人', en: 'Handler' },
};

export const codeKinds = ['box', 'bottle'] as const;
export type CodeKind = (typeof codeKinds)[number];
export const codeKindLabels: Record<CodeKind, Label> = { box: { zh: '箱码', en: 'Box code' }, bottle: { zh: '瓶码', en: 'Bottle code' } };

// the paper (A4 or 241 mm continuous) is every printed form's: src/platform/documents/paper.ts
export { papers, paperLabels, type Paper } from '../../platform/documents/paper.ts';

/** The four copies of the form, in print order (第一联 存根 … 第四联 财务). */
export const slipCopies: { no: string; name: Label; note: Label }[] = [
  { no: '第一联', name: { zh: '存根', en: 'Stub' }, note: { zh: '白联 · 开单留存（抄箱码/瓶码）', en: 'white · kept by the office (codes)' } },
  { no: '第二联', name: { zh: '客户', en: 'Customer' }, note: { zh: '红联 · 客户签收', en: 'red · customer signs' } },
  { no: '第三联', name: { zh: '仓库', en: 'Warehouse' }, note: { zh: '蓝联 · 仓库发货', en: 'blue · warehouse' } },
  { no: '第四联', name: { zh: '财务', en: 'Finance' }, note: { zh: '黄联 · 财务记账', en: 'yellow · finance' } },
];

export const reconciliationStatusLabels: Record<'open' | 'settled' | 'void', Label> = {
  open: { zh: '对单中', en: 'Open' },
  settled: { zh: '已结清', en: 'Settled' },
  void: { zh: '作废', en: 'Void' },
};

/** What became of a slip's goods at the door, as its reconciliation records it (returns written there). */
export const reconciliationOutcomeLabels: Record<'delivered' | 'partly_returned' | 'refused', Label> = {
  delivered: { zh: '已送达', en: 'delivered' },
  partly_returned: { zh: '部分退回', en: 'part returned' },
  refused: { zh: '拒收', en: 'refused' },
};

/**
 * How a slip's goods leave 提货方式: with one of our drivers 司机送货 (named on the slip), or handed to
 * the customer at the counter 客户自提 (no driver). Pickups are reconciled per day as a group of their
 * own (司机对单: 客户自提), never under a driver's name.
 */
export const deliveryModes = ['driver', 'pickup'] as const;
export type DeliveryMode = (typeof deliveryModes)[number];
export const deliveryModeLabels: Record<DeliveryMode, Label> = {
  driver: { zh: '司机送货', en: 'Our driver delivers' },
  pickup: { zh: '客户自提', en: 'Customer collects' },
};
