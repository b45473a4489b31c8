import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Form, Input, Modal, Space, Typography } from 'antd';
import { api, errorMessage } from '../../app/api.ts';
import { useCan, useMe } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.tsx';
import { formatDateTime } from '../../components/format.tsx';
import { applyFormErrors } from '../../components/form-errors.ts';
import { OWNERSHIP_KEY, OwnershipStatusTag, useOwnershipSettings, type CustomerOwner, type OwnershipRequestOut } from './ownership-shared.tsx';

/** The company's written ownership rule, shown wherever a request is filed or decided. */
function RuleBox() {
  const t = useT();
  const settings = useOwnershipSettings();
  if (!settings.data) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('own.rule')}
      description={<Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>{settings.data.ownershipRule}</Typography.Paragraph>}
    />
  );
}

/**
 * 申请客户归属: a rep asks for a customer owned by someone else. Opened from the duplicate warning of the
 * customer form, or by /customers/ownership?customerId=…&match=<the name the warning showed>; shows
 * only the customer's name and owner (outside the user's scope the server needs the match).
 */
export function OwnershipRequestDialog({ customerId, match, onClose, onDone }: { customerId: number | null; match?: string | null; onClose: () => void; onDone?: (r: OwnershipRequestOut) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const brief = useQuery({ queryKey: ['customer-owner', customerId], queryFn: () => api.get<CustomerOwner>(`/api/customers/${customerId}/owner${match ? `?match=${encodeURIComponent(match)}` : ''}`), enabled: customerId !== null });
  useEffect(() => {
    if (customerId !== null) {
      form.resetFields();
      setError(null);
    }
  }, [customerId, form]);
  const submit = useMutation({
    mutationFn: (v: { reason: string }) => api.post<OwnershipRequestOut>('/api/ownership-requests', { customerId, reason: v.reason }),
    onSuccess: (r) => {
      message.success(t('own.submitted', { number: r.number }));
      qc.invalidateQueries({ queryKey: OWNERSHIP_KEY });
      qc.invalidateQueries({ queryKey: ['customer-owner', customerId] });
      onDone?.(r);
      onClose();
    },
    onError: (e) => {
      const rest = applyFormErrors(form, e);
      setError([errorMessage(e), ...rest].join(' '));
    },
  });
  const me = useMe();
  const c = brief.data;
  const mine = !!c && c.ownerId === me.user.id;
  const blocked = !c || c.ownerId === null || c.openRequestId !== null || mine;
  return (
    <Modal
      open={customerId !== null}
      title={t('own.requestTitle')}
      onCancel={onClose}
      okText={t('own.request')}
      okButtonProps={{ disabled: blocked, loading: submit.isPending }}
      onOk={() => form.validateFields().then((v) => submit.mutate(v))}
      destroyOnHidden
      width={560}
    >
      {brief.error ? <Alert type="error" showIcon title={errorMessage(brief.error)} /> : null}
      {c && (
        <>
          <Descriptions size="small" column={1} style={{ marginBottom: 12 }} items={[
            { key: 'name', label: t('pool.name'), children: `${c.name}（${c.code}）` },
            { key: 'owner', label: t('own.currentOwner'), children: c.ownerName ?? t('move.pool') },
          ]} />
          {c.ownerId === null && <Alert type="warning" showIcon title={t('own.inPool')} style={{ marginBottom: 12 }} />}
          {c.openRequestNumber && <Alert type="warning" showIcon title={t('own.openRequest', { number: c.openRequestNumber })} style={{ marginBottom: 12 }} />}
          {mine && <Alert type="success" showIcon title={t('own.isMine')} style={{ marginBottom: 12 }} />}
          {c.ownerId !== null && !mine && !c.openRequestNumber && <Typography.Paragraph type="secondary">{t('own.requestHint', { owner: c.ownerName })}</Typography.Paragraph>}
          <RuleBox />
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Form form={form} layout="vertical" disabled={blocked}>
            <Form.Item name="reason" label={t('own.reason')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('own.reason') }) }]}>
              <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('own.reasonPlaceholder')} />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}

