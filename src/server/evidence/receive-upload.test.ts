import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '@/server/errors';
import { receiveUpload } from './receive-upload';

function streamOf(bytes: Buffer, chunkSize: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(new Uint8Array(bytes.subarray(offset, offset + chunkSize)));
      offset += chunkSize;
    },
  });
}

const boundary = '----WebKitFormBoundaryX3b9';
const payload = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(5000, 0x2d), Buffer.from(`\r\n--${boundary.slice(0, 10)}`), Buffer.alloc(3000, 7)]);

function multipart(file: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="bundle"; filename="bundle.zip"\r\nContent-Type: application/zip\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
}

describe('receiving an uploaded bundle', () => {
  it.each([1, 7, 64, 4096, 100_000])('extracts the file part of a multipart body exactly, in %i-byte chunks', async (chunk) => {
    const upload = await receiveUpload(streamOf(multipart(payload), chunk), `multipart/form-data; boundary=${boundary}`);
    try {
      expect(upload.fileName).toBe('bundle.zip');
      expect(upload.size).toBe(payload.length);
      expect(await readFile(upload.path)).toEqual(payload);
    } finally {
      await upload.dispose();
    }
    expect(existsSync(upload.path)).toBe(false);
  });

  it('takes a raw application/zip body as it is', async () => {
    const upload = await receiveUpload(streamOf(payload, 1000), 'application/zip');
    expect(await readFile(upload.path)).toEqual(payload);
    await upload.dispose();
  });

  it('refuses bodies over the limit, forms without a file, truncated uploads and other types', async () => {
    await expect(receiveUpload(streamOf(payload, 1000), 'application/zip', { maxBytes: 4000 })).rejects.toThrow(/larger than/);
    const noFile = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${boundary}--\r\n`);
    await expect(receiveUpload(streamOf(noFile, 10), `multipart/form-data; boundary=${boundary}`)).rejects.toThrow(/holds no file/);
    const truncated = multipart(payload).subarray(0, 4000);
    await expect(receiveUpload(streamOf(truncated, 100), `multipart/form-data; boundary=${boundary}`)).rejects.toThrow(/ended before/);
    await expect(receiveUpload(streamOf(payload, 100), 'text/plain')).rejects.toBeInstanceOf(ValidationError);
    await expect(receiveUpload(null, 'application/zip')).rejects.toBeInstanceOf(ValidationError);
  });
});
