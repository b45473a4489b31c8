import { InputNumber } from 'antd';
import { registerMessages, useT } from '../../app/i18n.tsx';

/** A product's packing as a line carries it (1 箱 = 12 瓶); null pack: none. */
export type Packing = { unit: string; packUnit: string | null; packSize: number | null };

/** Whether the product has a pack worth counting in (a pack unit and more than one unit in it). */
export const hasPack = (p: Pick<Packing, 'packUnit' | 'packSize'>): p is { packUnit: string; packSize: number } => !!p.packUnit && !!p.packSize && p.packSize > 1;

/**
 * A quantity in the product's unit as cases and loose units: 49 瓶 at 12 a 箱 → '4箱1瓶', 48 → '4箱';
 * null under one case or without a pack (0 箱 5 瓶 says nothing the quantity does not). `sep` spaces the
 * parts (en-US); the printed slip, in Chinese, runs them together. Display only: never stored.
 */
export function packText(quantity: number, p: Packing, sep = ''): string | null {
  if (!hasPack(p) || quantity < p.packSize) return null;
  const packs = Math.floor(quantity / p.packSize);
  const loose = quantity % p.packSize;
  return [`${packs}${sep}${p.packUnit}`, loose ? `${loose}${sep}${p.unit}` : ''].filter(Boolean).join(sep);
}

/**
 * The cases of a quantity in brackets, to follow the figure in running text (可用库存 58（4箱10瓶）, 缺 49瓶（4箱1瓶）;
 * in English spaced: 49 瓶 (4 箱 1 瓶)); '' where packText gives none (under a case, or no pack). The one way a
 * sentence or a hint gives a quantity's cases; a table cell puts them under the figure (PackNote).
 */
export function packsInBrackets(quantity: number, p: Packing, locale: string): string {
  const en = locale === 'en-US';
  const packs = packText(quantity, p, en ? ' ' : '');
  return !packs ? '' : en ? ` (${packs})` : `（${packs}）`;
}

/**
 * 件数 of some lines together (a printed form's total): their cases, and loose units beside them, where every
 * line is packed in the same pack and unit (2箱 + 1箱6瓶 = 3箱6瓶: loose bottles of two products are not made
 * up into a case); otherwise null (箱 and 件 do not add up).
 */
export function packsTotal(lines: (Packing & { quantity: number })[]): string | null {
  const first = lines[0];
  if (!first || !lines.every((l) => hasPack(l) && l.packUnit === first.packUnit && l.unit === first.unit)) return null;
  const packs = lines.reduce((n, l) => n + Math.floor(l.quantity / l.packSize!), 0);
  const loose = lines.reduce((n, l) => n + (l.quantity % l.packSize!), 0);
  return packs || loose ? `${packs ? `${packs}${first.packUnit}` : ''}${loose ? `${loose}${first.unit}` : ''}` : null;
}

/** The case figure under a quantity a clerk or keeper reads (order and slip pages): small and muted; nothing when there is none. */
export function PackNote({ quantity, packing, testId }: { quantity: number; packing: Packing; testId?: string }) {
  const t = useT();
  const text = packText(quantity, packing, t.locale === 'en-US' ? ' ' : '');
  if (!text) return null;
  return <div style={{ fontSize: 12, lineHeight: '16px', color: '#8c8c8c', whiteSpace: 'nowrap' }} data-testid={testId}>{text}</div>;
}

/** A quantity cell: the figure in the product's unit (49瓶, or 49 where the column says the unit), its cases under it. */
export function QuantityWithPacks({ quantity, packing, withUnit = true, testId }: { quantity: number; packing: Packing; withUnit?: boolean; testId?: string }) {
  return (
    <>
      <div style={{ whiteSpace: 'nowrap' }}>{withUnit ? `${quantity}${packing.unit}` : quantity}</div>
      <PackNote quantity={quantity} packing={packing} testId={testId} />
    </>
  );
}

/**
 * The packs beside a line's quantity (箱 = 12 瓶): the clerk may type the order as the customer gave it, in
 * cases, and the line keeps its quantity in the product's unit (cases × size, and the loose units beyond whole
 * cases it had); it says what a quantity with loose units comes to. With `max` (what is left to ship), the
 * cases typed never take the quantity past it. `label` names the case box for a screen reader (default: 箱数 and
 * the line's number).
 */
export function PackQuantity({ index, unit, packUnit, packSize, quantity, onChange, max, label }: { index: number; unit: string; packUnit: string; packSize: number; quantity: number | null; onChange: (q: number) => void; max?: number; label?: string }) {
  const t = useT();
  // fewer than a case: the case box stays empty (0 箱 would read as nothing ordered)
  const packs = quantity && quantity >= packSize ? Math.floor(quantity / packSize) : null;
  const loose = packs ? quantity! % packSize : 0;
  return (
    <div style={{ marginTop: 4 }}>
      <InputNumber
        size="small" min={0} max={max === undefined ? undefined : Math.floor(max / packSize)} precision={0} style={{ width: 96 }}
        aria-label={label ?? `${t('products.packs', { packUnit })} ${index + 1}`} value={packs}
        suffix={packUnit} onChange={(v) => { if (typeof v === 'number' && v > 0) onChange(Math.min(v * packSize + loose, max ?? Infinity)); }}
      />
      <div style={{ fontSize: 12, color: '#8c8c8c' }} data-testid={`line-${index}-packs`}>
        {/* whole cases: the case box says it; loose units: what the quantity comes to */}
        {loose ? t('products.packsLoose', { packs: packs ?? 0, packUnit, loose, unit }) : t('products.packSize', { packUnit, packSize, unit })}
      </div>
    </div>
  );
}

registerMessages({
  zh: {
    'products.packs': '{packUnit}数',
    'products.packsLoose': '= {packs}{packUnit}{loose}{unit}',
    'products.packSize': '1{packUnit}={packSize}{unit}',
  },
  en: {
    'products.packs': '{packUnit} count',
    'products.packsLoose': '= {packs} {packUnit} {loose} {unit}',
    'products.packSize': '1 {packUnit} = {packSize} {unit}',
  },
});
