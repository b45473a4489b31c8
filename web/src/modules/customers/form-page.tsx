import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, Row, Select, Space, Spin, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError, errorMessage } from '../../app/api.ts';
import { useCan, useMe } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.tsx';
import { applyFormErrors } from '../../components/form-errors.ts';
import { PageFrame } from '../../components/page-frame.tsx';
import { RemoteSelect, UserPicker } from '../../components/remote-select.tsx';
import { classificationLabels, CUSTOMERS_KEY, optionsOf, sourceLabels, type CustomerOut, type Duplicate } from './shared.tsx';

type ContactValues = { id?: number; name?: string; phone?: string; position?: string; email?: string; isPrimary?: boolean };
type AddressValues = { id?: number; label?: string; province?: string; city?: string; address?: string; receiver?: string; phone?: string; isDefault?: boolean };
type FormValues = {
  name: string; shortName?: string; industry?: string; province?: string; city?: string; address?: string;
  classification: string; source: string; ownerId?: number; tags?: string[]; notes?: string; referredByCustomerId?: number | null;
  taxId?: string; invoiceTitle?: string; invoiceAddress?: string; invoicePhone?: string; invoiceBank?: string; invoiceAccount?: string;
  contacts?: ContactValues[]; addresses?: AddressValues[];
};

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

/** The live duplicate warning: existing customers with the same name, phone or tax id, and who owns them. */
function DuplicateWarning({ duplicates }: { duplicates: Duplicate[] }) {
  const t = useT();
  const me = useMe();
  if (!duplicates.length) return null;
  const byCustomer = new Map<number, Duplicate[]>();
  for (const d of duplicates) byCustomer.set(d.customerId, [...(byCustomer.get(d.customerId) ?? []), d]);
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('cust.dup.title')}
      description={
        <div>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('cust.dup.hint')}</Typography.Paragraph>
          {[...byCustomer.values()].map((ds) => {
            const d = ds[0];
            const fields = [...new Set(ds.map((x) => t(`cust.dup.field.${x.field}`)))].join('、');
            return (
              <div key={d.customerId} data-testid="duplicate" style={{ marginBottom: 4 }}>
                <Space wrap>
                  <Typography.Text strong>{d.name}</Typography.Text>
                  <Typography.Text type="secondary">{d.code}</Typography.Text>
                  <Typography.Text>{t('cust.dup.by', { field: fields })}</Typography.Text>
                  <Typography.Text>{d.ownerName ? t('cust.dup.owner', { owner: d.ownerName }) : t('cust.dup.pool')}</Typography.Text>
                  {d.ownerId === me.user.id ? (
                    <Link to={`/customers/${d.customerId}`}>{t('cust.dup.view')}</Link>
                  ) : d.ownerId ? (
                    <Link to={`/customers/ownership?customerId=${d.customerId}&match=${encodeURIComponent(d.name)}`}>{t('cust.dup.request')}</Link>
                  ) : (
                    <Link to={`/customers/pool?q=${encodeURIComponent(d.name)}`}>{t('cust.ownerPool')}</Link>
                  )}
                </Space>
              </div>
            );
          })}
        </div>
      }
    />
  );
}

/** Picks another customer of the company (by name, pinyin, initials, phone or code). */
export function CustomerSelect(props: { value?: number | null; onChange?: (v: number | null) => void; excludeId?: number; placeholder?: string }) {
  type Hit = { id: number; code: string; name: string };
  const toOption = (c: Hit) => ({ value: c.id, label: `${c.name}（${c.code}）` });
  return (
    <RemoteSelect
      cacheKey="customers"
      placeholder={props.placeholder}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.((v as number | undefined) ?? null)}
      search={async (q) => (await api.get<{ items: Hit[] }>('/api/customers', { q: q || undefined, pageSize: 20 })).items.filter((c) => c.id !== props.excludeId).map(toOption)}
      resolve={async (ids) => Promise.all(ids.map(async (id) => toOption(await api.get<Hit>(`/api/customers/${id}`)))).catch(() => [])}
    />
  );
}

