// Generated from the migrated database by `npm run db:types` — do not edit by hand.
import type { Generated } from 'kysely';

export type AuditLogTable = {
  id: Generated<number>;
  companyId: number | null;
  userId: number | null;
  action: string;
  entity: string;
  entityId: number | null;
  before: string | null;
  after: string | null;
  note: string | null;
  requestId: string | null;
  at: string;
  chainSeq: number | null;
  prevHash: string | null;
  hash: string | null;
};

export type BusinessEventsTable = {
  id: Generated<number>;
  companyId: number;
  event: string;
  entity: string;
  entityId: number;
  payload: string;
  createdAt: string;
};

export type CollectionAlertDaysTable = {
  id: Generated<number>;
  companyId: number;
  customerId: number;
  alertDate: string;
  sentAt: string;
};

export type CollectionPlanLinesTable = {
  id: Generated<number>;
  companyId: number;
  planId: number;
  lineNo: number;
  dueDate: string;
  amount: number;
  method: string | null;
  note: string | null;
};

export type CollectionPlansTable = {
  id: Generated<number>;
  companyId: number;
  customerId: number;
  orderId: number | null;
  title: string;
  startDate: string;
  totalAmount: number;
  endDate: string;
  status: string;
  notes: string | null;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
  version: Generated<number>;
  cancelledAt: string | null;
  cancelledBy: number | null;
  cancelReason: string | null;
};

export type CompaniesTable = {
  id: Generated<number>;
  code: string;
  name: string;
  shortName: string | null;
  taxId: string | null;
  address: string | null;
  phone: string | null;
  settings: Generated<string>;
  active: Generated<number>;
  createdAt: string;
  version: Generated<number>;
};

export type CustomerAddressesTable = {
  id: Generated<number>;
  companyId: number;
  customerId: number;
  label: string | null;
  province: string | null;
  city: string | null;
  address: string;
  receiver: string | null;
  phone: string | null;
  isDefault: Generated<number>;
  createdAt: string;
};

export type CustomerContactsTable = {
  id: Generated<number>;
  companyId: number;
  customerId: number;
  name: string;
  phone: string | null;
  phoneNorm: string | null;
  position: string | null;
  email: string | null;
  isPrimary: Generated<number>;
  createdAt: string;
};

export type CustomerCreditTable = {
  customerId: number;
  companyId: number;
  rating: string;
  creditLimit: number;
  paymentTerms: string;
  prepayRequired: Generated<number>;
  assets: string | null;
  salesCapacity: string | null;
  debts: string | null;
  creditHistory: string | null;
  conclusion: string | null;
  checkedAt: string;
  checkedBy: number;
  updatedAt: string;
  version: Generated<number>;
  settlementDay: number | null;
  creditDays: number | null;
  creditMonths: number | null;
};

export type CustomerFollowupsTable = {
  id: Generated<number>;
  companyId: number;
  customerId: number;
  userId: number;
  type: string;
  content: string;
  contactId: number | null;
  nextDate: string | null;
  at: string;
};

export type CustomerMovesTable = {
  id: Generated<number>;
  companyId: number;
  customerId: number;
  kind: string;
  fromUserId: number | null;
  toUserId: number | null;
  reason: string | null;
  byUserId: number | null;
  at: string;
};

export type CustomerStatementsTable = {
  id: Generated<number>;
  companyId: number;
  number: string;
  status: string;
  customerId: number;
  periodFrom: string;
  periodTo: string;
  openingBalance: number;
  debitTotal: number;
  creditTotal: number;
  closingBalance: number;
  confirmedDate: string | null;
  confirmedBy: number | null;
  confirmedAt: string | null;
  confirmationNote: string | null;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
  version: Generated<number>;
  voidedAt: string | null;
  voidedBy: number | null;
  voidReason: string | null;
  snapshot: string | null;
};

export type CustomerTagsTable = {
  companyId: number;
  customerId: number;
  tag: string;
};

