import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/fixtures/app.ts';
import { makeCompany, makeUser, type TestCompany } from '../../../test/fixtures/factories.ts';
import { readSettings, settingsCacheStats } from './service.ts';

// readSettings keeps the zod parse of a company's settings per company and stored text: every call
// still reads the row, so what an admin saves (or a transaction writes, or rolls back) is seen at once.

let t: TestApp;
let company: TestCompany;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  company = await makeCompany(t.db);
  admin = await t.login(await makeUser(t.db, company, { roleCode: 'admin' }));
});
afterAll(() => t.close());

const counts = () => ({ ...settingsCacheStats });

describe('company settings cache', () => {
  it('parses the stored settings once while they do not change, and hands out one frozen object', async () => {
    const first = await readSettings(t.db, company.id);
    const before = counts();
    const again = await readSettings(t.db, company.id);
    expect(settingsCacheStats.hits).toBe(before.hits + 1);
    expect(settingsCacheStats.parses).toBe(before.parses);
    expect(again).toEqual(first);
    // a caller cannot change what the next caller gets: the object is frozen all the way down
    const basis = again.settings.receivables.basis;
    expect(Object.isFrozen(again.settings.receivables)).toBe(true);
    expect(() => {
      again.settings.receivables.basis = basis === 'slip' ? 'invoice' : 'slip';
    }).toThrow(TypeError);
    expect((await readSettings(t.db, company.id)).settings.receivables.basis).toBe(basis);
  });

  it('sees what an admin saves at once', async () => {
    const cur = (await admin.get('/api/admin/settings')).body as { settings: { receivables: { basis: string } }; version: number };
    expect((await readSettings(t.db, company.id)).settings.receivables.basis).toBe(cur.settings.receivables.basis);
    const next = cur.settings.receivables.basis === 'slip' ? 'invoice' : 'slip';
    const res = await admin.put('/api/admin/settings', { settings: { ...cur.settings, receivables: { ...cur.settings.receivables, basis: next } }, version: cur.version });
    expect(res.status).toBe(200);
    const before = counts();
    const read = await readSettings(t.db, company.id);
    expect(read.settings.receivables.basis).toBe(next);
    expect(read.version).toBe(cur.version + 1);
    expect(settingsCacheStats.parses).toBe(before.parses + 1);
    // and back
    const back = await admin.put('/api/admin/settings', { settings: cur.settings, version: cur.version + 1 });
    expect(back.status).toBe(200);
    expect((await readSettings(t.db, company.id)).settings.receivables.basis).toBe(cur.settings.receivables.basis);
  });

  it('a change inside a transaction is seen there, and not after it rolls back', async () => {
    const { settings } = await readSettings(t.db, company.id);
    const other = settings.receivables.basis === 'slip' ? 'invoice' : 'slip';
    const changed = JSON.stringify({ ...settings, receivables: { ...settings.receivables, basis: other } });
    await expect(
      t.db.transaction().execute(async (tx) => {
        await tx.updateTable('companies').set({ settings: changed }).where('id', '=', company.id).execute();
        expect((await readSettings(tx, company.id)).settings.receivables.basis).toBe(other);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await readSettings(t.db, company.id)).settings.receivables.basis).toBe(settings.receivables.basis);
  });

  it('keeps companies apart', async () => {
    const second = await makeCompany(t.db);
    const { settings } = await readSettings(t.db, company.id);
    const other = settings.receivables.basis === 'slip' ? 'invoice' : 'slip';
    await t.db.updateTable('companies').set({ settings: JSON.stringify({ ...settings, receivables: { ...settings.receivables, basis: other } }) }).where('id', '=', second.id).execute();
    expect((await readSettings(t.db, second.id)).settings.receivables.basis).toBe(other);
    expect((await readSettings(t.db, company.id)).settings.receivables.basis).toBe(settings.receivables.basis);
  });
});
