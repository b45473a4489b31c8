import { defineDocument } from '../../platform/documents/status.ts';
import { slipStatusLabels, type SlipStatus } from './labels.ts';

/**
 * The sales slip 销货清单: draft → issued (numbered XS-, stock issued in the same transaction) →
 * signed (the warehouse issue done: keeper, preparer and handler signed, codes recorded) →
 * delivered (out with the driver) → reconciled (driver reconciliation settled) → posted 过账.
 * Void (作废, reason required) from issued, signed or delivered; a draft is discarded instead.
 * A reconciled or posted slip is not voided (a return slip or a red-letter invoice corrects it).
 */
export const slipDocument = defineDocument<Exclude<SlipStatus, 'void'>, 'issue' | 'sign' | 'deliver' | 'reconcile' | 'post' | 'discard' | 'return'>({
  labels: slipStatusLabels,
  transitions: {
    issue: { from: ['draft'], to: 'issued', label: { zh: '开单', en: 'issue' } },
    sign: { from: ['issued'], to: 'signed', label: { zh: '签字', en: 'sign' } },
    deliver: { from: ['signed'], to: 'delivered', label: { zh: '出车送货', en: 'send out for delivery' } },
    reconcile: { from: ['delivered'], to: 'reconciled', label: { zh: '对单', en: 'reconcile' } },
    post: { from: ['reconciled'], to: 'posted', label: { zh: '过账', en: 'post' } },
    discard: { from: ['draft'], to: 'discarded', label: { zh: '丢弃草稿', en: 'discard' } },
    // a return slip keeps the status; it is taken only while the goods are out with the driver
    return: { from: ['delivered'], to: 'delivered', label: { zh: '退货', en: 'return goods' } },
  },
  voidableFrom: ['issued', 'signed', 'delivered'],
});

export type SlipAction = 'issue' | 'sign' | 'deliver' | 'reconcile' | 'post' | 'discard' | 'return';
