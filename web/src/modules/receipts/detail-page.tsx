import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Input, InputNumber, Modal, Space, Table, Tag, Typography, message } from 'antd';
import { RollbackOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, errorMessage } from '../../app/api.ts';
import { useCan } from '../../app/auth.tsx';
import { DateTime, formatMoney, Money } from '../../components/format.tsx';
import { HistoryDrawer } from '../../components/history-drawer.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import {
  invalidateReceipts, RECEIPTS_KEY, ReceiptMethodSelect, receiptMethodLabels, receiptStatusLabels, ReceiptStatusTag, targetTypeLabels, useL, yuanToFen, fenToYuan,
  type OpenItem, type ReceiptOut,
} from './shared.tsx';

type Allocation = ReceiptOut['allocations'][number];

/** What a hold's deposit receipt is at each status (the hold decides it: src/modules/receipts/deposits.ts). */
const depositHint: Record<Exclude<ReceiptOut['status'], 'void'>, { zh: string; en: string }> = {
  on_hold: { zh: '的订金/定金：留货期间不计入客户预收、不能核销；转成订单后随销货清单过账自动核销，退订时在留货单上退还或不予退还。', en: 'deposit: while the hold is open it is not the customer\'s credit and cannot be allocated; once the hold becomes an order it is applied to the order\'s slips as they are posted. Refund or forfeit it on the hold.' },
  confirmed: { zh: '的订金/定金，已随留货转入订单：随订单的销货清单过账自动核销。', en: 'deposit, gone to the order with the hold: applied to the order\'s slips as they are posted.' },
  refund_due: { zh: '已退订，决定退还客户：请出纳退款给客户后「登记退款」（退款方式、经办说明）。', en: 'was released with a refund: once the cashier has paid the customer back, record the refund (how, and a note).' },
  refunded: { zh: '已结束，订金/定金已退还客户。', en: 'was released; the deposit was refunded.' },
  forfeited: { zh: '已结束，订金/定金不予退还（归公司）。', en: 'ended; the deposit was forfeited.' },
};
type OpenItems = { basis: 'slip' | 'invoice'; items: OpenItem[]; advanceCredit: number };

