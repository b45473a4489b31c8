import { Tag } from 'antd';
import type { QueryClient } from '@tanstack/react-query';
import { useT } from '../../app/i18n.tsx';
import {
  codeKindLabels, orderTypeLabels, paperLabels, paymentTermLabels, signRoleLabels, slipStatusLabels,
  type SlipDetail, type SlipListItem, type SlipStatus,
} from '../../../../src/modules/slips/schema.ts';
import { PICKUP_DRIVER } from '../../../../src/modules/slips/labels.ts';

export type { SlipDetail, SlipListItem, SlipStatus };
export { codeKindLabels, orderTypeLabels, paperLabels, paymentTermLabels, signRoleLabels, slipStatusLabels };

export const SLIPS_KEY = ['slips'] as const;

/** What the customer still owes on a slip: its amount net of returns, less what the hold's deposits pay (detail, print and posting show this one figure). */
export const receivableOf = (s: { netAmount: number; paidByDeposit: number }) => s.netAmount - s.paidByDeposit;
/** After any change of a slip: its detail, the lists and the reconciliation pages refetch. */
export const invalidateSlips = (qc: QueryClient) => {
  void qc.invalidateQueries({ queryKey: SLIPS_KEY });
  void qc.invalidateQueries({ queryKey: ['list'] });
};

/** Picks the user's language of a {zh, en} pair: L('作废', 'Void'). */
export function useL() {
  const t = useT();
  return (zh: string, en: string) => t.l({ zh, en });
}

/** Who took the goods out, as the pages show it: the driver, or 客户自提 (the customer) in the reader's language. */
export function driverText(name: string | null, L: (zh: string, en: string) => string): string {
  return name === PICKUP_DRIVER ? L('客户自提', 'Customer collects') : (name ?? '—');
}

const statusColors: Record<SlipStatus, string> = {
  draft: 'default', issued: 'blue', signed: 'cyan', delivered: 'orange', reconciled: 'purple', posted: 'green', void: 'red', discarded: 'default',
};

export function SlipStatusTag({ status }: { status: SlipStatus }) {
  const t = useT();
  return <Tag color={statusColors[status]} style={status === 'void' ? { fontWeight: 600 } : undefined}>{t.l(slipStatusLabels[status])}</Tag>;
}

export const labelOf = (labels: Record<string, { zh: string; en: string }>, key: string) => labels[key] ?? { zh: key, en: key };

/** A quantity in the product's unit, with its packs when it has them: 30 瓶 (2 箱 6 瓶). */
export function quantityText(q: number, unit: string, packUnit: string | null, packSize: number | null): string {
  if (!packUnit || !packSize || packSize <= 1 || q < packSize) return `${q}${unit}`;
  const packs = Math.floor(q / packSize);
  const rest = q % packSize;
  return `${q}${unit}（${packs}${packUnit}${rest ? rest + unit : ''}）`;
}
