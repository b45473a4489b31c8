import { z } from 'zod';

export const directoryUserQuery = z.object({
  q: z.string().max(50).optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  /** include colleagues of departments below departmentId */
  subtree: z.enum(['1', '0']).optional(),
  /** ids to return whatever q says (a picker showing its current value) */
  ids: z.string().regex(/^\d+(,\d+)*$/).max(400).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type DirectoryUserQuery = z.infer<typeof directoryUserQuery>;

export const directoryUserOut = z.object({
  id: z.number(),
  displayName: z.string(),
  departmentId: z.number().nullable(),
  departmentName: z.string().nullable(),
  /** the role's code: a built-in role's name is shown in the user's language (web roleLabel) */
  roleCode: z.string(),
  roleName: z.string(),
});
export type DirectoryUser = z.infer<typeof directoryUserOut>;

export type DepartmentNode = { id: number; name: string; parentId: number | null; memberCount: number; children: DepartmentNode[] };
export const departmentNode: z.ZodType<DepartmentNode> = z.lazy(() =>
  z.object({ id: z.number(), name: z.string(), parentId: z.number().nullable(), memberCount: z.number(), children: z.array(departmentNode) }),
);
