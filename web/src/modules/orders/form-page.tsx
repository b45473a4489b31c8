import { useEffect, useMemo, useRef, useState } from 'react';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Spin, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { api, errorMessage, isApiError } from '../../app/api.ts';
import { useT } from '../../app/i18n.tsx';
import { applyFormErrors } from '../../components/form-errors.ts';
import { Money, formatMoney } from '../../components/format.tsx';
import { lastChoiceAmong, rememberChoice } from '../../components/last-choice.ts';
import { PageFrame } from '../../components/page-frame.tsx';
import { UserPicker } from '../../components/remote-select.tsx';
import { SourceHoldAlert, orderValuesFromHold, useSourceHold } from '../holds/order-from-hold.tsx';
import { invalidateHolds } from '../holds/shared.tsx';
import { CustomerPicker } from '../leads/shared.tsx';
import { PackNote, PackQuantity } from '../products/pack-quantity.tsx';
import { ProductPicker, type PickedProduct } from '../products/product-picker.tsx';
import { formatPrice, lineAmounts, parsePrice, sumLines, toChineseCapitals } from '../../../../src/platform/money.ts';
import { lineConcession } from '../../../../src/modules/orders/concession.ts';
import { CopiedOrderAlert, copyOrder, type CopiedOrder } from './copy-order.tsx';
import { CreditDialog } from './dialogs.tsx';
import { announceSubmitted, deliveryMethodLabels, invalidateOrders, options, orderTypeLabels, paymentTermLabels, percent, type OrderOut } from './shared.tsx';

type LineValues = { productId?: number | null; quantity?: number | null; unitPrice?: string | null; discount?: string | null; barcode?: string | null };
type FormValues = {
  customerId?: number | null;
  orderType: OrderOut['orderType'];
  paymentTerm: OrderOut['paymentTerm'];
  warehouseId?: number | null;
  ownerId?: number | null;
  contactName?: string | null;
  contactPhone?: string | null;
  deliveryAddress?: string | null;
  deliveryDate?: dayjs.Dayjs | null;
  deliveryMethod?: string | null;
  carrierName?: string | null;
  carrierPhone?: string | null;
  remarks?: string | null;
  backorder?: boolean;
  priceIncludesTax?: boolean;
  lines: LineValues[];
};
type Defaults = {
  customerName: string; ownerId: number | null; ownerName: string | null; contactName: string | null; contactPhone: string | null; deliveryAddress: string | null;
  allowedTerms: string[] | null; creditLimit: number | null; prices: { productId: number; unitPrice: number; taxRateBp: number }[]; reviews: string[]; concessionReview: boolean;
};
type Warehouse = { id: number; name: string };
type ProductMeta = { id: number; name: string; spec: string | null; unit: string; taxRateBp: number; listPrice: number; packUnit?: string | null; packSize?: number | null };
const metaOf = (p: PickedProduct): ProductMeta => ({ id: p.id, name: p.name, spec: p.spec, unit: p.unit, taxRateBp: p.taxRateBp, listPrice: p.listPrice, packUnit: p.packUnit, packSize: p.packSize });

const priceOk = (s: string | null | undefined) => !!s && /^\d+(\.\d{1,4})?$/.test(String(s));

/** The line amounts the server will compute (the same rule: platform/money.ts lineAmounts), or null while a line is incomplete. */
function amountsOf(l: LineValues, meta: ProductMeta | undefined, priceIncludesTax: boolean) {
  if (!meta || !l.quantity || !priceOk(l.unitPrice)) return null;
  const discountBp = Math.round(Number(l.discount || 0) * 100);
  if (!(discountBp >= 0 && discountBp <= 10000)) return null;
  return lineAmounts({ quantity: l.quantity, unitPrice: parsePrice(String(l.unitPrice)), discountBp, taxRateBp: meta.taxRateBp, priceIncludesTax });
}

