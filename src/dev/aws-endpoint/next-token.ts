// Opaque, tamper-evident pagination tokens: base64url(JSON) + HMAC. A token is bound to
// the operation and to a digest of the request parameters it was issued for, so reusing
// it with different filters is rejected, as AWS rejects foreign tokens.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export class NextTokenCodec {
  private readonly key: Buffer;

  constructor(key: Buffer = randomBytes(32)) {
    this.key = key;
  }

  encode(operation: string, paramsDigest: string, payload: Record<string, unknown>): string {
    const body = Buffer.from(JSON.stringify({ o: operation, d: paramsDigest, p: payload })).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  /** The payload, or undefined when the token is malformed, forged, or for another request. */
  decode<T>(operation: string, paramsDigest: string, token: string): T | undefined {
    const dot = token.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const body = token.slice(0, dot);
    const mac = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.mac(body), 'base64url');
    if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) return undefined;
    try {
      const parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { o: string; d: string; p: T };
      if (parsed.o !== operation || parsed.d !== paramsDigest) return undefined;
      return parsed.p;
    } catch {
      return undefined;
    }
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest().subarray(0, 16).toString('base64url');
  }
}

/** A short digest of request parameters (everything but the token itself). */
export function paramsDigest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value ?? null)).digest('base64url').slice(0, 16);
}
