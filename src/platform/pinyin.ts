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
  const { full, initials } = pinyinWithInitials(compact, false);
  return [compact, full, initials].map((s) => s.toLowerCase().replace(/\s+/g, '')).join('|');
}

export type PinyinPair = { full: string; initials: string };

const CACHE_LIMIT = 20_000;
// Only short texts are kept (regions, trades, people's names, name cores of a few characters): they
// repeat. A company's full name rarely does, and an import of 100,000 unique names kept in the cache
// only grew the heap (every entry outlives a young-generation collection) for no hit.
const CACHED_LENGTH = 8;
const caches = { v: new Map<string, PinyinPair>(), u: new Map<string, PinyinPair>() };

/**
 * The toneless pinyin of a text and its initials, exactly as two pinyin-pro calls give them
 * (`toneType: 'none', type: 'array', nonZh: 'consecutive'`, the second with `pattern: 'first'`), joined
 * without separators — but from ONE call: pinyin-pro's 'first' pattern is the first letter of each
 * Chinese item's syllable(s) and leaves non-Chinese runs whole, so the initials are read off the same
 * items. Items are aligned with the text to tell Chinese items from non-Chinese runs; if alignment ever
 * fails the two calls are made. `v`: ü written as v in the full pinyin (the initials never start with ü).
 * The call asks for tone marks (`toneType: 'symbol'`) and the marks are removed here per distinct
 * syllable: pinyin-pro's 'none' runs nine regular-expression replaces over every syllable of every
 * call, a third of its time on an import's names. Results of short texts are kept per distinct text (a bounded
 * cache: imports repeat regions, trades and short cores).
 */
export function pinyinWithInitials(text: string, v: boolean): PinyinPair {
  const cache = v ? caches.v : caches.u;
  const hit = cache.get(text);
  if (hit) return hit;
  const items = pinyin(text, { toneType: 'symbol', type: 'array', nonZh: 'consecutive' });
  let full = '';
  let initials = '';
  let p = 0;
  let aligned = true;
  for (const item of items) {
    if (item !== '' && text.startsWith(item, p)) {
      full += item; // a non-Chinese run, kept whole (a Chinese item's pinyin never equals its character)
      initials += item;
      p += item.length;
      continue;
    }
    const cp = text.codePointAt(p);
    if (cp === undefined || item === '') {
      aligned = false;
      break;
    }
    const plain = toneless(item, v);
    full += plain;
    // a character read as several syllables (瓩 qian wa) gives their initials, space-separated, as pinyin-pro does
    initials += plain.indexOf(' ') < 0 ? plain.charAt(0) : plain.split(' ').map((syllable) => syllable.charAt(0)).join(' ');
    p += cp > 0xffff ? 2 : 1;
  }
  const pair =
    aligned && p === text.length
      ? { full, initials }
      : {
          full: pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v }).join(''),
          initials: pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' }).join(''),
        };
  if (text.length <= CACHED_LENGTH) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(text, pair);
  }
  return pair;
}

// pinyin-pro's own tone removal (getPinyinWithoutTone), applied once per distinct syllable text
const TONE_MARKS: [RegExp, string][] = [
  [/(ā|á|ǎ|à)/g, 'a'], [/(ō|ó|ǒ|ò)/g, 'o'], [/(ē|é|ě|è)/g, 'e'], [/(ī|í|ǐ|ì)/g, 'i'], [/(ū|ú|ǔ|ù)/g, 'u'],
  [/(ǖ|ǘ|ǚ|ǜ)/g, 'ü'], [/(n̄|ń|ň|ǹ)/g, 'n'], [/(m̄|ḿ|m̌|m̀)/g, 'm'], [/(ê̄|ế|ê̌|ề)/g, 'ê'],
];
const syllables = new Map<string, [none: string, v: string]>();

/** A Chinese item's pinyin without tone marks (and with ü as v when asked), as pinyin-pro's toneType 'none' and v options give it. */
function toneless(item: string, v: boolean): string {
  let e = syllables.get(item);
  if (!e) {
    let none = item;
    for (const [re, plain] of TONE_MARKS) none = none.replace(re, plain);
    e = [none, none.replace(/ü/g, 'v')];
    if (syllables.size < CACHE_LIMIT) syllables.set(item, e); // a few thousand syllables exist; the bound guards odd input
  }
  return v ? e[1] : e[0];
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
