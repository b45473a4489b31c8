import { defineErrors } from '../../platform/errors/app-error.ts';

// Errors of receipts 收款, allocation 核销 and statements 对账: each names what the user can fix.
export const receiptError = defineErrors({
  RECEIPT_RECEIVER_INVALID: { status: 400, zh: '收款人必须是本账套在职的成员', en: 'The receiver must be an active member of this company' },
  RECEIPT_VOID: { status: 409, zh: '收款单 {number} 已作废，不能核销', en: 'Receipt {number} is void and cannot be allocated' },
  RECEIPT_HOLD_DEPOSIT: {
    status: 409,
    zh: '收款单 {number} 是留货单 {hold} 的订金/定金：留货转成订单后才能核销；退还或不予退还请在留货单上办理',
    en: 'Receipt {number} is the deposit of hold {hold}: it can be allocated once the hold becomes an order; refund or forfeit it on the hold',
  },
  RECEIPT_NOT_REFUND_DUE: { status: 409, zh: '收款单 {number} 不是待退款的订金/定金，不能登记退款', en: 'Receipt {number} is not a deposit due for refund' },
  RECEIPT_DEPOSIT_CLOSED: { status: 409, zh: '收款单 {number} 是留货的订金/定金，已{status}，不能再核销或作废', en: 'Receipt {number} is a hold\'s deposit, {statusEn}; it cannot be allocated or voided' },
  RECEIPT_OVER_ALLOCATED: {
    status: 409,
    zh: '收款单 {number} 可核销余额 {remaining} 元，本次核销 {amount} 元超出',
    en: 'Receipt {number} has {remaining} yuan left to allocate; {amount} yuan is more',
  },
  RECEIPT_TARGET_UNKNOWN: { status: 400, zh: '该客户没有这张已过账的单据', en: 'The customer has no such posted document' },
  RECEIPT_TARGET_OVER: {
    status: 409,
    zh: '{number} 未收金额 {remaining} 元，本次核销 {amount} 元超出',
    en: '{number} has {remaining} yuan still to receive; {amount} yuan is more',
  },
  RECEIPT_WRONG_BASIS: {
    status: 409,
    zh: '本账套按「{basis}」核销应收，不能核销到{target}',
    en: 'This company allocates receipts against {basisEn}; not against {targetEn}',
  },
  RECEIPT_NOTHING_TO_ALLOCATE: { status: 409, zh: '收款单 {number} 没有可核销余额，或客户没有未收的单据', en: 'Receipt {number} has nothing left to allocate, or the customer owes nothing' },
  ALLOCATION_REVERSED: { status: 409, zh: '该核销已于 {at} 撤销', en: 'This allocation was already reversed at {at}' },
  STATEMENT_CONFIRMED: { status: 409, zh: '对账单 {number} 已由客户确认', en: 'Statement {number} is already confirmed' },
});
export type ReceiptErrorCode = keyof typeof receiptError.defs;
