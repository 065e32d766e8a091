import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvCell, csvHeader, csvRow, neutraliseFormula, parseCsv } from './csv';

describe('CSV cells', () => {
  it('quotes only what RFC 4180 requires, doubling quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
  });

  it('writes empty cells for null and undefined, ISO times for dates, plain numbers and booleans', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(new Date('2026-03-01T10:00:00Z'))).toBe('2026-03-01T10:00:00.000Z');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(0.875)).toBe('0.875');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it.each([
    ['=HYPERLINK("http://evil.example","click")', `"'=HYPERLINK(""http://evil.example"",""click"")"`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
  ])('neutralises the formula %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('leaves text that merely contains those characters alone, and numbers even when negative', () => {
    expect(neutraliseFormula('a=b')).toBe('a=b');
    expect(neutraliseFormula('user@example.com')).toBe('user@example.com');
    expect(neutraliseFormula('arn:aws:s3:::bucket-1')).toBe('arn:aws:s3:::bucket-1');
    expect(csvCell(-5)).toBe('-5');
  });

  it('keeps non-ASCII text as UTF-8 and starts files with a BOM and CRLF records', () => {
    const text = csvHeader(['name', 'note']) + csvRow(['Zoë Ångström', '東京, 大阪']);
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expect(text).toBe('\uFEFFname,note\r\nZoë Ångström,"東京, 大阪"\r\n');
    expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('round-trips through an RFC 4180 parser', () => {
    const rows = [
      ['id', 'text'],
      ['1', 'comma, "quote"\r\nand a new line'],
      ['2', ''],
    ];
    const text = csvHeader(rows[0]) + rows.slice(1).map((r) => csvRow(r)).join('');
    expect(parseCsv(text)).toEqual(rows);
  });
});
