import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Spin, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../app/api.ts';
import { formatDateTime } from '../../components/format.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { PrintPortal } from '../../components/print-sheet.tsx';
import { formatYuan, toChineseCapitals } from '../../../../src/platform/money.ts';
import { reconciliationOutcomeLabels, type ReconciliationOut } from '../../../../src/modules/slips/schema.ts';
import { labelOf, paymentTermLabels, useL } from './shared.tsx';
import { linesOf, pageCss, paginate } from './paged-print.ts';

// The printed 对单表 of a settled driver reconciliation: one driver's day (or the day's pickups 客户自提)
// as the cashier took it over — each slip with what it owes, the cash handed in for it and the
// difference, the credit slips' signed copies, the totals, short or over with its reason, who settled
// it and when, and the lines the driver and the cashier sign. A4 portrait, in Chinese like every
// printed form, in pages of their own with 第 N 页 / 共 M 页 (paged-print.ts).

type RecSlip = ReconciliationOut['slips'][number];

// 186 mm inside the margins: figures keep one line in columns sized for them; the customer and the returns wrap.
// Figures print at 2.7 mm with 1 mm padding in 21 mm columns: a slip of ¥9,999,999.99, a day's total of
// ¥99,999,999.99 in bold (18.4 mm in Noto Serif CJK, digits 0.55 em) and a difference of −¥1,234,567.89 keep one line.
const columns: { title: string; mm?: number }[] = [
  { title: '序号', mm: 9 }, { title: '销货清单号', mm: 30 }, { title: '客户单位' }, { title: '付款方式', mm: 15 },
  { title: '应收金额', mm: 21 }, { title: '实收现款', mm: 21 }, { title: '差额', mm: 21 }, { title: '签字联', mm: 13 }, { title: '退货', mm: 21 },
];
const CUSTOMER_MM = 186 - columns.reduce((n, c) => n + (c.mm ?? 0), 0) - 3;
const RETURNS_MM = 21 - 2;

const reconcileCss = `
.sd-sheet table.sd-recon { table-layout: fixed; font-size: 3mm; }
.sd-sheet table.sd-recon td, .sd-sheet table.sd-recon th { white-space: normal; height: auto; overflow: visible; padding: 1mm 1.5mm; border: 0.25mm solid #333; overflow-wrap: anywhere; line-height: 4mm; }
.sd-sheet table.sd-recon .nw { white-space: nowrap; overflow-wrap: normal; }
.sd-sheet table.sd-recon td.num, .sd-sheet table.sd-recon td.sd-returns { padding-left: 1mm; padding-right: 1mm; }
.sd-sheet table.sd-recon td.num { font-size: 2.7mm; }
.sd-sheet table.sd-recon .sd-fig { white-space: nowrap; font-size: 2.7mm; font-variant-numeric: tabular-nums; }
.sd-sheet table.sd-recon tr.sd-total td, .sd-sheet table.sd-recon tr.sd-total th { font-weight: 700; background: #f3f3f3; }
.sd-sheet .sd-recon-sum { margin-top: 3mm; font-size: 3.3mm; line-height: 5mm; }
.sd-sheet .sd-recon-sum p { margin: 0; }
.sd-sheet .sd-recon-sum .sd-short { color: #b00; font-weight: 700; white-space: nowrap; }
.sd-sheet .sd-recon-sign { display: flex; justify-content: space-between; margin-top: 8mm; font-size: 3.6mm; }
.sd-sheet .sd-recon-sign > span { white-space: nowrap; }
.sd-sheet .sd-recon-sign .sd-blank { display: inline-block; width: 30mm; border-bottom: 0.25mm solid #333; vertical-align: bottom; }
.sd-sheet .sd-recon-sign .sd-blank.sd-date { width: 20mm; }
` + pageCss;

/** Inside a page's padding (297 − 12 − 14 mm), below its heading (titles, the day's line, the table's head). */
const BODY_MM = 297 - 12 - 14 - 28.5;

