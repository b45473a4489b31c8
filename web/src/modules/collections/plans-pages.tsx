import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Form, Input, Modal, Row, Select, Space, Statistic, Table, Tag, Typography, message } from 'antd';
import { DeleteOutlined, HistoryOutlined, PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, errorMessage } from '../../app/api.ts';
import { useCan } from '../../app/auth.tsx';
import { ExportButton } from '../../components/export-button.tsx';
import { applyFormErrors } from '../../components/form-errors.ts';
import { Money, formatMoney } from '../../components/format.tsx';
import { HistoryDrawer } from '../../components/history-drawer.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { ServerTable, useListParams } from '../../components/server-table.tsx';
import { CustomerPicker } from '../leads/shared.tsx';
import { COLLECTIONS_KEY, fenToYuan, invalidateCollections, PlanProgressBar, PlanProgressTag, useL, yuanToFen, type PlanHead, type PlanOut } from './shared.tsx';

/** 回款计划 list: active plans (or all), each with what was collected against it and whether it is behind. */
export function PlanListPage() {
  const L = useL();
  const can = useCan();
  const navigate = useNavigate();
  const { params, set } = useListParams();
  const [search, setSearch] = useState(params.q ?? '');
  useEffect(() => setSearch(params.q ?? ''), [params.q]);
  const columns: ColumnsType<PlanHead> = [
    { title: L('计划名称', 'Plan'), dataIndex: 'title', width: 200, ellipsis: true, render: (v: string, r) => <Link to={`/collections/plans/${r.id}`}>{v}</Link> },
    { title: L('客户', 'Customer'), dataIndex: 'customerName', width: 200, ellipsis: true, render: (v: string, r) => <Link to={`/collections/dunning?customerId=${r.customerId}`}>{v}</Link> },
    { title: L('订单', 'Order'), dataIndex: 'orderNumber', width: 150, render: (v: string | null, r) => (r.orderId ? <Link to={`/orders/${r.orderId}`}>{v ?? `#${r.orderId}`}</Link> : L('按客户', 'Customer-wide')) },
    { title: L('负责人', 'Owner'), dataIndex: 'ownerName', width: 90 },
    { title: L('期间', 'Period'), key: 'period', width: 200, render: (_: unknown, r) => `${r.startDate} ~ ${r.endDate}` },
    { title: L('计划金额', 'Total'), dataIndex: 'totalAmount', width: 120, align: 'right', render: (v: number) => <Money fen={v} /> },
    { title: L('已到期应回', 'Due so far'), dataIndex: 'dueAmount', width: 120, align: 'right', render: (v: number) => <Money fen={v} /> },
    { title: L('已回款', 'Collected'), dataIndex: 'collectedAmount', width: 120, align: 'right', render: (v: number) => <Money fen={v} /> },
    { title: L('进度', 'Progress'), key: 'bar', width: 170, render: (_: unknown, r) => <PlanProgressBar plan={r} /> },
    { title: L('状态', 'Status'), dataIndex: 'progress', width: 90, render: (_: unknown, r) => <PlanProgressTag progress={r.progress} /> },
  ];
  const toolbar = (
    <Space wrap>
      <Input.Search allowClear value={search} placeholder={L('计划名称或客户', 'Plan or customer')} style={{ width: 220 }} onChange={(e) => setSearch(e.target.value)} onSearch={(v) => set({ q: v.trim() || null })} />
      <CustomerPicker placeholder={L('客户', 'Customer')} style={{ width: 220 }} value={params.customerId ? Number(params.customerId) : null} onChange={(v) => set({ customerId: v ? String(v) : null })} />
      <Select style={{ width: 150 }} value={params.all === '1' ? '1' : '0'} onChange={(v: string) => set({ all: v === '1' ? '1' : null })}
        options={[{ value: '0', label: L('进行中的计划', 'Active plans') }, { value: '1', label: L('含已取消', 'Including cancelled') }]} />
    </Space>
  );
  return (
    <PageFrame title={L('回款计划', 'Collection plans')} extra={
      <Space>
        <ExportButton url="/api/collection-plans/export.xlsx" params={{ q: params.q, customerId: params.customerId, all: params.all }} permission="collection.read" fileName="回款计划.xlsx" />
        {can('collection.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/collections/plans/new')}>{L('新建回款计划', 'New plan')}</Button>}
      </Space>
    }>
      <ServerTable<PlanHead> endpoint="/api/collection-plans" filterKeys={['q', 'customerId', 'all']} columns={columns} toolbar={toolbar} scroll={{ x: 1500 }} />
    </PageFrame>
  );
}