/** A receipt with its allocations (reversed ones kept, struck through) and the customer's open documents to allocate to. */
export function ReceiptDetailPage() {
  const L = useL();
  const can = useCan();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const receipt = useQuery({ queryKey: [...RECEIPTS_KEY, id], queryFn: () => api.get<ReceiptOut>(`/api/receipts/${id}`) });
  const open = useQuery({ queryKey: [...RECEIPTS_KEY, id, 'open'], queryFn: () => api.get<OpenItems>(`/api/receipts/${id}/open-items`) });
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [reverse, setReverse] = useState<Allocation | null>(null);
  const [voiding, setVoiding] = useState(false);
  const [refunding, setRefunding] = useState(false);
  const [refundMethod, setRefundMethod] = useState<ReceiptOut['method']>('cash');
  const [historyOpen, setHistoryOpen] = useState(false);
  const [reason, setReason] = useState('');

  const r = receipt.data;
  const run = async (fn: () => Promise<unknown>, done: string) => {
    setError(null);
    setBusy(true);
    try {
      await fn();
      invalidateReceipts(qc);
      setAmounts({});
      void message.success(done);
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const keyOf = (i: OpenItem) => `${i.targetType}:${i.targetId}`;
  // a history value shown by its label (a status, a method), or as stored when unknown
  const labelOr = (labels: Record<string, { zh: string; en: string }>, v: unknown) => (labels[v as string] ? L(labels[v as string]!.zh, labels[v as string]!.en) : String(v ?? '—'));
  const picked = (open.data?.items ?? []).map((i) => ({ i, fen: yuanToFen(amounts[keyOf(i)]) })).filter((x) => x.fen && x.fen > 0);
  const pickedTotal = picked.reduce((n, x) => n + (x.fen ?? 0), 0);
  const canAllocate = can('receipt.allocate') && r?.status === 'confirmed';

  const allocateManual = () =>
    run(() => api.post(`/api/receipts/${id}/allocations`, { allocations: picked.map((x) => ({ targetType: x.i.targetType, targetId: x.i.targetId, amount: x.fen })) }), L('已核销', 'Allocated'));

  const openColumns = [
    { title: L('单据', 'Document'), key: 'number', render: (_: unknown, i: OpenItem) => <Space><Tag>{L(targetTypeLabels[i.targetType].zh, targetTypeLabels[i.targetType].en)}</Tag><Link to={i.targetType === 'sales_slip' ? `/slips/${i.targetId}` : `/invoices/${i.targetId}`}>{i.number}</Link></Space> },
    { title: L('日期', 'Date'), dataIndex: 'date', width: 110 },
    { title: L('应收金额', 'Amount'), dataIndex: 'amount', align: 'right' as const, render: (v: number) => <Money fen={v} /> },
    { title: L('已收', 'Received'), dataIndex: 'received', align: 'right' as const, render: (v: number) => <Money fen={v} /> },
    { title: L('未收', 'Remaining'), dataIndex: 'remaining', align: 'right' as const, render: (v: number) => <Typography.Text strong><Money fen={v} /></Typography.Text> },
    ...(canAllocate
      ? [{
          title: L('本次核销（元）', 'Allocate (yuan)'), key: 'pick', width: 200,
          render: (_: unknown, i: OpenItem) => (
            <Space.Compact>
              <InputNumber<string> stringMode min="0" step="0.01" precision={2} style={{ width: 120 }} aria-label={`${L('核销', 'Allocate')} ${i.number}`}
                value={amounts[keyOf(i)] ?? null} onChange={(v) => setAmounts((a) => ({ ...a, [keyOf(i)]: v ?? '' }))} />
              <Button onClick={() => setAmounts((a) => ({ ...a, [keyOf(i)]: fenToYuan(Math.min(i.remaining, r!.unallocatedAmount)) }))}>{L('全额', 'All')}</Button>
            </Space.Compact>
          ),
        }]
      : []),
  ];

  const allocationColumns = [
    { title: L('单据', 'Document'), key: 'target', render: (_: unknown, a: Allocation) => <span style={a.reversedAt ? { textDecoration: 'line-through', color: '#999' } : undefined}>{L(targetTypeLabels[a.targetType].zh, targetTypeLabels[a.targetType].en)} <Link to={a.targetType === 'sales_slip' ? `/slips/${a.targetId}` : `/invoices/${a.targetId}`}>{a.targetNumber}</Link></span> },
    { title: L('单据日期', 'Date'), dataIndex: 'targetDate', width: 110 },
    { title: L('核销金额', 'Amount'), dataIndex: 'amount', align: 'right' as const, render: (v: number, a: Allocation) => <span style={a.reversedAt ? { textDecoration: 'line-through', color: '#999' } : undefined}><Money fen={v} /></span> },
    { title: L('核销人', 'By'), dataIndex: 'allocatedByName', width: 90 },
    { title: L('核销时间', 'At'), dataIndex: 'allocatedAt', width: 150, render: (v: string) => <DateTime value={v} /> },
    {
      title: L('状态', 'Status'), key: 'state',
      render: (_: unknown, a: Allocation) =>
        a.reversedAt ? (
          <Typography.Text type="secondary">{L('已撤销', 'Reversed')}：{a.reversedByName} <DateTime value={a.reversedAt} />（{a.reverseReason}）</Typography.Text>
        ) : canAllocate ? (
          <Button size="small" danger onClick={() => { setReason(''); setReverse(a); }}>{L('撤销核销', 'Reverse')}</Button>
        ) : (
          <Tag color="green">{L('有效', 'In force')}</Tag>
        ),
    },
  ];

  return (
    <PageFrame
      title={r ? `${L('收款单', 'Receipt')} ${r.number}` : L('收款单', 'Receipt')}
      subtitle={r && <ReceiptStatusTag status={r.status} />}
      back="/receipts"
      error={receipt.error}
      bare
      extra={r && (
        <>
          <Button onClick={() => setHistoryOpen(true)}>{L('操作记录', 'History')}</Button>
          {r.status === 'confirmed' && can('receipt.void') && <Button danger onClick={() => { setReason(''); setVoiding(true); }}>{L('作废', 'Void')}</Button>}
          {r.status === 'refund_due' && can('receipt.void') && (
            <Button type="primary" icon={<RollbackOutlined />} onClick={() => { setReason(''); setRefundMethod(r.method); setRefunding(true); }}>{L('登记退款', 'Record refund')}</Button>
          )}
        </>
      )}
    >
      {r && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          {error && <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} />}
          {r.status === 'void' && <Alert type="error" showIcon title={`${L('已作废', 'Void')}：${r.voidReason}（${r.voidedByName ?? ''}）`} />}
          {r.holdId && r.status !== 'void' && (
            <Alert
              type={r.status === 'on_hold' ? 'warning' : 'info'}
              showIcon
              title={<span>{L('留货单', 'Hold')} <Link to={`/holds/${r.holdId}`}>{r.holdNumber}</Link> {L(depositHint[r.status].zh, depositHint[r.status].en)}</span>}
            />
          )}
          <Card>
            <Descriptions column={{ xs: 1, md: 3 }} size="small">
              <Descriptions.Item label={L('客户', 'Customer')}>{r.customerName}</Descriptions.Item>
              <Descriptions.Item label={L('收款日期', 'Date')}>{r.receiptDate}</Descriptions.Item>
              <Descriptions.Item label={L('收款方式', 'Method')}>{L(receiptMethodLabels[r.method].zh, receiptMethodLabels[r.method].en)}</Descriptions.Item>
              <Descriptions.Item label={L('金额', 'Amount')}><Typography.Text strong><Money fen={r.amount} /></Typography.Text>（{r.amountInCapitals}）</Descriptions.Item>
              <Descriptions.Item label={L('已核销', 'Allocated')}><Money fen={r.allocatedAmount} /></Descriptions.Item>
              <Descriptions.Item label={L('未核销（预收）', 'Unallocated (credit)')}><Typography.Text strong type={r.unallocatedAmount ? 'warning' : undefined}><Money fen={r.unallocatedAmount} /></Typography.Text></Descriptions.Item>
              <Descriptions.Item label={L('收款账户', 'Bank account')}>{r.bankAccount ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={L('流水号/票号', 'Reference')}>{r.reference ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={L('收款人', 'Received by')}>{r.receivedByName}</Descriptions.Item>
              <Descriptions.Item label={L('来源', 'Source')}>{r.holdId ? <Link to={`/holds/${r.holdId}`}>{r.source}</Link> : r.source ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={L('登记人', 'Recorded by')}>{r.createdByName}　<DateTime value={r.createdAt} /></Descriptions.Item>
              <Descriptions.Item label={L('备注', 'Remarks')}>{r.remarks ?? '—'}</Descriptions.Item>
              {r.refundedAt && (
                <Descriptions.Item label={L('退款', 'Refund')} span={3}>
                  {L(receiptMethodLabels[r.refundMethod!].zh, receiptMethodLabels[r.refundMethod!].en)}　{r.refundedByName}　<DateTime value={r.refundedAt} />{r.refundNote ? `　${r.refundNote}` : ''}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          <Card title={L('核销记录', 'Allocations')} size="small">
            <Table<Allocation> rowKey="id" size="small" pagination={false} columns={allocationColumns} dataSource={r.allocations} locale={{ emptyText: L('尚未核销', 'Not allocated yet') }} />
          </Card>
          {r.status === 'confirmed' && (
            <Card
              size="small"
              title={<Space>{L('客户未收单据', 'Open documents of the customer')}<Typography.Text type="secondary">{L('客户预收余额', 'Customer credit')}：<Money fen={open.data?.advanceCredit ?? 0} /></Typography.Text></Space>}
              extra={canAllocate && (
                <Space>
                  <Button icon={<ThunderboltOutlined />} loading={busy} disabled={!r.unallocatedAmount || !open.data?.items.length} onClick={() => run(() => api.post(`/api/receipts/${id}/auto-allocate`), L('已按时间先后自动核销', 'Allocated oldest first'))}>{L('自动核销', 'Auto-allocate')}</Button>
                  <Button type="primary" loading={busy} disabled={!picked.length} onClick={allocateManual}>{L('核销所填金额', 'Allocate entered amounts')}{pickedTotal ? `（${formatMoney(pickedTotal)}）` : ''}</Button>
                </Space>
              )}
            >
              <Table<OpenItem> rowKey={keyOf} size="small" pagination={false} columns={openColumns} dataSource={open.data?.items ?? []} loading={open.isLoading} locale={{ emptyText: L('客户没有未收的单据', 'Nothing owed') }} />
            </Card>
          )}
        </Space>
      )}
      <Modal open={!!reverse} title={L('撤销核销', 'Reverse allocation')} okText={L('撤销', 'Reverse')} okButtonProps={{ danger: true, disabled: !reason.trim(), loading: busy }} onCancel={() => setReverse(null)}
        onOk={async () => { if (await run(() => api.post(`/api/receipt-allocations/${reverse!.id}/reverse`, { reason }), L('已撤销核销', 'Reversed'))) setReverse(null); }}>
        <p>{reverse && `${reverse.targetNumber} · ¥${fenToYuan(reverse.amount)}`}</p>
        <Input.TextArea aria-label={L('撤销原因', 'Reason')} placeholder={L('撤销原因（必填）', 'Reason (required)')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} />
      </Modal>
      <Modal open={voiding} title={L('作废收款单', 'Void receipt')} okText={L('作废', 'Void')} okButtonProps={{ danger: true, disabled: !reason.trim(), loading: busy }} onCancel={() => setVoiding(false)}
        onOk={async () => { if (await run(() => api.post(`/api/receipts/${id}/void`, { reason, version: r!.version }), L('已作废', 'Voided'))) setVoiding(false); }}>
        <p>{L('作废后，本单的全部核销将被撤销（记录保留），对应单据恢复为未收。', 'Voiding reverses every allocation of this receipt (kept on record); the documents are owed again.')}</p>
        <Input.TextArea aria-label={L('作废原因', 'Reason')} placeholder={L('作废原因（必填）', 'Reason (required)')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} />
      </Modal>
      <Modal open={refunding} title={`${L('登记退款', 'Record refund')} ${r?.number ?? ''}`} okText={L('登记退款', 'Record refund')} okButtonProps={{ loading: busy }} onCancel={() => setRefunding(false)}
        onOk={async () => { if (await run(() => api.post(`/api/receipts/${id}/refund`, { method: refundMethod, note: reason.trim() || null, version: r!.version }), L('已登记退款', 'Refund recorded'))) setRefunding(false); }}>
        <p>{r && L(`退还客户 ${r.customerName} ¥${fenToYuan(r.amount)}（${r.amountInCapitals}）。请在出纳已把钱退给客户后登记。`, `¥${fenToYuan(r.amount)} back to ${r.customerName}. Record it once the cashier has paid it back.`)}</p>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space><span>{L('退款方式', 'Paid back by')}</span><ReceiptMethodSelect aria-label={L('退款方式', 'Paid back by')} value={refundMethod} onChange={setRefundMethod} /></Space>
          <Input.TextArea aria-label={L('退款说明', 'Note')} placeholder={L('说明（选填）：收款人签字、转账流水号等', 'Note (optional): who signed for it, the transfer reference…')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} />
        </Space>
      </Modal>
      <HistoryDrawer
        open={historyOpen}
        onClose={() => setHistoryOpen(false)}
        endpoint={`/api/receipts/${id}/history`}
        title={L('操作记录', 'History')}
        actionLabels={{ 'receipt.create': L('登记收款', 'Recorded'), 'receipt.allocate': L('核销', 'Allocated'), 'receipt.unallocate': L('撤销核销', 'Allocation reversed'), 'receipt.void': L('作废', 'Voided'),
          'receipt.deposit_confirmed': L('随留货转入订单', 'Went to the order'), 'receipt.deposit_refunded': L('订金/定金退还', 'Deposit refunded'),
          'receipt.deposit_refund_due': L('退订，订金/定金待退款', 'Released, refund due'), 'receipt.refund': L('登记退款', 'Refund recorded'),
          'receipt.deposit_forfeited': L('订金/定金不予退还', 'Deposit forfeited'), 'receipt.deposit_void': L('随留货单作废', 'Voided with the hold') }}
        formatters={{ status: (v) => labelOr(receiptStatusLabels, v), refundMethod: (v) => labelOr(receiptMethodLabels, v) }}
      />
    </PageFrame>
  );
}
