// The exclusions posture evaluation takes into account: approved and not yet expired at `asOf`,
// whatever the worker has written so far.
import type { Db } from '@/server/db';
import type { Exclusion as PostureExclusion } from '@/server/posture';

export async function activeExclusions(
  db: Db,
  options: {
    /** The accounts being evaluated; every account when absent. */
    accountIds?: readonly string[];
    asOf: Date;
  },
): Promise<PostureExclusion[]> {
  const rows = await db.exclusion.findMany({
    where: {
      status: 'approved',
      expiresAt: { gt: options.asOf },
      ...(options.accountIds ? { accountId: { in: [...options.accountIds] } } : {}),
    },
    select: { id: true, accountId: true, resourceId: true, controlId: true, serviceId: true, status: true, expiresAt: true },
    orderBy: { id: 'asc' },
  });
  return rows.map((row) => ({ ...row }));
}
