// Syncs every enabled account-region with a bounded pool, so one slow or failing
// account never holds up the others.
import pLimit from 'p-limit';
import type { Db } from '@/server/db';
import { syncAccountRegion, type SyncOutcome } from './sync-account-region';

export const DEFAULT_SYNC_CONCURRENCY = 8;

export interface AccountRegion {
  accountId: string;
  region: string;
}

export async function enabledAccountRegions(db: Db, accountIds?: string[]): Promise<AccountRegion[]> {
  const accounts = await db.awsAccount.findMany({
    where: { enabled: true, ...(accountIds ? { id: { in: accountIds } } : {}) },
    select: { id: true, regions: true },
    orderBy: { id: 'asc' },
  });
  return accounts.flatMap((a) => a.regions.map((region) => ({ accountId: a.id, region })));
}

export async function syncAccountRegions(
  db: Db,
  targets: AccountRegion[],
  options: { concurrency?: number; trigger?: string; maxAttempts?: number } = {},
): Promise<SyncOutcome[]> {
  const accounts = new Map(
    (await db.awsAccount.findMany({ where: { id: { in: [...new Set(targets.map((t) => t.accountId))] } } })).map((a) => [a.id, a]),
  );
  const limit = pLimit(options.concurrency ?? DEFAULT_SYNC_CONCURRENCY);
  const results = await Promise.all(
    targets.map((t) =>
      limit(async () => {
        const account = accounts.get(t.accountId);
        if (!account) return [];
        return syncAccountRegion({
          db,
          account: { accountId: account.id, roleArn: account.roleArn, externalId: account.externalId },
          region: t.region,
          trigger: options.trigger,
          maxAttempts: options.maxAttempts,
        });
      }),
    ),
  );
  return results.flat();
}

export async function syncOrganization(db: Db, options: { concurrency?: number; trigger?: string; maxAttempts?: number } = {}) {
  return syncAccountRegions(db, await enabledAccountRegions(db), options);
}
