// CSV cells and rows for the findings explorer's download: the evidence CSV rules
// (RFC 4180, formula neutralising; src/server/evidence/csv.ts), without a BOM, and
// accepting any value the explorer's rows hold (arrays, bigints).
import { neutraliseFormula, quoteCsvField } from '@/server/evidence/csv';

/** One field: text as is, dates in ISO 8601, nothing for null; formula-like text prefixed with an apostrophe. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  let text: string;
  if (value instanceof Date) text = value.toISOString();
  else if (Array.isArray(value)) text = value.map((v) => String(v)).join(' ');
  else text = String(value);
  return quoteCsvField(neutraliseFormula(text));
}

/** One record, ending with CRLF. */
export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
