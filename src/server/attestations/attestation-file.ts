// The optional file of an attestation (a signed policy, a training record, a screenshot): at most
// 5 MB, PDF, PNG, JPEG or plain text, recognized by its content (magic bytes; text must be valid
// UTF-8 without control characters), and its name's extension must agree. Stored with its SHA-256.
import { createHash } from 'node:crypto';

export const MAX_ATTESTATION_FILE_BYTES = 5 * 1024 * 1024;

export const ATTESTATION_FILE_TYPES = {
  'application/pdf': { label: 'a PDF document', extensions: ['.pdf'] },
  'image/png': { label: 'a PNG image', extensions: ['.png'] },
  'image/jpeg': { label: 'a JPEG image', extensions: ['.jpg', '.jpeg'] },
  'text/plain': { label: 'plain text', extensions: ['.txt'] },
} as const;
export type AttestationFileType = keyof typeof ATTESTATION_FILE_TYPES;

export const ACCEPTED_FILE_EXTENSIONS = Object.values(ATTESTATION_FILE_TYPES).flatMap((t) => t.extensions);

const startsWith = (bytes: Uint8Array, signature: readonly number[]) => signature.every((b, i) => bytes[i] === b);
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
// C0 controls other than tab, line feed, form feed and carriage return, and DEL.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

function isPlainText(bytes: Uint8Array): boolean {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return !CONTROL_CHARACTERS.test(text);
  } catch {
    return false;
  }
}

/** The type the content shows, whatever the name says; null when it is none of the accepted ones. */
export function detectFileType(bytes: Uint8Array): AttestationFileType | null {
  if (startsWith(bytes, PDF)) return 'application/pdf';
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, JPEG)) return 'image/jpeg';
  if (isPlainText(bytes)) return 'text/plain';
  return null;
}

/** The last path segment, without control characters, at most 200 characters (the extension kept). */
export function sanitizeFileName(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  if (base.length <= 200) return base;
  const dot = base.lastIndexOf('.');
  const extension = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : '';
  return base.slice(0, 200 - extension.length) + extension;
}

export interface InspectedFile {
  fileName: string;
  fileType: AttestationFileType;
  fileSize: number;
  fileSha256: string;
  content: Uint8Array<ArrayBuffer>;
}

export type InspectFileResult = { ok: true; file: InspectedFile } | { ok: false; message: string };

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function inspectAttestationFile(file: { name: string; bytes: Uint8Array }): InspectFileResult {
  const fileName = sanitizeFileName(file.name);
  if (!fileName) return { ok: false, message: 'The file has no name.' };
  if (file.bytes.byteLength === 0) return { ok: false, message: `${fileName} is empty.` };
  if (file.bytes.byteLength > MAX_ATTESTATION_FILE_BYTES) {
    return { ok: false, message: `${fileName} is ${megabytes(file.bytes.byteLength)}; attach at most ${megabytes(MAX_ATTESTATION_FILE_BYTES)}.` };
  }
  const fileType = detectFileType(file.bytes);
  if (!fileType) return { ok: false, message: `${fileName} is not a PDF, PNG, JPEG or plain-text file (judged by its content, not its name).` };
  const extension = fileName.includes('.') ? fileName.slice(fileName.lastIndexOf('.')).toLowerCase() : '';
  const expected: readonly string[] = ATTESTATION_FILE_TYPES[fileType].extensions;
  if (!expected.includes(extension)) {
    return {
      ok: false,
      message: `${fileName} contains ${ATTESTATION_FILE_TYPES[fileType].label}, but its name ${extension ? `ends in ${extension}` : 'has no extension'}; name it ${expected.join(' or ')}.`,
    };
  }
  const content = new Uint8Array(file.bytes);
  return {
    ok: true,
    file: { fileName, fileType, fileSize: content.byteLength, fileSha256: createHash('sha256').update(content).digest('hex'), content },
  };
}
