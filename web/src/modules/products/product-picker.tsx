import type { CSSProperties } from 'react';
import { api } from '../../app/api.ts';
import { useT } from '../../app/i18n.tsx';
import { RemoteSelect, type Option } from '../../components/remote-select.tsx';
import { formatPrice } from '../../../../src/platform/money.ts';
import type { ProductBrief } from '../../../../src/modules/products/schema.ts';

export type { ProductBrief };

/**
 * The product a picker hands back (GET /api/products/lookup): id, code, name, spec, unit, packUnit,
 * packSize, barcode, packBarcode, taxRateBp (1300 = 13 %), listPrice (0.0001 yuan, tax included),
 * trackCodes, active.
 */
export type PickedProduct = ProductBrief;

export type ProductPickerProps = {
  /** the chosen product's id (or undefined/null for none) */
  value?: number | null;
  /**
   * Called with the whole product when the user picks one, null when cleared. In an antd Form use
   * `<Form.Item name="productId" getValueFromEvent={(p) => p?.id ?? null}>` and read the rest from the argument
   * in the picker's own handler, or keep the product object in the form (then pass `value={p?.id}`).
   */
  onChange?: (product: PickedProduct | null) => void;
  /** also find deactivated products (default: only active ones are offered; a current value always shows) */
  includeInactive?: boolean;
  placeholder?: string;
  disabled?: boolean;
  allowClear?: boolean;
  autoFocus?: boolean;
  style?: CSSProperties;
  id?: string;
  status?: 'error' | 'warning';
  size?: 'small' | 'middle' | 'large';
  /** products not to offer (e.g. already on other lines) */
  excludeIds?: number[];
};

const lookup = (params: Record<string, string | number | undefined>) => api.get<PickedProduct[]>('/api/products/lookup', params);

/**
 * Every product any picker has seen, by id. Shared by all pickers: search results are cached per term
 * by react-query across instances, so one picker may show options another one fetched.
 */
const seen = new Map<number, PickedProduct>();

/**
 * Pick a product of the current company by code, name, full pinyin, pinyin initials ("dylj" finds
 * 滇源老窖) or barcode (a scanner's input works: an exact barcode match comes first).
 * Needs permission product.read (every sales role has it).
 */
export function ProductPicker({ value, onChange, includeInactive, placeholder, excludeIds, style, ...rest }: ProductPickerProps) {
  const t = useT();
  const en = t.locale === 'en-US';
  const toOption = (p: PickedProduct): Option => {
    seen.set(p.id, p);
    return {
      value: p.id,
      label: (
        <span title={`${p.code} ${p.name}`}>
          <span style={{ color: '#8c8c8c', marginRight: 6 }}>{p.code}</span>
          {p.name}
          {p.spec ? <span style={{ marginLeft: 6 }}>{p.spec}</span> : null}
          <span style={{ color: '#8c8c8c', marginLeft: 6, fontSize: 12 }}>
            {`/${p.unit} ¥${formatPrice(p.listPrice)}`}
            {p.packUnit && p.packSize ? (en ? ` · 1 ${p.packUnit} = ${p.packSize} ${p.unit}` : ` · 1${p.packUnit}=${p.packSize}${p.unit}`) : ''}
            {p.active ? '' : en ? ' · inactive' : ' · 已停用'}
          </span>
        </span>
      ),
    };
  };
  const exclude = new Set(excludeIds ?? []);
  return (
    <RemoteSelect
      placeholder={placeholder ?? (en ? 'Code, name, pinyin or barcode' : '编码、名称、拼音（全拼或首字母）或条码')}
      style={{ width: '100%', ...style }}
      popupMatchSelectWidth={false}
      {...rest}
      value={value ?? null}
      // the chosen product shows as code, name and spec (the list price and unit are in the options and
      // beside the line): in a narrow table cell the name is what must not be cut off
      labelRender={(o) => {
        const p = seen.get(Number(o.value));
        if (!p) return o.label;
        const text = [p.code, p.name, p.spec].filter(Boolean).join(' ');
        return <span title={text}>{text}{p.active ? '' : en ? ' (inactive)' : '（已停用）'}</span>;
      }}
      cacheKey={`products:${includeInactive ? 'all' : 'active'}`}
      search={async (q) =>
        (await lookup({ q: q || undefined, includeInactive: includeInactive ? 1 : 0 })).filter((p) => !exclude.has(p.id) || p.id === value).map(toOption)
      }
      resolve={async (ids) => (await lookup({ ids: ids.join(',') })).map(toOption)}
      onChange={(v) => {
        if (v === undefined || v === null) return onChange?.(null);
        const p = seen.get(Number(v));
        if (p) return onChange?.(p);
        // not seen yet (should not happen): read it, then report it
        void lookup({ ids: String(v) }).then(([found]) => {
          if (!found) return;
          seen.set(found.id, found);
          onChange?.(found);
        });
      }}
    />
  );
}
