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

export type DB = {
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
};
