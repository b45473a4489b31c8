import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Segmented, Select, Space, Table, Tabs, Tooltip, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { api, type Page } from '../../app/api.ts';
import { useCan, useMe } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.tsx';
import { DateTime } from '../../components/format.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { DecisionDialog, OwnershipRequestDialog, WithdrawDialog } from './ownership-dialog.tsx';
import { OWNERSHIP_KEY, OwnershipStatusTag, type OwnershipRequestOut, type OwnershipStatus } from './ownership-shared.tsx';

type Box = 'mine' | 'against' | 'decide';
const statuses: OwnershipStatus[] = ['submitted', 'approved', 'rejected', 'void'];

/**
 * 归属申请: my requests, requests about my customers, and (for managers) the requests to decide, with
 * the approve/reject dialog showing the company's written rule. ?customerId=… opens a new request.
 */
export function OwnershipPage() {
  const t = useT();
  const can = useCan();
  const me = useMe();
  const [sp, setSp] = useSearchParams();
  const deciding = can('ownership.decide');
  const box = (sp.get('box') as Box | null) ?? (deciding ? 'decide' : 'mine');
  // the decide box opens on the open requests; 'all' in the URL lifts the filter
  const rawStatus = sp.get('status');
  const status = rawStatus === 'all' ? undefined : ((rawStatus as OwnershipStatus | null) ?? (box === 'decide' ? 'submitted' : undefined));
  const page = Number(sp.get('page') ?? 1) || 1;
  const pageSize = Number(sp.get('pageSize') ?? 20) || 20;
  const requestFor = sp.get('customerId') ? Number(sp.get('customerId')) : null;
  const requestMatch = sp.get('match');
  const [deciding1, setDeciding] = useState<OwnershipRequestOut | null>(null);
  const [withdrawing, setWithdrawing] = useState<OwnershipRequestOut | null>(null);

  const params = { box, status, page, pageSize };
  const list = useQuery({
    queryKey: [...OWNERSHIP_KEY, 'list', params],
    queryFn: () => api.get<Page<OwnershipRequestOut>>('/api/ownership-requests', params),
    placeholderData: (prev) => prev,
  });
  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in patch)) next.delete('page');
    setSp(next, { replace: true });
  };

  const tabs = [
    { key: 'mine', label: t('own.mine') },
    { key: 'against', label: t('own.against') },
    ...(deciding ? [{ key: 'decide', label: t('own.decide') }] : []),
  ];
  const dash = <Typography.Text type="secondary">—</Typography.Text>;

  return (
    <PageFrame title={t('own.title')} error={list.error}>
      <Tabs activeKey={box} items={tabs} onChange={(k) => set({ box: k, status: null })} />
      <Space style={{ marginBottom: 12 }} wrap>
        <Segmented
          value={status ?? 'all'}
          options={[{ value: 'all', label: t('common.all') }, ...statuses.map((s) => ({ value: s, label: t(`own.status.${s}`) }))]}
          onChange={(v) => set({ status: String(v) })}
        />
      </Space>
      <Table<OwnershipRequestOut>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1090 }}
        pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
        onChange={(p) => set({ page: String(p.current ?? 1), pageSize: String(p.pageSize ?? 20) })}
        onRow={(r) => ({ style: r.status === 'void' ? { color: '#999' } : undefined })}
        columns={[
          {
            title: t('own.number'),
            dataIndex: 'number',
            width: 150,
            render: (v: string, r) => (
              <div>
                <div style={r.status === 'void' ? { textDecoration: 'line-through' } : undefined}>{v}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}><DateTime value={r.createdAt} /></Typography.Text>
              </div>
            ),
          },
          { title: t('own.customer'), dataIndex: 'customerName', width: 170, ellipsis: true, render: (v: string, r) => <Tooltip title={r.customerCode}>{v}</Tooltip> },
          { title: t('own.requester'), dataIndex: 'requesterName', width: 80 },
          {
            // the owner the request named → the owner now (they differ when the customer moved meanwhile)
            title: t('own.ownerCol'),
            key: 'owners',
            width: 150,
            render: (_: unknown, r) => {
              const now = r.currentOwnerName ?? t('move.pool');
              if (r.currentOwnerId === r.ownerId) return r.ownerName ?? dash;
              return (
                <span>
                  {r.ownerName ?? t('move.pool')} → {r.status === 'submitted' ? <Typography.Text type="warning">{now}</Typography.Text> : now}
                </span>
              );
            },
          },
          { title: t('own.reason'), dataIndex: 'reason', ellipsis: { showTitle: true }, width: 180 },
          { title: t('common.status'), dataIndex: 'status', width: 80, render: (v: OwnershipStatus) => <OwnershipStatusTag status={v} /> },
          {
            title: t('own.note'),
            key: 'decision',
            width: 170,
            ellipsis: true,
            render: (_: unknown, r) =>
              r.status === 'void' ? (
                <Typography.Text type="secondary">{t('own.voidReason')}：{r.voidReason}</Typography.Text>
              ) : r.decidedAt ? (
                <span>
                  {r.deciderName}
                  {r.decisionNote ? `：${r.decisionNote}` : ''}
                </span>
              ) : (
                dash
              ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            width: 110,
            render: (_: unknown, r) => (
              <Space size={4}>
                {box === 'decide' && r.status === 'submitted' && (
                  r.requesterId === me.user.id ? (
                    <Tooltip title={t('own.ownDecision')}><Button size="small" disabled>{t('own.decision')}</Button></Tooltip>
                  ) : (
                    <Button size="small" type="primary" onClick={() => setDeciding(r)}>{t('own.decision')}</Button>
                  )
                )}
                {r.requesterId === me.user.id && r.status === 'submitted' && (
                  <Button size="small" danger onClick={() => setWithdrawing(r)}>{t('own.withdraw')}</Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <DecisionDialog request={deciding1} onClose={() => setDeciding(null)} />
      <WithdrawDialog request={withdrawing} onClose={() => setWithdrawing(null)} />
      <OwnershipRequestDialog customerId={requestFor} match={requestMatch} onClose={() => set({ customerId: null, match: null })} onDone={() => set({ box: 'mine', status: null, customerId: null, match: null })} />
    </PageFrame>
  );
}
