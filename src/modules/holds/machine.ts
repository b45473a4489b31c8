import { defineDocument } from '../../platform/documents/status.ts';
import { holdStatusLabels, type HoldStatus } from './labels.ts';

/**
 * A hold 留货单 is submitted when it is written (the deposit is in hand): held 订金 → firm 定金 (agreement
 * signed) → converted (the order made from it is confirmed). A held one expires by itself; either is
 * released 退订 (the deposit refunded or forfeited) or voided when entered wrong. Never deleted.
 */
export const holdDocument = defineDocument<Exclude<HoldStatus, 'void'>, 'firm' | 'convert' | 'release' | 'expire'>({
  labels: holdStatusLabels,
  transitions: {
    firm: { from: ['held'], to: 'firm', label: { zh: '定货（收定金）', en: 'firm up' } },
    convert: { from: ['held', 'firm'], to: 'converted', label: { zh: '转订单', en: 'convert to an order' } },
    release: { from: ['held', 'firm'], to: 'released', label: { zh: '退订', en: 'release' } },
    expire: { from: ['held'], to: 'expired', label: { zh: '到期释放', en: 'expire' } },
  },
  voidableFrom: ['held', 'firm'],
  editableIn: [],
});
