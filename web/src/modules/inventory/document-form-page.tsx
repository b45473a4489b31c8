import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, AutoComplete, Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Spin, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useParams } from 'react-router';
import { api, errorMessage } from '../../app/api.ts';
import { useT } from '../../app/i18n.tsx';
import { applyFormErrors } from '../../components/form-errors.ts';
import { PageFrame } from '../../components/page-frame.tsx';
import { UserPicker } from '../../components/remote-select.tsx';
import { ProductPicker } from '../products/product-picker.tsx';
import { BatchPicker, useBatchesInStock, useQtyWithPacks } from './batch-picker.tsx';
import { invalidateStock, outboundReasons, qty, STOCK_KEY, stockDocTypeLabels, WarehouseSelect, type DocumentOut, type StockDocType } from './shared.tsx';

type LineValues = { productId?: number | null; batchNo?: string; productionDate?: Dayjs | null; expiryDate?: Dayjs | null; quantity?: number | null; boxCodes?: string[]; remarks?: string };
type Values = { warehouseId?: number; toWarehouseId?: number | null; businessDate?: Dayjs; counterparty?: string; reason?: string; remarks?: string; handlerId?: number | null; lines: LineValues[] };

const docTypes: StockDocType[] = ['inbound', 'outbound', 'transfer', 'count'];
const orNull = (v: string | undefined | null) => (v && v.trim() ? v.trim() : null);

/**
 * What the warehouse holds of a product now (outbound, transfer and count lines), cases beside: of the batch
 * picked when there is one (what it holds and what it may give), else of the product.
 */
function OnHandHint({ warehouseId, productId, batchNo }: { warehouseId?: number; productId?: number | null; batchNo?: string }) {
  const t = useT();
  const q = useBatchesInStock(warehouseId, productId);
  const withPacks = useQtyWithPacks();
  if (!warehouseId || !productId || !q.data) return null;
  const d = q.data;
  const packing = { unit: d.product.unit, packUnit: d.product.packUnit, packSize: d.product.packSize };
  const batch = batchNo ? d.items.find((b) => b.batchNo === batchNo) : undefined;
  const shown = batch ?? (batchNo ? null : d);
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="on-hand-hint">
      {batchNo ? t('inv.batchHint', { batchNo }) : null}
      {t('inv.onHand')} {withPacks(shown?.onHand ?? 0, packing)} · {t('inv.available')} {qty(shown?.available ?? 0)}
    </Typography.Text>
  );
}

