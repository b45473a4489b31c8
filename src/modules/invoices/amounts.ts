import { divRoundHalfUp, lineAmounts, type LineAmounts, type Price4 } from '../../platform/money.ts';

/*
 * How an invoice's amounts are computed — the rounding-difference rule 尾差规则:
 *
 * 1. Every invoice line is computed on its own by the one line rule of the system (lineAmounts):
 *    含税单价 (price-inclusive entry): 价税合计 = quantity × price, 金额 = 价税合计 ÷ (1 + rate) rounded
 *    half-up to the fen, 税额 = the difference;
 *    不含税单价 (price-exclusive entry): 金额 = quantity × price, 税额 = 金额 × rate rounded half-up,
 *    价税合计 = the sum.
 * 2. The invoice's totals are the SUMS of its lines (金额合计, 税额合计, 价税合计). The invoice's
 *    total tax is therefore NOT recomputed from the total: it may differ from 金额合计 × rate by the
 *    rounding of the lines (at most half a fen per line). This is what the tax software does too.
 * 3. A slip line invoiced all of what is left of it at once gets exactly what is left (its amounts
 *    minus what earlier invoices drew) — in either entry mode — so a slip invoiced bit by bit adds up
 *    to exactly its own amount, and the last piece takes the rounding 尾差. A part of a line is
 *    computed by the line rule.
 * 4. An invoice entered in the other mode than its slip converts the unit price (half-up to
 *    0.0001 yuan) and computes a part of a line by the line rule; it may not draw more than the slip
 *    line has left. (Converting the price can move a whole line by a fen; rule 3 keeps it exact.)
 * 5. A red-letter invoice takes back lines by the same rules (all of what is open of a line →
 *    exactly that), so a full red-letter invoice nets the original to zero.
 */

/** A slip line's invoiceable basis (net of returns) and what invoices have drawn from it. */
export type SlipLineBasis = {
  quantity: number;
  returnedQuantity: number;
  unitPrice: Price4;
  discountBp: number;
  taxRateBp: number;
  amountExTax: number;
  taxAmount: number;
  amount: number;
  returnedAmount: number;
  drawnQuantity: number;
  drawnExTax: number;
  drawnTax: number;
  drawnAmount: number;
};

/** What is left to invoice of a slip line: quantity and the three amounts. */
export function remainingOf(line: SlipLineBasis, slipIncludesTax: boolean): { quantity: number } & LineAmounts {
  const keptQuantity = line.quantity - line.returnedQuantity;
  let basis: LineAmounts;
  if (line.returnedAmount === 0) {
    basis = { amountExTax: line.amountExTax, taxAmount: line.taxAmount, amount: line.amount };
  } else {
    // after a return the slip keeps amount − returned; split it as the slip's entry mode would
    const amount = line.amount - line.returnedAmount;
    const exTax = slipIncludesTax
      ? Number(divRoundHalfUp(BigInt(amount) * 10000n, 10000n + BigInt(line.taxRateBp)))
      : lineAmounts({ quantity: keptQuantity, unitPrice: line.unitPrice, discountBp: line.discountBp, taxRateBp: line.taxRateBp, priceIncludesTax: false }).amountExTax;
    basis = { amountExTax: exTax, taxAmount: amount - exTax, amount };
  }
  return {
    quantity: keptQuantity - line.drawnQuantity,
    amountExTax: basis.amountExTax - line.drawnExTax,
    taxAmount: basis.taxAmount - line.drawnTax,
    amount: basis.amount - line.drawnAmount,
  };
}

/** A unit price moved between entry modes, half-up to 0.0001 yuan. */
export function convertPrice(price: Price4, taxRateBp: number, fromIncludesTax: boolean, toIncludesTax: boolean): Price4 {
  if (fromIncludesTax === toIncludesTax) return price;
  const rate = 10000n + BigInt(taxRateBp);
  return fromIncludesTax ? Number(divRoundHalfUp(BigInt(price) * 10000n, rate)) : Number(divRoundHalfUp(BigInt(price) * rate, 10000n));
}

/** The invoice line for `quantity` of a slip line (rules 3 and 4 above). */
export function invoiceLineFor(line: SlipLineBasis, quantity: number, slipIncludesTax: boolean, invoiceIncludesTax: boolean): { unitPrice: Price4 } & LineAmounts {
  const unitPrice = convertPrice(line.unitPrice, line.taxRateBp, slipIncludesTax, invoiceIncludesTax);
  const rest = remainingOf(line, slipIncludesTax);
  if (quantity === rest.quantity) {
    return { unitPrice, amountExTax: rest.amountExTax, taxAmount: rest.taxAmount, amount: rest.amount };
  }
  return { unitPrice, ...lineAmounts({ quantity, unitPrice, discountBp: line.discountBp, taxRateBp: line.taxRateBp, priceIncludesTax: invoiceIncludesTax }) };
}

/** The (positive) amounts a red-letter line takes back from a blue line (rule 5). */
export function redLineFor(
  blue: { quantity: number; unitPrice: Price4; discountBp: number; taxRateBp: number; amountExTax: number; taxAmount: number; amount: number },
  credited: { quantity: number } & LineAmounts,
  quantity: number,
  includesTax: boolean,
): LineAmounts {
  if (quantity === blue.quantity - credited.quantity) {
    return { amountExTax: blue.amountExTax - credited.amountExTax, taxAmount: blue.taxAmount - credited.taxAmount, amount: blue.amount - credited.amount };
  }
  return lineAmounts({ quantity, unitPrice: blue.unitPrice, discountBp: blue.discountBp, taxRateBp: blue.taxRateBp, priceIncludesTax: includesTax });
}
