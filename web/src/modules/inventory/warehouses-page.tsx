import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Switch, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import { useCan } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { UserPicker } from '../../components/remote-select.tsx';
import { ServerTable } from '../../components/server-table.tsx';
import { orNull, useSave } from '../admin/shared.tsx';
import { invalidateStock, type WarehouseOut } from './shared.tsx';

type Values = { code: string; name: string; address?: string; keeperId?: number | null; active: boolean };

function WarehouseModal({ warehouse, onClose }: { warehouse: WarehouseOut | 'new' | null; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useSave(form);
  const isNew = warehouse === 'new';
  const submit = async (v: Values) => {
    const body = { code: v.code.trim(), name: v.name.trim(), address: orNull(v.address), keeperId: v.keeperId ?? null, active: v.active };
    const ok = await save.run(
      () => (isNew ? api.post('/api/warehouses', body) : api.put(`/api/warehouses/${(warehouse as WarehouseOut).id}`, { ...body, version: (warehouse as WarehouseOut).version })),
      [],
      t('common.saved'),
    );
    if (ok) {
      invalidateStock(qc);
      onClose();
    }
  };
  return (
    <Modal
      open={warehouse !== null}
      title={isNew ? t('inv.warehouse.new') : t('inv.warehouse.edit')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.busy}
      destroyOnHidden
    >
      {save.error && <Alert type="error" showIcon title={save.error} style={{ marginBottom: 12 }} />}
      <Form
        name="warehouse"
        form={form}
        layout="vertical"
        onFinish={submit}
        preserve={false}
        initialValues={warehouse && warehouse !== 'new' ? { ...warehouse, address: warehouse.address ?? '' } : { active: true }}
      >
        <Form.Item name="code" label={t('inv.warehouse.code')} extra={t('inv.warehouse.codeHelp')} rules={[{ required: true, message: t('common.required', { field: t('inv.warehouse.code') }) }, { pattern: /^[A-Za-z0-9_-]+$/, message: t('inv.warehouse.codeHelp') }]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="name" label={t('inv.warehouse.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('inv.warehouse.name') }) }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="address" label={t('inv.warehouse.address')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="keeperId" label={t('inv.warehouse.keeper')}>
          <UserPicker />
        </Form.Item>
        <Form.Item name="active" label={t('common.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 仓库管理: company-wide warehouses with their keeper. */
export function WarehousesPage() {
  const t = useT();
  const can = useCan();
  const [editing, setEditing] = useState<WarehouseOut | 'new' | null>(null);
  const manage = can('warehouse.manage');
  const columns: ColumnsType<WarehouseOut> = [
    { title: t('inv.warehouse.code'), dataIndex: 'code', width: 120 },
    { title: t('inv.warehouse.name'), dataIndex: 'name' },
    { title: t('inv.warehouse.address'), dataIndex: 'address', render: (v: string | null) => v ?? '—' },
    { title: t('inv.warehouse.keeper'), dataIndex: 'keeperName', width: 120, render: (v: string | null) => v ?? '—' },
    { title: t('common.status'), dataIndex: 'active', width: 90, render: (v: boolean) => (v ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>) },
    ...(manage ? [{ title: t('common.actions'), key: 'actions', width: 90, render: (_: unknown, w: WarehouseOut) => <Button type="link" size="small" onClick={() => setEditing(w)}>{t('common.edit')}</Button> }] : []),
  ];
  return (
    <PageFrame
      title={t('inv.warehouses')}
      subtitle={t('inv.warehouses.sub')}
      extra={manage && <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>{t('inv.warehouse.new')}</Button>}
    >
      <ServerTable<WarehouseOut> endpoint="/api/warehouses" columns={columns} filterKeys={['q', 'active']} defaultPageSize={50} />
      <WarehouseModal key={editing === null ? 'closed' : editing === 'new' ? 'new' : editing.id} warehouse={editing} onClose={() => setEditing(null)} />
    </PageFrame>
  );
}
