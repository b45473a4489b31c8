import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Radio, Select, Spin, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { api, errorMessage } from '../../app/api.ts';
import { useCan } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.tsx';
import { applyFormErrors } from '../../components/form-errors.ts';
import { Money } from '../../components/format.tsx';
import { formatPrice, lineAmounts, parsePrice, parseYuan } from '../../../../src/platform/money.ts';
import { deliveryMethodLabels, invalidateOrders, options, paymentTermLabels, reviewKindLabels, type OrderCredit, type OrderOut, type ReviewKind } from './shared.tsx';
import { ConcessionAlert } from './concession.tsx';
import { hasPack, PackNote, PackQuantity } from '../products/pack-quantity.tsx';

/** An order's credit figures and its customer's overdue debt (GET /api/orders/:id/credit), while `enabled`. */
function useOrderCredit(order: OrderOut, enabled: boolean) {
  return useQuery({ queryKey: ['orders', 'credit', order.id, order.version], queryFn: () => api.get<OrderCredit>(`/api/orders/${order.id}/credit`), enabled });
}

/** The figures finance weighs: term (allowed or not), limit, what is owed and overdue, open orders, this order, the excess. */
function CreditFigures({ order, f }: { order: OrderOut; f: OrderCredit }) {
  const t = useT();
  return (
    <>
      {!f.hasProfile && <Alert type="warning" showIcon title={t('orders.creditNoProfile')} style={{ marginBottom: 12 }} />}
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('orders.term')}>
          <Typography.Text type={f.termAllowed ? undefined : 'danger'}>{t.l(paymentTermLabels[order.paymentTerm])}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('orders.creditTerms')}>{f.allowedTerms.map((x) => t.l(paymentTermLabels[x])).join('、') || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('orders.creditLimit')}>{f.limit === null ? '—' : <Money fen={f.limit} />}</Descriptions.Item>
        <Descriptions.Item label={t('orders.creditOwed')}><Money fen={f.owed} /></Descriptions.Item>
        <Descriptions.Item label={t('orders.creditOverdue')}>
          {f.overdue > 0 ? <Typography.Text type="danger"><Money fen={f.overdue} />{t('orders.creditOverdueDays', { days: f.maxDaysOverdue })}</Typography.Text> : t('orders.creditNoOverdue')}
          {f.overdue > f.owed && <Typography.Text type="secondary">{t('orders.creditOverdueGross')}</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label={t('orders.creditOutstanding')}><Money fen={f.openOrders} /></Descriptions.Item>
        <Descriptions.Item label={t('orders.creditOrder')}><Money fen={f.orderAmount} /></Descriptions.Item>
        {f.excess > 0 && <Descriptions.Item label={t('orders.creditExcess')}><Typography.Text type="danger" strong><Money fen={f.excess} /></Typography.Text></Descriptions.Item>}
      </Descriptions>
    </>
  );
}

/**
 * The credit stop: the figures (limit, outstanding, this order, excess; allowed terms) and, for a
 * user holding order.credit_override, the override with a reason (then the order is submitted again).
 */
export function CreditDialog({ order, open, onClose, onDone, review }: { order: OrderOut; open: boolean; onClose: () => void; onDone: (o: OrderOut) => void; review?: ReviewKind }) {
  const t = useT();
  const can = useCan();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const figures = useOrderCredit(order, open);
  const override = useMutation({
    mutationFn: () =>
      review
        ? api.post<OrderOut>(`/api/orders/${order.id}/review/${review}`, { decision: 'approved', version: order.version, creditOverrideReason: reason })
        : api.post<OrderOut>(`/api/orders/${order.id}/submit`, { version: order.version, creditOverrideReason: reason }),
    onSuccess: (o) => {
      invalidateOrders(qc);
      onDone(o);
    },
  });
  const f = figures.data;
  const allowed = can('order.credit_override');
  return (
    <Modal
      open={open}
      title={f && !f.termAllowed && f.excess === 0 ? t('orders.termTitle') : t('orders.creditTitle')}
      onCancel={onClose}
      okText={t('orders.creditOverride')}
      okButtonProps={{ danger: true, disabled: !allowed || !reason.trim(), loading: override.isPending }}
      onOk={() => override.mutate()}
      destroyOnHidden
    >
      {figures.isPending && <Spin />}
      {f && <CreditFigures order={order} f={f} />}
      {allowed ? (
        <Form layout="vertical" style={{ marginTop: 12 }}>
          <Form.Item label={t('orders.creditOverrideReason')} required>
            <Input.TextArea aria-label={t('orders.creditOverrideReason')} rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
          </Form.Item>
        </Form>
      ) : (
        <Alert type="info" showIcon title={t('orders.creditNoRight')} style={{ marginTop: 12 }} />
      )}
      {override.isError && <Alert type="error" showIcon title={errorMessage(override.error)} />}
    </Modal>
  );
}