/** 录入/修改订单: customer → defaults (contact, phone, address, rep); lines with prices from the price list; live totals and capitals. */
export function OrderFormPage() {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { id } = useParams();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [credit, setCredit] = useState<OrderOut | null>(null);
  const [defaults, setDefaults] = useState<Defaults | null>(null);
  const meta = useRef(new Map<number, ProductMeta>());
  // each product's price for this customer (the price list's, which the line is measured against: 让价)
  const listPrices = useRef(new Map<number, number>());
  const [, bump] = useState(0);
  const editing = !!id;
  // 转订单: entered from a hold (?holdId=N), the order is for its customer, warehouse, product and quantity
  const [sp] = useSearchParams();
  const fromHold = editing ? null : Number(sp.get('holdId')) || null;
  // 复制订单: entered from another order (?copyFrom=N), the same goods again at today's prices
  const copyFrom = editing || fromHold ? null : Number(sp.get('copyFrom')) || null;
  const existing = useQuery({ queryKey: ['orders', 'one', Number(id)], queryFn: () => api.get<OrderOut>(`/api/orders/${id}`), enabled: editing });
  const copySource = useQuery({ queryKey: ['orders', 'one', copyFrom], queryFn: () => api.get<OrderOut>(`/api/orders/${copyFrom}`), enabled: !!copyFrom });
  const [copied, setCopied] = useState<CopiedOrder | null>(null);
  const warehouses = useQuery({ queryKey: ['warehouses', 'active'], queryFn: () => api.get<{ items: Warehouse[] }>('/api/warehouses', { active: '1', pageSize: 500 }) });

  const orderType = Form.useWatch('orderType', form) ?? 'direct';
  const lines = Form.useWatch('lines', form) ?? [];
  // a hook on every render (商超 prices are always tax-inclusive, but the watch must not be skipped)
  const priceIncludesTax = Form.useWatch('priceIncludesTax', form) as boolean | undefined;
  const includesTax = orderType === 'supermarket' ? true : (priceIncludesTax ?? true);
  const customerId = Form.useWatch('customerId', form);
  const paymentTerm = (Form.useWatch('paymentTerm', form) ?? 'cash') as string;
  const warehouseId = Form.useWatch('warehouseId', form) as number | null | undefined;
  const available = useAvailable(warehouseId, lines.map((l) => l?.productId));

  useEffect(() => {
    const o = existing.data;
    if (!o) return;
    for (const l of o.lines) {
      // with the pack the line carries: a draft opened again keeps its case box (箱数) and case figures
      meta.current.set(l.productId, { id: l.productId, name: l.productName, spec: l.spec, unit: l.unit, taxRateBp: l.taxRateBp, listPrice: l.unitPrice, packUnit: l.packUnit, packSize: l.packSize });
      if (l.listPrice != null) listPrices.current.set(l.productId, l.listPrice);
    }
    form.setFieldsValue({
      customerId: o.customerId, orderType: o.orderType, paymentTerm: o.paymentTerm, warehouseId: o.warehouseId, ownerId: o.ownerId,
      contactName: o.contactName, contactPhone: o.contactPhone, deliveryAddress: o.deliveryAddress, deliveryDate: o.deliveryDate ? dayjs(o.deliveryDate) : null,
      deliveryMethod: o.deliveryMethod, carrierName: o.carrierName, carrierPhone: o.carrierPhone, remarks: o.remarks, backorder: o.backorder, priceIncludesTax: o.priceIncludesTax,
      lines: o.lines.map((l) => ({ productId: l.productId, quantity: l.quantity, unitPrice: formatPrice(l.unitPrice, false), discount: l.discountBp ? String(l.discountBp / 100) : '', barcode: l.barcode })),
    });
    bump((n) => n + 1);
  }, [existing.data, form]);
  useEffect(() => {
    const ws = warehouses.data?.items ?? [];
    if (!editing && ws.length && !form.getFieldValue('warehouseId')) form.setFieldValue('warehouseId', lastChoiceAmong('warehouse', ws.map((w) => w.id)));
  }, [warehouses.data, editing, form]);

  const loadDefaults = async (cid: number, type: string, productIds: number[] = []) =>
    api.get<Defaults>('/api/orders/defaults', { customerId: cid, orderType: type, productIds: productIds.join(',') || undefined });

  const onCustomer = async (cid: number | null) => {
    form.setFieldValue('customerId', cid);
    if (!cid) return setDefaults(null);
    try {
      const d = await loadDefaults(cid, orderType);
      setDefaults(d);
      form.setFieldsValue({ contactName: d.contactName, contactPhone: d.contactPhone, deliveryAddress: d.deliveryAddress, ownerId: d.ownerId ?? undefined });
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const sourceHold = useSourceHold(fromHold ?? existing.data?.holdId);
  const prefilled = useRef(false);
  useEffect(() => {
    const h = sourceHold.data;
    if (!h || !fromHold || prefilled.current) return;
    prefilled.current = true;
    void (async () => {
      const [p] = await api.get<PickedProduct[]>('/api/products/lookup', { ids: String(h.productId) });
      if (p) meta.current.set(p.id, metaOf(p));
      const { customerId, ...rest } = orderValuesFromHold(h, t.locale);
      form.setFieldsValue(rest);
      await onCustomer(customerId);
      // as the server measures it: the hold's price (approved special, else its day's list) where lower than today's
      const today = (await loadDefaults(customerId, (form.getFieldValue('orderType') as string | undefined) ?? 'direct', [h.productId])).prices.find((x) => x.productId === h.productId)?.unitPrice;
      listPrices.current.set(h.productId, Math.min(h.agreedPrice ?? h.listPrice, today ?? Number.MAX_SAFE_INTEGER));
      bump((n) => n + 1);
    })().catch((e: unknown) => setError(errorMessage(e)));
  }, [sourceHold.data]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const o = copySource.data;
    const ws = warehouses.data?.items;
    if (!o || !ws || prefilled.current) return;
    prefilled.current = true;
    void (async () => {
      const copy = await copyOrder(o, ws.map((w) => w.id));
      for (const p of copy.products) meta.current.set(p.id, metaOf(p));
      for (const [id, price] of copy.listPrices) listPrices.current.set(id, price);
      const { customerId, contactName, contactPhone, deliveryAddress, ...rest } = copy.values;
      form.setFieldsValue(rest);
      await onCustomer(customerId);
      // the old order's contact and address, where it had them (the rep's choice for this customer's orders)
      form.setFieldsValue(Object.fromEntries(Object.entries({ contactName, contactPhone, deliveryAddress }).filter(([, v]) => v)));
      setCopied(copy);
      bump((n) => n + 1);
    })().catch((e: unknown) => setError(errorMessage(e)));
  }, [copySource.data, warehouses.data]); // eslint-disable-line react-hooks/exhaustive-deps

  const onProduct = async (index: number, p: PickedProduct | null) => {
    if (!p) return;
    meta.current.set(p.id, metaOf(p));
    let price = p.listPrice;
    if (customerId) {
      try {
        price = (await loadDefaults(customerId, orderType, [p.id])).prices.find((x) => x.productId === p.id)?.unitPrice ?? price;
      } catch {
        /* keep the list price */
      }
    }
    listPrices.current.set(p.id, price);
    const all = [...(form.getFieldValue('lines') as LineValues[])];
    all[index] = { ...all[index], productId: p.id, unitPrice: formatPrice(price, false), quantity: all[index]?.quantity ?? 1 };
    form.setFieldValue('lines', all);
    bump((n) => n + 1);
  };

  // another order type may have another price list: the lines take its prices
  const reprice = async (type: string) => {
    const cid = form.getFieldValue('customerId') as number | null;
    const current = (form.getFieldValue('lines') as LineValues[]) ?? [];
    const ids = current.map((l) => l.productId).filter((x): x is number => !!x);
    if (!cid || !ids.length) return;
    try {
      const d = await loadDefaults(cid, type, ids);
      for (const p of d.prices) listPrices.current.set(p.productId, p.unitPrice);
      form.setFieldValue('lines', current.map((l) => {
        const p = d.prices.find((x) => x.productId === l.productId);
        return p ? { ...l, unitPrice: formatPrice(p.unitPrice, false) } : l;
      }));
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const computed = lines.map((l) => amountsOf(l ?? {}, l?.productId ? meta.current.get(l.productId) : undefined, includesTax));
  const totals = useMemo(() => sumLines(computed.filter((x): x is NonNullable<typeof x> => !!x)), [JSON.stringify(computed)]); // eslint-disable-line react-hooks/exhaustive-deps
  const totalQty = lines.reduce((s, l) => s + (l?.quantity ?? 0), 0);
  // 让价 by the server's rule (orders/concession.ts), line by line: shown as the clerk types
  const concessions = lines.map((l, i) => {
    const c = computed[i];
    const m = l?.productId ? meta.current.get(l.productId) : undefined;
    const listPrice = l?.productId ? (listPrices.current.get(l.productId) ?? null) : null;
    if (!c || !m || listPrice == null) return 0;
    return lineConcession({ quantity: l.quantity!, unitPrice: parsePrice(String(l.unitPrice)), discountBp: Math.round(Number(l.discount || 0) * 100), taxRateBp: m.taxRateBp, amount: c.amount, listPrice });
  });
  const concession = concessions.reduce((s, x) => s + x, 0);

  const bodyOf = (v: FormValues) => ({
    customerId: v.customerId, orderType: v.orderType, paymentTerm: v.paymentTerm, warehouseId: v.warehouseId, ownerId: v.ownerId ?? null,
    contactName: v.contactName || null, contactPhone: v.contactPhone || null, deliveryAddress: v.deliveryAddress || null,
    deliveryDate: v.deliveryDate ? v.deliveryDate.format('YYYY-MM-DD') : null, deliveryMethod: v.deliveryMethod ?? null,
    carrierName: v.carrierName || null, carrierPhone: v.carrierPhone || null, remarks: v.remarks || null, backorder: !!v.backorder,
    priceIncludesTax: v.orderType === 'supermarket' ? true : (v.priceIncludesTax ?? true),
    lines: (v.lines ?? []).map((l) => ({
      productId: l.productId, quantity: l.quantity, unitPrice: priceOk(l.unitPrice) ? parsePrice(String(l.unitPrice)) : null,
      discountBp: Math.round(Number(l.discount || 0) * 100), barcode: l.barcode || null,
    })),
  });

  const save = async (submit: boolean) => {
    setError(null);
    let v: FormValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    let saved: OrderOut | null = null;
    try {
      saved = editing
        ? await api.put<OrderOut>(`/api/orders/${id}`, { ...bodyOf(v), version: existing.data!.version })
        : await api.post<OrderOut>('/api/orders', { ...bodyOf(v), holdId: fromHold });
      rememberChoice('warehouse', v.warehouseId);
      invalidateOrders(qc);
      if (fromHold) invalidateHolds(qc);
      if (!submit) {
        message.success(t('orders.saved'));
        navigate(`/orders/${saved.id}`);
        return;
      }
      const s = await api.post<OrderOut>(`/api/orders/${saved.id}/submit`, { version: saved.version });
      invalidateOrders(qc);
      if (fromHold) invalidateHolds(qc);
      announceSubmitted(message, t, s);
      navigate(`/orders/${s.id}`);
    } catch (e) {
      if (saved && !editing) navigate(`/orders/${saved.id}/edit`, { replace: true });
      if (saved && isApiError(e) && (e.code === 'ORDER_CREDIT_LIMIT' || e.code === 'ORDER_TERM_NOT_ALLOWED')) {
        setCredit(saved);
      }
      const rest = applyFormErrors(form, e);
      setError([errorMessage(e), ...rest].join('；'));
    } finally {
      setBusy(false);
    }
  };

  // the customer's allowed terms (without a credit profile: cash or transfer), the others marked; another
  // term is not refused here: a manager may let the order past it with a reason at submit
  const allowedTerms = defaults ? (defaults.allowedTerms ?? ['cash', 'transfer']) : null;
  const termOptions = options(paymentTermLabels, t).map((o) => (allowedTerms && !allowedTerms.includes(o.value) ? { value: o.value, label: `${o.label}${t('orders.termNotAllowed')}` } : o));
  const termHint = !allowedTerms
    ? {}
    : {
        extra: defaults?.allowedTerms ? `${t('orders.creditTerms')}：${allowedTerms.map((x) => t.l(paymentTermLabels[x as keyof typeof paymentTermLabels])).join('、')}` : t('orders.creditNoProfile'),
        ...(allowedTerms.includes(paymentTerm) ? {} : { validateStatus: 'warning' as const }),
      };

  const colon = t.locale === 'en-US' ? ': ' : '：';
  if (editing && existing.isPending) return <Spin />;
  const regional = orderType === 'regional';
  const supermarket = orderType === 'supermarket';

  return (
    <PageFrame title={editing ? `${t('orders.edit')} ${existing.data?.number ?? ''}` : t('orders.new')} back="/orders" bare>
      {sourceHold.data && <SourceHoldAlert hold={sourceHold.data} orderTotal={totals.amount} />}
      {copied && <CopiedOrderAlert copy={copied} />}
      {copySource.error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorMessage(copySource.error)} />}
      <Form<FormValues> form={form} layout="vertical" initialValues={{ orderType: 'direct', paymentTerm: 'cash', lines: [{ quantity: 1 }], priceIncludesTax: true, backorder: false }} onValuesChange={(changed: Partial<FormValues>) => { setError(null); if (changed.orderType) void reprice(changed.orderType); }}>
        <Card variant="borderless" style={{ marginBottom: 12 }}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="customerId" label={t('orders.customer')} rules={[{ required: true, message: t('common.required', { field: t('orders.customer') }) }]}>
                <CustomerPicker initialLabel={existing.data?.customerName ?? defaults?.customerName ?? null} onChange={(v) => void onCustomer(v)} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="orderType" label={t('orders.type')} rules={[{ required: true }]}>
                <Select options={options(orderTypeLabels, t)} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="paymentTerm" label={t('orders.term')} rules={[{ required: true }]} {...termHint}>
                <Select options={termOptions} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="warehouseId" label={t('orders.warehouse')} rules={[{ required: true, message: t('common.required', { field: t('orders.warehouse') }) }]}>
                <Select loading={warehouses.isPending} options={(warehouses.data?.items ?? []).map((w) => ({ value: w.id, label: w.name }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="ownerId" label={t('orders.rep')}>
                <UserPicker allowClear />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}><Form.Item name="contactName" label={t('orders.contact')}><Input maxLength={50} /></Form.Item></Col>
            <Col xs={12} md={6}><Form.Item name="contactPhone" label={t('orders.phone')}><Input maxLength={30} /></Form.Item></Col>
            <Col xs={24} md={12}><Form.Item name="deliveryAddress" label={t('orders.address')}><Input maxLength={200} /></Form.Item></Col>
            <Col xs={12} md={6}><Form.Item name="deliveryDate" label={t('orders.deliveryDate')}><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
            <Col xs={12} md={6}><Form.Item name="deliveryMethod" label={t('orders.deliveryMethod')}><Select allowClear options={options(deliveryMethodLabels, t)} /></Form.Item></Col>
            <Col xs={12} md={6}>
              <Form.Item name="carrierName" label={t('orders.carrier')} rules={regional ? [{ required: true, whitespace: true, message: t('common.required', { field: t('orders.carrier') }) }] : []}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="carrierPhone" label={t('orders.carrierPhone')} rules={regional ? [{ required: true, whitespace: true, message: t('common.required', { field: t('orders.carrierPhone') }) }] : []}>
                <Input maxLength={30} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}><Form.Item name="remarks" label={t('orders.remarks')}><Input maxLength={500} /></Form.Item></Col>
            <Col xs={24} md={12}>
              <Space direction="vertical" size={0} style={{ paddingTop: 30 }}>
                <Form.Item name="priceIncludesTax" valuePropName="checked" noStyle><Checkbox disabled={supermarket}>{t('orders.priceIncludesTax')}</Checkbox></Form.Item>
                <Form.Item name="backorder" valuePropName="checked" noStyle><Checkbox>{t('orders.backorder')}</Checkbox></Form.Item>
              </Space>
            </Col>
          </Row>
        </Card>

        <Card variant="borderless" title={t('orders.lines')} extra={<Typography.Text type="secondary">{t(includesTax ? 'orders.taxNote' : 'orders.taxNoteEx')}</Typography.Text>}>
          <Form.List name="lines">
            {(fields, { add, remove }) => (
              <>
                <Table
                  size="small"
                  pagination={false}
                  rowKey="key"
                  dataSource={fields}
                  scroll={{ x: 1000 }}
                  columns={[
                    { title: '#', width: 40, render: (_, f) => f.name + 1 },
                    {
                      title: t('orders.product'), width: 280,
                      render: (_, f) => (
                        <Form.Item name={[f.name, 'productId']} noStyle getValueFromEvent={(p: PickedProduct | null) => p?.id ?? null} rules={[{ required: true, message: t('common.required', { field: t('orders.product') }) }]}>
                          <ProductPicker aria-label={`${t('orders.product')} ${f.name + 1}`} id={`line-${f.name}-product`} value={lines[f.name]?.productId ?? null} onChange={(p) => void onProduct(f.name, p)} />
                        </Form.Item>
                      ),
                    },
                    ...(supermarket
                      ? [{ title: t('orders.barcode'), width: 150, render: (_: unknown, f: { name: number }) => <Form.Item name={[f.name, 'barcode']} style={{ margin: 0 }}><Input maxLength={40} /></Form.Item> }]
                      : []),
                    { title: t('orders.unit'), width: 60, render: (_, f) => meta.current.get(lines[f.name]?.productId ?? 0)?.unit ?? '' },
                    {
                      title: t('orders.quantity'), width: 120,
                      render: (_, f) => {
                        const m = meta.current.get(lines[f.name]?.productId ?? 0);
                        return (
                          <>
                            <Form.Item name={[f.name, 'quantity']} style={{ margin: 0 }} rules={[{ required: true, message: t('common.required', { field: t('orders.quantity') }) }]}><InputNumber aria-label={`${t('orders.quantity')} ${f.name + 1}`} min={1} precision={0} style={{ width: 96 }} /></Form.Item>
                            {m?.packUnit && m.packSize && m.packSize > 1 ? (
                              <PackQuantity
                                index={f.name} unit={m.unit} packUnit={m.packUnit} packSize={m.packSize} quantity={lines[f.name]?.quantity ?? null}
                                onChange={(q) => { form.setFieldValue(['lines', f.name, 'quantity'], q); bump((n) => n + 1); }}
                              />
                            ) : null}
                          </>
                        );
                      },
                    },
                    {
                      title: t('orders.available'), width: 100, align: 'right' as const, onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }),
                      render: (_, f) => {
                        const a = available.get(lines[f.name]?.productId ?? 0);
                        if (a === undefined) return '—';
                        const short = (lines[f.name]?.quantity ?? 0) > a;
                        const m = meta.current.get(lines[f.name]?.productId ?? 0);
                        // in cases too, as the quantity beside it can be typed (480 → 40箱)
                        return (
                          <>
                            <Typography.Text type={short ? 'danger' : 'secondary'} title={short ? t('orders.availableShort') : undefined} data-testid={`line-${f.name}-available`}>{a}</Typography.Text>
                            {m && <PackNote quantity={a} packing={{ unit: m.unit, packUnit: m.packUnit ?? null, packSize: m.packSize ?? null }} testId={`line-${f.name}-available-packs`} />}
                          </>
                        );
                      },
                    },
                    {
                      title: t('orders.unitPrice'), width: 140,
                      render: (_, f) => (
                        <>
                          <Form.Item name={[f.name, 'unitPrice']} style={{ margin: 0 }}><InputNumber aria-label={`${t('orders.unitPrice')} ${f.name + 1}`} stringMode min="0" precision={4} style={{ width: 126 }} /></Form.Item>
                          {concessions[f.name]! > 0 && (
                            <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid={`line-${f.name}-concession`}>
                              {t('orders.underList', { list: formatPrice(listPrices.current.get(lines[f.name]!.productId!)!) })}
                            </Typography.Text>
                          )}
                        </>
                      ),
                    },
                    { title: t('orders.discount'), width: 90, render: (_, f) => <Form.Item name={[f.name, 'discount']} style={{ margin: 0 }}><InputNumber stringMode min="0" max="100" precision={2} style={{ width: 76 }} /></Form.Item> },
                    { title: t('orders.taxRate'), width: 60, render: (_, f) => { const m = meta.current.get(lines[f.name]?.productId ?? 0); return m ? percent(m.taxRateBp) : ''; } },
                    { title: t('orders.amount'), width: 120, align: 'right' as const, render: (_, f) => (computed[f.name] ? <Money fen={computed[f.name]!.amount} /> : '—') },
                    { title: '', width: 40, render: (_, f) => <Button type="text" danger aria-label={t('common.delete')} icon={<DeleteOutlined />} disabled={fields.length === 1} onClick={() => remove(f.name)} /> },
                  ]}
                />
                <Button style={{ marginTop: 8 }} icon={<PlusOutlined />} onClick={() => add({ quantity: 1 })}>{t('orders.addLine')}</Button>
              </>
            )}
          </Form.List>
          <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 24, marginTop: 16, flexWrap: 'wrap' }} data-testid="order-totals">
            <span>{t('orders.quantity')}{colon}{totalQty}</span>
            <span>{t('orders.amountExTax')}{colon}<Money fen={totals.amountExTax} /></span>
            <span>{t('orders.tax')}{colon}<Money fen={totals.taxAmount} /></span>
            <Typography.Text strong>{t('orders.total')}{colon}<Money fen={totals.amount} /></Typography.Text>
          </div>
          <div style={{ textAlign: 'right', marginTop: 4 }}>
            <Typography.Text type="secondary">{t('orders.totalCapitals')}{colon}</Typography.Text>
            <Typography.Text strong data-testid="order-capitals">{toChineseCapitals(totals.amount)}</Typography.Text>
          </div>
        </Card>
        {concession > 0 && (
          <Alert type="warning" showIcon style={{ marginTop: 12 }} data-testid="form-concession"
            title={t(defaults?.concessionReview === false ? 'orders.formConcession' : 'orders.formConcessionReview', { amount: formatMoney(concession) })} />
        )}
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
        <Space style={{ marginTop: 12 }}>
          <Button onClick={() => void save(false)} loading={busy}>{t('orders.saveDraft')}</Button>
          <Button type="primary" onClick={() => void save(true)} loading={busy}>{t('orders.submit')}</Button>
        </Space>
      </Form>
      {credit && <CreditDialog order={credit} open={!!credit} onClose={() => setCredit(null)} onDone={(o) => { setCredit(null); announceSubmitted(message, t, o); navigate(`/orders/${o.id}`); }} />}
    </PageFrame>
  );
}

/**
 * What the chosen warehouse can still promise of each product on the lines (on hand − reserved), so
 * the clerk sees a shortage while writing the order rather than at confirmation.
 */
function useAvailable(warehouseId: number | null | undefined, productIds: (number | null | undefined)[]) {
  const ids = [...new Set(productIds.filter((x): x is number => !!x))];
  const results = useQueries({
    queries: ids.map((productId) => ({
      queryKey: ['stock', 'available', warehouseId, productId],
      queryFn: () => api.get<{ items: { available: number }[] }>('/api/stock', { warehouseId: warehouseId!, productId, pageSize: 1 }),
      enabled: !!warehouseId,
      staleTime: 10_000,
    })),
  });
  const out = new Map<number, number>();
  ids.forEach((id, i) => {
    const data = results[i]?.data;
    if (data) out.set(id, data.items[0]?.available ?? 0);
  });
  return out;
}
