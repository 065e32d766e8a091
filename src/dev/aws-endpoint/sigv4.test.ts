import { describe, expect, it } from 'vitest';
import { parseAuthorization, signRequest, verifySignature } from './sigv4';

const credentials = { accessKeyId: 'ASIAEXAMPLEEXAMPLE00', secretAccessKey: 'secret'.repeat(6) + 'ab', sessionToken: 'token' };

function signed(body: string, now = new Date()) {
  const url = new URL('http://127.0.0.1:4580/findings');
  const headers = signRequest({ method: 'POST', url, headers: { 'content-type': 'application/json' }, body, region: 'eu-west-1', service: 'securityhub', credentials, now });
  const auth = parseAuthorization(headers.authorization)!;
  return { url, headers, auth };
}

describe('SigV4', () => {
  it('parses the credential scope', () => {
    const { auth } = signed('{}');
    expect(auth).toMatchObject({ accessKeyId: credentials.accessKeyId, region: 'eu-west-1', service: 'securityhub' });
    expect(auth.signedHeaders).toEqual(['content-type', 'host', 'x-amz-date', 'x-amz-security-token']);
    expect(parseAuthorization('Bearer abc')).toBeUndefined();
  });

  it('accepts a correctly signed request and rejects tampering, wrong secrets and stale dates', () => {
    const body = '{"MaxResults":10}';
    const { url, headers, auth } = signed(body);
    const request = { method: 'POST', path: url.pathname, query: '', headers, body: Buffer.from(body) };
    expect(verifySignature(request, auth, credentials.secretAccessKey)).toEqual({ ok: true });
    expect(verifySignature({ ...request, body: Buffer.from('{"MaxResults":11}') }, auth, credentials.secretAccessKey)).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(verifySignature({ ...request, headers: { ...headers, 'content-type': 'text/plain' } }, auth, credentials.secretAccessKey)).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(verifySignature(request, auth, 'another-secret')).toMatchObject({ ok: false, reason: 'mismatch' });
    const old = signed(body, new Date(Date.now() - 20 * 60 * 1000));
    expect(verifySignature({ ...request, headers: old.headers }, old.auth, credentials.secretAccessKey)).toMatchObject({ ok: false, reason: 'expired' });
  });
});