export type CustomersTable = {
  id: Generated<number>;
  companyId: number;
  code: string;
  name: string;
  shortName: string | null;
  nameKey: string;
  searchKey: string;
  industry: string | null;
  province: string | null;
  city: string | null;
  address: string | null;
  classification: string;
  source: string;
  ownerId: number | null;
  ownerSince: string | null;
  poolEnteredAt: string | null;
  previousOwnerId: number | null;
  taxId: string | null;
  invoiceTitle: string | null;
  invoiceAddress: string | null;
  invoicePhone: string | null;
  invoiceBank: string | null;
  invoiceAccount: string | null;
  referredByCustomerId: number | null;
  notes: string | null;
  primaryContact: string | null;
  primaryPhone: string | null;
  lastFollowupAt: string | null;
  lastDealAt: string | null;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
  version: Generated<number>;
  searchName: string | null;
  searchCore: string | null;
  searchPinyin: string | null;
  searchInitials: string | null;
  searchCorePinyin: string | null;
  searchCoreInitials: string | null;
};

export type DepartmentsTable = {
  id: Generated<number>;
  companyId: number;
  parentId: number | null;
  name: string;
  code: string | null;
  path: string;
  managerUserId: number | null;
  active: Generated<number>;
  createdAt: string;
  version: Generated<number>;
};

export type DriverReconciliationSlipsTable = {
  id: Generated<number>;
  companyId: number;
  reconciliationId: number;
  slipId: number;
  cashExpected: Generated<number>;
  cashReceived: Generated<number>;
  signedCopyReceived: Generated<number>;
  handedToFinanceAt: string | null;
  outcome: string;
};

export type DriverReconciliationsTable = {
  id: Generated<number>;
  companyId: number;
  number: string;
  status: string;
  driverName: string;
  businessDate: string;
  cashExpected: Generated<number>;
  cashReceived: Generated<number>;
  cashDifference: Generated<number>;
  remarks: string | null;
  settledBy: number | null;
  settledAt: string | null;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
  version: Generated<number>;
  voidedAt: string | null;
  voidedBy: number | null;
  voidReason: string | null;
  deliveryMode: Generated<string>;
};

export type DunningActionsTable = {
  id: Generated<number>;
  companyId: number;
  customerId: number;
  actionDate: string;
  method: string;
  performedBy: number;
  contactName: string | null;
  result: string;
  promisedAmount: number | null;
  promisedDate: string | null;
  promiseStatus: string;
  promiseCollected: number | null;
  promiseJudgedAt: string | null;
  overdueAmount: number | null;
  daysOverdue: number | null;
  createdBy: number;
  createdAt: string;
};

export type HoldRequestsTable = {
  id: Generated<number>;
  companyId: number;
  holdId: number;
  kind: string;
  status: string;
  unitPrice: number | null;
  signBy: string | null;
  reason: string;
  requestedBy: number;
  requestedAt: string;
  decidedBy: number | null;
  decidedAt: string | null;
  decisionNote: string | null;
};

export type HoldsTable = {
  id: Generated<number>;
  companyId: number;
  number: string;
  status: string;
  customerId: number;
  customerName: string;
  ownerId: number;
  holderName: string;
  holderPhone: string | null;
  productId: number;
  warehouseId: number;
  quantity: number;
  listPrice: number;
  agreedPrice: number | null;
  deposit: number;
  depositReceivedBy: number;
  expiresAt: string;
  firmDeposit: number | null;
  agreementNo: string | null;
  firmAt: string | null;
  firmBy: number | null;
  signBy: string | null;
  orderId: number | null;
  endedAt: string | null;
  endedBy: number | null;
  endReason: string | null;
  depositOutcome: string | null;
  remarks: string | null;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
  version: Generated<number>;
  voidedAt: string | null;
  voidedBy: number | null;
  voidReason: string | null;
  printCount: Generated<number>;
};

export type ImportJobsTable = {
  id: Generated<number>;
  companyId: number;
  userId: number;
  kind: string;
  fileName: string;
  status: string;
  totalRows: Generated<number>;
  validRows: Generated<number>;
  invalidRows: Generated<number>;
  importedRows: Generated<number>;
  mode: string | null;
  error: string | null;
  createdAt: string;
  committedAt: string | null;
  updatedAt: string;
  updatedRows: Generated<number>;
  unchangedRows: Generated<number>;
};

