import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, platformError, type FieldError } from '../../platform/errors/app-error.ts';
import { pickLocale, type Locale } from '../../platform/i18n/locale.ts';

export type ErrorBody = { error: { code: string; message: string; fields: FieldError[]; requestId: string } };

function localeOf(req: { ctx?: { locale: Locale } | null; cookies?: Record<string, string | undefined>; headers: Record<string, unknown> }): Locale {
  return req.ctx?.locale ?? pickLocale(req.cookies?.sd_locale, req.headers['accept-language'] as string | undefined);
}

const zhCN = z.locales.zhCN();
const hasChinese = /[\u4e00-\u9fff]/;

/** zod's own messages are English; a zh-CN user gets zod's Chinese locale (a schema's own Chinese message is kept). */
function issueMessage(v: { keyword?: string; message?: string; params?: Record<string, unknown> }, locale: Locale): string {
  const message = v.message ?? '';
  if (locale !== 'zh-CN' || hasChinese.test(message)) return message;
  const localized = zhCN.localeError?.({ ...(v.params ?? {}), code: v.keyword } as never);
  if (typeof localized === 'string') return localized;
  return localized?.message ?? message;
}

/** Zod paths like "/contacts/0/phone" → "contacts.0.phone". */
const toPath = (instancePath: string) => instancePath.replace(/^\//, '').replace(/\//g, '.');

/**
 * Every error leaves as { error: { code, message, fields, requestId } } in the user's language.
 * Nothing unexpected reaches the user: a bare 500 becomes INTERNAL with the request id, logged.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, req, reply) => {
    const locale = localeOf(req as never);
    let appError: AppError;
    if (error instanceof AppError) {
      appError = error;
    } else if (hasZodFastifySchemaValidationErrors(error)) {
      const where = (error as unknown as { validationContext?: string }).validationContext ?? 'body';
      const fields = error.validation.map((v) => ({ path: [where === 'body' ? '' : where, toPath(v.instancePath)].filter(Boolean).join('.') || where, message: issueMessage(v, locale) }));
      appError = platformError('VALIDATION_FAILED', {}, fields);
    } else if ((error as FastifyError).statusCode === 429) {
      appError = platformError('RATE_LIMITED');
    } else if ((error as FastifyError).statusCode === 413 || (error as FastifyError).code === 'FST_REQ_FILE_TOO_LARGE') {
      appError = platformError('PAYLOAD_TOO_LARGE');
    } else if ((error as FastifyError).statusCode && (error as FastifyError).statusCode! < 500) {
      appError = platformError('BAD_REQUEST', { reason: error.message });
    } else {
      req.log.error({ err: error }, 'unexpected error');
      appError = platformError('INTERNAL', { requestId: req.id });
    }
    const status = appError.status === 400 && (error as FastifyError).statusCode === 415 ? 415 : appError.status;
    const body: ErrorBody = { error: { code: appError.code, message: appError.localized(locale), fields: appError.fields, requestId: req.id } };
    reply.status(status).send(body);
  });
}
