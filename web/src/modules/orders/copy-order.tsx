import { Alert } from 'antd';
import { Link } from 'react-router';
import { api } from '../../app/api.ts';
import { registerMessages, useT } from '../../app/i18n.tsx';
import type { PickedProduct } from '../products/product-picker.tsx';
import { formatPrice } from '../../../../src/platform/money.ts';
import type { OrderOut } from './shared.tsx';

// 复制订单 (再来一单): a customer who orders the same goods again. The new order takes the old one's customer,
// type, term, warehouse, contact, address, delivery method and carrier, and its lines' products, quantities and
// discounts — at today's price for the customer (the price list may have moved since), without the products no
// longer sold. Not copied: the delivery date, the remarks, the hold it came from, and back-ordering.

type Prices = { productId: number; unitPrice: number }[];

export type CopiedOrder = {
  source: { id: number; number: string | null };
  /** the form's values; customerId is set by the form's own customer step (defaults, allowed terms) */
  values: Record<string, unknown> & { customerId: number; lines: { productId: number; quantity: number; unitPrice: string; discount: string; barcode: string | null }[] };
  products: PickedProduct[];
  /** each copied product's price for the customer today (what 让价 is measured against) */
  listPrices: Map<number, number>;
  /** lines whose price today differs from the old order's */
  repriced: number;
  /** products of the old order no longer active */
  dropped: string[];
  /** the old order's warehouse is closed: the form keeps its own choice */
  warehouseClosed: boolean;
};

/** Reads what a copy needs: the products (active or not) and today's prices for the customer and type. */
export async function copyOrder(o: OrderOut, activeWarehouseIds: number[]): Promise<CopiedOrder> {
  const ids = [...new Set(o.lines.map((l) => l.productId))];
  const [products, defaults] = await Promise.all([
    api.get<PickedProduct[]>('/api/products/lookup', { ids: ids.join(',') }),
    api.get<{ prices: Prices }>('/api/orders/defaults', { customerId: o.customerId, orderType: o.orderType, productIds: ids.join(',') }),
  ]);
  const active = new Map(products.filter((p) => p.active).map((p) => [p.id, p]));
  const priceOf = new Map(defaults.prices.map((p) => [p.productId, p.unitPrice]));
  const kept = o.lines.filter((l) => active.has(l.productId));
  const todayPrice = (productId: number) => priceOf.get(productId) ?? active.get(productId)!.listPrice;
  const lines = kept.map((l) => ({ productId: l.productId, quantity: l.quantity, unitPrice: formatPrice(todayPrice(l.productId), false), discount: l.discountBp ? String(l.discountBp / 100) : '',
    // a 商超 line's barcode is checked against the product: the product's own, not what the old line had
    barcode: o.orderType === 'supermarket' ? (active.get(l.productId)!.barcode ?? null) : null }));
  const warehouseClosed = !activeWarehouseIds.includes(o.warehouseId);
  return {
    source: { id: o.id, number: o.number },
    values: {
      customerId: o.customerId, orderType: o.orderType, paymentTerm: o.paymentTerm, ...(warehouseClosed ? {} : { warehouseId: o.warehouseId }),
      contactName: o.contactName, contactPhone: o.contactPhone, deliveryAddress: o.deliveryAddress,
      deliveryMethod: o.deliveryMethod, carrierName: o.carrierName, carrierPhone: o.carrierPhone, priceIncludesTax: o.priceIncludesTax,
      lines: lines.length ? lines : [{ quantity: 1 } as never],
    },
    products: [...active.values()],
    listPrices: new Map([...active.keys()].map((id) => [id, todayPrice(id)])),
    repriced: kept.filter((l) => todayPrice(l.productId) !== l.unitPrice).length,
    dropped: o.lines.filter((l) => !active.has(l.productId)).map((l) => l.productName),
    warehouseClosed,
  };
}

/** The note on the order form: which order it copies, and what differs from it. */
export function CopiedOrderAlert({ copy }: { copy: CopiedOrder }) {
  const t = useT();
  const notes = [
    t(copy.repriced ? 'orders.copyPrices' : 'orders.copyPricesSame', { n: copy.repriced }),
    ...(copy.dropped.length ? [t('orders.copyDropped', { products: copy.dropped.join('、') })] : []),
    ...(copy.warehouseClosed ? [t('orders.copyWarehouseClosed')] : []),
    t('orders.copyNotCopied'),
  ];
  return (
    <Alert
      type={copy.dropped.length || copy.warehouseClosed ? 'warning' : 'info'}
      showIcon
      style={{ marginBottom: 12 }}
      title={<span>{t('orders.copyFrom')} <Link to={`/orders/${copy.source.id}`}>{copy.source.number ?? `#${copy.source.id}`}</Link></span>}
      description={notes.map((n) => <div key={n}>{n}</div>)}
    />
  );
}

registerMessages({
  zh: {
    'orders.copyFrom': '复制自订单',
    'orders.copyPrices': '单价按今天的价格表重新取价（{n} 行与原单不同），请核对后提交。',
    'orders.copyPricesSame': '单价按今天的价格表取价，与原单相同。',
    'orders.copyDropped': '已停用的商品未复制：{products}。',
    'orders.copyWarehouseClosed': '原单的发货仓库已停用，请选择发货仓库。',
    'orders.copyNotCopied': '送货日期、备注和缺货登记不复制，请按本次订单填写。',
  },
  en: {
    'orders.copyFrom': 'Copied from order',
    'orders.copyPrices': "Prices are today's price list ({n} line(s) differ from the old order): check them before submitting.",
    'orders.copyPricesSame': "Prices are today's price list, the same as the old order's.",
    'orders.copyDropped': 'Products no longer sold were left out: {products}.',
    'orders.copyWarehouseClosed': "The old order's warehouse is closed: choose a warehouse.",
    'orders.copyNotCopied': 'The delivery date, remarks and back-ordering are not copied: fill them in for this order.',
  },
});
