import type { Db } from '../../db/database.ts';
import type { RequestContext } from '../../platform/permissions/context.ts';
import * as repo from './repo.ts';
import type { DepartmentNode, DirectoryUser, DirectoryUserQuery } from './schema.ts';

// The company directory: who works here and in which department, for pickers (assign a lead,
// transfer a customer, pick a department manager). Any member of the company may look colleagues
// up — names and departments are not confidential inside a company — but nothing of other
// companies, and no contact details or account state (those stay on the admin-only user list).

export async function findColleagues(db: Db, ctx: RequestContext, q: DirectoryUserQuery): Promise<DirectoryUser[]> {
  return repo.findColleagues(db, ctx.companyId, q);
}

export async function departmentTree(db: Db, ctx: RequestContext): Promise<DepartmentNode[]> {
  const rows = await repo.departmentsOf(db, ctx.companyId);
  const nodes = new Map<number, DepartmentNode>(rows.map((r) => [r.id, { id: r.id, name: r.name, parentId: r.parentId, memberCount: Number(r.memberCount ?? 0), children: [] }]));
  const roots: DepartmentNode[] = [];
  // rows come in path order, so a parent is always placed before its children
  for (const r of rows) {
    const node = nodes.get(r.id)!;
    const parent = r.parentId != null ? nodes.get(r.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
