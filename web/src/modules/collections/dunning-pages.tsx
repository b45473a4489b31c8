import { useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Form, Input, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import { api, errorMessage } from '../../app/api.ts';
import { useCan } from '../../app/auth.tsx';
import { applyFormErrors } from '../../components/form-errors.ts';
import { Money, formatMoney } from '../../components/format.tsx';
import { ExportButton } from '../../components/export-button.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { ServerTable, useListParams } from '../../components/server-table.tsx';
import { CustomerPicker } from '../leads/shared.tsx';
import {
  COLLECTIONS_KEY, dunningMethodLabels, dunningMethods, invalidateCollections, MethodLabel, PlanProgressBar, PlanProgressTag, PromiseTag, useL, yuanToFen,
  type CustomerCollection, type DunningMethod, type DunningOut, type PlanHead, type PromiseStatus, type WorklistItem,
} from './shared.tsx';

type LogValues = { actionDate: Dayjs; method: DunningMethod; contactName?: string; result: string; promisedAmount?: string; promisedDate?: Dayjs | null };

function useHistoryColumns(showCustomer: boolean): ColumnsType<DunningOut> {
  const L = useL();
  return [
    { title: L('催收日期', 'Date'), dataIndex: 'actionDate', width: 110 },
    ...(showCustomer ? [{ title: L('客户', 'Customer'), dataIndex: 'customerName', width: 200, ellipsis: true, render: (v: string, r: DunningOut) => <Link to={`/collections/dunning?customerId=${r.customerId}`}>{v}</Link> }] : []),
    { title: L('方式', 'Method'), dataIndex: 'method', width: 90, render: (v: DunningMethod) => <MethodLabel method={v} /> },
    { title: L('催收人', 'By'), dataIndex: 'performedByName', width: 80 },
    { title: L('联系人', 'Contact'), dataIndex: 'contactName', width: 80, render: (v: string | null) => v ?? '—' },
    { title: L('承诺金额', 'Promised'), dataIndex: 'promisedAmount', width: 110, align: 'right', render: (v: number | null) => (v === null ? '—' : <Money fen={v} />) },
    { title: L('承诺日期', 'Promised by'), dataIndex: 'promisedDate', width: 105, render: (v: string | null) => v ?? '—' },
    { title: L('承诺状态', 'Promise'), dataIndex: 'promiseStatus', width: 90, render: (v: PromiseStatus) => <PromiseTag status={v} /> },
    { title: L('结果', 'Result'), dataIndex: 'result', width: 260, ellipsis: { showTitle: true } },
    { title: L('当时逾期', 'Overdue then'), dataIndex: 'overdueAmount', width: 150, align: 'right', render: (v: number | null, r) => (v ? <span><Money fen={v} /> / {r.daysOverdue}{L('天', 'd')}</span> : '—') },
  ];
}

/** 催收工作台: a customer's position, the action suggested by its days overdue, logging a call, its history and plans. */
export function DunningDeskPage() {
  const L = useL();
  const [sp, setSp] = useSearchParams();
  const customerId = Number(sp.get('customerId')) || null;
  const current = useQuery({ queryKey: [...COLLECTIONS_KEY, 'customer', customerId], queryFn: () => api.get<CustomerCollection>(`/api/customers/${customerId}/collection`), enabled: !!customerId });
  return (
    <PageFrame title={L('客户催收', 'Dunning')} bare>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Typography.Text>{L('客户', 'Customer')}</Typography.Text>
          <CustomerPicker style={{ width: 320 }} placeholder={L('搜索客户名称或拼音', 'Search customers')} value={customerId} initialLabel={current.data?.customerName}
            onChange={(v) => setSp(v ? new URLSearchParams({ customerId: String(v) }) : new URLSearchParams(), { replace: true })} />
        </Space>
      </Card>
      {customerId ? <CustomerPanel key={customerId} customerId={customerId} /> : <Worklist onPick={(id) => setSp(new URLSearchParams({ customerId: String(id) }))} />}
    </PageFrame>
  );
}

/** 待催收: the customers in scope with something overdue today, most overdue first; a row opens the customer. */
function Worklist({ onPick }: { onPick: (customerId: number) => void }) {
  const L = useL();
  const columns: ColumnsType<WorklistItem> = [
    { title: L('客户', 'Customer'), dataIndex: 'customerName', width: 220, ellipsis: true, render: (v: string, r) => <a onClick={() => onPick(r.customerId)}>{v}</a> },
    { title: L('负责人', 'Owner'), dataIndex: 'ownerName', width: 90 },
    { title: L('应收余额', 'Balance'), dataIndex: 'balance', width: 120, align: 'right', render: (v: number) => <Money fen={v} /> },
    { title: L('逾期金额', 'Overdue'), dataIndex: 'overdue', key: 'overdue', sorter: true, width: 120, align: 'right', render: (v: number) => <Typography.Text type="danger"><Money fen={v} /></Typography.Text> },
    { title: L('最长逾期（天）', 'Days overdue'), dataIndex: 'maxDaysOverdue', key: 'maxDaysOverdue', sorter: true, width: 120, align: 'right' },
    { title: L('建议方式', 'Suggested'), dataIndex: 'suggestedMethod', width: 100, render: (v: DunningMethod | null) => (v ? <Tag color="volcano"><MethodLabel method={v} /></Tag> : '—') },
    { title: L('上次催收', 'Last action'), key: 'last', width: 160, render: (_: unknown, r) => (r.lastActionDate ? <span>{r.lastActionDate} {r.lastMethod && <MethodLabel method={r.lastMethod} />}</span> : <Typography.Text type="secondary">{L('未催收', 'None yet')}</Typography.Text>) },
    { title: L('待兑现承诺', 'Open promise'), key: 'promise', width: 190, render: (_: unknown, r) => (r.openPromiseDate ? <span>{r.openPromiseDate} <Money fen={r.openPromiseAmount} /></span> : '—') },
    { title: L('违约', 'Broken'), dataIndex: 'brokenPromises', width: 70, align: 'right', render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : 0) },
  ];
  return (
    <Card size="small" title={L('待催收客户（今日逾期）', 'Customers overdue today')} extra={<Typography.Text type="secondary">{L('点击客户名称记录催收', 'Open a customer to log an action')}</Typography.Text>}>
      <ServerTable<WorklistItem> endpoint="/api/collections/worklist" rowKey="customerId" columns={columns} size="small" scroll={{ x: 1200 }} />
    </Card>
  );
}

