import { useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, AutoComplete, Button, Col, Drawer, Form, Input, InputNumber, Popconfirm, Row, Select, Space, Switch, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../app/api.ts';
import { useCan } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.tsx';
import { ExportButton } from '../../components/export-button.tsx';
import { applyFormErrors } from '../../components/form-errors.ts';
import { DateTime } from '../../components/format.tsx';
import { HistoryDrawer } from '../../components/history-drawer.tsx';
import { ImportButton } from '../../components/import-wizard.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { PricesDrawer } from './prices-drawer.tsx';
import { listKey, ServerTable, useListParams } from '../../components/server-table.tsx';
import {
  priceRule, PriceInput, priceToYuan, productActionLabels, productFieldLabels, productFormatters, showPrice, showRate, taxRateOptions, yuanToPrice,
  type ProductOut,
} from './shared.tsx';

const ENDPOINT = '/api/products';
const filterKeys = ['q', 'category', 'brand', 'active'];

type Facets = { categories: string[]; brands: string[] };
const useFacets = () => useQuery({ queryKey: ['products', 'facets'], queryFn: () => api.get<Facets>('/api/products/facets'), staleTime: 30_000 });

type Values = Omit<ProductOut, 'id' | 'listPrice' | 'costPrice' | 'active' | 'createdAt' | 'updatedAt' | 'version'> & { listPrice: string; costPrice?: string };

const orNull = (v: string | null | undefined) => (v === undefined || v === null || v.trim() === '' ? null : v.trim());

/**
 * The create/edit drawer of one product, a fresh form each time it opens. One form kept across openings
 * showed an edit with empty fields when it was opened again while still sliding shut after a save: its
 * fields (preserve={false}) were unmounted after the new opening had read its initial values.
 */
function ProductDrawer(props: { product: ProductOut | 'new' | null; onClose: () => void }) {
  const opening = useRef<{ product: ProductOut | 'new' | null; n: number }>({ product: null, n: 0 });
  if (props.product !== opening.current.product) {
    opening.current = { product: props.product, n: opening.current.n + (props.product === null ? 0 : 1) };
  }
  return <ProductDrawerOnce key={opening.current.n} {...props} />;
}

function ProductDrawerOnce({ product, onClose }: { product: ProductOut | 'new' | null; onClose: () => void }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const facets = useFacets();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const isNew = product === 'new';
  const unit = Form.useWatch('unit', form) || '瓶';
  useEffect(() => setError(null), [product]);
  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    const body = {
      code: v.code.trim(), name: v.name.trim(), spec: orNull(v.spec), unit: v.unit.trim(), packUnit: orNull(v.packUnit), packSize: v.packSize ?? null,
      barcode: orNull(v.barcode), packBarcode: orNull(v.packBarcode), category: orNull(v.category), brand: orNull(v.brand), taxRateBp: v.taxRateBp,
      listPrice: yuanToPrice(v.listPrice), costPrice: yuanToPrice(v.costPrice), shelfLifeDays: v.shelfLifeDays ?? null,
      safetyStock: v.safetyStock ?? 0, targetStock: v.targetStock ?? 0, trackCodes: !!v.trackCodes, notes: orNull(v.notes),
    };
    try {
      if (isNew) await api.post(ENDPOINT, body);
      else await api.put(`${ENDPOINT}/${(product as ProductOut).id}`, { ...body, version: (product as ProductOut).version });
      await Promise.all([qc.invalidateQueries({ queryKey: listKey(ENDPOINT) }), qc.invalidateQueries({ queryKey: ['products'] }), qc.invalidateQueries({ queryKey: ['remote-select'] })]);
      message.success(t('common.saved'));
      onClose();
    } catch (e) {
      const rest = applyFormErrors(form, e);
      setError([errorMessage(e), ...rest].join('；'));
    } finally {
      setBusy(false);
    }
  };
  // closing with typed changes asks first (a mis-click on the mask must not lose a product's new prices)
  const close = () =>
    form.isFieldsTouched()
      ? modal.confirm({ title: t('pl.unsaved'), content: t('prod.discardConfirm'), okText: t('pl.discard'), cancelText: t('pl.keepEditing'), okButtonProps: { danger: true }, onOk: onClose })
      : onClose();
  const req = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });
  const initial: Partial<Values> =
    product && product !== 'new'
      ? { ...product, listPrice: priceToYuan(product.listPrice), costPrice: priceToYuan(product.costPrice) }
      : { unit: '瓶', packUnit: '箱', packSize: 12, taxRateBp: 1300, safetyStock: 0, targetStock: 0, trackCodes: false };
  const opts = (xs: string[] | undefined) => (xs ?? []).map((x) => ({ value: x }));
  return (
    <Drawer
      open={product !== null}
      onClose={close}
      title={isNew ? t('prod.new') : `${t('prod.edit')}：${(product as ProductOut | null)?.name ?? ''}`}
      size={720}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="product-save">{t('common.save')}</Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form name="product" form={form} layout="vertical" onFinish={submit} preserve={false} initialValues={initial}>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="code" label={t('prod.code')} extra={t('prod.codeHelp')} rules={[req(t('prod.code')), { pattern: /^[0-9A-Za-z_\-.]+$/, message: t('prod.codeHelp') }]}>
              <Input maxLength={30} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="name" label={t('prod.name')} rules={[req(t('prod.name'))]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="spec" label={t('prod.spec')}>
              <Input maxLength={50} placeholder="500ml" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="category" label={t('prod.category')}>
              <AutoComplete options={opts(facets.data?.categories)} maxLength={30} filterOption />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="brand" label={t('prod.brand')}>
              <AutoComplete options={opts(facets.data?.brands)} maxLength={30} filterOption />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="unit" label={t('prod.unit')} rules={[req(t('prod.unit'))]}>
              <Input maxLength={10} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="packUnit" label={t('prod.packUnit')} extra={t('prod.packHelp')}>
              <Input maxLength={10} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="packSize" label={t('prod.packSize')}>
              <InputNumber min={2} max={10000} precision={0} style={{ width: '100%' }} suffix={unit} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="barcode" label={t('prod.barcode')}>
              <Input maxLength={32} placeholder="69…" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="packBarcode" label={t('prod.packBarcode')}>
              <Input maxLength={32} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="listPrice" label={t('prod.listPrice')} extra={t('prod.listPriceHelp', { unit })} rules={[req(t('prod.listPrice')), priceRule(t)]}>
              <PriceInput />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="taxRateBp" label={t('prod.taxRate')} rules={[{ required: true, message: t('common.required', { field: t('prod.taxRate') }) }]}>
              <Select options={taxRateOptions} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="costPrice" label={t('prod.costPrice')} rules={[priceRule(t)]}>
              <PriceInput />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="shelfLifeDays" label={t('prod.shelfLife')}>
              <InputNumber min={1} max={36500} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="safetyStock" label={t('prod.safetyStock')} extra={t('prod.stockHelp')}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} suffix={unit} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="targetStock" label={t('prod.targetStock')}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} suffix={unit} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="trackCodes" label={t('prod.trackCodes')} extra={t('prod.trackCodesHelp')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="notes" label={t('prod.notes')}>
              <Input.TextArea maxLength={1000} rows={2} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}

