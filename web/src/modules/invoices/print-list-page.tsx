import { createPortal } from 'react-dom';
import { useNavigate, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Space, Spin } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, errorMessage } from '../../app/api.ts';
import { formatYuan } from '../../../../src/platform/money.ts';
import { CustomerPicker } from '../leads/shared.tsx';
import { invoiceKindLabels, invoiceStatusLabels, useL, type PrintList } from './shared.tsx';

const css = `
.sd-inv-print { font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", sans-serif; color: #111; }
@media screen {
  .sd-inv-print { position: fixed; inset: 0; overflow: auto; background: #dcdcdc; z-index: 1500; padding-bottom: 40px; }
  .sd-inv-toolbar { position: sticky; top: 0; background: #fff; border-bottom: 1px solid #ccc; padding: 8px 16px; display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
  .sd-inv-sheet { margin: 16px auto; box-shadow: 0 2px 8px rgba(0,0,0,.25); }
}
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  body > *:not(.sd-inv-print) { display: none !important; }
  .sd-inv-toolbar { display: none !important; }
  .sd-inv-print { position: static; }
}
.sd-inv-sheet { background: #fff; width: 277mm; box-sizing: border-box; padding: 8mm 10mm; }
.sd-inv-sheet h1 { text-align: center; font-size: 6mm; margin: 0 0 2mm; letter-spacing: 1mm; }
.sd-inv-sheet .meta { display: flex; justify-content: space-between; font-size: 3.4mm; margin-bottom: 2mm; }
.sd-inv-sheet table { width: 100%; border-collapse: collapse; font-size: 3.2mm; }
.sd-inv-sheet th, .sd-inv-sheet td { border: 0.25mm solid #333; padding: 1mm 1.5mm; }
.sd-inv-sheet th { background: #f0f0f0; }
.sd-inv-sheet .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.sd-inv-sheet .red td { color: #b00; }
.sd-inv-sheet .sign { display: flex; justify-content: space-between; margin-top: 6mm; font-size: 3.4mm; }
`;

/** 发票清单: the invoices of a period (and customer), printable on A4 landscape, with totals in figures and capitals. */
export function InvoicePrintListPage() {
  const L = useL();
  const navigate = useNavigate();
  const [sp, setSp] = useSearchParams();
  const from = sp.get('from') ?? dayjs().startOf('month').format('YYYY-MM-DD');
  const to = sp.get('to') ?? dayjs().format('YYYY-MM-DD');
  const customerId = sp.get('customerId');
  const q = useQuery({ queryKey: ['invoices', 'print-list', from, to, customerId], queryFn: () => api.get<PrintList>('/api/invoices/print-list', { from, to, customerId: customerId ?? undefined }) });
  const setParam = (k: string, v: string | null) => {
    const next = new URLSearchParams(sp);
    if (v) next.set(k, v);
    else next.delete(k);
    setSp(next, { replace: true });
  };
  const d = q.data;
  return createPortal(
    <div className="sd-inv-print">
      <style>{css}</style>
      <div className="sd-inv-toolbar">
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/invoices')}>{L('返回', 'Back')}</Button>
        <DatePicker.RangePicker value={[dayjs(from), dayjs(to)]} onChange={(v) => { const n = new URLSearchParams(sp); n.set('from', v?.[0]?.format('YYYY-MM-DD') ?? from); n.set('to', v?.[1]?.format('YYYY-MM-DD') ?? to); setSp(n, { replace: true }); }} />
        <CustomerPicker placeholder={L('全部客户', 'All customers')} style={{ width: 220 }} value={customerId ? Number(customerId) : null} initialLabel={d?.customerName ?? null} onChange={(v) => setParam('customerId', v ? String(v) : null)} />
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!d}>{L('打印', 'Print')}</Button>
      </div>
      {q.error && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      {!d ? <Spin style={{ margin: 40 }} /> : (
        <div className="sd-inv-sheet" data-testid="invoice-print-list">
          <h1>{d.companyName} {L('发票清单', 'Invoice list')}</h1>
          <div className="meta">
            <span>{L('期间', 'Period')}：{d.from} ～ {d.to}</span>
            <span>{L('客户', 'Customer')}：{d.customerName ?? L('全部', 'all')}</span>
            <span>{L('共', 'Count')} {d.count} {L('张', '')}</span>
          </div>
          <table>
            <thead>
              <tr>
                <th>{L('序号', 'No.')}</th><th>{L('单据号', 'Number')}</th><th>{L('发票代码', 'Code')}</th><th>{L('发票号码', 'Tax no.')}</th><th>{L('开票日期', 'Date')}</th><th>{L('种类', 'Kind')}</th>
                <th>{L('购买方', 'Buyer')}</th><th>{L('金额', 'Amount')}</th><th>{L('税额', 'Tax')}</th><th>{L('价税合计', 'Total')}</th><th>{L('状态', 'Status')}</th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((i, n) => (
                <tr key={i.id} className={i.direction === 'red' ? 'red' : undefined}>
                  <td className="num">{n + 1}</td><td>{i.number}</td><td>{i.taxInvoiceCode ?? ''}</td><td>{i.taxInvoiceNo ?? ''}</td><td>{i.businessDate}</td>
                  <td>{L(invoiceKindLabels[i.kind].zh, invoiceKindLabels[i.kind].en).replace('增值税', '')}{i.direction === 'red' ? L('（红字）', ' (red)') : ''}</td>
                  <td>{i.buyerName}</td><td className="num">{formatYuan(i.amountExTax)}</td><td className="num">{formatYuan(i.taxAmount)}</td><td className="num">{formatYuan(i.totalAmount)}</td>
                  <td>{i.direction === 'red' ? L('红冲', 'reversal') : L(invoiceStatusLabels[i.status].zh, invoiceStatusLabels[i.status].en)}</td>
                </tr>
              ))}
              <tr>
                <td colSpan={7}><b>{L('合计', 'Total')}</b>（{L('大写', 'in words')}：{d.totalInCapitals}）</td>
                <td className="num"><b>{formatYuan(d.amountExTax)}</b></td><td className="num"><b>{formatYuan(d.taxAmount)}</b></td><td className="num"><b>{formatYuan(d.totalAmount)}</b></td><td />
              </tr>
            </tbody>
          </table>
          <div className="sign"><span>{L('制表', 'Prepared by')}：________</span><span>{L('复核', 'Reviewed by')}：________</span><span>{L('打印日期', 'Printed')}：{dayjs().format('YYYY-MM-DD')}</span></div>
        </div>
      )}
    </div>,
    document.body,
  );
}
