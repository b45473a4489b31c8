import { z } from 'zod';

// The building blocks every module's zod schemas share (server and web import them; zod only here).

/** Trimmed text of at most `max` characters. */
export const text = (max: number) => z.string().trim().max(max);
/** Optional text: '' and null both mean "none" (null). */
export const optionalText = (max: number) =>
  text(max)
    .nullish()
    .transform((v) => (v === '' ? null : (v ?? null)));
/** A record id in a JSON body. */
export const id = z.number().int().positive();
/** A record id in a path or query string. */
export const queryId = z.coerce.number().int().positive();
export const idParams = z.object({ id: queryId });
/** The version an edit was made against (409 when stale). */
export const version = z.number().int().positive();
/** A business date, YYYY-MM-DD. */
export const dateText = z.iso.date();
export const page = z.coerce.number().int().min(1).max(100000).default(1);
export const pageSize = z.coerce.number().int().min(1).max(200).default(20);
/** A yes/no filter in a query string. */
export const flag = z.enum(['1', '0']);
/** "a,b" → ["a", "b"] (list filters travel comma-joined in the URL). */
export const commaList = (v: unknown) => (typeof v === 'string' && v.includes(',') ? v.split(',').filter(Boolean) : v);

/** What a document line or a stock row shows of its product (copied onto a line when it is written). */
export const productOnLine = {
  productId: z.number(),
  productCode: z.string(),
  productName: z.string(),
  spec: z.string().nullable(),
  unit: z.string(),
};
/** A priced line's figures: unit price (0.0001 yuan), discount and tax rate (basis points), amounts in fen (platform/money.ts lineAmounts). */
export const lineAmountsOut = {
  unitPrice: z.number(),
  discountBp: z.number(),
  taxRateBp: z.number(),
  amountExTax: z.number(),
  taxAmount: z.number(),
  amount: z.number(),
};
