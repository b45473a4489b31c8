import { useQuery, type QueryClient } from '@tanstack/react-query';
import { Select, Tag, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { Link } from 'react-router';
import { api, type Page } from '../../app/api.ts';
import { registerMessages, useT } from '../../app/i18n.tsx';
import { listKey } from '../../components/server-table.tsx';
import { PackNote, type Packing } from '../products/pack-quantity.tsx';
import {
  ledgerDocLabels, outboundReasons, purchaseSourceLabels, purchaseStatusLabels, signRoleLabels, stockDocStatusLabels, stockDocTypeLabels,
  type PurchaseStatus, type StockDocStatus, type StockDocType,
} from '../../../../src/modules/inventory/labels.ts';
import type {
  BatchOut, BatchPickOut, CheckOut, DocumentListItem, DocumentOut, PurchaseRequestOut, ReplenishmentOut, StockLevelOut, WarehouseOut,
} from '../../../../src/modules/inventory/schema.ts';

export { ledgerDocLabels, outboundReasons, purchaseSourceLabels, purchaseStatusLabels, signRoleLabels, stockDocStatusLabels, stockDocTypeLabels };
export type { BatchOut, BatchPickOut, CheckOut, DocumentListItem, DocumentOut, PurchaseRequestOut, PurchaseStatus, ReplenishmentOut, StockDocStatus, StockDocType, StockLevelOut, WarehouseOut };

export const STOCK_KEY = ['inventory'] as const;

/** After a stock change: every inventory query and list. */
export function invalidateStock(qc: QueryClient) {
  void qc.invalidateQueries({ queryKey: STOCK_KEY });
  for (const e of ['/api/stock', '/api/stock/batches', '/api/stock/at-date', '/api/stock-documents', '/api/stock/alerts/low', '/api/stock/replenishment', '/api/purchase-requests', '/api/warehouses']) {
    void qc.invalidateQueries({ queryKey: listKey(e) });
  }
}

/** Active warehouses of the company (few: one request, cached). */
export function useWarehouses(includeInactive = false) {
  return useQuery({
    queryKey: [...STOCK_KEY, 'warehouses', includeInactive],
    queryFn: () => api.get<Page<WarehouseOut>>('/api/warehouses', { pageSize: 500, active: includeInactive ? undefined : '1' }),
    staleTime: 60_000,
  });
}

export function WarehouseSelect({ value, onChange, placeholder, style, allowClear = true, exclude, id, includeInactive }: {
  value?: number | null;
  onChange?: (v: number | null) => void;
  placeholder?: string;
  style?: CSSProperties;
  allowClear?: boolean;
  exclude?: number | null;
  id?: string;
  includeInactive?: boolean;
}) {
  const t = useT();
  const q = useWarehouses(includeInactive);
  return (
    <Select
      id={id}
      allowClear={allowClear}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={placeholder ?? t('inv.warehouse')}
      style={style ?? { width: 180 }}
      loading={q.isPending}
      value={value ?? undefined}
      onChange={(v?: number) => onChange?.(v ?? null)}
      options={(q.data?.items ?? []).filter((w) => w.id !== exclude).map((w) => ({ value: w.id, label: `${w.name}（${w.code}）` }))}
    />
  );
}

const statusColor: Record<StockDocStatus, string> = { draft: 'default', submitted: 'blue', signed: 'green', void: 'red', discarded: 'default' };
export function DocStatusTag({ status }: { status: StockDocStatus }) {
  const t = useT();
  return <Tag color={statusColor[status]}>{t.l(stockDocStatusLabels[status])}</Tag>;
}

const purchaseColor: Record<PurchaseStatus, string> = { open: 'orange', ordered: 'blue', closed: 'green', void: 'red' };
export function PurchaseStatusTag({ status }: { status: PurchaseStatus }) {
  const t = useT();
  return <Tag color={purchaseColor[status]}>{t.l(purchaseStatusLabels[status])}</Tag>;
}

/** A ledger row's source document, linked where the page exists. */
export function DocLink({ docType, docId, docNo }: { docType: string; docId: number; docNo: string }) {
  const t = useT();
  const label = ledgerDocLabels[docType];
  const href = docType in stockDocTypeLabels ? `/stock/documents/${docId}` : docType === 'sales_slip' ? `/slips/${docId}` : null;
  return (
    <span>
      <Typography.Text type="secondary" style={{ marginRight: 6 }}>{label ? t.l(label) : docType}</Typography.Text>
      {href ? <Link to={href}>{docNo}</Link> : docNo}
    </span>
  );
}

export const qty = (n: number | null | undefined, unit?: string) => (n === null || n === undefined ? '—' : `${n.toLocaleString('zh-CN')}${unit ? ` ${unit}` : ''}`);

/**
 * A stock figure in a table cell: the quantity (49 瓶; without the unit where the column's other figure says it),
 * its cases under it where the product has a pack (4箱1瓶), as order and slip pages show them (PackNote).
 */
export function StockQty({ n, packing, withUnit = true, style, testId }: { n: number; packing: Packing; withUnit?: boolean; style?: CSSProperties; testId?: string }) {
  return (
    <>
      <div style={{ whiteSpace: 'nowrap', ...style }}>{qty(n, withUnit ? packing.unit : undefined)}</div>
      <PackNote quantity={n} packing={packing} testId={testId} />
    </>
  );
}

export const inventoryMessages = registerMessages({
  zh: {
    'inv.warehouse': '仓库',
    'inv.warehouses': '仓库管理',
    'inv.warehouses.sub': '公司的仓库、地址和仓管员',
    'inv.warehouse.new': '新建仓库',
    'inv.warehouse.edit': '编辑仓库',
    'inv.warehouse.code': '仓库编码',
    'inv.warehouse.name': '仓库名称',
    'inv.warehouse.address': '地址',
    'inv.warehouse.keeper': '仓管员',
    'inv.warehouse.codeHelp': '字母、数字、- 或 _',
    'inv.stock': '库存查询',
    'inv.stock.sub': '各仓库各商品的现存量、预留量和可用量',
    'inv.product': '商品',
    'inv.productCode': '商品编码',
    'inv.productName': '商品名称',
    'inv.spec': '规格',
    'inv.unit': '单位',
    'inv.category': '类别',
    'inv.onHand': '现存量',
    'inv.reserved': '预留量',
    'inv.available': '可用量',
    'inv.safetyStock': '安全库存',
    'inv.targetStock': '目标库存',
    'inv.ownLimits': '本仓',
    'inv.ownLimitsHint': '本仓库单独设置的安全/目标库存（未设置时按商品档案）',
    'inv.setLimits': '设安全库存',
    'inv.limitsTitle': '{warehouse}：{product} 的安全/目标库存',
    'inv.limitsHelp': '只对本仓库生效（如分仓备货少于总仓）。留空则按商品档案中的安全库存和目标库存；库存预警、每日提醒和补货建议都按此计算。',
    'inv.limitsDefault': '留空：按商品档案（{n}）',
    'inv.nearestExpiry': '最近到期',
    'inv.belowSafety': '低于安全库存',
    'inv.expiringWithin': '{days} 天内到期',
    'inv.expiringDays': '到期天数',
    'inv.nonZero': '只看有库存',
    'inv.searchProduct': '商品名称/拼音/编码/条码',
    'inv.batches': '批次库存',
    'inv.batches.sub': '按批号查看生产日期、到期日期和结存',
    'inv.batchNo': '批号',
    'inv.productionDate': '生产日期',
    'inv.expiryDate': '到期日期',
    'inv.daysToExpiry': '剩余天数',
    'inv.expired': '已过期 {days} 天',
    'inv.daysLeft': '{days} 天',
    'inv.includeEmpty': '含已用完批次',
    'inv.atDate': '历史库存',
    'inv.atDate.sub': '某一业务日期结束时的库存，按库存台账累计',
    'inv.date': '日期',
    'inv.ledger': '库存台账',
    'inv.ledger.sub': '商品的每一笔出入库及其来源单据',
    'inv.ledger.pick': '请选择商品查看台账',
    'inv.businessDate': '业务日期',
    'inv.quantity': '数量',
    'inv.inQty': '入库',
    'inv.outQty': '出库',
    'inv.balance': '结存',
    'inv.document': '单据',
    'inv.operator': '经办人',
    'inv.reversal': '作废冲回',
    'inv.opening': '期初结存',
    'inv.closing': '期末结存',
    'inv.check': '库存与台账核对',
    'inv.check.sub': '核对库存表、批次表与库存台账合计是否一致',
    'inv.check.run': '重新核对',
    'inv.check.ok': '核对一致：库存表与台账完全相符',
    'inv.check.bad': '发现 {n} 处不一致',
    'inv.check.counts': '共核对 {levels} 条库存、{batches} 个批次、{rows} 条台账记录（{at}）',
    'inv.check.kind': '核对项',
    'inv.check.kind.level': '库存表 ≠ 台账合计',
    'inv.check.kind.batch': '批次表 ≠ 台账合计',
    'inv.check.kind.batches_vs_level': '批次合计 ≠ 库存表',
    'inv.check.kind.period_moves': '按月/按日汇总 ≠ 库存表',
    'inv.check.kind.reserved': '预留量 ≠ 预留明细',
    'inv.check.table': '表中数',
    'inv.check.expected': '应为',
    'inv.docs': '库存单据',
    'inv.docs.sub': '入库单、出库单、调拨单、盘点单',
    'inv.docType': '单据类型',
    'inv.number': '单号',
    'inv.new': '新建{type}',
    'inv.edit': '编辑{type}',
    'inv.counterparty.inbound': '供货单位',
    'inv.counterparty.outbound': '领用单位/领用人',
    'inv.reason': '原因',
    'inv.reason.outbound': '出库原因',
    'inv.reason.count': '盘点说明',
    'inv.remarks': '备注',
    'inv.toWarehouse': '调入仓库',
    'inv.fromWarehouse': '调出仓库',
    'inv.lines': '明细',
    'inv.addLine': '添加一行',
    'inv.boxCodes': '箱码',
    'inv.boxCodesHelp': '扫码或输入后回车，每箱一个',
    'inv.boxCodesOutHelp': '按箱码管理的商品：扫出库的每一箱（须在本仓库存中）',
    'inv.counted': '实盘数量',
    'inv.book': '账面数量',
    'inv.difference': '盈亏',
    'inv.batchAuto': '不填则按先到期先出',
    'inv.batchCountAll': '不填则盘点全部批次',
    'inv.batchAutoShort': '默认先到期先出',
    'inv.batchCountAllShort': '默认全部批次',
    'inv.batchCountTip': '不填则盘点全部批次；可从有库存的批次中选，货架上有而账上没有的批次可直接输入批号',
    'inv.batchPickTip': '从本仓库该商品有库存的批次中选（最近到期的在前）；不填则按先到期先出',
    'inv.batchPickTip.transfer': '从调出仓库该商品有库存的批次中选（最近到期的在前），不填则按先到期先出；调入仓库按原批号和生产、到期日期入库',
    'inv.batchPickFirst': '请先选择仓库和商品',
    'inv.batchNone': '本仓库没有该商品的库存批次',
    'inv.batchUnnumbered': '另有无批号的库存 {n}：不选批号时按先到期先出，最后出库',
    'inv.batchUnnumberedCount': '另有无批号的库存 {n}：不填批号时与全部批次一起盘点',
    'inv.batchNotInBook': '账上没有批号 {batchNo}：提交后按实盘数量盘盈入库',
    'inv.batchMore': '只列出最近到期的 {n} 个批次（共 {total} 个）',
    'inv.batchHint': '批次 {batchNo}：',
    'inv.expiredTag': '已过期',
    'inv.producedOn': '生产',
    'inv.expiresOn': '到期',
    'inv.noExpiry': '无到期日',
    'inv.totalQuantity': '合计数量',
    'inv.totalCounted': '实盘数量合计',
    'inv.countGain': '盘盈合计',
    'inv.countLoss': '盘亏合计',
    'inv.preparer': '制单人',
    'inv.saveDraft': '保存草稿',
    'inv.saveSubmit': '保存并提交',
    'inv.submit': '提交',
    'inv.submitted': '已提交，库存已更新',
    'inv.submitConfirm': '提交{type}？',
    'inv.submitConfirm.inbound': '提交后生成单据编号，货物计入所选仓库的库存，箱码登记。提交后不能再修改，开错了只能作废。',
    'inv.submitConfirm.outbound': '提交后生成单据编号，货物从所选仓库的库存中扣减，箱码出库。提交后不能再修改，开错了只能作废。',
    'inv.submitConfirm.transfer': '提交后生成单据编号，货物从调出仓库转入调入仓库。提交后不能再修改，开错了只能作废。',
    'inv.submitConfirm.count': '提交后生成单据编号，按实盘数量调整库存：盘盈的入库，盘亏的出库。提交后不能再修改，盘错了只能作废后重盘。',
    'inv.draftSaved': '草稿已保存',
    'inv.discard': '丢弃草稿',
    'inv.discardConfirm': '确定丢弃这张草稿吗？',
    'inv.void': '作废',
    'inv.voidTitle': '作废单据',
    'inv.voidReason': '作废原因',
    'inv.voidHelp': '作废后库存按原单据全部冲回；货物已出库的单据不能作废。',
    'inv.voided': '已作废',
    'inv.voidMark': '作 废',
    'inv.voidInfo': '{by}于 {at} 作废，原因：{reason}',
    'inv.print': '打印',
    'inv.signatures': '签字',
    'inv.sign': '签字',
    'inv.signAs': '以「{role}」签字',
    'inv.signed': '已签字',
    'inv.notSigned': '未签',
    'inv.signHelp': '仓管、制单人、经手人须由三个不同的人各用自己的账号签字，不能代签，一人不能签两栏。',
    'inv.handler': '经手人',
    'inv.handlerHelp': '提交后由经手人本人登录签字，不能是制单人',
    'inv.expectSigner': '待{who}签字',
    'inv.expectKeeper': '仓管（制单人、经手人以外）',
    'inv.expectAnyone': '经手人',
    'inv.movements': '库存变动',
    'inv.submittedAt': '提交时间',
    'inv.alerts': '库存预警',
    'inv.alerts.sub': '低于安全库存、临近到期的批次和补货建议',
    'inv.alerts.low': '低于安全库存',
    'inv.alerts.expiring': '临期批次',
    'inv.alerts.replenish': '补货建议',
    'inv.shortBy': '缺口',
    'inv.incoming': '在途（请购中）',
    'inv.projected': '预计可用',
    'inv.suggested': '建议采购',
    'inv.raise': '请购',
    'inv.raiseTitle': '生成请购单',
    'inv.raised': '请购单 {number} 已生成',
    'inv.purchase': '请购单',
    'inv.purchase.sub': '缺货和补货的请购记录，供采购人员处理',
    'inv.purchase.new': '新建请购',
    'inv.purchase.source': '来源',
    'inv.purchase.requestedBy': '请购人',
    'inv.purchase.ordered': '标记已下单',
    'inv.purchase.close': '到货关闭',
    'inv.purchase.closeConfirm': '确定关闭这张请购单吗？',
    'inv.purchase.orderedConfirm': '确认已向供应商下单？标记后不能改回待采购，到货后再关闭。',
    'inv.purchase.orderedDone': '已标记为已下单',
    'inv.purchase.closedDone': '请购单已关闭',
    'inv.createdAt': '创建时间',
    'inv.docLink': '查看单据',
  },
  en: {
    'inv.warehouse': 'Warehouse',
    'inv.warehouses': 'Warehouses',
    'inv.warehouses.sub': "The company's warehouses, addresses and keepers",
    'inv.warehouse.new': 'New warehouse',
    'inv.warehouse.edit': 'Edit warehouse',
    'inv.warehouse.code': 'Code',
    'inv.warehouse.name': 'Name',
    'inv.warehouse.address': 'Address',
    'inv.warehouse.keeper': 'Keeper',
    'inv.warehouse.codeHelp': 'Letters, digits, - or _',
    'inv.stock': 'Stock',
    'inv.stock.sub': 'On hand, reserved and available per warehouse and product',
    'inv.product': 'Product',
    'inv.productCode': 'Code',
    'inv.productName': 'Product',
    'inv.spec': 'Spec',
    'inv.unit': 'Unit',
    'inv.category': 'Category',
    'inv.onHand': 'On hand',
    'inv.reserved': 'Reserved',
    'inv.available': 'Available',
    'inv.safetyStock': 'Safety stock',
    'inv.targetStock': 'Target stock',
    'inv.ownLimits': 'Own',
    'inv.ownLimitsHint': "This warehouse's own safety/target stock (else the product file's)",
    'inv.setLimits': 'Set',
    'inv.limitsTitle': '{warehouse}: safety/target stock of {product}',
    'inv.limitsHelp': "For this warehouse only (a branch holding less than the central warehouse). Leave empty to use the product file's safety and target stock; alerts, the daily notice and replenishment follow these figures.",
    'inv.limitsDefault': "Empty: the product's ({n})",
    'inv.nearestExpiry': 'Nearest expiry',
    'inv.belowSafety': 'Below safety stock',
    'inv.expiringWithin': 'Expiring within {days} days',
    'inv.expiringDays': 'Days to expiry',
    'inv.nonZero': 'In stock only',
    'inv.searchProduct': 'Product name, pinyin, code or barcode',
    'inv.batches': 'Batches',
    'inv.batches.sub': 'Batch numbers with production and expiry dates',
    'inv.batchNo': 'Batch',
    'inv.productionDate': 'Produced',
    'inv.expiryDate': 'Expires',
    'inv.daysToExpiry': 'Days left',
    'inv.expired': 'expired {days} d ago',
    'inv.daysLeft': '{days} d',
    'inv.includeEmpty': 'Include used-up batches',
    'inv.atDate': 'Stock at a date',
    'inv.atDate.sub': 'On hand at the end of a business date, summed from the ledger',
    'inv.date': 'Date',
    'inv.ledger': 'Stock ledger',
    'inv.ledger.sub': "Every movement of a product with its source document",
    'inv.ledger.pick': 'Choose a product to see its ledger',
    'inv.businessDate': 'Date',
    'inv.quantity': 'Quantity',
    'inv.inQty': 'In',
    'inv.outQty': 'Out',
    'inv.balance': 'Balance',
    'inv.document': 'Document',
    'inv.operator': 'By',
    'inv.reversal': 'Void reversal',
    'inv.opening': 'Opening',
    'inv.closing': 'Closing',
    'inv.check': 'Stock vs ledger check',
    'inv.check.sub': 'Do the stock and batch tables equal the ledger sums?',
    'inv.check.run': 'Check again',
    'inv.check.ok': 'All consistent: the stock tables equal the ledger',
    'inv.check.bad': '{n} differences found',
    'inv.check.counts': '{levels} stock rows, {batches} batches, {rows} ledger rows checked ({at})',
    'inv.check.kind': 'Check',
    'inv.check.kind.level': 'Stock ≠ ledger sum',
    'inv.check.kind.batch': 'Batch ≠ ledger sum',
    'inv.check.kind.batches_vs_level': 'Batches ≠ stock',
    'inv.check.kind.period_moves': 'Monthly/daily nets ≠ stock',
    'inv.check.kind.reserved': 'Reserved ≠ reservations',
    'inv.check.table': 'Table',
    'inv.check.expected': 'Should be',
    'inv.docs': 'Stock documents',
    'inv.docs.sub': 'Goods received, other issues, transfers, counts',
    'inv.docType': 'Type',
    'inv.number': 'Number',
    'inv.new': 'New {type}',
    'inv.edit': 'Edit {type}',
    'inv.counterparty.inbound': 'Supplier',
    'inv.counterparty.outbound': 'Recipient',
    'inv.reason': 'Reason',
    'inv.reason.outbound': 'Reason',
    'inv.reason.count': 'Note',
    'inv.remarks': 'Remarks',
    'inv.toWarehouse': 'To warehouse',
    'inv.fromWarehouse': 'From warehouse',
    'inv.lines': 'Lines',
    'inv.addLine': 'Add a line',
    'inv.boxCodes': 'Box codes',
    'inv.boxCodesHelp': 'Scan or type, then Enter; one per box',
    'inv.boxCodesOutHelp': 'Products tracked by code: scan each box that leaves (it must be in stock here)',
    'inv.counted': 'Counted',
    'inv.book': 'Book',
    'inv.difference': 'Difference',
    'inv.batchAuto': 'Empty: first expiry first out',
    'inv.batchCountAll': 'Empty: all batches',
    'inv.batchAutoShort': 'FEFO if empty',
    'inv.batchCountAllShort': 'All if empty',
    'inv.batchCountTip': 'Empty: all batches. Pick a batch in stock, or type one found on the shelf that the books do not have',
    'inv.batchPickTip': "Pick one of the product's batches in stock here (nearest expiry first); empty: first expiry first out",
    'inv.batchPickTip.transfer': "Pick one of the product's batches in stock in the from warehouse (nearest expiry first); empty: first expiry first out. The to warehouse receives it under the same batch number and dates",
    'inv.batchPickFirst': 'Choose the warehouse and the product first',
    'inv.batchNone': 'No batch of this product in stock here',
    'inv.batchUnnumbered': 'Also {n} without a batch number: with no batch picked, first expiry first out, these last',
    'inv.batchUnnumberedCount': 'Also {n} without a batch number: counted with all batches when none is given',
    'inv.batchNotInBook': 'No batch {batchNo} on the books: the count adds what is counted as a new batch',
    'inv.batchMore': 'The {n} nearest to expiry of {total} batches',
    'inv.batchHint': 'Batch {batchNo}: ',
    'inv.expiredTag': 'Expired',
    'inv.producedOn': 'Made',
    'inv.expiresOn': 'Expires',
    'inv.noExpiry': 'No expiry date',
    'inv.totalQuantity': 'Total quantity',
    'inv.totalCounted': 'Counted in all',
    'inv.countGain': 'Found over',
    'inv.countLoss': 'Found short',
    'inv.preparer': 'Preparer',
    'inv.saveDraft': 'Save draft',
    'inv.saveSubmit': 'Save and submit',
    'inv.submit': 'Submit',
    'inv.submitted': 'Submitted; stock updated',
    'inv.submitConfirm': 'Submit this {type}?',
    'inv.submitConfirm.inbound': 'It is numbered and the goods go into the warehouse\'s stock, their box codes registered. It cannot be changed afterwards, only voided.',
    'inv.submitConfirm.outbound': 'It is numbered and the goods leave the warehouse\'s stock, with their box codes. It cannot be changed afterwards, only voided.',
    'inv.submitConfirm.transfer': 'It is numbered and the goods move from one warehouse to the other. It cannot be changed afterwards, only voided.',
    'inv.submitConfirm.count': 'It is numbered and the stock is set to the counted figures: surpluses received, losses issued. It cannot be changed afterwards; a wrong count is voided and counted again.',
    'inv.draftSaved': 'Draft saved',
    'inv.discard': 'Discard draft',
    'inv.discardConfirm': 'Discard this draft?',
    'inv.void': 'Void',
    'inv.voidTitle': 'Void document',
    'inv.voidReason': 'Reason',
    'inv.voidHelp': 'Voiding takes the stock of the document back; a document whose goods have left cannot be voided.',
    'inv.voided': 'Voided',
    'inv.voidMark': 'VOID',
    'inv.voidInfo': 'Voided by {by} at {at}: {reason}',
    'inv.print': 'Print',
    'inv.signatures': 'Signatures',
    'inv.sign': 'Sign',
    'inv.signAs': 'Sign as {role}',
    'inv.signed': 'Signed',
    'inv.notSigned': 'Not signed',
    'inv.signHelp': 'Keeper, preparer and handler are three different people, each signing with their own login; nobody signs for another or fills two places.',
    'inv.handler': 'Handler',
    'inv.handlerHelp': 'Signs with their own login after submit; not the preparer',
    'inv.expectSigner': 'Awaiting {who}',
    'inv.expectKeeper': 'a keeper (not the preparer or handler)',
    'inv.expectAnyone': 'the handler',
    'inv.movements': 'Stock movements',
    'inv.submittedAt': 'Submitted',
    'inv.alerts': 'Stock alerts',
    'inv.alerts.sub': 'Below safety stock, batches near expiry, replenishment',
    'inv.alerts.low': 'Below safety stock',
    'inv.alerts.expiring': 'Near expiry',
    'inv.alerts.replenish': 'Replenishment',
    'inv.shortBy': 'Short by',
    'inv.incoming': 'Incoming (requested)',
    'inv.projected': 'Projected',
    'inv.suggested': 'Suggested',
    'inv.raise': 'Request',
    'inv.raiseTitle': 'Raise a purchase request',
    'inv.raised': 'Purchase request {number} raised',
    'inv.purchase': 'Purchase requests',
    'inv.purchase.sub': 'Requests for the buyer, from shortages and replenishment',
    'inv.purchase.new': 'New request',
    'inv.purchase.source': 'Source',
    'inv.purchase.requestedBy': 'Requested by',
    'inv.purchase.ordered': 'Mark ordered',
    'inv.purchase.close': 'Close',
    'inv.purchase.closeConfirm': 'Close this request?',
    'inv.purchase.orderedConfirm': 'Has it been ordered from the supplier? It cannot go back to open; close it when the goods arrive.',
    'inv.purchase.orderedDone': 'Marked as ordered',
    'inv.purchase.closedDone': 'Request closed',
    'inv.createdAt': 'Created',
    'inv.docLink': 'Open',
  },
});
