import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinRoles } from '../../src/platform/permissions/catalog.ts';
import type { RegisteredRoute } from '../../src/server/route-registry.ts';
import { createTestApp, type Reply } from '../fixtures/app.ts';
import {
  buildWorld, companyFixtures, OTHER_COMPANY_MARK, ownerMark, personalMark, recordFixtures, sampleBodies,
  type Params, type World, type WorldUser,
} from './access-fixtures.ts';
import { fillPath, isIdParam, jsonSchemaOf, NO_SUCH_ID, pathParamNames, sampleOf, samplesFor, withQuery } from './access-matrix-samples.ts';

// The access matrix: every registered /api route, called without a session, as every built-in role,
// on records in and out of the caller's data scope and in another company. A module is covered as
// soon as its routes are registered in src/server/modules.ts; an id route without a fixture fails.

const t = await createTestApp();
let w: World;
beforeAll(async () => {
  w = await buildWorld(t);
  // every owner's records exist before any list is read, so that a list that leaks has something to leak
  for (const prefix of Object.keys(recordFixtures)) for (const owner of w.owners) await sharedRecord(prefix, owner);
}, 180_000);
afterAll(() => t.close());

const SAFE = new Set(['GET', 'HEAD']);
const key = (r: RegisteredRoute) => `${r.method} ${r.url}`;

/** The longest registered fixture prefix of a route's URL, segment by segment. */
function fixtureFor<T>(url: string, table: Record<string, T>): { prefix: string; fixture: T } | null {
  let best: { prefix: string; fixture: T } | null = null;
  for (const [prefix, fixture] of Object.entries(table)) {
    if ((url === prefix || url.startsWith(prefix + '/')) && (!best || prefix.length > best.prefix.length)) best = { prefix, fixture };
  }
  return best;
}

function paramsWith(route: RegisteredRoute, ids: Params): Params {
  const names = pathParamNames(route.url);
  const sample = (route.schema.params ? sampleOf(jsonSchemaOf(route.schema.params)!, '', w.idHint) : {}) as Params;
  const out: Params = {};
  for (const n of names) out[n] = ids[n] ?? sample[n] ?? (isIdParam(n) ? NO_SUCH_ID : 'a');
  return out;
}

type Call = { who: string; url: string; reply: Reply };

async function call(route: RegisteredRoute, caller: WorldUser | null, params: Params): Promise<Call> {
  const s = samplesFor(route, w.idHint, sampleBodies[key(route)]?.(w, params) as never);
  expect(s.problems, s.problems.join('\n')).toEqual([]);
  const url = withQuery(fillPath(route.url, params), s.query);
  const c = caller ? await w.client(caller) : t.anonymous;
  const reply = await c.request(route.method, url, s.body);
  // a successful write may have ended the caller's own session (logout, password): log in again
  if (caller && !SAFE.has(route.method) && reply.status < 300) await w.revive(caller);
  return { who: caller ? `${caller.key}(${caller.roleCode})` : 'anonymous', url: `${route.method} ${url}`, reply };
}

const show = (c: Call) => `${c.who} ${c.url} → ${c.reply.status} ${JSON.stringify(c.reply.body).slice(0, 300)}`;

/** Markers of records the caller must never see in any response. */
function forbiddenMarks(caller: WorldUser): string[] {
  const marks = [OTHER_COMPANY_MARK];
  for (const owner of w.owners) if (!w.covers(caller, owner)) marks.push(ownerMark(owner.key));
  for (const u of Object.values(w.users)) if (u.id !== caller.id) marks.push(personalMark(u.key));
  return marks;
}

// The people an item is about (owner, assignee, requester, creator): a rep may list it only when one of them is the rep.
const PERSON_FIELDS = /^(owner|assignee|assignedTo|assignedUser|ownerUser|salesRep|rep|requester|createdBy|creator|user)(Id)?$/;

