import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Space, Spin, Steps, Table, Typography } from 'antd';
import { HistoryOutlined, PrinterOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../app/api.ts';
import { useCan, useMe } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.tsx';
import { DateTime, formatDateTime, Money } from '../../components/format.tsx';
import { HistoryDrawer } from '../../components/history-drawer.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { ReasonDialog } from '../orders/dialogs.tsx';
import { ReceiptStatusTag, receiptMethodLabels } from '../receipts/shared.tsx';
import { DecisionDialog, ExtensionDialog, FirmDialog, ReleaseDialog, RequestValue, SettleDepositDialog, SpecialPriceDialog } from './dialogs.tsx';
import {
  Deadline, depositOutcomeLabels, historyActionLabels, historyFieldLabels, historyFormatters, holdQuantityText, HoldStatusTag, holdRequestKindLabels, holdStatusLabels,
  invalidateHolds, isOpen, priceText, RequestStatusTag, type HoldOut, type HoldRequest,
} from './shared.tsx';

type Dialog = null | 'firm' | 'special' | 'extension' | 'release' | 'void' | 'deposit' | 'history' | { request: HoldRequest; decision: 'approved' | 'rejected' };

const stepOf: Partial<Record<HoldOut['status'], number>> = { held: 0, firm: 1, converted: 2 };

/** 留货单: the facts, deadlines and deposits, the requests (approved here by a manager), and the actions its status allows. */
export function HoldDetailPage() {
  const t = useT();
  const can = useCan();
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { id } = useParams();
  const [dialog, setDialog] = useState<Dialog>(null);
  const q = useQuery({ queryKey: ['holds', 'one', Number(id)], queryFn: () => api.get<HoldOut>(`/api/holds/${id}`) });
  if (q.isPending) return <Spin />;
  if (q.isError) return <PageFrame title={t('holds.detail')} back="/holds" error={q.error}>{null}</PageFrame>;
  const h = q.data;
  const s = h.status;
  const open = isOpen(s);
  // the order entered from the hold: while it is live (not cancelled) the hold waits for its confirmation
  const liveOrder = !!h.orderId && !['void', 'discarded'].includes(h.orderStatus ?? '');
  // an expired hold's 订金 is settled afterwards (refunded or forfeited)
  const unsettled = s === 'expired' && !h.depositOutcome;
  const pendingKind = (k: HoldRequest['kind']) => h.requests.some((r) => r.kind === k && r.status === 'pending');
  const close = () => setDialog(null);

  const actions = [
    s === 'held' && can('hold.create') && <Button key="firm" type="primary" onClick={() => setDialog('firm')}>{t('holds.firm')}</Button>,
    open && !liveOrder && can('order.create') && <Button key="order" type={s === 'firm' ? 'primary' : 'default'} onClick={() => navigate(`/orders/new?holdId=${h.id}`)}>{t('holds.toOrder')}</Button>,
    open && can('hold.create') && !pendingKind('special_price') && <Button key="special" onClick={() => setDialog('special')}>{t('holds.specialPrice')}</Button>,
    s === 'firm' && can('hold.create') && !pendingKind('extension') && <Button key="extension" onClick={() => setDialog('extension')}>{t('holds.extension')}</Button>,
    open && !liveOrder && can('hold.create') && <Button key="release" danger onClick={() => setDialog('release')}>{t('holds.release')}</Button>,
    open && !liveOrder && can('hold.approve') && <Button key="void" danger onClick={() => setDialog('void')}>{t('holds.void')}</Button>,
    unsettled && can('hold.create') && <Button key="deposit" type="primary" onClick={() => setDialog('deposit')}>{t('holds.settleDeposit')}</Button>,
    <Button key="print" icon={<PrinterOutlined />} onClick={() => window.open(`/holds/${h.id}/print`, '_blank')}>{t('holds.print')}</Button>,
    <Button key="history" icon={<HistoryOutlined />} onClick={() => setDialog('history')}>{t('holds.history')}</Button>,
  ].filter(Boolean);

  const pending = h.requests.filter((r) => r.status === 'pending').length;
  const who = (name: string | null, at: string | null) => t('holds.endedBy', { name: name ?? (t.locale === 'en-US' ? 'System' : '系统'), at: formatDateTime(at) });
  return (
    <PageFrame title={`${t('holds.detail')} ${h.number}`} subtitle={<HoldStatusTag status={s} />} back="/holds" extra={actions} bare>
      <Card variant="borderless" style={{ marginBottom: 12 }}>
        {s === 'void' ? (
          <Alert type="error" showIcon title={<Typography.Text strong>{t('holds.voidedMark', { reason: h.voidReason })}</Typography.Text>} description={t('holds.voidedBy', { name: h.voidedByName, at: formatDateTime(h.voidedAt) })} />
        ) : (
          <Steps
            size="small"
            current={stepOf[s] ?? 0}
            status={s === 'released' || s === 'expired' ? 'error' : s === 'converted' ? 'finish' : undefined}
            items={(['held', 'firm', 'converted'] as const).map((k) => ({ title: t(`holds.steps.${k}`) }))}
          />
        )}
        {(s === 'released' || s === 'expired' || s === 'converted') && (
          <Alert
            style={{ marginTop: 12 }}
            type={s === 'converted' ? 'success' : 'warning'}
            showIcon
            title={
              s === 'converted' && h.orderId
                ? <span>{t.l(holdStatusLabels[s])}{t('holds.colon')}<Link to={`/orders/${h.orderId}`}>{h.orderNumber ?? `#${h.orderId}`}</Link></span>
                : t('holds.endedMark', { status: t.l(holdStatusLabels[s]), reason: h.endReason })
            }
            description={`${who(h.endedByName, h.endedAt)}${h.depositOutcome ? t('holds.outcomeSuffix', { outcome: midSentence(t.l(depositOutcomeLabels[h.depositOutcome]), t.locale) }) : ''}`}
          />
        )}
        {unsettled && <Alert style={{ marginTop: 12 }} type="warning" showIcon title={t('holds.depositUnsettled')} />}
        {open && liveOrder && <Alert style={{ marginTop: 12 }} type="info" showIcon title={t('holds.toOrderWaiting', { order: h.orderNumber ?? `#${h.orderId}` })} />}
        {open && pending > 0 && <Alert style={{ marginTop: 12 }} type="warning" showIcon title={t(pending === 1 ? 'holds.pendingAlertOne' : 'holds.pendingAlert', { n: pending })} />}
      </Card>
      <Card variant="borderless" style={{ marginBottom: 12 }}>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('holds.customer')}>{h.customerName}</Descriptions.Item>
          <Descriptions.Item label={t('holds.holder')}>{h.holderName}{h.holderPhone && <Typography.Text type="secondary">　{h.holderPhone}</Typography.Text>}</Descriptions.Item>
          <Descriptions.Item label={t('holds.owner')}>{h.ownerName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('holds.product')}><span><Typography.Text type="secondary">{h.productCode}</Typography.Text> {h.productName}{h.spec ? ` ${h.spec}` : ''}</span></Descriptions.Item>
          <Descriptions.Item label={t('holds.warehouse')}>{h.warehouseName}</Descriptions.Item>
          <Descriptions.Item label={t('holds.quantity')}><span data-testid="hold-quantity">{holdQuantityText(h, t.locale)}</span></Descriptions.Item>
          <Descriptions.Item label={t('holds.deposit')}><Money fen={h.deposit} /></Descriptions.Item>
          <Descriptions.Item label={t('holds.depositReceivedBy')} span={h.firmDeposit == null ? 1 : 2}>{h.depositReceivedByName ?? '—'}</Descriptions.Item>
          {h.firmDeposit == null && <Descriptions.Item label={t('holds.expiresAt')}>{s === 'held' ? <Deadline hold={h} bare /> : <DateTime value={h.expiresAt} />}</Descriptions.Item>}
          {h.firmDeposit != null && (
            <>
              <Descriptions.Item label={t('holds.firmDeposit')}><Money fen={h.firmDeposit} /></Descriptions.Item>
              <Descriptions.Item label={t('holds.agreementNo')}>{h.agreementNo}</Descriptions.Item>
              <Descriptions.Item label={t('holds.firmBy')}>{h.firmByName}　<DateTime value={h.firmAt} /></Descriptions.Item>
              <Descriptions.Item label={t('holds.signBy')}>{s === 'firm' ? <Deadline hold={h} bare /> : h.signBy}</Descriptions.Item>
              <Descriptions.Item label={t('holds.latestSignBy')} span={2}>{h.latestSignBy ?? '—'}</Descriptions.Item>
            </>
          )}
          <Descriptions.Item label={t('holds.listPrice')}>{priceText(h.listPrice)}/{h.unit}</Descriptions.Item>
          <Descriptions.Item label={t('holds.agreedPrice')}>{h.agreedPrice != null ? <Typography.Text strong>{priceText(h.agreedPrice)}/{h.unit}</Typography.Text> : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('holds.order')}>{h.orderId ? <Link to={`/orders/${h.orderId}`}>{h.orderNumber ?? `#${h.orderId}`}</Link> : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('holds.createdBy')}>{h.createdByName}　<DateTime value={h.createdAt} /></Descriptions.Item>
          {h.remarks && <Descriptions.Item label={t('holds.remarks')} span={2}>{h.remarks}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <ReceiptsCard hold={h} />
      <RequestsCard hold={h} meId={me.user.id} onDecide={(request, decision) => setDialog({ request, decision })} />

      {dialog === 'firm' && <FirmDialog hold={h} onClose={close} />}
      {dialog === 'special' && <SpecialPriceDialog hold={h} onClose={close} />}
      {dialog === 'extension' && <ExtensionDialog hold={h} onClose={close} />}
      {dialog === 'release' && <ReleaseDialog hold={h} onClose={close} />}
      {dialog === 'deposit' && <SettleDepositDialog hold={h} onClose={close} />}
      {dialog === 'void' && (
        <ReasonDialog
          open
          title={`${t('holds.void')} ${h.number}`}
          label={t('holds.voidReason')}
          okText={t('holds.void')}
          onClose={close}
          onSubmit={async (reason) => {
            await api.post(`/api/holds/${h.id}/void`, { reason, version: h.version });
            message.success(t('holds.voided'));
            invalidateHolds(qc);
          }}
        />
      )}
      {dialog && typeof dialog === 'object' && <DecisionDialog hold={h} request={dialog.request} decision={dialog.decision} onClose={close} />}
      <HistoryDrawer
        open={dialog === 'history'}
        onClose={close}
        endpoint={`/api/holds/${h.id}/history`}
        title={t('holds.history')}
        fieldLabels={historyFieldLabels}
        actionLabels={historyActionLabels}
        formatters={historyFormatters(t.locale)}
      />
    </PageFrame>
  );
}

/** The deposits as finance's receipts 收款单 (a link for those who may read receipts). */
function ReceiptsCard({ hold }: { hold: HoldOut }) {
  const t = useT();
  const can = useCan();
  type Row = HoldOut['receipts'][number];
  return (
    <Card variant="borderless" title={t('holds.receipts')} extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('holds.receiptsHelp')}</Typography.Text>} style={{ marginBottom: 12 }}>
      <Table<Row>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={hold.receipts}
        locale={{ emptyText: t('holds.noReceipts') }}
        columns={[
          { title: t('holds.receiptNumber'), dataIndex: 'number', width: 180, render: (v: string, r) => (can('receipt.read') ? <Link to={`/receipts/${r.id}`}>{v}</Link> : v) },
          { title: t('holds.receiptDate'), dataIndex: 'receiptDate', width: 120 },
          { title: t('holds.receiptMethod'), dataIndex: 'method', width: 120, render: (v: Row['method']) => t.l(receiptMethodLabels[v]) },
          { title: t('holds.receiptAmount'), dataIndex: 'amount', width: 140, align: 'right', render: (v: number) => <Money fen={v} /> },
          { title: t('common.status'), dataIndex: 'status', render: (v: Row['status']) => <ReceiptStatusTag status={v} /> },
        ]}
      />
    </Card>
  );
}

