// The manifest of an evidence bundle (format `safeguards-evidence/1`) and its canonical
// bytes. manifest.json holds exactly the canonical bytes: object keys sorted (by UTF-16 code
// units, as JavaScript sorts strings), two-space indentation, LF line ends, a final LF, no
// other whitespace, strings as JSON.stringify writes them (UTF-8, non-ASCII kept as is).
// manifest.sig is the Ed25519 signature of those bytes, in base64.
// Pure: no database, usable by the command-line verifier.

export const EVIDENCE_FORMAT_VERSION = 'safeguards-evidence/1';

export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';
export const PUBLIC_KEY_FILE = 'public-key.pem';

/** The entries after the manifest, which it cannot list: itself, its signature, the public key. */
export const TRAILER_FILES: readonly string[] = [MANIFEST_FILE, SIGNATURE_FILE, PUBLIC_KEY_FILE];

export interface ManifestFile {
  /** Path inside the zip. */
  path: string;
  /** Uncompressed size in bytes. */
  size: number;
  /** Lowercase hex SHA-256 of the uncompressed content. */
  sha256: string;
  mediaType: string;
  /** Data records: CSV rows after the header, JSONL lines; absent for documents. */
  records?: number;
}

export interface BundleScopeRecord {
  /** Empty: every registered account. */
  accounts: string[];
  services: string[];
  controls: string[];
  hipaaCitations: string[];
}

export interface EvidenceManifest {
  format: typeof EVIDENCE_FORMAT_VERSION;
  bundleId: string;
  generatedAt: string;
  generatedBy: { id: string; email: string; name: string; role: string };
  asOf: {
    /** `now`, or the calendar day asked for (`YYYY-MM-DD`). */
    requested: string;
    /** The instant the bundle describes (end of the day in UTC for a past day). */
    instant: string;
    /** `live`: computed from the synced evidence; `snapshot`: from the daily posture snapshots. */
    posture: 'live' | 'snapshot';
  };
  /** What was asked for. */
  scope: BundleScopeRecord;
  /** What that resolved to. */
  resolved: { accounts: string[]; controls: number; catalogVersion: string };
  signing: { algorithm: 'Ed25519'; publicKeyFingerprint: string; publicKeyFile: string; signatureFile: string };
  /** Every entry before the manifest, in zip order. */
  files: ManifestFile[];
  notes: string[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function sortKeys(value: unknown, path: string): Json {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${path}: ${value} cannot be written in canonical JSON`);
    return value;
  }
  if (Array.isArray(value)) return value.map((v, i) => sortKeys(v, `${path}[${i}]`));
  if (typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v, `${path}.${key}`);
    }
    return out;
  }
  throw new Error(`${path}: a ${typeof value} cannot be written in canonical JSON`);
}

/** The canonical text of a JSON value (see the top of this file). */
export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value, '$'), null, 2)}\n`;
}

/** The canonical UTF-8 bytes of a manifest: what manifest.json holds and manifest.sig signs. */
export function canonicalManifestBytes(manifest: EvidenceManifest): Buffer {
  return Buffer.from(canonicalJson(manifest), 'utf8');
}