/** Items of a list reply ({ items } or an array), for the owner-field check. */
const itemsOf = (body: unknown): Record<string, unknown>[] =>
  Array.isArray(body) ? (body as never[]) : body && typeof body === 'object' && Array.isArray((body as { items?: unknown }).items) ? ((body as { items: never[] }).items) : [];

/** Ids of the shared records (by resource prefix) that `caller` may not see. */
async function hiddenIds(prefix: string, caller: WorldUser): Promise<Set<number>> {
  const fixture = recordFixtures[prefix]!;
  const ids = new Set<number>();
  for (const owner of w.owners) {
    const visible = fixture.personal ? owner.id === caller.id : w.covers(caller, owner);
    if (!visible) ids.add(Number((await sharedRecord(prefix, owner)).id));
  }
  return ids;
}

/** A list route's items, checked by id against the records of owners outside the caller's scope. */
async function checkListIds(route: RegisteredRoute, c: Call, caller: WorldUser, failures: string[]) {
  const prefix = `${route.url}/:id`;
  if (!recordFixtures[prefix]) return;
  const hidden = await hiddenIds(prefix, caller);
  for (const item of itemsOf(c.reply.body)) if (hidden.has(Number(item.id))) failures.push(`LEAK: item ${String(item.id)} (a record outside ${caller.key}'s scope) listed: ${show(c)}`);
}

function checkNoLeak(c: Call, caller: WorldUser, failures: string[]) {
  const text = JSON.stringify(c.reply.body);
  for (const mark of forbiddenMarks(caller)) if (text.includes(mark)) failures.push(`LEAK of ${mark}: ${show(c)}`);
  if (caller.dataScope === 'own') {
    for (const item of itemsOf(c.reply.body)) {
      const people = Object.entries(item).filter(([k, v]) => PERSON_FIELDS.test(k) && typeof v === 'number');
      if (people.length && !people.some(([, v]) => v === caller.id)) {
        failures.push(`LEAK: item ${String(item.id)} of ${people.map(([k, v]) => `${k}=${String(v)}`).join(', ')} listed to ${caller.key}: ${show(c)}`);
      }
    }
  }
}

const routesUnderTest = t.routes.filter((r) => r.url.startsWith('/api/'));

describe('access matrix', () => {
  it('walks a registry that includes the auth and admin routes', () => {
    const urls = routesUnderTest.map(key);
    expect(urls).toContain('POST /api/auth/login');
    expect(urls).toContain('PUT /api/admin/users/:id');
    expect(routesUnderTest.length).toBeGreaterThan(15);
  });

  for (const route of routesUnderTest) {
    it(`${key(route)} (${route.access})`, async () => {
      const failures: string[] = [];
      const idNames = pathParamNames(route.url).filter(isIdParam);
      const record = idNames.length ? fixtureFor(route.url, recordFixtures) : null;
      const company = idNames.length && !record ? fixtureFor(route.url, companyFixtures) : null;
      if (idNames.length && !record && !company) {
        throw new Error(`add a fixture for ${route.url} in test/api/access-fixtures.ts (recordFixtures, or companyFixtures for a company-wide resource)`);
      }

      // without a session: 401, except public routes
      const anon = await call(route, null, paramsWith(route, {}));
      if (route.access === 'public') {
        if (anon.reply.status >= 500) failures.push(`5xx: ${show(anon)}`);
      } else if (anon.reply.status !== 401) failures.push(`expected 401 without a session: ${show(anon)}`);

      for (const role of builtinRoles) {
        const caller = w.callers[role.code]!;
        const allowed = route.access === 'public' || route.access === 'session' || route.access === 'authenticated' || role.permissions.includes(route.access as never);
        if (!allowed) {
          const c = await call(route, caller, paramsWith(route, {}));
          if (c.reply.status !== 403) failures.push(`expected 403 for a role without ${route.access}: ${show(c)}`);
          continue;
        }
        if (!idNames.length) {
          const c = await call(route, caller, paramsWith(route, {}));
          // a route open to every member may still check a finer permission in its service (403); a route that names its permission may not
          const denied = route.access !== 'public' && (c.reply.status === 401 || (c.reply.status === 403 && !['session', 'authenticated'].includes(route.access)));
          if (c.reply.status >= 500 || denied) failures.push(`expected access for ${role.code}: ${show(c)}`);
          if (SAFE.has(route.method)) {
            checkNoLeak(c, caller, failures);
            await checkListIds(route, c, caller, failures);
          }
          continue;
        }
        if (record) await recordCases(route, record.prefix, caller, failures);
        else await companyCases(route, caller, failures);
      }
      expect(failures, failures.join('\n')).toEqual([]);
    });
  }
});

