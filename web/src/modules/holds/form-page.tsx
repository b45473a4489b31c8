import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Form, Input, InputNumber, Row, Space } from 'antd';
import { useNavigate } from 'react-router';
import { api, errorMessage } from '../../app/api.ts';
import { useT } from '../../app/i18n.tsx';
import { applyFormErrors } from '../../components/form-errors.ts';
import { lastChoiceAmong, rememberChoice } from '../../components/last-choice.ts';
import { PageFrame } from '../../components/page-frame.tsx';
import { useWarehouses, WarehouseSelect } from '../inventory/shared.tsx';
import { CustomerPicker } from '../leads/shared.tsx';
import { ProductPicker, type PickedProduct } from '../products/product-picker.tsx';
import { hasPack, PackQuantity, packsInBrackets } from '../products/pack-quantity.tsx';
import { parseYuan } from '../../../../src/platform/money.ts';
import { ReceiptMethodSelect, type ReceiptMethod } from '../receipts/shared.tsx';
import { invalidateHolds, priceText, type HoldOut } from './shared.tsx';

type FormValues = {
  customerId?: number | null;
  productId?: number | null;
  warehouseId?: number | null;
  quantity?: number | null;
  deposit?: string | null;
  depositMethod?: ReceiptMethod;
  holderName?: string | null;
  holderPhone?: string | null;
  remarks?: string | null;
};

/** 新建留货: the customer holds a product in a warehouse against a small deposit 订金; the stock is reserved at once. */
export function HoldFormPage() {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [product, setProduct] = useState<PickedProduct | null>(null);
  const warehouses = useWarehouses();
  const warehouseId = Form.useWatch('warehouseId', form);
  const available = useQuery({
    queryKey: ['stock', 'available', warehouseId, product?.id],
    queryFn: () => api.get<{ items: { available: number }[] }>('/api/stock', { warehouseId: warehouseId!, productId: product!.id, pageSize: 1 }),
    enabled: !!warehouseId && !!product,
    staleTime: 10_000,
  });
  useEffect(() => {
    const ws = warehouses.data?.items ?? [];
    if (ws.length && !form.getFieldValue('warehouseId')) form.setFieldValue('warehouseId', lastChoiceAmong('warehouse', ws.map((w) => w.id)));
  }, [warehouses.data, form]);

  const save = async (v: FormValues) => {
    setError(null);
    setBusy(true);
    try {
      const hold = await api.post<HoldOut>('/api/holds', {
        customerId: v.customerId, productId: v.productId, warehouseId: v.warehouseId, quantity: v.quantity, deposit: parseYuan(String(v.deposit)), depositMethod: v.depositMethod,
        holderName: v.holderName?.trim() || null, holderPhone: v.holderPhone?.trim() || null, remarks: v.remarks?.trim() || null,
      });
      rememberChoice('warehouse', v.warehouseId);
      invalidateHolds(qc);
      message.success(t('holds.saved', { number: hold.number }));
      navigate(`/holds/${hold.id}`);
    } catch (e) {
      const rest = applyFormErrors(form, e);
      setError([errorMessage(e), ...rest].join('；'));
    } finally {
      setBusy(false);
    }
  };

  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  const stock = available.data ? available.data.items[0]?.available ?? 0 : null;
  const quantity = Form.useWatch('quantity', form) as number | null | undefined;
  const availablePacks = stock !== null && product ? packsInBrackets(stock, product, t.locale) : '';
  return (
    <PageFrame title={t('holds.new')} back="/holds">
      <Alert type="info" showIcon title={t('holds.intro')} style={{ marginBottom: 16, maxWidth: 960 }} />
      <Form<FormValues> form={form} layout="vertical" style={{ maxWidth: 960 }} initialValues={{ depositMethod: 'cash' }} onFinish={(v) => void save(v)} onValuesChange={() => setError(null)}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="customerId" label={t('holds.customer')} rules={required(t('holds.customer'))}>
              <CustomerPicker />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="warehouseId" label={t('holds.warehouse')} rules={required(t('holds.warehouse'))}>
              <WarehouseSelect allowClear={false} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="productId"
              label={t('holds.product')}
              rules={required(t('holds.product'))}
              getValueFromEvent={(p: PickedProduct | null) => p?.id ?? null}
              extra={product ? `${t('holds.listPrice')} ${priceText(product.listPrice)}/${product.unit}` : undefined}
            >
              <ProductPicker onChange={setProduct} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            {/* a customer holds cases (年会团购 10 箱): the cases may be typed under the quantity, as on the order form, and the stock reads in cases too */}
            <Form.Item label={t('holds.quantity')} required htmlFor="quantity" extra={stock !== null ? `${t('holds.available', { n: stock })}${availablePacks}` : undefined}>
              <Form.Item name="quantity" noStyle rules={required(t('holds.quantity'))}>
                <InputNumber id="quantity" min={1} precision={0} style={{ width: '100%' }} suffix={product?.unit} />
              </Form.Item>
              {product && hasPack(product) && (
                <PackQuantity
                  index={0} unit={product.unit} packUnit={product.packUnit} packSize={product.packSize} quantity={quantity ?? null} label={t('products.packs', { packUnit: product.packUnit })}
                  onChange={(q) => form.setFieldValue('quantity', q)}
                />
              )}
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="deposit" label={t('holds.depositYuan')} rules={[{ required: true, pattern: /^\d+(\.\d{1,2})?$/, message: t('common.required', { field: t('holds.deposit') }) }]}>
              <InputNumber stringMode min="0.01" precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="depositMethod" label={t('holds.depositMethod')} rules={required(t('holds.depositMethod'))} extra={t('holds.depositMethodHelp')}>
              <ReceiptMethodSelect style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="holderName" label={t('holds.holderName')}>
              <Input maxLength={50} placeholder={t('holds.holderDefault')} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="holderPhone" label={t('holds.holderPhone')}>
              <Input maxLength={30} placeholder={t('holds.holderPhoneDefault')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="remarks" label={t('holds.remarks')}>
              <Input.TextArea rows={1} autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>{t('common.save')}</Button>
          <Button onClick={() => navigate('/holds')}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </PageFrame>
  );
}
