// Receives an uploaded bundle into a temporary file without holding it in memory: the request
// body is either the zip itself (application/zip, application/octet-stream) or multipart/form-
// data whose first file part is the zip. Over `maxBytes` → ValidationError (413-like message).
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ValidationError } from '@/server/errors';

/** The largest bundle the verify page accepts. */
export const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;

export interface ReceivedUpload {
  path: string;
  fileName: string | null;
  size: number;
  /** Removes the temporary file. */
  dispose(): Promise<void>;
}

const tooLarge = (max: number) => new ValidationError(`The bundle is larger than ${Math.round(max / 1024 / 1024)} MB.`, { bundle: ['This file is too large to check here; use npm run evidence:verify.'] });

/** Splits a multipart body on the fly and hands the first file part's bytes to `write`. */
export class MultipartFileExtractor {
  private buffer: Buffer = Buffer.alloc(0);
  private state: 'preamble' | 'headers' | 'body' | 'skip' | 'done' = 'preamble';
  private readonly delimiter: Buffer;
  fileName: string | null = null;
  found = false;

  constructor(
    boundary: string,
    private readonly write: (chunk: Buffer) => void,
  ) {
    this.delimiter = Buffer.from(`\r\n--${boundary}`);
    // The first boundary may start the body without the leading CRLF.
    this.buffer = Buffer.from('\r\n');
  }

  push(chunk: Buffer): void {
    if (this.state === 'done') return;
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      if (this.state === 'preamble' || this.state === 'skip') {
        const at = this.buffer.indexOf(this.delimiter);
        if (at < 0) {
          this.buffer = this.buffer.subarray(Math.max(0, this.buffer.length - this.delimiter.length));
          return;
        }
        this.buffer = this.buffer.subarray(at + this.delimiter.length);
        this.state = 'headers';
      } else if (this.state === 'headers') {
        if (this.buffer.length < 2) return;
        if (this.buffer.subarray(0, 2).toString() === '--') {
          this.state = 'done';
          return;
        }
        const end = this.buffer.indexOf('\r\n\r\n');
        if (end < 0) {
          if (this.buffer.length > 16 * 1024) throw new ValidationError('The upload is not valid multipart/form-data.');
          return;
        }
        const headers = this.buffer.subarray(0, end).toString('utf8');
        this.buffer = this.buffer.subarray(end + 4);
        const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
        const fileName = /filename\*?="?([^";\r\n]*)"?/i.exec(disposition)?.[1];
        if (fileName !== undefined) {
          this.fileName = fileName;
          this.found = true;
          this.state = 'body';
        } else this.state = 'skip';
      } else if (this.state === 'body') {
        const at = this.buffer.indexOf(this.delimiter);
        if (at < 0) {
          // Keep a tail that could be the start of the delimiter.
          const safe = this.buffer.length - (this.delimiter.length - 1);
          if (safe > 0) {
            this.write(this.buffer.subarray(0, safe));
            this.buffer = this.buffer.subarray(safe);
          }
          return;
        }
        this.write(this.buffer.subarray(0, at));
        this.buffer = Buffer.alloc(0);
        this.state = 'done';
        return;
      } else return;
    }
  }

  /** Whether the file part ended properly (its closing boundary was seen). */
  get complete(): boolean {
    return this.state === 'done' && this.found;
  }
}

export async function receiveUpload(body: ReadableStream<Uint8Array> | null, contentType: string, options: { maxBytes?: number } = {}): Promise<ReceivedUpload> {
  const maxBytes = options.maxBytes ?? MAX_UPLOAD_BYTES;
  if (!body) throw new ValidationError('Send the bundle (a .zip file).', { bundle: ['Choose a bundle.'] });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'safeguards-verify-'));
  const file = path.join(dir, 'bundle.zip');
  const dispose = () => rm(dir, { recursive: true, force: true });
  const out = createWriteStream(file);
  const writeErrors: Error[] = [];
  out.on('error', (e) => writeErrors.push(e));
  let size = 0;
  let waitDrain: Promise<void> | null = null;
  const write = (chunk: Buffer) => {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge(maxBytes);
    if (!out.write(chunk)) waitDrain ??= new Promise((resolve) => out.once('drain', () => resolve()));
  };
  try {
    const boundary = /^multipart\/form-data;.*boundary="?([^";]+)"?/i.exec(contentType)?.[1];
    const multipart = boundary ? new MultipartFileExtractor(boundary, write) : null;
    if (!multipart && !/^(application\/(zip|x-zip-compressed|octet-stream))\b/i.test(contentType)) {
      throw new ValidationError('Send the bundle as multipart/form-data or application/zip.');
    }
    let received = 0;
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      received += chunk.byteLength;
      if (received > maxBytes + 64 * 1024) throw tooLarge(maxBytes);
      const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      if (multipart) multipart.push(bytes);
      else write(bytes);
      if (waitDrain) {
        await waitDrain;
        waitDrain = null;
      }
      if (writeErrors.length) throw writeErrors[0];
    }
    if (multipart && !multipart.found) throw new ValidationError('The form holds no file: choose a bundle.', { bundle: ['Choose a bundle.'] });
    if (multipart && !multipart.complete) throw new ValidationError('The upload ended before the whole file arrived.');
    if (size === 0) throw new ValidationError('The file is empty.', { bundle: ['Choose a bundle.'] });
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    return { path: file, fileName: multipart?.fileName ?? null, size, dispose };
  } catch (error) {
    out.destroy();
    await dispose();
    throw error;
  }
}
