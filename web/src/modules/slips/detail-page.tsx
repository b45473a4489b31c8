import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, Descriptions, Form, Input, Modal, Progress, Radio, Row, Select, Space, Table, Tag, Typography, type InputRef } from 'antd';
import { CheckOutlined, PrinterOutlined, ScanOutlined, StopOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { api, errorMessage } from '../../app/api.ts';
import { useCan, useMe } from '../../app/auth.tsx';
import { DateTime, Money } from '../../components/format.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { HistoryDrawer } from '../../components/history-drawer.tsx';
import { formatPrice } from '../../../../src/platform/money.ts';
import { PackNote, packText, QuantityWithPacks } from '../products/pack-quantity.tsx';
import type { CodeKind, DeliveryMode, SignRole } from '../../../../src/modules/slips/schema.ts';
import { codeKindLabels, deliveryModeLabels, invalidateSlips, labelOf, orderTypeLabels, paperLabels, paymentTermLabels, signRoleLabels, SLIPS_KEY, SlipStatusTag, useL, type SlipDetail } from './shared.tsx';

/** 扫码出库: a scan box that takes a barcode scanner's keystrokes and Enter, one code at a time. */
function CodeScanner({ slip }: { slip: SlipDetail }) {
  const L = useL();
  const qc = useQueryClient();
  const tracked = slip.lines.filter((l) => l.trackCodes);
  const [productId, setProductId] = useState<number | undefined>(tracked[0]?.productId);
  const product = tracked.find((l) => l.productId === productId);
  const [kind, setKind] = useState<CodeKind>(product?.packSize && product.packSize > 1 ? 'box' : 'bottle');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const input = useRef<InputRef>(null);
  const add = useMutation({
    mutationFn: (c: string) => api.post<SlipDetail>(`/api/slips/${slip.id}/codes`, { productId, kind, codes: [c] }),
    onSuccess: (s) => {
      qc.setQueryData([...SLIPS_KEY, String(slip.id)], s);
      setError(null);
      setCode('');
      input.current?.focus();
    },
    onError: (e) => {
      setError(errorMessage(e));
      input.current?.select();
    },
  });
  const remove = useMutation({
    mutationFn: (c: string) => api.post<SlipDetail>(`/api/slips/${slip.id}/codes/remove`, { code: c }),
    onSuccess: (s) => qc.setQueryData([...SLIPS_KEY, String(slip.id)], s),
    onError: (e) => setError(errorMessage(e)),
  });
  const packsOf = (p: SlipDetail['codeProgress'][number]) => {
    const line = slip.lines.find((l) => l.productId === p.productId);
    return line ? packText(p.quantity, { unit: p.unit, packUnit: line.packUnit, packSize: line.packSize }, L('', ' ')) : null;
  };
  if (!tracked.length) return <Typography.Text type="secondary">{L('本单商品无需录入箱码/瓶码', 'No product on this slip tracks codes')}</Typography.Text>;
  return (
    <div>
      <Space wrap style={{ marginBottom: 8 }}>
        <Select style={{ width: 240 }} value={productId} onChange={setProductId} options={tracked.map((l) => ({ value: l.productId, label: `${l.productName} ${l.spec ?? ''}` }))} aria-label={L('录码商品', 'Product')} />
        <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as CodeKind)} optionType="button" options={(['box', 'bottle'] as const).map((k) => ({ value: k, label: L(codeKindLabels[k].zh, codeKindLabels[k].en), disabled: k === 'box' && !(product?.packSize && product.packSize > 1) }))} />
        <Input
          ref={input}
          autoFocus
          prefix={<ScanOutlined />}
          style={{ width: 280 }}
          placeholder={L('扫描或输入码后回车', 'Scan or type a code, then Enter')}
          aria-label={L('扫码', 'Scan code')}
          value={code}
          disabled={add.isPending}
          onChange={(e) => setCode(e.target.value)}
          onPressEnter={() => code.trim() && add.mutate(code.trim())}
        />
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      {slip.codeProgress.map((p) => (
        <div key={p.productId} style={{ marginBottom: 6 }}>
          <Typography.Text>{p.productName}：{L(`已录 ${p.scanned}/${p.quantity}${p.unit}（${p.boxes} 箱码，${p.bottles} 瓶码）`, `${p.scanned}/${p.quantity} ${p.unit} (${p.boxes} box, ${p.bottles} bottle codes)`)}</Typography.Text>
          {/* the keeper takes cases off the shelf: what goes out, in them */}
          {packsOf(p) && <Typography.Text type="secondary" data-testid={`scan-${p.productId}-packs`}>　{L(`应出 ${packsOf(p)}`, `to issue: ${packsOf(p)}`)}</Typography.Text>}
          <Progress percent={Math.round((p.scanned / p.quantity) * 100)} size="small" status={p.scanned === p.quantity ? 'success' : 'active'} style={{ maxWidth: 420 }} />
        </div>
      ))}
      <Space wrap>
        {slip.codes.map((c) => (
          <Tag key={c.code} closable={slip.status === 'issued' && !slip.signatures.keeper.userId} onClose={(e) => { e.preventDefault(); remove.mutate(c.code); }}>
            {c.code} · {L(codeKindLabels[c.kind].zh, codeKindLabels[c.kind].en)}
          </Tag>
        ))}
      </Space>
    </div>
  );
}