// Records made once per (resource, owner) for reads and for calls that must fail; writes that may
// succeed get a fresh record each, so one role's change cannot hide another role's leak.
const shared = new Map<string, Promise<Params>>();
const markOf = (prefix: string, owner: WorldUser) => (recordFixtures[prefix]!.personal ? personalMark(owner.key) : ownerMark(owner.key));
function sharedRecord(prefix: string, owner: WorldUser): Promise<Params> {
  const k = `${prefix}|${owner.key}`;
  if (!shared.has(k)) shared.set(k, recordFixtures[prefix]!.create(w, owner, markOf(prefix, owner)));
  return shared.get(k)!;
}

/** The owner of an in-scope record: the caller for reps, a colleague of the same department for managers, rep1a for company-wide roles. */
function inScopeOwner(caller: WorldUser): WorldUser {
  if (caller.dataScope === 'own') return caller;
  if (caller.dataScope === 'dept') return w.users.rep1b!;
  return w.users.rep1a!;
}

async function recordCases(route: RegisteredRoute, prefix: string, caller: WorldUser, failures: string[]) {
  const read = SAFE.has(route.method);
  const personal = recordFixtures[prefix]!.personal === true;
  const covers = personal ? (c: WorldUser, o: WorldUser) => c.id === o.id : w.covers;
  const owners = [personal ? caller : inScopeOwner(caller), ...w.owners.filter((o) => o.id !== caller.id)];
  const seen = new Set<number>();
  for (const owner of owners) {
    if (seen.has(owner.id)) continue;
    seen.add(owner.id);
    const inScope = covers(caller, owner);
    const ids = inScope && !read ? await recordFixtures[prefix]!.create(w, owner, markOf(prefix, owner)) : await sharedRecord(prefix, owner);
    const missing = pathParamNames(route.url).filter((n) => isIdParam(n) && !(n in ids));
    if (missing.length) throw new Error(`add a fixture for ${route.url} in test/api/access-fixtures.ts (the fixture of ${prefix} gives no :${missing.join(', :')})`);
    const c = await call(route, caller, paramsWith(route, ids));
    const where = owner.companyId !== caller.companyId ? 'other company' : inScope ? 'in scope' : 'out of scope';
    const s = c.reply.status;
    // a rule of the module (e.g. only the requester may withdraw) may refuse with its own 403 code; FORBIDDEN is the permission check
    const finer = s === 403 && (route.access === 'authenticated' || (!read && c.reply.body?.error?.code !== 'FORBIDDEN'));
    if (inScope) {
      if (s >= 500 || s === 401 || (s === 403 && !finer) || (read && s !== 200 && !finer)) failures.push(`${where} (${owner.key}'s record) expected ${read ? '200' : 'access'}: ${show(c)}`);
      if (read && s === 200) checkNoLeak(c, caller, failures);
    } else if (read ? s !== 404 : s !== 404 && s !== 400) {
      failures.push(`${s < 300 ? 'LEAK' : 'wrong status'}: ${where} (${owner.key}'s record) expected 404: ${show(c)}`);
    }
  }
}

