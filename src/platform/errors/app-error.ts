import { platformMessages } from './messages.ts';
import { format, type Locale } from '../i18n/locale.ts';

export type FieldError = { path: string; message: string };
export type ErrorDef = { status: number; zh: string; en: string };

/** The one error type of SalesDesk: a code with its zh/en message and HTTP status, params and field errors. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: string,
    readonly def: ErrorDef,
    readonly params: Record<string, unknown> = {},
    readonly fields: FieldError[] = [],
  ) {
    super(format(def.en, params));
    this.status = def.status;
  }
  localized(locale: Locale): string {
    return format(locale === 'en-US' ? this.def.en : this.def.zh, this.params);
  }
}

/** A module's error factory: `const err = defineErrors({...}); throw err('CODE', {param})`. */
export function defineErrors<T extends Record<string, ErrorDef>>(defs: T) {
  const make = (code: keyof T & string, params: Record<string, unknown> = {}, fields: FieldError[] = []) =>
    new AppError(code, defs[code], params, fields);
  return Object.assign(make, { defs });
}

export const platformError = defineErrors(platformMessages);
export const notFound = () => platformError('NOT_FOUND');
export const forbidden = () => platformError('FORBIDDEN');
export const staleVersion = () => platformError('STALE_VERSION');
export const validationFailed = (fields: FieldError[]) => platformError('VALIDATION_FAILED', {}, fields);
