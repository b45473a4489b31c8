import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ConfigProvider, App as AntApp } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { builtinRoles } from '../../../src/platform/permissions/catalog.ts';
import { setApiLocale } from './api.ts';

// zh-CN is the default; en-US is a switch. Each module registers its own dictionary:
//   const messages = { zh: { 'customers.title': '客户' }, en: { 'customers.title': 'Customers' } };
//   registerMessages(messages);             // at module load, next to the pages that use it
//   const t = useT(); t('customers.title'); t('x.count', { n: 3 })  // "{n} 条" → "3 条"
// A key missing in en falls back to zh, then to the key itself (so a gap is visible, not blank).

export type Locale = 'zh-CN' | 'en-US';
export type Dict = Record<string, string>;
export type Messages = { zh: Dict; en: Dict };
export type Label = { zh: string; en: string };

const dicts: Messages = { zh: {}, en: {} };

export function registerMessages(m: Messages): Messages {
  Object.assign(dicts.zh, m.zh);
  Object.assign(dicts.en, m.en);
  return m;
}

export function format(template: string, params?: Record<string, unknown>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (params[k] === undefined || params[k] === null ? '' : String(params[k])));
}

export function translate(locale: Locale, key: string, params?: Record<string, unknown>): string {
  const s = (locale === 'en-US' ? dicts.en[key] : undefined) ?? dicts.zh[key] ?? key;
  return format(s, params);
}

export type T = ((key: string, params?: Record<string, unknown>) => string) & {
  /** picks the language of a {zh, en} label (menus, permission catalog) */
  l: (label: Label | string | null | undefined) => string;
  locale: Locale;
};

/**
 * A role's name as shown (pass it to t.l): a built-in role still under the Chinese name it was created with
 * reads in the user's language; a custom role, or one whose name was changed, keeps its own name.
 */
export function roleLabel(role: { code?: string | null; name: string } | null | undefined): Label | string {
  if (!role) return '';
  const builtin = builtinRoles.find((r) => r.code === role.code);
  return builtin && builtin.name === role.name ? { zh: builtin.name, en: builtin.en } : role.name;
}

type LocaleCtx = { locale: Locale; setLocale: (l: Locale) => void };
const Ctx = createContext<LocaleCtx>({ locale: 'zh-CN', setLocale: () => {} });

function initialLocale(): Locale {
  const m = /(?:^|;\s*)sd_locale=([^;]+)/.exec(document.cookie);
  return m && m[1] === 'en-US' ? 'en-US' : 'zh-CN';
}

function applyLocale(l: Locale) {
  setApiLocale(l);
  dayjs.locale(l === 'en-US' ? 'en' : 'zh-cn');
  document.documentElement.lang = l;
  // remembered for the login page too (the server sets the same cookie after POST /api/auth/locale)
  document.cookie = `sd_locale=${l}; path=/; SameSite=Lax; max-age=31536000`;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const l = initialLocale();
    applyLocale(l);
    return l;
  });
  const setLocale = useCallback((l: Locale) => {
    applyLocale(l);
    setLocaleState(l);
  }, []);
  useEffect(() => applyLocale(locale), [locale]);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return (
    <Ctx.Provider value={value}>
      <ConfigProvider locale={locale === 'en-US' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1f5fbf', borderRadius: 6 } }} button={{ autoInsertSpace: false }}>
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </Ctx.Provider>
  );
}

export const useLocale = () => useContext(Ctx);

export function useT(): T {
  const { locale } = useContext(Ctx);
  return useMemo(() => {
    const t = ((key: string, params?: Record<string, unknown>) => translate(locale, key, params)) as T;
    t.l = (label) => (label == null ? '' : typeof label === 'string' ? label : locale === 'en-US' ? label.en : label.zh);
    t.locale = locale;
    return t;
  }, [locale]);
}

