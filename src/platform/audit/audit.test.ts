import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDb } from '../../../test/fixtures/db.ts';
import type { DbHandle } from '../../db/database.ts';
import { sealAudit, verifyAudit, writeAudit } from './audit.ts';

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(() => h.close());

async function writeSome(n: number, db = h.db) {
  for (let i = 0; i < n; i++) {
    await db.transaction().execute((tx) => writeAudit(tx, { userId: 1, companyId: 1 }, { action: 'customer.update', entity: 'customer', entityId: i, before: { name: `旧${i}` }, after: { name: `新${i}` } }));
  }
}

describe('audit chain', () => {
  it('seals in order and verifies intact; a rolled-back write leaves no entry', async () => {
    await writeSome(20);
    await expect(h.db.transaction().execute(async (tx) => {
      await writeAudit(tx, { userId: 1, companyId: 1 }, { action: 'x', entity: 'customer', entityId: 99 });
      throw new Error('rollback');
    })).rejects.toThrow('rollback');
    expect(await sealAudit(h.db)).toBe(20);
    await writeSome(5);
    expect(await sealAudit(h.db)).toBe(5);
    const result = await verifyAudit(h.db);
    expect(result).toEqual({ ok: true, sealed: 25, unsealed: 0 });
  });

  it('detects an edited row, naming the first broken link', async () => {
    const target = await h.db.selectFrom('auditLog').select(['id', 'chainSeq']).where('chainSeq', '=', 7).executeTakeFirstOrThrow();
    await sql`update audit_log set after = ${JSON.stringify({ name: '篡改' })} where id = ${target.id}`.execute(h.db);
    const result = await verifyAudit(h.db);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.brokenAt).toEqual({ chainSeq: 7, id: target.id, reason: 'content' });
  });

  it('detects a removed row', async () => {
    const h2 = await createTestDb();
    try {
      await writeSome(6, h2.db);
      await sealAudit(h2.db);
      await sql`delete from audit_log where chain_seq = 3`.execute(h2.db);
      const result = await verifyAudit(h2.db);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.brokenAt.chainSeq).toBe(3);
    } finally {
      await h2.close();
    }
  });
});
