import { sql } from 'kysely';
import type { Executor, Tx } from '../../db/database.ts';
import { prepared, type Params } from '../../db/prepared.ts';
import { isPostgres } from '../../db/schema-helpers.ts';
import { format } from '../../platform/i18n/locale.ts';
import { isoNow } from '../../platform/time.ts';
import { inventoryError } from './errors.ts';

// The stock core: every change of stock goes through here, inside the caller's transaction.
//
// - stock_levels (warehouse × product: on_hand, reserved) is changed only by conditional UPDATEs
//   ("… where on_hand − reserved >= q"), never read-then-write, so two orders never take the same last
//   unit on SQLite (one writer) or PostgreSQL (row lock, condition re-checked after the wait).
// - Lines are handled in (product, warehouse) order, so two transactions lock level rows in the same
//   order and cannot deadlock each other on PostgreSQL. A reservation takes all its lines in one
//   UPDATE … FROM; on PostgreSQL a SELECT … FOR UPDATE before it first locks them in that order
//   (without it, orders over the same products deadlock: src/modules/orders/concurrency.test.ts).
// - A batch or reservation row is changed only while its level row is locked (the level row is
//   updated or touched first), so batch and reservation reads under that lock are stable.
// - Every movement writes a stock_ledger row naming its document; on hand = the sum of the ledger.
//   Its net per month and per day is kept alongside (stock_month_moves, stock_day_moves) for on hand at a date.

export type DocRef = { docType: string; docId: number; docNo: string; businessDate: string; userId: number };

export type ReceiveLine = { warehouseId: number; productId: number; quantity: number; batchNo?: string | null; productionDate?: string | null; expiryDate?: string | null; docLineId?: number | null };
export type IssueLine = {
  warehouseId: number;
  productId: number;
  quantity: number;
  /** the user's pick; otherwise batches go first-expiry-first-out */
  batchNo?: string | null;
  docLineId?: number | null;
  /** field path for the error message, e.g. "lines.2.quantity" */
  path?: string;
  /** consume this reservation first (an order's slip) */
  reservation?: { sourceType: string; sourceLineId: number };
};
export type Issued = { docLineId: number | null; productId: number; warehouseId: number; batchNo: string; quantity: number };
export type ReserveLine = { warehouseId: number; productId: number; quantity: number; sourceType: string; sourceId: number; sourceLineId: number; path?: string };
export type Reserved = { sourceLineId: number; reserved: number; short: number };
export type Availability = { onHand: number; reserved: number; available: number };

type LedgerRow = { warehouseId: number; productId: number; batchId: number; quantity: number; docLineId: number | null; reversesId?: number | null };

const byProduct = <T extends { productId: number; warehouseId: number }>(lines: readonly T[]): T[] =>
  [...lines].sort((a, b) => a.productId - b.productId || a.warehouseId - b.warehouseId);

function assertQuantity(q: number): void {
  if (!Number.isSafeInteger(q) || q <= 0) throw new RangeError(`stock quantity must be a positive integer: ${q}`);
}

