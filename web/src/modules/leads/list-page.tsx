import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Input, Select, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../app/api.ts';
import { useCan } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.tsx';
import { DateTime } from '../../components/format.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { ServerTable, useListParams } from '../../components/server-table.tsx';
import { ChannelText, channelOptions, CustomerPicker, LeadStatusTag, statusOptions, useAssignees, type LeadOut } from './shared.tsx';

const filterKeys = ['q', 'status', 'channel', 'assignee', 'referredBy', 'createdFrom', 'createdTo'];
const list = (v: string | undefined) => (v ? v.split(',').filter(Boolean) : []);

/** The referrer filter's label: the customer's name, looked up once when the page opens with ?referredBy=. */
function useCustomerName(id: string | undefined) {
  return useQuery({ queryKey: ['customers', 'name', id], queryFn: () => api.get<{ name: string }>(`/api/customers/${id}`), enabled: !!id, staleTime: 60_000, retry: false }).data?.name;
}

/** 线索列表: server-side paging, sorting and filters, all kept in the URL (so a link or a reload keeps the view). */
export function LeadListPage() {
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const { params, set } = useListParams();
  const [, setSp] = useSearchParams();
  const [search, setSearch] = useState(params.q ?? '');
  useEffect(() => setSearch(params.q ?? ''), [params.q]);
  const assignees = useAssignees();
  const referrerName = useCustomerName(params.referredBy);

  const columns: ColumnsType<LeadOut> = [
    {
      title: t('leads.number'),
      key: 'number',
      dataIndex: 'number',
      width: 140,
      sorter: true,
      render: (v: string, r) => <Link to={`/leads/${r.id}`} style={r.status === 'void' ? { color: '#999', textDecoration: 'line-through' } : undefined}>{v}</Link>,
    },
    { title: t('leads.contactName'), dataIndex: 'contactName', width: 110 },
    { title: t('leads.companyName'), dataIndex: 'companyName', ellipsis: true, render: (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text> },
    { title: t('leads.phone'), dataIndex: 'phone', width: 140, render: (v: string | null, r) => v ?? r.email ?? '—' },
    { title: t('leads.channel'), dataIndex: 'channel', width: 100, render: (v: string) => <ChannelText channel={v} /> },
    { title: t('leads.assignee'), dataIndex: 'assigneeName', width: 100, render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('leads.unassigned')}</Typography.Text> },
    { title: t('common.status'), key: 'status', dataIndex: 'status', width: 90, sorter: true, render: (v: LeadOut['status']) => <LeadStatusTag status={v} /> },
    { title: t('leads.lastContactAt'), key: 'lastContactAt', dataIndex: 'lastContactAt', width: 150, sorter: true, render: (v: string | null) => <DateTime value={v} /> },
    { title: t('leads.createdAt'), key: 'createdAt', dataIndex: 'createdAt', width: 150, sorter: true, render: (v: string) => <DateTime value={v} /> },
  ];

  const toolbar = (
    <Space wrap>
      <Input.Search
        allowClear
        value={search}
        placeholder={t('leads.searchPlaceholder')}
        style={{ width: 300 }}
        onChange={(e) => setSearch(e.target.value)}
        onSearch={(v) => set({ q: v.trim() || null })}
      />
      <Select
        mode="multiple"
        allowClear
        placeholder={t('common.status')}
        style={{ width: 200 }}
        value={list(params.status)}
        options={statusOptions(t)}
        onChange={(v: string[]) => set({ status: v.join(',') || null })}
        maxTagCount="responsive"
      />
      <Select
        mode="multiple"
        allowClear
        placeholder={t('leads.channel')}
        style={{ width: 220 }}
        value={list(params.channel)}
        options={channelOptions(t)}
        onChange={(v: string[]) => set({ channel: v.join(',') || null })}
        maxTagCount="responsive"
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('leads.assignee')}
        style={{ width: 150 }}
        value={params.assignee}
        options={[{ value: 'none', label: t('leads.unassigned') }, ...(assignees.data ?? []).map((u) => ({ value: String(u.id), label: u.displayName }))]}
        onChange={(v?: string) => set({ assignee: v ?? null })}
      />
      <CustomerPicker
        placeholder={t('leads.referrer')}
        style={{ width: 200 }}
        value={params.referredBy ? Number(params.referredBy) : null}
        initialLabel={referrerName ?? (params.referredBy ? `#${params.referredBy}` : null)}
        onChange={(v) => set({ referredBy: v ? String(v) : null })}
      />
      <DatePicker.RangePicker
        allowEmpty={[true, true]}
        placeholder={[t('leads.createdRange'), t('leads.createdRange')]}
        value={[params.createdFrom ? dayjs(params.createdFrom) : null, params.createdTo ? dayjs(params.createdTo) : null]}
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
  );

  return (
    <PageFrame
      title={t('leads.title')}
      extra={can('lead.create') && <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/leads/new')}>{t('leads.new')}</Button>}
    >
      <ServerTable<LeadOut>
        endpoint="/api/leads"
        columns={columns}
        filterKeys={filterKeys}
        toolbar={toolbar}
        scroll={{ x: 1100 }}
        onRow={(r) => ({ style: r.status === 'void' ? { color: '#999', background: '#fafafa' } : undefined })}
      />
    </PageFrame>
  );
}
