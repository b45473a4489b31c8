import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Descriptions, Input, InputNumber, Modal, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PrinterOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { api, errorMessage } from '../../app/api.ts';
import { useT } from '../../app/i18n.tsx';
import { DateTime, Money } from '../../components/format.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { ServerTable } from '../../components/server-table.tsx';
import { parseYuan, formatYuan } from '../../../../src/platform/money.ts';
import type { ReconciliationOut } from '../../../../src/modules/slips/schema.ts';
import { hasPack, PackNote, PackQuantity, QuantityWithPacks } from '../products/pack-quantity.tsx';
import { DeliveryCell, invalidateSlips, labelOf, paymentTermLabels, useL, type DeliveryMode } from './shared.tsx';
import { reconciliationOutcomeLabels, reconciliationStatusLabels } from '../../../../src/modules/slips/schema.ts';

type Pending = { deliveryMode: DeliveryMode; driverName: string | null; businessDate: string; slipCount: number; cashExpected: number };
type RecItem = Omit<ReconciliationOut, 'slips'> & { slipCount: number };
type RecSlip = ReconciliationOut['slips'][number];

/** 司机对单: the drivers' days waiting, and the reconciliations made. */
export function ReconciliationListPage() {
  const L = useL();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const pending = useQuery({ queryKey: ['slips', 'recon-pending'], queryFn: () => api.get<Pending[]>('/api/slip-reconciliations/pending') });
  const open = useMutation({
    mutationFn: (p: Pending) => api.post<ReconciliationOut>('/api/slip-reconciliations', { deliveryMode: p.deliveryMode, driverName: p.driverName, businessDate: p.businessDate }),
    onSuccess: (r) => {
      invalidateSlips(qc);
      navigate(`/slips/reconciliations/${r.id}`);
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const columns: ColumnsType<RecItem> = [
    { title: L('对单号', 'Number'), dataIndex: 'number', width: 160, render: (v: string, r) => <Link to={`/slips/reconciliations/${r.id}`}>{v}</Link> },
    { title: L('司机 / 自提', 'Driver / pickup'), dataIndex: 'driverName', width: 110, render: (v: string | null, r) => <DeliveryCell mode={r.deliveryMode} driverName={v} /> },
    { title: L('日期', 'Date'), dataIndex: 'businessDate', width: 110 },
    { title: L('单数', 'Slips'), dataIndex: 'slipCount', width: 70, align: 'right' },
    { title: L('应收现款', 'Cash due'), dataIndex: 'cashExpected', width: 120, align: 'right', render: (v: number) => <Money fen={v} /> },
    { title: L('实收', 'Received'), dataIndex: 'cashReceived', width: 120, align: 'right', render: (v: number) => <Money fen={v} /> },
    { title: L('长短款', 'Over/short'), dataIndex: 'cashDifference', width: 110, align: 'right', render: (v: number) => <Money fen={v} colored /> },
    { title: L('状态', 'Status'), dataIndex: 'status', width: 90, render: (v: string) => <Tag color={v === 'settled' ? 'green' : 'orange'}>{L(labelOf(reconciliationStatusLabels, v).zh, labelOf(reconciliationStatusLabels, v).en)}</Tag> },
    { title: L('结清', 'Settled'), dataIndex: 'settledByName', render: (v: string | null, r) => (v ? <>{v} <DateTime value={r.settledAt} /></> : '—') },
  ];
  return (
    <PageFrame title={L('司机对单', 'Driver reconciliation')} bare>
      <Card title={L('待对单（送货中的销货清单，按司机和日期；客户自提单独一组）', 'Waiting (slips out, by driver and day; customer pickups a group of their own)')} style={{ marginBottom: 12 }}>
        <Table
          size="small"
          rowKey={(p) => `${p.deliveryMode}|${p.driverName ?? ''}|${p.businessDate}`}
          loading={pending.isPending}
          pagination={false}
          dataSource={pending.data ?? []}
          locale={{ emptyText: L('没有待对单的送货单', 'Nothing waiting') }}
          columns={[
            { title: L('司机 / 自提', 'Driver / pickup'), dataIndex: 'driverName', render: (v: string | null, p) => <DeliveryCell mode={p.deliveryMode} driverName={v} /> },
            { title: L('日期', 'Date'), dataIndex: 'businessDate' },
            { title: L('单数', 'Slips'), dataIndex: 'slipCount', align: 'right' },
            { title: L('应收现款', 'Cash due'), dataIndex: 'cashExpected', align: 'right', render: (v: number) => <Money fen={v} /> },
            { title: '', key: 'a', render: (_: unknown, p) => <Button type="primary" size="small" loading={open.isPending} onClick={() => open.mutate(p)}>{L('开始对单', 'Reconcile')}</Button> },
          ]}
        />
      </Card>
      <Card title={L('对单记录', 'Reconciliations')}>
        <ServerTable<RecItem> endpoint="/api/slip-reconciliations" columns={columns} />
      </Card>
    </PageFrame>
  );
}

function ReturnDialog({ slip, onClose }: { slip: RecSlip | null; onClose: () => void }) {
  const L = useL();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const [qty, setQty] = useState<Record<number, number>>({});
  const [codes, setCodes] = useState<Record<number, string[]>>({});
  useEffect(() => {
    setQty({});
    setCodes({});
    setReason('');
  }, [slip?.slipId]);
  const save = useMutation({
    mutationFn: () =>
      api.post(`/api/slips/${slip!.slipId}/returns`, {
        reason,
        lines: Object.entries(qty)
          .filter(([, q]) => q > 0)
          .map(([id, q]) => ({ slipLineId: Number(id), quantity: q, ...(codes[Number(id)]?.length ? { codes: codes[Number(id)] } : {}) })),
      }),
    onSuccess: () => {
      invalidateSlips(qc);
      onClose();
    },
  });
  return (
    <Modal title={L(`退货单：${slip?.number ?? ''} ${slip?.customerName ?? ''}`, `Return slip for ${slip?.number ?? ''}`)} open={!!slip} onCancel={onClose} okText={L('开退货单（退回仓库）', 'Write the return (back to stock)')} okButtonProps={{ loading: save.isPending, disabled: !reason.trim() || !Object.values(qty).some((q) => q > 0) }} onOk={() => save.mutate()} width={slip?.lines.some((l) => l.trackCodes) ? 880 : 640}>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={slip?.lines ?? []}
        columns={[
          { title: L('商品', 'Product'), dataIndex: 'productName' },
          { title: L('送货数量', 'Delivered'), dataIndex: 'quantity', align: 'right', render: (v: number, l) => <QuantityWithPacks quantity={v} packing={l} /> },
          { title: L('已退', 'Returned'), dataIndex: 'returnedQuantity', align: 'right', render: (v: number, l) => <>{v}<PackNote quantity={v} packing={l} /></> },
          {
            title: L('本次退回', 'Return now'), key: 'q',
            render: (_: unknown, l, i) => (
              <>
                <InputNumber aria-label={`${L('退回数量', 'Return quantity')} ${l.productName}`} min={0} max={l.quantity - l.returnedQuantity} precision={0} value={qty[l.id] ?? 0} onChange={(v) => setQty({ ...qty, [l.id]: Number(v ?? 0) })} addonAfter={l.unit} style={{ width: 120 }} />
                {/* refused at the door by the case: typed as cases, kept in the product's unit */}
                {hasPack(l) && (
                  <PackQuantity
                    index={i} unit={l.unit} packUnit={l.packUnit} packSize={l.packSize} quantity={qty[l.id] ?? 0} max={l.quantity - l.returnedQuantity}
                    label={`${L(`退回${l.packUnit}数`, `Return, ${l.packUnit}`)} ${l.productName}`}
                    onChange={(v) => setQty({ ...qty, [l.id]: v })}
                  />
                )}
              </>
            ),
          },
          ...(slip?.lines.some((l) => l.trackCodes)
            ? [{
                title: L('退回的箱码/瓶码', 'Codes coming back'), key: 'codes', width: 220,
                render: (_: unknown, l: RecSlip['lines'][number]) =>
                  l.trackCodes ? (
                    <Select
                      mode="tags"
                      aria-label={`${L('退回码', 'Codes')} ${l.productName}`}
                      tokenSeparators={[',', '，', ' ', '\n']}
                      open={false}
                      suffixIcon={null}
                      placeholder={L('扫码或输入，回车分隔', 'Scan or type, Enter between')}
                      style={{ width: '100%' }}
                      value={codes[l.id] ?? []}
                      onChange={(v: string[]) => setCodes({ ...codes, [l.id]: v.map((x) => x.trim()).filter(Boolean) })}
                      disabled={!(qty[l.id] > 0)}
                    />
                  ) : <Typography.Text type="secondary">{L('无需录码', 'No codes')}</Typography.Text>,
              }]
            : []),
        ]}
      />
      {slip?.lines.some((l) => l.trackCodes) && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {L('退回的整箱扫箱码、散瓶扫瓶码；这些码随货回到库存，可再次出库。', 'Scan the box code of a whole box, the bottle code of a loose bottle; they go back in stock with the goods and may leave again.')}
        </Typography.Paragraph>
      )}
      <Input.TextArea style={{ marginTop: 12 }} rows={2} aria-label={L('退货原因', 'Reason')} placeholder={L('退货原因（如：客户拒收、破损、改单）', 'Reason (refused, damaged, changed)')} value={reason} onChange={(e) => setReason(e.target.value)} />
      {save.isError && <Alert type="error" showIcon title={errorMessage(save.error)} style={{ marginTop: 8 }} />}
    </Modal>
  );
}

/** One driver's day: cash per cash slip, signed copies of credit slips, returns; then settle. */
export function ReconciliationPage() {
  const { id } = useParams();
  const L = useL();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useQuery({ queryKey: ['slips', 'reconciliation', id], queryFn: () => api.get<ReconciliationOut>(`/api/slip-reconciliations/${id}`) });
  const [cash, setCash] = useState<Record<number, string>>({});
  const [copies, setCopies] = useState<Record<number, boolean>>({});
  const [remarks, setRemarks] = useState('');
  const [returning, setReturning] = useState<RecSlip | null>(null);
  const en = useT().locale === 'en-US';
  useEffect(() => {
    if (!q.data) return;
    // a day not saved yet shows its cash slips blank (nothing counted yet), not as ¥0.00 handed in and all of it short
    const fresh = q.data.status === 'open' && q.data.version === 1;
    setCash(Object.fromEntries(q.data.slips.map((s) => [s.slipId, fresh && s.paymentTerm === 'cash' && s.cashReceived === 0 && s.cashExpected > 0 ? '' : formatYuan(s.cashReceived, false)])));
    setCopies(Object.fromEntries(q.data.slips.map((s) => [s.slipId, s.signedCopyReceived])));
    setRemarks(q.data.remarks ?? '');
  }, [q.data]);
  const [settling, setSettling] = useState(false);
  // what the driver handed in for a slip, in fen; null when it is not a figure (a cash slip's blank included)
  const fen = (text: string | undefined) => {
    try {
      return parseYuan(text ?? '');
    } catch {
      return null;
    }
  };
  const cashOf = (s: RecSlip) => (s.paymentTerm === 'cash' ? fen(cash[s.slipId]) : 0);
  const put = () =>
    api.put<ReconciliationOut>(`/api/slip-reconciliations/${id}`, {
      version: q.data!.version,
      remarks: remarks || null,
      slips: q.data!.slips.map((s) => ({ slipId: s.slipId, cashReceived: cashOf(s)!, signedCopyReceived: !!copies[s.slipId] })),
    });
  const save = useMutation({
    mutationFn: put,
    onSuccess: (r) => {
      qc.setQueryData(['slips', 'reconciliation', id], r);
      message.success(L('已保存', 'Saved'));
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const settle = useMutation({
    mutationFn: async (reason: string) => {
      const saved = await put();
      return api.post<ReconciliationOut>(`/api/slip-reconciliations/${id}/settle`, { version: saved.version, reason: reason.trim() || null });
    },
    onSuccess: (r) => {
      qc.setQueryData(['slips', 'reconciliation', id], r);
      invalidateSlips(qc);
      setSettling(false);
      message.success(L('对单已结清', 'Reconciliation settled'));
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  if (!q.data) return <PageFrame title={L('司机对单', 'Driver reconciliation')} back="/slips/reconciliations" error={q.error}><></></PageFrame>;
  const r = q.data;
  const isOpen = r.status === 'open';
  // a figure that is not one (7368.72元 typed as 7368,72; a blank) blocks saving and settling, named by slip
  const unreadable = r.slips.filter((s) => cashOf(s) === null);
  // blanks are a reminder (their boxes are orange); a figure that is not one is an error, named by slip
  const blanks = unreadable.filter((s) => !(cash[s.slipId] ?? '').trim());
  const wrong = unreadable.filter((s) => (cash[s.slipId] ?? '').trim());
  // the driver handed in what each slip says: the blanks take their cash due in one go (the clerk then corrects the odd one)
  const fillBlanks = () => setCash({ ...cash, ...Object.fromEntries(blanks.map((s) => [s.slipId, formatYuan(s.cashExpected, false)])) });
  const typedReceived = r.slips.reduce((n, s) => n + (cashOf(s) ?? 0), 0);
  const diff = typedReceived - r.cashExpected;
  return (
    <PageFrame
      title={`${L('司机对单', 'Driver reconciliation')} ${r.number}`}
      subtitle={<Tag color={isOpen ? 'orange' : 'green'}>{L(labelOf(reconciliationStatusLabels, r.status).zh, labelOf(reconciliationStatusLabels, r.status).en)}</Tag>}
      back="/slips/reconciliations"
      // a settled day prints as the 对单表 the driver and the cashier sign
      extra={!isOpen && <Button icon={<PrinterOutlined />} onClick={() => window.open(`/slips/reconciliations/${r.id}/print`, '_blank')}>{L('打印对单表', 'Print')}</Button>}
      bare
    >
      <Card style={{ marginBottom: 12 }}>
        <Space size={48} wrap>
          <Descriptions size="small" column={1}>
            {r.deliveryMode === 'pickup'
              ? <Descriptions.Item label={L('提货方式', 'Delivery')}><DeliveryCell mode="pickup" driverName={null} /></Descriptions.Item>
              : <Descriptions.Item label={L('司机', 'Driver')}>{r.driverName}</Descriptions.Item>}
            <Descriptions.Item label={L('日期', 'Date')}>{r.businessDate}</Descriptions.Item>
          </Descriptions>
          <Statistic title={L('应收现款', 'Cash due')} value={formatYuan(r.cashExpected)} prefix="¥" />
          <Statistic title={L('实收现款', 'Cash received')} value={isOpen && unreadable.length ? '—' : formatYuan(isOpen ? typedReceived : r.cashReceived)} prefix={isOpen && unreadable.length ? undefined : '¥'} />
          {isOpen && unreadable.length ? (
            <Statistic title={L('长短款', 'Over / short')} value="—" suffix={<Typography.Text type="secondary" style={{ fontSize: 14 }}>{L('（实收填完后计算）', '(once every figure is in)')}</Typography.Text>} />
          ) : (
            <Statistic
              title={L('长短款', 'Over / short')}
              value={formatYuan(isOpen ? diff : r.cashDifference)}
              prefix="¥"
              styles={{ content: { color: (isOpen ? diff : r.cashDifference) < 0 ? '#cf1322' : (isOpen ? diff : r.cashDifference) > 0 ? '#d48806' : '#389e0d' } }}
              suffix={(isOpen ? diff : r.cashDifference) === 0 ? L('（平）', '(balanced)') : (isOpen ? diff : r.cashDifference) < 0 ? L('（短款）', '(short)') : L('（长款）', '(over)')}
            />
          )}
        </Space>
      </Card>
      <Card>
        <Table
          size="small"
          rowKey="slipId"
          pagination={false}
          dataSource={r.slips}
          columns={[
            { title: L('销货清单', 'Slip'), dataIndex: 'number', width: 160, render: (v: string, s) => <Link to={`/slips/${s.slipId}`}>{v}</Link> },
            { title: L('客户', 'Customer'), dataIndex: 'customerName', ellipsis: true },
            // English terms (Cash on delivery) need the width to keep each slip on one line
            { title: L('付款方式', 'Payment'), dataIndex: 'paymentTerm', width: en ? 136 : 80, render: (v: string) => L(labelOf(paymentTermLabels, v).zh, labelOf(paymentTermLabels, v).en) },
            { title: L('金额', 'Amount'), dataIndex: 'totalAmount', width: 100, align: 'right', render: (v: number) => <Money fen={v} /> },
            // returns only once a slip has one (written here with 退货): empty, the column cut the customer's name short
            ...(r.slips.some((s) => s.returnedAmount)
              ? [{ title: L('退货', 'Returned'), dataIndex: 'returnedAmount', width: 90, align: 'right' as const, render: (v: number) => (v ? <Money fen={-v} colored /> : '') }]
              : []),
            ...(r.slips.some((s) => s.paidByDeposit > 0)
              ? [{ title: L('订金已付', 'Paid by deposit'), dataIndex: 'paidByDeposit', width: 100, align: 'right' as const, render: (v: number) => (v ? <Money fen={v} /> : '') }]
              : []),
            { title: L('应收现款', 'Cash due'), dataIndex: 'cashExpected', width: 100, align: 'right', render: (v: number) => <Money fen={v} /> },
            {
              title: L('实收（元）', 'Received'), key: 'cash', width: 120,
              render: (_: unknown, s) => s.paymentTerm === 'cash'
                ? <Input aria-label={`${L('实收', 'Received')} ${s.number}`} disabled={!isOpen} value={cash[s.slipId] ?? ''} status={cashOf(s) !== null ? undefined : (cash[s.slipId] ?? '').trim() ? 'error' : 'warning'}
                    onChange={(e) => setCash({ ...cash, [s.slipId]: e.target.value })}
                    onBlur={() => { const v = cashOf(s); if (v !== null) setCash({ ...cash, [s.slipId]: formatYuan(v, false) }); }} />
                : <Typography.Text type="secondary">{L(`${labelOf(paymentTermLabels, s.paymentTerm).zh}，不收现款`, 'no cash')}</Typography.Text>,
            },
            {
              title: L('客户签字联', 'Signed copy'), key: 'copy', width: 140,
              render: (_: unknown, s) => s.paymentTerm === 'cash' ? '—' : (
                <Space direction="vertical" size={0}>
                  <Checkbox aria-label={`${L('签字联已收回', 'Signed copy back')} ${s.number}`} disabled={!isOpen} checked={!!copies[s.slipId]} onChange={(e) => setCopies({ ...copies, [s.slipId]: e.target.checked })}>{L('已收回', 'back')}</Checkbox>
                  {s.handedToFinanceAt && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{L('已交财务', 'to finance')} <DateTime value={s.handedToFinanceAt} /></Typography.Text>}
                </Space>
              ),
            },
            { title: L('结果', 'Outcome'), dataIndex: 'outcome', width: 80, render: (v: string) => L(labelOf(reconciliationOutcomeLabels, v).zh, labelOf(reconciliationOutcomeLabels, v).en) },
            { title: '', key: 'ret', width: 70, render: (_: unknown, s) => isOpen && <Button size="small" onClick={() => setReturning(s)}>{L('退货', 'Return')}</Button> },
          ]}
        />
        <Input.TextArea style={{ marginTop: 12 }} rows={2} disabled={!isOpen} placeholder={L('备注（如：短款原因）', 'Remarks (e.g. why short)')} value={remarks} onChange={(e) => setRemarks(e.target.value)} />
        {isOpen && unreadable.length > 0 && (
          // a blank is still to be filled in (a reminder); a figure that is not one is an error
          <Alert style={{ marginTop: 12 }} type={wrong.length ? 'error' : 'warning'} showIcon
            title={[
              ...wrong.map((s) => L(`销货清单 ${s.number} 的实收金额「${cash[s.slipId]}」不是有效金额`, `Slip ${s.number}: the cash received "${cash[s.slipId]}" is not an amount`)),
              // a day just opened has every cash slip blank: their count, not a paragraph of slip numbers
              ...(blanks.length > 3
                ? [L(`还有 ${blanks.length} 张现款单没有填写实收金额（橙色框）`, `${blanks.length} cash slips have no cash received entered yet (orange boxes)`)]
                : blanks.map((s) => L(`销货清单 ${s.number} 没有填写实收金额`, `Slip ${s.number}: no cash received entered`))),
            ].join('；')}
            description={L(`请填写金额，如 7368.72（可带 ¥ 或 元，全角数字亦可）；没有收到现金填 0。${wrong.length ? '改正' : '填写'}前不能保存或结清。`, 'Enter an amount such as 7368.72 (¥, 元 and full-width digits are fine); 0 if no cash came back. Nothing is saved or settled until then.')} />
        )}
        {isOpen && (
          <Space style={{ marginTop: 12 }}>
            <Button onClick={() => save.mutate()} loading={save.isPending} disabled={unreadable.length > 0}>{L('保存', 'Save')}</Button>
            <Button type="primary" onClick={() => setSettling(true)} disabled={unreadable.length > 0}>{L('结清对单', 'Settle')}</Button>
            {blanks.length > 0 && (
              <Button onClick={fillBlanks} title={L('司机按单交回现金时：未填的现款单都填入其应收现款，再改有出入的那几张', 'When the driver handed in what each slip says: every blank takes its cash due; then correct the odd one')}>
                {L(`未填的按应收填入（${blanks.length} 张）`, `Fill blanks with cash due (${blanks.length})`)}
              </Button>
            )}
          </Space>
        )}
        {!isOpen && <Alert style={{ marginTop: 12 }} type="success" showIcon title={L(`已由 ${r.settledByName} 结清`, `Settled by ${r.settledByName}`)} />}
      </Card>
      <ReturnDialog slip={returning} onClose={() => { setReturning(null); void q.refetch(); }} />
      {settling && <SettleDialog expected={r.cashExpected} received={typedReceived} remarks={remarks} pending={settle.isPending} onSettle={(reason) => settle.mutate(reason)} onClose={() => setSettling(false)} />}
    </PageFrame>
  );
}

/** 结清 confirmed: the day's figures, and the reason when the cash is short or over (the API requires it too). */
function SettleDialog({ expected, received, remarks, pending, onSettle, onClose }: { expected: number; received: number; remarks: string; pending: boolean; onSettle: (reason: string) => void; onClose: () => void }) {
  const L = useL();
  const [reason, setReason] = useState(remarks);
  const diff = received - expected;
  const kind = diff < 0 ? L('短款', 'short') : L('长款', 'over');
  return (
    <Modal open title={L('结清对单', 'Settle the reconciliation')} onCancel={onClose} onOk={() => onSettle(reason)}
      okText={L('确认结清', 'Settle')} okButtonProps={{ loading: pending, disabled: diff !== 0 && !reason.trim() }}>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={L('应收现款', 'Cash due')}>¥{formatYuan(expected)}</Descriptions.Item>
        <Descriptions.Item label={L('实收现款', 'Cash received')}>¥{formatYuan(received)}</Descriptions.Item>
        <Descriptions.Item label={L('长短款', 'Over / short')}>
          <Typography.Text strong type={diff < 0 ? 'danger' : diff > 0 ? 'warning' : 'success'}>{diff === 0 ? L('平（无长短款）', 'balanced') : `${kind} ¥${formatYuan(Math.abs(diff))}`}</Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      {diff !== 0 && (
        <Input.TextArea style={{ marginTop: 12 }} rows={2} aria-label={L('长短款原因', 'Reason for the difference')} value={reason} onChange={(e) => setReason(e.target.value)}
          placeholder={L(`${kind}原因（必填，如：客户抹零、司机找零有误）`, `Why the cash is ${kind} (required)`)} />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {L('结清后各单变为「已对单」，金额不能再修改。', 'Once settled the slips are reconciled and the figures no longer change.')}
      </Typography.Paragraph>
    </Modal>
  );
}
