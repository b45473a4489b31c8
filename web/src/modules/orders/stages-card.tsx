import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Space, Steps, Typography } from 'antd';
import { api, errorMessage } from '../../app/api.ts';
import { useCan } from '../../app/auth.tsx';
import { registerMessages, useT } from '../../app/i18n.tsx';
import { DateTime } from '../../components/format.tsx';
import type { OrderStageOut } from '../../../../src/modules/orders/schema.ts';
import { ReasonDialog } from './dialogs.tsx';
import { invalidateOrders, ORDERS_KEY, type OrderOut } from './shared.tsx';

registerMessages({
  zh: {
    'orders.stages.title': '生产进度',
    'orders.stages.help': '按顺序办理；全部完成后才能开销货清单发货',
    'orders.stages.allDone': '生产阶段已全部完成，可以开单发货',
    'orders.stages.done': '完成「{name}」',
    'orders.stages.return': '退回「{name}」',
    'orders.stages.note': '办理说明（可不填）',
    'orders.stages.returnReason': '退回原因',
    'orders.stages.doneMsg': '「{name}」已完成',
    'orders.stages.returnedMsg': '「{name}」已退回，请重新办理',
    'orders.stages.waiting': '待办理',
  },
  en: {
    'orders.stages.title': 'Production stages',
    'orders.stages.help': 'Done in order; slips are issued once every stage is done',
    'orders.stages.allDone': 'Every stage is done: the order can ship',
    'orders.stages.done': 'Done: {name}',
    'orders.stages.return': 'Send back: {name}',
    'orders.stages.note': 'Note (optional)',
    'orders.stages.returnReason': 'Why it goes back',
    'orders.stages.doneMsg': '{name} done',
    'orders.stages.returnedMsg': '{name} sent back',
    'orders.stages.waiting': 'Waiting',
  },
});

/** An order's made-to-order stages (shared by the page's actions and its 生产进度 card). */
export function useOrderStages(orderId: number) {
  return useQuery({ queryKey: [...ORDERS_KEY, 'stages', orderId], queryFn: () => api.get<OrderStageOut[]>(`/api/orders/${orderId}/stages`) });
}

/** 生产进度 on the order page: the order's made-to-order stages, and doing / sending back the current one. Nothing when the order has none. */
export function OrderStagesCard({ order }: { order: OrderOut }) {
  const t = useT();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useOrderStages(order.id);
  const [dialog, setDialog] = useState<null | 'done' | 'return'>(null);
  const stages = q.data ?? [];
  if (!stages.length) return null;
  const current = stages.find((s) => s.status === 'pending');
  const lastDone = [...stages].reverse().find((s) => s.status === 'done');
  const open = order.status === 'confirmed' && can('order.stage');
  const refresh = () => invalidateOrders(qc); // the stages and the order (its version moved)
  return (
    <Card
      variant="borderless"
      title={t('orders.stages.title')}
      extra={<Typography.Text type="secondary">{t('orders.stages.help')}</Typography.Text>}
      style={{ marginBottom: 12 }}
      data-testid="order-stages"
    >
      <Steps
        size="small"
        current={current ? current.seq - 1 : stages.length}
        items={stages.map((s) => ({
          title: s.name,
          status: s.status === 'done' ? 'finish' : s === current ? 'process' : 'wait',
          description:
            s.status === 'done' ? (
              <span>
                {s.doneByName} <DateTime value={s.doneAt} />
                {s.note && <div><Typography.Text type="secondary">{s.note}</Typography.Text></div>}
              </span>
            ) : s === current ? t('orders.stages.waiting') : undefined,
        }))}
      />
      {!current && <Alert style={{ marginTop: 12 }} type="success" showIcon title={t('orders.stages.allDone')} />}
      {open && (current || lastDone) && (
        <Space style={{ marginTop: 16 }}>
          {current && <Button type="primary" onClick={() => setDialog('done')}>{t('orders.stages.done', { name: current.name })}</Button>}
          {lastDone && <Button onClick={() => setDialog('return')}>{t('orders.stages.return', { name: lastDone.name })}</Button>}
        </Space>
      )}
      {dialog === 'done' && current && (
        <StageDoneDialog
          stage={current}
          onClose={() => setDialog(null)}
          onSubmit={async (note) => {
            await api.post(`/api/orders/${order.id}/stages/${current.seq}/done`, { note });
            message.success(t('orders.stages.doneMsg', { name: current.name }));
            refresh();
          }}
        />
      )}
      {dialog === 'return' && lastDone && (
        <ReasonDialog
          open
          title={t('orders.stages.return', { name: lastDone.name })}
          label={t('orders.stages.returnReason')}
          onClose={() => setDialog(null)}
          onSubmit={async (reason) => {
            await api.post(`/api/orders/${order.id}/stages/${lastDone.seq}/return`, { reason });
            message.success(t('orders.stages.returnedMsg', { name: lastDone.name }));
            refresh();
          }}
        />
      )}
    </Card>
  );
}

function StageDoneDialog({ stage, onClose, onSubmit }: { stage: OrderStageOut; onClose: () => void; onSubmit: (note: string | null) => Promise<unknown> }) {
  const t = useT();
  const [form] = Form.useForm<{ note?: string }>();
  const m = useMutation({ mutationFn: (v: { note?: string }) => onSubmit(v.note?.trim() || null), onSuccess: onClose });
  return (
    <Modal open title={t('orders.stages.done', { name: stage.name })} onCancel={onClose} onOk={() => form.submit()} confirmLoading={m.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => m.mutate(v)}>
        <Form.Item name="note" label={t('orders.stages.note')}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </Form>
      {m.isError && <Alert type="error" showIcon title={errorMessage(m.error)} />}
    </Modal>
  );
}
