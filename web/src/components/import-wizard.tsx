import { useState } from 'react';
import { Alert, App, Button, Modal, Progress, Radio, Result, Space, Statistic, Steps, Table, Tabs, Typography, Upload } from 'antd';
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
    'imp.new': '新增',
    'imp.updated': '修改',
    'imp.unchanged': '无变化',
    'imp.invalid': '有错误',
    'imp.n.new': '新增 {n} 条',
    'imp.n.updated': '修改 {n} 条',
    'imp.n.unchanged': '无变化 {n} 条',
    'imp.allValid': '全部 {total} 行检查通过，确认后将{plan}。',
    'imp.unchangedKept': '{n} 行与系统中的数据完全相同，不做改动。',
    'imp.someInvalid': '{n} 行数据有错误，见“有错误”。可修正后重新上传，或只导入有效行（{plan}）。',
    'imp.nothingToChange': '文件中的 {n} 行与系统中的数据完全相同，没有需要新增或修改的内容。',
    'imp.restUnchanged': '其余 {n} 行与系统中的数据完全相同，没有需要新增或修改的内容。',
    'imp.row': '行号',
    'imp.reasons': '错误原因',
    'imp.changes': '修改内容',
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
    'imp.doneSub': '{plan}{skipped}',
    'imp.sep': '、',
    'imp.skipped': '；{n} 行有错误未导入',
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
    'imp.new': 'New',
    'imp.updated': 'Changed',
    'imp.unchanged': 'Unchanged',
    'imp.invalid': 'With errors',
    'imp.n.new': '{n} added',
    'imp.n.updated': '{n} changed',
    'imp.n.unchanged': '{n} unchanged',
    'imp.allValid': 'All {total} rows passed the checks; importing: {plan}.',
    'imp.unchangedKept': '{n} rows are the same as the records and are left as they are.',
    'imp.someInvalid': '{n} rows have errors (see “With errors”). Fix and upload again, or import the valid rows only ({plan}).',
    'imp.nothingToChange': 'All {n} rows are the same as the records: nothing to add or change.',
    'imp.restUnchanged': 'The other {n} rows are the same as the records: nothing to add or change.',
    'imp.row': 'Row',
    'imp.reasons': 'Errors',
    'imp.changes': 'Changes',
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
    'imp.doneSub': '{plan}{skipped}',
    'imp.sep': ', ',
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

/** 标价 2.00 → 2.20；状态 启用 → 停用 */
function changesOf(row: ImportRowOut): string {
  return row.changes.map((c) => `${c.label} ${c.from} → ${c.to}`).join('；');
}

const GREEN = '#389e0d';
const BLUE = '#1677ff';
const GREY = 'rgba(0, 0, 0, 0.45)';
const RED = '#cf1322';

/** What the import will do (did): 新增 3 条、修改 2 条、无变化 195 条; a kind that only creates says 新增 N 条. */
function planText(t: ReturnType<typeof useT>, job: ImportJobOut): string {
  const parts = [t('imp.n.new', { n: job.newRows })];
  if (job.updates) parts.push(t('imp.n.updated', { n: job.updatedRows }), t('imp.n.unchanged', { n: job.unchangedRows }));
  return parts.join(t('imp.sep'));
}

/**
 * A page of a job's rows from the server: those with errors (their reasons, in red) or those that change a
 * record (what changes).
 */
function JobRows({ job, kind }: { job: ImportJobDetailOut; kind: 'invalid' | 'update' }) {
  const t = useT();
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['imports', job.id, kind, page],
    queryFn: () => api.get<Page<ImportRowOut>>(`/api/imports/${job.id}/rows`, kind === 'invalid' ? { invalidOnly: 1, page, pageSize: 10 } : { action: 'update', page, pageSize: 10 }),
    initialData: kind === 'invalid' && page === 1 ? { ...job.errorRows, items: job.errorRows.items.slice(0, 10), pageSize: 10 } : undefined,
  });
  const nameKey = job.columns.find((c) => c.key === 'name')?.key ?? job.columns.find((c) => c.required)?.key ?? job.columns[0]?.key;
  const nameHeader = job.columns.find((c) => c.key === nameKey)?.header ?? '';
  return (
    <Table<ImportRowOut>
      size="small"
      rowKey="rowNumber"
      data-testid={kind === 'invalid' ? 'import-error-rows' : 'import-update-rows'}
      loading={q.isFetching}
      dataSource={q.data?.items ?? []}
      pagination={{ current: page, pageSize: 10, total: q.data?.total ?? (kind === 'invalid' ? job.invalidRows : job.updatedRows), onChange: setPage, showSizeChanger: false, hideOnSinglePage: true }}
      columns={[
        { title: t('imp.row'), dataIndex: 'rowNumber', width: 70 },
        { title: nameHeader, key: 'name', width: 200, ellipsis: true, render: (_: unknown, r) => r.data[nameKey ?? ''] ?? '' },
        kind === 'invalid'
          ? { title: t('imp.reasons'), key: 'reasons', render: (_: unknown, r) => <Typography.Text type="danger">{reasonsOf(r)}</Typography.Text> }
          : { title: t('imp.changes'), key: 'changes', render: (_: unknown, r) => <Typography.Text style={{ color: BLUE }}>{changesOf(r)}</Typography.Text> },
      ]}
    />
  );
}

