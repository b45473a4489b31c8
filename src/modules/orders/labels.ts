// Sales orders 销售订单: value lists and their zh/en labels (no zod, no server imports: the web imports them).

export const orderTypes = ['direct', 'wholesale', 'regional', 'supermarket'] as const;
export type OrderType = (typeof orderTypes)[number];
export const orderTypeLabels: Record<OrderType, { zh: string; en: string }> = {
  direct: { zh: '直销', en: 'Direct' },
  wholesale: { zh: '二批', en: 'Wholesale' },
  regional: { zh: '地州', en: 'Regional' },
  supermarket: { zh: '商超', en: 'Supermarket' },
};

export const paymentTerms = ['cash', 'monthly', 'hold', 'rolling', 'transfer'] as const;
export type PaymentTerm = (typeof paymentTerms)[number];
export const paymentTermLabels: Record<PaymentTerm, { zh: string; en: string }> = {
  cash: { zh: '现款', en: 'Cash on delivery' },
  monthly: { zh: '月结', en: 'Monthly' },
  hold: { zh: '压单', en: 'Hold-order' },
  rolling: { zh: '滚单', en: 'Rolling' },
  transfer: { zh: '汇款', en: 'Bank transfer' },
};
/** terms on which the customer owes us after delivery: these count against the credit limit */
export const creditTerms: readonly PaymentTerm[] = ['monthly', 'hold', 'rolling'];

export const deliveryMethods = ['self_pickup', 'our_delivery', 'carrier', 'express'] as const;
export type DeliveryMethod = (typeof deliveryMethods)[number];
export const deliveryMethodLabels: Record<DeliveryMethod, { zh: string; en: string }> = {
  self_pickup: { zh: '客户自提', en: 'Customer pickup' },
  our_delivery: { zh: '公司送货', en: 'Our delivery' },
  carrier: { zh: '托运', en: 'Carrier' },
  express: { zh: '快递', en: 'Express' },
};

export const reviewKinds = ['finance', 'logistics'] as const;
export type ReviewKind = (typeof reviewKinds)[number];
export const reviewKindLabels: Record<ReviewKind, { zh: string; en: string }> = {
  finance: { zh: '财务审核', en: 'Finance review' },
  logistics: { zh: '物流审核', en: 'Logistics review' },
};

export const orderStatuses = [
  'draft', 'submitted', 'returned', 'confirmed', 'partially_shipped', 'shipped', 'delivered', 'completed', 'closed', 'void', 'discarded',
] as const;
export type OrderStatus = (typeof orderStatuses)[number];
export const orderStatusLabels: Record<OrderStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '待审核', en: 'Under review' },
  returned: { zh: '已退回', en: 'Returned' },
  confirmed: { zh: '已确认', en: 'Confirmed' },
  partially_shipped: { zh: '部分发货', en: 'Partly shipped' },
  shipped: { zh: '已发货', en: 'Shipped' },
  delivered: { zh: '已送达', en: 'Delivered' },
  completed: { zh: '客户已确认', en: 'Customer confirmed' },
  closed: { zh: '已关闭', en: 'Closed' },
  void: { zh: '已取消', en: 'Cancelled' },
  discarded: { zh: '已放弃', en: 'Discarded' },
};
/** the orders that count as sales: confirmed onward, not cancelled (the dashboard's month figure) */
export const salesStatuses: readonly OrderStatus[] = ['confirmed', 'partially_shipped', 'shipped', 'delivered', 'completed', 'closed'];
/** the main line of the flow, as the detail page's steps show it */
export const orderSteps: readonly OrderStatus[] = ['draft', 'submitted', 'confirmed', 'shipped', 'delivered', 'completed', 'closed'];
