import { expect } from 'vitest';
import type { Client } from '../../../test/fixtures/app.ts';
import { daysBetween } from './due-dates.ts';

// Test setup only: posted slips built the way the business makes them (clerk issues, keeper, clerk
// and handler sign, driver delivers, finance reconciles, settles and posts), and an independent
// recomputation of aging from the documents (slips and allocations) to check the reports against.

export type Actors = { clerk: Client; keeper: Client; handler: Client; finance: Client; handlerId: number; warehouseId: number };

function ok(what: string, r: { status: number; body: any }) {
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

let seq = 0;

/** Posted slips of one customer (one driver's day), one per entry: product lines and payment term. */
export async function postSlips(a: Actors, customer: { id: number; name: string }, slips: { lines: { productId: number; quantity: number }[]; paymentTerm?: string }[]) {
  const driverName = `应收司机${process.pid % 1000}-${++seq}${Math.random().toString(36).slice(2, 5)}`;
  const made: { id: number; number: string; businessDate: string; totalAmount: number; paymentTerm: string }[] = [];
  for (const s of slips) {
    const slip = ok('issue', await a.clerk.post('/api/slips', { customerId: customer.id, customerName: customer.name, warehouseId: a.warehouseId, handlerId: a.handlerId, paymentTerm: s.paymentTerm ?? 'monthly', priceIncludesTax: true, driverName, lines: s.lines }));
    for (const [c, as] of [[a.keeper, 'keeper'], [a.clerk, 'preparer'], [a.handler, 'handler']] as const) ok(`sign ${as}`, await c.post(`/api/slips/${slip.id}/sign`, { as }));
    const cur = ok('read', await a.clerk.get(`/api/slips/${slip.id}`));
    ok('deliver', await a.clerk.post(`/api/slips/${slip.id}/deliver`, { version: cur.version }));
    made.push(slip);
  }
  const rec = ok('reconcile', await a.finance.post('/api/slip-reconciliations', { driverName, businessDate: made.map((m) => m.businessDate).sort().at(-1) }));
  const upd = ok('reconcile update', await a.finance.put(`/api/slip-reconciliations/${rec.id}`, { version: rec.version, remarks: null, slips: made.map((m) => ({ slipId: m.id, cashReceived: 0, signedCopyReceived: true })) }));
  ok('settle', await a.finance.post(`/api/slip-reconciliations/${rec.id}/settle`, { version: upd.version, reason: upd.cashDifference ? '测试：现款另行收取' : null }));
  ok('post', await a.finance.post('/api/slips/post', { slipIds: made.map((m) => m.id) }));
  return made;
}

export function expectOk<T extends { status: number; body: any }>(r: T): T {
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r;
}

const SHANGHAI = 8 * 3600_000;
export const dayOf = (iso: string) => new Date(Date.parse(iso) + SHANGHAI).toISOString().slice(0, 10);

/** The due date by the rule of decisions.md, written again here from the default terms (25th, one month, 30 days). */
export function expectedDue(term: string, date: string): string {
  if (term === 'monthly') {
    const d = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 25));
    return d.toISOString().slice(0, 10);
  }
  if (term === 'hold' || term === 'rolling') return new Date(Date.parse(`${date}T00:00:00Z`) + 30 * 86400_000).toISOString().slice(0, 10);
  return date;
}

export type DocSlip = { id: number; businessDate: string; paymentTerm: string; totalAmount: number; returnedAmount: number };
export type DocAllocation = { targetId: number; amount: number; allocatedAt: string; reversedAt: string | null };

/** Aging of one customer as at D recomputed from its slips and allocations (default buckets, from the due date). */
export function recompute(slips: DocSlip[], allocations: DocAllocation[], D: string) {
  const bounds = [30, 60, 90, 180, 365];
  const out = { total: 0, notDue: 0, buckets: [0, 0, 0, 0, 0, 0], items: new Map<number, number>(), oldestDueDate: null as string | null, maxDaysOverdue: 0 };
  for (const s of slips) {
    if (s.businessDate > D) continue;
    let open = s.totalAmount - s.returnedAmount;
    for (const a of allocations.filter((x) => x.targetId === s.id)) {
      if (dayOf(a.allocatedAt) <= D) open -= a.amount;
      if (a.reversedAt && dayOf(a.reversedAt) <= D) open += a.amount;
    }
    if (open === 0) continue;
    out.items.set(s.id, open);
    out.total += open;
    const due = expectedDue(s.paymentTerm, s.businessDate);
    if (open > 0 && (out.oldestDueDate == null || due < out.oldestDueDate)) out.oldestDueDate = due;
    if (open > 0 && due < D) out.maxDaysOverdue = Math.max(out.maxDaysOverdue, daysBetween(due, D));
    if (due >= D) out.notDue += open;
    else {
      const age = daysBetween(due, D);
      const k = bounds.findIndex((b) => age <= b);
      out.buckets[k === -1 ? 5 : k]! += open;
    }
  }
  return out;
}
