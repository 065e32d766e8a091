import { describe, expect, it } from 'vitest';
import { canonicalJson, MANIFEST_FILE, PUBLIC_KEY_FILE, SIGNATURE_FILE } from './manifest';
import { generateSigningKeyPem, signingKeyFromPem } from './signing';
import { signedBundleEntries, testManifest, zipEntries } from './test-support';
import { formatProblem, verifyEvidenceBundle } from './verify-evidence-bundle';

const key = signingKeyFromPem(generateSigningKeyPem());
const files = [
  { name: 'README.txt', data: 'hello\n' },
  { name: 'findings.jsonl', data: '{"Id":"f-1"}\n{"Id":"f-2"}\n' },
  { name: 'controls.csv', data: '\uFEFFcontrol_id\r\nS3-ENC\r\n' },
];

const problemsOf = async (zip: Buffer, options = {}) => (await verifyEvidenceBundle(zip, options)).problems.map(formatProblem);

describe('verifying an evidence bundle', () => {
  it('accepts an untouched bundle and reports what it checked', async () => {
    const result = await verifyEvidenceBundle(await zipEntries(signedBundleEntries(files, key)), { expectedPublicKeyPem: key.publicKeyPem });
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ valid: true, signatureValid: true, signedByExpectedKey: true, filesVerified: 3, publicKeyFingerprint: key.fingerprint });
    expect(result.manifest?.bundleId).toBe('00000000-0000-4000-8000-000000000000');
  });

  it('names the file whose content changed by one byte', async () => {
    const entries = signedBundleEntries(files, key);
    const changed = entries.map((e) => (e.name === 'findings.jsonl' ? { ...e, data: String(e.data).replace('f-2', 'f-3') } : e));
    const problems = await problemsOf(await zipEntries(changed));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^findings\.jsonl: has SHA-256 [0-9a-f]{64}; manifest\.json says [0-9a-f]{64} \(the file was changed\)\.$/);
  });

  it('names a file whose size changed, one missing and one added', async () => {
    const entries = signedBundleEntries(files, key)
      .filter((e) => e.name !== 'README.txt')
      .map((e) => (e.name === 'controls.csv' ? { ...e, data: `${String(e.data)}S3-TLS\r\n` } : e));
    entries.unshift({ name: 'extra.txt', data: 'sneaked in' });
    const problems = await problemsOf(await zipEntries(entries));
    expect(problems).toEqual([
      'README.txt: is listed in manifest.json but missing from the bundle.',
      `controls.csv: is ${Buffer.byteLength(String(files[2].data)) + 8} bytes; manifest.json says ${Buffer.byteLength(String(files[2].data))} (the file was changed).`,
      'extra.txt: is in the bundle but not listed in manifest.json (it was added).',
    ]);
  });

  it('detects a manifest changed after signing (hash of a tampered file updated in it)', async () => {
    const tampered = files.map((f) => (f.name === 'README.txt' ? { ...f, data: 'HELLO\n' } : f));
    const entries = signedBundleEntries(files, key).map((e) =>
      e.name === MANIFEST_FILE ? { ...e, data: canonicalJson(testManifest(tampered, key)) } : e.name === 'README.txt' ? { ...e, data: 'HELLO\n' } : e,
    );
    const result = await verifyEvidenceBundle(await zipEntries(entries));
    expect(result.valid).toBe(false);
    expect(result.signatureValid).toBe(false);
    expect(result.problems.map(formatProblem)).toEqual([
      'manifest.sig: does not match manifest.json under public-key.pem: manifest.json was changed after it was signed, or signed with another key.',
    ]);
  });

  it('detects a bundle re-signed with another key (its key no longer matches the fingerprint, or the expected key)', async () => {
    const other = signingKeyFromPem(generateSigningKeyPem());
    // Forger re-signs with their key but keeps the original manifest naming the original key.
    const forged = signedBundleEntries(files, other, testManifest(files, key));
    const problems = await problemsOf(await zipEntries(forged));
    expect(problems).toEqual([`public-key.pem: has fingerprint ${other.fingerprint}, but manifest.json names ${key.fingerprint}.`]);
    // A consistent forgery passes on its own, but not against the app's known key.
    const consistent = await verifyEvidenceBundle(await zipEntries(signedBundleEntries(files, other)), { expectedPublicKeyPem: key.publicKeyPem });
    expect(consistent.signatureValid).toBe(true);
    expect(consistent.signedByExpectedKey).toBe(false);
    expect(consistent.problems.map(formatProblem)).toEqual([
      `public-key.pem: is not the expected signing key: the bundle is signed with ${other.fingerprint}, expected ${key.fingerprint}.`,
    ]);
  });

  it('reports missing signature, key and manifest', async () => {
    const entries = signedBundleEntries(files, key);
    expect(await problemsOf(await zipEntries(entries.filter((e) => e.name !== SIGNATURE_FILE)))).toEqual(['manifest.sig: is missing: the bundle is not signed.']);
    expect(await problemsOf(await zipEntries(entries.filter((e) => e.name !== PUBLIC_KEY_FILE)))).toEqual(['public-key.pem: is missing: the signature cannot be checked.']);
    expect(await problemsOf(await zipEntries(entries.filter((e) => e.name !== MANIFEST_FILE)))).toEqual([
      'manifest.json: is missing: without it nothing in the bundle can be checked.',
    ]);
  });

  it('refuses a manifest that is not in canonical form even if the content is the same', async () => {
    const entries = signedBundleEntries(files, key).map((e) => (e.name === MANIFEST_FILE ? { ...e, data: JSON.stringify(JSON.parse(String(e.data))) } : e));
    const problems = await problemsOf(await zipEntries(entries));
    expect(problems).toContain('manifest.json: is not in canonical form (it was re-written after it was made).');
    expect(problems.some((p) => p.startsWith('manifest.sig: does not match'))).toBe(true);
  });

  it('names the entry whose stored (compressed) bytes were damaged', async () => {
    const big = { name: 'evaluations.csv', data: Array.from({ length: 2000 }, (_, i) => `row-${i},${(i * 7919) % 1000}\r\n`).join('') };
    const zip = await zipEntries(signedBundleEntries([...files, big], key));
    // Flip a byte in the middle of evaluations.csv's compressed data (after its local header).
    const header = zip.indexOf(Buffer.from('evaluations.csv'));
    const damaged = Buffer.from(zip);
    damaged[header + 15 + 200] ^= 0xff;
    const problems = await problemsOf(damaged);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.startsWith('evaluations.csv: '))).toBe(true);
  });

  it('says plainly when the upload is not a zip at all', async () => {
    expect(await problemsOf(Buffer.from('not a zip file'))).toEqual([expect.stringMatching(/^The file is not a readable ZIP archive/)]);
  });
});
