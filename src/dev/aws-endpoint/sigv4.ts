// SigV4 verification, recomputed from the known secret with node:crypto. The SDK signs
// every request; recomputing the signature proves the caller holds the secret that
// goes with the access key, exactly as AWS does (no @smithy dependency needed).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export interface ParsedAuthorization {
  accessKeyId: string;
  /** yyyymmdd from the credential scope. */
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const AUTH_PATTERN =
  /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-f]{64})\s*$/;

/** Parses an `Authorization: AWS4-HMAC-SHA256 ...` header; undefined when malformed. */
export function parseAuthorization(header: string | undefined): ParsedAuthorization | undefined {
  if (!header) return undefined;
  const m = AUTH_PATTERN.exec(header);
  if (!m) return undefined;
  return {
    accessKeyId: m[1],
    date: m[2],
    region: m[3],
    service: m[4],
    signedHeaders: m[5].split(';'),
    signature: m[6],
  };
}

export interface SignedRequest {
  method: string;
  /** Path without the query string, as received. */
  path: string;
  query: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Caches derived signing keys: four HMACs per (secret, day, region, service). */
const signingKeyCache = new Map<string, Buffer>();

function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const cacheKey = `${secret}\n${date}\n${region}\n${service}`;
  let key = signingKeyCache.get(cacheKey);
  if (!key) {
    const kDate = createHmac('sha256', `AWS4${secret}`).update(date).digest();
    const kRegion = createHmac('sha256', kDate).update(region).digest();
    const kService = createHmac('sha256', kRegion).update(service).digest();
    key = createHmac('sha256', kService).update('aws4_request').digest();
    if (signingKeyCache.size > 1000) signingKeyCache.clear();
    signingKeyCache.set(cacheKey, key);
  }
  return key;
}

/** RFC 3986 encoding as SigV4 wants it (encodeURIComponent leaves !'()* alone). */
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalPath(path: string): string {
  // Non-S3 services double-encode: the SDK encodes each already-encoded segment again.
  if (path === '' || path === '/') return '/';
  return path
    .split('/')
    .map((segment) => uriEncode(segment))
    .join('/');
}

function canonicalQuery(query: string): string {
  if (!query) return '';
  const pairs = query
    .split('&')
    .filter(Boolean)
    .map((part) => {
      const eq = part.indexOf('=');
      const key = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
      const value = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1));
      return [uriEncode(key), uriEncode(value)] as const;
    });
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  const joined = Array.isArray(value) ? value.join(',') : value;
  return joined.trim().replace(/\s+/g, ' ');
}

export type SignatureCheck =
  | { ok: true }
  | { ok: false; reason: 'missing-signed-header' | 'mismatch' | 'expired' | 'bad-date'; message: string };

/** Allowed clock difference between signer and server, as in AWS. */
const MAX_SKEW_MS = 15 * 60 * 1000;

/**
 * Recomputes the request's signature from `secret` and compares it in constant time.
 * The x-amz-date check uses the real wall clock (the SDK signs with it), never the
 * scenario clock.
 */
export function verifySignature(
  request: SignedRequest,
  auth: ParsedAuthorization,
  secret: string,
  wallClockMs = Date.now(),
): SignatureCheck {
  const amzDate = headerValue(request.headers, 'x-amz-date');
  if (!amzDate || !/^\d{8}T\d{6}Z$/.test(amzDate) || amzDate.slice(0, 8) !== auth.date) {
    return { ok: false, reason: 'bad-date', message: 'Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP.' };
  }
  const signedAt = Date.UTC(
    Number(amzDate.slice(0, 4)),
    Number(amzDate.slice(4, 6)) - 1,
    Number(amzDate.slice(6, 8)),
    Number(amzDate.slice(9, 11)),
    Number(amzDate.slice(11, 13)),
    Number(amzDate.slice(13, 15)),
  );
  if (Math.abs(wallClockMs - signedAt) > MAX_SKEW_MS) {
    return {
      ok: false,
      reason: 'expired',
      message: `Signature expired: ${amzDate} is now earlier than ${new Date(wallClockMs - MAX_SKEW_MS).toISOString().replace(/[-:]|\.\d{3}/g, '')} (${new Date(wallClockMs).toISOString().replace(/[-:]|\.\d{3}/g, '')} - 15 min.)`,
    };
  }

  let canonicalHeaders = '';
  for (const name of auth.signedHeaders) {
    const value = headerValue(request.headers, name);
    if (value === undefined) {
      return { ok: false, reason: 'missing-signed-header', message: `'${name}' is listed in SignedHeaders but absent from the request.` };
    }
    canonicalHeaders += `${name}:${value}\n`;
  }
  const payloadHash =
    headerValue(request.headers, 'x-amz-content-sha256') ?? createHash('sha256').update(request.body).digest('hex');
  const canonicalRequest = [
    request.method,
    canonicalPath(request.path),
    canonicalQuery(request.query),
    canonicalHeaders,
    auth.signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  const expected = createHmac('sha256', signingKey(secret, auth.date, auth.region, auth.service)).update(stringToSign).digest();
  const provided = Buffer.from(auth.signature, 'hex');
  if (provided.length !== expected.length || !timingSafeEqual(provided, expected)) {
    return {
      ok: false,
      reason: 'mismatch',
      message:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    };
  }
  return { ok: true };
}

/**
 * Signs a request the way the SDK does (all given headers signed). Only for tools that
 * talk to the endpoint without the SDK, e.g. the raw-HTTP mode of measure-memory.ts.
 */
export function signRequest(params: {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string;
  region: string;
  service: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  now?: Date;
}): Record<string, string> {
  const amzDate = (params.now ?? new Date()).toISOString().replace(/[-:]|\.\d{3}/g, '');
  const date = amzDate.slice(0, 8);
  const headers: Record<string, string> = { ...params.headers, host: params.url.host, 'x-amz-date': amzDate };
  if (params.credentials.sessionToken) headers['x-amz-security-token'] = params.credentials.sessionToken;
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v.trim().replace(/\s+/g, ' ')]));
  const names = Object.keys(lower).sort();
  const canonicalRequest = [
    params.method,
    canonicalPath(params.url.pathname),
    canonicalQuery(params.url.search.slice(1)),
    names.map((n) => `${n}:${lower[n]}\n`).join(''),
    names.join(';'),
    createHash('sha256').update(params.body).digest('hex'),
  ].join('\n');
  const scope = `${date}/${params.region}/${params.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
  const signature = createHmac('sha256', signingKey(params.credentials.secretAccessKey, date, params.region, params.service)).update(stringToSign).digest('hex');
  return {
    ...headers,
    authorization: `AWS4-HMAC-SHA256 Credential=${params.credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
  };
}
