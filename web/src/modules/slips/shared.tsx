import { Tag } from 'antd';
import type { QueryClient } from '@tanstack/react-query';
import { useT } from '../../app/i18n.tsx';
import {
  codeKindLabels, deliveryModeLabels, orderTypeLabels, paperLabels, paymentTermLabels, signRoleLabels, slipStatusLabels,
  type DeliveryMode, type SlipDetail, type SlipListItem, type SlipStatus,
} from '../../../../src/modules/slips/schema.ts';

export type { DeliveryMode, SlipDetail, SlipListItem, SlipStatus };
export { codeKindLabels, deliveryModeLabels, orderTypeLabels, paperLabels, paymentTermLabels, signRoleLabels, slipStatusLabels };

export const SLIPS_KEY = ['slips'] as const;

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

/** How the goods went, in a list's column: the driver's name, or 客户自提 (Customer collects) for a pickup. */
export function DeliveryCell({ mode, driverName }: { mode: DeliveryMode; driverName: string | null }) {
  const L = useL();
  if (mode === 'pickup') return <Tag color="geekblue" style={{ marginInlineEnd: 0 }}>{L(deliveryModeLabels.pickup.zh, deliveryModeLabels.pickup.en)}</Tag>;
  return <>{driverName ?? '—'}</>;
}

const statusColors: Record<SlipStatus, string> = {
  draft: 'default', issued: 'blue', signed: 'cyan', delivered: 'orange', reconciled: 'purple', posted: 'green', void: 'red', discarded: 'default',
};

export function SlipStatusTag({ status }: { status: SlipStatus }) {
  const t = useT();
  return <Tag color={statusColors[status]} style={status === 'void' ? { fontWeight: 600 } : undefined}>{t.l(slipStatusLabels[status])}</Tag>;
}

export const labelOf = (labels: Record<string, { zh: string; en: string }>, key: string) => labels[key] ?? { zh: key, en: key };

