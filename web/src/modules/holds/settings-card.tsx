import { Card, Form, InputNumber, Space } from 'antd';
import { registerMessages, useT } from '../../app/i18n.tsx';

registerMessages({
  zh: {
    'hold.settings.title': '留货（订金/定金）',
    'hold.settings.help': '订金留货到期自动释放，不能延期；定货后按期签约付款，延期须经理批准',
    'hold.settings.holdDays': '订金留货天数',
    'hold.settings.signDays': '定货后签约付款天数',
    'hold.settings.extensionDays': '延期最晚至定货后天数',
    'hold.settings.days': '天',
  },
  en: {
    'hold.settings.title': 'Holds and deposits',
    'hold.settings.help': 'A small-deposit hold ends by itself and cannot be extended; a firm hold is signed and paid on time, later only with a manager\u2019s approval',
    'hold.settings.holdDays': 'Small-deposit hold lasts',
    'hold.settings.signDays': 'Sign and pay within (after firming)',
    'hold.settings.extensionDays': 'Extensions up to (after firming)',
    'hold.settings.days': 'days',
  },
});

const fields = [
  { name: 'holdDays', max: 30 },
  { name: 'signDays', max: 90 },
  { name: 'extensionDays', max: 180 },
] as const;

/** The holds part of 参数设置 (settings.holds). */
export function HoldSettingsCard() {
  const t = useT();
  return (
    <Card variant="borderless" title={t('hold.settings.title')} extra={<span style={{ color: '#8c8c8c' }}>{t('hold.settings.help')}</span>}>
      <Space size="large" wrap>
        {fields.map((f) => (
          <Form.Item key={f.name} name={['holds', f.name]} label={t(`hold.settings.${f.name}`)} rules={[{ required: true, message: t('common.required', { field: t(`hold.settings.${f.name}`) }) }]}>
            <InputNumber min={1} max={f.max} precision={0} style={{ width: 140 }} addonAfter={t('hold.settings.days')} />
          </Form.Item>
        ))}
      </Space>
    </Card>
  );
}
