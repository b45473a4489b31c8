import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Descriptions, Empty, Form, Input, InputNumber, List, Modal, Pagination, Row, Select, Space, Spin, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { EditOutlined, PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, errorMessage } from '../../app/api.ts';
import { useCan } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.tsx';
import { applyFormErrors } from '../../components/form-errors.ts';
import { DateTime, Money, formatDateTime, formatMoney } from '../../components/format.tsx';
import { actionLabel, diffRows, type HistoryEntry } from '../../components/history-drawer.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import {
  ClassTag, CUSTOMERS_KEY, customerFieldLabels, fenToYuanText, followupTypeLabels, optionsOf, paymentTermLabels, ratingLabels, sourceLabels, yuanToFen,
  type Credit, type CustomerOut, type Followup,
} from './shared.tsx';

const dash = <Typography.Text type="secondary">—</Typography.Text>;
const show = (v: string | null | undefined) => (v ? v : dash);

function BasicTab({ c }: { c: CustomerOut }) {
  const t = useT();
  return (
    <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
      <Descriptions.Item label={t('cust.name')}>{c.name}</Descriptions.Item>
      <Descriptions.Item label={t('cust.code')}>{c.code}</Descriptions.Item>
      <Descriptions.Item label={t('cust.shortName')}>{show(c.shortName)}</Descriptions.Item>
      <Descriptions.Item label={t('cust.industry')}>{show(c.industry)}</Descriptions.Item>
      <Descriptions.Item label={t('cust.classification')}><ClassTag value={c.classification} /></Descriptions.Item>
      <Descriptions.Item label={t('cust.source')}>{t.l(sourceLabels[c.source] ?? c.source)}</Descriptions.Item>
      <Descriptions.Item label={t('cust.region')}>{show([c.province, c.city].filter(Boolean).join(' '))}</Descriptions.Item>
      <Descriptions.Item label={t('cust.address')}>{show(c.address)}</Descriptions.Item>
      <Descriptions.Item label={t('cust.owner')}>{c.ownerName ?? t('cust.ownerPool')}{c.ownerSince && <Typography.Text type="secondary"> （{formatDateTime(c.ownerSince)}）</Typography.Text>}</Descriptions.Item>
      <Descriptions.Item label={t('cust.tags')}>{c.tags.length ? c.tags.map((x) => <Tag key={x}>{x}</Tag>) : dash}</Descriptions.Item>
      <Descriptions.Item label={t('cust.primaryContact')}>{show([c.primaryContact, c.primaryPhone].filter(Boolean).join(' '))}</Descriptions.Item>
      <Descriptions.Item label={t('cust.lastFollowupAt')}><DateTime value={c.lastFollowupAt} /></Descriptions.Item>
      <Descriptions.Item label={t('cust.referredBy')}>{c.referredByCustomerId ? <Link to={`/customers/${c.referredByCustomerId}`}>{c.referredByName ?? c.referredByCustomerId}</Link> : dash}</Descriptions.Item>
      <Descriptions.Item label={t('cust.referralCount')}>{c.referralCount}</Descriptions.Item>
      <Descriptions.Item label={t('cust.createdAt')}><DateTime value={c.createdAt} /></Descriptions.Item>
      <Descriptions.Item label={t('cust.notes')}><span style={{ whiteSpace: 'pre-wrap' }}>{show(c.notes)}</span></Descriptions.Item>
    </Descriptions>
  );
}

function ContactsTab({ c }: { c: CustomerOut }) {
  const t = useT();
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={c.contacts}
      locale={{ emptyText: <Empty description={t('common.none')} /> }}
      columns={[
        { title: t('cust.contact.name'), dataIndex: 'name', render: (v: string, r) => <Space>{v}{r.isPrimary && <Tag color="blue">{t('cust.contact.primary')}</Tag>}</Space> },
        { title: t('cust.contact.phone'), dataIndex: 'phone', render: show },
        { title: t('cust.contact.position'), dataIndex: 'position', render: show },
        { title: t('cust.contact.email'), dataIndex: 'email', render: show },
      ]}
    />
  );
}

