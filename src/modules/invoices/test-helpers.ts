// Test helper (API and browser tests): a posted sales slip built through the slips API the way the
// clerks do it — walk-in slip for a customer, the three own-login signatures, delivery, the driver
// reconciliation settled with the signed copy back, then posting by finance.

/** A client that returns the body and throws on any status ≥ 300. */
export type BodyClient = { get: (url: string) => Promise<any>; post: (url: string, body?: unknown) => Promise<any>; put: (url: string, body?: unknown) => Promise<any> };

export type SlipActors = { clerk: BodyClient; keeper: BodyClient; handler: BodyClient; finance: BodyClient; handlerId: number };

let driverSeq = 0;

export async function postedSlip(
  a: SlipActors,
  slip: { customerId: number; customerName: string; warehouseId: number; priceIncludesTax?: boolean; lines: { productId: number; quantity: number; unitPrice?: number; discountBp?: number }[]; returns?: { lineNo: number; quantity: number }[] },
): Promise<{ id: number; number: string; totalAmount: number; returnedAmount: number; lines: { id: number; productId: number; quantity: number; unitPrice: number; discountBp: number; taxRateBp: number; amountExTax: number; taxAmount: number; amount: number }[] }> {
  const driverName = `送货司机${process.pid % 1000}-${++driverSeq}`;
  const s = await a.clerk.post('/api/slips', {
    customerId: slip.customerId,
    customerName: slip.customerName,
    warehouseId: slip.warehouseId,
    handlerId: a.handlerId,
    paymentTerm: 'monthly',
    priceIncludesTax: slip.priceIncludesTax ?? true,
    driverName,
    lines: slip.lines,
  });
  await a.keeper.post(`/api/slips/${s.id}/sign`, { as: 'keeper' });
  await a.clerk.post(`/api/slips/${s.id}/sign`, { as: 'preparer' });
  await a.handler.post(`/api/slips/${s.id}/sign`, { as: 'handler' });
  const cur = await a.clerk.get(`/api/slips/${s.id}`);
  await a.clerk.post(`/api/slips/${s.id}/deliver`, { version: cur.version });
  const rec = await a.finance.post('/api/slip-reconciliations', { driverName, businessDate: s.businessDate });
  // goods refused at the door (退货单) go back before the reconciliation is settled
  if (slip.returns?.length) await a.clerk.post(`/api/slips/${s.id}/returns`, { reason: '客户拒收', lines: slip.returns.map((r) => ({ slipLineId: s.lines[r.lineNo].id, quantity: r.quantity })) });
  const recNow = await a.finance.get(`/api/slip-reconciliations/${rec.id}`);
  const upd = await a.finance.put(`/api/slip-reconciliations/${rec.id}`, { version: recNow.version, remarks: null, slips: [{ slipId: s.id, cashReceived: 0, signedCopyReceived: true }] });
  await a.finance.post(`/api/slip-reconciliations/${rec.id}/settle`, { version: upd.version });
  await a.finance.post(`/api/slips/${s.id}/post`);
  return a.clerk.get(`/api/slips/${s.id}`);
}

/** Wraps a test client ({ status, body }) into a BodyClient. */
export function bodyClient(c: { get: (u: string) => Promise<{ status: number; body: any }>; post: (u: string, b?: any) => Promise<{ status: number; body: any }>; put: (u: string, b?: any) => Promise<{ status: number; body: any }> }): BodyClient {
  const check = (url: string, r: { status: number; body: any }) => {
    if (r.status >= 300) throw new Error(`${url}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  return { get: async (u) => check(u, await c.get(u)), post: async (u, b) => check(u, await c.post(u, b ?? {})), put: async (u, b) => check(u, await c.put(u, b ?? {})) };
}
