import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Space, Switch, Tag, Tooltip } from 'antd';
import { LockOutlined, PlusOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../app/api.ts';
import { useCan, useMe } from '../../app/auth.tsx';
import { roleLabel, useT } from '../../app/i18n.tsx';
import { formatDateTime } from '../../components/format.tsx';
import { HistoryDrawer } from '../../components/history-drawer.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { DepartmentPicker, type DepartmentNode } from '../../components/remote-select.tsx';
import { listKey, ServerTable, useListParams } from '../../components/server-table.tsx';
import { orNull, useSave, type Member, type Role } from './shared.tsx';

const ENDPOINT = '/api/admin/users';
const PASSWORD_RULE = /^(?=.*[A-Za-z])(?=.*\d).{8,}$/;

const isLocked = (m: Member) => !!m.lockedUntil && m.lockedUntil > new Date().toISOString();

function useRoles() {
  return useQuery({ queryKey: ['admin', 'roles'], queryFn: () => api.get<Role[]>('/api/admin/roles') });
}

type Values = { username: string; displayName: string; password?: string; phone?: string; email?: string; roleId: number; departmentId?: number | null; active?: boolean };

function UserModal({ user, onClose }: { user: Member | 'new' | null; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const save = useSave(form);
  const roles = useRoles();
  const isNew = user === 'new';
  const submit = async (v: Values) => {
    const common = { displayName: v.displayName.trim(), phone: orNull(v.phone), email: orNull(v.email), roleId: v.roleId, departmentId: v.departmentId ?? null };
    const ok = await save.run(
      () =>
        isNew
          ? api.post(ENDPOINT, { ...common, username: v.username.trim(), password: v.password })
          : api.put(`${ENDPOINT}/${(user as Member).id}`, { ...common, active: v.active ?? true, version: (user as Member).version }),
      [[...listKey(ENDPOINT)], ['directory'], ['remote-select']],
      t('common.saved'),
    );
    if (ok) onClose();
  };
  const req = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });
  return (
    <Modal open={user !== null} title={isNew ? t('admin.user.new') : t('admin.user.edit')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={save.busy} destroyOnHidden>
      {save.error && <Alert type="error" showIcon title={save.error} style={{ marginBottom: 12 }} />}
      <Form
        name="user"
        form={form}
        layout="vertical"
        onFinish={submit}
        preserve={false}
        initialValues={user && user !== 'new' ? { ...user, phone: user.phone ?? '', email: user.email ?? '' } : { active: true }}
      >
        <Form.Item name="username" label={t('admin.user.username')} extra={isNew ? t('admin.user.usernameHelp') : undefined} rules={[req(t('admin.user.username')), { pattern: /^[A-Za-z0-9_.@-]{2,64}$/, message: t('admin.user.usernameHelp') }]}>
          <Input disabled={!isNew} autoComplete="off" maxLength={64} />
        </Form.Item>
        <Form.Item name="displayName" label={t('admin.user.displayName')} rules={[req(t('admin.user.displayName'))]}>
          <Input maxLength={50} />
        </Form.Item>
        {isNew && (
          <Form.Item name="password" label={t('admin.user.password')} extra={t('admin.user.passwordHelp')} rules={[{ required: true, message: t('common.required', { field: t('admin.user.password') }) }, { pattern: PASSWORD_RULE, message: t('auth.passwordWeak') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item name="roleId" label={t('admin.user.role')} rules={[{ required: true, message: t('common.required', { field: t('admin.user.role') }) }]}>
          <Select loading={roles.isPending} options={(roles.data ?? []).map((r) => ({ value: r.id, label: t.l(roleLabel(r)) }))} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item name="departmentId" label={t('admin.user.department')}>
          <DepartmentPicker />
        </Form.Item>
        <Form.Item name="phone" label={t('admin.user.phone')}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="email" label={t('admin.user.email')} rules={[{ type: 'email', message: t.locale === 'en-US' ? 'Not an email address' : '邮箱格式不正确' }]}>
          <Input maxLength={100} />
        </Form.Item>
        {!isNew && (
          <Form.Item name="active" label={t('admin.user.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function ResetPasswordModal({ user, onClose }: { user: Member | null; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ password: string }>();
  const save = useSave(form);
  const submit = async (v: { password: string }) => {
    if (await save.run(() => api.post(`${ENDPOINT}/${user!.id}/password`, { password: v.password }), [], t('admin.user.resetDone'))) onClose();
  };
  return (
    <Modal open={user !== null} title={user ? t('admin.user.resetTitle', { name: user.displayName }) : ''} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={save.busy} destroyOnHidden>
      {save.error && <Alert type="error" showIcon title={save.error} style={{ marginBottom: 12 }} />}
      <Form name="resetPassword" form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item name="password" label={t('admin.user.newPassword')} extra={t('admin.user.passwordHelp')} rules={[{ required: true, message: t('common.required', { field: t('admin.user.newPassword') }) }, { pattern: PASSWORD_RULE, message: t('auth.passwordWeak') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Filters() {
  const t = useT();
  const { params, set } = useListParams();
  const roles = useRoles();
  const [text, setText] = useState(params.q ?? '');
  return (
    <Space wrap>
      <Input.Search aria-label={t('common.search')} placeholder={t('admin.user.search')} allowClear value={text} onChange={(e) => setText(e.target.value)} onSearch={(v) => set({ q: v.trim() })} style={{ width: 280 }} enterButton={t('common.search')} />
      <Select aria-label={t('admin.user.role')} placeholder={t('admin.user.allRoles')} allowClear style={{ width: 160 }} value={params.roleId ? Number(params.roleId) : undefined} onChange={(v) => set({ roleId: v })} options={(roles.data ?? []).map((r) => ({ value: r.id, label: t.l(roleLabel(r)) }))} />
      <DepartmentPicker placeholder={t('admin.user.allDepts')} style={{ width: 200 }} value={params.departmentId ? Number(params.departmentId) : null} onChange={(v) => set({ departmentId: v })} />
      <Select
        aria-label={t('common.status')}
        placeholder={t('admin.user.anyStatus')}
        allowClear
        style={{ width: 120 }}
        value={params.active}
        onChange={(v) => set({ active: v })}
        options={[{ value: '1', label: t('common.active') }, { value: '0', label: t('common.inactive') }]}
      />
    </Space>
  );
}

function flatten(nodes: DepartmentNode[], out = new Map<number, string>()): Map<number, string> {
  for (const n of nodes) {
    out.set(n.id, n.name);
    flatten(n.children, out);
  }
  return out;
}

export function UsersPage() {
  const t = useT();
  const roles = useRoles();
  const depts = useQuery({ queryKey: ['directory', 'departments'], queryFn: () => api.get<DepartmentNode[]>('/api/directory/departments'), staleTime: 30_000 });
  const deptNames = flatten(depts.data ?? []);
  const me = useMe();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Member | 'new' | null>(null);
  const [resetting, setResetting] = useState<Member | null>(null);
  const [history, setHistory] = useState<Member | null>(null);
  const unlock = async (m: Member) => {
    try {
      await api.post(`${ENDPOINT}/${m.id}/unlock`);
      message.success(t('admin.user.unlocked'));
      await qc.invalidateQueries({ queryKey: listKey(ENDPOINT) });
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <PageFrame title={t('admin.users')} extra={<Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>{t('common.new')}</Button>}>
      <ServerTable<Member>
        endpoint={ENDPOINT}
        filterKeys={['q', 'roleId', 'departmentId', 'active']}
        toolbar={<Filters />}
        columns={[
          { title: t('admin.user.displayName'), dataIndex: 'displayName', render: (v: string, m) => <Space>{v}{m.id === me.user.id && <Tag color="blue">{t.locale === 'en-US' ? 'me' : '我'}</Tag>}</Space> },
          { title: t('admin.user.username'), dataIndex: 'username' },
          { title: t('admin.user.role'), dataIndex: 'roleName', render: (v: string, r) => t.l(roleLabel({ code: r.roleCode, name: v })) },
          { title: t('admin.user.department'), dataIndex: 'departmentName' },
          { title: t('admin.user.phone'), dataIndex: 'phone' },
          {
            title: t('common.status'),
            width: 140,
            render: (_, m) => (
              <Space size={4}>
                {m.active ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>}
                {isLocked(m) && (
                  <Tooltip title={t('admin.user.lockedUntil', { until: formatDateTime(m.lockedUntil) })}>
                    <Tag color="red" icon={<LockOutlined aria-hidden />}>{t('admin.user.locked')}</Tag>
                  </Tooltip>
                )}
              </Space>
            ),
          },
          {
            title: t('common.actions'),
            width: 280,
            render: (_, m) => (
              <Space size={0} wrap>
                <Button type="link" size="small" onClick={() => setEditing(m)}>{t('common.edit')}</Button>
                <Button type="link" size="small" onClick={() => setResetting(m)}>{t('admin.user.resetPassword')}</Button>
                {isLocked(m) && (
                  <Popconfirm title={`${t('admin.user.unlock')}「${m.displayName}」？`} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={() => unlock(m)}>
                    <Button type="link" size="small">{t('admin.user.unlock')}</Button>
                  </Popconfirm>
                )}
                {can('audit.read') && <Button type="link" size="small" onClick={() => setHistory(m)}>{t('common.history')}</Button>}
              </Space>
            ),
          },
        ]}
      />
      <UserModal key={editing === null ? 'closed' : editing === 'new' ? 'new' : editing.id} user={editing} onClose={() => setEditing(null)} />
      <ResetPasswordModal key={resetting?.id ?? 'closed'} user={resetting} onClose={() => setResetting(null)} />
      {history && (
        <HistoryDrawer
          open
          onClose={() => setHistory(null)}
          title={`${t('common.history')} · ${history.displayName}`}
          endpoint={`/api/admin/audit?entity=user&entityId=${history.id}&pageSize=200`}
          fieldLabels={{ roleId: { zh: '角色', en: 'Role' }, departmentId: { zh: '部门', en: 'Department' } }}
          formatters={{
            roleId: (v) => t.l(roleLabel(roles.data?.find((r) => r.id === v))) || String(v),
            departmentId: (v) => (v == null ? t('common.none') : deptNames.get(v as number) ?? String(v)),
            active: (v) => (v === true || v === 1 ? t('common.active') : t('common.inactive')),
          }}
        />
      )}
    </PageFrame>
  );
}