/** Goods in: batches and levels up (created when new), one ledger row per line. */
export async function receiveStock(tx: Tx, companyId: number, doc: DocRef, lines: readonly ReceiveLine[]): Promise<void> {
  const now = isoNow();
  const ledger: LedgerRow[] = [];
  for (const line of byProduct(lines)) {
    assertQuantity(line.quantity);
    await addToLevel(tx, companyId, line.warehouseId, line.productId, line.quantity, now);
    const batch = await tx
      .insertInto('stockBatches')
      .values({
        companyId, warehouseId: line.warehouseId, productId: line.productId, batchNo: line.batchNo ?? '',
        productionDate: line.productionDate ?? null, expiryDate: line.expiryDate ?? null, onHand: line.quantity, createdAt: now, updatedAt: now,
      })
      .onConflict((oc) =>
        oc.columns(['companyId', 'warehouseId', 'productId', 'batchNo']).doUpdateSet((eb) => ({
          onHand: eb('stockBatches.onHand', '+', eb.ref('excluded.onHand')),
          productionDate: eb.fn.coalesce('stockBatches.productionDate', 'excluded.productionDate'),
          expiryDate: eb.fn.coalesce('stockBatches.expiryDate', 'excluded.expiryDate'),
          updatedAt: now,
        })),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    ledger.push({ warehouseId: line.warehouseId, productId: line.productId, batchId: batch.id, quantity: line.quantity, docLineId: line.docLineId ?? null });
  }
  await writeLedger(tx, companyId, doc, doc.businessDate, doc.userId, ledger, now);
}

/**
 * Goods out: the level down (from the line's reservation first, then from what is available),
 * then the batches — the one the user picked, or first-expiry-first-out. One ledger row per batch.
 */
export async function issueStock(tx: Tx, companyId: number, doc: DocRef, lines: readonly IssueLine[]): Promise<Issued[]> {
  const now = isoNow();
  const ledger: LedgerRow[] = [];
  const issued: Issued[] = [];
  for (const line of byProduct(lines)) {
    assertQuantity(line.quantity);
    const key = { companyId, warehouseId: line.warehouseId, productId: line.productId };
    await lockLevel(tx, key, now);
    const fromReservation = line.reservation ? await reservationTake(tx, companyId, line.reservation, line.quantity, now) : 0;
    const r = await tx
      .updateTable('stockLevels')
      .set((eb) => ({ onHand: eb('onHand', '-', line.quantity), reserved: eb('reserved', '-', fromReservation), updatedAt: now }))
      .where('companyId', '=', companyId).where('warehouseId', '=', line.warehouseId).where('productId', '=', line.productId)
      // after the issue every other reservation must still be covered
      .where(sql<boolean>`on_hand - ${line.quantity} >= reserved - ${fromReservation}`)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) {
      // the keeper picked a batch: say what that batch can give, not only the product's figure
      if (line.batchNo) throw await batchShortage(tx, key, line.batchNo, line.quantity, fromReservation, line.path);
      throw await shortage(tx, 'STOCK_SHORT', key, line.quantity - fromReservation, line.path);
    }
    for (const take of await pickBatches(tx, key, line)) {
      ledger.push({ warehouseId: line.warehouseId, productId: line.productId, batchId: take.batchId, quantity: -take.quantity, docLineId: line.docLineId ?? null });
      issued.push({ docLineId: line.docLineId ?? null, productId: line.productId, warehouseId: line.warehouseId, batchNo: take.batchNo, quantity: take.quantity });
    }
  }
  await writeLedger(tx, companyId, doc, doc.businessDate, doc.userId, ledger, now);
  return issued;
}

/**
 * Takes back every ledger row of a document (its void): goods that went out come back to the same
 * batch; goods that came in go out again, refused when they have already left or are reserved.
 * Reservations are not restored here (the order does that when its slip is voided).
 */
export async function reverseStock(tx: Tx, companyId: number, doc: DocRef, reversal: { businessDate: string; userId: number }): Promise<void> {
  const rows = await tx
    .selectFrom('stockLedger')
    .select(['id', 'warehouseId', 'productId', 'batchId', 'quantity', 'docLineId', 'reversesId'])
    .where('companyId', '=', companyId).where('docType', '=', doc.docType).where('docId', '=', doc.docId)
    .orderBy('productId').orderBy('warehouseId').orderBy('id')
    .execute();
  if (rows.some((r) => r.reversesId !== null)) throw inventoryError('ALREADY_REVERSED');
  const now = isoNow();
  const ledger: LedgerRow[] = [];
  for (const row of rows) {
    const key = { companyId, warehouseId: row.warehouseId, productId: row.productId };
    const back = -row.quantity; // what the reversal moves
    if (back > 0) {
      await addToLevel(tx, companyId, row.warehouseId, row.productId, back, now);
      await tx.updateTable('stockBatches').set((eb) => ({ onHand: eb('onHand', '+', back), updatedAt: now })).where('id', '=', row.batchId).execute();
    } else {
      const out = -back;
      const level = await tx
        .updateTable('stockLevels')
        .set((eb) => ({ onHand: eb('onHand', '-', out), updatedAt: now }))
        .where('companyId', '=', companyId).where('warehouseId', '=', row.warehouseId).where('productId', '=', row.productId)
        .where(sql<boolean>`on_hand - reserved >= ${out}`)
        .executeTakeFirst();
      const batch = Number(level.numUpdatedRows) === 1
        ? await tx.updateTable('stockBatches').set((eb) => ({ onHand: eb('onHand', '-', out), updatedAt: now })).where('id', '=', row.batchId).where('onHand', '>=', out).executeTakeFirst()
        : null;
      if (!batch || Number(batch.numUpdatedRows) !== 1) throw await shortage(tx, 'REVERSAL_SHORT', key, out);
    }
    ledger.push({ warehouseId: row.warehouseId, productId: row.productId, batchId: row.batchId, quantity: back, docLineId: row.docLineId, reversesId: row.id });
  }
  await writeLedger(tx, companyId, doc, reversal.businessDate, reversal.userId, ledger, now);
}

