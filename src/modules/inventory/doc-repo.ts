import { sql, type SqlBool } from 'kysely';
import type { Executor, Tx } from '../../db/database.ts';
import { escapeLike, normalizeForSearch } from '../../platform/pinyin.ts';
import type { DocumentListQuery, StockDocStatus, StockDocType } from './schema.ts';

// Queries of stock documents 入库单/出库单/调拨单/盘点单, their lines, movements and box codes.
// Company-wide records: every query filters by company.

function documents(db: Executor, companyId: number) {
  return db
    .selectFrom('stockDocuments as d')
    .innerJoin('warehouses as w', 'w.id', 'd.warehouseId')
    .leftJoin('warehouses as tw', 'tw.id', 'd.toWarehouseId')
    .leftJoin('users as creator', 'creator.id', 'd.createdBy')
    .leftJoin('users as handler', 'handler.id', 'd.handlerId')
    .where('d.companyId', '=', companyId);
}

const listColumns = [
  'd.id', 'd.docType', 'd.number', 'd.status', 'd.warehouseId', 'w.name as warehouseName', 'd.toWarehouseId', 'tw.name as toWarehouseName',
  'd.businessDate', 'd.counterparty', 'd.reason', 'creator.displayName as preparerName',
  'd.handlerId', 'handler.displayName as handlerName', 'd.submittedAt',
  'd.keeperSignedAt', 'd.preparerSignedAt', 'd.handlerSignedAt', 'd.voidedAt', 'd.voidReason', 'd.createdAt',
] as const;

const typed = <T extends { docType: string; status: string }>(r: T) => ({ ...r, docType: r.docType as StockDocType, status: r.status as StockDocStatus });

export async function documentById(db: Executor, companyId: number, id: number) {
  const row = await documents(db, companyId)
    .leftJoin('users as submitter', 'submitter.id', 'd.submittedBy')
    .leftJoin('users as voider', 'voider.id', 'd.voidedBy')
    .leftJoin('users as ks', 'ks.id', 'd.keeperSignedBy')
    .leftJoin('users as ps', 'ps.id', 'd.preparerSignedBy')
    .leftJoin('users as hs', 'hs.id', 'd.handlerSignedBy')
    .select([
      ...listColumns, 'd.remarks', 'd.version', 'd.createdBy as preparerId', 'submitter.displayName as submittedByName', 'voider.displayName as voidedByName',
      'd.keeperSignedBy', 'ks.displayName as keeperSignedByName', 'd.preparerSignedBy', 'ps.displayName as preparerSignedByName',
      'd.handlerSignedBy', 'hs.displayName as handlerSignedByName',
      (eb) => eb.selectFrom('stockDocumentLines as l').select((e) => e.fn.coalesce(e.fn.sum<number>('l.quantity'), sql<number>`0`).as('q')).whereRef('l.documentId', '=', 'd.id').as('totalQuantity'),
      (eb) => eb.selectFrom('stockDocumentLines as l').select((e) => e.fn.countAll<number>().as('n')).whereRef('l.documentId', '=', 'd.id').as('lineCount'),
    ])
    .where('d.id', '=', id)
    .executeTakeFirst();
  return row && { ...typed(row), totalQuantity: Number(row.totalQuantity ?? 0), lineCount: Number(row.lineCount ?? 0) };
}
export type DocumentRow = NonNullable<Awaited<ReturnType<typeof documentById>>>;

// Each sort ends on the id, so pages never overlap; business date then number (stock_documents_date_draft),
// or number alone (stock_documents_number_draft; with a kind, stock_documents_type_number_draft).
// A draft has no number until it is submitted, and is taken as the newest of its day: first when newest
// first, last when oldest first. `number is null` says so on both databases (PostgreSQL puts NULLs
// first when descending, SQLite last), and the indexes carry it, so the page is still read in order.
const unnumbered = sql`(d.number is null)`;
const sortColumns = { businessDate: ['d.businessDate', unnumbered, 'd.number', 'd.id'], number: [unnumbered, 'd.number', 'd.id'], id: ['d.id'] } as const;