const isCash = (s: RecSlip) => s.paymentTerm === 'cash';
const returnsText = (s: RecSlip) => (s.returnedAmount ? `${labelOf(reconciliationOutcomeLabels, s.outcome).zh} ${formatYuan(s.returnedAmount)}` : '');
/** a row: padding and rule, 4 mm a line of its longest wrapping cell */
const rowMm = (s: RecSlip) => 2.3 + 4 * Math.max(linesOf(s.customerName, CUSTOMER_MM, 3), linesOf(returnsText(s), RETURNS_MM, 3));
/** "−1.00 短" / "+2.00 长" / "0.00": the difference of a cash slip (received − due) */
const signed = (fen: number) => (fen > 0 ? `+${formatYuan(fen)}` : formatYuan(fen));
const differenceText = (fen: number) => (fen === 0 ? '平（无长短款）' : fen < 0 ? `短款 ¥${formatYuan(-fen)}` : `长款 ¥${formatYuan(fen)}`);

function Sheets({ r }: { r: ReconciliationOut }) {
  const cash = r.slips.filter(isCash);
  const credit = r.slips.filter((s) => !isCash(s));
  const copiesBack = credit.filter((s) => s.signedCopyReceived).length;
  const handed = credit.map((s) => s.handedToFinanceAt).filter(Boolean).sort().at(-1) ?? null;
  const pickup = r.deliveryMode === 'pickup';
  const remarks = r.remarks?.trim() ?? '';
  const sum = (f: (s: RecSlip) => number, of = r.slips) => of.reduce((n, s) => n + f(s), 0);
  // the summary under the totals: the cash, short or over with its reason (the remarks, which hold the reason given at settling), the credit slips
  const cashLine = `现款单 ${cash.length} 张：应交现款 ¥${formatYuan(r.cashExpected)}，实收现款 ¥${formatYuan(r.cashReceived)}（大写：${toChineseCapitals(r.cashReceived)}）`;
  const reasonText = remarks ? `　${r.cashDifference ? '原因' : '备注'}：${remarks}` : r.cashDifference ? '　原因：（未填写）' : '';
  const creditLine = !credit.length ? '赊销单：无' : `赊销单 ${credit.length} 张：应收 ¥${formatYuan(sum((s) => s.receivable, credit))}，客户签字联收回 ${copiesBack} 张${handed ? `，已于 ${formatDateTime(handed)} 交财务` : ''}`;
  const summaryLines = linesOf(cashLine, 186, 3.3) + linesOf(`长短款：${differenceText(r.cashDifference)}${reasonText}`, 186, 3.3) + linesOf(creditLine, 186, 3.3) + 1;
  // the closing block: the totals row, the summary (5 mm a line), the signature lines
  const closingMm = 6.3 + 3 + 5 * summaryLines + 14;
  const pages = paginate(r.slips, rowMm, BODY_MM, closingMm);
  let n = 0;
  return (
    <>
      {pages.map((rows, p) => {
        const last = p === pages.length - 1;
        return (
          <section key={p} className="sd-sheet sd-page" data-page={p + 1}>
            <h1>{r.companyName}</h1>
            <h2>{pickup ? '客户自提对单表' : '司机对单表'}</h2>
            <div className="sd-meta">
              <span>日期：{r.businessDate}</span>
              <span>{pickup ? '提货方式：客户自提' : `司机：${r.driverName ?? ''}`}　共 {r.slips.length} 张（现款 {cash.length} 张，赊销 {credit.length} 张）</span>
              <span>NO. <span className="sd-no">{r.number}</span></span>
            </div>
            <table className="sd-recon">
              <colgroup>{columns.map((c) => <col key={c.title} style={c.mm ? { width: `${c.mm}mm` } : undefined} />)}</colgroup>
              <thead>
                <tr>{columns.map((c) => <th key={c.title} className="nw">{c.title}</th>)}</tr>
              </thead>
              <tbody>
                {rows.map((s) => {
                  n += 1;
                  return (
                    <tr key={s.slipId}>
                      <td className="nw" style={{ textAlign: 'center' }}>{n}</td>
                      <td className="nw">{s.number}</td>
                      <td>{s.customerName}</td>
                      <td className="nw">{labelOf(paymentTermLabels, s.paymentTerm).zh}</td>
                      <td className="nw num">{formatYuan(s.receivable)}</td>
                      <td className="nw num">{isCash(s) ? formatYuan(s.cashReceived) : '—'}</td>
                      <td className="nw num">{isCash(s) ? signed(s.cashReceived - s.cashExpected) : '—'}</td>
                      <td className="nw" style={{ textAlign: 'center' }}>{isCash(s) ? '—' : s.signedCopyReceived ? '已收回' : '未收回'}</td>
                      <td className="sd-returns">{s.returnedAmount ? <>{labelOf(reconciliationOutcomeLabels, s.outcome).zh} <span className="sd-fig">{formatYuan(s.returnedAmount)}</span></> : ''}</td>
                    </tr>
                  );
                })}
                {last && (
                  <tr className="sd-total">
                    <th colSpan={4}>合计（{r.slips.length} 张）</th>
                    <td className="nw num">{formatYuan(sum((s) => s.receivable))}</td>
                    <td className="nw num">{formatYuan(r.cashReceived)}</td>
                    <td className="nw num">{signed(r.cashDifference)}</td>
                    <td className="nw" style={{ textAlign: 'center' }}>{credit.length ? `${copiesBack}/${credit.length}` : '—'}</td>
                    <td className="nw num">{sum((s) => s.returnedAmount) ? formatYuan(sum((s) => s.returnedAmount)) : ''}</td>
                  </tr>
                )}
              </tbody>
            </table>
            {last && (
              <>
                <div className="sd-recon-sum">
                  <p>{cashLine}</p>
                  <p className="sd-recon-diff">长短款：<span className={r.cashDifference ? 'sd-short' : undefined}>{differenceText(r.cashDifference)}</span>{reasonText}</p>
                  <p>{creditLine}</p>
                  <p>对单开立：{r.createdByName}　{formatDateTime(r.createdAt)}　　结清：<b>{r.settledByName}</b>　{formatDateTime(r.settledAt)}</p>
                </div>
                <div className="sd-recon-sign">
                  <span>{pickup ? '交款人签字' : '司机签字'}：<b className="sd-blank" />　日期：<b className="sd-blank sd-date" /></span>
                  <span>出纳/财务签收：<b className="sd-blank" />　日期：<b className="sd-blank sd-date" /></span>
                </div>
              </>
            )}
            <div className="sd-page-foot">
              <span>{r.number}　{pickup ? '客户自提' : r.driverName}　{r.businessDate}</span>
              <span className="sd-page-no">第 {p + 1} 页 / 共 {pages.length} 页</span>
              <span>{rows.length ? `本页第 ${n - rows.length + 1}–${n} 张` : '（接上页：合计）'}</span>
            </div>
          </section>
        );
      })}
    </>
  );
}