const toForm = (c: CustomerOut): FormValues => ({
  name: c.name, shortName: c.shortName ?? undefined, industry: c.industry ?? undefined, province: c.province ?? undefined, city: c.city ?? undefined,
  address: c.address ?? undefined, classification: c.classification, source: c.source, tags: c.tags, notes: c.notes ?? undefined,
  referredByCustomerId: c.referredByCustomerId, taxId: c.taxId ?? undefined, invoiceTitle: c.invoiceTitle ?? undefined, invoiceAddress: c.invoiceAddress ?? undefined,
  invoicePhone: c.invoicePhone ?? undefined, invoiceBank: c.invoiceBank ?? undefined, invoiceAccount: c.invoiceAccount ?? undefined,
  contacts: c.contacts.map((x) => ({ id: x.id, name: x.name, phone: x.phone ?? undefined, position: x.position ?? undefined, email: x.email ?? undefined, isPrimary: x.isPrimary })),
  addresses: c.addresses.map((x) => ({ id: x.id, label: x.label ?? undefined, province: x.province ?? undefined, city: x.city ?? undefined, address: x.address, receiver: x.receiver ?? undefined, phone: x.phone ?? undefined, isDefault: x.isDefault })),
});

/** 新建/编辑客户: the whole file on one page, with a live duplicate warning while typing. */
export function CustomerFormPage() {
  const t = useT();
  const can = useCan();
  const me = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { id } = useParams();
  const editId = id ? Number(id) : null;
  const [form] = Form.useForm<FormValues>();
  const [formError, setFormError] = useState<string | null>(null);
  const existing = useQuery({ queryKey: [...CUSTOMERS_KEY, editId], queryFn: () => api.get<CustomerOut>(`/api/customers/${editId}`), enabled: editId !== null });
  useEffect(() => {
    if (existing.data) form.setFieldsValue(toForm(existing.data));
  }, [existing.data, form]);

  // live duplicate check on name, phones and tax id
  const name = Form.useWatch('name', form);
  const contacts = Form.useWatch('contacts', form);
  const taxId = Form.useWatch('taxId', form);
  const probe = useDebounced(JSON.stringify({ name: name?.trim() || undefined, phones: (contacts ?? []).map((c) => c?.phone ?? '').filter(Boolean), taxId: taxId?.trim() || undefined }), 400);
  const dupQuery = useQuery({
    queryKey: [...CUSTOMERS_KEY, 'dup', probe, editId],
    queryFn: () => api.post<{ duplicates: Duplicate[] }>('/api/customers/check-duplicates', { ...JSON.parse(probe), excludeId: editId ?? undefined }),
    enabled: probe !== '{"phones":[]}',
    staleTime: 10_000,
  });
  const duplicates = useMemo(() => dupQuery.data?.duplicates ?? [], [dupQuery.data]);

  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const body = { ...v, contacts: v.contacts ?? [], addresses: v.addresses ?? [], tags: v.tags ?? [], referredByCustomerId: v.referredByCustomerId ?? null };
      return editId ? api.put<CustomerOut>(`/api/customers/${editId}`, { ...body, version: existing.data!.version }) : api.post<CustomerOut>('/api/customers', body);
    },
    onSuccess: (c) => {
      qc.invalidateQueries({ queryKey: ['list', '/api/customers'] });
      qc.invalidateQueries({ queryKey: CUSTOMERS_KEY });
      message.success(editId ? t('cust.saved') : t('cust.created', { code: c.code }));
      navigate(`/customers/${c.id}`);
    },
    onError: (e) => {
      const rest = applyFormErrors(form, e);
      setFormError(rest.length || !(e instanceof ApiError) || e.fields.length === 0 ? errorMessage(e) : e.code === 'DUPLICATE_CUSTOMER' ? errorMessage(e) : null);
      if (e instanceof ApiError && e.code === 'DUPLICATE_CUSTOMER') dupQuery.refetch();
      window.scrollTo({ top: 0, behavior: 'smooth' });
    },
  });

  const mayAssign = !editId && (can('customer.transfer') || me.role?.dataScope === 'company');
  const title = editId ? t('cust.edit') : t('cust.new');
  if (editId && existing.isPending) return <PageFrame title={title} back><Spin /></PageFrame>;
  return (
    <PageFrame title={title} subtitle={existing.data ? `${existing.data.name} · ${existing.data.code}` : undefined} back={editId ? `/customers/${editId}` : '/customers'} error={existing.error} bare>
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ classification: 'potential', source: 'other', contacts: [{ isPrimary: true }], addresses: [], tags: [] }}
        onFinish={(v) => {
          setFormError(null);
          save.mutate(v);
        }}
        onValuesChange={() => formError && setFormError(null)}
      >
        <DuplicateWarning duplicates={duplicates} />
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
        <Card title={t('cust.section.basic')} variant="borderless" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={12}><Form.Item name="name" label={t('cust.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input maxLength={100} autoFocus /></Form.Item></Col>
            <Col xs={24} md={6}><Form.Item name="shortName" label={t('cust.shortName')}><Input maxLength={50} /></Form.Item></Col>
            <Col xs={24} md={6}><Form.Item name="industry" label={t('cust.industry')}><Input maxLength={50} placeholder="如：餐饮、商超、烟酒店" /></Form.Item></Col>
            <Col xs={12} md={6}><Form.Item name="classification" label={t('cust.classification')}><Select options={optionsOf(classificationLabels, t)} /></Form.Item></Col>
            <Col xs={12} md={6}><Form.Item name="source" label={t('cust.source')}><Select options={optionsOf(sourceLabels, t)} /></Form.Item></Col>
            <Col xs={12} md={6}><Form.Item name="province" label={t('cust.province')}><Input maxLength={30} placeholder="如：云南省" /></Form.Item></Col>
            <Col xs={12} md={6}><Form.Item name="city" label={t('cust.city')}><Input maxLength={30} placeholder="如：昆明市" /></Form.Item></Col>
            <Col xs={24} md={12}><Form.Item name="address" label={t('cust.address')}><Input maxLength={200} /></Form.Item></Col>
            {mayAssign && <Col xs={24} md={6}><Form.Item name="ownerId" label={t('cust.owner')} extra={t.locale === 'en-US' ? 'Empty: yourself' : '不选则归属自己'}><UserPicker /></Form.Item></Col>}
            <Col xs={24} md={mayAssign ? 6 : 12}><Form.Item name="referredByCustomerId" label={t('cust.referredBy')}><CustomerSelect excludeId={editId ?? undefined} /></Form.Item></Col>
            <Col xs={24} md={12}><Form.Item name="tags" label={t('cust.tags')}><Select mode="tags" tokenSeparators={[',', '，', ' ']} placeholder={t('cust.tagsPlaceholder')} maxCount={20} /></Form.Item></Col>
          </Row>
        </Card>

        <Card title={t('cust.section.contacts')} variant="borderless" style={{ marginBottom: 16 }}>
          <Form.List name="contacts">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Row gutter={8} key={f.key} align="top">
                    <Form.Item name={[f.name, 'id']} hidden><Input /></Form.Item>
                    <Col xs={12} md={4}><Form.Item name={[f.name, 'name']} label={f.name === 0 ? t('cust.contact.name') : undefined} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input maxLength={50} /></Form.Item></Col>
                    <Col xs={12} md={5}><Form.Item name={[f.name, 'phone']} label={f.name === 0 ? t('cust.contact.phone') : undefined}><Input maxLength={30} /></Form.Item></Col>
                    <Col xs={12} md={4}><Form.Item name={[f.name, 'position']} label={f.name === 0 ? t('cust.contact.position') : undefined}><Input maxLength={50} /></Form.Item></Col>
                    <Col xs={12} md={6}><Form.Item name={[f.name, 'email']} label={f.name === 0 ? t('cust.contact.email') : undefined} rules={[{ type: 'email', message: t.locale === 'en-US' ? 'Not an email address' : '邮箱格式不正确' }]}><Input maxLength={100} /></Form.Item></Col>
                    <Col xs={12} md={3}><Form.Item name={[f.name, 'isPrimary']} valuePropName="checked" label={f.name === 0 ? ' ' : undefined}><Checkbox>{t('cust.contact.primary')}</Checkbox></Form.Item></Col>
                    <Col xs={12} md={2}><Form.Item label={f.name === 0 ? ' ' : undefined}><Button type="text" danger icon={<DeleteOutlined />} aria-label={t('cust.remove')} onClick={() => remove(f.name)} /></Form.Item></Col>
                  </Row>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ isPrimary: fields.length === 0 })}>{t('cust.contact.add')}</Button>
              </>
            )}
          </Form.List>
        </Card>

        <Card title={t('cust.section.addresses')} variant="borderless" style={{ marginBottom: 16 }}>
          <Form.List name="addresses">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Row gutter={8} key={f.key} align="top">
                    <Form.Item name={[f.name, 'id']} hidden><Input /></Form.Item>
                    <Col xs={12} md={3}><Form.Item name={[f.name, 'label']} label={f.name === 0 ? t('cust.address.label') : undefined}><Input maxLength={30} placeholder={t('cust.address.labelPlaceholder')} /></Form.Item></Col>
                    <Col xs={12} md={3}><Form.Item name={[f.name, 'city']} label={f.name === 0 ? t('cust.city') : undefined}><Input maxLength={30} /></Form.Item></Col>
                    <Col xs={24} md={7}><Form.Item name={[f.name, 'address']} label={f.name === 0 ? t('cust.address.address') : undefined} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input maxLength={200} /></Form.Item></Col>
                    <Col xs={12} md={3}><Form.Item name={[f.name, 'receiver']} label={f.name === 0 ? t('cust.address.receiver') : undefined}><Input maxLength={50} /></Form.Item></Col>
                    <Col xs={12} md={4}><Form.Item name={[f.name, 'phone']} label={f.name === 0 ? t('cust.address.phone') : undefined}><Input maxLength={30} /></Form.Item></Col>
                    <Col xs={12} md={2}><Form.Item name={[f.name, 'isDefault']} valuePropName="checked" label={f.name === 0 ? ' ' : undefined}><Checkbox>{t('cust.address.default')}</Checkbox></Form.Item></Col>
                    <Col xs={12} md={2}><Form.Item label={f.name === 0 ? ' ' : undefined}><Button type="text" danger icon={<DeleteOutlined />} aria-label={t('cust.remove')} onClick={() => remove(f.name)} /></Form.Item></Col>
                  </Row>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ isDefault: fields.length === 0 })}>{t('cust.address.add')}</Button>
              </>
            )}
          </Form.List>
        </Card>

        <Card title={t('cust.section.invoice')} variant="borderless" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={12}><Form.Item name="invoiceTitle" label={t('cust.invoiceTitle')}><Input maxLength={100} /></Form.Item></Col>
            <Col xs={24} md={12}><Form.Item name="taxId" label={t('cust.taxId')}><Input maxLength={30} placeholder="统一社会信用代码" /></Form.Item></Col>
            <Col xs={24} md={12}><Form.Item name="invoiceAddress" label={t('cust.invoiceAddress')}><Input maxLength={200} /></Form.Item></Col>
            <Col xs={24} md={12}><Form.Item name="invoicePhone" label={t('cust.invoicePhone')}><Input maxLength={30} /></Form.Item></Col>
            <Col xs={24} md={12}><Form.Item name="invoiceBank" label={t('cust.invoiceBank')}><Input maxLength={100} /></Form.Item></Col>
            <Col xs={24} md={12}><Form.Item name="invoiceAccount" label={t('cust.invoiceAccount')}><Input maxLength={50} /></Form.Item></Col>
          </Row>
        </Card>

        <Card title={t('cust.section.other')} variant="borderless" style={{ marginBottom: 16 }}>
          <Form.Item name="notes" label={t('cust.notes')}><Input.TextArea rows={3} maxLength={2000} showCount /></Form.Item>
        </Card>

        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>{t('common.save')}</Button>
          <Button onClick={() => navigate(editId ? `/customers/${editId}` : '/customers')}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </PageFrame>
  );
}
