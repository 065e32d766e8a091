// The "export evidence" use case: checks the role and the scope (errors surface before any
// byte is sent), then returns the zip as a stream that is written while it is read. Every
// export is in the audit trail twice: when it starts (who, scope, as-of), and when it ends
// (completed with the manifest's SHA-256 and the bytes sent, cancelled, or failed).
import { randomUUID } from 'node:crypto';
import { ZipArchive } from 'archiver';
import type { Readable } from 'node:stream';
import { recordAuditEvent } from '@/server/audit/record-audit-event';
import { can } from '@/server/auth/permissions';
import type { SessionUser } from '@/server/auth/users';
import type { Db } from '@/server/db';
import { ForbiddenError, TooManyRequestsError } from '@/server/errors';
import { logger } from '@/server/logger';
import { resolveBundleScope, scopeRecord, type BundleScope, type ResolvedScope } from './bundle-scope';
import { BundleAbortedError, buildEvidenceBundle, type BuiltBundle } from './build-evidence-bundle';
import { evidenceSigningKey } from './signing';

export type ExportStatus = 'started' | 'completed' | 'cancelled' | 'failed';

export interface EvidenceExport {
  bundleId: string;
  fileName: string;
  /** The zip, produced as it is read. */
  stream: Readable;
  scope: ResolvedScope;
  /** Settles when the export ended (never rejects): the bundle, or null when it did not complete. */
  done: Promise<BuiltBundle | null>;
}

/**
 * Exports one app instance streams at once. Each holds one database batch and one account's
 * evidence at a time (see the README's memory figures); more at once would multiply that.
 */
export const MAX_CONCURRENT_EXPORTS = 2;
let running = 0;

export function bundleFileName(scope: ResolvedScope, generatedAt: Date, bundleId: string): string {
  const when = scope.asOf.posture === 'snapshot' ? `as-of-${scope.asOf.day}` : generatedAt.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return `safeguards-evidence-${when}-${bundleId.slice(0, 8)}.zip`;
}

export async function startEvidenceExport(
  db: Db,
  options: { actor: SessionUser; scope: BundleScope; now?: Date; signal?: AbortSignal; batchSize?: number; compressionLevel?: number },
): Promise<EvidenceExport> {
  const { actor } = options;
  if (!can(actor.role, 'evidence:export')) throw new ForbiddenError();
  const generatedAt = options.now ?? new Date();
  const scope = await resolveBundleScope(db, options.scope, generatedAt);
  const signingKey = await evidenceSigningKey(db);
  if (running >= MAX_CONCURRENT_EXPORTS) {
    throw new TooManyRequestsError(`${running} evidence exports are running; try again when one has finished.`, 30);
  }
  running++;
  const bundleId = randomUUID();
  const audit = (status: ExportStatus, extra: Record<string, string | number | null> = {}) =>
    recordAuditEvent(db, {
      actor: { id: actor.id, email: actor.email },
      action: 'evidence.export',
      target: { type: 'evidence_bundle', id: bundleId },
      accountId: scope.accountIds.length === 1 ? scope.accountIds[0] : null,
      details: { status, bundleId, asOf: scope.asOf.requested, asOfInstant: scope.asOf.instant.toISOString(), scope: { ...scopeRecord(scope.requested) }, ...extra },
    });
  try {
    await audit('started');
  } catch (error) {
    running--;
    throw error;
  }

  const archive = new ZipArchive({ zlib: { level: options.compressionLevel ?? 6 } });
  const log = logger.child({ bundleId, actor: actor.email });
  const done = buildEvidenceBundle({ db, scope, actor, archive, signingKey, bundleId, generatedAt, signal: options.signal, batchSize: options.batchSize }).then(
    async (built) => {
      await audit('completed', { manifestSha256: built.manifestSha256, files: built.manifest.files.length, bytes: archive.pointer() }).catch((error: unknown) =>
        log.error({ err: error }, 'could not record the completed evidence export'),
      );
      log.info({ bytes: archive.pointer() }, 'evidence bundle exported');
      return built;
    },
    async (error: unknown) => {
      const cancelled = error instanceof BundleAbortedError;
      if (!archive.destroyed) archive.destroy(cancelled ? undefined : error instanceof Error ? error : new Error(String(error)));
      if (cancelled) log.info({ bytes: archive.pointer() }, 'evidence export cancelled');
      else log.error({ err: error }, 'evidence export failed');
      await audit(cancelled ? 'cancelled' : 'failed', { bytes: archive.pointer(), error: cancelled ? null : String((error as Error)?.message ?? error) }).catch(
        (auditError: unknown) => log.error({ err: auditError }, 'could not record the failed evidence export'),
      );
      return null;
    },
  ).finally(() => {
    running--;
  });
  return { bundleId, fileName: bundleFileName(scope, generatedAt, bundleId), stream: archive, scope, done };
}
