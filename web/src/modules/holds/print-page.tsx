import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Spin, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../app/api.ts';
import { useCan, useMe } from '../../app/auth.tsx';
import { registerMessages, useT, type T } from '../../app/i18n.tsx';
import { formatDateTime } from '../../components/format.tsx';
import { PaperSwitch, PrintPortal, usePaper } from '../../components/print-sheet.tsx';
import { divRoundHalfUp, formatPrice, formatYuan, toChineseCapitals } from '../../../../src/platform/money.ts';
import { depositOutcomeLabels, holdQuantityText, holdStatusLabels, invalidateHolds, isOpen, type HoldOut } from './shared.tsx';

// The print page of a hold: the order form 留货单（订购单）in two copies, as the rule book asks when a
// deposit is taken (填写《订购单》贰份: 房号/商品，保留人，金额、期限，截止日期、收到人). On A4 portrait
// both copies share a page (210 × 148 mm each, cut along the dashed line); on 241 mm continuous paper
// in halves each copy is a page (241 × 139.5 mm, rows a little lower to fit): 第一联 客户联 goes to the
// customer, 第二联 存根联 to the sales assistant / office. A voided hold prints under a 作废 mark;
// a converted, released or expired one says so (a stamp, and the outcome in its own row).
// The form follows the language of the UI (Chinese first); the amounts in capitals stay Chinese.

const holdCss = `
.sd-hold { display: flex; flex-direction: column; }
.sd-hold h2 { letter-spacing: 1.5mm; margin-bottom: 2.6mm; }
.sd-hold .sd-meta { align-items: baseline; }
.sd-hold table { font-size: 3.4mm; }
.sd-hold td, .sd-hold th { height: 6.4mm; padding: 0.6mm 1.6mm; }
.sd-hold th { text-align: left; }
.sd-hold td.wrap { white-space: normal; line-height: 1.35; }
.sd-hold .sd-clamp { display: -webkit-box; -webkit-box-orient: vertical; overflow: hidden; white-space: normal; line-height: 1.35; }
.sd-hold .sd-small { font-size: 2.9mm; }
.sd-hold .sd-cap { letter-spacing: 0.4mm; font-weight: 700; }
.sd-hold .sd-receipt { font-size: 2.9mm; color: #555; margin-left: 2mm; }
.sd-hold .sd-rule { font-weight: 600; }
.sd-hold .sd-terms { font-size: 3mm; margin-top: 1.4mm; color: #333; }
.sd-hold .sd-sign { margin-top: auto; padding-top: 3mm; font-size: 3.5mm; justify-content: flex-start; gap: 12mm; }
.sd-hold .sd-sign span b { min-width: 30mm; }
.sd-hold .sd-foot { margin: 2.4mm 0 0; font-size: 2.6mm; color: #555; }
.sd-hold .sd-stamp { position: absolute; right: 15mm; top: 5mm; color: #c00; border: 0.6mm solid #c00; outline: 0.3mm solid #c00; outline-offset: 0.6mm; padding: 0.6mm 2.4mm; transform: rotate(-8deg); font-size: 4.6mm; font-weight: 800; letter-spacing: 0.8mm; text-align: center; background: rgba(255,255,255,.6); }
.sd-hold .sd-stamp-en { right: 4mm; top: 2mm; font-size: 3.4mm; letter-spacing: 0.2mm; }
.sd-hold .sd-stamp small { display: block; font-size: 2.8mm; letter-spacing: 0; font-weight: 600; max-width: 46mm; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.sd-paper-continuous241 .sd-hold td, .sd-paper-continuous241 .sd-hold th { height: 5.9mm; }
.sd-paper-continuous241 .sd-hold h2 { margin-bottom: 1.8mm; }
.sd-hold.sd-en h2 { letter-spacing: 0.6mm; }
.sd-hold.sd-en .sd-copy-tab { letter-spacing: 0.2mm; font-size: 3mm; }
`;

