import { sql, type Kysely } from 'kysely';
import { isoNow } from '../../platform/time.ts';
import { normalizeUnitCode } from '../../platform/unit-code.ts';

// Box 箱码 and bottle 瓶码 codes stored before the one normaliser (src/platform/unit-code.ts) may be in
// lower case, full width or padded, so a new scan of the same unit (normalised) would not find them.
// This puts every stored code in the normalised form: unit_codes.code, and the JSON copies on inbound
// lines (stock_document_lines.box_codes) and return lines (sales_return_lines.codes).
//
// A clash — two codes of one company that become the same code (p001 beside P001, ｐ００１ beside
// p001) — is neither failed on nor merged: the unit_codes rows of that code are left as they are,
// their JSON copies too (so a copy still names the row it named), and each row left gets an audit
// entry (unit_code.normalize_clash, 系统) that an admin reads on the audit page. A JSON list that would
// hold one code twice is left and reported on its document the same way. Every change is audited
// on its row (unit_code) or document (stock_document, sales_return). docs/decisions.md "Unit codes
// stored before the normaliser".
//
// Tables are read in pages by id; changes are written by one UPDATE … FROM a derived table per 500
// rows (one connection, outside a transaction on SQLite: a statement per row would be an fsync each).
const PAGE = 5000;
const WRITE = 500;
const NOTE = '迁移：箱码/瓶码统一为半角、去首尾空格、大写 / Migration: code made half-width, trimmed, upper case';

type Audit = { company: number; action: string; entity: string; entityId: number; before?: unknown; after?: unknown; note: string };
type Change = { id: number; value: string };

export async function up(db: Kysely<any>): Promise<void> {
  const audits: Audit[] = [];
  const clashes = await unitCodes(db, audits);
  await jsonCopies(db, audits, clashes, { table: 'stock_document_lines', column: 'box_codes', parent: 'document_id', entity: 'stock_document', field: 'boxCodes' });
  await jsonCopies(db, audits, clashes, { table: 'sales_return_lines', column: 'codes', parent: 'return_id', entity: 'sales_return', field: 'codes' });
  await writeAudits(db, audits);
}

