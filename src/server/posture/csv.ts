// CSV cells and rows per RFC 4180 (comma-separated, CRLF line ends, fields with a comma,
// quote or line break enclosed in double quotes with inner quotes doubled), with cells that
// a spreadsheet would read as a formula neutralised (OWASP "CSV injection").

/** Characters that make Excel, LibreOffice or Sheets evaluate a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One field: text as is, dates in ISO 8601, nothing for null; formula-like text prefixed with an apostrophe. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (value instanceof Date) text = value.toISOString();
  else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  else if (Array.isArray(value)) text = value.map((v) => String(v)).join(' ');
  else text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, ending with CRLF. */
export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
