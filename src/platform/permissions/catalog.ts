// Every permission (one per action a role may be granted), grouped for the role editor.
// Modules add theirs here; the built-in roles below grant them.
export const permissionCatalog = {
  customer: {
    label: { zh: '客户', en: 'Customers' },
    actions: {
      'customer.read': { zh: '查看客户', en: 'View customers' },
      'customer.create': { zh: '新建客户', en: 'Create customers' },
      'customer.update': { zh: '修改客户', en: 'Edit customers' },
      'customer.followup': { zh: '记录跟进', en: 'Log follow-ups' },
      'customer.credit': { zh: '维护信用', en: 'Maintain credit' },
      'customer.transfer': { zh: '转移客户', en: 'Transfer customers' },
      'customer.import': { zh: '导入客户', en: 'Import customers' },
      'customer.export': { zh: '导出客户', en: 'Export customers' },
      'pool.claim': { zh: '从公海领取', en: 'Claim from the pool' },
      'pool.release': { zh: '放入公海', en: 'Release to the pool' },
      'ownership.request': { zh: '申请客户归属', en: 'Request ownership' },
      'ownership.decide': { zh: '裁决客户归属', en: 'Decide ownership requests' },
    },
  },
  lead: {
    label: { zh: '线索', en: 'Leads' },
    actions: {
      'lead.read': { zh: '查看线索', en: 'View leads' },
      'lead.create': { zh: '新建线索', en: 'Create leads' },
      'lead.update': { zh: '修改/跟进线索', en: 'Edit and work leads' },
      'lead.assign': { zh: '分配线索', en: 'Assign leads' },
      'lead.convert': { zh: '转化线索', en: 'Convert leads' },
      'lead.void': { zh: '关闭无效线索', en: 'Close leads as invalid' },
    },
  },
  admin: {
    label: { zh: '系统管理', en: 'Administration' },
    actions: {
      'admin.company': { zh: '账套管理', en: 'Companies' },
      'admin.department': { zh: '部门管理', en: 'Departments' },
      'admin.user': { zh: '用户管理', en: 'Users' },
      'admin.role': { zh: '角色与权限', en: 'Roles and permissions' },
      'admin.settings': { zh: '编号规则与参数', en: 'Numbering and settings' },
      'audit.read': { zh: '查看审计日志', en: 'Audit log' },
    },
  },
} as const;

type Catalog = typeof permissionCatalog;
export type Permission = { [G in keyof Catalog]: keyof Catalog[G]['actions'] }[keyof Catalog] & string;

export const allPermissions: Permission[] = Object.values(permissionCatalog).flatMap((g) => Object.keys(g.actions)) as Permission[];

export type DataScope = 'own' | 'dept' | 'company';

export type BuiltinRole = { code: string; name: string; dataScope: DataScope; permissions: Permission[] };

const customerWork: Permission[] = ['customer.read', 'customer.create', 'customer.update', 'customer.followup', 'customer.export', 'pool.claim', 'pool.release', 'ownership.request', 'lead.read', 'lead.create', 'lead.update', 'lead.convert', 'lead.void'];

/** The roles of MISSION.md, created in every new company; an admin may copy and change them. */
export const builtinRoles: BuiltinRole[] = [
  { code: 'rep', name: '销售代表', dataScope: 'own', permissions: customerWork },
  { code: 'manager', name: '销售经理', dataScope: 'dept', permissions: [...customerWork, 'customer.credit', 'customer.transfer', 'customer.import', 'ownership.decide', 'lead.assign'] },
  { code: 'clerk', name: '销售内勤', dataScope: 'company', permissions: ['customer.read', 'customer.create', 'customer.update', 'customer.followup', 'customer.import', 'customer.export', 'lead.read', 'lead.create', 'lead.update', 'lead.assign'] },
  { code: 'warehouse', name: '仓管', dataScope: 'company', permissions: ['customer.read'] },
  { code: 'finance', name: '财务', dataScope: 'company', permissions: ['customer.read', 'customer.credit', 'customer.export'] },
  { code: 'legal', name: '法务', dataScope: 'company', permissions: ['customer.read'] },
  { code: 'gm', name: '总经理', dataScope: 'company', permissions: [...customerWork, 'customer.credit', 'customer.transfer', 'customer.import', 'ownership.decide', 'lead.assign', 'audit.read'] },
  { code: 'service', name: '客服', dataScope: 'company', permissions: ['customer.read', 'customer.followup', 'lead.read', 'lead.create'] },
  { code: 'admin', name: '系统管理员', dataScope: 'company', permissions: allPermissions },
];
