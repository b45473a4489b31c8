import { defineErrors } from '../../platform/errors/app-error.ts';

// Error codes of customer ownership, the public pool and transfers (engineer C's part of the customers module).
export const ownershipError = defineErrors({
  POOL_ALREADY_CLAIMED: { status: 409, zh: '该客户已被「{owner}」领取，请选择其他客户', en: 'This customer has already been claimed by {owner}' },
  POOL_ALREADY_MINE: { status: 409, zh: '该客户已经是您的客户', en: 'This customer is already yours' },
  POOL_CLAIM_LIMIT: {
    status: 409,
    zh: '您名下已有 {owned} 个客户，达到领取上限 {limit} 个，不能再从公海领取',
    en: 'You already own {owned} customers, the claim limit is {limit}',
  },
  POOL_RECLAIM_BLOCKED: {
    status: 409,
    zh: '该客户于 {lostOn} 从您名下退回公海，{days} 天内不能重新领取，请于 {until} 之后再领',
    en: 'This customer left you on {lostOn}; you cannot reclaim it within {days} days (from {until})',
  },
  POOL_NOT_OWNER: { status: 409, zh: '只有客户的归属人才能把客户放入公海', en: 'Only the owner can release a customer to the pool' },
  OWNERSHIP_IN_POOL: { status: 409, zh: '该客户在公海中，没有归属人，请直接到公海领取', en: 'This customer is in the pool; claim it there' },
  OWNERSHIP_ALREADY_MINE: { status: 409, zh: '该客户已经归属于您，无需申请', en: 'You already own this customer' },
  OWNERSHIP_OPEN_REQUEST: {
    status: 409,
    zh: '您已就该客户提交过申请 {number}，正在等待裁决，请勿重复申请',
    en: 'You already have request {number} open for this customer',
  },
  OWNERSHIP_OWNER_CHANGED: {
    status: 409,
    zh: '提交申请后该客户的归属已变更（申请时归属「{then}」，现归属「{now}」），不能按原申请批准，请驳回后由业务员重新申请',
    en: 'The owner changed since the request (then {then}, now {now}); reject it and ask for a new request',
  },
  OWNERSHIP_OWN_REQUEST: { status: 409, zh: '不能裁决自己提交的归属申请', en: 'You cannot decide your own request' },
  OWNERSHIP_NOT_REQUESTER: { status: 403, zh: '只有申请人可以撤回（作废）该申请', en: 'Only the requester can withdraw this request' },
  OWNERSHIP_NOTE_REQUIRED: { status: 400, zh: '驳回必须填写裁决意见', en: 'A note is required to reject' },
  TRANSFER_SAME_USER: { status: 400, zh: '转出人和接收人不能是同一人', en: 'The receiving rep must differ from the leaving rep' },
  TRANSFER_USER_OUT_OF_SCOPE: { status: 400, zh: '所选业务员不在您的管理范围内', en: 'That rep is outside your scope' },
  TRANSFER_RECEIVER_INACTIVE: { status: 400, zh: '接收人已停用，不能接收客户', en: 'The receiving user is inactive' },
  TRANSFER_NOT_OWNED: {
    status: 409,
    zh: '有 {count} 个所选客户已不归属「{from}」（如 {names}），请刷新后重新选择',
    en: '{count} selected customers no longer belong to {from} (e.g. {names}); reload and select again',
  },
  TRANSFER_NOTHING: { status: 409, zh: '「{from}」名下没有可转移的客户', en: '{from} has no customers to transfer' },
});

export type OwnershipErrorCode = keyof typeof ownershipError.defs;
