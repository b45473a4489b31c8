import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { api, errorMessage } from '../../app/api.ts';
import { useCan } from '../../app/auth.tsx';
import { Money } from '../../components/format.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { formatYuan, toChineseCapitals } from '../../../../src/platform/money.ts';
import { DeliveryCell, invalidateSlips, labelOf, paymentTermLabels, SLIPS_KEY, SlipStatusTag, useL, type SlipListItem } from './shared.tsx';
import { PrintPortal } from '../../components/print-sheet.tsx';
import { linesOf, pageCss, paginate } from './paged-print.ts';
import { slipStatusLabels, type SlipToPost } from '../../../../src/modules/slips/schema.ts';

/** 过账: the reconciled slips (goods and amounts confirmed), posted one by one or in a batch. */
export function PostingPage() {
  const L = useL();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const [selected, setSelected] = useState<number[]>([]);
  const q = useQuery({ queryKey: [...SLIPS_KEY, 'to-post'], queryFn: () => api.get<{ items: SlipToPost[]; total: number }>('/api/slips/to-post') });
  const post = useMutation({
    mutationFn: (ids: number[]) => api.post<{ posted: { id: number; number: string | null }[] }>('/api/slips/post', { slipIds: ids }),
    onSuccess: (r) => {
      message.success(L(`已过账 ${r.posted.length} 张`, `${r.posted.length} posted`));
      setSelected([]);
      invalidateSlips(qc);
    },
  });
  const items = q.data?.items ?? [];
  const sum = items.filter((i) => selected.includes(i.id)).reduce((n, i) => n + i.receivable, 0);
  const confirmPost = () =>
    modal.confirm({
      title: L(`过账 ${selected.length} 张销货清单？`, `Post ${selected.length} slip(s)?`),
      content: L(`应收合计 ¥${formatYuan(sum)}（${toChineseCapitals(sum)}）。过账后成为客户应收，不能再作废。`, `Receivable ¥${formatYuan(sum)}. Posted slips become receivables and can no longer be voided.`),
      okText: L('确认过账', 'Post'),
      // a refusal shows above the table (post.error); the dialog closes either way
      onOk: () => post.mutateAsync(selected).catch(() => undefined),
    });
  const columns: ColumnsType<SlipToPost> = [
    { title: L('单号', 'Number'), dataIndex: 'number', width: 170, render: (v: string, r) => <Link to={`/slips/${r.id}`}>{v}</Link> },
    { title: L('日期', 'Date'), dataIndex: 'businessDate', width: 110 },
    { title: L('客户单位', 'Customer'), dataIndex: 'customerName' },
    { title: L('付款方式', 'Payment'), dataIndex: 'paymentTerm', width: 90, render: (v: string) => L(labelOf(paymentTermLabels, v).zh, labelOf(paymentTermLabels, v).en) },
    { title: L('金额', 'Amount'), dataIndex: 'totalAmount', width: 120, align: 'right', render: (v: number) => <Money fen={v} /> },
    // returns and deposits only where some slip has them: empty columns squeezed the customer onto two lines
    ...(items.some((i) => i.returnedAmount)
      ? [{ title: L('退货', 'Returned'), dataIndex: 'returnedAmount', width: 100, align: 'right' as const, render: (v: number) => (v ? <Money fen={-v} colored /> : '') }]
      : []),
    ...(items.some((i) => i.paidByDeposit)
      ? [{ title: L('订金已付', 'Paid by deposit'), dataIndex: 'paidByDeposit', width: 110, align: 'right' as const, render: (v: number) => (v ? <Money fen={v} /> : '') }]
      : []),
    { title: L('应收', 'Receivable'), key: 'net', width: 120, align: 'right', render: (_: unknown, r) => <Money fen={r.receivable} /> },
    { title: L('送货', 'Delivery'), dataIndex: 'driverName', width: 130, render: (v: string | null, r) => <DeliveryCell mode={r.deliveryMode} driverName={v} /> },
  ];
  return (
    <PageFrame
      title={L('过账', 'Posting')}
      subtitle={L('已对单（货物与金额已确认）的销货清单过账后成为应收', 'Reconciled slips become receivables when posted')}
      extra={<Button type="primary" disabled={!selected.length} loading={post.isPending} onClick={confirmPost}>{L(`过账所选（${selected.length} 张，¥${formatYuan(sum)}）`, `Post selected (${selected.length}, ¥${formatYuan(sum)})`)}</Button>}
    >
      {post.isError && <Alert type="error" showIcon title={errorMessage(post.error)} style={{ marginBottom: 12 }} />}
      <Table rowKey="id" size="small" loading={q.isPending} dataSource={items} columns={columns} pagination={false} rowSelection={{ selectedRowKeys: selected, onChange: (k) => setSelected(k as number[]) }} locale={{ emptyText: L('没有待过账的销货清单', 'Nothing to post') }} />
    </PageFrame>
  );
}

