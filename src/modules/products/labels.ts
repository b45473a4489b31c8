// Labels shared by the server and the web (no zod here, so the web can import them cheaply).

/** The order types (销售渠道) a price list may be for: 直销 / 二批 / 地州 / 商超. */
export const orderTypes = ['direct', 'wholesale', 'regional', 'supermarket'] as const;
export const orderTypeLabels: Record<(typeof orderTypes)[number], { zh: string; en: string }> = {
  direct: { zh: '直销', en: 'Direct' },
  wholesale: { zh: '二批', en: 'Wholesale' },
  regional: { zh: '地州', en: 'Regional' },
  supermarket: { zh: '商超', en: 'Supermarket' },
};
export const customerClassLabels: Record<'potential' | 'formal' | 'vip', { zh: string; en: string }> = {
  potential: { zh: '潜在客户', en: 'Potential' },
  formal: { zh: '正式客户', en: 'Formal' },
  vip: { zh: 'VIP 客户', en: 'VIP' },
};
/** A customer with no class: only price lists for any class apply to them. */
export const unclassifiedLabel = { zh: '客户未分类', en: 'Unclassified' };
