import { useState } from 'react';
import { createPortal } from 'react-dom';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, Space, Table } from 'antd';
import { DownloadOutlined, PrinterOutlined, SaveOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, errorMessage, type Page } from '../../app/api.ts';
import { DateTime, formatMoney, Money } from '../../components/format.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { CustomerPicker } from '../leads/shared.tsx';
import { invalidateReceipts, RECEIPTS_KEY, statementBasisLabels, statementRowLabels, StatementStatusTag, useL, type StatementComputed, type StatementOut } from './shared.tsx';

// 对账单: a customer's account for a period — opening balance, the period's slips, returns and
// receipts with the running balance, closing balance — printed (A4, print stylesheet: only the
// sheet), exported as .xlsx, saved (DZD-) and the customer's confirmation recorded.

const printCss = `
.sd-statement { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", "SimSun", serif; color: #111; background: #fff; padding: 8mm 10mm; }
.sd-statement h2 { text-align: center; letter-spacing: 0.3em; margin: 0 0 4mm; font-size: 20px; }
.sd-statement table { width: 100%; border-collapse: collapse; font-size: 12px; }
.sd-statement th, .sd-statement td { border: 1px solid #333; padding: 3px 6px; }
.sd-statement td.num, .sd-statement th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.sd-statement .sd-meta { display: flex; justify-content: space-between; font-size: 12px; margin-bottom: 2mm; }
.sd-statement .sd-sign { display: flex; justify-content: space-between; margin-top: 10mm; font-size: 12px; }
@media screen { .sd-statement-print { display: none; } }
@media print {
  @page { size: A4 portrait; margin: 10mm; }
  body > *:not(.sd-statement-print) { display: none !important; }
  .sd-statement-print .sd-statement { padding: 0; }
}
`;

/** The sheet on the page, and a copy on <body> that is all the printer gets (the print stylesheet hides the app). */
export function StatementSheet(props: SheetProps) {
  return (
    <>
      <Sheet {...props} testId="statement-sheet" />
      {createPortal(<div className="sd-statement-print"><Sheet {...props} /></div>, document.body)}
    </>
  );
}

type SheetProps = { s: StatementComputed; number?: string; confirmation?: { date: string | null; note: string | null } };

function Sheet({ s, number, confirmation, testId }: SheetProps & { testId?: string }) {
  const yuan = (v: number) => formatMoney(v, { symbol: false });
  return (
    <div className="sd-statement" data-testid={testId}>
      <style>{printCss}</style>
      <h2>客户对账单</h2>
      <div className="sd-meta">
        <span>客户：{s.customerName}</span>
        <span>对账期间：{s.from} 至 {s.to}</span>
        <span data-testid="statement-basis">{statementBasisLabels[s.basis].zh}</span>
        <span>{number ? `编号：${number}` : ''}</span>
      </div>
      <table>
        <thead>
          <tr><th>日期</th><th>类型</th><th>单号</th><th>摘要</th><th className="num">应收（借方）</th><th className="num">{s.basis === 'invoice' ? '已收/红冲（贷方）' : '已收/退货（贷方）'}</th><th className="num">余额</th></tr>
        </thead>
        <tbody>
          <tr><td>{s.from}</td><td colSpan={5}>期初余额</td><td className="num">{yuan(s.openingBalance)}</td></tr>
          {s.rows.map((r, i) => (
            <tr key={i}>
              <td>{r.date}</td><td>{statementRowLabels[r.kind].zh}</td><td>{r.number}</td><td>{r.description}</td>
              <td className="num">{r.debit ? yuan(r.debit) : ''}</td><td className="num">{r.credit ? yuan(r.credit) : ''}</td><td className="num">{yuan(r.balance)}</td>
            </tr>
          ))}
          <tr><td>{s.to}</td><td colSpan={3}>本期合计 / 期末余额</td><td className="num">{yuan(s.debitTotal)}</td><td className="num">{yuan(s.creditTotal)}</td><td className="num"><b>{yuan(s.closingBalance)}</b></td></tr>
        </tbody>
      </table>
      <p style={{ fontSize: 12 }}>期末余额（大写）：{s.closingInCapitals}　{s.closingBalance < 0 ? '（负数为客户预付款）' : ''}</p>
      <p style={{ fontSize: 12 }}>请贵单位核对上述往来账目，如无误请签字盖章确认；如有不符，请注明不符金额及原因。</p>
      <div className="sd-sign">
        <span>对账单位（盖章）：{s.companyName}</span>
        <span>客户确认（签字盖章）：{confirmation?.date ? `已确认 ${confirmation.date}${confirmation.note ? `（${confirmation.note}）` : ''}` : '＿＿＿＿＿＿＿＿'}</span>
        <span>日期：{confirmation?.date ?? '＿＿＿＿年＿＿月＿＿日'}</span>
      </div>
    </div>
  );
}

