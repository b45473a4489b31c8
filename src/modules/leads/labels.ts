// The value lists of leads and their zh/en labels: plain data, imported by the server schema and the pages.

export const leadChannels = ['web', 'trade_show', 'referral', 'telemarketing', 'social', 'other'] as const;
export const leadChannelLabels: Record<(typeof leadChannels)[number], { zh: string; en: string }> = {
  web: { zh: '官网', en: 'Website' },
  trade_show: { zh: '展会', en: 'Trade show' },
  referral: { zh: '转介绍', en: 'Referral' },
  telemarketing: { zh: '电话营销', en: 'Telemarketing' },
  social: { zh: '社交媒体', en: 'Social media' },
  other: { zh: '其他', en: 'Other' },
};

export const leadStatuses = ['new', 'assigned', 'contacted', 'converted', 'void'] as const;
export const leadStatusLabels: Record<(typeof leadStatuses)[number], { zh: string; en: string }> = {
  new: { zh: '新建', en: 'New' },
  assigned: { zh: '已分配', en: 'Assigned' },
  contacted: { zh: '已联系', en: 'Contacted' },
  converted: { zh: '已转化', en: 'Converted' },
  void: { zh: '作废', en: 'Void' },
};

export const activityTypes = ['call', 'visit', 'message', 'meeting', 'email'] as const;
export const activityTypeLabels: Record<(typeof activityTypes)[number], { zh: string; en: string }> = {
  call: { zh: '电话', en: 'Call' },
  visit: { zh: '拜访', en: 'Visit' },
  message: { zh: '消息', en: 'Message' },
  meeting: { zh: '会面', en: 'Meeting' },
  email: { zh: '邮件', en: 'Email' },
};

export const opportunityRatings = ['high', 'medium', 'low'] as const;
export const opportunityRatingLabels: Record<(typeof opportunityRatings)[number], { zh: string; en: string }> = {
  high: { zh: '高', en: 'High' },
  medium: { zh: '中', en: 'Medium' },
  low: { zh: '低', en: 'Low' },
};
