import { Tooltip, Typography } from 'antd';

// Display formats: money is integer fen → "¥1,234.56"; instants (UTC ISO) show in Asia/Shanghai.

const moneyFmt = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 123456 (fen) → "¥1,234.56"; integer arithmetic only, so no float rounding creeps in. */
export function formatMoney(fen: number | null | undefined, opts: { symbol?: boolean } = {}): string {
  if (fen === null || fen === undefined || Number.isNaN(fen)) return '';
  const neg = fen < 0;
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  const body = `${moneyFmt.format(yuan).replace(/\.\d+$/, '')}.${cents}`;
  return `${neg ? '-' : ''}${opts.symbol === false ? '' : '¥'}${body}`;
}

export function Money({ fen, symbol, colored }: { fen: number | null | undefined; symbol?: boolean; colored?: boolean }) {
  if (fen === null || fen === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  const style = { fontVariantNumeric: 'tabular-nums' as const, whiteSpace: 'nowrap' as const, color: colored && fen < 0 ? '#cf1322' : undefined };
  return <span style={style}>{formatMoney(fen, { symbol })}</span>;
}

const dtFmt = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
const dtSecFmt = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

function parts(fmt: Intl.DateTimeFormat, d: Date): Record<string, string> {
  return Object.fromEntries(fmt.formatToParts(d).map((p) => [p.type, p.value]));
}

/** "2026-11-22T06:05:00Z" → "2026-11-22 14:05" (Asia/Shanghai). */
export function formatDateTime(iso: string | null | undefined, seconds = false): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = parts(seconds ? dtSecFmt : dtFmt, d);
  const hour = p.hour === '24' ? '00' : p.hour;
  return `${p.year}-${p.month}-${p.day} ${hour}:${p.minute}${seconds ? `:${p.second}` : ''}`;
}

export function DateTime({ value, seconds }: { value: string | null | undefined; seconds?: boolean }) {
  if (!value) return <Typography.Text type="secondary">—</Typography.Text>;
  return <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(value, seconds)}</span>;
}

/** "3 分钟前" / "3 minutes ago"; the exact time in a tooltip where used as a component. */
export function fromNow(iso: string, locale: string = 'zh-CN', now: number = Date.now()): string {
  const diff = Math.max(0, now - new Date(iso).getTime());
  const min = Math.floor(diff / 60_000);
  const en = locale === 'en-US';
  if (min < 1) return en ? 'just now' : '刚刚';
  if (min < 60) return en ? `${min} min ago` : `${min} 分钟前`;
  const h = Math.floor(min / 60);
  if (h < 24) return en ? `${h} h ago` : `${h} 小时前`;
  const d = Math.floor(h / 24);
  if (d < 7) return en ? `${d} d ago` : `${d} 天前`;
  return formatDateTime(iso);
}

export function FromNow({ value, locale }: { value: string; locale?: string }) {
  return (
    <Tooltip title={formatDateTime(value, true)}>
      <span>{fromNow(value, locale)}</span>
    </Tooltip>
  );
}
