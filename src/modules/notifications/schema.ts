import { z } from 'zod';

export const notificationListQuery = z.object({
  unread: z.enum(['1', '0']).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type NotificationListQuery = z.infer<typeof notificationListQuery>;

export const notificationOut = z.object({
  id: z.number(),
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  entity: z.string().nullable(),
  entityId: z.number().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type NotificationOut = z.infer<typeof notificationOut>;

export const notificationPage = z.object({ items: z.array(notificationOut), total: z.number(), page: z.number(), pageSize: z.number() });
export const unreadCountOut = z.object({ unread: z.number() });
export const notificationIdParams = z.object({ id: z.coerce.number().int().positive() });
export const readAllOut = z.object({ updated: z.number() });

/** What another module writes, in its own transaction, through notify(). */
export type NewNotification = {
  companyId: number;
  userId: number;
  kind: string;
  title: string;
  body?: string | null;
  /** the record it is about: 'customer' | 'lead' | 'ownership_request' | … (the web links these) */
  entity?: string | null;
  entityId?: number | null;
};
