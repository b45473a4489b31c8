import { useEffect, useState } from 'react';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { Select, Space, Tag, Typography } from 'antd';
import { api } from '../../app/api.ts';
import { registerMessages, useT } from '../../app/i18n.tsx';
import { listKey } from '../../components/server-table.tsx';
import { activityTypeLabels, leadChannelLabels, leadStatusLabels, opportunityRatingLabels } from '../../../../src/modules/leads/labels.ts';
import type { LeadChannel, LeadOut, LeadStatus } from '../../../../src/modules/leads/schema.ts';

export { activityTypeLabels, leadChannelLabels, leadStatusLabels, opportunityRatingLabels };
export type { LeadChannel, LeadOut, LeadStatus };

export type Opportunity = { id: number; customerId: number; name: string; expectedAmount: number | null; expectedDate: string | null; rating: string | null; stage: string; ownerId: number | null; createdAt: string };
export type LeadDetail = LeadOut & { opportunities: Opportunity[] };
export type Activity = { id: number; type: string; content: string; at: string; userId: number; userName: string | null };
export type HistoryEntry = { id: number; action: string; before: string | null; after: string | null; note: string | null; at: string; userName: string | null };
export type Assignee = { id: number; displayName: string; departmentName: string | null };
export type Duplicate = { customerId: number; name: string; ownerId: number | null; ownerName: string | null; matchedBy: string[]; visible: boolean };

export const LEADS_KEY = ['leads'] as const;

/** After a change: the lead's own queries and every leads list (ServerTable keys lists by endpoint). */
export function invalidateLeads(qc: QueryClient) {
  void qc.invalidateQueries({ queryKey: LEADS_KEY });
  void qc.invalidateQueries({ queryKey: listKey('/api/leads') });
}

