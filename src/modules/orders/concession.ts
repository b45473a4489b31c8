import { lineAmounts } from '../../platform/money.ts';

// 让价: how far an order comes under the price list. Each line keeps the price-list price it was entered
// against (the customer's price for the order type, else the product's list price; tax-inclusive, as price
// lists are), and a line whose amount with tax is less than that price × its quantity is under the list
// by the difference. The rule book has finance check 产品的价格与折扣是否正确: an order under the list goes
// to finance review (flow.ts reviewsFor, company setting orders.concessionReview).

type PricedLine = { quantity: number; unitPrice: number; discountBp: number; taxRateBp: number; amount: number; listPrice: number | null };

/** The line's 让价 in fen: 0 at or above its price-list price, and for lines entered before list prices were kept. */
export function lineConcession(l: PricedLine): number {
  if (l.listPrice == null) return 0;
  // at the list price or above, without a discount: never under (an ex-tax price only adds tax)
  if (l.discountBp === 0 && l.unitPrice >= l.listPrice) return 0;
  const standard = lineAmounts({ quantity: l.quantity, unitPrice: l.listPrice, discountBp: 0, taxRateBp: l.taxRateBp, priceIncludesTax: true }).amount;
  return Math.max(0, standard - l.amount);
}

/** The order's 让价: the sum of its lines'. */
export const orderConcession = (lines: readonly PricedLine[]): number => lines.reduce((s, l) => s + lineConcession(l), 0);
