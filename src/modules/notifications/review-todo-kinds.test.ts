import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDb } from '../../../test/fixtures/db.ts';
import { makeCompany, makeUser } from '../../../test/fixtures/factories.ts';
import type { DbHandle } from '../../db/database.ts';
import { up } from '../../db/migrations/20261124T113000-split-order-review-todo-kinds.ts';

// The migration that gives an order's review to-dos written before each review had its own kind the kind
// their title names; other notifications keep theirs.

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(() => h.close());

it('gives the old order.review to-dos the kind of the review their title names', async () => {
  const company = await makeCompany(h.db);
  const user = await makeUser(h.db, company, { roleCode: 'finance' });
  const rows = [
    { kind: 'order.review', title: '订单 SO202611240001 待财务审核' },
    { kind: 'order.review', title: '订单 SO202611240001 待物流审核' },
    { kind: 'order.returned', title: '订单 SO202611240002 被退回：待财务审核' },
  ];
  const createdAt = '2026-11-24T03:00:00.000Z';
  await h.db.insertInto('notifications').values(rows.map((r, i) => ({ companyId: company.id, userId: user.id, ...r, entity: 'sales_order', entityId: i + 1, createdAt }))).execute();
  await up(h.db);
  const after = await h.db.selectFrom('notifications').select(['kind', 'title']).where('companyId', '=', company.id).orderBy('entityId').execute();
  expect(after.map((n) => n.kind)).toEqual(['order.review.finance', 'order.review.logistics', 'order.returned']);
});
