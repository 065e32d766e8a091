// Writes an evidence bundle into an archiver zip, one entry after the other, each streamed
// from the database in batches and hashed (SHA-256, size) while it streams. The manifest,
// holding those hashes, is the last hashed entry; its Ed25519 signature (manifest.sig) and the
// public key (public-key.pem) follow it. Nothing is held whole in memory but the small files.
//
// The caller owns the archive (pipes it to an HTTP response, a file, ...). If the archive is
// destroyed (the client went away) or `signal` aborts, building stops at the next chunk and
// the promise rejects with BundleAbortedError.
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Archiver } from 'archiver';
import type { SessionUser } from '@/server/auth/users';
import type { Db } from '@/server/db';
import { raciMatrixAsOf } from '@/server/raci';
import { logger } from '@/server/logger';
import { BUNDLE_CATALOG, scopeRecord, type ResolvedScope } from './bundle-scope';
import { bundlePosture, type BundlePosture } from './bundle-posture';
import {
  accountsCsv,
  attestationFile,
  attestationFilePath,
  attestationsCsv,
  auditLogJsonl,
  configEvaluationsJsonl,
  controlsCsv,
  evaluationsCsv,
  exclusionsCsv,
  findingsJsonl,
  raciCsv,
  type Chunks,
  type Count,
} from './bundle-files';
import { readmeText } from './bundle-format';
import { attestationsInScope, collect, exclusionsInScope } from './decisions-in-scope';
import { countCollectedAfterAsOf } from './evidence-queries';
import {
  canonicalManifestBytes,
  EVIDENCE_FORMAT_VERSION,
  MANIFEST_FILE,
  PUBLIC_KEY_FILE,
  SIGNATURE_FILE,
  type EvidenceManifest,
  type ManifestFile,
} from './manifest';
import { signBytes, type SigningKey } from './signing';
import { buildSummaryModel, renderSummaryHtml, renderSummaryPdf } from './summary-report';

export class BundleAbortedError extends Error {
  constructor(message = 'The evidence bundle was abandoned before it was complete (the download was cancelled).') {
    super(message);
    this.name = 'BundleAbortedError';
  }
}

export interface BuildEvidenceBundleOptions {
  db: Db;
  scope: ResolvedScope;
  actor: SessionUser;
  archive: Archiver;
  signingKey: SigningKey;
  bundleId?: string;
  generatedAt?: Date;
  /** Rows per database batch (default 1000). */
  batchSize?: number;
  signal?: AbortSignal;
  /** Called as each entry is complete, for progress. */
  onEntry?: (file: ManifestFile) => void;
}

export interface BuiltBundle {
  manifest: EvidenceManifest;
  /** Hex SHA-256 of manifest.json's bytes: the bundle's identity in the audit trail. */
  manifestSha256: string;
  /** manifest.sig's content (base64). */
  signature: string;
}

const CSV = 'text/csv; charset=utf-8';
const JSONL = 'application/x-ndjson; charset=utf-8';

