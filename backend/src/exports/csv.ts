/** A value of one CSV cell: numbers and dates are written as such, null and undefined as empty. */
export type CsvValue = string | number | boolean | Date | null | undefined;

/** A plain decimal number written as text ("-12.50"): a value, not a formula, so it is not guarded. */
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;
/** First characters that make spreadsheets read a cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One cell, RFC 4180: quoted when it holds a quote, comma or line break (quotes doubled). Text that
 * a spreadsheet would run as a formula (starting with `= + - @`, tab or carriage return) gets a
 * leading `'`, so it is shown as text; numbers (JS numbers, or plain decimal strings) are left alone.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let text = value instanceof Date ? value.toISOString() : value;
  if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record with its CRLF line ending. */
export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(',') + '\r\n';
}

/** A file name safe in a Content-Disposition header and on any file system. */
export function safeFileName(stem: string, extension = 'csv'): string {
  const cleaned = stem
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 120);
  return `${cleaned || 'export'}.${extension}`;
}
