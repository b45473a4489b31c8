import { Alert, Tag, Tooltip } from 'antd';
import { useT } from '../../app/i18n.tsx';
import { formatMoney } from '../../components/format.tsx';
import { formatPrice } from '../../../../src/platform/money.ts';
import type { OrderOut } from './shared.tsx';

// 让价 on the order pages: the server says how far each line comes under its price-list price
// (src/modules/orders/concession.ts); these only show it — on the detail page and in finance's review.

/** The order's lines under the price list, each with its price, the list's price and the difference. */
export function ConcessionAlert({ order, style }: { order: OrderOut; style?: React.CSSProperties }) {
  const t = useT();
  if (order.priceConcession <= 0) return null;
  const lines = order.lines.filter((l) => l.concession > 0);
  return (
    <Alert
      type="warning"
      showIcon
      style={style}
      data-testid="order-concession"
      title={t('orders.concessionTitle', { amount: formatMoney(order.priceConcession), n: lines.length })}
      description={lines.map((l) => (
        <div key={l.id}>
          {t('orders.concessionLine', {
            line: l.lineNo, product: l.productName, price: formatPrice(l.unitPrice), discount: l.discountBp ? t('orders.concessionDiscount', { discount: (l.discountBp / 100).toString() }) : '',
            list: formatPrice(l.listPrice ?? 0), amount: formatMoney(l.concession),
          })}
        </div>
      ))}
    />
  );
}

/** A line's unit price, in red with the list's price beside it when the line is under the list. */
export function LinePrice({ line }: { line: OrderOut['lines'][number] }) {
  const t = useT();
  if (line.concession <= 0) return <>{formatPrice(line.unitPrice)}</>;
  return (
    <Tooltip title={t('orders.concessionTip', { list: formatPrice(line.listPrice ?? 0), amount: formatMoney(line.concession) })}>
      <span style={{ color: '#cf1322' }}>{formatPrice(line.unitPrice)}</span>
      <div style={{ fontSize: 12, color: '#8c8c8c' }}>{t('orders.listPriceShort', { list: formatPrice(line.listPrice ?? 0) })}</div>
    </Tooltip>
  );
}

/** The list's mark of an order under the price list. */
export function ConcessionTag({ amount }: { amount: number }) {
  const t = useT();
  if (amount <= 0) return null;
  return <Tooltip title={t('orders.concessionTag', { amount: formatMoney(amount) })}><Tag color="red">{t('orders.concessionShort')}</Tag></Tooltip>;
}
