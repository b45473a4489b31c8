import { InputNumber } from 'antd';
import { registerMessages, useT } from '../../app/i18n.tsx';

/**
 * The packs beside a line's quantity (箱 = 12 瓶): the clerk may type the order as the customer gave it, in
 * cases, and the line keeps its quantity in the product's unit (cases × size, and the loose units beyond whole
 * cases it had); it says what a quantity with loose units comes to.
 */
export function PackQuantity({ index, unit, packUnit, packSize, quantity, onChange }: { index: number; unit: string; packUnit: string; packSize: number; quantity: number | null; onChange: (q: number) => void }) {
  const t = useT();
  // fewer than a case: the case box stays empty (0 箱 would read as nothing ordered)
  const packs = quantity && quantity >= packSize ? Math.floor(quantity / packSize) : null;
  const loose = packs ? quantity! % packSize : 0;
  return (
    <div style={{ marginTop: 4 }}>
      <InputNumber
        size="small" min={0} precision={0} style={{ width: 96 }} aria-label={`${t('products.packs', { packUnit })} ${index + 1}`} value={packs}
        suffix={packUnit} onChange={(v) => { if (typeof v === 'number' && v > 0) onChange(v * packSize + loose); }}
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
