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
};

export type ImportRowsTable = {
  jobId: number;
  rowNumber: number;
  data: string;
  errors: string | null;
  valid: number;
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

export type SessionsTable = {
  id: string;
  userId: number;
  companyId: number | null;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
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

export type DB = {
  auditLog: AuditLogTable;
  companies: CompaniesTable;
  customerAddresses: CustomerAddressesTable;
  customerContacts: CustomerContactsTable;
  customerCredit: CustomerCreditTable;
  customerFollowups: CustomerFollowupsTable;
  customerMoves: CustomerMovesTable;
  customerTags: CustomerTagsTable;
  customers: CustomersTable;
  departments: DepartmentsTable;
  importJobs: ImportJobsTable;
  importRows: ImportRowsTable;
  jobLocks: JobLocksTable;
  leadActivities: LeadActivitiesTable;
  leads: LeadsTable;
  memberships: MembershipsTable;
  notifications: NotificationsTable;
  numberRules: NumberRulesTable;
  numberSequences: NumberSequencesTable;
  opportunities: OpportunitiesTable;
  ownershipRequests: OwnershipRequestsTable;
  roles: RolesTable;
  sessions: SessionsTable;
  users: UsersTable;
};
