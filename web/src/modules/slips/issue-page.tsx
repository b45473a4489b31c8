import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, InputNumber, Row, Select, Table, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { api, errorMessage, type Page } from '../../app/api.ts';
import { Money } from '../../components/format.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { UserPicker } from '../../components/remote-select.tsx';
import { formatPrice, lineAmounts } from '../../../../src/platform/money.ts';
import { hasPack, PackNote, PackQuantity, QuantityWithPacks } from '../products/pack-quantity.tsx';
import { invalidateSlips, labelOf, orderTypeLabels, paymentTermLabels, useL, type SlipDetail } from './shared.tsx';

type OrderHit = { id: number; number: string | null; customerName: string; status: string; totalAmount: number; businessDate: string; currentStage: string | null };
type OrderLine = {
  id: number; lineNo: number; productName: string; spec: string | null; unit: string; packUnit: string | null; packSize: number | null;
  quantity: number; shippedQuantity: number; unitPrice: number; discountBp: number; taxRateBp: number;
};
type OrderFull = OrderHit & {
  orderType: string; paymentTerm: string; contactName: string | null; contactPhone: string | null; deliveryAddress: string | null; ownerId: number; ownerName: string | null;
  warehouseName: string | null; priceIncludesTax: boolean | number; carrierName: string | null; carrierPhone: string | null; paymentReceived: number; lines: OrderLine[];
};