function AddressesTab({ c }: { c: CustomerOut }) {
  const t = useT();
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={c.addresses}
      locale={{ emptyText: <Empty description={t('common.none')} /> }}
      columns={[
        { title: t('cust.address.label'), dataIndex: 'label', render: (v: string | null, r) => <Space>{show(v)}{r.isDefault && <Tag color="blue">{t('cust.address.default')}</Tag>}</Space> },
        { title: t('cust.region'), key: 'region', render: (_: unknown, r) => show([r.province, r.city].filter(Boolean).join(' ')) },
        { title: t('cust.address.address'), dataIndex: 'address' },
        { title: t('cust.address.receiver'), dataIndex: 'receiver', render: show },
        { title: t('cust.address.phone'), dataIndex: 'phone', render: show },
      ]}
    />
  );
}

function InvoiceTab({ c }: { c: CustomerOut }) {
  const t = useT();
  return (
    <Descriptions column={1} bordered size="small" styles={{ label: { width: 160 } }}>
      <Descriptions.Item label={t('cust.invoiceTitle')}>{show(c.invoiceTitle)}</Descriptions.Item>
      <Descriptions.Item label={t('cust.taxId')}>{show(c.taxId)}</Descriptions.Item>
      <Descriptions.Item label={t('cust.invoiceAddress')}>{show(c.invoiceAddress)}</Descriptions.Item>
      <Descriptions.Item label={t('cust.invoicePhone')}>{show(c.invoicePhone)}</Descriptions.Item>
      <Descriptions.Item label={t('cust.invoiceBank')}>{show(c.invoiceBank)}</Descriptions.Item>
      <Descriptions.Item label={t('cust.invoiceAccount')}>{show(c.invoiceAccount)}</Descriptions.Item>
    </Descriptions>
  );
}

type FollowupForm = { type: string; content: string; contactId?: number; nextDate?: Dayjs | null };

function FollowupsTab({ c }: { c: CustomerOut }) {
  const t = useT();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [form] = Form.useForm<FollowupForm>();
  const [error, setError] = useState<string | null>(null);
  const list = useQuery({
    queryKey: [...CUSTOMERS_KEY, c.id, 'followups', page],
    queryFn: () => api.get<{ items: Followup[]; total: number }>(`/api/customers/${c.id}/followups`, { page, pageSize: 10 }),
  });
  const add = useMutation({
    mutationFn: (v: FollowupForm) => api.post<Followup>(`/api/customers/${c.id}/followups`, { ...v, nextDate: v.nextDate ? v.nextDate.format('YYYY-MM-DD') : null }),
    onSuccess: () => {
      message.success(t('cust.fu.saved'));
      form.resetFields();
      setPage(1);
      qc.invalidateQueries({ queryKey: [...CUSTOMERS_KEY, c.id] });
    },
    onError: (e) => setError(applyFormErrors(form, e).join('；') || errorMessage(e)),
  });
  return (
    <Row gutter={24}>
      {can('customer.followup') && (
        <Col xs={24} lg={9}>
          <Card size="small" title={t('cust.fu.add')}>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
            <Form<FollowupForm> form={form} layout="vertical" initialValues={{ type: 'call' }} onFinish={(v) => { setError(null); add.mutate(v); }}>
              <Row gutter={8}>
                <Col span={12}><Form.Item name="type" label={t('cust.fu.type')}><Select options={optionsOf(followupTypeLabels, t)} /></Form.Item></Col>
                <Col span={12}><Form.Item name="contactId" label={t('cust.fu.contact')}><Select allowClear options={c.contacts.map((x) => ({ value: x.id, label: x.name }))} /></Form.Item></Col>
              </Row>
              <Form.Item name="content" label={t('cust.fu.content')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input.TextArea rows={4} maxLength={2000} showCount /></Form.Item>
              <Form.Item name="nextDate" label={t('cust.fu.nextDate')}><DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} /></Form.Item>
              <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={add.isPending}>{t('cust.fu.add')}</Button>
            </Form>
          </Card>
        </Col>
      )}
      <Col xs={24} lg={can('customer.followup') ? 15 : 24}>
        {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} />}
        <List<Followup>
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('cust.fu.empty')} /> }}
          renderItem={(f) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <Space wrap>
                    <Tag color="geekblue">{t.l(followupTypeLabels[f.type] ?? f.type)}</Tag>
                    <Typography.Text>{t('cust.fu.by', { user: f.userName ?? '', at: formatDateTime(f.at) })}</Typography.Text>
                    {f.contactName && <Typography.Text type="secondary">{t('cust.fu.contact')}：{f.contactName}</Typography.Text>}
                  </Space>
                }
                description={
                  <div>
                    <div style={{ whiteSpace: 'pre-wrap', color: 'rgba(0,0,0,0.88)' }}>{f.content}</div>
                    {f.nextDate && <Typography.Text type="warning">{t('cust.fu.next', { date: f.nextDate })}</Typography.Text>}
                  </div>
                }
              />
            </List.Item>
          )}
        />
        {(list.data?.total ?? 0) > 10 && <Pagination style={{ marginTop: 12 }} current={page} pageSize={10} total={list.data?.total ?? 0} onChange={setPage} showSizeChanger={false} />}
      </Col>
    </Row>
  );
}