registerMessages({
  zh: {
    'holdPrint.formTitle': '留货单（订购单）',
    'holdPrint.toolbar': '留货单（订购单）打印',
    'holdPrint.print': '打印',
    'holdPrint.reprint': '补打（第 {n} 次）',
    'holdPrint.printed': '已打印 {n} 次',
    'holdPrint.reprintMark': '补打 · 副本（第 {n} 次打印）',
    'holdPrint.paperNote.a4': 'A4 纵向，一页两联，沿虚线裁开',
    'holdPrint.paperNote.continuous241': '241 mm 连续纸二等分，一联一页',
    'holdPrint.voidNote': '本单已作废，打印带「作废」标记',
    'holdPrint.endedNote': '本单{status}，打印注明状态',
    'holdPrint.copy1': '第一联 客户联',
    'holdPrint.copy2': '第二联 存根联（交行助/内勤）',
    'holdPrint.date': '日期',
    'holdPrint.status': '状态',
    'holdPrint.customer': '客户',
    'holdPrint.owner': '业务员',
    'holdPrint.holder': '保留人',
    'holdPrint.phone': '联系电话',
    'holdPrint.product': '商品',
    'holdPrint.warehouse': '仓库',
    'holdPrint.quantity': '数量',
    'holdPrint.listPrice': '标价',
    'holdPrint.agreedPrice': '特别优惠价',
    'holdPrint.agreedApproved': '（经理批准）',
    'holdPrint.none': '无',
    'holdPrint.amount': '货款金额',
    'holdPrint.amountBasis': '{amount}（{basis} × {quantity}）',
    'holdPrint.basisAgreed': '按特别优惠价',
    'holdPrint.basisList': '按标价',
    'holdPrint.capitals': '大写',
    'holdPrint.deposit': '订金（小写）',
    'holdPrint.depositCapitals': '订金（大写）',
    'holdPrint.expires': '保留期限',
    'holdPrint.expiresText': '至 {at}（北京时间）止。',
    'holdPrint.expiresRule': '逾期未定自动释放，订金按公司规定处理。',
    'holdPrint.firmDeposit': '定金（小写）',
    'holdPrint.firmDepositCapitals': '定金（大写）',
    'holdPrint.agreementNo': '订货协议编号',
    'holdPrint.signBy': '签约付款期限',
    'holdPrint.signByText': '{date} 前签约付款',
    'holdPrint.total': '订金定金合计',
    'holdPrint.receivedBy': '收款人',
    'holdPrint.receivedAt': '收款时间',
    'holdPrint.receivedDeposit': '订金：{name}（{at}）',
    'holdPrint.receiptNo': '收款单 {number}',
    'holdPrint.receivedFirm': '定金：{name}（{at}）',
    'holdPrint.remarks': '备注',
    'holdPrint.result': '办理结果',
    'holdPrint.order': '订单 {order}',
    'holdPrint.outcome': '订金/定金去向：{outcome}',
    'holdPrint.by': '{name} {at}',
    'holdPrint.system': '系统',
    'holdPrint.copies': '本单一式贰份：第一联 客户联，第二联 存根联（交行助/内勤）。',
    'holdPrint.signCustomer': '客户签字',
    'holdPrint.signReceiver': '收款人签字',
    'holdPrint.signDate': '日期',
    'holdPrint.enteredBy': '录入：{name} {at}',
    'holdPrint.printedAt': '打印时间：{at}',
    'holdPrint.semi': '；',
  },
  en: {
    'holdPrint.formTitle': 'Hold Order Form',
    'holdPrint.toolbar': 'Print hold order form',
    'holdPrint.print': 'Print',
    'holdPrint.reprint': 'Reprint (#{n})',
    'holdPrint.printed': 'Printed {n} time(s)',
    'holdPrint.reprintMark': 'REPRINT · copy (print #{n})',
    'holdPrint.paperNote.a4': 'A4 portrait, both copies on one page; cut along the dashed line',
    'holdPrint.paperNote.continuous241': '241 mm continuous paper in halves, one copy a page',
    'holdPrint.voidNote': 'void: prints with the VOID mark',
    'holdPrint.endedNote': '{status}: the status prints on the form',
    'holdPrint.copy1': 'Copy 1 · Customer',
    'holdPrint.copy2': 'Copy 2 · Stub (sales assistant / office)',
    'holdPrint.date': 'Date',
    'holdPrint.status': 'Status',
    'holdPrint.customer': 'Customer',
    'holdPrint.owner': 'Rep',
    'holdPrint.holder': 'Holder',
    'holdPrint.phone': 'Phone',
    'holdPrint.product': 'Product',
    'holdPrint.warehouse': 'Warehouse',
    'holdPrint.quantity': 'Quantity',
    'holdPrint.listPrice': 'List price',
    'holdPrint.agreedPrice': 'Special price',
    'holdPrint.agreedApproved': ' (approved)',
    'holdPrint.none': 'none',
    'holdPrint.amount': 'Goods amount',
    'holdPrint.amountBasis': '{amount} ({basis} × {quantity})',
    'holdPrint.basisAgreed': 'special price',
    'holdPrint.basisList': 'list price',
    'holdPrint.capitals': 'In words',
    'holdPrint.deposit': 'Small deposit',
    'holdPrint.depositCapitals': 'In words',
    'holdPrint.expires': 'Held until',
    'holdPrint.expiresText': '{at} (Beijing time). ',
    'holdPrint.expiresRule': 'Released automatically unless firmed up by then; the small deposit is handled under the company\u2019s rules.',
    'holdPrint.firmDeposit': 'Deposit',
    'holdPrint.firmDepositCapitals': 'In words',
    'holdPrint.agreementNo': 'Agreement no.',
    'holdPrint.signBy': 'Sign & pay by',
    'holdPrint.signByText': '{date}',
    'holdPrint.total': 'Deposits in all',
    'holdPrint.receivedBy': 'Received by',
    'holdPrint.receivedAt': 'Received at',
    'holdPrint.receivedDeposit': 'small deposit: {name} ({at})',
    'holdPrint.receiptNo': 'receipt {number}',
    'holdPrint.receivedFirm': 'deposit: {name} ({at})',
    'holdPrint.remarks': 'Remarks',
    'holdPrint.result': 'Outcome',
    'holdPrint.order': 'order {order}',
    'holdPrint.outcome': 'deposits: {outcome}',
    'holdPrint.by': '{name} {at}',
    'holdPrint.system': 'System',
    'holdPrint.copies': 'Made out in two copies: copy 1 for the customer, copy 2 the stub (to the sales assistant / office).',
    'holdPrint.signCustomer': 'Customer',
    'holdPrint.signReceiver': 'Received by',
    'holdPrint.signDate': 'Date',
    'holdPrint.enteredBy': 'Entered: {name} {at}',
    'holdPrint.printedAt': 'Printed: {at}',
    'holdPrint.semi': '; ',
  },
});

