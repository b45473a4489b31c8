import { useState } from 'react';
import { Alert, App, Button, Modal, Progress, Radio, Result, Space, Statistic, Steps, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { ImportJobDetailOut, ImportJobOut, ImportMode, ImportRowOut } from '../../../src/modules/imports/schema.ts';
import { api, ApiError, errorMessage, type Page } from '../app/api.ts';
import { useCan, useMe } from '../app/auth.tsx';
import { registerMessages, useT } from '../app/i18n.tsx';

registerMessages({
  zh: {
    'imp.button': '导入',
    'imp.title': '导入{label}',
    'imp.step.upload': '上传文件',
    'imp.step.preview': '检查数据',
    'imp.step.done': '完成',
    'imp.template': '下载导入模板',
    'imp.templateHint': '请按模板填写，第一行为列标题；只支持 .xlsx 文件，最大 20 MB。',
    'imp.drop': '点击或拖拽 Excel 文件到这里上传',
    'imp.uploading': '正在上传…',
    'imp.checking': '已上传，正在逐行检查数据…',
    'imp.onlyXlsx': '只支持 .xlsx 文件（可在 Excel/WPS 中“另存为” .xlsx）',
    'imp.tooLarge': '文件超过 20 MB，请拆分后分批导入',
    'imp.total': '共 {n} 行',
    'imp.totalTitle': '总行数',
    'imp.valid': '有效',
    'imp.invalid': '有错误',
    'imp.allValid': '全部 {n} 行数据检查通过，可以导入。',
    'imp.someInvalid': '{n} 行数据有错误，见下表。可修正后重新上传，或只导入有效行。',
    'imp.row': '行号',
    'imp.reasons': '错误原因',
    'imp.mode': '导入方式',
    'imp.mode.all': '全部成功才导入',
    'imp.mode.allHint': '有任何错误行则不导入',
    'imp.mode.valid': '只导入有效行',
    'imp.mode.validHint': '跳过有错误的行',
    'imp.commit': '确认导入',
    'imp.reupload': '重新上传',
    'imp.errors': '下载错误明细',
    'imp.committing': '正在导入，请勿关闭…',
    'imp.done': '导入完成',
    'imp.doneSub': '成功导入 {imported} 行{skipped}',
    'imp.skipped': '，{n} 行有错误未导入',
    'imp.close': '关闭',
    'imp.nothingValid': '没有可导入的有效行，请修正后重新上传。',
  },
  en: {
    'imp.button': 'Import',
    'imp.title': 'Import {label}',
    'imp.step.upload': 'Upload',
    'imp.step.preview': 'Check',
    'imp.step.done': 'Done',
    'imp.template': 'Download template',
    'imp.templateHint': 'Fill in the template; the first row holds the column titles. .xlsx only, up to 20 MB.',
    'imp.drop': 'Click or drop an Excel file here',
    'imp.uploading': 'Uploading…',
    'imp.checking': 'Uploaded; checking every row…',
    'imp.onlyXlsx': 'Only .xlsx files (use “Save as” .xlsx in Excel or WPS)',
    'imp.tooLarge': 'The file is over 20 MB; split it',
    'imp.total': '{n} rows',
    'imp.totalTitle': 'Rows',
    'imp.valid': 'Valid',
    'imp.invalid': 'With errors',
    'imp.allValid': 'All {n} rows passed the checks.',
    'imp.someInvalid': '{n} rows have errors (below). Fix and upload again, or import the valid rows only.',
    'imp.row': 'Row',
    'imp.reasons': 'Errors',
    'imp.mode': 'Mode',
    'imp.mode.all': 'All or nothing',
    'imp.mode.allHint': 'nothing is imported if any row has an error',
    'imp.mode.valid': 'Valid rows only',
    'imp.mode.validHint': 'rows with errors are skipped',
    'imp.commit': 'Import',
    'imp.reupload': 'Upload again',
    'imp.errors': 'Download errors',
    'imp.committing': 'Importing; keep this window open…',
    'imp.done': 'Import finished',
    'imp.doneSub': '{imported} rows imported{skipped}',
    'imp.skipped': '; {n} rows with errors skipped',
    'imp.close': 'Close',
    'imp.nothingValid': 'No valid rows to import; fix the file and upload again.',
  },
});

const MAX_BYTES = 20 * 1024 * 1024;

/** POST multipart with upload progress (fetch has none): resolves with the JSON reply, rejects with ApiError. */
function uploadWithProgress<T>(url: string, file: File, csrfToken: string, locale: string, onProgress: (percent: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('accept-language', locale);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as T);
      const e = (body as { error?: { code: string; message: string; fields?: []; requestId?: string } } | null)?.error;
      reject(new ApiError(xhr.status, e?.code ?? `HTTP_${xhr.status}`, e?.message ?? `HTTP ${xhr.status}`, e?.fields ?? [], e?.requestId ?? null));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', locale === 'en-US' ? 'Cannot reach the server' : '无法连接服务器，请检查网络'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

function reasonsOf(row: ImportRowOut): string {
  return row.errors.map((e) => (e.header ? `${e.header}：${e.message}` : e.message)).join('；');
}

/** The rows with errors, paged from the server. */
function ErrorRows({ job }: { job: ImportJobDetailOut }) {
  const t = useT();
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['imports', job.id, 'invalid', page],
    queryFn: () => api.get<Page<ImportRowOut>>(`/api/imports/${job.id}/rows`, { invalidOnly: 1, page, pageSize: 10 }),
    initialData: page === 1 ? { ...job.errorRows, items: job.errorRows.items.slice(0, 10), pageSize: 10 } : undefined,
  });
  const nameKey = job.columns.find((c) => c.required)?.key ?? job.columns[0]?.key;
  const nameHeader = job.columns.find((c) => c.key === nameKey)?.header ?? '';
  return (
    <Table<ImportRowOut>
      size="small"
      rowKey="rowNumber"
      data-testid="import-error-rows"
      loading={q.isFetching}
      dataSource={q.data?.items ?? []}
      pagination={{ current: page, pageSize: 10, total: q.data?.total ?? job.invalidRows, onChange: setPage, showSizeChanger: false }}
      columns={[
        { title: t('imp.row'), dataIndex: 'rowNumber', width: 70 },
        { title: nameHeader, key: 'name', width: 200, ellipsis: true, render: (_: unknown, r) => r.data[nameKey ?? ''] ?? '' },
        { title: t('imp.reasons'), key: 'reasons', render: (_: unknown, r) => <Typography.Text type="danger">{reasonsOf(r)}</Typography.Text> },
      ]}
    />
  );
}

