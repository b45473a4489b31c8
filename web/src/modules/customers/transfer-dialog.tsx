import { useState, type Key } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { SwapOutlined } from '@ant-design/icons';
import { api, errorMessage, type Page } from '../../app/api.ts';
import { useT } from '../../app/i18n.tsx';
import { DateTime } from '../../components/format.tsx';
import { applyFormErrors } from '../../components/form-errors.ts';
import { PageFrame } from '../../components/page-frame.tsx';
import { SETTINGS_KEY, type TransferCustomer, type TransferRep } from './ownership-shared.tsx';

const REPS_KEY = ['transfer', 'reps'] as const;
type Values = { fromUserId?: number; toUserId?: number; mode: 'all' | 'selected'; reason?: string };

/** The leaving rep's customers, to pick some of them (server paging and pinyin search). */
function CustomerPicker({ fromUserId, selected, onChange }: { fromUserId: number; selected: Key[]; onChange: (keys: Key[]) => void }) {
  const t = useT();
  const [q, setQ] = useState('');
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const params = { fromUserId, q: q || undefined, ...page };
  const list = useQuery({ queryKey: ['transfer', 'customers', params], queryFn: () => api.get<Page<TransferCustomer>>('/api/customers/transfer/customers', params), placeholderData: (prev) => prev });
  return (
    <div>
      <Space style={{ marginBottom: 8 }}>
        <Input.Search allowClear placeholder={t('pool.search')} style={{ width: 240 }} onSearch={(v) => { setQ(v.trim()); setPage((p) => ({ ...p, page: 1 })); }} />
        <Typography.Text type="secondary">{t('tr.selectedCount', { n: selected.length })}</Typography.Text>
      </Space>
      <Table<TransferCustomer>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        rowSelection={{ selectedRowKeys: selected, preserveSelectedRowKeys: true, onChange: (keys) => onChange(keys) }}
        pagination={{ current: page.page, pageSize: page.pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
        onChange={(p) => setPage({ page: p.current ?? 1, pageSize: p.pageSize ?? 10 })}
        columns={[
          { title: t('pool.code'), dataIndex: 'code', width: 130 },
          { title: t('pool.name'), dataIndex: 'name' },
          { title: t('pool.class'), dataIndex: 'classification', width: 80, render: (v: string) => t(`class.${v}`) },
          { title: t('pool.region'), key: 'region', width: 120, render: (_: unknown, r) => [r.province, r.city].filter(Boolean).join(' ') },
          { title: t('pool.lastFollowup'), dataIndex: 'lastFollowupAt', width: 150, render: (v: string | null) => <DateTime value={v} /> },
        ]}
      />
    </div>
  );
}

/** 选择离职业务员 → 接收人 → 转移全部/所选, with a reason; one transaction on the server. */
export function TransferForm({ onDone }: { onDone?: (moved: number) => void }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [selected, setSelected] = useState<Key[]>([]);
  const [error, setError] = useState<string | null>(null);
  const reps = useQuery({ queryKey: REPS_KEY, queryFn: () => api.get<TransferRep[]>('/api/customers/transfer/reps') });
  const fromUserId = Form.useWatch('fromUserId', form);
  const mode = Form.useWatch('mode', form) ?? 'all';
  const from = reps.data?.find((r) => r.id === fromUserId);
  const transfer = useMutation({
    mutationFn: (body: { fromUserId: number; toUserId: number; customerIds?: number[]; reason: string }) => api.post<{ moved: number }>('/api/customers/transfer', body),
    onSuccess: (r) => {
      message.success(t('tr.done', { n: r.moved }));
      setSelected([]);
      setError(null);
      form.resetFields();
      qc.invalidateQueries({ queryKey: ['transfer'] });
      qc.invalidateQueries({ queryKey: SETTINGS_KEY });
      onDone?.(r.moved);
    },
    onError: (e) => {
      const rest = applyFormErrors(form, e);
      setError([errorMessage(e), ...rest].join(' '));
    },
  });
  const repLabel = (r: TransferRep) => (
    <span>
      {r.displayName}
      <span style={{ color: '#8c8c8c', marginLeft: 6, fontSize: 12 }}>
        {[r.departmentName, t('tr.count', { n: r.customerCount })].filter(Boolean).join(' · ')}
      </span>
      {!r.active && <Tag style={{ marginLeft: 6 }}>{t('tr.inactive')}</Tag>}
    </span>
  );
  const submit = async () => {
    const v = await form.validateFields();
    if (v.mode === 'selected' && selected.length === 0) return setError(t('tr.pickSome'));
    const to = reps.data?.find((r) => r.id === v.toUserId);
    const n = v.mode === 'all' ? from?.customerCount ?? 0 : selected.length;
    modal.confirm({
      title: t('tr.confirm', { from: from?.displayName, to: to?.displayName, n }),
      onOk: () =>
        transfer.mutateAsync({ fromUserId: v.fromUserId!, toUserId: v.toUserId!, customerIds: v.mode === 'selected' ? selected.map(Number) : undefined, reason: v.reason!.trim() }).catch(() => undefined),
    });
  };
  return (
    <Form form={form} layout="vertical" initialValues={{ mode: 'all' }} style={{ maxWidth: 960 }}>
      {reps.error ? <Alert type="error" showIcon title={errorMessage(reps.error)} style={{ marginBottom: 12 }} /> : null}
      <Space align="start" wrap size="large">
        <Form.Item name="fromUserId" label={t('tr.from')} rules={[{ required: true, message: t('tr.pickFrom') }]} style={{ width: 340 }}>
          <Select
            showSearch={{ optionFilterProp: 'searchText' }}
            loading={reps.isLoading}
            placeholder={t('tr.pickFrom')}
            options={(reps.data ?? []).map((r) => ({ value: r.id, label: repLabel(r), searchText: `${r.displayName} ${r.username}` }))}
            onChange={() => {
              setSelected([]);
              form.setFieldValue('toUserId', undefined);
            }}
          />
        </Form.Item>
        <SwapOutlined style={{ marginTop: 38, color: '#8c8c8c' }} />
        <Form.Item name="toUserId" label={t('tr.to')} rules={[{ required: true, message: t('tr.pickTo') }]} style={{ width: 340 }}>
          <Select
            showSearch={{ optionFilterProp: 'searchText' }}
            placeholder={t('tr.pickTo')}
            disabled={!fromUserId}
            options={(reps.data ?? []).filter((r) => r.active && r.id !== fromUserId).map((r) => ({ value: r.id, label: repLabel(r), searchText: `${r.displayName} ${r.username}` }))}
          />
        </Form.Item>
      </Space>
      <Form.Item name="mode" label={t('tr.mode')}>
        <Radio.Group disabled={!from}>
          <Radio value="all">{from ? t('tr.all', { n: from.customerCount }) : t('tr.allPlain')}</Radio>
          <Radio value="selected">{t('tr.selected')}</Radio>
        </Radio.Group>
      </Form.Item>
      {from && mode === 'selected' && (
        <Form.Item label={t('tr.customers')}>
          <CustomerPicker fromUserId={from.id} selected={selected} onChange={setSelected} />
        </Form.Item>
      )}
      <Form.Item name="reason" label={t('tr.reason')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('tr.reason') }) }]}>
        <Input.TextArea rows={2} maxLength={500} placeholder={t('tr.reasonPlaceholder')} />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Button type="primary" onClick={() => submit().catch(() => undefined)} loading={transfer.isPending} disabled={!from || from.customerCount === 0}>
        {t('tr.submit')}
      </Button>
    </Form>
  );
}

/** 客户转移 page for managers. */
export function TransferPage() {
  const t = useT();
  return (
    <PageFrame title={t('tr.title')} subtitle={t('tr.subtitle')}>
      <TransferForm />
    </PageFrame>
  );
}

/** The same form in a dialog, for a button on the customer list. */
export function TransferDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  return (
    <Modal open={open} title={t('tr.title')} onCancel={onClose} footer={null} width={1000} destroyOnHidden>
      <TransferForm onDone={onClose} />
    </Modal>
  );
}