/** The two copies, in print order. */
const holdCopies = [
  { key: 'customer', label: 'holdPrint.copy1' },
  { key: 'stub', label: 'holdPrint.copy2' },
] as const;

const yuan = (fen: number) => `¥${formatYuan(fen)}`;
/** quantity × unit price (0.0001 yuan) in fen, rounded half-up (as order lines). */
const goodsAmount = (quantity: number, price: number) => Number(divRoundHalfUp(BigInt(quantity) * BigInt(price), 100n));

/** "已退订：客户改买其他酒；订金/定金去向：退还客户；张伟 2026-05-03 10:30" — what became of an ended hold. */
function outcomeText(h: HoldOut, t: T): string {
  const status = t.l(holdStatusLabels[h.status]);
  const semi = t('holdPrint.semi');
  if (h.status === 'void') return `${status}${t('holds.colon')}${h.voidReason ?? ''}${semi}${t('holdPrint.by', { name: h.voidedByName ?? '', at: formatDateTime(h.voidedAt) })}`;
  const parts = [h.status === 'converted' && h.orderId ? t('holdPrint.order', { order: h.orderNumber ?? `#${h.orderId}` }) : h.endReason ?? ''];
  if (h.depositOutcome) parts.push(t('holdPrint.outcome', { outcome: t.l(depositOutcomeLabels[h.depositOutcome]) }));
  if (h.endedAt) parts.push(t('holdPrint.by', { name: h.endedByName ?? t('holdPrint.system'), at: formatDateTime(h.endedAt) }));
  return `${status}${t('holds.colon')}${parts.filter(Boolean).join(semi)}`;
}

/**
 * Free text in a cell (remarks up to 500 characters, reasons): a long one in smaller type, and at most
 * `lines` lines (an ellipsis past them), so the copy keeps its half page (the detail page shows it whole).
 */
function Clamped({ text, lines }: { text: string; lines: number }) {
  return <div className={`sd-clamp${text.length > 80 ? ' sd-small' : ''}`} style={{ WebkitLineClamp: lines }} title={text}>{text}</div>;
}

