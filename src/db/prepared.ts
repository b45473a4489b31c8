import { CompiledQuery, type Compilable, type QueryResult } from 'kysely';
import type { Executor } from './database.ts';

// Compiled query templates for hot paths (issue 4: order entry).
//
// Building a Kysely query costs far more than running it on SQLite (node freezing, the operation-node
// transformers, the CamelCase plugin: ~3.6× the statement itself, STACK-NOTES.md). A template is
// built and compiled ONCE per database (per dialect: `?` on SQLite, `$1` on PostgreSQL) with
// placeholder values, and each call binds fresh values to the same SQL:
//
//   const stockTake = prepared((db, p: Params<{ companyId: number; productId: number; q: number }>) =>
//     db.updateTable('stockLevels').set((eb) => ({ reserved: eb('reserved', '+', p.q) }))
//       .where('companyId', '=', p.companyId).where('productId', '=', p.productId));
//   const r = await stockTake(tx, { companyId, productId, q });     // a QueryResult, as db.executeQuery gives
//
// Rules (each checked where it can be):
// - Every value that varies between calls comes from `p`; anything else in the builder is frozen into
//   the template at its first use. `p.x` stands for args.x wherever Kysely takes a value (where,
//   set, values, sql`${p.x}`); inside a string (`${p.path}%`) it is replaced in that string.
// - An array argument gives a template per length: `p.lines[i].field` (objects) or `p.ids[i]` (scalars),
//   e.g. a multi-row insert; the element objects of one argument all have the keys of the first.
// - A plain-object argument (e.g. the SET of an update) gives a template per key set: `p.set.k`.
// - `variant` names what else the builder reads from the real arguments (a scope kind): one template each.
// - A value may be null but not undefined (Kysely would leave an undefined column out; a template
//   cannot): undefined throws.
// Results go through the database's plugins as with any Kysely query (CamelCase keys).

const MARK = '\u0000';

/** A placeholder: a value in the builder, a marker inside strings. */
class Param {
  constructor(readonly path: readonly (string | number)[]) {}
  [Symbol.toPrimitive](): string {
    return `${MARK}${this.path.join('.')}${MARK}`;
  }
}

type Scalar = string | number | bigint | boolean | null | Uint8Array;
/** What the builder sees for arguments A: the same shape, each value a placeholder of its type. */
export type Params<A> = { readonly [K in keyof A]: A[K] extends readonly (infer E)[] ? (E extends Scalar ? readonly E[] : readonly Params<E>[]) : A[K] extends Scalar ? A[K] : Params<A[K]> };

type Slot = { value: unknown } | { path: readonly (string | number)[] } | { text: string };
type Template = { sql: string; slots: Slot[] };

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

function placeholders(args: Record<string, unknown>): { params: Record<string, unknown>; shape: string } {
  const params: Record<string, unknown> = {};
  let shape = '';
  for (const [k, v] of Object.entries(args)) {
    if (Array.isArray(v)) {
      const first = v[0];
      if (isPlainObject(first)) {
        const keys = Object.keys(first);
        params[k] = v.map((_, i) => Object.fromEntries(keys.map((f) => [f, new Param([k, i, f])])));
        shape += `${k}[${v.length}]{${keys.join()}}`;
      } else {
        params[k] = v.map((_, i) => new Param([k, i]));
        shape += `${k}[${v.length}]`;
      }
    } else if (isPlainObject(v)) {
      const keys = Object.keys(v);
      params[k] = Object.fromEntries(keys.map((f) => [f, new Param([k, f])]));
      shape += `${k}{${keys.join()}}`;
    } else {
      params[k] = new Param([k]);
      shape += `${k},`;
    }
  }
  return { params, shape };
}

function shapeOf(args: Record<string, unknown>): string {
  let shape = '';
  for (const k in args) {
    const v = args[k];
    if (Array.isArray(v)) shape += isPlainObject(v[0]) ? `${k}[${v.length}]{${Object.keys(v[0]).join()}}` : `${k}[${v.length}]`;
    else if (isPlainObject(v)) shape += `${k}{${Object.keys(v).join()}}`;
    else shape += `${k},`;
  }
  return shape;
}

function lookup(args: Record<string, unknown>, path: readonly (string | number)[]): unknown {
  let v: unknown = args;
  for (const key of path) v = (v as Record<string | number, unknown>)[key];
  if (v === undefined) throw new TypeError(`prepared query: argument ${path.join('.')} is undefined (pass null)`);
  return v;
}

const MARKED = new RegExp(`${MARK}([^${MARK}]*)${MARK}`, 'g');

// The SQL texts of the templates, each with a statement name: on PostgreSQL the pool's clients run them
// as named prepared statements (database.ts), parsed and planned once per connection instead of at
// every call. There are as many as there are templates (a few hundred at most).
const statementNames = new Map<string, string>();

/** The prepared-statement name of a template's SQL, or undefined for any other SQL. */
export const statementName = (sqlText: string): string | undefined => statementNames.get(sqlText);

function compileTemplate(compiled: CompiledQuery): Template {
  const slots = compiled.parameters.map((v): Slot => {
    if (v instanceof Param) return { path: v.path };
    if (typeof v === 'string' && v.includes(MARK)) return { text: v };
    return { value: v };
  });
  if (compiled.sql.includes(MARK)) throw new Error('prepared query: a placeholder ended up in the SQL text (use it as a value)');
  if (!statementNames.has(compiled.sql)) statementNames.set(compiled.sql, `sd_${statementNames.size + 1}`);
  return { sql: compiled.sql, slots };
}

function bind(t: Template, args: Record<string, unknown>): unknown[] {
  const out = new Array<unknown>(t.slots.length);
  for (let i = 0; i < t.slots.length; i++) {
    const s = t.slots[i]!;
    if ('path' in s) out[i] = lookup(args, s.path);
    else if ('text' in s) out[i] = s.text.replace(MARKED, (_, p: string) => String(lookup(args, p.split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : x)))));
    else out[i] = s.value;
  }
  return out;
}

export type PreparedQuery<A, O> = (db: Executor, args: A) => Promise<QueryResult<O>>;

/**
 * A query built once per database and shape of its arguments, then run with fresh values
 * (rules at the top of this file). `variant(args)` names any further choice the builder makes from
 * the real arguments (given as its third parameter).
 */
export function prepared<A extends Record<string, unknown>, O>(
  build: (db: Executor, p: Params<A>, args: A) => Compilable<O>,
  variant?: (args: A) => string,
): PreparedQuery<A, O> {
  // per database (root handle and its transactions share the adapter object), per shape
  const cache = new WeakMap<object, Map<string, Template>>();
  return async (db, args) => {
    const executor = db.getExecutor();
    let byShape = cache.get(executor.adapter);
    if (!byShape) cache.set(executor.adapter, (byShape = new Map()));
    const key = variant ? `${variant(args)}|${shapeOf(args)}` : shapeOf(args);
    let t = byShape.get(key);
    if (!t) {
      const { params } = placeholders(args);
      t = compileTemplate(build(db, params as Params<A>, args).compile());
      byShape.set(key, t);
    }
    return db.executeQuery<O>(CompiledQuery.raw(t.sql, bind(t, args)));
  };
}