// The shell's own words.
registerMessages({
  zh: {
    'app.name': 'SalesDesk 销售管理系统',
    'app.shortName': 'SalesDesk',
    'common.new': '新建',
    'common.edit': '编辑',
    'common.save': '保存',
    'common.cancel': '取消',
    'common.ok': '确定',
    'common.delete': '删除',
    'common.search': '搜索',
    'common.reset': '重置',
    'common.refresh': '刷新',
    'common.actions': '操作',
    'common.yes': '是',
    'common.no': '否',
    'common.all': '全部',
    'common.active': '启用',
    'common.inactive': '停用',
    'common.status': '状态',
    'common.saved': '已保存',
    'common.loading': '加载中…',
    'common.history': '修改记录',
    'common.none': '无',
    'common.total': '共 {total} 条',
    'common.back': '返回',
    'common.required': '请填写{field}',
    'common.forbidden': '您没有权限访问此页面',
    'common.notFound': '页面不存在',
    'common.backHome': '返回工作台',
    'common.loadFailed': '加载失败',
    'common.retry': '重试',
    'auth.login': '登录',
    'auth.loginTitle': '登录 SalesDesk 销售管理系统',
    'auth.username': '用户名',
    'auth.password': '密码',
    'auth.usernameRequired': '请输入用户名',
    'auth.passwordRequired': '请输入密码',
    'auth.logout': '退出登录',
    'auth.changePassword': '修改密码',
    'auth.mustChange': '首次登录或密码已被管理员重置，请先设置新密码。',
    'auth.currentPassword': '原密码',
    'auth.newPassword': '新密码',
    'auth.confirmPassword': '确认新密码',
    'auth.passwordRule': '至少 8 位，须同时包含字母和数字',
    'auth.passwordMismatch': '两次输入的新密码不一致',
    'auth.passwordWeak': '密码不符合要求（见下方说明）',
    'auth.passwordChanged': '密码已修改',
    'auth.noCompany': '您不属于任何账套，请联系管理员。',
    'shell.company': '账套',
    'shell.switchCompany': '切换账套',
    'shell.switched': '已切换到「{name}」',
    'shell.language': 'English',
    'shell.profile': '{role} · {dept}',
    'notify.title': '通知',
    'notify.empty': '暂无未读通知',
    'notify.readAll': '全部已读',
    'notify.viewAll': '查看全部',
    'notify.unread': '未读',
  },
  en: {
    'app.name': 'SalesDesk',
    'app.shortName': 'SalesDesk',
    'common.new': 'New',
    'common.edit': 'Edit',
    'common.save': 'Save',
    'common.cancel': 'Cancel',
    'common.ok': 'OK',
    'common.delete': 'Delete',
    'common.search': 'Search',
    'common.reset': 'Reset',
    'common.refresh': 'Refresh',
    'common.actions': 'Actions',
    'common.yes': 'Yes',
    'common.no': 'No',
    'common.all': 'All',
    'common.active': 'Active',
    'common.inactive': 'Inactive',
    'common.status': 'Status',
    'common.saved': 'Saved',
    'common.loading': 'Loading…',
    'common.history': 'History',
    'common.none': 'None',
    'common.total': '{total} in total',
    'common.back': 'Back',
    'common.required': '{field} is required',
    'common.forbidden': 'You do not have permission to open this page',
    'common.notFound': 'Page not found',
    'common.backHome': 'Back to the dashboard',
    'common.loadFailed': 'Failed to load',
    'common.retry': 'Retry',
    'auth.login': 'Log in',
    'auth.loginTitle': 'Log in to SalesDesk',
    'auth.username': 'Username',
    'auth.password': 'Password',
    'auth.usernameRequired': 'Enter your username',
    'auth.passwordRequired': 'Enter your password',
    'auth.logout': 'Log out',
    'auth.changePassword': 'Change password',
    'auth.mustChange': 'Please set a new password before you continue.',
    'auth.currentPassword': 'Current password',
    'auth.newPassword': 'New password',
    'auth.confirmPassword': 'Confirm new password',
    'auth.passwordRule': 'At least 8 characters with letters and digits',
    'auth.passwordMismatch': 'The two new passwords differ',
    'auth.passwordWeak': 'The password does not meet the rule below',
    'auth.passwordChanged': 'Password changed',
    'auth.noCompany': 'You belong to no company; ask an administrator.',
    'shell.company': 'Company',
    'shell.switchCompany': 'Switch company',
    'shell.switched': 'Switched to {name}',
    'shell.language': '中文',
    'shell.profile': '{role} · {dept}',
    'notify.title': 'Notifications',
    'notify.empty': 'No unread notifications',
    'notify.readAll': 'Mark all read',
    'notify.viewAll': 'View all',
    'notify.unread': 'Unread',
  },
});
