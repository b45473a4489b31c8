import type { Db, Tx } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { voidFields } from '../../platform/documents/status.ts';
import { signRefusal as platformSignRefusal, type Signatures } from '../../platform/documents/signatures.ts';
import { notFound, staleVersion, validationFailed, type FieldError } from '../../platform/errors/app-error.ts';
import { nextNumber } from '../../platform/numbering/numbering.ts';
import { actorOf, can, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { addDays, businessDate, isoNow } from '../../platform/time.ts';
import * as dr from './doc-repo.ts';
import { inventoryError } from './errors.ts';
import { stockDocument } from './machine.ts';
import * as repo from './repo.ts';
import { signRoleLabels, signRoles, stockDocNumbering, stockDocPermission, type DocumentBody, type DocumentListQuery, type DocumentOut, type SignRole, type StockDocType } from './schema.ts';
import { issueStock, receiveStock, reverseStock, type DocRef, type IssueLine, type ReceiveLine } from './stock.ts';

// Stock documents 入库单 / 出库单 / 调拨单 / 盘点单: entered as drafts, submitted (numbered, stock
// moved through the stock core in the same transaction), signed by keeper, preparer and handler
// each by their own login, voided with a reason (stock taken back exactly). Never deleted.

export async function listDocuments(db: Db, ctx: RequestContext, q: DocumentListQuery) {
  requirePermission(ctx, 'stock.read');
  const { items, total } = await dr.listDocuments(db, ctx.companyId, q);
  return { items, total, page: q.page, pageSize: q.pageSize };
}

export async function getDocument(db: Db, ctx: RequestContext, id: number): Promise<DocumentOut> {
  requirePermission(ctx, 'stock.read');
  const doc = await dr.documentById(db, ctx.companyId, id);
  if (!doc) throw notFound();
  const [lines, movements] = await Promise.all([dr.linesOf(db, ctx.companyId, id), dr.movementsOf(db, ctx.companyId, doc.docType, id)]);
  return {
    ...doc,
    mySignRoles: signRoles.filter((role) => !signRefusal(ctx, doc, role)),
    lines: lines.map((l) => ({
      ...l,
      boxCodes: l.boxCodes ? (JSON.parse(l.boxCodes) as string[]) : [],
      difference: doc.docType === 'count' && l.bookQuantity !== null ? l.quantity - l.bookQuantity : null,
    })),
    movements: movements.map(({ reversesId, ...m }) => ({ ...m, reversal: reversesId !== null })),
  };
}

/** The document of this kind in ctx's company, or 404 (another kind's id is not found here either). */
async function loadDocument(tx: Tx, ctx: RequestContext, docType: StockDocType, id: number) {
  const doc = await dr.documentById(tx, ctx.companyId, id);
  if (!doc || doc.docType !== docType) throw notFound();
  return doc;
}

/** Checks a document body against the company's warehouses and products; returns the lines to store. */
async function checkBody(tx: Tx, ctx: RequestContext, docType: StockDocType, body: DocumentBody, preparerId: number): Promise<dr.NewLine[]> {
  const fields: FieldError[] = [];
  // the handler signs their own place: a member of the company, and not the preparer (who signs another)
  if (body.handlerId != null && (body.handlerId === preparerId || !(await repo.isActiveMember(tx, ctx.companyId, body.handlerId)))) {
    fields.push({ path: 'handlerId', message: body.handlerId === preparerId ? '经手人不能是制单人本人，须由另一人签字' : '经手人须为本账套的在职用户' });
  }
  const whIds = [body.warehouseId, ...(body.toWarehouseId ? [body.toWarehouseId] : [])];
  const found = await repo.activeWarehouses(tx, ctx.companyId, whIds);
  if (!found.some((w) => w.id === body.warehouseId)) fields.push({ path: 'warehouseId', message: '仓库不存在或已停用' });
  if (docType === 'transfer') {
    if (!body.toWarehouseId) fields.push({ path: 'toWarehouseId', message: '请选择调入仓库' });
    else if (body.toWarehouseId === body.warehouseId) fields.push({ path: 'toWarehouseId', message: '调入仓库不能与调出仓库相同' });
    else if (!found.some((w) => w.id === body.toWarehouseId)) fields.push({ path: 'toWarehouseId', message: '仓库不存在或已停用' });
  }
  if (docType === 'outbound') {
    if (!body.counterparty) fields.push({ path: 'counterparty', message: '请填写领用单位或领用人' });
    if (!body.reason) fields.push({ path: 'reason', message: '请填写出库原因（赠品、样品等）' });
  }
  if (body.businessDate && body.businessDate > businessDate()) fields.push({ path: 'businessDate', message: '业务日期不能晚于今天' });

  const products = new Map((await repo.productsByIds(tx, ctx.companyId, body.lines.map((l) => l.productId))).map((p) => [p.id, p]));
  const seenCodes = new Set<string>();
  const countKeys = new Map<number, string[]>();
  const lines = body.lines.map((l, i): dr.NewLine => {
    const at = (f: string) => `lines.${i}.${f}`;
    const p = products.get(l.productId);
    if (!p) fields.push({ path: at('productId'), message: '商品不存在' });
    else if (docType === 'inbound' && p.active !== 1) fields.push({ path: at('productId'), message: `商品「${p.name}」已停用，不能入库` });
    if (docType !== 'count' && l.quantity <= 0) fields.push({ path: at('quantity'), message: '数量须大于 0' });
    if (l.productionDate && l.expiryDate && l.expiryDate < l.productionDate) fields.push({ path: at('expiryDate'), message: '到期日期不能早于生产日期' });
    if (docType !== 'inbound' && docType !== 'outbound' && l.boxCodes.length) fields.push({ path: at('boxCodes'), message: '只有入库单和出库单登记箱码' });
    if (docType === 'outbound' && l.boxCodes.length && p) {
      // each box code is a box of the product's pack: together no more than the quantity issued
      const units = l.boxCodes.length * Math.max(1, p.packSize ?? 1);
      if (p.trackCodes !== 1) fields.push({ path: at('boxCodes'), message: `商品「${p.name}」不按箱码管理，不用录箱码` });
      else if (units > l.quantity) fields.push({ path: at('boxCodes'), message: `箱码 ${l.boxCodes.length} 箱共 ${units} ${p.unit}，超过出库数量 ${l.quantity} ${p.unit}` });
    }
    for (const code of l.boxCodes) {
      if (seenCodes.has(code)) fields.push({ path: at('boxCodes'), message: `箱码「${code}」重复` });
      seenCodes.add(code);
    }
    if (docType === 'count') countKeys.set(l.productId, [...(countKeys.get(l.productId) ?? []), l.batchNo ?? '*']);
    // goods received with a production date and no expiry date: the product's shelf life gives it
    const expiryDate = l.expiryDate ?? (docType === 'inbound' && l.productionDate && p?.shelfLifeDays ? addDays(l.productionDate, p.shelfLifeDays) : null);
    return { productId: l.productId, batchNo: l.batchNo, productionDate: l.productionDate, expiryDate, quantity: l.quantity, remarks: l.remarks, boxCodes: l.boxCodes };
  });
  for (const [productId, keys] of countKeys) {
    if (new Set(keys).size !== keys.length || (keys.includes('*') && keys.length > 1)) {
      const i = body.lines.findLastIndex((l) => l.productId === productId);
      fields.push({ path: `lines.${i}.batchNo`, message: '同一商品同一批次在盘点单中只能出现一次（不填批号即盘点该商品全部批次）' });
    }
  }
  if (fields.length) throw validationFailed(fields);
  return lines;
}

const headerOf = (docType: StockDocType, body: DocumentBody) => ({
  warehouseId: body.warehouseId,
  toWarehouseId: docType === 'transfer' ? body.toWarehouseId : null,
  businessDate: body.businessDate ?? businessDate(),
  counterparty: body.counterparty,
  reason: body.reason,
  remarks: body.remarks,
  handlerId: body.handlerId ?? null,
});

export async function createDocument(db: Db, ctx: RequestContext, docType: StockDocType, body: DocumentBody) {
  requirePermission(ctx, stockDocPermission[docType]);
  const id = await db.transaction().execute(async (tx) => {
    const lines = await checkBody(tx, ctx, docType, body, ctx.userId);
    const now = isoNow();
    const header = headerOf(docType, body);
    const row = await tx
      .insertInto('stockDocuments')
      .values({ companyId: ctx.companyId, docType, status: 'draft', ...header, createdBy: ctx.userId, createdAt: now, updatedAt: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await dr.insertLines(tx, ctx.companyId, row.id, lines);
    await writeAudit(tx, actorOf(ctx), { action: `stock_${docType}.create`, entity: 'stock_document', entityId: row.id, after: { docType, ...header, lines } });
    if (body.submit) await submitIn(tx, ctx, docType, row.id, 1);
    return row.id;
  });
  return getDocument(db, ctx, id);
}

export async function updateDocument(db: Db, ctx: RequestContext, docType: StockDocType, id: number, body: DocumentBody & { version: number }) {
  requirePermission(ctx, stockDocPermission[docType]);
  await db.transaction().execute(async (tx) => {
    const doc = await loadDocument(tx, ctx, docType, id);
    stockDocument.assertEditable(doc.status);
    if (doc.version !== body.version) throw staleVersion();
    const lines = await checkBody(tx, ctx, docType, body, doc.preparerId);
    const header = headerOf(docType, body);
    const res = await tx
      .updateTable('stockDocuments')
      .set({ ...header, updatedAt: isoNow(), version: body.version + 1 })
      .where('id', '=', id).where('companyId', '=', ctx.companyId).where('version', '=', body.version).where('status', '=', 'draft')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
    const before = await dr.linesOf(tx, ctx.companyId, id);
    await dr.replaceDraftLines(tx, ctx.companyId, id, lines);
    await writeAudit(tx, actorOf(ctx), {
      action: `stock_${docType}.update`, entity: 'stock_document', entityId: id,
      before: { warehouseId: doc.warehouseId, toWarehouseId: doc.toWarehouseId, businessDate: doc.businessDate, counterparty: doc.counterparty, reason: doc.reason, remarks: doc.remarks, handlerId: doc.handlerId, lines: before },
      after: { ...header, lines },
    });
    if (body.submit) await submitIn(tx, ctx, docType, id, body.version + 1);
  });
  return getDocument(db, ctx, id);
}

export async function submitDocument(db: Db, ctx: RequestContext, docType: StockDocType, id: number, version: number) {
  requirePermission(ctx, stockDocPermission[docType]);
  await db.transaction().execute((tx) => submitIn(tx, ctx, docType, id, version));
  return getDocument(db, ctx, id);
}

/** Numbers the draft and moves its stock, in the caller's transaction (all or nothing). */
async function submitIn(tx: Tx, ctx: RequestContext, docType: StockDocType, id: number, version: number) {
  const doc = await loadDocument(tx, ctx, docType, id);
  const status = stockDocument.next(doc.status, 'submit');
  if (doc.version !== version) throw staleVersion();
  const today = businessDate();
  if (doc.businessDate > today) throw inventoryError('DATE_IN_FUTURE', {}, [{ path: 'businessDate', message: '业务日期不能晚于今天' }]);
  if (doc.handlerId === null) throw inventoryError('HANDLER_REQUIRED', {}, [{ path: 'handlerId', message: '请选择经手人' }]);
  // the warehouses must still be active at submit (a draft may be older than a deactivation)
  const whIds = [doc.warehouseId, ...(doc.toWarehouseId ? [doc.toWarehouseId] : [])];
  if ((await repo.activeWarehouses(tx, ctx.companyId, whIds)).length !== whIds.length) throw inventoryError('WAREHOUSE_INVALID', {}, [{ path: 'warehouseId', message: '仓库不存在或已停用' }]);
  const number = await nextNumber(tx, ctx.companyId, stockDocNumbering[docType], doc.businessDate);
  const now = isoNow();
  const res = await tx
    .updateTable('stockDocuments')
    .set({ status, number, submittedAt: now, submittedBy: ctx.userId, updatedAt: now, version: version + 1 })
    .where('id', '=', id).where('companyId', '=', ctx.companyId).where('version', '=', version).where('status', '=', 'draft')
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
  const ref: DocRef = { docType, docId: id, docNo: number, businessDate: doc.businessDate, userId: ctx.userId };
  const lines = await dr.linesOf(tx, ctx.companyId, id);
  if (docType === 'inbound') await receiveInbound(tx, ctx, doc.warehouseId, ref, lines, now);
  else if (docType === 'outbound') {
    await issueStock(tx, ctx.companyId, ref, lines.map((l, i) => issueLine(doc.warehouseId, l, i)));
    await issueOutboundCodes(tx, ctx, { id, number }, lines, now);
  }
  else if (docType === 'transfer') await transfer(tx, ctx, doc.warehouseId, doc.toWarehouseId!, ref, lines);
  else await postCount(tx, ctx, doc.warehouseId, ref, lines, now);
  await writeAudit(tx, actorOf(ctx), { action: `stock_${docType}.submit`, entity: 'stock_document', entityId: id, before: { status: doc.status }, after: { status, number } });
}

const issueLine = (warehouseId: number, l: dr.LineRow, i: number, quantity = l.quantity): IssueLine => ({
  warehouseId, productId: l.productId, quantity, batchNo: l.batchNo, docLineId: l.id, path: `lines.${i}.quantity`,
});

async function receiveInbound(tx: Tx, ctx: RequestContext, warehouseId: number, ref: DocRef, lines: dr.LineRow[], now: string) {
  const codes = lines.flatMap((l) => (l.boxCodes ? (JSON.parse(l.boxCodes) as string[]) : []).map((code) => ({ code, productId: l.productId, warehouseId, batchNo: l.batchNo ?? '', inboundDocId: ref.docId })));
  const taken = await dr.liveCodes(tx, ctx.companyId, codes.map((c) => c.code));
  if (taken.length) throw boxCodeTaken(lines, taken[0]!.code);
  if ((await dr.registerCodes(tx, ctx.companyId, codes, now)) !== codes.length) {
    // registered by someone else since the check above: name one of them
    const again = await dr.liveCodes(tx, ctx.companyId, codes.map((c) => c.code));
    throw boxCodeTaken(lines, again.find((c) => c.status !== 'in_stock')?.code ?? codes[0]!.code);
  }
  const receive: ReceiveLine[] = lines.map((l) => ({
    warehouseId, productId: l.productId, quantity: l.quantity, batchNo: l.batchNo, productionDate: l.productionDate, expiryDate: l.expiryDate, docLineId: l.id,
  }));
  await receiveStock(tx, ctx.companyId, ref, receive);
}

/** The box codes of an outbound slip leave with it: each in stock, for the line's product, once. */
async function issueOutboundCodes(tx: Tx, ctx: RequestContext, doc: { id: number; number: string }, lines: dr.LineRow[], now: string) {
  for (const [i, l] of lines.entries()) {
    const codes = l.boxCodes ? (JSON.parse(l.boxCodes) as string[]) : [];
    if (!codes.length) continue;
    if ((await dr.issueCodes(tx, ctx.companyId, codes, { productId: l.productId }, doc, now)) === codes.length) continue;
    // some code was not in stock: name the first and say why
    for (const code of codes) {
      const c = await dr.codeState(tx, ctx.companyId, code);
      const why =
        !c || c.status === 'void' ? { zh: '未入库登记', en: 'never received' }
        : c.status === 'issued' && c.issuedDocNo !== doc.number ? { zh: `已随 ${c.issuedDocNo ?? '其他单据'} 出库`, en: `already left with ${c.issuedDocNo ?? 'another document'}` }
        : c.productId !== l.productId ? { zh: `是商品「${c.productName ?? ''}」的箱码`, en: `it belongs to ${c.productName ?? 'another product'}` }
        : null;
      if (why) throw inventoryError('BOX_CODE_UNAVAILABLE', { code, why: why.zh, whyEn: why.en }, [{ path: `lines.${i}.boxCodes`, message: `箱码「${code}」${why.zh}` }]);
    }
    throw staleVersion();
  }
}

function boxCodeTaken(lines: dr.LineRow[], code: string) {
  const i = lines.findIndex((l) => l.boxCodes && (JSON.parse(l.boxCodes) as string[]).includes(code));
  return inventoryError('BOX_CODE_TAKEN', { code }, [{ path: `lines.${Math.max(0, i)}.boxCodes`, message: `箱码「${code}」已登记过，不能重复登记` }]);
}

/** Out of one warehouse (the picked batch or FEFO), into the other with the same batches and dates. */
async function transfer(tx: Tx, ctx: RequestContext, fromId: number, toId: number, ref: DocRef, lines: dr.LineRow[]) {
  const issued = await issueStock(tx, ctx.companyId, ref, lines.map((l, i) => issueLine(fromId, l, i)));
  const receive: ReceiveLine[] = [];
  for (const take of issued) {
    const batch = await dr.batchOf(tx, ctx.companyId, fromId, take.productId, take.batchNo);
    receive.push({ warehouseId: toId, productId: take.productId, quantity: take.quantity, batchNo: take.batchNo, productionDate: batch?.productionDate ?? null, expiryDate: batch?.expiryDate ?? null, docLineId: take.docLineId });
  }
  await receiveStock(tx, ctx.companyId, ref, receive);
}

/**
 * A count: each line's book figure (the batch's on hand, or the product's when no batch is named) is
 * read under the level lock and kept on the line; the differences are posted as adjustments —
 * more counted: received into the batch; less: issued from it (or first-expiry-first-out).
 */
async function postCount(tx: Tx, ctx: RequestContext, warehouseId: number, ref: DocRef, lines: dr.LineRow[], now: string) {
  await dr.lockLevels(tx, ctx.companyId, warehouseId, lines.map((l) => l.productId), now);
  // each product's level once, under its lock: the book of a line without a batch, and what the losses may take
  const levels = new Map<number, { onHand: number; reserved: number }>();
  for (const productId of new Set(lines.map((l) => l.productId))) levels.set(productId, await dr.levelOf(tx, ctx.companyId, warehouseId, productId));
  const receive: ReceiveLine[] = [];
  const issue: IssueLine[] = [];
  for (const [i, l] of lines.entries()) {
    const batch = l.batchNo ? await dr.batchOf(tx, ctx.companyId, warehouseId, l.productId, l.batchNo) : undefined;
    const book = l.batchNo ? (batch?.onHand ?? 0) : levels.get(l.productId)!.onHand;
    await tx.updateTable('stockDocumentLines').set({ bookQuantity: book }).where('id', '=', l.id).execute();
    const diff = l.quantity - book;
    if (diff > 0) {
      receive.push({ warehouseId, productId: l.productId, quantity: diff, batchNo: l.batchNo, productionDate: l.productionDate ?? batch?.productionDate ?? null, expiryDate: l.expiryDate ?? batch?.expiryDate ?? null, docLineId: l.id });
    } else if (diff < 0) issue.push(issueLine(warehouseId, l, i, -diff));
  }
  await assertLossesUnreserved(tx, ctx, warehouseId, lines, issue, levels);
  if (issue.length) await issueStock(tx, ctx.companyId, ref, issue);
  if (receive.length) await receiveStock(tx, ctx.companyId, ref, receive);
}

/**
 * A count's losses may not take units that orders have reserved: the stock core would refuse them as
 * a shortage ("需要 260"), which says nothing to a keeper who counted. Named here instead: how much is
 * lost, how much of the book is reserved, what may be written off, and what to do first.
 */
async function assertLossesUnreserved(
  tx: Tx, ctx: RequestContext, warehouseId: number, lines: dr.LineRow[], issue: IssueLine[], levels: Map<number, { onHand: number; reserved: number }>,
) {
  const loss = new Map<number, number>();
  for (const l of issue) loss.set(l.productId, (loss.get(l.productId) ?? 0) + l.quantity);
  for (const [productId, lost] of loss) {
    const level = levels.get(productId)!;
    if (level.onHand - lost >= level.reserved) continue;
    const i = lines.findIndex((l) => l.productId === productId);
    const l = lines[i]!;
    const w = await tx.selectFrom('warehouses').select('name').where('id', '=', warehouseId).executeTakeFirst();
    const params = {
      product: `${l.productName}${l.spec ? `（${l.spec}）` : ''}`, unit: l.unit, warehouse: w?.name ?? '', loss: lost,
      onHand: level.onHand, reserved: level.reserved, available: Math.max(0, level.onHand - level.reserved),
    };
    throw inventoryError('COUNT_BELOW_RESERVED', params, [{ path: `lines.${i}.quantity`, message: `已有 ${level.reserved} ${l.unit}被订单或留货预留，盘点后不能少于 ${level.reserved} ${l.unit}` }]);
  }
}

export async function discardDocument(db: Db, ctx: RequestContext, docType: StockDocType, id: number, version: number) {
  requirePermission(ctx, stockDocPermission[docType]);
  await db.transaction().execute(async (tx) => {
    const doc = await loadDocument(tx, ctx, docType, id);
    const status = stockDocument.next(doc.status, 'discard');
    if (doc.version !== version) throw staleVersion();
    const now = isoNow();
    const res = await tx
      .updateTable('stockDocuments')
      .set({ status, voidedAt: now, voidedBy: ctx.userId, updatedAt: now, version: version + 1 })
      .where('id', '=', id).where('companyId', '=', ctx.companyId).where('version', '=', version).where('status', '=', 'draft')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
    await writeAudit(tx, actorOf(ctx), { action: `stock_${docType}.discard`, entity: 'stock_document', entityId: id, before: { status: doc.status }, after: { status } });
  });
  return getDocument(db, ctx, id);
}

/** 作废: the document stays, marked void with who, when and why; its stock is taken back exactly. */
export async function voidDocument(db: Db, ctx: RequestContext, docType: StockDocType, id: number, body: { reason: string; version: number }) {
  requirePermission(ctx, stockDocPermission[docType]);
  await db.transaction().execute(async (tx) => {
    const doc = await loadDocument(tx, ctx, docType, id);
    stockDocument.assertVoidable(doc.status);
    if (doc.version !== body.version) throw staleVersion();
    const fields = voidFields(actorOf(ctx), body.reason);
    const res = await tx
      .updateTable('stockDocuments')
      .set({ ...fields, updatedAt: fields.voidedAt, version: body.version + 1 })
      .where('id', '=', id).where('companyId', '=', ctx.companyId).where('version', '=', body.version).where('status', 'in', ['submitted', 'signed'])
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
    if (docType === 'inbound') {
      const issued = await dr.issuedCodesOfInbound(tx, ctx.companyId, id);
      if (issued.length) throw inventoryError('BOX_CODE_ISSUED', { code: issued[0]!.code, docNo: issued[0]!.issuedDocNo ?? '' });
      await dr.voidCodesOfInbound(tx, ctx.companyId, id, fields.voidedAt);
    }
    if (docType === 'outbound') await dr.returnCodesOfOutbound(tx, ctx.companyId, id, fields.voidedAt);
    const ref: DocRef = { docType, docId: id, docNo: doc.number!, businessDate: doc.businessDate, userId: ctx.userId };
    await reverseStock(tx, ctx.companyId, ref, { businessDate: businessDate(), userId: ctx.userId });
    await writeAudit(tx, actorOf(ctx), { action: `stock_${docType}.void`, entity: 'stock_document', entityId: id, before: { status: doc.status }, after: { status: 'void', reason: fields.voidReason } });
  });
  return getDocument(db, ctx, id);
}

const signColumns = {
  keeper: { by: 'keeperSignedBy', at: 'keeperSignedAt' },
  preparer: { by: 'preparerSignedBy', at: 'preparerSignedAt' },
  handler: { by: 'handlerSignedBy', at: 'handlerSignedAt' },
} as const;

/** The document's places as the platform's signature rule sees them (src/platform/documents/signatures.ts). */
const signaturesOf = (doc: dr.DocumentRow): Signatures => ({
  signedBy: { keeper: doc.keeperSignedBy, preparer: doc.preparerSignedBy, handler: doc.handlerSignedBy },
  preparerId: doc.preparerId,
  handlerId: doc.handlerId,
});

/**
 * Why ctx may not sign `role` now, or null: a submitted document only, and the platform's rule — the
 * keeper's place needs stock.sign, the preparer's is the creator's, the handler's the named handler's (a
 * document from before handlers were named: anyone's), and nobody fills two places, so three people sign.
 */
function signRefusal(ctx: RequestContext, doc: dr.DocumentRow, role: SignRole) {
  const label = signRoleLabels[role];
  const refusal = platformSignRefusal(signaturesOf(doc), { id: ctx.userId, mayKeep: can(ctx, 'stock.sign') }, role);
  if (refusal?.kind === 'taken') return inventoryError('SIGN_TAKEN', { role: label.zh, roleEn: label.en, name: doc[`${role}SignedByName`] ?? '' });
  if (doc.status !== 'submitted') {
    const s = stockDocument.statusLabel(doc.status);
    return inventoryError('NOT_SIGNABLE', { status: s.zh, statusEn: s.en });
  }
  if (!refusal) return null;
  switch (refusal.kind) {
    case 'not_keeper':
      return inventoryError('SIGN_NOT_KEEPER');
    case 'not_preparer':
      return inventoryError('SIGN_NOT_PREPARER', { name: doc.preparerName ?? '' });
    case 'not_handler':
      return inventoryError('SIGN_NOT_HANDLER', { name: doc.handlerName ?? '' });
    case 'two_places':
      return inventoryError('SIGN_TWO_ROLES', { mine: signRoleLabels[refusal.mine].zh, mineEn: signRoleLabels[refusal.mine].en, role: label.zh, roleEn: label.en });
  }
}

/** A signature by the caller's own login (see signRefusal). All three given: the document is 已签字. */
export async function signDocument(db: Db, ctx: RequestContext, id: number, role: SignRole) {
  requirePermission(ctx, 'stock.read');
  await db.transaction().execute(async (tx) => {
    const doc = await dr.documentById(tx, ctx.companyId, id);
    if (!doc) throw notFound();
    const refusal = signRefusal(ctx, doc, role);
    if (refusal) throw refusal;
    const col = signColumns[role];
    const now = isoNow();
    let update = tx
      .updateTable('stockDocuments')
      .set({ [col.by]: ctx.userId, [col.at]: now, updatedAt: now, version: doc.version + 1 })
      .where('id', '=', id).where('companyId', '=', ctx.companyId).where('status', '=', 'submitted').where(col.by, 'is', null);
    // the same person signing two places at once: the second finds their name in the other place
    for (const other of signRoles.filter((r) => r !== role)) update = update.where((eb) => eb.or([eb(signColumns[other].by, 'is', null), eb(signColumns[other].by, '<>', ctx.userId)]));
    const res = await update.executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
    const after = await dr.documentById(tx, ctx.companyId, id);
    let status: string = doc.status;
    if (after && after.keeperSignedBy !== null && after.preparerSignedBy !== null && after.handlerSignedBy !== null) {
      status = stockDocument.next(doc.status, 'sign');
      await tx.updateTable('stockDocuments').set({ status }).where('id', '=', id).where('companyId', '=', ctx.companyId).execute();
    }
    await writeAudit(tx, actorOf(ctx), { action: `stock_${doc.docType}.sign`, entity: 'stock_document', entityId: id, after: { role, signedBy: ctx.userId, signedAt: now, status } });
  });
  return getDocument(db, ctx, id);
}
