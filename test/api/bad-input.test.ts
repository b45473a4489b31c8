import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegisteredRoute } from '../../src/server/route-registry.ts';
import { createTestApp, type Reply } from '../fixtures/app.ts';
import { buildWorld, companyFixtures, ownerMark, recordFixtures, sampleBodies, type Params, type World, type WorldUser } from './access-fixtures.ts';
import { fillPath, isIdParam, jsonSchemaOf, NO_SUCH_ID, pathParamNames, sampleOf, samplesFor } from './access-matrix-samples.ts';

// Bad input, property-generated from each route's own schemas: random and mutated bodies, invalid
// ids and query strings, sent as the company administrator (every permission) with the CSRF token.
// No input may produce a 5xx, and every error must leave as { error: { code, message, requestId } }.

const RUNS = 25; // per route and kind of input; seeded, so a failure replays
const SEED = 20261122;

const t = await createTestApp();
let w: World;
let admin: WorldUser;
beforeAll(async () => {
  w = await buildWorld(t);
  admin = w.users.admin!;
}, 120_000);
afterAll(() => t.close());

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const key = (r: RegisteredRoute) => `${r.method} ${r.url}`;

const deep = (depth: number, leaf: unknown = 1): unknown => {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

const HUGE = 'x'.repeat(100_000);
const nastyStrings = ['', ' ', 'NaN', 'Infinity', '-1', '0', '1e30', 'abc', '1;drop table customers', "' or 1=1 --", '<script>alert(1)</script>', '\u0000', '\ud800', '𠀀𠮷', '١٢٣', '＝SUM(A1)', '%00', '../../etc/passwd', 'true', 'null', '[]', '{}'];

/** A value of the wrong kind, out of range or absurd. */
const weird: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.constantFrom(-1, 0, -0, 1.5, 1e30, -1e30, 2 ** 53, Number.MAX_VALUE, Number.MIN_VALUE),
  fc.double({ noNaN: false }),
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.constantFrom(...nastyStrings),
  fc.constant(HUGE),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
  fc.constant(deep(60)),
);

/** Key paths a body may have: every property of its JSON Schema (two levels deep) and of the sample. */
function bodyPaths(route: RegisteredRoute, sample: unknown): string[][] {
  const paths: string[][] = [];
  const walk = (s: any, prefix: string[], depth: number) => {
    if (!s || depth > 2) return;
    const alt = s.anyOf?.find((a: any) => a.type === 'object') ?? s;
    for (const [k, sub] of Object.entries<any>(alt.properties ?? {})) {
      paths.push([...prefix, k]);
      walk(sub.items ? sub.items : sub, sub.items ? [...prefix, k, '0'] : [...prefix, k], depth + 1);
    }
  };
  walk(jsonSchemaOf(route.schema.body), [], 0);
  if (sample && typeof sample === 'object') for (const k of Object.keys(sample)) if (!paths.some((p) => p.length === 1 && p[0] === k)) paths.push([k]);
  return paths.length ? paths : [['x']];
}

function mutate(sample: unknown, path: string[], op: 'set' | 'delete' | 'extra', value: unknown): unknown {
  const copy = structuredClone(sample ?? {}) as Record<string, unknown>;
  if (typeof copy !== 'object' || copy === null) return { [path[0]!]: value };
  let node: any = copy;
  for (const p of path.slice(0, -1)) {
    if (node[p] === null || typeof node[p] !== 'object') node[p] = /^\d+$/.test(p) ? [] : {};
    node = node[p];
  }
  const last = path[path.length - 1]!;
  if (op === 'delete') delete node[last];
  else if (op === 'extra') node[`${last}_extra`] = value;
  else node[last] = value;
  return copy;
}

function bodyArb(route: RegisteredRoute, sample: unknown): fc.Arbitrary<unknown> {
  const paths = bodyPaths(route, sample);
  const mutated = fc
    .record({ path: fc.constantFrom(...paths), op: fc.constantFrom('set' as const, 'set' as const, 'delete' as const, 'extra' as const), value: weird })
    .map(({ path, op, value }) => mutate(sample, path, op, value));
  const multi = fc
    .array(fc.record({ path: fc.constantFrom(...paths), value: weird }), { minLength: 2, maxLength: 5 })
    .map((edits) => edits.reduce((b, e) => mutate(b, e.path, 'set', e.value), sample));
  return fc.oneof(
    { arbitrary: mutated, weight: 4 },
    { arbitrary: multi, weight: 2 },
    { arbitrary: fc.jsonValue({ maxDepth: 4 }), weight: 2 },
    { arbitrary: weird, weight: 1 },
    { arbitrary: fc.constant([sample]), weight: 1 },
    { arbitrary: fc.constant(deep(3000)), weight: 1 },
  );
}

const badIds = fc.oneof(
  fc.constantFrom('0', '-1', '1e30', '1.5', 'abc', '1;drop table customers', "1' or '1'='1", 'NaN', '9'.repeat(40), 'x'.repeat(5000), '%00', '١', ' 1', '0x10', '-0', String(2 ** 53 + 2)),
  fc.string({ minLength: 1, maxLength: 30 }).filter((s) => !/^\d+$/.test(s)),
  fc.integer({ max: 0 }).map(String),
);