function CustomerPanel({ customerId }: { customerId: number }) {
  const L = useL();
  const can = useCan();
  const q = useQuery({ queryKey: [...COLLECTIONS_KEY, 'customer', customerId], queryFn: () => api.get<CustomerCollection>(`/api/customers/${customerId}/collection`) });
  const historyColumns = useHistoryColumns(false);
  if (q.error) return <Alert type="error" showIcon title={errorMessage(q.error)} />;
  const c = q.data;
  if (!c) return <Card loading />;
  const planColumns: ColumnsType<PlanHead> = [
    { title: L('计划', 'Plan'), dataIndex: 'title', render: (v: string, r) => <Link to={`/collections/plans/${r.id}`}>{v}</Link> },
    { title: L('计划金额', 'Total'), dataIndex: 'totalAmount', width: 120, align: 'right', render: (v: number) => <Money fen={v} /> },
    { title: L('已回款', 'Collected'), dataIndex: 'collectedAmount', width: 120, align: 'right', render: (v: number) => <Money fen={v} /> },
    { title: L('进度', 'Progress'), key: 'bar', width: 170, render: (_: unknown, r) => <PlanProgressBar plan={r} /> },
    { title: L('状态', 'Status'), dataIndex: 'progress', width: 90, render: (_: unknown, r) => <PlanProgressTag progress={r.progress} /> },
  ];
  return (
    <>
      <Card size="small" title={<Space>{c.customerName}<Typography.Text type="secondary">{L('负责人', 'Owner')}：{c.ownerName ?? '—'}</Typography.Text></Space>} style={{ marginBottom: 12 }}
        extra={<Link to={`/customers/${c.customerId}`}>{L('客户档案', 'Customer file')}</Link>}>
        <Row gutter={16}>
          <Col xs={12} md={5}><Statistic title={L('应收余额', 'Balance')} value={formatMoney(c.balance)} /></Col>
          <Col xs={12} md={5}><Statistic title={L('逾期金额', 'Overdue')} value={formatMoney(c.overdue)} styles={{ content: { color: c.overdue ? '#cf1322' : undefined } }} /></Col>
          <Col xs={12} md={4}><Statistic title={L('最长逾期（天）', 'Most days overdue')} value={c.maxDaysOverdue} /></Col>
          <Col xs={12} md={4}><Statistic title={L('违约承诺', 'Broken promises')} value={c.brokenPromises} styles={{ content: { color: c.brokenPromises ? '#cf1322' : undefined } }} /></Col>
          <Col xs={24} md={6}>
            <div style={{ color: 'rgba(0,0,0,0.45)', marginBottom: 4 }}>{L('建议催收方式', 'Suggested next action')}</div>
            {c.suggestedMethod ? (
              <Space orientation="vertical" size={0}>
                <Tag color="volcano" style={{ fontSize: 16, padding: '4px 10px' }} data-testid="suggested-method"><MethodLabel method={c.suggestedMethod} /></Tag>
                <Typography.Text type="secondary">{L(`逾期 ${c.suggestedFromDays} 天及以上`, `${c.suggestedFromDays}+ days overdue`)}</Typography.Text>
              </Space>
            ) : <Typography.Text type="secondary" data-testid="suggested-method">{L('暂无逾期，无需催收', 'Nothing overdue')}</Typography.Text>}
          </Col>
        </Row>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {L(`截至 ${c.asAt}；最早到期日 ${c.oldestDueDate ?? '—'}`, `As at ${c.asAt}; oldest due date ${c.oldestDueDate ?? '—'}`)}
          {c.lastAction && L(`；上次催收 ${c.lastAction.actionDate}（${dunningMethodLabels[c.lastAction.method].zh}，${c.lastAction.performedByName ?? ''}）`, `; last action ${c.lastAction.actionDate} (${dunningMethodLabels[c.lastAction.method].en})`)}
        </Typography.Paragraph>
      </Card>
      {c.openPromises.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={L('待兑现的还款承诺', 'Open promises')}
          description={c.openPromises.map((p) => <div key={p.id}>{L(`${p.actionDate} ${p.contactName ?? ''}承诺 ${p.promisedDate} 前还款 ${formatMoney(p.promisedAmount)}`, `${p.actionDate}: ${formatMoney(p.promisedAmount)} promised by ${p.promisedDate}`)}</div>)} />
      )}
      <Row gutter={12}>
        {can('collection.dun') && (
          <Col xs={24} lg={9}>
            <Card size="small" title={L('记录催收', 'Log a dunning action')} style={{ marginBottom: 12 }}>
              <LogForm customerId={c.customerId} suggested={c.suggestedMethod} />
            </Card>
          </Col>
        )}
        <Col xs={24} lg={can('collection.dun') ? 15 : 24}>
          <Card size="small" title={L('催收记录', 'Dunning history')} style={{ marginBottom: 12 }}>
            <ServerTable<DunningOut> endpoint="/api/dunning-actions" prefix="h_" params={{ customerId: c.customerId }} columns={historyColumns} size="small" scroll={{ x: 1100 }} defaultPageSize={10} />
          </Card>
          <Card size="small" title={L('回款计划', 'Collection plans')} extra={can('collection.manage') && <Link to={`/collections/plans/new?customerId=${c.customerId}`}>{L('新建回款计划', 'New plan')}</Link>}>
            <Table<PlanHead> rowKey="id" size="small" pagination={false} dataSource={c.plans} columns={planColumns} locale={{ emptyText: L('没有进行中的回款计划', 'No active plans') }} />
          </Card>
        </Col>
      </Row>
    </>
  );
}

