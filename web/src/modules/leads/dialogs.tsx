import { useEffect, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Col, DatePicker, Form, Input, List, Modal, Radio, Row, Select, Space, Tag, Typography } from 'antd';
import { api, ApiError, errorMessage } from '../../app/api.ts';
import { useT } from '../../app/i18n.tsx';
import { applyFormErrors } from '../../components/form-errors.ts';
import { CustomerPicker, invalidateLeads, LEADS_KEY, opportunityRatingLabels, useAssignees, yuanToFen, type Duplicate, type LeadDetail } from './shared.tsx';

type DialogProps = { lead: LeadDetail; open: boolean; onClose: () => void };

function useInvalidate(id: number) {
  const qc = useQueryClient();
  return () => {
    invalidateLeads(qc);
    void qc.invalidateQueries({ queryKey: ['customers'] });
    void qc.invalidateQueries({ queryKey: [...LEADS_KEY, 'one', id] });
  };
}

/** 分配线索: to a colleague inside the assigner's scope; the assignee is notified. */
export function AssignDialog({ lead, open, onClose }: DialogProps) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ assigneeId: number; note?: string }>();
  const assignees = useAssignees(open);
  const invalidate = useInvalidate(lead.id);
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: { assigneeId: number; note?: string }) => api.post<LeadDetail>(`/api/leads/${lead.id}/assign`, { ...v, version: lead.version }),
    onSuccess: (r) => {
      message.success(t('leads.assigned', { name: r.assigneeName }));
      invalidate();
      onClose();
    },
    onError: (e) => {
      const rest = applyFormErrors(form, e);
      setError(rest.length || !(e instanceof ApiError && e.fields.length) ? errorMessage(e) : null);
    },
  });
  useEffect(() => {
    if (open) {
      form.setFieldsValue({ assigneeId: lead.assigneeId ?? undefined, note: undefined });
      setError(null);
    }
  }, [open, lead.assigneeId, form]);
  return (
    <Modal title={`${t('leads.assignTitle')} ${lead.number}`} open={open} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} okText={t('common.ok')} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="assigneeId" label={t('leads.assignTo')} rules={[{ required: true, message: t('common.required', { field: t('leads.assignTo') }) }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={assignees.isPending}
            options={(assignees.data ?? []).map((u) => ({ value: u.id, label: u.departmentName ? `${u.displayName}（${u.departmentName}）` : u.displayName }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('leads.assignNote')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 关闭为无效: a reason is required; the lead stays, marked 作废. */
export function VoidDialog({ lead, open, onClose }: DialogProps) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const invalidate = useInvalidate(lead.id);
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: { reason: string }) => api.post<LeadDetail>(`/api/leads/${lead.id}/void`, { reason: v.reason, version: lead.version }),
    onSuccess: () => {
      message.success(t('leads.voided'));
      invalidate();
      onClose();
    },
    onError: (e) => {
      applyFormErrors(form, e);
      setError(errorMessage(e));
    },
  });
  return (
    <Modal
      title={`${t('leads.voidTitle')} ${lead.number}`}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('leads.void')}
      okButtonProps={{ danger: true }}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('leads.voidHint')} style={{ marginBottom: 12 }} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="reason" label={t('leads.voidReason')} rules={[{ required: true, whitespace: true, message: t('leads.voidReasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} showCount autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type ConvertForm = {
  mode: 'create' | 'link';
  name: string;
  classification: 'potential' | 'formal' | 'vip';
  contactName?: string;
  phone?: string;
  email?: string;
  industry?: string;
  province?: string;
  city?: string;
  address?: string;
  taxId?: string;
  customerId?: number;
  withOpportunity: boolean;
  oppName?: string;
  oppAmount?: string;
  oppDate?: { format: (f: string) => string } | null;
  oppRating?: 'high' | 'medium' | 'low';
};

const matchedLabel = (t: ReturnType<typeof useT>, m: string) => t(`leads.matchedBy.${m}`);

/**
 * 转化为客户: a new customer (prefilled from the lead), or — when the customer is already on file —
 * the lead linked to it. A duplicate answers 409; the dialog then lists the matching customers with
 * their owners and offers to link to one the user can see. Optionally opens an opportunity.
 */
export function ConvertDialog({ lead, open, onClose }: DialogProps) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ConvertForm>();
  const invalidate = useInvalidate(lead.id);
  const [error, setError] = useState<string | null>(null);
  const [dups, setDups] = useState<Duplicate[] | null>(null);
  const mode = Form.useWatch('mode', form) ?? 'create';
  const withOpp = Form.useWatch('withOpportunity', form) ?? false;

  useEffect(() => {
    if (!open) return;
    setError(null);
    setDups(null);
    form.resetFields();
    form.setFieldsValue({
      mode: 'create',
      name: lead.companyName ?? lead.contactName,
      classification: 'potential',
      contactName: lead.contactName,
      phone: lead.phone ?? undefined,
      email: lead.email ?? undefined,
      province: lead.province ?? undefined,
      city: lead.city ?? undefined,
      withOpportunity: false,
      oppName: t('leads.firstDeal', { name: lead.companyName ?? lead.contactName }),
    });
  }, [open, lead, form]); // eslint-disable-line react-hooks/exhaustive-deps

  const customerDraft = (v: ConvertForm) => ({
    name: v.name,
    classification: v.classification,
    contactName: v.contactName || null,
    phone: v.phone || null,
    email: v.email || null,
    industry: v.industry || null,
    province: v.province || null,
    city: v.city || null,
    address: v.address || null,
    taxId: v.taxId || null,
  });

  const save = useMutation({
    mutationFn: (v: ConvertForm) => {
      const amount = yuanToFen(v.oppAmount);
      const opportunity = v.withOpportunity
        ? { name: v.oppName ?? '', expectedAmount: Number.isNaN(amount) ? -1 : amount, expectedDate: v.oppDate ? v.oppDate.format('YYYY-MM-DD') : null, rating: v.oppRating ?? null }
        : null;
      return api.post<{ customerId: number; opportunityId: number | null }>(`/api/leads/${lead.id}/convert`, {
        version: lead.version,
        mode: v.mode,
        ...(v.mode === 'link' ? { customerId: v.customerId } : { customer: customerDraft(v) }),
        opportunity,
      });
    },
    onSuccess: () => {
      message.success(t('leads.converted'));
      invalidate();
      onClose();
    },
    onError: async (e) => {
      setError(errorMessage(e));
      applyFormErrors(form, e, {
        'customer.name': 'name', 'customer.phone': 'phone', 'customer.taxId': 'taxId', 'customer.email': 'email',
        'opportunity.name': 'oppName', 'opportunity.expectedAmount': 'oppAmount', 'opportunity.expectedDate': 'oppDate', 'opportunity.rating': 'oppRating',
      });
      if (e instanceof ApiError && e.code === 'LEAD_DUPLICATE_CUSTOMER') {
        try {
          setDups(await api.post<Duplicate[]>(`/api/leads/${lead.id}/duplicates`, { customer: customerDraft(form.getFieldsValue(true)) }));
        } catch {
          setDups(null);
        }
      }
    },
  });

  const linkTo = (d: Duplicate) => {
    form.setFieldsValue({ mode: 'link', customerId: d.customerId });
    setError(null);
  };

  return (
    <Modal
      title={`${t('leads.convertTitle')} ${lead.number}`}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('leads.convert')}
      confirmLoading={save.isPending}
      width={760}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {dups && dups.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('leads.duplicateFound')}
          description={
            <>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('leads.duplicateHint')}</Typography.Paragraph>
              <List
                size="small"
                dataSource={dups}
                renderItem={(d) => (
                  <List.Item
                    actions={[
                      d.visible ? (
                        <Button key="link" size="small" type="primary" ghost onClick={() => linkTo(d)}>{t('leads.useThis')}</Button>
                      ) : (
                        <Typography.Text key="no" type="secondary" style={{ fontSize: 12 }}>{t('leads.duplicateInvisible')}</Typography.Text>
                      ),
                    ]}
                  >
                    <Space wrap>
                      <Typography.Text strong>{d.name}</Typography.Text>
                      <Typography.Text type="secondary">{d.ownerName ? t('leads.duplicateOwner', { owner: d.ownerName }) : t('leads.duplicateNoOwner')}</Typography.Text>
                      {d.matchedBy.map((m) => <Tag key={m} color="orange">{matchedLabel(t, m)}</Tag>)}
                    </Space>
                  </List.Item>
                )}
              />
            </>
          }
        />
      )}
      <Form<ConvertForm> form={form} layout="vertical" onFinish={(v) => { setError(null); save.mutate(v); }} initialValues={{ mode: 'create', classification: 'potential', withOpportunity: false }}>
        <Form.Item name="mode">
          <Radio.Group optionType="button" buttonStyle="solid" options={[{ value: 'create', label: t('leads.convertCreate') }, { value: 'link', label: t('leads.convertLink') }]} />
        </Form.Item>
        {mode === 'link' ? (
          <Form.Item name="customerId" label={t('leads.linkCustomer')} rules={[{ required: true, message: t('common.required', { field: t('leads.linkCustomer') }) }]}>
            <CustomerPicker initialLabel={dups?.find((d) => d.customerId === form.getFieldValue('customerId'))?.name} />
          </Form.Item>
        ) : (
          <Row gutter={12}>
            <Col span={16}>
              <Form.Item name="name" label={t('leads.customerName')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('leads.customerName') }) }]}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="classification" label={t('leads.classification')}>
                <Select options={(['potential', 'formal', 'vip'] as const).map((c) => ({ value: c, label: t(`leads.class.${c}`) }))} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="contactName" label={t('leads.contactName')}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="phone" label={t('leads.phone')}>
                <Input maxLength={30} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="email" label={t('leads.email')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="province" label={t('leads.province')}>
                <Input maxLength={30} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="city" label={t('leads.city')}>
                <Input maxLength={30} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="industry" label={t('leads.industry')}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col span={16}>
              <Form.Item name="address" label={t('leads.address')}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="taxId" label={t('leads.taxId')}>
                <Input maxLength={30} />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Form.Item name="withOpportunity" valuePropName="checked" style={{ marginBottom: 8 }}>
          <Checkbox>{t('leads.withOpportunity')}</Checkbox>
        </Form.Item>
        {withOpp && (
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="oppName" label={t('leads.oppName')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('leads.oppName') }) }]}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name="oppAmount"
                label={t('leads.oppAmount')}
                rules={[{ validator: (_, v) => (v === undefined || v === '' || !Number.isNaN(yuanToFen(v)) ? Promise.resolve() : Promise.reject(new Error(t('leads.amountInvalid')))) }]}
              >
                <Input prefix="¥" inputMode="decimal" placeholder="0.00" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="oppDate" label={t('leads.oppDate')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="oppRating" label={t('leads.oppRating')}>
                <Radio.Group options={(['high', 'medium', 'low'] as const).map((r) => ({ value: r, label: t.l(opportunityRatingLabels[r]) }))} />
              </Form.Item>
            </Col>
          </Row>
        )}
      </Form>
    </Modal>
  );
}