export type ImportRowsTable = {
  jobId: number;
  rowNumber: number;
  data: string;
  errors: string | null;
  valid: number;
  action: string | null;
  changes: string | null;
};

export type InvoiceLinesTable = {
  id: Generated<number>;
  companyId: number;
  invoiceId: number;
  lineNo: number;
  productId: number;
  productCode: string;
  productName: string;
  spec: string | null;
  unit: string;
  quantity: number;
  unitPrice: number;
  discountBp: Generated<number>;
  taxRateBp: number;
  amountExTax: number;
  taxAmount: number;
  amount: number;
  originalLineId: number | null;
  creditedQuantity: Generated<number>;
  creditedAmount: Generated<number>;
};

export type InvoiceOrderSourcesTable = {
  id: Generated<number>;
  companyId: number;
  invoiceId: number;
  invoiceLineId: number;
  orderId: number;
  orderLineId: number;
  quantity: number;
  amountExTax: number;
  taxAmount: number;
  amount: number;
  createdAt: string;
};

export type InvoiceSourcesTable = {
  id: Generated<number>;
  companyId: number;
  invoiceId: number;
  invoiceLineId: number;
  slipId: number;
  slipLineId: number;
  quantity: number;
  amountExTax: number;
  taxAmount: number;
  amount: number;
  createdAt: string;
};

export type InvoicesTable = {
  id: Generated<number>;
  companyId: number;
  number: string;
  kind: string;
  direction: string;
  status: string;
  customerId: number;
  businessDate: string;
  priceIncludesTax: Generated<number>;
  buyerName: string;
  buyerTaxId: string | null;
  buyerAddress: string | null;
  buyerPhone: string | null;
  buyerBank: string | null;
  buyerAccount: string | null;
  amountExTax: number;
  taxAmount: number;
  totalAmount: number;
  creditedAmount: Generated<number>;
  originalInvoiceId: number | null;
  redReason: string | null;
  taxInvoiceCode: string | null;
  taxInvoiceNo: string | null;
  issuerId: number;
  issuerName: string;
  reviewerName: string | null;
  payeeName: string | null;
  remarks: string | null;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
  version: Generated<number>;
  voidedAt: string | null;
  voidedBy: number | null;
  voidReason: string | null;
  orderId: number | null;
};

export type JobLocksTable = {
  name: string;
  lockedBy: string | null;
  lockedUntil: string | null;
  lastRunAt: string | null;
  lastResult: string | null;
};

export type LeadActivitiesTable = {
  id: Generated<number>;
  companyId: number;
  leadId: number;
  userId: number;
  type: string;
  content: string;
  at: string;
};

export type LeadsTable = {
  id: Generated<number>;
  companyId: number;
  number: string;
  contactName: string;
  companyName: string | null;
  phone: string | null;
  phoneNorm: string | null;
  email: string | null;
  channel: string;
  province: string | null;
  city: string | null;
  need: string | null;
  referredByCustomerId: number | null;
  searchKey: string;
  status: string;
  assigneeId: number | null;
  lastContactAt: string | null;
  convertedCustomerId: number | null;
  convertedAt: string | null;
  voidedAt: string | null;
  voidedBy: number | null;
  voidReason: string | null;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
  version: Generated<number>;
};

export type MembershipsTable = {
  id: Generated<number>;
  userId: number;
  companyId: number;
  roleId: number;
  departmentId: number | null;
  active: Generated<number>;
  createdAt: string;
  version: Generated<number>;
};

export type NotificationsTable = {
  id: Generated<number>;
  companyId: number;
  userId: number;
  kind: string;
  title: string;
  body: string | null;
  entity: string | null;
  entityId: number | null;
  readAt: string | null;
  createdAt: string;
};

export type NumberRulesTable = {
  id: Generated<number>;
  companyId: number;
  docType: string;
  pattern: string;
  reset: string;
  createdAt: string;
  version: Generated<number>;
};

export type NumberSequencesTable = {
  companyId: number;
  docType: string;
  period: string;
  lastValue: number;
};

