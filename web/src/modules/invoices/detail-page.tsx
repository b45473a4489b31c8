import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Space, Table, Typography } from 'antd';
import { HistoryOutlined, RollbackOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../app/api.ts';
import { useCan } from '../../app/auth.tsx';
import { applyFormErrors } from '../../components/form-errors.ts';
import { Money } from '../../components/format.tsx';
import { HistoryDrawer } from '../../components/history-drawer.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { formatPrice } from '../../../../src/platform/money.ts';
import { INVOICES_KEY, invalidateInvoices, invoiceKindLabels, InvoiceStatusTag, RoundingHelp, useL, type InvoiceDetail } from './shared.tsx';

type Line = InvoiceDetail['lines'][number];

/** One invoice: buyer block, items, totals in figures and capitals, its red-letter invoices; red-letter dialog. */
export function InvoiceDetailPage() {
  const L = useL();
  const id = Number(useParams().id);
  const can = useCan();
  const [redOpen, setRedOpen] = useState(false);
  const [history, setHistory] = useState(false);
  const q = useQuery({ queryKey: [...INVOICES_KEY, id], queryFn: () => api.get<InvoiceDetail>(`/api/invoices/${id}`) });
  const inv = q.data;
  if (!inv) return <PageFrame title={L('发票', 'Invoice')} back="/invoices" error={q.error}><Card loading={q.isLoading} /></PageFrame>;
  const red = inv.direction === 'red';
  const canRed = !red && inv.status !== 'reversed' && inv.status !== 'void' && can('invoice.red');

  return (
    <PageFrame
      title={`${L(invoiceKindLabels[inv.kind].zh, invoiceKindLabels[inv.kind].en)}${red ? L('（红字）', ' (red-letter)') : ''} ${inv.number}`}
      subtitle={<InvoiceStatusTag status={inv.status} direction={inv.direction} />}
      back="/invoices"
      bare
      extra={
        <>
          <Button icon={<HistoryOutlined />} onClick={() => setHistory(true)}>{L('操作记录', 'History')}</Button>
          {canRed && <Button danger icon={<RollbackOutlined />} onClick={() => setRedOpen(true)}>{L('开具红字发票', 'Red-letter invoice')}</Button>}
        </>
      }
    >
      {red && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={<span>{L('红冲发票', 'Reverses invoice')} <Link to={`/invoices/${inv.originalInvoiceId}`}>{inv.originalNumber}</Link>：{inv.redReason}</span>} />
      )}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={3} bordered>
          <Descriptions.Item label={L('购买方名称', 'Buyer')}>{inv.buyerName}</Descriptions.Item>
          <Descriptions.Item label={L('纳税人识别号', 'Tax id')}>{inv.buyerTaxId ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={L('开票日期', 'Date')}>{inv.businessDate}</Descriptions.Item>
          <Descriptions.Item label={L('地址、电话', 'Address, phone')}>{[inv.buyerAddress, inv.buyerPhone].filter(Boolean).join(' ') || '—'}</Descriptions.Item>
          <Descriptions.Item label={L('开户行及账号', 'Bank, account')}>{[inv.buyerBank, inv.buyerAccount].filter(Boolean).join(' ') || '—'}</Descriptions.Item>
          {inv.orderId && <Descriptions.Item label={L('按订单开票', 'Invoiced from order')}>{inv.orderNumber}</Descriptions.Item>}
          <Descriptions.Item label={L('单价', 'Prices')}>{inv.priceIncludesTax ? L('含税单价', 'incl. tax') : L('不含税单价', 'excl. tax')}</Descriptions.Item>
          <Descriptions.Item label={L('发票代码', 'Invoice code')}>{inv.taxInvoiceCode ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={L('发票号码', 'Invoice no.')}>{inv.taxInvoiceNo ?? <TaxNumberButton inv={inv} />}</Descriptions.Item>
          <Descriptions.Item label={L('开票人 / 复核 / 收款人', 'Issuer / reviewer / payee')}>{[inv.issuerName, inv.reviewerName ?? '—', inv.payeeName ?? '—'].join(' / ')}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Table<Line>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={inv.lines}
          columns={[
            { title: L('货物或应税劳务名称', 'Item'), dataIndex: 'productName' },
            { title: L('规格型号', 'Spec'), dataIndex: 'spec', width: 110 },
            { title: L('单位', 'Unit'), dataIndex: 'unit', width: 60 },
            { title: L('数量', 'Qty'), dataIndex: 'quantity', width: 80, align: 'right' },
            { title: L('单价', 'Price'), dataIndex: 'unitPrice', width: 100, align: 'right', render: (v: number) => formatPrice(v) },
            { title: L('金额', 'Amount'), dataIndex: 'amountExTax', width: 120, align: 'right', render: (v: number) => <Money fen={v} colored /> },
            { title: L('税率', 'Rate'), dataIndex: 'taxRateBp', width: 70, align: 'right', render: (v: number) => `${v / 100}%` },
            { title: L('税额', 'Tax'), dataIndex: 'taxAmount', width: 110, align: 'right', render: (v: number) => <Money fen={v} colored /> },
            { title: L('来源销货清单', 'From slip'), width: 170, render: (_: unknown, l) => l.sources.map((s) => <div key={s.slipLineId}><Link to={`/slips/${s.slipId}`}>{s.slipNumber}</Link></div>) },
            ...(red ? [] : [{ title: L('已红冲', 'Reversed'), dataIndex: 'creditedQuantity', width: 80, align: 'right' as const, render: (v: number) => (v ? v : '') }]),
          ]}
          summary={() => (
            <Table.Summary>
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={5}><b>{L('合计', 'Total')}</b></Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right"><b><Money fen={inv.amountExTax} colored /></b></Table.Summary.Cell>
                <Table.Summary.Cell index={6} />
                <Table.Summary.Cell index={7} align="right"><b><Money fen={inv.taxAmount} colored /></b></Table.Summary.Cell>
                <Table.Summary.Cell index={8} colSpan={2} />
              </Table.Summary.Row>
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={10}>
                  <Space size="large" data-testid="invoice-total">
                    <span>{L('价税合计（大写）', 'Total in words')}：<b>{inv.totalInCapitals}</b></span>
                    <span>{L('（小写）', '(figures)')} <b><Money fen={inv.totalAmount} symbol colored /></b></span>
                    {!red && inv.creditedAmount > 0 && <span>{L('已红冲', 'Reversed')} <Money fen={inv.creditedAmount} />，{L('未冲余额', 'open')} <Money fen={inv.openAmount} /></span>}
                  </Space>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            </Table.Summary>
          )}
        />
        <div style={{ marginTop: 8 }}><RoundingHelp /></div>
        {inv.remarks && <Typography.Paragraph style={{ marginTop: 8 }}>{L('备注', 'Remarks')}：{inv.remarks}</Typography.Paragraph>}
      </Card>
      {inv.redInvoices.length > 0 && (
        <Card size="small" title={L('红字发票', 'Red-letter invoices')}>
          <Table size="small" rowKey="id" pagination={false} dataSource={inv.redInvoices} columns={[
            { title: L('单据号', 'Number'), dataIndex: 'number', render: (v: string, r: { id: number }) => <Link to={`/invoices/${r.id}`}>{v}</Link> },
            { title: L('开票日期', 'Date'), dataIndex: 'businessDate' },
            { title: L('价税合计', 'Total'), dataIndex: 'totalAmount', align: 'right', render: (v: number) => <Money fen={v} colored /> },
            { title: L('红冲原因', 'Reason'), dataIndex: 'redReason' },
          ]} />
        </Card>
      )}
      {redOpen && <RedDialog inv={inv} onClose={() => setRedOpen(false)} />}
      <HistoryDrawer open={history} onClose={() => setHistory(false)} endpoint={`/api/invoices/${id}/history`} title={inv.number} />
    </PageFrame>
  );
}

function TaxNumberButton({ inv }: { inv: InvoiceDetail }) {
  const L = useL();
  const qc = useQueryClient();
  const can = useCan();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ taxInvoiceCode?: string; taxInvoiceNo: string }>();
  const save = useMutation({
    mutationFn: (v: { taxInvoiceCode?: string; taxInvoiceNo: string }) => api.put(`/api/invoices/${inv.id}/tax-number`, { ...v, version: inv.version }),
    onSuccess: () => { invalidateInvoices(qc); setOpen(false); },
    onError: (e) => { if (applyFormErrors(form, e).length || !(e as { fields?: unknown[] }).fields?.length) form.setFields([{ name: 'taxInvoiceNo', errors: [errorMessage(e)] }]); },
  });
  if (!can('invoice.issue')) return <>—</>;
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>{L('登记发票号码', 'Record tax number')}</Button>
      <Modal open={open} title={L('登记税控发票代码和号码', 'Tax invoice code and number')} onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item name="taxInvoiceCode" label={L('发票代码', 'Invoice code')}><Input /></Form.Item>
          <Form.Item name="taxInvoiceNo" label={L('发票号码', 'Invoice no.')} rules={[{ required: true, message: L('请填写发票号码', 'Enter the number') }]}><Input /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 开具红字发票: the reason, and per line the quantity to take back (all that is open by default). */
function RedDialog({ inv, onClose }: { inv: InvoiceDetail; onClose: () => void }) {
  const L = useL();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [qty, setQty] = useState<Record<number, number>>(() => Object.fromEntries(inv.lines.map((l) => [l.id, l.quantity - l.creditedQuantity])));
  const [error, setError] = useState<string | null>(null);
  const whole = inv.lines.every((l) => qty[l.id] === l.quantity - l.creditedQuantity);
  const go = useMutation({
    mutationFn: () => api.post<InvoiceDetail>(`/api/invoices/${inv.id}/red`, { reason, lines: whole ? null : inv.lines.filter((l) => (qty[l.id] ?? 0) > 0).map((l) => ({ invoiceLineId: l.id, quantity: qty[l.id] })) }),
    onSuccess: (r) => { invalidateInvoices(qc); message.success(L(`已开具红字发票 ${r.number}`, `Red-letter invoice ${r.number} issued`)); onClose(); },
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <Modal open width={760} title={L(`开具红字发票（红冲 ${inv.number}）`, `Red-letter invoice for ${inv.number}`)} onCancel={onClose} onOk={() => go.mutate()} okText={L('开具红字发票', 'Issue red-letter invoice')} okButtonProps={{ danger: true, disabled: !reason.trim() }} confirmLoading={go.isPending}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">{L('发票开具后不修改、不删除：开错或退货时开具红字发票冲减。全部数量即全额红冲；部分数量用于退货。红冲后相应销货清单的金额可以重新开票。', 'An issued invoice is never edited or deleted: a red-letter invoice reverses it, in full or for returned quantities. The slips’ amounts may then be invoiced again.')}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={L('红冲原因', 'Reason')} required>
          <Input.TextArea aria-label={L('红冲原因', 'Reason')} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={L('如：开票信息有误 / 客户退货', 'e.g. wrong details / goods returned')} />
        </Form.Item>
      </Form>
      <Table<Line> size="small" rowKey="id" pagination={false} dataSource={inv.lines} columns={[
        { title: L('货物名称', 'Item'), dataIndex: 'productName' },
        { title: L('原数量', 'Qty'), dataIndex: 'quantity', width: 80, align: 'right' },
        { title: L('可红冲', 'Open'), width: 80, align: 'right', render: (_: unknown, l) => l.quantity - l.creditedQuantity },
        { title: L('本次红冲数量', 'Reverse now'), width: 140, render: (_: unknown, l) => <InputNumber aria-label={`${L('本次红冲数量', 'Reverse now')} ${l.productName}`} min={0} max={l.quantity - l.creditedQuantity} precision={0} value={qty[l.id]} onChange={(v) => setQty({ ...qty, [l.id]: Number(v ?? 0) })} /> },
      ]} />
    </Modal>
  );
}
