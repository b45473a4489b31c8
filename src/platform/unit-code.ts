// Box 箱码 and bottle 瓶码 codes are compared and stored in one form, whoever scans or types them: a
// scanner in full-width mode, caps lock off or a stray space must not make "p001" a second unit beside
// "P001". Every module that writes or looks up unit_codes (slips, inventory inbound) passes codes through this.

/** A unit code as stored: full-width forms as half-width (NFKC), trimmed, upper case. */
export function normalizeUnitCode(code: string): string {
  return code.normalize('NFKC').trim().toUpperCase();
}

/** Codes as stored, blanks dropped, each once (P001 and p001 are one code). */
export function normalizeUnitCodes(codes: readonly string[]): string[] {
  return [...new Set(codes.map(normalizeUnitCode).filter(Boolean))];
}