type Binding = { month: string; companyName: string; items: { id: number; number: string; businessDate: string; customerName: string; paymentTerm: string; totalAmount: number; returnedAmount: number; status: SlipListItem['status']; voidReason: string | null }[]; count: number; voidCount: number; totalAmount: number; totalInCapitals: string };

// The binding list on A4 (186 mm inside the margins): number, date, terms and amounts keep one line in
// columns sized for their longest value (XS-202611-000123, 2026-11-24, 1,234,567.89); the customer and
// the status or void reason take the rest and wrap. The rows are cut into pages before printing
// (paged-print.ts): each page repeats the heading and says at its foot which page it is of how many
// and the slip numbers it holds, so a binder finds a slip by its number; the totals close the last page.
const bindingColumns: { title: string; width?: string; wrap?: boolean }[] = [
  { title: '序号', width: '10mm' }, { title: '单号', width: '31mm' }, { title: '日期', width: '21mm' }, { title: '客户单位', wrap: true },
  { title: '付款方式', width: '16mm' }, { title: '金额', width: '23mm' }, { title: '退货', width: '18mm' }, { title: '状态 / 作废原因', width: '28mm', wrap: true },
];
const bindingCss = `
.sd-sheet table.sd-binding { table-layout: fixed; font-size: 3mm; }
.sd-sheet table.sd-binding td, .sd-sheet table.sd-binding th { white-space: normal; height: auto; overflow: visible; padding: 1mm 1.5mm; border: 0.25mm solid #333; overflow-wrap: anywhere; line-height: 4mm; }
.sd-sheet table.sd-binding .nw { white-space: nowrap; overflow-wrap: normal; }
.sd-sheet table.sd-binding tr { break-inside: avoid; page-break-inside: avoid; }
.sd-sheet .sd-binding-foot { flex-wrap: wrap; gap: 2mm 8mm; margin-top: 3mm; font-size: 3.6mm; }
.sd-sheet .sd-binding-foot > span { white-space: nowrap; }
.sd-sheet .sd-binding-foot .sd-blank { display: inline-block; width: 28mm; border-bottom: 0.25mm solid #333; vertical-align: bottom; }
` + pageCss;
/** Inside a page's padding (297 − 12 − 14 mm; its foot line prints in the bottom one), below its heading (titles, month line, the table's head: 27.6 mm measured). */
export const BINDING_BODY_MM = 297 - 12 - 14 - 28.5;
/** the totals and the binder's blanks under the last rows (two lines of 3.6 mm type) */
export const BINDING_CLOSING_MM = 17;
/** the width inside the padding of the two cells that wrap: the customer (what the fixed columns leave of 186 mm) and the status */
const CUSTOMER_MM = 186 - 147 - 3;
const STATUS_MM = 28 - 3;
type BindingItem = Binding['items'][number];
const statusText = (i: BindingItem) => (i.status === 'void' ? `作废：${i.voidReason ?? ''}` : slipStatusLabels[i.status].zh);
/** a row: its padding and rule (2.3 mm) and 4 mm a line of its longest wrapping cell (the void reason is bold: a little wider) */
export const bindingRowMm = (i: BindingItem) => 2.3 + 4 * Math.max(linesOf(i.customerName, CUSTOMER_MM, 3), linesOf(statusText(i), STATUS_MM, 3.15));

