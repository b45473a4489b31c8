import { useQuery } from '@tanstack/react-query';
import { Alert, Drawer, Empty, Spin, Table, Tag, Timeline, Typography } from 'antd';
import { api, errorMessage } from '../app/api.ts';
import { useT, type Label } from '../app/i18n.tsx';
import { formatDateTime } from './format.tsx';

export type HistoryEntry = { id: number; action: string; before: string | null; after: string | null; note: string | null; at: string; userName: string | null };

// Words for common audit actions (the part after the last dot: "customer.update" → update).
const actionWords: Record<string, Label> = {
  create: { zh: '新建', en: 'Created' },
  update: { zh: '修改', en: 'Changed' },
  void: { zh: '作废', en: 'Voided' },
  discard: { zh: '放弃草稿', en: 'Discarded' },
  submit: { zh: '提交', en: 'Submitted' },
  approve: { zh: '审批通过', en: 'Approved' },
  reject: { zh: '驳回', en: 'Rejected' },
  assign: { zh: '分配', en: 'Assigned' },
  transfer: { zh: '转移', en: 'Transferred' },
  claim: { zh: '从公海领取', en: 'Claimed' },
  release: { zh: '放入公海', en: 'Released to pool' },
  convert: { zh: '转化', en: 'Converted' },
  import: { zh: '导入', en: 'Imported' },
  merge: { zh: '合并', en: 'Merged' },
  move: { zh: '移动', en: 'Moved' },
  settings: { zh: '修改参数', en: 'Settings changed' },
  password: { zh: '重置密码', en: 'Password reset' },
  reset_password: { zh: '重置密码', en: 'Password reset' },
  unlock: { zh: '解锁', en: 'Unlocked' },
  locked: { zh: '锁定', en: 'Locked' },
  login: { zh: '登录', en: 'Logged in' },
  followup: { zh: '跟进', en: 'Follow-up' },
  credit: { zh: '信用变更', en: 'Credit changed' },
  decide: { zh: '裁决', en: 'Decided' },
  request: { zh: '申请', en: 'Requested' },
};

// Field names that appear on many records; a page passes its own in `fieldLabels`.
const commonFields: Record<string, Label> = {
  name: { zh: '名称', en: 'Name' }, code: { zh: '编码', en: 'Code' }, shortName: { zh: '简称', en: 'Short name' },
  phone: { zh: '电话', en: 'Phone' }, email: { zh: '邮箱', en: 'Email' }, address: { zh: '地址', en: 'Address' },
  taxId: { zh: '税号', en: 'Tax id' }, active: { zh: '启用', en: 'Active' }, status: { zh: '状态', en: 'Status' },
  ownerId: { zh: '归属人', en: 'Owner' }, ownerName: { zh: '归属人', en: 'Owner' }, departmentId: { zh: '部门', en: 'Department' },
  roleId: { zh: '角色', en: 'Role' }, displayName: { zh: '姓名', en: 'Name' }, username: { zh: '用户名', en: 'Username' },
  parentId: { zh: '上级', en: 'Parent' }, managerUserId: { zh: '负责人', en: 'Manager' }, dataScope: { zh: '数据范围', en: 'Data scope' },
  permissions: { zh: '权限', en: 'Permissions' }, notes: { zh: '备注', en: 'Notes' }, note: { zh: '备注', en: 'Note' },
  reason: { zh: '原因', en: 'Reason' }, amount: { zh: '金额', en: 'Amount' }, pattern: { zh: '编号格式', en: 'Pattern' },
  reset: { zh: '归零周期', en: 'Reset' }, classification: { zh: '客户分类', en: 'Class' }, source: { zh: '来源', en: 'Source' },
  industry: { zh: '行业', en: 'Industry' }, province: { zh: '省份', en: 'Province' }, city: { zh: '城市', en: 'City' },
};

function parse(json: string | null): Record<string, unknown> | null {
  if (!json) return null;
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
  } catch {
    return { value: json };
  }
}

