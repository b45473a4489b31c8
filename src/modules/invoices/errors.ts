import { defineErrors } from '../../platform/errors/app-error.ts';

// Errors of the invoices module 发票: each names what the user can fix.
export const invoiceError = defineErrors({
  INVOICE_SLIP_NOT_POSTED: { status: 409, zh: '销货清单 {number} 尚未过账（{status}），不能开票', en: 'Sales slip {number} is not posted ({statusEn}) and cannot be invoiced' },
  INVOICE_SLIP_OTHER_CUSTOMER: { status: 400, zh: '销货清单 {number} 不是该客户的，一张发票只能开给一个客户', en: 'Sales slip {number} belongs to another customer; an invoice is for one customer' },
  INVOICE_LINE_NOT_IN_SLIPS: { status: 400, zh: '所选销货清单中没有该行', en: 'The chosen slips have no such line' },
  INVOICE_OVER_SLIP: {
    status: 409,
    zh: '「{product}」（销货清单 {number}）本次开票 {quantity}，超过未开票数量 {remaining}',
    en: '{product} (slip {number}): {quantity} on this invoice exceeds the {remaining} not yet invoiced',
  },
  INVOICE_OVER_SLIP_AMOUNT: {
    status: 409,
    zh: '「{product}」（销货清单 {number}）本次开票金额 {amount} 元超过未开票金额 {remaining} 元（换算单价的尾差），请按销货清单的计价方式开票',
    en: '{product} (slip {number}): {amount} yuan exceeds the {remaining} yuan not yet invoiced (rounding of a converted price); invoice in the slip’s entry mode',
  },
  INVOICE_NOTHING_OPEN: { status: 409, zh: '所选销货清单已全部开票', en: 'The chosen slips are fully invoiced' },
  INVOICE_BUYER_INCOMPLETE: {
    status: 400,
    zh: '开具增值税专用发票须填写完整的购买方信息：{missing}',
    en: 'A VAT special invoice needs complete buyer details: {missingEn}',
  },
  INVOICE_NOT_BLUE: { status: 409, zh: '红字发票不能再红冲', en: 'A red-letter invoice cannot be reversed again' },
  INVOICE_ALREADY_REVERSED: { status: 409, zh: '发票 {number} 已全额红冲', en: 'Invoice {number} is already fully reversed' },
  INVOICE_RED_OVER: {
    status: 409,
    zh: '「{product}」红冲数量 {quantity} 超过可红冲数量 {remaining}',
    en: '{product}: {quantity} to reverse exceeds the {remaining} still open',
  },
  INVOICE_RED_LINE_UNKNOWN: { status: 400, zh: '原发票中没有该行', en: 'The original invoice has no such line' },
  INVOICE_FROM_ORDER_OFF: { status: 409, zh: '本账套未开启「按订单开票」，请从已过账的销货清单开票', en: 'This company does not invoice from orders; invoice posted sales slips' },
  INVOICE_ORDER_TYPE: { status: 409, zh: '只有商超和地州订单可以按订单开票，订单 {number} 是{type}订单', en: 'Only supermarket and prefecture orders are invoiced from the order; order {number} is {typeEn}' },
  INVOICE_ORDER_STATUS: { status: 409, zh: '订单 {number} 当前为「{status}」，确认后才能按订单开票', en: 'Order {number} is {statusEn}; it is invoiced once confirmed' },
  INVOICE_ORDER_INVOICED: { status: 409, zh: '订单 {number} 已按订单开票（发票 {invoice}），不能重复开票', en: 'Order {number} is already invoiced (invoice {invoice})' },
  INVOICE_ORDER_SLIPS_INVOICED: { status: 409, zh: '订单 {number} 的销货清单已经开过票，不能再按订单开票', en: 'The sales slips of order {number} are already invoiced; the order cannot be invoiced too' },
  INVOICE_SLIP_ORDER_INVOICED: { status: 409, zh: '销货清单 {number} 的订单已按订单开票（发票 {invoice}），货物不能重复开票', en: 'The order of sales slip {number} is already invoiced (invoice {invoice}); its goods cannot be invoiced twice' },
  INVOICE_TAX_NUMBER_TAKEN: { status: 409, zh: '发票号码 {no} 已登记在发票 {number} 上', en: 'Tax invoice number {no} is already recorded on invoice {number}' },
});
export type InvoiceErrorCode = Parameters<typeof invoiceError>[0];