/**
 * Reserves stock for a document's lines (a confirmed order). All or nothing by default: the first
 * short line throws STOCK_SHORT naming product, available and requested. With `partial` (back-order)
 * each line gets what is available and the shortfall is returned.
 */
export async function reserve(tx: Tx, companyId: number, lines: readonly ReserveLine[], opts: { partial?: boolean } = {}): Promise<Reserved[]> {
  const now = isoNow();
  const sorted = byProduct(lines);
  for (const line of sorted) assertQuantity(line.quantity);
  // every line at once when each level row appears once (an order's usual case); what that leaves
  // short goes through the per-line path below, as does every line when a product repeats
  const keyOf = (l: { warehouseId: number; productId: number }) => `${l.warehouseId}:${l.productId}`;
  const taken = new Set(sorted.map(keyOf)).size === sorted.length && sorted.length > 1 ? await takeAllAvailable(tx, companyId, sorted, now) : null;
  const out: Reserved[] = [];
  const held: ReserveLine[] = [];
  for (const line of sorted) {
    const key = { companyId, warehouseId: line.warehouseId, productId: line.productId };
    let got = (taken ? taken.has(keyOf(line)) : await takeAvailable(tx, key, line.quantity, now)) ? line.quantity : 0;
    if (!got && opts.partial) got = await takeWhatIsAvailable(tx, key, line.quantity, now);
    else if (!got) throw await shortage(tx, 'STOCK_SHORT', key, line.quantity, line.path);
    if (got > 0) held.push({ ...line, quantity: got });
    out.push({ sourceLineId: line.sourceLineId, reserved: got, short: line.quantity - got });
  }
  // what each line now holds, in one statement (the levels above are already taken)
  if (held.length) {
    await holdReservations(tx, {
      now,
      rows: held.map((l) => ({ companyId, warehouseId: l.warehouseId, productId: l.productId, quantity: l.quantity, sourceType: l.sourceType, sourceId: l.sourceId, sourceLineId: l.sourceLineId, createdAt: now, updatedAt: now })),
    });
  }
  return out;
}

