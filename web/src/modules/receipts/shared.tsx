import { Select, Tag, type SelectProps } from 'antd';
import type { QueryClient } from '@tanstack/react-query';
import { useT } from '../../app/i18n.tsx';
import {
  receiptMethodLabels, receiptMethods, receiptStatusLabels, receiptStatuses, statementBasisLabels, statementRowLabels, statementStatusLabels, targetTypeLabels,
  type ReceiptHead, type ReceiptMethod, type ReceiptOut, type ReceiptStatus, type StatementComputed, type StatementOut, type StatementStatus, type OpenItem,
} from '../../../../src/modules/receipts/schema.ts';

export type { ReceiptHead, ReceiptMethod, ReceiptOut, ReceiptStatus, StatementComputed, StatementOut, StatementStatus, OpenItem };
export { receiptMethodLabels, receiptMethods, receiptStatusLabels, receiptStatuses, statementBasisLabels, statementRowLabels, statementStatusLabels, targetTypeLabels };

export const RECEIPTS_KEY = ['receipts'] as const;
/** After any change: the receipt, its open items and the lists refetch. */
export const invalidateReceipts = (qc: QueryClient) => {
  void qc.invalidateQueries({ queryKey: RECEIPTS_KEY });
  void qc.invalidateQueries({ queryKey: ['list'] });
};

export function useL() {
  const t = useT();
  return (zh: string, en: string) => t.l({ zh, en });
}

export function ReceiptStatusTag({ status }: { status: ReceiptStatus }) {
  const t = useT();
  return <Tag color={receiptStatusColors[status]}>{t.l(receiptStatusLabels[status])}</Tag>;
}
const receiptStatusColors: Record<ReceiptStatus, string> = { confirmed: 'green', on_hold: 'gold', refund_due: 'orange', refunded: 'default', forfeited: 'purple', void: 'red' };

/** How the money came in (现金 / 银行转账 / …): a form's select, one way everywhere. */
export function ReceiptMethodSelect(props: Omit<SelectProps<ReceiptMethod>, 'options'>) {
  const t = useT();
  return <Select<ReceiptMethod> style={{ width: 160 }} {...props} options={receiptMethods.map((m) => ({ value: m, label: t.l(receiptMethodLabels[m]) }))} />;
}

export function StatementStatusTag({ status }: { status: StatementStatus }) {
  const t = useT();
  return <Tag color={status === 'confirmed' ? 'green' : status === 'void' ? 'red' : 'orange'}>{t.l(statementStatusLabels[status])}</Tag>;
}

/** "1234.5" → 123450 fen; null when it is not a yuan amount with at most two decimals. */
export function yuanToFen(v: string | number | null | undefined): number | null {
  if (v === null || v === undefined || v === '') return null;
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(String(v).trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
export const fenToYuan = (fen: number) => (fen / 100).toFixed(2);
