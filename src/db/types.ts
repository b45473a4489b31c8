import type { ColumnType, Generated } from 'kysely';

// Table types in camelCase (CamelCasePlugin maps to snake_case columns).
// Modules add their tables to DB below, next to their migration.
type Id = Generated<number>;
type Ver = ColumnType<number, number | undefined, number>;
type Flag = ColumnType<number, number | undefined, number>;

export type CompaniesTable = {
  id: Id; code: string; name: string; shortName: string | null; taxId: string | null;
  address: string | null; phone: string | null;
  settings: ColumnType<string, string | undefined, string>; active: Flag; createdAt: string; version: Ver;
};
export type DepartmentsTable = {
  id: Id; companyId: number; parentId: number | null; name: string; code: string | null; path: string;
  managerUserId: number | null; active: Flag; createdAt: string; version: Ver;
};
export type UsersTable = {
  id: Id; username: string; displayName: string; passwordHash: string; phone: string | null; email: string | null;
  locale: ColumnType<string, string | undefined, string>; active: Flag; mustChangePassword: Flag;
  failedLogins: ColumnType<number, number | undefined, number>; lockedUntil: string | null;
  searchKey: ColumnType<string, string | undefined, string>; createdAt: string; version: Ver;
};
export type RolesTable = {
  id: Id; companyId: number; code: string; name: string; permissions: string; dataScope: string;
  builtin: Flag; createdAt: string; version: Ver;
};
export type MembershipsTable = {
  id: Id; userId: number; companyId: number; roleId: number; departmentId: number | null; active: Flag;
  createdAt: string; version: Ver;
};
export type SessionsTable = {
  id: string; userId: number; companyId: number | null; csrfToken: string; createdAt: string; expiresAt: string;
};
export type AuditLogTable = {
  id: Id; companyId: number | null; userId: number | null; action: string; entity: string; entityId: number | null;
  before: string | null; after: string | null; note: string | null; requestId: string | null; at: string;
  chainSeq: number | null; prevHash: string | null; hash: string | null;
};
export type NumberRulesTable = {
  id: Id; companyId: number; docType: string; pattern: string; reset: string; createdAt: string; version: Ver;
};
export type NumberSequencesTable = { companyId: number; docType: string; period: string; lastValue: number };
export type JobLocksTable = {
  name: string; lockedBy: string | null; lockedUntil: string | null; lastRunAt: string | null; lastResult: string | null;
};
export type NotificationsTable = {
  id: Id; companyId: number; userId: number; kind: string; title: string; body: string | null;
  entity: string | null; entityId: number | null; readAt: string | null; createdAt: string;
};

export type CustomersTable = {
  id: Id; companyId: number; code: string; name: string; shortName: string | null; nameKey: string; searchKey: string;
  industry: string | null; province: string | null; city: string | null; address: string | null;
  classification: string; source: string; ownerId: number | null; ownerSince: string | null; poolEnteredAt: string | null;
  previousOwnerId: number | null; taxId: string | null; invoiceTitle: string | null; invoiceAddress: string | null;
  invoicePhone: string | null; invoiceBank: string | null; invoiceAccount: string | null; referredByCustomerId: number | null;
  notes: string | null; primaryContact: string | null; primaryPhone: string | null; lastFollowupAt: string | null;
  lastDealAt: string | null; createdBy: number; createdAt: string; updatedAt: string; version: Ver;
  // 20261122T020000-add-customer-search
  searchName: string | null; searchCore: string | null; searchPinyin: string | null; searchInitials: string | null;
  // 20261122T200100-add-customer-core-pinyin
  searchCorePinyin: string | null; searchCoreInitials: string | null;
};
export type CustomerContactsTable = {
  id: Id; companyId: number; customerId: number; name: string; phone: string | null; phoneNorm: string | null;
  position: string | null; email: string | null; isPrimary: Flag; createdAt: string;
};
export type CustomerAddressesTable = {
  id: Id; companyId: number; customerId: number; label: string | null; province: string | null; city: string | null;
  address: string; receiver: string | null; phone: string | null; isDefault: Flag; createdAt: string;
};
export type CustomerTagsTable = { companyId: number; customerId: number; tag: string };
export type CustomerFollowupsTable = {
  id: Id; companyId: number; customerId: number; userId: number; type: string; content: string; contactId: number | null;
  nextDate: string | null; at: string;
};
export type CustomerCreditTable = {
  customerId: number; companyId: number; rating: string; creditLimit: number; paymentTerms: string; prepayRequired: Flag;
  assets: string | null; salesCapacity: string | null; debts: string | null; creditHistory: string | null; conclusion: string | null;
  checkedAt: string; checkedBy: number; updatedAt: string; version: Ver;
};
export type CustomerMovesTable = {
  id: Id; companyId: number; customerId: number; kind: string; fromUserId: number | null; toUserId: number | null;
  reason: string | null; byUserId: number | null; at: string;
};
export type OwnershipRequestsTable = {
  id: Id; companyId: number; number: string; customerId: number; requesterId: number; ownerId: number | null; reason: string;
  status: string; decidedBy: number | null; decidedAt: string | null; decisionNote: string | null;
  voidedAt: string | null; voidedBy: number | null; voidReason: string | null; createdAt: string; version: Ver;
};
export type LeadsTable = {
  id: Id; companyId: number; number: string; contactName: string; companyName: string | null; phone: string | null;
  phoneNorm: string | null; email: string | null; channel: string; province: string | null; city: string | null; need: string | null;
  referredByCustomerId: number | null; searchKey: string; status: string; assigneeId: number | null; lastContactAt: string | null;
  convertedCustomerId: number | null; convertedAt: string | null; voidedAt: string | null; voidedBy: number | null;
  voidReason: string | null; createdBy: number; createdAt: string; updatedAt: string; version: Ver;
};
export type LeadActivitiesTable = { id: Id; companyId: number; leadId: number; userId: number; type: string; content: string; at: string };
export type OpportunitiesTable = {
  id: Id; companyId: number; customerId: number; leadId: number | null; name: string; expectedAmount: number | null;
  expectedDate: string | null; rating: string | null; stage: string; ownerId: number | null; createdAt: string; version: Ver;
};
export type ImportJobsTable = {
  id: Id; companyId: number; userId: number; kind: string; fileName: string; status: string; totalRows: Flag; validRows: Flag;
  invalidRows: Flag; importedRows: Flag; mode: string | null; error: string | null; createdAt: string; committedAt: string | null; updatedAt: string;
};
export type ImportRowsTable = { jobId: number; rowNumber: number; data: string; errors: string | null; valid: number };

export type DB = {
  importJobs: ImportJobsTable;
  importRows: ImportRowsTable;
  companies: CompaniesTable;
  departments: DepartmentsTable;
  users: UsersTable;
  roles: RolesTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  auditLog: AuditLogTable;
  numberRules: NumberRulesTable;
  numberSequences: NumberSequencesTable;
  jobLocks: JobLocksTable;
  notifications: NotificationsTable;
  customers: CustomersTable;
  customerContacts: CustomerContactsTable;
  customerAddresses: CustomerAddressesTable;
  customerTags: CustomerTagsTable;
  customerFollowups: CustomerFollowupsTable;
  customerCredit: CustomerCreditTable;
  customerMoves: CustomerMovesTable;
  ownershipRequests: OwnershipRequestsTable;
  leads: LeadsTable;
  leadActivities: LeadActivitiesTable;
  opportunities: OpportunitiesTable;
};
