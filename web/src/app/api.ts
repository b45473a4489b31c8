// The one HTTP client of the web UI: same-origin cookies, JSON, the CSRF token on every
// state-changing request, and one error type (ApiError) carrying the server's code, message and field paths.

export type FieldError = { path: string; message: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    readonly requestId: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
export type QueryParams = Record<string, string | number | boolean | null | undefined | Array<string | number>>;

let csrfToken: string | null = null;
let uiLocale = 'zh-CN';
let onUnauthorized: (() => void) | null = null;

/** Set from GET /api/auth/me; sent as x-csrf-token on POST/PUT/PATCH/DELETE. */
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};
/** The UI language, sent as Accept-Language so server messages match the screen. */
export const setApiLocale = (locale: string) => {
  uiLocale = locale;
};
/** Called on any 401 (session expired or logged out elsewhere): the shell shows the login page. */
export const setUnauthorizedHandler = (fn: (() => void) | null) => {
  onUnauthorized = fn;
};

/** "/api/x" + {a: 1, b: undefined, c: [1,2]} → "/api/x?a=1&c=1&c=2" (empty values are left out). */
export function withQuery(url: string, params?: QueryParams): string {
  if (!params) return url;
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => sp.append(k, String(x)));
    else sp.append(k, typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
  }
  const qs = sp.toString();
  return qs ? `${url}${url.includes('?') ? '&' : '?'}${qs}` : url;
}

async function toError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    /* not JSON: a proxy error page or an empty body */
  }
  const e = (body as { error?: { code?: string; message?: string; fields?: FieldError[]; requestId?: string } } | null)?.error;
  if (e?.code) return new ApiError(res.status, e.code, e.message ?? e.code, e.fields ?? [], e.requestId ?? null);
  const fallback = uiLocale === 'en-US' ? `Request failed (HTTP ${res.status})` : `请求失败（HTTP ${res.status}），请稍后重试`;
  return new ApiError(res.status, res.status === 0 ? 'NETWORK' : 'HTTP_' + res.status, fallback);
}

async function send(method: string, url: string, body?: BodyInit | null, headers: Record<string, string> = {}): Promise<Response> {
  const h: Record<string, string> = { accept: 'application/json', 'accept-language': uiLocale, ...headers };
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) h['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(url, { method, headers: h, body: body ?? undefined, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', uiLocale === 'en-US' ? 'Cannot reach the server; check the network' : '无法连接服务器，请检查网络');
  }
  if (!res.ok) {
    const err = await toError(res);
    if (res.status === 401 && !url.startsWith('/api/auth/login') && onUnauthorized) onUnauthorized();
    throw err;
  }
  return res;
}

async function json<T>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await send(method, url, body === undefined ? null : JSON.stringify(body), body === undefined ? {} : { 'content-type': 'application/json' });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

function filenameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  return plain ? plain[1] : fallback;
}

export const api = {
  get: <T>(url: string, params?: QueryParams) => json<T>('GET', withQuery(url, params)),
  post: <T>(url: string, body: unknown = {}) => json<T>('POST', url, body),
  put: <T>(url: string, body: unknown = {}) => json<T>('PUT', url, body),
  patch: <T>(url: string, body: unknown = {}) => json<T>('PATCH', url, body),
  del: <T>(url: string) => json<T>('DELETE', url),

  /** Downloads a file (e.g. an Excel export) and saves it under the server's file name. */
  async download(url: string, params?: QueryParams, fallbackName = 'download', method: 'GET' | 'POST' = 'GET', body?: unknown): Promise<void> {
    const res = await send(method, withQuery(url, params), body === undefined ? null : JSON.stringify(body), body === undefined ? {} : { 'content-type': 'application/json' });
    const blob = await res.blob();
    const href = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = href;
    a.download = filenameOf(res, fallbackName);
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 1000);
  },

  /** Uploads one file as multipart/form-data (field "file"), with extra text fields; returns the JSON reply. */
  async upload<T>(url: string, file: File | Blob, fields: Record<string, string> = {}, fileName?: string): Promise<T> {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', file, fileName ?? (file instanceof File ? file.name : 'upload'));
    const res = await send('POST', url, form);
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  },
};

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** A message for any thrown value, with the request id when the server logged one. */
export function errorMessage(e: unknown, locale = uiLocale): string {
  if (e instanceof ApiError) {
    if (e.status >= 500 && e.requestId && !e.message.includes(e.requestId)) return `${e.message}（${locale === 'en-US' ? 'request id' : '请求编号'} ${e.requestId}）`;
    return e.message;
  }
  return e instanceof Error ? e.message : String(e);
}
