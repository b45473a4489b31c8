import { builtinRoles, type DataScope } from '../../src/platform/permissions/catalog.ts';
import type { Client, TestApp } from '../fixtures/app.ts';
import { makeCompany, makeDepartment, makeUser, type TestCompany, type TestUser } from '../fixtures/factories.ts';
import { makeProduct, makeWarehouse, stockUp } from '../fixtures/factories.ts';
import { notify } from '../../src/modules/notifications/service.ts';
import { registerImportTarget } from '../../src/modules/imports/target.ts';
import { z } from 'zod';
import { NO_SUCH_ID } from './access-matrix-samples.ts';
import { makePostedSlips } from '../fixtures/sales.ts';

// The world the access matrix walks: company A with a department tree (root → 销售一部, 销售二部),
// a manager and two reps per department and one user of every other built-in role; company B with
// its own users. Every record made for the matrix carries a marker of its owner in its visible text
// (ZQOWN<owner>, ZQOTHERCO in company B) so that a response that leaks it is caught generically.

export const OTHER_COMPANY_MARK = 'ZQOTHERCO';
export const ownerMark = (key: string) => `ZQOWN${key}`;
/** The mark of a personal record (a notification, an import): no one but its user may see it. */
export const personalMark = (key: string) => `ZQME${key}`;

export type Params = Record<string, string | number>;

export type WorldUser = TestUser & { key: string; dataScope: DataScope };

export type World = {
  t: TestApp;
  a: TestCompany;
  b: TestCompany;
  dept1: number;
  dept2: number;
  users: Record<string, WorldUser>;
  /** who calls the API as each built-in role: rep → rep1a, manager → manager1, else the role's user in company A */
  callers: Record<string, WorldUser>;
  /** the owners whose records the matrix makes: two reps of 销售一部, one of 销售二部, a rep of company B */
  owners: WorldUser[];
  client: (user: WorldUser) => Promise<Client>;
  /** after a call that may have ended the caller's session (logout, password change): log in again */
  revive: (user: WorldUser) => Promise<void>;
  /** does `caller`'s data scope cover a record owned by `owner`? */
  covers: (caller: WorldUser, owner: WorldUser) => boolean;
  /** ids put into bodies and query strings for fields of these names (e.g. roleId) */
  idHint: (key: string) => number;
};

let seq = 0;
const uniq = () => `${Date.now().toString(36).slice(-4)}${++seq}`;

const scopeOf = (roleCode: string): DataScope => builtinRoles.find((r) => r.code === roleCode)!.dataScope;

