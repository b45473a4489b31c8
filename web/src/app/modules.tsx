import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import {
  HomeOutlined, TeamOutlined, SettingOutlined, ApartmentOutlined, UserOutlined, SafetyOutlined,
  NumberOutlined, ControlOutlined, AuditOutlined, BankOutlined, BellOutlined,
} from '@ant-design/icons';
import { AimOutlined } from '@ant-design/icons';
import { CloudOutlined, SolutionOutlined, SwapOutlined } from '@ant-design/icons';
import { DollarOutlined, ShoppingOutlined } from '@ant-design/icons';
import { AuditOutlined as SlipBindIcon, CarOutlined, FileTextOutlined, ProfileOutlined, ShopOutlined } from '@ant-design/icons';
import { ContainerOutlined, FormOutlined } from '@ant-design/icons';
import { AccountBookOutlined, FileAddOutlined as FileAddIcon } from '@ant-design/icons';
import { WalletOutlined, ReconciliationOutlined } from '@ant-design/icons';
import { PhoneOutlined, ScheduleOutlined, ExclamationCircleOutlined, HistoryOutlined } from '@ant-design/icons';
import { DatabaseOutlined, InboxOutlined, ContainerFilled, FieldTimeOutlined, ReadOutlined, AuditOutlined as CheckIcon, AlertOutlined, ShoppingCartOutlined, HddOutlined } from '@ant-design/icons';

// ─── The module registry ────────────────────────────────────────────────────────────────
// Every page of the web UI is one entry below. The shell builds the routes (lazy-loaded, one
// chunk per page) and the side menu from it, showing an entry only to users holding its
// permission. To add a page, append ONE entry (a small edit; keep the others untouched):
//
//   {
//     key: 'customers',                          // unique; also the menu key
//     path: '/customers',                        // absolute; may hold params ('/customers/:id')
//     label: { zh: '客户档案', en: 'Customers' },
//     icon: <TeamOutlined />,                    // menu icon (optional)
//     permission: 'customer.read',               // or a list (any of), or omit for every user
//     group: 'customers',                        // a key of menuGroups below (omit: top level)
//     element: lazy(() => import('../modules/customers/list-page.tsx').then((m) => ({ default: m.CustomerListPage }))),
//     hideInMenu: true,                          // for detail pages reached by links
//   },
//
// Pages are named exports; `page()` below adapts them for React.lazy. Menu order follows
// this array, grouped by menuGroups (in their order).
// ─────────────────────────────────────────────────────────────────────────────────────────

export type Label = { zh: string; en: string };

export type ModuleEntry = {
  key: string;
  path: string;
  label: Label;
  icon?: ReactNode;
  permission?: string | string[];
  group?: string;
  element: LazyExoticComponent<ComponentType>;
  hideInMenu?: boolean;
};

export type MenuGroup = { key: string; label: Label; icon: ReactNode };

/** Side-menu sections, in menu order. Add yours with a one-line edit. */
export const menuGroups: MenuGroup[] = [
  { key: 'customers', label: { zh: '客户与线索', en: 'Customers & leads' }, icon: <TeamOutlined /> },
  { key: 'products', label: { zh: '商品', en: 'Products' }, icon: <ShoppingOutlined /> },
  { key: 'inventory', label: { zh: '库存', en: 'Stock' }, icon: <DatabaseOutlined /> },
  { key: 'orders', label: { zh: '销售订单', en: 'Sales orders' }, icon: <ContainerOutlined /> },
  { key: 'slips', label: { zh: '销货清单', en: 'Sales slips' }, icon: <FileTextOutlined /> },
  { key: 'finance', label: { zh: '发票与收款', en: 'Invoices & receipts' }, icon: <AccountBookOutlined /> },
  { key: 'collections', label: { zh: '回款与催收', en: 'Collection' }, icon: <PhoneOutlined /> },
  { key: 'admin', label: { zh: '系统管理', en: 'Administration' }, icon: <SettingOutlined /> },
];

/** `page(() => import('./x.tsx'), 'XPage')`: a lazily loaded named export. */
export function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string): LazyExoticComponent<ComponentType> {
  return lazy(() => load().then((m) => ({ default: m[name] as ComponentType })));
}

