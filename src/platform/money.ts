// Money is integer fen; unit prices are integer 0.0001 yuan (DESIGN.md). No floating point here.
export type Fen = number;

export const MAX_FEN = Number.MAX_SAFE_INTEGER; // 90 万亿元: far above any order we accept

export function assertFen(value: number): Fen {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer amount of fen: ${value}`);
  return value;
}

/**
 * What a person types for an amount of yuan → fen; exact (string arithmetic). Takes "12345.67", "-5",
 * full-width digits (１２３．４５, NFKC), thousands separators in their places ("1,234.00"), a ¥/￥
 * prefix or a trailing 元; rejects anything else and more than two decimals.
 */
export function parseYuan(text: string): Fen {
  const bare = text.normalize('NFKC').trim().replace(/^¥\s*/, '').replace(/\s*元$/, '');
  const m = /^(-)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(bare);
  if (!m) throw new RangeError(`not a yuan amount: ${text}`);
  const fen = Number(m[2].replaceAll(',', '')) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return assertFen(m[1] ? -fen : fen);
}

/** 1234567 → "12,345.67" (grouping optional). */
export function formatYuan(fen: Fen, grouping = true): string {
  assertFen(fen);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.trunc(abs / 100).toString();
  const cents = (abs % 100).toString().padStart(2, '0');
  return `${sign}${grouping ? groupThousands(yuan) : yuan}.${cents}`;
}

/** "1234567" → "1,234,567": the separators amounts and unit prices are shown with. */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const digits = '零壹贰叁肆伍陆柒捌玖';
const smallUnits = ['', '拾', '佰', '仟'];
const bigUnits = ['', '万', '亿', '万亿'];

/** Amount in Chinese capitals as printed on slips and invoices: 1234567 → 壹万贰仟叁佰肆拾伍元陆角柒分. */
export function toChineseCapitals(fen: Fen): string {
  assertFen(fen);
  if (fen === 0) return '零元整';
  const prefix = fen < 0 ? '负' : '';
  const abs = Math.abs(fen);
  const yuan = Math.trunc(abs / 100);
  const jiao = Math.trunc(abs / 10) % 10;
  const fenDigit = abs % 10;
  let text = yuan > 0 ? integerCapitals(yuan) + '元' : '';
  if (jiao === 0 && fenDigit === 0) return prefix + text + '整';
  if (jiao > 0) text += (yuan > 0 && yuan % 10 === 0 ? '零' : '') + digits[jiao] + '角';
  else if (yuan > 0) text += '零';
  if (fenDigit > 0) text += digits[fenDigit] + '分';
  else text += '整';
  return prefix + text;
}

function integerCapitals(n: number): string {
  const groups: number[] = [];
  while (n > 0) {
    groups.push(n % 10000);
    n = Math.trunc(n / 10000);
  }
  let out = '';
  let pendingZero = false;
  for (let g = groups.length - 1; g >= 0; g--) {
    const group = groups[g];
    if (group === 0) {
      pendingZero = out !== '';
      continue;
    }
    if (out !== '' && (pendingZero || group < 1000)) out += '零';
    out += groupCapitals(group) + bigUnits[g];
    pendingZero = false;
  }
  return out;
}

function groupCapitals(n: number): string {
  let out = '';
  let zero = false;
  for (let i = 3; i >= 0; i--) {
    const d = Math.trunc(n / 10 ** i) % 10;
    if (d === 0) {
      zero = out !== '';
      continue;
    }
    if (zero) out += '零';
    out += digits[d] + smallUnits[i];
    zero = false;
  }
  return out;
}

// ── Unit prices and line amounts ────────────────────────────────────────────────────────────
/** A unit price in 0.0001 yuan (DESIGN.md): 12.3456 元 → 123456. */
export type Price4 = number;

/** "12.3456" → 123456; exact, up to four decimals. */
export function parsePrice(text: string): Price4 {
  const m = /^(\d+)(?:\.(\d{1,4}))?$/.exec(text.trim());
  if (!m) throw new RangeError(`not a unit price: ${text}`);
  const value = Number(m[1]) * 10000 + Number((m[2] ?? '').padEnd(4, '0'));
  if (!Number.isSafeInteger(value)) throw new RangeError(`unit price out of range: ${text}`);
  return value;
}

/**
 * 123456 → "12.3456"; trailing zeros beyond two decimals dropped (12.5000 → "12.50"); thousands grouped as
 * amounts are (14990000 → "1,499.00"). Without grouping for what is typed back or exported (parsePrice, Excel).
 */
export function formatPrice(price: Price4, grouping = true): string {
  const yuan = Math.trunc(price / 10000).toString();
  const frac = (price % 10000).toString().padStart(4, '0').replace(/0{1,2}$/, '').padEnd(2, '0');
  return `${grouping ? groupThousands(yuan) : yuan}.${frac}`;
}

/** n / d rounded half-up (away from zero for halves), exact on bigints; d > 0. */
export function divRoundHalfUp(n: bigint, d: bigint): bigint {
  const sign = n < 0n ? -1n : 1n;
  const abs = n < 0n ? -n : n;
  return sign * ((abs * 2n + d) / (2n * d));
}

export type LineInput = { quantity: number; unitPrice: Price4; discountBp?: number; taxRateBp: number; priceIncludesTax: boolean };
export type LineAmounts = { amountExTax: Fen; taxAmount: Fen; amount: Fen };

/**
 * One line's amounts in fen, the rule of every sales document:
 * net = quantity × unit price × (1 − discount), rounded half-up to the fen;
 * tax-inclusive prices: amount = net, amount ex tax = net ÷ (1 + rate) rounded half-up, tax = the difference;
 * tax-exclusive prices: amount ex tax = net, tax = net × rate rounded half-up, amount = the sum.
 * Document totals are sums of the lines (never recomputed from the total).
 */
export function lineAmounts(line: LineInput): LineAmounts {
  const discount = BigInt(line.discountBp ?? 0);
  const rate = BigInt(line.taxRateBp);
  // price4 × qty is in 0.0001 yuan = 0.01 fen; × (10000 − discount bp) / 10000
  const net = divRoundHalfUp(BigInt(line.quantity) * BigInt(line.unitPrice) * (10000n - discount), 100n * 10000n);
  let exTax: bigint;
  let tax: bigint;
  if (line.priceIncludesTax) {
    exTax = divRoundHalfUp(net * 10000n, 10000n + rate);
    tax = net - exTax;
  } else {
    exTax = net;
    tax = divRoundHalfUp(net * rate, 10000n);
  }
  return { amountExTax: assertFen(Number(exTax)), taxAmount: assertFen(Number(tax)), amount: assertFen(Number(exTax + tax)) };
}

/** Sums of lines: the document's totals. */
export function sumLines(lines: readonly LineAmounts[]): LineAmounts {
  let amountExTax = 0;
  let taxAmount = 0;
  let amount = 0;
  for (const l of lines) {
    amountExTax += l.amountExTax;
    taxAmount += l.taxAmount;
    amount += l.amount;
  }
  return { amountExTax: assertFen(amountExTax), taxAmount: assertFen(taxAmount), amount: assertFen(amount) };
}
