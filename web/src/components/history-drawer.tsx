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
  const shown = keys
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    // a new record's empty fields say nothing
    .filter((k) => !(created && empty(after[k])));
  // an id whose name is shown beside it (customerId and customerName) says nothing more: 客户 ID #465 under 客户 翠湖宾馆
  const named = new Set(shown.filter((k) => k.endsWith('Name')).map((k) => `${k.slice(0, -4)}Id`));
  return shown
    .filter((k) => !named.has(k))
    .map((k) => ({ field: k, label: label(k), before: k in before ? showValue(before[k], locale, formatters, k) : '', after: k in after ? showValue(after[k], locale, formatters, k) : '' }));
}

// Fields holding a colleague's or a department's id: shown by name (looked up in the company directory).
const userIdFields = new Set(['ownerId', 'managerUserId', 'previousOwnerId', 'assigneeId', 'assignedTo', 'requestedBy', 'decidedBy', 'createdBy', 'fromOwnerId', 'toOwnerId', 'userId']);
const deptIdFields = new Set(['departmentId', 'parentId']);

type DirUser = { id: number; displayName: string };
type DeptNode = { id: number; name: string; children: DeptNode[] };

/** Formatters that show user and department ids of these entries by name. */
export function useIdNames(entries: Pick<HistoryEntry, 'before' | 'after'>[], enabled = true): Record<string, (v: unknown) => string> {
  const { locale } = useT();
  const ids = new Set<number>();
  let depts = false;
  for (const e of entries) {
    for (const obj of [parse(e.before), parse(e.after)]) {
      if (!obj) continue;
      for (const [k, v] of Object.entries(obj)) {
        if (userIdFields.has(k) && typeof v === 'number') ids.add(v);
        if (deptIdFields.has(k) && v != null) depts = true;
      }
    }
  }
  const idList = [...ids].sort((a, b) => a - b).slice(0, 50);
  const users = useQuery({
    queryKey: ['directory', 'users', 'ids', idList],
    queryFn: () => api.get<DirUser[]>('/api/directory/users', { ids: idList.join(',') }),
    enabled: enabled && idList.length > 0,
    staleTime: 60_000,
  });
  const tree = useQuery({ queryKey: ['directory', 'departments'], queryFn: () => api.get<DeptNode[]>('/api/directory/departments'), enabled: enabled && depts, staleTime: 30_000 });
  const userNames = new Map((users.data ?? []).map((u) => [u.id, u.displayName]));
  const deptNames = new Map<number, string>();
  const walk = (ns: DeptNode[]) => ns.forEach((n) => { deptNames.set(n.id, n.name); walk(n.children); });
  walk(tree.data ?? []);
  const out: Record<string, (v: unknown) => string> = {};
  const named = (m: Map<number, string>) => (v: unknown) => (v == null || v === '' ? showValue(null, locale) : m.get(v as number) ?? `#${String(v)}`);
  for (const f of userIdFields) out[f] = named(userNames);
  for (const f of deptIdFields) out[f] = named(deptNames);
  return out;
}

/** One audit entry's changes as a table (字段 | 修改前 | 修改后), ids shown as names. */
export function AuditDiff({ entry, fieldLabels, formatters }: { entry: Pick<HistoryEntry, 'before' | 'after'>; fieldLabels?: Record<string, Label | string>; formatters?: Record<string, (v: unknown) => string> }) {
  const t = useT();
  const en = t.locale === 'en-US';
  const names = useIdNames([entry]);
  const rows = diffRows(entry, t.locale, fieldLabels, { ...names, ...formatters });
  if (rows.length === 0) return <Typography.Text type="secondary">{en ? 'No field changes' : '无字段变更'}</Typography.Text>;
  const created = entry.before == null;
  return (
    <Table<Row>
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={rows}
      style={{ maxWidth: 900 }}
      columns={
        created
          ? [{ title: en ? 'Field' : '字段', dataIndex: 'label', width: 160 }, { title: en ? 'Value' : '内容', dataIndex: 'after' }]
          : [
              { title: en ? 'Field' : '字段', dataIndex: 'label', width: 160 },
              { title: en ? 'Before' : '修改前', dataIndex: 'before', render: (v: string) => <Typography.Text delete type="secondary">{v}</Typography.Text> },
              { title: en ? 'After' : '修改后', dataIndex: 'after' },
            ]
      }
    />
  );
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
  const names = useIdNames(entries, open);
  const fmt = { ...names, ...formatters };
  return (
    <Drawer open={open} onClose={onClose} title={title ?? t('common.history')} size={640} destroyOnHidden>
      {q.isPending && open && <Spin />}
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      {q.data && entries.length === 0 && <Empty description={en ? 'No changes recorded' : '暂无修改记录'} />}
      <Timeline
        items={entries.map((e) => {
          const rows = diffRows(e, t.locale, fieldLabels, fmt);
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
