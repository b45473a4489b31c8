import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Empty, Form, Input, Popconfirm, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, HistoryOutlined, PlusOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../app/api.ts';
import { useCan } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.tsx';
import { applyFormErrors } from '../../components/form-errors.ts';
import { HistoryDrawer } from '../../components/history-drawer.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { ProductPicker, type PickedProduct } from './product-picker.tsx';
import {
  customerClassLabels, orderTypeLabels, priceRule, PriceInput, priceToYuan, productActionLabels, priceListFieldLabels, productFormatters, showPrice,
  yuanToPrice, type PriceListDetail, type PriceListOut,
} from './shared.tsx';

const ENDPOINT = '/api/price-lists';
const LISTS_KEY = ['products', 'price-lists'];

type Line = { productId?: number | null; unitPrice?: string };
type Values = { code: string; name: string; orderType?: string | null; customerClass?: string | null; items: Line[] };
type Brief = { code: string; name: string; spec: string | null; unit: string; listPrice: number; active: boolean };

/** The product cell of a price line: the picker inside a Form.Item, telling the page which product was picked. */
function PickerCell({ value, onChange, onPicked, excludeIds }: { value?: number | null; onChange?: (id: number | null) => void; onPicked: (p: PickedProduct) => void; excludeIds: number[] }) {
  return (
    <ProductPicker
      value={value}
      excludeIds={excludeIds}
      onChange={(p) => {
        if (p) onPicked(p);
        onChange?.(p?.id ?? null);
      }}
    />
  );
}

type ListScope = { orderType: string | null; customerClass: string | null };
/** whom a list's prices are for, both halves said (an empty half means every type or class): [二批, 所有客户类别] */
const scopeTexts = (t: ReturnType<typeof useT>, l: ListScope): [string, string] => [
  l.orderType ? t.l(orderTypeLabels[l.orderType as keyof typeof orderTypeLabels]) : t('pl.allTypes'),
  l.customerClass ? t.l(customerClassLabels[l.customerClass as keyof typeof customerClassLabels]) : t('pl.allClasses'),
];

/** 二批 over 所有客户类别: a list's scope, a line each. */
function Scope({ l }: { l: ListScope }) {
  const [type, klass] = scopeTexts(useT(), l);
  return (
    <Space direction="vertical" size={0}>
      <span style={{ whiteSpace: 'nowrap' }}>{type}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>{klass}</Typography.Text>
    </Space>
  );
}

