import { defineErrors } from '../../platform/errors/app-error.ts';

// Errors of collection plans 回款计划 and dunning 催收: each names what the user can fix.
export const collectionError = defineErrors({
  PLAN_START_AFTER_FIRST: { status: 400, zh: '起算日期不能晚于第一期回款日期 {date}', en: 'The start date cannot be after the first instalment ({date})' },
  PLAN_ORDER_UNKNOWN: { status: 400, zh: '该客户没有这张订单', en: 'The customer has no such order' },
  PLAN_CANCELLED: { status: 409, zh: '回款计划「{title}」已取消，不能修改', en: 'Collection plan "{title}" is cancelled and cannot be changed' },
  DUNNING_PERFORMER_INVALID: { status: 400, zh: '催收人必须是本账套在职的成员', en: 'The person who dunned must be an active member of this company' },
  DUNNING_FUTURE_DATE: { status: 400, zh: '催收日期不能晚于今天', en: 'The dunning date cannot be after today' },
});
export type CollectionErrorCode = keyof typeof collectionError.defs;