export function SlipDetailPage() {
  const { id } = useParams();
  const L = useL();
  const can = useCan();
  const me = useMe();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useQuery({ queryKey: [...SLIPS_KEY, id], queryFn: () => api.get<SlipDetail>(`/api/slips/${id}`) });
  const [voiding, setVoiding] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [checked, setChecked] = useState(false);
  const [delivering, setDelivering] = useState(false);
  const [reason, setReason] = useState('');
  const [driver, setDriver] = useState({ name: '', phone: '' });
  const [mode, setMode] = useState<DeliveryMode>('driver');
  useEffect(() => {
    if (q.data) setDriver({ name: q.data.driverName ?? '', phone: q.data.driverPhone ?? '' });
  }, [q.data?.id]);
  const act = useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown }) => api.post<SlipDetail>(`/api/slips/${id}/${path}`, body ?? {}),
    onSuccess: (s) => {
      qc.setQueryData([...SLIPS_KEY, id], s);
      invalidateSlips(qc);
      setVoiding(false);
      setDelivering(false);
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  if (!q.data) return <PageFrame title={L('销货清单', 'Sales slip')} back="/slips" error={q.error}><></></PageFrame>;
  const s = q.data;
  const sign = (as: SignRole) => act.mutate({ path: 'sign', body: { as } });
  const signable = s.status === 'issued';
  const mine: Record<SignRole, boolean> = {
    keeper: can('slip.warehouse'),
    preparer: s.createdBy === me.user.id,
    handler: s.handlerId === me.user.id,
  };
  const extra = (
    <>
      {s.status === 'draft' && can('slip.issue') && <Button type="primary" onClick={() => act.mutate({ path: 'issue', body: { version: s.version } })}>{L('开单（出库）', 'Issue')}</Button>}
      {s.status === 'draft' && can('slip.issue') && <Button onClick={() => act.mutate({ path: 'discard', body: { version: s.version } })}>{L('丢弃草稿', 'Discard')}</Button>}
      {s.number && can('slip.print') && (
        <Button icon={<PrinterOutlined />} onClick={() => window.open(`/slips/${s.id}/print`, '_blank')}>{s.printCount ? L(`补打（已打 ${s.printCount} 次）`, `Reprint (${s.printCount})`) : L('打印', 'Print')}</Button>
      )}
      {s.status === 'signed' && can('slip.issue') && <Button onClick={() => { setMode(s.orderDeliveryMethod === 'self_pickup' ? 'pickup' : 'driver'); setDelivering(true); }}>{L('出车送货 / 自提', 'Send out / hand over')}</Button>}
      {s.status === 'reconciled' && can('slip.post') && <Button type="primary" onClick={() => act.mutate({ path: 'post' })}>{L('过账', 'Post')}</Button>}
      {['issued', 'signed', 'delivered'].includes(s.status) && can('slip.void') && <Button danger icon={<StopOutlined />} onClick={() => setVoiding(true)}>{L('作废', 'Void')}</Button>}
      <Button onClick={() => setHistoryOpen(true)}>{L('操作记录', 'History')}</Button>
    </>
  );
  return (
    <PageFrame title={`${L('销货清单', 'Sales slip')} ${s.number ?? L('草稿', 'draft')}`} subtitle={<SlipStatusTag status={s.status} />} back="/slips" extra={extra} bare>
      {s.status === 'void' && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={<b style={{ fontSize: 16 }}>{L('本单已作废', 'This slip is VOID')}</b>} description={L(`作废人：${s.voidedByName}　时间：`, `Voided by ${s.voidedByName} at `) + (s.voidedAt ? new Date(s.voidedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }) : '') + L(`　原因：${s.voidReason}`, ` · reason: ${s.voidReason}`)} />
      )}
      <Card style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={3}>
          <Descriptions.Item label={L('客户单位', 'Customer')}>{s.customerName}</Descriptions.Item>
          <Descriptions.Item label={L('联系人', 'Contact')}>{s.contactName} {s.contactPhone}</Descriptions.Item>
          <Descriptions.Item label={L('送货地址', 'Address')}>{s.deliveryAddress}</Descriptions.Item>
          <Descriptions.Item label={L('日期', 'Date')}>{s.businessDate}</Descriptions.Item>
          <Descriptions.Item label={L('订单', 'Order')}>{s.orderId ? <Link to={`/orders/${s.orderId}`}>{s.orderNumber}</Link> : L('门市开单', 'walk-in')}{'\u00a0·\u00a0'}{L(labelOf(orderTypeLabels, s.orderType).zh, labelOf(orderTypeLabels, s.orderType).en)}</Descriptions.Item>
          <Descriptions.Item label={L('付款方式', 'Payment')}>
            {L(labelOf(paymentTermLabels, s.paymentTerm).zh, labelOf(paymentTermLabels, s.paymentTerm).en)}
            {s.paidByDeposit > 0 && <Typography.Text type="secondary">　{L('留货订金/定金已付', 'paid by the hold\'s deposits')} <Money fen={s.paidByDeposit} />，{L('应收', 'due')} <Money fen={s.receivable} /></Typography.Text>}
          </Descriptions.Item>
          {s.cashTendered !== null && (
            // a walk-in cash sale: what the customer handed over at the counter, and the change given
            <Descriptions.Item label={L('实收现金', 'Cash received')}>
              <span data-testid="slip-cash-tendered"><Money fen={s.cashTendered} />{L('，找零 ', ', change ')}<Money fen={s.cashChange ?? 0} /></span>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={L('开单人', 'Preparer')}>{s.createdByName}</Descriptions.Item>
          <Descriptions.Item label={L('经手人', 'Handler')}>{s.handlerName}</Descriptions.Item>
          <Descriptions.Item label={L('仓库', 'Warehouse')}>{s.warehouseName}</Descriptions.Item>
          <Descriptions.Item label={L('提货方式', 'Delivery')}>
            {s.deliveryMode === 'pickup'
              ? <Tag color="geekblue">{L('客户自提', 'Customer collects')}</Tag>
              : s.driverName ? <>{L('司机送货', 'Our driver')}：{s.driverName} {s.driverPhone ?? ''}</> : <Typography.Text type="secondary">{['draft', 'issued', 'signed'].includes(s.status) ? L('出车时确定', 'chosen when it goes out') : '—'}</Typography.Text>}
          </Descriptions.Item>
          <Descriptions.Item label={L('对单', 'Reconciliation')}>{s.reconciliationNumber ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={L('过账', 'Posted')}>{s.postedAt ? <>{s.postedByName} <DateTime value={s.postedAt} /></> : '—'}</Descriptions.Item>
        </Descriptions>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={s.lines}
          columns={[
            { title: '#', dataIndex: 'lineNo', width: 40 },
            { title: L('商品', 'Product'), dataIndex: 'productName' },
            { title: L('规格', 'Spec'), dataIndex: 'spec', width: 120 },
            // the keeper counts cases: a product packed in them shows them under the figure (49瓶 / 4箱1瓶)
            { title: L('数量', 'Quantity'), key: 'q', width: 110, align: 'right', render: (_: unknown, l) => <QuantityWithPacks quantity={l.quantity} packing={l} testId={`slip-line-${l.lineNo}-packs`} /> },
            { title: L('单价', 'Price'), dataIndex: 'unitPrice', width: 100, align: 'right', render: (v: number) => formatPrice(v) },
            { title: L('金额', 'Amount'), dataIndex: 'amount', width: 120, align: 'right', render: (v: number) => <Money fen={v} /> },
            { title: L('已退', 'Returned'), dataIndex: 'returnedQuantity', width: 80, align: 'right', render: (v: number, l) => (v ? <><Typography.Text type="danger">{v}</Typography.Text><PackNote quantity={v} packing={l} /></> : '') },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={3}><b>{L('合计', 'Total')}</b>　{s.totalInCapitals}</Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">{s.totalQuantity}</Table.Summary.Cell>
              <Table.Summary.Cell index={4} />
              <Table.Summary.Cell index={5} align="right"><b><Money fen={s.totalAmount} /></b></Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">{s.returnedAmount ? <Money fen={-s.returnedAmount} /> : ''}</Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      </Card>
      <Row gutter={12}>
        <Col span={14}>
          <Card title={L('仓库发货：箱码/瓶码', 'Warehouse issue: box/bottle codes')} style={{ marginBottom: 12 }}>
            {s.status === 'issued' && can('slip.warehouse') && !s.signatures.keeper.userId ? (
              <CodeScanner slip={s} />
            ) : (
              <Space wrap>
                {s.codes.length ? s.codes.map((c) => <Tag key={c.code}>{c.code} · {L(codeKindLabels[c.kind].zh, codeKindLabels[c.kind].en)}</Tag>) : <Typography.Text type="secondary">{L('无', 'none')}</Typography.Text>}
              </Space>
            )}
          </Card>
        </Col>
        <Col span={10}>
          <Card title={L('签字（本人登录签字，不得代签）', 'Signatures (own login, nobody signs for another)')} style={{ marginBottom: 12 }}>
            {(['keeper', 'preparer', 'handler'] as const).map((r) => {
              const sg = s.signatures[r];
              return (
                <div key={r} style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
                  <span>{L(signRoleLabels[r].zh, signRoleLabels[r].en)}</span>
                  {sg.userId ? (
                    <span><CheckOutlined style={{ color: '#52c41a' }} /> <b>{sg.name}</b> <Typography.Text type="secondary"><DateTime value={sg.at} /></Typography.Text></span>
                  ) : signable && mine[r] ? (
                    <Space>
                      {r === 'keeper' && <Checkbox checked={checked} onChange={(e) => setChecked(e.target.checked)}>{L('已核对出库品名和数量', 'Goods and quantities checked')}</Checkbox>}
                      <Button size="small" type="primary" disabled={r === 'keeper' && !checked} onClick={() => sign(r)} loading={act.isPending}>{L(`以${signRoleLabels[r].zh}身份签字`, `Sign as ${signRoleLabels[r].en}`)}</Button>
                    </Space>
                  ) : (
                    <Typography.Text type="secondary">{L('未签', 'not signed')}</Typography.Text>
                  )}
                </div>
              );
            })}
          </Card>
          <Card title={L('打印记录', 'Prints')} size="small" style={{ marginBottom: 12 }}>
            {s.prints.length ? s.prints.map((p) => (
              <div key={p.printNo}>{p.printNo > 1 ? <Tag color="red">{L('补打', 'reprint')}</Tag> : <Tag>{L('原件', 'original')}</Tag>} #{p.printNo} · {L(paperLabels[p.paper].zh, paperLabels[p.paper].en)} · {p.printedByName} <DateTime value={p.printedAt} /></div>
            )) : <Typography.Text type="secondary">{L('未打印', 'not printed')}</Typography.Text>}
          </Card>
          {s.returns.length > 0 && (
            <Card title={L('退货单', 'Returns')} size="small">
              {s.returns.map((r) => <div key={r.id}>{r.number} · <Money fen={r.totalAmount} /> · {r.reason} · {r.createdByName}</div>)}
            </Card>
          )}
        </Col>
      </Row>
      <Modal title={L('作废销货清单', 'Void the slip')} open={voiding} onCancel={() => setVoiding(false)} okText={L('确认作废', 'Void')} okButtonProps={{ danger: true, disabled: !reason.trim(), loading: act.isPending }} onOk={() => act.mutate({ path: 'void', body: { reason, version: s.version } })}>
        <Typography.Paragraph>{L('作废后库存退回、订单发货冲回、箱码释放；单据保留并打上「作废」标记，不能撤销。', 'Voiding returns the stock, takes back the shipment and frees the codes; the slip stays, marked VOID.')}</Typography.Paragraph>
        <Form layout="vertical"><Form.Item label={L('作废原因', 'Reason')} required><Input.TextArea aria-label={L('作废原因', 'Reason')} value={reason} onChange={(e) => setReason(e.target.value)} rows={3} /></Form.Item></Form>
      </Modal>
      <Modal
        title={L('出车送货 / 客户自提', 'Send out or hand over')}
        open={delivering}
        onCancel={() => setDelivering(false)}
        okButtonProps={{ loading: act.isPending }}
        okText={mode === 'pickup' ? L('交客户带走', 'Hand over') : L('出车', 'Send out')}
        onOk={() => act.mutate({ path: 'deliver', body: mode === 'pickup' ? { deliveryMode: 'pickup', version: s.version } : { deliveryMode: 'driver', driverName: driver.name || null, driverPhone: driver.phone || null, version: s.version } })}
      >
        <Form layout="vertical">
          <Form.Item>
            <Radio.Group aria-label={L('提货方式', 'Delivery')} value={mode} onChange={(e) => setMode(e.target.value as DeliveryMode)} optionType="button" buttonStyle="solid" options={(['driver', 'pickup'] as const).map((m) => ({ value: m, label: L(deliveryModeLabels[m].zh, deliveryModeLabels[m].en) }))} />
          </Form.Item>
          {s.orderDeliveryMethod === 'self_pickup' && mode === 'driver' && (
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={L('订单约定客户自提', 'The order says the customer collects')} />
          )}
          {mode === 'pickup' ? (
            <Alert type="info" showIcon title={L('货交客户带走，不派司机；现款在「司机对单」中按当天的「客户自提」单独对账。', 'The customer takes the goods, no driver goes; the cash is reconciled in Driver reconciliation with the day\'s pickups (Customer collects), apart from the drivers.')} />
          ) : (
            <>
              <Form.Item label={L('司机', 'Driver')} required><Input aria-label={L('司机', 'Driver')} value={driver.name} onChange={(e) => setDriver({ ...driver, name: e.target.value })} /></Form.Item>
              <Form.Item label={L('司机电话', 'Driver phone')}><Input value={driver.phone} onChange={(e) => setDriver({ ...driver, phone: e.target.value })} /></Form.Item>
            </>
          )}
        </Form>
      </Modal>
      <HistoryDrawer
        open={historyOpen}
        onClose={() => setHistoryOpen(false)}
        endpoint={`/api/slips/${s.id}/history`}
        title={L('操作记录', 'History')}
        actionLabels={{
          'slip.create': L('新建', 'Created'), 'slip.issue': L('开单出库', 'Issued'), 'slip.codes': L('录入箱码/瓶码', 'Codes recorded'), 'slip.code_removed': L('删除码', 'Code removed'),
          'slip.sign_keeper': L('仓管签字', 'Keeper signed'), 'slip.sign_preparer': L('开单人签字', 'Preparer signed'), 'slip.sign_handler': L('经手人签字', 'Handler signed'),
          'slip.deliver': L('出车送货', 'Sent out'), 'slip.print': L('打印', 'Printed'), 'slip.reprint': L('补打', 'Reprinted'), 'slip.void': L('作废', 'Voided'),
          'slip.return': L('退货', 'Return'), 'slip.post': L('过账', 'Posted'), 'slip.discard': L('丢弃草稿', 'Discarded'),
        }}
      />
    </PageFrame>
  );
}
