import { useQuery } from '@tanstack/react-query';
import { Drawer, Empty, Tag, Timeline, Typography } from 'antd';
import type { z } from 'zod';
import { api } from '../../app/api.ts';
import { registerMessages, useT } from '../../app/i18n.tsx';
import { formatDateTime } from '../../components/format.tsx';
import type {
  customerOwnerOut, moveOut, ownershipSettingsOut, OwnershipRequestOut, OwnershipStatus, PoolCustomerOut, transferCustomerOut, transferRepOut,
} from '../../../../src/modules/customers/ownership-schema.ts';

// Shared words, types and small parts of the ownership, pool and transfer pages (engineer C).

export type { OwnershipRequestOut, OwnershipStatus, PoolCustomerOut };
export type OwnershipSettings = z.infer<typeof ownershipSettingsOut>;
export type CustomerOwner = z.infer<typeof customerOwnerOut>;
export type Move = z.infer<typeof moveOut>;
export type TransferRep = z.infer<typeof transferRepOut>;
export type TransferCustomer = z.infer<typeof transferCustomerOut>;

export const OWNERSHIP_KEY = ['ownership'] as const;
export const SETTINGS_KEY = ['ownership', 'settings'] as const;

export const ownershipMessages = registerMessages({
  zh: {
    'pool.title': '公海客户',
    'pool.search': '客户名称（支持拼音）',
    'pool.province': '省份',
    'pool.city': '城市',
    'pool.class': '客户分类',
    'pool.code': '客户编码',
    'pool.name': '客户名称',
    'pool.region': '地区',
    'pool.industry': '行业',
    'pool.enteredAt': '进入公海',
    'pool.reason': '原因',
    'pool.previousOwner': '原归属人',
    'pool.lastFollowup': '最近跟进',
    'pool.claim': '领取',
    'pool.claimConfirm': '确定领取客户「{name}」吗？领取后由您负责跟进。',
    'pool.claimed': '已领取「{name}」，您名下现有 {owned} / {limit} 个客户',
    'pool.mine': '我的客户 {owned} / 上限 {limit}',
    'pool.full': '已达领取上限，不能再领取',
    'pool.rule': '超过 {n} 天未跟进或超过 {m} 天未成交的客户自动退回公海；放弃或被收回的客户，原归属人 {k} 天内不能重新领取。',
    'pool.history': '归属记录',
    'pool.release': '放入公海',
    'pool.releaseTitle': '把客户「{name}」放入公海',
    'pool.releaseReason': '放弃原因',
    'pool.released': '客户已放入公海',
    'class.potential': '潜在',
    'class.formal': '正式',
    'class.vip': 'VIP',
    'move.create': '新建',
    'move.claim': '领取',
    'move.release': '放弃',
    'move.auto_pool': '自动退回公海',
    'move.transfer': '转移',
    'move.ownership': '归属裁决',
    'move.import': '导入',
    'move.convert': '线索转化',
    'move.pool': '公海',
    'move.by': '操作人：{name}',
    'move.system': '系统',
    'own.title': '归属申请',
    'own.mine': '我的申请',
    'own.against': '涉及我的客户',
    'own.decide': '待我裁决',
    'own.number': '申请单号',
    'own.customer': '客户',
    'own.requester': '申请人',
    'own.ownerCol': '归属人',
    'own.owner': '申请时归属',
    'own.currentOwner': '当前归属',
    'own.reason': '申请理由',
    'own.createdAt': '提交时间',
    'own.decision': '裁决',
    'own.decider': '裁决人',
    'own.note': '裁决意见',
    'own.noteRequired': '驳回时必须填写裁决意见',
    'own.approve': '批准',
    'own.reject': '驳回',
    'own.decideTitle': '裁决归属申请 {number}',
    'own.rule': '公司归属规则',
    'own.approved': '已批准，客户已转给申请人',
    'own.rejected': '已驳回',
    'own.withdraw': '撤回',
    'own.withdrawTitle': '撤回申请 {number}',
    'own.withdrawReason': '撤回原因',
    'own.withdrawn': '申请已撤回（作废）',
    'own.voidReason': '作废原因',
    'own.request': '申请归属',
    'own.requestTitle': '申请客户归属',
    'own.requestHint': '该客户目前归属「{owner}」。提交后由销售经理按公司归属规则裁决，双方都会收到通知。',
    'own.inPool': '该客户在公海中，可直接到公海领取。',
    'own.isMine': '该客户已归属于您。',
    'own.openRequest': '您已提交申请 {number}，正在等待裁决。',
    'own.submitted': '申请 {number} 已提交',
    'own.reasonPlaceholder': '例如：该客户由我最先开发，有 3 月 12 日的拜访记录',
    'own.status.submitted': '待裁决',
    'own.status.approved': '已批准',
    'own.status.rejected': '已驳回',
    'own.status.void': '作废',
    'own.ownDecision': '本人提交的申请不能由本人裁决',
    'tr.title': '客户转移',
    'tr.subtitle': '业务员离职或调岗时，把其名下客户一次转给接收人',
    'tr.from': '转出业务员（离职/调岗）',
    'tr.to': '接收人',
    'tr.mode': '转移范围',
    'tr.all': '全部客户（{n} 个）',
    'tr.allPlain': '全部客户',
    'tr.selected': '所选客户',
    'tr.selectedCount': '已选 {n} 个',
    'tr.reason': '转移原因',
    'tr.reasonPlaceholder': '例如：张三离职，客户交接给李四',
    'tr.submit': '转移',
    'tr.confirm': '确定把「{from}」的 {n} 个客户转给「{to}」吗？',
    'tr.done': '已转移 {n} 个客户',
    'tr.customers': '名下客户',
    'tr.count': '{n} 个客户',
    'tr.inactive': '已停用',
    'tr.pickFrom': '请选择转出业务员',
    'tr.pickTo': '请选择接收人',
    'tr.pickSome': '请至少选择一个客户',
  },
  en: {
    'pool.title': 'Customer pool',
    'pool.search': 'Customer name (pinyin works)',
    'pool.province': 'Province',
    'pool.city': 'City',
    'pool.class': 'Class',
    'pool.code': 'Code',
    'pool.name': 'Customer',
    'pool.region': 'Region',
    'pool.industry': 'Industry',
    'pool.enteredAt': 'In pool since',
    'pool.reason': 'Why',
    'pool.previousOwner': 'Previous owner',
    'pool.lastFollowup': 'Last follow-up',
    'pool.claim': 'Claim',
    'pool.claimConfirm': 'Claim {name}? You will be its owner.',
    'pool.claimed': 'Claimed {name}; you now own {owned} / {limit}',
    'pool.mine': 'My customers {owned} / limit {limit}',
    'pool.full': 'Claim limit reached',
    'pool.rule': 'Customers without a follow-up for {n} days or a deal for {m} days return to the pool; a rep cannot reclaim a customer they lost for {k} days.',
    'pool.history': 'Owner history',
    'pool.release': 'Release to pool',
    'pool.releaseTitle': 'Release {name} to the pool',
    'pool.releaseReason': 'Reason',
    'pool.released': 'Released to the pool',
    'class.potential': 'Potential',
    'class.formal': 'Formal',
    'class.vip': 'VIP',
    'move.create': 'Created',
    'move.claim': 'Claimed',
    'move.release': 'Released',
    'move.auto_pool': 'Returned to pool',
    'move.transfer': 'Transferred',
    'move.ownership': 'Ownership decision',
    'move.import': 'Imported',
    'move.convert': 'Converted lead',
    'move.pool': 'Pool',
    'move.by': 'By {name}',
    'move.system': 'System',
    'own.title': 'Ownership requests',
    'own.mine': 'My requests',
    'own.against': 'About my customers',
    'own.decide': 'To decide',
    'own.number': 'Number',
    'own.customer': 'Customer',
    'own.requester': 'Requester',
    'own.ownerCol': 'Owner',
    'own.owner': 'Owner then',
    'own.currentOwner': 'Owner now',
    'own.reason': 'Reason',
    'own.createdAt': 'Submitted',
    'own.decision': 'Decide',
    'own.decider': 'Decided by',
    'own.note': 'Note',
    'own.noteRequired': 'A note is required to reject',
    'own.approve': 'Approve',
    'own.reject': 'Reject',
    'own.decideTitle': 'Decide request {number}',
    'own.rule': 'Company ownership rule',
    'own.approved': 'Approved; the customer now belongs to the requester',
    'own.rejected': 'Rejected',
    'own.withdraw': 'Withdraw',
    'own.withdrawTitle': 'Withdraw request {number}',
    'own.withdrawReason': 'Reason',
    'own.withdrawn': 'Request withdrawn (void)',
    'own.voidReason': 'Void reason',
    'own.request': 'Request ownership',
    'own.requestTitle': 'Request ownership of a customer',
    'own.requestHint': 'This customer belongs to {owner}. A sales manager decides by the company rule; both of you are told.',
    'own.inPool': 'This customer is in the pool; claim it there.',
    'own.isMine': 'You already own this customer.',
    'own.openRequest': 'Your request {number} is waiting for a decision.',
    'own.submitted': 'Request {number} submitted',
    'own.reasonPlaceholder': 'e.g. I found this customer first; visit on 12 March',
    'own.status.submitted': 'Submitted',
    'own.status.approved': 'Approved',
    'own.status.rejected': 'Rejected',
    'own.status.void': 'Void',
    'own.ownDecision': 'You cannot decide your own request',
    'tr.title': 'Transfer customers',
    'tr.subtitle': 'When a rep leaves or moves, hand all their customers to another rep at once',
    'tr.from': 'Leaving rep',
    'tr.to': 'Receiving rep',
    'tr.mode': 'Which customers',
    'tr.all': 'All customers ({n})',
    'tr.allPlain': 'All customers',
    'tr.selected': 'Selected customers',
    'tr.selectedCount': '{n} selected',
    'tr.reason': 'Reason',
    'tr.reasonPlaceholder': 'e.g. Zhang leaves; customers go to Li',
    'tr.submit': 'Transfer',
    'tr.confirm': 'Transfer {n} customers of {from} to {to}?',
    'tr.done': '{n} customers transferred',
    'tr.customers': 'Customers',
    'tr.count': '{n} customers',
    'tr.inactive': 'inactive',
    'tr.pickFrom': 'Choose the leaving rep',
    'tr.pickTo': 'Choose the receiving rep',
    'tr.pickSome': 'Select at least one customer',
  },
});