/** A price list as one without price.manage reads it: its scope, and its products and prices as text (no disabled form). */
function PriceListView({ d }: { d: PriceListDetail }) {
  const t = useT();
  const pct = (i: PriceListDetail['items'][number]) => (i.listPrice ? Math.round(((i.unitPrice - i.listPrice) * 1000) / i.listPrice) / 10 : null);
  return (
    <>
      <Typography.Paragraph>
        <Typography.Text type="secondary">{t('pl.scope')}{t.locale === 'en-US' ? ': ' : '：'}</Typography.Text>
        {scopeTexts(t, d).join(' · ')}
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="productId"
        pagination={false}
        dataSource={d.items}
        data-testid="price-items"
        columns={[
          { title: '#', width: 44, render: (_, __, i) => i + 1 },
          { title: t('prod.code'), dataIndex: 'code', width: 130 },
          {
            title: t('prod.name'), dataIndex: 'name',
            render: (v: string, i) => <Space size={4}>{v}{i.spec && <Typography.Text type="secondary">{i.spec}</Typography.Text>}{!i.productActive && <Tag>{t('common.inactive')}</Tag>}</Space>,
          },
          { title: t('prod.unit'), dataIndex: 'unit', width: 56 },
          { title: t('pl.listPrice'), dataIndex: 'listPrice', width: 96, align: 'right', render: (v: number) => showPrice(v) },
          { title: t('pl.price'), dataIndex: 'unitPrice', width: 124, align: 'right', render: (v: number) => <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums' }}>{showPrice(v)}</Typography.Text> },
          {
            title: t('pl.diff'), key: 'diff', width: 80, align: 'right',
            render: (_, i) => { const v = pct(i); return v === null ? '' : <Typography.Text type={v < 0 ? 'success' : v > 0 ? 'danger' : 'secondary'}>{`${v > 0 ? '+' : ''}${v}%`}</Typography.Text>; },
          },
        ]}
      />
    </>
  );
}

/** Edits one price list (or a new one): header and its product prices as a table. */
function PriceListEditor({ id, onSaved, dirty, onDirty }: { id: number | 'new'; onSaved: (id: number) => void; dirty: boolean; onDirty: (dirty: boolean) => void }) {
  const t = useT();
  const can = useCan();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [history, setHistory] = useState(false);
  const [products, setProducts] = useState<Map<number, Brief>>(new Map());
  const manage = can('price.manage');
  const detail = useQuery({ queryKey: [...LISTS_KEY, id], queryFn: () => api.get<PriceListDetail>(`${ENDPOINT}/${id}`), enabled: id !== 'new' });
  const d = id === 'new' ? null : detail.data;
  useEffect(() => {
    setError(null);
    if (id === 'new') {
      form.setFieldsValue({ code: '', name: '', orderType: null, customerClass: null, items: [{}] });
      setProducts(new Map());
    } else if (d) {
      form.setFieldsValue({ code: d.code, name: d.name, orderType: d.orderType, customerClass: d.customerClass, items: d.items.map((i) => ({ productId: i.productId, unitPrice: priceToYuan(i.unitPrice) })) });
      setProducts(new Map(d.items.map((i) => [i.productId, { code: i.code, name: i.name, spec: i.spec, unit: i.unit, listPrice: i.listPrice, active: i.productActive }])));
    }
  }, [id, d, form]);
  const items = Form.useWatch('items', form) ?? [];
  const chosen = items.map((i) => i?.productId).filter((x): x is number => !!x);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    const body = {
      code: v.code.trim(), name: v.name.trim(), orderType: v.orderType ?? null, customerClass: v.customerClass ?? null,
      items: (v.items ?? []).filter((i) => i.productId || i.unitPrice).map((i) => ({ productId: i.productId, unitPrice: yuanToPrice(i.unitPrice) })),
    };
    try {
      const saved = id === 'new' ? await api.post<PriceListDetail>(ENDPOINT, body) : await api.put<PriceListDetail>(`${ENDPOINT}/${id}`, { ...body, version: d!.version });
      qc.setQueryData([...LISTS_KEY, saved.id], saved);
      await qc.invalidateQueries({ queryKey: LISTS_KEY, exact: true });
      message.success(t('common.saved'));
      onDirty(false);
      onSaved(saved.id);
    } catch (e) {
      const rest = applyFormErrors(form, e);
      setError([errorMessage(e), ...rest].join('；'));
    } finally {
      setBusy(false);
    }
  };
  const toggle = async () => {
    if (!d) return;
    try {
      const saved = await api.post<PriceListDetail>(`${ENDPOINT}/${d.id}/${d.active ? 'deactivate' : 'activate'}`, { version: d.version });
      qc.setQueryData([...LISTS_KEY, saved.id], saved);
      await qc.invalidateQueries({ queryKey: LISTS_KEY, exact: true });
      message.success(saved.active ? t('prod.activated') : t('prod.deactivated'));
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  if (id !== 'new' && detail.isError) return <Alert type="error" showIcon title={errorMessage(detail.error)} />;
  const title = id === 'new' ? t('pl.new') : d ? `${d.name}（${d.code}）` : t('common.loading');
  return (
    <Card
      title={
        <Space>
          {title}
          {d && (d.active ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>)}
          {dirty && <Tag color="orange" data-testid="price-list-unsaved">{t('pl.unsaved')}</Tag>}
        </Space>
      }
      loading={id !== 'new' && detail.isPending}
      extra={
        <Space>
          {d && <Button icon={<HistoryOutlined aria-hidden />} onClick={() => setHistory(true)}>{t('common.history')}</Button>}
          {d && manage &&
            (d.active ? (
              <Popconfirm title={t('pl.deactivateConfirm', { name: d.name })} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={toggle}>
                <Button danger>{t('prod.deactivate')}</Button>
              </Popconfirm>
            ) : (
              <Button onClick={toggle}>{t('prod.activate')}</Button>
            ))}
          {manage && <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="price-list-save">{t('common.save')}</Button>}
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {!manage && d ? <PriceListView d={d} /> : (
      <Form name="priceList" form={form} layout="vertical" onFinish={submit} disabled={!manage} onValuesChange={() => onDirty(true)}>
        <Row gutter={12}>
          <Col span={5}>
            <Form.Item name="code" label={t('pl.code')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('pl.code') }) }, { pattern: /^[0-9A-Za-z_\-.]+$/, message: t('prod.codeHelp') }]}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item name="name" label={t('pl.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('pl.name') }) }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              name="orderType"
              label={t('pl.orderType')}
              dependencies={['customerClass']}
              rules={[({ getFieldValue }) => ({ validator: (_, v) => (v || getFieldValue('customerClass') ? Promise.resolve() : Promise.reject(new Error(t('pl.scopeRequired')))) })]}
            >
              <Select allowClear placeholder={t('pl.anyType')} options={Object.entries(orderTypeLabels).map(([value, l]) => ({ value, label: t.l(l) }))} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="customerClass" label={t('pl.customerClass')}>
              <Select allowClear placeholder={t('pl.anyClass')} options={Object.entries(customerClassLabels).map(([value, l]) => ({ value, label: t.l(l) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              <Table
                size="small"
                rowKey="key"
                tableLayout="fixed"
                pagination={false}
                dataSource={fields}
                data-testid="price-items"
                columns={[
                  { title: '#', width: 44, render: (_, __, i) => i + 1 },
                  {
                    title: t('pl.product'),
                    render: (_, f) => (
                      <Form.Item name={[f.name, 'productId']} rules={[{ required: true, message: t('pl.productRequired') }]} style={{ margin: 0 }}>
                        <PickerCell excludeIds={chosen} onPicked={(p) => setProducts((m) => new Map(m).set(p.id, p))} />
                      </Form.Item>
                    ),
                  },
                  { title: t('prod.unit'), width: 56, render: (_, f) => products.get(items[f.name]?.productId ?? 0)?.unit ?? '' },
                  { title: t('pl.listPrice'), width: 90, align: 'right', render: (_, f) => { const p = products.get(items[f.name]?.productId ?? 0); return p ? showPrice(p.listPrice) : ''; } },
                  {
                    title: t('pl.unitPrice'),
                    width: 130,
                    render: (_, f) => (
                      <Form.Item name={[f.name, 'unitPrice']} rules={[{ required: true, message: t('pl.priceRequired') }, priceRule(t)]} style={{ margin: 0 }}>
                        <PriceInput aria-label={`${t('pl.unitPrice')} ${f.name + 1}`} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('pl.diff'),
                    width: 72,
                    align: 'right',
                    render: (_, f) => {
                      const p = products.get(items[f.name]?.productId ?? 0);
                      const price = yuanToPrice(items[f.name]?.unitPrice);
                      if (!p || price === null || Number.isNaN(price) || !p.listPrice) return '';
                      const pct = Math.round(((price - p.listPrice) * 1000) / p.listPrice) / 10;
                      return <Typography.Text type={pct < 0 ? 'success' : pct > 0 ? 'danger' : 'secondary'}>{`${pct > 0 ? '+' : ''}${pct}%`}</Typography.Text>;
                    },
                  },
                  { title: '', width: 48, render: (_, f) => <Button type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label={t('pl.removeRow')} onClick={() => remove(f.name)} /> },
                ]}
              />
              {manage && (
                <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({})} style={{ marginTop: 8 }} block>
                  {t('pl.addRow')}
                </Button>
              )}
            </>
          )}
        </Form.List>
      </Form>
      )}
      {d && (
        <HistoryDrawer
          open={history}
          onClose={() => setHistory(false)}
          endpoint={`${ENDPOINT}/${d.id}/history`}
          title={t('pl.historyTitle', { name: d.name })}
          fieldLabels={priceListFieldLabels}
          actionLabels={productActionLabels}
          formatters={productFormatters(t.locale === 'en-US')}
        />
      )}
    </Card>
  );
}

/** 价格表: the company's price lists on the left, the chosen one edited on the right. */
export function PriceListsPage() {
  const t = useT();
  const can = useCan();
  const [sp, setSp] = useSearchParams();
  const selected = sp.get('id') === 'new' ? 'new' : sp.get('id') ? Number(sp.get('id')) : null;
  const { modal } = App.useApp();
  const [dirty, setDirty] = useState(false);
  const go = (id: number | 'new') => {
    setDirty(false);
    setSp({ id: String(id) }, { replace: true });
  };
  // leaving a list with unsaved prices asks first: a click on another list must not throw away an afternoon's repricing
  const select = (id: number | 'new') => {
    if (!dirty || id === selected) return go(id);
    modal.confirm({ title: t('pl.unsaved'), content: t('pl.discardConfirm'), okText: t('pl.discard'), cancelText: t('pl.keepEditing'), okButtonProps: { danger: true }, onOk: () => go(id) });
  };
  const lists = useQuery({ queryKey: LISTS_KEY, queryFn: () => api.get<{ items: PriceListOut[] }>(ENDPOINT) });
  const rows = useMemo(() => lists.data?.items ?? [], [lists.data]);
  return (
    <PageFrame
      title={t('pl.title')}
      subtitle={t('pl.sub')}
      bare
      error={lists.error}
      extra={can('price.manage') && <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => select('new')}>{t('pl.new')}</Button>}
    >
      <Row gutter={12}>
        <Col xs={24} lg={7}>
          <Card size="small">
            <Table<PriceListOut>
              size="small"
              rowKey="id"
              loading={lists.isPending}
              pagination={false}
              dataSource={rows}
              onRow={(r) => ({ onClick: () => select(r.id), style: { cursor: 'pointer', background: r.id === selected ? '#e6f4ff' : undefined } })}
              columns={[
                { title: t('pl.name'), dataIndex: 'name', render: (v: string, r) => <Space direction="vertical" size={0}><Typography.Link style={{ whiteSpace: 'nowrap' }}>{v}</Typography.Link><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.code}</Typography.Text></Space> },
                { title: t('pl.scope'), key: 'scope', render: (_, r) => <Scope l={r} /> },
                { title: t('pl.itemCount'), dataIndex: 'itemCount', width: 64, align: 'right' },
                { title: t('common.status'), dataIndex: 'active', width: 64, render: (v: boolean) => (v ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={17}>
          {selected === null ? <Card><Empty description={t(can('price.manage') ? 'pl.pick' : 'pl.pickView')} /></Card> : <PriceListEditor key={String(selected)} id={selected} onSaved={(id) => go(id)} dirty={dirty} onDirty={setDirty} />}
        </Col>
      </Row>
    </PageFrame>
  );
}
