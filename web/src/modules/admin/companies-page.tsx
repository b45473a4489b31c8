import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Space, Switch, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../app/api.ts';
import { ME_KEY, useMe } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { orNull, useSave, type Company } from './shared.tsx';

const KEY = ['admin', 'companies'];

type Values = { code: string; name: string; shortName?: string; taxId?: string; address?: string; phone?: string; active?: boolean };

function CompanyModal({ company, onClose }: { company: Company | 'new' | null; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const save = useSave(form);
  const isNew = company === 'new';
  const submit = async (v: Values) => {
    const body = { name: v.name.trim(), shortName: orNull(v.shortName), taxId: orNull(v.taxId), address: orNull(v.address), phone: orNull(v.phone) };
    const ok = await save.run(
      () => (isNew ? api.post('/api/admin/companies', { ...body, code: v.code.trim() }) : api.put(`/api/admin/companies/${(company as Company).id}`, { ...body, active: v.active, version: (company as Company).version })),
      [KEY, [...ME_KEY]],
      isNew ? t('admin.company.created') : t('common.saved'),
    );
    if (ok) onClose();
  };
  return (
    <Modal
      open={company !== null}
      title={isNew ? t('admin.company.new') : t('admin.company.edit')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.busy}
      destroyOnHidden
     
    >
      {save.error && <Alert type="error" showIcon title={save.error} style={{ marginBottom: 12 }} />}
      <Form name="company" form={form} layout="vertical" onFinish={submit} initialValues={company && company !== 'new' ? { ...company, shortName: company.shortName ?? '', taxId: company.taxId ?? '', address: company.address ?? '', phone: company.phone ?? '' } : { active: true }} preserve={false}>
        <Form.Item name="code" label={t('admin.company.code')} extra={isNew ? t('admin.company.codeHelp') : undefined} rules={[{ required: true, message: t('common.required', { field: t('admin.company.code') }) }, { pattern: /^[A-Za-z0-9_-]+$/, message: t('admin.company.codeHelp') }, { max: 20 }]}>
          <Input disabled={!isNew} maxLength={20} />
        </Form.Item>
        <Form.Item name="name" label={t('admin.company.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('admin.company.name') }) }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="shortName" label={t('admin.company.shortName')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="taxId" label={t('admin.company.taxId')}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="address" label={t('admin.company.address')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="phone" label={t('admin.company.phone')}>
          <Input maxLength={30} />
        </Form.Item>
        {!isNew && (
          <Form.Item name="active" label={t('common.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export function CompaniesPage() {
  const t = useT();
  const me = useMe();
  const q = useQuery({ queryKey: KEY, queryFn: () => api.get<Company[]>('/api/admin/companies') });
  const [editing, setEditing] = useState<Company | 'new' | null>(null);
  return (
    <PageFrame
      title={t('admin.companies')}
      subtitle={t('admin.companies.sub')}
      error={q.error}
      extra={<Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>{t('common.new')}</Button>}
    >
      <Table<Company>
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data ?? []}
        pagination={false}
        columns={[
          { title: t('admin.company.code'), dataIndex: 'code', width: 120 },
          { title: t('admin.company.name'), dataIndex: 'name', render: (v: string, c) => <Space>{v}{c.id === me.company?.id && <Tag color="blue">{t('admin.company.current')}</Tag>}</Space> },
          { title: t('admin.company.shortName'), dataIndex: 'shortName' },
          { title: t('admin.company.taxId'), dataIndex: 'taxId' },
          { title: t('admin.company.phone'), dataIndex: 'phone' },
          { title: t('common.status'), dataIndex: 'active', width: 90, render: (v: boolean) => (v ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>) },
          { title: t('common.actions'), width: 90, render: (_, c) => <Button type="link" size="small" onClick={() => setEditing(c)}>{t('common.edit')}</Button> },
        ]}
      />
      <CompanyModal key={editing === null ? 'closed' : editing === 'new' ? 'new' : editing.id} company={editing} onClose={() => setEditing(null)} />
    </PageFrame>
  );
}
