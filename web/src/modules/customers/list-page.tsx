import { useEffect, useState } from 'react';
import { Button, DatePicker, Input, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.tsx';
import { DateTime } from '../../components/format.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { UserPicker } from '../../components/remote-select.tsx';
import { ServerTable, listKey, useListParams } from '../../components/server-table.tsx';
import { ExportButton } from '../../components/export-button.tsx';
import { ImportButton } from '../../components/import-wizard.tsx';
import { useQueryClient } from '@tanstack/react-query';
import { ClassTag, classificationLabels, optionsOf, sourceLabels, type CustomerListItem } from './shared.tsx';

const filterKeys = ['q', 'ownerId', 'classification', 'source', 'province', 'city', 'tag', 'lastFollowupAfter', 'lastFollowupBefore'];

/** 客户列表: my customers (or my department's / company's, by data scope), searched and filtered on the server. */
export function CustomerListPage() {
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { params, set } = useListParams();
  const [search, setSearch] = useState(params.q ?? '');
  const [capped, setCapped] = useState<number | null>(null);
  useEffect(() => setSearch(params.q ?? ''), [params.q]);
  const textFilter = (key: string, placeholder: string, width = 120) => (
    <Input.Search key={`${key}:${params[key] ?? ''}`} allowClear defaultValue={params[key]} placeholder={placeholder} style={{ width }} onSearch={(v) => set({ [key]: v.trim() || null })} />
  );
  const toolbar = (
    <Space wrap>
      <Input.Search
        allowClear
        value={search}
        placeholder={t('cust.searchPlaceholder')}
        style={{ width: 300 }}
        onChange={(e) => setSearch(e.target.value)}
        onSearch={(v) => set({ q: v.trim() || null })}
      />
      <Select allowClear placeholder={t('cust.classification')} style={{ width: 130 }} value={params.classification} options={optionsOf(classificationLabels, t)} onChange={(v) => set({ classification: v ?? null })} />
      <Select allowClear placeholder={t('cust.source')} style={{ width: 130 }} value={params.source} options={optionsOf(sourceLabels, t)} onChange={(v) => set({ source: v ?? null })} />
      <UserPicker style={{ width: 170 }} placeholder={t('cust.owner')} value={params.ownerId ? Number(params.ownerId) : undefined} onChange={(v) => set({ ownerId: (v as number | undefined) ?? null })} />
      {textFilter('province', t('cust.province'), 110)}
      {textFilter('city', t('cust.city'), 110)}
      {textFilter('tag', t('cust.tag'), 110)}
      <DatePicker placeholder={t('cust.followupAfter')} value={params.lastFollowupAfter ? dayjs(params.lastFollowupAfter) : null} onChange={(d) => set({ lastFollowupAfter: d ? d.format('YYYY-MM-DD') : null })} />
      <DatePicker placeholder={t('cust.followupBefore')} value={params.lastFollowupBefore ? dayjs(params.lastFollowupBefore) : null} onChange={(d) => set({ lastFollowupBefore: d ? d.format('YYYY-MM-DD') : null })} />
      <Button onClick={() => set(Object.fromEntries(filterKeys.map((k) => [k, null])))}>{t('common.reset')}</Button>
      {capped !== null && <Typography.Text type="secondary">{t('cust.totalCapped', { total: capped })}</Typography.Text>}
    </Space>
  );
  return (
    <PageFrame title={t('cust.title')} extra={
        <Space wrap>
          <ImportButton kind="customers" label={t('cust.title')} permission="customer.import" onImported={() => qc.invalidateQueries({ queryKey: listKey('/api/customers') })} />
          <ExportButton url="/api/customers/export.xlsx" permission="customer.export" params={Object.fromEntries(filterKeys.map((k) => [k, params[k]]))} fileName="客户列表.xlsx" />
          {can('customer.create') && <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/customers/new')}>{t('cust.new')}</Button>}
        </Space>
      }>
      <ServerTable<CustomerListItem>
        endpoint="/api/customers"
        filterKeys={filterKeys}
        toolbar={toolbar}
        onLoaded={(p) => setCapped((p as unknown as { totalCapped: boolean }).totalCapped ? p.total : null)}
        onRow={(r) => ({ onDoubleClick: () => navigate(`/customers/${r.id}`) })}
        columns={[
          { title: t('cust.code'), dataIndex: 'code', key: 'code', sorter: true, width: 140, render: (v: string, r) => <Link to={`/customers/${r.id}`}>{v}</Link> },
          {
            title: t('cust.name'), dataIndex: 'name', key: 'name', sorter: true,
            render: (v: string, r) => (
              <Space size={4} direction="vertical" style={{ rowGap: 0 }}>
                <Link to={`/customers/${r.id}`}>{v}</Link>
                {r.shortName && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.shortName}</Typography.Text>}
              </Space>
            ),
          },
          { title: t('cust.classification'), dataIndex: 'classification', width: 100, render: (v: string) => <ClassTag value={v} /> },
          { title: t('cust.primaryContact'), dataIndex: 'primaryContact', width: 100, render: (v: string | null) => v ?? '—' },
          { title: t('cust.primaryPhone'), dataIndex: 'primaryPhone', width: 130, render: (v: string | null) => v ?? '—' },
          { title: t('cust.region'), key: 'region', width: 140, render: (_: unknown, r) => [r.province, r.city].filter(Boolean).join(' ') || '—' },
          { title: t('cust.owner'), dataIndex: 'ownerName', width: 100, render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('cust.ownerPool')}</Typography.Text> },
          { title: t('cust.tags'), dataIndex: 'tags', width: 160, render: (tags: string[]) => tags.map((x) => <Tag key={x}>{x}</Tag>) },
          { title: t('cust.source'), dataIndex: 'source', width: 100, render: (v: string) => t.l(sourceLabels[v] ?? v) },
          { title: t('cust.lastFollowupAt'), dataIndex: 'lastFollowupAt', key: 'lastFollowupAt', sorter: true, width: 150, render: (v: string | null) => <DateTime value={v} /> },
          { title: t('cust.createdAt'), dataIndex: 'createdAt', key: 'createdAt', sorter: true, width: 150, render: (v: string) => <DateTime value={v} /> },
        ]}
      />
    </PageFrame>
  );
}
