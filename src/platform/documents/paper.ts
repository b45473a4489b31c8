import { z } from 'zod';
import type { Label } from './status.ts';

/**
 * The paper a printed form is laid out for: A4 portrait (two half-page copies a sheet, cut along the
 * dashed line) or 241 mm continuous paper in halves (二等分, one copy a page), the stock of the
 * pin-feed printers in sales offices. The sales slip and the hold's order form print on both.
 */
export const papers = ['a4', 'continuous241'] as const;
export type Paper = (typeof papers)[number];
export const paperLabels: Record<Paper, Label> = {
  a4: { zh: 'A4 纸', en: 'A4' },
  continuous241: { zh: '241 mm 连续纸（二等分）', en: '241 mm continuous (halves)' },
};

/** The body of a print record (POST …/prints): the paper it went on. */
export const printBody = z.object({ paper: z.enum(papers).default('a4') });