/** Releases what a document still holds: everything, or the given quantities per line. */
export async function releaseReservations(tx: Tx, companyId: number, sourceType: string, sourceId: number, lines?: readonly { sourceLineId: number; quantity: number }[]): Promise<void> {
  const held = await tx
    .selectFrom('stockReservations')
    .select(['id', 'warehouseId', 'productId', 'quantity', 'sourceLineId'])
    .where('companyId', '=', companyId).where('sourceType', '=', sourceType).where('sourceId', '=', sourceId)
    .execute();
  const wanted = lines ? new Map(lines.map((l) => [l.sourceLineId, l.quantity])) : null;
  const now = isoNow();
  for (const r of byProduct(held)) {
    const q = wanted ? (wanted.get(r.sourceLineId) ?? 0) : r.quantity;
    if (q <= 0) continue;
    const key = { companyId, warehouseId: r.warehouseId, productId: r.productId };
    const level = await tx
      .updateTable('stockLevels')
      .set((eb) => ({ reserved: eb('reserved', '-', q), updatedAt: now }))
      .where('companyId', '=', companyId).where('warehouseId', '=', r.warehouseId).where('productId', '=', r.productId)
      .where('reserved', '>=', q)
      .executeTakeFirst();
    const res = Number(level.numUpdatedRows) === 1
      ? await tx.updateTable('stockReservations').set((eb) => ({ quantity: eb('quantity', '-', q), updatedAt: now })).where('id', '=', r.id).where('quantity', '>=', q).executeTakeFirst()
      : null;
    if (!res || Number(res.numUpdatedRows) !== 1) {
      const p = await productInfo(tx, key);
      throw inventoryError('RESERVATION_SHORT', { product: p.product, unit: p.unit, reserved: r.quantity, requested: q });
    }
  }
  if (wanted) for (const [lineId, q] of wanted) if (q > 0 && !held.some((h) => h.sourceLineId === lineId)) throw new Error(`no reservation for ${sourceType} line ${lineId}`);
}

/** On hand, reserved and available per product in one warehouse (absent products: all zero). */
export async function availability(db: Executor, companyId: number, warehouseId: number, productIds: readonly number[]): Promise<Map<number, Availability>> {
  const out = new Map<number, Availability>(productIds.map((id) => [id, { onHand: 0, reserved: 0, available: 0 }]));
  if (!productIds.length) return out;
  const rows = await db
    .selectFrom('stockLevels')
    .select(['productId', 'onHand', 'reserved'])
    .where('companyId', '=', companyId).where('warehouseId', '=', warehouseId).where('productId', 'in', [...new Set(productIds)])
    .execute();
  for (const r of rows) out.set(r.productId, { onHand: r.onHand, reserved: r.reserved, available: r.onHand - r.reserved });
  return out;
}

// ── inside the core ──────────────────────────────────────────────────────────────────────────

type LevelKey = { companyId: number; warehouseId: number; productId: number };

async function addToLevel(tx: Tx, companyId: number, warehouseId: number, productId: number, q: number, now: string): Promise<void> {
  await tx
    .insertInto('stockLevels')
    .values({ companyId, warehouseId, productId, onHand: q, reserved: 0, updatedAt: now })
    .onConflict((oc) => oc.columns(['companyId', 'warehouseId', 'productId']).doUpdateSet((eb) => ({ onHand: eb('stockLevels.onHand', '+', eb.ref('excluded.onHand')), updatedAt: now })))
    .execute();
}

/** Takes the level row's lock (PostgreSQL) before batch or reservation rows are read; a no-op on SQLite's single writer. */
async function lockLevel(tx: Tx, key: LevelKey, now: string): Promise<void> {
  await tx.updateTable('stockLevels').set({ updatedAt: now })
    .where('companyId', '=', key.companyId).where('warehouseId', '=', key.warehouseId).where('productId', '=', key.productId)
    .execute();
}

// Confirming an order runs these for each of its lines: compiled once (src/db/prepared.ts).
const takeLevel = prepared((db, p: Params<{ companyId: number; warehouseId: number; productId: number; q: number; now: string }>) =>
  db
    .updateTable('stockLevels')
    .set((eb) => ({ reserved: eb('reserved', '+', p.q), updatedAt: p.now }))
    .where('companyId', '=', p.companyId).where('warehouseId', '=', p.warehouseId).where('productId', '=', p.productId)
    .where(sql<boolean>`on_hand - reserved >= ${p.q}`),
);

type ReservationRow = { companyId: number; warehouseId: number; productId: number; quantity: number; sourceType: string; sourceId: number; sourceLineId: number; createdAt: string; updatedAt: string };
const holdReservations = prepared((db, p: Params<{ now: string; rows: ReservationRow[] }>) =>
  db
    .insertInto('stockReservations')
    .values(p.rows as ReservationRow[])
    .onConflict((oc) => oc.columns(['companyId', 'sourceType', 'sourceLineId']).doUpdateSet((eb) => ({ quantity: eb('stockReservations.quantity', '+', eb.ref('excluded.quantity')), updatedAt: p.now }))),
);