function Filters() {
  const t = useT();
  const { params, set } = useListParams();
  const facets = useFacets();
  const [text, setText] = useState(params.q ?? '');
  // the box follows the address when it changes from elsewhere (back, a link), not when it catches up with
  // the search typed here: that late update would overwrite what the user has typed since
  const searched = useRef(params.q ?? '');
  useEffect(() => {
    if ((params.q ?? '') !== searched.current) setText(params.q ?? '');
    searched.current = params.q ?? '';
  }, [params.q]);
  return (
    <Space wrap>
      <Input.Search
        aria-label={t('common.search')}
        placeholder={t('prod.search')}
        allowClear
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={(v) => {
          searched.current = v.trim();
          set({ q: v.trim() || null });
        }}
        style={{ width: 340 }}
        enterButton={t('common.search')}
        data-testid="product-search"
      />
      <Select aria-label={t('prod.category')} placeholder={t('prod.allCategories')} allowClear showSearch style={{ width: 140 }} value={params.category} onChange={(v) => set({ category: v ?? null })} options={(facets.data?.categories ?? []).map((c) => ({ value: c, label: c }))} />
      <Select aria-label={t('prod.brand')} placeholder={t('prod.allBrands')} allowClear showSearch style={{ width: 140 }} value={params.brand} onChange={(v) => set({ brand: v ?? null })} options={(facets.data?.brands ?? []).map((c) => ({ value: c, label: c }))} />
      <Select
        aria-label={t('common.status')}
        style={{ width: 120 }}
        value={params.active ?? '1'}
        onChange={(v) => set({ active: v === '1' ? null : v })}
        options={[{ value: '1', label: t('prod.activeOnly') }, { value: '0', label: t('prod.inactiveOnly') }, { value: 'all', label: t('prod.both') }]}
      />
      <Button onClick={() => set(Object.fromEntries(filterKeys.map((k) => [k, null])))}>{t('common.reset')}</Button>
    </Space>
  );
}

