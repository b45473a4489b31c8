import { Suspense, useMemo, useState, type ReactNode } from 'react';
import { Link, matchPath, Outlet, useLocation, useNavigate } from 'react-router';
import { App, Avatar, Button, Dropdown, Layout, Menu, Select, Space, Spin, Tooltip, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { GlobalOutlined, KeyOutlined, LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined, UserOutlined } from '@ant-design/icons';
import { errorMessage } from './api.ts';
import { useAuthActions, useCan, useMe } from './auth.tsx';
import { roleLabel, useT } from './i18n.tsx';
import { menuGroups, modules, type ModuleEntry } from './modules.tsx';
import { NotificationBell } from './notification-bell.tsx';
import { PasswordModal } from './password-page.tsx';

const { Header, Sider, Content } = Layout;

/** The menu entry a URL belongs to: the exact route, else the longest menu path that prefixes it. */
export function activeEntry(pathname: string): ModuleEntry | undefined {
  const exact = modules.find((m) => matchPath({ path: m.path, end: true }, pathname));
  if (exact && !exact.hideInMenu) return exact;
  return modules
    .filter((m) => !m.hideInMenu && m.path !== '/' && (pathname === m.path || pathname.startsWith(m.path + '/')))
    .sort((a, b) => b.path.length - a.path.length)[0] ?? exact;
}

function useMenuItems(): MenuProps['items'] {
  const t = useT();
  const can = useCan();
  return useMemo(() => {
    const visible = modules.filter((m) => !m.hideInMenu && can(m.permission));
    const item = (m: ModuleEntry) => ({ key: m.key, icon: m.icon, label: <Link to={m.path}>{t.l(m.label)}</Link> });
    const top = visible.filter((m) => !m.group || !menuGroups.some((g) => g.key === m.group)).map(item);
    const groups = menuGroups
      .map((g) => ({ key: 'group:' + g.key, icon: g.icon, label: t.l(g.label), children: visible.filter((m) => m.group === g.key).map(item) }))
      .filter((g) => g.children.length > 0);
    return [...top, ...groups];
  }, [t, can]);
}

function CompanySwitcher() {
  const me = useMe();
  const t = useT();
  const actions = useAuthActions();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  if (me.companies.length <= 1) {
    return <Typography.Text strong aria-label={t('shell.company')}>{me.company?.name}</Typography.Text>;
  }
  return (
    <Select
      aria-label={t('shell.switchCompany')}
      value={me.company?.id}
      loading={busy}
      style={{ minWidth: 220 }}
      options={me.companies.map((c) => ({ value: c.id, label: c.name }))}
      onChange={async (id: number) => {
        setBusy(true);
        try {
          await actions.switchCompany(id);
          navigate('/');
          message.success(t('shell.switched', { name: me.companies.find((c) => c.id === id)?.name }));
        } catch (e) {
          message.error(errorMessage(e));
        } finally {
          setBusy(false);
        }
      }}
    />
  );
}

function UserMenu() {
  const me = useMe();
  const t = useT();
  const actions = useAuthActions();
  const [pwOpen, setPwOpen] = useState(false);
  const items: MenuProps['items'] = [
    { key: 'who', disabled: true, label: <span>{t.l(roleLabel(me.role))}{me.department ? ` · ${me.department.name}` : ''}</span> },
    { type: 'divider' },
    { key: 'password', icon: <KeyOutlined />, label: t('auth.changePassword'), onClick: () => setPwOpen(true) },
    { key: 'logout', icon: <LogoutOutlined />, label: t('auth.logout'), onClick: () => actions.logout() },
  ];
  return (
    <>
      <Dropdown menu={{ items }} placement="bottomRight" trigger={['click']}>
        <Button type="text" aria-label={me.user.displayName} style={{ height: 40 }}>
          <Space>
            <Avatar size="small" icon={<UserOutlined aria-hidden />} style={{ background: '#1f5fbf' }} />
            <span>{me.user.displayName}</span>
          </Space>
        </Button>
      </Dropdown>
      <PasswordModal open={pwOpen} onClose={() => setPwOpen(false)} />
    </>
  );
}

function LanguageSwitch() {
  const t = useT();
  const actions = useAuthActions();
  return (
    <Tooltip title={t.locale === 'en-US' ? '切换到中文' : 'Switch to English'}>
      <Button type="text" icon={<GlobalOutlined aria-hidden />} onClick={() => actions.switchLocale(t.locale === 'en-US' ? 'zh-CN' : 'en-US', true)}>
        {t('shell.language')}
      </Button>
    </Tooltip>
  );
}

export function PageLoading() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin />
    </div>
  );
}

export function ShellLayout({ children }: { children?: ReactNode }) {
  const t = useT();
  const location = useLocation();
  const items = useMenuItems();
  const [collapsed, setCollapsed] = useState(false);
  const active = activeEntry(location.pathname);
  const groupKeys = (items ?? []).map((i) => String(i?.key)).filter((k) => k.startsWith('group:'));
  // the section of the page shown; on the dashboard, the only section when there is just one
  const openGroup = active?.group ? ['group:' + active.group] : groupKeys.length === 1 ? groupKeys : [];
  const [openKeys, setOpenKeys] = useState<string[] | null>(null);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider collapsible collapsed={collapsed} trigger={null} width={216} style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}>
        <Link to="/" style={{ display: 'block', height: 56, lineHeight: '56px', color: '#fff', fontSize: collapsed ? 15 : 17, fontWeight: 600, textAlign: 'center', whiteSpace: 'nowrap', overflow: 'hidden' }}>
          {collapsed ? 'SD' : t('app.name')}
        </Link>
        <nav aria-label={t.locale === 'en-US' ? 'Main menu' : '主菜单'}>
          <Menu
            theme="dark"
            mode="inline"
            items={items}
            selectedKeys={active ? [active.key] : []}
            openKeys={collapsed ? undefined : openKeys ?? openGroup}
            onOpenChange={(k) => setOpenKeys(k)}
          />
        </nav>
      </Sider>
      <Layout>
        <Header style={{ background: '#fff', padding: '0 16px', display: 'flex', alignItems: 'center', justifyContent: 'space-between', borderBottom: '1px solid #f0f0f0', position: 'sticky', top: 0, zIndex: 10 }}>
          <Space size="middle">
            <Button type="text" aria-label={collapsed ? '展开菜单' : '收起菜单'} icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />} onClick={() => setCollapsed(!collapsed)} />
            <CompanySwitcher />
          </Space>
          <Space size="small">
            <NotificationBell />
            <LanguageSwitch />
            <UserMenu />
          </Space>
        </Header>
        <Content style={{ padding: 16, minWidth: 0 }}>
          <Suspense fallback={<PageLoading />}>{children ?? <Outlet />}</Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
