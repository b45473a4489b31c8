import type { ReactNode } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Radio } from 'antd';
import dayjs from 'dayjs';
import { api, errorMessage } from '../../app/api.ts';
import { useT } from '../../app/i18n.tsx';
import { applyFormErrors } from '../../components/form-errors.ts';
import { Money } from '../../components/format.tsx';
import { formatPrice, parsePrice, parseYuan } from '../../../../src/platform/money.ts';
import { ReceiptMethodSelect, type ReceiptMethod } from '../receipts/shared.tsx';
import { depositOutcomeLabels, discountWording, holdRequestKindLabels, invalidateHolds, priceText, type HoldOut, type HoldRequest } from './shared.tsx';

type Values = Record<string, unknown>;

/**
 * One action on a hold as a dialog: a hint, the form's fields, and the call. The server's field
 * messages show under the fields, the rest (e.g. a version conflict) in an alert.
 */
function ActionDialog<V extends Values>({ title, hint, okText, danger, initialValues, children, call, done, onClose }: {
  title: string;
  hint?: ReactNode;
  okText?: string;
  danger?: boolean;
  initialValues?: Partial<V>;
  children: ReactNode;
  call: (v: V) => Promise<HoldOut>;
  /** the success message */
  done: (h: HoldOut) => string;
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const m = useMutation({
    mutationFn: call,
    onSuccess: (h) => {
      invalidateHolds(qc);
      message.success(done(h));
      onClose();
    },
    onError: (e) => applyFormErrors(form, e),
  });
  return (
    <Modal open title={title} onCancel={onClose} onOk={() => form.submit()} okText={okText} okButtonProps={{ danger }} confirmLoading={m.isPending} destroyOnHidden>
      {hint && <Alert type="info" showIcon title={hint} style={{ marginBottom: 12 }} />}
      <Form<V> form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => m.mutate(v)}>
        {children}
      </Form>
      {m.isError && <Alert type="error" showIcon title={errorMessage(m.error)} />}
    </Modal>
  );
}

const yuanRule = (message: string) => ({ required: true, pattern: /^\d+(\.\d{1,2})?$/, message });

