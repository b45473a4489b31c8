import { pinyin } from 'pinyin-pro';

/**
 * The search key of a name: the characters, the full pinyin without spaces and the initials,
 * lower-case, joined by '|'. A list search matches `search_key LIKE '%term%'`, so "北京华东",
 * "beijinghuadong" and "bjhd" all find 北京华东. Stored on the row, computed on write.
 */
export function searchKey(...parts: (string | null | undefined)[]): string {
  const text = parts.filter((p): p is string => !!p && p.trim() !== '').join(' ');
  if (!text) return '';
  const compact = normalizeForSearch(text);
  const full = pinyin(compact, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('');
  const initials = pinyin(compact, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('');
  return [compact, full, initials].map((s) => s.toLowerCase().replace(/\s+/g, '')).join('|');
}

/** Lower-case, full-width → half-width, whitespace removed: what a user's search term is compared as. */
export function normalizeForSearch(text: string): string {
  return toHalfWidth(text).toLowerCase().replace(/\s+/g, '');
}

export function toHalfWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

/** Escapes LIKE wildcards in user input (we use ESCAPE '\'). */
export function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => '\\' + c);
}
