import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Col, Drawer, Form, Input, Modal, Radio, Row, Space, Table, Tag, Typography } from 'antd';
import { api } from '../../app/api.ts';
import { roleLabel, useT } from '../../app/i18n.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { useSave, type PermissionCatalog, type Role } from './shared.tsx';

const KEY = ['admin', 'roles'];
const scopes = ['own', 'dept', 'company'] as const;

function useCatalog() {
  return useQuery({ queryKey: ['admin', 'permissions'], queryFn: () => api.get<PermissionCatalog>('/api/admin/permissions'), staleTime: Infinity });
}

/** The permissions as one checkbox group per catalog section, with a "select all" per section. */
function PermissionBoxes({ value = [], onChange, disabled }: { value?: string[]; onChange?: (v: string[]) => void; disabled?: boolean }) {
  const t = useT();
  const catalog = useCatalog();
  if (!catalog.data) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {Object.entries(catalog.data).map(([group, g]) => {
        const keys = Object.keys(g.actions);
        const chosen = keys.filter((k) => value.includes(k));
        const set = (next: string[]) => onChange?.([...value.filter((v) => !keys.includes(v)), ...next]);
        return (
          <Card
            key={group}
            size="small"
            title={
              <Checkbox disabled={disabled} checked={chosen.length === keys.length} indeterminate={chosen.length > 0 && chosen.length < keys.length} onChange={(e) => set(e.target.checked ? keys : [])}>
                {t.l(g.label)}
              </Checkbox>
            }
          >
            <Checkbox.Group disabled={disabled} value={chosen} onChange={(v) => set(v as string[])} style={{ width: '100%' }}>
              <Row gutter={[8, 8]}>
                {keys.map((k) => (
                  <Col span={8} key={k}>
                    <Checkbox value={k}>{t.l(g.actions[k])}</Checkbox>
                  </Col>
                ))}
              </Row>
            </Checkbox.Group>
          </Card>
        );
      })}
    </Space>
  );
}

type EditValues = { name: string; dataScope: Role['dataScope']; permissions: string[] };

function RoleDrawer({ role, onClose }: { role: Role | null; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<EditValues>();
  const save = useSave(form);
  const readOnly = !!role?.builtin;
  const submit = async (v: EditValues) => {
    if (await save.run(() => api.put(`/api/admin/roles/${role!.id}`, { ...v, name: v.name.trim(), version: role!.version }), [KEY], t('common.saved'))) onClose();
  };
  return (
    <Drawer
      open={role !== null}
      onClose={onClose}
      size={720}
      title={role ? `${readOnly ? t.l({ zh: '查看角色', en: 'Role' }) : t('admin.role.edit')} · ${t.l(roleLabel(role))}` : ''}
     
      destroyOnHidden
      extra={
        !readOnly && (
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={save.busy} onClick={() => form.submit()}>{t('common.save')}</Button>
          </Space>
        )
      }
    >
      {readOnly && <Alert type="info" showIcon title={t('admin.roles.sub')} style={{ marginBottom: 12 }} />}
      {save.error && <Alert type="error" showIcon title={save.error} style={{ marginBottom: 12 }} />}
      <Form name="role" form={form} layout="vertical" onFinish={submit} preserve={false} disabled={readOnly} initialValues={role ? { name: readOnly ? t.l(roleLabel(role)) : role.name, dataScope: role.dataScope, permissions: role.permissions } : undefined}>
        <Form.Item name="name" label={t('admin.role.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('admin.role.name') }) }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="dataScope" label={t('admin.role.scope')} rules={[{ required: true }]}>
          <Radio.Group options={scopes.map((s) => ({ value: s, label: t(`admin.scope.${s}`) }))} />
        </Form.Item>
        <Form.Item name="permissions" label={t('admin.role.permissions')}>
          <PermissionBoxes disabled={readOnly} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

type CopyValues = { code: string; name: string };

function CopyModal({ source, onClose, onCopied }: { source: Role | null; onClose: () => void; onCopied: (r: Role) => void }) {
  const t = useT();
  const [form] = Form.useForm<CopyValues>();
  const save = useSave(form);
  const submit = async (v: CopyValues) => {
    let created: Role | null = null;
    const ok = await save.run(
      async () => {
        created = await api.post<Role>('/api/admin/roles', { code: v.code.trim(), name: v.name.trim(), dataScope: source!.dataScope, permissions: source!.permissions, copyFromRoleId: source!.id });
      },
      [KEY],
      t('admin.role.copied', { name: v.name.trim() }),
    );
    if (ok && created) onCopied(created);
  };
  return (
    <Modal open={source !== null} title={source ? t('admin.role.copyTitle', { name: t.l(roleLabel(source)) }) : ''} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={save.busy} destroyOnHidden>
      {save.error && <Alert type="error" showIcon title={save.error} style={{ marginBottom: 12 }} />}
      <Form name="roleCopy" form={form} layout="vertical" onFinish={submit} preserve={false} initialValues={source ? { code: `${source.code}_copy`, name: t('admin.role.copyName', { name: t.l(roleLabel(source)) }) } : undefined}>
        <Form.Item name="code" label={t('admin.role.code')} extra={t('admin.company.codeHelp')} rules={[{ required: true, message: t('common.required', { field: t('admin.role.code') }) }, { pattern: /^[A-Za-z0-9_-]{1,30}$/, message: t('admin.company.codeHelp') }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="name" label={t('admin.role.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('admin.role.name') }) }]}>
          <Input maxLength={50} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function RolesPage() {
  const t = useT();
  const q = useQuery({ queryKey: KEY, queryFn: () => api.get<Role[]>('/api/admin/roles') });
  const [editing, setEditing] = useState<Role | null>(null);
  const [copying, setCopying] = useState<Role | null>(null);
  return (
    <PageFrame title={t('admin.roles')} subtitle={t('admin.roles.sub')} error={q.error}>
      <Table<Role>
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data ?? []}
        pagination={false}
        columns={[
          { title: t('admin.role.name'), dataIndex: 'name', render: (_: string, r) => <Space>{t.l(roleLabel(r))}{r.builtin ? <Tag>{t('admin.role.builtin')}</Tag> : <Tag color="purple">{t('admin.role.custom')}</Tag>}</Space> },
          { title: t('admin.role.code'), dataIndex: 'code', width: 140 },
          { title: t('admin.role.scope'), dataIndex: 'dataScope', width: 150, render: (v: string) => t(`admin.scope.${v}`) },
          { title: t('admin.role.permissions'), dataIndex: 'permissions', width: 120, render: (v: string[]) => <Typography.Text type="secondary">{v.length === 1 ? t('admin.role.permCountOne') : t('admin.role.permCount', { n: v.length })}</Typography.Text> },
          { title: t('admin.role.members'), dataIndex: 'memberCount', width: 90, align: 'right' },
          {
            title: t('common.actions'),
            width: 160,
            render: (_, r) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing(r)}>{r.builtin ? t.l({ zh: '查看', en: 'View' }) : t('common.edit')}</Button>
                <Button type="link" size="small" onClick={() => setCopying(r)}>{t('admin.role.copy')}</Button>
              </Space>
            ),
          },
        ]}
      />
      <RoleDrawer key={editing ? `${editing.id}-${editing.version}` : 'closed'} role={editing} onClose={() => setEditing(null)} />
      <CopyModal
        key={copying?.id ?? 'closed'}
        source={copying}
        onClose={() => setCopying(null)}
        onCopied={(r) => {
          setCopying(null);
          setEditing(r);
        }}
      />
    </PageFrame>
  );
}
