import { z, type ZodType } from 'zod';
import type { RegisteredRoute } from '../../src/server/route-registry.ts';

// Valid sample inputs made from a route's own zod schemas (through their JSON Schema), so that the
// whole-API tests reach the handler instead of stopping at validation. Every sample is checked
// with the schema itself; a schema this generator cannot satisfy is reported, not skipped.

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonSchema = Record<string, any>;

export function jsonSchemaOf(schema: ZodType | undefined): JsonSchema | null {
  if (!schema) return null;
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** Path parameter names that carry a record id (":id", ":customerId"…). */
export const isIdParam = (name: string) => name === 'id' || /Id$/.test(name);

export const pathParamNames = (url: string) => [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);

export function fillPath(url: string, params: Record<string, string | number>): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`no value for :${name} in ${url}`);
    return encodeURIComponent(String(v));
  });
}

const STRING_CANDIDATES = ['样例A1', 'abc', 'a1', 'A', 'sample_1', 'x@example.com', '2026-01-15', '13800138000', '1', 'customer'];

function sampleString(s: JsonSchema, key: string): string {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? 200;
  switch (s.format) {
    case 'date':
      return '2026-01-15';
    case 'date-time':
      return '2026-01-15T08:00:00.000Z';
    case 'email':
      return 'sample@example.com';
    case 'uuid':
      return '00000000-0000-4000-8000-000000000000';
    case 'time':
      return '08:00:00';
  }
  const re = s.pattern ? new RegExp(s.pattern, 'u') : null;
  const hinted = /phone|mobile|tel/i.test(key) ? ['13800138000', ...STRING_CANDIDATES] : STRING_CANDIDATES;
  for (const c of hinted) {
    const padded = c.length < min ? c + 'a'.repeat(min - c.length) : c;
    if (padded.length <= max && (!re || re.test(padded))) return padded;
  }
  return 'a'.repeat(Math.max(min, 1));
}

function sampleNumber(s: JsonSchema, key: string, ids: IdHints): number {
  if (key === 'version') return 1;
  if (isIdParam(key) || /Ids?$/.test(key)) return ids(key);
  let lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
  const hi = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : lo + 100);
  if (lo > hi) lo = hi;
  return s.type === 'integer' ? Math.ceil(lo) : lo;
}

/** Which id to put in a body or query field named `key` (e.g. roleId): by default one that exists nowhere. */
export type IdHints = (key: string) => number;
export const NO_SUCH_ID = 987654321;
const noHints: IdHints = () => NO_SUCH_ID;

/** A valid value for a JSON Schema: required object keys only, the first alternative of a union. */
export function sampleOf(s: JsonSchema | undefined, key = '', ids: IdHints = noHints, root: JsonSchema = s ?? {}, full = false): Json {
  if (!s || s === true as unknown) return 'a';
  if (s.$ref) {
    const name = String(s.$ref).replace(/^#\/(\$defs|definitions)\//, '');
    return sampleOf(root.$defs?.[name] ?? root.definitions?.[name], key, ids, root, full);
  }
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (s.default !== undefined && s.type !== 'object') return s.default;
  const alts = s.anyOf ?? s.oneOf;
  if (alts) {
    const nonNull = alts.filter((a: JsonSchema) => a.type !== 'null');
    return sampleOf(nonNull[0] ?? alts[0], key, ids, root, full);
  }
  if (s.allOf) return Object.assign({}, ...s.allOf.map((p: JsonSchema) => sampleOf(p, key, ids, root, full)));
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, Json> = {};
      for (const k of full ? Object.keys(s.properties ?? {}) : (s.required ?? [])) out[k] = sampleOf(s.properties?.[k], k, ids, root, full);
      return out;
    }
    case 'array': {
      const n = s.minItems ?? 0;
      return Array.from({ length: Math.max(n, 1) }, () => sampleOf(s.items, key.replace(/s$/, ''), ids, root, full)).slice(0, Math.max(n, 1));
    }
    case 'string':
      return sampleString(s, key);
    case 'integer':
    case 'number':
      return sampleNumber(s, key, ids);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return {};
  }
}

export type Samples = { body?: Json; query?: Record<string, string>; problems: string[] };

/** A valid body and query string for a route, checked against its own schemas. */
export function samplesFor(route: RegisteredRoute, ids: IdHints = noHints, bodyOverride?: Json): Samples {
  const problems: string[] = [];
  const out: Samples = { problems };
  if (route.schema.body) {
    // the required fields only; when a refinement wants more (e.g. phone or email), every field
    const js = jsonSchemaOf(route.schema.body)!;
    let body = bodyOverride ?? sampleOf(js, '', ids);
    if (bodyOverride === undefined && !route.schema.body.safeParse(body).success) body = sampleOf(js, '', ids, js, true);
    const ok = route.schema.body.safeParse(body);
    if (!ok.success) problems.push(`sample body for ${route.method} ${route.url} is invalid: ${ok.error.message}; give one in access-fixtures.ts sampleBodies`);
    out.body = body;
  } else if (route.method !== 'GET' && route.method !== 'DELETE') {
    out.body = {};
  }
  if (route.schema.querystring) {
    const q = sampleOf(jsonSchemaOf(route.schema.querystring)!, '', ids) as Record<string, Json>;
    const query = Object.fromEntries(Object.entries(q).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)]));
    const ok = route.schema.querystring.safeParse(query);
    if (!ok.success) problems.push(`sample query for ${route.method} ${route.url} is invalid: ${ok.error.message}`);
    out.query = query;
  }
  return out;
}

export const withQuery = (url: string, query?: Record<string, string>) =>
  query && Object.keys(query).length ? `${url}?${new URLSearchParams(query).toString()}` : url;
