import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../server/modules.ts';
import { permissionCatalog } from '../../platform/permissions/catalog.ts';
import * as s from './service.ts';
import * as sc from './schema.ts';

const ok = z.object({ ok: z.literal(true) });

export function adminRoutes({ db }: ModuleDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/admin/companies', { schema: { response: { 200: z.array(sc.companyOut) } }, config: { access: 'admin.company' } }, (req) => s.listCompanies(db, req.ctx));
    app.post('/api/admin/companies', { schema: { body: sc.companyBody, response: { 200: sc.companyOut } }, config: { access: 'admin.company' } }, (req) => s.createCompany(db, req.ctx, req.body));
    app.put('/api/admin/companies/:id', { schema: { params: sc.idParams, body: sc.companyUpdateBody, response: { 200: sc.companyOut } }, config: { access: 'admin.company' } }, (req) => s.updateCompany(db, req.ctx, req.params.id, req.body));

    const settingsOut = z.object({ settings: sc.companySettings, version: z.number() });
    app.get('/api/admin/settings', { schema: { response: { 200: settingsOut } }, config: { access: 'admin.settings' } }, (req) => s.getSettings(db, req.ctx));
    app.put('/api/admin/settings', { schema: { body: sc.settingsUpdateBody, response: { 200: settingsOut } }, config: { access: 'admin.settings' } }, (req) => s.updateSettings(db, req.ctx, req.body.settings, req.body.version));

    app.get('/api/admin/departments', { schema: { response: { 200: z.array(sc.departmentOut) } }, config: { access: 'admin.department' } }, (req) => s.listDepartments(db, req.ctx));
    app.post('/api/admin/departments', { schema: { body: sc.departmentBody, response: { 200: z.object({ id: z.number() }) } }, config: { access: 'admin.department' } }, (req) => s.createDepartment(db, req.ctx, req.body));
    app.put('/api/admin/departments/:id', { schema: { params: sc.idParams, body: sc.departmentUpdateBody, response: { 200: ok } }, config: { access: 'admin.department' } }, async (req) => {
      await s.updateDepartment(db, req.ctx, req.params.id, req.body);
      return { ok: true as const };
    });

    app.get('/api/admin/permissions', { config: { access: 'admin.role' } }, async () => permissionCatalog);
    app.get('/api/admin/roles', { schema: { response: { 200: z.array(sc.roleOut) } }, config: { access: 'admin.role' } }, (req) => s.listRoles(db, req.ctx));
    app.post('/api/admin/roles', { schema: { body: sc.roleBody, response: { 200: sc.roleOut } }, config: { access: 'admin.role' } }, (req) => s.createRole(db, req.ctx, req.body));
    app.put('/api/admin/roles/:id', { schema: { params: sc.idParams, body: sc.roleUpdateBody, response: { 200: sc.roleOut } }, config: { access: 'admin.role' } }, (req) => s.updateRole(db, req.ctx, req.params.id, req.body));

    app.get('/api/admin/users', { schema: { querystring: sc.userListQuery, response: { 200: sc.pageOf(sc.memberOut) } }, config: { access: 'admin.user' } }, (req) => s.listUsers(db, req.ctx, req.query));
    app.post('/api/admin/users', { schema: { body: sc.userCreateBody, response: { 200: sc.memberOut } }, config: { access: 'admin.user' } }, (req) => s.createUser(db, req.ctx, req.body));
    app.put('/api/admin/users/:id', { schema: { params: sc.idParams, body: sc.userUpdateBody, response: { 200: sc.memberOut } }, config: { access: 'admin.user' } }, (req) => s.updateUser(db, req.ctx, req.params.id, req.body));
    app.post('/api/admin/users/:id/password', { schema: { params: sc.idParams, body: sc.resetPasswordBody, response: { 200: ok } }, config: { access: 'admin.user' } }, async (req) => {
      await s.resetUserPassword(db, req.ctx, req.params.id, req.body);
      return { ok: true as const };
    });
    app.post('/api/admin/users/:id/unlock', { schema: { params: sc.idParams, response: { 200: ok } }, config: { access: 'admin.user' } }, async (req) => {
      await s.unlockUser(db, req.ctx, req.params.id);
      return { ok: true as const };
    });

    app.get('/api/admin/number-rules', { schema: { response: { 200: z.array(sc.numberRuleOut) } }, config: { access: 'admin.settings' } }, (req) => s.listNumberRules(db, req.ctx));
    app.put('/api/admin/number-rules/:docType', { schema: { params: sc.docTypeParams, body: sc.numberRuleBody, response: { 200: ok } }, config: { access: 'admin.settings' } }, async (req) => {
      await s.updateNumberRule(db, req.ctx, req.params.docType, req.body);
      return { ok: true as const };
    });

    app.get('/api/admin/audit', { schema: { querystring: sc.auditQuery, response: { 200: sc.pageOf(sc.auditOut) } }, config: { access: 'audit.read' } }, (req) => s.listAuditLog(db, req.ctx, req.query));
  };
}