export async function buildWorld(t: TestApp): Promise<World> {
  const a = await makeCompany(t.db, { name: '甲公司' });
  const b = await makeCompany(t.db, { name: `乙公司${OTHER_COMPANY_MARK}` });
  const dept1 = await makeDepartment(t.db, a, { name: '销售一部' });
  const dept2 = await makeDepartment(t.db, a, { name: '销售二部' });
  const users: Record<string, WorldUser> = {};
  const add = async (key: string, company: TestCompany, roleCode: string, departmentId: number, label: string) => {
    const u = await makeUser(t.db, company, { roleCode, departmentId, displayName: label, username: `m_${key}` });
    users[key] = { ...u, key, dataScope: scopeOf(roleCode) };
  };
  await add('manager1', a, 'manager', dept1, '一部经理');
  await add('rep1a', a, 'rep', dept1, '一部甲');
  await add('rep1b', a, 'rep', dept1, '一部乙');
  await add('manager2', a, 'manager', dept2, '二部经理');
  await add('rep2a', a, 'rep', dept2, '二部甲');
  await add('rep2b', a, 'rep', dept2, '二部乙');
  for (const role of builtinRoles) if (role.code !== 'rep' && role.code !== 'manager') await add(role.code, a, role.code, a.rootDepartmentId, `甲${role.name}`);
  await add('bAdmin', b, 'admin', b.rootDepartmentId, `乙管理员${OTHER_COMPANY_MARK}`);
  await add('bManager', b, 'manager', b.rootDepartmentId, `乙经理${OTHER_COMPANY_MARK}`);
  await add('bRep', b, 'rep', b.rootDepartmentId, `乙业务员${OTHER_COMPANY_MARK}`);
  // the keeper who signs company B's slips out: not the admin who writes and hands them (slips' three places)
  await add('bKeeper', b, 'warehouse', b.rootDepartmentId, `乙仓管${OTHER_COMPANY_MARK}`);

  const callers: Record<string, WorldUser> = {};
  for (const role of builtinRoles) callers[role.code] = users[role.code === 'rep' ? 'rep1a' : role.code === 'manager' ? 'manager1' : role.code]!;

  const clients = new Map<number, Client>();
  const client = async (u: WorldUser) => {
    let c = clients.get(u.id);
    if (!c) {
      c = await t.login(u);
      clients.set(u.id, c);
    }
    return c;
  };
  const revive = async (u: WorldUser) => {
    const c = clients.get(u.id);
    if (c && (await c.get('/api/auth/me')).status === 200) return;
    clients.set(u.id, await t.login(u));
  };
  const deptOf = (u: WorldUser) => u.departmentId;
  const covers = (caller: WorldUser, owner: WorldUser) => {
    if (caller.companyId !== owner.companyId) return false;
    if (caller.dataScope === 'company') return true;
    if (caller.dataScope === 'dept') return caller.id === owner.id || (caller.departmentId === a.rootDepartmentId ? true : deptOf(owner) === caller.departmentId);
    return caller.id === owner.id;
  };
  const hints: Record<string, number> = {
    roleId: a.roleIds.rep!,
    departmentId: dept1,
    parentId: dept1,
    companyId: a.id,
    userId: users.rep1b!.id,
    ownerId: users.rep1b!.id,
    toUserId: users.rep1b!.id,
    toOwnerId: users.rep1b!.id,
    assigneeId: users.rep1b!.id,
    managerUserId: users.manager1!.id,
  };
  return {
    t, a, b, dept1, dept2, users, callers,
    owners: [users.rep1a!, users.rep1b!, users.rep2a!, users.bRep!],
    client, revive, covers,
    idHint: (key) => hints[key] ?? hints[key.replace(/s$/, '')] ?? NO_SUCH_ID,
  };
}

/**
 * Record-scoped resources: a URL prefix with id params (e.g. '/api/customers/:id') and how to make
 * one record of it owned by a given user, its visible text carrying `mark`. Every route under the
 * prefix is then called on records in and out of the caller's scope and in the other company.
 * A module that adds an id route without a fixture here makes the access matrix fail.
 */
export type RecordFixture = {
  create: (w: World, owner: WorldUser, mark: string) => Promise<Params>;
  /** a personal record (notification, import job): only its own user may reach it, whatever the role's scope */
  personal?: boolean;
};

