import { useState } from 'react';
import { App, Form, type FormInstance } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../app/api.ts';
import { registerMessages } from '../../app/i18n.tsx';
import { MAX_SEQ_WIDTH } from '../../../../src/platform/numbering/pattern.ts';
import { applyFormErrors } from '../../components/form-errors.ts';

export type Company = { id: number; code: string; name: string; shortName: string | null; taxId: string | null; address: string | null; phone: string | null; active: boolean; version: number };
export type Department = { id: number; name: string; code: string | null; parentId: number | null; path: string; managerUserId: number | null; managerName: string | null; active: boolean; version: number; memberCount: number };
export type Role = { id: number; code: string; name: string; dataScope: 'own' | 'dept' | 'company'; permissions: string[]; builtin: boolean; version: number; memberCount: number };
export type Member = { id: number; username: string; displayName: string; phone: string | null; email: string | null; roleId: number; roleCode: string; roleName: string; departmentId: number | null; departmentName: string | null; active: boolean; lockedUntil: string | null; version: number };
export type PermissionCatalog = Record<string, { label: { zh: string; en: string }; actions: Record<string, { zh: string; en: string }> }>;

/**
 * A modal form's save: run `save`, then on an API error put the field messages under the fields
 * and show the overall message; returns true when saved.
 */
export function useSave(form: FormInstance) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (save: () => Promise<unknown>, invalidate: readonly unknown[][], done?: string): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await save();
      await Promise.all(invalidate.map((k) => qc.invalidateQueries({ queryKey: k })));
      if (done) message.success(done);
      return true;
    } catch (e) {
      const rest = applyFormErrors(form, e);
      setError([errorMessage(e), ...rest].join('；'));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}

export const useForm = <T,>() => Form.useForm<T>()[0];

// Optional text fields: the API wants null, not ''.
export const orNull = (v: string | null | undefined) => (v === undefined || v === null || v.trim() === '' ? null : v.trim());