export function useOwnershipSettings() {
  return useQuery({ queryKey: SETTINGS_KEY, queryFn: () => api.get<OwnershipSettings>('/api/customers/ownership-settings'), staleTime: 30_000 });
}

const statusColors: Record<OwnershipStatus, string> = { submitted: 'processing', approved: 'success', rejected: 'error', void: 'default' };

export function OwnershipStatusTag({ status }: { status: OwnershipStatus }) {
  const t = useT();
  return <Tag color={statusColors[status]}>{t(`own.status.${status}`)}</Tag>;
}

const moveColors: Record<string, string> = { claim: 'green', release: 'orange', auto_pool: 'red', transfer: 'blue', ownership: 'purple', create: 'gray' };

export function MoveKindTag({ kind }: { kind: string | null }) {
  const t = useT();
  if (!kind) return null;
  return <Tag color={moveColors[kind] ?? 'default'}>{t(`move.${kind}`)}</Tag>;
}

/** The owner-change history of one customer (GET /api/customers/:id/moves), newest first. */
export function CustomerMovesDrawer({ customerId, title, onClose }: { customerId: number | null; title?: string; onClose: () => void }) {
  const t = useT();
  const moves = useQuery({ queryKey: ['customer-moves', customerId], queryFn: () => api.get<Move[]>(`/api/customers/${customerId}/moves`), enabled: customerId !== null });
  return (
    <Drawer open={customerId !== null} onClose={onClose} title={title ? `${t('pool.history')} · ${title}` : t('pool.history')} size={460} destroyOnHidden>
      {moves.data && moves.data.length === 0 && <Empty />}
      <Timeline
        items={(moves.data ?? []).map((m) => ({
          key: m.id,
          content: (
            <div>
              <div>
                <MoveKindTag kind={m.kind} /> {m.fromUserName ?? t('move.pool')} → {m.toUserName ?? t('move.pool')}
              </div>
              {m.reason && <div>{m.reason}</div>}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(m.at)} · {t('move.by', { name: m.byUserName ?? t('move.system') })}
              </Typography.Text>
            </div>
          ),
        }))}
      />
    </Drawer>
  );
}
