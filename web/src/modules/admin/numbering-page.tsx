import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import { api } from '../../app/api.ts';
import { useT, type Label } from '../../app/i18n.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { useSave } from './shared.tsx';
import { isValidPattern, renderNumber } from '../../../../src/platform/numbering/pattern.ts';
import { businessDate } from '../../../../src/platform/time.ts';

type Rule = { docType: string; pattern: string; reset: 'never' | 'year' | 'month' | 'day'; example: string; custom: boolean };

const KEY = ['admin', 'number-rules'];
const resets = ['never', 'year', 'month', 'day'] as const;

// Names of the document types; a type not listed shows its code.
const docTypes: Record<string, Label> = {
  customer: { zh: '客户档案', en: 'Customer' },
  lead: { zh: '线索', en: 'Lead' },
  ownership_request: { zh: '归属申请', en: 'Ownership request' },
  sales_order: { zh: '销售订单', en: 'Sales order' },
  sales_slip: { zh: '销货清单', en: 'Sales slip' },
  sales_order_change: { zh: '订单变更单', en: 'Order change' },
  sales_return: { zh: '退货单', en: 'Sales return' },
  driver_reconciliation: { zh: '司机对单', en: 'Driver reconciliation' },
  stock_inbound: { zh: '入库单', en: 'Goods received' },
  stock_outbound: { zh: '出库单', en: 'Goods issued' },
  stock_transfer: { zh: '调拨单', en: 'Stock transfer' },
  stock_count: { zh: '盘点单', en: 'Stock count' },
  purchase_request: { zh: '请购单', en: 'Purchase request' },
  customer_statement: { zh: '对账单', en: 'Customer statement' },
  quotation: { zh: '报价单', en: 'Quotation' },
  contract: { zh: '合同', en: 'Contract' },
  invoice: { zh: '发票', en: 'Invoice' },
  receipt: { zh: '收款单', en: 'Receipt' },
  import: { zh: '导入批次', en: 'Import batch' },
};

function RuleModal({ rule, onClose }: { rule: Rule | null; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ pattern: string; reset: Rule['reset'] }>();
  const save = useSave(form);
  const pattern = Form.useWatch('pattern', form) ?? rule?.pattern ?? '';
  const valid = isValidPattern(pattern);
  const submit = async (v: { pattern: string; reset: Rule['reset'] }) => {
    if (await save.run(() => api.put(`/api/admin/number-rules/${rule!.docType}`, { pattern: v.pattern.trim(), reset: v.reset }), [KEY], t('common.saved'))) onClose();
  };
  return (
    <Modal open={rule !== null} title={rule ? `${t('admin.num.edit')} · ${t.l(docTypes[rule.docType]) || rule.docType}` : ''} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={save.busy} destroyOnHidden>
      {save.error && <Alert type="error" showIcon title={save.error} style={{ marginBottom: 12 }} />}
      <Form name="numberRule" form={form} layout="vertical" onFinish={submit} preserve={false} initialValues={rule ?? undefined}>
        <Form.Item
          name="pattern"
          label={t('admin.num.pattern')}
          extra={t('admin.num.patternHelp')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('admin.num.pattern') }) },
            { validator: (_, v: string) => (!v || isValidPattern(v.trim()) ? Promise.resolve() : Promise.reject(new Error(t('admin.num.invalid')))) },
          ]}
        >
          <Input maxLength={60} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name="reset" label={t('admin.num.reset')} rules={[{ required: true }]}>
          <Select options={resets.map((r) => ({ value: r, label: t(`admin.reset.${r}`) }))} />
        </Form.Item>
        <div aria-live="polite">
          <Typography.Text type="secondary">{t('admin.num.example')}：</Typography.Text>
          {valid ? (
            <Typography.Text strong style={{ fontFamily: 'monospace', fontSize: 16 }}>
              {renderNumber(pattern.trim(), businessDate(), 1)}、{renderNumber(pattern.trim(), businessDate(), 2)}
            </Typography.Text>
          ) : (
            <Typography.Text type="danger">{t('admin.num.invalid')}</Typography.Text>
          )}
        </div>
      </Form>
    </Modal>
  );
}

export function NumberingPage() {
  const t = useT();
  const q = useQuery({ queryKey: KEY, queryFn: () => api.get<Rule[]>('/api/admin/number-rules') });
  const [editing, setEditing] = useState<Rule | null>(null);
  return (
    <PageFrame title={t('admin.numbering')} subtitle={t('admin.numbering.sub')} error={q.error}>
      <Table<Rule>
        rowKey="docType"
        loading={q.isFetching}
        dataSource={q.data ?? []}
        pagination={false}
        columns={[
          { title: t('admin.num.docType'), dataIndex: 'docType', render: (v: string) => t.l(docTypes[v]) || v },
          { title: t('admin.num.pattern'), dataIndex: 'pattern', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
          { title: t('admin.num.reset'), dataIndex: 'reset', width: 110, render: (v: string) => t(`admin.reset.${v}`) },
          { title: t('admin.num.example'), dataIndex: 'example', render: (v: string) => <Typography.Text strong style={{ fontFamily: 'monospace' }}>{v}</Typography.Text> },
          { title: '', dataIndex: 'custom', width: 90, render: (v: boolean) => (v ? <Tag color="purple">{t('admin.num.custom')}</Tag> : <Tag>{t('admin.num.default')}</Tag>) },
          { title: t('common.actions'), width: 90, render: (_, r) => <Button type="link" size="small" onClick={() => setEditing(r)}>{t('common.edit')}</Button> },
        ]}
      />
      <RuleModal key={editing?.docType ?? 'closed'} rule={editing} onClose={() => setEditing(null)} />
    </PageFrame>
  );
}
