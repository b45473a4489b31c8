import { defineErrors } from '../../platform/errors/app-error.ts';

/** The inventory module's error codes (the union is the keys). */
export const inventoryError = defineErrors({
  STOCK_SHORT: {
    status: 409,
    zh: '库存不足：「{product}」在{warehouse}可用 {available} {unit}，需要 {requested} {unit}',
    en: 'Not enough stock of {product} in {warehouse}: {available} {unit} available, {requested} {unit} needed',
  },
  BATCH_SHORT: {
    status: 409,
    zh: '批次不足：「{product}」批号 {batchNo} 在{warehouse}只有 {available} {unit}，需要 {requested} {unit}',
    en: 'Batch {batchNo} of {product} in {warehouse} holds {available} {unit}, {requested} {unit} needed',
  },
  BATCH_RESERVED: {
    status: 409,
    zh: '批次可用不足：「{product}」批号 {batchNo} 在{warehouse}现存 {onHand} {unit}，但本商品已有 {reserved} {unit}被订单或留货预留，此批次最多可出 {available} {unit}，需要 {requested} {unit}',
    en: 'Batch {batchNo} of {product} in {warehouse} holds {onHand} {unit}, but {reserved} {unit} of the product are reserved for orders and holds: at most {available} {unit} can leave from it, {requested} {unit} needed',
  },
  REVERSAL_SHORT: {
    status: 409,
    zh: '不能作废：「{product}」已有 {missing} {unit}出库或被预留，在{warehouse}可冲回的只有 {available} {unit}',
    en: 'Cannot void: {missing} {unit} of {product} have already left or are reserved; only {available} {unit} can be taken back in {warehouse}',
  },
  ALREADY_REVERSED: { status: 409, zh: '该单据的库存已冲回，不能重复作废', en: 'The stock of this document has already been taken back' },
  RESERVATION_SHORT: {
    status: 409,
    zh: '预留不足：「{product}」仅预留 {reserved} {unit}，不能释放 {requested} {unit}',
    en: 'Only {reserved} {unit} of {product} are reserved; cannot release {requested} {unit}',
  },
  // ── warehouses, stock documents, purchase requests (inventory engineer) ──
  WAREHOUSE_INVALID: { status: 400, zh: '仓库不存在或已停用', en: 'The warehouse does not exist or is inactive' },
  WAREHOUSE_SAME: { status: 400, zh: '调入仓库不能与调出仓库相同', en: 'A transfer needs a different receiving warehouse' },
  KEEPER_INVALID: { status: 400, zh: '仓管员须为本账套的在职用户', en: 'The keeper must be an active member of this company' },
  PRODUCT_INVALID: { status: 400, zh: '商品不存在或已停用', en: 'The product does not exist or is inactive' },
  DATE_IN_FUTURE: { status: 400, zh: '业务日期不能晚于今天', en: 'The business date cannot be in the future' },
  BOX_CODE_TAKEN: { status: 409, zh: '箱码「{code}」已登记过，不能重复登记', en: 'Box code {code} is already registered' },
  BOX_CODE_UNAVAILABLE: { status: 409, zh: '箱码「{code}」不能出库：{why}', en: 'Box code {code} cannot leave: {whyEn}' },
  BOX_CODE_ISSUED: { status: 409, zh: '不能作废：箱码「{code}」的货物已出库（{docNo}）', en: 'Cannot void: the goods of box code {code} have left ({docNo})' },
  SIGN_TAKEN: { status: 409, zh: '「{role}」栏已由{name}签字', en: 'The {roleEn} signature was already given by {name}' },
  SIGN_NOT_PREPARER: { status: 403, zh: '只有制单人{name}本人可以在「制单人」栏签字', en: 'Only the preparer ({name}) may sign as preparer' },
  SIGN_NOT_KEEPER: { status: 403, zh: '「仓管」栏只能由有仓管签字权限的仓管本人登录签字', en: 'Only a warehouse keeper signs as keeper, with their own login' },
  SIGN_NOT_HANDLER: { status: 403, zh: '只有经手人{name}本人可以在「经手人」栏签字，不得代签', en: 'Only the handler ({name}) may sign as handler; nobody signs for another' },
  SIGN_TWO_ROLES: {
    status: 409,
    zh: '您是本单的{mine}，不能再签「{role}」栏：仓管、制单人、经手人须由三个不同的人签字',
    en: 'You are the {mineEn} of this document and cannot also sign as {roleEn}: keeper, preparer and handler are three different people',
  },
  HANDLER_REQUIRED: { status: 400, zh: '请选择经手人（提交后由经手人本人登录签字）', en: 'Choose the handler (who signs with their own login)' },
  NOT_SIGNABLE: { status: 409, zh: '单据当前状态为「{status}」，不能签字', en: 'A document in status "{statusEn}" cannot be signed' },
  COUNT_BELOW_RESERVED: {
    status: 409,
    zh: '盘点单不能提交：「{product}」盘亏 {loss} {unit}，但{warehouse}账面 {onHand} {unit}，其中 {reserved} {unit}已被订单或留货预留，最多只能盘亏 {available} {unit}。请先取消或调整占用这些库存的订单、退订相应的留货（释放预留），再提交盘点',
    en: 'The count cannot be submitted: {product} is {loss} {unit} short, but {reserved} of the {onHand} {unit} on the books in {warehouse} are reserved for orders and holds, so at most {available} {unit} can be written off. Release those reservations (cancel or change the orders, release the holds) first',
  },
  COUNT_DUPLICATE_LINE: { status: 400, zh: '同一商品同一批次在盘点单中只能出现一次', en: 'A product and batch may appear once in a count' },
});
export type InventoryErrorCode = keyof typeof inventoryError.defs;
