import { sql } from 'kysely';
import type { Executor, Tx } from '../../db/database.ts';
import { prepared, type Params } from '../../db/prepared.ts';

export type ResetPeriod = 'never' | 'year' | 'month' | 'day';
export type NumberRule = { pattern: string; reset: ResetPeriod };

/** Default rules per document type; a company may change them (admin → 编号规则). */
export const defaultNumberRules: Record<string, NumberRule> = {
  customer: { pattern: 'KH{YYYY}{SEQ:6}', reset: 'year' },
  lead: { pattern: 'XS{YYYY}{MM}-{SEQ:5}', reset: 'month' },
  ownership_request: { pattern: 'GS{YYYY}{MM}-{SEQ:4}', reset: 'month' },
  sales_order: { pattern: 'DD-{YYYY}{MM}-{SEQ:6}', reset: 'month' },
  sales_slip: { pattern: 'XS-{YYYY}{MM}-{SEQ:6}', reset: 'month' },
  sales_order_change: { pattern: 'BG-{YYYY}{MM}-{SEQ:5}', reset: 'month' },
  sales_return: { pattern: 'TH-{YYYY}{MM}-{SEQ:5}', reset: 'month' },
  driver_reconciliation: { pattern: 'DZ-{YYYY}{MM}{DD}-{SEQ:3}', reset: 'day' },
  stock_inbound: { pattern: 'RK-{YYYY}{MM}-{SEQ:5}', reset: 'month' },
  stock_outbound: { pattern: 'CK-{YYYY}{MM}-{SEQ:5}', reset: 'month' },
  stock_transfer: { pattern: 'DB-{YYYY}{MM}-{SEQ:5}', reset: 'month' },
  stock_count: { pattern: 'PD-{YYYY}{MM}-{SEQ:4}', reset: 'month' },
  hold: { pattern: 'LH-{YYYY}{MM}-{SEQ:5}', reset: 'month' },
  purchase_request: { pattern: 'QG-{YYYY}{MM}-{SEQ:4}', reset: 'month' },
  invoice: { pattern: 'FP-{YYYY}{MM}-{SEQ:5}', reset: 'month' },
  receipt: { pattern: 'SK-{YYYY}{MM}-{SEQ:5}', reset: 'month' },
  customer_statement: { pattern: 'DZD-{YYYY}{MM}-{SEQ:4}', reset: 'month' },
};

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

/** Renders a pattern: {YYYY} {YY} {MM} {DD} {SEQ:n} (zero-padded to n digits). */
export function renderNumber(pattern: string, date: string, seq: number): string {
  return pattern
    .replace(/\{YYYY\}/g, date.slice(0, 4))
    .replace(/\{YY\}/g, date.slice(2, 4))
    .replace(/\{MM\}/g, date.slice(5, 7))
    .replace(/\{DD\}/g, date.slice(8, 10))
    .replace(/\{SEQ(?::(\d+))?\}/g, (_, width?: string) => String(seq).padStart(Number(width ?? 1), '0'));
}

export function isValidPattern(pattern: string): boolean {
  return /\{SEQ(?::\d+)?\}/.test(pattern) && !/\{(?!YYYY\}|YY\}|MM\}|DD\}|SEQ(?::\d+)?\})/.test(pattern);
}

export async function ruleFor(db: Executor, companyId: number, docType: string): Promise<NumberRule> {
  const row = await db.selectFrom('numberRules').select(['pattern', 'reset']).where('companyId', '=', companyId).where('docType', '=', docType).executeTakeFirst();
  return row ? { pattern: row.pattern, reset: row.reset as ResetPeriod } : defaultRule(docType);
}

function defaultRule(docType: string): NumberRule {
  const def = defaultNumberRules[docType];
  if (!def) throw new Error(`no numbering rule for ${docType}`);
  return def;
}

/**
 * The counter of a document type and period bumped by `count`, created at the first number: one upsert,
 * which also reads the company's rule (its reset decides the period: never '-', year 'YYYY', month
 * 'YYYY-MM', day the date) and hands back its pattern (null: the default rule). Every submit numbers its
 * document, so this is one statement (compiled once, src/db/prepared.ts) rather than a read and a write.
 */
const bumpCounter = prepared((db, p: Params<{ companyId: number; docType: string; date: string; defaultReset: string; count: number }>) => {
  const rule = (column: 'reset' | 'pattern') => sql`(select ${sql.ref(column)} from number_rules where company_id = ${p.companyId} and doc_type = ${p.docType})`;
  const date = sql`cast(${p.date} as text)`;
  return {
    compile: () =>
      sql<{ lastValue: number | string; pattern: string | null }>`insert into number_sequences (company_id, doc_type, period, last_value)
        select cast(${p.companyId} as integer), cast(${p.docType} as text),
          case coalesce(${rule('reset')}, cast(${p.defaultReset} as text)) when 'never' then '-' when 'year' then substr(${date}, 1, 4) when 'month' then substr(${date}, 1, 7) else ${date} end,
          cast(${p.count} as integer)
        where true
        on conflict (company_id, doc_type, period) do update set last_value = number_sequences.last_value + excluded.last_value
        returning last_value, ${rule('pattern')} as pattern`.compile(db),
  };
});

/**
 * The next number for a document, inside the caller's transaction: the counter row is bumped with
 * an atomic upsert (INSERT … ON CONFLICT DO UPDATE … RETURNING), so a rolled-back submit gives its number back (gap-free) and two
 * concurrent submits never share one (the row lock serialises them on PostgreSQL; SQLite's write
 * lock does the same).
 */
export async function nextNumber(tx: Tx, companyId: number, docType: string, date: string): Promise<string> {
  return (await nextNumbers(tx, companyId, docType, date, 1))[0];
}

/**
 * `count` consecutive numbers in one counter bump (for batch imports), inside the caller's
 * transaction: gap-free and unique like nextNumber, but one UPDATE for the whole batch.
 */
export async function nextNumbers(tx: Tx, companyId: number, docType: string, date: string, count: number): Promise<string[]> {
  if (count <= 0) return [];
  const def = defaultRule(docType);
  const row = (await bumpCounter(tx, { companyId, docType, date, defaultReset: def.reset, count })).rows[0]!;
  const last = Number(row.lastValue);
  const pattern = row.pattern ?? def.pattern;
  return Array.from({ length: count }, (_, i) => renderNumber(pattern, date, last - count + 1 + i));
}
