import { DatePicker, Input, Select, Space, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useT, type Label } from '../../app/i18n.tsx';
import { DateTime } from '../../components/format.tsx';
import { actionLabel, AuditDiff } from '../../components/history-drawer.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { UserPicker } from '../../components/remote-select.tsx';
import { ServerTable, useListParams } from '../../components/server-table.tsx';
import './shared.tsx'; // the admin dictionary

type AuditRow = { id: number; action: string; entity: string; entityId: number | null; before: string | null; after: string | null; note: string | null; at: string; userName: string | null; sealed: boolean };

// Record types written to the audit log by the modules; an unknown one shows its code.
const entities: Record<string, Label> = {
  company: { zh: '账套', en: 'Company' },
  department: { zh: '部门', en: 'Department' },
  user: { zh: '用户', en: 'User' },
  role: { zh: '角色', en: 'Role' },
  number_rule: { zh: '编号规则', en: 'Numbering rule' },
  customer: { zh: '客户', en: 'Customer' },
  lead: { zh: '线索', en: 'Lead' },
  ownership_request: { zh: '归属申请', en: 'Ownership request' },
  followup: { zh: '跟进记录', en: 'Follow-up' },
  product: { zh: '商品', en: 'Product' },
  price_list: { zh: '价格表', en: 'Price list' },
  warehouse: { zh: '仓库', en: 'Warehouse' },
  stock_document: { zh: '库存单据', en: 'Stock document' },
  purchase_request: { zh: '请购单', en: 'Purchase request' },
  sales_order: { zh: '销售订单', en: 'Sales order' },
  sales_slip: { zh: '销货清单', en: 'Sales slip' },
  sales_return: { zh: '退货单', en: 'Sales return' },
  driver_reconciliation: { zh: '司机对单', en: 'Driver reconciliation' },
  unit_code: { zh: '箱码/瓶码', en: 'Box/bottle code' },
  hold: { zh: '留货单', en: 'Hold' },
  opportunity: { zh: '商机', en: 'Opportunity' },
  invoice: { zh: '发票', en: 'Invoice' },
  receipt: { zh: '收款单', en: 'Receipt' },
  customer_statement: { zh: '对账单', en: 'Customer statement' },
  collection_plan: { zh: '回款计划', en: 'Collection plan' },
  import_job: { zh: '导入任务', en: 'Import job' },
  import: { zh: '导入', en: 'Import' },
  export: { zh: '导出', en: 'Export' },
};

function Filters() {
  const t = useT();
  const { params, set } = useListParams();
  return (
    <Space wrap>
      <Select
        aria-label={t('admin.audit.entity')}
        placeholder={t('admin.audit.entity')}
        allowClear
        style={{ width: 160 }}
        value={params.entity}
        onChange={(v) => set({ entity: v, entityId: v ? params.entityId : null })}
        options={Object.entries(entities).map(([value, l]) => ({ value, label: t.l(l) }))}
      />
      <Input
        aria-label={t('admin.audit.entityId')}
        placeholder={t('admin.audit.entityId')}
        style={{ width: 120 }}
        allowClear
        defaultValue={params.entityId}
        onChange={(e) => {
          const v = e.target.value.trim();
          if (v === '' || /^\d+$/.test(v)) set({ entityId: v });
        }}
      />
      <UserPicker aria-label={t('admin.audit.user')} placeholder={t('admin.audit.user')} style={{ width: 200 }} value={params.userId ? Number(params.userId) : undefined} onChange={(v) => set({ userId: v as number | undefined })} />
      <DatePicker.RangePicker
        aria-label={t('admin.audit.range')}
        value={params.from && params.to ? [dayjs(params.from), dayjs(params.to)] : null}
        onChange={(r) => set({ from: r?.[0]?.format('YYYY-MM-DD') ?? null, to: r?.[1]?.format('YYYY-MM-DD') ?? null })}
      />
    </Space>
  );
}

export function AuditPage() {
  const t = useT();
  const en = t.locale === 'en-US';
  return (
    <PageFrame title={t('admin.audit')} subtitle={t('admin.audit.sub')}>
      <ServerTable<AuditRow>
        endpoint="/api/admin/audit"
        filterKeys={['entity', 'entityId', 'userId', 'from', 'to']}
        defaultPageSize={50}
        toolbar={<Filters />}
        size="small"
        expandable={{
          rowExpandable: (r) => !!(r.before || r.after),
          expandedRowRender: (r) => <AuditDiff entry={r} />,
        }}
        columns={[
          { title: t('admin.audit.at'), dataIndex: 'at', width: 170, render: (v: string) => <DateTime value={v} seconds /> },
          { title: t('admin.audit.user'), dataIndex: 'userName', width: 120, render: (v: string | null) => v ?? (en ? 'System' : '系统') },
          { title: t('admin.audit.entity'), dataIndex: 'entity', width: 110, render: (v: string) => t.l(entities[v]) || v },
          { title: t('admin.audit.entityId'), dataIndex: 'entityId', width: 90 },
          { title: t('admin.audit.action'), dataIndex: 'action', width: 130, render: (v: string) => <Tooltip title={v}><span>{actionLabel(v, t.locale)}</span></Tooltip> },
          { title: t('admin.audit.note'), dataIndex: 'note', render: (v: string | null) => v ?? '' },
          { title: t('admin.audit.chain'), dataIndex: 'sealed', width: 90, render: (v: boolean) => (v ? <Tag color="green">{t('admin.audit.sealed')}</Tag> : <Tag>{t('admin.audit.unsealed')}</Tag>) },
        ]}
      />
    </PageFrame>
  );
}
