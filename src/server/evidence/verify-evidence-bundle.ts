// Checks an evidence bundle (a zip written by build-evidence-bundle.ts): every file's size and
// SHA-256 against manifest.json, files missing or not listed, manifest.json's canonical form,
// its Ed25519 signature (manifest.sig) under the bundled public key (public-key.pem, whose
// fingerprint manifest.json names) and, when given, the key the app is known to sign with.
// Each problem names the file it is about. Reads the zip entry by entry (yauzl), hashing each
// as it streams: memory does not grow with the bundle. No database: the CLI uses it offline.
import { createHash } from 'node:crypto';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import {
  canonicalJson,
  EVIDENCE_FORMAT_VERSION,
  MANIFEST_FILE,
  PUBLIC_KEY_FILE,
  SIGNATURE_FILE,
  TRAILER_FILES,
  type EvidenceManifest,
  type ManifestFile,
} from './manifest';
import { parsePublicKey, verifySignature } from './signing';

export interface BundleProblem {
  /** The file inside the bundle the problem is about; null for the archive as a whole. */
  file: string | null;
  message: string;
}

export interface BundleVerification {
  valid: boolean;
  problems: BundleProblem[];
  /** manifest.json as read, when it could be parsed. */
  manifest: EvidenceManifest | null;
  /** Fingerprint of the bundled public key, when it could be read. */
  publicKeyFingerprint: string | null;
  signatureValid: boolean;
  /** Whether the bundle is signed by the expected key; null when none was given. */
  signedByExpectedKey: boolean | null;
  /** Files listed in the manifest whose size and SHA-256 matched. */
  filesVerified: number;
}

export interface VerifyOptions {
  /** The key this Safeguards instance signs with (PEM), to tell a bundle signed by someone else. */
  expectedPublicKeyPem?: string;
}

/** Trailer files are read whole; nothing this large is a real manifest, signature or key. */
const MAX_TRAILER_BYTES = 32 * 1024 * 1024;

interface EntryDigest {
  size: number;
  sha256: string;
  /** Kept for the trailer files only. */
  content?: Buffer;
  error?: string;
}

export function formatProblem(p: BundleProblem): string {
  return p.file ? `${p.file}: ${p.message}` : p.message;
}

async function digestEntry(zip: ZipFile, entry: Entry, keep: boolean): Promise<EntryDigest> {
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    if (entry.isEncrypted()) return { size: 0, sha256: '', error: 'is encrypted' };
    if (keep && entry.uncompressedSize > MAX_TRAILER_BYTES) return { size: entry.uncompressedSize, sha256: '', error: `is ${entry.uncompressedSize} bytes, too large to be read` };
    const stream = await zip.openReadStreamPromise(entry);
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      hash.update(chunk);
      size += chunk.length;
      if (keep) {
        if (size > MAX_TRAILER_BYTES) return { size, sha256: '', error: 'is too large to be read' };
        chunks.push(chunk);
      }
    }
  } catch (error) {
    return { size, sha256: '', error: `cannot be read (${(error as Error).message})` };
  }
  return { size, sha256: hash.digest('hex'), ...(keep ? { content: Buffer.concat(chunks) } : {}) };
}

function isManifestFile(value: unknown): value is ManifestFile {
  const f = value as ManifestFile;
  return (
    typeof f === 'object' &&
    f !== null &&
    typeof f.path === 'string' &&
    Number.isSafeInteger(f.size) &&
    f.size >= 0 &&
    typeof f.sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(f.sha256)
  );
}

