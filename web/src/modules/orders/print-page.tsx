import { Fragment, useEffect } from 'react';
import { useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Button, Spin, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../app/api.ts';
import { useMe } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.tsx';
import { formatDateTime } from '../../components/format.tsx';
import { BlankRows, CustomerRows, GoodsCells, PaperSwitch, PrintPortal, chunk, usePaper } from '../../components/print-sheet.tsx';
import { formatYuan, toChineseCapitals } from '../../../../src/platform/money.ts';
import { packsTotal, packText } from '../products/pack-quantity.tsx';
import { deliveryMethodLabels, orderStatusLabels, orderTypeLabels, paymentTermLabels, type OrderOut } from './shared.tsx';

// 销售订单确认单: what the rep sends the customer to confirm an order before it is filled (the rule book's
// 订单确认: 销售人员在接收订单后，需要将订单信息确认给客户). Two copies in the forms' print frame
// (components/print-sheet.tsx): 第一联 客户联 for the customer, 第二联 存根联 signed back by the customer
// for the clerk. Ten goods rows a sheet; more run over further sheets with a page subtotal. A draft
// prints under 草稿 (not yet submitted), a cancelled order under 已取消 with who, when and why. Not a
// controlled form (the slip is): prints are not counted. The form is in Chinese, as the customer reads it.

const ROWS_PER_SHEET = 10;
const copies = [
  { no: '第一联', name: '客户联', note: '交客户核对' },
  { no: '第二联', name: '存根联', note: '客户确认签字后交内勤' },
] as const;

const orderCss = `
.sd-order { display: flex; flex-direction: column; }
.sd-order .sd-sign { margin-top: auto; padding-top: 2mm; }
.sd-order .sd-stamp { position: absolute; right: 16mm; top: 6mm; color: #c00; border: 0.6mm solid #c00; padding: 0.4mm 2.4mm; transform: rotate(-8deg); font-size: 4.4mm; font-weight: 800; letter-spacing: 0.6mm; background: rgba(255,255,255,.6); }
.sd-order .sd-terms { font-size: 2.8mm; color: #333; margin-top: 1mm; }
`;

type Page = { no: number; of: number; lines: OrderOut['lines'] };

function Sheet({ o, companyName, copy, page }: { o: OrderOut; companyName: string; copy: (typeof copies)[number]; page: Page }) {
  const rows = page.lines;
  const last = page.no === page.of;
  const regional = o.orderType === 'regional';
  const delivery = [o.deliveryDate ? `${o.deliveryDate} 前` : '', o.deliveryMethod ? deliveryMethodLabels[o.deliveryMethod as keyof typeof deliveryMethodLabels]?.zh ?? '' : ''].filter(Boolean).join('　');
  return (
    <section className="sd-sheet sd-order" data-copy={copy.name} data-page={page.no}>
      <div className="sd-copy-tab">{copy.no} {copy.name}　{copy.note}</div>
      {o.status === 'void' && <div className="sd-void">已取消<small>{o.voidedByName} {formatDateTime(o.voidedAt)} · {o.voidReason}</small></div>}
      {o.status === 'draft' && <div className="sd-stamp">草稿 · 未提交</div>}
      {(o.status === 'returned' || o.status === 'submitted') && <div className="sd-stamp">{o.status === 'returned' ? '已退回 · 待修改' : '待审核'}</div>}
      <h1>{companyName}</h1>
      <h2>销售订单确认单</h2>
      <div className="sd-meta">
        <span>订单日期：{o.businessDate}</span>
        <span>{orderTypeLabels[o.orderType].zh} · {paymentTermLabels[o.paymentTerm].zh}</span>
        <span>{page.of > 1 ? `第 ${page.no}/${page.of} 页　` : ''}NO. <span className="sd-no">{o.number ?? '（提交后编号）'}</span></span>
      </div>
      <CustomerRows customerName={o.customerName} contactName={o.contactName} contactPhone={o.contactPhone} deliveryAddress={o.deliveryAddress}>
        <tr>
          <th>送货日期/方式</th><td>{delivery}</td>
          <th>{regional ? '托运部' : '发货仓库'}</th><td>{regional ? `${o.carrierName ?? ''}　${o.carrierPhone ? `电话：${o.carrierPhone}` : ''}` : (o.warehouseName ?? '')}</td>
        </tr>
      </CustomerRows>
      <table style={{ marginTop: '-0.25mm' }}>
        <colgroup>
          <col style={{ width: '5%' }} /><col style={{ width: '25%' }} /><col style={{ width: '14%' }} /><col style={{ width: '7%' }} /><col style={{ width: '8%' }} />
          <col style={{ width: '10%' }} /><col style={{ width: '11%' }} /><col style={{ width: '7%' }} /><col style={{ width: '13%' }} />
        </colgroup>
        <thead>
          <tr><th>序号</th><th>商品名称</th><th>规格</th><th>单位</th><th>数量</th><th>件数</th><th>单价</th><th>折扣</th><th>金额</th></tr>
        </thead>
        <tbody>
          {rows.map((l) => (
            <tr key={l.id}>
              {/* 件数: the cases the customer ordered in, beside the bottles billed */}
              <GoodsCells line={l} packs={packText(l.quantity, l)} />
              {/* 9.5折, as a customer reads a discount (a bare 5% may be taken for 5折) */}
              <td className="num">{l.discountBp ? `${((10000 - l.discountBp) / 1000).toString()}折` : ''}</td>
              <td className="num">{formatYuan(l.amount)}</td>
            </tr>
          ))}
          <BlankRows count={ROWS_PER_SHEET - rows.length} cells={9} />
          {last ? (
            <tr>
              <th colSpan={2}>合计金额（大写）</th>
              <td colSpan={2}><b>{toChineseCapitals(o.totalAmount)}</b></td>
              <td className="num"><b>{o.totalQuantity}</b></td>
              <td className="num sd-packs"><b>{packsTotal(o.lines) ?? ''}</b></td>
              <th colSpan={2}>{o.priceIncludesTax ? '含税合计' : '价税合计'}</th>
              <td className="num"><b>¥{formatYuan(o.totalAmount)}</b></td>
            </tr>
          ) : (
            <tr>
              <th colSpan={4}>本页小计（接下页，合计见第 {page.of} 页）</th>
              <td className="num">{rows.reduce((n, l) => n + l.quantity, 0)}</td>
              <td className="num sd-packs">{packsTotal(rows) ?? ''}</td>
              <td colSpan={2} />
              <td className="num">¥{formatYuan(rows.reduce((n, l) => n + l.amount, 0))}</td>
            </tr>
          )}
        </tbody>
      </table>
      <div className="sd-terms">
        {`其中税额 ¥${formatYuan(o.taxAmount)}${o.remarks ? `　备注：${o.remarks}` : ''}`}
        <br />
        请核对商品、数量、单价与送货信息，无误后签字确认；如有出入请于送货前联系业务员。
      </div>
      <div className="sd-sign">
        <span>业务员：<b>{o.ownerName ?? ''}</b></span>
        <span>制单：<b>{o.createdByName ?? ''}</b></span>
        <span>客户确认签字：<b>{'　'}</b></span>
        <span>日期：<b>{'　'}</b></span>
      </div>
    </section>
  );
}

export function OrderPrintPage() {
  const { id } = useParams();
  const t = useT();
  const me = useMe();
  const [paper, setPaper] = usePaper();
  const q = useQuery({ queryKey: ['orders', 'one', Number(id)], queryFn: () => api.get<OrderOut>(`/api/orders/${id}`) });
  useEffect(() => {
    if (q.data) document.title = `销售订单确认单 ${q.data.number ?? ''}`;
  }, [q.data]);
  if (q.isPending) return <Spin />;
  if (q.isError || !q.data) return <Typography.Text type="danger">{errorMessage(q.error)}</Typography.Text>;
  const o = q.data;
  const pages = chunk(o.lines, ROWS_PER_SHEET);
  const toolbar = (
    <>
      <Typography.Text strong>{t.l({ zh: '销售订单确认单', en: 'Order confirmation' })} {o.number ?? ''}</Typography.Text>
      <PaperSwitch value={paper} onChange={setPaper} />
      <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>{t.l({ zh: '打印', en: 'Print' })}</Button>
      <Typography.Text type="secondary">
        {t.l({ zh: '一式两联：客户联交客户核对，存根联由客户签字确认后交内勤', en: 'Two copies: the customer keeps one; the other comes back signed for the clerk' })}
        {o.status === 'void' || o.status === 'draft' ? ` · ${t.l(orderStatusLabels[o.status])}` : ''}
      </Typography.Text>
    </>
  );
  return (
    <PrintPortal paper={paper} toolbar={toolbar} extraCss={orderCss}>
      {copies.map((c) => (
        <Fragment key={c.no}>
          {pages.map((lines, i) => <Sheet key={i} o={o} companyName={me.company?.name ?? ''} copy={c} page={{ no: i + 1, of: pages.length, lines }} />)}
        </Fragment>
      ))}
    </PrintPortal>
  );
}
