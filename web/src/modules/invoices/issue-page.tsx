import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Empty, Form, Input, InputNumber, Radio, Row, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, errorMessage } from '../../app/api.ts';
import { applyFormErrors } from '../../components/form-errors.ts';
import { Money } from '../../components/format.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { CustomerPicker } from '../leads/shared.tsx';
import { formatPrice } from '../../../../src/platform/money.ts';
import { invalidateInvoices, RoundingHelp, useL, type InvoiceDetail, type Invoiceable } from './shared.tsx';
import type { InvoiceableOrders } from '../../../../src/modules/invoices/schema.ts';

type Line = Invoiceable['slips'][number]['lines'][number];
type BuyerForm = { kind: 'normal' | 'special'; priceIncludesTax: boolean; businessDate?: Dayjs | null; buyer: { name?: string; taxId?: string; address?: string; phone?: string; bank?: string; account?: string }; reviewerName?: string; payeeName?: string; remarks?: string };

/**
 * 开具发票: pick a customer → its posted slips with something left to invoice → the slips (and, for
 * a partial invoice, the quantity of each line); the buyer block comes from the customer's invoice
 * details and may be completed here (a 专用发票 needs all of it).
 */
export function InvoiceIssuePage() {
  const L = useL();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<BuyerForm>();
  const [customerId, setCustomerId] = useState<number | null>(null);
  const [slipIds, setSlipIds] = useState<number[]>([]);
  const [qty, setQty] = useState<Record<number, number>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const data = useQuery({ queryKey: ['invoices', 'invoiceable', customerId], queryFn: () => api.get<Invoiceable>(`/api/invoices/invoiceable/${customerId}`), enabled: !!customerId });
  // 按订单开票 (company setting): confirmed 商超 / 地州 orders of the customer, invoiced before delivery
  const orders = useQuery({ queryKey: ['invoices', 'orders', customerId], queryFn: () => api.get<InvoiceableOrders>(`/api/invoices/orders/${customerId}`), enabled: !!customerId });
  const [orderId, setOrderId] = useState<number | null>(null);

  useEffect(() => {
    const c = data.data?.customer;
    if (!c) return;
    setSlipIds([]);
    setQty({});
    form.setFieldsValue({ buyer: { name: c.invoiceTitle ?? c.name, taxId: c.taxId ?? '', address: c.invoiceAddress ?? '', phone: c.invoicePhone ?? '', bank: c.invoiceBank ?? '', account: c.invoiceAccount ?? '' } });
  }, [data.data?.customer, form]);

  const chosen = useMemo(() => (data.data?.slips ?? []).filter((s) => slipIds.includes(s.id)), [data.data, slipIds]);
  const quantityOf = (l: Line) => qty[l.id] ?? l.remainingQuantity;
  const estimate = chosen.flatMap((s) => s.lines).reduce((n, l) => n + (quantityOf(l) === l.remainingQuantity ? l.remainingAmount : Math.round((l.remainingAmount * quantityOf(l)) / Math.max(1, l.remainingQuantity))), 0);

  const toggle = (id: number, on: boolean) => {
    setOrderId(null);
    const next = on ? [...slipIds, id] : slipIds.filter((x) => x !== id);
    setSlipIds(next);
    const first = (data.data?.slips ?? []).find((s) => s.id === next[0]);
    if (first) form.setFieldValue('priceIncludesTax', first.priceIncludesTax);
  };

  const issue = useMutation({
    mutationFn: (v: BuyerForm) =>
      orderId
        ? api.post<InvoiceDetail>('/api/invoices/from-order', {
            orderId,
            kind: v.kind,
            businessDate: v.businessDate ? v.businessDate.format('YYYY-MM-DD') : null,
            buyer: v.buyer,
            reviewerName: v.reviewerName,
            payeeName: v.payeeName,
            remarks: v.remarks,
          })
        : api.post<InvoiceDetail>('/api/invoices', {
        customerId,
        kind: v.kind,
        slipIds,
        priceIncludesTax: v.priceIncludesTax,
        businessDate: v.businessDate ? v.businessDate.format('YYYY-MM-DD') : null,
        lines: chosen.flatMap((s) => s.lines.filter((l) => l.remainingQuantity > 0 && quantityOf(l) > 0).map((l) => ({ slipLineId: l.id, quantity: quantityOf(l) }))),
        buyer: v.buyer,
        reviewerName: v.reviewerName,
        payeeName: v.payeeName,
        remarks: v.remarks,
      }),
    onSuccess: (inv) => {
      invalidateInvoices(qc);
      message.success(L(`已开具 ${inv.number}`, `Issued ${inv.number}`));
      navigate(`/invoices/${inv.id}`);
    },
    onError: (e) => {
      const rest = applyFormErrors(form, e);
      setProblem([errorMessage(e), ...rest].join('；'));
    },
  });

  return (
    <PageFrame title={L('开具发票', 'Issue invoice')} back="/invoices" bare>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Typography.Text strong>{L('客户', 'Customer')}</Typography.Text>
          <CustomerPicker id="invoice-customer" placeholder={L("选择客户", "Choose a customer")} style={{ width: 320 }} value={customerId} onChange={(v) => setCustomerId(v)} />
        </Space>
      </Card>
      {customerId && (
        <Card size="small" title={L('已过账、未开完票的销货清单', 'Posted slips not fully invoiced')} style={{ marginBottom: 12 }} loading={data.isLoading}>
          {data.data && data.data.slips.length === 0 && <Empty description={L('该客户没有待开票的销货清单', 'Nothing left to invoice for this customer')} />}
          {data.data?.slips.map((s) => (
            <div key={s.id} style={{ marginBottom: 12 }} data-testid={`slip-${s.number}`}>
              <Checkbox checked={slipIds.includes(s.id)} onChange={(e) => toggle(s.id, e.target.checked)}>
                <Space>
                  <b>{s.number}</b>
                  <span>{s.businessDate}</span>
                  <span>{L('金额', 'Amount')} <Money fen={s.netAmount} /></span>
                  <span>{L('已开票', 'Invoiced')} <Money fen={s.invoicedAmount} /></span>
                  <Typography.Text type="secondary">{s.priceIncludesTax ? L('含税价', 'prices incl. tax') : L('不含税价', 'prices excl. tax')}</Typography.Text>
                </Space>
              </Checkbox>
              {slipIds.includes(s.id) && (
                <Table<Line>
                  size="small"
                  rowKey="id"
                  pagination={false}
                  style={{ marginTop: 6 }}
                  dataSource={s.lines.filter((l) => l.remainingQuantity > 0)}
                  columns={[
                    { title: L('货物名称', 'Item'), dataIndex: 'productName' },
                    { title: L('规格型号', 'Spec'), dataIndex: 'spec', width: 110 },
                    { title: L('单位', 'Unit'), dataIndex: 'unit', width: 60 },
                    { title: L('单价', 'Price'), dataIndex: 'unitPrice', width: 100, align: 'right', render: (v: number) => formatPrice(v) },
                    { title: L('税率', 'Rate'), dataIndex: 'taxRateBp', width: 70, align: 'right', render: (v: number) => `${v / 100}%` },
                    { title: L('未开票数量', 'Open qty'), dataIndex: 'remainingQuantity', width: 100, align: 'right' },
                    { title: L('未开票金额', 'Open amount'), dataIndex: 'remainingAmount', width: 120, align: 'right', render: (v: number) => <Money fen={v} /> },
                    {
                      title: L('本次开票数量', 'Quantity now'),
                      width: 130,
                      render: (_: unknown, l) => <InputNumber aria-label={`${L('本次开票数量', 'Quantity now')} ${l.productName}`} min={0} max={l.remainingQuantity} precision={0} value={quantityOf(l)} onChange={(v) => setQty({ ...qty, [l.id]: Number(v ?? 0) })} />,
                    },
                  ]}
                />
              )}
            </div>
          ))}
        </Card>
      )}
      {customerId && orders.data?.enabled && (
        <Card size="small" title={L('按订单开票（商超、地州订单，送货前开票）', 'Invoice from an order (supermarket and prefecture orders, before delivery)')} style={{ marginBottom: 12 }} data-testid="invoice-orders">
          {orders.data.orders.length === 0 && <Empty description={L('该客户没有可按订单开票的已确认订单', 'No confirmed order of this customer to invoice')} />}
          <Radio.Group value={orderId} onChange={(e) => { setOrderId(e.target.value as number); setSlipIds([]); form.setFieldValue('priceIncludesTax', true); }}>
            <Space direction="vertical">
              {orders.data.orders.map((o) => (
                <Radio key={o.id} value={o.id} data-testid={`order-${o.number}`}>
                  <Space>
                    <b>{o.number}</b>
                    <span>{o.businessDate}</span>
                    <span>{o.orderType === 'supermarket' ? L('商超', 'Supermarket') : L('地州', 'Prefecture')}</span>
                    <span>{L('订单金额', 'Order amount')} <Money fen={o.totalAmount} /></span>
                  </Space>
                </Radio>
              ))}
            </Space>
          </Radio.Group>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {L('按订单开票后，该订单的销货清单视为已开票，不能再次开票；未送的货物请开红字发票冲回。', "Once the order is invoiced its sales slips count as invoiced and cannot be invoiced again; goods not delivered are taken back by a red-letter invoice.")}
          </Typography.Paragraph>
        </Card>
      )}
      {customerId && data.data && (
        <Card size="small" title={L('发票信息', 'Invoice')}>
          {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} closable onClose={() => setProblem(null)} />}
          <Form<BuyerForm> form={form} layout="vertical" initialValues={{ kind: 'normal', priceIncludesTax: true, businessDate: dayjs() }} onFinish={(v) => { setProblem(null); issue.mutate(v); }}>
            <Row gutter={16}>
              <Col span={8}>
                <Form.Item name="kind" label={L('发票种类', 'Kind')}>
                  <Radio.Group optionType="button" options={[{ value: 'normal', label: L('增值税普通发票', 'VAT normal') }, { value: 'special', label: L('增值税专用发票', 'VAT special') }]} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name="businessDate" label={L('开票日期', 'Invoice date')}>
                  <DatePicker allowClear={false} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="priceIncludesTax" label={L('单价录入方式', 'Unit prices')}>
                  <Radio.Group optionType="button" options={[{ value: true, label: L('含税单价', 'incl. tax') }, { value: false, label: L('不含税单价', 'excl. tax') }]} />
                </Form.Item>
              </Col>
            </Row>
            <Typography.Title level={5}>{L('购买方', 'Buyer')}</Typography.Title>
            <Row gutter={16}>
              <Col span={12}><Form.Item name={['buyer', 'name']} label={L('名称', 'Name')}><Input /></Form.Item></Col>
              <Col span={12}><Form.Item name={['buyer', 'taxId']} label={L('纳税人识别号', 'Tax id')}><Input /></Form.Item></Col>
              <Col span={8}><Form.Item name={['buyer', 'address']} label={L('地址', 'Address')}><Input /></Form.Item></Col>
              <Col span={4}><Form.Item name={['buyer', 'phone']} label={L('电话', 'Phone')}><Input /></Form.Item></Col>
              <Col span={6}><Form.Item name={['buyer', 'bank']} label={L('开户行', 'Bank')}><Input /></Form.Item></Col>
              <Col span={6}><Form.Item name={['buyer', 'account']} label={L('账号', 'Account')}><Input /></Form.Item></Col>
              <Col span={6}><Form.Item name="reviewerName" label={L('复核', 'Reviewer')}><Input /></Form.Item></Col>
              <Col span={6}><Form.Item name="payeeName" label={L('收款人', 'Payee')}><Input /></Form.Item></Col>
              <Col span={12}><Form.Item name="remarks" label={L('备注', 'Remarks')}><Input /></Form.Item></Col>
            </Row>
            <RoundingHelp />
            <Space style={{ marginTop: 12 }}>
              <Typography.Text>{L('价税合计约', 'Total about')} <b><Money fen={orderId ? (orders.data?.orders.find((o) => o.id === orderId)?.totalAmount ?? 0) : estimate} /></b></Typography.Text>
              <Button type="primary" htmlType="submit" loading={issue.isPending} disabled={slipIds.length === 0 && !orderId}>{orderId ? L('按订单开具发票', 'Invoice the order') : L('开具发票', 'Issue invoice')}</Button>
            </Space>
          </Form>
        </Card>
      )}
    </PageFrame>
  );
}
