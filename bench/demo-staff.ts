import type { Tx } from '../src/db/database.ts';
import { bootstrapCompany } from '../src/modules/admin/service.ts';
import { searchKey } from '../src/platform/pinyin.ts';
import { isoNow } from '../src/platform/time.ts';
import type { Channel } from './customer-gen.ts';

// The demo company's people: a GM, three sales departments each with a manager and four reps,
// a clerk, a warehouse keeper and a finance user. Usernames are the pinyin of their names.

export const DEMO_CODE = 'DEMO';
export const DEMO_PASSWORD = 'Demo1234';
export const demoCompany = { code: DEMO_CODE, name: '滇源酒业销售有限公司', shortName: '滇源酒业', taxId: '91530100MA6DEMO01X', address: '云南省昆明市官渡区春城路 188 号', phone: '0871-63188888' };

type Person = { username: string; displayName: string; phone: string };
export const demoDepartments: { name: string; code: string; channel: Channel; manager: Person; reps: Person[] }[] = [
  {
    name: '直销部', code: 'ZX', channel: 'direct',
    manager: { username: 'zhangwei', displayName: '张伟', phone: '13808711001' },
    reps: [
      { username: 'lina', displayName: '李娜', phone: '13908711002' },
      { username: 'wanglei', displayName: '王磊', phone: '13908711003' },
      { username: 'liuyang', displayName: '刘洋', phone: '13908711004' },
      { username: 'chenjing', displayName: '陈静', phone: '13908711005' },
    ],
  },
  {
    name: '批发部', code: 'PF', channel: 'wholesale',
    manager: { username: 'zhaoqiang', displayName: '赵强', phone: '13808711011' },
    reps: [
      { username: 'yangfan', displayName: '杨帆', phone: '13908711012' },
      { username: 'huangli', displayName: '黄丽', phone: '13908711013' },
      { username: 'zhoujie', displayName: '周杰', phone: '13908711014' },
      { username: 'duanmin', displayName: '段敏', phone: '13908711015' },
    ],
  },
  {
    name: '地州商超部', code: 'DZ', channel: 'prefecture',
    manager: { username: 'suntao', displayName: '孙涛', phone: '13808711021' },
    reps: [
      { username: 'machao', displayName: '马超', phone: '13908711022' },
      { username: 'zhulin', displayName: '朱琳', phone: '13908711023' },
      { username: 'hujun', displayName: '胡军', phone: '13908711024' },
      { username: 'puhaiyan', displayName: '普海燕', phone: '13908711025' },
    ],
  },
];
export const demoStaff: (Person & { roleCode: string; title: string })[] = [
  { username: 'yangjianguo', displayName: '杨建国', phone: '13808710001', roleCode: 'gm', title: '总经理' },
  { username: 'hexue', displayName: '何雪', phone: '13908710002', roleCode: 'clerk', title: '销售内勤' },
  { username: 'luogang', displayName: '罗刚', phone: '13908710003', roleCode: 'warehouse', title: '仓管' },
  // signs the 仓管 place of the documents 罗刚 writes: three places, three people (docs/decisions.md)
  { username: 'zhoumin', displayName: '周敏', phone: '13908710005', roleCode: 'warehouse', title: '仓库主管' },
  { username: 'gaoyan', displayName: '高燕', phone: '13908710004', roleCode: 'finance', title: '财务' },
];

export type DemoUser = { id: number; username: string; displayName: string; roleCode: string; title: string; departmentId: number };
export type DemoDept = { id: number; name: string; channel: Channel; managerId: number; repIds: number[] };
export type DemoOrg = { companyId: number; rootDepartmentId: number; users: DemoUser[]; departments: DemoDept[]; gmId: number; clerkId: number };

/** The warehouse's two people: the keeper writes stock documents, the supervisor signs their 仓管 place. */
export function warehousePeople(org: DemoOrg): { keeperId: number; supervisorId: number } {
  const [keeper, supervisor] = org.users.filter((u) => u.roleCode === 'warehouse');
  return { keeperId: keeper!.id, supervisorId: supervisor!.id };
}

async function addUser(tx: Tx, companyId: number, roleId: number, departmentId: number, p: Person, passwordHash: string): Promise<number> {
  const taken = await tx.selectFrom('users').select('id').where('username', '=', p.username).executeTakeFirst();
  if (taken) throw new Error(`演示数据：用户名 ${p.username} 已被占用 / demo username ${p.username} is taken`);
  const user = await tx
    .insertInto('users')
    .values({ username: p.username, displayName: p.displayName, phone: p.phone, passwordHash, mustChangePassword: 0, searchKey: searchKey(p.displayName, p.username), createdAt: isoNow() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx.insertInto('memberships').values({ userId: user.id, companyId, roleId, departmentId, createdAt: isoNow() }).execute();
  return user.id;
}

/** The company, its departments and people, in the caller's transaction. */
export async function createDemoOrg(tx: Tx, passwordHash: string): Promise<DemoOrg> {
  const { companyId, roleIds, rootDepartmentId } = await bootstrapCompany(tx, demoCompany, { userId: null, companyId: null });
  const root = await tx.selectFrom('departments').select('path').where('id', '=', rootDepartmentId).executeTakeFirstOrThrow();
  const users: DemoUser[] = [];
  const departments: DemoDept[] = [];
  for (const s of demoStaff) {
    const id = await addUser(tx, companyId, roleIds[s.roleCode]!, rootDepartmentId, s, passwordHash);
    users.push({ id, username: s.username, displayName: s.displayName, roleCode: s.roleCode, title: s.title, departmentId: rootDepartmentId });
  }
  for (const d of demoDepartments) {
    const dept = await tx.insertInto('departments').values({ companyId, parentId: rootDepartmentId, name: d.name, code: d.code, path: 'tmp', createdAt: isoNow() }).returning('id').executeTakeFirstOrThrow();
    await tx.updateTable('departments').set({ path: `${root.path}${dept.id}/` }).where('id', '=', dept.id).execute();
    const managerId = await addUser(tx, companyId, roleIds.manager!, dept.id, d.manager, passwordHash);
    await tx.updateTable('departments').set({ managerUserId: managerId }).where('id', '=', dept.id).execute();
    users.push({ id: managerId, username: d.manager.username, displayName: d.manager.displayName, roleCode: 'manager', title: `${d.name}经理`, departmentId: dept.id });
    const repIds: number[] = [];
    for (const r of d.reps) {
      const id = await addUser(tx, companyId, roleIds.rep!, dept.id, r, passwordHash);
      repIds.push(id);
      users.push({ id, username: r.username, displayName: r.displayName, roleCode: 'rep', title: `${d.name}业务员`, departmentId: dept.id });
    }
    departments.push({ id: dept.id, name: d.name, channel: d.channel, managerId, repIds });
  }
  // the installation's administrator (first start) may look at the demo company too
  const admin = await tx.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirst();
  if (admin) await tx.insertInto('memberships').values({ userId: admin.id, companyId, roleId: roleIds.admin!, departmentId: rootDepartmentId, createdAt: isoNow() }).execute();
  const gmId = users.find((u) => u.roleCode === 'gm')!.id;
  const clerkId = users.find((u) => u.roleCode === 'clerk')!.id;
  return { companyId, rootDepartmentId, users, departments, gmId, clerkId };
}
