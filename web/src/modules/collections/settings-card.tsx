import { Button, Card, Form, InputNumber, Select, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { dunningMethodLabels, dunningMethods, useL } from './shared.tsx';

/** The collections part of 参数设置 (settings.collections): which dunning action is suggested from how many days overdue. */
export function DunningSettingsCard() {
  const L = useL();
  return (
    <Card variant="borderless" title={L('催收策略', 'Dunning levels')} extra={<span style={{ color: '#8c8c8c' }}>{L('客户最长逾期天数达到某级时，建议采用该级的催收方式（逾期天数须逐级递增）', 'From how many days overdue each dunning action is suggested (days increasing level by level)')}</span>}>
      <Form.List name={['collections', 'dunningLevels']}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Space key={f.key} align="start" wrap style={{ display: "flex" }}>
                <Form.Item name={[f.name, 'fromDays']} label={i === 0 ? L('逾期天数起', 'From days overdue') : undefined} rules={[{ required: true, message: L('请填写天数', 'Enter the days') }]}>
                  <InputNumber min={1} max={3650} precision={0} style={{ width: 140 }} suffix={L('天', 'days')} />
                </Form.Item>
                <Form.Item name={[f.name, 'method']} label={i === 0 ? L('建议催收方式', 'Suggested action') : undefined} rules={[{ required: true }]}>
                  <Select style={{ width: 160 }} options={dunningMethods.map((m) => ({ value: m, label: L(dunningMethodLabels[m].zh, dunningMethodLabels[m].en) }))} />
                </Form.Item>
                {fields.length > 1 && <Button style={i === 0 ? { marginTop: 30 } : undefined} icon={<DeleteOutlined />} aria-label={L('删除此级', 'Remove level')} onClick={() => remove(f.name)} />}
              </Space>
            ))}
            <Button icon={<PlusOutlined />} disabled={fields.length >= 10} onClick={() => add({ fromDays: null, method: 'phone' })}>{L('增加一级', 'Add a level')}</Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}
