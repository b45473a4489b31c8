import { useEffect, useState } from 'react';
import { Button, DatePicker, Input, Select, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCan } from '../../app/auth.tsx';
import { Money } from '../../components/format.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { ServerTable, useListParams } from '../../components/server-table.tsx';
import { CustomerPicker } from '../leads/shared.tsx';
import { receiptMethodLabels, receiptMethods, receiptStatusLabels, receiptStatuses, ReceiptStatusTag, useL, type ReceiptHead, type ReceiptMethod, type ReceiptStatus } from './shared.tsx';

const filterKeys = ['q', 'customerId', 'status', 'method', 'dateFrom', 'dateTo', 'open'];

/** 收款单 list: every receipt, voided ones too, with what is left to allocate (预收). */
export function ReceiptListPage() {
  const L = useL();
  const can = useCan();
  const navigate = useNavigate();
  const { params, set } = useListParams();
  const [, setSp] = useSearchParams();
  const [search, setSearch] = useState(params.q ?? '');
  useEffect(() => setSearch(params.q ?? ''), [params.q]);

  const columns: ColumnsType<ReceiptHead> = [
    {
      title: L('单号', 'Number'), dataIndex: 'number', width: 160,
      render: (v: string, r) => <Link to={`/receipts/${r.id}`} style={r.status === 'void' ? { color: '#999', textDecoration: 'line-through' } : undefined}>{v}</Link>,
    },
    { title: L('状态', 'Status'), dataIndex: 'status', width: 90, render: (v: ReceiptStatus) => <ReceiptStatusTag status={v} /> },
    { title: L('收款日期', 'Date'), dataIndex: 'receiptDate', width: 110 },
    { title: L('客户', 'Customer'), dataIndex: 'customerName', width: 200, ellipsis: true },
    { title: L('方式', 'Method'), dataIndex: 'method', width: 110, render: (v: ReceiptMethod) => L(receiptMethodLabels[v].zh, receiptMethodLabels[v].en) },
    { title: L('金额', 'Amount'), dataIndex: 'amount', width: 120, align: 'right', render: (v: number) => <Money fen={v} /> },
    { title: L('已核销', 'Allocated'), dataIndex: 'allocatedAmount', width: 120, align: 'right', render: (v: number) => <Money fen={v} /> },
    { title: L('未核销（预收）', 'Unallocated'), dataIndex: 'unallocatedAmount', width: 130, align: 'right', render: (v: number) => (v ? <Typography.Text strong><Money fen={v} /></Typography.Text> : <Money fen={v} />) },
    { title: L('流水号/票号', 'Reference'), dataIndex: 'reference', width: 150, ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: L('收款人', 'Received by'), dataIndex: 'receivedByName', width: 90 },
  ];

  const toolbar = (
    <Space wrap>
      <Input.Search allowClear value={search} placeholder={L('单号、客户或流水号', 'Number, customer or reference')} style={{ width: 240 }} onChange={(e) => setSearch(e.target.value)} onSearch={(v) => set({ q: v.trim() || null })} />
      <CustomerPicker placeholder={L('客户', 'Customer')} style={{ width: 220 }} value={params.customerId ? Number(params.customerId) : null} onChange={(v) => set({ customerId: v ? String(v) : null })} />
      <Select allowClear placeholder={L('收款方式', 'Method')} style={{ width: 140 }} value={params.method || undefined}
        options={receiptMethods.map((m) => ({ value: m, label: L(receiptMethodLabels[m].zh, receiptMethodLabels[m].en) }))} onChange={(v?: string) => set({ method: v ?? null })} />
      <Select allowClear placeholder={L('状态', 'Status')} style={{ width: 120 }} value={params.status || undefined}
        options={receiptStatuses.map((v) => ({ value: v, label: L(receiptStatusLabels[v].zh, receiptStatusLabels[v].en) }))} onChange={(v?: string) => set({ status: v ?? null })} />
      <Select allowClear placeholder={L('核销情况', 'Allocation')} style={{ width: 140 }} value={params.open || undefined}
        options={[{ value: '1', label: L('有未核销余额', 'With credit left') }]} onChange={(v?: string) => set({ open: v ?? null })} />
      <DatePicker.RangePicker allowEmpty={[true, true]} value={[params.dateFrom ? dayjs(params.dateFrom) : null, params.dateTo ? dayjs(params.dateTo) : null]}
        onChange={(v) => set({ dateFrom: v?.[0]?.format('YYYY-MM-DD') ?? null, dateTo: v?.[1]?.format('YYYY-MM-DD') ?? null })} />
      <Button onClick={() => { setSearch(''); setSp(new URLSearchParams(), { replace: true }); }}>{L('重置', 'Reset')}</Button>
    </Space>
  );

  return (
    <PageFrame title={L('收款单', 'Receipts')} extra={can('receipt.create') && <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/receipts/new')}>{L('登记收款', 'Record receipt')}</Button>}>
      <ServerTable<ReceiptHead> endpoint="/api/receipts" columns={columns} filterKeys={filterKeys} toolbar={toolbar} scroll={{ x: 1200 }}
        onRow={(r) => ({ style: r.status === 'void' ? { color: '#999', background: '#fff1f0' } : undefined })} />
    </PageFrame>
  );
}
