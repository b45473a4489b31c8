// Long lists printed on whole A4 pages (the monthly binding list 装订目录, a driver's day 对单): the rows
// are cut into pages here, before printing, so that every page carries its own heading, its number
// (第 N 页 / 共 M 页) and what it holds (the slip numbers from … to …) in any browser — CSS page
// counters in the page margin print only in a recent Chromium. A row's height is estimated from the
// text of its wrapping cells (every character of a CJK font is 1 em wide, the rest at most 0.6 em),
// always on the high side: a page may end with some room left, never with a row pushed off it.

/** The width of a text in em of its font: CJK and full-width characters 1, others (digits, Latin, ASCII punctuation) 0.6. */
export function textEm(text: string): number {
  let em = 0;
  for (const ch of text) em += /[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/.test(ch) ? 1 : 0.6;
  return em;
}

/** How many lines a text takes in a cell of `widthMm` (inside its padding) at `fontMm` (at least one). */
export function linesOf(text: string | null | undefined, widthMm: number, fontMm: number): number {
  // whole characters per line, one kept spare for where a line cannot break (a Latin word, closing punctuation)
  const perLine = Math.max(1, Math.floor(widthMm / fontMm) - 1);
  return Math.max(1, Math.ceil(textEm(text ?? '') / perLine));
}

/**
 * Cuts rows into pages of `bodyMm` (the height left for rows below a page's heading), a row's height
 * `heightMm(row)`; the last page keeps `lastMm` free for what follows the rows (totals, signatures).
 * A row taller than a page gets a page of its own; a closing block that fits under no rows gets one too (a page
 * without rows). There is always at least one page (empty if there are no rows).
 */
export function paginate<T>(rows: T[], heightMm: (row: T) => number, bodyMm: number, lastMm = 0): T[][] {
  const pages: T[][] = [[]];
  let used = 0;
  for (const row of rows) {
    const h = heightMm(row);
    if (used + h > bodyMm && pages.at(-1)!.length) {
      pages.push([]);
      used = 0;
    }
    pages.at(-1)!.push(row);
    used += h;
  }
  // the closing block does not fit under the last rows: the rows that leave it no room go over to a new
  // page, and where even they leave it none (or a single row fills the page), the block has a page to itself
  if (used + lastMm > bodyMm) {
    const last = pages.at(-1)!;
    const moved: T[] = [];
    while (last.length > 1 && used + lastMm > bodyMm) {
      const row = last.pop()!;
      used -= heightMm(row);
      moved.unshift(row);
    }
    if (moved.length) pages.push(moved);
    if (!moved.length || moved.reduce((n, r) => n + heightMm(r), 0) + lastMm > bodyMm) pages.push([]);
  }
  return pages;
}

/**
 * The print rules of whole A4 pages (with the forms' print frame, components/print-sheet.tsx): a sheet
 * `sd-page` is one portrait page, 12 mm inside, its number at its foot; the next sheet starts a new page.
 */
export const pageCss = `
.sd-paper-a4 .sd-sheet.sd-page { width: 210mm; height: 297mm; padding: 12mm 12mm 14mm; border-top: none; break-after: page; page-break-after: always; }
.sd-paper-a4 .sd-sheet.sd-page:last-of-type { break-after: auto; page-break-after: auto; }
.sd-sheet.sd-page .sd-page-foot { position: absolute; left: 12mm; right: 12mm; bottom: 6mm; display: flex; justify-content: space-between; gap: 4mm; font-size: 3mm; color: #333; white-space: nowrap; }
.sd-sheet.sd-page .sd-page-no { font-weight: 700; }
`;
