import { useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, Space } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { api, errorMessage } from '../../app/api.ts';
import { applyFormErrors } from '../../components/form-errors.ts';
import { PageFrame } from '../../components/page-frame.tsx';
import { UserPicker } from '../../components/remote-select.tsx';
import { CustomerPicker } from '../leads/shared.tsx';
import { invalidateReceipts, ReceiptMethodSelect, useL, yuanToFen, type ReceiptMethod, type ReceiptOut } from './shared.tsx';

type Values = {
  customerId: number | null; receiptDate: Dayjs; method: ReceiptMethod; amount: string; bankAccount?: string; reference?: string;
  receivedBy?: number | null; source?: string; remarks?: string;
};

/** 登记收款: who paid, when, how much and how (amount typed in yuan, stored in fen); numbered SK- on save. */
export function ReceiptFormPage() {
  const L = useL();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const method = Form.useWatch('method', form);

  const save = async (v: Values) => {
    setError(null);
    setBusy(true);
    try {
      const r = await api.post<ReceiptOut>('/api/receipts', {
        customerId: v.customerId, receiptDate: v.receiptDate?.format('YYYY-MM-DD'), method: v.method, amount: yuanToFen(v.amount),
        bankAccount: v.bankAccount, reference: v.reference, receivedBy: v.receivedBy ?? null, source: v.source, remarks: v.remarks,
      });
      invalidateReceipts(qc);
      navigate(`/receipts/${r.id}`);
    } catch (e) {
      const rest = applyFormErrors(form, e);
      setError(rest.length ? rest.join('；') : errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageFrame title={L('登记收款', 'Record receipt')} back="/receipts">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} name="receipt" layout="vertical" style={{ maxWidth: 640 }} onFinish={save} initialValues={{ receiptDate: dayjs(), method: 'bank_transfer' }}>
        <Form.Item name="customerId" label={L('付款客户', 'Customer')} rules={[{ required: true, message: L('请选择客户', 'Choose the customer') }]}>
          <CustomerPicker placeholder={L('搜索客户名称或拼音', 'Search customers')} />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item name="receiptDate" label={L('收款日期', 'Date')} rules={[{ required: true, message: L('请选择收款日期', 'Choose the date') }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="method" label={L('收款方式', 'Method')} rules={[{ required: true }]}>
            <ReceiptMethodSelect />
          </Form.Item>
          <Form.Item name="amount" label={L('金额（元）', 'Amount (yuan)')}
            rules={[{ required: true, message: L('请填写金额', 'Enter the amount') }, { validator: (_, v) => (!v || (yuanToFen(v) ?? 0) > 0 ? Promise.resolve() : Promise.reject(new Error(L('金额须为大于 0 的数字，最多两位小数', 'A positive amount with at most two decimals')))) }]}>
            <Input style={{ width: 180 }} inputMode="decimal" prefix="¥" />
          </Form.Item>
        </Space>
        <Form.Item name="bankAccount" label={L('收款账户', 'Bank account')}>
          <Input placeholder={L('如：农行昆明分行 6228…', 'e.g. the bank and account number')} maxLength={60} />
        </Form.Item>
        <Form.Item name="reference" label={method === 'acceptance_bill' ? L('票号', 'Bill number') : L('流水号/票号', 'Reference')}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="receivedBy" label={L('收款人（默认本人）', 'Received by (default: me)')}>
          <UserPicker placeholder={L('选择收款人', 'Choose who received it')} />
        </Form.Item>
        <Form.Item name="source" label={L('来源（如司机对单号 DZ-…）', 'Source (e.g. driver reconciliation DZ-…)')}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="remarks" label={L('备注', 'Remarks')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>{L('保存收款单', 'Save receipt')}</Button>
      </Form>
    </PageFrame>
  );
}
