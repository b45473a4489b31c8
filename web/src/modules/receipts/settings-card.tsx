import { Card, Form, Radio, Switch } from 'antd';
import { useL } from './shared.tsx';

/** The receivables part of 参数设置: receipts are allocated against slips or invoices (settings.receivables); invoices from orders (settings.invoices). */
export function ReceivablesSettingsCard() {
  const L = useL();
  return (
    <Card variant="borderless" title={L('应收与核销', 'Receivables')} extra={<span style={{ color: '#8c8c8c' }}>{L('收款核销的对象：按已过账的销货清单，或按已开具的发票', 'What receipts are allocated against: posted sales slips, or issued invoices')}</span>}>
      <Form.Item name={['receivables', 'basis']} label={L('核销依据', 'Allocation basis')}>
        <Radio.Group options={[{ value: 'slip', label: L('销货清单（默认）', 'Sales slips (default)') }, { value: 'invoice', label: L('发票', 'Invoices') }]} />
      </Form.Item>
      <Form.Item name={['invoices', 'fromOrder']} label={L('按订单开票', 'Invoice from orders')} valuePropName="checked" extra={L('开启后，已确认的商超、地州订单可在送货前按订单开票；该订单的销货清单视为已开票', 'Confirmed supermarket and prefecture orders may be invoiced before delivery; their sales slips then count as invoiced')}>
        <Switch />
      </Form.Item>
    </Card>
  );
}
