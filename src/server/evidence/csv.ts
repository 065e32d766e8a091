// CSV for evidence files: RFC 4180 (comma separator, CRLF line ends, fields quoted when
// they hold a comma, a quote, CR or LF, quotes doubled), UTF-8 with a byte-order mark so
// spreadsheet programs read names with accents correctly.
//
// Formula injection: a spreadsheet runs a cell that starts with =, +, - or @ (and some
// also after a leading tab or carriage return) as a formula. Every text cell starting with
// one of those gets a leading apostrophe, which spreadsheets show as plain text. Numbers,
// booleans and dates are written as they are (they cannot hold a formula).

/** The UTF-8 byte-order mark every evidence CSV file starts with. */
export const CSV_BOM = '\uFEFF';

export const CSV_LINE_END = '\r\n';

export type CsvValue = string | number | boolean | Date | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** A text cell made safe to open in a spreadsheet: `=1+1` becomes `'=1+1`. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Encloses a field in quotes when RFC 4180 asks for it, doubling inner quotes. */
export function quoteCsvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvCell(value: CsvValue): string {
  let text: string;
  if (value === null || value === undefined) return '';
  if (value instanceof Date) text = value.toISOString();
  else if (typeof value === 'number') text = Number.isFinite(value) ? String(value) : '';
  else if (typeof value === 'boolean') text = value ? 'true' : 'false';
  else text = neutraliseFormula(value);
  return quoteCsvField(text);
}

/** One record, with its CRLF. */
export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(',') + CSV_LINE_END;
}

/** The first line of a file: the BOM and the header record. */
export function csvHeader(columns: readonly string[]): string {
  return CSV_BOM + csvRow(columns);
}

/**
 * Parses CSV text written by csvRow (RFC 4180), for tests and verification tools. A leading
 * BOM is skipped. Returns records as arrays of raw cell text (apostrophes are kept).
 */
export function parseCsv(text: string): string[][] {
  const input = text.startsWith(CSV_BOM) ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (quoted) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell === '') {
      quoted = true;
      i++;
    } else if (ch === ',') {
      record.push(cell);
      cell = '';
      i++;
    } else if (ch === '\r' && input[i + 1] === '\n') {
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
      i += 2;
    } else {
      cell += ch;
      i++;
    }
  }
  if (cell !== '' || record.length > 0) {
    record.push(cell);
    records.push(record);
  }
  return records;
}