/** Normalises unit_codes.code where no clash; returns the clashing codes as company + normalised code keys. */
async function unitCodes(db: Kysely<any>, audits: Audit[]): Promise<Set<string>> {
  // single-word aliases: the rows read the same with or without a CamelCasePlugin
  const pending: { id: number; company: number; code: string; norm: string }[] = [];
  for (let after = 0; ; ) {
    const rows = (await sql<{ id: number; company: number; code: string }>`select id, company_id as company, code from unit_codes
      where id > ${after} order by id limit ${PAGE}`.execute(db)).rows;
    if (!rows.length) break;
    after = Number(rows[rows.length - 1]!.id);
    for (const r of rows) {
      const norm = normalizeUnitCode(r.code);
      if (norm !== r.code) pending.push({ id: Number(r.id), company: Number(r.company), code: r.code, norm });
    }
  }
  // who else holds each normalised code: other rows to normalise, or a row already in that form
  const holders = new Map<string, { id: number; code: string }[]>();
  for (const p of pending) push(holders, key(p.company, p.norm), { id: p.id, code: p.code });
  const byCompany = new Map<number, string[]>();
  for (const p of pending) push(byCompany, p.company, p.norm);
  for (const [company, norms] of byCompany) {
    const unique = [...new Set(norms)];
    for (let i = 0; i < unique.length; i += WRITE) {
      const part = unique.slice(i, i + WRITE);
      const rows = (await sql<{ id: number; code: string }>`select id, code from unit_codes
        where company_id = ${company} and code in (${sql.join(part)})`.execute(db)).rows;
      for (const r of rows) push(holders, key(company, r.code), { id: Number(r.id), code: r.code });
    }
  }
  const clashes = new Set<string>();
  const changes: Change[] = [];
  for (const p of pending) {
    const k = key(p.company, p.norm);
    const others = holders.get(k)!.filter((h) => h.id !== p.id);
    if (!p.norm || others.length) {
      clashes.add(k);
      const with_ = others.map((o) => `「${o.code}」(#${o.id})`).join('、');
      audits.push({
        company: p.company, action: 'unit_code.normalize_clash', entity: 'unit_code', entityId: p.id, before: { code: p.code },
        note: p.norm
          ? `箱码/瓶码「${p.code}」统一格式后为「${p.norm}」，与本账套的 ${with_} 重复，未改动，请核对实物后处理 / Code "${p.code}" becomes "${p.norm}", the same as ${others.map((o) => `"${o.code}" (#${o.id})`).join(', ')}; left unchanged for checking`
          : `箱码/瓶码「${p.code}」去掉空格后为空，未改动，请核对 / Code "${p.code}" is blank once trimmed; left unchanged for checking`,
      });
      continue;
    }
    changes.push({ id: p.id, value: p.norm });
    audits.push({ company: p.company, action: 'unit_code.update', entity: 'unit_code', entityId: p.id, before: { code: p.code }, after: { code: p.norm }, note: NOTE });
  }
  for (let i = 0; i < changes.length; i += WRITE) await write(db, 'unit_codes', 'code', changes.slice(i, i + WRITE), true);
  return clashes;
}

type JsonTable = { table: string; column: string; parent: string; entity: string; field: string };

/** Normalises a JSON list of codes on each line, leaving a clashing code as it is and a list that would repeat a code. */
async function jsonCopies(db: Kysely<any>, audits: Audit[], clashes: Set<string>, t: JsonTable): Promise<void> {
  for (let after = 0; ; ) {
    const rows = (await sql<{ id: number; company: number; parent: number; codes: string }>`select id, company_id as company, ${sql.ref(t.parent)} as parent,
      ${sql.ref(t.column)} as codes from ${sql.table(t.table)} where id > ${after} and ${sql.ref(t.column)} is not null order by id limit ${PAGE}`.execute(db)).rows;
    if (!rows.length) return;
    after = Number(rows[rows.length - 1]!.id);
    const changes: Change[] = [];
    for (const r of rows) {
      const list = parseList(r.codes);
      if (!list) continue;
      const company = Number(r.company);
      const next = list.map((c) => {
        const norm = normalizeUnitCode(c);
        return !norm || clashes.has(key(company, norm)) ? c : norm;
      });
      if (next.every((c, i) => c === list[i])) continue;
      const line = { lineId: Number(r.id) };
      if (new Set(next).size < new Set(list).size) {
        audits.push({
          company, action: `${t.entity}.normalize_clash`, entity: t.entity, entityId: Number(r.parent), before: { ...line, [t.field]: list },
          note: `行 #${r.id} 的箱码/瓶码统一格式后有重复（${list.join('、')}），未改动，请核对 / Line #${r.id}: its codes would repeat once normalised; left unchanged for checking`,
        });
        continue;
      }
      changes.push({ id: Number(r.id), value: JSON.stringify(next) });
      audits.push({ company, action: `${t.entity}.update`, entity: t.entity, entityId: Number(r.parent), before: { ...line, [t.field]: list }, after: { ...line, [t.field]: next }, note: NOTE });
    }
    for (let i = 0; i < changes.length; i += WRITE) await write(db, t.table, t.column, changes.slice(i, i + WRITE), false);
  }
}

function parseList(text: string): string[] | null {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) && v.every((c) => typeof c === 'string') ? v : null;
  } catch {
    return null;
  }
}

async function write(db: Kysely<any>, table: string, column: string, rows: Change[], touch: boolean): Promise<void> {
  // the new values as a derived table both dialects read (no VALUES column aliases on SQLite)
  const values = rows.map((r, i) =>
    i === 0 ? sql`select cast(${r.id} as bigint) as id, cast(${r.value} as text) as value` : sql`select cast(${r.id} as bigint), cast(${r.value} as text)`,
  );
  const set = touch ? sql`${sql.ref(column)} = v.value, updated_at = ${isoNow()}` : sql`${sql.ref(column)} = v.value`;
  await sql`update ${sql.table(table)} set ${set} from (${sql.join(values, sql` union all `)}) as v where ${sql.ref(`${table}.id`)} = v.id`.execute(db);
}

async function writeAudits(db: Kysely<any>, audits: Audit[]): Promise<void> {
  const at = isoNow();
  for (let i = 0; i < audits.length; i += WRITE) {
    await db.insertInto('audit_log').values(audits.slice(i, i + WRITE).map((a) => ({
      company_id: a.company, user_id: null, action: a.action, entity: a.entity, entity_id: a.entityId,
      before: a.before === undefined ? null : JSON.stringify(a.before), after: a.after === undefined ? null : JSON.stringify(a.after),
      note: a.note, request_id: null, at,
    }))).execute();
  }
}

const key = (company: number, code: string) => `${company}\u0000${code}`;

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
