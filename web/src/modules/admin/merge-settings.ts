/**
 * The saved company settings with the settings form's values laid over them section by section (one
 * level deep): a card shows only some keys of its section, and the keys it does not show are kept.
 */
export function mergeSections(saved: Record<string, unknown>, form: Record<string, unknown>): Record<string, unknown> {
  const plain = (x: unknown) => typeof x === 'object' && x !== null && !Array.isArray(x);
  const out: Record<string, unknown> = { ...saved };
  for (const [key, value] of Object.entries(form)) {
    const before = saved[key];
    out[key] = plain(value) && plain(before) ? { ...(before as object), ...(value as object) } : value;
  }
  return out;
}
