// "Who exported what and when": the latest evidence exports from the audit trail, one line per
// bundle (its start and, when it ended, how).
import type { Db } from '@/server/db';
import type { BundleScopeRecord } from './manifest';
import type { ExportStatus } from './export-evidence';

export interface RecentExport {
  bundleId: string;
  startedAt: Date;
  actorEmail: string | null;
  asOf: string;
  /** The instant the bundle's evidence is as of (for "now", when it was generated). */
  asOfInstant: Date | null;
  scope: BundleScopeRecord | null;
  status: ExportStatus;
  endedAt: Date | null;
  manifestSha256: string | null;
  bytes: number | null;
}

interface ExportDetails {
  status?: ExportStatus;
  bundleId?: string;
  asOf?: string;
  asOfInstant?: string;
  scope?: BundleScopeRecord;
  manifestSha256?: string;
  bytes?: number;
}

export async function recentExports(db: Db, options: { limit?: number } = {}): Promise<RecentExport[]> {
  const limit = options.limit ?? 20;
  const events = await db.auditEvent.findMany({
    where: { action: 'evidence.export' },
    orderBy: { id: 'desc' },
    take: limit * 2,
    select: { at: true, actorEmail: true, targetId: true, details: true },
  });
  const byBundle = new Map<string, RecentExport>();
  // Oldest first, so the end of an export overwrites its start.
  for (const e of [...events].reverse()) {
    const d = (e.details ?? {}) as ExportDetails;
    const bundleId = d.bundleId ?? e.targetId;
    if (!bundleId) continue;
    const seen = byBundle.get(bundleId);
    if (!seen || d.status === 'started') {
      byBundle.set(bundleId, {
        bundleId,
        startedAt: e.at,
        actorEmail: e.actorEmail,
        asOf: d.asOf ?? 'now',
        asOfInstant: d.asOfInstant ? new Date(d.asOfInstant) : null,
        scope: d.scope ?? null,
        status: d.status ?? 'started',
        endedAt: null,
        manifestSha256: null,
        bytes: null,
      });
    } else {
      Object.assign(seen, { status: d.status ?? seen.status, endedAt: e.at, manifestSha256: d.manifestSha256 ?? null, bytes: d.bytes ?? null });
    }
  }
  return [...byBundle.values()].sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime()).slice(0, limit);
}