type LineValues = { dueDate: Dayjs | null; amount: string; method?: string | null; note?: string | null };
type PlanValues = { customerId: number | null; orderId?: number | null; title: string; startDate: Dayjs; notes?: string | null; lines: LineValues[] };

const toBody = (v: PlanValues) => ({
  title: v.title, startDate: v.startDate?.format('YYYY-MM-DD'), notes: v.notes ?? null,
  lines: (v.lines ?? []).map((l) => ({ dueDate: l.dueDate?.format('YYYY-MM-DD'), amount: yuanToFen(l.amount) ?? -1, method: l.method ?? null, note: l.note ?? null })),
});

/** A plan: new (/collections/plans/new) or an existing one — its progress line by line, edited with its version, cancelled with a reason. */
export function PlanPage() {
  const L = useL();
  const can = useCan();
  const { id } = useParams();
  const planId = id && id !== 'new' ? Number(id) : null;
  const [sp] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<PlanValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const [history, setHistory] = useState(false);
  const q = useQuery({ queryKey: [...COLLECTIONS_KEY, 'plan', planId], queryFn: () => api.get<PlanOut>(`/api/collection-plans/${planId}`), enabled: planId !== null });
  const plan = q.data;
  const customerId = Form.useWatch('customerId', form);
  const presetId = Number(sp.get('customerId')) || null;
  const preset = useQuery({ queryKey: ['customers', 'name', presetId], queryFn: () => api.get<{ id: number; name: string }>(`/api/customers/${presetId}`), enabled: planId === null && !!presetId && can('customer.read') });
  const orders = useQuery({
    queryKey: ['orders', 'of-customer', customerId],
    queryFn: () => api.get<{ items: { id: number; number: string | null; businessDate: string; totalAmount: number }[] }>('/api/orders', { customerId, pageSize: 50 }),
    enabled: planId === null && !!customerId && can('order.read'),
  });
  const editable = can('collection.manage') && (planId === null || plan?.status === 'active');

  useEffect(() => {
    if (plan) {
      form.setFieldsValue({
        customerId: plan.customerId, orderId: plan.orderId, title: plan.title, startDate: dayjs(plan.startDate), notes: plan.notes,
        lines: plan.lines.map((l) => ({ dueDate: dayjs(l.dueDate), amount: fenToYuan(l.amount), method: l.method, note: l.note })),
      });
    }
  }, [plan, form]);

  const save = async (v: PlanValues) => {
    setError(null);
    setBusy(true);
    try {
      if (planId === null) {
        const r = await api.post<PlanOut>('/api/collection-plans', { customerId: v.customerId, orderId: v.orderId ?? null, ...toBody(v) });
        invalidateCollections(qc);
        navigate(`/collections/plans/${r.id}`, { replace: true });
      } else {
        await api.put<PlanOut>(`/api/collection-plans/${planId}`, { ...toBody(v), version: plan!.version });
        invalidateCollections(qc);
        void message.success(L('已保存', 'Saved'));
      }
    } catch (e) {
      const rest = applyFormErrors(form, e);
      setError(rest.length ? rest.join('；') : errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const cancel = async () => {
    setBusy(true);
    try {
      await api.post(`/api/collection-plans/${planId}/cancel`, { reason, version: plan!.version });
      invalidateCollections(qc);
      setCancelling(false);
    } catch (e) {
      setError(errorMessage(e));
      setCancelling(false);
    } finally {
      setBusy(false);
    }
  };

  const lineColumns: ColumnsType<PlanOut['lines'][number]> = [
    { title: L('期次', 'No.'), dataIndex: 'lineNo', width: 60 },
    { title: L('计划日期', 'Due'), dataIndex: 'dueDate', width: 110 },
    { title: L('计划金额', 'Amount'), dataIndex: 'amount', width: 120, align: 'right', render: (v: number) => <Money fen={v} /> },
    { title: L('累计应回', 'Cumulative'), dataIndex: 'cumulativeAmount', width: 120, align: 'right', render: (v: number) => <Money fen={v} /> },
    { title: L('已覆盖', 'Covered'), dataIndex: 'coveredAmount', width: 120, align: 'right', render: (v: number) => <Money fen={v} /> },
    { title: L('状态', 'Status'), key: 'state', width: 100, render: (_: unknown, l) => (l.met ? <Tag color="green">{L('已回款', 'Paid')}</Tag> : l.overdue ? <Tag color="red">{L('逾期未回', 'Overdue')}</Tag> : <Tag>{L('未到期', 'Not due')}</Tag>) },
    { title: L('方式', 'Method'), dataIndex: 'method', width: 100, render: (v: string | null) => v ?? '—' },
    { title: L('说明', 'Note'), dataIndex: 'note', render: (v: string | null) => v ?? '' },
  ];

  const title = planId === null ? L('新建回款计划', 'New collection plan') : plan ? plan.title : L('回款计划', 'Collection plan');
  return (
    <PageFrame title={title} back="/collections/plans" bare error={q.error}
      subtitle={plan && <Space><PlanProgressTag progress={plan.progress} />{plan.status === 'cancelled' && <Typography.Text type="secondary">{L(`取消原因：${plan.cancelReason}`, `Cancelled: ${plan.cancelReason}`)}</Typography.Text>}</Space>}
      extra={plan && (
        <Space>
          <Button icon={<HistoryOutlined />} onClick={() => setHistory(true)}>{L('修改记录', 'History')}</Button>
          {editable && <Button danger onClick={() => { setReason(''); setCancelling(true); }}>{L('取消计划', 'Cancel plan')}</Button>}
        </Space>
      )}>
      {plan && (
        <Card size="small" style={{ marginBottom: 12 }} title={<Space><Link to={`/collections/dunning?customerId=${plan.customerId}`}>{plan.customerName}</Link>{plan.orderNumber && <Link to={`/orders/${plan.orderId}`}>{plan.orderNumber}</Link>}</Space>}>
          <Row gutter={16}>
            <Col xs={12} md={5}><Statistic title={L('计划金额', 'Total')} value={formatMoney(plan.totalAmount)} /></Col>
            <Col xs={12} md={5}><Statistic title={L('已到期应回', 'Due so far')} value={formatMoney(plan.dueAmount)} /></Col>
            <Col xs={12} md={5}><Statistic title={L('已回款', 'Collected')} value={formatMoney(plan.collectedAmount)} /></Col>
            <Col xs={12} md={9}>
              <div style={{ color: 'rgba(0,0,0,0.45)', marginBottom: 4 }}>{L('进度', 'Progress')}</div>
              <PlanProgressBar plan={plan} />
            </Col>
          </Row>
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
            {L(`自 ${plan.startDate} 起客户的收款（不含作废）计入本计划，按期次先后覆盖；截至 ${plan.asAt}。`, `Receipts from ${plan.startDate} (void ones excluded) count toward the plan, oldest instalment first; as at ${plan.asAt}.`)}
          </Typography.Paragraph>
          <Table rowKey="id" size="small" pagination={false} dataSource={plan.lines} columns={lineColumns} style={{ marginTop: 8 }}
            rowClassName={(l) => (l.overdue ? 'row-overdue' : '')} onRow={(l) => ({ style: l.overdue ? { background: '#fff1f0' } : undefined })} />
        </Card>
      )}
      {(planId === null || (plan && editable)) && (
        <Card size="small" title={planId === null ? L('计划内容', 'Plan') : L('修改计划', 'Edit plan')}>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Form<PlanValues> form={form} name="plan" layout="vertical" onFinish={save}
            initialValues={{ customerId: presetId, startDate: dayjs(), lines: [{ dueDate: null, amount: '' }] }}>
            <Space wrap align="start">
              {planId === null && (
                <Form.Item name="customerId" label={L('客户', 'Customer')} rules={[{ required: true, message: L('请选择客户', 'Choose the customer') }]}>
                  <CustomerPicker style={{ width: 280 }} placeholder={L('搜索客户名称或拼音', 'Search customers')} initialLabel={preset.data?.name} />
                </Form.Item>
              )}
              {planId === null && can('order.read') && (
                <Form.Item name="orderId" label={L('订单（可选，不选为按客户）', 'Order (optional)')}>
                  <Select allowClear style={{ width: 260 }} placeholder={L('按客户整体回款', 'Customer-wide')} loading={orders.isFetching}
                    options={(orders.data?.items ?? []).map((o) => ({ value: o.id, label: `${o.number ?? `#${o.id}`} ${o.businessDate} ${formatMoney(o.totalAmount)}` }))} />
                </Form.Item>
              )}
            </Space>
            <Space wrap align="start">
              <Form.Item name="title" label={L('计划名称', 'Title')} rules={[{ required: true, message: L('请填写计划名称', 'Enter a title') }]}>
                <Input style={{ width: 280 }} maxLength={100} placeholder={L('如：2026年货款分期', 'e.g. 2026 instalments')} />
              </Form.Item>
              <Form.Item name="startDate" label={L('起算日期', 'Counting from')} rules={[{ required: true, message: L('请选择起算日期', 'Choose the date') }]}
                tooltip={L('自该日起的收款计入本计划', 'Receipts from this date count toward the plan')}>
                <DatePicker />
              </Form.Item>
            </Space>
            <Form.List name="lines">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f, i) => (
                    <Space key={f.key} align="start" wrap>
                      <Typography.Text style={{ display: 'inline-block', width: 48, paddingTop: 34 }}>{L(`第${i + 1}期`, `#${i + 1}`)}</Typography.Text>
                      <Form.Item name={[f.name, 'dueDate']} label={L('计划日期', 'Due date')} rules={[{ required: true, message: L('请选择日期', 'Choose the date') }]}>
                        <DatePicker />
                      </Form.Item>
                      <Form.Item name={[f.name, 'amount']} label={L('金额（元）', 'Amount (yuan)')}
                        rules={[{ required: true, message: L('请填写金额', 'Enter the amount') }, { validator: (_, v) => (!v || (yuanToFen(v) ?? 0) > 0 ? Promise.resolve() : Promise.reject(new Error(L('金额须为大于 0 的数字，最多两位小数', 'A positive amount with at most two decimals')))) }]}>
                        <Input style={{ width: 150 }} inputMode="decimal" prefix="¥" />
                      </Form.Item>
                      <Form.Item name={[f.name, 'method']} label={L('回款方式', 'Method')}>
                        <Input style={{ width: 130 }} maxLength={30} placeholder={L('如：银行转账', 'e.g. transfer')} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'note']} label={L('说明', 'Note')}>
                        <Input style={{ width: 200 }} maxLength={200} />
                      </Form.Item>
                      {fields.length > 1 && <Button style={{ marginTop: 30 }} icon={<DeleteOutlined />} aria-label={L('删除本期', 'Remove')} onClick={() => remove(f.name)} />}
                    </Space>
                  ))}
                  <Form.Item>
                    <Button icon={<PlusOutlined />} onClick={() => add({ dueDate: null, amount: '' })} disabled={fields.length >= 60}>{L('增加一期', 'Add an instalment')}</Button>
                  </Form.Item>
                </>
              )}
            </Form.List>
            <Form.Item name="notes" label={L('备注', 'Notes')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>{planId === null ? L('保存回款计划', 'Save plan') : L('保存修改', 'Save changes')}</Button>
          </Form>
        </Card>
      )}
      <Modal open={cancelling} title={L('取消回款计划', 'Cancel plan')} okText={L('取消计划', 'Cancel plan')} cancelText={L('返回', 'Back')} okButtonProps={{ danger: true, disabled: !reason.trim(), loading: busy }} onCancel={() => setCancelling(false)} onOk={cancel}>
        <Input.TextArea aria-label={L('取消原因', 'Reason')} placeholder={L('取消原因（必填）', 'Reason (required)')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} />
      </Modal>
      {planId !== null && <HistoryDrawer open={history} onClose={() => setHistory(false)} endpoint={`/api/collection-plans/${planId}/history`}
        fieldLabels={{ title: L('计划名称', 'Title'), startDate: L('起算日期', 'Counting from'), notes: L('备注', 'Notes'), lines: L('各期', 'Instalments') }}
        actionLabels={{ 'collection_plan.create': L('新建', 'Created'), 'collection_plan.update': L('修改', 'Edited'), 'collection_plan.cancel': L('取消', 'Cancelled') }} />}
    </PageFrame>
  );
}
