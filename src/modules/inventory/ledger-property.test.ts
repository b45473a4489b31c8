import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/database.ts';
import { createTestDb } from '../../../test/fixtures/db.ts';
import { makeCompany, makeProduct, makeUser, makeWarehouse } from '../../../test/fixtures/factories.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { RequestContext } from '../../platform/permissions/context.ts';
import { addDays, businessDate } from '../../platform/time.ts';
import { checkStock, createDocument, getDocument, stockAtDate, voidDocument } from './service.ts';
import type { DocumentBody, StockDocType } from './schema.ts';

// Property: any sequence of stock documents — inbound, outbound, transfer, count, in any order, on
// back-dated business dates, and voids of any of them — leaves the stock tables equal to the ledger,
// agrees with an independent model of batches (first-expiry-first-out picks included, and which
// operations must be refused for shortage), and on hand at every date equals the model's history.

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(() => h.close());

const BATCHES = ['A', 'B', ''] as const; // A expires first, B later, '' carries no expiry (issued last)
const EXPIRY: Record<string, string | null> = { A: '2027-01-01', B: '2027-06-01', '': null };
const today = businessDate();
const DATES = [4, 3, 2, 1, 0].map((n) => addDays(today, -n));

type Op =
  | { kind: 'inbound'; w: number; p: number; batch: string; qty: number; date: number }
  | { kind: 'outbound'; w: number; p: number; batch: string | null; qty: number; date: number }
  | { kind: 'transfer'; w: number; p: number; qty: number; date: number }
  | { kind: 'count'; w: number; p: number; batch: string | null; counted: number; date: number }
  | { kind: 'void'; pick: number };

const idx = fc.integer({ min: 0, max: 1 });
const date = fc.integer({ min: 0, max: DATES.length - 1 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('inbound' as const), w: idx, p: idx, batch: fc.constantFrom(...BATCHES), qty: fc.integer({ min: 1, max: 20 }), date }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('outbound' as const), w: idx, p: idx, batch: fc.option(fc.constantFrom('A', 'B'), { nil: null }), qty: fc.integer({ min: 1, max: 15 }), date }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('transfer' as const), w: idx, p: idx, qty: fc.integer({ min: 1, max: 15 }), date }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('count' as const), w: idx, p: idx, batch: fc.option(fc.constantFrom('A', 'B'), { nil: null }), counted: fc.integer({ min: 0, max: 25 }), date }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('void' as const), pick: fc.nat() }) },
);

type Move = { w: number; p: number; batch: string; delta: number };

/** The model: quantity per warehouse|product|batch, and every movement with its business date. */
class Model {
  stock = new Map<string, number>();
  history: { date: string; w: number; p: number; delta: number }[] = [];
  key = (w: number, p: number, b: string) => `${w}|${p}|${b}`;
  qty = (w: number, p: number, b: string) => this.stock.get(this.key(w, p, b)) ?? 0;
  total = (w: number, p: number) => BATCHES.reduce((s, b) => s + this.qty(w, p, b), 0);
  /** first-expiry-first-out picks of q, or null when short */
  fefo(w: number, p: number, q: number): Move[] | null {
    if (this.total(w, p) < q) return null;
    const moves: Move[] = [];
    let left = q;
    for (const b of BATCHES) {
      const take = Math.min(left, this.qty(w, p, b));
      if (take > 0) moves.push({ w, p, batch: b, delta: -take });
      left -= take;
    }
    return moves;
  }
  apply(moves: Move[], date: string) {
    for (const m of moves) {
      this.stock.set(this.key(m.w, m.p, m.batch), this.qty(m.w, m.p, m.batch) + m.delta);
      this.history.push({ date, w: m.w, p: m.p, delta: m.delta });
    }
  }
  /** the moves of a void, or null when goods that came in have already left */
  reversal(moves: Move[]): Move[] | null {
    const out = new Map<string, number>();
    for (const m of moves) if (m.delta > 0) out.set(this.key(m.w, m.p, m.batch), (out.get(this.key(m.w, m.p, m.batch)) ?? 0) + m.delta);
    for (const [k, q] of out) if ((this.stock.get(k) ?? 0) < q) return null;
    return moves.map((m) => ({ ...m, delta: -m.delta }));
  }
}