type Head = Omit<StatementOut, 'statement'>;

/** Customer + period → the statement, to print, export or save; the customer's saved statements below. */
export function StatementPage() {
  const L = useL();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [sp, setSp] = useSearchParams();
  const customerId = sp.get('customerId') ? Number(sp.get('customerId')) : null;
  const from = sp.get('from') ?? dayjs().startOf('month').format('YYYY-MM-DD');
  const to = sp.get('to') ?? dayjs().format('YYYY-MM-DD');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) v === null ? next.delete(k) : next.set(k, v);
    setSp(next, { replace: true });
  };
  const params = { customerId: customerId ?? 0, from, to };
  const preview = useQuery({ queryKey: [...RECEIPTS_KEY, 'statement', params], queryFn: () => api.get<StatementComputed>('/api/customer-statements/preview', params), enabled: !!customerId });
  const saved = useQuery({ queryKey: [...RECEIPTS_KEY, 'statements', customerId], queryFn: () => api.get<Page<Head>>('/api/customer-statements', { customerId: customerId ?? undefined, pageSize: 50 }), enabled: !!customerId });

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const st = await api.post<StatementOut>('/api/customer-statements', { customerId, from, to });
      invalidateReceipts(qc);
      navigate(`/statements/${st.id}`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageFrame title={L('客户对账单', 'Customer statement')} bare>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card size="small">
          <Space wrap>
            <CustomerPicker id="statement-customer" initialLabel={preview.data?.customerName ?? null} placeholder={L('选择客户', 'Choose a customer')} style={{ width: 320 }} value={customerId} onChange={(v) => set({ customerId: v ? String(v) : null })} />
            <DatePicker.RangePicker aria-label={L('对账期间', 'Period')} value={[dayjs(from), dayjs(to)]} allowClear={false}
              onChange={(v) => v?.[0] && v[1] && set({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })} />
            <Button icon={<PrinterOutlined />} disabled={!preview.data} onClick={() => window.print()}>{L('打印', 'Print')}</Button>
            <Button icon={<DownloadOutlined />} disabled={!preview.data} onClick={() => void api.download('/api/customer-statements/export', params, '对账单.xlsx').catch((e) => setError(errorMessage(e)))}>{L('导出 Excel', 'Export Excel')}</Button>
            <Button type="primary" icon={<SaveOutlined />} disabled={!preview.data} loading={busy} onClick={save}>{L('保存对账单（待客户确认）', 'Save for confirmation')}</Button>
          </Space>
        </Card>
        {(error || preview.error) && <Alert type="error" showIcon title={error ?? errorMessage(preview.error)} />}
        {!customerId && <Alert type="info" showIcon title={L('请选择客户和对账期间', 'Choose a customer and a period')} />}
        {preview.data && (
          <Card size="small">
            <StatementSheet s={preview.data} />
          </Card>
        )}
        {customerId && !!saved.data?.items.length && (
          <Card size="small" title={L('已保存的对账单', 'Saved statements')}>
            <Table<Head> rowKey="id" size="small" pagination={false} dataSource={saved.data.items}
              columns={[
                { title: L('编号', 'Number'), dataIndex: 'number', render: (v: string, r) => <Link to={`/statements/${r.id}`}>{v}</Link> },
                { title: L('期间', 'Period'), key: 'p', render: (_: unknown, r) => `${r.periodFrom} ~ ${r.periodTo}` },
                { title: L('期末余额', 'Closing'), dataIndex: 'closingBalance', align: 'right', render: (v: number) => <Money fen={v} /> },
                { title: L('状态', 'Status'), dataIndex: 'status', render: (v: Head['status']) => <StatementStatusTag status={v} /> },
                { title: L('客户签字日期', 'Signed'), dataIndex: 'confirmedDate', render: (v: string | null) => v ?? '—' },
              ]} />
          </Card>
        )}
      </Space>
    </PageFrame>
  );
}