/** 商品档案: the company's products, searched (pinyin, code, barcode) and filtered on the server. */
export function ProductListPage() {
  const t = useT();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { params } = useListParams();
  const [editing, setEditing] = useState<ProductOut | 'new' | null>(null);
  const [history, setHistory] = useState<ProductOut | null>(null);
  const [prices, setPrices] = useState<ProductOut | null>(null);
  const manage = can('product.manage');
  const toggle = async (p: ProductOut) => {
    try {
      await api.post(`${ENDPOINT}/${p.id}/${p.active ? 'deactivate' : 'activate'}`, { version: p.version });
      message.success(p.active ? t('prod.deactivatedName', { name: p.name }) : t('prod.activated'));
      await qc.invalidateQueries({ queryKey: listKey(ENDPOINT) });
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <PageFrame
      title={t('prod.title')}
      extra={
        <Space wrap>
          <ImportButton kind="products" label={t('prod.title')} permission="product.import" onImported={() => qc.invalidateQueries({ queryKey: listKey(ENDPOINT) })} />
          <ExportButton url="/api/products/export.xlsx" permission="product.export" params={Object.fromEntries(filterKeys.map((k) => [k, params[k]]))} fileName="商品列表.xlsx" />
          {manage && <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>{t('prod.new')}</Button>}
        </Space>
      }
    >
      <ServerTable<ProductOut>
        endpoint={ENDPOINT}
        filterKeys={filterKeys}
        toolbar={<Filters />}
        scroll={{ x: 1420 }}
        columns={[
          { title: t('prod.code'), dataIndex: 'code', key: 'code', sorter: true, width: 124, fixed: 'left' },
          {
            title: t('prod.name'), dataIndex: 'name', key: 'name', sorter: true, width: 230,
            render: (v: string, p) => (
              <Space size={4}>
                <Typography.Link onClick={() => (manage ? setEditing(p) : setPrices(p))}>{v}</Typography.Link>
                {!p.active && <Tag>{t('common.inactive')}</Tag>}
                {p.trackCodes && <Tag color="purple">{t('prod.trackCodesTag')}</Tag>}
              </Space>
            ),
          },
          { title: t('prod.spec'), dataIndex: 'spec', width: 96, render: (v: string | null) => v ?? '—' },
          { title: t('prod.unit'), dataIndex: 'unit', width: 56 },
          { title: t('prod.pack'), key: 'pack', width: 110, render: (_: unknown, p) => (p.packUnit && p.packSize ? <span style={{ whiteSpace: 'nowrap' }}>{t('prod.packText', { packUnit: p.packUnit, packSize: p.packSize, unit: p.unit })}</span> : '—') },
          { title: t('prod.listPrice'), dataIndex: 'listPrice', key: 'listPrice', sorter: true, width: 116, align: 'right', render: (v: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{showPrice(v)}</span> },
          { title: t('prod.taxRate'), dataIndex: 'taxRateBp', width: 64, align: 'right', render: (v: number) => showRate(v) },
          { title: t('prod.category'), dataIndex: 'category', key: 'category', sorter: true, width: 100, render: (v: string | null) => v ?? '—' },
          { title: t('prod.brand'), dataIndex: 'brand', key: 'brand', sorter: true, width: 100, render: (v: string | null) => v ?? '—' },
          { title: t('prod.barcode'), dataIndex: 'barcode', width: 140, render: (v: string | null) => v ?? '—' },
          { title: t('prod.updatedAt'), dataIndex: 'updatedAt', key: 'updatedAt', sorter: true, width: 150, render: (v: string) => <DateTime value={v} /> },
          {
            title: t('common.actions'), key: 'actions', width: (manage ? 224 : 150) + (t.locale === 'en-US' ? 56 : 0), fixed: 'right',
            render: (_: unknown, p) => (
              <Space size={0} wrap>
                <Button type="link" size="small" onClick={() => setPrices(p)}>{t('prod.prices')}</Button>
                {manage && <Button type="link" size="small" onClick={() => setEditing(p)}>{t('common.edit')}</Button>}
                {manage &&
                  (p.active ? (
                    <Popconfirm title={t('prod.deactivateConfirm', { name: p.name })} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={() => toggle(p)}>
                      <Button type="link" size="small" danger>{t('prod.deactivate')}</Button>
                    </Popconfirm>
                  ) : (
                    <Button type="link" size="small" onClick={() => toggle(p)}>{t('prod.activate')}</Button>
                  ))}
                <Button type="link" size="small" onClick={() => setHistory(p)}>{t('common.history')}</Button>
              </Space>
            ),
          },
        ]}
      />
      <ProductDrawer product={editing} onClose={() => setEditing(null)} />
      <PricesDrawer product={prices} onClose={() => setPrices(null)} />
      <HistoryDrawer
        open={history !== null}
        onClose={() => setHistory(null)}
        endpoint={`${ENDPOINT}/${history?.id ?? 0}/history`}
        title={history ? t('prod.historyTitle', { name: history.name }) : undefined}
        fieldLabels={productFieldLabels}
        actionLabels={productActionLabels}
        formatters={productFormatters(t.locale === 'en-US')}
      />
    </PageFrame>
  );
}