function Sheet({ hold: h, copy, companyName, printedAt, printNo }: { hold: HoldOut; copy: (typeof holdCopies)[number]; companyName: string; printedAt: string; printNo: number }) {
  const t = useT();
  const firm = h.firmDeposit != null;
  const price = h.agreedPrice ?? h.listPrice;
  const amount = goodsAmount(h.quantity, price);
  const ended = !isOpen(h.status);
  const capitals = (fen: number) => <span className="sd-cap">{toChineseCapitals(fen)}</span>;
  // each deposit's receipt 收款单 (订金 first, then 定金), beside its amount
  const receiptNo = (i: number) => h.receipts[i] && <span className="sd-receipt">{t('holdPrint.receiptNo', { number: h.receipts[i].number })}</span>;
  return (
    <section className={`sd-sheet sd-hold${t.locale === 'en-US' ? ' sd-en' : ''}`} data-copy={copy.key}>
      <div className="sd-copy-tab">{t(copy.label)}</div>
      {printNo > 1 && <div className="sd-reprint">{t('holdPrint.reprintMark', { n: printNo })}</div>}
      {h.status === 'void' && (
        <div className="sd-void">作废<small>VOID · {h.voidedByName} {formatDateTime(h.voidedAt)} · {h.voidReason}</small></div>
      )}
      {ended && h.status !== 'void' && (
        <div className={t.locale === 'en-US' ? 'sd-stamp sd-stamp-en' : 'sd-stamp'}>
          {t.l(holdStatusLabels[h.status])}
          {h.status === 'converted' && h.orderId ? <small>{t('holdPrint.order', { order: h.orderNumber ?? `#${h.orderId}` })}</small> : null}
        </div>
      )}
      <h1>{companyName}</h1>
      <h2>{t('holdPrint.formTitle')}</h2>
      <div className="sd-meta">
        <span>{t('holdPrint.date')}{t('holds.colon')}{formatDateTime(h.createdAt).slice(0, 10)}</span>
        <span>{t('holdPrint.status')}{t('holds.colon')}{t.l(holdStatusLabels[h.status])}</span>
        <span>NO. <span className="sd-no">{h.number}</span></span>
      </div>
      <table>
        <colgroup>
          <col style={{ width: '17%' }} /><col style={{ width: '35%' }} /><col style={{ width: '17%' }} /><col style={{ width: '31%' }} />
        </colgroup>
        <tbody>
          <tr><th>{t('holdPrint.customer')}</th><td>{h.customerName}</td><th>{t('holdPrint.owner')}</th><td>{h.ownerName ?? ''}</td></tr>
          <tr><th>{t('holdPrint.holder')}</th><td>{h.holderName}</td><th>{t('holdPrint.phone')}</th><td>{h.holderPhone ?? ''}</td></tr>
          <tr><th>{t('holdPrint.product')}</th><td colSpan={3}><b>{h.productCode}</b>　{h.productName}{h.spec ? `　${h.spec}` : ''}</td></tr>
          <tr><th>{t('holdPrint.warehouse')}</th><td>{h.warehouseName}</td><th>{t('holdPrint.quantity')}</th><td><b>{holdQuantityText(h, t.locale)}</b></td></tr>
          <tr>
            <th>{t('holdPrint.listPrice')}</th><td>¥{formatPrice(h.listPrice)} / {h.unit}</td>
            <th>{t('holdPrint.agreedPrice')}</th>
            <td>{h.agreedPrice != null ? <><b>¥{formatPrice(h.agreedPrice)} / {h.unit}</b>{t('holdPrint.agreedApproved')}</> : t('holdPrint.none')}</td>
          </tr>
          <tr>
            <th>{t('holdPrint.amount')}</th>
            <td>{t('holdPrint.amountBasis', { amount: yuan(amount), basis: t(h.agreedPrice != null ? 'holdPrint.basisAgreed' : 'holdPrint.basisList'), quantity: h.quantity })}</td>
            <th>{t('holdPrint.capitals')}</th><td>{toChineseCapitals(amount)}</td>
          </tr>
          <tr><th>{t('holdPrint.deposit')}</th><td><b>{yuan(h.deposit)}</b>{receiptNo(0)}</td><th>{t('holdPrint.depositCapitals')}</th><td>{capitals(h.deposit)}</td></tr>
          {firm ? (
            <>
              <tr><th>{t('holdPrint.firmDeposit')}</th><td><b>{yuan(h.firmDeposit!)}</b>{receiptNo(1)}</td><th>{t('holdPrint.firmDepositCapitals')}</th><td>{capitals(h.firmDeposit!)}</td></tr>
              <tr><th>{t('holdPrint.total')}</th><td>{yuan(h.deposit + h.firmDeposit!)}</td><th>{t('holdPrint.capitals')}</th><td>{toChineseCapitals(h.deposit + h.firmDeposit!)}</td></tr>
              <tr>
                <th>{t('holdPrint.agreementNo')}</th><td><b>{h.agreementNo}</b></td>
                <th>{t('holdPrint.signBy')}</th><td><b className="sd-rule">{h.signBy ? t('holdPrint.signByText', { date: h.signBy }) : ''}</b></td>
              </tr>
              <tr>
                <th>{t('holdPrint.receivedBy')}</th>
                <td colSpan={3}>
                  {t('holdPrint.receivedDeposit', { name: h.depositReceivedByName ?? '', at: formatDateTime(h.createdAt) })}
                  {'　'}
                  {t('holdPrint.receivedFirm', { name: h.firmByName ?? '', at: formatDateTime(h.firmAt) })}
                </td>
              </tr>
            </>
          ) : (
            <>
              <tr>
                <th>{t('holdPrint.expires')}</th>
                <td colSpan={3} className="wrap"><b>{t('holdPrint.expiresText', { at: formatDateTime(h.expiresAt) })}</b><span className="sd-rule">{t('holdPrint.expiresRule')}</span></td>
              </tr>
              <tr><th>{t('holdPrint.receivedBy')}</th><td>{h.depositReceivedByName ?? ''}</td><th>{t('holdPrint.receivedAt')}</th><td>{formatDateTime(h.createdAt)}</td></tr>
            </>
          )}
          <tr><th>{t('holdPrint.remarks')}</th><td colSpan={3}><Clamped text={h.remarks ?? ''} lines={3} /></td></tr>
          {ended && <tr><th>{t('holdPrint.result')}</th><td colSpan={3}><b><Clamped text={outcomeText(h, t)} lines={2} /></b></td></tr>}
        </tbody>
      </table>
      <div className="sd-terms">{t('holdPrint.copies')}</div>
      <div className="sd-sign">
        <span>{t('holdPrint.signCustomer')}{t('holds.colon')}<b>{'　'}</b></span>
        <span>{t('holdPrint.signReceiver')}{t('holds.colon')}<b>{'　'}</b></span>
        <span>{t('holdPrint.signDate')}{t('holds.colon')}<b>{'　'}</b></span>
      </div>
      <div className="sd-meta sd-foot">
        <span>{t('holdPrint.enteredBy', { name: h.createdByName ?? '', at: formatDateTime(h.createdAt) })}</span>
        <span>{t('holdPrint.printedAt', { at: printedAt })}</span>
        <span>{t(copy.label)}</span>
      </div>
    </section>
  );
}

