import { defineErrors } from '../../platform/errors/app-error.ts';

export const leadError = defineErrors({
  LEAD_DUPLICATE_CUSTOMER: {
    status: 409,
    zh: '已存在相同的客户「{name}」（负责人：{owner}），请改为关联到该客户',
    en: 'The customer {name} (owner: {owner}) already exists; link the lead to it instead',
  },
  LEAD_ASSIGNEE_INVALID: { status: 400, zh: '不能分配给该用户：{reason}', en: 'Cannot assign to this user: {reason}' },
  LEAD_REFERRER_INVALID: { status: 400, zh: '推荐客户不存在', en: 'The referring customer does not exist' },
  LEAD_LINK_NOT_VISIBLE: { status: 404, zh: '要关联的客户不存在或无权查看', en: 'The customer to link is not found or not visible to you' },
});
