import { Tag, Typography } from 'antd';
import type { QueryClient } from '@tanstack/react-query';
import { useT } from '../../app/i18n.tsx';
import { invoiceKindLabels, invoiceStatusLabels, type InvoiceDetail, type InvoiceHead, type InvoiceKind, type InvoiceStatus, type Invoiceable, type PrintList } from '../../../../src/modules/invoices/schema.ts';

export type { InvoiceDetail, InvoiceHead, InvoiceKind, InvoiceStatus, Invoiceable, PrintList };
export { invoiceKindLabels, invoiceStatusLabels };

export const INVOICES_KEY = ['invoices'] as const;
export const invalidateInvoices = (qc: QueryClient) => {
  void qc.invalidateQueries({ queryKey: INVOICES_KEY });
  void qc.invalidateQueries({ queryKey: ['list'] });
};

/** Picks the user's language of a {zh, en} pair. */
export function useL() {
  const t = useT();
  return (zh: string, en: string) => t.l({ zh, en });
}

const statusColors: Record<InvoiceStatus, string> = { issued: 'green', partly_reversed: 'orange', reversed: 'red', void: 'default' };

export function InvoiceStatusTag({ status, direction }: { status: InvoiceStatus; direction: 'blue' | 'red' }) {
  const t = useT();
  if (direction === 'red') return <Tag color="red">{t.l({ zh: '红字发票', en: 'Red-letter' })}</Tag>;
  return <Tag color={statusColors[status]}>{t.l(invoiceStatusLabels[status])}</Tag>;
}

export function KindTag({ kind }: { kind: InvoiceKind }) {
  const t = useT();
  return <Tag color={kind === 'special' ? 'purple' : 'blue'}>{t.l({ zh: kind === 'special' ? '专票' : '普票', en: kind === 'special' ? 'Special' : 'Normal' })}</Tag>;
}

/** The rounding-difference rule, shown where invoices are issued (the same words as amounts.ts). */
export function RoundingHelp() {
  const L = useL();
  return (
    <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }} data-testid="rounding-help">
      {L(
        '尾差规则：每行的税额按本行金额单独计算并四舍五入到分（含税单价：不含税金额 = 价税合计 ÷ (1+税率)，税额 = 差额；不含税单价：税额 = 金额 × 税率）。发票的金额、税额、价税合计均为各行之和，因此税额合计可能与"金额合计 × 税率"相差几分，这是逐行计税的正常尾差，与税控开票软件一致。一行一次开完剩余数量时，取销货清单该行剩余的金额，分次开票合计恰好等于销货清单金额。',
        'Rounding rule: each line’s tax is computed on that line and rounded half-up to the fen (price incl. tax: amount ex tax = total ÷ (1 + rate), tax = the difference; price excl. tax: tax = amount × rate). The invoice’s totals are the sums of its lines, so the total tax may differ from “total × rate” by a few fen — the normal rounding of per-line tax, as in the tax software. Invoicing all that is left of a slip line takes exactly its remaining amount, so partial invoices add up to the slip.',
      )}
    </Typography.Paragraph>
  );
}