/** Rejects when the archive closes (or errors) before it was finalized, or the signal aborts. */
function whenAbandoned(archive: Archiver, signal: AbortSignal | undefined): { promise: Promise<never>; settle(): void } {
  let settled = false;
  let cleanup = () => {};
  const promise = new Promise<never>((_, reject) => {
    const onClose = () => {
      if (!settled && !archive.readableEnded) reject(new BundleAbortedError());
    };
    // Destroyed from outside (the reader went away, possibly with a reason): abandoned, not failed.
    const onError = (error: Error) => {
      if (!settled) reject(archive.destroyed ? new BundleAbortedError() : error);
    };
    const onAbort = () => {
      if (!settled) reject(new BundleAbortedError());
    };
    archive.on('close', onClose);
    archive.on('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
    cleanup = () => {
      archive.off('close', onClose);
      signal?.removeEventListener('abort', onAbort);
    };
  });
  promise.catch(() => {});
  return {
    promise,
    settle() {
      settled = true;
      cleanup();
    },
  };
}

export async function buildEvidenceBundle(options: BuildEvidenceBundleOptions): Promise<BuiltBundle> {
  const { db, scope, archive, signingKey, actor } = options;
  const generatedAt = options.generatedAt ?? new Date();
  const bundleId = options.bundleId ?? randomUUID();
  const paging = { batchSize: options.batchSize };
  const abandoned = whenAbandoned(archive, options.signal);
  const files: ManifestFile[] = [];
  const log = logger.child({ bundleId });

  /** Appends one entry, streaming `produce` into the zip while hashing it; resolves when all of it is handed over. */
  async function entry(path: string, mediaType: string, produce: (count: Count) => Chunks, withRecords = true): Promise<void> {
    const hash = createHash('sha256');
    let size = 0;
    let records = 0;
    const count: Count = (n = 1) => {
      records += n;
    };
    let finish!: () => void;
    let fail!: (error: unknown) => void;
    const done = new Promise<void>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
    async function* hashed() {
      for await (const chunk of produce(count)) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        if (bytes.byteLength === 0) continue;
        hash.update(bytes);
        size += bytes.byteLength;
        yield bytes;
      }
      finish();
    }
    const stream = Readable.from(hashed(), { objectMode: false });
    stream.on('error', fail);
    archive.append(stream, { name: path, date: generatedAt });
    try {
      await Promise.race([done, abandoned.promise]);
    } catch (error) {
      stream.destroy();
      throw error;
    }
    const file: ManifestFile = { path, size, sha256: hash.digest('hex'), mediaType, ...(withRecords ? { records } : {}) };
    files.push(file);
    options.onEntry?.(file);
  }

  // Counted in the database while the first files stream; a failure surfaces where awaited.
  const collectedAfter = countCollectedAfterAsOf(db, scope);
  collectedAfter.catch(() => {});

  try {
    await entry('README.txt', 'text/plain; charset=utf-8', async function* () {
      yield readmeText({ bundleId, generatedAt, fingerprint: signingKey.fingerprint });
    }, false);
    await entry('accounts.csv', CSV, (count) => accountsCsv(db, scope, count));

    const raci = await raciMatrixAsOf(db, scope.asOf.instant, { controlIds: scope.controls.map((c) => c.id) });
    await entry('raci.csv', CSV, (count) => raciCsv(scope, raci, count));

    const exclusions = await collect(exclusionsInScope(db, scope));
    await entry('exclusions.csv', CSV, (count) => exclusionsCsv(exclusions, count));

    const attestations = await collect(attestationsInScope(db, scope));
    const filePaths = new Map(attestations.filter((a) => a.file).map((a) => [a.id, attestationFilePath(a.id, a.file!.name)]));
    await entry('attestations.csv', CSV, (count) => attestationsCsv(attestations, filePaths, count));
    for (const [attestationId, path] of filePaths) {
      await entry(path, attestations.find((a) => a.id === attestationId)?.file?.type ?? 'application/octet-stream', () => attestationFile(db, attestationId), false);
    }

    await entry('findings.jsonl', JSONL, (count) => findingsJsonl(db, scope, count, paging));
    await entry('config-evaluations.jsonl', JSONL, (count) => configEvaluationsJsonl(db, scope, count, paging));
    await entry('evaluations.csv', CSV, (count) => evaluationsCsv(db, scope, count, paging));
    await entry('audit-log.jsonl', JSONL, (count) => auditLogJsonl(db, scope, count, paging));

    // Posture is computed after the large files, not beside them: its evaluation (one account at
    // a time) and the streaming batches never hold memory at the same time.
    const computed: BundlePosture = await Promise.race([bundlePosture(db, scope), abandoned.promise]);
    await entry('controls.csv', CSV, (count) => controlsCsv(scope, computed, raci, count));

    const ownerRows = await db.accountOwner.findMany({ where: { accountId: { in: scope.accountIds } }, select: { accountId: true, user: { select: { email: true } } } });
    const owners = new Map<string, string[]>();
    for (const o of ownerRows) owners.set(o.accountId, [...(owners.get(o.accountId) ?? []), o.user.email].sort());

    const notes = bundleNotes(scope, computed, await collectedAfter);
    const model = buildSummaryModel({
      bundleId,
      formatVersion: EVIDENCE_FORMAT_VERSION,
      generatedAt,
      generatedBy: { name: actor.name, email: actor.email, role: actor.role },
      scope,
      posture: computed,
      raci,
      owners,
      exclusions: exclusions.filter((x) => x.activeAsOf),
      attestations: attestations.filter((a) => a.activeAsOf),
      notes,
      publicKeyFingerprint: signingKey.fingerprint,
    });
    await entry('summary.html', 'text/html; charset=utf-8', async function* () {
      yield renderSummaryHtml(model);
    }, false);
    await entry('summary.pdf', 'application/pdf', async function* () {
      for await (const chunk of renderSummaryPdf(model)) yield chunk as Uint8Array;
    }, false);

    const manifest: EvidenceManifest = {
      format: EVIDENCE_FORMAT_VERSION,
      bundleId,
      generatedAt: generatedAt.toISOString(),
      generatedBy: { id: actor.id, email: actor.email, name: actor.name, role: actor.role },
      asOf: { requested: scope.asOf.requested, instant: scope.asOf.instant.toISOString(), posture: computed.mode },
      scope: scopeRecord(scope.requested),
      resolved: { accounts: scope.accountIds, controls: scope.controls.length, catalogVersion: BUNDLE_CATALOG.version },
      signing: { algorithm: 'Ed25519', publicKeyFingerprint: signingKey.fingerprint, publicKeyFile: PUBLIC_KEY_FILE, signatureFile: SIGNATURE_FILE },
      files,
      notes,
    };
    const bytes = canonicalManifestBytes(manifest);
    const signature = signBytes(bytes, signingKey.privateKey);
    archive.append(bytes, { name: MANIFEST_FILE, date: generatedAt });
    archive.append(Buffer.from(signature, 'ascii'), { name: SIGNATURE_FILE, date: generatedAt });
    archive.append(Buffer.from(signingKey.publicKeyPem, 'ascii'), { name: PUBLIC_KEY_FILE, date: generatedAt });
    await Promise.race([archive.finalize(), abandoned.promise]);
    log.debug({ files: files.length, bytes: archive.pointer() }, 'evidence bundle written');
    return { manifest, manifestSha256: createHash('sha256').update(bytes).digest('hex'), signature };
  } finally {
    abandoned.settle();
  }
}

