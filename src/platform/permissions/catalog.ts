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
  product: {
    label: { zh: '商品与价格', en: 'Products & prices' },
    actions: {
      'product.read': { zh: '查看商品', en: 'View products' },
      'product.manage': { zh: '维护商品', en: 'Maintain products' },
      'product.import': { zh: '导入商品', en: 'Import products' },
      'product.export': { zh: '导出商品', en: 'Export products' },
      'price.manage': { zh: '维护价格表', en: 'Maintain price lists' },
    },
  },
  stock: {
    label: { zh: '库存', en: 'Stock' },
    actions: {
      'stock.read': { zh: '查看库存', en: 'View stock' },
      'warehouse.manage': { zh: '维护仓库', en: 'Maintain warehouses' },
      'stock.inbound': { zh: '入库', en: 'Goods received' },
      'stock.outbound': { zh: '出库（赠品/样品/其他）', en: 'Other issues (gifts, samples)' },
      'stock.transfer': { zh: '调拨', en: 'Transfers' },
      'stock.count': { zh: '盘点', en: 'Stock counts' },
      'stock.sign': { zh: '仓管签收/签发', en: 'Sign as warehouse keeper' },
      'purchase.request': { zh: '请购', en: 'Purchase requests' },
    },
  },
  order: {
    label: { zh: '销售订单', en: 'Sales orders' },
    actions: {
      'order.read': { zh: '查看订单', en: 'View orders' },
      'order.create': { zh: '录入/提交订单', en: 'Enter and submit orders' },
      'order.review_finance': { zh: '财务审核', en: 'Finance review' },
      'order.review_logistics': { zh: '物流审核', en: 'Logistics review' },
      'order.change': { zh: '订单变更', en: 'Change orders' },
      'order.stage': { zh: '办理生产阶段', en: 'Record order stages' },
      'order.export': { zh: '导出订单', en: 'Export orders' },
      'order.cancel': { zh: '取消订单', en: 'Cancel orders' },
      'order.credit_override': { zh: '超信用放行', en: 'Override credit checks' },
      'order.payment': { zh: '登记订单收款', en: 'Record order payments' },
    },
  },
  hold: {
    label: { zh: '留货（订金/定金）', en: 'Holds and deposits' },
    actions: {
      'hold.read': { zh: '查看留货', en: 'View holds' },
      'hold.create': { zh: '留货收订、定货、退订', en: 'Take, firm and release holds' },
      'hold.approve': { zh: '审批特别优惠与延期，作废留货', en: 'Approve special prices and extensions, void holds' },
    },
  },
  slip: {
    label: { zh: '销货清单', en: 'Sales slips' },
    actions: {
      'slip.read': { zh: '查看销货清单', en: 'View sales slips' },
      'slip.issue': { zh: '开单', en: 'Write sales slips' },
      'slip.print': { zh: '打印销货清单', en: 'Print sales slips' },
      'slip.void': { zh: '作废销货清单', en: 'Void sales slips' },
      'slip.warehouse': { zh: '仓库发货（扫码、签字）', en: 'Warehouse issue (codes, signature)' },
      'slip.reconcile': { zh: '司机对单', en: 'Driver reconciliation' },
      'slip.post': { zh: '过账', en: 'Post slips' },
      'slip.export': { zh: '导出销货清单', en: 'Export sales slips' },
    },
  },
  invoice: {
    label: { zh: '发票', en: 'Invoices' },
    actions: {
      'invoice.read': { zh: '查看发票', en: 'View invoices' },
      'invoice.issue': { zh: '开具发票', en: 'Issue invoices' },
      'invoice.red': { zh: '开具红字发票', en: 'Issue red-letter invoices' },
      'invoice.export': { zh: '导出开票数据', en: 'Export invoice data' },
    },
  },
  receipt: {
    label: { zh: '收款与对账', en: 'Receipts & statements' },
    actions: {
      'receipt.read': { zh: '查看收款单', en: 'View receipts' },
      'receipt.create': { zh: '登记收款', en: 'Record receipts' },
      'receipt.allocate': { zh: '收款核销', en: 'Allocate receipts' },
      'receipt.void': { zh: '作废收款单', en: 'Void receipts' },
      'statement.manage': { zh: '客户对账单', en: 'Customer statements' },
    },
  },
  receivable: {
    label: { zh: '应收账款', en: 'Receivables' },
    actions: {
      'receivable.read': { zh: '查看应收与账龄', en: 'View receivables and aging' },
      'receivable.export': { zh: '导出应收与账龄', en: 'Export receivables and aging' },
    },
  },
  collection: {
    label: { zh: '回款与催收', en: 'Collection' },
    actions: {
      'collection.read': { zh: '查看回款计划与催收', en: 'View collection plans and dunning' },
      'collection.dun': { zh: '记录催收', en: 'Log dunning actions' },
      'collection.manage': { zh: '维护回款计划', en: 'Maintain collection plans' },
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

export type BuiltinRole = { code: string; name: string; en: string; dataScope: DataScope; permissions: Permission[] };

const customerWork: Permission[] = ['customer.read', 'customer.create', 'customer.update', 'customer.followup', 'customer.export', 'pool.claim', 'pool.release', 'ownership.request', 'lead.read', 'lead.create', 'lead.update', 'lead.convert', 'lead.void'];
const salesWork: Permission[] = ['product.read', 'stock.read', 'order.read', 'order.create', 'slip.read', 'hold.read', 'hold.create'];
const managerSales: Permission[] = [...salesWork, 'hold.approve', 'order.change', 'order.stage', 'order.export', 'order.cancel', 'order.credit_override', 'product.export', 'price.manage', 'slip.export'];
const clerkSales: Permission[] = [...salesWork, 'product.manage', 'product.import', 'product.export', 'order.change', 'order.stage', 'order.export', 'order.cancel', 'slip.issue', 'slip.print', 'slip.void', 'slip.reconcile', 'slip.export', 'purchase.request'];
const warehouseWork: Permission[] = ['product.read', 'stock.read', 'warehouse.manage', 'stock.inbound', 'stock.outbound', 'stock.transfer', 'stock.count', 'stock.sign', 'purchase.request', 'order.read', 'order.review_logistics', 'slip.read', 'slip.print', 'slip.warehouse'];
const financeWork: Permission[] = ['product.read', 'stock.read', 'hold.read', 'order.read', 'order.export', 'order.review_finance', 'order.payment', 'slip.read', 'slip.print', 'slip.reconcile', 'slip.post', 'slip.export'];

/** The roles of MISSION.md, created in every new company under their Chinese name (en: shown in English mode); an admin may copy and change them. */
export const builtinRoles: BuiltinRole[] = [
  { code: 'rep', name: '销售代表', en: 'Sales rep', dataScope: 'own', permissions: [...customerWork, ...salesWork, 'invoice.read', 'receipt.read', 'receivable.read', 'collection.read', 'collection.dun'] },
  { code: 'manager', name: '销售经理', en: 'Sales manager', dataScope: 'dept', permissions: [...customerWork, 'customer.credit', 'customer.transfer', 'customer.import', 'ownership.decide', 'lead.assign', ...managerSales, 'invoice.read', 'receipt.read', 'receivable.read', 'receivable.export', 'collection.read', 'collection.dun', 'collection.manage'] },
  { code: 'clerk', name: '销售内勤', en: 'Sales assistant', dataScope: 'company', permissions: ['customer.read', 'customer.create', 'customer.update', 'customer.followup', 'customer.import', 'customer.export', 'lead.read', 'lead.create', 'lead.update', 'lead.assign', ...clerkSales, 'invoice.read', 'invoice.issue', 'invoice.red', 'invoice.export', 'receipt.read', 'receipt.create', 'receipt.allocate', 'receipt.void', 'statement.manage', 'receivable.read', 'receivable.export', 'collection.read', 'collection.dun', 'collection.manage'] },
  { code: 'warehouse', name: '仓管', en: 'Warehouse keeper', dataScope: 'company', permissions: ['customer.read', ...warehouseWork] },
  { code: 'finance', name: '财务', en: 'Finance', dataScope: 'company', permissions: ['customer.read', 'customer.credit', 'customer.export', ...financeWork, 'invoice.read', 'invoice.issue', 'invoice.red', 'invoice.export', 'receipt.read', 'receipt.create', 'receipt.allocate', 'receipt.void', 'statement.manage', 'receivable.read', 'receivable.export', 'collection.read', 'collection.dun', 'collection.manage'] },
  { code: 'legal', name: '法务', en: 'Legal', dataScope: 'company', permissions: ['customer.read'] },
  { code: 'gm', name: '总经理', en: 'General manager', dataScope: 'company', permissions: [...customerWork, 'customer.credit', 'customer.transfer', 'customer.import', 'ownership.decide', 'lead.assign', 'audit.read', ...managerSales, 'order.review_finance', 'order.review_logistics', 'order.payment', 'product.manage', 'product.import', 'invoice.read', 'receipt.read', 'receivable.read', 'receivable.export', 'collection.read', 'collection.dun', 'collection.manage'] },
  { code: 'service', name: '客服', en: 'Customer service', dataScope: 'company', permissions: ['customer.read', 'customer.followup', 'lead.read', 'lead.create', 'product.read', 'stock.read', 'order.read', 'slip.read'] },
  { code: 'admin', name: '系统管理员', en: 'System administrator', dataScope: 'company', permissions: allPermissions },
];