function LogForm({ customerId, suggested }: { customerId: number; suggested: DunningMethod | null }) {
  const L = useL();
  const qc = useQueryClient();
  const [form] = Form.useForm<LogValues>();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (v: LogValues) => {
    setError(null);
    setSaved(null);
    setBusy(true);
    try {
      await api.post<DunningOut>('/api/dunning-actions', {
        customerId, actionDate: v.actionDate?.format('YYYY-MM-DD'), method: v.method, contactName: v.contactName, result: v.result,
        promisedAmount: v.promisedAmount ? yuanToFen(v.promisedAmount) ?? -1 : null, promisedDate: v.promisedDate ? v.promisedDate.format('YYYY-MM-DD') : null,
      });
      form.resetFields(['contactName', 'result', 'promisedAmount', 'promisedDate']);
      setSaved(L('已记录', 'Logged'));
      invalidateCollections(qc);
    } catch (e) {
      const rest = applyFormErrors(form, e);
      setError(rest.length ? rest.join('；') : errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form<LogValues> form={form} name="dunning" layout="vertical" onFinish={save} initialValues={{ actionDate: dayjs(), method: suggested ?? 'phone' }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      {saved && <Alert type="success" showIcon title={saved} style={{ marginBottom: 8 }} />}
      <Space wrap>
        <Form.Item name="actionDate" label={L('催收日期', 'Date')} rules={[{ required: true, message: L('请选择日期', 'Choose the date') }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="method" label={L('催收方式', 'Method')} rules={[{ required: true }]}>
          <Select style={{ width: 140 }} options={dunningMethods.map((m) => ({ value: m, label: L(dunningMethodLabels[m].zh, dunningMethodLabels[m].en) + (m === suggested ? L('（建议）', ' (suggested)') : '') }))} />
        </Form.Item>
      </Space>
      <Form.Item name="contactName" label={L('对方联系人', 'Spoke to')}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="result" label={L('催收结果', 'Result')} rules={[{ required: true, message: L('请填写催收结果', 'Describe the result') }]}>
        <Input.TextArea rows={3} maxLength={1000} placeholder={L('如：老板答应月底前先付一半', 'e.g. the owner will pay half by month end')} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="promisedAmount" label={L('承诺还款金额（元）', 'Promised amount (yuan)')}
          rules={[{ validator: (_, v) => (!v || (yuanToFen(v) ?? 0) > 0 ? Promise.resolve() : Promise.reject(new Error(L('金额须为大于 0 的数字，最多两位小数', 'A positive amount with at most two decimals')))) }]}>
          <Input style={{ width: 160 }} inputMode="decimal" prefix="¥" />
        </Form.Item>
        <Form.Item name="promisedDate" label={L('承诺日期', 'Promised by')}>
          <DatePicker />
        </Form.Item>
      </Space>
      <Button type="primary" htmlType="submit" loading={busy}>{L('保存催收记录', 'Save')}</Button>
    </Form>
  );
}

/** 承诺跟踪: promises by status — broken by default (promised date passed, not paid by then), in the user's scope. */
export function BrokenPromisesPage() {
  const L = useL();
  const { params, set } = useListParams();
  const status = (params.promiseStatus as PromiseStatus | undefined) ?? 'broken';
  const columns: ColumnsType<DunningOut> = [
    { title: L('客户', 'Customer'), dataIndex: 'customerName', width: 200, ellipsis: true, render: (v: string, r) => <Link to={`/collections/dunning?customerId=${r.customerId}`}>{v}</Link> },
    { title: L('负责人', 'Owner'), dataIndex: 'ownerName', width: 90 },
    { title: L('承诺日期', 'Promised by'), dataIndex: 'promisedDate', width: 110 },
    { title: L('承诺金额', 'Promised'), dataIndex: 'promisedAmount', width: 120, align: 'right', render: (v: number | null) => <Money fen={v} /> },
    { title: L('期间实收', 'Paid by then'), dataIndex: 'promiseCollected', width: 120, align: 'right', render: (v: number | null) => (v === null ? '—' : <Money fen={v} />) },
    { title: L('状态', 'Status'), dataIndex: 'promiseStatus', width: 90, render: (v: PromiseStatus) => <PromiseTag status={v} /> },
    { title: L('催收日期', 'Logged on'), dataIndex: 'actionDate', width: 110 },
    { title: L('方式', 'Method'), dataIndex: 'method', width: 100, render: (v: DunningMethod) => <MethodLabel method={v} /> },
    { title: L('催收人', 'By'), dataIndex: 'performedByName', width: 90 },
    { title: L('结果', 'Result'), dataIndex: 'result', ellipsis: true },
  ];
  const toolbar = (
    <Space wrap>
      <Select style={{ width: 160 }} value={status} onChange={(v: string) => set({ promiseStatus: v })}
        options={[{ value: 'broken', label: L('已违约', 'Broken') }, { value: 'open', label: L('待兑现', 'Open') }, { value: 'kept', label: L('已兑现', 'Kept') }]} />
      <DatePicker.RangePicker allowEmpty={[true, true]} value={[params.dateFrom ? dayjs(params.dateFrom) : null, params.dateTo ? dayjs(params.dateTo) : null]}
        onChange={(v) => set({ dateFrom: v?.[0]?.format('YYYY-MM-DD') ?? null, dateTo: v?.[1]?.format('YYYY-MM-DD') ?? null })} />
    </Space>
  );
  return (
    <PageFrame title={L('还款承诺跟踪', 'Payment promises')}
      extra={<ExportButton url="/api/dunning-actions/export.xlsx" params={{ promiseStatus: status, dateFrom: params.dateFrom, dateTo: params.dateTo }} permission="collection.read" fileName="还款承诺.xlsx" />}
      subtitle={L('承诺日期已过而期间实收不足承诺金额的，每日由系统判定为违约，并通知负责业务员及其经理', 'A promise whose date has passed without the promised amount paid is flagged broken daily and told to the rep and their manager')}>
      <ServerTable<DunningOut> endpoint="/api/dunning-actions" params={{ promiseStatus: status }} filterKeys={['dateFrom', 'dateTo']} columns={columns} toolbar={toolbar} scroll={{ x: 1300 }} />
    </PageFrame>
  );
}

/** 催收记录: every logged action in the user's scope. */
export function DunningLogPage() {
  const L = useL();
  const { params, set } = useListParams();
  const columns = useHistoryColumns(true);
  const toolbar = (
    <Space wrap>
      <CustomerPicker placeholder={L('客户', 'Customer')} style={{ width: 220 }} value={params.customerId ? Number(params.customerId) : null} onChange={(v) => set({ customerId: v ? String(v) : null })} />
      <Select allowClear placeholder={L('催收方式', 'Method')} style={{ width: 140 }} value={params.method || undefined}
        options={dunningMethods.map((m) => ({ value: m, label: L(dunningMethodLabels[m].zh, dunningMethodLabels[m].en) }))} onChange={(v?: string) => set({ method: v ?? null })} />
      <DatePicker.RangePicker allowEmpty={[true, true]} value={[params.dateFrom ? dayjs(params.dateFrom) : null, params.dateTo ? dayjs(params.dateTo) : null]}
        onChange={(v) => set({ dateFrom: v?.[0]?.format('YYYY-MM-DD') ?? null, dateTo: v?.[1]?.format('YYYY-MM-DD') ?? null })} />
    </Space>
  );
  return (
    <PageFrame title={L('催收记录', 'Dunning log')}
      extra={<ExportButton url="/api/dunning-actions/export.xlsx" params={{ customerId: params.customerId, method: params.method, dateFrom: params.dateFrom, dateTo: params.dateTo }} permission="collection.read" fileName="催收记录.xlsx" />}>
      <ServerTable<DunningOut> endpoint="/api/dunning-actions" filterKeys={['customerId', 'method', 'dateFrom', 'dateTo']} columns={columns} toolbar={toolbar} scroll={{ x: 1300 }} />
    </PageFrame>
  );
}


