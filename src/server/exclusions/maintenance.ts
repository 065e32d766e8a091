// The worker's periodic exclusion job: expire what is past its date, then mark approved
// exclusions of resources no source reports any more as stale (and clear the mark of those
// reported again), in accounts synced successfully at least once. Safe to run on several
// workers at once and as often as wanted.
import type { Db } from '@/server/db';
import { refreshCurrentPostureAfterChange } from '@/server/posture/current-posture';
import { expireExclusions } from './expire-exclusions';
import { markStaleExclusions } from './mark-stale-exclusions';

const CHUNK = 1000;

/**
 * Which of these resource ids a source still reports: an active Security Hub finding, or a
 * Config evaluation Config still returns (by resource id or by its ARN).
 */
export async function reportedResourceIds(db: Db, resourceIds: readonly string[]): Promise<Set<string>> {
  const reported = new Set<string>();
  const unique = [...new Set(resourceIds)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const ids = unique.slice(i, i + CHUNK);
    const [findings, byId, byArn] = await Promise.all([
      db.finding.findMany({ where: { resourceId: { in: ids }, recordState: 'ACTIVE' }, select: { resourceId: true }, distinct: ['resourceId'] }),
      db.configEvaluation.findMany({ where: { resourceId: { in: ids }, resolvedAt: null }, select: { resourceId: true }, distinct: ['resourceId'] }),
      db.configEvaluation.findMany({ where: { resourceArn: { in: ids }, resolvedAt: null }, select: { resourceArn: true }, distinct: ['resourceArn'] }),
    ]);
    for (const f of findings) reported.add(f.resourceId);
    for (const e of byId) reported.add(e.resourceId);
    for (const e of byArn) if (e.resourceArn) reported.add(e.resourceArn);
  }
  return reported;
}

export interface ExclusionMaintenanceResult {
  expired: string[];
  markedStale: string[];
  reportedAgain: string[];
}

export async function runExclusionMaintenance(db: Db, now: Date = new Date()): Promise<ExclusionMaintenanceResult> {
  const { expired } = await expireExclusions(db, now);
  if (expired.length > 0) {
    // Reads already treat a lapsed exclusion as out of force; refreshing here spares a page that work.
    const accounts = await db.exclusion.findMany({ where: { id: { in: expired } }, select: { accountId: true }, distinct: ['accountId'] });
    await refreshCurrentPostureAfterChange(db, accounts.map((a) => a.accountId));
  }
  // Only accounts synced successfully at least once: an account not synced yet reports nothing,
  // which says nothing about its resources.
  const synced = await db.syncState.findMany({ where: { lastSuccessAt: { not: null } }, select: { accountId: true }, distinct: ['accountId'] });
  const accountIds = synced.map((s) => s.accountId);
  const approved = await db.exclusion.findMany({
    where: { status: 'approved', resourceId: { not: null }, accountId: { in: accountIds } },
    select: { resourceId: true },
    distinct: ['resourceId'],
  });
  const resourceIds = approved.flatMap((e) => (e.resourceId ? [e.resourceId] : []));
  const reported = await reportedResourceIds(db, resourceIds);
  const { markedStale, reportedAgain } = await markStaleExclusions(db, { reportedResourceIds: reported, accountIds, now });
  return { expired, markedStale, reportedAgain };
}