const SHORT = new Set(['STOCK_SHORT', 'BATCH_SHORT', 'BATCH_RESERVED', 'REVERSAL_SHORT']);

describe('stock ledger property', () => {
  it('keeps stock_levels and stock_batches equal to the ledger and to the model, at every date', async () => {
    const db = h.db;
    const stats: number[][] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 10, maxLength: 30 }), async (ops) => {
        const company = await makeCompany(db);
        const user = await makeUser(db, company, { roleCode: 'warehouse' });
        const handler = await makeUser(db, company, { roleCode: 'clerk' });
        const ctx: RequestContext = {
          userId: user.id, userName: '仓管', companyId: company.id, roleId: company.roleIds.warehouse!, roleCode: 'warehouse',
          permissions: new Set(['stock.read', 'stock.inbound', 'stock.outbound', 'stock.transfer', 'stock.count', 'stock.sign']),
          dataScope: 'company', departmentId: null, departmentPath: null, locale: 'zh-CN', requestId: 'prop',
        };
        const warehouses = [(await makeWarehouse(db, company)).id, (await makeWarehouse(db, company)).id];
        const products = [(await makeProduct(db, company)).id, (await makeProduct(db, company)).id];
        const model = new Model();
        const done: { docType: StockDocType; id: number; moves: Move[]; voided: boolean }[] = [];

        const submit = async (docType: StockDocType, body: Omit<DocumentBody, 'submit' | 'toWarehouseId' | 'counterparty' | 'reason' | 'remarks' | 'handlerId'> & Partial<DocumentBody>, expected: Move[] | null) => {
          const full = { toWarehouseId: null, counterparty: '测试', reason: '测试', remarks: null, handlerId: handler.id, ...body, submit: true } as DocumentBody;
          try {
            const doc = await createDocument(db, ctx, docType, full);
            expect(expected, `${docType} should have been refused`).not.toBeNull();
            // the system moved exactly what the model picked (first-expiry-first-out included)
            const got = doc.movements.map((m) => `${m.warehouseName}|${m.productCode}|${m.batchNo}|${m.quantity}`).sort();
            const want = await describe_(expected!);
            expect(got).toEqual(want);
            model.apply(expected!, full.businessDate!);
            done.push({ docType, id: doc.id, moves: expected!, voided: false });
          } catch (err) {
            if (!(err instanceof AppError) || !SHORT.has(err.code)) throw err;
            expect(expected, `${docType} refused: ${err.message}`).toBeNull();
          }
        };
        const names = new Map<number, string>();
        const describe_ = async (moves: Move[]) => {
          const out: string[] = [];
          for (const m of moves) {
            const w = warehouses[m.w]!;
            const p = products[m.p]!;
            if (!names.has(w)) names.set(w, (await db.selectFrom('warehouses').select('name').where('id', '=', w).executeTakeFirstOrThrow()).name);
            if (!names.has(-p)) names.set(-p, (await db.selectFrom('products').select('code').where('id', '=', p).executeTakeFirstOrThrow()).code);
            out.push(`${names.get(w)}|${names.get(-p)}|${m.batch}|${m.delta}`);
          }
          return out.sort();
        };

        for (const o of ops) {
          if (o.kind === 'void') {
            const open = done.filter((d) => !d.voided);
            if (!open.length) continue;
            const target = open[o.pick % open.length]!;
            const back = model.reversal(target.moves);
            const doc = await getDocument(db, ctx, target.id);
            try {
              await voidDocument(db, ctx, target.docType, target.id, { reason: '测试作废', version: doc.version });
              expect(back, 'void should have been refused').not.toBeNull();
              model.apply(back!, today);
              target.voided = true;
            } catch (err) {
              if (!(err instanceof AppError) || err.code !== 'REVERSAL_SHORT') throw err;
              expect(back, `void refused: ${err.message}`).toBeNull();
            }
            continue;
          }
          const w = warehouses[o.w]!;
          const p = products[o.p]!;
          const businessDate = DATES[o.date]!;
          if (o.kind === 'inbound') {
            await submit('inbound', { warehouseId: w, businessDate, lines: [{ productId: p, batchNo: o.batch || null, productionDate: null, expiryDate: EXPIRY[o.batch]!, quantity: o.qty, remarks: null, boxCodes: [] }] }, [{ w: o.w, p: o.p, batch: o.batch, delta: o.qty }]);
          } else if (o.kind === 'outbound') {
            const expected = o.batch ? (model.qty(o.w, o.p, o.batch) >= o.qty ? [{ w: o.w, p: o.p, batch: o.batch, delta: -o.qty }] : null) : model.fefo(o.w, o.p, o.qty);
            await submit('outbound', { warehouseId: w, businessDate, lines: [{ productId: p, batchNo: o.batch, productionDate: null, expiryDate: null, quantity: o.qty, remarks: null, boxCodes: [] }] }, expected);
          } else if (o.kind === 'transfer') {
            const picks = model.fefo(o.w, o.p, o.qty);
            const expected = picks && [...picks, ...picks.map((m) => ({ ...m, w: 1 - o.w, delta: -m.delta }))];
            await submit('transfer', { warehouseId: w, toWarehouseId: warehouses[1 - o.w]!, businessDate, lines: [{ productId: p, batchNo: null, productionDate: null, expiryDate: null, quantity: o.qty, remarks: null, boxCodes: [] }] }, expected);
          } else {
            const book = o.batch === null ? model.total(o.w, o.p) : model.qty(o.w, o.p, o.batch);
            const diff = o.counted - book;
            let expected: Move[] | null = [];
            if (diff > 0) expected = [{ w: o.w, p: o.p, batch: o.batch ?? '', delta: diff }];
            else if (diff < 0) expected = o.batch === null ? model.fefo(o.w, o.p, -diff) : [{ w: o.w, p: o.p, batch: o.batch, delta: diff }];
            await submit('count', { warehouseId: w, businessDate, lines: [{ productId: p, batchNo: o.batch, productionDate: null, expiryDate: o.batch ? EXPIRY[o.batch]! : null, quantity: o.counted, remarks: null, boxCodes: [] }] }, expected);
          }
        }

        stats.push([ops.length, done.length, done.filter((d) => d.voided).length]);
        // the stock tables equal the ledger (and batches their level, reservations their reserved)
        const check = await checkStock(db, ctx);
        expect(check.differences).toEqual([]);
        // …and the model: every batch, every level
        const batches = await db.selectFrom('stockBatches').select(['warehouseId', 'productId', 'batchNo', 'onHand']).where('companyId', '=', company.id).execute();
        for (const b of batches) expect(b.onHand).toBe(model.qty(warehouses.indexOf(b.warehouseId), products.indexOf(b.productId), b.batchNo));
        const levels = await db.selectFrom('stockLevels').select(['warehouseId', 'productId', 'onHand']).where('companyId', '=', company.id).execute();
        for (const l of levels) expect(l.onHand).toBe(model.total(warehouses.indexOf(l.warehouseId), products.indexOf(l.productId)));
        // on hand at every date = the sum of the model's history up to it
        for (const d of [addDays(today, -5), ...DATES]) {
          const at = await stockAtDate(db, ctx, { date: d, page: 1, pageSize: 200 });
          const got = new Map(at.items.map((r) => [`${warehouses.indexOf(r.warehouseId)}|${products.indexOf(r.productId)}`, r.onHand]));
          const want = new Map<string, number>();
          for (const m of model.history) if (m.date <= d) want.set(`${m.w}|${m.p}`, (want.get(`${m.w}|${m.p}`) ?? 0) + m.delta);
          for (const [k, v] of [...want]) if (v === 0) want.delete(k);
          expect(got).toEqual(want);
        }
      }),
      { numRuns: 25, seed: 20261122 },
    );
    // the runs did real work: documents went through and some were voided
    expect(stats.reduce((s, r) => s + r[1], 0)).toBeGreaterThan(100);
    expect(stats.reduce((s, r) => s + r[2], 0)).toBeGreaterThan(10);
  }, 240_000);
});