/** Verifies a bundle given as a path to a zip file, or as its bytes. */
export async function verifyEvidenceBundle(source: string | Buffer, options: VerifyOptions = {}): Promise<BundleVerification> {
  const problems: BundleProblem[] = [];
  const result: BundleVerification = {
    valid: false,
    problems,
    manifest: null,
    publicKeyFingerprint: null,
    signatureValid: false,
    signedByExpectedKey: null,
    filesVerified: 0,
  };
  const problem = (file: string | null, message: string) => problems.push({ file, message });

  // 1. Read every entry once, in zip order, hashing as it streams.
  const digests = new Map<string, EntryDigest>();
  let zip: ZipFile;
  try {
    const zipOptions = { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: true };
    zip = typeof source === 'string' ? await yauzl.openPromise(source, zipOptions) : await yauzl.fromBufferPromise(source, zipOptions);
  } catch (error) {
    problem(null, `The file is not a readable ZIP archive (${(error as Error).message}).`);
    return result;
  }
  try {
    for await (const entry of zip.eachEntry()) {
      const name = entry.fileName;
      if (name.endsWith('/')) continue;
      if (digests.has(name)) {
        problem(name, 'is in the bundle more than once.');
        continue;
      }
      digests.set(name, await digestEntry(zip, entry, TRAILER_FILES.includes(name)));
    }
  } catch (error) {
    problem(null, `The ZIP archive is damaged (${(error as Error).message}); the files before the damage were checked.`);
  } finally {
    zip.close();
  }

  // 2. The manifest.
  const manifestEntry = digests.get(MANIFEST_FILE);
  if (!manifestEntry) {
    problem(MANIFEST_FILE, 'is missing: without it nothing in the bundle can be checked.');
    return result;
  }
  if (manifestEntry.error || !manifestEntry.content) {
    problem(MANIFEST_FILE, manifestEntry.error ?? 'cannot be read.');
    return result;
  }
  const manifestBytes = manifestEntry.content;
  const manifestText = manifestBytes.toString('utf8');
  let manifest: EvidenceManifest;
  try {
    manifest = JSON.parse(manifestText) as EvidenceManifest;
    if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) throw new Error('not a JSON object');
  } catch (error) {
    problem(MANIFEST_FILE, `is not valid JSON (${(error as Error).message}).`);
    return result;
  }
  result.manifest = manifest;
  if (manifest.format !== EVIDENCE_FORMAT_VERSION) {
    problem(MANIFEST_FILE, `has format "${String(manifest.format)}"; this verifier checks "${EVIDENCE_FORMAT_VERSION}".`);
  }
  try {
    if (canonicalJson(manifest) !== manifestText) problem(MANIFEST_FILE, 'is not in canonical form (it was re-written after it was made).');
  } catch (error) {
    problem(MANIFEST_FILE, `cannot be put in canonical form (${(error as Error).message}).`);
  }

  // 3. The signature, under the bundled key and the expected one.
  const keyEntry = digests.get(PUBLIC_KEY_FILE);
  const sigEntry = digests.get(SIGNATURE_FILE);
  let bundledKey: ReturnType<typeof parsePublicKey> | null = null;
  if (!keyEntry) problem(PUBLIC_KEY_FILE, 'is missing: the signature cannot be checked.');
  else if (keyEntry.error || !keyEntry.content) problem(PUBLIC_KEY_FILE, keyEntry.error ?? 'cannot be read.');
  else {
    bundledKey = parsePublicKey(keyEntry.content.toString('utf8'));
    if (!bundledKey.ok) problem(PUBLIC_KEY_FILE, `is ${bundledKey.reason}.`);
    else {
      result.publicKeyFingerprint = bundledKey.fingerprint;
      const named = manifest.signing?.publicKeyFingerprint;
      if (named !== bundledKey.fingerprint) {
        problem(PUBLIC_KEY_FILE, `has fingerprint ${bundledKey.fingerprint}, but manifest.json names ${String(named)}.`);
      }
    }
  }
  if (!sigEntry) problem(SIGNATURE_FILE, 'is missing: the bundle is not signed.');
  else if (sigEntry.error || !sigEntry.content) problem(SIGNATURE_FILE, sigEntry.error ?? 'cannot be read.');
  else if (bundledKey?.ok) {
    const check = verifySignature(manifestBytes, sigEntry.content.toString('utf8'), bundledKey.key);
    if (check.ok) result.signatureValid = true;
    else if (check.reason === 'does not match') {
      problem(SIGNATURE_FILE, 'does not match manifest.json under public-key.pem: manifest.json was changed after it was signed, or signed with another key.');
    } else problem(SIGNATURE_FILE, `${check.reason}.`);
  }
  if (options.expectedPublicKeyPem) {
    const expected = parsePublicKey(options.expectedPublicKeyPem);
    if (!expected.ok) throw new Error(`The expected public key is ${expected.reason}.`);
    result.signedByExpectedKey = false;
    if (result.publicKeyFingerprint && result.publicKeyFingerprint !== expected.fingerprint) {
      problem(PUBLIC_KEY_FILE, `is not the expected signing key: the bundle is signed with ${result.publicKeyFingerprint}, expected ${expected.fingerprint}.`);
    } else if (sigEntry?.content && verifySignature(manifestBytes, sigEntry.content.toString('utf8'), expected.key).ok) {
      result.signedByExpectedKey = true;
    }
  }

  // 4. Every listed file, and nothing else.
  const listed = new Set<string>();
  const files: unknown[] = Array.isArray(manifest.files) ? manifest.files : [];
  if (!Array.isArray(manifest.files)) problem(MANIFEST_FILE, 'has no "files" list.');
  for (const [i, file] of files.entries()) {
    if (!isManifestFile(file)) {
      problem(MANIFEST_FILE, `files[${i}] is not a { path, size, sha256 } entry.`);
      continue;
    }
    if (listed.has(file.path)) {
      problem(MANIFEST_FILE, `lists ${file.path} more than once.`);
      continue;
    }
    listed.add(file.path);
    if (TRAILER_FILES.includes(file.path)) {
      problem(MANIFEST_FILE, `lists ${file.path}, which cannot be in its own manifest.`);
      continue;
    }
    const digest = digests.get(file.path);
    if (!digest) problem(file.path, 'is listed in manifest.json but missing from the bundle.');
    else if (digest.error) problem(file.path, digest.error);
    else if (digest.size !== file.size) problem(file.path, `is ${digest.size} bytes; manifest.json says ${file.size} (the file was changed).`);
    else if (digest.sha256 !== file.sha256) problem(file.path, `has SHA-256 ${digest.sha256}; manifest.json says ${file.sha256} (the file was changed).`);
    else result.filesVerified++;
  }
  for (const name of digests.keys()) {
    if (!listed.has(name) && !TRAILER_FILES.includes(name)) problem(name, 'is in the bundle but not listed in manifest.json (it was added).');
  }

  result.valid = problems.length === 0;
  return result;
}
