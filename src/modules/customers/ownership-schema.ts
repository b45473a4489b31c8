import { z } from 'zod';

// Request and response shapes of ownership requests, the public pool, moves and transfers; the web imports them too.

export const idParams = z.object({ id: z.coerce.number().int().positive() });
const reasonText = (max: number) => z.string().trim().min(1, '请填写原因').max(max);
const pageFields = {
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });

export const ownershipStatus = z.enum(['submitted', 'approved', 'rejected', 'void']);
export type OwnershipStatus = z.infer<typeof ownershipStatus>;

export const ownershipRequestBody = z.object({
  customerId: z.number().int().positive(),
  reason: reasonText(500),
});
export const ownershipDecisionBody = z.object({ note: z.string().trim().max(500).optional() });
export const voidBody = z.object({ reason: z.string().trim().max(500) });

export const ownershipListQuery = z.object({
  // mine: I asked; against: asks for my customers; decide: requests in my scope (ownership.decide)
  box: z.enum(['mine', 'against', 'decide']).default('mine'),
  status: ownershipStatus.optional(),
  ...pageFields,
});

export const ownershipRequestOut = z.object({
  id: z.number(),
  number: z.string(),
  status: ownershipStatus,
  customerId: z.number(),
  customerName: z.string(),
  customerCode: z.string(),
  requesterId: z.number(),
  requesterName: z.string().nullable(),
  ownerId: z.number().nullable(),
  ownerName: z.string().nullable(),
  currentOwnerId: z.number().nullable(),
  currentOwnerName: z.string().nullable(),
  reason: z.string(),
  decidedBy: z.number().nullable(),
  deciderName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
});
export type OwnershipRequestOut = z.infer<typeof ownershipRequestOut>;

export const poolListQuery = z.object({
  q: z.string().trim().max(50).optional(),
  province: z.string().trim().max(30).optional(),
  city: z.string().trim().max(30).optional(),
  classification: z.enum(['potential', 'formal', 'vip']).optional(),
  ...pageFields,
});
export const poolCustomerOut = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  classification: z.string(),
  industry: z.string().nullable(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  poolEnteredAt: z.string().nullable(),
  poolReason: z.string().nullable(),
  poolKind: z.string().nullable(),
  previousOwnerId: z.number().nullable(),
  previousOwnerName: z.string().nullable(),
  lastFollowupAt: z.string().nullable(),
  lastDealAt: z.string().nullable(),
});
export type PoolCustomerOut = z.infer<typeof poolCustomerOut>;

/** The company's written rules, for reps and managers (the admin settings page is admin-only). */
export const ownershipSettingsOut = z.object({
  ownershipRule: z.string(),
  noFollowupDays: z.number(),
  noDealDays: z.number(),
  claimLimit: z.number(),
  reclaimBlockDays: z.number(),
  owned: z.number(),
});

export const releaseBody = z.object({ reason: reasonText(500) });
export const claimOut = z.object({ id: z.number(), name: z.string(), ownerId: z.number(), ownerSince: z.string(), owned: z.number(), claimLimit: z.number() });

export const moveKind = z.enum(['create', 'claim', 'release', 'auto_pool', 'transfer', 'ownership', 'import', 'convert']);
export const moveOut = z.object({
  id: z.number(),
  kind: z.string(),
  fromUserId: z.number().nullable(),
  fromUserName: z.string().nullable(),
  toUserId: z.number().nullable(),
  toUserName: z.string().nullable(),
  reason: z.string().nullable(),
  byUserId: z.number().nullable(),
  byUserName: z.string().nullable(),
  at: z.string(),
});

export const transferBody = z.object({
  fromUserId: z.number().int().positive(),
  toUserId: z.number().int().positive(),
  // omitted: every customer the leaving rep owns
  customerIds: z.array(z.number().int().positive()).min(1).max(100000).optional(),
  reason: reasonText(500),
});
export const transferOut = z.object({ moved: z.number(), fromUserId: z.number(), toUserId: z.number() });

export const transferRepOut = z.object({
  id: z.number(),
  displayName: z.string(),
  username: z.string(),
  departmentName: z.string().nullable(),
  active: z.boolean(),
  customerCount: z.number(),
});
export const transferCustomersQuery = z.object({
  fromUserId: z.coerce.number().int().positive(),
  q: z.string().trim().max(50).optional(),
  ...pageFields,
});
export const transferCustomerOut = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  classification: z.string(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  ownerSince: z.string().nullable(),
  lastFollowupAt: z.string().nullable(),
});

/** what the user typed that matched the customer (name, phone or tax id), to see one outside their scope */
export const customerOwnerQuery = z.object({ match: z.string().trim().max(200).optional() });

export const customerOwnerOut = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  ownerId: z.number().nullable(),
  ownerName: z.string().nullable(),
  openRequestId: z.number().nullable(),
  openRequestNumber: z.string().nullable(),
});