export async function listDocuments(db: Executor, companyId: number, q: DocumentListQuery) {
  let query = documents(db, companyId);
  if (q.docType) query = query.where('d.docType', '=', q.docType);
  if (q.status) query = query.where('d.status', '=', q.status);
  if (q.warehouseId) query = query.where((eb) => eb.or([eb('d.warehouseId', '=', q.warehouseId!), eb('d.toWarehouseId', '=', q.warehouseId!)]));
  if (q.from) query = query.where('d.businessDate', '>=', q.from);
  if (q.to) query = query.where('d.businessDate', '<=', q.to);
  const term = q.q ? normalizeForSearch(q.q) : '';
  if (term) {
    const like = '%' + escapeLike(term) + '%';
    query = query.where(sql<SqlBool>`(lower(coalesce(d.number, '')) like ${like} escape '\\' or lower(coalesce(d.counterparty, '')) like ${like} escape '\\' or lower(coalesce(d.reason, '')) like ${like} escape '\\')`);
  }
  const [rows, total] = await Promise.all([
    query
      .select([
        ...listColumns,
        (eb) => eb.selectFrom('stockDocumentLines as l').select((e) => e.fn.coalesce(e.fn.sum<number>('l.quantity'), sql<number>`0`).as('q')).whereRef('l.documentId', '=', 'd.id').as('totalQuantity'),
        (eb) => eb.selectFrom('stockDocumentLines as l').select((e) => e.fn.countAll<number>().as('n')).whereRef('l.documentId', '=', 'd.id').as('lineCount'),
      ])
      .$call((qb) => sortColumns[q.sort].reduce((o, c) => o.orderBy(c, q.order), qb))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((r) => ({ ...typed(r), totalQuantity: Number(r.totalQuantity ?? 0), lineCount: Number(r.lineCount ?? 0) })), total: Number(total.n) };
}

export const linesOf = (db: Executor, companyId: number, documentId: number) =>
  db
    .selectFrom('stockDocumentLines as l')
    .innerJoin('products as p', 'p.id', 'l.productId')
    .select([
      'l.id', 'l.lineNo', 'l.productId', 'p.code as productCode', 'p.name as productName', 'p.spec', 'p.unit', 'p.packUnit', 'p.packSize', 'l.batchNo',
      'l.productionDate', 'l.expiryDate', 'l.quantity', 'l.bookQuantity', 'l.remarks', 'l.boxCodes',
    ])
    .where('l.companyId', '=', companyId)
    .where('l.documentId', '=', documentId)
    .orderBy('l.lineNo')
    .execute();
export type LineRow = Awaited<ReturnType<typeof linesOf>>[number];

export const movementsOf = (db: Executor, companyId: number, docType: string, docId: number) =>
  db
    .selectFrom('stockLedger as g')
    .innerJoin('warehouses as w', 'w.id', 'g.warehouseId')
    .innerJoin('products as p', 'p.id', 'g.productId')
    .innerJoin('stockBatches as b', 'b.id', 'g.batchId')
    .select(['g.id', 'w.name as warehouseName', 'p.code as productCode', 'p.name as productName', 'p.spec', 'p.unit', 'b.batchNo', 'g.quantity', 'g.businessDate', 'g.reversesId'])
    .where('g.companyId', '=', companyId)
    .where('g.docType', '=', docType)
    .where('g.docId', '=', docId)
    .orderBy('g.id')
    .limit(2000)
    .execute();

export type NewLine = {
  productId: number; batchNo: string | null; productionDate: string | null; expiryDate: string | null;
  quantity: number; remarks: string | null; boxCodes: string[];
};

export async function insertLines(tx: Tx, companyId: number, documentId: number, lines: NewLine[]) {
  await tx
    .insertInto('stockDocumentLines')
    .values(lines.map((l, i) => ({
      companyId, documentId, lineNo: i + 1, productId: l.productId, batchNo: l.batchNo, productionDate: l.productionDate, expiryDate: l.expiryDate,
      quantity: l.quantity, remarks: l.remarks, boxCodes: l.boxCodes.length ? JSON.stringify(l.boxCodes) : null,
    })))
    .execute();
}

/** A draft's lines are replaced as a set (the audit entry keeps the old ones); submitted lines never change. */
export async function replaceDraftLines(tx: Tx, companyId: number, documentId: number, lines: NewLine[]) {
  await tx.deleteFrom('stockDocumentLines').where('companyId', '=', companyId).where('documentId', '=', documentId).execute();
  await insertLines(tx, companyId, documentId, lines);
}

// ── box codes 箱码 ──

const CHUNK = 500; // rows per statement: far below SQLite's and PostgreSQL's bound-parameter limits

/** Codes among `codes` that are registered and not void (so cannot be registered again). */
export async function liveCodes(db: Executor, companyId: number, codes: string[]) {
  const out: { code: string; status: string }[] = [];
  for (let i = 0; i < codes.length; i += CHUNK) {
    out.push(...(await db.selectFrom('unitCodes').select(['code', 'status']).where('companyId', '=', companyId).where('code', 'in', codes.slice(i, i + CHUNK)).where('status', '<>', 'void').execute()));
  }
  return out;
}

/**
 * Registers the box codes of an inbound slip as in stock. A code voided with its slip may be
 * registered again; a live one is refused: returns how many were registered (fewer = a clash).
 */
export async function registerCodes(tx: Tx, companyId: number, rows: { code: string; productId: number; warehouseId: number; batchNo: string; inboundDocId: number }[], now: string) {
  let done = 0;
  for (let i = 0; i < rows.length; i += CHUNK) done += await registerChunk(tx, companyId, rows.slice(i, i + CHUNK), now);
  return done;
}

async function registerChunk(tx: Tx, companyId: number, rows: { code: string; productId: number; warehouseId: number; batchNo: string; inboundDocId: number }[], now: string) {
  const done = await tx
    .insertInto('unitCodes')
    .values(rows.map((r) => ({ companyId, code: r.code, kind: 'box', productId: r.productId, warehouseId: r.warehouseId, batchNo: r.batchNo, status: 'in_stock', inboundDocId: r.inboundDocId, createdAt: now, updatedAt: now })))
    .onConflict((oc) =>
      oc
        .columns(['companyId', 'code'])
        .doUpdateSet((eb) => ({
          productId: eb.ref('excluded.productId'), warehouseId: eb.ref('excluded.warehouseId'), batchNo: eb.ref('excluded.batchNo'), status: 'in_stock',
          inboundDocId: eb.ref('excluded.inboundDocId'), issuedDocType: null, issuedDocId: null, issuedDocNo: null, issuedAt: null, updatedAt: now,
        }))
        .where('unitCodes.status', '=', 'void'),
    )
    .returning('id')
    .execute();
  return done.length;
}

/**
 * Issues the box codes an outbound slip records: each must be in stock in its warehouse for its product;
 * a conditional update, so two documents racing for a code cannot both take it. Returns how many were issued.
 */
// A code's warehouse is where it came in: a transfer does not record box codes, so a code is issued by
// product and status alone (as a slip's scan is), wherever the goods are now.
export async function issueCodes(tx: Tx, companyId: number, codes: string[], at: { productId: number }, doc: { id: number; number: string }, now: string) {
  let done = 0;
  for (let i = 0; i < codes.length; i += CHUNK) {
    const res = await tx
      .updateTable('unitCodes')
      .set({ status: 'issued', issuedDocType: 'stock_outbound', issuedDocId: doc.id, issuedDocNo: doc.number, issuedAt: now, updatedAt: now })
      .where('companyId', '=', companyId).where('code', 'in', codes.slice(i, i + CHUNK))
      .where('productId', '=', at.productId).where('status', '=', 'in_stock')
      .executeTakeFirst();
    done += Number(res.numUpdatedRows);
  }
  return done;
}

/** What a code is now (to say why it could not be issued). */
export const codeState = (db: Executor, companyId: number, code: string) =>
  db
    .selectFrom('unitCodes as c')
    .leftJoin('products as p', 'p.id', 'c.productId')
    .select(['c.code', 'c.status', 'c.productId', 'c.issuedDocNo', 'p.name as productName'])
    .where('c.companyId', '=', companyId).where('c.code', '=', code)
    .executeTakeFirst();

/** A voided outbound slip's codes are in stock again, where they were. */
export const returnCodesOfOutbound = (tx: Tx, companyId: number, docId: number, now: string) =>
  tx
    .updateTable('unitCodes')
    .set({ status: 'in_stock', issuedDocType: null, issuedDocId: null, issuedDocNo: null, issuedAt: null, updatedAt: now })
    .where('companyId', '=', companyId).where('issuedDocType', '=', 'stock_outbound').where('issuedDocId', '=', docId).where('status', '=', 'issued')
    .execute();

export const issuedCodesOfInbound = (db: Executor, companyId: number, docId: number) =>
  db.selectFrom('unitCodes').select(['code', 'issuedDocNo']).where('companyId', '=', companyId).where('inboundDocId', '=', docId).where('status', '=', 'issued').limit(5).execute();

export const voidCodesOfInbound = (tx: Tx, companyId: number, docId: number, now: string) =>
  tx.updateTable('unitCodes').set({ status: 'void', updatedAt: now }).where('companyId', '=', companyId).where('inboundDocId', '=', docId).where('status', '=', 'in_stock').execute();

// ── stock figures a count compares against ──

/** Takes the level rows' locks (PostgreSQL), in product order, before book figures are read. */
export async function lockLevels(tx: Tx, companyId: number, warehouseId: number, productIds: number[], now: string) {
  for (const productId of [...new Set(productIds)].sort((a, b) => a - b)) {
    await tx.updateTable('stockLevels').set({ updatedAt: now }).where('companyId', '=', companyId).where('warehouseId', '=', warehouseId).where('productId', '=', productId).execute();
  }
}

/** A level's on hand and reserved (read under its lock by a count). */
export async function levelOf(db: Executor, companyId: number, warehouseId: number, productId: number) {
  const r = await db.selectFrom('stockLevels').select(['onHand', 'reserved']).where('companyId', '=', companyId).where('warehouseId', '=', warehouseId).where('productId', '=', productId).executeTakeFirst();
  return { onHand: r?.onHand ?? 0, reserved: r?.reserved ?? 0 };
}

export const batchOf = (db: Executor, companyId: number, warehouseId: number, productId: number, batchNo: string) =>
  db
    .selectFrom('stockBatches')
    .select(['onHand', 'productionDate', 'expiryDate'])
    .where('companyId', '=', companyId).where('warehouseId', '=', warehouseId).where('productId', '=', productId).where('batchNo', '=', batchNo)
    .executeTakeFirst();
