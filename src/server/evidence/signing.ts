// The app's Ed25519 evidence-signing key and signing/verification of manifests.
//
// The key pair is generated on first use and its private key (PKCS#8 PEM) kept in the
// app_settings table, so every app instance signs with the same key; concurrent first
// uses agree on one key (insert-if-absent, then read). The public key is shown on the
// evidence page and written into every bundle as public-key.pem (SPKI PEM). Its fingerprint
// is the lowercase hex SHA-256 of the public key's DER (SubjectPublicKeyInfo) bytes.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type { Db } from '@/server/db';
import { getOrCreateSetting } from '@/server/settings';

export const SIGNING_KEY_SETTING = 'evidence.signing-key.ed25519';

export interface SigningKey {
  privateKey: KeyObject;
  publicKeyPem: string;
  fingerprint: string;
}

export function generateSigningKeyPem(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** A signing key from its private key PEM. */
export function signingKeyFromPem(privateKeyPem: string): SigningKey {
  const privateKey = createPrivateKey(privateKeyPem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`The evidence signing key must be Ed25519, not ${privateKey.asymmetricKeyType}`);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), fingerprint: fingerprintOf(publicKey) };
}

const cache = new WeakMap<Db, Promise<SigningKey>>();

/** The app's signing key, created on first use. */
export function evidenceSigningKey(db: Db): Promise<SigningKey> {
  let key = cache.get(db);
  if (!key) {
    key = getOrCreateSetting(db, SIGNING_KEY_SETTING, generateSigningKeyPem).then(signingKeyFromPem);
    key.catch(() => cache.delete(db));
    cache.set(db, key);
  }
  return key;
}

/** Lowercase hex SHA-256 of the key's DER SubjectPublicKeyInfo. */
export function fingerprintOf(publicKey: KeyObject | string): string {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  return createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex');
}

/** `ab12 cd34 …`: a fingerprint in groups of four, for reading aloud and comparing by eye. */
export function formatFingerprint(fingerprint: string): string {
  return fingerprint.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The base64 Ed25519 signature of `bytes`. */
export function signBytes(bytes: Uint8Array, privateKey: KeyObject): string {
  return sign(null, bytes, privateKey).toString('base64');
}

export type PublicKeyParse = { ok: true; key: KeyObject; fingerprint: string } | { ok: false; reason: string };

/** A PEM public key, checked to be Ed25519. */
export function parsePublicKey(pem: string): PublicKeyParse {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (error) {
    return { ok: false, reason: `not a PEM public key (${(error as Error).message})` };
  }
  if (key.asymmetricKeyType !== 'ed25519') return { ok: false, reason: `an ${key.asymmetricKeyType} key, not Ed25519` };
  return { ok: true, key, fingerprint: fingerprintOf(key) };
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** Checks a base64 Ed25519 signature (surrounding whitespace ignored) over `bytes`. */
export function verifySignature(bytes: Uint8Array, signatureBase64: string, publicKey: KeyObject): SignatureCheck {
  const text = signatureBase64.trim();
  if (!BASE64.test(text) || text.length % 4 !== 0) return { ok: false, reason: 'is not base64' };
  const signature = Buffer.from(text, 'base64');
  if (signature.length !== 64) return { ok: false, reason: `holds ${signature.length} bytes; an Ed25519 signature has 64` };
  return verify(null, bytes, publicKey, signature) ? { ok: true } : { ok: false, reason: 'does not match' };
}