/** 定货: the larger deposit 定金 and the purchase agreement 订货协议 make the hold firm. */
export function FirmDialog({ hold, onClose }: { hold: HoldOut; onClose: () => void }) {
  const t = useT();
  const req = (f: string) => t('common.required', { field: f });
  return (
    <ActionDialog<{ firmDeposit: string; depositMethod: ReceiptMethod; agreementNo: string; remarks?: string }>
      title={`${t('holds.firm')} ${hold.number}`}
      hint={t('holds.firmHint')}
      initialValues={{ depositMethod: 'bank_transfer' }}
      onClose={onClose}
      call={(v) => api.post<HoldOut>(`/api/holds/${hold.id}/firm`, { version: hold.version, firmDeposit: parseYuan(String(v.firmDeposit)), depositMethod: v.depositMethod, agreementNo: v.agreementNo.trim(), remarks: v.remarks?.trim() || undefined })}
      done={(h) => t('holds.firmDone', { date: h.signBy })}
    >
      <>
        <Form.Item name="firmDeposit" label={t('holds.firmDepositYuan')} rules={[yuanRule(req(t('holds.firmDeposit')))]}>
          <InputNumber stringMode min="0.01" precision={2} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="depositMethod" label={t('holds.depositMethod')} rules={[{ required: true, message: req(t('holds.depositMethod')) }]} extra={t('holds.depositMethodHelp')}>
          <ReceiptMethodSelect style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="agreementNo" label={t('holds.agreementNo')} rules={[{ required: true, whitespace: true, message: req(t('holds.agreementNo')) }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="remarks" label={t('holds.remarks')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </>
    </ActionDialog>
  );
}

const reasonItem = (label: string, message: string) => (
  <Form.Item name="reason" label={label} rules={[{ required: true, whitespace: true, message }]}>
    <Input.TextArea rows={3} maxLength={500} />
  </Form.Item>
);

/** 特别优惠通知执行单: a lower unit price for a manager to approve. */
export function SpecialPriceDialog({ hold, onClose }: { hold: HoldOut; onClose: () => void }) {
  const t = useT();
  const req = (f: string) => t('common.required', { field: f });
  return (
    <ActionDialog<{ unitPrice: string; reason: string }>
      title={`${t('holds.specialPrice')} ${hold.number}`}
      hint={t('holds.specialPriceHint')}
      initialValues={{ unitPrice: formatPrice(hold.agreedPrice ?? hold.listPrice, false) }}
      onClose={onClose}
      call={(v) => api.post<HoldOut>(`/api/holds/${hold.id}/requests`, { kind: 'special_price', unitPrice: parsePrice(String(v.unitPrice)), reason: v.reason.trim() })}
      done={() => t('holds.requested')}
    >
      <>
        <Descriptions column={2} size="small" style={{ marginBottom: 12 }}>
          <Descriptions.Item label={t('holds.listPrice')}>{priceText(hold.listPrice)}/{hold.unit}</Descriptions.Item>
          <Descriptions.Item label={t('holds.quantity')}>{hold.quantity}{hold.unit}</Descriptions.Item>
        </Descriptions>
        <Form.Item name="unitPrice" label={t('holds.unitPriceYuan')} rules={[{ required: true, pattern: /^\d+(\.\d{1,4})?$/, message: req(t('holds.unitPriceYuan')) }]}>
          <InputNumber stringMode min="0" precision={4} style={{ width: 200 }} />
        </Form.Item>
        {reasonItem(t('holds.reason'), req(t('holds.reason')))}
      </>
    </ActionDialog>
  );
}

/** 延期申请单: a later sign-and-pay date (after the current one, at most latestSignBy) for a manager to approve. */
export function ExtensionDialog({ hold, onClose }: { hold: HoldOut; onClose: () => void }) {
  const t = useT();
  const req = (f: string) => t('common.required', { field: f });
  const outside = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD') <= (hold.signBy ?? '') || (!!hold.latestSignBy && d.format('YYYY-MM-DD') > hold.latestSignBy);
  return (
    <ActionDialog<{ signBy: dayjs.Dayjs; reason: string }>
      title={`${t('holds.extension')} ${hold.number}`}
      hint={t('holds.extensionHint', { date: hold.latestSignBy })}
      onClose={onClose}
      call={(v) => api.post<HoldOut>(`/api/holds/${hold.id}/requests`, { kind: 'extension', signBy: v.signBy.format('YYYY-MM-DD'), reason: v.reason.trim() })}
      done={() => t('holds.requested')}
    >
      <>
        <Descriptions column={2} size="small" style={{ marginBottom: 12 }}>
          <Descriptions.Item label={t('holds.signBy')}>{hold.signBy}</Descriptions.Item>
          <Descriptions.Item label={t('holds.latestSignBy')}>{hold.latestSignBy}</Descriptions.Item>
        </Descriptions>
        <Form.Item name="signBy" label={t('holds.newSignBy')} rules={[{ required: true, message: req(t('holds.newSignBy')) }]}>
          <DatePicker disabledDate={outside} defaultPickerValue={hold.signBy ? dayjs(hold.signBy) : undefined} style={{ width: 200 }} />
        </Form.Item>
        {reasonItem(t('holds.reason'), req(t('holds.reason')))}
      </>
    </ActionDialog>
  );
}

/** What a hold's deposits were, what becomes of them (refunded or forfeited) and why: release and settle both ask it. */
function DepositOutcomeFields({ hold, reasonLabel }: { hold: HoldOut; reasonLabel: string }) {
  const t = useT();
  const req = (f: string) => t('common.required', { field: f });
  return (
    <>
      <Descriptions column={2} size="small" style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('holds.deposit')}><Money fen={hold.deposit} /></Descriptions.Item>
        {hold.firmDeposit != null && <Descriptions.Item label={t('holds.firmDeposit')}><Money fen={hold.firmDeposit} /></Descriptions.Item>}
      </Descriptions>
      <Form.Item name="depositOutcome" label={t('holds.depositOutcome')} rules={[{ required: true, message: req(t('holds.depositOutcome')) }]} extra={t('holds.refundByFinance')}>
        <Radio.Group options={(['refunded', 'forfeited'] as const).map((k) => ({ value: k, label: t.l(depositOutcomeLabels[k]) }))} />
      </Form.Item>
      {reasonItem(reasonLabel, req(reasonLabel))}
    </>
  );
}

type OutcomeValues = { reason: string; depositOutcome: 'refunded' | 'forfeited' };

/** 退订: the customer gives the hold up; the stock goes back, the deposits are refunded or forfeited. */
export function ReleaseDialog({ hold, onClose }: { hold: HoldOut; onClose: () => void }) {
  const t = useT();
  return (
    <ActionDialog<OutcomeValues>
      title={`${t('holds.release')} ${hold.number}`}
      okText={t('holds.release')}
      danger
      onClose={onClose}
      call={(v) => api.post<HoldOut>(`/api/holds/${hold.id}/release`, { version: hold.version, reason: v.reason.trim(), depositOutcome: v.depositOutcome })}
      done={() => t('holds.released')}
    >
      <DepositOutcomeFields hold={hold} reasonLabel={t('holds.releaseReason')} />
    </ActionDialog>
  );
}

/** An expired hold's 订金: given back to the customer, or kept under the hold's terms (once). */
export function SettleDepositDialog({ hold, onClose }: { hold: HoldOut; onClose: () => void }) {
  const t = useT();
  return (
    <ActionDialog<OutcomeValues>
      title={`${t('holds.settleDeposit')} ${hold.number}`}
      hint={t('holds.settleDepositHint')}
      onClose={onClose}
      call={(v) => api.post<HoldOut>(`/api/holds/${hold.id}/deposit`, { version: hold.version, reason: v.reason.trim(), depositOutcome: v.depositOutcome })}
      done={() => t('holds.depositSettled')}
    >
      <DepositOutcomeFields hold={hold} reasonLabel={t('holds.settleReason')} />
    </ActionDialog>
  );
}

/** A manager approves or rejects a request, with an optional note. */
export function DecisionDialog({ hold, request, decision, onClose }: { hold: HoldOut; request: HoldRequest; decision: 'approved' | 'rejected'; onClose: () => void }) {
  const t = useT();
  const word = t(decision === 'approved' ? 'holds.approve' : 'holds.reject');
  return (
    <ActionDialog<{ note?: string }>
      title={t('holds.decideTitle', { decision: word, kind: t.l(holdRequestKindLabels[request.kind]) })}
      okText={word}
      danger={decision === 'rejected'}
      onClose={onClose}
      call={(v) => api.post<HoldOut>(`/api/holds/${hold.id}/requests/${request.id}/decide`, { decision, note: v.note?.trim() || null })}
      done={() => t('holds.decided', { decision: word })}
    >
      <>
        <Descriptions column={1} size="small" style={{ marginBottom: 12 }}>
          <Descriptions.Item label={t('holds.requestValue')}><RequestValue hold={hold} request={request} /></Descriptions.Item>
          {request.kind === 'special_price' && request.unitPrice !== null && request.unitPrice < hold.listPrice && (
            <Descriptions.Item label={t.l({ zh: '让利', en: 'Concession' })}><Concession hold={hold} unitPrice={request.unitPrice} /></Descriptions.Item>
          )}
          <Descriptions.Item label={t('holds.reason')}>{request.reason}</Descriptions.Item>
          <Descriptions.Item label={t('holds.requestedBy')}>{request.requestedByName}</Descriptions.Item>
        </Descriptions>
        <Form.Item name="note" label={t('holds.decisionNote')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </>
    </ActionDialog>
  );
}

/**
 * What a special price gives away, for the manager deciding it: the discount (约 9.5 折 / about 5.3% off: discountWording)
 * and the whole hold's concession at that price (2瓶共让利 ¥158.00). Prices are in 0.0001 yuan, the concession in fen.
 */
function Concession({ hold, unitPrice }: { hold: HoldOut; unitPrice: number }) {
  const t = useT();
  const discount = discountWording(hold.listPrice, unitPrice, t.locale);
  const fen = Math.round(((hold.listPrice - unitPrice) * hold.quantity) / 100);
  return t.locale === 'en-US'
    ? <span>{discount}; <Money fen={fen} /> on {hold.quantity} {hold.unit}</span>
    : <span>{discount}，{hold.quantity}{hold.unit}共让利 <Money fen={fen} /></span>;
}

/** What a request asks for, beside what it would change: "¥1,420.00（原价 ¥1,499.00）" / "2026-12-05（原 2026-11-30）". */
export function RequestValue({ hold, request }: { hold: HoldOut; request: HoldRequest }) {
  const t = useT();
  // English in half-width parentheses: (was ¥128.00)
  const was = (v: string) => (t.locale === 'en-US' ? `(was ${v})` : `（原 ${v}）`);
  // a narrow cell breaks between the value and what it was, never inside a date (2026-12- / 07)
  const value = (v: ReactNode) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span>;
  if (request.kind === 'special_price') return <span>{value(<>{priceText(request.unitPrice)}/{hold.unit}</>)}<wbr /><Muted>{was(priceText(hold.listPrice))}</Muted></span>;
  return <span>{value(request.signBy)}{request.status === 'pending' && hold.signBy && <><wbr /><Muted>{was(hold.signBy)}</Muted></>}</span>;
}

const Muted = ({ children }: { children: ReactNode }) => <span style={{ color: '#8c8c8c', marginLeft: 4, whiteSpace: 'nowrap' }}>{children}</span>;
