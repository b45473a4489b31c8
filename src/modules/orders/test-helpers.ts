// Test data builders for the orders tests (defaults plus overrides).
import type { Db } from '../../db/database.ts';
import { isoNow } from '../../platform/time.ts';
import type { TestCompany } from '../../../test/fixtures/factories.ts';
import { makeCustomer } from '../customers/ownership.fixtures.ts';
import { readSettings } from '../admin/service.ts';
import { searchColumns } from '../customers/service.ts';
import type { CompanySettings } from '../admin/schema.ts';

/** A customer with a contact, phone, default address and (optionally) a credit profile. */
export async function orderCustomer(
  db: Db,
  company: TestCompany,
  o: { ownerId?: number | null; name?: string; credit?: { limit: number; terms: string[] } | null; classification?: 'potential' | 'formal' | 'vip' } = {},
) {
  const c = await makeCustomer(db, company, { ownerId: o.ownerId ?? null, name: o.name, classification: o.classification });
  await db.updateTable('customers').set({ primaryContact: '李四', primaryPhone: '13900001111', address: '昆明市盘龙区北京路 1 号', ...searchColumns(c.name) }).where('id', '=', c.id).execute();
  await db.insertInto('customerAddresses').values({ companyId: company.id, customerId: c.id, label: '仓库', address: '昆明市官渡区仓库路 8 号', receiver: '李四', phone: null, isDefault: 1, createdAt: isoNow() }).execute();
  if (o.credit) {
    await db.insertInto('customerCredit').values({ customerId: c.id, companyId: company.id, rating: 'B', creditLimit: o.credit.limit, paymentTerms: JSON.stringify(o.credit.terms), prepayRequired: 0, checkedAt: '2026-11-01', checkedBy: 1, updatedAt: isoNow() }).execute();
  }
  return c;
}

/** Changes the orders part of a company's settings. */
export async function setOrderSettings(db: Db, companyId: number, orders: Partial<CompanySettings['orders']>) {
  const { settings } = await readSettings(db, companyId);
  const next = { ...settings, orders: { ...settings.orders, ...orders } };
  await db.updateTable('companies').set({ settings: JSON.stringify(next) }).where('id', '=', companyId).execute();
}