/** Finance or logistics review: approve, or return with a reason. A credit stop at finance approval opens the credit dialog. */
export function ReviewDialog({ order, kind, open, onClose }: { order: OrderOut; kind: ReviewKind; open: boolean; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ decision: 'approved' | 'returned'; reason?: string }>();
  const decision = Form.useWatch('decision', form);
  const [credit, setCredit] = useState(false);
  const figures = useOrderCredit(order, open && kind === 'finance');
  const m = useMutation({
    mutationFn: (v: { decision: string; reason?: string }) => api.post<OrderOut>(`/api/orders/${order.id}/review/${kind}`, { ...v, version: order.version }),
    onSuccess: () => {
      message.success(t('orders.reviewDone'));
      invalidateOrders(qc);
      onClose();
    },
    onError: (e) => {
      if (isCreditStop(e)) setCredit(true);
      applyFormErrors(form, e);
    },
  });
  return (
    <>
      <Modal open={open} title={t('orders.reviewTitle', { review: t.l(reviewKindLabels[kind]), number: order.number })} onCancel={onClose} onOk={() => form.submit()} confirmLoading={m.isPending} destroyOnHidden>
        <Alert type="info" showIcon title={t(kind === 'finance' ? 'orders.reviewFinanceHint' : 'orders.reviewLogisticsHint')} style={{ marginBottom: 12 }} />
        {kind === 'finance' && <ConcessionAlert order={order} style={{ marginBottom: 12 }} />}
        {kind === 'finance' ? (
          <div style={{ marginBottom: 12 }}>{figures.data ? <CreditFigures order={order} f={figures.data} /> : <Spin />}</div>
        ) : (
          <Descriptions column={2} size="small" style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('orders.deliveryDate')}>{order.deliveryDate ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('orders.deliveryMethod')}>{order.deliveryMethod ? t.l(deliveryMethodLabels[order.deliveryMethod as keyof typeof deliveryMethodLabels]) : '—'}</Descriptions.Item>
          </Descriptions>
        )}
        <Form form={form} layout="vertical" initialValues={{ decision: 'approved' }} onFinish={(v) => m.mutate(v)}>
          <Form.Item name="decision">
            <Radio.Group options={[{ value: 'approved', label: t('orders.approve') }, { value: 'returned', label: t('orders.return') }]} optionType="button" buttonStyle="solid" />
          </Form.Item>
          {decision === 'returned' && (
            <Form.Item name="reason" label={t('orders.returnReason')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('orders.returnReason') }) }]}>
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
          )}
        </Form>
        {m.isError && !credit && <Alert type="error" showIcon title={errorMessage(m.error)} />}
      </Modal>
      {credit && <CreditDialog order={order} open={credit} review={kind} onClose={() => setCredit(false)} onDone={() => { setCredit(false); onClose(); }} />}
    </>
  );
}

/** A reason-only action: cancel (void). */
/**
 * An action that needs a reason (cancel an order, void a hold, send a stage back). `okText` names the action on its button;
 * `cancelText` the way out where 取消 / Cancel would read as the action itself (取消订单: 返回, not 取消).
 */
