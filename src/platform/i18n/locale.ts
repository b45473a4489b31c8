export type Locale = 'zh-CN' | 'en-US';
export const defaultLocale: Locale = 'zh-CN';

/** Picks the locale from an explicit choice (cookie/user setting) or Accept-Language; zh-CN by default. */
export function pickLocale(explicit?: string | null, acceptLanguage?: string | null): Locale {
  if (explicit === 'en-US' || explicit === 'zh-CN') return explicit;
  if (acceptLanguage && /^en\b/i.test(acceptLanguage.trim())) return 'en-US';
  return defaultLocale;
}

/** Replaces {name} placeholders. */
export function format(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (params[k] === undefined ? `{${k}}` : String(params[k])));
}
