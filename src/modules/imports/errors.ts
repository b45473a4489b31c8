import { defineErrors } from '../../platform/errors/app-error.ts';

export const importError = defineErrors({
  UNKNOWN_KIND: { status: 404, zh: '不支持导入「{kind}」', en: 'Nothing called {kind} can be imported' },
  MISSING_COLUMNS: { status: 400, zh: '表格缺少必填列：{columns}。请使用导入模板，第一行为列标题', en: 'The sheet lacks required columns: {columns}. Use the import template; the first row holds the titles' },
  EMPTY_FILE: { status: 400, zh: '表格中没有数据行', en: 'The sheet has no data rows' },
  TOO_MANY_ROWS: { status: 400, zh: '一次最多导入 {max} 行，请拆分文件', en: 'At most {max} rows per import; split the file' },
  UNREADABLE_FILE: { status: 400, zh: '无法读取该 Excel 文件，请用 Excel 或 WPS 另存为 .xlsx 后重试', en: 'The Excel file cannot be read; save it again as .xlsx' },
  ALREADY_COMMITTED: { status: 409, zh: '该导入已执行过，不能重复导入', en: 'This import has been committed already' },
  NOT_PREVIEW: { status: 409, zh: '该导入状态为「{status}」，不能执行', en: 'This import is {status} and cannot be committed' },
  HAS_INVALID_ROWS: { status: 409, zh: '有 {count} 行数据有错误，按“全部成功才导入”不会导入任何数据。请修正后重新上传，或选择“只导入有效行”', en: '{count} rows have errors; nothing is imported in all-or-nothing mode. Fix them and upload again, or import the valid rows only' },
  ROWS_CHANGED: { status: 409, zh: '预览后有 {count} 行与系统中的数据重复（如第 {first} 行：{reason}），未导入任何数据，请重新上传', en: '{count} rows now duplicate existing records (e.g. row {first}: {reason}); nothing was imported; upload again' },
  NOTHING_TO_IMPORT: { status: 409, zh: '没有可导入的有效行', en: 'There are no valid rows to import' },
  NOTHING_TO_CHANGE: { status: 409, zh: '没有需要新增或修改的内容：{count} 行与系统中的数据完全相同', en: 'Nothing to add or change: {count} rows are the same as the records' },
});

export type ImportErrorCode = keyof typeof importError.defs;

export const statusLabel: Record<string, string> = { parsing: '解析中', preview: '待确认', committed: '已导入', failed: '失败', discarded: '已放弃' };
