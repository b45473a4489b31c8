import { sql, type RawBuilder } from 'kysely';
import type { Executor, Tx } from '../../db/database.ts';
import { prepared, type Params } from '../../db/prepared.ts';
import { renderNumber, type NumberRule, type ResetPeriod } from './pattern.ts';

export { isValidPattern, MAX_SEQ_WIDTH, periodOf, renderNumber, type NumberRule, type ResetPeriod } from './pattern.ts';

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
  const rule = (column: 'reset' | 'pattern') => ruleSql(column, p.companyId, p.docType);
  return {
    compile: () =>
      sql<{ lastValue: number | string; pattern: string | null }>`insert into number_sequences (company_id, doc_type, period, last_value)
        select cast(${p.companyId} as integer), cast(${p.docType} as text), ${periodSql(sql`coalesce(${rule('reset')}, cast(${p.defaultReset} as text))`, sql`cast(${p.date} as text)`)},
          cast(${p.count} as integer)
        where true
        on conflict (company_id, doc_type, period) do update set last_value = number_sequences.last_value + excluded.last_value
        returning last_value, ${rule('pattern')} as pattern`.compile(db),
  };
});

/** A column of the company's own rule for a document type, in SQL (null: none, the default rule applies). */
const ruleSql = (column: 'reset' | 'pattern', companyId: unknown, docType: unknown) =>
  sql`(select ${sql.ref(column)} from number_rules where company_id = ${companyId} and doc_type = ${docType})`;

/** The counter period of a date under a reset rule, in SQL: periodOf's mapping. */
const periodSql = (reset: RawBuilder<unknown>, date: RawBuilder<unknown>) =>
  sql`case ${reset} when 'never' then '-' when 'year' then substr(${date}, 1, 4) when 'month' then substr(${date}, 1, 7) else ${date} end`;

/**
 * PostgreSQL only: the next number of a document as three CTEs, for a statement that writes the number
 * where it goes in the same round trip (an order's submit, src/modules/orders/submit-write.ts):
 * `numbering_rule` (the company's rule, else the default), `numbering_seq` (the counter bumped by one,
 * as bumpCounter does) and `numbering` (one row: `number`, rendered as renderNumber does — its pattern
 * has one {SEQ}, isValidPattern). numbering.test.ts holds the two renderings together. `docType` is
 * fixed where it is used (a template per call site); `p`'s values are the statement's parameters.
 */
export function numberingCtes(docType: string, p: { companyId: number; date: string }) {
  const def = defaultRule(docType);
  const company = sql`cast(${p.companyId} as integer)`;
  const type = sql`cast(${docType} as text)`;
  const date = sql`cast(${p.date} as text)`;
  const rule = (column: 'reset' | 'pattern', fallback: string) => sql`coalesce(${ruleSql(column, company, type)}, cast(${fallback} as text))`;
  // {YYYY} {YY} {MM} {DD} replaced, then the one {SEQ} or {SEQ:n}: what precedes it, its width and what follows it
  const dated = sql`replace(replace(replace(replace(r.pattern, '{YYYY}', substr(${date}, 1, 4)), '{YY}', substr(${date}, 3, 2)), '{MM}', substr(${date}, 6, 2)), '{DD}', substr(${date}, 9, 2))`;
  return sql`numbering_rule as (select ${rule('pattern', def.pattern)} as pattern, ${rule('reset', def.reset)} as reset),
    numbering_seq as (
      insert into number_sequences (company_id, doc_type, period, last_value)
      select ${company}, ${type}, ${periodSql(sql`numbering_rule.reset`, date)}, 1 from numbering_rule
      on conflict (company_id, doc_type, period) do update set last_value = number_sequences.last_value + 1
      returning last_value),
    numbering as (
      select left(t, i - 1) || case when length(v) >= w then v else lpad(v, w, '0') end || substr(tail, strpos(tail, '}') + 1) as number
      from (select t, i, tail, v, case when left(tail, 1) = ':' then cast(substr(tail, 2, strpos(tail, '}') - 2) as integer) else 1 end as w
        from (select t, strpos(t, '{SEQ') as i, substr(t, strpos(t, '{SEQ') + 4) as tail, v
          from (select ${dated} as t, cast(s.last_value as text) as v from numbering_rule r, numbering_seq s) dated) split) sized)`;
}

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
