import { Button, DatePicker, Input, Select, Space } from 'antd';
import { FileAddOutlined, PrinterOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCan } from '../../app/auth.tsx';
import { ExportButton } from '../../components/export-button.tsx';
import { Money } from '../../components/format.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { ServerTable, useListParams } from '../../components/server-table.tsx';
import { CustomerPicker } from '../leads/shared.tsx';
import { invoiceKinds, invoiceStatuses } from '../../../../src/modules/invoices/schema.ts';
import { InvoiceStatusTag, KindTag, invoiceKindLabels, invoiceStatusLabels, useL, type InvoiceHead } from './shared.tsx';

const filterKeys = ['q', 'customerId', 'kind', 'status', 'direction', 'from', 'to'];

/** 发票 list: blue and red-letter invoices, filtered on the server by customer, date, kind and status. */
export function InvoiceListPage() {
  const L = useL();
  const can = useCan();
  const navigate = useNavigate();
  const { params, set } = useListParams();
  const [, setSp] = useSearchParams();
  const [search, setSearch] = useState(params.q ?? '');
  useEffect(() => setSearch(params.q ?? ''), [params.q]);
  const from = params.from ?? dayjs().startOf('month').format('YYYY-MM-DD');
  const to = params.to ?? dayjs().format('YYYY-MM-DD');
  const period = { from, to, customerId: params.customerId || undefined };

  const columns: ColumnsType<InvoiceHead> = [
    { title: L('单据号', 'Number'), dataIndex: 'number', width: 160, render: (v: string, r) => <Link to={`/invoices/${r.id}`}>{v}</Link> },
    { title: L('发票号码', 'Tax invoice no.'), dataIndex: 'taxInvoiceNo', width: 110, render: (v: string | null) => v ?? '—' },
    { title: L('种类', 'Kind'), dataIndex: 'kind', width: 70, render: (v: InvoiceHead['kind']) => <KindTag kind={v} /> },
    { title: L('状态', 'Status'), dataIndex: 'status', width: 100, render: (v: InvoiceHead['status'], r) => <InvoiceStatusTag status={v} direction={r.direction} /> },
    { title: L('开票日期', 'Date'), dataIndex: 'businessDate', width: 110 },
    { title: L('购买方', 'Buyer'), dataIndex: 'buyerName', ellipsis: true },
    { title: L('金额', 'Amount ex tax'), dataIndex: 'amountExTax', width: 120, align: 'right', render: (v: number) => <Money fen={v} /> },
    { title: L('税额', 'Tax'), dataIndex: 'taxAmount', width: 110, align: 'right', render: (v: number) => <Money fen={v} /> },
    { title: L('价税合计', 'Total'), dataIndex: 'totalAmount', width: 130, align: 'right', render: (v: number) => <Money fen={v} colored /> },
    { title: L('开票人', 'Issuer'), dataIndex: 'issuerName', width: 90 },
  ];

  const toolbar = (
    <Space wrap>
      <Input.Search allowClear value={search} placeholder={L('单据号、发票号码或购买方', 'Number, tax no. or buyer')} style={{ width: 240 }} onChange={(e) => setSearch(e.target.value)} onSearch={(v) => set({ q: v.trim() || null })} />
      <CustomerPicker placeholder={L('客户', 'Customer')} style={{ width: 200 }} value={params.customerId ? Number(params.customerId) : null} initialLabel={params.customerId ? `#${params.customerId}` : null} onChange={(v) => set({ customerId: v ? String(v) : null })} />
      <Select allowClear placeholder={L('发票种类', 'Kind')} style={{ width: 150 }} value={params.kind ?? undefined} options={invoiceKinds.map((k) => ({ value: k, label: L(invoiceKindLabels[k].zh, invoiceKindLabels[k].en) }))} onChange={(v?: string) => set({ kind: v ?? null })} />
      <Select allowClear placeholder={L('状态', 'Status')} style={{ width: 120 }} value={params.status ?? undefined} options={invoiceStatuses.filter((s) => s !== 'void').map((s) => ({ value: s, label: L(invoiceStatusLabels[s].zh, invoiceStatusLabels[s].en) }))} onChange={(v?: string) => set({ status: v ?? null })} />
      <Select allowClear placeholder={L('红蓝字', 'Blue/red')} style={{ width: 110 }} value={params.direction ?? undefined} options={[{ value: 'blue', label: L('蓝字', 'Blue') }, { value: 'red', label: L('红字', 'Red') }]} onChange={(v?: string) => set({ direction: v ?? null })} />
      <DatePicker.RangePicker
        allowEmpty={[true, true]}
        value={[params.from ? dayjs(params.from) : null, params.to ? dayjs(params.to) : null]}
        onChange={(v) => set({ from: v?.[0]?.format('YYYY-MM-DD') ?? null, to: v?.[1]?.format('YYYY-MM-DD') ?? null })}
      />
      <Button onClick={() => { setSearch(''); setSp(new URLSearchParams(), { replace: true }); }}>{L('重置', 'Reset')}</Button>
    </Space>
  );

  const printUrl = `/invoices/print-list?${new URLSearchParams(Object.entries(period).filter(([, v]) => v) as [string, string][]).toString()}`;
  return (
    <PageFrame
      title={L('发票', 'Invoices')}
      extra={
        <>
          <Button icon={<PrinterOutlined />} onClick={() => navigate(printUrl)}>{L('打印发票清单', 'Print invoice list')}</Button>
          <ExportButton url="/api/invoices/export.xlsx" params={period} permission="invoice.export" fileName="开票数据.xlsx" label={L('导出开票数据', 'Export for the tax software')} />
          {can('invoice.issue') && <Button type="primary" icon={<FileAddOutlined />} onClick={() => navigate('/invoices/new')}>{L('开具发票', 'Issue invoice')}</Button>}
        </>
      }
    >
      <ServerTable<InvoiceHead> endpoint="/api/invoices" columns={columns} filterKeys={filterKeys} toolbar={toolbar} scroll={{ x: 1200 }} onRow={(r) => ({ style: r.direction === 'red' ? { color: '#c00' } : undefined })} />
    </PageFrame>
  );
}