// The conditional update of every line's level row in one statement (lines distinct by level row);
// the wanted quantities as a derived table both dialects read (no VALUES column aliases on SQLite).
type Wanted = { warehouseId: number; productId: number; q: number };
const takeLevels = prepared((db, p: Params<{ companyId: number; now: string; lines: Wanted[] }>) => {
  const rows = p.lines.map((l, i) =>
    i === 0
      ? sql`select cast(${l.warehouseId} as bigint) as warehouse_id, cast(${l.productId} as bigint) as product_id, cast(${l.q} as bigint) as q`
      : sql`select cast(${l.warehouseId} as bigint), cast(${l.productId} as bigint), cast(${l.q} as bigint)`,
  );
  return db
    .updateTable('stockLevels')
    .from(sql<Wanted>`(${sql.join(rows, sql` union all `)})`.as('w'))
    .set((eb) => ({ reserved: eb('stockLevels.reserved', '+', eb.ref('w.q')), updatedAt: p.now }))
    .where('stockLevels.companyId', '=', p.companyId)
    .whereRef('stockLevels.warehouseId', '=', 'w.warehouseId').whereRef('stockLevels.productId', '=', 'w.productId')
    .where(sql<boolean>`stock_levels.on_hand - stock_levels.reserved >= w.q`)
    .returning(['stockLevels.warehouseId', 'stockLevels.productId']);
});

// PostgreSQL: the level rows locked in (product, warehouse) order, as the per-line path locks them, so that
// concurrent orders over the same products never deadlock. A statement of its own, before the UPDATE: the
// UPDATE's snapshot is then taken with every row already ours, and it reads their latest values. Locked
// inside the UPDATE (an ARRAY(… FOR UPDATE) sub-select, until session 18) the UPDATE read the rows as they
// were before the wait and re-checked the ones changed meanwhile, and now and then that re-check dropped a
// row with stock to spare: the order was refused 库存不足 (BENCHMARKS.md, session 18).
const lockLevels = prepared((db, p: Params<{ companyId: number; lines: { warehouseId: number; productId: number }[] }>) =>
  db.selectFrom('stockLevels').select('id')
    .where('companyId', '=', p.companyId)
    .where((eb) => eb.or(p.lines.map((k) => eb.and([eb('warehouseId', '=', k.warehouseId), eb('productId', '=', k.productId)]))))
    .orderBy('productId').orderBy('warehouseId')
    .forUpdate(),
);

/** Takes every line (distinct level rows, in byProduct order) where there is enough; the keys taken ("warehouse:product"). */
async function takeAllAvailable(tx: Tx, companyId: number, lines: readonly ReserveLine[], now: string): Promise<Set<string>> {
  if (isPostgres(tx)) await lockLevels(tx, { companyId, lines: lines.map((l) => ({ warehouseId: l.warehouseId, productId: l.productId })) });
  const r = await takeLevels(tx, { companyId, now, lines: lines.map((l) => ({ warehouseId: l.warehouseId, productId: l.productId, q: l.quantity })) });
  return new Set(r.rows.map((x) => `${x.warehouseId}:${x.productId}`));
}

async function takeAvailable(tx: Tx, key: LevelKey, q: number, now: string): Promise<boolean> {
  const r = await takeLevel(tx, { companyId: key.companyId, warehouseId: key.warehouseId, productId: key.productId, q, now });
  return Number(r.numAffectedRows) === 1;
}

/** Back-order: reserve what is there now (the level row locked first, so the figure read holds). */
async function takeWhatIsAvailable(tx: Tx, key: LevelKey, wanted: number, now: string): Promise<number> {
  await lockLevel(tx, key, now);
  const level = await readLevel(tx, key);
  const got = Math.min(wanted, Math.max(0, level.available));
  if (got > 0 && !(await takeAvailable(tx, key, got, now))) throw new Error('stock level changed under its lock');
  return got;
}

