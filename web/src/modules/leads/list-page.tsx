import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Input, Select, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { SorterResult } from 'antd/es/table/interface';
import dayjs from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, type Page } from '../../app/api.ts';
import { useCan } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.tsx';
import { DateTime } from '../../components/format.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { ChannelText, channelOptions, CustomerPicker, LEADS_KEY, LeadStatusTag, statusOptions, useAssignees, type LeadOut } from './shared.tsx';

const sortable = ['createdAt', 'number', 'lastContactAt', 'status', 'contactName'] as const;

/** 线索列表: server-side paging, sorting and filters, all kept in the URL (so a link or a reload keeps the view). */
export function LeadListPage() {
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const [sp, setSp] = useSearchParams();
  const [search, setSearch] = useState(sp.get('q') ?? '');
  const params = {
    q: sp.get('q') ?? undefined,
    status: sp.getAll('status'),
    channel: sp.getAll('channel'),
    assignee: sp.get('assignee') ?? undefined,
    referredBy: sp.get('referredBy') ?? undefined,
    createdFrom: sp.get('createdFrom') ?? undefined,
    createdTo: sp.get('createdTo') ?? undefined,
    sort: sp.get('sort') ?? 'createdAt',
    order: sp.get('order') ?? 'desc',
    page: Number(sp.get('page') ?? 1) || 1,
    pageSize: Number(sp.get('pageSize') ?? 20) || 20,
  };
  const list = useQuery({ queryKey: [...LEADS_KEY, 'list', params], queryFn: () => api.get<Page<LeadOut>>('/api/leads', params), placeholderData: (prev) => prev });
  const assignees = useAssignees();

  const set = (patch: Record<string, string | string[] | null | undefined>, keepPage = false) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      next.delete(k);
      if (Array.isArray(v)) v.forEach((x) => next.append(k, x));
      else if (v) next.set(k, v);
    }
    if (!keepPage) next.delete('page');
    setSp(next, { replace: true });
  };
  const range = params.createdFrom || params.createdTo ? [params.createdFrom ? dayjs(params.createdFrom) : null, params.createdTo ? dayjs(params.createdTo) : null] : null;

  return (
    <PageFrame
      title={t('leads.title')}
      error={list.error}
      extra={can('lead.create') && <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/leads/new')}>{t('leads.new')}</Button>}
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          value={search}
          placeholder={t('leads.searchPlaceholder')}
          style={{ width: 320 }}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => set({ q: v.trim() || null })}
        />
        <Select
          mode="multiple"
          allowClear
          placeholder={t('common.status')}
          style={{ width: 200 }}
          value={params.status}
          options={statusOptions(t)}
          onChange={(v) => set({ status: v })}
          maxTagCount="responsive"
        />
        <Select
          mode="multiple"
          allowClear
          placeholder={t('leads.channel')}
          style={{ width: 220 }}
          value={params.channel}
          options={channelOptions(t)}
          onChange={(v) => set({ channel: v })}
          maxTagCount="responsive"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('leads.assignee')}
          style={{ width: 150 }}
          value={params.assignee}
          options={[{ value: 'none', label: t('leads.unassigned') }, ...(assignees.data ?? []).map((u) => ({ value: String(u.id), label: u.displayName }))]}
          onChange={(v) => set({ assignee: v ?? null })}
        />
        <CustomerPicker
          placeholder={t('leads.referrer')}
          style={{ width: 200 }}
          value={params.referredBy ? Number(params.referredBy) : null}
          initialLabel={list.data?.items.find((l) => String(l.referredByCustomerId) === params.referredBy)?.referredByName ?? (params.referredBy ? `#${params.referredBy}` : null)}
          onChange={(v) => set({ referredBy: v ? String(v) : null })}
        />
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          placeholder={[t('leads.createdRange'), t('leads.createdRange')]}
          value={range as never}
          onChange={(v) => set({ createdFrom: v?.[0]?.format('YYYY-MM-DD') ?? null, createdTo: v?.[1]?.format('YYYY-MM-DD') ?? null })}
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
      <Table<LeadOut>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1100 }}
        rowClassName={(r) => (r.status === 'void' ? 'lead-row-void' : '')}
        onRow={(r) => ({ style: r.status === 'void' ? { color: '#999' } : undefined })}
        pagination={{ current: params.page, pageSize: params.pageSize, total: list.data?.total ?? 0, showTotal: (total) => t('common.total', { total }), showSizeChanger: true }}
        onChange={(p, _f, sorter) => {
          const s = sorter as SorterResult<LeadOut>;
          const field = typeof s.field === 'string' && (sortable as readonly string[]).includes(s.field) && s.order ? s.field : null;
          set({ page: String(p.current ?? 1), pageSize: String(p.pageSize ?? 20), sort: field, order: field ? (s.order === 'ascend' ? 'asc' : 'desc') : null }, true);
        }}
        columns={[
          {
            title: t('leads.number'),
            dataIndex: 'number',
            width: 140,
            sorter: true,
            sortOrder: params.sort === 'number' ? (params.order === 'asc' ? 'ascend' : 'descend') : null,
            render: (v: string, r) => <Link to={`/leads/${r.id}`} style={r.status === 'void' ? { color: '#999', textDecoration: 'line-through' } : undefined}>{v}</Link>,
          },
          {
            title: t('leads.contactName'),
            dataIndex: 'contactName',
            width: 110,
            sorter: true,
            sortOrder: params.sort === 'contactName' ? (params.order === 'asc' ? 'ascend' : 'descend') : null,
          },
          { title: t('leads.companyName'), dataIndex: 'companyName', ellipsis: true, render: (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text> },
          { title: t('leads.phone'), dataIndex: 'phone', width: 140, render: (v: string | null, r) => v ?? r.email ?? '—' },
          { title: t('leads.channel'), dataIndex: 'channel', width: 100, render: (v: string) => <ChannelText channel={v} /> },
          { title: t('leads.assignee'), dataIndex: 'assigneeName', width: 100, render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('leads.unassigned')}</Typography.Text> },
          {
            title: t('common.status'),
            dataIndex: 'status',
            width: 90,
            sorter: true,
            sortOrder: params.sort === 'status' ? (params.order === 'asc' ? 'ascend' : 'descend') : null,
            render: (v: LeadOut['status']) => <LeadStatusTag status={v} />,
          },
          {
            title: t('leads.lastContactAt'),
            dataIndex: 'lastContactAt',
            width: 150,
            sorter: true,
            sortOrder: params.sort === 'lastContactAt' ? (params.order === 'asc' ? 'ascend' : 'descend') : null,
            render: (v: string | null) => <DateTime value={v} />,
          },
          {
            title: t('leads.createdAt'),
            dataIndex: 'createdAt',
            width: 150,
            sorter: true,
            sortOrder: params.sort === 'createdAt' ? (params.order === 'asc' ? 'ascend' : 'descend') : null,
            render: (v: string) => <DateTime value={v} />,
          },
        ]}
      />
    </PageFrame>
  );
}
