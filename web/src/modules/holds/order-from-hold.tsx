import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { Link } from 'react-router';
import { api } from '../../app/api.ts';
import { useCan } from '../../app/auth.tsx';
import { translate, useT, type Locale } from '../../app/i18n.tsx';
import { formatPrice } from '../../../../src/platform/money.ts';
import { formatMoney } from '../../components/format.tsx';
import { depositsText, type HoldOut } from './shared.tsx';

// An order entered from a hold 转订单 (orders/form-page.tsx opened with ?holdId=N): the hold it comes
// from, what the form takes from it, and the links between the two.

/** The hold an order is (to be) entered from; nothing without hold.read. */
export function useSourceHold(holdId: number | null | undefined) {
  const can = useCan();
  return useQuery({ queryKey: ['holds', 'one', holdId], queryFn: () => api.get<HoldOut>(`/api/holds/${holdId}`), enabled: !!holdId && can('hold.read') });
}

/** The order form's values from a hold: its customer, warehouse, product and quantity at the agreed (else list) price, and a remark on the deposits. */
export function orderValuesFromHold(h: HoldOut, locale: Locale) {
  return {
    customerId: h.customerId,
    warehouseId: h.warehouseId,
    remarks: translate(locale, 'holds.orderRemarks', { number: h.number, deposits: depositsText(h, locale) }),
    lines: [{ productId: h.productId, quantity: h.quantity, unitPrice: formatPrice(h.agreedPrice ?? h.listPrice, false) }],
  };
}

/**
 * The note on the order form: which hold the order comes from and what happens when it is confirmed;
 * when the deposits come to more than the order, what is left stays the customer's advance credit.
 */
export function SourceHoldAlert({ hold, orderTotal }: { hold: HoldOut; orderTotal: number }) {
  const t = useT();
  const deposits = hold.deposit + (hold.firmDeposit ?? 0);
  const over = orderTotal > 0 && deposits > orderTotal;
  return (
    <Alert
      type={over ? 'warning' : 'info'}
      showIcon
      style={{ marginBottom: 12 }}
      title={<span>{t('holds.fromHold')} <Link to={`/holds/${hold.id}`}>{hold.number}</Link></span>}
      description={
        <>
          {t('holds.fromHoldText', { customer: hold.customerName, product: hold.productName, quantity: hold.quantity, unit: hold.unit })}
          {over && <div>{t('holds.depositsOverOrder', { deposits: formatMoney(deposits), total: formatMoney(orderTotal), rest: formatMoney(deposits - orderTotal) })}</div>}
        </>
      }
    />
  );
}

/** 来源留货单 on the order: the hold's number as a link (its id when the hold cannot be read). */
export function SourceHoldLink({ holdId }: { holdId: number }) {
  const hold = useSourceHold(holdId);
  return <Link to={`/holds/${holdId}`}>{hold.data?.number ?? `#${holdId}`}</Link>;
}
