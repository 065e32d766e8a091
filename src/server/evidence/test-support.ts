// Zip helpers for the evidence tests: write entries into a zip, read a zip's entries back,
// and make a signed bundle from given files (to tamper with it).
import { createHash } from 'node:crypto';
import { ZipArchive } from 'archiver';
import yauzl from 'yauzl';
import { canonicalManifestBytes, EVIDENCE_FORMAT_VERSION, MANIFEST_FILE, PUBLIC_KEY_FILE, SIGNATURE_FILE, type EvidenceManifest } from './manifest';
import { signBytes, type SigningKey } from './signing';

export async function zipEntries(entries: readonly { name: string; data: Buffer | string }[]): Promise<Buffer> {
  const archive = new ZipArchive({ zlib: { level: 6 } });
  const chunks: Buffer[] = [];
  archive.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    archive.on('end', () => resolve());
    archive.on('error', reject);
  });
  for (const e of entries) archive.append(typeof e.data === 'string' ? Buffer.from(e.data) : e.data, { name: e.name, date: new Date('2026-01-01T00:00:00Z') });
  await archive.finalize();
  await ended;
  return Buffer.concat(chunks);
}

/** Every entry of a zip, in order, with its uncompressed bytes. */
export async function unzipEntries(zip: Buffer | string): Promise<{ name: string; data: Buffer }[]> {
  const file = typeof zip === 'string' ? await yauzl.openPromise(zip, { lazyEntries: true }) : await yauzl.fromBufferPromise(zip, { lazyEntries: true });
  const out: { name: string; data: Buffer }[] = [];
  try {
    for await (const entry of file.eachEntry()) {
      const stream = await file.openReadStreamPromise(entry);
      const chunks: Buffer[] = [];
      for await (const c of stream as AsyncIterable<Buffer>) chunks.push(c);
      out.push({ name: entry.fileName, data: Buffer.concat(chunks) });
    }
  } finally {
    file.close();
  }
  return out;
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function testManifest(files: { name: string; data: Buffer | string }[], key: SigningKey): EvidenceManifest {
  return {
    format: EVIDENCE_FORMAT_VERSION,
    bundleId: '00000000-0000-4000-8000-000000000000',
    generatedAt: '2026-01-01T00:00:00.000Z',
    generatedBy: { id: 'u', email: 'auditor@example.test', name: 'Auditor', role: 'auditor' },
    asOf: { requested: 'now', instant: '2026-01-01T00:00:00.000Z', posture: 'live' },
    scope: { accounts: [], services: [], controls: [], hipaaCitations: [] },
    resolved: { accounts: [], controls: 0, catalogVersion: 'test' },
    signing: { algorithm: 'Ed25519', publicKeyFingerprint: key.fingerprint, publicKeyFile: PUBLIC_KEY_FILE, signatureFile: SIGNATURE_FILE },
    files: files.map((f) => ({ path: f.name, size: Buffer.byteLength(f.data), sha256: sha256(f.data), mediaType: 'text/plain' })),
    notes: [],
  };
}

/** The entries of a signed bundle of `files` (manifest, signature and key appended). */
export function signedBundleEntries(files: { name: string; data: Buffer | string }[], key: SigningKey, manifest = testManifest(files, key)) {
  const bytes = canonicalManifestBytes(manifest);
  return [
    ...files,
    { name: MANIFEST_FILE, data: bytes },
    { name: SIGNATURE_FILE, data: signBytes(bytes, key.privateKey) },
    { name: PUBLIC_KEY_FILE, data: key.publicKeyPem },
  ];
}
