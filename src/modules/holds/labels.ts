// Holds 留货 (订金/定金): value lists and their zh/en labels (no zod, no server imports: the web imports them).

export const holdStatuses = ['held', 'firm', 'converted', 'released', 'expired', 'void'] as const;
export type HoldStatus = (typeof holdStatuses)[number];
export const holdStatusLabels: Record<HoldStatus | 'discarded', { zh: string; en: string }> = {
  held: { zh: '已留货（订金）', en: 'Held (small deposit)' },
  firm: { zh: '已定（定金）', en: 'Firm (deposit, agreement signed)' },
  converted: { zh: '已转订单', en: 'Converted to an order' },
  released: { zh: '已退订', en: 'Released' },
  expired: { zh: '已过期', en: 'Expired' },
  void: { zh: '作废', en: 'Void' },
  discarded: { zh: '已放弃', en: 'Discarded' },
};
/** statuses in which a hold still keeps its stock */
export const openHoldStatuses: readonly HoldStatus[] = ['held', 'firm'];

export const holdRequestKinds = ['special_price', 'extension'] as const;
export type HoldRequestKind = (typeof holdRequestKinds)[number];
export const holdRequestKindLabels: Record<HoldRequestKind, { zh: string; en: string }> = {
  special_price: { zh: '特别优惠', en: 'Special price' },
  extension: { zh: '延期签约付款', en: 'Extension' },
};

export const holdRequestStatuses = ['pending', 'approved', 'rejected'] as const;
export type HoldRequestStatus = (typeof holdRequestStatuses)[number];
export const holdRequestStatusLabels: Record<HoldRequestStatus, { zh: string; en: string }> = {
  pending: { zh: '待审批', en: 'Pending' },
  approved: { zh: '已批准', en: 'Approved' },
  rejected: { zh: '已驳回', en: 'Rejected' },
};

/** what became of the deposit when a hold ended without an order */
export const depositOutcomes = ['refunded', 'forfeited'] as const;
export type DepositOutcome = (typeof depositOutcomes)[number] | 'to_order';
export const depositOutcomeLabels: Record<DepositOutcome, { zh: string; en: string }> = {
  refunded: { zh: '退还客户', en: 'Refunded' },
  forfeited: { zh: '不予退还', en: 'Forfeited' },
  to_order: { zh: '转作货款', en: 'Applied to the order' },
};
