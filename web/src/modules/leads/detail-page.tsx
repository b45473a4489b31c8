import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Form, Input, Row, Segmented, Space, Table, Tabs, Timeline, Typography } from 'antd';
import { CloseCircleOutlined, EditOutlined, SwapOutlined, UserAddOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { api, errorMessage } from '../../app/api.ts';
import { useCan } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.tsx';
import { DateTime, formatDateTime, Money } from '../../components/format.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { AssignDialog, ConvertDialog, VoidDialog } from './dialogs.tsx';
import { activityTypeLabels, ChannelText, invalidateLeads, LEADS_KEY, leadChannelLabels, leadStatusLabels, LeadStatusTag, opportunityRatingLabels, type Activity, type HistoryEntry, type LeadChannel, type LeadDetail, type LeadStatus } from './shared.tsx';

const open = ['new', 'assigned', 'contacted'];
type ActivityType = keyof typeof activityTypeLabels;

function ActivityForm({ lead }: { lead: LeadDetail }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ type: ActivityType; content: string }>();
  const add = useMutation({
    mutationFn: (v: { type: ActivityType; content: string }) => api.post<Activity>(`/api/leads/${lead.id}/activities`, v),
    onSuccess: () => {
      message.success(t('leads.activityAdded'));
      form.resetFields(['content']);
      invalidateLeads(qc);
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Form form={form} layout="vertical" initialValues={{ type: 'call' }} onFinish={(v) => add.mutate(v)} style={{ marginBottom: 16 }}>
      <Form.Item name="type" label={t('leads.activityType')} style={{ marginBottom: 8 }}>
        <Segmented options={(Object.keys(activityTypeLabels) as ActivityType[]).map((k) => ({ value: k, label: t.l(activityTypeLabels[k]) }))} />
      </Form.Item>
      <Form.Item name="content" rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('leads.activityContent') }) }]} style={{ marginBottom: 8 }}>
        <Input.TextArea rows={2} maxLength={2000} placeholder={t('leads.activityContent')} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={add.isPending}>{t('leads.addActivity')}</Button>
    </Form>
  );
}

const fieldKeys: Record<string, string> = {
  number: 'leads.number', contactName: 'leads.contactName', companyName: 'leads.companyName', phone: 'leads.phone', email: 'leads.email',
  channel: 'leads.channel', province: 'leads.province', city: 'leads.city', need: 'leads.need', referredByCustomerId: 'leads.referrer',
  status: 'common.status', assigneeName: 'leads.assignee', lastContactAt: 'leads.lastContactAt', convertedCustomerId: 'leads.convertedCustomer',
  voidReason: 'leads.voidReason', opportunityId: 'leads.opportunities',
};
// ids and technical fields that have a readable twin (assigneeName) or are shown elsewhere
const hiddenKeys = new Set(['assigneeId', 'activity', 'voidedAt', 'voidedBy', 'mode']);