export function ReasonDialog({ title, label, open, onClose, onSubmit, okText, cancelText }: { title: string; label: string; open: boolean; onClose: () => void; onSubmit: (reason: string) => Promise<unknown>; okText?: string; cancelText?: string }) {
  const t = useT();
  const [form] = Form.useForm<{ reason: string }>();
  const m = useMutation({ mutationFn: (v: { reason: string }) => onSubmit(v.reason), onSuccess: onClose, onError: (e) => applyFormErrors(form, e) });
  return (
    <Modal open={open} title={title} onCancel={onClose} onOk={() => form.submit()} confirmLoading={m.isPending} okButtonProps={{ danger: true }} okText={okText} cancelText={cancelText} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => m.mutate(v)}>
        <Form.Item name="reason" label={label} rules={[{ required: true, whitespace: true, message: t('common.required', { field: label }) }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
      {m.isError && <Alert type="error" showIcon title={errorMessage(m.error)} />}
    </Modal>
  );
}

/** Payment received (order.payment), in yuan. */
export function PaymentDialog({ order, open, onClose }: { order: OrderOut; open: boolean; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ amount: string }>();
  const m = useMutation({
    mutationFn: (v: { amount: string }) => api.post<OrderOut>(`/api/orders/${order.id}/payment`, { amount: parseYuan(String(v.amount)), version: order.version }),
    onSuccess: () => { invalidateOrders(qc); onClose(); },
  });
  const missing = Math.max(0, order.totalAmount - order.paymentReceived);
  return (
    <Modal open={open} title={t('orders.payment')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={m.isPending} destroyOnHidden>
      <Descriptions column={2} size="small" style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('orders.amount')}><Money fen={order.totalAmount} /></Descriptions.Item>
        <Descriptions.Item label={t('orders.paymentReceived')}><Money fen={order.paymentReceived} /></Descriptions.Item>
      </Descriptions>
      <Form form={form} layout="vertical" initialValues={{ amount: missing > 0 ? (missing / 100).toFixed(2) : undefined }} onFinish={(v) => m.mutate(v)}>
        <Form.Item name="amount" label={t('orders.paymentAmount')} rules={[{ required: true, pattern: /^\d+(\.\d{1,2})?$/, message: t('common.required', { field: t('orders.paymentAmount') }) }]}>
          <InputNumber stringMode min="0.01" precision={2} style={{ width: 200 }} />
        </Form.Item>
      </Form>
      {m.isError && <Alert type="error" showIcon title={errorMessage(m.error)} />}
    </Modal>
  );
}

type ChangeValues = {
  reason: string;
  creditOverrideReason?: string;
  deliveryDate?: dayjs.Dayjs | null;
  deliveryMethod?: string | null;
  deliveryAddress?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  lines: { quantity: number; unitPrice: string; discount: string }[];
};

/** A change order: new quantities, prices, discounts, delivery date, method, address, contact — with a reason. */
/** A change dialog row as the API takes it: quantity, price (0.0001 yuan), discount (basis points); throws while a cell is unreadable. */
const lineOf = (l: ChangeValues['lines'][number]) => ({ quantity: l.quantity, unitPrice: parsePrice(String(l.unitPrice ?? '')), discountBp: Math.round(Number(l.discount || 0) * 100) });

export function ChangeDialog({ order, open, onClose }: { order: OrderOut; open: boolean; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const can = useCan();
  const { message } = App.useApp();
  const [form] = Form.useForm<ChangeValues>();
  // a change raising the amount past the customer's credit is stopped (the message shows the figures);
  // a user holding order.credit_override may then give a reason and send it again
  const [creditStopped, setCreditStopped] = useState(false);
  // the amounts as the change would leave them (the server's own rounding: lineAmounts)
  const watched = (Form.useWatch('lines', form) ?? []) as ChangeValues['lines'];
  const amounts = order.lines.map((old, i): number | null => {
    const l = watched[i];
    if (!l) return old.amount;
    try {
      return lineAmounts({ ...lineOf(l), taxRateBp: old.taxRateBp, priceIncludesTax: order.priceIncludesTax }).amount;
    } catch {
      return null; // a cell being typed: no figure yet
    }
  });
  const newTotal = amounts.every((a) => a !== null) ? amounts.reduce<number>((sum, a) => sum + a!, 0) : null;
  const m = useMutation({
    mutationFn: (v: ChangeValues) => {
      const lines = v.lines
        // the form's rows are the order's lines in order (only the edited cells are form fields)
        .map((l, i) => {
          const old = order.lines[i];
          const now = lineOf(l);
          const out: Record<string, number> = { orderLineId: old.id };
          if (now.quantity !== old.quantity) out.quantity = now.quantity;
          if (now.unitPrice !== old.unitPrice) out.unitPrice = now.unitPrice;
          if (now.discountBp !== old.discountBp) out.discountBp = now.discountBp;
          return out;
        })
        .filter((l) => Object.keys(l).length > 1);
      const date = v.deliveryDate ? v.deliveryDate.format('YYYY-MM-DD') : null;
      return api.post<OrderOut>(`/api/orders/${order.id}/change`, {
        version: order.version, reason: v.reason, lines,
        ...(date !== order.deliveryDate ? { deliveryDate: date } : {}),
        ...((v.deliveryMethod ?? null) !== order.deliveryMethod ? { deliveryMethod: v.deliveryMethod ?? null } : {}),
        ...((v.deliveryAddress || null) !== order.deliveryAddress ? { deliveryAddress: v.deliveryAddress ?? null } : {}),
        ...((v.contactName || null) !== order.contactName ? { contactName: v.contactName ?? null } : {}),
        ...((v.contactPhone || null) !== order.contactPhone ? { contactPhone: v.contactPhone ?? null } : {}),
        ...(v.creditOverrideReason?.trim() ? { creditOverrideReason: v.creditOverrideReason.trim() } : {}),
      });
    },
    onSuccess: (o) => {
      message.success(t('orders.changeDone', { number: o.changes[o.changes.length - 1]?.number ?? '' }));
      invalidateOrders(qc);
      onClose();
    },
    onError: (e) => {
      if (isCreditStop(e)) setCreditStopped(true);
      applyFormErrors(form, e);
    },
  });
  return (
    <Modal open={open} width={860} title={t('orders.change')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={m.isPending} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => m.mutate(v)}
        initialValues={{
          deliveryDate: order.deliveryDate ? dayjs(order.deliveryDate) : null, deliveryMethod: order.deliveryMethod, deliveryAddress: order.deliveryAddress,
          contactName: order.contactName, contactPhone: order.contactPhone,
          lines: order.lines.map((l) => ({ quantity: l.quantity, unitPrice: formatPrice(l.unitPrice, false), discount: String(l.discountBp / 100) })),
        }}
      >
        <Form.List name="lines">
          {(fields) => (
            <Table
              size="small"
              pagination={false}
              rowKey="key"
              dataSource={fields}
              columns={[
                { title: t('orders.product'), render: (_, f) => order.lines[f.name].productName },
                { title: t('orders.shipped'), width: 80, render: (_, f) => <>{order.lines[f.name].shippedQuantity}<PackNote quantity={order.lines[f.name].shippedQuantity} packing={order.lines[f.name]} /></> },
                {
                  title: t('orders.quantity'), width: 120,
                  render: (_, f) => {
                    const l = order.lines[f.name];
                    return (
                      <>
                        <Form.Item name={[f.name, 'quantity']} noStyle><InputNumber aria-label={`${t('orders.quantity')} ${f.name + 1}`} min={l.shippedQuantity} precision={0} style={{ width: 100 }} /></Form.Item>
                        {/* the customer adds or drops cases: typed as cases, as on the order form */}
                        {hasPack(l) && (
                          <PackQuantity
                            index={f.name} unit={l.unit} packUnit={l.packUnit} packSize={l.packSize} quantity={watched[f.name]?.quantity ?? l.quantity}
                            onChange={(q) => form.setFieldValue(['lines', f.name, 'quantity'], q)}
                          />
                        )}
                      </>
                    );
                  },
                },
                { title: t('orders.unitPrice'), width: 140, render: (_, f) => <Form.Item name={[f.name, 'unitPrice']} noStyle><InputNumber stringMode min="0" precision={4} style={{ width: 120 }} /></Form.Item> },
                { title: t('orders.discount'), width: 100, render: (_, f) => <Form.Item name={[f.name, 'discount']} noStyle><InputNumber stringMode min="0" max="100" precision={2} style={{ width: 80 }} /></Form.Item> },
                { title: t('orders.amount'), width: 120, align: 'right', render: (_, f) => (amounts[f.name] === null ? '—' : <Money fen={amounts[f.name]!} />) },
              ]}
            />
          )}
        </Form.List>
        <div style={{ textAlign: 'right', marginTop: 8 }}>
          {t('orders.changeTotal')}
          <Money fen={order.totalAmount} />
          {newTotal !== null && newTotal !== order.totalAmount && (
            <Typography.Text strong type={newTotal > order.totalAmount ? 'warning' : undefined}>
              {' → '}
              <Money fen={newTotal} />
            </Typography.Text>
          )}
        </div>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '0 16px', marginTop: 12 }}>
          <Form.Item name="deliveryDate" label={t('orders.deliveryDate')}><InputDate /></Form.Item>
          <Form.Item name="deliveryMethod" label={t('orders.deliveryMethod')}><SelectMethod /></Form.Item>
          <Form.Item name="contactName" label={t('orders.contact')}><Input maxLength={50} /></Form.Item>
          <Form.Item name="contactPhone" label={t('orders.phone')}><Input maxLength={30} /></Form.Item>
        </div>
        <Form.Item name="deliveryAddress" label={t('orders.address')}><Input maxLength={200} /></Form.Item>
        <Form.Item name="reason" label={t('orders.changeReason')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('orders.changeReason') }) }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        {creditStopped && can('order.credit_override') && (
          <Form.Item name="creditOverrideReason" label={t('orders.creditOverrideReason')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('orders.creditOverrideReason') }) }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        )}
      </Form>
      {m.isError && <Alert type="error" showIcon title={errorMessage(m.error)} description={isCreditStop(m.error) && !can('order.credit_override') ? t('orders.changeCreditNoRight') : undefined} />}
    </Modal>
  );
}

const isCreditStop = (e: unknown) => {
  const code = (e as { code?: string } | null)?.code;
  return code === 'ORDER_CREDIT_LIMIT' || code === 'ORDER_TERM_NOT_ALLOWED';
};

function InputDate(props: { value?: dayjs.Dayjs | null; onChange?: (v: dayjs.Dayjs | null) => void; id?: string }) {
  return <DatePicker {...props} style={{ width: '100%' }} />;
}
function SelectMethod(props: { value?: string | null; onChange?: (v: string | null) => void; id?: string }) {
  const t = useT();
  return <Select allowClear {...props} value={props.value ?? undefined} onChange={(v) => props.onChange?.(v ?? null)} options={options(deliveryMethodLabels, t)} />;
}