export const modules: ModuleEntry[] = [
  { key: 'home', path: '/', label: { zh: '工作台', en: 'Dashboard' }, icon: <HomeOutlined />, element: page(() => import('../modules/home/home-page.tsx'), 'HomePage') },
  { key: 'notifications', path: '/notifications', label: { zh: '我的通知', en: 'Notifications' }, icon: <BellOutlined />, element: page(() => import('../modules/home/notifications-page.tsx'), 'NotificationsPage'), hideInMenu: true },

  // ── 客户档案 (engineer B) ──
  { key: 'customer-list', path: '/customers', label: { zh: '客户档案', en: 'Customers' }, icon: <TeamOutlined />, permission: 'customer.read', group: 'customers', element: page(() => import('../modules/customers/list-page.tsx'), 'CustomerListPage') },
  { key: 'customer-new', path: '/customers/new', label: { zh: '新建客户', en: 'New customer' }, permission: 'customer.create', group: 'customers', element: page(() => import('../modules/customers/form-page.tsx'), 'CustomerFormPage'), hideInMenu: true },
  { key: 'customer-edit', path: '/customers/:id/edit', label: { zh: '编辑客户', en: 'Edit customer' }, permission: 'customer.update', group: 'customers', element: page(() => import('../modules/customers/form-page.tsx'), 'CustomerFormPage'), hideInMenu: true },
  { key: 'customer-detail', path: '/customers/:id', label: { zh: '客户详情', en: 'Customer' }, permission: 'customer.read', group: 'customers', element: page(() => import('../modules/customers/detail-page.tsx'), 'CustomerDetailPage'), hideInMenu: true },

  // ── 线索 (engineer D) ──
  { key: 'leads', path: '/leads', label: { zh: '线索', en: 'Leads' }, icon: <AimOutlined />, permission: 'lead.read', group: 'customers', element: page(() => import('../modules/leads/list-page.tsx'), 'LeadListPage') },
  { key: 'lead-new', path: '/leads/new', label: { zh: '新建线索', en: 'New lead' }, permission: 'lead.create', group: 'customers', element: page(() => import('../modules/leads/form-page.tsx'), 'LeadFormPage'), hideInMenu: true },
  { key: 'lead-edit', path: '/leads/:id/edit', label: { zh: '编辑线索', en: 'Edit lead' }, permission: 'lead.update', group: 'customers', element: page(() => import('../modules/leads/form-page.tsx'), 'LeadFormPage'), hideInMenu: true },
  { key: 'lead-detail', path: '/leads/:id', label: { zh: '线索详情', en: 'Lead' }, permission: 'lead.read', group: 'customers', element: page(() => import('../modules/leads/detail-page.tsx'), 'LeadDetailPage'), hideInMenu: true },

  // ── 客户归属与公海 (engineer C) ──
  { key: 'customer-pool', path: '/customers/pool', label: { zh: '公海客户', en: 'Customer pool' }, icon: <CloudOutlined />, permission: 'pool.claim', group: 'customers', element: page(() => import('../modules/customers/pool-page.tsx'), 'PoolPage') },
  { key: 'customer-ownership', path: '/customers/ownership', label: { zh: '归属申请', en: 'Ownership requests' }, icon: <SolutionOutlined />, permission: 'ownership.request', group: 'customers', element: page(() => import('../modules/customers/ownership-page.tsx'), 'OwnershipPage') },
  { key: 'customer-transfer', path: '/customers/transfer', label: { zh: '客户转移', en: 'Transfer customers' }, icon: <SwapOutlined />, permission: 'customer.transfer', group: 'customers', element: page(() => import('../modules/customers/transfer-dialog.tsx'), 'TransferPage') },

  // ── 商品 (products engineer) ──
  { key: 'product-list', path: '/products', label: { zh: '商品档案', en: 'Products' }, icon: <ShoppingOutlined />, permission: 'product.read', group: 'products', element: page(() => import('../modules/products/list-page.tsx'), 'ProductListPage') },
  { key: 'price-lists', path: '/products/price-lists', label: { zh: '价格表', en: 'Price lists' }, icon: <DollarOutlined />, permission: 'product.read', group: 'products', element: page(() => import('../modules/products/price-lists-page.tsx'), 'PriceListsPage') },

  // ── 库存 (INVENTORY engineer) ──
  { key: 'stock', path: '/stock', label: { zh: '库存查询', en: 'Stock' }, icon: <DatabaseOutlined />, permission: 'stock.read', group: 'inventory', element: page(() => import('../modules/inventory/stock-pages.tsx'), 'StockPage') },
  { key: 'stock-batches', path: '/stock/batches', label: { zh: '批次库存', en: 'Batches' }, icon: <InboxOutlined />, permission: 'stock.read', group: 'inventory', element: page(() => import('../modules/inventory/stock-pages.tsx'), 'BatchesPage') },
  { key: 'stock-documents', path: '/stock/documents', label: { zh: '库存单据', en: 'Stock documents' }, icon: <ContainerFilled />, permission: 'stock.read', group: 'inventory', element: page(() => import('../modules/inventory/documents-pages.tsx'), 'DocumentListPage') },
  { key: 'stock-document-new', path: '/stock/documents/new/:docType', label: { zh: '新建库存单据', en: 'New stock document' }, permission: ['stock.inbound', 'stock.outbound', 'stock.transfer', 'stock.count'], group: 'inventory', element: page(() => import('../modules/inventory/document-form-page.tsx'), 'DocumentFormPage'), hideInMenu: true },
  { key: 'stock-document-edit', path: '/stock/documents/:id/edit', label: { zh: '编辑库存单据', en: 'Edit stock document' }, permission: ['stock.inbound', 'stock.outbound', 'stock.transfer', 'stock.count'], group: 'inventory', element: page(() => import('../modules/inventory/document-form-page.tsx'), 'DocumentFormPage'), hideInMenu: true },
  { key: 'stock-document', path: '/stock/documents/:id', label: { zh: '库存单据', en: 'Stock document' }, permission: 'stock.read', group: 'inventory', element: page(() => import('../modules/inventory/documents-pages.tsx'), 'DocumentDetailPage'), hideInMenu: true },
  { key: 'stock-ledger', path: '/stock/ledger', label: { zh: '库存台账', en: 'Stock ledger' }, icon: <ReadOutlined />, permission: 'stock.read', group: 'inventory', element: page(() => import('../modules/inventory/ledger-pages.tsx'), 'LedgerPage') },
  { key: 'stock-at-date', path: '/stock/at-date', label: { zh: '历史库存', en: 'Stock at a date' }, icon: <FieldTimeOutlined />, permission: 'stock.read', group: 'inventory', element: page(() => import('../modules/inventory/stock-pages.tsx'), 'StockAtDatePage') },
  { key: 'stock-alerts', path: '/stock/alerts', label: { zh: '库存预警', en: 'Stock alerts' }, icon: <AlertOutlined />, permission: 'stock.read', group: 'inventory', element: page(() => import('../modules/inventory/alerts-pages.tsx'), 'AlertsPage') },
  { key: 'purchase-requests', path: '/stock/purchase-requests', label: { zh: '请购单', en: 'Purchase requests' }, icon: <ShoppingCartOutlined />, permission: 'stock.read', group: 'inventory', element: page(() => import('../modules/inventory/alerts-pages.tsx'), 'PurchaseRequestsPage') },
  { key: 'stock-check', path: '/stock/check', label: { zh: '库存与台账核对', en: 'Stock vs ledger' }, icon: <CheckIcon />, permission: 'stock.read', group: 'inventory', element: page(() => import('../modules/inventory/ledger-pages.tsx'), 'StockCheckPage') },
  { key: 'warehouses', path: '/stock/warehouses', label: { zh: '仓库管理', en: 'Warehouses' }, icon: <HddOutlined />, permission: 'stock.read', group: 'inventory', element: page(() => import('../modules/inventory/warehouses-page.tsx'), 'WarehousesPage') },

  // ── 系统管理 (engineer A) ──
  { key: 'admin-companies', path: '/admin/companies', group: 'admin', label: { zh: '账套', en: 'Companies' }, icon: <BankOutlined />, permission: 'admin.company', element: page(() => import('../modules/admin/companies-page.tsx'), 'CompaniesPage') },
  { key: 'admin-departments', path: '/admin/departments', group: 'admin', label: { zh: '部门', en: 'Departments' }, icon: <ApartmentOutlined />, permission: 'admin.department', element: page(() => import('../modules/admin/departments-page.tsx'), 'DepartmentsPage') },
  { key: 'admin-users', path: '/admin/users', group: 'admin', label: { zh: '用户', en: 'Users' }, icon: <UserOutlined />, permission: 'admin.user', element: page(() => import('../modules/admin/users-page.tsx'), 'UsersPage') },
  { key: 'admin-roles', path: '/admin/roles', group: 'admin', label: { zh: '角色与权限', en: 'Roles' }, icon: <SafetyOutlined />, permission: 'admin.role', element: page(() => import('../modules/admin/roles-page.tsx'), 'RolesPage') },
  { key: 'admin-numbering', path: '/admin/numbering', group: 'admin', label: { zh: '编号规则', en: 'Numbering' }, icon: <NumberOutlined />, permission: 'admin.settings', element: page(() => import('../modules/admin/numbering-page.tsx'), 'NumberingPage') },
  { key: 'admin-settings', path: '/admin/settings', group: 'admin', label: { zh: '参数设置', en: 'Settings' }, icon: <ControlOutlined />, permission: 'admin.settings', element: page(() => import('../modules/admin/settings-page.tsx'), 'SettingsPage') },
  { key: 'admin-audit', path: '/admin/audit', group: 'admin', label: { zh: '审计日志', en: 'Audit log' }, icon: <AuditOutlined />, permission: 'audit.read', element: page(() => import('../modules/admin/audit-page.tsx'), 'AuditPage') },

  // ── 销售订单 (orders engineer) ──
  { key: 'orders', path: '/orders', label: { zh: '销售订单', en: 'Sales orders' }, icon: <ContainerOutlined />, permission: 'order.read', group: 'orders', element: page(() => import('../modules/orders/list-page.tsx'), 'OrderListPage') },
  { key: 'order-new', path: '/orders/new', label: { zh: '录入订单', en: 'Enter order' }, icon: <FormOutlined />, permission: 'order.create', group: 'orders', element: page(() => import('../modules/orders/form-page.tsx'), 'OrderFormPage') },
  { key: 'order-edit', path: '/orders/:id/edit', label: { zh: '修改订单', en: 'Edit order' }, permission: 'order.create', group: 'orders', element: page(() => import('../modules/orders/form-page.tsx'), 'OrderFormPage'), hideInMenu: true },
  { key: 'order-detail', path: '/orders/:id', label: { zh: '订单详情', en: 'Order' }, permission: 'order.read', group: 'orders', element: page(() => import('../modules/orders/detail-page.tsx'), 'OrderDetailPage'), hideInMenu: true },
  { key: 'order-print', path: '/orders/:id/print', label: { zh: '打印订单确认单', en: 'Print order confirmation' }, permission: 'order.read', group: 'orders', element: page(() => import('../modules/orders/print-page.tsx'), 'OrderPrintPage'), hideInMenu: true },

  // ── 留货（订金/定金） (holds) ──
  { key: 'holds', path: '/holds', label: { zh: '留货（订金/定金）', en: 'Holds' }, icon: <ScheduleOutlined />, permission: 'hold.read', group: 'orders', element: page(() => import('../modules/holds/list-page.tsx'), 'HoldListPage') },
  { key: 'hold-new', path: '/holds/new', label: { zh: '新建留货', en: 'New hold' }, permission: 'hold.create', group: 'orders', element: page(() => import('../modules/holds/form-page.tsx'), 'HoldFormPage'), hideInMenu: true },
  { key: 'hold-print', path: '/holds/:id/print', label: { zh: '打印留货单', en: 'Print hold' }, permission: 'hold.read', group: 'orders', element: page(() => import('../modules/holds/print-page.tsx'), 'HoldPrintPage'), hideInMenu: true },
  { key: 'hold-detail', path: '/holds/:id', label: { zh: '留货单', en: 'Hold' }, permission: 'hold.read', group: 'orders', element: page(() => import('../modules/holds/detail-page.tsx'), 'HoldDetailPage'), hideInMenu: true },

  // ── 销货清单 (slips engineer) ──
  { key: 'slips', path: '/slips', label: { zh: '销货清单', en: 'Sales slips' }, icon: <FileTextOutlined />, permission: 'slip.read', group: 'slips', element: page(() => import('../modules/slips/list-page.tsx'), 'SlipListPage') },
  { key: 'slip-walk-in', path: '/slips/walk-in', label: { zh: '门市开单', en: 'Walk-in sale' }, icon: <ShopOutlined />, permission: 'slip.issue', group: 'slips', element: page(() => import('../modules/slips/walk-in-page.tsx'), 'WalkInPage') },
  { key: 'slip-from-order', path: '/slips/from-order', label: { zh: '按订单开单', en: 'Issue from order' }, icon: <ProfileOutlined />, permission: 'slip.issue', group: 'slips', element: page(() => import('../modules/slips/issue-page.tsx'), 'IssueFromOrderPage') },
  { key: 'slip-reconciliations', path: '/slips/reconciliations', label: { zh: '司机对单', en: 'Driver reconciliation' }, icon: <CarOutlined />, permission: 'slip.reconcile', group: 'slips', element: page(() => import('../modules/slips/reconcile-page.tsx'), 'ReconciliationListPage') },
  { key: 'slip-reconciliation-print', path: '/slips/reconciliations/:id/print', label: { zh: '打印对单', en: 'Print reconciliation' }, permission: 'slip.reconcile', group: 'slips', element: page(() => import('../modules/slips/reconcile-print-page.tsx'), 'ReconciliationPrintPage'), hideInMenu: true },
  { key: 'slip-reconciliation', path: '/slips/reconciliations/:id', label: { zh: '对单', en: 'Reconciliation' }, permission: 'slip.reconcile', group: 'slips', element: page(() => import('../modules/slips/reconcile-page.tsx'), 'ReconciliationPage'), hideInMenu: true },
  { key: 'slip-posting', path: '/slips/posting', label: { zh: '过账', en: 'Posting' }, icon: <DollarOutlined />, permission: 'slip.post', group: 'slips', element: page(() => import('../modules/slips/posting-page.tsx'), 'PostingPage') },
  { key: 'slip-binding', path: '/slips/binding', label: { zh: '月度装订', en: 'Monthly binding' }, icon: <SlipBindIcon />, permission: 'slip.read', group: 'slips', element: page(() => import('../modules/slips/posting-page.tsx'), 'BindingPage') },
  { key: 'slip-print', path: '/slips/:id/print', label: { zh: '打印销货清单', en: 'Print slip' }, permission: 'slip.read', group: 'slips', element: page(() => import('../modules/slips/print-page.tsx'), 'SlipPrintPage'), hideInMenu: true },
  { key: 'slip-detail', path: '/slips/:id', label: { zh: '销货清单详情', en: 'Sales slip' }, permission: 'slip.read', group: 'slips', element: page(() => import('../modules/slips/detail-page.tsx'), 'SlipDetailPage'), hideInMenu: true },

  // ── 发票 (invoices engineer) ──
  { key: 'invoices', path: '/invoices', label: { zh: '发票', en: 'Invoices' }, icon: <AccountBookOutlined />, permission: 'invoice.read', group: 'finance', element: page(() => import('../modules/invoices/list-page.tsx'), 'InvoiceListPage') },
  { key: 'invoice-new', path: '/invoices/new', label: { zh: '开具发票', en: 'Issue invoice' }, icon: <FileAddIcon />, permission: 'invoice.issue', group: 'finance', element: page(() => import('../modules/invoices/issue-page.tsx'), 'InvoiceIssuePage') },
  { key: 'invoice-print-list', path: '/invoices/print-list', label: { zh: '发票清单', en: 'Invoice list (print)' }, permission: 'invoice.read', group: 'finance', element: page(() => import('../modules/invoices/print-list-page.tsx'), 'InvoicePrintListPage'), hideInMenu: true },
  { key: 'invoice-detail', path: '/invoices/:id', label: { zh: '发票详情', en: 'Invoice' }, permission: 'invoice.read', group: 'finance', element: page(() => import('../modules/invoices/detail-page.tsx'), 'InvoiceDetailPage'), hideInMenu: true },

  // ── 收款与对账 (receipts engineer) ──
  { key: 'receipts', path: '/receipts', label: { zh: '收款单', en: 'Receipts' }, icon: <WalletOutlined />, permission: 'receipt.read', group: 'finance', element: page(() => import('../modules/receipts/list-page.tsx'), 'ReceiptListPage') },
  { key: 'receipt-new', path: '/receipts/new', label: { zh: '登记收款', en: 'Record receipt' }, icon: <WalletOutlined />, permission: 'receipt.create', group: 'finance', element: page(() => import('../modules/receipts/form-page.tsx'), 'ReceiptFormPage'), hideInMenu: true },
  { key: 'receipt-detail', path: '/receipts/:id', label: { zh: '收款单详情', en: 'Receipt' }, permission: 'receipt.read', group: 'finance', element: page(() => import('../modules/receipts/detail-page.tsx'), 'ReceiptDetailPage'), hideInMenu: true },
  { key: 'statements', path: '/statements', label: { zh: '客户对账单', en: 'Customer statements' }, icon: <ReconciliationOutlined />, permission: 'statement.manage', group: 'finance', element: page(() => import('../modules/receipts/statement-page.tsx'), 'StatementPage') },
  { key: 'statement-detail', path: '/statements/:id', label: { zh: '对账单', en: 'Statement' }, permission: 'statement.manage', group: 'finance', element: page(() => import('../modules/receipts/statement-page.tsx'), 'StatementDetailPage'), hideInMenu: true },

  // ── 应收账款 (RECEIVABLES engineer) ──
  { key: 'receivables-aging', path: '/receivables/aging', label: { zh: '账龄分析', en: 'Receivables aging' }, icon: <FieldTimeOutlined />, permission: 'receivable.read', group: 'finance', element: page(() => import('../modules/receivables/aging-page.tsx'), 'AgingPage') },
  { key: 'receivables-customer', path: '/receivables/customers/:id', label: { zh: '客户未收单据', en: 'Open documents' }, permission: 'receivable.read', group: 'finance', element: page(() => import('../modules/receivables/customer-items-page.tsx'), 'CustomerItemsPage'), hideInMenu: true },
  { key: 'receivables-collection-rate', path: '/receivables/collection-rate', label: { zh: '回款率', en: 'Collection rate' }, icon: <DollarOutlined />, permission: 'receivable.read', group: 'finance', element: page(() => import('../modules/receivables/collection-rate-page.tsx'), 'CollectionRatePage') },

  // ── 回款计划与催收 (COLLECTIONS engineer) ──
  { key: 'collection-dunning', path: '/collections/dunning', label: { zh: '客户催收', en: 'Dunning' }, icon: <PhoneOutlined />, permission: 'collection.read', group: 'collections', element: page(() => import('../modules/collections/dunning-pages.tsx'), 'DunningDeskPage') },
  { key: 'collection-promises', path: '/collections/promises', label: { zh: '还款承诺跟踪', en: 'Payment promises' }, icon: <ExclamationCircleOutlined />, permission: 'collection.read', group: 'collections', element: page(() => import('../modules/collections/dunning-pages.tsx'), 'BrokenPromisesPage') },
  { key: 'collection-log', path: '/collections/log', label: { zh: '催收记录', en: 'Dunning log' }, icon: <HistoryOutlined />, permission: 'collection.read', group: 'collections', element: page(() => import('../modules/collections/dunning-pages.tsx'), 'DunningLogPage') },
  { key: 'collection-plans', path: '/collections/plans', label: { zh: '回款计划', en: 'Collection plans' }, icon: <ScheduleOutlined />, permission: 'collection.read', group: 'collections', element: page(() => import('../modules/collections/plans-pages.tsx'), 'PlanListPage') },
  { key: 'collection-plan-new', path: '/collections/plans/new', label: { zh: '新建回款计划', en: 'New collection plan' }, permission: 'collection.manage', group: 'collections', element: page(() => import('../modules/collections/plans-pages.tsx'), 'PlanPage'), hideInMenu: true },
  { key: 'collection-plan', path: '/collections/plans/:id', label: { zh: '回款计划', en: 'Collection plan' }, permission: 'collection.read', group: 'collections', element: page(() => import('../modules/collections/plans-pages.tsx'), 'PlanPage'), hideInMenu: true },
];
