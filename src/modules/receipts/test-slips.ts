import type { Client } from '../../../test/fixtures/app.ts';

// Test setup only (API tests and the browser journey): posted slips 已过账销货清单 built the way the
// business makes them — a walk-in monthly-credit slip issued by the clerk, signed by keeper, clerk
// and handler, delivered, reconciled with its signed copy back, settled and posted by finance.

export type SlipActors = { clerk: Client; keeper: Client; handler: Client; finance: Client; handlerId: number; warehouseId: number };

function ok<T extends { status: number; body: any }>(r: T, what: string): T {
  if (r.status !== 200) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

/** Posts one slip per entry of `slips` (each a list of product lines) for the customer; returns the posted slips. */
export async function postedSlips(a: SlipActors, customer: { id: number; name: string }, slips: { productId: number; quantity: number }[][]) {
  const driver = `司机${Math.random().toString(36).slice(2, 8)}`;
  const made: { id: number; number: string; totalAmount: number; businessDate: string }[] = [];
  for (const lines of slips) {
    const s = ok(await a.clerk.post('/api/slips', { customerId: customer.id, customerName: customer.name, paymentTerm: 'monthly', warehouseId: a.warehouseId, handlerId: a.handlerId, driverName: driver, lines }), 'issue').body;
    for (const [c, as] of [[a.keeper, 'keeper'], [a.clerk, 'preparer'], [a.handler, 'handler']] as const) ok(await c.post(`/api/slips/${s.id}/sign`, { as }), `sign ${as}`);
    const cur = ok(await a.clerk.get(`/api/slips/${s.id}`), 'read').body;
    ok(await a.clerk.post(`/api/slips/${s.id}/deliver`, { version: cur.version }), 'deliver');
    made.push(s);
  }
  const rec = ok(await a.clerk.post('/api/slip-reconciliations', { driverName: driver, businessDate: made[0]!.businessDate }), 'reconcile').body;
  const upd = ok(await a.clerk.put(`/api/slip-reconciliations/${rec.id}`, { version: rec.version, remarks: null, slips: made.map((s) => ({ slipId: s.id, cashReceived: 0, signedCopyReceived: true })) }), 'reconcile update').body;
  ok(await a.finance.post(`/api/slip-reconciliations/${rec.id}/settle`, { version: upd.version }), 'settle');
  ok(await a.finance.post('/api/slips/post', { slipIds: made.map((s) => s.id) }), 'post');
  return made;
}