type Props = {
  /** the import target, e.g. "customers" */
  kind: string;
  /** what is imported, for the title: 客户 */
  label: string;
  open: boolean;
  onClose: () => void;
  /** called after a successful commit (refresh the list) */
  onImported?: (job: ImportJobOut) => void;
};

/**
 * The Excel import of any list: template → upload (progress bar) → preview of the checked rows
 * (共 N 行 / 有效 / 有错误, the bad rows with row number and reasons) → choose 全部成功才导入 or
 * 只导入有效行 → commit → result, with the error sheet to download and fix.
 */
export function ImportWizard({ kind, label, open, onClose, onImported }: Props) {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const [job, setJob] = useState<ImportJobDetailOut | null>(null);
  const [done, setDone] = useState<ImportJobOut | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [mode, setMode] = useState<ImportMode>('valid_only');
  const [committing, setCommitting] = useState(false);

  const reset = () => {
    setJob(null);
    setDone(null);
    setPercent(null);
    setError(null);
    setCommitting(false);
  };
  const close = () => {
    reset();
    onClose();
  };

  const upload = async (file: File) => {
    setError(null);
    if (!file.name.toLowerCase().endsWith('.xlsx')) return setError(t('imp.onlyXlsx'));
    if (file.size > MAX_BYTES) return setError(t('imp.tooLarge'));
    setPercent(0);
    try {
      const j = await uploadWithProgress<ImportJobDetailOut>(`/api/imports/${kind}`, file, me.csrfToken, t.locale, setPercent);
      setJob(j);
      setMode(j.invalidRows > 0 ? 'valid_only' : 'all_or_nothing');
    } catch (e) {
      setError(errorMessage(e, t.locale));
    } finally {
      setPercent(null);
    }
  };

  const commit = async () => {
    if (!job) return;
    setCommitting(true);
    setError(null);
    try {
      const r = await api.post<ImportJobOut>(`/api/imports/${job.id}/commit`, { mode });
      setDone(r);
      onImported?.(r);
    } catch (e) {
      setError(errorMessage(e, t.locale));
    } finally {
      setCommitting(false);
    }
  };

  const downloadErrors = (id: number) => api.download(`/api/imports/${id}/errors.xlsx`, undefined, `${label}-错误明细.xlsx`).catch((e) => message.error(errorMessage(e, t.locale)));
  const step = done ? 2 : job ? 1 : 0;

  return (
    <Modal open={open} title={t('imp.title', { label })} width={820} onCancel={close} footer={null} destroyOnHidden maskClosable={false} data-testid="import-wizard">
      <Steps size="small" current={step} style={{ marginBottom: 20 }} items={[{ title: t('imp.step.upload') }, { title: t('imp.step.preview') }, { title: t('imp.step.done') }]} />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="import-error" />}

      {step === 0 && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Space wrap>
            <Button icon={<DownloadOutlined />} onClick={() => api.download(`/api/imports/templates/${kind}.xlsx`, undefined, `${label}导入模板.xlsx`).catch((e) => message.error(errorMessage(e, t.locale)))}>
              {t('imp.template')}
            </Button>
            <Typography.Text type="secondary">{t('imp.templateHint')}</Typography.Text>
          </Space>
          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            multiple={false}
            showUploadList={false}
            disabled={percent !== null}
            beforeUpload={(file) => {
              void upload(file as File);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">{t('imp.drop')}</p>
          </Upload.Dragger>
          {percent !== null && (
            <div data-testid="import-upload-progress">
              <Progress percent={percent} status="active" />
              <Typography.Text type="secondary">{percent < 100 ? t('imp.uploading') : t('imp.checking')}</Typography.Text>
            </div>
          )}
        </Space>
      )}

      {step === 1 && job && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Space size={48} data-testid="import-counts">
            <Statistic title={t('imp.totalTitle')} value={job.totalRows} suffix={t.locale === 'en-US' ? '' : '行'} />
            <Statistic title={t('imp.valid')} value={job.validRows} valueStyle={{ color: '#389e0d' }} />
            <Statistic title={t('imp.invalid')} value={job.invalidRows} valueStyle={{ color: job.invalidRows ? '#cf1322' : undefined }} />
          </Space>
          <Typography.Text data-testid="import-summary">{t('imp.total', { n: job.totalRows })} / {t('imp.valid')} {job.validRows} / {t('imp.invalid')} {job.invalidRows}</Typography.Text>
          {job.invalidRows === 0 ? <Alert type="success" showIcon message={t('imp.allValid', { n: job.totalRows })} /> : <Alert type="warning" showIcon message={t('imp.someInvalid', { n: job.invalidRows })} />}
          {job.invalidRows > 0 && <ErrorRows job={job} />}
          {job.validRows === 0 ? (
            <Alert type="error" showIcon message={t('imp.nothingValid')} />
          ) : (
            <Space wrap>
              <Typography.Text strong>{t('imp.mode')}：</Typography.Text>
              <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as ImportMode)} data-testid="import-mode">
                <Radio value="all_or_nothing" disabled={job.invalidRows > 0}>
                  {t('imp.mode.all')} <Typography.Text type="secondary">（{t('imp.mode.allHint')}）</Typography.Text>
                </Radio>
                <Radio value="valid_only">
                  {t('imp.mode.valid')} <Typography.Text type="secondary">（{t('imp.mode.validHint')}）</Typography.Text>
                </Radio>
              </Radio.Group>
            </Space>
          )}
          {committing && <Progress percent={100} status="active" showInfo={false} />}
          {committing && <Typography.Text type="secondary">{t('imp.committing')}</Typography.Text>}
          <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
            {job.invalidRows > 0 && <Button icon={<DownloadOutlined />} onClick={() => downloadErrors(job.id)}>{t('imp.errors')}</Button>}
            <Button icon={<UploadOutlined />} disabled={committing} onClick={reset}>{t('imp.reupload')}</Button>
            <Button type="primary" loading={committing} disabled={job.validRows === 0} onClick={commit} data-testid="import-commit">{t('imp.commit')}</Button>
          </Space>
        </Space>
      )}

      {step === 2 && done && (
        <Result
          status="success"
          title={t('imp.done')}
          subTitle={<span data-testid="import-result">{t('imp.doneSub', { imported: done.importedRows, skipped: done.invalidRows ? t('imp.skipped', { n: done.invalidRows }) : '' })}</span>}
          extra={[
            done.invalidRows > 0 && <Button key="errors" icon={<DownloadOutlined />} onClick={() => downloadErrors(done.id)}>{t('imp.errors')}</Button>,
            <Button key="close" type="primary" onClick={close} data-testid="import-close">{t('imp.close')}</Button>,
          ]}
        />
      )}
    </Modal>
  );
}

/** A toolbar button that opens the wizard; hidden without the permission. */
export function ImportButton({ kind, label, permission, onImported }: { kind: string; label: string; permission: string; onImported?: (job: ImportJobOut) => void }) {
  const t = useT();
  const can = useCan();
  const [open, setOpen] = useState(false);
  if (!can(permission)) return null;
  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)} data-testid="import-button">{t('imp.button')}</Button>
      {open && <ImportWizard kind={kind} label={label} open={open} onClose={() => setOpen(false)} onImported={onImported} />}
    </>
  );
}
