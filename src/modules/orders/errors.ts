import { defineErrors } from '../../platform/errors/app-error.ts';

export const orderError = defineErrors({
  ORDER_CUSTOMER_NOT_FOUND: { status: 400, zh: '客户不存在或不在您的管理范围内', en: 'The customer is not found or not visible to you' },
  ORDER_WAREHOUSE_INVALID: { status: 400, zh: '仓库不存在或已停用', en: 'The warehouse does not exist or is inactive' },
  ORDER_OWNER_INVALID: { status: 400, zh: '业务员无效：{reason}', en: 'Invalid rep: {reason}' },
  ORDER_PRODUCT_INVALID: { status: 400, zh: '第 {line} 行：商品不存在或已停用', en: 'Line {line}: the product does not exist or is inactive' },
  ORDER_NO_PRICE: { status: 400, zh: '第 {line} 行：商品「{product}」没有价格，请填写单价', en: 'Line {line}: no price for {product}; enter a unit price' },
  ORDER_CARRIER_REQUIRED: { status: 400, zh: '地州订单必须填写托运部及电话', en: 'A regional order needs the carrier and its phone' },
  ORDER_BARCODE_REQUIRED: { status: 400, zh: '第 {line} 行：商超订单须填写并核对条码', en: 'Line {line}: a supermarket order needs the barcode' },
  ORDER_BARCODE_MISMATCH: {
    status: 400,
    zh: '第 {line} 行：条码 {barcode} 与商品「{product}」的条码（{expected}）不符',
    en: 'Line {line}: barcode {barcode} does not match {product} ({expected})',
  },
  ORDER_SUPERMARKET_TAX: { status: 400, zh: '商超订单必须按含税价开单', en: 'Supermarket orders are priced tax-inclusive' },
  ORDER_SUPERMARKET_COMPANY: {
    status: 409,
    zh: '商超订单须在账套「{company}」下录入，本账套不接收商超订单',
    en: 'Supermarket orders are booked in the company {company}, not in this one',
  },
  ORDER_CREDIT_LIMIT: {
    status: 409,
    zh: '超出客户信用额度：信用额度 ¥{limit}，现欠款 ¥{owed}，未完成订单 ¥{openOrders}，本单 ¥{order}，超出 ¥{excess}',
    en: 'Credit limit exceeded: limit ¥{limit}, owed ¥{owed}, open orders ¥{openOrders}, this order ¥{order}, excess ¥{excess}',
  },
  ORDER_TERM_NOT_ALLOWED: {
    status: 409,
    zh: '客户不允许使用付款方式「{term}」（允许：{allowed}）',
    en: 'The customer may not use the payment term {termEn} (allowed: {allowedEn})',
  },
  ORDER_OVERRIDE_REASON: { status: 400, zh: '超信用放行须填写原因', en: 'A credit override needs a reason' },
  ORDER_REVIEW_NOT_PENDING: { status: 409, zh: '该订单不需要或已完成{review}', en: 'This order does not wait for {reviewEn}' },
  ORDER_REGIONAL_UNPAID: {
    status: 409,
    zh: '地州订单须款到发货：订单金额 ¥{total}，已收款 ¥{received}，尚欠 ¥{missing}',
    en: 'Regional orders ship against payment: order ¥{total}, received ¥{received}, missing ¥{missing}',
  },
  ORDER_NOT_SHIPPABLE: { status: 409, zh: '订单「{number}」状态为「{status}」，不能开销货清单', en: 'Order {number} is {statusEn}: no slip can be issued' },
  ORDER_OVER_SHIPPED: {
    status: 409,
    zh: '第 {line} 行「{product}」：订货 {ordered}，已发 {shipped}，本次 {quantity}，超出订货数量',
    en: 'Line {line} ({product}): ordered {ordered}, shipped {shipped}, this {quantity}: more than ordered',
  },
  ORDER_LINE_NOT_FOUND: { status: 400, zh: '订单行 {lineId} 不属于该订单', en: 'Order line {lineId} is not on this order' },
  ORDER_UNSHIP_TOO_MANY: { status: 409, zh: '第 {line} 行：撤回数量 {quantity} 大于已发数量 {shipped}', en: 'Line {line}: cannot take back {quantity}, only {shipped} shipped' },
  ORDER_CHANGE_BELOW_SHIPPED: { status: 400, zh: '第 {line} 行：数量不能少于已发货数量 {shipped}', en: 'Line {line}: quantity below the {shipped} already shipped' },
  ORDER_NOTHING_TO_RESERVE: { status: 409, zh: '订单各行已全部预留或发货，无需补充预留', en: 'Every line is already reserved or shipped' },
  ORDER_CHANGE_EMPTY: { status: 400, zh: '变更单没有任何变化', en: 'The change order changes nothing' },
  ORDER_PAYMENT_NOT_OPEN: { status: 409, zh: '订单状态为「{status}」，不能登记收款', en: 'Order is {statusEn}: no payment can be recorded' },
});
