import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Progress, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { HistoryOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { api, errorMessage, type Page } from '../../app/api.ts';
import { useCan } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.tsx';
import { DateTime } from '../../components/format.tsx';
import { applyFormErrors } from '../../components/form-errors.ts';
import { PageFrame } from '../../components/page-frame.tsx';
import { CustomerMovesDrawer, MoveKindTag, SETTINGS_KEY, useOwnershipSettings, type PoolCustomerOut } from './ownership-shared.tsx';

export const POOL_KEY = ['customer-pool'] as const;

/** 公海客户: customers without an owner, searchable by pinyin, with why and when each came back; reps claim them up to their limit. */
export function PoolPage() {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [sp, setSp] = useSearchParams();
  const [search, setSearch] = useState(sp.get('q') ?? '');
  const [history, setHistory] = useState<PoolCustomerOut | null>(null);
  const settings = useOwnershipSettings();
  const params = {
    q: sp.get('q') ?? undefined,
    province: sp.get('province') ?? undefined,
    city: sp.get('city') ?? undefined,
    classification: sp.get('classification') ?? undefined,
    page: Number(sp.get('page') ?? 1) || 1,
    pageSize: Number(sp.get('pageSize') ?? 20) || 20,
  };
  const list = useQuery({ queryKey: [...POOL_KEY, params], queryFn: () => api.get<Page<PoolCustomerOut>>('/api/customers/pool', params), placeholderData: (prev) => prev });
  const set = (patch: Record<string, string | null | undefined>, keepPage = false) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!keepPage) next.delete('page');
    setSp(next, { replace: true });
  };
  const claim = useMutation({
    mutationFn: (c: PoolCustomerOut) => api.post<{ name: string; owned: number; claimLimit: number }>(`/api/customers/${c.id}/claim`),
    onSuccess: (r) => {
      message.success(t('pool.claimed', { name: r.name, owned: r.owned, limit: r.claimLimit }));
      qc.invalidateQueries({ queryKey: POOL_KEY });
      qc.invalidateQueries({ queryKey: SETTINGS_KEY });
    },
    onError: (e) => {
      message.error({ content: errorMessage(e), duration: 6 });
      qc.invalidateQueries({ queryKey: POOL_KEY });
    },
  });

  const s = settings.data;
  const full = !!s && s.owned >= s.claimLimit;
  const classes = ['potential', 'formal', 'vip'] as const;
  const dash = <Typography.Text type="secondary">—</Typography.Text>;

  return (
    <PageFrame
      title={t('pool.title')}
      error={list.error}
      extra={
        s && (
          <Tooltip title={full ? t('pool.full') : undefined}>
            <Space data-testid="pool-quota">
              <Typography.Text strong={full} type={full ? 'danger' : undefined}>{t('pool.mine', { owned: s.owned, limit: s.claimLimit })}</Typography.Text>
              <Progress percent={s.claimLimit ? Math.min(100, Math.round((s.owned / s.claimLimit) * 100)) : 100} size={[120, 8]} showInfo={false} status={full ? 'exception' : 'normal'} />
            </Space>
          </Tooltip>
        )
      }
    >
      {s && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('pool.rule', { n: s.noFollowupDays, m: s.noDealDays, k: s.reclaimBlockDays })} />}
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear value={search} placeholder={t('pool.search')} style={{ width: 260 }} onChange={(e) => setSearch(e.target.value)} onSearch={(v) => set({ q: v.trim() })} />
        <Input allowClear placeholder={t('pool.province')} style={{ width: 120 }} defaultValue={params.province} onPressEnter={(e) => set({ province: e.currentTarget.value.trim() })} onBlur={(e) => set({ province: e.currentTarget.value.trim() })} />
        <Input allowClear placeholder={t('pool.city')} style={{ width: 120 }} defaultValue={params.city} onPressEnter={(e) => set({ city: e.currentTarget.value.trim() })} onBlur={(e) => set({ city: e.currentTarget.value.trim() })} />
        <Select
          allowClear
          placeholder={t('pool.class')}
          style={{ width: 120 }}
          value={params.classification}
          options={classes.map((c) => ({ value: c, label: t(`class.${c}`) }))}
          onChange={(v) => set({ classification: v })}
        />
        <Button
          onClick={() => {
            setSearch('');
            setSp(new URLSearchParams(), { replace: true });
          }}
        >
          {t('common.reset')}
        </Button>
      </Space>
      <Table<PoolCustomerOut>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1100 }}
        pagination={{ current: params.page, pageSize: params.pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
        onChange={(p) => set({ page: String(p.current ?? 1), pageSize: String(p.pageSize ?? 20) }, true)}
        columns={[
          {
            title: t('pool.name'),
            dataIndex: 'name',
            width: 220,
            render: (v: string, r) => (
              <div>
                <div>{v}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.code}</Typography.Text>
              </div>
            ),
          },
          { title: t('pool.class'), dataIndex: 'classification', width: 80, render: (v: string) => <Tag color={v === 'vip' ? 'gold' : v === 'formal' ? 'blue' : undefined}>{t(`class.${v}`)}</Tag> },
          { title: t('pool.region'), key: 'region', width: 110, render: (_: unknown, r) => [r.province, r.city].filter(Boolean).join(' ') || dash },
          { title: t('pool.enteredAt'), dataIndex: 'poolEnteredAt', width: 140, render: (v: string | null) => <DateTime value={v} /> },
          {
            title: t('pool.reason'),
            key: 'reason',
            width: 210,
            render: (_: unknown, r) =>
              r.poolKind ? (
                <Space size={4} wrap>
                  <MoveKindTag kind={r.poolKind} />
                  <span>{r.poolReason ?? ''}</span>
                </Space>
              ) : (
                dash
              ),
          },
          { title: t('pool.previousOwner'), dataIndex: 'previousOwnerName', width: 90, render: (v: string | null) => v ?? dash },
          { title: t('pool.lastFollowup'), dataIndex: 'lastFollowupAt', width: 140, render: (v: string | null) => <DateTime value={v} /> },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            width: 110,
            render: (_: unknown, r) => (
              <Space size={4}>
                <Popconfirm title={t('pool.claimConfirm', { name: r.name })} onConfirm={() => claim.mutateAsync(r).catch(() => undefined)} disabled={full}>
                  <Button size="small" type="primary" disabled={full} loading={claim.isPending && claim.variables?.id === r.id}>
                    {t('pool.claim')}
                  </Button>
                </Popconfirm>
                <Tooltip title={t('pool.history')}>
                  <Button size="small" type="text" icon={<HistoryOutlined />} aria-label={t('pool.history')} onClick={() => setHistory(r)} />
                </Tooltip>
              </Space>
            ),
          },
        ]}
      />
      <CustomerMovesDrawer customerId={history?.id ?? null} title={history?.name} onClose={() => setHistory(null)} />
    </PageFrame>
  );
}

/** 放入公海: for the customer pages — the owner gives the customer back with a reason. */
export function ReleaseToPoolButton({ customerId, customerName, onDone }: { customerId: number; customerName: string; onDone?: () => void }) {
  const t = useT();
  const can = useCan();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const release = useMutation({
    mutationFn: (v: { reason: string }) => api.post(`/api/customers/${customerId}/release`, v),
    onSuccess: () => {
      message.success(t('pool.released'));
      setOpen(false);
      qc.invalidateQueries({ queryKey: POOL_KEY });
      qc.invalidateQueries({ queryKey: SETTINGS_KEY });
      onDone?.();
    },
    onError: (e) => {
      applyFormErrors(form, e);
      message.error(errorMessage(e));
    },
  });
  if (!can('pool.release')) return null;
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t('pool.release')}</Button>
      <Modal
        open={open}
        title={t('pool.releaseTitle', { name: customerName })}
        onCancel={() => setOpen(false)}
        okButtonProps={{ danger: true, loading: release.isPending }}
        okText={t('pool.release')}
        onOk={() => form.validateFields().then((v) => release.mutate(v))}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="reason" label={t('pool.releaseReason')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('pool.releaseReason') }) }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
