// The platform's error codes. Each module defines its own codes the same way, in its errors.ts,
// with defineErrors(): the code union is the keys, and a code without both messages does not compile.
export const platformMessages = {
  // platform
  VALIDATION_FAILED: { status: 400, zh: '输入有误，请检查标红的字段', en: 'Some fields are invalid' },
  BAD_REQUEST: { status: 400, zh: '请求无效：{reason}', en: 'Bad request: {reason}' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please log in' },
  LOGIN_FAILED: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  ACCOUNT_LOCKED: { status: 423, zh: '登录失败次数过多，账号已锁定，请于 {until} 后再试或联系管理员', en: 'Too many failed logins; account locked until {until}' },
  ACCOUNT_DISABLED: { status: 403, zh: '账号已停用，请联系管理员', en: 'This account is disabled' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, zh: '首次登录请先修改密码', en: 'Please change your password first' },
  CSRF_INVALID: { status: 403, zh: '页面已过期，请刷新后重试', en: 'The page has expired; reload and try again' },
  FORBIDDEN: { status: 403, zh: '没有权限执行此操作', en: 'You do not have permission to do this' },
  NO_COMPANY: { status: 403, zh: '您不属于任何账套，请联系管理员', en: 'You belong to no company; ask an administrator' },
  NOT_FOUND: { status: 404, zh: '记录不存在或无权查看', en: 'Not found, or not visible to you' },
  STALE_VERSION: { status: 409, zh: '记录已被他人修改，请刷新后再改', en: 'Someone else changed this record; reload and try again' },
  CONFLICT: { status: 409, zh: '操作冲突：{reason}', en: 'Conflict: {reason}' },
  INVALID_TRANSITION: { status: 409, zh: '单据当前状态为「{from}」，不能{action}', en: 'A document in status "{fromEn}" cannot be changed: {actionEn}' },
  VOID_REASON_REQUIRED: { status: 400, zh: '作废必须填写原因', en: 'A reason is required to void' },
  PASSWORD_WEAK: { status: 400, zh: '密码至少 8 位，且须同时包含字母和数字', en: 'Passwords need 8+ characters with letters and digits' },
  PASSWORD_WRONG: { status: 400, zh: '原密码不正确', en: 'The current password is wrong' },
  USERNAME_TAKEN: { status: 409, zh: '用户名「{username}」已被使用', en: 'Username {username} is taken' },
  CODE_TAKEN: { status: 409, zh: '编码「{code}」已被使用', en: 'Code {code} is taken' },
  RATE_LIMITED: { status: 429, zh: '操作过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '上传的文件太大', en: 'The upload is too large' },
  UNSUPPORTED_FILE: { status: 400, zh: '不支持的文件类型，请上传 .xlsx 文件', en: 'Unsupported file; upload an .xlsx file' },
  INTERNAL: { status: 500, zh: '系统内部错误，请联系管理员（请求编号 {requestId}）', en: 'Internal error (request id {requestId})' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type PlatformErrorCode = keyof typeof platformMessages;
