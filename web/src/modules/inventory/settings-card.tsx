import { Card, Form, InputNumber } from 'antd';
import { registerMessages, useT } from '../../app/i18n.tsx';

registerMessages({
  zh: {
    'inv.settings.title': '库存预警',
    'inv.settings.help': '临期批次的提前天数：库存预警页和仓管员每日提醒按此判断',
    'inv.settings.expiryAlertDays': '到期前提醒天数',
  },
  en: {
    'inv.settings.title': 'Stock alerts',
    'inv.settings.help': 'How many days before expiry a batch is flagged (alerts page and the keepers\u2019 daily notice)',
    'inv.settings.expiryAlertDays': 'Days before expiry',
  },
});

/** The stock part of 参数设置 (settings.stock). */
export function StockSettingsCard() {
  const t = useT();
  return (
    <Card variant="borderless" title={t('inv.settings.title')} extra={<span style={{ color: '#8c8c8c' }}>{t('inv.settings.help')}</span>}>
      <Form.Item name={['stock', 'expiryAlertDays']} label={t('inv.settings.expiryAlertDays')} rules={[{ required: true, message: t('common.required', { field: t('inv.settings.expiryAlertDays') }) }]}>
        <InputNumber min={1} max={3650} precision={0} style={{ width: 200 }} />
      </Form.Item>
    </Card>
  );
}
