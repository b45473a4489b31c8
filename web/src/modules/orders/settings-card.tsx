import { useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Col, Form, Row, Select } from 'antd';
import { api } from '../../app/api.ts';
import { useCan } from '../../app/auth.tsx';
import { registerMessages, useT } from '../../app/i18n.tsx';
import { orderTypeLabels, orderTypes, reviewKindLabels, reviewKinds } from '../../../../src/modules/orders/labels.ts';

registerMessages({
  zh: {
    'orders.settings.title': '销售订单审核',
    'orders.settings.help': '各类订单提交后需要哪些审核；不需要审核的订单提交即确认并预留库存（信用检查始终进行）',
    'orders.settings.supermarketCompany': '商超订单所在账套',
    'orders.settings.supermarketHelp': '设置后，其他账套不能录入商超订单；留空表示本账套接收商超订单',
    'orders.settings.stagesTitle': '生产阶段（按单定制）',
    'orders.settings.stagesHelp': '按单生产的订单确认后依次办理的阶段，全部完成才能开单发货；现货销售留空',
    'orders.settings.stagesPlaceholder': '输入阶段名称后回车，或选择常用阶段',
    'orders.settings.stagesPreset': '填入印刷定制流程',
    'orders.settings.concessionReview': '低于价格表的订单须财务审核',
    'orders.settings.concessionHelp': '单价或折扣使金额低于客户价格表（让价）的订单，无论类型都须经财务审核价格与折扣',
  },
  en: {
    'orders.settings.title': 'Sales order reviews',
    'orders.settings.help': 'Which reviews each order type needs after submission; an order needing none is confirmed and reserved at once (credit is always checked)',
    'orders.settings.supermarketCompany': 'Company for supermarket orders',
    'orders.settings.supermarketHelp': 'When set, other companies cannot enter supermarket orders; empty: this company takes them',
    'orders.settings.stagesTitle': 'Production stages (made to order)',
    'orders.settings.stagesHelp': 'Stages a confirmed order goes through in order before any slip; leave empty for goods from stock',
    'orders.settings.stagesPlaceholder': 'Type a stage and press Enter, or pick a common one',
    'orders.settings.stagesPreset': 'Fill in the print-shop stages',
    'orders.settings.concessionReview': 'Orders under the price list need finance review',
    'orders.settings.concessionHelp': "An order whose prices or discounts come under the customer's price list goes to finance review, whatever its type",
  },
});

/** The orders part of 参数设置 (settings.orders): reviews per order type and the company for 商超 orders. */
export function OrderSettingsCard() {
  const t = useT();
  const can = useCan();
  const companies = useQuery({ queryKey: ['admin', 'companies'], queryFn: () => api.get<{ id: number; name: string }[]>('/api/admin/companies'), enabled: can('admin.company') });
  return (
    <Card variant="borderless" title={t('orders.settings.title')} extra={<span style={{ color: '#8c8c8c' }}>{t('orders.settings.help')}</span>}>
      <Row gutter={16}>
        {orderTypes.map((type) => (
          <Col xs={24} md={12} key={type}>
            <Form.Item name={['orders', 'reviews', type]} label={t.l(orderTypeLabels[type])}>
              <Checkbox.Group options={reviewKinds.map((k) => ({ value: k, label: t.l(reviewKindLabels[k]) }))} />
            </Form.Item>
          </Col>
        ))}
        <Col xs={24} md={12}>
          <Form.Item name={['orders', 'supermarketCompanyId']} label={t('orders.settings.supermarketCompany')} extra={t('orders.settings.supermarketHelp')}>
            <Select allowClear style={{ width: 280 }} options={(companies.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={['orders', 'concessionReview']} valuePropName="checked" extra={t('orders.settings.concessionHelp')}>
            <Checkbox>{t('orders.settings.concessionReview')}</Checkbox>
          </Form.Item>
        </Col>
      </Row>
      <StageSettings />
    </Card>
  );
}

/** seed 004 印刷开单: 设计制作 → 审核确认 → 生产准备 → 生产制作 → 印刷质量控制 → 产品包装 (发货 is the slip itself) */
const printStages = ['设计制作', '审稿确认', '生产准备', '生产制作', '质量检验', '包装'];

function StageSettings() {
  const t = useT();
  const form = Form.useFormInstance();
  return (
    <>
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 12, margin: '8px 0 12px' }}>
        <strong>{t('orders.settings.stagesTitle')}</strong>
        <span style={{ color: '#8c8c8c' }}>{t('orders.settings.stagesHelp')}</span>
      </div>
      <Row gutter={16}>
        {orderTypes.map((type) => (
          <Col xs={24} md={12} key={type}>
            <Form.Item label={t.l(orderTypeLabels[type])}>
              <div style={{ display: 'flex', gap: 8 }}>
                <Form.Item name={['orders', 'stages', type]} noStyle>
                  <Select mode="tags" style={{ flex: 1 }} placeholder={t('orders.settings.stagesPlaceholder')} options={printStages.map((v) => ({ value: v, label: v }))} tokenSeparators={[',', '，', '、']} />
                </Form.Item>
                <Button onClick={() => form.setFieldValue(['orders', 'stages', type], printStages)}>{t('orders.settings.stagesPreset')}</Button>
              </div>
            </Form.Item>
          </Col>
        ))}
      </Row>
    </>
  );
}