const managerOf = (w: World, u: WorldUser) => (u.companyId === w.b.id ? w.users.bManager! : u.departmentId === w.dept2 ? w.users.manager2! : w.users.manager1!);
const ok = (what: string, r: { status: number; body: any }) => {
  if (r.status !== 200) throw new Error(`fixture ${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

/** A customer owned by `owner`, entered by the owner through the customers API. */
export async function makeWorldCustomer(w: World, owner: WorldUser, name: string): Promise<number> {
  return ok('customer', await (await w.client(owner)).post('/api/customers', { name })).id;
}

export const recordFixtures: Record<string, RecordFixture> = {
  '/api/customers/:id': {
    create: async (w, owner, mark) => ({ id: await makeWorldCustomer(w, owner, `客户${mark}${uniq()}`) }),
  },
  '/api/leads/:id': {
    create: async (w, owner, mark) => {
      const lead = ok('lead', await (await w.client(owner)).post('/api/leads', { contactName: `联系人${mark}`, phone: '13800138000', channel: 'web' }));
      return { id: lead.id };
    },
  },
  // a request by `owner` for a customer of their own manager: visible to the requester's and the owner's scope, which here are one
  '/api/ownership-requests/:id': {
    create: async (w, owner, mark) => {
      const customerId = await makeWorldCustomer(w, managerOf(w, owner), `客户${mark}${uniq()}`);
      const r = ok('ownership request', await (await w.client(owner)).post('/api/ownership-requests', { customerId, reason: `理由${mark}` }));
      return { id: r.id };
    },
  },
  '/api/notifications/:id': {
    personal: true,
    create: async (w, owner, mark) => {
      await notify(w.t.db, { companyId: owner.companyId, userId: owner.id, kind: 'test', title: `通知${mark}${uniq()}` });
      const row = await w.t.db.selectFrom('notifications').select('id').where('userId', '=', owner.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
      return { id: row.id };
    },
  },
  // import jobs of a test kind that every built-in role may use: the access rules of jobs are the mechanism's, not the kind's
  '/api/imports/:id': {
    personal: true,
    create: async (w, owner, mark) => {
      registerMatrixImportTarget();
      const now = new Date().toISOString();
      const row = await w.t.db
        .insertInto('importJobs')
        .values({ companyId: owner.companyId, userId: owner.id, kind: MATRIX_IMPORT_KIND, fileName: `${mark}.xlsx`, status: 'preview', totalRows: 1, validRows: 1, invalidRows: 0, importedRows: 0, createdAt: now, updatedAt: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await w.t.db.insertInto('importRows').values({ jobId: row.id, rowNumber: 2, data: JSON.stringify({ name: `客户${mark}` }), errors: null, valid: 1 }).execute();
      return { id: row.id };
    },
  },
};

/**
 * Resources that belong to the company as a whole, not to an owner (administration). Routes under
 * these prefixes are called with an id of the caller's company (made fresh for writes) and with one
 * of the other company, which must be 404.
 */
export type CompanyFixture = { inCompany: (w: World) => Promise<Params>; otherCompany: (w: World) => Promise<Params> };

export const companyFixtures: Record<string, CompanyFixture> = {
  '/api/admin/companies/:id': {
    inCompany: async (w) => {
      const r = await (await w.client(w.users.admin!)).post('/api/admin/companies', { code: `X${uniq()}`, name: '新账套' });
      if (r.status !== 200) throw new Error(`fixture company: ${r.status} ${JSON.stringify(r.body)}`);
      return { id: r.body.id };
    },
    otherCompany: async (w) => ({ id: w.b.id }),
  },
  '/api/admin/departments/:id': {
    inCompany: async (w) => ({ id: await makeDepartment(w.t.db, w.a, { name: `部门${uniq()}` }) }),
    otherCompany: async (w) => ({ id: await makeDepartment(w.t.db, w.b, { name: `乙部门${OTHER_COMPANY_MARK}` }) }),
  },
  '/api/admin/roles/:id': {
    inCompany: async (w) => {
      const r = await (await w.client(w.users.admin!)).post('/api/admin/roles', { code: `r${uniq()}`, name: '自定义角色', dataScope: 'own', permissions: ['customer.read'] });
      if (r.status !== 200) throw new Error(`fixture role: ${r.status} ${JSON.stringify(r.body)}`);
      return { id: r.body.id };
    },
    otherCompany: async (w) => ({ id: w.b.roleIds.rep! }),
  },
  '/api/admin/users/:id': {
    inCompany: async (w) => ({ id: (await makeUser(w.t.db, w.a, { roleCode: 'rep', departmentId: w.dept1 })).id }),
    otherCompany: async (w) => ({ id: w.users.bRep!.id }),
  },
  // ── products (PRODUCTS engineer) ──
  '/api/products/:id': {
    inCompany: async (w) => ({ id: (await makeProduct(w.t.db, w.a, { name: `商品${uniq()}` })).id }),
    otherCompany: async (w) => ({ id: (await makeProduct(w.t.db, w.b, { name: `乙商品${OTHER_COMPANY_MARK}` })).id }),
  },
  // made inactive, so that fixtures never clash on the one-active-list-per-scope rule
  '/api/price-lists/:id': {
    inCompany: async (w) => ({ id: await makePriceList(w, w.a, `价格表${uniq()}`) }),
    otherCompany: async (w) => ({ id: await makePriceList(w, w.b, `乙价格表${OTHER_COMPANY_MARK}`) }),
  },
};

async function makePriceList(w: World, company: TestCompany, name: string): Promise<number> {
  const now = new Date().toISOString();
  const p = await makeProduct(w.t.db, company);
  const row = await w.t.db
    .insertInto('priceLists')
    .values({ companyId: company.id, code: `PL${uniq()}`, name, orderType: 'wholesale', customerClass: null, active: 0, createdBy: 0, createdAt: now, updatedAt: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await w.t.db.insertInto('priceListItems').values({ companyId: company.id, priceListId: row.id, productId: p.id, unitPrice: 10_000 }).execute();
  return row.id;
}

export const MATRIX_IMPORT_KIND = 'matrix_test';
function registerMatrixImportTarget() {
  registerImportTarget({
    kind: MATRIX_IMPORT_KIND,
    label: '测试',
    permission: 'customer.read',
    columns: [{ key: 'name', header: '名称', required: true }],
    rowSchema: z.object({ name: z.string() }),
    checkRows: async () => new Map(),
    insertRows: async (_tx, _ctx, rows) => rows.length,
  });
}

/** Bodies the sample generator cannot guess, by "METHOD url". */
export const sampleBodies: Record<string, (w: World, params: Params) => unknown> = {
  // a rep may not name an assignee (lead.assign): the generator's every-field sample would
  'POST /api/leads': () => ({ contactName: '联系人', phone: '13800138000', channel: 'web' }),
};

// ── sales slips (SLIPS engineer) ──────────────────────────────────────────────────────────────
// A slip is owned by its rep (the handler of a walk-in slip): written by the company's clerk (company
// B: its admin) for the owner, with stock put in first. Reconciliations are company-wide (a driver's day).
const slipStock = new Map<number, Promise<{ warehouseId: number; productId: number }>>();
function slipGoods(w: World, company: TestCompany) {
  if (!slipStock.has(company.id)) {
    slipStock.set(company.id, (async () => {
      const wh = await makeWarehouse(w.t.db, company, { name: `仓库${uniq()}` });
      const p = await makeProduct(w.t.db, company, { name: `商品${uniq()}`, listPrice: 50_000 });
      await stockUp(w.t.db, company, { warehouseId: wh.id, productId: p.id, quantity: 100_000 });
      return { warehouseId: wh.id, productId: p.id };
    })());
  }
  return slipStock.get(company.id)!;
}
const slipWriter = (w: World, companyId: number) => (companyId === w.b.id ? w.users.bAdmin! : w.users.clerk!);
async function makeWorldSlip(w: World, owner: WorldUser, mark: string, extra: Record<string, unknown> = {}): Promise<number> {
  const company = owner.companyId === w.b.id ? w.b : w.a;
  const g = await slipGoods(w, company);
  const body = { customerName: `客户${mark}${uniq()}`, warehouseId: g.warehouseId, handlerId: owner.id, lines: [{ productId: g.productId, quantity: 1 }], ...extra };
  return ok('slip', await (await w.client(slipWriter(w, owner.companyId))).post('/api/slips', body)).id;
}
recordFixtures['/api/slips/:id'] = { create: async (w, owner, mark) => ({ id: await makeWorldSlip(w, owner, mark) }) };

/** A reconciliation of a driver's day: a slip whose writer is also its handler, signed by all three and sent out. */
async function makeWorldReconciliation(w: World, company: TestCompany): Promise<Params> {
  const writer = slipWriter(w, company.id);
  const keeper = company.id === w.b.id ? w.users.bKeeper! : w.users.warehouse!;
  const driver = `司机${uniq()}`;
  const id = await makeWorldSlip(w, writer, company.id === w.b.id ? OTHER_COMPANY_MARK : '', { driverName: driver });
  const c = await w.client(writer);
  ok('sign keeper', await (await w.client(keeper)).post(`/api/slips/${id}/sign`, { as: 'keeper' }));
  ok('sign preparer', await c.post(`/api/slips/${id}/sign`, { as: 'preparer' }));
  const signed = ok('sign handler', await c.post(`/api/slips/${id}/sign`, { as: 'handler' }));
  ok('deliver', await c.post(`/api/slips/${id}/deliver`, { version: signed.version }));
  const rec = ok('reconciliation', await c.post('/api/slip-reconciliations', { driverName: driver, businessDate: signed.businessDate }));
  return { id: rec.id };
}
companyFixtures['/api/slip-reconciliations/:id'] = {
  inCompany: (w) => makeWorldReconciliation(w, w.a),
  otherCompany: (w) => makeWorldReconciliation(w, w.b),
};

// ── sales orders (ORDERS engineer) ───────────────────────────────────────────────────────────
// An order is owned by its rep: entered by the owner for their own customer, a draft whose
// remarks carry the owner's mark, from a warehouse and product of the owner's company with stock.
const orderStock = new Map<number, Promise<{ warehouseId: number; productId: number }>>();
function orderGoods(w: World, company: TestCompany) {
  if (!orderStock.has(company.id)) {
    orderStock.set(company.id, (async () => {
      const wh = await makeWarehouse(w.t.db, company, { name: `订单仓库${uniq()}` });
      const p = await makeProduct(w.t.db, company, { name: `订单商品${uniq()}`, listPrice: 50_000 });
      await stockUp(w.t.db, company, { warehouseId: wh.id, productId: p.id, quantity: 100_000 });
      return { warehouseId: wh.id, productId: p.id };
    })());
  }
  return orderStock.get(company.id)!;
}
recordFixtures['/api/orders/:id'] = {
  create: async (w, owner, mark) => {
    const g = await orderGoods(w, owner.companyId === w.b.id ? w.b : w.a);
    const customerId = await makeWorldCustomer(w, owner, `客户${mark}${uniq()}`);
    const body = { customerId, orderType: 'direct', paymentTerm: 'cash', warehouseId: g.warehouseId, remarks: `备注${mark}`, lines: [{ productId: g.productId, quantity: 1 }] };
    return { id: ok('order', await (await w.client(owner)).post('/api/orders', body)).id };
  },
};

// ── holds 留货 ──
// A hold is owned by the rep of its customer: taken by the owner for their own customer, its holder
// name carrying the owner's mark, on the orders' goods (a fresh customer and phone each: once-only rule).
let holdPhone = 0;
recordFixtures['/api/holds/:id'] = {
  create: async (w, owner, mark) => {
    const g = await orderGoods(w, owner.companyId === w.b.id ? w.b : w.a);
    const customerId = await makeWorldCustomer(w, owner, `客户${mark}${uniq()}`);
    const body = { customerId, productId: g.productId, warehouseId: g.warehouseId, quantity: 1, deposit: 30_000, holderName: `保留人${mark}`, holderPhone: `1370000${String(++holdPhone).padStart(4, '0')}` };
    return { id: ok('hold', await (await w.client(owner)).post('/api/holds', body)).id };
  },
};
// a hold with a special-price request of its owner, for the manager's decision
recordFixtures['/api/holds/:id/requests/:requestId'] = {
  create: async (w, owner, mark) => {
    const { id } = await recordFixtures['/api/holds/:id']!.create(w, owner, mark);
    const asked = ok('hold request', await (await w.client(owner)).post(`/api/holds/${id}/requests`, { kind: 'special_price', unitPrice: 40_000, reason: `理由${mark}` }));
    return { id, requestId: asked.requests[0].id };
  },
};

// ── inventory (INVENTORY engineer) ───────────────────────────────────────────────────────────
// Warehouses, stock documents and purchase requests belong to the company as a whole. Documents
// are drafts of each kind made fresh (a submit then really moves stock), or submitted inbound slips
// (stockUp) for the routes that read and sign any kind.
const inventoryGoods = new Map<number, Promise<{ warehouseId: number; toWarehouseId: number; productId: number; userId: number }>>();
function stockWorld(w: World, company: TestCompany) {
  if (!inventoryGoods.has(company.id)) {
    inventoryGoods.set(company.id, (async () => {
      const mark = company.id === w.b.id ? OTHER_COMPANY_MARK : '';
      const wh = await makeWarehouse(w.t.db, company, { name: `库存仓库${mark}${uniq()}` });
      const to = await makeWarehouse(w.t.db, company, { name: `调入仓库${mark}${uniq()}` });
      const p = await makeProduct(w.t.db, company, { name: `库存商品${mark}${uniq()}` });
      await stockUp(w.t.db, company, { warehouseId: wh.id, productId: p.id, quantity: 100_000 });
      const userId = company.id === w.b.id ? w.users.bAdmin!.id : w.users.warehouse!.id;
      return { warehouseId: wh.id, toWarehouseId: to.id, productId: p.id, userId };
    })());
  }
  return inventoryGoods.get(company.id)!;
}
async function makeStockDraft(w: World, company: TestCompany, docType: string): Promise<Params> {
  const g = await stockWorld(w, company);
  const now = new Date().toISOString();
  const doc = await w.t.db
    .insertInto('stockDocuments')
    .values({
      companyId: company.id, docType, status: 'draft', warehouseId: g.warehouseId, toWarehouseId: docType === 'transfer' ? g.toWarehouseId : null,
      businessDate: now.slice(0, 10), counterparty: docType === 'outbound' ? '领用单位' : null, reason: docType === 'outbound' ? '样品' : null,
      createdBy: g.userId, createdAt: now, updatedAt: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await w.t.db.insertInto('stockDocumentLines').values({ companyId: company.id, documentId: doc.id, lineNo: 1, productId: g.productId, quantity: 1 }).execute();
  return { id: doc.id };
}
async function makeSubmittedInbound(w: World, company: TestCompany): Promise<Params> {
  const g = await stockWorld(w, company);
  return { id: (await stockUp(w.t.db, company, { warehouseId: g.warehouseId, productId: g.productId, quantity: 5, userId: g.userId })).documentId };
}
async function makePurchaseRequest(w: World, company: TestCompany): Promise<Params> {
  const g = await stockWorld(w, company);
  const now = new Date().toISOString();
  const row = await w.t.db
    .insertInto('purchaseRequests')
    .values({ companyId: company.id, number: `QG-T${uniq()}`, status: 'open', productId: g.productId, warehouseId: g.warehouseId, quantity: 10, sourceType: 'manual', createdBy: g.userId, createdAt: now, updatedAt: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id };
}
companyFixtures['/api/warehouses/:id'] = {
  inCompany: async (w) => ({ id: (await makeWarehouse(w.t.db, w.a, { name: `仓库${uniq()}` })).id }),
  otherCompany: async (w) => ({ id: (await makeWarehouse(w.t.db, w.b, { name: `乙仓库${OTHER_COMPANY_MARK}` })).id }),
};
companyFixtures['/api/stock-documents/:id'] = { inCompany: (w) => makeSubmittedInbound(w, w.a), otherCompany: (w) => makeSubmittedInbound(w, w.b) };
for (const docType of ['inbound', 'outbound', 'transfer', 'count']) {
  companyFixtures[`/api/stock-documents/${docType}/:id`] = { inCompany: (w) => makeStockDraft(w, w.a, docType), otherCompany: (w) => makeStockDraft(w, w.b, docType) };
}
companyFixtures['/api/purchase-requests/:id'] = { inCompany: (w) => makePurchaseRequest(w, w.a), otherCompany: (w) => makePurchaseRequest(w, w.b) };
// every role that reads stock may sign as handler (the keeper's signature needs stock.sign)
sampleBodies['POST /api/stock-documents/:id/sign'] = () => ({ role: 'handler' });

// ── receipts, allocations, statements (RECEIPTS engineer) ────────────────────────────────────
// A receipt (and a statement) belongs to the customer's owner: the customer is entered by the owner
// (its name carries the mark), the receipt recorded by the company's clerk (company B: its admin).
// An allocation applies such a receipt to a posted slip of that customer (slip made, signed,
// reconciled and posted through the API, the writer also its handler).
const receiptWriter = slipWriter;
async function makeWorldReceipt(w: World, owner: WorldUser, mark: string): Promise<{ receiptId: number; customerId: number; customerName: string }> {
  const customerName = `客户${mark}${uniq()}`;
  const customerId = await makeWorldCustomer(w, owner, customerName);
  const body = { customerId, receiptDate: '2026-11-20', method: 'bank_transfer', amount: 100_000, reference: `流水${mark}`, remarks: `备注${mark}` };
  return { receiptId: ok('receipt', await (await w.client(receiptWriter(w, owner.companyId))).post('/api/receipts', body)).id, customerId, customerName };
}
recordFixtures['/api/receipts/:id'] = { create: async (w, owner, mark) => ({ id: (await makeWorldReceipt(w, owner, mark)).receiptId }) };
recordFixtures['/api/receipt-allocations/:id'] = {
  create: async (w, owner, mark) => {
    const { receiptId, customerId, customerName } = await makeWorldReceipt(w, owner, mark);
    const company = owner.companyId === w.b.id ? w.b : w.a;
    const g = await slipGoods(w, company);
    const writer = receiptWriter(w, owner.companyId);
    const c = await w.client(writer);
    const keeper = await w.client(company.id === w.b.id ? w.users.bKeeper! : w.users.warehouse!);
    const finance = await w.client(company.id === w.b.id ? w.users.bAdmin! : w.users.finance!);
    const [slip] = await makePostedSlips({ clerk: c, keeper, handler: c, finance, handlerId: writer.id, warehouseId: g.warehouseId }, { id: customerId, name: customerName }, [[{ productId: g.productId, quantity: 1 }]]);
    const r = ok('allocation', await c.post(`/api/receipts/${receiptId}/allocations`, { allocations: [{ targetType: 'sales_slip', targetId: slip!.id, amount: 100 }] }));
    return { id: r.allocations[0].id };
  },
};
recordFixtures['/api/customer-statements/:id'] = {
  create: async (w, owner, mark) => {
    const customerId = await makeWorldCustomer(w, owner, `客户${mark}${uniq()}`);
    const st = ok('statement', await (await w.client(receiptWriter(w, owner.companyId))).post('/api/customer-statements', { customerId, from: '2026-11-01', to: '2026-11-30' }));
    return { id: st.id };
  },
};

// ── invoices (INVOICES engineer) ─────────────────────────────────────────────────────────────
// An invoice belongs to its customer's owner: the customer is entered by the owner (its name, and so
// the invoice's buyer name, carries the mark), a slip for it posted through the API, and the invoice
// issued from that slip by the company's clerk (company B: its admin).
async function makeWorldInvoice(w: World, owner: WorldUser, mark: string): Promise<{ invoiceId: number; customerId: number }> {
  const customerName = `客户${mark}${uniq()}`;
  const customerId = await makeWorldCustomer(w, owner, customerName);
  const company = owner.companyId === w.b.id ? w.b : w.a;
  const g = await slipGoods(w, company);
  const writer = slipWriter(w, owner.companyId);
  const c = await w.client(writer);
  const keeper = await w.client(company.id === w.b.id ? w.users.bKeeper! : w.users.warehouse!);
  const finance = await w.client(company.id === w.b.id ? w.users.bAdmin! : w.users.finance!);
  const [slip] = await makePostedSlips({ clerk: c, keeper, handler: c, finance, handlerId: writer.id, warehouseId: g.warehouseId }, { id: customerId, name: customerName }, [[{ productId: g.productId, quantity: 2 }]]);
  const inv = ok('invoice', await c.post('/api/invoices', { customerId, kind: 'normal', slipIds: [slip!.id], remarks: `备注${mark}` }));
  return { invoiceId: inv.id, customerId };
}
recordFixtures['/api/invoices/:id'] = { create: async (w, owner, mark) => ({ id: (await makeWorldInvoice(w, owner, mark)).invoiceId }) };
recordFixtures['/api/invoices/invoiceable/:customerId'] = { create: async (w, owner, mark) => ({ customerId: (await makeWorldInvoice(w, owner, mark)).customerId }) };
recordFixtures['/api/invoices/orders/:customerId'] = { create: async (w, owner, mark) => ({ customerId: await makeWorldCustomer(w, owner, `客户${mark}${uniq()}`) }) };

// ── collection plans and dunning (COLLECTIONS engineer) ──────────────────────────────────────
// A plan and a dunning call belong to the customer's owner: the customer is entered by the owner
// (its name carries the mark); the plan is made by the company's clerk (company B: its admin), the
// call logged by the owner themself (reps log their own calls); the mark is in the plan's title and
// in the call's result too.
recordFixtures['/api/collection-plans/:id'] = {
  create: async (w, owner, mark) => {
    const customerId = await makeWorldCustomer(w, owner, `客户${mark}${uniq()}`);
    const body = { customerId, title: `回款计划${mark}`, startDate: '2026-11-01', lines: [{ dueDate: '2026-12-31', amount: 100_000 }] };
    return { id: ok('plan', await (await w.client(slipWriter(w, owner.companyId))).post('/api/collection-plans', body)).id };
  },
};
recordFixtures['/api/dunning-actions/:id'] = {
  create: async (w, owner, mark) => {
    const customerId = await makeWorldCustomer(w, owner, `客户${mark}${uniq()}`);
    const body = { customerId, actionDate: '2026-11-20', method: 'phone', result: `答应下周付款${mark}`, promisedAmount: 50_000, promisedDate: '2026-11-27' };
    return { id: ok('dunning', await (await w.client(owner)).post('/api/dunning-actions', body)).id };
  },
};
recordFixtures['/api/customers/:customerId/collection'] = {
  create: async (w, owner, mark) => ({ customerId: await makeWorldCustomer(w, owner, `客户${mark}${uniq()}`) }),
};

// ── receivables (RECEIVABLES engineer) ──────────────────────────────────────────────────────
// A customer's open documents belong to the customer's owner: the customer is entered by the owner,
// its name (carrying the mark) heads the drill-down even when nothing is owed.
recordFixtures['/api/receivables/customers/:id'] = {
  create: async (w, owner, mark) => ({ id: await makeWorldCustomer(w, owner, `客户${mark}${uniq()}`) }),
};

// ── group-robot push (notifications; engineer I) ─────────────────────────────────────────────
// A robot's webhook address: a closed local port, so a test message fails at once (connection refused)
// instead of reaching out of the machine.
const sampleRobot = { channel: 'wecom', name: '销售群', url: 'http://127.0.0.1:9/cgi-bin/webhook/send?key=sample' };
sampleBodies['PUT /api/notifications/robots'] = () => ({ items: [{ ...sampleRobot, enabled: true, kinds: ['lead.assigned'] }] });
sampleBodies['POST /api/notifications/robots/test'] = () => sampleRobot;
