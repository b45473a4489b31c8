// How a price typed by a person (drawer, price list, Excel cell) is read, shared by the server and the web
// (no zod here, so the web imports it cheaply). Prices are integers of 0.0001 yuan.

import { parsePrice } from '../../platform/money.ts';

/** The largest unit price accepted: ¥100,000,000.0000 */
export const MAX_PRICE = 1_000_000_000_000;

/** The VAT rates a product may carry (basis points): 13 %, 9 %, 6 %, 3 % (简易计税), 1 % (减按), 0 %. */
export const taxRates = [1300, 900, 600, 300, 100, 0] as const;
export const taxRatesText = '13%、9%、6%、3%、1% 或 0%';

/**
 * "128", "128.5", "¥1,280.00", "￥12,345.5", "１２８．５０", "128元" → 0.0001 yuan; null for empty text;
 * NaN for anything else (a negative, more than 4 decimals, a comma that is not a thousands separator:
 * "12,34" is a slip of the finger, not 1,234 yuan).
 */
export function readPrice(text: string | null | undefined): number | null {
  const t = (text ?? '').normalize('NFKC').replace(/[¥\s]|元$|^RMB/gi, '');
  if (t === '') return null;
  if (t.includes(',') && !/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(t)) return NaN;
  try {
    return parsePrice(t.replace(/,/g, ''));
  } catch {
    return NaN;
  }
}