export type OpportunitiesTable = {
  id: Generated<number>;
  companyId: number;
  customerId: number;
  leadId: number | null;
  name: string;
  expectedAmount: number | null;
  expectedDate: string | null;
  rating: string | null;
  stage: string;
  ownerId: number | null;
  createdAt: string;
  version: Generated<number>;
};

export type OwnershipRequestsTable = {
  id: Generated<number>;
  companyId: number;
  number: string;
  customerId: number;
  requesterId: number;
  ownerId: number | null;
  reason: string;
  status: string;
  decidedBy: number | null;
  decidedAt: string | null;
  decisionNote: string | null;
  voidedAt: string | null;
  voidedBy: number | null;
  voidReason: string | null;
  createdAt: string;
  version: Generated<number>;
};

export type PriceListItemsTable = {
  id: Generated<number>;
  companyId: number;
  priceListId: number;
  productId: number;
  unitPrice: number;
};

export type PriceListsTable = {
  id: Generated<number>;
  companyId: number;
  code: string;
  name: string;
  orderType: string | null;
  customerClass: string | null;
  active: Generated<number>;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
  version: Generated<number>;
};

export type ProductsTable = {
  id: Generated<number>;
  companyId: number;
  code: string;
  name: string;
  spec: string | null;
  unit: string;
  packUnit: string | null;
  packSize: number | null;
  barcode: string | null;
  packBarcode: string | null;
  category: string | null;
  brand: string | null;
  taxRateBp: number;
  listPrice: number;
  costPrice: number | null;
  shelfLifeDays: number | null;
  safetyStock: Generated<number>;
  targetStock: Generated<number>;
  trackCodes: Generated<number>;
  active: Generated<number>;
  searchKey: string;
  notes: string | null;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
  version: Generated<number>;
  namePinyin: Generated<string>;
};

export type PurchaseRequestsTable = {
  id: Generated<number>;
  companyId: number;
  number: string;
  status: string;
  productId: number;
  warehouseId: number;
  quantity: number;
  sourceType: string | null;
  sourceId: number | null;
  reason: string | null;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
  version: Generated<number>;
  voidedAt: string | null;
  voidedBy: number | null;
  voidReason: string | null;
};

export type ReceiptAllocationsTable = {
  id: Generated<number>;
  companyId: number;
  receiptId: number;
  customerId: number;
  targetType: string;
  targetId: number;
  amount: number;
  allocatedBy: number;
  allocatedAt: string;
  reversedAt: string | null;
  reversedBy: number | null;
  reverseReason: string | null;
};

export type ReceiptsTable = {
  id: Generated<number>;
  companyId: number;
  number: string;
  status: string;
  customerId: number;
  receiptDate: string;
  method: string;
  amount: number;
  allocatedAmount: Generated<number>;
  bankAccount: string | null;
  reference: string | null;
  receivedBy: number;
  source: string | null;
  remarks: string | null;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
  version: Generated<number>;
  voidedAt: string | null;
  voidedBy: number | null;
  voidReason: string | null;
  holdId: number | null;
  refundMethod: string | null;
  refundNote: string | null;
  refundedAt: string | null;
  refundedBy: number | null;
};

export type ReceivableItemsTable = {
  id: Generated<number>;
  companyId: number;
  customerId: number;
  docType: string;
  docId: number;
  docNumber: string;
  docDate: string;
  paymentTerm: string;
  dueDate: string;
  amount: number;
  openAmount: number;
  lastMoveDate: string | null;
  settledDate: string | null;
  createdAt: string;
  dueDay: Generated<number>;
  docDay: Generated<number>;
  moveDay: Generated<number>;
};

export type ReceivableMovesTable = {
  id: Generated<number>;
  companyId: number;
  itemId: number;
  customerId: number;
  kind: string;
  amount: number;
  moveDate: string;
  sourceType: string;
  sourceId: number;
  createdAt: string;
};

export type RobotDeliveriesTable = {
  id: Generated<number>;
  companyId: number;
  robotId: number | null;
  channel: string;
  robotName: string;
  kind: string;
  title: string;
  content: string;
  status: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  responseStatus: number | null;
  createdAt: string;
  sentAt: string | null;
};

