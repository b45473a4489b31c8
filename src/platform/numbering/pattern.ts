// Number patterns (admin → 编号规则): pure functions, shared by the server and the web page's live example.

export type ResetPeriod = 'never' | 'year' | 'month' | 'day';
export type NumberRule = { pattern: string; reset: ResetPeriod };

/** The counter period of a date under a reset rule (the same mapping bumpCounter makes in SQL; numbering.test.ts holds them together). */
export function periodOf(reset: ResetPeriod, date: string): string {
  switch (reset) {
    case 'never':
      return '-';
    case 'year':
      return date.slice(0, 4);
    case 'month':
      return date.slice(0, 7);
    case 'day':
      return date;
  }
}

/** Renders a pattern: {YYYY} {YY} {MM} {DD} {SEQ:n} (zero-padded to n digits, never cut). */
export function renderNumber(pattern: string, date: string, seq: number): string {
  return pattern
    .replace(/\{YYYY\}/g, date.slice(0, 4))
    .replace(/\{YY\}/g, date.slice(2, 4))
    .replace(/\{MM\}/g, date.slice(5, 7))
    .replace(/\{DD\}/g, date.slice(8, 10))
    .replace(/\{SEQ(?::(\d+))?\}/g, (_, width?: string) => String(seq).padStart(Number(width ?? 1), '0'));
}

/** The widest {SEQ:n}: a trillion documents a period, and no padding a slip of the keyboard could make huge. */
export const MAX_SEQ_WIDTH = 12;

/** One running number {SEQ} or {SEQ:n} (n at most MAX_SEQ_WIDTH), and no token but {YYYY} {YY} {MM} {DD}. */
export function isValidPattern(pattern: string): boolean {
  const seqs = [...pattern.matchAll(/\{SEQ(?::(\d+))?\}/g)];
  return seqs.length === 1 && Number(seqs[0]![1] ?? 1) <= MAX_SEQ_WIDTH && !/\{(?!YYYY\}|YY\}|MM\}|DD\}|SEQ(?::\d+)?\})/.test(pattern);
}
