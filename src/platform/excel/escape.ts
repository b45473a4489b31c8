// Spreadsheet formula injection (CSV/Excel injection): a cell whose text starts with one of these is
// taken as a formula by Excel, WPS and LibreOffice. We prefix such text with an apostrophe, which the
// reader strips again on import, so a round trip keeps the value.
// Text that already starts with apostrophes before such a character gets one more, so that the
// reader's stripping of one apostrophe gives back exactly what was written ('=x → ''=x → '=x).
const NEEDS_PREFIX = /^'*[=+\-@\t\r]/;
const PREFIXED = /^'+[=+\-@\t\r]/;

/** Text that a spreadsheet would run as a formula gets a leading apostrophe; everything else is unchanged. */
export function escapeFormula(text: string): string {
  return NEEDS_PREFIX.test(text) ? `'${text}` : text;
}

/** The inverse of escapeFormula, for values read back from an uploaded sheet. */
export function unescapeFormula(text: string): string {
  return PREFIXED.test(text) ? text.slice(1) : text;
}

/** RFC 5987/6266 Content-Disposition for a (Chinese) file name, with an ASCII fallback for old clients. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
