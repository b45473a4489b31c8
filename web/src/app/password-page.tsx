import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Space, Typography } from 'antd';
import { errorMessage, isApiError } from './api.ts';
import { useAuthActions } from './auth.tsx';
import { useT } from './i18n.tsx';
import { applyFormErrors } from '../components/form-errors.ts';

type Values = { currentPassword: string; newPassword: string; confirm: string };

function PasswordForm({ onDone, onCancel }: { onDone: () => void; onCancel?: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const actions = useAuthActions();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await actions.changePassword(v.currentPassword, v.newPassword);
      onDone();
    } catch (e) {
      if (isApiError(e)) applyFormErrors(form, e);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form name="changePassword" form={form} layout="vertical" onFinish={submit} requiredMark={false}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form.Item label={t('auth.currentPassword')} name="currentPassword" rules={[{ required: true, message: t('common.required', { field: t('auth.currentPassword') }) }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        label={t('auth.newPassword')}
        name="newPassword"
        extra={t('auth.passwordRule')}
        rules={[
          { required: true, message: t('common.required', { field: t('auth.newPassword') }) },
          { pattern: /^(?=.*[A-Za-z])(?=.*\d).{8,}$/, message: t('auth.passwordWeak') },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label={t('auth.confirmPassword')}
        name="confirm"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('common.required', { field: t('auth.confirmPassword') }) },
          ({ getFieldValue }) => ({ validator: (_, v) => (!v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('auth.passwordMismatch')))) }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={busy}>{t('common.save')}</Button>
        {onCancel && <Button onClick={onCancel}>{t('common.cancel')}</Button>}
      </Space>
    </Form>
  );
}

/** Shown instead of the app while me.user.mustChangePassword. */
export function ForcedPasswordPage() {
  const t = useT();
  const actions = useAuthActions();
  const { message } = App.useApp();
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f5f7fa' }}>
      <Card style={{ width: 420 }} title={t('auth.changePassword')} extra={<Button type="link" onClick={() => actions.logout()}>{t('auth.logout')}</Button>}>
        <Typography.Paragraph type="secondary">{t('auth.mustChange')}</Typography.Paragraph>
        <PasswordForm onDone={() => message.success(t('auth.passwordChanged'))} />
      </Card>
    </div>
  );
}

export function PasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  return (
    <Modal open={open} title={t('auth.changePassword')} footer={null} onCancel={onClose} destroyOnHidden>
      <PasswordForm
        onCancel={onClose}
        onDone={() => {
          message.success(t('auth.passwordChanged'));
          onClose();
        }}
      />
    </Modal>
  );
}