/** /slips/reconciliations/:id/print — the settled day's 对单表, to print and sign. */
export function ReconciliationPrintPage() {
  const { id } = useParams();
  const L = useL();
  const q = useQuery({ queryKey: ['slips', 'reconciliation', id], queryFn: () => api.get<ReconciliationOut>(`/api/slip-reconciliations/${id}`) });
  useEffect(() => {
    if (q.data) document.title = `司机对单 ${q.data.number}`;
  }, [q.data]);
  if (q.isPending) return <Spin />;
  if (q.isError || !q.data) return <Typography.Text type="danger">{errorMessage(q.error)}</Typography.Text>;
  const r = q.data;
  if (r.status !== 'settled') {
    return (
      <PageFrame title={`${L('打印对单', 'Print reconciliation')} ${r.number}`} back={`/slips/reconciliations/${r.id}`}>
        <Alert type="info" showIcon title={L('对单结清后才能打印：打印的是结清时的金额和长短款', 'A reconciliation prints once settled: the print shows the settled figures')} action={<Link to={`/slips/reconciliations/${r.id}`}>{L('回到对单', 'Back to it')}</Link>} />
      </PageFrame>
    );
  }
  const toolbar = (
    <>
      <Typography.Text strong>{L('司机对单打印', 'Print reconciliation')} {r.number}</Typography.Text>
      <Typography.Text type="secondary">A4</Typography.Text>
      <Space>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>{L('打印', 'Print')}</Button>
      </Space>
    </>
  );
  return (
    <PrintPortal paper="a4" toolbar={toolbar} extraCss={reconcileCss}>
      <Sheets r={r} />
    </PrintPortal>
  );
}
