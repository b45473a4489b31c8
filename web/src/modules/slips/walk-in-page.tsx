import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { api, errorMessage, type Page } from '../../app/api.ts';
import { useMe } from '../../app/auth.tsx';
import { applyFormErrors } from '../../components/form-errors.ts';
import { Money } from '../../components/format.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { UserPicker } from '../../components/remote-select.tsx';
import { PackQuantity } from '../products/pack-quantity.tsx';
import { ProductPicker, type PickedProduct } from '../products/product-picker.tsx';
import { CustomerPicker } from '../leads/shared.tsx';
import { formatPrice, lineAmounts, parsePrice, toChineseCapitals } from '../../../../src/platform/money.ts';
import { paymentTerms } from '../../../../src/modules/slips/schema.ts';
import { invalidateSlips, paymentTermLabels, useL, type SlipDetail } from './shared.tsx';

type Row = { key: number; product: PickedProduct | null; quantity: number; price: string };
let seq = 0;
const blank = (): Row => ({ key: ++seq, product: null, quantity: 1, price: '' });

/** 门市开单: a walk-in cash sale written directly — no order; the stock must be available. */
export function WalkInPage() {
  const L = useL();
  const me = useMe();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [rows, setRows] = useState<Row[]>([blank()]);
  const customerId = Form.useWatch('customerId', form) as number | null | undefined;
  const warehouses = useQuery({ queryKey: ['warehouses', 'active'], queryFn: () => api.get<Page<{ id: number; name: string }>>('/api/warehouses', { pageSize: 100 }) });
  const priceOf = (r: Row) => {
    try {
      return r.price ? parsePrice(r.price) : (r.product?.listPrice ?? 0);
    } catch {
      return null;
    }
  };
  const total = useMemo(
    () => rows.reduce((n, r) => { const p = priceOf(r); return n + (r.product && p !== null && r.quantity > 0 ? lineAmounts({ quantity: r.quantity, unitPrice: p, taxRateBp: r.product.taxRateBp, priceIncludesTax: true }).amount : 0); }, 0),
    [rows],
  );
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      api.post<SlipDetail>('/api/slips', {
        ...v,
        lines: rows.filter((r) => r.product).map((r) => ({ productId: r.product!.id, quantity: r.quantity, unitPrice: priceOf(r) })),
      }),
    onSuccess: (s) => {
      invalidateSlips(qc);
      message.success(L(`已开单 ${s.number}`, `Issued ${s.number}`));
      navigate(`/slips/${s.id}`);
    },
    onError: (e) => applyFormErrors(form, e),
  });
  // an existing customer fills the slip's customer block from the file (editable)
  const pickCustomer = async (id: number | null) => {
    form.setFieldValue('customerId', id);
    if (!id) return;
    type C = { name: string; address: string | null; contacts: { name: string; phone: string | null; isPrimary: boolean }[]; addresses: { address: string; isDefault: boolean }[] };
    const c = await api.get<C>(`/api/customers/${id}`);
    const contact = c.contacts.find((x) => x.isPrimary) ?? c.contacts[0];
    const address = c.addresses.find((a) => a.isDefault)?.address ?? c.address;
    form.setFieldsValue({ customerName: c.name, contactName: contact?.name ?? null, contactPhone: contact?.phone ?? null, deliveryAddress: address ?? null });
  };
  const patch = (key: number, p: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...p } : r)));

  return (
    <PageFrame title={L('门市开单', 'Walk-in sale')} back="/slips" bare>
      <Card>
        <Form form={form} layout="vertical" initialValues={{ paymentTerm: 'cash', handlerId: me.user.id }} onFinish={(v) => save.mutate(v)}>
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item label={L('老客户（可选）', 'Existing customer (optional)')}>
                <CustomerPicker value={customerId ?? null} onChange={(v) => void pickCustomer(v)} placeholder={L('搜索客户档案，或直接填写下方客户单位', 'Search the customer file, or type the customer below')} />
              </Form.Item>
              <Form.Item name="customerId" hidden><Input /></Form.Item>
            </Col>
            <Col span={16} />
            <Col span={8}><Form.Item name="customerName" label={L('客户单位', 'Customer')} rules={[{ required: true, message: L('请填写客户单位', 'Enter the customer') }]}><Input placeholder={L('如：门市散客', 'e.g. counter customer')} /></Form.Item></Col>
            <Col span={5}><Form.Item name="contactName" label={L('联系人', 'Contact')}><Input /></Form.Item></Col>
            <Col span={5}><Form.Item name="contactPhone" label={L('电话', 'Phone')}><Input /></Form.Item></Col>
            <Col span={6}><Form.Item name="deliveryAddress" label={L('送货地址', 'Address')}><Input /></Form.Item></Col>
            <Col span={6}>
              <Form.Item name="warehouseId" label={L('仓库', 'Warehouse')} rules={[{ required: true, message: L('请选择仓库', 'Choose the warehouse') }]}>
                <Select loading={warehouses.isPending} options={(warehouses.data?.items ?? []).map((w) => ({ value: w.id, label: w.name }))} />
              </Form.Item>
            </Col>
            <Col span={6}><Form.Item name="handlerId" label={L('经手人', 'Handler')} rules={[{ required: true }]}><UserPicker /></Form.Item></Col>
            <Col span={4}>
              <Form.Item name="paymentTerm" label={L('付款方式', 'Payment')}>
                <Select options={paymentTerms.map((p) => ({ value: p, label: L(paymentTermLabels[p].zh, paymentTermLabels[p].en) }))} />
              </Form.Item>
            </Col>
            <Col span={4}><Form.Item name="driverName" label={L('送货司机', 'Driver')} tooltip={L('我司司机送货时填写；客户自提不填，出车时选择「客户自提」', 'For delivery by our driver; leave empty for a pickup and choose Customer collects when it goes out')}><Input /></Form.Item></Col>
            <Col span={4}><Form.Item name="remarks" label={L('备注', 'Remarks')}><Input /></Form.Item></Col>
          </Row>
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={rows}
            columns={[
              { title: L('商品', 'Product'), key: 'p', render: (_: unknown, r) => <ProductPicker value={r.product?.id ?? null} onChange={(p) => patch(r.key, { product: p, price: p ? formatPrice(p.listPrice) : '' })} style={{ width: 320 }} /> },
              { title: L('规格', 'Spec'), key: 's', width: 120, render: (_: unknown, r) => r.product?.spec ?? '' },
              {
                title: L('数量', 'Quantity'), key: 'q', width: 140,
                render: (_: unknown, r, i) => (
                  <>
                    <InputNumber aria-label={L('数量', 'Quantity')} min={1} precision={0} value={r.quantity} onChange={(v) => patch(r.key, { quantity: Number(v ?? 0) })} addonAfter={r.product?.unit ?? ''} />
                    {r.product?.packUnit && r.product.packSize && r.product.packSize > 1 ? (
                      <PackQuantity index={i} unit={r.product.unit} packUnit={r.product.packUnit} packSize={r.product.packSize} quantity={r.quantity} onChange={(q) => patch(r.key, { quantity: q })} />
                    ) : null}
                  </>
                ),
              },
              { title: L('单价（元）', 'Unit price'), key: 'u', width: 130, render: (_: unknown, r) => <Input aria-label={L('单价', 'Unit price')} value={r.price} status={priceOf(r) === null ? 'error' : undefined} onChange={(e) => patch(r.key, { price: e.target.value })} /> },
              {
                title: L('金额', 'Amount'), key: 'a', width: 120, align: 'right',
                render: (_: unknown, r) => { const p = priceOf(r); return r.product && p !== null ? <Money fen={lineAmounts({ quantity: r.quantity, unitPrice: p, taxRateBp: r.product.taxRateBp, priceIncludesTax: true }).amount} /> : '—'; },
              },
              { title: '', key: 'd', width: 50, render: (_: unknown, r) => <Button type="text" danger icon={<DeleteOutlined />} aria-label={L('删除行', 'Remove line')} disabled={rows.length === 1} onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))} /> },
            ]}
            footer={() => (
              <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                <Button icon={<PlusOutlined />} onClick={() => setRows((rs) => [...rs, blank()])}>{L('加一行', 'Add line')}</Button>
                <Typography.Text strong>{L('合计', 'Total')}：<Money fen={total} />　{toChineseCapitals(total)}</Typography.Text>
              </Space>
            )}
          />
          {save.isError && <Alert type="error" showIcon title={errorMessage(save.error)} style={{ marginTop: 12 }} />}
          <Button type="primary" htmlType="submit" loading={save.isPending} style={{ marginTop: 16 }}>{L('开单（出库）', 'Issue (stock out)')}</Button>
        </Form>
      </Card>
    </PageFrame>
  );
}
