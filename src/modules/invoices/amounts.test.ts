import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineAmounts, sumLines } from '../../platform/money.ts';
import { convertPrice, invoiceLineFor, redLineFor, remainingOf, type SlipLineBasis } from './amounts.ts';

// The invoice amount rules (amounts.ts) as properties over many random lines: a slip line invoiced
// in any number of parts adds up to exactly its amounts; every part follows the line rule; a full
// red-letter reversal of any partly reversed line nets it to zero.

const slipLine = fc.record({
  quantity: fc.integer({ min: 1, max: 10_000 }),
  unitPrice: fc.integer({ min: 0, max: 500_000_000 }),
  discountBp: fc.integer({ min: 0, max: 5000 }),
  taxRateBp: fc.constantFrom(0, 300, 600, 900, 1300),
  includesTax: fc.boolean(),
});

function basisOf(l: { quantity: number; unitPrice: number; discountBp: number; taxRateBp: number; includesTax: boolean }): SlipLineBasis {
  const a = lineAmounts({ quantity: l.quantity, unitPrice: l.unitPrice, discountBp: l.discountBp, taxRateBp: l.taxRateBp, priceIncludesTax: l.includesTax });
  return { quantity: l.quantity, returnedQuantity: 0, unitPrice: l.unitPrice, discountBp: l.discountBp, taxRateBp: l.taxRateBp, ...a, returnedAmount: 0, drawnQuantity: 0, drawnExTax: 0, drawnTax: 0, drawnAmount: 0 };
}

describe('invoice line amounts', () => {
  it('parts of a slip line, in its own entry mode, add up to exactly the line; each part but the last by the line rule', () => {
    fc.assert(
      fc.property(slipLine, fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 6 }), (l, cuts) => {
        const line = basisOf(l);
        const parts = [];
        for (const c of cuts) {
          const rest = remainingOf(line, l.includesTax);
          if (rest.quantity === 0) break;
          const q = Math.max(1, Math.min(rest.quantity, Math.floor((rest.quantity * c) / 100)));
          const part = invoiceLineFor(line, q, l.includesTax, l.includesTax);
          if (q < rest.quantity) expect(part).toMatchObject(lineAmounts({ quantity: q, unitPrice: l.unitPrice, discountBp: l.discountBp, taxRateBp: l.taxRateBp, priceIncludesTax: l.includesTax }));
          expect(part.amountExTax + part.taxAmount).toBe(part.amount);
          parts.push(part);
          line.drawnQuantity += q;
          line.drawnExTax += part.amountExTax;
          line.drawnTax += part.taxAmount;
          line.drawnAmount += part.amount;
        }
        const rest = remainingOf(line, l.includesTax);
        if (rest.quantity > 0) parts.push(invoiceLineFor(line, rest.quantity, l.includesTax, l.includesTax));
        const total = sumLines(parts);
        expect(total).toEqual({ amountExTax: line.amountExTax, taxAmount: line.taxAmount, amount: line.amount });
      }),
      { numRuns: 500 },
    );
  });

  it('in the other entry mode: a part by the converted price and the line rule; the whole line exactly what it is (the rounding stated in amounts.ts)', () => {
    fc.assert(
      fc.property(slipLine, fc.integer({ min: 1, max: 10_000 }), (l, q0) => {
        const line = basisOf(l);
        const q = Math.min(q0, l.quantity);
        const part = invoiceLineFor(line, q, l.includesTax, !l.includesTax);
        const price = convertPrice(l.unitPrice, l.taxRateBp, l.includesTax, !l.includesTax);
        const whole = { amountExTax: line.amountExTax, taxAmount: line.taxAmount, amount: line.amount };
        expect(part).toEqual({ unitPrice: price, ...(q === l.quantity ? whole : lineAmounts({ quantity: q, unitPrice: price, discountBp: l.discountBp, taxRateBp: l.taxRateBp, priceIncludesTax: !l.includesTax })) });
      }),
      { numRuns: 500 },
    );
  });

  it('a red-letter invoice of what is left of a partly reversed line nets it to zero', () => {
    fc.assert(
      fc.property(slipLine, fc.integer({ min: 0, max: 100 }), (l, pct) => {
        const blue = { ...basisOf(l) };
        const first = Math.floor((blue.quantity * pct) / 100);
        const credited = { quantity: 0, amountExTax: 0, taxAmount: 0, amount: 0 };
        if (first > 0 && first < blue.quantity) {
          const r = redLineFor(blue, credited, first, l.includesTax);
          credited.quantity = first;
          credited.amountExTax = r.amountExTax;
          credited.taxAmount = r.taxAmount;
          credited.amount = r.amount;
        }
        const rest = redLineFor(blue, credited, blue.quantity - credited.quantity, l.includesTax);
        expect(credited.amount + rest.amount).toBe(blue.amount);
        expect(credited.taxAmount + rest.taxAmount).toBe(blue.taxAmount);
        expect(credited.amountExTax + rest.amountExTax).toBe(blue.amountExTax);
      }),
      { numRuns: 500 },
    );
  });

  it('the invoice tax is the sum of line taxes and may differ from total × rate by the lines’ rounding (stated rule)', () => {
    // three lines of 1 × 0.05 元 at 13 %: each line's tax is 0.01 元 (0.0065 rounded), 0.03 in all,
    // while 0.15 元 × 13 % = 0.0195 → 0.02 元 — the documented difference of per-line rounding
    const line = lineAmounts({ quantity: 1, unitPrice: 500, taxRateBp: 1300, priceIncludesTax: false });
    expect(line.taxAmount).toBe(1);
    const total = sumLines([line, line, line]);
    expect(total.taxAmount).toBe(3);
    expect(Math.round((total.amountExTax * 1300) / 10000)).toBe(2);
  });
});