async function readLevel(tx: Executor, key: LevelKey): Promise<Availability> {
  const row = await tx.selectFrom('stockLevels').select(['onHand', 'reserved'])
    .where('companyId', '=', key.companyId).where('warehouseId', '=', key.warehouseId).where('productId', '=', key.productId)
    .executeTakeFirst();
  return row ? { onHand: row.onHand, reserved: row.reserved, available: row.onHand - row.reserved } : { onHand: 0, reserved: 0, available: 0 };
}

/** How much of a line's reservation an issue consumes (the level row is locked by the caller). */
async function reservationTake(tx: Tx, companyId: number, ref: { sourceType: string; sourceLineId: number }, q: number, now: string): Promise<number> {
  const row = await tx.selectFrom('stockReservations').select(['id', 'quantity'])
    .where('companyId', '=', companyId).where('sourceType', '=', ref.sourceType).where('sourceLineId', '=', ref.sourceLineId)
    .executeTakeFirst();
  const take = Math.min(q, row?.quantity ?? 0);
  if (row && take > 0) await tx.updateTable('stockReservations').set((eb) => ({ quantity: eb('quantity', '-', take), updatedAt: now })).where('id', '=', row.id).execute();
  return take;
}

/** The batches an issue takes: the user's pick, or first-expiry-first-out (no expiry last, then oldest). */
async function pickBatches(tx: Tx, key: LevelKey, line: IssueLine): Promise<{ batchId: number; batchNo: string; quantity: number }[]> {
  const now = isoNow();
  if (line.batchNo != null && line.batchNo !== '') {
    const r = await tx.updateTable('stockBatches').set((eb) => ({ onHand: eb('onHand', '-', line.quantity), updatedAt: now }))
      .where('companyId', '=', key.companyId).where('warehouseId', '=', key.warehouseId).where('productId', '=', key.productId)
      .where('batchNo', '=', line.batchNo).where('onHand', '>=', line.quantity)
      .returning('id')
      .executeTakeFirst();
    if (!r) {
      throw await batchShortage(tx, key, line.batchNo, line.quantity, 0, line.path);
    }
    return [{ batchId: r.id, batchNo: line.batchNo, quantity: line.quantity }];
  }
  const batches = await tx.selectFrom('stockBatches').select(['id', 'batchNo', 'onHand'])
    .where('companyId', '=', key.companyId).where('warehouseId', '=', key.warehouseId).where('productId', '=', key.productId).where('onHand', '>', 0)
    .orderBy(sql`case when expiry_date is null then 1 else 0 end`).orderBy('expiryDate').orderBy('id')
    .execute();
  const takes: { batchId: number; batchNo: string; quantity: number }[] = [];
  let left = line.quantity;
  for (const b of batches) {
    if (left === 0) break;
    const q = Math.min(left, b.onHand);
    await tx.updateTable('stockBatches').set((eb) => ({ onHand: eb('onHand', '-', q), updatedAt: now })).where('id', '=', b.id).execute();
    takes.push({ batchId: b.id, batchNo: b.batchNo, quantity: q });
    left -= q;
  }
  // the level said the goods are there; batches that disagree mean the stock table is broken
  if (left > 0) throw new Error(`stock batches of product ${key.productId} in warehouse ${key.warehouseId} hold less than its level`);
  return takes;
}

async function writeLedger(tx: Tx, companyId: number, doc: DocRef, businessDate: string, userId: number, rows: LedgerRow[], now: string): Promise<void> {
  if (!rows.length) return;
  await tx
    .insertInto('stockLedger')
    .values(rows.map((r) => ({
      companyId, warehouseId: r.warehouseId, productId: r.productId, batchId: r.batchId, quantity: r.quantity,
      docType: doc.docType, docId: doc.docId, docNo: doc.docNo, docLineId: r.docLineId, reversesId: r.reversesId ?? null,
      businessDate, createdBy: userId, createdAt: now,
    })))
    .execute();
  await addPeriodMoves(tx, companyId, businessDate, rows);
}