/** 入库单 / 出库单 / 调拨单 / 盘点单 entry: a new draft of a kind (/stock/documents/new/:docType) or a draft edited (/stock/documents/:id/edit). */
export function DocumentFormPage() {
  const t = useT();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const params = useParams();
  const editId = params.id ? Number(params.id) : null;
  const existing = useQuery({ queryKey: [...STOCK_KEY, 'document', editId], queryFn: () => api.get<DocumentOut>(`/api/stock-documents/${editId}`), enabled: !!editId });
  const docType = (editId ? existing.data?.docType : (params.docType as StockDocType)) ?? null;
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [units, setUnits] = useState<Record<number, string>>({});
  const warehouseId = Form.useWatch('warehouseId', form);
  const lines = Form.useWatch('lines', form);

  useEffect(() => {
    const d = existing.data;
    if (!d) return;
    form.setFieldsValue({
      warehouseId: d.warehouseId, toWarehouseId: d.toWarehouseId, businessDate: dayjs(d.businessDate), counterparty: d.counterparty ?? '', reason: d.reason ?? '', remarks: d.remarks ?? '', handlerId: d.handlerId,
      lines: d.lines.map((l) => ({ productId: l.productId, batchNo: l.batchNo ?? '', productionDate: l.productionDate ? dayjs(l.productionDate) : null, expiryDate: l.expiryDate ? dayjs(l.expiryDate) : null, quantity: l.quantity, boxCodes: l.boxCodes, remarks: l.remarks ?? '' })),
    });
    setUnits(Object.fromEntries(d.lines.map((l) => [l.productId, l.unit])));
  }, [existing.data, form]);

  // a submitted (or void) document is not edited: show it instead
  const notDraft = !!existing.data && existing.data.status !== 'draft';
  useEffect(() => {
    if (notDraft) navigate(`/stock/documents/${editId}`, { replace: true });
  }, [notDraft, editId, navigate]);

  if (!docType || !docTypes.includes(docType)) return <PageFrame title={t('inv.docs')} error={existing.error}>{existing.isPending ? <Spin /> : null}</PageFrame>;
  // mid-sentence in English (New stock count, Submit this transfer?)
  const typeLabel = t.locale === 'en-US' ? t.l(stockDocTypeLabels[docType]).toLowerCase() : t.l(stockDocTypeLabels[docType]);

  // box codes: registered by an inbound slip, issued by an outbound one (the boxes given away leave the stock by code)
  const withCodes = docType === 'inbound' || docType === 'outbound';
  const save = async (submit: boolean) => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    // submitting moves stock and cannot be undone but by a void: the keeper confirms it
    if (submit && !(await modal.confirm({ title: t('inv.submitConfirm', { type: typeLabel }), content: t(`inv.submitConfirm.${docType}`), okText: t('inv.submit'), cancelText: t('common.cancel') }))) return;
    setBusy(true);
    setError(null);
    const body = {
      warehouseId: v.warehouseId, toWarehouseId: docType === 'transfer' ? v.toWarehouseId ?? null : null, businessDate: v.businessDate?.format('YYYY-MM-DD') ?? null,
      counterparty: orNull(v.counterparty), reason: orNull(v.reason), remarks: orNull(v.remarks), handlerId: v.handlerId ?? null, submit,
      lines: (v.lines ?? []).map((l) => ({
        productId: l.productId, batchNo: orNull(l.batchNo), productionDate: l.productionDate?.format('YYYY-MM-DD') ?? null, expiryDate: l.expiryDate?.format('YYYY-MM-DD') ?? null,
        quantity: l.quantity ?? 0, remarks: orNull(l.remarks), boxCodes: withCodes ? (l.boxCodes ?? []).map((c) => c.trim()).filter(Boolean) : [],
      })),
    };
    try {
      const doc = editId ? await api.put<DocumentOut>(`/api/stock-documents/${docType}/${editId}`, { ...body, version: existing.data!.version }) : await api.post<DocumentOut>(`/api/stock-documents/${docType}`, body);
      invalidateStock(qc);
      message.success(submit ? t('inv.submitted') : t('inv.draftSaved'));
      navigate(`/stock/documents/${doc.id}`, { replace: true });
    } catch (e) {
      const rest = applyFormErrors(form, e);
      setError([errorMessage(e), ...rest].join('；'));
    } finally {
      setBusy(false);
    }
  };

  const withDates = docType === 'inbound' || docType === 'count';
  return (
    <PageFrame title={editId ? t('inv.edit', { type: typeLabel }) : t('inv.new', { type: typeLabel })} back="/stock/documents" bare error={existing.error}>
      <Form
        name="stock-document" form={form} layout="vertical" initialValues={{ businessDate: dayjs(), lines: [{}] }}
        onValuesChange={(changed: Partial<Values>) => {
          // the batches picked were the other warehouse's: they go with it, as a line's go with its product
          if (docType !== 'inbound' && 'warehouseId' in changed) ((form.getFieldValue('lines') as LineValues[] | undefined) ?? []).forEach((_, i) => form.setFieldValue(['lines', i, 'batchNo'], ''));
          // a transfer now leaving the warehouse it was going to: that one is no longer a target (its list drops it)
          if (docType === 'transfer' && changed.warehouseId && changed.warehouseId === form.getFieldValue('toWarehouseId')) form.setFieldValue('toWarehouseId', null);
        }}
      >
        <Card variant="borderless" style={{ marginBottom: 12 }}>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          {/* the header's fields in one row at 1366 px where they fit (the remarks take what is left), wrapping
              below otherwise; the handler's width is that of its help line, so the help does not push the row */}
          <div style={{ display: 'flex', flexWrap: 'wrap', columnGap: 16, alignItems: 'flex-start' }}>
            <Form.Item name="warehouseId" label={docType === 'transfer' ? t('inv.fromWarehouse') : t('inv.warehouse')} rules={[{ required: true, message: t('common.required', { field: t('inv.warehouse') }) }]}>
              <WarehouseSelect style={{ width: 180 }} allowClear={false} />
            </Form.Item>
            {docType === 'transfer' && (
              <Form.Item name="toWarehouseId" label={t('inv.toWarehouse')} rules={[{ required: true, message: t('common.required', { field: t('inv.toWarehouse') }) }]}>
                <WarehouseSelect style={{ width: 180 }} exclude={warehouseId} allowClear={false} />
              </Form.Item>
            )}
            <Form.Item name="businessDate" label={t('inv.businessDate')} rules={[{ required: true }]}>
              <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: 140 }} />
            </Form.Item>
            {(docType === 'inbound' || docType === 'outbound') && (
              <Form.Item name="counterparty" label={t(`inv.counterparty.${docType}`)} rules={docType === 'outbound' ? [{ required: true, whitespace: true, message: t('common.required', { field: t('inv.counterparty.outbound') }) }] : []}>
                <Input maxLength={100} style={{ width: 200 }} />
              </Form.Item>
            )}
            {docType === 'outbound' && (
              <Form.Item name="reason" label={t('inv.reason.outbound')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('inv.reason.outbound') }) }]}>
                <AutoComplete style={{ width: 180 }} options={outboundReasons.map((r) => ({ value: t.l(r) }))} maxLength={200} />
              </Form.Item>
            )}
            {docType === 'count' && (
              <Form.Item name="reason" label={t('inv.reason.count')}>
                <Input maxLength={200} style={{ width: 220 }} />
              </Form.Item>
            )}
            <Form.Item name="handlerId" label={t('inv.handler')} extra={t('inv.handlerHelp')} rules={[{ required: true, message: t('common.required', { field: t('inv.handler') }) }]} style={{ width: 290 }}>
              <UserPicker style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="remarks" label={t('inv.remarks')} style={{ flex: '1 1 150px' }}>
              <Input maxLength={500} />
            </Form.Item>
          </div>
        </Card>
        <Card variant="borderless" title={t('inv.lines')}>
          <Form.List name="lines">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => {
                  const line = lines?.[i];
                  return (
                    // one row at 1366 px (1070 px inside the card) for a count, an outbound slip and a transfer: the
                    // widths below sum to about 1070 with the gaps for a count (the batch picker 150, its placeholder
                    // whole), the remarks taking what is left (they wrapped under the line before); an inbound slip's
                    // box codes take a row of their own with the remarks
                    <div key={f.key} style={{ display: 'flex', gap: 8, alignItems: 'flex-start', flexWrap: 'wrap', borderBottom: '1px dashed #f0f0f0', paddingTop: 8 }}>
                      <Typography.Text type="secondary" style={{ width: 24, paddingTop: 36 }}>{i + 1}</Typography.Text>
                      <Form.Item name={[f.name, 'productId']} label={t('inv.product')} rules={[{ required: true, message: t('common.required', { field: t('inv.product') }) }]} getValueFromEvent={(p) => p?.id ?? null} style={{ flex: '1 0 260px', maxWidth: 400 }}>
                        <ProductPicker
                          includeInactive={docType !== 'inbound'}
                          onChange={(p) => {
                            if (p) setUnits((u) => ({ ...u, [p.id]: p.unit }));
                            // another product's batches are not this one's: the batch picked goes with the product
                            if (docType !== 'inbound' && p?.id !== line?.productId) form.setFieldValue(['lines', f.name, 'batchNo'], '');
                          }}
                        />
                      </Form.Item>
                      {docType === 'inbound' ? (
                        <Form.Item name={[f.name, 'batchNo']} label={t('inv.batchNo')} style={{ width: 120 }}>
                          <Input maxLength={50} />
                        </Form.Item>
                      ) : (
                        // picked from the batches in stock (nearest expiry first); a count may type one the book lacks
                        <Form.Item name={[f.name, 'batchNo']} label={t('inv.batchNo')} tooltip={t(docType === 'count' ? 'inv.batchCountTip' : docType === 'transfer' ? 'inv.batchPickTip.transfer' : 'inv.batchPickTip')} style={{ width: 150 }}>
                          <BatchPicker warehouseId={warehouseId} productId={line?.productId} mode={docType === 'count' ? 'count' : 'issue'} placeholder={docType === 'count' ? t('inv.batchCountAllShort') : t('inv.batchAutoShort')} />
                        </Form.Item>
                      )}
                      {withDates && (
                        <>
                          <Form.Item name={[f.name, 'productionDate']} label={t('inv.productionDate')}>
                            <DatePicker style={{ width: 130 }} />
                          </Form.Item>
                          <Form.Item name={[f.name, 'expiryDate']} label={t('inv.expiryDate')}>
                            <DatePicker style={{ width: 130 }} />
                          </Form.Item>
                        </>
                      )}
                      <Form.Item
                        name={[f.name, 'quantity']}
                        label={docType === 'count' ? t('inv.counted') : t('inv.quantity')}
                        rules={[{ required: true, message: t('common.required', { field: t('inv.quantity') }) }]}
                        extra={docType !== 'inbound' ? <OnHandHint warehouseId={warehouseId} productId={line?.productId} batchNo={line?.batchNo?.trim() || undefined} /> : undefined}
                        style={{ width: 170 }}
                      >
                        <InputNumber min={docType === 'count' ? 0 : 1} max={1_000_000_000} precision={0} style={{ width: 120 }} addonAfter={line?.productId ? units[line.productId] : undefined} />
                      </Form.Item>
                      {withCodes && (
                        <Form.Item name={[f.name, 'boxCodes']} label={t('inv.boxCodes')} extra={t(docType === 'inbound' ? 'inv.boxCodesHelp' : 'inv.boxCodesOutHelp')} style={{ flex: '2 1 220px' }}>
                          <Select mode="tags" tokenSeparators={[',', ' ', '\n']} open={false} suffixIcon={null} />
                        </Form.Item>
                      )}
                      <Form.Item name={[f.name, 'remarks']} label={t('inv.remarks')} style={{ flex: '1 1 100px' }}>
                        <Input maxLength={200} />
                      </Form.Item>
                      <Button type="text" danger aria-label={t('common.delete')} icon={<DeleteOutlined aria-hidden />} disabled={fields.length === 1} onClick={() => remove(f.name)} style={{ marginTop: 30 }} />
                    </div>
                  );
                })}
                <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({})} style={{ marginTop: 12 }}>{t('inv.addLine')}</Button>
              </>
            )}
          </Form.List>
        </Card>
        <Space style={{ marginTop: 12 }}>
          <Button onClick={() => save(false)} loading={busy}>{t('inv.saveDraft')}</Button>
          <Button type="primary" onClick={() => save(true)} loading={busy}>{t('inv.saveSubmit')}</Button>
        </Space>
      </Form>
    </PageFrame>
  );
}