export type RobotWebhooksTable = {
  id: Generated<number>;
  companyId: number;
  channel: string;
  name: string;
  url: string;
  secret: string | null;
  enabled: number;
  kinds: string;
  position: number;
  createdAt: string;
  updatedAt: string;
};

export type RolesTable = {
  id: Generated<number>;
  companyId: number;
  code: string;
  name: string;
  permissions: Generated<string>;
  dataScope: string;
  builtin: Generated<number>;
  createdAt: string;
  version: Generated<number>;
};

export type SalesOrderChangesTable = {
  id: Generated<number>;
  companyId: number;
  orderId: number;
  number: string;
  reason: string;
  changes: string;
  requestedBy: number;
  approvedBy: number | null;
  createdAt: string;
};

export type SalesOrderLinesTable = {
  id: Generated<number>;
  companyId: number;
  orderId: number;
  lineNo: number;
  productId: number;
  productCode: string;
  productName: string;
  spec: string | null;
  unit: string;
  barcode: string | null;
  quantity: number;
  unitPrice: number;
  discountBp: Generated<number>;
  taxRateBp: number;
  amountExTax: number;
  taxAmount: number;
  amount: number;
  reservedQuantity: Generated<number>;
  shippedQuantity: Generated<number>;
  remarks: string | null;
  listPrice: number | null;
};

export type SalesOrderReviewsTable = {
  id: Generated<number>;
  companyId: number;
  orderId: number;
  kind: string;
  decision: string;
  reason: string | null;
  reviewerId: number;
  createdAt: string;
};

export type SalesOrderStagesTable = {
  id: Generated<number>;
  companyId: number;
  orderId: number;
  seq: number;
  name: string;
  status: string;
  doneBy: number | null;
  doneAt: string | null;
  note: string | null;
};

export type SalesOrdersTable = {
  id: Generated<number>;
  companyId: number;
  number: string | null;
  status: string;
  orderType: string;
  paymentTerm: string;
  customerId: number;
  customerName: string;
  contactName: string | null;
  contactPhone: string | null;
  deliveryAddress: string | null;
  ownerId: number;
  warehouseId: number;
  priceIncludesTax: Generated<number>;
  businessDate: string;
  deliveryDate: string | null;
  deliveryMethod: string | null;
  carrierName: string | null;
  carrierPhone: string | null;
  remarks: string | null;
  totalQuantity: Generated<number>;
  amountExTax: Generated<number>;
  taxAmount: Generated<number>;
  totalAmount: Generated<number>;
  pendingReviews: string | null;
  backorder: Generated<number>;
  paymentReceived: Generated<number>;
  paymentReceivedAt: string | null;
  paymentRecordedBy: number | null;
  creditOverrideBy: number | null;
  creditOverrideReason: string | null;
  submittedAt: string | null;
  confirmedAt: string | null;
  deliveredAt: string | null;
  customerConfirmedAt: string | null;
  closedAt: string | null;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
  version: Generated<number>;
  voidedAt: string | null;
  voidedBy: number | null;
  voidReason: string | null;
  holdId: number | null;
  priceConcession: Generated<number>;
};

export type SalesReturnLinesTable = {
  id: Generated<number>;
  companyId: number;
  returnId: number;
  slipLineId: number;
  productId: number;
  quantity: number;
  amount: number;
  codes: string | null;
};

export type SalesReturnsTable = {
  id: Generated<number>;
  companyId: number;
  number: string;
  status: string;
  slipId: number;
  warehouseId: number;
  businessDate: string;
  reason: string;
  totalAmount: number;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
  version: Generated<number>;
  voidedAt: string | null;
  voidedBy: number | null;
  voidReason: string | null;
};

export type SalesSlipLinesTable = {
  id: Generated<number>;
  companyId: number;
  slipId: number;
  lineNo: number;
  orderLineId: number | null;
  productId: number;
  productCode: string;
  productName: string;
  spec: string | null;
  unit: string;
  batchNo: string | null;
  quantity: number;
  unitPrice: number;
  discountBp: Generated<number>;
  taxRateBp: number;
  amountExTax: number;
  taxAmount: number;
  amount: number;
  returnedQuantity: Generated<number>;
};

