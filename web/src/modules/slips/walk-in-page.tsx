import { useEffect, useMemo, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
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
import { formatYuan, lineAmounts, parsePrice, parseYuan, toChineseCapitals } from '../../../../src/platform/money.ts';
import { paymentTerms } from '../../../../src/modules/slips/schema.ts';
import { invalidateSlips, paymentTermLabels, useL, type SlipDetail } from './shared.tsx';
import { blankLine, placeProduct, type WalkInLine } from './walk-in-lines.ts';

type Row = WalkInLine<PickedProduct>;
const blank = (): Row => blankLine<PickedProduct>();
/** The counter's warehouse: the one its last walk-in sale went out of (a counter sells from one store). */
const WAREHOUSE_KEY = 'sd.walkIn.warehouseId';
/** the customer a slip names for a counter customer with no file (the slip is a Chinese document in either language) */
const WALK_IN_CUSTOMER = '门市散客';

/** 门市开单: a walk-in cash sale written directly — no order; the stock must be available. */
export function WalkInPage() {
  const L = useL();
  const me = useMe();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [rows, setRows] = useState<Row[]>([blank()]);
  // the cash the customer handed over, as typed (¥200, 200元, full-width digits): read into fen, never a float
  const [received, setReceived] = useState('');
  // after issuing: the slip's page, or straight to its print preview (开单并打印)
  const thenPrint = useRef(false);
  // what was last typed into a line's product box: a scanned case barcode (箱条码) sells a whole case
  const typed = useRef('');
  const [focusKey, setFocusKey] = useState<number | null>(null);
  const customerId = Form.useWatch('customerId', form) as number | null | undefined;
  const paymentTerm = Form.useWatch('paymentTerm', form) as string | undefined;
  const warehouses = useQuery({ queryKey: ['warehouses', 'active'], queryFn: () => api.get<Page<{ id: number; name: string; active?: boolean }>>('/api/warehouses', { pageSize: 100 }) });
  // the counter's warehouse comes filled: the last one used here, else the first active one
  useEffect(() => {
    const items = (warehouses.data?.items ?? []).filter((w) => w.active !== false);
    if (!items.length || form.getFieldValue('warehouseId')) return;
    const last = Number(localStorage.getItem(WAREHOUSE_KEY));
    form.setFieldValue('warehouseId', items.find((w) => w.id === last)?.id ?? items[0]!.id);
  }, [warehouses.data, form]);
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
  // the cash received in fen: null while the box is empty, 'bad' when what is typed is not an amount of yuan
  const receivedFen = ((): number | null | 'bad' => {
    if (!received.trim()) return null;
    try {
      const fen = parseYuan(received);
      return fen < 0 ? 'bad' : fen;
    } catch {
      return 'bad';
    }
  })();
  const change = typeof receivedFen === 'number' ? receivedFen - total : null;
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      api.post<SlipDetail>('/api/slips', {
        ...v,
        // the cash handed over goes on the slip (a cash sale only; the server refuses less than the total)
        cashTendered: v.paymentTerm === 'cash' && typeof receivedFen === 'number' ? receivedFen : null,
        lines: rows.filter((r) => r.product).map((r) => ({ productId: r.product!.id, quantity: r.quantity, unitPrice: priceOf(r) })),
      }),
    onSuccess: (s) => {
      invalidateSlips(qc);
      localStorage.setItem(WAREHOUSE_KEY, String(s.warehouseId));
      message.success(L(`已开单 ${s.number}`, `Issued ${s.number}`));
      navigate(thenPrint.current ? `/slips/${s.id}/print` : `/slips/${s.id}`);
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
  // 散客: a counter customer with no file — the slip names them 门市散客
  const walkInCustomer = () => {
    form.setFieldsValue({ customerId: null, customerName: WALK_IN_CUSTOMER, contactName: null, contactPhone: null, deliveryAddress: null });
    void form.validateFields(['customerName']);
  };
  const patch = (key: number, p: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...p } : r)));
  // a product picked (or scanned) on a line: its case barcode sells one case, and the last line picked opens a new
  // empty one with the cursor in it, so the next item can be scanned straight away
  const pickProduct = (key: number, p: PickedProduct | null) => {
    const term = typed.current.trim();
    typed.current = '';
    const quantity = p && p.packBarcode && term === p.packBarcode && p.packSize ? p.packSize : 1;
    // the same product again on the empty line adds to its line; a line changed to a product already listed keeps the choice (walk-in-lines.ts)
    const placed = placeProduct(rows, key, p, quantity);
    setRows(placed.rows);
    if (placed.focusKey !== null) setFocusKey(placed.focusKey);
  };

  return (
    <PageFrame title={L('门市开单', 'Walk-in sale')} back="/slips" bare>
      <Card>
        <Form form={form} layout="vertical" initialValues={{ paymentTerm: 'cash', handlerId: me.user.id }} onFinish={(v) => (paymentTerm === 'cash' && receivedFen === 'bad' ? message.error(L('实收现金不是有效金额，请改正或清空后再开单', 'The cash received is not an amount: correct or clear it first')) : save.mutate(v))}>
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item label={L('老客户（可选）', 'Existing customer (optional)')}>
                <Space.Compact style={{ width: '100%' }}>
                  <CustomerPicker value={customerId ?? null} onChange={(v) => void pickCustomer(v)} placeholder={L('搜索客户档案，或直接填写下方客户单位', 'Search the customer file, or type the customer below')} />
                  <Button onClick={walkInCustomer} title={L('不建档的门市顾客：客户单位记为「门市散客」', 'A counter customer with no file: the slip reads 门市散客')}>{L('散客', 'Walk-in')}</Button>
                </Space.Compact>
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
              { title: L('商品', 'Product'), key: 'p', render: (_: unknown, r) => (
                  <div onInput={(e) => { typed.current = (e.target as HTMLInputElement).value ?? ''; }}>
                    <ProductPicker value={r.product?.id ?? null} onChange={(p) => pickProduct(r.key, p)} autoFocus={r.key === focusKey} style={{ width: 320 }} />
                  </div>
                ) },
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
          {paymentTerm === 'cash' && (
            <Space size="large" style={{ marginTop: 12, width: '100%', justifyContent: 'flex-end' }} wrap>
              <Space>
                <Typography.Text>{L('实收现金（元）', 'Cash received (¥)')}</Typography.Text>
                <Input aria-label={L('实收现金', 'Cash received')} value={received} status={receivedFen === 'bad' ? 'error' : undefined} style={{ width: 140 }}
                  onChange={(e) => setReceived(e.target.value)}
                  onBlur={() => { if (typeof receivedFen === 'number') setReceived(formatYuan(receivedFen, false)); }} />
              </Space>
              <Typography.Text strong type={receivedFen === 'bad' || (change !== null && change < 0) ? 'danger' : undefined} data-testid="walk-in-change">
                {receivedFen === 'bad'
                  ? L(`实收现金「${received.trim()}」不是有效金额，请填写如 200 或 200.50`, `The cash received "${received.trim()}" is not an amount: type e.g. 200 or 200.50`)
                  : change === null ? L('找零', 'Change') + '：—' : change < 0 ? <>{L('还差', 'Short by')}：<Money fen={-change} /></> : <>{L('找零', 'Change')}：<Money fen={change} /></>}
              </Typography.Text>
            </Space>
          )}
          {save.isError && <Alert type="error" showIcon title={errorMessage(save.error)} style={{ marginTop: 12 }} />}
          <Space style={{ marginTop: 16 }}>
            <Button type="primary" htmlType="submit" loading={save.isPending && !thenPrint.current} disabled={save.isPending} onClick={() => { thenPrint.current = false; }}>{L('开单（出库）', 'Issue (stock out)')}</Button>
            <Button icon={<PrinterOutlined />} htmlType="submit" loading={save.isPending && thenPrint.current} disabled={save.isPending} onClick={() => { thenPrint.current = true; }}>{L('开单并打印', 'Issue and print')}</Button>
          </Space>
        </Form>
      </Card>
    </PageFrame>
  );
}