function bundleNotes(scope: ResolvedScope, posture: BundlePosture, collectedAfter: { findings: number; configEvaluations: number }): string[] {
  const notes: string[] = [];
  if (posture.mode === 'live') {
    notes.push('Posture was computed from the evidence synced when the bundle was generated, with the exclusions and attestations in force then.');
  } else {
    const days = [...new Set(posture.snapshotDays.map((d) => d.day))].sort();
    notes.push(
      days.length
        ? `Posture comes from the daily posture snapshots (latest on or before ${scope.asOf.day} per account: ${days.join(', ')}).`
        : `No daily posture snapshot exists on or before ${scope.asOf.day}: no posture can be shown for that day.`,
    );
    if (posture.accountsWithoutSnapshot.length && days.length) {
      notes.push(`No snapshot on or before ${scope.asOf.day} for account(s) ${posture.accountsWithoutSnapshot.join(', ')}: their posture is not counted.`);
    }
  }
  if (collectedAfter.findings || collectedAfter.configEvaluations) {
    notes.push(
      `${collectedAfter.findings} finding(s) and ${collectedAfter.configEvaluations} Config evaluation(s) in scope reached Safeguards after the as-of time (updated by AWS, or first collected, later); only the newest version of each record is kept, so they are not in findings.jsonl, config-evaluations.jsonl or evaluations.csv.`,
    );
  }
  notes.push('Account names, role ARNs, regions and owners are as registered when the bundle was generated; sync times are as of the as-of time.');
  return notes;
}