export const leadMessages = registerMessages({
  zh: {
    'leads.title': '线索',
    'leads.new': '新建线索',
    'leads.edit': '编辑线索',
    'leads.detail': '线索详情',
    'leads.number': '线索编号',
    'leads.contactName': '联系人',
    'leads.companyName': '单位名称',
    'leads.phone': '电话',
    'leads.email': '邮箱',
    'leads.channel': '来源渠道',
    'leads.region': '地区',
    'leads.province': '省份',
    'leads.city': '城市',
    'leads.need': '需求描述',
    'leads.referrer': '推荐客户',
    'leads.referrerHint': '转介绍的线索请选择推荐它的老客户',
    'leads.assignee': '负责人',
    'leads.unassigned': '未分配',
    'leads.createdBy': '录入人',
    'leads.createdAt': '录入时间',
    'leads.lastContactAt': '最近联系',
    'leads.convertedCustomer': '转化客户',
    'leads.convertedAt': '转化时间',
    'leads.searchPlaceholder': '联系人/单位（支持拼音）、电话、编号',
    'leads.createdRange': '录入日期',
    'leads.contactRequired': '电话和邮箱至少填写一项',
    'leads.saved': '线索已保存',
    'leads.assign': '分配',
    'leads.assignTitle': '分配线索',
    'leads.assignTo': '分配给',
    'leads.assignNote': '备注',
    'leads.assigned': '已分配给 {name}',
    'leads.activities': '联系记录',
    'leads.addActivity': '记录联系',
    'leads.activityType': '方式',
    'leads.activityContent': '联系内容',
    'leads.activityAdded': '已记录',
    'leads.noActivities': '还没有联系记录',
    'leads.convert': '转化为客户',
    'leads.convertTitle': '转化线索为客户',
    'leads.convertCreate': '新建客户',
    'leads.convertLink': '关联已有客户',
    'leads.customerName': '客户名称',
    'leads.classification': '客户分类',
    'leads.class.potential': '潜在客户',
    'leads.class.formal': '正式客户',
    'leads.class.vip': 'VIP 客户',
    'leads.taxId': '税号',
    'leads.industry': '行业',
    'leads.address': '地址',
    'leads.linkCustomer': '要关联的客户',
    'leads.duplicateFound': '发现疑似重复的客户',
    'leads.duplicateHint': '客户档案中已有相同名称、电话或税号的客户。可以改为把线索关联到该客户（须在您的查看范围内）。',
    'leads.duplicateOwner': '负责人：{owner}',
    'leads.duplicateNoOwner': '公海客户',
    'leads.duplicateInvisible': '不在您的查看范围，请联系其负责人或经理',
    'leads.useThis': '关联到此客户',
    'leads.matchedBy.name': '名称相同',
    'leads.matchedBy.phone': '电话相同',
    'leads.matchedBy.taxId': '税号相同',
    'leads.withOpportunity': '同时创建销售机会',
    'leads.oppName': '机会名称',
    'leads.oppAmount': '预计金额（元）',
    'leads.oppDate': '预计成交日期',
    'leads.oppRating': '机会评级',
    'leads.converted': '已转化为客户',
    'leads.opportunities': '销售机会',
    'leads.void': '关闭为无效',
    'leads.voidTitle': '关闭为无效线索',
    'leads.voidReason': '关闭原因',
    'leads.voidReasonRequired': '请填写关闭原因',
    'leads.voidHint': '关闭后线索保留并标记为「作废」，不能再编辑、联系或转化。',
    'leads.voided': '线索已关闭为无效',
    'leads.voidInfo': '{by} 于 {at} 关闭为无效：{reason}',
    'leads.history': '修改记录',
    'leads.info': '基本信息',
    'leads.referrals': '转介绍',
    'leads.action.lead.create': '录入线索',
    'leads.action.lead.update': '修改线索',
    'leads.action.lead.assign': '分配线索',
    'leads.action.lead.contact': '记录联系',
    'leads.action.lead.convert': '转化为客户',
    'leads.action.lead.void': '关闭为无效',
    'leads.pickCustomer': '输入客户名称、拼音或电话搜索',
    'leads.emailInvalid': '邮箱格式不正确',
    'leads.firstDeal': '{name} 首单',
    'leads.amountInvalid': '金额格式不正确，最多两位小数',
  },
  en: {
    'leads.title': 'Leads',
    'leads.new': 'New lead',
    'leads.edit': 'Edit lead',
    'leads.detail': 'Lead',
    'leads.number': 'Number',
    'leads.contactName': 'Contact',
    'leads.companyName': 'Company',
    'leads.phone': 'Phone',
    'leads.email': 'E-mail',
    'leads.channel': 'Channel',
    'leads.region': 'Region',
    'leads.province': 'Province',
    'leads.city': 'City',
    'leads.need': 'Needs',
    'leads.referrer': 'Referred by',
    'leads.referrerHint': 'For a referral, pick the customer who referred it',
    'leads.assignee': 'Assignee',
    'leads.unassigned': 'Unassigned',
    'leads.createdBy': 'Entered by',
    'leads.createdAt': 'Entered',
    'leads.lastContactAt': 'Last contact',
    'leads.convertedCustomer': 'Customer',
    'leads.convertedAt': 'Converted',
    'leads.searchPlaceholder': 'Contact/company (pinyin), phone, number',
    'leads.createdRange': 'Entered on',
    'leads.contactRequired': 'Give a phone or an e-mail',
    'leads.saved': 'Lead saved',
    'leads.assign': 'Assign',
    'leads.assignTitle': 'Assign lead',
    'leads.assignTo': 'Assign to',
    'leads.assignNote': 'Note',
    'leads.assigned': 'Assigned to {name}',
    'leads.activities': 'Contacts',
    'leads.addActivity': 'Log contact',
    'leads.activityType': 'Type',
    'leads.activityContent': 'What was said',
    'leads.activityAdded': 'Logged',
    'leads.noActivities': 'No contacts yet',
    'leads.convert': 'Convert to customer',
    'leads.convertTitle': 'Convert lead to customer',
    'leads.convertCreate': 'New customer',
    'leads.convertLink': 'Existing customer',
    'leads.customerName': 'Customer name',
    'leads.classification': 'Classification',
    'leads.class.potential': 'Potential',
    'leads.class.formal': 'Formal',
    'leads.class.vip': 'VIP',
    'leads.taxId': 'Tax id',
    'leads.industry': 'Industry',
    'leads.address': 'Address',
    'leads.linkCustomer': 'Customer to link',
    'leads.duplicateFound': 'Possible duplicate customers',
    'leads.duplicateHint': 'A customer with the same name, phone or tax id is on file. You may link the lead to it instead (if you can see it).',
    'leads.duplicateOwner': 'Owner: {owner}',
    'leads.duplicateNoOwner': 'In the pool',
    'leads.duplicateInvisible': 'Not visible to you; ask its owner or a manager',
    'leads.useThis': 'Link to this customer',
    'leads.matchedBy.name': 'same name',
    'leads.matchedBy.phone': 'same phone',
    'leads.matchedBy.taxId': 'same tax id',
    'leads.withOpportunity': 'Also open an opportunity',
    'leads.oppName': 'Opportunity name',
    'leads.oppAmount': 'Expected amount (yuan)',
    'leads.oppDate': 'Expected date',
    'leads.oppRating': 'Rating',
    'leads.converted': 'Converted to a customer',
    'leads.opportunities': 'Opportunities',
    'leads.void': 'Close as invalid',
    'leads.voidTitle': 'Close lead as invalid',
    'leads.voidReason': 'Reason',
    'leads.voidReasonRequired': 'Give a reason',
    'leads.voidHint': 'The lead stays, marked void; it can no longer be edited, worked or converted.',
    'leads.voided': 'Lead closed as invalid',
    'leads.voidInfo': 'Closed as invalid by {by} at {at}: {reason}',
    'leads.history': 'History',
    'leads.info': 'Details',
    'leads.referrals': 'Referrals',
    'leads.action.lead.create': 'Entered',
    'leads.action.lead.update': 'Edited',
    'leads.action.lead.assign': 'Assigned',
    'leads.action.lead.contact': 'Contact logged',
    'leads.action.lead.convert': 'Converted',
    'leads.action.lead.void': 'Closed as invalid',
    'leads.pickCustomer': 'Search customers by name, pinyin or phone',
    'leads.emailInvalid': 'Not a valid e-mail address',
    'leads.firstDeal': '{name}: first order',
    'leads.amountInvalid': 'Not a valid amount (at most two decimals)',
  },
});