function BindingSheets({ b }: { b: Binding }) {
  const pages = paginate(b.items, bindingRowMm, BINDING_BODY_MM, BINDING_CLOSING_MM);
  const cell = (strike: boolean, right = false) => ({ textAlign: right ? ('right' as const) : undefined, textDecoration: strike ? 'line-through' : undefined });
  let n = 0;
  return (
    <>
      {pages.map((rows, p) => {
        const last = p === pages.length - 1;
        const first = n + 1;
        return (
          <section key={p} className="sd-sheet sd-page" data-page={p + 1}>
            <h1>{b.companyName}</h1>
            <h2>销货清单月度装订目录</h2>
            <div className="sd-meta"><span>月份：{b.month}</span><span>共 {b.count} 张，其中作废 {b.voidCount} 张</span></div>
            <table className="sd-binding">
              <colgroup>{bindingColumns.map((c) => <col key={c.title} style={c.width ? { width: c.width } : undefined} />)}</colgroup>
              <thead>
                <tr>{bindingColumns.map((c) => <th key={c.title} className={c.wrap ? undefined : 'nw'}>{c.title}</th>)}</tr>
              </thead>
              <tbody>
                {rows.map((i) => {
                  const v = i.status === 'void';
                  n += 1;
                  return (
                    <tr key={i.id} style={v ? { color: '#a00' } : undefined}>
                      <td className="nw" style={{ textAlign: 'center' }}>{n}</td>
                      <td className="nw" style={cell(v)}>{i.number}</td>
                      <td className="nw" style={cell(v)}>{i.businessDate}</td>
                      <td style={cell(v)}>{i.customerName}</td>
                      <td className="nw" style={cell(v)}>{labelOf(paymentTermLabels, i.paymentTerm).zh}</td>
                      <td className="nw num" style={cell(v, true)}>{formatYuan(i.totalAmount)}</td>
                      <td className="nw num" style={cell(v, true)}>{i.returnedAmount ? formatYuan(i.returnedAmount) : ''}</td>
                      <td>{v ? <b>{statusText(i)}</b> : statusText(i)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {last && (
              <div className="sd-meta sd-binding-foot">
                <span>有效金额合计：¥{formatYuan(b.totalAmount)}　（大写）{toChineseCapitals(b.totalAmount)}</span>
                <span>装订人：<b className="sd-blank" />　日期：<b className="sd-blank" /></span>
              </div>
            )}
            <div className="sd-page-foot">
              <span className="sd-page-range">{rows.length ? `本页 ${rows[0]!.number} 至 ${rows.at(-1)!.number}（第 ${first}–${n} 张）` : b.items.length ? '（接上页：合计）' : '本月没有销货清单'}</span>
              <span className="sd-page-no">第 {p + 1} 页 / 共 {pages.length} 页</span>
              <span>{b.month} 装订目录</span>
            </div>
          </section>
        );
      })}
    </>
  );
}

/** 月度装订: the month's slips in number order, voided ones shown (作废), printable for the binder. */
export function BindingPage() {
  const L = useL();
  const can = useCan();
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const [printing, setPrinting] = useState(false);
  const key = month.format('YYYY-MM');
  const q = useQuery({ queryKey: [...SLIPS_KEY, 'binding', key], queryFn: () => api.get<Binding>('/api/slips/binding', { month: key }) });
  const b = q.data;
  return (
    <PageFrame
      title={L('月度装订', 'Monthly binding')}
      extra={
        <Space>
          <DatePicker picker="month" value={month} allowClear={false} onChange={(v) => v && setMonth(v)} />
          <Button type="primary" disabled={!b || !can('slip.print')} onClick={() => setPrinting(true)}>{L('打印装订清单', 'Print the binding list')}</Button>
        </Space>
      }
      error={q.error}
    >
      {b && (
        <>
          <Typography.Paragraph>
            {L(`${key} 共 ${b.count} 张（作废 ${b.voidCount} 张），有效金额 ¥${formatYuan(b.totalAmount)}（${b.totalInCapitals}）`, `${key}: ${b.count} slips (${b.voidCount} void), valid total ¥${formatYuan(b.totalAmount)}`)}
          </Typography.Paragraph>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={b.items}
            columns={[
              { title: L('单号', 'Number'), dataIndex: 'number', render: (v: string, r) => <Link to={`/slips/${r.id}`} style={r.status === 'void' ? { textDecoration: 'line-through', color: '#999' } : undefined}>{v}</Link> },
              { title: L('日期', 'Date'), dataIndex: 'businessDate' },
              { title: L('客户单位', 'Customer'), dataIndex: 'customerName' },
              { title: L('金额', 'Amount'), dataIndex: 'totalAmount', align: 'right', render: (v: number) => <Money fen={v} /> },
              { title: L('状态', 'Status'), dataIndex: 'status', render: (v: SlipListItem['status'], r) => <><SlipStatusTag status={v} />{r.voidReason}</> },
            ]}
          />
        </>
      )}
      {printing && b && (
        <PrintPortal
          paper="a4"
          extraCss={bindingCss}
          toolbar={
            <Space>
              <Button type="primary" onClick={() => window.print()}>{L('打印', 'Print')}</Button>
              <Button onClick={() => setPrinting(false)}>{L('关闭', 'Close')}</Button>
            </Space>
          }
        >
          <BindingSheets b={b} />
        </PrintPortal>
      )}
    </PageFrame>
  );
}