/** Percent-encoding that also carries lone surrogates, as the invalid UTF-8 bytes a broken client would send. */
const enc = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return `${encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '\ufffd'))}%ED%A0%80`;
  }
};

function queryKeys(route: RegisteredRoute): string[] {
  const s = jsonSchemaOf(route.schema.querystring);
  return Object.keys(s?.properties ?? {});
}

const badQueryValue = fc.oneof(fc.constantFrom(...nastyStrings, '1e30', '-5', '0', '99999999999999999999', '2026-13-45', 'x'.repeat(5000)), fc.string({ maxLength: 40 }), fc.integer().map(String));

function queryArb(keys: string[]): fc.Arbitrary<string> {
  const pair = fc.tuple(fc.oneof({ arbitrary: fc.constantFrom(...keys), weight: 5 }, { arbitrary: fc.string({ maxLength: 10 }), weight: 1 }), badQueryValue);
  return fc.array(pair, { minLength: 1, maxLength: 6 }).map((pairs) => pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&'));
}

/** Ids of a record the administrator may work on, for the routes' path parameters. */
async function goodParams(route: RegisteredRoute): Promise<Params> {
  const names = pathParamNames(route.url);
  const sample = (route.schema.params ? sampleOf(jsonSchemaOf(route.schema.params)!, '', w.idHint) : {}) as Params;
  let ids: Params = {};
  const match = (table: Record<string, unknown>) =>
    Object.keys(table).filter((p) => route.url === p || route.url.startsWith(p + '/')).sort((x, y) => y.length - x.length)[0];
  const rec = match(recordFixtures);
  const comp = match(companyFixtures);
  if (names.some(isIdParam)) {
    if (rec) ids = await recordFixtures[rec]!.create(w, w.users.rep1a!, ownerMark('rep1a'));
    else if (comp) ids = await companyFixtures[comp]!.inCompany(w);
  }
  return Object.fromEntries(names.map((n) => [n, ids[n] ?? sample[n] ?? (isIdParam(n) ? NO_SUCH_ID : 'a')]));
}

const failuresOf = (route: RegisteredRoute, what: string, r: Reply) => {
  const problems: string[] = [];
  if (r.status >= 500) problems.push(`${r.status}`);
  if (r.status >= 400) {
    const e = (r.body as { error?: Record<string, unknown> } | null)?.error;
    if (!e || typeof e.code !== 'string' || typeof e.message !== 'string' || typeof e.requestId !== 'string' || !e.message) problems.push('error body not shaped { error: { code, message, requestId } }');
  }
  return problems.length ? `${key(route)} ${what} → ${r.status} ${problems.join('; ')}: ${JSON.stringify(r.body).slice(0, 300)}` : null;
};

async function send(route: RegisteredRoute, url: string, body: unknown): Promise<Reply> {
  const c = await w.client(admin);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const r = await c.request(route.method, url, payload, payload === undefined ? {} : { 'content-type': 'application/json' });
  // a write that succeeded may have ended or moved the administrator's session (logout, company switch)
  if (WRITE.has(route.method) && r.status < 300) {
    await w.revive(admin);
    const me = await (await w.client(admin)).get('/api/auth/me');
    if (me.body.company?.id !== w.a.id) await (await w.client(admin)).post('/api/auth/company', { companyId: w.a.id });
  }
  return r;
}

const short = (v: unknown) => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 200 ? `${s.slice(0, 200)}…(${s.length} chars)` : s;
};

describe('bad input never breaks the API', () => {
  for (const route of t.routes) {
    it(`${key(route)}`, async () => {
      const failures: string[] = [];
      const params = await goodParams(route);
      const base = fillPath(route.url, params);
      const sample = samplesFor(route, w.idHint).body;

      if (WRITE.has(route.method) && route.method !== 'DELETE') {
        await fc.assert(
          fc.asyncProperty(bodyArb(route, sample), async (body) => {
            const r = await send(route, base, body);
            const f = failuresOf(route, `body ${short(body)}`, r);
            if (f) failures.push(f);
          }),
          { numRuns: RUNS, seed: SEED },
        );
      }

      const idNames = pathParamNames(route.url).filter(isIdParam);
      if (idNames.length) {
        await fc.assert(
          fc.asyncProperty(fc.constantFrom(...idNames), badIds, async (name, bad) => {
            const url = route.url.replace(/:([A-Za-z0-9_]+)/g, (_, n: string) => (n === name ? enc(bad) : encodeURIComponent(String(params[n]))));
            const r = await send(route, url, sample);
            const f = failuresOf(route, `id ${name}=${short(bad)}`, r);
            if (f) failures.push(f);
          }),
          { numRuns: RUNS, seed: SEED },
        );
      }

      const keys = queryKeys(route);
      if (keys.length) {
        await fc.assert(
          fc.asyncProperty(queryArb(keys), async (qs) => {
            const r = await send(route, `${base}?${qs}`, sample);
            const f = failuresOf(route, `query ${short(qs)}`, r);
            if (f) failures.push(f);
          }),
          { numRuns: RUNS, seed: SEED },
        );
      }
      expect([...new Set(failures)], failures.slice(0, 20).join('\n')).toEqual([]);
    });
  }
});
