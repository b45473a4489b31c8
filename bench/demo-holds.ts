import type { Db } from '../src/db/database.ts';
import type { RequestContext } from '../src/platform/permissions/context.ts';
import { addDays } from '../src/platform/time.ts';
import { createHold, decideHoldRequest, firmHold, releaseHold, requestOnHold } from '../src/modules/holds/service.ts';
import { holdCreateBody, holdFirmBody } from '../src/modules/holds/schema.ts';
import { createOrder } from '../src/modules/orders/service.ts';
import { orderCreateBody } from '../src/modules/orders/schema.ts';
import type { DemoOrg } from './demo-staff.ts';

// The demo company's holds 留货 (订金/定金, MISSION.md §4): a few customers of 直销部 and 批发部 hold
// cases of 滇源老窖 for a banquet against a deposit. One is still held with a special price waiting for
// the manager, one is firm with an extension waiting, one firm with an extension approved, one given
// up (deposit refunded), and one became an order. Through the services, as the reps and managers.

type Ctx = RequestContext;

export async function writeDemoHolds(db: Db, org: DemoOrg, ctxOf: (userId: number) => Promise<Ctx>, today: string): Promise<Record<string, number>> {
  const companyId = org.companyId;
  const [direct, wholesale] = org.departments;
  const warehouse = await db.selectFrom('warehouses').select('id').where('companyId', '=', companyId).orderBy('id').executeTakeFirstOrThrow();
  const product = (code: string) => db.selectFrom('products').select(['id', 'listPrice']).where('companyId', '=', companyId).where('code', '=', code).executeTakeFirstOrThrow();
  const lj52 = await product('DY-LJ52-500');
  const lj42 = await product('DY-LJ42-500');
  const customersOf = (ownerId: number) => db.selectFrom('customers').select('id').where('companyId', '=', companyId).where('ownerId', '=', ownerId).orderBy('id').limit(3).execute();
  const repA = await ctxOf(direct!.repIds[0]!);
  const repB = await ctxOf(wholesale!.repIds[0]!);
  const managerB = await ctxOf(wholesale!.managerId);
  const [a1, a2, a3] = await customersOf(repA.userId);
  const [b1, b2] = await customersOf(repB.userId);
  const hold = (ctx: Ctx, customerId: number, productId: number, quantity: number, deposit: number, remarks: string) =>
    createHold(db, ctx, holdCreateBody.parse({ customerId, productId, warehouseId: warehouse.id, quantity, deposit, remarks }));
  const firm = (ctx: Ctx, h: { id: number; version: number }, firmDeposit: number, agreementNo: string) => firmHold(db, ctx, h.id, holdFirmBody.parse({ version: h.version, firmDeposit, agreementNo, depositMethod: 'bank_transfer' }));

  // held, with a special price for the manager to decide
  const h1 = await hold(repA, a1!.id, lj52.id, 120, 80_000, '春节年会用酒，客户比价中');
  await requestOnHold(db, repA, h1.id, { kind: 'special_price', unitPrice: Math.round(lj52.listPrice * 0.9), reason: '年会团购 10 箱，竞品报价低一成' });
  // firm, its extension waiting
  const h2 = await firm(repA, await hold(repA, a2!.id, lj42.id, 240, 80_000, '婚宴用酒'), 2_000_000, `RG-${today.slice(0, 4)}-0101`);
  await requestOnHold(db, repA, h2.id, { kind: 'extension', signBy: addDays(today, 12), reason: '客户婚期推迟一周，申请延期签约付款' });
  // firm, the extension approved
  const h3 = await firm(repB, await hold(repB, b1!.id, lj52.id, 360, 80_000, '酒店春节备货'), 3_000_000, `RG-${today.slice(0, 4)}-0102`);
  const asked = await requestOnHold(db, repB, h3.id, { kind: 'extension', signBy: addDays(today, 14), reason: '酒店资金周转，月底付款' });
  await decideHoldRequest(db, managerB, h3.id, asked.requests[0]!.id, { decision: 'approved', note: '同意延至月中，不再续延' });
  // given up: the deposit refunded
  const h4 = await hold(repB, b2!.id, lj42.id, 60, 30_000, '');
  await releaseHold(db, repB, h4.id, { version: h4.version, reason: '客户改订其他品牌', depositOutcome: 'refunded' });
  // became an order (直销 is confirmed at submit: the held cases pass to the order)
  const h5 = await firm(repA, await hold(repA, a3!.id, lj52.id, 48, 80_000, '公司庆典'), 1_000_000, `RG-${today.slice(0, 4)}-0103`);
  await createOrder(db, repA, orderCreateBody.parse({
    customerId: a3!.id, orderType: 'direct', paymentTerm: 'cash', warehouseId: warehouse.id, holdId: h5.id, submit: true,
    remarks: `留货单 ${h5.number} 转入：订金、定金转作货款`, lines: [{ productId: lj52.id, quantity: 48 }],
  }));
  return { holds: 5 };
}
