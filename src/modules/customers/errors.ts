import { defineErrors } from '../../platform/errors/app-error.ts';

/** The customer module's error codes (the union is the keys). */
export const customerError = defineErrors({
  DUPLICATE_CUSTOMER: {
    status: 409,
    zh: '已存在{field}相同的客户「{name}」（编号 {code}，{owner}），不能重复建档；如需跟进该客户，请申请客户归属',
    en: 'A customer with the same {fieldEn} exists: {name} ({code}, {ownerEn}); request ownership instead of creating a second file',
  },
  OWNER_NOT_ALLOWED: { status: 400, zh: '不能把客户分配给该用户（不在您的管理范围或不是本账套的在职用户）', en: 'You cannot assign the customer to that user' },
  REFERRER_NOT_FOUND: { status: 400, zh: '推荐客户不存在', en: 'The referring customer does not exist' },
  CONTACT_NOT_FOUND: { status: 400, zh: '联系人不属于该客户', en: 'The contact does not belong to this customer' },
});
export type CustomerErrorCode = keyof typeof customerError.defs;
