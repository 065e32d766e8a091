import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './manifest';
import { fingerprintOf, formatFingerprint, generateSigningKeyPem, parsePublicKey, signBytes, signingKeyFromPem, verifySignature } from './signing';

const key = signingKeyFromPem(generateSigningKeyPem());

describe('Ed25519 manifest signatures', () => {
  it('verifies a signature over the exact bytes under the matching public key', () => {
    const bytes = Buffer.from(canonicalJson({ format: 'safeguards-evidence/1', files: [] }));
    const signature = signBytes(bytes, key.privateKey);
    expect(Buffer.from(signature, 'base64')).toHaveLength(64);
    const publicKey = parsePublicKey(key.publicKeyPem);
    expect(publicKey.ok).toBe(true);
    if (!publicKey.ok) return;
    expect(verifySignature(bytes, signature, publicKey.key)).toEqual({ ok: true });
    expect(verifySignature(bytes, `${signature}\n`, publicKey.key)).toEqual({ ok: true });
  });

  it('fails when one byte of the signed bytes, or of the signature, changes', () => {
    const bytes = Buffer.from(canonicalJson({ a: 1 }));
    const signature = signBytes(bytes, key.privateKey);
    const publicKey = parsePublicKey(key.publicKeyPem);
    if (!publicKey.ok) throw new Error('key');
    const tampered = Buffer.from(bytes);
    tampered[5] ^= 0x01;
    expect(verifySignature(tampered, signature, publicKey.key)).toEqual({ ok: false, reason: 'does not match' });
    const badSig = Buffer.from(signature, 'base64');
    badSig[10] ^= 0x80;
    expect(verifySignature(bytes, badSig.toString('base64'), publicKey.key)).toEqual({ ok: false, reason: 'does not match' });
    expect(verifySignature(bytes, 'not base64!', publicKey.key).ok).toBe(false);
    expect(verifySignature(bytes, Buffer.alloc(10).toString('base64'), publicKey.key)).toEqual({ ok: false, reason: 'holds 10 bytes; an Ed25519 signature has 64' });
  });

  it('fails under another key', () => {
    const other = signingKeyFromPem(generateSigningKeyPem());
    const bytes = Buffer.from('{}\n');
    const publicKey = parsePublicKey(other.publicKeyPem);
    if (!publicKey.ok) throw new Error('key');
    expect(verifySignature(bytes, signBytes(bytes, key.privateKey), publicKey.key).ok).toBe(false);
    expect(other.fingerprint).not.toBe(key.fingerprint);
  });

  it('fingerprints the public key as the hex SHA-256 of its DER form, the same from the private or public side', () => {
    expect(key.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprintOf(key.publicKeyPem)).toBe(key.fingerprint);
    expect(formatFingerprint('abcd1234ef')).toBe('abcd 1234 ef');
  });

  it('refuses keys that are not Ed25519', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(parsePublicKey(rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString())).toEqual({ ok: false, reason: 'an rsa key, not Ed25519' });
    expect(parsePublicKey('nonsense').ok).toBe(false);
    expect(() => signingKeyFromPem(rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())).toThrow(/Ed25519/);
  });
});
