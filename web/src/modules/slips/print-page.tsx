import { Fragment, useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Spin, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../app/api.ts';
import { useCan } from '../../app/auth.tsx';
import { formatYuan } from '../../../../src/platform/money.ts';
import { formatDateTime } from '../../components/format.tsx';
import { BlankRows, CustomerRows, GoodsCells, PaperSwitch, PrintPortal, chunk, usePaper } from '../../components/print-sheet.tsx';
import { slipCopies } from '../../../../src/modules/slips/schema.ts';
import { invalidateSlips, labelOf, paymentTermLabels, orderTypeLabels, SLIPS_KEY, useL, type SlipDetail } from './shared.tsx';
import { packsTotal, packText } from '../products/pack-quantity.tsx';

// The print page of a slip: the four-copy form 销货清单 (第一联 存根 / 第二联 客户 / 第三联 仓库 /
// 第四联 财务), laid out for A4 (two copies a page) or 241 mm continuous paper halves (二等分, one
// copy a sheet), in the forms' print frame (components/print-sheet.tsx). Printing records the print
// first; reprints carry 补打 · 副本 and the count.

// the slip's own rules (the stub's code box and its appendix's code list); the rest is the forms' common print stylesheet
const slipCss = `
.sd-sheet .sd-codes { font-size: 2.8mm; margin-top: 1mm; border: 0.25mm dashed #444; padding: 0.8mm 1.2mm; max-height: 11mm; overflow: hidden; word-break: break-all; }
.sd-sheet .sd-deposit { float: right; font-size: 2.9mm; font-weight: 700; white-space: nowrap; }
.sd-sheet .sd-code-list { columns: 4; column-gap: 4mm; font-size: 2.9mm; margin: 1mm 0 0 6mm; padding: 0; line-height: 4.2mm; font-family: "Noto Sans Mono CJK SC", monospace; }
`;

/** Rows of goods one sheet holds (the form keeps its size: fewer lines leave blank rows). */
export const ROWS_PER_SHEET = 10;
/** Characters of codes the stub's code box holds (three lines); more go to the stub's appendix sheets 存根附页. */
export const CODES_ON_STUB_CHARS = 300;
/** Codes per appendix sheet (four columns). */
export const CODES_PER_APPENDIX = 96;

const codeText = (c: SlipDetail['codes'][number]) => `${c.code}${c.kind === 'box' ? '(箱)' : '(瓶)'}`;
const codesLine = (slip: SlipDetail) => slip.codes.map(codeText).join('  ');
const codesFitOnStub = (slip: SlipDetail) => codesLine(slip).length <= CODES_ON_STUB_CHARS;

type Page = { no: number; of: number; lines: SlipDetail['lines'] };

function Sheet({ slip, copy, printNo, page }: { slip: SlipDetail; copy: (typeof slipCopies)[number]; printNo: number; page: Page }) {
  const L = useL();
  const rows = page.lines;
  const blanks = Math.max(0, ROWS_PER_SHEET - rows.length);
  const last = page.no === page.of;
  const sig = (s: { name: string | null }) => s.name ?? '';
  const stub = copy.name.zh === '存根';
  const boxes = slip.codes.filter((c) => c.kind === 'box').length;
  return (
    <section className="sd-sheet" data-copy={copy.name.zh} data-page={page.no}>
      <div className="sd-copy-tab">{copy.no} {copy.name.zh}联　{copy.note.zh}</div>
      {slip.status === 'void' && (
        <div className="sd-void">作废<small>VOID · {slip.voidedByName} {formatDateTime(slip.voidedAt)} · {slip.voidReason}</small></div>
      )}
      {printNo > 1 && <div className="sd-reprint">补打 · 副本（第 {printNo} 次打印）</div>}
      <h1>{slip.companyName}</h1>
      <h2>销货清单</h2>
      <div className="sd-meta">
        <span>日期：{slip.businessDate}</span>
        <span>{labelOf(orderTypeLabels, slip.orderType).zh}{slip.orderNumber ? ` · 订单 ${slip.orderNumber}` : ' · 门市'}</span>
        <span>{page.of > 1 ? `第 ${page.no}/${page.of} 页　` : ''}NO. <span className="sd-no">{slip.number}</span></span>
      </div>
      <CustomerRows customerName={slip.customerName} contactName={slip.contactName} contactPhone={slip.contactPhone} deliveryAddress={slip.deliveryAddress} />
      <table style={{ marginTop: '-0.25mm' }}>
        <colgroup>
          <col style={{ width: '5%' }} /><col style={{ width: '27%' }} /><col style={{ width: '13%' }} /><col style={{ width: '6%' }} /><col style={{ width: '8%' }} />
          <col style={{ width: '10%' }} /><col style={{ width: '11%' }} /><col style={{ width: '13%' }} /><col style={{ width: '7%' }} />
        </colgroup>
        <thead>
          <tr><th>序号</th><th>商品名称</th><th>规格</th><th>单位</th><th>数量</th><th>件数</th><th>单价</th><th>金额</th><th>备注</th></tr>
        </thead>
        <tbody>
          {rows.map((l) => (
            <tr key={l.id}>
              {/* 数量 in the product's unit (what is billed); 件数 the cases the keeper and the driver count */}
              <GoodsCells line={l} packs={packText(l.quantity, l)} />
              <td className="num">{formatYuan(l.amount)}</td>
              <td>{l.returnedQuantity ? `退${l.returnedQuantity}` : l.discountBp ? `折${(l.discountBp / 100).toString()}%` : ''}</td>
            </tr>
          ))}
          <BlankRows count={blanks} cells={9} />
          {last ? (
            <>
              <tr>
                <th colSpan={2}>合计（小写）</th>
                <td colSpan={2} />
                <td className="num"><b>{slip.totalQuantity}</b></td>
                <td className="num sd-packs"><b>{packsTotal(slip.lines) ?? ''}</b></td>
                <td />
                <td className="num"><b>¥{formatYuan(slip.totalAmount)}</b></td>
                <td />
              </tr>
              <tr>
                <th colSpan={2}>合计金额（大写）</th>
                {/* a note beside the capitals (deposit, cash and change) wraps below them when a large amount leaves no room */}
                <td colSpan={5} className={slip.paidByDeposit > 0 || slip.cashTendered !== null ? 'sd-wrap' : undefined}>
                  <b>{slip.totalInCapitals}</b>
                  {slip.paidByDeposit > 0 && <span className="sd-deposit">已付订金 ¥{formatYuan(slip.paidByDeposit)}，应收 ¥{formatYuan(slip.receivable)}</span>}
                  {/* a walk-in cash sale: the cash handed over at the counter and the change, only when the counter entered it */}
                  {slip.cashTendered !== null && <span className="sd-deposit sd-tendered">实收 ¥{formatYuan(slip.cashTendered)}　找零 ¥{formatYuan(slip.cashChange ?? 0)}</span>}
                </td>
                <th>付款方式</th>
                <td><b>{labelOf(paymentTermLabels, slip.paymentTerm).zh}</b></td>
              </tr>
            </>
          ) : (
            <>
              <tr>
                <th colSpan={2}>本页小计</th>
                <td colSpan={2} />
                <td className="num">{rows.reduce((n, l) => n + l.quantity, 0)}</td>
                <td className="num sd-packs">{packsTotal(rows) ?? ''}</td>
                <td />
                <td className="num">¥{formatYuan(rows.reduce((n, l) => n + l.amount, 0))}</td>
                <td />
              </tr>
              <tr><td colSpan={9} style={{ textAlign: 'center' }}>（接下页，合计见第 {page.of} 页）</td></tr>
            </>
          )}
        </tbody>
      </table>
      {stub && (
        <div className="sd-codes">
          箱码/瓶码：{!codesFitOnStub(slip)
            ? `共 ${slip.codes.length} 个（箱码 ${boxes} 个，瓶码 ${slip.codes.length - boxes} 个），逐个列于存根附页`
            : slip.codes.length
              ? codesLine(slip)
              : slip.lines.some((l) => l.trackCodes) ? '（出库时由仓管抄录）________________________________________________' : '（本单商品无需录码）'}
        </div>
      )}
      <div className="sd-sign">
        <span>仓管：<b>{sig(slip.signatures.keeper)}</b></span>
        <span>开单：<b>{sig(slip.signatures.preparer)}</b></span>
        <span>经手：<b>{sig(slip.signatures.handler)}</b></span>
        {slip.deliveryMode === 'pickup' ? <span>提货方式：<b>客户自提</b></span> : <span>送货司机：<b>{slip.driverName ?? ''}</b></span>}
        <span>客户签收：<b>{'　'}</b></span>
      </div>
      <div className="sd-meta" style={{ marginTop: '1mm', fontSize: '2.6mm', color: '#555' }}>
        <span>{L('经手人', 'Handler')}：{slip.handlerName}　开单人：{slip.createdByName}</span>
        <span>仓库：{slip.warehouseName}</span>
        <span>{copy.no} {copy.name.zh}</span>
      </div>
    </section>
  );
}

/**
 * The stub's appendix 存根附页: every code that left with the slip when they do not fit on the stub
 * (the stub records the codes of every outbound unit), numbered, four columns, with the slip's number.
 */
function CodesAppendix({ slip, printNo, codes, no, of }: { slip: SlipDetail; printNo: number; codes: SlipDetail['codes']; no: number; of: number }) {
  const start = (no - 1) * CODES_PER_APPENDIX;
  return (
    <section className="sd-sheet" data-copy="存根附页" data-page={no}>
      <div className="sd-copy-tab">第一联 存根附页</div>
      {printNo > 1 && <div className="sd-reprint">补打 · 副本（第 {printNo} 次打印）</div>}
      <h1>{slip.companyName}</h1>
      <h2 style={{ letterSpacing: '1mm' }}>销货清单箱码/瓶码清单</h2>
      <div className="sd-meta">
        <span>日期：{slip.businessDate}　客户：{slip.customerName}</span>
        <span>共 {slip.codes.length} 个码{of > 1 ? `　附页 ${no}/${of}` : ''}</span>
        <span>NO. <span className="sd-no">{slip.number}</span></span>
      </div>
      <ol className="sd-code-list" start={start + 1}>
        {codes.map((c) => <li key={c.code}>{codeText(c)}</li>)}
      </ol>
    </section>
  );
}

/** The four copies of one slip, in order; each copy runs over as many sheets as its lines need, the stub then its code appendix. */
export function SlipCopies({ slip, printNo }: { slip: SlipDetail; printNo: number }) {
  const pages = chunk(slip.lines, ROWS_PER_SHEET);
  const appendix = codesFitOnStub(slip) ? [] : chunk(slip.codes, CODES_PER_APPENDIX);
  return (
    <>
      {slipCopies.map((c) => (
        <Fragment key={c.no}>
          {pages.map((lines, i) => (
            <Sheet key={i} slip={slip} copy={c} printNo={printNo} page={{ no: i + 1, of: pages.length, lines }} />
          ))}
          {c.name.zh === '存根' && appendix.map((codes, i) => <CodesAppendix key={`a${i}`} slip={slip} printNo={printNo} codes={codes} no={i + 1} of={appendix.length} />)}
        </Fragment>
      ))}
    </>
  );
}

export function SlipPrintPage() {
  const { id } = useParams();
  const L = useL();
  const can = useCan();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [paper, setPaper] = usePaper();
  const [printed, setPrinted] = useState<number | null>(null);
  const q = useQuery({ queryKey: [...SLIPS_KEY, id], queryFn: () => api.get<SlipDetail>(`/api/slips/${id}`) });
  const record = useMutation({
    mutationFn: () => api.post<{ printNo: number; printCount: number; reprint: boolean }>(`/api/slips/${id}/prints`, { paper }),
    onSuccess: (r) => {
      setPrinted(r.printNo);
      invalidateSlips(qc);
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  // print once the recorded number is on the paper
  useEffect(() => {
    if (printed !== null) {
      const h = setTimeout(() => window.print(), 150);
      return () => clearTimeout(h);
    }
  }, [printed]);
  useEffect(() => {
    if (q.data) document.title = `销货清单 ${q.data.number ?? ''}`;
  }, [q.data]);
  if (q.isPending) return <Spin />;
  if (q.isError || !q.data) return <Typography.Text type="danger">{errorMessage(q.error)}</Typography.Text>;
  const slip = q.data;
  const printCount = printed ?? slip.printCount;
  // the sheets carry the number of the print being made (or just made); the button names the next one
  const printNo = printed ?? printCount + 1;
  const next = printCount + 1;
  const toolbar = (
    <>
      <Typography.Text strong>{L('销货清单打印', 'Print sales slip')} {slip.number}</Typography.Text>
      <PaperSwitch value={paper} onChange={setPaper} />
      <Space>
        <Button type="primary" icon={<PrinterOutlined />} loading={record.isPending} disabled={!can('slip.print')} onClick={() => record.mutate()}>
          {next > 1 ? L(`补打（第 ${next} 次）`, `Reprint (#${next})`) : L('打印', 'Print')}
        </Button>
        <Typography.Text type="secondary">
          {L(`已打印 ${printCount} 次`, `Printed ${printCount} time(s)`)}
          {slip.status === 'void' ? L('　· 本单已作废，打印带「作废」标记', '  · void: prints with the VOID mark') : ''}
        </Typography.Text>
      </Space>
    </>
  );
  return (
    <PrintPortal paper={paper} toolbar={toolbar} extraCss={slipCss}>
      <SlipCopies slip={slip} printNo={printNo} />
    </PrintPortal>
  );
}