/** Before/after of an audit entry, as "字段：旧值 → 新值" lines in the user's language. */
function Changes({ entry }: { entry: HistoryEntry }) {
  const t = useT();
  const parse = (s: string | null) => {
    try {
      return s ? (JSON.parse(s) as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  };
  const before = parse(entry.before);
  const after = parse(entry.after);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !hiddenKeys.has(k) && (entry.action !== 'lead.void' || k === 'status'));
  const show = (k: string, v: unknown) => {
    if (v === null || v === undefined || v === '') return '—';
    if (k === 'status' && typeof v === 'string' && v in leadStatusLabels) return t.l(leadStatusLabels[v as LeadStatus]);
    if (k === 'channel' && typeof v === 'string' && v in leadChannelLabels) return t.l(leadChannelLabels[v as LeadChannel]);
    if (k === 'lastContactAt' && typeof v === 'string') return formatDateTime(v);
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  };
  const activity = after.activity as { type?: string; content?: string } | undefined;
  if (!keys.length && !entry.note && !activity) return null;
  return (
    <div style={{ fontSize: 12, color: '#666' }}>
      {activity?.content && <div>{t.l(activityTypeLabels[activity.type as ActivityType]) || activity.type}：{activity.content}</div>}
      {keys.slice(0, 12).map((k) => (
        <div key={k}>
          {fieldKeys[k] ? t(fieldKeys[k]) : k}：{k in before ? `${show(k, before[k])} → ` : ''}
          {show(k, after[k])}
        </div>
      ))}
      {entry.note && <div>{entry.action === 'lead.void' ? t('leads.voidReason') : t('leads.assignNote')}：{entry.note}</div>}
    </div>
  );
}

/** 线索详情: the file, its contacts timeline, the dialogs that move it along, and its history. */
export function LeadDetailPage() {
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const [dialog, setDialog] = useState<'assign' | 'convert' | 'void' | null>(null);
  const lead = useQuery({ queryKey: [...LEADS_KEY, 'one', id], queryFn: () => api.get<LeadDetail>(`/api/leads/${id}`) });
  const activities = useQuery({ queryKey: [...LEADS_KEY, 'one', id, 'activities'], queryFn: () => api.get<Activity[]>(`/api/leads/${id}/activities`), enabled: lead.isSuccess });
  const history = useQuery({ queryKey: [...LEADS_KEY, 'one', id, 'history'], queryFn: () => api.get<HistoryEntry[]>(`/api/leads/${id}/history`), enabled: lead.isSuccess });

  const l = lead.data;
  if (!l) return <PageFrame title={t('leads.detail')} back="/leads" error={lead.error}>{lead.isPending ? <Typography.Text type="secondary">{t('common.loading')}</Typography.Text> : <Empty />}</PageFrame>;
  const isOpen = open.includes(l.status);
  const dash = (v: string | null | undefined) => v || <Typography.Text type="secondary">—</Typography.Text>;

  return (
    <PageFrame
      bare
      back="/leads"
      title={
        <Space>
          <span style={l.status === 'void' ? { textDecoration: 'line-through', color: '#999' } : undefined}>{l.number}</span>
          <LeadStatusTag status={l.status} />
        </Space>
      }
      subtitle={`${l.contactName}${l.companyName ? ' · ' + l.companyName : ''}`}
      extra={
        isOpen && (
          <>
            {can('lead.update') && <Button icon={<EditOutlined />} onClick={() => navigate(`/leads/${l.id}/edit`)}>{t('common.edit')}</Button>}
            {can('lead.assign') && <Button icon={<UserAddOutlined />} onClick={() => setDialog('assign')}>{t('leads.assign')}</Button>}
            {can('lead.convert') && <Button type="primary" icon={<SwapOutlined />} onClick={() => setDialog('convert')}>{t('leads.convert')}</Button>}
            {can('lead.void') && <Button danger icon={<CloseCircleOutlined />} onClick={() => setDialog('void')}>{t('leads.void')}</Button>}
          </>
        )
      }
    >
      {l.status === 'void' && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={<span><b>{t.l(leadStatusLabels.void)}</b>　{t('leads.voidInfo', { by: l.voidedByName ?? '', at: formatDateTime(l.voidedAt), reason: l.voidReason ?? '' })}</span>}
        />
      )}
      {l.status === 'converted' && l.convertedCustomerId && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          title={
            <span>
              {t('leads.converted')}：<Link to={`/customers/${l.convertedCustomerId}`}>{l.convertedCustomerName ?? l.convertedCustomerId}</Link>（{formatDateTime(l.convertedAt)}）
            </span>
          }
        />
      )}
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}>
          <Card variant="borderless" title={t('leads.info')}>
            <Descriptions column={{ xs: 1, sm: 2 }} size="small">
              <Descriptions.Item label={t('leads.contactName')}>{l.contactName}</Descriptions.Item>
              <Descriptions.Item label={t('leads.companyName')}>{dash(l.companyName)}</Descriptions.Item>
              <Descriptions.Item label={t('leads.phone')}>{dash(l.phone)}</Descriptions.Item>
              <Descriptions.Item label={t('leads.email')}>{dash(l.email)}</Descriptions.Item>
              <Descriptions.Item label={t('leads.channel')}><ChannelText channel={l.channel} /></Descriptions.Item>
              <Descriptions.Item label={t('leads.region')}>{dash([l.province, l.city].filter(Boolean).join(' '))}</Descriptions.Item>
              <Descriptions.Item label={t('leads.referrer')}>
                {l.referredByCustomerId ? <Link to={`/customers/${l.referredByCustomerId}`}>{l.referredByName ?? l.referredByCustomerId}</Link> : dash(null)}
              </Descriptions.Item>
              <Descriptions.Item label={t('leads.assignee')}>{l.assigneeName ?? <Typography.Text type="secondary">{t('leads.unassigned')}</Typography.Text>}</Descriptions.Item>
              <Descriptions.Item label={t('leads.createdBy')}>{dash(l.createdByName)}</Descriptions.Item>
              <Descriptions.Item label={t('leads.createdAt')}><DateTime value={l.createdAt} /></Descriptions.Item>
              <Descriptions.Item label={t('leads.lastContactAt')}><DateTime value={l.lastContactAt} /></Descriptions.Item>
              <Descriptions.Item label={t('leads.need')} span={2}>
                <span style={{ whiteSpace: 'pre-wrap' }}>{dash(l.need)}</span>
              </Descriptions.Item>
            </Descriptions>
          </Card>
          {l.opportunities.length > 0 && (
            <Card variant="borderless" title={t('leads.opportunities')} style={{ marginTop: 12 }}>
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={l.opportunities}
                columns={[
                  { title: t('leads.oppName'), dataIndex: 'name' },
                  { title: t('leads.oppAmount'), dataIndex: 'expectedAmount', align: 'right', render: (v: number | null) => <Money fen={v} /> },
                  { title: t('leads.oppDate'), dataIndex: 'expectedDate', render: (v: string | null) => dash(v) },
                  { title: t('leads.oppRating'), dataIndex: 'rating', render: (v: string | null) => (v ? t.l(opportunityRatingLabels[v as 'high']) : dash(null)) },
                ]}
              />
            </Card>
          )}
        </Col>
        <Col xs={24} lg={10}>
          <Card variant="borderless">
            <Tabs
              items={[
                {
                  key: 'activities',
                  label: `${t('leads.activities')}${activities.data ? ` (${activities.data.length})` : ''}`,
                  children: (
                    <>
                      {isOpen && can('lead.update') && <ActivityForm lead={l} />}
                      {activities.data && activities.data.length === 0 ? (
                        <Empty description={t('leads.noActivities')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
                      ) : (
                        <Timeline
                          items={(activities.data ?? []).map((a) => ({
                            key: a.id,
                            content: (
                              <div>
                                <Space size={6} wrap>
                                  <Typography.Text strong>{t.l(activityTypeLabels[a.type as ActivityType]) || a.type}</Typography.Text>
                                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{a.userName} · {formatDateTime(a.at)}</Typography.Text>
                                </Space>
                                <div style={{ whiteSpace: 'pre-wrap' }}>{a.content}</div>
                              </div>
                            ),
                          }))}
                        />
                      )}
                    </>
                  ),
                },
                {
                  key: 'history',
                  label: t('leads.history'),
                  children: (
                    <Timeline
                      items={(history.data ?? []).map((h) => ({
                        key: h.id,
                        color: h.action === 'lead.void' ? 'red' : h.action === 'lead.convert' ? 'green' : 'blue',
                        content: (
                          <div>
                            <Space size={6} wrap>
                              <Typography.Text strong>{t(`leads.action.${h.action}`)}</Typography.Text>
                              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{h.userName} · {formatDateTime(h.at)}</Typography.Text>
                            </Space>
                            <Changes entry={h} />
                          </div>
                        ),
                      }))}
                    />
                  ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <AssignDialog lead={l} open={dialog === 'assign'} onClose={() => setDialog(null)} />
      <ConvertDialog lead={l} open={dialog === 'convert'} onClose={() => setDialog(null)} />
      <VoidDialog lead={l} open={dialog === 'void'} onClose={() => setDialog(null)} />
    </PageFrame>
  );
}
