import { defineErrors } from '../../platform/errors/app-error.ts';

/** The holds module's error codes (the union is the keys). */
export const holdError = defineErrors({
  HOLD_CUSTOMER_NOT_FOUND: { status: 400, zh: '客户不存在或不在您的管理范围内', en: 'The customer is not found or not visible to you' },
  HOLD_WAREHOUSE_INVALID: { status: 400, zh: '仓库不存在或已停用', en: 'The warehouse does not exist or is inactive' },
  HOLD_PRODUCT_INVALID: { status: 400, zh: '商品不存在或已停用', en: 'The product does not exist or is inactive' },
  HOLD_ACTIVE_EXISTS: {
    status: 409,
    zh: '客户「{customer}」对「{product}」已有有效留货 {number}，不能重复留货',
    en: '{customer} already holds {product} ({number})',
  },
  HOLD_ONCE_ONLY: {
    status: 409,
    zh: '保留权只有一次：{who}对「{product}」的留货 {number} 已{status}，不能再次留货（不允许家人或朋友代为续留）',
    en: 'A hold is allowed once: {whoEn} held {product} before ({number}, {statusEn}); it cannot be held again',
  },
  HOLD_NOT_EXTENDABLE: {
    status: 409,
    zh: '订金留货只保留 {days} 天，不能延期；客户交定金定货后可申请延期签约付款',
    en: 'A small-deposit hold lasts {days} days and cannot be extended; firm it up first',
  },
  HOLD_EXTENSION_TOO_LATE: {
    status: 400,
    zh: '延期不能超过定货后 {days} 天（{latest}）',
    en: 'An extension cannot go past {days} days after the firm date ({latest})',
  },
  HOLD_EXTENSION_NOT_LATER: { status: 400, zh: '延期日期须晚于当前签约付款期限 {signBy}', en: 'The new date must be after the current one ({signBy})' },
  HOLD_REQUEST_PENDING: { status: 409, zh: '该留货已有一份待审批的{kind}申请', en: 'A {kindEn} request is already pending for this hold' },
  HOLD_REQUEST_DECIDED: { status: 409, zh: '该申请已{status}，不能再次审批', en: 'The request was already {statusEn}' },
  HOLD_REQUEST_SELF: { status: 403, zh: '不能审批自己提交的申请', en: 'You cannot decide your own request' },
  HOLD_HAS_ORDER: {
    status: 409,
    zh: '留货已转订单 {order}，请先取消该订单',
    en: 'The hold has an order ({order}); cancel that order first',
  },
  HOLD_ORDER_MISMATCH: { status: 400, zh: '订单与留货 {number} 不符：{reason}', en: 'The order does not match hold {number}: {reason}' },
  HOLD_NOT_OPEN: { status: 409, zh: '留货 {number} 已{status}，不能转订单', en: 'Hold {number} is {statusEn}; it cannot become an order' },
});