export function showValue(v: unknown, locale: string, formatters?: Record<string, (v: unknown) => string>, field?: string): string {
  if (field && formatters?.[field]) return formatters[field](v);
  const en = locale === 'en-US';
  if (v === null || v === undefined || v === '') return en ? '(empty)' : '（空）';
  if (typeof v === 'boolean') return v ? (en ? 'Yes' : '是') : en ? 'No' : '否';
  if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(v)) return formatDateTime(v);
  if (Array.isArray(v)) return v.map((x) => showValue(x, locale)).join('、');
  if (typeof v === 'object') return Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}: ${showValue(x, locale)}`).join('；');
  return String(v);
}

type Row = { field: string; label: string; before: string; after: string };

/** One audit entry as rows of field | before | after; unchanged fields are left out. */
export function diffRows(e: Pick<HistoryEntry, 'before' | 'after'>, locale: string, fieldLabels: Record<string, Label | string> = {}, formatters?: Record<string, (v: unknown) => string>): Row[] {
  const before = parse(e.before) ?? {};
  const after = parse(e.after) ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => k !== 'version' && k !== 'updatedAt');
  const label = (k: string) => {
    const l = fieldLabels[k] ?? commonFields[k];
    return !l ? k : typeof l === 'string' ? l : locale === 'en-US' ? l.en : l.zh;
  };
  const created = e.before == null;
  const empty = (v: unknown) => v === null || v === undefined || v === '';
  return keys
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    // a new record's empty fields say nothing
    .filter((k) => !(created && empty(after[k])))
    .map((k) => ({ field: k, label: label(k), before: k in before ? showValue(before[k], locale, formatters, k) : '', after: k in after ? showValue(after[k], locale, formatters, k) : '' }));
}

export function actionLabel(action: string, locale: string, actionLabels: Record<string, Label | string> = {}): string {
  const own = actionLabels[action];
  if (own) return typeof own === 'string' ? own : locale === 'en-US' ? own.en : own.zh;
  const verb = action.split('.').pop() ?? action;
  const w = actionWords[verb];
  return w ? (locale === 'en-US' ? w.en : w.zh) : action;
}

/**
 * A record's change history from an endpoint answering [{id, action, before, after, note, at, userName}]
 * (or a page of them, e.g. /api/admin/audit?entity=user&entityId=5),
 * newest first, each change shown as 字段 | 修改前 | 修改后.
 */
export function HistoryDrawer({ open, onClose, endpoint, title, fieldLabels, actionLabels, formatters }: {
  open: boolean;
  onClose: () => void;
  endpoint: string;
  title?: string;
  fieldLabels?: Record<string, Label | string>;
  actionLabels?: Record<string, Label | string>;
  formatters?: Record<string, (v: unknown) => string>;
}) {
  const t = useT();
  const en = t.locale === 'en-US';
  const q = useQuery({ queryKey: ['history', endpoint], queryFn: async () => {
      // either a plain array or a page of the audit log ({ items })
      const r = await api.get<HistoryEntry[] | { items: HistoryEntry[] }>(endpoint);
      return Array.isArray(r) ? r : r.items;
    }, enabled: open });
  const entries = [...(q.data ?? [])].sort((a, b) => b.id - a.id);
  return (
    <Drawer open={open} onClose={onClose} title={title ?? t('common.history')} size={640} destroyOnHidden>
      {q.isPending && open && <Spin />}
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      {q.data && entries.length === 0 && <Empty description={en ? 'No changes recorded' : '暂无修改记录'} />}
      <Timeline
        items={entries.map((e) => {
          const rows = diffRows(e, t.locale, fieldLabels, formatters);
          const created = !e.before && !!e.after;
          return {
            key: e.id,
            content: (
              <div>
                <div style={{ marginBottom: 4 }}>
                  <Tag color={e.action.endsWith('.void') ? 'red' : created ? 'green' : 'blue'}>{actionLabel(e.action, t.locale, actionLabels)}</Tag>
                  <Typography.Text strong>{e.userName ?? (en ? 'System' : '系统')}</Typography.Text>
                  <Typography.Text type="secondary" style={{ marginLeft: 8 }}>{formatDateTime(e.at, true)}</Typography.Text>
                </div>
                {e.note && <Typography.Paragraph style={{ marginBottom: 4 }}>{e.note}</Typography.Paragraph>}
                {rows.length > 0 && (
                  <Table<Row>
                    size="small"
                    rowKey="field"
                    pagination={false}
                    dataSource={rows}
                    columns={
                      created
                        ? [{ title: en ? 'Field' : '字段', dataIndex: 'label', width: 140 }, { title: en ? 'Value' : '内容', dataIndex: 'after' }]
                        : [
                            { title: en ? 'Field' : '字段', dataIndex: 'label', width: 120 },
                            { title: en ? 'Before' : '修改前', dataIndex: 'before', render: (v: string) => <Typography.Text delete type="secondary">{v}</Typography.Text> },
                            { title: en ? 'After' : '修改后', dataIndex: 'after' },
                          ]
                    }
                  />
                )}
              </div>
            ),
          };
        })}
      />
    </Drawer>
  );
}
