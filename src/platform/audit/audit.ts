import { createHash } from 'node:crypto';
import type { Db, Executor } from '../../db/database.ts';
import { prepared, type Params } from '../../db/prepared.ts';
import type { AuditLogTable } from '../../db/types.ts';
import { isoNow } from '../time.ts';

export type Actor = { userId: number | null; companyId: number | null; requestId?: string | null };

export type AuditEntry = {
  action: string; // e.g. 'customer.update', 'lead.void'
  entity: string; // table-like name: 'customer', 'lead', 'user'
  entityId: number | null;
  before?: unknown;
  after?: unknown;
  note?: string | null;
};

/** Records a write. Call it with the transaction that made the write, so both commit or neither. */
export async function writeAudit(tx: Executor, actor: Actor, entry: AuditEntry): Promise<void> {
  await writeAuditMany(tx, actor, [entry]);
}

/**
 * Records many writes of one actor in a few multi-row inserts (bulk moves: a transfer of thousands of
 * customers, the pool job). Same rows as writeAudit, same transaction rule.
 */
export async function writeAuditMany(tx: Executor, actor: Actor, entries: AuditEntry[], chunk = 500): Promise<void> {
  const at = isoNow();
  // a few entries (nearly every write; order entry writes two): a compiled template per count, not a Kysely build
  if (!entries.length) return;
  if (entries.length <= FEW) return void (await insertFew(tx, { rows: entries.map((entry) => auditRow(actor, entry, at)) }));
  for (let i = 0; i < entries.length; i += chunk) {
    await tx.insertInto('auditLog').values(entries.slice(i, i + chunk).map((entry) => auditRow(actor, entry, at))).execute();
  }
}

export type AuditRow = ReturnType<typeof auditRow>;
const FEW = 4;
const insertFew = prepared((db, p: Params<{ rows: AuditRow[] }>) => db.insertInto('auditLog').values(p.rows as AuditRow[]));

/** The row written for an entry (writeAuditMany); a statement that writes audit rows itself builds them here. */
export function auditRow(actor: Actor, entry: AuditEntry, at: string) {
  return {
    companyId: actor.companyId,
    userId: actor.userId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
    note: entry.note ?? null,
    requestId: actor.requestId ?? null,
    at,
  };
}

/** Only the fields that differ, for a readable before/after. */
export function diff<T extends Record<string, unknown>>(before: T, after: Partial<T>): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}

type Row = Pick<AuditLogTable, 'companyId' | 'userId' | 'action' | 'entity' | 'entityId' | 'before' | 'after' | 'note' | 'requestId' | 'at'> & {
  id: number;
};

export function linkHash(prevHash: string, seq: number, row: Row): string {
  const content = JSON.stringify([seq, row.id, row.companyId, row.userId, row.action, row.entity, row.entityId, row.before, row.after, row.note, row.requestId, row.at]);
  return createHash('sha256').update(prevHash).update(content).digest('hex');
}

const GENESIS = '0'.repeat(64);

/**
 * Seals unsealed audit rows onto the hash chain, in id order. Run by the jobs runner shortly after
 * writes, so that writers never wait on the chain head. Returns how many rows were sealed.
 */
export async function sealAudit(db: Db, batch = 2000): Promise<number> {
  let total = 0;
  for (;;) {
    const sealed = await db.transaction().execute(async (tx) => {
      const head = await tx.selectFrom('auditLog').select(['chainSeq', 'hash']).where('chainSeq', 'is not', null).orderBy('chainSeq', 'desc').limit(1).executeTakeFirst();
      const rows = await tx
        .selectFrom('auditLog')
        .select(['id', 'companyId', 'userId', 'action', 'entity', 'entityId', 'before', 'after', 'note', 'requestId', 'at'])
        .where('chainSeq', 'is', null)
        .orderBy('id')
        .limit(batch)
        .execute();
      let seq = head?.chainSeq ?? 0;
      let prev = head?.hash ?? GENESIS;
      for (const row of rows) {
        seq += 1;
        const hash = linkHash(prev, seq, row);
        await tx.updateTable('auditLog').set({ chainSeq: seq, prevHash: prev, hash }).where('id', '=', row.id).where('chainSeq', 'is', null).execute();
        prev = hash;
      }
      return rows.length;
    });
    total += sealed;
    if (sealed < batch) return total;
  }
}

export type VerifyResult = { ok: true; sealed: number; unsealed: number } | { ok: false; sealed: number; brokenAt: { chainSeq: number; id: number | null; reason: string } };

/** Walks the chain in order and reports the first link that does not match (edited, removed or reordered rows). */
export async function verifyAudit(db: Db, batch = 5000): Promise<VerifyResult> {
  let expectedSeq = 1;
  let prev = GENESIS;
  for (;;) {
    const rows = await db
      .selectFrom('auditLog')
      .select(['id', 'companyId', 'userId', 'action', 'entity', 'entityId', 'before', 'after', 'note', 'requestId', 'at', 'chainSeq', 'prevHash', 'hash'])
      .where('chainSeq', '>=', expectedSeq)
      .orderBy('chainSeq')
      .limit(batch)
      .execute();
    for (const row of rows) {
      const seq = row.chainSeq as number;
      if (seq !== expectedSeq) return { ok: false, sealed: expectedSeq - 1, brokenAt: { chainSeq: expectedSeq, id: null, reason: 'missing' } };
      if (row.prevHash !== prev) return { ok: false, sealed: seq - 1, brokenAt: { chainSeq: seq, id: row.id, reason: 'prev_hash' } };
      const hash = linkHash(prev, seq, row);
      if (hash !== row.hash) return { ok: false, sealed: seq - 1, brokenAt: { chainSeq: seq, id: row.id, reason: 'content' } };
      prev = hash;
      expectedSeq += 1;
    }
    if (rows.length < batch) break;
  }
  const unsealed = await db.selectFrom('auditLog').select((eb) => eb.fn.countAll<number>().as('n')).where('chainSeq', 'is', null).executeTakeFirstOrThrow();
  return { ok: true, sealed: expectedSeq - 1, unsealed: Number(unsealed.n) };
}

/** The history of one record, newest first, for its page. */
export async function historyOf(db: Executor, companyId: number, entity: string, entityId: number, limit = 200) {
  return db
    .selectFrom('auditLog')
    .leftJoin('users', 'users.id', 'auditLog.userId')
    .select(['auditLog.id', 'auditLog.action', 'auditLog.before', 'auditLog.after', 'auditLog.note', 'auditLog.at', 'users.displayName as userName'])
    .where('auditLog.companyId', '=', companyId)
    .where('auditLog.entity', '=', entity)
    .where('auditLog.entityId', '=', entityId)
    .orderBy('auditLog.id', 'desc')
    .limit(limit)
    .execute();
}