type CreditForm = Omit<Credit, 'creditLimit' | 'checkedAt' | 'checkedBy' | 'checkedByName' | 'updatedAt' | 'version'> & { creditLimit: string; checkedAt: Dayjs };

function CreditEditor({ c, open, onClose }: { c: CustomerOut; open: boolean; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreditForm>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: CreditForm) =>
      api.put<Credit>(`/api/customers/${c.id}/credit`, { ...v, creditLimit: yuanToFen(v.creditLimit), checkedAt: v.checkedAt.format('YYYY-MM-DD'), version: c.credit?.version }),
    onSuccess: () => {
      message.success(t('cust.credit.saved'));
      qc.invalidateQueries({ queryKey: [...CUSTOMERS_KEY, c.id] });
      onClose();
    },
    onError: (e) => setError(applyFormErrors(form, e).join('；') || errorMessage(e)),
  });
  const cr = c.credit;
  return (
    <Modal
      open={open}
      title={cr ? t('cust.credit.update') : t('cust.credit.edit')}
      width={720}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      okText={t('common.save')}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<CreditForm>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          rating: cr?.rating ?? 'B', creditLimit: cr ? fenToYuanText(cr.creditLimit) : '0.00', paymentTerms: cr?.paymentTerms ?? ['cash'], prepayRequired: cr?.prepayRequired ?? false,
          assets: cr?.assets ?? undefined, salesCapacity: cr?.salesCapacity ?? undefined, debts: cr?.debts ?? undefined, creditHistory: cr?.creditHistory ?? undefined,
          conclusion: cr?.conclusion ?? undefined, checkedAt: dayjs(),
          settlementDay: cr?.settlementDay ?? null, creditMonths: cr?.creditMonths ?? null, creditDays: cr?.creditDays ?? null,
        } as Partial<CreditForm>}
        onFinish={(v) => { setError(null); save.mutate(v); }}
      >
        <Row gutter={12}>
          <Col span={8}><Form.Item name="rating" label={t('cust.credit.rating')}><Select options={optionsOf(ratingLabels, t)} /></Form.Item></Col>
          <Col span={8}>
            <Form.Item
              name="creditLimit"
              label={t('cust.credit.limit')}
              rules={[{ required: true, message: t('common.required') }, { validator: (_, v) => (Number.isNaN(yuanToFen(v)) ? Promise.reject(new Error(t('cust.credit.badAmount'))) : Promise.resolve()) }]}
            >
              <Input prefix="¥" inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col span={8}><Form.Item name="checkedAt" label={t('cust.credit.checkedAt')} rules={[{ required: true, message: t('common.required') }]}><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={16}><Form.Item name="paymentTerms" label={t('cust.credit.terms')} rules={[{ required: true, message: t('common.required') }]}><Checkbox.Group options={optionsOf(paymentTermLabels, t)} /></Form.Item></Col>
          <Col span={8}><Form.Item name="prepayRequired" label=" " valuePropName="checked"><Checkbox>{t('cust.credit.prepay')}</Checkbox></Form.Item></Col>
          <Col span={8}><Form.Item name="settlementDay" label={t('cust.credit.settlementDay')} extra={t('cust.credit.termsDefault')}><InputNumber min={1} max={28} precision={0} addonAfter={t('cust.credit.dayOfMonth')} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={8}><Form.Item name="creditMonths" label={t('cust.credit.creditMonths')}><InputNumber min={0} max={12} precision={0} addonAfter={t('cust.credit.months')} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={8}><Form.Item name="creditDays" label={t('cust.credit.creditDays')}><InputNumber min={0} max={365} precision={0} addonAfter={t('cust.credit.days')} style={{ width: '100%' }} /></Form.Item></Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}><Form.Item name="assets" label={t('cust.credit.assets')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item></Col>
          <Col span={12}><Form.Item name="salesCapacity" label={t('cust.credit.salesCapacity')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item></Col>
          <Col span={12}><Form.Item name="debts" label={t('cust.credit.debts')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item></Col>
          <Col span={12}><Form.Item name="creditHistory" label={t('cust.credit.history')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item></Col>
          <Col span={24}><Form.Item name="conclusion" label={t('cust.credit.conclusion')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item></Col>
        </Row>
      </Form>
    </Modal>
  );
}

function CreditTab({ c }: { c: CustomerOut }) {
  const t = useT();
  const can = useCan();
  const [editing, setEditing] = useState(false);
  const cr = c.credit;
  const button = can('customer.credit') && (
    <Button icon={<SafetyCertificateOutlined />} type={cr ? 'default' : 'primary'} onClick={() => setEditing(true)}>{cr ? t('cust.credit.update') : t('cust.credit.edit')}</Button>
  );
  return (
    <div>
      {!cr ? (
        <Alert type="info" showIcon title={t('cust.credit.none')} action={button} />
      ) : (
        <>
          <div style={{ textAlign: 'right', marginBottom: 12 }}>{button}</div>
          <Descriptions column={{ xs: 1, md: 3 }} bordered size="small">
            <Descriptions.Item label={t('cust.credit.rating')}><Tag color={cr.rating === 'D' ? 'red' : cr.rating === 'C' ? 'orange' : 'green'}>{t.l(ratingLabels[cr.rating])}</Tag></Descriptions.Item>
            <Descriptions.Item label={t('cust.credit.limit')}><Money fen={cr.creditLimit} /></Descriptions.Item>
            <Descriptions.Item label={t('cust.credit.prepay')}>{cr.prepayRequired ? <Tag color="red">{t('cust.yes')}</Tag> : t('cust.no')}</Descriptions.Item>
            <Descriptions.Item label={t('cust.credit.terms')} span={3}>{cr.paymentTerms.map((p) => <Tag key={p}>{t.l(paymentTermLabels[p])}</Tag>)}</Descriptions.Item>
            <Descriptions.Item label={t('cust.credit.accountTerms')} span={3}>
              {[
                cr.settlementDay == null ? t('cust.credit.dayDefault') : t('cust.credit.dayText', { day: cr.settlementDay }),
                cr.creditMonths == null ? t('cust.credit.monthsDefault') : t('cust.credit.monthsText', { months: cr.creditMonths }),
                cr.creditDays == null ? t('cust.credit.daysDefault') : t('cust.credit.daysText', { days: cr.creditDays }),
              ].join(t('cust.credit.termsSep'))}
            </Descriptions.Item>
            <Descriptions.Item label={t('cust.credit.checkedAt')}>{cr.checkedAt}</Descriptions.Item>
            <Descriptions.Item label={t('cust.credit.checkedBy')}>{cr.checkedByName ?? cr.checkedBy}</Descriptions.Item>
            <Descriptions.Item label={t('cust.credit.updatedAt')}><DateTime value={cr.updatedAt} /></Descriptions.Item>
          </Descriptions>
          <Descriptions title={t('cust.credit.report')} column={1} bordered size="small" style={{ marginTop: 16 }} styles={{ label: { width: 140 } }}>
            <Descriptions.Item label={t('cust.credit.assets')}>{show(cr.assets)}</Descriptions.Item>
            <Descriptions.Item label={t('cust.credit.salesCapacity')}>{show(cr.salesCapacity)}</Descriptions.Item>
            <Descriptions.Item label={t('cust.credit.debts')}>{show(cr.debts)}</Descriptions.Item>
            <Descriptions.Item label={t('cust.credit.history')}>{show(cr.creditHistory)}</Descriptions.Item>
            <Descriptions.Item label={t('cust.credit.conclusion')}>{show(cr.conclusion)}</Descriptions.Item>
          </Descriptions>
        </>
      )}
      <CreditEditor c={c} open={editing} onClose={() => setEditing(false)} />
    </div>
  );
}

// ids the audit keeps for machines; the names beside them are what a person reads
const idKeys = ['ownerId', 'checkedBy', 'contactId', 'followupId', 'referredByCustomerId'];
function withoutIds(json: string | null): string | null {
  if (!json) return json;
  try {
    const v = JSON.parse(json) as Record<string, unknown>;
    if (!v || typeof v !== 'object') return json;
    for (const k of idKeys) delete v[k];
    return JSON.stringify(v);
  } catch {
    return json;
  }
}

function HistoryTab({ c }: { c: CustomerOut }) {
  const t = useT();
  const q = useQuery({ queryKey: [...CUSTOMERS_KEY, c.id, 'history', c.version, c.credit?.version], queryFn: () => api.get<{ items: HistoryEntry[] }>(`/api/customers/${c.id}/history`) });
  const formatters = {
    creditLimit: (v: unknown) => (typeof v === 'number' ? formatMoney(v) : String(v ?? '')),
    source: (v: unknown) => t.l(sourceLabels[String(v)] ?? String(v ?? '')),
    classification: (v: unknown) => t.l({ potential: { zh: '潜在客户', en: 'Potential' }, formal: { zh: '正式客户', en: 'Formal' }, vip: { zh: 'VIP 客户', en: 'VIP' } }[String(v)] ?? String(v ?? '')),
    paymentTerms: (v: unknown) => (Array.isArray(v) ? v.map((p) => t.l(paymentTermLabels[p] ?? p)).join('、') : ''),
    type: (v: unknown) => t.l(followupTypeLabels[String(v)] ?? String(v ?? '')),
    contacts: (v: unknown) => (Array.isArray(v) ? v.map((x: { name: string; phone: string | null }) => [x.name, x.phone].filter(Boolean).join(' ')).join('；') : ''),
    addresses: (v: unknown) => (Array.isArray(v) ? v.map((x: { address: string }) => x.address).join('；') : ''),
  };
  if (q.isPending) return <Spin />;
  if (q.isError) return <Alert type="error" showIcon title={errorMessage(q.error)} />;
  if (!q.data.items.length) return <Empty description={t('cust.history.empty')} />;
  return (
    <Timeline
      items={q.data.items.map((raw) => {
        const e = { ...raw, before: withoutIds(raw.before), after: withoutIds(raw.after) };
        const rows = diffRows(e, t.locale, customerFieldLabels, formatters);
        const created = !e.before && !!e.after;
        return {
          key: e.id,
          content: (
            <div>
              <Space style={{ marginBottom: 4 }}>
                <Tag color={created ? 'green' : 'blue'}>{actionLabel(e.action, t.locale, { 'customer.credit': { zh: '信用调查', en: 'Credit check' } })}</Tag>
                <Typography.Text strong>{e.userName ?? (t.locale === 'en-US' ? 'System' : '系统')}</Typography.Text>
                <Typography.Text type="secondary">{formatDateTime(e.at, true)}</Typography.Text>
              </Space>
              {e.note && <Typography.Paragraph style={{ marginBottom: 4 }}>{e.note}</Typography.Paragraph>}
              {rows.length > 0 && (
                <Table
                  size="small"
                  rowKey="field"
                  pagination={false}
                  dataSource={rows}
                  columns={
                    created
                      ? [{ title: t.locale === 'en-US' ? 'Field' : '字段', dataIndex: 'label', width: 120 }, { title: t.locale === 'en-US' ? 'Value' : '内容', dataIndex: 'after' }]
                      : [
                          { title: t.locale === 'en-US' ? 'Field' : '字段', dataIndex: 'label', width: 120 },
                          { title: t.locale === 'en-US' ? 'Before' : '修改前', dataIndex: 'before', render: (v: string) => <Typography.Text delete type="secondary">{v}</Typography.Text> },
                          { title: t.locale === 'en-US' ? 'After' : '修改后', dataIndex: 'after' },
                        ]
                  }
                />
              )}
            </div>
          ),
        };
      })}
    />
  );
}

/** 客户详情: the file in tabs — details, contacts, addresses, invoicing, follow-ups, credit, change history. */
export function CustomerDetailPage() {
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const { id } = useParams();
  const [sp, setSp] = useSearchParams();
  const q = useQuery({ queryKey: [...CUSTOMERS_KEY, Number(id)], queryFn: () => api.get<CustomerOut>(`/api/customers/${id}`) });
  const c = q.data;
  const tab = sp.get('tab') ?? 'basic';
  if (!c) return <PageFrame title={t('cust.title')} back="/customers" error={q.error}>{q.isPending ? <Spin /> : null}</PageFrame>;
  return (
    <PageFrame
      title={c.name}
      subtitle={<Space><span>{c.code}</span><ClassTag value={c.classification} /><span>{t('cust.owner')}：{c.ownerName ?? t('cust.ownerPool')}</span></Space>}
      back="/customers"
      extra={
        <Space>
          {can('receivable.read') && <Button onClick={() => navigate(`/receivables/customers/${c.id}`)}>{t('cust.openItems')}</Button>}
          {can('collection.read') && <Button onClick={() => navigate(`/collections/dunning?customerId=${c.id}`)}>{t('cust.dunning')}</Button>}
          {can('customer.update') && <Button icon={<EditOutlined />} onClick={() => navigate(`/customers/${c.id}/edit`)}>{t('common.edit')}</Button>}
        </Space>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => setSp(k === 'basic' ? {} : { tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'basic', label: t('cust.tab.basic'), children: <BasicTab c={c} /> },
          { key: 'contacts', label: `${t('cust.tab.contacts')} (${c.contacts.length})`, children: <ContactsTab c={c} /> },
          { key: 'addresses', label: `${t('cust.tab.addresses')} (${c.addresses.length})`, children: <AddressesTab c={c} /> },
          { key: 'invoice', label: t('cust.tab.invoice'), children: <InvoiceTab c={c} /> },
          { key: 'followups', label: t('cust.tab.followups'), children: <FollowupsTab c={c} /> },
          { key: 'credit', label: t('cust.tab.credit'), children: <CreditTab c={c} /> },
          { key: 'history', label: t('cust.tab.history'), children: <HistoryTab c={c} /> },
        ]}
      />
    </PageFrame>
  );
}