/** A button for the customer pages (e.g. the duplicate warning): opens the request dialog for that customer. */
export function OwnershipRequestButton({ customerId, size }: { customerId: number; size?: 'small' | 'middle' }) {
  const t = useT();
  const can = useCan();
  const [open, setOpen] = useState(false);
  if (!can('ownership.request')) return null;
  return (
    <>
      <Button size={size} onClick={() => setOpen(true)}>{t('own.request')}</Button>
      <OwnershipRequestDialog customerId={open ? customerId : null} onClose={() => setOpen(false)} />
    </>
  );
}

/** 裁决: the manager reads the request and the company's written rule, then approves or rejects (a note is required to reject). */
export function DecisionDialog({ request, onClose }: { request: OwnershipRequestOut | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  useEffect(() => {
    setNote('');
    setNoteError(null);
  }, [request?.id]);
  const decide = useMutation({
    mutationFn: (action: 'approve' | 'reject') => api.post<OwnershipRequestOut>(`/api/ownership-requests/${request!.id}/${action}`, { note: note.trim() || undefined }),
    onSuccess: (r) => {
      message.success(r.status === 'approved' ? t('own.approved') : t('own.rejected'));
      qc.invalidateQueries({ queryKey: OWNERSHIP_KEY });
      onClose();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const r = request;
  return (
    <Modal
      open={r !== null}
      title={r ? t('own.decideTitle', { number: r.number }) : ''}
      onCancel={onClose}
      width={640}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            danger
            loading={decide.isPending && decide.variables === 'reject'}
            onClick={() => {
              if (!note.trim()) return setNoteError(t('own.noteRequired'));
              decide.mutate('reject');
            }}
          >
            {t('own.reject')}
          </Button>
          <Button type="primary" loading={decide.isPending && decide.variables === 'approve'} onClick={() => decide.mutate('approve')}>
            {t('own.approve')}
          </Button>
        </Space>
      }
    >
      {r && (
        <>
          <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }} items={[
            { key: 'c', label: t('own.customer'), children: `${r.customerName}（${r.customerCode}）`, span: 2 },
            { key: 'req', label: t('own.requester'), children: r.requesterName },
            { key: 'own', label: t('own.owner'), children: r.ownerName ?? t('move.pool') },
            { key: 'cur', label: t('own.currentOwner'), children: r.currentOwnerName ?? t('move.pool') },
            { key: 'at', label: t('own.createdAt'), children: formatDateTime(r.createdAt) },
            { key: 'reason', label: t('own.reason'), children: r.reason, span: 2 },
          ]} />
          {r.currentOwnerId !== r.ownerId && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`${t('own.owner')}：${r.ownerName ?? '—'}，${t('own.currentOwner')}：${r.currentOwnerName ?? t('move.pool')}`} />}
          <RuleBox />
          <Form layout="vertical">
            <Form.Item label={t('own.note')} validateStatus={noteError ? 'error' : undefined} help={noteError}>
              <Input.TextArea
                rows={3}
                maxLength={500}
                showCount
                value={note}
                onChange={(e) => {
                  setNote(e.target.value);
                  setNoteError(null);
                }}
              />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}

/** 撤回: the requester withdraws an open request; it stays on the list, marked 作废, with the reason. */
export function WithdrawDialog({ request, onClose }: { request: OwnershipRequestOut | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const withdraw = useMutation({
    mutationFn: (v: { reason: string }) => api.post<OwnershipRequestOut>(`/api/ownership-requests/${request!.id}/void`, v),
    onSuccess: () => {
      message.success(t('own.withdrawn'));
      qc.invalidateQueries({ queryKey: OWNERSHIP_KEY });
      onClose();
    },
    onError: (e) => {
      applyFormErrors(form, e);
      message.error(errorMessage(e));
    },
  });
  return (
    <Modal
      open={request !== null}
      title={request ? t('own.withdrawTitle', { number: request.number }) : ''}
      onCancel={onClose}
      okText={t('own.withdraw')}
      okButtonProps={{ danger: true, loading: withdraw.isPending }}
      onOk={() => form.validateFields().then((v) => withdraw.mutate(v))}
      destroyOnHidden
    >
      {request && (
        <Typography.Paragraph>
          {request.customerName} · <OwnershipStatusTag status={request.status} />
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="reason" label={t('own.withdrawReason')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('own.withdrawReason') }) }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
