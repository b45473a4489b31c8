import { useQuery } from '@tanstack/react-query';
import { AutoComplete, Select, Tag, Typography } from 'antd';
import type { CSSProperties, ReactElement } from 'react';
import { api } from '../../app/api.ts';
import { useT } from '../../app/i18n.tsx';
import { packsInBrackets, type Packing } from '../products/pack-quantity.tsx';
import { qty, STOCK_KEY, type BatchPickOut } from './shared.tsx';

type BatchItem = BatchPickOut['items'][number];

/**
 * The batches with stock of a product in a warehouse (GET /api/stock/batches/in-stock), nearest expiry first:
 * one request per line's warehouse × product, shared by the line's batch picker and its quantity hint.
 */
export function useBatchesInStock(warehouseId?: number | null, productId?: number | null) {
  return useQuery({
    queryKey: [...STOCK_KEY, 'batches-in-stock', warehouseId, productId],
    queryFn: () => api.get<BatchPickOut>('/api/stock/batches/in-stock', { warehouseId: warehouseId!, productId: productId! }),
    enabled: !!warehouseId && !!productId,
  });
}

/** A quantity in the product's unit with its cases beside it where it has a pack: 49 瓶（4箱1瓶）. */
export function useQtyWithPacks() {
  const t = useT();
  return (n: number, p: Packing) => `${qty(n, p.unit)}${packsInBrackets(n, p, t.locale)}`;
}

/** One batch as the picker lists it: number and 已过期, its dates, on hand and what it may give (cases beside). */
function BatchOption({ b, packing }: { b: BatchItem; packing: Packing }) {
  const t = useT();
  const withPacks = useQtyWithPacks();
  const dim = { color: '#8c8c8c', fontSize: 12 } as const;
  return (
    <div style={{ display: 'flex', gap: 12, alignItems: 'center', lineHeight: '18px', padding: '2px 0' }} data-testid={`batch-option-${b.batchNo}`}>
      <div style={{ width: 130, flex: 'none', whiteSpace: 'normal', wordBreak: 'break-all' }}>
        <div style={{ fontWeight: 500 }}>{b.batchNo}</div>
        {b.expired && <Tag color="red" style={{ marginInlineEnd: 0 }}>{t('inv.expiredTag')}</Tag>}
      </div>
      <div style={{ width: 170, flex: 'none', ...dim }}>
        <div>{t('inv.producedOn')} {b.productionDate ?? '—'}</div>
        <div style={b.expired ? { color: '#cf1322' } : undefined}>{b.expiryDate ? `${t('inv.expiresOn')} ${b.expiryDate}` : t('inv.noExpiry')}</div>
      </div>
      <div style={{ flex: 'none', whiteSpace: 'nowrap' }}>
        <div>{t('inv.onHand')} {withPacks(b.onHand, packing)}</div>
        <div style={b.available < b.onHand ? { color: '#d46b08' } : dim}>{t('inv.available')} {withPacks(b.available, packing)}</div>
      </div>
    </div>
  );
}

/**
 * The batch of an outbound, transfer or count line, picked from the product's batches with stock in the
 * warehouse (nearest expiry first, expired ones marked); empty: first-expiry-first-out (an issue), or every
 * batch (a count). A count may also type a batch the book does not have (found on the shelf).
 * The value is the batch number ('' when none).
 */
export function BatchPicker({ id, value, onChange, warehouseId, productId, mode, placeholder, style }: {
  id?: string;
  value?: string | null;
  onChange?: (v: string) => void;
  warehouseId?: number | null;
  productId?: number | null;
  /** issue: outbound and transfer lines (a batch in stock or none); count: typing allowed too */
  mode: 'issue' | 'count';
  placeholder?: string;
  style?: CSSProperties;
}) {
  const t = useT();
  const q = useBatchesInStock(warehouseId, productId);
  const data = q.data;
  const packing: Packing = data ? { unit: data.product.unit, packUnit: data.product.packUnit, packSize: data.product.packSize } : { unit: '', packUnit: null, packSize: null };
  // a batch without a number (received without one) cannot be named: it goes out when none is picked, last
  const numbered = (data?.items ?? []).filter((b) => b.batchNo !== '');
  const unnumbered = (data?.items ?? []).find((b) => b.batchNo === '');
  const typed = mode === 'count' ? (value ?? '').trim() : '';
  const empty = !warehouseId || !productId ? t('inv.batchPickFirst')
    : q.isPending ? t('common.loading')
    // a count of a batch the books lack: what submitting it does
    : typed && !numbered.some((b) => b.batchNo === typed) && data?.items.length ? t('inv.batchNotInBook', { batchNo: typed })
    : t('inv.batchNone');
  const popupRender = (menu: ReactElement) => (
    <>
      {menu}
      {(unnumbered || (data && data.total > data.items.length)) && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, padding: '6px 12px 2px', borderTop: '1px solid #f0f0f0' }}>
          {unnumbered ? t(mode === 'count' ? 'inv.batchUnnumberedCount' : 'inv.batchUnnumbered', { n: qty(unnumbered.onHand, packing.unit) }) : null}
          {data && data.total > data.items.length ? t('inv.batchMore', { n: data.items.length, total: data.total }) : null}
        </Typography.Text>
      )}
    </>
  );
  const common = {
    id, style: style ?? { width: '100%' }, allowClear: true, placeholder, popupRender, popupMatchSelectWidth: false as const,
    notFoundContent: <Typography.Text type="secondary" style={{ fontSize: 12 }}>{empty}</Typography.Text>,
  };
  if (mode === 'count') {
    return (
      <AutoComplete
        {...common}
        value={value ?? ''}
        onChange={(v?: string) => onChange?.(v ?? '')}
        options={numbered.map((b) => ({ value: b.batchNo, label: <BatchOption b={b} packing={packing} /> }))}
        showSearch={{ filterOption: (input, o) => !input || String(o?.value ?? '').toLowerCase().includes(input.trim().toLowerCase()) }}
        maxLength={50}
      />
    );
  }
  return (
    <Select
      {...common}
      loading={q.isFetching}
      value={value ? value : undefined}
      onChange={(v?: string) => onChange?.(v ?? '')}
      showSearch={{ optionFilterProp: 'label' }}
      options={numbered.map((b) => ({ value: b.batchNo, label: b.batchNo, item: b }))}
      optionRender={(o) => <BatchOption b={(o.data as { item: BatchItem }).item} packing={packing} />}
    />
  );
}
