import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Drawer, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../app/api.ts';
import { useT } from '../../app/i18n.tsx';
import type { ProductPricesOut } from '../../../../src/modules/products/schema.ts';
import { unclassifiedLabel } from '../../../../src/modules/products/labels.ts';
import { customerClassLabels, orderTypeLabels, showPrice, showRate, type ProductOut } from './shared.tsx';

type Cell = ProductPricesOut['cells'][number];
// the columns: each customer class, then a customer with none (客户未分类), as the server answers them
const classes = [...(Object.keys(customerClassLabels) as (keyof typeof customerClassLabels)[]), null];
const classKey = (k: Cell['customerClass']) => k ?? 'none';

/**
 * 价格: which price of one product applies to whom — each order type (row) and customer class or none
 * (column), per unit and per pack, with the price list it comes from. The server answers each cell with the
 * rule order entry prices by; nothing here decides which list applies.
 */
export function PricesDrawer({ product, onClose }: { product: ProductOut | null; onClose: () => void }) {
  const t = useT();
  const q = useQuery({ queryKey: ['products', 'prices', product?.id], queryFn: () => api.get<ProductPricesOut>(`/api/products/${product!.id}/prices`), enabled: !!product });
  const p = product;
  // (…) in English, （…） in Chinese
  const paren = (text: string) => (t.locale === 'en-US' ? ` (${text})` : `（${text}）`);
  const pack = (price: number) => (p?.packUnit && p.packSize ? t('prod.perPack', { packUnit: p.packUnit, price: showPrice(price * p.packSize) }) : null);
  const cell = (c: Cell | undefined) =>
    c && (
      <div>
        <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums' }}>{showPrice(c.unitPrice)}</Typography.Text>
        <Typography.Text type="secondary">/{p?.unit}</Typography.Text>
        {pack(c.unitPrice) && <div style={{ fontSize: 12, color: '#8c8c8c', fontVariantNumeric: 'tabular-nums' }}>{pack(c.unitPrice)}</div>}
        <div>{c.priceListId ? <Tag color="blue" style={{ marginTop: 2 }}>{t.l(c.source)}</Tag> : <Tag style={{ marginTop: 2 }}>{t.l(c.source)}</Tag>}</div>
      </div>
    );
  const rows = Object.entries(orderTypeLabels).map(([orderType, label]) => ({
    orderType, label: t.l(label), cells: Object.fromEntries(classes.map((k) => [classKey(k), q.data?.cells.find((c) => c.orderType === orderType && c.customerClass === k)])),
  }));
  return (
    <Drawer open={!!product} onClose={onClose} size={900} title={p ? t('prod.pricesTitle', { name: p.name }) : ''} destroyOnHidden>
      {p && (
        <>
          <Descriptions size="small" column={3} style={{ marginBottom: 12 }} items={[
            { key: 'code', label: t('prod.code'), children: p.code },
            { key: 'spec', label: t('prod.spec'), children: p.spec ?? '—' },
            { key: 'pack', label: t('prod.pack'), children: p.packUnit && p.packSize ? t('prod.packText', { packUnit: p.packUnit, packSize: p.packSize, unit: p.unit }) : '—' },
            { key: 'list', label: t('prod.listPrice'), children: <span>{showPrice(p.listPrice)}/{p.unit}{pack(p.listPrice) ? paren(pack(p.listPrice)!) : ''}</span> },
            { key: 'tax', label: t('prod.taxRate'), children: showRate(p.taxRateBp) },
            { key: 'status', label: t('common.status'), children: p.active ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag> },
          ]} />
          {!p.active && <Alert type="warning" showIcon title={t('prod.inactiveNoOrders')} style={{ marginBottom: 12 }} />}
          <Typography.Paragraph type="secondary">{t('prod.pricesHelp')}</Typography.Paragraph>
          {q.isError && <Alert type="error" showIcon title={String((q.error as Error).message)} />}
          <Table
            size="small"
            rowKey="orderType"
            pagination={false}
            loading={q.isPending}
            dataSource={rows}
            bordered
            data-testid="product-prices"
            columns={[
              { title: `${t('pl.orderType')} \\ ${t('pl.customerClass')}`, dataIndex: 'label', width: 150, render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
              ...classes.map((k) => ({ title: t.l(k ? customerClassLabels[k] : unclassifiedLabel), key: classKey(k), render: (_: unknown, r: (typeof rows)[number]) => cell(r.cells[classKey(k)]) })),
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            {t('prod.pricesLists', { n: q.data?.lists.length ?? 0 })}{' '}
            {(q.data?.lists ?? []).map((l) => (
              <Link key={l.priceListId} to={`/products/price-lists?id=${l.priceListId}`} style={{ marginRight: 12 }}>
                {l.name}{paren(showPrice(l.unitPrice))}
              </Link>
            ))}
          </Typography.Paragraph>
        </>
      )}
    </Drawer>
  );
}
