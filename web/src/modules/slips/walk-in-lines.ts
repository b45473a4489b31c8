import { formatPrice } from '../../../../src/platform/money.ts';

// The lines of the counter's 门市开单 and what a product picked (or scanned) on one does to them, apart
// from the page so it can be tested: a product on the empty line that is already listed adds to its
// line (a second case scanned: 48 瓶, not another line of 24) and the empty line stays for the next scan;
// a line that had a product and is changed to one already listed keeps the user's choice (two lines of
// one product, never a line that vanishes into the other); the last line filled opens a new empty one.

export type WalkInLine<P> = { key: number; product: P | null; quantity: number; price: string };

let seq = 0;
export const blankLine = <P,>(): WalkInLine<P> => ({ key: ++seq, product: null, quantity: 1, price: '' });

/** The lines after `product` is picked on line `key` (`quantity` of it: one case for a case barcode), and the line to put the cursor in. */
export function placeProduct<P extends { id: number; listPrice: number }>(
  rows: WalkInLine<P>[],
  key: number,
  product: P | null,
  quantity: number,
): { rows: WalkInLine<P>[]; focusKey: number | null } {
  const wasEmpty = !rows.find((r) => r.key === key)?.product;
  const same = product && wasEmpty ? rows.find((r) => r.key !== key && r.product?.id === product.id) : undefined;
  if (same) {
    const b = blankLine<P>();
    return { rows: rows.map((r) => (r.key === same.key ? { ...r, quantity: r.quantity + quantity } : r.key === key ? b : r)), focusKey: b.key };
  }
  const next = rows.map((r) => (r.key === key ? { ...r, product, quantity, price: product ? formatPrice(product.listPrice, false) : '' } : r));
  if (product && rows.at(-1)?.key === key) {
    const b = blankLine<P>();
    return { rows: [...next, b], focusKey: b.key };
  }
  return { rows: next, focusKey: null };
}
