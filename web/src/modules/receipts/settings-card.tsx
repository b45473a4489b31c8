import { Card, Form, Radio } from 'antd';
import { useL } from './shared.tsx';

/** The receivables part of 参数设置 (settings.receivables): receipts are allocated against slips or invoices. */
export function ReceivablesSettingsCard() {
  const L = useL();
  return (
    <Card variant="borderless" title={L('应收与核销', 'Receivables')} extra={<span style={{ color: '#8c8c8c' }}>{L('收款核销的对象：按已过账的销货清单，或按已开具的发票', 'What receipts are allocated against: posted sales slips, or issued invoices')}</span>}>
      <Form.Item name={['receivables', 'basis']} label={L('核销依据', 'Allocation basis')}>
        <Radio.Group options={[{ value: 'slip', label: L('销货清单（默认）', 'Sales slips (default)') }, { value: 'invoice', label: L('发票', 'Invoices') }]} />
      </Form.Item>
    </Card>
  );
}