/** 按订单开单: pick a confirmed order, take its lines (all that remain, or part for a partial delivery), issue. */
export function IssueFromOrderPage() {
  const L = useL();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [sp, setSp] = useSearchParams();
  const orderId = sp.get('orderId') ? Number(sp.get('orderId')) : null;
  const [term, setTerm] = useState('');
  const orders = useQuery({
    queryKey: ['orders', 'to-ship', term],
    queryFn: () => api.get<Page<OrderHit>>('/api/orders', { status: 'confirmed,partially_shipped', q: term || undefined, pageSize: 30 }),
  });
  const order = useQuery({ queryKey: ['orders', orderId], queryFn: () => api.get<OrderFull>(`/api/orders/${orderId}`), enabled: orderId != null });
  const [qty, setQty] = useState<Record<number, number>>({});
  const [handlerId, setHandlerId] = useState<number | null>(null);
  const [driverName, setDriverName] = useState('');
  const [driverPhone, setDriverPhone] = useState('');
  const [remarks, setRemarks] = useState('');
  useEffect(() => {
    if (!order.data) return;
    setQty(Object.fromEntries(order.data.lines.map((l) => [l.id, l.quantity - l.shippedQuantity])));
    setHandlerId(order.data.ownerId);
  }, [order.data]);

  const pit = order.data ? order.data.priceIncludesTax === true || order.data.priceIncludesTax === 1 : true;
  const total = useMemo(
    () => (order.data?.lines ?? []).reduce((n, l) => n + (qty[l.id] ? lineAmounts({ quantity: qty[l.id]!, unitPrice: l.unitPrice, discountBp: l.discountBp, taxRateBp: l.taxRateBp, priceIncludesTax: pit }).amount : 0), 0),
    [order.data, qty, pit],
  );

  const issue = useMutation({
    mutationFn: () =>
      api.post<SlipDetail>('/api/slips/from-order', {
        orderId,
        lines: Object.entries(qty).filter(([, q]) => q > 0).map(([id, q]) => ({ orderLineId: Number(id), quantity: q })),
        handlerId,
        driverName: driverName || null,
        driverPhone: driverPhone || null,
        remarks: remarks || null,
      }),
    onSuccess: (s) => {
      invalidateSlips(qc);
      void qc.invalidateQueries({ queryKey: ['orders'] });
      message.success(L(`已开单 ${s.number}`, `Issued ${s.number}`));
      navigate(`/slips/${s.id}`);
    },
  });

  return (
    <PageFrame title={L('按订单开单', 'Issue a slip from an order')} back="/slips" bare>
      <Card style={{ marginBottom: 12 }}>
        <Select
          showSearch={{ filterOption: false, onSearch: setTerm }}
          style={{ width: 520 }}
          placeholder={L('选择已确认的订单（单号或客户）', 'Choose a confirmed order (number or customer)')}
          value={orderId ?? undefined}
          loading={orders.isFetching}
          options={(orders.data?.items ?? []).map((o) => ({
            value: o.id,
            // an order still in production cannot ship yet (its stages on the order page)
            disabled: o.currentStage != null,
            label: `${o.number ?? ''}　${o.customerName}　${o.businessDate}${o.currentStage ? `　${L(`生产中：${o.currentStage}`, `at stage: ${o.currentStage}`)}` : ''}`,
          }))}
          onChange={(v: number) => setSp({ orderId: String(v) })}
          aria-label={L('订单', 'Order')}
        />
      </Card>
      {order.isError && <Alert type="error" showIcon title={errorMessage(order.error)} />}
      {order.data && (
        <Card title={`${L('订单', 'Order')} ${order.data.number}`}>
          <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={L('客户单位', 'Customer')}>{order.data.customerName}</Descriptions.Item>
            <Descriptions.Item label={L('联系人', 'Contact')}>{order.data.contactName} {order.data.contactPhone}</Descriptions.Item>
            <Descriptions.Item label={L('送货地址', 'Address')}>{order.data.deliveryAddress}</Descriptions.Item>
            <Descriptions.Item label={L('类型', 'Type')}>{L(labelOf(orderTypeLabels, order.data.orderType).zh, labelOf(orderTypeLabels, order.data.orderType).en)}</Descriptions.Item>
            <Descriptions.Item label={L('付款方式', 'Payment')}>{L(labelOf(paymentTermLabels, order.data.paymentTerm).zh, labelOf(paymentTermLabels, order.data.paymentTerm).en)}</Descriptions.Item>
            <Descriptions.Item label={L('仓库', 'Warehouse')}>{order.data.warehouseName}</Descriptions.Item>
            {order.data.orderType === 'regional' && (
              <Descriptions.Item label={L('托运部', 'Carrier')}>{order.data.carrierName} {order.data.carrierPhone}　{L('已收款', 'Received')} <Money fen={order.data.paymentReceived} /></Descriptions.Item>
            )}
          </Descriptions>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={order.data.lines}
            columns={[
              { title: '#', dataIndex: 'lineNo', width: 40 },
              { title: L('商品', 'Product'), dataIndex: 'productName' },
              { title: L('规格', 'Spec'), dataIndex: 'spec', width: 110 },
              { title: L('订购', 'Ordered'), dataIndex: 'quantity', width: 90, align: 'right', render: (v: number, l) => <QuantityWithPacks quantity={v} packing={l} /> },
              { title: L('已发', 'Shipped'), dataIndex: 'shippedQuantity', width: 80, align: 'right', render: (v: number, l) => <>{v}<PackNote quantity={v} packing={l} /></> },
              { title: L('单价', 'Price'), dataIndex: 'unitPrice', width: 100, align: 'right', render: (v: number) => formatPrice(v) },
              {
                title: L('本次开单数量', 'This slip'),
                key: 'take',
                width: 170,
                render: (_: unknown, l, i) => (
                  <>
                    <InputNumber
                      aria-label={`${L('本次数量', 'Quantity')} ${l.productName}`}
                      min={0}
                      max={l.quantity - l.shippedQuantity}
                      precision={0}
                      value={qty[l.id] ?? 0}
                      onChange={(v) => setQty((q) => ({ ...q, [l.id]: Number(v ?? 0) }))}
                      addonAfter={l.unit}
                      style={{ width: 130 }}
                    />
                    {/* the customer's order in cases: typed as cases, kept in the product's unit (never more than is left) */}
                    {hasPack(l) && (
                      <PackQuantity
                        index={i} unit={l.unit} packUnit={l.packUnit} packSize={l.packSize} quantity={qty[l.id] ?? 0} max={l.quantity - l.shippedQuantity}
                        label={`${L(`本次${l.packUnit}数`, `This slip, ${l.packUnit}`)} ${l.productName}`}
                        onChange={(v) => setQty((q) => ({ ...q, [l.id]: v }))}
                      />
                    )}
                  </>
                ),
              },
            ]}
          />
          <Row gutter={16} style={{ marginTop: 16 }}>
            {/* the fields are not in a form store (no name): htmlFor/id link each label to its input */}
            <Col span={6}><Form.Item label={L('经手人', 'Handler')} htmlFor="slip-handler" layout="vertical"><UserPicker id="slip-handler" value={handlerId ?? undefined} onChange={(v) => setHandlerId((v as number) ?? null)} /></Form.Item></Col>
            <Col span={5}><Form.Item label={L('送货司机', 'Driver')} tooltip={L('我司司机送货时填写；客户自提不填，出车时选择「客户自提」', 'For delivery by our driver; leave empty for a pickup and choose Customer collects when it goes out')} htmlFor="slip-driver" layout="vertical"><Input id="slip-driver" value={driverName} onChange={(e) => setDriverName(e.target.value)} /></Form.Item></Col>
            <Col span={5}><Form.Item label={L('司机电话', 'Driver phone')} htmlFor="slip-driver-phone" layout="vertical"><Input id="slip-driver-phone" value={driverPhone} onChange={(e) => setDriverPhone(e.target.value)} /></Form.Item></Col>
            <Col span={8}><Form.Item label={L('备注', 'Remarks')} htmlFor="slip-remarks" layout="vertical"><Input id="slip-remarks" value={remarks} onChange={(e) => setRemarks(e.target.value)} /></Form.Item></Col>
          </Row>
          {issue.isError && <Alert type="error" showIcon title={errorMessage(issue.error)} style={{ marginBottom: 12 }} />}
          <Typography.Text strong style={{ marginRight: 16 }}>{L('本单金额', 'Slip amount')}：<Money fen={total} /></Typography.Text>
          <Button type="primary" loading={issue.isPending} disabled={total <= 0 && !Object.values(qty).some((q) => q > 0)} onClick={() => issue.mutate()}>
            {L('开单（出库）', 'Issue (stock out)')}
          </Button>
        </Card>
      )}
    </PageFrame>
  );
}
