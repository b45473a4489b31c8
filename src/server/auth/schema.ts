import { z } from 'zod';

export const loginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof loginBody>;

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(8).max(200),
});
export type ChangePasswordBody = z.infer<typeof changePasswordBody>;

export const switchCompanyBody = z.object({ companyId: z.coerce.number().int().positive() });
export const localeBody = z.object({ locale: z.enum(['zh-CN', 'en-US']) });

export const meResponse = z.object({
  user: z.object({ id: z.number(), username: z.string(), displayName: z.string(), locale: z.string(), mustChangePassword: z.boolean() }),
  company: z.object({ id: z.number(), name: z.string(), code: z.string() }).nullable(),
  companies: z.array(z.object({ id: z.number(), name: z.string(), roleName: z.string() })),
  role: z.object({ id: z.number(), code: z.string(), name: z.string(), dataScope: z.string() }).nullable(),
  department: z.object({ id: z.number(), name: z.string() }).nullable(),
  permissions: z.array(z.string()),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof meResponse>;