async function companyCases(route: RegisteredRoute, caller: WorldUser, failures: string[]) {
  const fixture = fixtureFor(route.url, companyFixtures)!.fixture;
  const mine = await call(route, caller, paramsWith(route, await fixture.inCompany(w)));
  const s = mine.reply.status;
  if (s >= 500 || s === 401 || s === 403 || (SAFE.has(route.method) && s !== 200)) failures.push(`own company's record expected access: ${show(mine)}`);
  const other = await call(route, caller, paramsWith(route, await fixture.otherCompany(w)));
  if (other.reply.status !== 404) failures.push(`${other.reply.status < 300 ? 'LEAK' : 'wrong status'}: other company's record expected 404: ${show(other)}`);
}

// Ids in request bodies (customerId, referredByCustomerId, customerIds…) name records too: another
// company's record there must never be accepted, by any role.
const bodyIdFields: Record<string, string> = {
  customerId: '/api/customers/:id',
  customerIds: '/api/customers/:id',
  referredByCustomerId: '/api/customers/:id',
  leadId: '/api/leads/:id',
  leadIds: '/api/leads/:id',
};

async function inScopeParams(route: RegisteredRoute, caller: WorldUser): Promise<Params> {
  if (!pathParamNames(route.url).some(isIdParam)) return {};
  const record = fixtureFor(route.url, recordFixtures);
  if (record) {
    const owner = record.fixture.personal ? caller : inScopeOwner(caller);
    return record.fixture.create(w, owner, markOf(record.prefix, owner));
  }
  const company = fixtureFor(route.url, companyFixtures);
  return company ? company.fixture.inCompany(w) : {};
}

function bodyIdKeys(route: RegisteredRoute): string[] {
  const props = jsonSchemaOf(route.schema.body)?.properties ?? {};
  return Object.keys(props).filter((k) => k in bodyIdFields);
}

describe('another company\'s ids in request bodies', () => {
  const withIds = routesUnderTest.filter((r) => r.schema.body && bodyIdKeys(r).length);
  it('covers the routes that take record ids in their bodies', () => {
    expect(withIds.map(key)).toContain('POST /api/ownership-requests');
  });
  for (const route of withIds) {
    it(`${key(route)} (${bodyIdKeys(route).join(', ')})`, async () => {
      const failures: string[] = [];
      for (const field of bodyIdKeys(route)) {
        const prefix = bodyIdFields[field]!;
        if (!recordFixtures[prefix]) throw new Error(`add a fixture for ${prefix} in test/api/access-fixtures.ts`);
        const foreign = Number((await sharedRecord(prefix, w.users.bRep!)).id);
        for (const role of builtinRoles) {
          if (!(route.access === 'authenticated' || role.permissions.includes(route.access as never))) continue;
          const caller = w.callers[role.code]!;
          const js = jsonSchemaOf(route.schema.body)!;
          const base = (sampleBodies[key(route)]?.(w, {}) as Record<string, unknown> | undefined) ?? (sampleOf(js, '', w.idHint, js, true) as Record<string, unknown>);
          const body = { ...base, [field]: /s$/.test(field) ? [foreign] : foreign };
          const valid = route.schema.body!.safeParse(body);
          if (!valid.success) {
            failures.push(`sample body for ${key(route)} with ${field} is invalid (${valid.error.message.slice(0, 200)}); give one in access-fixtures.ts sampleBodies`);
            continue;
          }
          // the path names a record the caller may work on, so that only the body's id can be refused
          const params = paramsWith(route, await inScopeParams(route, caller));
          const c = await (await w.client(caller)).request(route.method, fillPath(route.url, params), body);
          if (c.status < 300) {
            await w.revive(caller);
            failures.push(`LEAK: ${caller.key}(${role.code}) ${key(route)} accepted another company's ${field}=${foreign} → ${c.status} ${JSON.stringify(c.body).slice(0, 300)}`);
          } else if (c.status >= 500) failures.push(`5xx: ${caller.key}(${role.code}) ${key(route)} ${field}=${foreign} → ${c.status}`);
        }
      }
      expect(failures, failures.join('\n')).toEqual([]);
    });
  }
});
