import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Space, Switch, Table, Tag, TreeSelect } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../app/api.ts';
import { useCan } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.tsx';
import { HistoryDrawer } from '../../components/history-drawer.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { UserPicker } from '../../components/remote-select.tsx';
import { orNull, useSave, type Department } from './shared.tsx';

const KEY = ['admin', 'departments'];

type Node = Department & { children?: Node[] };

/** Flat rows in path order → a tree (a row whose parent is missing becomes a root). */
export function buildTree(rows: Department[]): Node[] {
  const byId = new Map<number, Node>(rows.map((r) => [r.id, { ...r }]));
  const roots: Node[] = [];
  for (const r of rows) {
    const n = byId.get(r.id)!;
    const parent = r.parentId != null ? byId.get(r.parentId) : undefined;
    if (parent) (parent.children ??= []).push(n);
    else roots.push(n);
  }
  return roots;
}

type Values = { name: string; code?: string; parentId?: number | null; managerUserId?: number | null; active?: boolean };

function DepartmentModal({ editing, rows, onClose }: { editing: { dept: Department | null; parentId?: number } | null; rows: Department[]; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const save = useSave(form);
  const dept = editing?.dept ?? null;
  // a department cannot move under itself or under one of its own sub-departments
  const parentTree = useMemo(() => {
    type Opt = { value: number; title: string; disabled: boolean; children: Opt[] };
    const toOpt = (n: Node, off: boolean): Opt => {
      const disabled = off || (dept != null && n.id === dept.id);
      return { value: n.id, title: n.name, disabled, children: (n.children ?? []).map((c) => toOpt(c, disabled)) };
    };
    return buildTree(rows).map((n) => toOpt(n, false));
  }, [rows, dept]);
  const submit = async (v: Values) => {
    const body = { name: v.name.trim(), code: orNull(v.code), parentId: v.parentId ?? null, managerUserId: v.managerUserId ?? null };
    const ok = await save.run(
      () => (dept ? api.put(`/api/admin/departments/${dept.id}`, { ...body, active: v.active, version: dept.version }) : api.post('/api/admin/departments', body)),
      [KEY, ['directory']],
      t('common.saved'),
    );
    if (ok) onClose();
  };
  return (
    <Modal open={editing !== null} title={dept ? t('admin.dept.edit') : t('admin.dept.new')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={save.busy} destroyOnHidden>
      {save.error && <Alert type="error" showIcon title={save.error} style={{ marginBottom: 12 }} />}
      <Form
        name="department"
        form={form}
        layout="vertical"
        onFinish={submit}
        preserve={false}
        initialValues={dept ? { name: dept.name, code: dept.code ?? '', parentId: dept.parentId, managerUserId: dept.managerUserId, active: dept.active } : { parentId: editing?.parentId ?? rows[0]?.id, active: true }}
      >
        <Form.Item name="name" label={t('admin.dept.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('admin.dept.name') }) }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="code" label={t('admin.dept.code')}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="parentId" label={t('admin.dept.parent')} extra={dept ? t('admin.dept.parentHelp') : undefined}>
          <TreeSelect treeData={parentTree} treeDefaultExpandAll allowClear placeholder={t('admin.dept.root')} showSearch={{ treeNodeFilterProp: 'title' }} />
        </Form.Item>
        <Form.Item name="managerUserId" label={t('admin.dept.manager')}>
          <UserPicker />
        </Form.Item>
        {dept && (
          <Form.Item name="active" label={t('common.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export function DepartmentsPage() {
  const t = useT();
  const can = useCan();
  const q = useQuery({ queryKey: KEY, queryFn: () => api.get<Department[]>('/api/admin/departments') });
  const rows = q.data ?? [];
  const tree = useMemo(() => buildTree(rows), [rows]);
  const [editing, setEditing] = useState<{ dept: Department | null; parentId?: number } | null>(null);
  const [history, setHistory] = useState<Department | null>(null);
  // every branch open unless the user folded it, also for branches added later
  const [folded, setFolded] = useState<Set<number>>(new Set());
  const expanded = rows.filter((r) => !folded.has(r.id) && rows.some((c) => c.parentId === r.id)).map((r) => r.id);
  return (
    <PageFrame
      title={t('admin.departments')}
      subtitle={t('admin.departments.sub')}
      error={q.error}
      extra={<Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing({ dept: null })}>{t('common.new')}</Button>}
    >
      {tree.length > 0 && (
        <Table<Node>
          rowKey="id"
          loading={q.isFetching}
          dataSource={tree}
          pagination={false}
          expandable={{
            expandedRowKeys: expanded,
            onExpand: (open, d) => setFolded((f) => {
              const next = new Set(f);
              if (open) next.delete(d.id);
              else next.add(d.id);
              return next;
            }),
          }}
          columns={[
            { title: t('admin.dept.name'), dataIndex: 'name', render: (v: string, d) => <Space>{v}{!d.active && <Tag>{t('common.inactive')}</Tag>}</Space> },
            { title: t('admin.dept.code'), dataIndex: 'code', width: 120 },
            { title: t('admin.dept.manager'), dataIndex: 'managerName', width: 140 },
            { title: t('admin.dept.members'), dataIndex: 'memberCount', width: 80, align: 'right' },
            {
              title: t('common.actions'),
              width: 240,
              render: (_, d) => (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => setEditing({ dept: d })}>{t('common.edit')}</Button>
                  <Button type="link" size="small" onClick={() => setEditing({ dept: null, parentId: d.id })}>{t('admin.dept.newChild')}</Button>
                  {can('audit.read') && <Button type="link" size="small" onClick={() => setHistory(d)}>{t('common.history')}</Button>}
                </Space>
              ),
            },
          ]}
        />
      )}
      <DepartmentModal key={editing ? `${editing.dept?.id ?? 'new'}-${editing.parentId ?? ''}` : 'closed'} editing={editing} rows={rows} onClose={() => setEditing(null)} />
      {history && (
        <HistoryDrawer
          open
          onClose={() => setHistory(null)}
          title={`${t('common.history')} · ${history.name}`}
          endpoint={`/api/admin/audit?entity=department&entityId=${history.id}&pageSize=200`}
          fieldLabels={{ parentId: { zh: '上级部门', en: 'Parent' }, managerUserId: { zh: '负责人', en: 'Manager' }, path: { zh: '路径', en: 'Path' } }}
          formatters={{ parentId: (v) => rows.find((r) => r.id === v)?.name ?? String(v ?? '—') }}
        />
      )}
    </PageFrame>
  );
}
