import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Form, Input, Row, Select, Space, Spin } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { api, errorMessage } from '../../app/api.ts';
import { useCan } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.tsx';
import { applyFormErrors } from '../../components/form-errors.ts';
import { PageFrame } from '../../components/page-frame.tsx';
import { channelOptions, CustomerPicker, invalidateLeads, LEADS_KEY, useAssignees, type LeadDetail } from './shared.tsx';

type FormValues = {
  contactName: string;
  companyName?: string;
  phone?: string;
  email?: string;
  channel: string;
  province?: string;
  city?: string;
  need?: string;
  referredByCustomerId?: number | null;
  assigneeId?: number | null;
};

/** 新建/编辑线索. A new lead is numbered when saved; an edit sends the version it was read at. */
export function LeadFormPage() {
  const t = useT();
  const can = useCan();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { id } = useParams();
  const editing = !!id;
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const channel = Form.useWatch('channel', form);
  const lead = useQuery({ queryKey: [...LEADS_KEY, 'one', Number(id)], queryFn: () => api.get<LeadDetail>(`/api/leads/${id}`), enabled: editing });
  const assignees = useAssignees(!editing && can('lead.assign'));

  useEffect(() => {
    const l = lead.data;
    if (l) {
      const v = (x: string | null) => x ?? undefined;
      form.setFieldsValue({ contactName: l.contactName, companyName: v(l.companyName), phone: v(l.phone), email: v(l.email), channel: l.channel, province: v(l.province), city: v(l.city), need: v(l.need), referredByCustomerId: l.referredByCustomerId });
    }
  }, [lead.data, form]);

  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const body = { ...v, referredByCustomerId: v.referredByCustomerId ?? null };
      return editing ? api.put<LeadDetail>(`/api/leads/${id}`, { ...body, version: lead.data!.version }) : api.post<LeadDetail>('/api/leads', body);
    },
    onSuccess: (saved) => {
      invalidateLeads(qc);
      message.success(editing ? t('leads.saved') : `${t('leads.saved')} ${saved.number}`);
      navigate(`/leads/${saved.id}`, { replace: true });
    },
    onError: (e) => {
      const rest = applyFormErrors(form, e);
      setError(rest.length ? `${errorMessage(e)}：${rest.join('；')}` : errorMessage(e));
    },
  });

  const frozen = lead.data && !['new', 'assigned', 'contacted'].includes(lead.data.status);
  const title = editing ? `${t('leads.edit')} ${lead.data?.number ?? ''}` : t('leads.new');
  if (editing && lead.isPending) return <PageFrame title={title} back><Spin /></PageFrame>;
  return (
    <PageFrame title={title} back={editing ? `/leads/${id}` : '/leads'} error={lead.error}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} closable={{ onClose: () => setError(null) }} />}
      {frozen && <Alert type="warning" showIcon title={t('leads.voidHint')} style={{ marginBottom: 16 }} />}
      <Form<FormValues>
        form={form}
        layout="vertical"
        disabled={!!frozen}
        initialValues={{ channel: 'web' }}
        onFinish={(v) => {
          setError(null);
          save.mutate(v);
        }}
        style={{ maxWidth: 900 }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="contactName" label={t('leads.contactName')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('leads.contactName') }) }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="companyName" label={t('leads.companyName')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="phone"
              label={t('leads.phone')}
              dependencies={['email']}
              rules={[({ getFieldValue }) => ({ validator: (_, v) => (v || getFieldValue('email') ? Promise.resolve() : Promise.reject(new Error(t('leads.contactRequired')))) })]}
            >
              <Input maxLength={30} inputMode="tel" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="email" label={t('leads.email')} rules={[{ type: 'email', message: t('leads.emailInvalid') }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="channel" label={t('leads.channel')} rules={[{ required: true }]}>
              <Select options={channelOptions(t)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="referredByCustomerId"
              label={t('leads.referrer')}
              extra={channel === 'referral' ? t('leads.referrerHint') : undefined}
              rules={channel === 'referral' ? [{ required: true, message: t('leads.referrerHint') }] : []}
            >
              <CustomerPicker initialLabel={lead.data?.referredByName} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="province" label={t('leads.province')}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="city" label={t('leads.city')}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          {!editing && can('lead.assign') && (
            <Col xs={24} md={12}>
              <Form.Item name="assigneeId" label={t('leads.assignee')}>
                <Select
                  allowClear
                  placeholder={t('leads.unassigned')}
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={assignees.isPending}
                  options={(assignees.data ?? []).map((u) => ({ value: u.id, label: u.departmentName ? `${u.displayName}（${u.departmentName}）` : u.displayName }))}
                />
              </Form.Item>
            </Col>
          )}
          <Col span={24}>
            <Form.Item name="need" label={t('leads.need')}>
              <Input.TextArea rows={4} maxLength={2000} showCount />
            </Form.Item>
          </Col>
        </Row>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>{t('common.save')}</Button>
          <Button disabled={false} onClick={() => navigate(editing ? `/leads/${id}` : '/leads')}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </PageFrame>
  );
}
