import { useEffect, useState } from 'react';
import { Button, DatePicker, Input, Select, Space, Typography } from 'antd';
import { FileAddOutlined, ShopOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCan } from '../../app/auth.tsx';
import { ExportButton } from '../../components/export-button.tsx';
import { Money } from '../../components/format.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { ServerTable, useListParams } from '../../components/server-table.tsx';
import { slipStatuses } from '../../../../src/modules/slips/schema.ts';
import { DeliveryCell, deliveryModeLabels, labelOf, paymentTermLabels, SlipStatusTag, slipStatusLabels, useL, type SlipListItem, type SlipStatus } from './shared.tsx';

const filterKeys = ['q', 'status', 'driver', 'deliveryMode', 'awaitingSignature', 'dateFrom', 'dateTo', 'paymentTerm'];

/** 销货清单 list: every slip, voided ones too (struck through, 作废), filtered on the server. */
export function SlipListPage() {
  const L = useL();
  const can = useCan();
  const navigate = useNavigate();
  const { params, set } = useListParams();
  const [, setSp] = useSearchParams();
  const [search, setSearch] = useState(params.q ?? '');
  const [driver, setDriver] = useState(params.driver ?? '');
  useEffect(() => setSearch(params.q ?? ''), [params.q]);

  const columns: ColumnsType<SlipListItem> = [
    {
      title: L('单号', 'Number'),
      key: 'number',
      dataIndex: 'number',
      width: 150,
      sorter: true,
      render: (v: string | null, r) => (
        <Link to={`/slips/${r.id}`} style={r.status === 'void' ? { color: '#999', textDecoration: 'line-through' } : undefined}>
          {v ?? L(`草稿 #${r.id}`, `Draft #${r.id}`)}
        </Link>
      ),
    },
    { title: L('状态', 'Status'), key: 'status', dataIndex: 'status', width: 100, sorter: true, render: (v: SlipStatus) => <SlipStatusTag status={v} /> },
    { title: L('日期', 'Date'), key: 'businessDate', dataIndex: 'businessDate', width: 106, sorter: true },
    { title: L('客户单位', 'Customer'), dataIndex: 'customerName', ellipsis: true },
    { title: L('付款方式', 'Payment'), dataIndex: 'paymentTerm', width: 80, render: (v: string) => L(labelOf(paymentTermLabels, v).zh, labelOf(paymentTermLabels, v).en) },
    { title: L('金额', 'Amount'), key: 'totalAmount', dataIndex: 'totalAmount', width: 116, align: 'right', sorter: true, render: (v: number) => <Money fen={v} /> },
    { title: L('经手人', 'Handler'), dataIndex: 'handlerName', width: 76 },
    { title: L('送货', 'Delivery'), dataIndex: 'driverName', width: 100, render: (v: string | null, r) => <DeliveryCell mode={r.deliveryMode} driverName={v} /> },
    { title: L('订单', 'Order'), dataIndex: 'orderNumber', width: 146, render: (v: string | null) => v ?? <Typography.Text type="secondary">{L('门市', 'walk-in')}</Typography.Text> },
    { title: L('打印', 'Prints'), dataIndex: 'printCount', width: 52, align: 'right' },
  ];

  const statusValue = params.status ? params.status.split(',') : [];
  const toolbar = (
    <Space wrap>
      <Input.Search allowClear value={search} placeholder={L('单号或客户名称', 'Number or customer')} style={{ width: 200 }} onChange={(e) => setSearch(e.target.value)} onSearch={(v) => set({ q: v.trim() || null })} />
      <Select
        mode="multiple"
        allowClear
        placeholder={L('状态', 'Status')}
        style={{ width: 190 }}
        value={statusValue}
        maxTagCount="responsive"
        options={slipStatuses.filter((s) => s !== 'discarded').map((s) => ({ value: s, label: L(slipStatusLabels[s].zh, slipStatusLabels[s].en) }))}
        onChange={(v: string[]) => set({ status: v.join(',') || null })}
      />
      <Select
        allowClear
        placeholder={L('提货方式', 'Delivery')}
        aria-label={L('提货方式', 'Delivery')}
        style={{ width: 120 }}
        value={params.deliveryMode ?? undefined}
        options={(['driver', 'pickup'] as const).map((m) => ({ value: m, label: L(deliveryModeLabels[m].zh, deliveryModeLabels[m].en) }))}
        onChange={(v: string | undefined) => {
          if (v === 'pickup') setDriver('');
          set({ deliveryMode: v ?? null, ...(v === 'pickup' ? { driver: null } : {}) });
        }}
      />
      {params.deliveryMode !== 'pickup' && (
        <Input.Search allowClear value={driver} placeholder={L('司机', 'Driver')} style={{ width: 120 }} onChange={(e) => setDriver(e.target.value)} onSearch={(v) => set({ driver: v.trim() || null })} />
      )}
      <DatePicker.RangePicker
        allowEmpty={[true, true]}
        value={[params.dateFrom ? dayjs(params.dateFrom) : null, params.dateTo ? dayjs(params.dateTo) : null]}
        onChange={(v) => set({ dateFrom: v?.[0]?.format('YYYY-MM-DD') ?? null, dateTo: v?.[1]?.format('YYYY-MM-DD') ?? null })}
      />
      {/* to-dos: written slips the keeper has not scanned and signed yet, or those waiting for my own signature */}
      <Select
        allowClear
        placeholder={L('待签字', 'To sign')}
        aria-label={L('待签字', 'To sign')}
        style={{ width: 130 }}
        value={params.awaitingSignature ?? undefined}
        options={[{ value: 'keeper', label: L('待仓管签字', 'By the keeper') }, { value: 'me', label: L('待我签字', 'By me') }]}
        onChange={(v: string | undefined) => set({ awaitingSignature: v ?? null })}
      />
      <Button onClick={() => { setSearch(''); setDriver(''); setSp(new URLSearchParams(), { replace: true }); }}>{L('重置', 'Reset')}</Button>
    </Space>
  );

  return (
    <PageFrame
      title={L('销货清单', 'Sales slips')}
      extra={
        <>
          <ExportButton url="/api/slips/export.xlsx" permission="slip.export" params={Object.fromEntries(filterKeys.map((k) => [k, params[k]]))} fileName="销货清单.xlsx" />
          {can('slip.issue') && (
            <>
              <Button icon={<ShopOutlined />} onClick={() => navigate('/slips/walk-in')}>{L('门市开单', 'Walk-in sale')}</Button>
              <Button type="primary" icon={<FileAddOutlined />} onClick={() => navigate('/slips/from-order')}>{L('按订单开单', 'Issue from order')}</Button>
            </>
          )}
        </>
      }
    >
      <ServerTable<SlipListItem>
        endpoint="/api/slips"
        columns={columns}
        filterKeys={filterKeys}
        toolbar={toolbar}
        scroll={{ x: 1060 }} // fits 1366 px with the menu open: the customer's column takes what is left
        onRow={(r) => ({ style: r.status === 'void' ? { color: '#999', background: '#fff1f0' } : undefined })}
      />
    </PageFrame>
  );
}