/** The preview's counts: 总行数 / 新增 / 修改 / 无变化 / 有错误 (修改 and 无变化 for a kind that updates), and the same as one line. */
function PreviewCounts({ job }: { job: ImportJobOut }) {
  const t = useT();
  const counts: [string, number, string | undefined][] = [
    [t('imp.new'), job.newRows, job.newRows ? GREEN : undefined],
    ...(job.updates ? ([[t('imp.updated'), job.updatedRows, job.updatedRows ? BLUE : undefined], [t('imp.unchanged'), job.unchangedRows, GREY]] as [string, number, string | undefined][]) : []),
    [t('imp.invalid'), job.invalidRows, job.invalidRows ? RED : undefined],
  ];
  // the figures once, as statistics; the group's label says them in one line (screen readers, tests)
  const summary = [t('imp.total', { n: job.totalRows }), ...counts.map(([title, n]) => `${title} ${n}`)].join(' / ');
  return (
    <Space size={40} data-testid="import-counts" role="group" aria-label={summary}>
      <Statistic title={t('imp.totalTitle')} value={job.totalRows} suffix={t.locale === 'en-US' ? '' : '行'} />
      {counts.map(([title, n, color]) => <Statistic key={title} title={title} value={n} valueStyle={{ color }} />)}
    </Space>
  );
}

/** What the preview says about the file: all good (and what will happen), some rows with errors, or nothing to change. */
function PreviewVerdict({ job }: { job: ImportJobOut }) {
  const t = useT();
  const toWrite = job.newRows + job.updatedRows;
  const plan = planText(t, job);
  return (
    <div data-testid="import-verdict">
      {job.invalidRows > 0 && <Alert type="warning" showIcon message={t('imp.someInvalid', { n: job.invalidRows, plan })} />}
      {job.invalidRows === 0 && toWrite > 0 && (
        <Alert type="success" showIcon message={t('imp.allValid', { total: job.totalRows, plan: [t('imp.n.new', { n: job.newRows }), ...(job.updates ? [t('imp.n.updated', { n: job.updatedRows })] : [])].join(t('imp.sep')) })} description={job.unchangedRows ? t('imp.unchangedKept', { n: job.unchangedRows }) : undefined} />
      )}
      {toWrite === 0 && job.unchangedRows > 0 && <Alert type="info" showIcon style={{ marginTop: job.invalidRows ? 8 : 0 }} message={t(job.invalidRows ? 'imp.restUnchanged' : 'imp.nothingToChange', { n: job.unchangedRows })} />}
      {toWrite === 0 && job.unchangedRows === 0 && <Alert type="error" showIcon style={{ marginTop: 8 }} message={t('imp.nothingValid')} />}
    </div>
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
 * (共 N 行 / 新增 / 修改 / 无变化 / 有错误: the bad rows with row number and reasons, the updates with what
 * they change; unchanged rows are no error and are left alone) → choose 全部成功才导入 or 只导入有效行 →
 * commit → result (新增 3 条、修改 2 条、无变化 195 条), with the error sheet to download and fix.
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
  const toWrite = job ? job.newRows + job.updatedRows : 0;

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
          <PreviewCounts job={job} />
          <PreviewVerdict job={job} />
          {(job.invalidRows > 0 || job.updatedRows > 0) && (
            <Tabs
              size="small"
              data-testid="import-row-tabs"
              items={[
                ...(job.invalidRows > 0 ? [{ key: 'invalid', label: <span style={{ color: RED }}>{`${t('imp.invalid')}（${job.invalidRows}）`}</span>, children: <JobRows job={job} kind="invalid" /> }] : []),
                ...(job.updatedRows > 0 ? [{ key: 'update', label: <span style={{ color: BLUE }}>{`${t('imp.updated')}（${job.updatedRows}）`}</span>, children: <JobRows job={job} kind="update" /> }] : []),
              ]}
            />
          )}
          {toWrite === 0 ? null : (
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
            {toWrite === 0 && job.unchangedRows > 0 && job.invalidRows === 0 ? (
              <Button type="primary" onClick={close} data-testid="import-close">{t('imp.close')}</Button>
            ) : (
              <Button type="primary" loading={committing} disabled={toWrite === 0} onClick={commit} data-testid="import-commit">{t('imp.commit')}</Button>
            )}
          </Space>
        </Space>
      )}

      {step === 2 && done && (
        <Result
          status="success"
          title={t('imp.done')}
          subTitle={<span data-testid="import-result">{t('imp.doneSub', { plan: planText(t, done), skipped: done.invalidRows ? t('imp.skipped', { n: done.invalidRows }) : '' })}</span>}
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
