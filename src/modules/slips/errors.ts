import { defineErrors } from '../../platform/errors/app-error.ts';

// Errors of the sales slips module 销货清单: each names what the user can fix.
export const slipError = defineErrors({
  SLIP_NO_LINES: { status: 400, zh: '销货清单至少要有一行商品', en: 'A sales slip needs at least one line' },
  SLIP_ORDER_LINE_UNKNOWN: { status: 400, zh: '订单中没有该行（第 {line} 行）', en: 'The order has no such line (line {line})' },
  SLIP_OVER_REMAINING: {
    status: 409,
    zh: '「{product}」本次开单 {quantity}，超过订单未发数量 {remaining}',
    en: '{product}: {quantity} on this slip exceeds the {remaining} still to ship on the order',
  },
  SLIP_PRODUCT_UNKNOWN: { status: 400, zh: '商品不存在或已停用', en: 'The product does not exist or is inactive' },
  SLIP_WAREHOUSE_UNKNOWN: { status: 400, zh: '仓库不存在或已停用', en: 'The warehouse does not exist or is inactive' },
  SLIP_HANDLER_INVALID: { status: 400, zh: '经手人必须是本账套在职的成员', en: 'The handler must be an active member of this company' },
  SLIP_CASH_SHORT: {
    status: 400,
    zh: '实收现金 ¥{tendered} 少于本单合计 ¥{total}，还差 ¥{short}；请按合计收足现金，或不填实收现金',
    en: 'The cash received, ¥{tendered}, is less than the slip\'s total of ¥{total} (short by ¥{short}): take at least the total, or leave it empty',
  },
  SLIP_CASH_NOT_CASH_SALE: {
    status: 400,
    zh: '本单付款方式为「{term}」，不是现款销售：实收现金只在现款销售时填写',
    en: "Cash handed over is only entered on a cash sale; this slip's payment term is {termEn} ({term})",
  },
  SLIP_CUSTOMER_REQUIRED: { status: 400, zh: '请填写客户单位', en: 'Enter the customer' },
  SLIP_SIGN_NOT_KEEPER: {
    status: 403,
    zh: '仓管签字只能由有仓库发货权限的仓管本人登录签字',
    en: 'Only a warehouse keeper signs as keeper, with their own login',
  },
  SLIP_SIGN_NOT_PREPARER: {
    status: 403,
    zh: '开单人签字只能由开单人「{name}」本人登录签字，不得代签',
    en: 'Only the preparer {name} may sign as preparer, with their own login; nobody signs for another',
  },
  SLIP_SIGN_KEEPER_NOT_PARTY: {
    status: 409,
    zh: '您是本单的{place}，不能再签「仓管」栏：发货的仓管须是制单人、经手人以外的人',
    en: 'You are the {placeEn} of this slip and cannot also sign as keeper: the keeper who lets the goods out is another person',
  },
  SLIP_SIGN_NOT_HANDLER: {
    status: 403,
    zh: '经手人签字只能由经手人「{name}」本人登录签字，不得代签',
    en: 'Only the handler {name} may sign as handler, with their own login; nobody signs for another',
  },
  SLIP_ALREADY_SIGNED: { status: 409, zh: '{role}已于 {at} 由「{name}」签字', en: '{roleEn} already signed by {name} at {at}' },
  SLIP_CODES_INCOMPLETE: {
    status: 409,
    zh: '「{product}」出库 {quantity}{unit}，已录箱码/瓶码合计 {scanned}{unit}，须全部录入后仓管才能签字',
    en: '{product}: {quantity} {unit} issued but codes cover {scanned} {unit}; record every unit before the keeper signs',
  },
  SLIP_CODES_OVER: {
    status: 409,
    zh: '「{product}」已录码合计 {scanned}{unit}，超过出库数量 {quantity}{unit}',
    en: '{product}: codes cover {scanned} {unit}, more than the {quantity} {unit} issued',
  },
  SLIP_CODE_NOT_TRACKED: { status: 400, zh: '「{product}」不需要录入箱码/瓶码', en: '{product} does not track box or bottle codes' },
  SLIP_CODE_ALREADY_ISSUED: {
    status: 409,
    zh: '码「{code}」已于单据 {docNo} 出库，同一个码不能出库两次',
    en: 'Code {code} already left with {docNo}; a code cannot be issued twice',
  },
  SLIP_CODE_OTHER_PRODUCT: {
    status: 409,
    zh: '码「{code}」登记的是商品「{product}」，不是本行商品',
    en: 'Code {code} is registered for {product}, not for this line',
  },
  SLIP_CODE_NOT_ON_SLIP: { status: 404, zh: '本单没有录入码「{code}」', en: 'Code {code} is not recorded on this slip' },
  SLIP_CODE_BOX_NO_PACK: { status: 400, zh: '「{product}」没有包装单位，只能录瓶码', en: '{product} has no pack unit: record bottle codes' },
  SLIP_POSTED_NO_VOID: {
    status: 409,
    zh: '销货清单 {number} 已过账，不能作废；请开退货单或在发票模块开红字发票冲销',
    en: 'Slip {number} is posted and cannot be voided; write a return slip or a red-letter invoice instead',
  },
  SLIP_RECONCILED_NO_VOID: {
    status: 409,
    zh: '销货清单 {number} 已进入司机对单 {reconciliation}，不能作废；退回的货物请开退货单',
    en: 'Slip {number} is in driver reconciliation {reconciliation} and cannot be voided; use a return slip for goods sent back',
  },
  SLIP_RETURN_OVER: {
    status: 409,
    zh: '「{product}」退货 {quantity}，超过可退数量 {remaining}',
    en: '{product}: returning {quantity} is more than the {remaining} that can be returned',
  },
  SLIP_RETURN_CODE_NOT_ON_SLIP: {
    status: 409,
    zh: '码「{code}」不是随本单出库的「{product}」，不能随本单退回',
    en: 'Code {code} did not leave with this slip as {product}; it cannot come back with it',
  },
  SLIP_RETURN_CODES_OVER: {
    status: 409,
    zh: '「{product}」退回的码共 {units}{unit}，超过本次退回数量 {quantity}{unit}',
    en: '{product}: the codes cover {units} {unit}, more than the {quantity} {unit} returned',
  },
  SLIP_RETURN_STATUS: { status: 409, zh: '退货单在司机对单时开具：只有送货中且已列入对单的销货清单可以退货', en: 'Returns are written at driver reconciliation: only slips out for delivery and in an open reconciliation take returns' },
  SLIP_PRINT_DRAFT: { status: 409, zh: '草稿还没有编号，开单后才能打印', en: 'A draft has no number yet; issue it before printing' },
  SLIP_NO_DRIVER: { status: 400, zh: '请填写送货司机', en: 'Enter the driver' },
  SLIP_PICKUP_DRIVER: { status: 400, zh: '客户自提的货由客户带走，不填司机', en: 'A pickup goes with the customer: no driver is named' },
  SLIP_NOT_POSTABLE: {
    status: 409,
    zh: '销货清单 {number} 当前状态为「{status}」，货物和金额经对单确认（已对单）后才能过账',
    en: 'Slip {number} is {statusEn}; only reconciled slips (goods and amounts confirmed) can be posted',
  },
  RECON_NO_SLIPS: { status: 409, zh: '司机「{driver}」在 {date} 没有待对单的送货单', en: 'Driver {driver} has no slips to reconcile on {date}' },
  RECON_NO_PICKUPS: { status: 409, zh: '{date} 及以前没有待对单的客户自提单', en: 'No customer pickups to reconcile up to {date}' },
  RECON_SLIP_UNKNOWN: { status: 400, zh: '对单中没有这张销货清单', en: 'This slip is not in the reconciliation' },
  RECON_SIGNED_COPY_MISSING: {
    status: 409,
    zh: '赊销单 {number} 的客户签字联尚未收回，不能结清对单',
    en: 'The customer-signed copy of credit slip {number} is not back yet; the reconciliation cannot be settled',
  },
  RECON_CASH_MISSING: {
    status: 400,
    zh: '现款单 {number} 没有录入实收现款；司机确实没有交回现金的，请填写短款原因后再结清',
    en: 'Cash slip {number} has no cash received entered; if the driver truly handed in none, give the reason for the shortfall',
  },
  RECON_REASON_REQUIRED: {
    status: 400,
    zh: '本次对单{kind} ¥{amount}，请填写{kind}原因后再结清',
    en: 'The cash is {kindEn} by ¥{amount}: give the reason before settling',
  },
  RECON_CLOSED: { status: 409, zh: '对单 {number} 已结清，不能再修改', en: 'Reconciliation {number} is settled and cannot change' },
});
export type SlipErrorCode = keyof typeof slipError.defs;