export const adminMessages = registerMessages({
  zh: {
    'admin.companies': '账套',
    'admin.companies.sub': '每个账套是一个独立核算的公司主体，数据互相隔离',
    'admin.company.new': '新建账套',
    'admin.company.edit': '编辑账套',
    'admin.company.code': '账套编码',
    'admin.company.codeHelp': '字母、数字、下划线或短横线，创建后不可修改',
    'admin.company.name': '公司名称',
    'admin.company.shortName': '简称',
    'admin.company.taxId': '纳税人识别号',
    'admin.company.address': '地址',
    'admin.company.phone': '电话',
    'admin.company.current': '当前账套',
    'admin.company.created': '账套已创建。新账套已建好内置角色和根部门；请在「用户」中把成员加入该账套（切换到新账套后操作）。',

    'admin.departments': '部门',
    'admin.departments.sub': '部门树决定「本部门及下级」的数据范围',
    'admin.dept.new': '新建部门',
    'admin.dept.newChild': '添加下级',
    'admin.dept.edit': '编辑部门',
    'admin.dept.name': '部门名称',
    'admin.dept.code': '部门编码',
    'admin.dept.parent': '上级部门',
    'admin.dept.parentHelp': '修改上级即移动部门，其下级部门一起移动',
    'admin.dept.manager': '负责人',
    'admin.dept.members': '人数',
    'admin.dept.root': '（顶级）',

    'admin.users': '用户',
    'admin.user.new': '新建用户',
    'admin.user.edit': '编辑用户',
    'admin.user.username': '用户名',
    'admin.user.usernameHelp': '登录用，字母、数字或 _ . @ -，创建后不可修改',
    'admin.user.displayName': '姓名',
    'admin.user.phone': '手机',
    'admin.user.email': '邮箱',
    'admin.user.role': '角色',
    'admin.user.department': '部门',
    'admin.user.password': '初始密码',
    'admin.user.passwordHelp': '至少 8 位，须同时包含字母和数字；用户首次登录须修改',
    'admin.user.active': '在职（启用）',
    'admin.user.locked': '已锁定',
    'admin.user.lockedUntil': '锁定至 {until}',
    'admin.user.resetPassword': '重置密码',
    'admin.user.resetTitle': '重置「{name}」的密码',
    'admin.user.newPassword': '新密码',
    'admin.user.resetDone': '密码已重置，用户下次登录须修改密码',
    'admin.user.unlock': '解锁',
    'admin.user.unlocked': '已解锁',
    'admin.user.search': '姓名 / 拼音 / 用户名',
    'admin.user.allRoles': '全部角色',
    'admin.user.allDepts': '全部部门',
    'admin.user.anyStatus': '全部状态',

    'admin.roles': '角色与权限',
    'admin.roles.sub': '内置角色是模板，不能修改；复制后可改名称、数据范围和权限',
    'admin.role.copy': '复制',
    'admin.role.copyTitle': '复制角色「{name}」',
    'admin.role.copyName': '{name}（副本）',
    'admin.role.edit': '编辑角色',
    'admin.role.code': '角色编码',
    'admin.role.name': '角色名称',
    'admin.role.scope': '数据范围',
    'admin.role.permissions': '权限',
    'admin.role.builtin': '内置',
    'admin.role.custom': '自定义',
    'admin.role.members': '成员数',
    'admin.role.permCount': '{n} 项权限',
    'admin.role.permCountOne': '1 项权限',
    'admin.role.copied': '已复制为新角色「{name}」',
    'admin.scope.own': '本人',
    'admin.scope.dept': '本部门及下级',
    'admin.scope.company': '全公司',
    'admin.role.selectAll': '全选',

    'admin.numbering': '编号规则',
    'admin.numbering.sub': '单据编号在提交时按账套、单据类型和周期连续分配',
    'admin.num.docType': '单据类型',
    'admin.num.pattern': '编号格式',
    'admin.num.patternHelp': '可用 {YYYY} 年、{YY} 两位年、{MM} 月、{DD} 日、{SEQ:6} 六位流水号（必填）',
    'admin.num.reset': '流水号归零',
    'admin.num.example': '示例',
    'admin.num.custom': '已自定义',
    'admin.num.default': '默认',
    'admin.num.edit': '编辑编号规则',
    'admin.num.invalid': `格式须包含一个（且只能一个）{SEQ:n}，n 不超过 ${MAX_SEQ_WIDTH}，其余只能用 {YYYY} {YY} {MM} {DD}`,
    'admin.reset.never': '从不',
    'admin.reset.year': '每年',
    'admin.reset.month': '每月',
    'admin.reset.day': '每天',

    'admin.settings': '参数设置',
    'admin.settings.pool': '公海规则',
    'admin.settings.poolHelp': '业务员名下客户超过期限未跟进或未成交，将自动退回公海',
    'admin.settings.noFollowupDays': '未跟进退回公海（天）',
    'admin.settings.noDealDays': '未成交退回公海（天）',
    'admin.settings.claimLimit': '公海领取上限（名下客户数）',
    'admin.settings.claimLimitHelp': '业务员名下客户达到此数后不能再从公海领取；0 表示不允许领取',
    'admin.settings.reclaimBlockDays': '退回后原归属人不得领取（天）',
    'admin.settings.ownership': '客户归属规则',
    'admin.settings.ownershipHelp': '书面规则，在归属申请和裁决页面向所有人展示',
    'admin.settings.ownershipRule': '归属规则',

    'admin.audit': '审计日志',
    'admin.audit.sub': '所有操作留痕，日志只增不改，并以哈希链防篡改',
    'admin.audit.entity': '对象类型',
    'admin.audit.entityId': '对象编号',
    'admin.audit.user': '操作人',
    'admin.audit.range': '日期',
    'admin.audit.action': '操作',
    'admin.audit.at': '时间',
    'admin.audit.note': '说明',
    'admin.audit.sealed': '已封存',
    'admin.audit.unsealed': '待封存',
    'admin.audit.chain': '哈希链',
    'admin.audit.details': '变更内容',
    'admin.audit.noDiff': '无字段变更',
  },
  en: {
    'admin.companies': 'Companies',
    'admin.companies.sub': 'Each company keeps its own books; their data are kept apart',
    'admin.company.new': 'New company',
    'admin.company.edit': 'Edit company',
    'admin.company.code': 'Code',
    'admin.company.codeHelp': 'Letters, digits, _ or -; cannot change later',
    'admin.company.name': 'Name',
    'admin.company.shortName': 'Short name',
    'admin.company.taxId': 'Tax id',
    'admin.company.address': 'Address',
    'admin.company.phone': 'Phone',
    'admin.company.current': 'Current',
    'admin.company.created': 'Company created with the built-in roles and a root department; switch to it to add members.',

    'admin.departments': 'Departments',
    'admin.departments.sub': 'The tree defines the "own department and below" data scope',
    'admin.dept.new': 'New department',
    'admin.dept.newChild': 'Add sub-department',
    'admin.dept.edit': 'Edit department',
    'admin.dept.name': 'Name',
    'admin.dept.code': 'Code',
    'admin.dept.parent': 'Parent',
    'admin.dept.parentHelp': 'Changing the parent moves the department with everything below it',
    'admin.dept.manager': 'Manager',
    'admin.dept.members': 'Members',
    'admin.dept.root': '(top level)',

    'admin.users': 'Users',
    'admin.user.new': 'New user',
    'admin.user.edit': 'Edit user',
    'admin.user.username': 'Username',
    'admin.user.usernameHelp': 'For logging in: letters, digits or _ . @ -; cannot change later',
    'admin.user.displayName': 'Name',
    'admin.user.phone': 'Mobile',
    'admin.user.email': 'Email',
    'admin.user.role': 'Role',
    'admin.user.department': 'Department',
    'admin.user.password': 'Initial password',
    'admin.user.passwordHelp': '8+ characters with letters and digits; to be changed at first login',
    'admin.user.active': 'Active',
    'admin.user.locked': 'Locked',
    'admin.user.lockedUntil': 'Locked until {until}',
    'admin.user.resetPassword': 'Reset password',
    'admin.user.resetTitle': 'Reset the password of {name}',
    'admin.user.newPassword': 'New password',
    'admin.user.resetDone': 'Password reset; the user must change it at next login',
    'admin.user.unlock': 'Unlock',
    'admin.user.unlocked': 'Unlocked',
    'admin.user.search': 'Name / pinyin / username',
    'admin.user.allRoles': 'All roles',
    'admin.user.allDepts': 'All departments',
    'admin.user.anyStatus': 'Any status',

    'admin.roles': 'Roles',
    'admin.roles.sub': 'Built-in roles are templates; copy one to change it',
    'admin.role.copy': 'Copy',
    'admin.role.copyTitle': 'Copy role {name}',
    'admin.role.copyName': '{name} (copy)',
    'admin.role.edit': 'Edit role',
    'admin.role.code': 'Code',
    'admin.role.name': 'Name',
    'admin.role.scope': 'Data scope',
    'admin.role.permissions': 'Permissions',
    'admin.role.builtin': 'Built-in',
    'admin.role.custom': 'Custom',
    'admin.role.members': 'Members',
    'admin.role.permCount': '{n} permissions',
    'admin.role.permCountOne': '1 permission',
    'admin.role.copied': 'Copied as {name}',
    'admin.scope.own': 'Own records',
    'admin.scope.dept': 'Own department and below',
    'admin.scope.company': 'Whole company',
    'admin.role.selectAll': 'All',

    'admin.numbering': 'Numbering',
    'admin.numbering.sub': 'Document numbers are assigned at submit, per company, type and period, without gaps',
    'admin.num.docType': 'Document type',
    'admin.num.pattern': 'Pattern',
    'admin.num.patternHelp': 'Use {YYYY} {YY} {MM} {DD} and {SEQ:6} (a 6-digit sequence, required)',
    'admin.num.reset': 'Sequence restarts',
    'admin.num.example': 'Example',
    'admin.num.custom': 'Custom',
    'admin.num.default': 'Default',
    'admin.num.edit': 'Edit numbering rule',
    'admin.num.invalid': `Must contain exactly one {SEQ:n}, n at most ${MAX_SEQ_WIDTH}, and otherwise only {YYYY} {YY} {MM} {DD}`,
    'admin.reset.never': 'Never',
    'admin.reset.year': 'Yearly',
    'admin.reset.month': 'Monthly',
    'admin.reset.day': 'Daily',

    'admin.settings': 'Settings',
    'admin.settings.pool': 'Public pool',
    'admin.settings.poolHelp': 'Customers not followed up or not dealt with in time return to the public pool',
    'admin.settings.noFollowupDays': 'Return after days without follow-up',
    'admin.settings.noDealDays': 'Return after days without a deal',
    'admin.settings.claimLimit': 'Pool claim limit (customers owned)',
    'admin.settings.claimLimitHelp': 'A rep owning this many customers cannot claim more from the pool; 0 allows no claims',
    'admin.settings.reclaimBlockDays': 'Days before the former owner may claim again',
    'admin.settings.ownership': 'Ownership rule',
    'admin.settings.ownershipHelp': 'The written rule, shown on ownership requests and decisions',
    'admin.settings.ownershipRule': 'Rule',

    'admin.audit': 'Audit log',
    'admin.audit.sub': 'Every action is recorded; the log is append-only and hash-chained',
    'admin.audit.entity': 'Record type',
    'admin.audit.entityId': 'Record id',
    'admin.audit.user': 'User',
    'admin.audit.range': 'Dates',
    'admin.audit.action': 'Action',
    'admin.audit.at': 'Time',
    'admin.audit.note': 'Note',
    'admin.audit.sealed': 'Sealed',
    'admin.audit.unsealed': 'Pending',
    'admin.audit.chain': 'Chain',
    'admin.audit.details': 'Changes',
    'admin.audit.noDiff': 'No field changes',
  },
});
