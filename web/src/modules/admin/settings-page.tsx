import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, Input, InputNumber, Row, Space, Spin } from 'antd';
import { mergeSections } from './merge-settings.ts';
import { api } from '../../app/api.ts';
import { useT } from '../../app/i18n.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { useSave } from './shared.tsx';
import { OrderSettingsCard } from '../orders/settings-card.tsx';
import { StockSettingsCard } from '../inventory/settings-card.tsx';
import { HoldSettingsCard } from '../holds/settings-card.tsx';
import { ReceivablesSettingsCard } from '../receipts/settings-card.tsx';
import { DunningSettingsCard } from '../collections/settings-card.tsx';
import { RobotPushCard } from './robots-card.tsx';

type Settings = {
  pool: { noFollowupDays: number; noDealDays: number; claimLimit: number; reclaimBlockDays: number };
  ownershipRule: string;
  orders?: { reviews: Record<string, string[]>; supermarketCompanyId: number | null };
  stock?: { expiryAlertDays: number };
  receivables?: { basis: 'slip' | 'invoice' };
};
type SettingsReply = { settings: Settings; version: number };

const KEY = ['admin', 'settings'];

export function SettingsPage() {
  const t = useT();
  const [form] = Form.useForm<Settings>();
  const save = useSave(form);
  const q = useQuery({ queryKey: KEY, queryFn: () => api.get<SettingsReply>('/api/admin/settings') });
  useEffect(() => {
    if (q.data) form.setFieldsValue(q.data.settings);
  }, [q.data, form]);
  const submit = async (v: Settings) => {
    // the settings object is saved whole, so keys this page does not show are kept as they are — in
    // every section: a card shows only some keys of its section (e.g. 核销依据 of receivables, whose
    // terms and aging buckets are set elsewhere)
    const settings = mergeSections(q.data!.settings as unknown as Record<string, unknown>, v as unknown as Record<string, unknown>);
    settings.orders = { ...(settings.orders as object), supermarketCompanyId: v.orders?.supermarketCompanyId ?? null };
    await save.run(() => api.put('/api/admin/settings', { settings, version: q.data!.version }), [KEY], t('common.saved'));
  };
  const days = (name: keyof Settings['pool'], label: string, extra?: string, min = 1) => (
    <Col xs={24} md={12}>
      <Form.Item name={['pool', name]} label={label} extra={extra} rules={[{ required: true, message: t('common.required', { field: label }) }]}>
        <InputNumber min={min} max={name === 'claimLimit' ? 100000 : 3650} precision={0} style={{ width: 200 }} />
      </Form.Item>
    </Col>
  );
  return (
    <PageFrame title={t('admin.settings')} error={q.error} bare>
      {q.isPending ? (
        <Spin />
      ) : (
        <Form name="settings" form={form} layout="vertical" onFinish={submit} disabled={!q.data}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            {save.error && <Alert type="error" showIcon title={save.error} />}
            <Card variant="borderless" title={t('admin.settings.pool')} extra={<span style={{ color: '#8c8c8c' }}>{t('admin.settings.poolHelp')}</span>}>
              <Row gutter={16}>
                {days('noFollowupDays', t('admin.settings.noFollowupDays'))}
                {days('noDealDays', t('admin.settings.noDealDays'))}
                {days('claimLimit', t('admin.settings.claimLimit'), t('admin.settings.claimLimitHelp'), 0)}
                {days('reclaimBlockDays', t('admin.settings.reclaimBlockDays'), undefined, 0)}
              </Row>
            </Card>
            <Card variant="borderless" title={t('admin.settings.ownership')} extra={<span style={{ color: '#8c8c8c' }}>{t('admin.settings.ownershipHelp')}</span>}>
              <Form.Item name="ownershipRule" label={t('admin.settings.ownershipRule')} rules={[{ max: 2000 }]}>
                <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={2000} showCount />
              </Form.Item>
            </Card>
            <OrderSettingsCard />
            <HoldSettingsCard />
            <StockSettingsCard />
            <ReceivablesSettingsCard />
            <DunningSettingsCard />
            <Button type="primary" htmlType="submit" loading={save.busy}>{t('common.save')}</Button>
          </Space>
        </Form>
      )}
      {/* saved on its own (its own form and API), below the settings form */}
      {!q.isPending && (
        <div style={{ marginTop: 16 }}>
          <RobotPushCard />
        </div>
      )}
    </PageFrame>
  );
}
