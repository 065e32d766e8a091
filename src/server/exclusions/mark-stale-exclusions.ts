// Staleness: an approved exclusion of a resource that no source reports any more is marked stale
// (a flag with its history entry, not a status: it still waives failures until it expires or is
// revoked). When the resource is reported again the mark is cleared. Idempotent: each mark and
// each clearing is written once, by a conditional update.
import type { Prisma } from '@/generated/prisma/client';
import type { Db } from '@/server/db';
import { staleExclusions, type Exclusion as PostureExclusion } from '@/server/posture';

export const STALE_REASON = 'The resource is no longer reported by AWS Config or Security Hub.';
export const REPORTED_AGAIN_REASON = 'The resource is reported again.';

export async function markStaleExclusions(
  db: Db,
  options: {
    /** Resource ids (ARNs or Config resource ids) currently reported by any source. */
    reportedResourceIds: ReadonlySet<string>;
    /** Only exclusions of these accounts (e.g. the accounts just synced); all when absent. */
    accountIds?: readonly string[];
    now?: Date;
  },
): Promise<{ markedStale: string[]; reportedAgain: string[] }> {
  const now = options.now ?? new Date();
  const where: Prisma.ExclusionWhereInput = {
    status: 'approved',
    resourceId: { not: null },
    ...(options.accountIds ? { accountId: { in: [...options.accountIds] } } : {}),
  };
  return db.$transaction(async (tx) => {
    const candidates = await tx.exclusion.findMany({
      where,
      select: { id: true, accountId: true, resourceId: true, controlId: true, serviceId: true, status: true, expiresAt: true, staleSince: true },
    });
    const asPosture: PostureExclusion[] = candidates.map((c) => ({ ...c }));
    const stale = new Set(staleExclusions(asPosture, options.reportedResourceIds).map((e) => e.id));
    const toMark = candidates.filter((c) => stale.has(c.id) && c.staleSince === null).map((c) => c.id);
    const toClear = candidates.filter((c) => !stale.has(c.id) && c.staleSince !== null).map((c) => c.id);

    const marked = toMark.length
      ? await tx.exclusion.updateManyAndReturn({ where: { id: { in: toMark }, status: 'approved', staleSince: null }, data: { staleSince: now }, select: { id: true } })
      : [];
    const cleared = toClear.length
      ? await tx.exclusion.updateManyAndReturn({ where: { id: { in: toClear }, status: 'approved', staleSince: { not: null } }, data: { staleSince: null }, select: { id: true } })
      : [];
    const events = [
      ...marked.map((r) => ({ exclusionId: r.id, action: 'stale', reason: STALE_REASON })),
      ...cleared.map((r) => ({ exclusionId: r.id, action: 'reported_again', reason: REPORTED_AGAIN_REASON })),
    ];
    if (events.length) {
      await tx.exclusionEvent.createMany({ data: events.map((e) => ({ ...e, fromStatus: 'approved', toStatus: 'approved', actorId: null, at: now })) });
    }
    return { markedStale: marked.map((r) => r.id), reportedAgain: cleared.map((r) => r.id) };
  });
}