/** /holds/:id/print — the two copies of the order form (A4 or 241 mm continuous), and a toolbar to print them. */
export function HoldPrintPage() {
  const { id } = useParams();
  const t = useT();
  const me = useMe();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [paper, setPaper] = usePaper();
  const [printed, setPrinted] = useState<number | null>(null);
  const q = useQuery({ queryKey: ['holds', 'one', Number(id)], queryFn: () => api.get<HoldOut>(`/api/holds/${id}`) });
  // each print is counted first, so the paper carries its number (a reprint says 补打 · 副本)
  const record = useMutation({
    mutationFn: () => api.post<{ printNo: number }>(`/api/holds/${id}/prints`, { paper }),
    onSuccess: (r) => {
      setPrinted(r.printNo);
      invalidateHolds(qc);
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  useEffect(() => {
    if (printed === null) return;
    const timer = setTimeout(() => window.print(), 150);
    return () => clearTimeout(timer);
  }, [printed]);
  useEffect(() => {
    if (q.data) document.title = `${t('holdPrint.formTitle')} ${q.data.number}`;
  }, [q.data, t]);
  if (q.isPending) return <Spin />;
  if (q.isError || !q.data) return <Typography.Text type="danger">{errorMessage(q.error)}</Typography.Text>;
  const h = q.data;
  const printedAt = formatDateTime(new Date().toISOString());
  const status = t.l(holdStatusLabels[h.status]);
  const printCount = printed ?? h.printCount;
  // the sheets carry the number of the print being made (or just made); the button names the next one
  const printNo = printed ?? printCount + 1;
  const next = printCount + 1;
  const toolbar = (
    <>
      <Typography.Text strong>{t('holdPrint.toolbar')} {h.number}</Typography.Text>
      <PaperSwitch value={paper} onChange={setPaper} />
      <Button type="primary" icon={<PrinterOutlined />} loading={record.isPending} disabled={!can('hold.create')} onClick={() => record.mutate()}>
        {next > 1 ? t('holdPrint.reprint', { n: next }) : t('holdPrint.print')}
      </Button>
      <Typography.Text type="secondary">
        {t('holdPrint.printed', { n: printCount })} · {t(`holdPrint.paperNote.${paper}`)}
        {h.status === 'void' ? ` · ${t('holdPrint.voidNote')}` : !isOpen(h.status) ? ` · ${t('holdPrint.endedNote', { status })}` : ''}
      </Typography.Text>
    </>
  );
  return (
    <PrintPortal paper={paper} toolbar={toolbar} extraCss={holdCss}>
      {holdCopies.map((c) => <Sheet key={c.key} hold={h} copy={c} companyName={me.company?.name ?? ''} printedAt={printedAt} printNo={printNo} />)}
    </PrintPortal>
  );
}