/** A saved statement as sent (its rows kept), print, and the customer's confirmation (signed date, note) recorded once. */
export function StatementDetailPage() {
  const L = useL();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const st = useQuery({ queryKey: [...RECEIPTS_KEY, 'statement-saved', id], queryFn: () => api.get<StatementOut>(`/api/customer-statements/${id}`) });
  const [form] = Form.useForm<{ confirmedDate: Dayjs; note?: string }>();
  const [error, setError] = useState<string | null>(null);
  const s = st.data;
  const confirm = async (v: { confirmedDate: Dayjs; note?: string }) => {
    setError(null);
    try {
      await api.post(`/api/customer-statements/${id}/confirm`, { confirmedDate: v.confirmedDate.format('YYYY-MM-DD'), note: v.note, version: s!.version });
      invalidateReceipts(qc);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <PageFrame title={s ? `${L('对账单', 'Statement')} ${s.number}` : L('对账单', 'Statement')} subtitle={s && <StatementStatusTag status={s.status} />} back="/statements" error={st.error} bare
      extra={s && <Button icon={<PrinterOutlined />} onClick={() => window.print()}>{L('打印', 'Print')}</Button>}>
      {s && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          {error && <Alert type="error" showIcon title={error} />}
          <Card size="small">
            <Descriptions size="small" column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label={L('客户', 'Customer')}>{s.customerName}</Descriptions.Item>
              <Descriptions.Item label={L('期间', 'Period')}>{s.periodFrom} ~ {s.periodTo}</Descriptions.Item>
              <Descriptions.Item label={L('保存时期末余额', 'Closing when saved')}><Money fen={s.closingBalance} /></Descriptions.Item>
              <Descriptions.Item label={L('制单', 'Prepared by')}>{s.createdByName}　<DateTime value={s.createdAt} /></Descriptions.Item>
              {s.confirmedDate && <Descriptions.Item label={L('客户签字日期', 'Signed on')}>{s.confirmedDate}</Descriptions.Item>}
              {s.confirmedDate && <Descriptions.Item label={L('登记人', 'Recorded by')}>{s.confirmedByName}　<DateTime value={s.confirmedAt} />{s.confirmationNote ? `（${s.confirmationNote}）` : ''}</Descriptions.Item>}
            </Descriptions>
            {s.status === 'issued' && (
              <Form form={form} name="confirm" layout="inline" onFinish={confirm} initialValues={{ confirmedDate: dayjs() }} style={{ marginTop: 12 }}>
                <Form.Item name="confirmedDate" label={L('客户签字日期', 'Signed on')} rules={[{ required: true }]}><DatePicker /></Form.Item>
                <Form.Item name="note" label={L('说明', 'Note')}><Input style={{ width: 280 }} maxLength={500} placeholder={L('如：周经理签字盖章，无异议', 'e.g. signed and stamped, no objection')} /></Form.Item>
                <Button type="primary" htmlType="submit">{L('登记客户确认', 'Record confirmation')}</Button>
              </Form>
            )}
          </Card>
          {s.currentClosingBalance !== s.closingBalance && (
            <Alert
              type="warning"
              showIcon
              data-testid="statement-changed"
              title={<>{L('保存后本期间的单据有变动：按现有单据期末余额为 ', 'Documents of the period changed after saving: by the documents now the closing balance is ')}<Money fen={s.currentClosingBalance} />{L('，与本对账单的 ', ', not ')}<Money fen={s.closingBalance} />{L(' 不同。', ' as on this statement.')}</>}
              description={L('下面是保存时发给客户的对账单，未作改动；请核对变动的单据，需要时为本期间另出一份对账单。', 'Below is the statement as sent to the customer, unchanged; check the documents that changed and issue a new statement for the period if needed.')}
            />
          )}
          <Card size="small"><StatementSheet s={s.statement} number={s.number} confirmation={{ date: s.confirmedDate, note: s.confirmationNote }} /></Card>
        </Space>
      )}
    </PageFrame>
  );
}
