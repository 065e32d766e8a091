import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { detectFileType, inspectAttestationFile, MAX_ATTESTATION_FILE_BYTES, sanitizeFileName } from './attestation-file';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

const PDF = bytes('%PDF-1.7\n%âãÏÓ\n1 0 obj\n');
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const TEXT = bytes('Policy reviewed on 2025-05-01 by the security committee.\r\n\tSigned: Ann — ✓\n');
const ZIP = bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]);
const EXE = bytes('MZ', [0x90, 0x00, 0x03, 0x00]);

describe('file type by content', () => {
  it.each([
    ['PDF', PDF, 'application/pdf'],
    ['PNG', PNG, 'image/png'],
    ['JPEG', JPEG, 'image/jpeg'],
    ['UTF-8 text', TEXT, 'text/plain'],
    ['ZIP', ZIP, null],
    ['a Windows executable', EXE, null],
    ['invalid UTF-8', bytes([0x61, 0xc3, 0x28]), null],
    ['text with a NUL byte', bytes('abc', [0], 'def'), null],
    ['text with an escape character', bytes('abc\u001b[31m'), null],
  ])('%s → %s', (_label, content, type) => {
    expect(detectFileType(content)).toBe(type);
  });
});

describe('attestation file checks', () => {
  it.each([
    ['policy.pdf', PDF, 'application/pdf'],
    ['Screenshot.PNG', PNG, 'image/png'],
    ['photo.jpeg', JPEG, 'image/jpeg'],
    ['photo.jpg', JPEG, 'image/jpeg'],
    ['minutes.txt', TEXT, 'text/plain'],
  ])('accepts %s as %s with its size and SHA-256', (name, content, type) => {
    const result = inspectAttestationFile({ name, bytes: content });
    expect(result).toEqual({
      ok: true,
      file: { fileName: name, fileType: type, fileSize: content.byteLength, fileSha256: createHash('sha256').update(content).digest('hex'), content },
    });
  });

  it.each([
    ['a zip renamed .pdf', 'evidence.pdf', ZIP, /not a PDF, PNG, JPEG or plain-text file \(judged by its content/],
    ['an executable renamed .txt', 'notes.txt', EXE, /not a PDF, PNG, JPEG or plain-text file/],
    ['a PNG named .pdf', 'scan.pdf', PNG, /contains a PNG image, but its name ends in \.pdf; name it \.png/],
    ['a PDF without extension', 'policy', PDF, /has no extension; name it \.pdf/],
    ['text named .html', 'page.html', bytes('<script>alert(1)</script>'), /contains plain text, but its name ends in \.html/],
    ['an empty file', 'empty.txt', new Uint8Array(), /empty/],
    ['a nameless file', '', TEXT, /no name/],
  ])('refuses %s', (_label, name, content, message) => {
    expect(inspectAttestationFile({ name, bytes: content })).toMatchObject({ ok: false, message: expect.stringMatching(message) });
  });

  it('accepts exactly 5 MB and refuses one byte more', () => {
    const limit = new Uint8Array(MAX_ATTESTATION_FILE_BYTES).fill(0x61);
    expect(inspectAttestationFile({ name: 'big.txt', bytes: limit }).ok).toBe(true);
    const over = new Uint8Array(MAX_ATTESTATION_FILE_BYTES + 1).fill(0x61);
    expect(inspectAttestationFile({ name: 'big.txt', bytes: over })).toMatchObject({ ok: false, message: expect.stringMatching(/at most 5\.0 MB/) });
  });

  it('keeps only the last path segment of a name, without control characters or quotes', () => {
    expect(sanitizeFileName('C:\\Users\\ann\\"policy"\r\n.pdf')).toBe('policy.pdf');
    expect(sanitizeFileName('../../etc/passwd.txt')).toBe('passwd.txt');
    const long = sanitizeFileName(`${'a'.repeat(300)}.pdf`);
    expect(long).toHaveLength(200);
    expect(long.endsWith('.pdf')).toBe(true);
  });
});