const statusColors: Record<LeadStatus, string> = { new: 'blue', assigned: 'geekblue', contacted: 'cyan', converted: 'green', void: 'default' };

/** A lead's status; 作废 shows red on grey so it is never mistaken for a live lead. */
export function LeadStatusTag({ status }: { status: LeadStatus }) {
  const t = useT();
  const label = t.l(leadStatusLabels[status]);
  if (status === 'void') {
    return (
      <Tag color="default" style={{ color: '#cf1322', borderColor: '#ffa39e', background: '#f5f5f5' }}>
        {label}
      </Tag>
    );
  }
  return <Tag color={statusColors[status]}>{label}</Tag>;
}

export function ChannelText({ channel }: { channel: string }) {
  const t = useT();
  const label = leadChannelLabels[channel as LeadChannel];
  return <>{label ? t.l(label) : channel}</>;
}

export const channelOptions = (t: ReturnType<typeof useT>) => (Object.keys(leadChannelLabels) as LeadChannel[]).map((c) => ({ value: c, label: t.l(leadChannelLabels[c]) }));
export const statusOptions = (t: ReturnType<typeof useT>) => (Object.keys(leadStatusLabels) as LeadStatus[]).map((s) => ({ value: s, label: t.l(leadStatusLabels[s]) }));

export function useAssignees(enabled = true) {
  return useQuery({ queryKey: [...LEADS_KEY, 'assignees'], queryFn: () => api.get<Assignee[]>('/api/leads/assignees'), enabled, staleTime: 60_000 });
}

type CustomerHit = { id: number; code: string; name: string; ownerName: string | null; primaryPhone: string | null };

/** Picks a customer the user can see (the customers list search: name, pinyin, initials, phone). */
export function CustomerPicker({ id, value, onChange, initialLabel, placeholder, style }: {
  /** set by Form.Item (label → input) */
  id?: string;
  value?: number | null;
  onChange?: (id: number | null) => void;
  /** the label of the current value, when it is not among the search results */
  initialLabel?: string | null;
  placeholder?: string;
  style?: React.CSSProperties;
}) {
  const t = useT();
  const [term, setTerm] = useState('');
  const [debounced, setDebounced] = useState('');
  const [opened, setOpened] = useState(false);
  useEffect(() => {
    const h = setTimeout(() => setDebounced(term.trim()), 250);
    return () => clearTimeout(h);
  }, [term]);
  const q = useQuery({
    queryKey: ['customers', 'picker', debounced],
    queryFn: () => api.get<{ items: CustomerHit[] }>('/api/customers', { q: debounced || undefined, pageSize: 20 }),
    staleTime: 30_000,
    enabled: opened || !!debounced,
  });
  const options = (q.data?.items ?? []).map((c) => ({
    value: c.id,
    label: (
      <Space size={6}>
        <span>{c.name}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {c.code}
          {c.ownerName ? ` · ${c.ownerName}` : ''}
        </Typography.Text>
      </Space>
    ),
    plain: c.name,
  }));
  if (value && initialLabel && !options.some((o) => o.value === value)) options.unshift({ value, label: <span>{initialLabel}</span>, plain: initialLabel });
  return (
    <Select<number>
      id={id}
      showSearch={{ filterOption: false, onSearch: setTerm }}
      allowClear
      value={value ?? undefined}
      placeholder={placeholder ?? t('leads.pickCustomer')}
      loading={q.isFetching}
      notFoundContent={q.isFetching ? t('common.loading') : t('common.none')}
      options={options}
      optionLabelProp="label"
      onChange={(v) => onChange?.(v ?? null)}
      onOpenChange={(o) => o && setOpened(true)}
      onClear={() => onChange?.(null)}
      style={style ?? { width: '100%' }}
    />
  );
}

/** yuan text "1234.5" → 123450 fen, exactly (no floating point); null when empty, NaN when malformed. */
export function yuanToFen(text: string | number | null | undefined): number | null {
  if (text === null || text === undefined || text === '') return null;
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(String(text).trim());
  if (!m) return Number.NaN;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
