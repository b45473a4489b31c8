// What this browser chose last time on a form (e.g. the warehouse an order ships from), so that the
// next form opens on it instead of on whatever sorts first. Kept in localStorage: a convenience, not data.

const keyOf = (name: string) => `salesdesk.last.${name}`;

/** The id chosen last time, when it is still one of the options; else the first option. */
export function lastChoiceAmong(name: string, ids: readonly number[]): number | undefined {
  let last: number | null = null;
  try {
    last = Number(localStorage.getItem(keyOf(name))) || null;
  } catch {
    // storage off (private mode): the first option
  }
  return last !== null && ids.includes(last) ? last : ids[0];
}

export function rememberChoice(name: string, id: number | null | undefined): void {
  if (!id) return;
  try {
    localStorage.setItem(keyOf(name), String(id));
  } catch {
    // storage off: nothing to remember
  }
}