/** The ledger's net movement per warehouse × product and month / day (on hand at a date reads these). */
async function addPeriodMoves(tx: Tx, companyId: number, businessDate: string, rows: LedgerRow[]): Promise<void> {
  const net = new Map<string, { warehouseId: number; productId: number; quantity: number }>();
  for (const r of rows) {
    const key = `${r.warehouseId}:${r.productId}`;
    const m = net.get(key) ?? { warehouseId: r.warehouseId, productId: r.productId, quantity: 0 };
    m.quantity += r.quantity;
    net.set(key, m);
  }
  const moves = [...net.values()].filter((m) => m.quantity !== 0).sort((a, b) => a.productId - b.productId || a.warehouseId - b.warehouseId);
  if (!moves.length) return;
  const month = businessDate.slice(0, 7);
  await tx
    .insertInto('stockMonthMoves')
    .values(moves.map((m) => ({ companyId, month, warehouseId: m.warehouseId, productId: m.productId, quantity: m.quantity })))
    .onConflict((oc) => oc.columns(['companyId', 'month', 'warehouseId', 'productId']).doUpdateSet((eb) => ({ quantity: eb('stockMonthMoves.quantity', '+', eb.ref('excluded.quantity')) })))
    .execute();
  await tx
    .insertInto('stockDayMoves')
    .values(moves.map((m) => ({ companyId, day: businessDate, warehouseId: m.warehouseId, productId: m.productId, quantity: m.quantity })))
    .onConflict((oc) => oc.columns(['companyId', 'day', 'warehouseId', 'productId']).doUpdateSet((eb) => ({ quantity: eb('stockDayMoves.quantity', '+', eb.ref('excluded.quantity')) })))
    .execute();
}

async function productInfo(tx: Executor, key: LevelKey): Promise<{ product: string; unit: string; warehouse: string }> {
  const p = await tx.selectFrom('products').select(['code', 'name', 'spec', 'unit']).where('companyId', '=', key.companyId).where('id', '=', key.productId).executeTakeFirst();
  const w = await tx.selectFrom('warehouses').select('name').where('companyId', '=', key.companyId).where('id', '=', key.warehouseId).executeTakeFirst();
  return { product: p ? `${p.name}${p.spec ? `（${p.spec}）` : ''}` : `#${key.productId}`, unit: p?.unit ?? '', warehouse: w?.name ?? `#${key.warehouseId}` };
}

/**
 * A picked batch cannot give the quantity: it holds less (BATCH_SHORT, naming the batch and what it holds), or
 * it holds enough but orders have reserved the product's units (BATCH_RESERVED: what the batch may give).
 * `fromReservation`: what the line's own reservation covers (an order's slip), added to what is available.
 */
async function batchShortage(tx: Tx, key: LevelKey, batchNo: string, requested: number, fromReservation: number, path?: string) {
  const b = await tx.selectFrom('stockBatches').select('onHand')
    .where('companyId', '=', key.companyId).where('warehouseId', '=', key.warehouseId).where('productId', '=', key.productId).where('batchNo', '=', batchNo)
    .executeTakeFirst();
  const onHand = b?.onHand ?? 0;
  const info = await productInfo(tx, key);
  if (onHand < requested) {
    const params = { ...info, batchNo, available: onHand, requested };
    return inventoryError('BATCH_SHORT', params, path ? [{ path, message: format(inventoryError.defs.BATCH_SHORT.zh, params) }] : []);
  }
  const level = await readLevel(tx, key);
  const params = { ...info, batchNo, onHand, reserved: level.reserved, available: Math.max(0, Math.min(onHand, level.available + fromReservation)), requested };
  return inventoryError('BATCH_RESERVED', params, path ? [{ path, message: format(inventoryError.defs.BATCH_RESERVED.zh, params) }] : []);
}

async function shortage(tx: Tx, code: 'STOCK_SHORT' | 'REVERSAL_SHORT', key: LevelKey, requested: number, path?: string) {
  const level = await readLevel(tx, key);
  const info = await productInfo(tx, key);
  const params = { ...info, available: Math.max(0, level.available), requested, missing: Math.max(0, requested - level.available) };
  return inventoryError(code, params, path ? [{ path, message: format(inventoryError.defs[code].zh, params) }] : []);
}
