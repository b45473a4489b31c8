export { escapeFormula, unescapeFormula, contentDisposition } from './escape.ts';
export { streamXlsx, writeXlsx, writeXlsxFile, xlsxBuffer, cellValue, XLSX_MIME, type XlsxColumn, type XlsxSheet, type ColumnFormat, type StreamXlsxOptions } from './writer.ts';
export { readXlsxRows, mapHeader, normalizeHeader, cellText, SheetHeaderError, type HeaderColumn, type SheetRow, type HeaderMap } from './reader.ts';
export { XlsxFormatError } from './xlsx-zip.ts';
export { receiveXlsx, type SavedUpload } from './upload.ts';