export type SalesSlipPrintsTable = {
  id: Generated<number>;
  companyId: number;
  slipId: number;
  printNo: number;
  paper: string;
  printedBy: number;
  printedAt: string;
};

export type SalesSlipsTable = {
  id: Generated<number>;
  companyId: number;
  number: string | null;
  status: string;
  orderId: number | null;
  orderType: string;
  paymentTerm: string;
  customerId: number | null;
  customerName: string;
  contactName: string | null;
  contactPhone: string | null;
  deliveryAddress: string | null;
  ownerId: number;
  handlerId: number;
  warehouseId: number;
  priceIncludesTax: Generated<number>;
  businessDate: string;
  driverName: string | null;
  driverPhone: string | null;
  remarks: string | null;
  totalQuantity: Generated<number>;
  amountExTax: Generated<number>;
  taxAmount: Generated<number>;
  totalAmount: Generated<number>;
  returnedAmount: Generated<number>;
  printCount: Generated<number>;
  issuedAt: string | null;
  deliveredAt: string | null;
  reconciliationId: number | null;
  postedAt: string | null;
  postedBy: number | null;
  keeperSignedBy: number | null;
  keeperSignedAt: string | null;
  preparerSignedBy: number | null;
  preparerSignedAt: string | null;
  handlerSignedBy: number | null;
  handlerSignedAt: string | null;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
  version: Generated<number>;
  voidedAt: string | null;
  voidedBy: number | null;
  voidReason: string | null;
  receivedAmount: Generated<number>;
  deliveryMode: Generated<string>;
  cashTendered: number | null;
};

export type SessionsTable = {
  id: string;
  userId: number;
  companyId: number | null;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
};

export type StockBatchesTable = {
  id: Generated<number>;
  companyId: number;
  warehouseId: number;
  productId: number;
  batchNo: string;
  productionDate: string | null;
  expiryDate: string | null;
  onHand: Generated<number>;
  createdAt: string;
  updatedAt: string;
};

export type StockDayMovesTable = {
  companyId: number;
  day: string;
  warehouseId: number;
  productId: number;
  quantity: number;
};

export type StockDocumentLinesTable = {
  id: Generated<number>;
  companyId: number;
  documentId: number;
  lineNo: number;
  productId: number;
  batchNo: string | null;
  productionDate: string | null;
  expiryDate: string | null;
  quantity: number;
  bookQuantity: number | null;
  remarks: string | null;
  boxCodes: string | null;
};

export type StockDocumentsTable = {
  id: Generated<number>;
  companyId: number;
  docType: string;
  number: string | null;
  status: string;
  warehouseId: number;
  toWarehouseId: number | null;
  businessDate: string;
  counterparty: string | null;
  reason: string | null;
  remarks: string | null;
  submittedAt: string | null;
  submittedBy: number | null;
  keeperSignedBy: number | null;
  keeperSignedAt: string | null;
  preparerSignedBy: number | null;
  preparerSignedAt: string | null;
  handlerSignedBy: number | null;
  handlerSignedAt: string | null;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
  version: Generated<number>;
  voidedAt: string | null;
  voidedBy: number | null;
  voidReason: string | null;
  handlerId: number | null;
};

export type StockLedgerTable = {
  id: Generated<number>;
  companyId: number;
  warehouseId: number;
  productId: number;
  batchId: number;
  quantity: number;
  docType: string;
  docId: number;
  docNo: string;
  docLineId: number | null;
  reversesId: number | null;
  businessDate: string;
  createdBy: number;
  createdAt: string;
};

export type StockLevelsTable = {
  id: Generated<number>;
  companyId: number;
  warehouseId: number;
  productId: number;
  onHand: Generated<number>;
  reserved: Generated<number>;
  updatedAt: string;
  safetyStock: number | null;
  targetStock: number | null;
};

export type StockMonthMovesTable = {
  companyId: number;
  month: string;
  warehouseId: number;
  productId: number;
  quantity: number;
};

export type StockReservationsTable = {
  id: Generated<number>;
  companyId: number;
  warehouseId: number;
  productId: number;
  quantity: number;
  sourceType: string;
  sourceId: number;
  sourceLineId: number;
  createdAt: string;
  updatedAt: string;
};

