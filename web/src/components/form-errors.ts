import type { FormInstance } from 'antd';
import { ApiError } from '../app/api.ts';

/**
 * Shows an API error's field messages under the matching antd Form fields.
 * The server names fields by dotted paths ("contacts.0.phone", "body.name" for some validators);
 * antd names them by arrays (['contacts', 0, 'phone']). Returns the messages that matched no field,
 * so the caller can show them (together with e.message) in an alert.
 */
export function applyFormErrors(form: FormInstance, error: unknown, aliases: Record<string, string> = {}): string[] {
  if (!(error instanceof ApiError) || error.fields.length === 0) return [];
  const known = new Set(
    form.getFieldsError().map((f) => JSON.stringify(f.name)),
  );
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const unmatched: string[] = [];
  for (const f of error.fields) {
    const path = aliases[f.path] ?? f.path.replace(/^(body|querystring|params)\./, '');
    const name = path.split('.').filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const key = JSON.stringify(name);
    if (!known.has(key)) {
      unmatched.push(f.message);
      continue;
    }
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(f.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()].map((e) => ({ name: e.name, errors: e.errors })));
  return unmatched;
}
