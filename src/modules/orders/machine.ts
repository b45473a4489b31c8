import { defineDocument } from '../../platform/documents/status.ts';
import { orderStatusLabels, type OrderStatus } from './labels.ts';

/**
 * The sales order document:
 * draft → submitted (numbered DD-; waits for the reviews its type needs) → confirmed (stock reserved)
 * → partially_shipped / shipped (by slips) → delivered → completed (customer confirmed) → closed.
 * A review may return it (returned: editable, resubmitted). Submitting with no review due confirms at
 * once. Cancelling (void, reason required) is possible until goods leave; a draft is discarded.
 */
type S = Exclude<OrderStatus, 'void' | 'discarded'>;
export type OrderAction =
  | 'submit' | 'confirm' | 'return' | 'shipPart' | 'ship' | 'unship' | 'unshipPart' | 'deliver' | 'complete' | 'close' | 'change' | 'pay' | 'discard';

export const orderDocument = defineDocument<S, OrderAction>({
  labels: orderStatusLabels,
  transitions: {
    submit: { from: ['draft', 'returned'], to: 'submitted', label: { zh: '提交', en: 'submit' } },
    confirm: { from: ['submitted'], to: 'confirmed', label: { zh: '审核通过', en: 'approve' } },
    return: { from: ['submitted'], to: 'returned', label: { zh: '退回', en: 'return' } },
    shipPart: { from: ['confirmed', 'partially_shipped', 'shipped'], to: 'partially_shipped', label: { zh: '发货', en: 'ship' } },
    ship: { from: ['confirmed', 'partially_shipped'], to: 'shipped', label: { zh: '发货', en: 'ship' } },
    unship: { from: ['partially_shipped', 'shipped'], to: 'confirmed', label: { zh: '撤回发货', en: 'take back a shipment' } },
    unshipPart: { from: ['partially_shipped', 'shipped'], to: 'partially_shipped', label: { zh: '撤回发货', en: 'take back a shipment' } },
    deliver: { from: ['shipped'], to: 'delivered', label: { zh: '登记送达', en: 'record delivery' } },
    complete: { from: ['delivered'], to: 'completed', label: { zh: '客户确认收货', en: 'record customer confirmation' } },
    // closing a partly shipped order gives up the rest (its reservation is released)
    close: { from: ['completed', 'partially_shipped'], to: 'closed', label: { zh: '关闭', en: 'close' } },
    change: { from: ['confirmed', 'partially_shipped'], to: 'confirmed', label: { zh: '变更', en: 'change' } },
    pay: { from: ['draft', 'submitted', 'returned', 'confirmed', 'partially_shipped', 'shipped', 'delivered', 'completed'], to: 'confirmed', label: { zh: '登记收款', en: 'record payment' } },
    discard: { from: ['draft'], to: 'draft', label: { zh: '放弃', en: 'discard' } },
  },
  voidableFrom: ['submitted', 'returned', 'confirmed'],
  voidLabel: { zh: '取消', en: 'cancel' },
  editableIn: ['draft', 'returned'],
});

/** Statuses in which the order's amount counts against the customer's credit (see credit.ts). */
export const openForCredit: readonly OrderStatus[] = ['submitted', 'confirmed', 'partially_shipped', 'shipped', 'delivered'];