export type UnitCodesTable = {
  id: Generated<number>;
  companyId: number;
  code: string;
  kind: string;
  productId: number;
  warehouseId: number | null;
  batchNo: string | null;
  status: string;
  inboundDocId: number | null;
  issuedDocType: string | null;
  issuedDocId: number | null;
  issuedDocNo: string | null;
  issuedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type UsersTable = {
  id: Generated<number>;
  username: string;
  displayName: string;
  passwordHash: string;
  phone: string | null;
  email: string | null;
  locale: Generated<string>;
  active: Generated<number>;
  mustChangePassword: Generated<number>;
  failedLogins: Generated<number>;
  lockedUntil: string | null;
  searchKey: Generated<string>;
  createdAt: string;
  version: Generated<number>;
};

export type WarehousesTable = {
  id: Generated<number>;
  companyId: number;
  code: string;
  name: string;
  address: string | null;
  keeperId: number | null;
  active: Generated<number>;
  createdAt: string;
  updatedAt: string;
  version: Generated<number>;
};

export type DB = {
  auditLog: AuditLogTable;
  businessEvents: BusinessEventsTable;
  collectionAlertDays: CollectionAlertDaysTable;
  collectionPlanLines: CollectionPlanLinesTable;
  collectionPlans: CollectionPlansTable;
  companies: CompaniesTable;
  customerAddresses: CustomerAddressesTable;
  customerContacts: CustomerContactsTable;
  customerCredit: CustomerCreditTable;
  customerFollowups: CustomerFollowupsTable;
  customerMoves: CustomerMovesTable;
  customerStatements: CustomerStatementsTable;
  customerTags: CustomerTagsTable;
  customers: CustomersTable;
  departments: DepartmentsTable;
  driverReconciliationSlips: DriverReconciliationSlipsTable;
  driverReconciliations: DriverReconciliationsTable;
  dunningActions: DunningActionsTable;
  holdRequests: HoldRequestsTable;
  holds: HoldsTable;
  importJobs: ImportJobsTable;
  importRows: ImportRowsTable;
  invoiceLines: InvoiceLinesTable;
  invoiceOrderSources: InvoiceOrderSourcesTable;
  invoiceSources: InvoiceSourcesTable;
  invoices: InvoicesTable;
  jobLocks: JobLocksTable;
  leadActivities: LeadActivitiesTable;
  leads: LeadsTable;
  memberships: MembershipsTable;
  notifications: NotificationsTable;
  numberRules: NumberRulesTable;
  numberSequences: NumberSequencesTable;
  opportunities: OpportunitiesTable;
  ownershipRequests: OwnershipRequestsTable;
  priceListItems: PriceListItemsTable;
  priceLists: PriceListsTable;
  products: ProductsTable;
  purchaseRequests: PurchaseRequestsTable;
  receiptAllocations: ReceiptAllocationsTable;
  receipts: ReceiptsTable;
  receivableItems: ReceivableItemsTable;
  receivableMoves: ReceivableMovesTable;
  robotDeliveries: RobotDeliveriesTable;
  robotWebhooks: RobotWebhooksTable;
  roles: RolesTable;
  salesOrderChanges: SalesOrderChangesTable;
  salesOrderLines: SalesOrderLinesTable;
  salesOrderReviews: SalesOrderReviewsTable;
  salesOrderStages: SalesOrderStagesTable;
  salesOrders: SalesOrdersTable;
  salesReturnLines: SalesReturnLinesTable;
  salesReturns: SalesReturnsTable;
  salesSlipLines: SalesSlipLinesTable;
  salesSlipPrints: SalesSlipPrintsTable;
  salesSlips: SalesSlipsTable;
  sessions: SessionsTable;
  stockBatches: StockBatchesTable;
  stockDayMoves: StockDayMovesTable;
  stockDocumentLines: StockDocumentLinesTable;
  stockDocuments: StockDocumentsTable;
  stockLedger: StockLedgerTable;
  stockLevels: StockLevelsTable;
  stockMonthMoves: StockMonthMovesTable;
  stockReservations: StockReservationsTable;
  unitCodes: UnitCodesTable;
  users: UsersTable;
  warehouses: WarehousesTable;
};