/** The special price and extension requests; a manager decides pending ones (not their own). */
function RequestsCard({ hold, meId, onDecide }: { hold: HoldOut; meId: number; onDecide: (r: HoldRequest, decision: 'approved' | 'rejected') => void }) {
  const t = useT();
  const can = useCan();
  const approver = can('hold.approve') && isOpen(hold.status);
  return (
    <Card variant="borderless" title={t('holds.requests')}>
      <Table<HoldRequest>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={hold.requests}
        locale={{ emptyText: t('holds.noRequests') }}
        scroll={{ x: 1080 }}
        columns={[
          { title: t('holds.requestKind'), dataIndex: 'kind', width: 100, render: (v: HoldRequest['kind']) => t.l(holdRequestKindLabels[v]) },
          { title: t('holds.requestValue'), key: 'value', width: 170, render: (_, r) => <RequestValue hold={hold} request={r} /> },
          { title: t('holds.reason'), dataIndex: 'reason' },
          { title: t('common.status'), dataIndex: 'status', width: 80, render: (v: HoldRequest['status']) => <RequestStatusTag status={v} /> },
          { title: t('holds.requestedBy'), key: 'requested', width: 130, render: (_, r) => <span>{r.requestedByName}<br /><DateTime value={r.requestedAt} /></span> },
          { title: t('holds.decidedBy'), key: 'decided', width: 130, render: (_, r) => (r.decidedAt ? <span>{r.decidedByName}<br /><DateTime value={r.decidedAt} /></span> : '—') },
          { title: t('holds.decisionNote'), dataIndex: 'decisionNote', width: 150, render: (v: string | null) => v ?? '—' },
          ...(approver
            ? [{
                title: t('common.actions'), key: 'actions', width: t.locale === 'en-US' ? 150 : 120, // Approve and Reject side by side
                render: (_: unknown, r: HoldRequest) =>
                  r.status !== 'pending' ? null : r.requestedBy === meId ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('holds.ownRequest')}</Typography.Text>
                  ) : (
                    <Space size={4}>
                      <Button size="small" type="primary" onClick={() => onDecide(r, 'approved')}>{t('holds.approve')}</Button>
                      <Button size="small" danger onClick={() => onDecide(r, 'rejected')}>{t('holds.reject')}</Button>
                    </Space>
                  ),
              }]
            : []),
        ]}
      />
    </Card>
  );
}

/** A label inside an English sentence starts in lower case (deposits: applied to the order), as a tag's does not. */
const midSentence = (label: string, locale: string) => (locale === 'en-US' ? label.charAt(0).toLowerCase() + label.slice(1) : label);
